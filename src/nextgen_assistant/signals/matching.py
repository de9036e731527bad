"""Find where lexicon rules occur in a Doc: phrases on lower-case forms and lemmas, token
patterns for shapes, and a rapidfuzz fallback for spelling and hyphenation variants."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from spacy.errors import MatchPatternError
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from nextgen_assistant.errors import ConfigError
from nextgen_assistant.signals.anchors import anchor_regex
from nextgen_assistant.signals.lexicon import Lexicons, TokenPattern
from nextgen_assistant.signals.pipeline import lemma_table, text_of

_LETTERS = re.compile(r"[^a-z0-9]")
_WORD = re.compile(r"(?<![\w-])[a-z]{4,}(?![\w])")
_HYPHEN_JOIN = re.compile(r"\w-\w")
FUZZY_MIN_CHARS = 7
FUZZY_CUTOFF = 88.0
FUZZY_MAX_TOKENS = 4


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


class RuleMatcher:
    """All rules compiled once; calling it on a Doc returns the rule matches, false friends removed."""

    def __init__(self, nlp: Language, lexicons: Lexicons) -> None:
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self._tokens = Matcher(nlp.vocab)
        self._false_tokens = Matcher(nlp.vocab)
        self._false_phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._fuzzy: dict[str, list[tuple[str, str]]] = {}
        self._exact_compact: dict[str, str] = {}
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
            if rule.patterns:
                _add_patterns(self._tokens, rule.id, rule.patterns, f"rule '{rule.id}'")
            strings.add(rule.id)
        rule_patterns = [p for rule in lexicons.rules for p in rule.patterns]
        self._rule_anchor = anchor_regex(rule_patterns)
        friend_patterns = [p for f in lexicons.false_friends.false_friends for p in f.patterns]
        friend_words = [
            w for f in lexicons.false_friends.false_friends for ph in f.phrases for w in ph.split()
        ]
        self._friend_anchor = anchor_regex(friend_patterns, friend_words)
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
        if self._friend_anchor is not None and not self._friend_anchor.search(text_of(span)):
            return blocked
        for start, end in doc_offsets(span, self._false_tokens, self._false_phrases):
            blocked.update(range(start, end))
        return blocked

    def __call__(self, doc: Doc, sentences: list[Span]) -> list[RuleMatch]:
        """Every rule match in the Doc (false friends are left to the caller, per sentence)."""
        found: dict[tuple[str, int, int], RuleMatch] = {}
        for matcher in (self._lower, self._lemma):
            for key, start, end in matcher(doc):
                rule_id = self._strings[key]
                found.setdefault((rule_id, start, end), RuleMatch(rule_id, start, end, "phrase"))
        for sentence in self._anchored(doc, sentences):
            for key, start, end in self._tokens(sentence):
                start, end = start + sentence.start, end + sentence.start  # Span-relative
                rule_id = self._strings[key]
                found.setdefault((rule_id, start, end), RuleMatch(rule_id, start, end, "pattern"))
        covered = {i for (_, start, end) in found for i in range(start, end)}
        for match in self._fuzzy_matches(doc, covered):
            found.setdefault((match.rule_id, match.start, match.end), match)
        return sorted(found.values(), key=lambda m: (m.start, -(m.end - m.start)))

    def _anchored(self, doc: Doc, sentences: list[Span]) -> list[Span]:
        """The sentences where a token pattern could match (all of them when one has no anchor)."""
        if self._rule_anchor is None:
            return sentences
        positions = [m.start() for m in self._rule_anchor.finditer(text_of(doc))]
        if not positions:
            return []
        starts = [s.start_char for s in sentences]
        chosen = sorted({max(0, bisect_right(starts, p) - 1) for p in positions})
        return [sentences[i] for i in chosen]

    def _fuzzy_triggers(self, doc: Doc) -> set[int]:
        """Tokens that are unknown lower-case words or hyphen-joins: where spelling variants live.

        Capitalised unknown words are names (Poudre, Whitaker), never misspelt lexicon phrases.
        """
        text = text_of(doc)
        triggers: set[int] = set()
        for found in _WORD.finditer(text):
            if not self._known_words.knows(found.group(0)):
                span = doc.char_span(found.start(), found.end(), alignment_mode="expand")
                if span is not None:
                    triggers.add(span.start)
        for found in _HYPHEN_JOIN.finditer(text):
            span = doc.char_span(found.start() + 1, found.start() + 2, alignment_mode="expand")
            if span is not None:
                triggers.add(span.start)
        return triggers

    def _fuzzy_matches(self, doc: Doc, covered: set[int]) -> list[RuleMatch]:
        """Near misses: windows of up to FUZZY_MAX_TOKENS words (hyphens free) around a trigger."""
        if not self._fuzzy:
            return []
        triggers = self._fuzzy_triggers(doc) - covered
        matches: list[RuleMatch] = []
        done: set[tuple[int, int]] = set()
        reach = 2 * FUZZY_MAX_TOKENS
        for trigger in sorted(triggers):
            low, high = max(0, trigger - reach), min(len(doc), trigger + reach)
            # letters-only form of each token; None where a window must stop (punctuation, space)
            forms: list[str | None] = [
                None if (t.is_space or (t.is_punct and t.text != "-")) else compact(t.text)
                for t in doc[low:high]
            ]
            for start in range(low, trigger + 1):
                first = forms[start - low]
                if start in covered or not first:
                    continue
                text = ""
                for end in range(start + 1, high + 1):
                    form = forms[end - 1 - low]
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
        exact = self._exact_compact.get(text)
        if exact is not None:
            return exact
        candidates = self._fuzzy.get(f"{text[:2]}{len(text)}")
        if not candidates:
            return None
        best = process.extractOne(
            text, [c[0] for c in candidates], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        return candidates[best[2]][1] if best is not None else None
