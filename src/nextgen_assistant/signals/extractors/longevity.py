"""Longevity: when the partnership began ("in place since 1970", "established in 2010"), and
whether it has lasted `lasting_years` by --as-of: a partnership that has outlived a grant cycle
or two is organised for the long haul."""

from __future__ import annotations

import re
from typing import NamedTuple

from nextgen_assistant.signals.anchors import Gate, word_gate
from nextgen_assistant.signals.extractors import Extraction
from nextgen_assistant.signals.lexicon import ExtractorLexicon
from nextgen_assistant.signals.pipeline import text_of


class _Patterns(NamedTuple):
    since: re.Pattern[str]
    gate: Gate


def _compile(words: ExtractorLexicon) -> _Patterns:
    cues = "|".join(map(re.escape, sorted(words.since_words, key=len, reverse=True)))
    return _Patterns(
        # "since 2010", "established in 1970", "dates back to the 1990s", "since late 2018"
        since=re.compile(
            rf"\b(?:{cues})\s+(?:the\s+)?(?:(?:early|mid|late|the)\s+)?((?:19|20)\d\d)(s)?\b",
            re.IGNORECASE,
        ),
        gate=word_gate(["19", "20"]),  # a year is there: a word beginning 19 or 20
    )


def run(ex: Extraction, lasting_years: int) -> None:
    """Signal `sustainability` where the partnership began `lasting_years` or more ago."""
    if not ex.lexicons.extractors.since_words:
        return
    since, gate = ex.compiled(__name__, lambda: _compile(ex.lexicons.extractors))
    for piece, sentence in ex.sentences(gate):
        text = text_of(sentence)
        for match in since.finditer(text):
            year = int(match.group(1))
            if year > ex.as_of.year or ex.as_of.year - year < lasting_years:
                continue
            ex.add(
                piece,
                sentence,
                indicator="sustainability",
                polarity="supporting",
                rule="sustainability.has_lasted",
                matched=match.group(0),
            )
            break
