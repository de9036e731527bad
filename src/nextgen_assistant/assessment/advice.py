"""Recommendations from `lexicons/recommendations.yaml`, chosen by failed gates and statuses,
and worded for what is missing (never 'invite colleges' to a partnership that has them)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from nextgen_assistant.assessment.model import GateResult
from nextgen_assistant.assessment.self_score import question_scores
from nextgen_assistant.dialogue.model import AssessmentRecord
from nextgen_assistant.dialogue.questions import QuestionBank
from nextgen_assistant.knowledge import lexicon_dir, load_model
from nextgen_assistant.rubric import Status
from nextgen_assistant.words import in_sentence, joined

MET = 4.0
"""An answer scoring this or more says its check is already in place."""


class When(BaseModel):
    """When a recommendation applies."""

    model_config = ConfigDict(extra="forbid")

    gate_failed: str | None = None
    status: list[Status] = Field(default_factory=list)
    unless_met: str | None = None
    """A rubric check this step builds: the step is left out when the answers wired to that
    check (`check:` in questions.yaml) all say it is already in place."""
    unless_shown: Shown | None = None
    """What this step builds, as a gate's reading names it: the step is left out when that gate
    was judged and does not find it missing (action teams the documents already show)."""


class Shown(BaseModel):
    """One thing a gate's reading shows or finds missing ("action teams carrying it out")."""

    model_config = ConfigDict(extra="forbid")

    gate: str
    shows: str


class Said(BaseModel):
    """Other words for a step when the answers say part of it is done already."""

    model_config = ConfigDict(extra="forbid")

    question: str
    any_of: list[str] = Field(min_length=1)
    """Choices of `question`: any one given by a respondent brings `text` in."""
    text: str


class Recommendation(BaseModel):
    """One concrete next step."""

    model_config = ConfigDict(extra="forbid")

    id: str
    indicator: str | None
    priority: int
    when: When
    text: str
    when_said: Said | None = None
    """The step as it reads for a partnership that says it does part of it already (a step
    never tells people to start what they said they do)."""


class RecommendationBook(BaseModel):
    """All recommendations."""

    recommendations: list[Recommendation]


@lru_cache(maxsize=2)
def load_recommendations(path: Path | None = None) -> RecommendationBook:
    """Load and validate the recommendations."""
    return load_model(RecommendationBook, path or lexicon_dir() / "recommendations.yaml")


def met_checks(bank: QuestionBank, records: Sequence[AssessmentRecord], today: date) -> set[str]:
    """The rubric checks every respondent who answered says are in place: each answer wired to
    the check scores 4 or more."""
    scores: dict[str, list[float]] = {}
    wiring = {q.id: q.check for q in bank.all_questions() if q.check}
    for record in records:
        for question_id, score in question_scores(bank, record.answers, today).items():
            if question_id in wiring:
                scores.setdefault(wiring[question_id] or "", []).append(score)
    return {check for check, values in scores.items() if min(values) >= MET}


def said_choices(records: Sequence[AssessmentRecord]) -> dict[str, set[str]]:
    """The choices each question was given, by any respondent."""
    given: dict[str, set[str]] = {}
    for record in records:
        for question_id, answer in record.answers.items():
            values = answer.value if isinstance(answer.value, list) else [answer.value]
            given.setdefault(question_id, set()).update(str(v) for v in values if v is not None)
    return given


def _as_said(recommendation: Recommendation, said: dict[str, set[str]]) -> Recommendation:
    other = recommendation.when_said
    if other is None or not said.get(other.question, set()) & set(other.any_of):
        return recommendation
    return recommendation.model_copy(update={"text": other.text})


def _names(items: list[str]) -> str:
    return joined([in_sentence(i) for i in items])


def _worded(recommendation: Recommendation, gates: list[GateResult]) -> Recommendation:
    """`{missing}` in a step's text becomes what its failed gate found missing."""
    if "{missing}" not in recommendation.text:
        return recommendation
    gate = next((g for g in gates if g.id == recommendation.when.gate_failed), None)
    missing = _names(gate.missing) if gate and gate.missing else "the missing partner types"
    return recommendation.model_copy(
        update={"text": recommendation.text.replace("{missing}", missing)}
    )


def _already_shown(wanted: Shown | None, gates: list[GateResult]) -> bool:
    """Whether a judged gate finds what the step builds already there (not among its missing)."""
    if wanted is None:
        return False
    gate = next((g for g in gates if g.id == wanted.gate), None)
    return gate is not None and gate.passed is not None and wanted.shows not in gate.missing


def recommend(
    book: RecommendationBook,
    indicator_id: str,
    status: Status,
    gates: list[GateResult],
    met: set[str] | None = None,
    said: dict[str, set[str]] | None = None,
) -> list[Recommendation]:
    """The recommendations for one indicator, most important (lowest priority number) first,
    leaving out steps the answers say are done (`met`: see `met_checks`) and worded for what
    they say is done in part (`said`: see `said_choices`)."""
    failed = {g.id for g in gates if g.passed is False}
    chosen = [
        _as_said(_worded(r, gates), said or {})
        for r in book.recommendations
        if r.indicator in (indicator_id, None)
        and (
            (r.when.gate_failed is not None and r.when.gate_failed in failed)
            or (r.when.gate_failed is None and status in r.when.status)
        )
        and (r.when.unless_met is None or r.when.unless_met not in (met or set()))
        and not _already_shown(r.when.unless_shown, gates)
    ]
    return sorted(chosen, key=lambda recommendation: recommendation.priority)
