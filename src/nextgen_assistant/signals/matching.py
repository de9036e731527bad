"""Find where lexicon rules occur in a Doc: phrases on lower-case forms and lemmas, token
patterns for shapes, and a rapidfuzz fallback for spelling and hyphenation variants."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import numpy
from rapidfuzz import fuzz, process
from spacy.attrs import IS_ALPHA, IS_LOWER, LENGTH, LOWER, ORTH, SPACY
from spacy.errors import MatchPatternError
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import hash_string  # type: ignore[attr-defined]  # in the .pyx, not the stubs
from spacy.tokens import Doc, Span

from nextgen_assistant.errors import ConfigError
from nextgen_assistant.signals.anchors import (
    Gate,
    anchor_gate,
    containing,
    gate_words,
    pattern_reach,
    word_gate,
)
from nextgen_assistant.signals.lexicon import Lexicons, TokenPattern
from nextgen_assistant.signals.pipeline import lemma_table, token_chars

_LETTERS = re.compile(r"[^a-z0-9]")
_ASCII_LOWER = re.compile(r"[a-z]+")
_WORD_CHAR = re.compile(r"\w")
_WORD_OR_HYPHEN = re.compile(r"[\w-]")
_HYPHEN_HASH = hash_string("-")
FUZZY_MIN_CHARS = 7
FUZZY_CUTOFF = 88.0
FUZZY_MAX_TOKENS = 4
FUZZY_MEMO_SIZE = 100_000


def doc_offsets(
    span: Doc | Span, matcher: Matcher, phrases: PhraseMatcher
) -> list[tuple[int, int]]:
    """(start, end) in the Doc of both matchers' matches. On a Span, spaCy's Matcher answers in
    Span offsets and its PhraseMatcher in Doc offsets: this puts both in the Doc's."""
    base = span.start if isinstance(span, Span) else 0
    found = [(start + base, end + base) for _, start, end in matcher(span)] if len(matcher) else []
    found += [(start, end) for _, start, end in phrases(span)]
    return found


@dataclass(frozen=True)
class RuleMatch:
    """A rule found over tokens [start, end) of a Doc, and how it was found."""

    rule_id: str
    start: int
    end: int
    how: str  # "phrase", "pattern" or "fuzzy"


def compact(text: str) -> str:
    """Letters and digits only, lower case: 'Busines-led' and 'business led' compare alike."""
    return _LETTERS.sub("", text.lower())


def _add_patterns(matcher: Matcher, key: str, patterns: list[TokenPattern], owner: str) -> None:
    try:
        matcher.add(key, patterns)
    except (MatchPatternError, ValueError, TypeError) as error:
        raise ConfigError(
            f"{owner}: invalid token pattern ({str(error).splitlines()[0]})"
        ) from None


class _TokenPattern(NamedTuple):
    matcher: Matcher
    required: list[Gate]  # per token it cannot match without, where that token's words are
    reach: int | None  # the most tokens it spans


