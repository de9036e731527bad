"""Anchors and gates: the literal words a rule cannot match without, so exact matching (spaCy's
Matcher, an extractor's regexes) runs only where one of them occurs. Every gate of the process
is found in one regex pass over a Doc's text, far cheaper than the exact matching it spares."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import Any

import numpy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from nextgen_assistant.signals.lexicon import TokenPattern
from nextgen_assistant.signals.pipeline import doc_words, lemma_table, lower_text_of, token_chars

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
    for words in gate_words(pattern):
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
        if lemma_only:
            words = word_forms(words)
        required.append(list(dict.fromkeys(w.lower() for w in words)))
    return required


def word_forms(lemmas: Iterable[str]) -> list[str]:
    """What a gate looks for to find these lemmas in text: each lemma's stem ('rely' must still
    find 'relies', 'company' 'companies') and every form the lemma table knows for it ('chose'
    and 'chosen' for 'choose', 'led' for 'lead')."""
    table = lemma_table()
    return [
        form
        for w in lemmas
        for form in (w[:-1] if len(w) > 4 and w.endswith("y") else w, *table.forms_of(w))
    ]


# Tokens spaCy splits off inside a word ("can|not", "do|n't", "gon|na"): a gate, which finds words
# where they begin, cannot see them.
_INSIDE_WORD_TOKENS = frozenset({"not", "n't", "nt", "na", "ta"})
_WORD_START = re.compile(r"\w")


def _findable(word: str) -> bool:
    return (
        _WORD_START.match(word) is not None
        and "'" not in word
        and "’" not in word
        and word not in _INSIDE_WORD_TOKENS
    )


def gate_words(pattern: TokenPattern) -> list[list[str]]:
    """The required tokens a word gate can stand for: every word findable where it begins, and
    none a stop word ("the", "in"/"within", the forms of "be"), which is in nearly every sentence
    and would neither narrow the search nor keep the one gate pass small."""
    return [
        words
        for words in required_words(pattern)
        if all(_findable(w) for w in words) and not any(w in STOP_WORDS for w in words)
    ]


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


def trie(words: set[str]) -> str:
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


class Gate:
    """Words (matched as prefixes, at the start of a word, in lower case) whose occurrences tell
    where exact rules could match: a cheap superset test. Every gate of the process is searched
    in one pass over a Doc's text (see `_hits`), however many there are."""

    def __init__(self, words: frozenset[str], index: int) -> None:
        self.words = words
        self.index = index

    def positions(self, doc: Doc) -> numpy.ndarray:
        """Where in the Doc's text the gate's words begin (character offsets, ascending)."""
        return _hits(doc)[self.index]

    def found_in(self, span: Doc | Span) -> bool:
        """Whether one of the gate's words begins inside the Doc or Span."""
        positions = self.positions(span if isinstance(span, Doc) else span.doc)
        if isinstance(span, Doc):
            return len(positions) > 0
        first = numpy.searchsorted(positions, span.start_char)
        return bool(first < len(positions) and positions[first] < span.end_char)


class _Gates:
    """Every gate of the process, and one regex (a prefix tree of all their words) that finds
    them all. A match is the longest word at its position; a gate is there when one of its
    words is a prefix of that match."""

    def __init__(self) -> None:
        self.gates: dict[frozenset[str], Gate] = {}
        self.by_word: dict[str, list[int]] = {}
        self.union: re.Pattern[str] | None = None
        self.version = 0
        self.ids_of_match: dict[str, tuple[int, ...]] = {}
        self.lock = threading.Lock()
        # Per word of the vocabulary (ORTH hash): where gates begin inside it (see `_WordGates`).
        self.words: _WordGates | None = None

    def add(self, words: frozenset[str]) -> Gate:
        with self.lock:
            gate = self.gates.get(words)
            if gate is None:
                gate = self.gates[words] = Gate(words, len(self.gates))
                for word in words:
                    self.by_word.setdefault(word, []).append(gate.index)
                self.union = None
                self.ids_of_match = {}
                self.words = None
                self.version += 1
            return gate

    def regex(self) -> re.Pattern[str]:
        if self.union is None:
            words = set(self.by_word)
            body = trie(words) if words else "(?!x)x"
            # A lookahead, so matches never consume a word: a word inside a longer multi-word
            # match ("college" in "community college") is still looked at where it begins.
            # The match is the one non-word character before the word (the text is searched
            # with a space in front): a pattern that begins with a character class lets the
            # regex engine skip along the text in C, where a lookbehind tries every position.
            self.union = re.compile(rf"[^\w](?=({body}))")
        return self.union

    def ids(self, match: str) -> tuple[int, ...]:
        found = self.ids_of_match.get(match)
        if found is None:
            ids: set[int] = set()
            for size in range(1, len(match) + 1):
                ids.update(self.by_word.get(match[:size], ()))
            found = self.ids_of_match[match] = tuple(ids)
        return found


