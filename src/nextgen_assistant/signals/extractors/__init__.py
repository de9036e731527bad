"""Structured extractors: facts (attendance, partners, geography, plan dates, funding, metrics)
kept on the document result and turned into signals."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, TypeVar, cast

import numpy
from spacy.tokens import Doc, Span, Token

from nextgen_assistant.documents.model import Block, Document
from nextgen_assistant.signals.anchors import Gate, containing
from nextgen_assistant.signals.anchors import trie as anchors_trie
from nextgen_assistant.signals.context import ContextFinder
from nextgen_assistant.signals.lexicon import Lexicons
from nextgen_assistant.signals.model import DocumentFacts, Signal, SignalLocation
from nextgen_assistant.signals.pipeline import (
    QUOTE_MAX_CHARS,
    SENTENCE_STARTS_KEY,
    quote_of,
    text_of,
    token_chars,
    tokens_text,
)


def sentence_starts(doc: Doc) -> list[int]:
    """Token indices where the Doc's sentences start (from our sentencizer, else the model's)."""
    starts = doc.user_data.get(SENTENCE_STARTS_KEY)
    if starts is None:  # a trained model's parser or senter set them
        starts = [sentence.start for sentence in doc.sents]
        doc.user_data[SENTENCE_STARTS_KEY] = starts
    return starts  # the Doc's own list: read, never change it


@dataclass
class Piece:
    """A block and where it lies in a processed Doc: one Doc holds a whole document (or a long
    document's chunk), its blocks joined by blank lines (newlines inside a block as spaces)."""

    block: Block
    doc: Doc
    start: int = 0  # the block's tokens are doc[start:end]
    end: int | None = None
    char_offset: int = 0  # where the block's text begins in the Doc's text
    find_blocked: Callable[[int], set[int]] | None = None  # by a sentence's first token
    _blocked: dict[int, set[int]] = field(default_factory=dict)
    _bounds: list[tuple[int, int]] | None = None
    _bound_starts: list[int] = field(default_factory=list)
    _spans: dict[int, Span] = field(default_factory=dict)
    _quotes: dict[int, str] = field(default_factory=dict)

    @property
    def bounds(self) -> list[tuple[int, int]]:
        """The block's sentences as token ranges (a block always starts one), computed once;
        cheaper than Spans, which are made only for the sentences something looks at."""
        if self._bounds is None:
            end = len(self.doc) if self.end is None else self.end
            starts = sentence_starts(self.doc)
            inside = starts[bisect_right(starts, self.start) : bisect_left(starts, end)]
            cuts = [self.start, *inside, end]
            self._bounds = [(a, b) for a, b in itertools.pairwise(cuts) if b > a]
            self._bound_starts = [a for a, _ in self._bounds]
        return self._bounds

    def span(self, bound: tuple[int, int]) -> Span:
        """The Span of one of the block's sentences."""
        found = self._spans.get(bound[0])
        if found is None:
            found = self._spans[bound[0]] = self.doc[bound[0] : bound[1]]
        return found

    def quote(self, sentence: Span, start: int, end: int) -> str:
        """`quote_of` the sentence around chars [start, end) of it; a sentence short enough to
        be quoted whole is quoted once, whatever it holds."""
        found = self._quotes.get(sentence.start)
        if found is None:
            text = text_of(sentence)
            if len(text) > QUOTE_MAX_CHARS:
                return quote_of(text, start, end)
            found = self._quotes[sentence.start] = quote_of(text, start, end)
        return found

    def quote_at(self, low: int, high: int, start: int, end: int) -> str:
        """`quote` of the sentence of tokens [low, high), with no Span made for it."""
        found = self._quotes.get(low)
        if found is None:
            text = tokens_text(self.doc, low, high)
            if len(text) > QUOTE_MAX_CHARS:
                return quote_of(text, start, end)
            found = self._quotes[low] = quote_of(text, start, end)
        return found

    def bound_at(self, token_index: int) -> tuple[int, int]:
        """The token range of the sentence holding a token."""
        bounds = self.bounds
        return bounds[max(0, bisect_right(self._bound_starts, token_index) - 1)]

    @property
    def sentences(self) -> list[Span]:
        """The block's sentences."""
        return [self.span(bound) for bound in self.bounds]

    def line_at(self, char: int) -> int:
        """The block's line holding a character of the Doc's text."""
        return self.block.line_at(char - self.char_offset)

    def sentence_at(self, token_index: int) -> Span:
        """The sentence holding a token (Token.sent rescans the whole Doc each call)."""
        bounds = self.bounds
        return self.span(bounds[max(0, bisect_right(self._bound_starts, token_index) - 1)])

    def blocked_in(self, sentence: Span) -> set[int]:
        """Tokens of a sentence inside false friends ("Grant Avenue"), found once per sentence."""
        return self._blocked_from(sentence.start)

    def blocked_at(self, token_index: int) -> set[int]:
        """False-friend tokens of the sentence holding a token (no Span made for it)."""
        bounds = self.bounds
        return self._blocked_from(
            bounds[max(0, bisect_right(self._bound_starts, token_index) - 1)][0]
        )

    def _blocked_from(self, first: int) -> set[int]:
        found = self._blocked.get(first)
        if found is None:
            found = self.find_blocked(first) if self.find_blocked else set()
            self._blocked[first] = found
        return found

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


T = TypeVar("T")


def any_of(cues: Iterable[str], *, ignore_case: bool = False) -> str:
    """A regex alternation of the cues, escaped, longest first (so "service area" wins over
    "service"); one that never matches when there are none. `ignore_case`: for a regex
    compiled with re.IGNORECASE.

    Written as a prefix tree ("hir(?:e(?:d|s)?|ing)"), which Python's re tries a character at
    a time where it tries a flat alternation cue by cue: the same matches, since at any place
    the text spells out one path of the tree and the tree tries its longest cue first. Under
    IGNORECASE the tree is of lower-case cues (ASCII only: there lower case is exactly what
    IGNORECASE compares); other cues keep the flat alternation."""
    cues = list(cues)
    if not "|".join(cues):  # no cue, or one empty one
        return "(?!)"
    if not ignore_case:
        return anchors_trie(set(cues))
    if all(cue.isascii() for cue in cues):
        return anchors_trie({cue.lower() for cue in cues})
    return "|".join(map(re.escape, sorted(cues, key=len, reverse=True)))


ActorKind = Literal["partnership", "business", "public", "people"]
OTHERS: frozenset[str] = frozenset({"business", "public", "people"})
"""Actors whose own facts (a company's founding, a board's service area) are not the partnership's."""
_REACH = 10  # tokens before a fact searched for whose fact it is
_PEOPLE = frozenset({"they", "them", "he", "she", "i"})
_OF = frozenset({"of", "with", "for", "from", "among", "including"})
# Words that end a clause's subject: its verb ("Founded in 1946, the college is ..."); any
# lower-case word after a name ends it too (see `actor_after`).
_BE_WORDS = frozenset({"is", "was", "are", "were", "remains", "became", "becomes"})
_SUBJECT_ENDS = _BE_WORDS | {"has", "have", "had", "now", "still", ",", "("}
_NAME_INNER = frozenset({"of", "and", "&", "for", "the"})  # "Bank of the West" is one name


def names_partnership(ex: Extraction, sentence: Span) -> bool:
    """Whether the sentence names the partnership anywhere ("the alliance", "the council",
    "we"): a span of years with no actor before it ("the hangar has sat vacant for eight
    years") is the partnership's only in a sentence about it ("for six years the alliance has
    ...")."""
    ours = ex.compiled(
        f"{__name__}.partnership_words",
        lambda: frozenset(ex.lexicons.roles.partnership_nouns) - _PEOPLE - {"it"},
    )
    return any(token.lower_ in ours or token.lemma_ in ours for token in sentence)


def _kind_of(
    ex: Extraction, sentence: Span, people_are_others: bool
) -> Callable[[Token], ActorKind | None]:
    """The kind of actor a word names (see `actor_before`), or None."""
    roles = ex.lexicons.roles
    business = {
        *ex.lexicons.vocabulary.classes.get("business_nouns", []),
        *(suffix.lower() for suffix in ex.lexicons.organizations.business_suffixes),
    }
    public = set(roles.public_nouns)
    ours = set(roles.partnership_nouns) - (_PEOPLE if people_are_others else set())
    people = _PEOPLE if people_are_others else frozenset()
    heads = set(ex.lexicons.extractors.public_body_heads)  # "the workforce board"
    modifiers = set(ex.lexicons.extractors.public_body_modifiers)

    def kind(token: Token) -> ActorKind | None:
        words = {token.lower_, token.lemma_}
        if words & ours:
            return "partnership"
        if words & people:
            return "people"
        if words & public or (
            token.lower_ in heads
            and token.i > sentence.start
            and token.nbor(-1).lower_ in modifiers
        ):
            return "public"
        if words & business:
            return "business"
        return None

    return kind


def actor_before(
    ex: Extraction, sentence: Span, char: int, *, people_are_others: bool = False
) -> ActorKind | None:
    """Whose fact the words at `char` state: the kind of the nearest actor word before them in
    the sentence, or, where that word sits in an "of" phrase ("an alliance of 40 employers"), of
    the word the phrase belongs to; None when no actor is named. Partnership words and "we",
    "it", "they" are the partnership (`people_are_others`: "they" is people, as in "they did the
    same job for 40 years"); business nouns and company suffixes are business; public nouns
    (agency, board, college, county...) are public."""
    kind = _kind_of(ex, sentence, people_are_others)
    before = [token for token in sentence if token.idx < char][-_REACH:]
    actors = [(i, found) for i, token in enumerate(before) if (found := kind(token)) is not None]
    if not actors:
        return None
    index = len(actors) - 1
    while index > 0 and any(
        t.lower_ in _OF for t in before[actors[index - 1][0] + 1 : actors[index][0]]
    ):
        index -= 1
    return actors[index][1]


def actor_after(
    ex: Extraction,
    sentence: Span,
    char: int,
    classify: Callable[[str], ActorKind | None] | None = None,
) -> ActorKind | None:
    """Whose fact a phrase that opens the sentence states: the main clause's subject's. A
    subject that is a name ends where the name does and is told by its words or by `classify`
    ("Founded in 1921, Acme Tool Works employs ..." a business's, "Founded in 1946, Harbor State
    University is ..." a college's); otherwise it is the first actor word before the verb
    ("Founded in 2009, the alliance ..."). The partnership's where the subject names one, or
    where the name is said to be one ("Begun in 1998, Metro College is a partnership of business,
    government and colleges"; not "... chairs the partnership")."""
    kind = _kind_of(ex, sentence, people_are_others=False)
    after = [token for token in sentence if token.idx >= char][: 2 * _REACH]
    if not after:
        return None
    if after[0].is_title or after[0].is_upper:
        end = next(
            (
                i
                for i, token in enumerate(after)
                if not (token.is_title or token.is_upper or token.lower_ in _NAME_INNER)
            ),
            len(after),
        )
        subject = [kind(token) for token in after[:end]]
    else:
        end = next(
            (i for i, token in enumerate(after) if token.lower_ in _SUBJECT_ENDS), len(after)
        )
        subject = [kind(token) for token in after[:end]]
        subject = subject[: next((i + 1 for i, k in enumerate(subject) if k), len(subject))]
    if "partnership" in subject:
        return "partnership"
    if (
        end < len(after)
        and after[end].lower_ in _BE_WORDS
        and "partnership" in (kind(token) for token in after[end + 1 : end + 10])
    ):
        return "partnership"  # "X is a partnership of ..."
    found = next((k for k in subject if k is not None), None)
    if found is None and classify is not None and after[0].is_title:
        found = classify(" ".join(token.text for token in after[:end]))
    return found


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
    compiled_cache: dict[str, Any] = field(default_factory=dict)  # kept across documents
    # (indicator, polarity) of the document's counted rule signals: a fact that only matters
    # where no rule has spoken ("one county named, nothing wider said")
    rule_evidence: frozenset[tuple[str, str]] = frozenset()
    # Where each rule's counted signals are: rule id -> (piece index, first token), so that an
    # extractor can give way to a rule that reads the same sentence more closely ("only four of
    # the 42 trainees were placed" is a poor result, not an outcome to count).
    rule_tokens: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _groups: list[tuple[Doc, list[tuple[Piece, tuple[int, int]]], numpy.ndarray]] | None = None
    _gated: dict[tuple[int, int], set[int]] = field(default_factory=dict)

    def compiled(self, name: str, build: Callable[[], T]) -> T:
        """What an extractor compiles from the lexicons (regexes, gates), built once per checker
        rather than once per document."""
        if name not in self.compiled_cache:
            self.compiled_cache[name] = build()
        return cast(T, self.compiled_cache[name])

    def sentences(self, *gates: Gate) -> Iterator[tuple[Piece, Span]]:
        """Every sentence of the document, with its piece; with gates (`anchors.word_gate`), only
        the sentences where every gate finds something. A gate runs once over each Doc's text
        and its hits are mapped to sentences: far cheaper than searching sentence by sentence."""
        for group, (doc, pairs, starts) in enumerate(self._by_doc()):
            if not gates:
                yield from ((piece, piece.span(bound)) for piece, bound in pairs)
                continue
            chosen: set[int] | None = None
            for gate in gates:
                found = self._gated.get((group, gate.index))
                if found is None:  # a gate's sentences, once per Doc for every extractor
                    found = set(containing(starts, gate.positions(doc)).tolist())
                    self._gated[(group, gate.index)] = found
                chosen = found if chosen is None else chosen & found
                if not chosen:
                    break
            for index in sorted(chosen or ()):
                piece, bound = pairs[index]
                yield piece, piece.span(bound)

    def _by_doc(self) -> list[tuple[Doc, list[tuple[Piece, tuple[int, int]]], numpy.ndarray]]:
        """Per Doc: its (piece, sentence bounds) in reading order and the sentences' first chars."""
        if self._groups is None:
            groups: list[tuple[Doc, list[tuple[Piece, tuple[int, int]]]]] = []
            for piece in self.pieces:
                if not groups or groups[-1][0] is not piece.doc:
                    groups.append((piece.doc, []))
                groups[-1][1].extend((piece, bound) for bound in piece.bounds)
            self._groups = []
            for doc, pairs in groups:
                first_tokens = numpy.array([bound[0] for _, bound in pairs], dtype=numpy.int64)
                self._groups.append((doc, pairs, token_chars(doc)[first_tokens]))
        return self._groups

    def add(
        self,
        piece: Piece,
        sentence: Span | None,
        *,
        rule: str,
        matched: str,
        confidence: float = 0.9,
        start_char: int | None = None,
        quote: str | None = None,
        past_is_asserted: bool = False,
        sources: list[SignalLocation] | None = None,
    ) -> Signal:
        """Record a signal of a declared extractor rule (`lexicons/shared/extractor_rules.yaml`:
        its indicator, polarity and weight) found at `sentence` (or the whole block), in that
        sentence's context (`past_is_asserted`: a start in the past, "formed eight years ago",
        is the fact itself, not a story of the past). A derived signal (`quote` given, or no
        sentence) lists `sources`, by default its own location."""
        declared = self.lexicons.extractor_rule(rule)
        context, cue = ("asserted", None)
        if sentence is not None:
            context, cue = self.context.context_of(sentence, sentence.start, sentence.end)
            if context == "negated" or (
                past_is_asserted
                and context == "historical"
                and cue is not None
                and cue.lower() in matched.lower()
            ):
                context, cue = ("asserted", None)  # a number stated with "not" is still stated
        offset = (
            start_char
            if start_char is not None
            else (sentence.start_char if sentence is not None else piece.char_offset)
        )
        text = quote or (text_of(sentence) if sentence is not None else piece.block.text)
        location = SignalLocation(page=piece.block.page, line=piece.line_at(offset))
        derived = quote is not None or sentence is None
        signal = Signal(
            indicator=declared.indicator,
            polarity=declared.polarity,
            context=context,
            rule=rule,
            matched=matched,
            quote=quote_of(text),
            location=location,
            confidence=confidence,
            cue=cue,
            weight=declared.weight,
            path=self.document.path,
            derived=derived,
            sources=(sources or [location]) if derived else [],
        )
        self.signals.append(signal)
        return signal
