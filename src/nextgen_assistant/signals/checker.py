"""The document checker: a Document in, its signals (rules in context, plus extractor facts) out."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import NamedTuple

import numpy
from spacy.tokens import Doc

from nextgen_assistant.documents.model import Block, Document
from nextgen_assistant.documents.plain import text_blocks
from nextgen_assistant.errors import ConfigError
from nextgen_assistant.rubric import Rubric, load_rubric, rubric_path
from nextgen_assistant.signals.actors import ActorRoleFinder
from nextgen_assistant.signals.context import ContextFinder
from nextgen_assistant.signals.extractors import (
    Extraction,
    Piece,
    attendance,
    funding,
    geography,
    headcounts,
    longevity,
    metrics,
    plan_dates,
)
from nextgen_assistant.signals.extractors import passages as passage_readings
from nextgen_assistant.signals.extractors.organizations import OrganizationClassifier
from nextgen_assistant.signals.lexicon import Lexicons, Rule, load_lexicons
from nextgen_assistant.signals.matching import RuleMatch, RuleMatcher
from nextgen_assistant.signals.model import (
    COUNTED_CONTEXTS,
    Context,
    DocumentResult,
    Polarity,
    Signal,
    SignalLocation,
)
from nextgen_assistant.signals.passages import PassageModel, model_in
from nextgen_assistant.signals.pipeline import (
    TEXT_KEY,
    build_nlp,
    remember_text,
    token_chars,
    token_ends,
)

BLOCK_SEPARATOR = "\n\n"  # a blank line: the sentencizer ends a sentence there
CHUNK_CHARS = 200_000  # long documents in several Docs: memory stays small, far under max_length
CONFIDENCE = {"phrase": 0.9, "pattern": 0.85, "role": 0.8, "fuzzy": 0.65}
FLIP = {"supporting": "red_flag", "red_flag": "supporting"}


def _check_aspects(rubric: Rubric, lexicons: Lexicons) -> None:
    """Every rule a rubric check's aspects name is a rule of that check's indicator, of the right
    polarity, in the lexicons in force: a typo, or a rule a lexicons folder of your own renamed or
    turned around, would otherwise leave an aspect that nothing can show."""
    polarity = {r.id: (r.indicator, r.polarity) for r in lexicons.rules}
    polarity.update((r.id, (r.indicator, r.polarity)) for r in lexicons.extractor_rules)
    for indicator in rubric.indicators:
        for check in indicator.checks:
            for aspect in check.aspects:
                wrong = [r for r in aspect.rules if polarity.get(r) != (indicator.id, "supporting")]
                wrong += [
                    r for r in aspect.denied_by if polarity.get(r) != (indicator.id, "red_flag")
                ]
                if wrong:
                    raise ConfigError(
                        f"{rubric_path()}: the check '{check.id}' ({aspect.shown_as}) names "
                        f"{', '.join(wrong)}, not a {indicator.id} rule of that polarity in the "
                        "lexicons in force (the shipped ones and any --lexicons folder): "
                        "rename the rule back, or change its aspect in a rubric of your own "
                        "(NEXTGEN_RUBRIC)"
                    )


class Checker:
    """Built once per process: the pipeline, the compiled rules and the extractors' vocabulary."""

    def __init__(
        self,
        extra_lexicons: tuple[Path, ...] = (),
        model: str | None = None,
        rubric: Rubric | None = None,
        *,
        passages: bool = True,
    ) -> None:
        self.lexicons: Lexicons = load_lexicons(extra_lexicons)
        self.rubric = rubric or load_rubric()
        _check_aspects(self.rubric, self.lexicons)
        self.nlp = build_nlp(model)
        self.matcher = RuleMatcher(self.nlp, self.lexicons)
        self.context = ContextFinder(
            self.nlp,
            self.lexicons.context,
            self.matcher.context_phrases if self.matcher.merged else None,
        )
        self.organizations = OrganizationClassifier(
            self.lexicons.organizations, self.lexicons.vocabulary.classes.get("state_names", [])
        )
        self.actor_roles = ActorRoleFinder(
            self.nlp, self.lexicons, self.organizations, self.matcher.words
        )
        self._rules: dict[str, Rule] = {rule.id: rule for rule in self.lexicons.rules}
        self._indicators = {rule.id: rule.indicator for rule in self.lexicons.rules}
        # Per rule: its (indicator, polarity) and the other polarity's.
        self._sides = {
            rule.id: ((rule.indicator, rule.polarity), (rule.indicator, FLIP[rule.polarity]))
            for rule in self.lexicons.rules
        }
        self._compiled: dict[str, object] = {}  # the extractors' regexes, built on first use
        thresholds = self.lexicons.extractors.thresholds
        self._fresh_months = int(
            self.rubric.indicator("shared_action_plan").check("plan_current").limit
        )
        self._stale_months = thresholds.plan_stale_months
        self._grant_share = (
            self.rubric.indicator("sustainability").check("not_grant_dependent").limit
        )
        self._partner_types_needed = int(
            self.rubric.indicator("public_partner_team").check("partner_type_coverage").limit
        )
        self._grant_ending = thresholds.grant_ending_within_months
        self._heading_words = thresholds.topic_heading_max_words
        self._lasting_years = thresholds.lasting_years
        self._business_words = set(self.lexicons.vocabulary.classes.get("business_nouns", []))
        # The passage model reads what the rules miss (`passages=False`: the rules alone, which is
        # what the model's training compares with); a lexicons folder of your own may hold one.
        self.passages = PassageModel.load(model_in(extra_lexicons)) if passages else None

    def _rule_signal(self, piece: Piece, match: RuleMatch, path: str) -> _Found | None:
        """A rule match in its sentence's context, as the fields of its `Signal` (made only for
        the signals kept: most documents state the same evidence in a sentence more than once)."""
        rule = self._rules[match.rule_id]
        doc = piece.doc
        low, high = piece.bound_at(match.start)
        if rule.in_sentence_with and not self._in_sentence_with(rule, doc, low, high, match):
            return None  # a topic word with nothing saying it is on the agenda
        context, cue = self.context.context_in(doc, low, high, match.start, match.end)
        polarity = rule.polarity
        if context == "negated":
            if rule.negation == "cancel":
                return None
            polarity = FLIP[polarity]  # type: ignore[assignment]
        # Offsets and text from the Doc's arrays and remembered string, not a Span.
        chars, ends = token_chars(doc), token_ends(doc)
        start_char, end_char = int(chars[match.start]), ends[match.end - 1]
        sentence_start = int(chars[low])
        text = doc.user_data.get(TEXT_KEY)
        matched = (
            text[start_char:end_char] if text is not None else doc[match.start : match.end].text
        )
        return _Found(
            self._indicators[rule.id],
            polarity,
            context,
            rule.id,
            matched,
            piece.quote_at(low, high, start_char - sentence_start, end_char - sentence_start),
            piece.block.page,
            piece.line_at(start_char),
            CONFIDENCE[match.how],
            cue,
            rule.weight,
            path,
        )

    def _in_sentence_with(
        self, rule: Rule, doc: Doc, low: int, high: int, match: RuleMatch
    ) -> bool:
        words = rule.in_sentence_with
        return any(
            token.lemma_ in words or token.lower_ in words
            for token in doc[low:high]
            if not match.start <= token.i < match.end
        )

    def check_document(
        self, document: Document, as_of: date, *, one_per_sentence: bool = True
    ) -> DocumentResult:
        """Every signal and fact of one document; by default the strongest rule signal per sentence,
        indicator, polarity and context (so one sentence is not counted twice)."""
        pieces: list[Piece] = []
        found_signals: list[_Found] = []
        found_in: list[tuple[int, int]] = []  # the piece and first token of each found signal
        for chunk in self._process(document.blocks):
            sentences = [bound for piece in chunk for bound in piece.bounds]
            starts = [piece.start for piece in chunk]
            doc = chunk[0].doc
            found = self.matcher(doc, sentences) + self.actor_roles(doc, sentences)
            found.sort(key=lambda m: (m.start, -(m.end - m.start)))
            for match in self._without_contained(found):
                at = bisect_right(starts, match.start) - 1
                piece = chunk[at]
                if self._topic_heading(piece.block):
                    continue
                # An actor-role match is checked at its verb: the actor may well be a company's
                # name ("founded by Hollis Tool Inc."), which is a false friend of other rules.
                blocked = piece.blocked_at(match.start)
                if blocked and (
                    match.start in blocked
                    if match.how == "role"
                    else not blocked.isdisjoint(range(match.start, match.end))
                ):
                    continue  # inside a false friend: "Grant Avenue" is not a grant
                signal = self._rule_signal(piece, match, document.path)
                if signal is not None:
                    found_signals.append(signal)
                    found_in.append((len(pieces) + at, match.start))
            pieces += chunk
        extraction = Extraction(
            document=document,
            pieces=pieces,
            as_of=as_of,
            lexicons=self.lexicons,
            context=self.context,
            compiled_cache=self._compiled,
            rule_evidence=frozenset(
                (found.indicator, found.polarity)
                for found in found_signals
                if found.context in COUNTED_CONTEXTS
            ),
        )
        for where, rule_signal in zip(found_in, found_signals, strict=True):
            if rule_signal.context in COUNTED_CONTEXTS:
                extraction.rule_tokens.setdefault(rule_signal.rule, []).append(where)
        if pieces:
            attendance.run(extraction, self.organizations, self._partner_types_needed)
            geography.run(extraction)
            plan_dates.run(extraction, self._fresh_months, self._stale_months)
            funding.run(extraction, self._grant_share, self._grant_ending)
            metrics.run(extraction)
            longevity.run(extraction, self._lasting_years, self.organizations)
            headcounts.run(extraction, self.organizations, self._business_words)
            if self.passages is not None:
                counted = [
                    (where, (found.indicator, found.polarity))
                    for where, found in zip(found_in, found_signals, strict=True)
                    if found.context in COUNTED_CONTEXTS
                ]
                passage_readings.run(extraction, self.passages, counted)
        self.context.forget()
        kept = _strongest_per_sentence(found_signals) if one_per_sentence else found_signals
        return DocumentResult(
            path=document.path,
            format=document.format,
            warnings=list(document.warnings),
            words=document.word_count,
            signals=[found.signal() for found in kept] + extraction.signals,
            facts=extraction.facts,
        )

    def _topic_heading(self, block: Block) -> bool:
        """A short heading ("Work groups", "Action items") names what follows: a rule word in it
        is not evidence (the paragraphs under it are). The extractors still read it ("Plan
        adopted May 2023" is a date)."""
        return block.kind == "heading" and len(block.text.split()) <= self._heading_words

    def _without_contained(self, matches: list[RuleMatch]) -> list[RuleMatch]:
        """The more specific reading wins: a match inside a longer match of the same indicator
        and the other polarity is dropped ("grants fund" inside "grants fund specific
        projects"), as ConText resolves overlapping targets by the longest span. An actor-role
        match is no more specific phrase and drops nothing. Sorted starts and running maxima of
        ends answer "is there a longer match around this one" in O(log n), so a document with
        evidence in every sentence costs no more per match than a sparse one."""
        around: dict[tuple[str, str], tuple[list[int], list[int]]] = {}
        by_side: dict[tuple[str, str], list[RuleMatch]] = {}
        sides = self._sides
        for match in matches:
            if match.how != "role":
                by_side.setdefault(sides[match.rule_id][0], []).append(match)
        for side, found in by_side.items():
            found.sort(key=lambda m: m.start)
            ends, longest = [], -1
            for m in found:
                longest = max(longest, m.end)
                ends.append(longest)
            around[side] = ([m.start for m in found], ends)
        kept = []
        nothing: tuple[list[int], list[int]] = ([], [])
        for match in matches:
            starts, ends = around.get(sides[match.rule_id][1], nothing)
            at_or_before = bisect_right(starts, match.start)
            before = bisect_left(starts, match.start)
            inside_longer = (at_or_before and ends[at_or_before - 1] > match.end) or (
                before and ends[before - 1] >= match.end
            )
            if not inside_longer:
                kept.append(match)
        return kept

    def _process(self, blocks: list[Block]) -> Iterator[list[Piece]]:
        """The blocks as pieces of processed Docs: one Doc per document, or per CHUNK_CHARS of a
        long one. Blocks are joined by a blank line, which ends a sentence; a Doc per block would
        cost more in spaCy's per-Doc overhead than in the tokenising itself."""
        chunks = _chunks(blocks)
        texts = [_chunk_text(chunk) for chunk in chunks]
        for chunk, text, doc in zip(chunks, texts, self.nlp.pipe(texts), strict=False):
            remember_text(doc, text)
            chars = token_chars(doc)
            pieces: list[Piece] = []
            # Where each block begins and ends in the Doc's text, and so its tokens: one
            # searchsorted for every block.
            bounds: list[int] = []
            offset = 0
            for block in chunk:
                bounds += [offset, offset + len(block.text)]
                offset += len(block.text) + len(BLOCK_SEPARATOR)
            tokens = numpy.searchsorted(chars, bounds).tolist()
            for index, block in enumerate(chunk):
                pieces.append(
                    Piece(
                        block,
                        doc,
                        start=tokens[2 * index],
                        end=tokens[2 * index + 1],
                        char_offset=bounds[2 * index],
                    )
                )
            # The finder is given the sentences, not the pieces: a piece holds the finder, and a
            # finder holding the pieces would make a cycle, which leaves the Doc and everything
            # on it to Python's cyclic garbage collector instead of freeing it when the document
            # is done (the collector then spent about a sixth of the checker's time).
            friends = _FalseFriends(
                self.matcher, doc, [bound for piece in pieces for bound in piece.bounds]
            )
            for piece in pieces:
                piece.find_blocked = friends.tokens_in
            yield pieces
            if len(chunks) > 1:
                # A long document: every Doc stays for the extractors, but not the tables
                # matching built on it (a 5 MB paragraph would hold 100 MB of them).
                friends.settle()
                self.matcher.release(doc)

    def doc_texts(self, blocks: list[Block]) -> list[str]:
        """The text of each Doc the checker makes of these blocks (what a benchmark tokenises
        to compare with the checker)."""
        return [_chunk_text(chunk) for chunk in _chunks(blocks)]

    def check_text(
        self, text: str, as_of: date, source: str = "answer", *, one_per_sentence: bool = True
    ) -> DocumentResult:
        """Check free text (an answer in the conversation) as a one-paragraph document."""
        document = Document(path=source, format="txt", blocks=text_blocks(text))
        return self.check_document(document, as_of, one_per_sentence=one_per_sentence)


