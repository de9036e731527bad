"""Funding: grants and their end dates, dues, company contributions and in-kind support; the mix."""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Span

from nextgen_assistant.clock import months_between
from nextgen_assistant.signals.anchors import Gate, word_gate
from nextgen_assistant.signals.extractors import Extraction, Piece
from nextgen_assistant.signals.extractors.dates import dates_in
from nextgen_assistant.signals.lexicon import ExtractorLexicon
from nextgen_assistant.signals.model import FundingLine

AMOUNT_RE = re.compile(r"\$\s?(\d[\d,]*(?:\.\d+)?)\s*(k|K|thousand|m|M|million)?\b")
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6}


def _amount(match: re.Match[str]) -> float:
    value = float(match.group(1).replace(",", "") or 0)
    return value * _SCALE.get((match.group(2) or "").lower(), 1.0)


def _cue(cue: str) -> str:
    """A funding cue as a regex: a word's beginning ("grant" finds "grants"), but an acronym
    whole ("DOL" is the Department of Labor, never the start of "dollar")."""
    return re.escape(cue) + (r"\b" if cue.isupper() else "")


_NOT_A_SOURCE = "not a source"  # money given out, or a whole budget: never recorded


def _gap(cue_start: int, cue_end: int, start: int, end: int) -> int:
    """Characters between a cue and an amount (0 where they touch or overlap)."""
    return max(cue_start - end, start - cue_end, 0)


_BOUNDARY = re.compile(r",|;|\band\b|\bwhile\b|\bplus\b|\bwith\b")


def _phrase(text: str, amounts: list[re.Match[str]], index: int) -> tuple[int, int]:
    """The stretch of `text` that is the amount's own phrase: from the boundary (a comma, "and",
    "while", "plus", "with") or the amount before it, to the next boundary or amount."""
    amount = amounts[index]
    low = amounts[index - 1].end() if index else 0
    for boundary in _BOUNDARY.finditer(text, low, amount.start()):
        low = boundary.end()
    high = amounts[index + 1].start() if index + 1 < len(amounts) else len(text)
    following = _BOUNDARY.search(text, amount.end(), high)
    return low, following.start() if following else high


class _Patterns(NamedTuple):
    kinds: dict[str, re.Pattern[str]]
    ends: re.Pattern[str]
    gate: Gate


def _compile(words: ExtractorLexicon) -> _Patterns:
    kinds = {**words.funding_kinds}
    if words.funding_not_sources:
        kinds[_NOT_A_SOURCE] = words.funding_not_sources
    return _Patterns(
        kinds={
            kind: re.compile(r"\b(" + "|".join(map(_cue, cues)) + r")", re.IGNORECASE)
            for kind, cues in kinds.items()
        },
        ends=re.compile(
            r"\b(" + "|".join(map(re.escape, words.funding_end_words)) + r")\b", re.IGNORECASE
        ),
        gate=word_gate(c for cues in words.funding_kinds.values() for c in cues),
    )


def run(ex: Extraction, max_grant_share: float, ending_within_months: int) -> None:
    """Record funding lines; signal grant end dates and a grant-dominated or diversified mix."""
    kind_res, end_re, any_kind = ex.compiled(__name__, lambda: _compile(ex.lexicons.extractors))
    biggest_grant: tuple[float, Piece | None] = (0.0, None)
    endings: list[tuple[Piece, Span, str]] = []
    for piece, sentence in ex.sentences(any_kind):
        text = piece.text_of(sentence)
        cues = [
            (kind, m.start(), m.end())
            for kind, pattern in kind_res.items()
            for m in pattern.finditer(text)
        ]
        if not any(kind != _NOT_A_SOURCE for kind, _, _ in cues):
            continue
        line = piece.line_at(sentence.start_char)
        context, _ = ex.context.context_of(sentence, sentence.start, sentence.end)
        if context in ("hypothetical", "historical"):
            continue
        amounts = list(AMOUNT_RE.finditer(text))
        for index, amount in enumerate(amounts):
            # the cue nearest the amount, measured between their edges ("a scholarship of
            # $5,000 to be awarded" is the scholarship's amount, not an award's), first among
            # the cues of its own phrase: "$450,000 from grants and $150,000 from employer
            # dues" (the dues are the second amount's, though "grants" is nearer)
            low, high = _phrase(text, amounts, index)
            own = [c for c in cues if c[1] >= low and c[2] <= high]
            if not own:  # (money given out or a total only in its own phrase)
                own = [c for c in cues if c[0] != _NOT_A_SOURCE]
            kind = min(own, key=lambda c: _gap(c[1], c[2], amount.start(), amount.end()))[0]
            if kind == _NOT_A_SOURCE:
                continue
            value = _amount(amount)
            ex.facts.funding.append(
                FundingLine(
                    kind=kind,
                    amount=value,
                    source=" ".join(text.split())[:160],
                    line=line,
                    page=piece.block.page,
                )
            )
            if kind == "grant" and value > biggest_grant[0]:
                biggest_grant = (value, piece)
        ending = end_re.search(text)
        if ending and any(kind == "grant" for kind, _, _ in cues):
            for when, start, _ in dates_in(text):
                if (
                    start > ending.start()
                    and months_between(ex.as_of, when) <= ending_within_months
                ):
                    ex.facts.funding.append(
                        FundingLine(
                            kind="grant",
                            source=" ".join(text.split())[:160],
                            ends=when,
                            line=line,
                            page=piece.block.page,
                        )
                    )
                    endings.append((piece, sentence, f"{ending.group(0)} {when:%B %Y}"))
                    break
    totals: dict[str, float] = {}
    for line_item in ex.facts.funding:
        if line_item.amount:
            totals[line_item.kind] = totals.get(line_item.kind, 0.0) + line_item.amount
    total = sum(totals.values())
    share = totals.get("grant", 0.0) / total if total > 0 else None
    # A grant ending is a risk where grants carry the work (or the mix is unknown), not where a
    # member-funded partnership closes out one project grant.
    if share is None or share > max_grant_share:
        for piece, sentence, matched in endings:
            ex.add(
                piece,
                sentence,
                rule="sustainability.grant_end_date",
                matched=matched,
            )
    if share is None or not ex.pieces:
        return
    titles = ex.lexicons.extractors.funding_kind_titles
    mix = ", ".join(
        f"{titles.get(kind, kind)} {value / total:.0%}"
        for kind, value in sorted(totals.items(), key=lambda kv: -kv[1])
    )
    # "Grants are N% of funding" only from a statement of the partnership's own funding: a
    # document about its money, or one that lists two or more sources; one grant mentioned in a
    # news story is not the funding mix.
    words = ex.lexicons.extractors.funding_document_words
    named = f"{ex.document.path} {ex.document.title or ''}".lower()
    states_funding = (
        any(w in named for w in words) or len([f for f in ex.facts.funding if f.amount]) >= 2
    )
    if share > max_grant_share and biggest_grant[1] is not None and states_funding:
        ex.add(
            biggest_grant[1],
            None,
            rule="sustainability.grant_majority",
            matched=f"grants are {share:.0%} of funding",
            quote=f"Funding mix: {mix}",
        )
    elif len([k for k in totals if k != "grant"]) >= 2 or (
        share <= max_grant_share and len(totals) >= 2
    ):
        ex.add(
            ex.pieces[0],
            None,
            rule="sustainability.funding_mix_diversified",
            matched=f"grants are {share:.0%} of funding",
            quote=f"Funding mix: {mix}",
        )