_WORD_CHAR = re.compile(r"\w")
_BEGINS = re.compile(r"(?<!\w)")  # where, inside a word, the regex could find a gate word
MAX_GATE_WORDS = 400_000  # distinct words whose gate places are remembered; past it, start again
# A word's gate places: (offset in the word, the gates of the gate words found inside the word
# from there, and by the character after the word the gate words that begin there and run on
# past it, with their gates).
_Place = tuple[int, tuple[int, ...], dict[str, tuple[tuple[str, tuple[int, ...]], ...]]]


class _WordPlaces:
    """Where gate words begin inside one vocabulary word. `inside`: a gate word lies inside it
    (or runs on past it over whitespace, "service area"), so every token of it is looked at;
    `glued`: one runs on past it into a token glued to it, looked at only where no whitespace
    follows the token."""

    __slots__ = ("glued", "inside", "length", "places")

    def __init__(self, length: int, places: tuple[_Place, ...]) -> None:
        self.length = length
        self.places = places
        self.inside = any(
            ids or any(char.isspace() for char in running_on) for _, ids, running_on in places
        )
        self.glued = any(not char.isspace() for _, _, running_on in places for char in running_on)


class _WordGates:
    """Where gate words begin inside a vocabulary word, decided once per word: a Doc's gate
    places are then its tokens' (a gate word beginning in one token and running on past it is
    checked against the text), exactly what the one regex pass over the text finds, at a
    fraction of its cost."""

    def __init__(self, by_word: dict[str, list[int]]) -> None:
        self.by_word = by_word
        self.longer: dict[str, list[tuple[str, tuple[int, ...]]]] = {}  # by a proper prefix
        for word, ids in by_word.items():
            for size in range(1, len(word)):
                self.longer.setdefault(word[:size], []).append((word, tuple(ids)))
        # A gate word beginning with whitespace could begin outside every token.
        self.usable = not any(word[:1].isspace() for word in by_word)
        self.of: dict[int, _WordPlaces | None] = {}

    def places(self, text: str) -> _WordPlaces | None:
        """None: the word's lower case is not character for character (an "İ", a capital
        sigma, whose lower case depends on its neighbours): the Doc is searched by the regex."""
        lower = text.lower()
        if len(lower) != len(text) or "\u03a3" in text:
            return None
        by_word, longer = self.by_word, self.longer
        found: list[_Place] = []
        for match in _BEGINS.finditer(lower):
            offset = match.start()
            if offset >= len(lower):
                break
            ids: set[int] = set()
            for size in range(1, len(lower) - offset + 1):
                ids.update(by_word.get(lower[offset : offset + size], ()))
            rest = len(lower) - offset
            running_on: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
            for word, more in longer.get(lower[offset:], ()):
                if not ids.issuperset(more):  # else it adds no gate
                    running_on.setdefault(word[rest], []).append((word, more))
            if ids or running_on:
                found.append(
                    (offset, tuple(sorted(ids)), {c: tuple(w) for c, w in running_on.items()})
                )
        return _WordPlaces(len(lower), tuple(found))


_GATES = _Gates()
_HITS_KEY = "nextgen_gate_hits"


