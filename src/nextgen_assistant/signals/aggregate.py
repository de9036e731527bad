"""Per-indicator evidence over a set of documents: counts, a 1.0-5.0 score and a status."""

from __future__ import annotations

from collections.abc import Iterable

from nextgen_assistant import INDICATOR_IDS
from nextgen_assistant.rubric import Rubric
from nextgen_assistant.signals.model import DocumentFacts, DocumentResult, IndicatorEvidence, Signal


def evidence_score(signals: Iterable[Signal], shrinkage: float) -> float | None:
    """The score counted signals give: the weighted share supporting, pulled toward 3.0 when thin."""
    supporting = red = 0.0
    for signal in signals:
        if not signal.counted:
            continue
        strength = signal.weight * signal.confidence
        if signal.polarity == "supporting":
            supporting += strength
        else:
            red += strength
    total = supporting + red
    if total == 0:
        return None
    raw = 1.0 + 4.0 * supporting / total
    return round(3.0 + (raw - 3.0) * total / (total + shrinkage), 1)


def aggregate(
    documents: list[DocumentResult], rubric: Rubric, shrinkage: float
) -> list[IndicatorEvidence]:
    """One `IndicatorEvidence` per indicator, in the contract's order."""
    by_indicator: dict[str, list[Signal]] = {i: [] for i in INDICATOR_IDS}
    for document in documents:
        for signal in document.signals:
            by_indicator.setdefault(signal.indicator, []).append(signal)
    results = []
    for indicator_id in INDICATOR_IDS:
        signals = by_indicator[indicator_id]
        score = evidence_score(signals, shrinkage)
        results.append(
            IndicatorEvidence(
                id=indicator_id,
                status=rubric.status_for(score),
                score=score,
                supporting=sum(s.counted and s.polarity == "supporting" for s in signals),
                red_flags=sum(s.counted and s.polarity == "red_flag" for s in signals),
                listed_only=sum(not s.counted for s in signals),
            )
        )
    return results


def merge_facts(documents: list[DocumentResult]) -> DocumentFacts:
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
