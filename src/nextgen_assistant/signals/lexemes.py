"""Token patterns decided per vocabulary entry, and run by spaCy's Matcher only where they can match.

Every token attribute a pattern tests (LOWER, ORTH, LEMMA, IS_TITLE, LIKE_NUM, IN and NOT_IN
sets with their `@class` words expanded...) is a property of the word itself: its lexeme (our
lemma is a lookup of the lower-case form). So each distinct token spec of every pattern is
decided once per vocabulary entry, when a word is first seen, and kept as a column of a boolean
table; a Doc's answer for every spec is one `numpy` take of that table by its tokens' rows.

A pattern's leading tokens of fixed width (no `?`, `*` or `{m,n}` before them) must hold at
fixed offsets from where a match starts: those checks, made on the table's columns, give the
only places a match can start. spaCy's compiled Matcher then runs on the few windows there
(start, start + the pattern's reach, inside the sentence), and a pattern of fixed-width tokens
whose specs the table decides fully needs no Matcher at all. The answer is exactly the Matcher's
over each sentence: a match holds its leading tokens, and spans at most the pattern's reach.

Adding a rule adds a pattern, not a pass: a pattern whose leading words are not in a Doc costs
one look at a count.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import (
    IS_ALPHA,
    IS_DIGIT,
    IS_LOWER,
    IS_PUNCT,
    IS_SPACE,
    IS_STOP,
    IS_TITLE,
    IS_UPPER,
    LEMMA,
    LENGTH,
    LIKE_NUM,
    LOWER,
    ORTH,
)
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from nextgen_assistant.signals.lexicon import TokenPattern
from nextgen_assistant.signals.pipeline import doc_words

# Attributes that are properties of the word (the lexeme, or our lemma of its lower-case form):
# decided once per vocabulary entry. Any other attribute (IS_SENT_START) is left to the Matcher.
_WORD_ATTRS = {
    "ORTH": ORTH,
    "TEXT": ORTH,
    "LOWER": LOWER,
    "LEMMA": LEMMA,
    "IS_ALPHA": IS_ALPHA,
    "IS_DIGIT": IS_DIGIT,
    "IS_LOWER": IS_LOWER,
    "IS_UPPER": IS_UPPER,
    "IS_TITLE": IS_TITLE,
    "IS_PUNCT": IS_PUNCT,
    "IS_SPACE": IS_SPACE,
    "IS_STOP": IS_STOP,
    "LIKE_NUM": LIKE_NUM,
    "LENGTH": LENGTH,
}
_REPEAT = re.compile(r"^\{(\d*)(,?)(\d*)\}$")
_GETTERS: dict[int, Callable[[Token], int]] = {
    ORTH: lambda t: t.orth,
    LOWER: lambda t: t.lower,
    LEMMA: lambda t: t.lemma,
    IS_ALPHA: lambda t: int(t.is_alpha),
    IS_DIGIT: lambda t: int(t.is_digit),
    IS_LOWER: lambda t: int(t.is_lower),
    IS_UPPER: lambda t: int(t.is_upper),
    IS_TITLE: lambda t: int(t.is_title),
    IS_PUNCT: lambda t: int(t.is_punct),
    IS_SPACE: lambda t: int(t.is_space),
    IS_STOP: lambda t: int(t.is_stop),
    LIKE_NUM: lambda t: int(t.like_num),
    LENGTH: lambda t: len(t),
}
MAX_ROWS = 400_000
COMMON = 10**6  # the guess for a spec of no literal words (a flag, a NOT_IN set)


def _guess(words: Any) -> int:
    """How many words a spec of these literal words holds for, roughly: a stop word is in
    nearly every sentence."""
    return sum(1000 if str(w).lower() in STOP_WORDS else 1 for w in words)


NARROW_WORDS = 8  # distinct words remembered; past it the table starts again


def _op_bounds(op: str) -> tuple[int, int | None]:
    """The fewest and most tokens a spec with this OP matches (None: unbounded)."""
    if op in ("", "1"):
        return 1, 1
    if op == "?":
        return 0, 1
    if op == "+":
        return 1, None
    if op in ("*", "!"):
        return 0, None if op == "*" else 0
    found = _REPEAT.match(op)
    if found is None:
        return 0, None
    low, comma, high = found.groups()
    if not comma:
        return int(low), int(low)
    return int(low or 0), int(high) if high else None


class WordSpecs:
    """Every distinct token spec (without OP) of the process's patterns, decided per word."""

    def __init__(self, vocab: Vocab) -> None:
        self._strings = vocab.strings
        self._index: dict[str, int] = {}
        self._tests: list[list[tuple[int, str, Any]]] = []  # per spec: (column, how, value)
        self._attrs: list[int] = [ORTH]
        self._row_of: dict[int, int] = {}
        self._table = numpy.zeros((0, 0), dtype=bool)  # word x spec
        self._rows = 0
        self._key = f"nextgen_word_specs_{id(self)}"
        self._lock = threading.Lock()
        self._index_built: _ValueIndex | None = None
        self.selectivity: list[int] = []  # a guess at how many words hold each spec
        self._anchors: dict[int, int] = {}  # spec column -> its column in the anchor table
        self._bits: list[int] = []  # per word row: the specs it holds, as bits of an int
        self._flags: dict[int, Callable[[Token], bool]] = {}  # spec column -> its test
        self._value_tests: list[Callable[[Token], Any]] = []
        self._values: list[list[Any]] = []  # per value test, per word row

    @property
    def size(self) -> int:
        return len(self._tests)

    def add(self, spec: dict[str, Any]) -> tuple[int | None, bool]:
        """The spec's column (None when it tests nothing about the word), and whether the
        column decides the whole spec (no attribute left to the Matcher)."""
        tests: list[tuple[int, str, Any]] = []
        complete = True
        guess = COMMON
        for name, value in spec.items():
            if name == "OP":
                continue
            attr = _WORD_ATTRS.get(name.upper()) if isinstance(name, str) else None
            if attr is None:
                complete = False
                continue
            if attr not in self._attrs:
                self._attrs.append(attr)
            column = self._attrs.index(attr)
            words = attr in (ORTH, LOWER, LEMMA)
            if isinstance(value, bool):
                tests.append((column, "==", int(value)))
            elif isinstance(value, int):
                tests.append((column, "==", value))
            elif isinstance(value, str):
                tests.append((column, "==", self._strings.add(value)))
                if words:
                    guess = min(guess, _guess([value]))
            elif isinstance(value, dict) and set(value) <= {"IN", "NOT_IN"}:
                for how, items in value.items():
                    tests.append((column, how, frozenset(get_string_id(v) for v in items)))
                    if words and how == "IN":
                        guess = min(guess, _guess(items))
            else:
                complete = False
        if not tests:
            return None, False
        key = json.dumps(
            [[c, h, sorted(v) if isinstance(v, frozenset) else v] for c, h, v in tests],
            sort_keys=True,
        )
        found = self._index.get(key)
        if found is None:
            found = self._index[key] = len(self._tests)
            self._tests.append(tests)
            self.selectivity.append(guess)
            self._forget()
        return found, complete

    def flag(self, test: Callable[[Token], bool]) -> int:
        """A spec decided by a function of a word's first token (any property of the word
        itself), found per Doc like any anchor spec; its column."""
        column = len(self._tests)
        self._tests.append([])
        self.selectivity.append(COMMON)
        self._flags[column] = test
        self.anchor(column)
        return column

    def value(self, compute: Callable[[Token], Any]) -> int:
        """A value computed once per word (its letters-only form, say); the index to read it
        with `DocSpecs.value`."""
        self._value_tests.append(compute)
        self._forget()
        return len(self._value_tests) - 1

    def anchor(self, column: int) -> None:
        """Keep where this spec holds per Doc as a list of tokens (a pattern's anchor)."""
        if column not in self._anchors:
            self._anchors[column] = len(self._anchors)
            self._forget()

    def _forget(self) -> None:
        self._table = numpy.zeros((0, len(self._anchors)), dtype=bool)
        self._bits = []
        self._values = [[] for _ in self._value_tests]
        self._index_built = None
        self._row_of = {}
        self._rows = 0

    def of(self, doc: Doc) -> DocSpecs:
        """Every spec's answer for the Doc's tokens (see `_of`), under the table's lock: a
        checker may be used from more than one thread."""
        cached = doc.user_data.get(self._key)
        if cached is not None:
            return cached  # type: ignore[no-any-return]
        with self._lock:
            return self._of(doc)

    def forget(self, doc: Doc) -> None:
        """Drop the Doc's answers (a token x spec table, the largest thing a Doc carries); they
        are computed again if asked for."""
        doc.user_data.pop(self._key, None)

    def _of(self, doc: Doc) -> DocSpecs:
        """Every spec's answer for the Doc's tokens, computed once per Doc: one ORTH column,
        its distinct words, and their rows of the table (a word seen for the first time is
        decided from its first token, once for the process)."""
        cached = doc.user_data.get(self._key)
        if cached is not None:
            return cached  # type: ignore[no-any-return]
        if not len(doc):
            found = DocSpecs(
                [], 0, numpy.zeros((0, len(self._anchors)), bool), self._anchors, [], []
            )
            doc.user_data[self._key] = found
            return found
        words, first, inverse = doc_words(doc)
        row_of = self._row_of
        rows = [row_of.get(word, -1) for word in words.tolist()]
        new = [i for i, row in enumerate(rows) if row < 0]
        if new:
            if self._rows + len(new) > MAX_ROWS:
                self._forget()
                row_of = self._row_of
                rows = [-1] * len(rows)
                new = list(range(len(rows)))
            self._grow(self._rows + len(new))
            getters = [_GETTERS[attr] for attr in self._attrs]
            index = self._value_index()
            anchors = list(self._anchors)
            for i in new:
                token = doc[int(first[i])]
                row = self._rows
                self._rows += 1
                row_of[int(words[i])] = rows[i] = row
                holds = index.decide([get(token) for get in getters])
                for column, test in self._flags.items():
                    holds[column] = test(token)
                for values, compute in zip(self._values, self._value_tests, strict=True):
                    values.append(compute(token))
                self._table[row] = holds[anchors]
                self._bits.append(
                    int.from_bytes(numpy.packbits(holds, bitorder="little").tobytes(), "little")
                )
        bits = self._bits
        word_bits = [bits[row] for row in rows]
        present = 0
        for value in word_bits:
            present |= value
        token_words = inverse.tolist()
        token_bits = [word_bits[w] for w in token_words]
        found = DocSpecs(
            token_bits, present, self._table[rows][inverse], self._anchors, token_words, rows
        )
        found.values = self._values
        doc.user_data[self._key] = found
        return found

    def _value_index(self) -> _ValueIndex:
        if self._index_built is None:
            self._index_built = _ValueIndex(self._tests, len(self._attrs))
        return self._index_built

    def _grow(self, rows: int) -> None:
        if rows > self._table.shape[0]:
            grown = numpy.zeros(
                (max(rows, 2 * self._table.shape[0], 1024), len(self._anchors)), bool
            )
            grown[: self._rows] = self._table[: self._rows]
            self._table = grown


