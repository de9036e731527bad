"""Find where lexicon rules occur in a Doc: phrases on lower-case forms and lemmas, token
patterns for shapes, and a rapidfuzz fallback for spelling and hyphenation variants."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from spacy.errors import MatchPatternError
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from nextgen_assistant.errors import ConfigError
from nextgen_assistant.signals.lexicon import Lexicons, TokenPattern
from nextgen_assistant.signals.pipeline import lemma_table

_LETTERS = re.compile(r"[^a-z0-9]")
FUZZY_MIN_CHARS = 7
FUZZY_CUTOFF = 88.0
FUZZY_MAX_TOKENS = 4


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
                            self._fuzzy.setdefault(key[:2], []).append((key, rule.id))
                            self._exact_compact.setdefault(key, rule.id)
            if rule.patterns:
                _add_patterns(self._tokens, rule.id, rule.patterns, f"rule '{rule.id}'")
            strings.add(rule.id)
        for friend in lexicons.false_friends.false_friends:
            if friend.patterns:
                _add_patterns(
                    self._false_tokens, friend.id, friend.patterns, f"false friend '{friend.id}'"
                )
            if friend.phrases:
                self._false_phrases.add(friend.id, [nlp.make_doc(p) for p in friend.phrases])
        self._strings = strings

    def false_friend_tokens(self, doc: Doc) -> set[int]:
        """Indices of tokens inside a false friend ("Grant Avenue", "Dr. Helen Grant")."""
        blocked: set[int] = set()
        for _, start, end in [*self._false_tokens(doc), *self._false_phrases(doc)]:
            blocked.update(range(start, end))
        return blocked

    def __call__(self, doc: Doc) -> list[RuleMatch]:
        """Every rule match in the Doc, longest first where two overlap for one rule."""
        found: dict[tuple[str, int, int], RuleMatch] = {}
        for how, matcher in (
            ("phrase", self._lower),
            ("phrase", self._lemma),
            ("pattern", self._tokens),
        ):
            for key, start, end in matcher(doc):
                rule_id = self._strings[key]
                found.setdefault((rule_id, start, end), RuleMatch(rule_id, start, end, how))
        covered = {i for (_, start, end) in found for i in range(start, end)}
        for match in self._fuzzy_matches(doc, covered):
            found.setdefault((match.rule_id, match.start, match.end), match)
        if not found:
            return []
        blocked = self.false_friend_tokens(doc)
        matches = [m for m in found.values() if not blocked.intersection(range(m.start, m.end))]
        return sorted(matches, key=lambda m: (m.start, -(m.end - m.start)))

    def _fuzzy_triggers(self, doc: Doc) -> set[int]:
        # Only near unknown words or hyphen-joined words: cheap, and where variants live.
        table = lemma_table()
        triggers: set[int] = set()
        for token in doc:
            text = token.lower_
            if token.text == "-":
                if not token.whitespace_ and token.i > 0 and not doc[token.i - 1].whitespace_:
                    triggers.add(token.i)
            elif token.is_alpha and len(text) >= 4 and not table.knows(text):
                triggers.add(token.i)
        return triggers

    def _fuzzy_matches(self, doc: Doc, covered: set[int]) -> list[RuleMatch]:
        if not self._fuzzy:
            return []
        matches: list[RuleMatch] = []
        triggers = self._fuzzy_triggers(doc)
        starts = {i for t in triggers for i in range(max(0, t - 2 * FUZZY_MAX_TOKENS + 2), t + 1)}
        for start in sorted(starts):
            if start in covered or doc[start].is_punct or doc[start].is_space:
                continue
            text = ""
            for end in range(
                start + 1, min(len(doc), start + FUZZY_MAX_TOKENS + (FUZZY_MAX_TOKENS - 1)) + 1
            ):
                token = doc[end - 1]
                if token.is_space or (token.is_punct and token.text != "-"):
                    break
                text += compact(token.text)
                if len(text) < FUZZY_MIN_CHARS or token.text == "-":
                    continue
                if not any(start <= t < end for t in triggers):
                    continue  # a window of known words spelled right is not a near miss
                exact = self._exact_compact.get(text)
                if exact is not None:
                    matches.append(RuleMatch(exact, start, end, "fuzzy"))
                    break
                candidates = [
                    c for c in self._fuzzy.get(text[:2], ()) if abs(len(c[0]) - len(text)) <= 2
                ]
                if not candidates:
                    continue
                best = process.extractOne(
                    text, [c[0] for c in candidates], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
                )
                if best is not None:
                    matches.append(RuleMatch(candidates[best[2]][1], start, end, "fuzzy"))
                    break
        return matches
