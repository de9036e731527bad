"""The document checker: a Document in, its signals (rules in context, plus extractor facts) out."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import numpy
from spacy.tokens import Doc, Span

from nextgen_assistant.documents.model import Block, Document
from nextgen_assistant.documents.plain import text_blocks
from nextgen_assistant.rubric import Rubric, load_rubric
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
from nextgen_assistant.signals.extractors.organizations import OrganizationClassifier
from nextgen_assistant.signals.lexicon import Lexicons, Rule, load_lexicons
from nextgen_assistant.signals.matching import RuleMatch, RuleMatcher
from nextgen_assistant.signals.model import DocumentResult, Signal, SignalLocation
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


class Checker:
    """Built once per process: the pipeline, the compiled rules and the extractors' vocabulary."""

    def __init__(
        self,
        extra_lexicons: tuple[Path, ...] = (),
        model: str | None = None,
        rubric: Rubric | None = None,
    ) -> None:
        self.lexicons: Lexicons = load_lexicons(extra_lexicons)
        self.rubric = rubric or load_rubric()
        self.nlp = build_nlp(model)
        self.matcher = RuleMatcher(self.nlp, self.lexicons)
        self.context = ContextFinder(self.nlp, self.lexicons.context)
        self.organizations = OrganizationClassifier(self.lexicons.organizations)
        self.actor_roles = ActorRoleFinder(
            self.nlp, self.lexicons, self.organizations, self.matcher.words
        )
        self._rules: dict[str, Rule] = {rule.id: rule for rule in self.lexicons.rules}
        self._indicators = {rule.id: rule.indicator for rule in self.lexicons.rules}
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

    def _rule_signal(self, piece: Piece, match: RuleMatch, path: str) -> Signal | None:
        rule = self._rules[match.rule_id]
        doc = piece.doc
        sentence: Span = piece.sentence_at(match.start)
        if rule.in_sentence_with and not any(
            token.lemma_ in rule.in_sentence_with or token.lower_ in rule.in_sentence_with
            for token in sentence
            if not match.start <= token.i < match.end
        ):
            return None  # a topic word with nothing saying it is on the agenda
        context, cue = self.context.context_of(sentence, match.start, match.end)
        polarity = rule.polarity
        if context == "negated":
            if rule.negation == "cancel":
                return None
            polarity = FLIP[polarity]  # type: ignore[assignment]
        # Offsets and text from the Doc's arrays and remembered string, not a Span.
        chars, ends = token_chars(doc), token_ends(doc)
        start_char, end_char = int(chars[match.start]), ends[match.end - 1]
        sentence_start = int(chars[sentence.start])
        text = doc.user_data.get(TEXT_KEY)
        matched = (
            text[start_char:end_char] if text is not None else doc[match.start : match.end].text
        )
        return Signal(
            indicator=self._indicators[rule.id],
            polarity=polarity,
            context=context,
            rule=rule.id,
            matched=matched,
            quote=piece.quote(sentence, start_char - sentence_start, end_char - sentence_start),
            location=SignalLocation(page=piece.block.page, line=piece.line_at(start_char)),
            confidence=CONFIDENCE[match.how],
            cue=cue,
            weight=rule.weight,
            path=path,
        )

    def check_document(
        self, document: Document, as_of: date, *, one_per_sentence: bool = True
    ) -> DocumentResult:
        """Every signal and fact of one document; by default the strongest rule signal per sentence,
        indicator, polarity and context (so one sentence is not counted twice)."""
        pieces: list[Piece] = []
        signals: list[Signal] = []
        for chunk in self._process(document.blocks):
            sentences = [bound for piece in chunk for bound in piece.bounds]
            starts = [piece.start for piece in chunk]
            doc = chunk[0].doc
            found = self.matcher(doc, sentences) + self.actor_roles(doc, sentences)
            found.sort(key=lambda m: (m.start, -(m.end - m.start)))
            for match in self._without_contained(found):
                piece = chunk[bisect_right(starts, match.start) - 1]
                if self._topic_heading(piece.block):
                    continue
                # An actor-role match is checked at its verb: the actor may well be a company's
                # name ("founded by Hollis Tool Inc."), which is a false friend of other rules.
                checked = range(match.start, match.start + 1 if match.how == "role" else match.end)
                if piece.blocked_at(match.start).intersection(checked):
                    continue  # inside a false friend: "Grant Avenue" is not a grant
                signal = self._rule_signal(piece, match, document.path)
                if signal is not None:
                    signals.append(signal)
            pieces += chunk
        extraction = Extraction(
            document=document,
            pieces=pieces,
            as_of=as_of,
            lexicons=self.lexicons,
            context=self.context,
            compiled_cache=self._compiled,
        )
        if pieces:
            attendance.run(extraction, self.organizations, self._partner_types_needed)
            geography.run(extraction)
            plan_dates.run(extraction, self._fresh_months, self._stale_months)
            funding.run(extraction, self._grant_share, self._grant_ending)
            metrics.run(extraction)
            longevity.run(extraction, self._lasting_years)
            headcounts.run(extraction, self.organizations, self._business_words)
        self.context.forget()
        return DocumentResult(
            path=document.path,
            format=document.format,
            warnings=list(document.warnings),
            words=document.word_count,
            signals=(_strongest_per_sentence(signals) if one_per_sentence else signals)
            + extraction.signals,
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
        for match in matches:
            if match.how != "role":
                rule = self._rules[match.rule_id]
                by_side.setdefault((rule.indicator, rule.polarity), []).append(match)
        for side, found in by_side.items():
            found.sort(key=lambda m: m.start)
            ends, longest = [], -1
            for m in found:
                longest = max(longest, m.end)
                ends.append(longest)
            around[side] = ([m.start for m in found], ends)
        kept = []
        for match in matches:
            rule = self._rules[match.rule_id]
            starts, ends = around.get((rule.indicator, FLIP[rule.polarity]), ([], []))
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
            friends = _FalseFriends(self.matcher, doc, pieces)
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
                        find_blocked=friends.tokens_in,
                    )
                )
            yield pieces

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

    def __init__(self, matcher: RuleMatcher, doc: Doc, pieces: list[Piece]) -> None:
        self._matcher, self._doc, self._pieces = matcher, doc, pieces
        self._blocked: dict[int, set[int]] | None = None

    def tokens_in(self, first: int) -> set[int]:
        """The false-friend tokens of the sentence beginning at token `first`."""
        if self._blocked is None:
            bounds = [bound for piece in self._pieces for bound in piece.bounds]
            self._blocked = self._matcher.false_friends_in(self._doc, bounds)
        return self._blocked.get(first, set())


def _strongest_per_sentence(signals: list[Signal]) -> list[Signal]:
    """One signal per sentence, indicator, polarity and counted-or-listed: the strongest."""
    best: dict[tuple[object, ...], Signal] = {}
    for signal in signals:
        key = (
            signal.location.page,
            signal.quote,
            signal.indicator,
            signal.polarity,
            signal.counted,
        )
        current = best.get(key)
        if (
            current is None
            or signal.confidence * signal.weight > current.confidence * current.weight
        ):
            best[key] = signal
    return list(best.values())