class _ValueIndex:
    """Which tests a word's attribute values pass, by dictionary lookups rather than one test
    at a time: a spec holds when every one of its tests passes."""

    def __init__(self, tests: list[list[tuple[int, str, Any]]], columns: int) -> None:
        self._passing: list[dict[int, list[int]]] = [{} for _ in range(columns)]
        self._not_in: list[tuple[int, int, frozenset[int]]] = []
        owners: list[int] = []
        for spec, spec_tests in enumerate(tests):
            for column, how, value in spec_tests:
                test = len(owners)
                owners.append(spec)
                if how == "==":
                    self._passing[column].setdefault(value, []).append(test)
                elif how == "IN":
                    for item in value:
                        self._passing[column].setdefault(item, []).append(test)
                else:
                    self._not_in.append((test, column, value))
        self._owners = numpy.array(owners, dtype=numpy.int64)
        self._needed = numpy.array([len(t) for t in tests], dtype=numpy.int64)

    def decide(self, values: list[int]) -> numpy.ndarray:
        """For one word's attribute values (by column), whether each spec holds."""
        passed: list[int] = []
        for column, value in enumerate(values):
            passed += self._passing[column].get(value, ())
        passed += [test for test, column, items in self._not_in if values[column] not in items]
        held = numpy.bincount(self._owners[passed], minlength=len(self._needed))
        return held == self._needed  # type: ignore[no-any-return]


