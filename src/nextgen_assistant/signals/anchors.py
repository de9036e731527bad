"""Anchors: literal words a token pattern cannot match without, so a Matcher only runs on text
that contains one of them. One compiled regex over the text is far cheaper than the Matcher."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import numpy

from nextgen_assistant.signals.lexicon import TokenPattern

_OPTIONAL = re.compile(r"^(?:\?|\*|!|\{0?,\d*\}|\{0\})$")  # may match no token, or must not


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
    for words in required_words(pattern):
        if best is None or min(map(len, words)) > min(map(len, best)):
            best = words
    return best


def required_words(pattern: TokenPattern) -> list[list[str]]:
    """For each token the pattern cannot match without, the words (or word stems) it can be."""
    required: list[list[str]] = []
    for spec in pattern:
        if _OPTIONAL.match(str(spec.get("OP", ""))):
            continue
        words = _literals(spec)
        if words is None:
            continue
        lemma_only = "LEMMA" in spec and not any(
            k in spec for k in ("LOWER", "ORTH", "TEXT", "NORM")
        )
        # A lemma anchors by its stem: 'rely' must still find 'relies'.
        words = [w[:-1] if lemma_only and len(w) > 4 and w.endswith("y") else w for w in words]
        required.append([w.lower() for w in words])
    return required


_REPEAT = re.compile(r"^\{(\d*),(\d+)\}$|^\{(\d+)\}$")


def pattern_reach(pattern: TokenPattern) -> int | None:
    """The most tokens the pattern can span (None when unbounded: '*', '+', '{n,}')."""
    total = 0
    for spec in pattern:
        op = str(spec.get("OP", ""))
        if op in ("", "?", "!", "1"):
            total += 0 if op == "!" else 1
            continue
        bounded = _REPEAT.match(op)
        if bounded is None:
            return None
        total += int(bounded.group(2) or bounded.group(3))
    return total


def _trie(words: set[str]) -> str:
    """An alternation of words as a prefix tree ('gra(?:nt|duat)'): Python's re tries a flat
    alternation word by word at every position, and a tree one character at a time."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(tree)


@lru_cache(maxsize=64)
def word_gate(words: frozenset[str]) -> re.Pattern[str]:
    """A regex for lower-cased text (`lower_text_of`) that finds where any of the words begins.

    A gate is a cheap superset test: only text it finds is searched by the exact rules.
    """
    alternatives = {w.lower() for w in words if w}
    if not alternatives:
        return re.compile(r"(?!x)x")
    return re.compile(rf"(?<![\w])(?:{_trie(alternatives)})")


def hit_positions(gate: re.Pattern[str], text: str) -> numpy.ndarray:
    """Where a gate finds something in the text, as character offsets."""
    return numpy.fromiter((m.start() for m in gate.finditer(text)), dtype=numpy.int64)


def containing(starts: numpy.ndarray, positions: numpy.ndarray) -> numpy.ndarray:
    """For each position, the index of the last start at or before it (sorted starts)."""
    return numpy.maximum(numpy.searchsorted(starts, positions, side="right") - 1, 0)


def anchor_regex(patterns: list[TokenPattern], words: list[str] = ()) -> re.Pattern[str] | None:  # type: ignore[assignment]
    """A gate finding text where any pattern could match; None when some pattern has no anchor."""
    alternatives: set[str] = set(words)
    for pattern in patterns:
        anchor = pattern_anchor(pattern)
        if anchor is None:
            return None
        alternatives.update(anchor)
    return word_gate(frozenset(alternatives))