def _merged(windows: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token windows sorted, overlapping ones joined (windows never cross a sentence)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(windows):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class RuleMatcher:
    """All rules compiled once; calling it on a Doc returns the rule matches, false friends removed."""

    def __init__(self, nlp: Language, lexicons: Lexicons) -> None:
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        # One Matcher per token pattern, run only around its own anchor words (see _patterns).
        self._token_patterns: list[_TokenPattern] = []
        self._false_tokens = Matcher(nlp.vocab)
        self._false_phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._fuzzy: dict[str, list[tuple[str, str]]] = {}
        self._exact_compact: dict[str, str] = {}
        self._fuzzy_memo: dict[str, str | None] = {}
        strings = nlp.vocab.strings
        for rule in lexicons.rules:
            if rule.phrases:
                docs = list(nlp.pipe(rule.phrases))
                self._lower.add(rule.id, docs)
                # Lemmas generalise phrases ("depends on grants"); a single word's lemma is too
                # loose ("dues" -> "due"), so single words match only as written.
                phrases = [d for d in docs if len(d) > 1]
                if phrases:
                    self._lemma.add(rule.id, phrases)
                if rule.fuzzy:
                    for phrase in rule.phrases:
                        key = compact(phrase)
                        if len(key) >= FUZZY_MIN_CHARS:
                            for size in range(len(key) - 2, len(key) + 3):
                                self._fuzzy.setdefault(f"{key[:2]}{size}", []).append(
                                    (key, rule.id)
                                )
                            self._exact_compact.setdefault(key, rule.id)
            for pattern in rule.patterns:
                matcher = Matcher(nlp.vocab)
                _add_patterns(matcher, rule.id, [pattern], f"rule '{rule.id}'")
                self._token_patterns.append(
                    _TokenPattern(
                        matcher,
                        [word_gate(words) for words in gate_words(pattern)],
                        pattern_reach(pattern),
                    )
                )
            strings.add(rule.id)
        friend_patterns = [p for f in lexicons.false_friends.false_friends for p in f.patterns]
        friend_words = [
            w for f in lexicons.false_friends.false_friends for ph in f.phrases for w in ph.split()
        ]
        self._friend_anchor = anchor_gate(friend_patterns, friend_words)
        self._known_words = lemma_table()
        for friend in lexicons.false_friends.false_friends:
            if friend.patterns:
                _add_patterns(
                    self._false_tokens, friend.id, friend.patterns, f"false friend '{friend.id}'"
                )
            if friend.phrases:
                self._false_phrases.add(friend.id, [nlp.make_doc(p) for p in friend.phrases])
        self._strings = strings
        self._fuzzy_longest = max((len(k) for k in self._exact_compact), default=0) + 2

    def false_friend_tokens(self, span: Doc | Span) -> set[int]:
        """Doc indices of tokens inside a false friend ("Grant Avenue", "Dr. Helen Grant")."""
        blocked: set[int] = set()
        if self._friend_anchor is not None and not self._friend_anchor.found_in(span):
            return blocked
        for start, end in doc_offsets(span, self._false_tokens, self._false_phrases):
            blocked.update(range(start, end))
        return blocked

    def __call__(self, doc: Doc, sentences: list[tuple[int, int]]) -> list[RuleMatch]:
        """Every rule match in the Doc (false friends are left to the caller, per sentence)."""
        found: dict[tuple[str, int, int], RuleMatch] = {}
        for matcher in (self._lower, self._lemma):
            for key, start, end in matcher(doc):
                rule_id = self._strings[key]
                found.setdefault((rule_id, start, end), RuleMatch(rule_id, start, end, "phrase"))
        for key, start, end in self._pattern_matches(doc, sentences):
            rule_id = self._strings[key]
            found.setdefault((rule_id, start, end), RuleMatch(rule_id, start, end, "pattern"))
        covered = {i for (_, start, end) in found for i in range(start, end)}
        for match in self._fuzzy_matches(doc, covered):
            found.setdefault((match.rule_id, match.start, match.end), match)
        return sorted(found.values(), key=lambda m: (m.start, -(m.end - m.start)))

    def _pattern_matches(
        self, doc: Doc, sentences: list[tuple[int, int]]
    ) -> list[tuple[int, int, int]]:
        """Token-pattern matches (key, start, end in the Doc). A match holds every token the
        pattern requires and spans at most the pattern's reach, so each pattern runs only on
        windows [anchor - reach, anchor + reach] within the sentence around its rarest required
        word in this Doc (found by the word gates' one pass), and only where its other required
        words occur too; a pattern missing one of them in the Doc is not run at all. Far cheaper
        than running every pattern over every token."""
        if not self._token_patterns or not sentences:
            return []
        chars = token_chars(doc)
        first = [start for start, _ in sentences]
        tokens_of: dict[int, list[int]] = {}  # gate -> tokens where its words begin, ascending
        found: list[tuple[int, int, int]] = []
        for matcher, required, reach in self._token_patterns:
            if not required:
                windows = sentences
            else:
                lists = []
                for gate in required:
                    tokens = tokens_of.get(gate.index)
                    if tokens is None:
                        tokens = tokens_of[gate.index] = containing(
                            chars, gate.positions(doc)
                        ).tolist()
                    lists.append(tokens)
                anchor = min(lists, key=len)
                if not anchor:
                    continue  # a word it needs is nowhere in the Doc
                windows = []
                for token in anchor:
                    low, high = sentences[bisect_right(first, token) - 1]
                    if reach is not None:
                        low, high = max(low, token - reach + 1), min(high, token + reach)
                    if all(
                        (at := bisect_left(other, low)) < len(other) and other[at] < high
                        for other in lists
                        if other is not anchor
                    ):
                        windows.append((low, high))
            for start, end in _merged(windows):
                # On a Span, spaCy's Matcher answers in Span offsets.
                found += [(key, start + a, start + b) for key, a, b in matcher(doc[start:end])]
        return found

    def _fuzzy_triggers(self, doc: Doc) -> set[int]:
        """Tokens that are unknown lower-case words or hyphen-joins: where spelling variants live.

        Capitalised unknown words are names (Poudre, Whitaker), never misspelt lexicon phrases.
        Found on arrays (one lookup of every token's lower-case hash among the known words);
        only the few candidates are looked at in Python.
        """
        if not len(doc):
            return set()
        columns = doc.to_array([LOWER, IS_LOWER, IS_ALPHA, LENGTH, SPACY, ORTH])
        lower, is_lower, is_alpha, length, spaced, orth = columns.T
        words = (is_lower == 1) & (is_alpha == 1) & (length >= 4)
        words &= ~self._known_words.knows_hashes(lower)
        hyphens = orth == _HYPHEN_HASH
        triggers: set[int] = set()
        last = len(doc) - 1
        for index in numpy.flatnonzero(words | hyphens).tolist():
            glued_before = index > 0 and not spaced[index - 1]
            glued_after = index < last and not spaced[index]
            if hyphens[index]:
                # 'busines-led': a word on both sides, no space
                if (
                    glued_before
                    and glued_after
                    and _WORD_CHAR.match(doc[index - 1].text[-1])
                    and _WORD_CHAR.match(doc[index + 1].text[0])
                ):
                    triggers.add(index)
                continue
            if not _ASCII_LOWER.fullmatch(doc[index].text):
                continue
            if glued_before and _WORD_OR_HYPHEN.match(doc[index - 1].text[-1]):
                continue  # the tail of a hyphenated or glued word ('led' in 'busines-led')
            if glued_after and _WORD_CHAR.match(doc[index + 1].text[0]):
                continue
            triggers.add(index)
        return triggers

    def _fuzzy_matches(self, doc: Doc, covered: set[int]) -> list[RuleMatch]:
        """Near misses: windows of up to FUZZY_MAX_TOKENS words (hyphens free) around a trigger."""
        if not self._fuzzy:
            return []
        triggers = self._fuzzy_triggers(doc) - covered
        matches: list[RuleMatch] = []
        done: set[tuple[int, int]] = set()
        reach = 2 * FUZZY_MAX_TOKENS
        forms: dict[int, str | None] = {}  # letters-only form of a token; None: a window stops
        for trigger in sorted(triggers):
            low, high = max(0, trigger - reach), min(len(doc), trigger + reach)
            for index in range(low, high):
                if index not in forms:
                    token = doc[index]
                    forms[index] = (
                        None
                        if token.is_space or (token.is_punct and token.text != "-")
                        else compact(token.text)
                    )
            for start in range(low, trigger + 1):
                if start in covered or not forms[start]:
                    continue
                text = ""
                for end in range(start + 1, high + 1):
                    form = forms[end - 1]
                    if form is None:
                        break
                    text += form
                    if len(text) > self._fuzzy_longest:
                        break
                    if (
                        end <= trigger
                        or len(text) < FUZZY_MIN_CHARS
                        or not form
                        or (start, end) in done
                    ):
                        continue
                    done.add((start, end))
                    found = self._fuzzy_lookup(text)
                    if found is not None:
                        matches.append(RuleMatch(found, start, end, "fuzzy"))
                        break
        return matches

    def _fuzzy_lookup(self, text: str) -> str | None:
        """The rule whose phrase the letters-only text nearly spells, remembered per text."""
        if text in self._fuzzy_memo:
            return self._fuzzy_memo[text]
        found = self._exact_compact.get(text)
        candidates = self._fuzzy.get(f"{text[:2]}{len(text)}") if found is None else None
        if candidates:
            best = process.extractOne(
                text, [c[0] for c in candidates], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
            )
            found = candidates[best[2]][1] if best is not None else None
        if len(self._fuzzy_memo) > FUZZY_MEMO_SIZE:
            self._fuzzy_memo.clear()
        self._fuzzy_memo[text] = found
        return found
