"""Gates, judged from answers and document facts together: passed, failed or unknown, with why.

Which question speaks to which gate is data: a question's `check:` in `lexicons/questions.yaml`
names the rubric check it informs, and each gate's judge reads the answers wired to it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from nextgen_assistant.assessment.model import GateReading, GateResult
from nextgen_assistant.clock import months_ago, months_between
from nextgen_assistant.dialogue.model import Answer
from nextgen_assistant.dialogue.questions import Question, QuestionBank
from nextgen_assistant.rubric import Check, Rubric
from nextgen_assistant.signals.model import NO_OUTCOME, DocumentFacts, Signal, counted_rules

UNKNOWN = GateReading(passed=None, reason="")


@dataclass(frozen=True)
class GateInputs:
    """What a gate's judge reads: the answers wired to rubric checks, the documents' facts and
    signals (strongest first), and the day the report is made."""

    bank: QuestionBank
    answers: dict[str, Answer]
    facts: DocumentFacts | None
    signals: list[Signal]
    today: date

    def wired(self, check_id: str, kind: str | None = None) -> list[tuple[Question, Answer]]:
        """The answered questions whose `check:` is `check_id` (of type `kind` when given), in
        the order of questions.yaml."""
        return [
            (question, self.answers[question.id])
            for question in self.bank.all_questions()
            if question.check == check_id
            and (kind is None or question.type == kind)
            and question.id in self.answers
            and self.answers[question.id].status == "answered"
            and self.answers[question.id].value is not None
        ]

    def first_value(self, check_id: str, kind: str) -> object:
        """The value of the first answered question of this type wired to the check."""
        found = self.wired(check_id, kind)
        return found[0][1].value if found else None


Judge = Callable[[Check, GateInputs], tuple[GateReading, GateReading]]
"""A gate's judge: what the answers say and what the documents show."""


def _plural(count: int, word: str, plural: str) -> str:
    return f"{count} {word if count == 1 else plural}"


def _footprint(check: Check, inputs: GateInputs) -> tuple[GateReading, GateReading]:
    need = int(check.limit)
    counties = inputs.first_value(check.id, "number")
    said = UNKNOWN
    if isinstance(counties, int | float):
        said = GateReading(
            passed=counties >= need,
            reason=f"said member companies operate in {counties:g} "
            + ("county" if counties == 1 else "counties"),
        )
    shown = UNKNOWN
    if inputs.facts is not None:
        count = max(len(inputs.facts.counties), inputs.facts.region_county_count or 0)
        if count:
            named = f" ({', '.join(inputs.facts.counties[:4])})" if inputs.facts.counties else ""
            shown = GateReading(
                passed=count >= need,
                reason=f"the documents name {_plural(count, 'county', 'counties')}{named}",
            )
    return said, shown


def _attendance(check: Check, inputs: GateInputs) -> tuple[GateReading, GateReading]:
    # questions.yaml wires two number questions to this gate: business leaders first, then
    # public partners.
    counts = [answer.value for _, answer in inputs.wired(check.id, "number")]
    said = UNKNOWN
    if len(counts) >= 2 and all(isinstance(c, int | float) for c in counts[:2]):
        business, public = float(counts[0]), float(counts[1])  # type: ignore[arg-type]
        said = GateReading(
            passed=business > public,
            reason=f"said {business:g} business leaders and {public:g} public partners attended",
        )
    shown = UNKNOWN
    if inputs.facts is not None:
        meetings = [m for m in inputs.facts.attendance if m.source == "minutes"]
        meetings = meetings or inputs.facts.attendance
        if meetings:
            last = meetings[-1]
            shown = GateReading(
                passed=last.business > last.public,
                reason=f"the {last.source} ({last.label}) list {last.business} business and "
                f"{last.public} public participants",
            )
    return said, shown


def _agenda(check: Check, inputs: GateInputs) -> tuple[GateReading, GateReading]:
    said = UNKNOWN
    for _, answer in inputs.wired(check.id, "text"):
        if not answer.understood or answer.confirmed is False:
            continue
        red = [
            x
            for x in answer.understood
            if x.indicator == "industry_driven_agenda" and x.polarity == "red_flag"
        ]
        good = [x for x in answer.understood if x.polarity == "supporting"]
        if red or good:
            said = GateReading(passed=not red, reason=f"said “{answer.raw}”")
            break
    if said.passed is None:
        said = _rated(check, inputs)
    rules = [
        x
        for x in inputs.signals
        if x.counted
        and x.rule.startswith(
            (
                "industry_driven_agenda.business_sets_agenda",
                "industry_driven_agenda.staff_set_agenda",
                "industry_driven_agenda.agenda_by_education",
            )
        )
    ]
    shown = UNKNOWN
    if rules:
        supporting = [x for x in rules if x.polarity == "supporting"]
        passed = len(supporting) > len(rules) - len(supporting)
        # The strongest sentence on the winning side: signals arrive strongest first.
        quoted = next(x for x in rules if (x.polarity == "supporting") == passed)
        shown = GateReading(passed=passed, reason=f"the documents say “{quoted.quote}”")
    return said, shown


