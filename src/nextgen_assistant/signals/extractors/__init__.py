"""Structured extractors: facts (attendance, partners, geography, plan dates, funding, metrics)
kept on the document result and turned into signals."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

import numpy
from spacy.tokens import Doc, Span

from nextgen_assistant.documents.model import Block, Document
from nextgen_assistant.signals.anchors import containing, hit_positions
from nextgen_assistant.signals.context import ContextFinder
from nextgen_assistant.signals.lexicon import Lexicons
from nextgen_assistant.signals.model import DocumentFacts, Polarity, Signal, SignalLocation
from nextgen_assistant.signals.pipeline import SENTENCE_STARTS_KEY, lower_text_of, text_of


def sentence_starts(doc: Doc) -> list[int]:
    """Token indices where the Doc's sentences start (from our sentencizer, else the model's)."""
    starts = doc.user_data.get(SENTENCE_STARTS_KEY)
    if starts is None:  # a trained model's parser or senter set them
        starts = [sentence.start for sentence in doc.sents]
        doc.user_data[SENTENCE_STARTS_KEY] = starts
    return list(starts)


@dataclass
class Piece:
    """A block and where it lies in a processed Doc: one Doc holds a whole document (or a long
    document's chunk), its blocks joined by blank lines (newlines inside a block as spaces)."""

    block: Block
    doc: Doc
    start: int = 0  # the block's tokens are doc[start:end]
    end: int | None = None
    char_offset: int = 0  # where the block's text begins in the Doc's text
    find_blocked: Callable[[Span], set[int]] | None = None
    _blocked: dict[int, set[int]] = field(default_factory=dict)
    _sentences: list[Span] | None = None
    _sentence_starts: list[int] | None = None

    @property
    def sentences(self) -> list[Span]:
        """The block's sentences (a block always starts one), computed once."""
        if self._sentences is None:
            end = len(self.doc) if self.end is None else self.end
            bounds = sorted(
                {self.start, *(s for s in sentence_starts(self.doc) if self.start < s < end), end}
            )
            self._sentences = [self.doc[a:b] for a, b in itertools.pairwise(bounds) if b > a]
            self._sentence_starts = [s.start for s in self._sentences]
        return self._sentences

    def line_at(self, char: int) -> int:
        """The block's line holding a character of the Doc's text."""
        return self.block.line_at(char - self.char_offset)

    def sentence_at(self, token_index: int) -> Span:
        """The sentence holding a token (Token.sent rescans the whole Doc each call)."""
        sentences = self.sentences
        assert self._sentence_starts is not None
        return sentences[max(0, bisect_right(self._sentence_starts, token_index) - 1)]

    def blocked_in(self, sentence: Span) -> set[int]:
        """Tokens of a sentence inside false friends ("Grant Avenue"), found once per sentence."""
        found = self._blocked.get(sentence.start)
        if found is None:
            found = self.find_blocked(sentence) if self.find_blocked else set()
            self._blocked[sentence.start] = found
        return found

    def blocked_at(self, token_index: int) -> set[int]:
        """False-friend tokens of the sentence holding a token."""
        return self.blocked_in(self.sentence_at(token_index))

    def text_of(self, span: Span) -> str:
        """The span's text with false-friend tokens ("Grant Avenue") blanked, same length."""
        blocked = self.blocked_at(span.start)
        if not blocked.intersection(range(span.start, span.end)):
            return text_of(span)
        chars = list(text_of(span))
        for i in blocked:
            if span.start <= i < span.end:
                token = self.doc[i]
                begin = token.idx - span.start_char
                chars[begin : begin + len(token.text)] = " " * len(token.text)
        return "".join(chars)


@dataclass
class Extraction:
    """What an extractor works from, and where it puts what it finds."""

    document: Document
    pieces: list[Piece]
    as_of: date
    lexicons: Lexicons
    context: ContextFinder
    facts: DocumentFacts = field(default_factory=DocumentFacts)
    signals: list[Signal] = field(default_factory=list)
    _groups: list[tuple[Doc, list[tuple[Piece, Span]], numpy.ndarray]] | None = None

    def sentences(self, *gates: re.Pattern[str]) -> Iterator[tuple[Piece, Span]]:
        """Every sentence of the document, with its piece; with gates (`anchors.word_gate`), only
        the sentences where every gate finds something. A gate runs once over each Doc's text
        and its hits are mapped to sentences: far cheaper than searching sentence by sentence."""
        for doc, pairs, starts in self._by_doc():
            if not gates:
                yield from pairs
                continue
            text = lower_text_of(doc)
            chosen: set[int] | None = None
            for gate in gates:
                found = set(containing(starts, hit_positions(gate, text)).tolist())
                chosen = found if chosen is None else chosen & found
                if not chosen:
                    break
            for index in sorted(chosen or ()):
                yield pairs[index]

    def _by_doc(self) -> list[tuple[Doc, list[tuple[Piece, Span]], numpy.ndarray]]:
        """Per Doc: its (piece, sentence) pairs in reading order and the sentences' first chars."""
        if self._groups is None:
            groups: list[tuple[Doc, list[tuple[Piece, Span]]]] = []
            for piece in self.pieces:
                if not groups or groups[-1][0] is not piece.doc:
                    groups.append((piece.doc, []))
                groups[-1][1].extend((piece, sentence) for sentence in piece.sentences)
            self._groups = [
                (doc, pairs, numpy.array([s.start_char for _, s in pairs], dtype=numpy.int64))
                for doc, pairs in groups
            ]
        return self._groups

    def weight(self, name: str) -> float:
        """A weight from the extractor lexicon (1.0 when not set)."""
        return self.lexicons.extractors.weights.get(name, 1.0)

    def add(
        self,
        piece: Piece,
        sentence: Span | None,
        *,
        indicator: str,
        polarity: Polarity,
        rule: str,
        matched: str,
        confidence: float = 0.9,
        start_char: int | None = None,
        quote: str | None = None,
    ) -> Signal:
        """Record a signal found at `sentence` (or the whole block), in that sentence's context."""
        context, cue = ("asserted", None)
        if sentence is not None:
            context, cue = self.context.context_of(sentence, sentence.start, sentence.end)
            if context == "negated":
                context, cue = ("asserted", None)  # a number stated with "not" is still stated
        offset = (
            start_char
            if start_char is not None
            else (sentence.start_char if sentence is not None else piece.char_offset)
        )
        text = quote or (text_of(sentence) if sentence is not None else piece.block.text)
        signal = Signal(
            indicator=indicator,
            polarity=polarity,
            context=context,
            rule=rule,
            matched=matched,
            quote=" ".join(text.split()),
            location=SignalLocation(page=piece.block.page, line=piece.line_at(offset)),
            confidence=confidence,
            cue=cue,
            weight=self.weight(rule.split(".", 1)[1]),
            path=self.document.path,
        )
        self.signals.append(signal)
        return signal
