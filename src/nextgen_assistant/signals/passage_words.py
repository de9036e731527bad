"""The passage model's words of a Doc: each token's lower-case form (as spaCy's hash, which is
what the model's features are), whether the model reads it (whitespace it does not), and whether it
counts as a word toward a window's length (it has a letter or a digit); decided once per distinct
word of the process, not per token."""

from __future__ import annotations

import threading

import numpy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from nextgen_assistant.signals.pipeline import doc_words

__all__ = ["DocWords", "words_of"]


def _has_letter_or_digit(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _word_flag(vocab: Vocab) -> int:
    """The lexeme flag "counts as a word" of a vocabulary, added once: spaCy then decides it once
    per distinct word, and a Doc gives it for every token in one array."""
    for flag, getter in vocab.lex_attr_getters.items():  # type: ignore[attr-defined]  # in the .pyx, not the stubs
        if getter is _has_letter_or_digit:
            return int(flag)
    return int(vocab.add_flag(_has_letter_or_digit))


class _WordFacts:
    """Per distinct word of the process (by ORTH), a row: its lower-case form (hash), whether it
    is read (not whitespace), whether it counts as a word. They depend on the word's text alone."""

    def __init__(self) -> None:
        self.row_of: dict[int, int] = {}
        self.lower = numpy.zeros(1024, dtype=numpy.uint64)
        self.read = numpy.zeros(1024, dtype=bool)
        self.counted = numpy.zeros(1024, dtype=bool)
        self.lock = threading.Lock()  # checkers of two threads share the table

    def rows(self, doc: Doc, words: list[int]) -> numpy.ndarray:
        """The rows of these words of the Doc's vocabulary, adding the new ones (under `lock`)."""
        row_of = self.row_of
        if len(row_of) > MAX_FACT_WORDS:
            row_of.clear()
        missing = [word for word in words if word not in row_of]
        if missing:
            used = len(row_of)
            if used + len(missing) > len(self.lower):  # room for twice as many
                size = 2 * (used + len(missing))
                self.lower = numpy.resize(self.lower, size)
                self.read = numpy.resize(self.read, size)
                self.counted = numpy.resize(self.counted, size)
            flag = _word_flag(doc.vocab)
            for row, word in enumerate(missing, used):
                lexeme = doc.vocab[word]
                self.lower[row] = lexeme.lower
                self.read[row] = not lexeme.is_space
                self.counted[row] = lexeme.check_flag(flag)
                row_of[word] = row
        return numpy.array([row_of[word] for word in words], dtype=numpy.int64)


_FACTS = _WordFacts()
MAX_FACT_WORDS = 400_000  # distinct words remembered; past it, start again


def _word_facts(doc: Doc) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """Each token's lower-case form (hash), whether it is read (not whitespace) and whether it
    counts as a word: what `doc.to_array([LOWER, IS_SPACE, <word flag>])` gives, decided once
    per distinct word of the process and spread to the tokens from the Doc's distinct words
    (`doc_words`, shared with the rest of the checker)."""
    words, _, inverse = doc_words(doc)
    with _FACTS.lock:
        at = _FACTS.rows(doc, words.tolist())[inverse]
        return _FACTS.lower[at], _FACTS.read[at], _FACTS.counted[at]


class DocWords:
    """A Doc's words as the model reads them, from one array of the Doc: each token's lower-case
    form (as spaCy's hash, which is what the model's features are), whether it is read
    (whitespace is not), and whether it counts as a word toward a window's length (it has a
    letter or a digit)."""

    def __init__(self, doc: Doc) -> None:
        self._doc = doc
        lower, read, counted = _word_facts(doc)
        # the read tokens' forms in order, and how many of them come before each token: a
        # range's keys are one slice (a view), not a mask applied per range
        self._keys = lower[read]
        self._before = numpy.concatenate([[0], numpy.cumsum(read)]).tolist()
        self._counted = numpy.concatenate([[0], numpy.cumsum(counted.astype(numpy.int64))])

    def keys(self, start: int, end: int) -> numpy.ndarray:
        """The lower-case forms of the words of tokens [start, end), as hashes."""
        keys: numpy.ndarray = self._keys[self._before[start] : self._before[end]]
        return keys

    def words(self, start: int, end: int) -> list[str]:
        """The words of tokens [start, end), as text."""
        strings = self._doc.vocab.strings
        return [strings[key] for key in self.keys(start, end).tolist()]

    def length(self, start: int, end: int) -> int:
        """How many of tokens [start, end) count as words."""
        return int(self._counted[end] - self._counted[start])


def words_of(doc: Doc, start: int, end: int) -> list[str]:
    """The lower-case words of tokens [start, end) of a Doc, without whitespace tokens: what the
    model reads, in training and in use alike."""
    return DocWords(doc).words(start, end)