def _rated(check: Check, inputs: GateInputs) -> GateReading:
    """The first agree-scale answer wired to the check: 4 or 5 of 5 passes, 1 to 3 fails."""
    agree = inputs.first_value(check.id, "agree")
    if not isinstance(agree, int):
        return UNKNOWN
    question = inputs.wired(check.id, "agree")[0][0]
    rated = question.text.rstrip(".")
    return GateReading(
        passed=agree >= 4, reason=f"rated “{rated}” {agree} of 5", question=question.id
    )


def _coverage(check: Check, inputs: GateInputs) -> tuple[GateReading, GateReading]:
    need = int(check.limit)
    wired = inputs.wired(check.id, "multi")
    choices = wired[0][0].choices if wired else _partner_choices(inputs.bank, check.id)
    said = UNKNOWN
    named: list[str] = []
    if wired and isinstance(wired[0][1].value, list):
        named = list(wired[0][1].value)
        said = GateReading(
            passed=len(named) >= need,
            reason=f"named {len(named)} of the {len(choices) or 5} partner types",
            missing=_labels(choices, named),
        )
    shown = UNKNOWN
    if inputs.facts is not None and inputs.facts.partner_types:
        types = inputs.facts.partner_types
        shown = GateReading(
            passed=len(types) >= need,
            reason=f"the documents show {len(types)} of 5 ({', '.join(_named(choices, types))})",
            missing=_labels(choices, types),
        )
    return said, shown


def _partner_choices(bank: QuestionBank, check_id: str) -> list:  # type: ignore[type-arg]
    return next(
        (q.choices for q in bank.all_questions() if q.check == check_id and q.type == "multi"), []
    )


def _labels(choices: list, present: list[str]) -> list[str]:  # type: ignore[type-arg]
    """The partner types not present, in the words of the question's choices."""
    return [c.label.split(" (")[0] for c in choices if c.value not in present]


def _named(choices: list, values: list[str]) -> list[str]:  # type: ignore[type-arg]
    """Choices given by their ids, in the words of the question's choices (never an id such as
    economic_development in a sentence a person reads), lower-case inside a sentence."""
    labels = {c.value: c.label.split(" (")[0] for c in choices}
    return [labels.get(v, v.replace("_", " ")).lower().replace("k-12", "K-12") for v in values]


def _plan(check: Check, inputs: GateInputs) -> tuple[GateReading, GateReading]:
    limit = int(check.limit)
    updated = inputs.first_value(check.id, "date")
    said = UNKNOWN
    if isinstance(updated, date):
        age = months_between(updated, inputs.today)
        said = GateReading(
            passed=age <= limit,
            reason=f"said the plan was updated {updated:%B %Y} ({months_ago(age)})",
        )
    else:
        # A plan that does not exist cannot be current: the answer wired to `plan_in_use`.
        said = _no_plan_said(inputs)
    shown = UNKNOWN
    if inputs.facts is not None and inputs.facts.plan_dates:
        latest = max(inputs.facts.plan_dates, key=lambda plan: plan.updated)
        shown = GateReading(
            passed=latest.age_months <= limit,
            reason=f"the documents date the plan {latest.updated:%B %Y} "
            f"({months_ago(latest.age_months)})",
        )
    return said, shown


def _no_plan_said(inputs: GateInputs) -> GateReading:
    """The answer to "is there a written action plan?" when it is no (`plan_in_use`'s choice)."""
    for question, answer in inputs.wired("plan_in_use", "choice"):
        chosen = next((c for c in question.choices if c.value == answer.value), None)
        if chosen is not None and chosen.score is not None and chosen.score <= 1:
            return GateReading(
                passed=False, reason="said there is no written action plan", question=question.id
            )
    return UNKNOWN


