"""Per-indicator evidence over a set of documents: counts, a 1.0-5.0 score and a status."""

from __future__ import annotations

from collections.abc import Iterable

from nextgen_assistant import INDICATOR_IDS
from nextgen_assistant.rubric import Rubric
from nextgen_assistant.signals.lexicon import ExtractorThresholds, Lexicons
from nextgen_assistant.signals.model import DocumentFacts, DocumentResult, IndicatorEvidence, Signal


class EvidenceTally:
    """Running per-indicator totals of signals, so a scan can count as documents stream past."""

    def __init__(self) -> None:
        self._strength: dict[tuple[str, str], float] = {}
        self._counts: dict[tuple[str, str], int] = {}
        self._rules: dict[tuple[str, str], set[str]] = {}
        self.documents_speaking = 0
        # The kinds of public partner the documents name in what they assert, all together, each
        # with the first document that names it (how reports show that document).
        self.partner_types: dict[str, str] = {}

    def add_document(self, document: DocumentResult) -> None:
        """A document's signals, and one more document that speaks of the partnership when it
        gives counted evidence (an empty file, a cover note or one that could not be read is not
        one more document of the partnership's record)."""
        if document.status == "ok" and any(s.counted for s in document.signals):
            self.documents_speaking += 1
        if document.status == "ok":
            for kind in document.facts.partner_types:
                self.partner_types.setdefault(kind, document.name or document.path)
        self.add(document.signals)

    def conclude(
        self, rubric: Rubric, lexicons: Lexicons
    ) -> tuple[list[IndicatorEvidence], list[Signal]]:
        """Once every document is in: the findings across them (counted like the documents'
        signals), and the evidence per indicator with them."""
        found = self._findings(lexicons)
        self.add(found)
        return self.evidence(rubric, lexicons.extractors.thresholds), found

    def _findings(self, lexicons: Lexicons) -> list[Signal]:
        """What the documents added so far say together (`extractors/across_documents.py`)."""
        # Here, not at the top: the extractors' package loads spaCy, and reports that only
        # read a scan's results import this module without it.
        from nextgen_assistant.signals.extractors import across_documents

        counted: dict[str, int] = {}
        for (indicator, polarity), n in self._counts.items():
            if polarity != "listed":
                counted[indicator] = counted.get(indicator, 0) + n
        return across_documents.findings(
            self.documents_speaking, counted, lexicons, self.partner_types
        )

    def add(self, signals: Iterable[Signal]) -> None:
        key: tuple[str, str]
        for signal in signals:
            if signal.counted:
                key = (signal.indicator, signal.polarity)
                self._strength[key] = (
                    self._strength.get(key, 0.0) + signal.weight * signal.confidence
                )
                self._counts[key] = self._counts.get(key, 0) + 1
                self._rules.setdefault(key, set()).add(signal.rule)
            else:
                key = (signal.indicator, "listed")
                self._counts[key] = self._counts.get(key, 0) + 1

    def score(self, indicator: str, thresholds: ExtractorThresholds) -> float | None:
        """The score counted signals give: the weighted share supporting (red flags weighed by
        the indicator's `red_flag_weight`), pulled toward 3.0 when the evidence is thin."""
        shrinkage = thresholds.evidence_shrinkage
        supporting = self._strength.get((indicator, "supporting"), 0.0)
        red = self._strength.get((indicator, "red_flag"), 0.0) * thresholds.red_flag_weight.of(
            indicator
        )
        total = supporting + red
        if total == 0:
            return None
        raw = 1.0 + 4.0 * supporting / total
        return round(3.0 + (raw - 3.0) * total / (total + shrinkage), 1)

    def evidence(self, rubric: Rubric, thresholds: ExtractorThresholds) -> list[IndicatorEvidence]:
        """One `IndicatorEvidence` per indicator, in the contract's order."""
        results = []
        for indicator_id in INDICATOR_IDS:
            score = self.score(indicator_id, thresholds)
            status = rubric.status_for(score)
            # A gate the documents show failing by what they say (a plan only mentioned, never
            # shown carried out or kept current) caps `meets` at `partial`, as in the gap report.
            supporting = self._rules.get((indicator_id, "supporting"), set())
            red_flags = self._rules.get((indicator_id, "red_flag"), set())
            failed = [
                check.id
                for check in rubric.indicator(indicator_id).gates
                if check.shown_by_documents(supporting, red_flags) is False
            ]
            results.append(
                IndicatorEvidence(
                    id=indicator_id,
                    status="partial" if status == "meets" and failed else status,
                    capped_by=failed if status == "meets" else [],
                    score=score,
                    supporting=self._counts.get((indicator_id, "supporting"), 0),
                    red_flags=self._counts.get((indicator_id, "red_flag"), 0),
                    listed_only=self._counts.get((indicator_id, "listed"), 0),
                )
            )
        return results


def _evidence_order(signal: Signal) -> tuple[bool, float]:
    """Strongest first: counted before listed, then by weight times confidence."""
    return (not signal.counted, -(signal.weight * signal.confidence))


def strongest_signals(signals: Iterable[Signal], limit: int) -> list[Signal]:
    """The `limit` strongest signals, ties kept in reading order."""
    return sorted(signals, key=_evidence_order)[:limit]


def aggregate(
    documents: Iterable[DocumentResult], rubric: Rubric, lexicons: Lexicons
) -> tuple[list[IndicatorEvidence], list[Signal]]:
    """One `IndicatorEvidence` per indicator over all the documents' signals and the findings
    across them, and those findings."""
    tally = EvidenceTally()
    for document in documents:
        tally.add_document(document)
    return tally.conclude(rubric, lexicons)


def merge_facts(documents: Iterable[DocumentResult]) -> DocumentFacts:
    """The facts of all documents together, as one partnership's."""
    merged = DocumentFacts()
    counties: dict[str, None] = {}
    states: dict[str, None] = {}
    types: set[str] = set()
    for document in documents:
        facts = document.facts
        merged.attendance.extend(facts.attendance)
        merged.plan_dates.extend(facts.plan_dates)
        merged.funding.extend(facts.funding)
        merged.metrics.extend(facts.metrics)
        counties.update(dict.fromkeys(facts.counties))
        states.update(dict.fromkeys(facts.states))
        types.update(facts.partner_types)
        if facts.region_county_count:
            merged.region_county_count = max(
                merged.region_county_count or 0, facts.region_county_count
            )
    merged.counties = list(counties)
    merged.states = list(states)
    merged.partner_types = sorted(types)
    return merged