class DocSpecs:
    """A Doc's answers: per token, the specs it holds as bits of an int; the specs some token
    holds; and, for anchor specs, their tokens in order."""

    def __init__(
        self,
        token_bits: list[int],
        present: int,
        anchor_tokens: numpy.ndarray,
        anchors: dict[int, int],
        token_words: list[int],
        word_rows: list[int],
    ) -> None:
        self.bits = token_bits
        self.present = present
        self._words = token_words
        self._rows = word_rows
        self.values: list[list[Any]] = []
        self._anchor_tokens = anchor_tokens  # token x anchor spec
        self._anchors = anchors
        self._places: dict[int, list[int]] = {}

    def value(self, which: int, token: int) -> Any:
        """A per-word value (see `WordSpecs.value`) of a token."""
        return self.values[which][self._rows[self._words[token]]]

    def places(self, spec: int) -> list[int]:
        """The tokens where an anchor spec holds, ascending."""
        if not self._places and self._anchors:
            # Every anchor's tokens at once: one flatnonzero over the (token x anchor) answers
            # (a 2-D nonzero costs several times more), then a stable sort by anchor, which
            # keeps each anchor's tokens in order.
            count = len(self._anchors)
            tokens, columns = numpy.divmod(numpy.flatnonzero(self._anchor_tokens), count)
            order = numpy.argsort(columns, kind="stable")
            columns = columns[order]
            cuts = numpy.searchsorted(columns, numpy.arange(count + 1)).tolist()
            ordered = tokens[order].tolist()
            by_column = [ordered[cuts[c] : cuts[c + 1]] for c in range(len(self._anchors))]
            self._places = {spec: by_column[column] for spec, column in self._anchors.items()}
        return self._places.get(spec, [])


