"""The gap report's models; `nextgen report --format json` is their serialisation."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from nextgen_assistant.dialogue.model import Partnership, Role
from nextgen_assistant.rubric import Status
from nextgen_assistant.signals.model import Signal


class GateReading(BaseModel):
    """What one side (the answers, or the documents) says about a gate: passed, failed or
    unknown (None), why in words, and what is missing (the partner types not at the table)."""

    passed: bool | None
    reason: str
    missing: list[str] = Field(default_factory=list)
    question: str | None = None
    """The question whose answer decided the reading, where one did (the answers' side)."""


class GateResult(BaseModel):
    """A gate judged from answers and facts: passed, failed or unknown, with a one-line reason."""

    id: str
    description: str
    passed: bool | None
    detail: str
    from_answers: bool | None = None
    from_documents: bool | None = None
    missing: list[str] = Field(default_factory=list)
    """What the partnership lacks for this gate, as far as anyone knows (documents first)."""
    answered_by: str | None = Field(default=None, exclude=True)
    """The question whose answer the answers' reading rests on, for a disagreement to set side
    by side with the documents (not in the report's JSON)."""


class Conflict(BaseModel):
    """Where what people said and what the documents show disagree, side by side."""

    message: str
    kind: str  # "contradicted" or "unsupported"
    gate_id: str | None = None
    """The gate this disagreement is about (reports show it with that gate, not twice)."""
    question_id: str | None = None
    answer: str | None = None
    evidence: Signal | None = None
    evidence_summary: str | None = None


class RoleView(BaseModel):
    """One role's view of an indicator: the mean of its respondents' self scores."""

    respondents: int
    self_score: float | None = None
    note: str | None = None
    """Set when one person answered for the role: one person's view is not a group's."""


class QuestionGap(BaseModel):
    """A question on which business and public respondents' mean scores differ."""

    question_id: str
    text: str
    business: float
    public: float


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
    by_role: dict[Role, RoleView] = Field(default_factory=dict)
    """Each role's mean self score, with how many respondents (never who)."""
    spread: float | None = None
    """Highest minus lowest respondent's self score, when two or more scored the indicator."""
    divergence: float | None = None
    """Business leaders' mean self score minus public partners', when both answered."""
    divergence_finding: str | None = None
    """Set when business and public respondents are a full band (1.0) or more apart."""
    diverging_questions: list[QuestionGap] = Field(default_factory=list)


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


class RespondentNote(BaseModel):
    """One respondent of a group report: a role and how many questions they answered."""

    role: Role
    answered: int


class Report(BaseModel):
    """The gap report."""

    schema_version: int = 1
    as_of: date
    partnership: Partnership
    assessment_id: int | None = None
    respondents: list[RespondentNote] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    """What a reader must know before trusting the rest (documents of another partnership)."""
    overall: Overall
    indicators: list[IndicatorFinding]
    documents: list[DocumentNote] = Field(default_factory=list)
    earlier: EarlierAssessment | None = None
    merge_rule: str
