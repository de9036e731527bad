"""Context of evidence, in the spirit of medspaCy's ConText: cues as data, each with a direction
and a window, whose scope ends at the sentence's end or at a terminator ("but", "however")."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

import numpy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from nextgen_assistant.signals.anchors import gate_words, word_gate
from nextgen_assistant.signals.lexicon import ContextCue, ContextLexicon
from nextgen_assistant.signals.matching import _add_patterns
from nextgen_assistant.signals.model import Context
from nextgen_assistant.signals.pipeline import doc_words, tokens_text

# How many tokens from a sentence's start a pattern that opens it may need to find its words
# ("2", ".", "Strengthen": a number, its stop and the verb).
_OPENING_REACH = 4

# Which context wins when two cues reach the same evidence: plans and the past over negation.
# A statement about someone else (the Next Gen model in general, another organisation) is about
# someone else whatever else it says.
_PRIORITY: dict[str, int] = {
    "other": 4,
    "hypothetical": 3,
    "historical": 2,
    "negated": 1,
    "asserted": 0,
}


@dataclass(frozen=True)
class CueHit:
    """A cue found in a sentence, by token offsets within the Doc."""

    cue: ContextCue
    start: int
    end: int
    text: str


class ContextFinder:
    """Decides the context of a token range inside its sentence."""

    def __init__(
        self,
        nlp: Language,
        lexicon: ContextLexicon,
        phrases: Callable[[Doc], list[tuple[int, int, int]]] | None = None,
    ) -> None:
        """`phrases`: where the cues' phrases are found in a Doc by someone else's pass (the
        rule matcher's one lower-case pass), in the order a PhraseMatcher of them finds them."""
        self._lexicon = lexicon
        self._shared_phrases = phrases
        self._cues_by_id = {cue.id: cue for cue in lexicon.cues}
        self._phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._patterns = Matcher(nlp.vocab)
        for cue in lexicon.cues:
            if cue.phrases and phrases is None:
                self._phrases.add(cue.id, [nlp.make_doc(p) for p in cue.phrases])
            if cue.exact_case:
                self._exact.add(cue.id, [nlp.make_doc(p) for p in cue.exact_case])
            if cue.patterns:
                _add_patterns(self._patterns, cue.id, cue.patterns, f"context cue '{cue.id}'")
        # Token-pattern cues run only on a sentence holding a word for every token some pattern
        # cannot match without ("discussed ... but ... not ... agreed"): such sentences are rare,
        # and the matcher tries every token of what it is given.
        self._pattern_gates = [
            [word_gate(words) for words in gate_words(pattern)]
            for cue in lexicon.cues
            for pattern in cue.patterns
        ]
        # A pattern that opens its sentence ("• Engage employers ...", "To provide ...") needs
        # its words among the sentence's first few tokens, not anywhere in it: common verbs
        # ("support", "provide") are in most sentences, and only there can they open one.
        self._pattern_reach = [
            _OPENING_REACH if pattern and pattern[0].get("IS_SENT_START") is True else None
            for cue in lexicon.cues
            for pattern in cue.patterns
        ]
        # Per pattern, where its required words begin in the Doc (character offsets), when the
        # Doc has them all for some pattern; else None.
        self._pattern_words: list[list[list[int]]] | None = None
        self._terminators = {t.lower() for t in lexicon.terminators}
        self._side_clause_words = {w.lower() for w in lexicon.side_clause_words}
        self._strings = nlp.vocab.strings
        self._cache: dict[tuple[int, int], list[CueHit]] = {}
        self._questions: dict[tuple[int, int], bool] = {}
        self._contexts: dict[tuple[int, int, int], tuple[Context, str | None]] = {}
        # Per Doc: every phrase cue found in one pass (by start), and how many terminators
        # come before each token (a prefix sum: is there one between two tokens, at once).
        self._doc: Doc | None = None
        self._doc_hits: list[tuple[list[int], list[tuple[int, int, int]]]] = []
        self._before: list[int] | None = None
        self._is_terminator: dict[int, bool] = {}

    def _of_doc(self, doc: Doc) -> None:
        if self._doc is not doc:
            self._doc = doc
            self._contexts.clear()  # by token offsets: one Doc's
            self._doc_hits = []
            for matcher in (self._shared_phrases or self._phrases, self._exact):
                found = matcher(doc)  # in order of their starts
                self._doc_hits.append(([start for _, start, _ in found], found))
            self._pattern_words = None
            if any(all(gate.found_in(doc) for gate in gates) for gates in self._pattern_gates):
                self._pattern_words = [  # the rarest word first: most sentences fail on it
                    sorted((gate.positions(doc).tolist() for gate in gates), key=len)
                    for gates in self._pattern_gates
                ]
            self._before = None

    def _gated(self, doc: Doc, low: int, high: int) -> bool:
        """Whether some token-pattern cue's required words all begin in tokens [low, high)."""
        if self._pattern_words is None or high <= low:
            return False
        end = doc[high - 1]
        first, whole = doc[low].idx, end.idx + len(end)
        opening = doc[min(high, low + _OPENING_REACH) - 1]
        near = opening.idx + len(opening)  # where the sentence's first tokens end
        for words, reach in zip(self._pattern_words, self._pattern_reach, strict=True):
            last = whole if reach is None else near
            for positions in words:
                at = bisect_left(positions, first)
                if at == len(positions) or positions[at] >= last:
                    break  # this word is not in the sentence (or not where it must be)
            else:
                return True
        return False

    def cues_in(self, sentence: Span) -> list[CueHit]:
        """The cues of a sentence (cached per sentence while one Doc is processed): the Doc's
        phrase cues, found in one pass, that lie inside it."""
        return self._cues(sentence.doc, sentence.start, sentence.end)

    def _cues(self, doc: Doc, low: int, high: int) -> list[CueHit]:
        """The cues of the sentence of tokens [low, high): the Doc's phrase cues, found in one
        pass, that lie inside it, and its token-pattern cues where their words are all there."""
        key = (id(doc), low)
        hits = self._cache.get(key)
        if hits is None:
            hits = []
            self._of_doc(doc)
            strings, cues = self._strings, self._cues_by_id
            for starts, found in self._doc_hits:
                for match_id, start, end in found[
                    bisect_left(starts, low) : bisect_left(starts, high)
                ]:
                    if end <= high:
                        hits.append(
                            CueHit(
                                cues[strings[match_id]], start, end, tokens_text(doc, start, end)
                            )
                        )
            if self._gated(doc, low, high):
                for match_id, start, end in self._patterns(doc[low:high]):  # Span offsets
                    hits.append(
                        CueHit(
                            cues[strings[match_id]],
                            low + start,
                            low + end,
                            tokens_text(doc, low + start, low + end),
                        )
                    )
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[key] = hits
        return hits

    def forget(self) -> None:
        """Drop cached cues (call between Docs)."""
        self._cache.clear()
        self._questions.clear()
        self._contexts.clear()
        self._doc = None
        self._doc_hits = []
        self._before = None

    def _blocked(self, doc: Doc, start: int, end: int) -> bool:
        """Whether a terminator ("but", "however") is among tokens [start, end)."""
        if end <= start:
            return False
        self._of_doc(doc)
        before = self._before
        if before is None:
            before = self._before = self._terminators_before(doc)
        return before[end] - before[start] > 0

    def _terminators_before(self, doc: Doc) -> list[int]:
        """For each token (and one past the end), how many terminators precede it; decided once
        per word."""
        words, _, inverse = doc_words(doc)
        known = self._is_terminator
        if len(known) > 100_000:
            known.clear()
        strings = self._strings
        flags = [
            known[word]
            if word in known
            else known.setdefault(word, strings[word].lower() in self._terminators)
            for word in words.tolist()
        ]
        counts = numpy.zeros(len(doc) + 1, dtype=numpy.int64)
        numpy.cumsum(numpy.array(flags, dtype=bool)[inverse], out=counts[1:])
        return counts.tolist()

    def context_of(self, sentence: Span, start: int, end: int) -> tuple[Context, str | None]:
        """The context of tokens [start, end) in `sentence`, and the cue that set it."""
        return self.context_in(sentence.doc, sentence.start, sentence.end, start, end)

    def context_in(
        self, doc: Doc, low: int, high: int, start: int, end: int
    ) -> tuple[Context, str | None]:
        """The context of tokens [start, end) in the sentence of tokens [low, high),
        remembered while one Doc is processed: several rules often match the same words."""
        if self._doc is not doc:
            self._of_doc(doc)
        key = (low, start, end)
        found = self._contexts.get(key)
        if found is None:
            if len(self._contexts) > 16384:
                self._contexts.clear()
            found = self._contexts[key] = self._context(doc, low, high, start, end)
        return found

    def _context(
        self, doc: Doc, low: int, high: int, start: int, end: int
    ) -> tuple[Context, str | None]:
        best: tuple[int, int, Context, str | None] = (0, 0, "asserted", None)
        whole_sentence = start <= low and end >= high
        for hit in self._cues(doc, low, high):
            if whole_sentence:  # evidence that is the whole sentence: any cue in it applies,
                # but a clause that encloses its topic only if it runs to the sentence's end (a
                # purpose before a comma is not what the main clause says)
                if hit.cue.encloses and not self._runs_to_end(doc, hit.end, high):
                    continue
                if hit.cue.context == "hypothetical" and self._in_side_clause(doc, low, hit.start):
                    continue  # "projects that will last": the side clause's plan
                rank = (_PRIORITY[hit.cue.context], 0)
                if rank > best[:2]:
                    best = (rank[0], 0, hit.cue.context, hit.text)
                continue
            cue = hit.cue
            if cue.opens_sentence and hit.start <= start:
                gap = 0  # a command: all that follows it, its own words included
                reaches = not self._blocked(doc, hit.end, start)
            elif hit.start < end and start < hit.end:
                if not (cue.encloses and hit.start <= start and end <= hit.end):
                    continue  # the cue is part of the evidence itself ("not dependent on grants")
                gap, reaches = 0, True  # evidence inside a clause that encloses it
            elif hit.end <= start and cue.direction in ("forward", "both"):
                gap = start - hit.end
                reaches = gap <= cue.window and not self._blocked(doc, hit.end, start)
            elif hit.start >= end and cue.direction in ("backward", "both"):
                gap = hit.start - end
                reaches = gap <= cue.window and not self._blocked(doc, end, hit.start)
            else:
                reaches = False
            if reaches:
                rank = (_PRIORITY[cue.context], -gap)
                if rank > best[:2]:
                    best = (rank[0], rank[1], cue.context, hit.text)
        if best[2] == "asserted" and self._is_question(doc, low, high):
            return self._lexicon.questions, "?"
        return best[2], best[3]

    def _in_side_clause(self, doc: Doc, low: int, start: int) -> bool:
        """Whether the cue at token `start` opens a side clause after the sentence's first
        words: a side-clause word just before it, or one word (an adverb) between."""
        for back in (1, 2):
            at = start - back
            if at <= low + 1:
                return False
            if doc[at].lower_ in self._side_clause_words:
                return True
            if doc[at].is_punct:
                return False
        return False

    @staticmethod
    def _runs_to_end(doc: Doc, end: int, high: int) -> bool:
        """Whether only punctuation follows token `end` - 1 in the sentence ending at `high`."""
        return all(doc[i].is_punct or doc[i].is_space for i in range(end, high))

    def _is_question(self, doc: Doc, low: int, high: int) -> bool:
        key = (id(doc), low)
        found = self._questions.get(key)
        if found is None:
            if len(self._questions) > 4096:
                self._questions.clear()
            text = tokens_text(doc, low, high)
            found = self._questions[key] = text.rstrip().endswith("?")
        return found