@dataclass
class CompiledPattern:
    """One token pattern: its Matcher, and what the word table tells before (or instead of)
    running it."""

    key: int
    matcher: Matcher
    required: int  # bits of the specs of every token a match must hold
    anchor: int | None  # the rarest of them (a guess), looked up per Doc as a list of tokens
    side: str  # "lead": the anchor is at a fixed offset from a match's first token; "trail":
    # from its last; "free": anywhere in it
    offset: int  # that offset
    fixed: list[tuple[int, int]]  # (offset, spec bit) of the other specs at fixed offsets there
    steps: list[tuple[int, int, int | None]] | None  # (spec bit, fewest, most) when the table
    # decides every spec: matched here, without the Matcher
    width: int | None  # tokens of a fixed-width pattern the table decides fully, else None
    reach: int | None  # the most tokens a match spans (None: to the sentence's end)


def compile_pattern(
    specs: WordSpecs, matcher: Matcher, key: int, pattern: TokenPattern
) -> CompiledPattern:
    """What the table can check of a pattern before its Matcher runs."""
    bounds = [_op_bounds(str(spec.get("OP", ""))) for spec in pattern]
    columns = [specs.add(spec) for spec in pattern]
    reach: int | None = 0
    for _, high in bounds:
        reach = None if reach is None or high is None else reach + high
    lead = _fixed(bounds, columns)
    trail = _fixed(bounds[::-1], columns[::-1])
    required = list(
        dict.fromkeys(
            c for (low, _), (c, _) in zip(bounds, columns, strict=True) if low and c is not None
        )
    )
    decided = all(column is not None and complete for column, complete in columns) and all(
        high != 0 for _, high in bounds
    )
    exact = decided and all(b == (1, 1) for b in bounds)
    steps = (
        [
            (1 << c, low, high)
            for (low, high), (c, _) in zip(bounds, columns, strict=True)
            if c is not None
        ]
        if decided
        else None
    )
    choices = [(specs.selectivity[c], 0, "lead", offset, c) for offset, c in lead]
    choices += [(specs.selectivity[c], 1, "trail", offset, c) for offset, c in trail]
    choices += [(specs.selectivity[c], 2, "free", 0, c) for c in required]
    anchor: int | None = None
    side, offset, fixed = "free", 0, []
    if choices:
        _, _, side, offset, anchor = min(choices)
        specs.anchor(anchor)
        # The anchor itself holds where it is found: only the other fixed specs are checked.
        fixed = [
            (o, 1 << c)
            for o, c in (lead if side == "lead" else trail if side == "trail" else [])
            if (o, c) != (offset, anchor)
        ]
    return CompiledPattern(
        key,
        matcher,
        sum(1 << c for c in required),
        anchor,
        side,
        offset,
        fixed,
        steps,
        len(pattern) if exact else None,
        reach,
    )


