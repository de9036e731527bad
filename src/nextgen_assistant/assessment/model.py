"""The gap report's models; `nextgen report --format json` is their serialisation."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from nextgen_assistant.dialogue.model import Partnership
from nextgen_assistant.rubric import Status
from nextgen_assistant.signals.model import Signal


class GateResult(BaseModel):
    """A gate judged from answers and facts: passed, failed or unknown, with a one-line reason."""

    id: str
    description: str
    passed: bool | None
    detail: str
    from_answers: bool | None = None
    from_documents: bool | None = None


class Conflict(BaseModel):
    """Where what people said and what the documents show disagree, side by side."""

    message: str
    kind: str  # "contradicted" or "unsupported"
    question_id: str | None = None
    answer: str | None = None
    evidence: Signal | None = None
    evidence_summary: str | None = None


class IndicatorFinding(BaseModel):
    """One indicator's findings."""

    id: str
    title: str
    description: str
    status: Status
    self_score: float | None = None
    evidence_score: float | None = None
    score: float | None = None
    gates: list[GateResult] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    evidence: list[Signal] = Field(default_factory=list)
    recommendations: list[str] = Field(default_factory=list)
    change_since_last: float | None = None


class Overall(BaseModel):
    """Next Gen or not yet, and the change that would move the partnership furthest."""

    next_gen: bool
    meets: int
    top_change: str | None = None
    summary: str


class EarlierAssessment(BaseModel):
    """The assessment this one is compared with."""

    id: int
    date: date
    scores: dict[str, float | None]


class DocumentNote(BaseModel):
    """A document that was scanned, or could not be read."""

    path: str
    status: str
    error: str | None = None


class Report(BaseModel):
    """The gap report."""

    schema_version: int = 1
    as_of: date
    partnership: Partnership
    assessment_id: int | None = None
    overall: Overall
    indicators: list[IndicatorFinding]
    documents: list[DocumentNote] = Field(default_factory=list)
    earlier: EarlierAssessment | None = None
    merge_rule: str