def _plan_in_use(check: Check, inputs: GateInputs) -> tuple[GateReading, GateReading]:
    """Two of three, from the answers and from the documents alike: a written plan (the answer
    "yes" to a written plan; the documents' rules), action teams carrying it out (4 or 5 of 5 on
    the action-teams statement), a plan kept current (a last update within `plan_current`'s
    months, which decides wherever the documents date the plan)."""
    said = _no_plan_said(inputs)
    if said.passed is None:
        said = _aspects_said(check, inputs)
    current: bool | None = None
    if inputs.facts is not None and inputs.facts.plan_dates:
        latest = max(inputs.facts.plan_dates, key=lambda plan: plan.updated)
        current = latest.age_months <= _plan_limit()
    return said, _aspects_shown(check, inputs, "shared_action_plan", {"current": current})


def _aspects_shown(
    check: Check, inputs: GateInputs, indicator: str, decided: dict[str, bool | None]
) -> GateReading:
    """A gate of aspects (two of three) as the documents' counted signals show it; `decided`:
    aspects a fact settles either way (a dated plan is current or not), None where it does
    not."""
    supporting, red_flags = counted_rules(inputs.signals, indicator)
    if check.shown_by_documents(supporting, red_flags) is None:
        return UNKNOWN
    by_rules = check.aspects_shown(supporting, red_flags)
    shown = [
        a
        for a in check.aspects
        if (decided[a.id] if decided.get(a.id) is not None else a in by_rules)
    ]
    return GateReading(
        passed=len(shown) >= (check.aspects_needed or 0),
        reason=check.aspects_sentence(shown),
        missing=[a.shown_as for a in check.aspects if a not in shown],
    )


def _team(check: Check, inputs: GateInputs) -> tuple[GateReading, GateReading]:
    """Two of three, from the answers and from the documents alike: public partners of several
    kinds at the table (the check's threshold of kinds named in answer to the partner-types
    question),
    partners coordinating (4 or 5 of 5 on coordination, or a support team that meets quarterly
    or more often), partners responding with their programs (the documents only)."""
    said: dict[str, tuple[bool, str]] = {}
    for question, answer in inputs.wired("partner_type_coverage", "multi")[:1]:
        if isinstance(answer.value, list):
            said["at_the_table"] = (len(answer.value) >= int(check.limit), question.id)
    for question, answer in inputs.wired(check.id, "agree")[:1]:
        if isinstance(answer.value, int):
            said["coordinate"] = (answer.value >= 4, question.id)
    for question, answer in inputs.wired(check.id, "choice")[:1]:
        chosen = next((c for c in question.choices if c.value == answer.value), None)
        if chosen is not None and chosen.score is not None:
            meets = said.get("coordinate", (False, ""))[0] or chosen.score >= 4
            said["coordinate"] = (meets, question.id)
    reading = UNKNOWN
    if said:
        shown = [a for a in check.aspects if said.get(a.id, (False, ""))[0]]
        passed = len(shown) >= (check.aspects_needed or 0)
        # The answer a disagreement sets beside the documents: coordination first (what the
        # gate is about), then the partner types.
        order = [said[a] for a in ("coordinate", "at_the_table") if a in said]
        cited = next((q for ok, q in order if ok == passed), order[0][1])
        reading = GateReading(
            passed=passed,
            reason=check.aspects_sentence(shown, "said the partnership has"),
            missing=[a.shown_as for a in check.aspects if a not in shown],
            question=cited,
        )
    return reading, _aspects_shown(check, inputs, "public_partner_team", {})


def _plan_limit() -> int:
    """`plan_current`'s months, from the rubric in force."""
    from nextgen_assistant.rubric import load_rubric

    return int(load_rubric().indicator("shared_action_plan").check("plan_current").limit)


def _aspects_said(check: Check, inputs: GateInputs) -> GateReading:
    """The plan's aspects as the answers give them; unknown where none of the questions that
    speak to them was answered."""
    said: dict[str, tuple[bool, str]] = {}  # aspect id: (shown, the question that says so)
    for question, answer in inputs.wired(check.id, "choice"):
        chosen = next((c for c in question.choices if c.value == answer.value), None)
        if chosen is not None and chosen.score is not None:
            said["written"] = (chosen.score >= 4, question.id)
    for question, answer in inputs.wired(check.id, "agree")[:1]:
        if isinstance(answer.value, int):
            said["carried_out"] = (answer.value >= 4, question.id)
    for question, answer in inputs.wired("plan_current", "date")[:1]:
        if isinstance(answer.value, date):
            fresh = months_between(answer.value, inputs.today) <= _plan_limit()
            said["current"] = (fresh, question.id)
    if not said:
        return UNKNOWN
    shown = [a for a in check.aspects if said.get(a.id, (False, ""))[0]]
    passed = len(shown) >= (check.aspects_needed or 0)
    # The answer a disagreement with the documents sets beside them: one on the answers' side,
    # the action teams first (what the gate is about), then the plan's date, then the plan.
    first = next(iter(said.values()))[1]
    order = ("carried_out", "current", "written")
    cited = next((said[a][1] for a in order if a in said and said[a][0] == passed), first)
    return GateReading(
        passed=passed,
        reason=check.aspects_sentence(shown, "said the partnership has"),
        missing=[a.shown_as for a in check.aspects if a not in shown],
        question=cited,
    )