def _chunks(blocks: list[Block]) -> list[list[Block]]:
    """The blocks in chunks of about CHUNK_CHARS (one chunk for most documents)."""
    chunks: list[list[Block]] = [[]]
    size = 0
    for block in blocks:
        if chunks[-1] and size + len(block.text) > CHUNK_CHARS:
            chunks.append([])
            size = 0
        chunks[-1].append(block)
        size += len(block.text) + len(BLOCK_SEPARATOR)
    return [chunk for chunk in chunks if chunk]


def _chunk_text(chunk: list[Block]) -> str:
    """A chunk's blocks joined by a blank line, newlines inside a block as spaces."""
    return BLOCK_SEPARATOR.join(block.text.replace("\n", " ") for block in chunk)


class _FalseFriends:
    """A Doc's false-friend tokens per sentence: every false friend of the Doc found at once, on
    first need (the Matcher per sentence cost more than the rest of the false friends)."""

    def __init__(self, matcher: RuleMatcher, doc: Doc, sentences: list[tuple[int, int]]) -> None:
        self._matcher, self._doc, self._sentences = matcher, doc, sentences
        self._blocked: dict[int, set[int]] | None = None

    def tokens_in(self, first: int) -> set[int]:
        """The false-friend tokens of the sentence beginning at token `first`."""
        return self.settle().get(first, set())

    def settle(self) -> dict[int, set[int]]:
        """Every false friend of the Doc, per sentence, found now if not yet."""
        if self._blocked is None:
            self._blocked = self._matcher.false_friends_in(self._doc, self._sentences)
        return self._blocked


class _Found(NamedTuple):
    """A rule signal's fields, before it is made a `Signal`."""

    indicator: str
    polarity: Polarity
    context: Context
    rule: str
    matched: str
    quote: str
    page: int | None
    line: int
    confidence: float
    cue: str | None
    weight: float
    path: str

    def signal(self) -> Signal:
        return Signal(
            indicator=self.indicator,
            polarity=self.polarity,
            context=self.context,
            rule=self.rule,
            matched=self.matched,
            quote=self.quote,
            location=SignalLocation(page=self.page, line=self.line),
            confidence=self.confidence,
            cue=self.cue,
            weight=self.weight,
            path=self.path,
        )


def _strongest_per_sentence(signals: list[_Found]) -> list[_Found]:
    """One signal per sentence, indicator, polarity and counted-or-listed: the strongest."""
    best: dict[tuple[object, ...], _Found] = {}
    for signal in signals:
        key = (
            signal.page,
            signal.quote,
            signal.indicator,
            signal.polarity,
            signal.context in COUNTED_CONTEXTS,
        )
        current = best.get(key)
        if (
            current is None
            or signal.confidence * signal.weight > current.confidence * current.weight
        ):
            best[key] = signal
    return list(best.values())
