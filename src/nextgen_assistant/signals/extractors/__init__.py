"""Structured extractors: facts (attendance, partners, geography, plan dates, funding, metrics)
kept on the document result and turned into signals."""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span

from nextgen_assistant.documents.model import Block, Document
from nextgen_assistant.signals.context import ContextFinder
from nextgen_assistant.signals.lexicon import Lexicons
from nextgen_assistant.signals.model import DocumentFacts, Polarity, Signal, SignalLocation
from nextgen_assistant.signals.pipeline import SENTENCE_STARTS_KEY, text_of


@dataclass
class Piece:
    """A block and its processed Doc (the Doc's text is the block's, newlines as spaces)."""

    block: Block
    doc: Doc
    find_blocked: Callable[[Span], set[int]] | None = None
    _blocked: dict[int, set[int]] = field(default_factory=dict)
    _sentences: list[Span] | None = None
    _sentence_starts: list[int] | None = None

    @property
    def sentences(self) -> list[Span]:
        """The block's sentences, computed once."""
        if self._sentences is None:
            starts = self.doc.user_data.get(SENTENCE_STARTS_KEY)
            if starts is None:  # a trained model's parser set them
                self._sentences = list(self.doc.sents)
            else:
                bounds = [*starts, len(self.doc)]
                self._sentences = [self.doc[a:b] for a, b in itertools.pairwise(bounds) if b > a]
            self._sentence_starts = [s.start for s in self._sentences]
        return self._sentences

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

    def sentences(self) -> Iterator[tuple[Piece, Span]]:
        """Every sentence of the document, with its piece."""
        for piece in self.pieces:
            for sentence in piece.sentences:
                yield piece, sentence

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
            else (sentence.start_char if sentence is not None else 0)
        )
        text = quote or (text_of(sentence) if sentence is not None else piece.block.text)
        signal = Signal(
            indicator=indicator,
            polarity=polarity,
            context=context,
            rule=rule,
            matched=matched,
            quote=" ".join(text.split()),
            location=SignalLocation(page=piece.block.page, line=piece.block.line_at(offset)),
            confidence=confidence,
            cue=cue,
            weight=self.weight(rule.split(".", 1)[1]),
            path=self.document.path,
        )
        self.signals.append(signal)
        return signal