def _fixed(
    bounds: list[tuple[int, int | None]], columns: list[tuple[int | None, bool]]
) -> list[tuple[int, int]]:
    """The specs at fixed offsets from the pattern's first token: those before the first spec
    that may match no token or several, and the first token of a spec that must match one."""
    fixed: list[tuple[int, int]] = []
    for offset, ((low, high), (column, _)) in enumerate(zip(bounds, columns, strict=True)):
        if low >= 1 and column is not None:
            fixed.append((offset, column))
        if (low, high) != (1, 1):
            break
    return fixed


class Sentences:
    """Sentence bounds of a Doc: which sentence holds each token (-1: none), and its bounds."""

    def __init__(self, size: int, sentences: list[tuple[int, int]]) -> None:
        self.bounds = sentences
        of = numpy.full(size + 1, -1, dtype=numpy.int64)  # one past the end: no sentence
        for index, (start, end) in enumerate(sentences):
            of[start:end] = index
        self.of: list[int] = of.tolist()

    @classmethod
    def of_doc(cls, doc: Doc, sentences: list[tuple[int, int]]) -> Sentences:
        """The Sentences of these bounds of the Doc, made once per Doc and list of bounds."""
        cached = doc.user_data.get(_SENTENCES_KEY)
        if cached is not None and cached[0] == sentences:
            return cached[1]  # type: ignore[no-any-return]
        found = cls(len(doc), sentences)
        doc.user_data[_SENTENCES_KEY] = (list(sentences), found)
        return found


_SENTENCES_KEY = "nextgen_sentences"


def forget_sentences(doc: Doc) -> None:
    """Drop the Doc's Sentences (a list as long as the Doc)."""
    doc.user_data.pop(_SENTENCES_KEY, None)