def _grants(check: Check, inputs: GateInputs) -> tuple[GateReading, GateReading]:
    limit = check.limit * 100
    share = inputs.first_value(check.id, "number")
    said = UNKNOWN
    if isinstance(share, int | float):
        said = GateReading(
            passed=share <= limit, reason=f"said the largest grant is {share:g}% of funding"
        )
    shown = UNKNOWN
    if inputs.facts is not None:
        amounts = [x for x in inputs.facts.funding if x.amount]
        total = sum(x.amount or 0 for x in amounts)
        if total:
            grants = [x.amount or 0 for x in amounts if x.kind == "grant"]
            largest = max(grants, default=0) / total * 100
            shown = GateReading(
                passed=largest <= limit,
                reason=f"the funding documents put the largest grant at {largest:.0f}% of "
                "stated funding",
            )
    return said, shown


def _outcomes(check: Check, inputs: GateInputs) -> tuple[GateReading, GateReading]:
    wired = inputs.wired(check.id, "multi")
    said = UNKNOWN
    if wired and isinstance(wired[0][1].value, list):
        question, chosen = wired[0][0], list(wired[0][1].value)
        # A choice of weight 0 (meetings held) is activity, not an outcome.
        outcomes = [c for c in question.choices if c.value in chosen and c.weight > 0]
        said = GateReading(
            passed=bool(outcomes),
            reason="said the partnership measures "
            + (", ".join(_named(question.choices, chosen)) or "nothing yet"),
        )
    shown = UNKNOWN
    if inputs.facts is not None and inputs.facts.metrics:
        outcome = [m for m in inputs.facts.metrics if m.kind == "outcome"]
        shown = GateReading(
            passed=bool(outcome),
            reason=f"the documents report {len(outcome)} outcome figure(s) and "
            f"{len(inputs.facts.metrics) - len(outcome)} activity count(s)",
        )
    silent = next((s for s in inputs.signals if s.rule == NO_OUTCOME and s.counted), None)
    if shown.passed is None and silent is not None:
        # The documents speak of the partnership's work and not one reports a result.
        shown = GateReading(passed=False, reason=silent.matched)
    return said, shown


JUDGES: dict[str, Judge] = {
    "footprint_crosses_jurisdictions": _footprint,
    "business_outnumbers_public": _attendance,
    "business_sets_agenda": _agenda,
    "partner_type_coverage": _coverage,
    "plan_current": _plan,
    "plan_in_use": _plan_in_use,
    "partners_coordinate": _team,
    "not_grant_dependent": _grants,
    "outcomes_measured": _outcomes,
}


def read_gate(check: Check, inputs: GateInputs) -> tuple[GateReading, GateReading]:
    """What the answers say and what the documents show about one gate."""
    judge = JUDGES.get(check.id)
    return judge(check, inputs) if judge else (UNKNOWN, UNKNOWN)


def gate_result(check: Check, said: GateReading, shown: GateReading) -> GateResult:
    """One gate's result: the documents decide where they speak, the answers where they don't.
    `said` is the answers' reading with who said it ('you said ...'; see `group`)."""
    passed = shown.passed if shown.passed is not None else said.passed
    missing = shown.missing if shown.passed is not None else said.missing
    if shown.passed is not None and said.passed is not None:
        # The documents decide the gate, but a next step never asks for what the answers say
        # is there (the chamber named, though the documents name no chamber): the gate's
        # disagreement says the difference, once, as one to check.
        missing = [item for item in shown.missing if item in said.missing]
    reasons = [r for r in (shown.reason, said.reason) if r]
    return GateResult(
        id=check.id,
        description=check.description,
        passed=passed,
        detail="; ".join(reasons) if reasons else "no answer or document speaks to this yet",
        from_answers=said.passed,
        from_documents=shown.passed,
        answered_by=said.question,
        missing=missing,
    )


def judge_gates(rubric: Rubric, indicator_id: str, inputs: GateInputs) -> list[GateResult]:
    """Every gate of one indicator, from one respondent's answers and the documents."""
    return [
        gate_result(check, *read_gate(check, inputs))
        for check in rubric.indicator(indicator_id).gates
    ]
