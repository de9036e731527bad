"""Anchors: literal words a token pattern cannot match without, so a Matcher only runs on text
that contains one of them. One compiled regex over the text is far cheaper than the Matcher."""

from __future__ import annotations

import re
from typing import Any

from nextgen_assistant.signals.lexicon import TokenPattern

_OPTIONAL = {"?", "*", "{0,1}", "{0,2}", "{0,3}", "{0,4}", "{0,5}"}


def _literals(spec: dict[str, Any]) -> list[str] | None:
    for key in ("LOWER", "ORTH", "TEXT", "NORM", "LEMMA"):
        value = spec.get(key)
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict) and isinstance(value.get("IN"), list):
            return [str(v) for v in value["IN"]]
    return None


def pattern_anchor(pattern: TokenPattern) -> list[str] | None:
    """The literal alternatives of the pattern's most specific required token (None: no anchor)."""
    best: list[str] | None = None
    for spec in pattern:
        if str(spec.get("OP", "")) in _OPTIONAL:
            continue
        words = _literals(spec)
        if words is None:
            continue
        lemma_only = "LEMMA" in spec and not any(
            k in spec for k in ("LOWER", "ORTH", "TEXT", "NORM")
        )
        # A lemma anchors by its stem: 'rely' must still find 'relies'.
        words = [w[:-1] if lemma_only and len(w) > 4 and w.endswith("y") else w for w in words]
        if best is None or min(map(len, words)) > min(map(len, best)):
            best = words
    return best


def anchor_regex(patterns: list[TokenPattern], words: list[str] = ()) -> re.Pattern[str] | None:  # type: ignore[assignment]
    """A regex that finds text where any pattern could match; None when some pattern has no anchor."""
    alternatives: set[str] = {w.lower() for w in words}
    for pattern in patterns:
        anchor = pattern_anchor(pattern)
        if anchor is None:
            return None
        alternatives.update(w.lower() for w in anchor)
    if not alternatives:
        return re.compile(r"(?!x)x")
    body = "|".join(sorted((re.escape(w) for w in alternatives), key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{body})", re.IGNORECASE)