def pattern_matches(
    doc: Doc, sentences: Sentences, specs: DocSpecs, pattern: CompiledPattern
) -> list[tuple[int, int, int]]:
    """Every match (key, start, end) of the pattern inside a sentence: plain Python over the
    few places its anchor occurs (numpy's cost per call is more than the work)."""
    if specs.present & pattern.required != pattern.required:
        return []  # a token it needs is nowhere in the Doc
    if pattern.anchor is None:
        windows = sentences.bounds
        if pattern.steps is None:
            return _run(doc, pattern, windows)
        return _decided(specs.bits, pattern, [(a, a, b) for a, b in windows])
    of, bounds, reach, bits = sentences.of, sentences.bounds, pattern.reach, specs.bits
    size = len(bits)
    side, offset, fixed = pattern.side, pattern.offset, pattern.fixed
    # (first start, last start, end limit) of the matches each place allows
    spans: list[tuple[int, int, int]] = []
    if side == "lead":
        for place in specs.places(pattern.anchor):
            start = place - offset
            if start < 0:
                continue
            which = of[start]
            if which < 0:
                continue
            for o, bit in fixed:
                if start + o >= size or not bits[start + o] & bit:
                    break
            else:
                end = bounds[which][1]
                if reach is not None and start + reach < end:
                    end = start + reach
                spans.append((start, start, end))
        width = pattern.width
        if width is not None:
            return [(pattern.key, a, a + width) for a, _, end in spans if a + width <= end]
    elif side == "trail":
        for place in specs.places(pattern.anchor):
            last = place + offset
            if last >= size:
                continue
            which = of[last]
            if which < 0:
                continue
            for o, bit in fixed:
                if last - o < 0 or not bits[last - o] & bit:
                    break
            else:
                low = bounds[which][0]
                if reach is not None and last + 1 - reach > low:
                    low = last + 1 - reach
                spans.append((low, last, last + 1))
    else:
        for place in specs.places(pattern.anchor):
            which = of[place]
            if which < 0:
                continue
            low, high = bounds[which]
            if reach is not None:
                low, high = max(low, place - reach + 1), min(high, place + reach)
            spans.append((low, high - 1, high))
    if not spans:
        return []
    if pattern.steps is not None:
        if side != "lead":  # windows around places: overlapping ones scanned once
            spans = [(a, end - 1, end) for a, end in _merged([(a, end) for a, _, end in spans])]
        return _decided(bits, pattern, spans)
    return _run(doc, pattern, _merged([(a, end) for a, _, end in spans]))


def _decided(
    bits: list[int], pattern: CompiledPattern, spans: list[tuple[int, int, int]]
) -> list[tuple[int, int, int]]:
    """A pattern's matches from the table alone: every (start, end) whose tokens hold the specs,
    each repeated within its fewest and most times (spaCy's Matcher answers every such span,
    not only the longest), starting in [first, last] and ending by the limit. Every way through
    the steps is followed with a stack of (position, step), not recursion."""
    assert pattern.steps is not None
    steps = pattern.steps
    count_steps = len(steps)
    found: set[tuple[int, int]] = set()
    add = found.add
    # A match starts on a token one of its first steps (up to the first it cannot skip) holds.
    opening = 0
    for bit, low, _ in steps:
        opening |= bit
        if low:
            break
    for first, last, limit in spans:
        for start in range(first, last + 1):
            if not bits[start] & opening:
                continue
            stack = [(start, 0)]
            while stack:
                position, step = stack.pop()
                if step == count_steps:
                    if position > start:
                        add((start, position))
                    continue
                bit, low, high = steps[step]
                count = 0
                while count < low:
                    if position < limit and bits[position] & bit:
                        position += 1
                        count += 1
                    else:
                        break
                else:
                    stack.append((position, step + 1))
                    while (
                        (high is None or count < high) and position < limit and bits[position] & bit
                    ):
                        position += 1
                        count += 1
                        stack.append((position, step + 1))
    key = pattern.key
    return [(key, start, end) for start, end in sorted(found)]


def _run(
    doc: Doc, pattern: CompiledPattern, windows: list[tuple[int, int]]
) -> list[tuple[int, int, int]]:
    found: list[tuple[int, int, int]] = []
    matcher = pattern.matcher
    for start, end in windows:
        if end > start:
            # On a Span, spaCy's Matcher answers in Span offsets.
            found += [(key, start + a, start + b) for key, a, b in matcher(doc[start:end])]
    return found


def _merged(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token windows sorted, overlapping ones joined (windows never cross a sentence)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(windows):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
