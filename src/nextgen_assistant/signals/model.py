"""The evidence models: a `Signal`, the facts extractors find, and a scanned document's result.

The JSON of `nextgen scan` is the serialisation of these models (see shared/CONTRACT.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from nextgen_assistant.rubric import Status

Polarity = Literal["supporting", "red_flag"]
Context = Literal["asserted", "negated", "hypothetical", "historical", "other"]
COUNTED_CONTEXTS: frozenset[str] = frozenset({"asserted", "negated"})
# The finding across a partnership's documents that none reports a result
# (signals/extractors/across_documents.py); the results gate reads it too.
NO_OUTCOME = "measurable_results.no_outcome_reported"
# The finding that the documents together name public partners of several kinds.
PARTNER_TYPES_ACROSS = "public_partner_team.partner_types_across_documents"


class SignalLocation(BaseModel):
    """Where a quote is: PDF page (1-based, null for other formats) and line (or table row)."""

    page: int | None = None
    line: int


class Signal(BaseModel):
    """One piece of evidence for or against an indicator, with the sentence it stands in."""

    indicator: str
    polarity: Polarity
    context: Context = "asserted"
    rule: str
    matched: str
    quote: str
    location: SignalLocation
    confidence: float = Field(ge=0.0, le=1.0)
    cue: str | None = None
    weight: float = 1.0
    path: str | None = None
    derived: bool = False
    """A fact the checker computed (a roster count, a funding mix, partner types across a
    document), not a sentence the document says: `quote` is a summary, `sources` where from."""
    sources: list[SignalLocation] = Field(default_factory=list)

    @property
    def counted(self) -> bool:
        """Asserted and negated signals count; hypothetical and historical ones are only listed."""
        return self.context in COUNTED_CONTEXTS


class OrganizationSeen(BaseModel):
    """An organisation named in an attendance list or roster, and what kind it is."""

    name: str
    sector: Literal["business", "public", "other"]
    partner_type: str | None = None


class AttendanceFact(BaseModel):
    """Who was at a meeting (or on a roster): business and public counts."""

    source: Literal["minutes", "roster"]
    label: str
    line: int
    page: int | None = None
    business: int = 0
    public: int = 0
    other: int = 0
    organizations: list[OrganizationSeen] = Field(default_factory=list)

    @property
    def business_ratio(self) -> float | None:
        """Business attendees per public attendee (None when no public attendee)."""
        return self.business / self.public if self.public else None


class PlanDateFact(BaseModel):
    """A date an action plan was last updated, adopted or revised."""

    updated: date
    age_months: int
    quote: str
    line: int
    page: int | None = None


FundingKind = Literal["grant", "dues", "company", "in_kind", "public_budget", "match", "other"]
"""The kinds of money a funding line can be (lexicons/shared/extractors.yaml, `funding_kinds`)."""


class FundingLine(BaseModel):
    """One source of money or support, with its kind and amount when stated."""

    kind: FundingKind
    amount: float | None = None
    source: str
    ends: date | None = None
    line: int
    page: int | None = None


class MetricFact(BaseModel):
    """A number next to an outcome (or only an output) and whom it serves."""

    value: str
    measure: str
    kind: Literal["outcome", "output"]
    beneficiaries: list[str] = Field(default_factory=list)
    line: int
    page: int | None = None


class DocumentFacts(BaseModel):
    """What the structured extractors found in one document."""

    attendance: list[AttendanceFact] = Field(default_factory=list)
    partner_types: list[str] = Field(default_factory=list)
    counties: list[str] = Field(default_factory=list)
    states: list[str] = Field(default_factory=list)
    region_county_count: int | None = None
    plan_dates: list[PlanDateFact] = Field(default_factory=list)
    funding: list[FundingLine] = Field(default_factory=list)
    metrics: list[MetricFact] = Field(default_factory=list)


class DocumentResult(BaseModel):
    """One document's scan: read or not, its signals and facts."""

    path: str
    name: str = ""
    """How reports show the document: relative to the folder scanned (see `WalkEntry.name`)."""
    format: str | None = None
    status: Literal["ok", "error"] = "ok"
    error: str | None = None
    warnings: list[str] = Field(default_factory=list)
    words: int = 0
    signals: list[Signal] = Field(default_factory=list)
    facts: DocumentFacts = Field(default_factory=DocumentFacts)


class IndicatorEvidence(BaseModel):
    """The evidence score of one indicator over a set of documents."""

    id: str
    status: Status
    score: float | None = None
    supporting: int = 0
    red_flags: int = 0
    listed_only: int = 0
    capped_by: list[str] = Field(default_factory=list)
    """The rubric gates the documents show failing by what they say (a plan only mentioned,
    never shown in use): each held a `meets` score at `partial`."""


class SkippedFile(BaseModel):
    """A file inside a folder that is not of a kind the tool reads."""

    path: str
    reason: str


class ScanResult(BaseModel):
    """`nextgen scan`'s output: every document, and the indicators over all of them."""

    schema_version: int = 1
    as_of: date
    documents: list[DocumentResult] = Field(default_factory=list)
    indicators: list[IndicatorEvidence] = Field(default_factory=list)
    findings: list[Signal] = Field(default_factory=list)
    """Derived signals across the documents, in no one document (`path` None): "none of the 4
    documents that speak of the partnership's work reports an outcome". They count in
    `indicators` like the documents' signals."""
    skipped: list[SkippedFile] = Field(default_factory=list)
    partnership_facts: DocumentFacts = Field(default_factory=DocumentFacts)

    def all_signals(self) -> list[Signal]:
        """The documents' signals, then the findings across them."""
        return [*(s for d in self.documents for s in d.signals), *self.findings]

    @property
    def failed(self) -> list[DocumentResult]:
        """Documents that could not be read."""
        return [d for d in self.documents if d.status == "error"]


def counted_rules(signals: Iterable[Signal], indicator: str) -> tuple[set[str], set[str]]:
    """The rule ids of an indicator's counted signals: supporting, then red flags (what a gate
    the documents show by what they say reads; see `rubric.Check.aspects_shown`)."""
    counted = [s for s in signals if s.indicator == indicator and s.counted]
    return (
        {s.rule for s in counted if s.polarity == "supporting"},
        {s.rule for s in counted if s.polarity == "red_flag"},
    )
