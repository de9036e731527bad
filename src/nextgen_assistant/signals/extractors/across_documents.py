"""Findings across a partnership's documents: what they say together, not what one of them says.

`measurable_results.no_outcome_reported`: where `no_outcome_min_documents` or more documents
speak of the partnership (each gives counted evidence: a cover note or an empty file does not)
and not one of them reports a result either way (no counted signal of `measurable_results`), the
partnership's own record reports no outcome: the rubric's "results are not tracked". Careful
readers of real published passages judge it the same way: of the partnerships of two or more
passages in which the checker read no result, the readers who decided the indicator called it a
gap 34 times in 46 (partial 10, meets 2).

`public_partner_team.partner_types_across_documents`: where no document gives counted evidence
of the public-partner team either way, yet the documents together name public partners of
`partner_types_across_min` kinds or more in what they assert (a college in one story, the
economic development office in another), the partnership has a team of sorts: light support,
which alone reads `partial`. Careful readers judge it so: on 24 batches of real passages, the
public-partner statuses they called `partial` where the checker read nothing were the largest
single disagreement of that indicator (40 of 128).

A finding is derived (`derived: true`): its quote is a summary, it belongs to no one document
(`path` is None, its location line 0) and its sources are empty. It counts like any other signal
in the indicator's score.
"""

from __future__ import annotations

from collections.abc import Mapping

from nextgen_assistant.signals.lexicon import Lexicons
from nextgen_assistant.signals.model import (
    NO_OUTCOME,
    PARTNER_TYPES_ACROSS,
    Signal,
    SignalLocation,
)


def findings(
    documents: int,
    counted: Mapping[str, int],
    lexicons: Lexicons,
    partner_types: Mapping[str, str] | None = None,
) -> list[Signal]:
    """The findings across `documents` documents that speak of the partnership, whose counted
    signals number `counted` per indicator and whose assertions name public partners of the
    kinds of `partner_types` (each with the first document that names it)."""
    partner_types = partner_types or {}
    found = []
    thresholds = lexicons.extractors.thresholds
    rule = lexicons.extractor_rule(NO_OUTCOME)
    if documents >= thresholds.no_outcome_min_documents and not counted.get(rule.indicator):
        said = (
            f"none of the {documents} documents that speak of the partnership's work reports an "
            "outcome"
        )
        quote = (
            f"{said[0].upper()}{said[1:]} (hires, placements, credentials, wage gains, savings) "
            "or any other result."
        )
        found.append(_finding(rule.id, lexicons, said, quote))
    rule = lexicons.extractor_rule(PARTNER_TYPES_ACROSS)
    if len(partner_types) >= thresholds.partner_types_across_min and not counted.get(
        rule.indicator
    ):
        titles = lexicons.organizations.public_type_titles
        kinds = ", ".join(
            f"{titles.get(kind, kind)} ({partner_types[kind]})" for kind in sorted(partner_types)
        )
        said = f"the documents together name public partners of {len(partner_types)} kinds"
        found.append(_finding(rule.id, lexicons, said, f"{said[0].upper()}{said[1:]}: {kinds}."))
    return found


def _finding(rule_id: str, lexicons: Lexicons, matched: str, quote: str) -> Signal:
    """A derived signal of a declared rule: a summary of no one document."""
    rule = lexicons.extractor_rule(rule_id)
    return Signal(
        indicator=rule.indicator,
        polarity=rule.polarity,
        rule=rule.id,
        matched=matched,
        quote=quote,
        location=SignalLocation(line=0),
        confidence=1.0,
        weight=rule.weight,
        derived=True,
    )