def _token_hits(doc: Doc, count: int) -> list[list[int]] | None:
    """Every gate's places in the Doc's text from its tokens (None: the regex must search it)."""
    with _GATES.lock:
        words_gates = _GATES.words
        if words_gates is None:
            words_gates = _GATES.words = _WordGates(_GATES.by_word)
    if not words_gates.usable:
        return None
    words, _, inverse = doc_words(doc)
    known = words_gates.of
    if len(known) > MAX_GATE_WORDS:
        known.clear()
    strings = doc.vocab.strings
    entries: list[_WordPlaces] = []
    for word in words.tolist():
        entry = known.get(word, _UNKNOWN)
        if entry is _UNKNOWN:
            entry = known[word] = words_gates.places(strings[word])
        if entry is None:
            return None
        entries.append(entry)  # type: ignore[arg-type]
    positions: list[list[int]] = [[] for _ in range(count)]
    inside = numpy.array([entry.inside for entry in entries], dtype=bool)[inverse]
    glued = numpy.array([entry.glued for entry in entries], dtype=bool)[inverse]
    all_chars = token_chars(doc)
    if glued[:-1].any():
        # A token with the next one right after it, no whitespace between ("can|not").
        lengths = numpy.array([entry.length for entry in entries], dtype=numpy.int64)[inverse]
        inside[:-1] |= glued[:-1] & (all_chars[1:] == all_chars[:-1] + lengths[:-1])
    tokens = numpy.flatnonzero(inside)
    if not len(tokens):
        return positions
    lower = lower_text_of(doc)
    size = len(lower)
    word_char = _WORD_CHAR.match
    chars = all_chars[tokens].tolist()
    for token_word, char in zip(inverse[tokens].tolist(), chars, strict=True):
        entry = entries[token_word]
        after = char + entry.length
        following = lower[after] if after < size else ""
        for offset, ids, running_on in entry.places:
            place = char + offset
            if offset == 0 and place > 0 and word_char(lower, place - 1):
                continue  # the word goes on from the token before ("10am")
            more = running_on.get(following) if running_on else None
            if more:
                all_ids = set(ids)
                for word, word_ids in more:
                    if lower.startswith(word, place):
                        all_ids.update(word_ids)
                ids = tuple(all_ids)
            for index in ids:
                positions[index].append(place)
    return positions


_UNKNOWN = object()


def _hits(doc: Doc) -> list[numpy.ndarray]:
    """Every gate's positions in the Doc's text, found once per Doc and kept on it: from the
    places decided once per word (`_token_hits`), else by one regex pass over the text."""
    cached = doc.user_data.get(_HITS_KEY)
    if cached is not None and cached[0] == _GATES.version:
        return cached[1]  # type: ignore[no-any-return]
    version = _GATES.version
    by_tokens = _token_hits(doc, len(_GATES.gates))
    if by_tokens is not None:
        arrays = [numpy.array(p, dtype=numpy.int64) for p in by_tokens]
        doc.user_data[_HITS_KEY] = (version, arrays)
        return arrays
    regex = _GATES.regex()
    # Where each distinct matched word begins, then each gate's words' places, in order.
    found: dict[str, list[int]] = {}
    for match in regex.finditer(" " + lower_text_of(doc)):  # a match's start: its word's
        word = match.group(1)
        places = found.get(word)
        if places is None:
            found[word] = [match.start()]
        else:
            places.append(match.start())
    positions: list[list[int]] = [[] for _ in range(len(_GATES.gates))]
    merged: set[int] = set()
    for word, places in found.items():
        for index in _GATES.ids(word):
            if positions[index]:
                merged.add(index)
            positions[index] += places
    for index in merged:
        positions[index].sort()
    arrays = [numpy.array(p, dtype=numpy.int64) for p in positions]
    doc.user_data[_HITS_KEY] = (version, arrays)
    return arrays


def word_gate(words: Iterable[str]) -> Gate:
    """The gate of these words (one per distinct set of words in the process)."""
    return _GATES.add(frozenset(w.lower() for w in words if w))


def containing(starts: numpy.ndarray, positions: numpy.ndarray) -> numpy.ndarray:
    """For each position, the index of the last start at or before it (sorted starts)."""
    return numpy.maximum(numpy.searchsorted(starts, positions, side="right") - 1, 0)


def anchor_gate(patterns: list[TokenPattern], words: Iterable[str] = ()) -> Gate | None:
    """A gate finding text where any pattern could match; None when some pattern has no anchor."""
    alternatives: set[str] = set(words)
    for pattern in patterns:
        anchor = pattern_anchor(pattern)
        if anchor is None:
            return None
        alternatives.update(anchor)
    return word_gate(alternatives)
