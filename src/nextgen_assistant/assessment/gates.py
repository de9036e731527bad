"""Gates, judged from answers and document facts together: passed, failed or unknown, with why."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from nextgen_assistant.assessment.model import GateResult
from nextgen_assistant.clock import months_between
from nextgen_assistant.dialogue.model import Answer
from nextgen_assistant.rubric import Check, Rubric
from nextgen_assistant.signals.model import DocumentFacts, Signal

Verdict = tuple[bool | None, str]


def _value(answers: dict[str, Answer], question_id: str) -> object:
    answer = answers.get(question_id)
    return answer.value if answer is not None and answer.status == "answered" else None


def _footprint(
    check: Check, a: dict[str, Answer], f: DocumentFacts | None, s: list[Signal], today: date
) -> tuple[Verdict, Verdict]:
    need = int(check.threshold or 2)
    counties = _value(a, "rlm_counties")
    said: Verdict = (None, "")
    if isinstance(counties, int | float):
        said = (
            counties >= need,
            f"you said member companies operate in {counties:g} count{'y' if counties == 1 else 'ies'}",
        )
    shown: Verdict = (None, "")
    if f is not None:
        count = max(len(f.counties), f.region_county_count or 0)
        if count:
            shown = (
                count >= need,
                f"the documents name {count} count{'y' if count == 1 else 'ies'}"
                + (f" ({', '.join(f.counties[:4])})" if f.counties else ""),
            )
    return said, shown


def _attendance(
    check: Check, a: dict[str, Answer], f: DocumentFacts | None, s: list[Signal], today: date
) -> tuple[Verdict, Verdict]:
    business, public = _value(a, "psl_business_attendees"), _value(a, "psl_public_attendees")
    said: Verdict = (None, "")
    if isinstance(business, int | float) and isinstance(public, int | float):
        said = (
            business > public,
            f"you said {business:g} business leaders and {public:g} public partners attended",
        )
    shown: Verdict = (None, "")
    if f is not None:
        meetings = [m for m in f.attendance if m.source == "minutes"] or f.attendance
        if meetings:
            last = meetings[-1]
            shown = (
                last.business > last.public,
                f"the {last.source} ({last.label}) list {last.business} business and {last.public} public participants",
            )
    return said, shown


def _agenda(
    check: Check, a: dict[str, Answer], f: DocumentFacts | None, s: list[Signal], today: date
) -> tuple[Verdict, Verdict]:
    said: Verdict = (None, "")
    setter = a.get("ida_agenda_setter")
    if setter is not None and setter.understood and setter.confirmed is not False:
        red = [
            x
            for x in setter.understood
            if x.indicator == "industry_driven_agenda" and x.polarity == "red_flag"
        ]
        good = [x for x in setter.understood if x.polarity == "supporting"]
        if red or good:
            said = (not red, f"you said “{setter.raw}”")
    agree = _value(a, "ida_agree_industry_identified")
    if said[0] is None and isinstance(agree, int):
        said = (agree >= 4, f"you rated 'priorities identified by business leaders' {agree} of 5")
    rules = [
        x
        for x in s
        if x.counted
        and x.rule.startswith(
            (
                "industry_driven_agenda.business_sets_agenda",
                "industry_driven_agenda.staff_set_agenda",
                "industry_driven_agenda.agenda_by_education",
            )
        )
    ]
    shown: Verdict = (None, "")
    if rules:
        ok = [x for x in rules if x.polarity == "supporting"]
        shown = (len(ok) > len(rules) - len(ok), f"the documents say “{rules[0].quote}”")
    return said, shown


def _coverage(
    check: Check, a: dict[str, Answer], f: DocumentFacts | None, s: list[Signal], today: date
) -> tuple[Verdict, Verdict]:
    need = int(check.threshold or 3)
    types = _value(a, "ppt_partner_types")
    said: Verdict = (None, "")
    if isinstance(types, list):
        said = (len(types) >= need, f"you named {len(types)} of the 5 partner types")
    shown: Verdict = (None, "")
    if f is not None and f.partner_types:
        shown = (
            len(f.partner_types) >= need,
            f"the documents show {len(f.partner_types)} of 5 ({', '.join(f.partner_types)})",
        )
    return said, shown


def _plan(
    check: Check, a: dict[str, Answer], f: DocumentFacts | None, s: list[Signal], today: date
) -> tuple[Verdict, Verdict]:
    limit = int(check.threshold or 12)
    updated = _value(a, "sap_updated")
    said: Verdict = (None, "")
    if isinstance(updated, date):
        age = months_between(updated, today)
        said = (age <= limit, f"you said the plan was updated {updated:%B %Y} ({age} months ago)")
    elif _value(a, "sap_has_plan") == "no":
        said = (False, "you said there is no written action plan")
    shown: Verdict = (None, "")
    if f is not None and f.plan_dates:
        latest = max(f.plan_dates, key=lambda p: p.updated)
        shown = (
            latest.age_months <= limit,
            f"the documents date the plan {latest.updated:%B %Y} ({latest.age_months} months ago)",
        )
    return said, shown


def _grants(
    check: Check, a: dict[str, Answer], f: DocumentFacts | None, s: list[Signal], today: date
) -> tuple[Verdict, Verdict]:
    limit = (check.threshold or 0.5) * 100
    share = _value(a, "sus_largest_grant_share")
    said: Verdict = (None, "")
    if isinstance(share, int | float):
        said = (share <= limit, f"you said the largest grant is {share:g}% of funding")
    shown: Verdict = (None, "")
    if f is not None:
        amounts = [x for x in f.funding if x.amount]
        total = sum(x.amount or 0 for x in amounts)
        if total:
            grants = [x.amount or 0 for x in amounts if x.kind == "grant"]
            largest = max(grants, default=0) / total * 100
            shown = (
                largest <= limit,
                f"the funding documents put the largest grant at {largest:.0f}% of stated funding",
            )
    return said, shown


def _outcomes(
    check: Check, a: dict[str, Answer], f: DocumentFacts | None, s: list[Signal], today: date
) -> tuple[Verdict, Verdict]:
    chosen = _value(a, "mr_outcomes")
    said: Verdict = (None, "")
    if isinstance(chosen, list):
        outcomes = [c for c in chosen if c != "meetings_only"]
        said = (
            bool(outcomes),
            f"you said the partnership measures {', '.join(chosen) or 'nothing yet'}",
        )
    shown: Verdict = (None, "")
    if f is not None and f.metrics:
        outcome = [m for m in f.metrics if m.kind == "outcome"]
        shown = (
            bool(outcome),
            f"the documents report {len(outcome)} outcome figure(s) and {len(f.metrics) - len(outcome)} activity count(s)",
        )
    return said, shown


JUDGES: dict[
    str,
    Callable[
        [Check, dict[str, Answer], DocumentFacts | None, list[Signal], date],
        tuple[Verdict, Verdict],
    ],
] = {
    "footprint_crosses_jurisdictions": _footprint,
    "business_outnumbers_public": _attendance,
    "business_sets_agenda": _agenda,
    "partner_type_coverage": _coverage,
    "plan_current": _plan,
    "not_grant_dependent": _grants,
    "outcomes_measured": _outcomes,
}


def judge_gates(
    rubric: Rubric,
    indicator_id: str,
    answers: dict[str, Answer],
    facts: DocumentFacts | None,
    signals: list[Signal],
    today: date,
) -> list[GateResult]:
    """Every gate of one indicator. Documents decide where they speak; answers where they don't."""
    results = []
    for check in rubric.indicator(indicator_id).gates:
        judge = JUDGES.get(check.id)
        said, shown = (
            judge(check, answers, facts, signals, today) if judge else ((None, ""), (None, ""))
        )
        passed = shown[0] if shown[0] is not None else said[0]
        reasons = [r for r in (shown[1], said[1]) if r]
        detail = "; ".join(reasons) if reasons else "no answer or document speaks to this yet"
        results.append(
            GateResult(
                id=check.id,
                description=check.description,
                passed=passed,
                detail=detail,
                from_answers=said[0],
                from_documents=shown[0],
            )
        )
    return results
