"""Findings across a partnership's documents: what they say together, not what one of them says.

`measurable_results.no_outcome_reported`: where `no_outcome_min_documents` or more documents
speak of the partnership (each gives counted evidence: a cover note or an empty file does not)
and not one of them reports a result either way (no counted signal of `measurable_results`), the
partnership's own record reports no outcome: the rubric's "results are not tracked". Careful
readers of real published passages judge it the same way: of the partnerships of two or more
passages in which the checker read no result, the readers who decided the indicator called it a
gap 34 times in 46 (partial 10, meets 2).

A finding is derived (`derived: true`): its quote is a summary, it belongs to no one document
(`path` is None, its location line 0) and its sources are empty. It counts like any other signal
in the indicator's score.
"""

from __future__ import annotations

from collections.abc import Mapping

from nextgen_assistant.signals.lexicon import Lexicons
from nextgen_assistant.signals.model import NO_OUTCOME, Signal, SignalLocation


def findings(documents: int, counted: Mapping[str, int], lexicons: Lexicons) -> list[Signal]:
    """The findings across `documents` documents that speak of the partnership, whose counted
    signals number `counted` per indicator."""
    rule = lexicons.extractor_rule(NO_OUTCOME)
    least = lexicons.extractors.thresholds.no_outcome_min_documents
    if documents < least or counted.get(rule.indicator):
        return []
    said = (
        f"none of the {documents} documents that speak of the partnership's work reports an outcome"
    )
    return [
        Signal(
            indicator=rule.indicator,
            polarity=rule.polarity,
            rule=rule.id,
            matched=said,
            quote=f"{said[0].upper()}{said[1:]} (hires, placements, credentials, wage gains, "
            "savings) or any other result.",
            location=SignalLocation(line=0),
            confidence=1.0,
            weight=rule.weight,
            derived=True,
        )
    ]
