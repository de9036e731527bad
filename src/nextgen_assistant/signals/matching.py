"""Find where lexicon rules occur in a Doc: phrases on lower-case forms and lemmas, token
patterns for shapes, and a rapidfuzz fallback for spelling and hyphenation variants."""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy
from rapidfuzz import fuzz, process
from spacy.errors import MatchPatternError
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import hash_string  # type: ignore[attr-defined]  # in the .pyx, not the stubs
from spacy.tokens import Doc, Span, Token

from nextgen_assistant.errors import ConfigError
from nextgen_assistant.signals.lexemes import (
    CompiledPattern,
    Sentences,
    WordSpecs,
    compile_pattern,
    forget_sentences,
    pattern_matches,
)
from nextgen_assistant.signals.lexicon import Lexicons, Rule, TokenPattern
from nextgen_assistant.signals.pipeline import lemma_table

_LETTERS = re.compile(r"[^a-z0-9]")
_ASCII_LOWER = re.compile(r"[a-z]+")
_WORD_CHAR = re.compile(r"\w")
_WORD_OR_HYPHEN = re.compile(r"[\w-]")
_HYPHEN_HASH = hash_string("-")
FUZZY_MIN_CHARS = 7
FUZZY_CUTOFF = 88.0
FUZZY_MAX_TOKENS = 4
FUZZY_MEMO_SIZE = 100_000


class RuleMatch(NamedTuple):
    """A rule found over tokens [start, end) of a Doc, and how it was found (a NamedTuple: a
    Doc has hundreds, and a frozen dataclass costs several times more to make)."""

    rule_id: str
    start: int
    end: int
    how: str  # "phrase", "pattern" or "fuzzy"


_FRIEND_PREFIX = "false friend\x1f"
_CUE_PREFIX = "context cue\x1f"
_LowerMatches = tuple[
    list[tuple[int, int, int]], list[tuple[int, int, int]], list[tuple[int, int, int]]
]


def _lower_form(doc: Doc) -> tuple[int, ...]:
    """A phrase as the lower-case PhraseMatcher keys it."""
    return tuple(token.lower for token in doc)


def _form(token: Token) -> str | None:
    """A token's letters-only form in a fuzzy window; None where a window stops."""
    if token.is_space or (token.is_punct and token.text != "-"):
        return None
    return compact(token.text)


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
        # One Matcher per token pattern, run only where the word table says it can match
        # (see lexemes.py); false friends the same way.
        self._specs = WordSpecs(nlp.vocab)
        self._token_patterns: list[CompiledPattern] = []
        self._friend_patterns: list[CompiledPattern] = []
        self._false_phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._fuzzy: dict[str, list[tuple[str, str]]] = {}
        self._exact_compact: dict[str, str] = {}
        self._fuzzy_memo: dict[str, str | None] = {}
        strings = nlp.vocab.strings
        self._lower_docs: list[list[Doc]] = []
        phrased: list[Rule] = []
        for rule in lexicons.rules:
            if rule.phrases:
                docs = list(nlp.pipe(rule.phrases))
                self._lower.add(rule.id, docs)
                self._lower_docs.append(docs)
                phrased.append(rule)
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
                self._token_patterns.append(
                    self._compiled(nlp, rule.id, pattern, f"rule '{rule.id}'")
                )
            strings.add(rule.id)
        self._known_words = lemma_table()
        # Fuzzy matching's word facts, decided once per word.
        self._hyphen = self._specs.flag(lambda token: token.text == "-")
        self._unknown = self._specs.flag(self._unknown_lower)
        self._form = self._specs.value(_form)
        # Rule phrases, false friends' phrases and context cues' phrases, all on lower case, in
        # one PhraseMatcher pass per Doc (`_lower_matches`). Each group's matches are then
        # exactly, and in the same order, what a PhraseMatcher of its own finds: matches come by
        # start, then end, then the keys of one phrase in the order of their map; that order
        # could change only for two keys of one group sharing a phrase with another group's key,
        # and then the groups keep their own matchers.
        friend_phrases = [
            (friend.id, [nlp.make_doc(p) for p in friend.phrases])
            for friend in lexicons.false_friends.false_friends
            if friend.phrases
        ]
        cue_phrases = [
            (cue.id, [nlp.make_doc(p) for p in cue.phrases])
            for cue in lexicons.context.cues
            if cue.phrases
        ]
        keys_of: dict[tuple[int, ...], list[set[str]]] = {}
        for group, keyed in enumerate(
            (
                [(rule.id, docs) for rule, docs in zip(phrased, self._lower_docs, strict=True)],
                friend_phrases,
                cue_phrases,
            )
        ):
            for key, docs in keyed:
                for doc in docs:
                    keys_of.setdefault(_lower_form(doc), [set(), set(), set()])[group].add(key)
        self.merged = all(
            sum(1 for keys in groups if keys) < 2 or all(len(keys) <= 1 for keys in groups)
            for groups in keys_of.values()
        )
        self._friend_keys: set[int] = set()
        self._cue_keys: dict[int, int] = {}  # combined key -> the cue id's key
        for friend in lexicons.false_friends.false_friends:
            for pattern in friend.patterns:
                self._friend_patterns.append(
                    self._compiled(nlp, friend.id, pattern, f"false friend '{friend.id}'")
                )
        for friend_id, docs in friend_phrases:
            if self.merged:
                name = f"{_FRIEND_PREFIX}{friend_id}"
                self._friend_keys.add(strings.add(name))
                self._lower.add(name, docs)
            else:
                self._false_phrases.add(friend_id, docs)
        if self.merged:
            for cue_id, docs in cue_phrases:
                name = f"{_CUE_PREFIX}{cue_id}"
                self._cue_keys[strings.add(name)] = strings.add(cue_id)
                self._lower.add(name, docs)
        self._strings = strings
        self._fuzzy_longest = max((len(k) for k in self._exact_compact), default=0) + 2
        self._lower_key = f"nextgen_lower_phrases_{id(self)}"

    @property
    def words(self) -> WordSpecs:
        """The checker's word table: specs, flags and per-word values, decided once per word."""
        return self._specs

    def _compiled(
        self, nlp: Language, key: str, pattern: TokenPattern, owner: str
    ) -> CompiledPattern:
        matcher = Matcher(nlp.vocab)
        _add_patterns(matcher, key, [pattern], owner)
        return compile_pattern(self._specs, matcher, nlp.vocab.strings.add(key), pattern)

    def false_friend_tokens(self, span: Doc | Span) -> set[int]:
        """Doc indices of tokens inside a false friend ("Grant Avenue", "Dr. Helen Grant")."""
        if isinstance(span, Span):
            bounds = [(span.start, span.end)]
            doc = span.doc
        else:
            bounds, doc = [(0, len(span))], span
        return self.false_friends_in(doc, bounds).get(bounds[0][0], set())

    def release(self, doc: Doc) -> None:
        """Forget what matching cached on the Doc: a long document's Docs are kept for the
        extractors, which need their tokens but not the per-token tables (about 100 bytes a
        token)."""
        self._specs.forget(doc)
        forget_sentences(doc)

    def false_friends_in(self, doc: Doc, sentences: list[tuple[int, int]]) -> dict[int, set[int]]:
        """Per sentence (by its first token), the tokens inside a false friend: every false
        friend of the Doc found at once, each inside its sentence."""
        blocked: dict[int, set[int]] = {}
        if not sentences:
            return blocked
        bounds = Sentences.of_doc(doc, sentences)
        specs = self._specs.of(doc)
        found: list[tuple[int, int]] = []
        for pattern in self._friend_patterns:
            found += [(a, b) for _, a, b in pattern_matches(doc, bounds, specs, pattern)]
        friend_phrases = (
            self._lower_matches(doc)[1]
            if self.merged
            else (self._false_phrases(doc) if len(self._false_phrases) else [])
        )
        if friend_phrases:
            for _, a, b in friend_phrases:
                which = bounds.of[a]
                if which >= 0 and b <= sentences[which][1]:
                    found.append((a, b))
        for a, b in found:
            blocked.setdefault(sentences[bounds.of[a]][0], set()).update(range(a, b))
        return blocked

    def __call__(self, doc: Doc, sentences: list[tuple[int, int]]) -> list[RuleMatch]:
        """Every rule match in the Doc (false friends are left to the caller, per sentence)."""
        found: dict[tuple[str, int, int], RuleMatch] = {}
        lower = self._lower_matches(doc)[0] if self.merged else self._lower(doc)
        strings = self._strings
        for matches, how in (
            (lower, "phrase"),
            (self._lemma(doc), "phrase"),
            (self._pattern_matches(doc, sentences), "pattern"),
        ):
            for key, start, end in matches:
                rule_id = strings[key]
                where = (rule_id, start, end)
                if where not in found:  # the first way a match was found is kept
                    found[where] = RuleMatch(rule_id, start, end, how)
        covered = {i for (_, start, end) in found for i in range(start, end)}
        for match in self._fuzzy_matches(doc, covered):
            found.setdefault((match.rule_id, match.start, match.end), match)
        return sorted(found.values(), key=lambda m: (m.start, -(m.end - m.start)))

    def _lower_matches(self, doc: Doc) -> _LowerMatches:
        """The one lower-case PhraseMatcher pass of a Doc, by group: rule phrases, false
        friends' phrases, context cues' phrases (with the cue id's key)."""
        found: _LowerMatches | None = doc.user_data.get(self._lower_key)
        if found is None:
            rules: list[tuple[int, int, int]] = []
            friends: list[tuple[int, int, int]] = []
            cues: list[tuple[int, int, int]] = []
            friend_keys, cue_keys = self._friend_keys, self._cue_keys
            for match in self._lower(doc):
                key = match[0]
                if key in friend_keys:
                    friends.append(match)
                elif key in cue_keys:
                    cues.append((cue_keys[key], match[1], match[2]))
                else:
                    rules.append(match)
            found = doc.user_data[self._lower_key] = (rules, friends, cues)
        return found

    def context_phrases(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The context cues' phrases found in the Doc (key: the cue id's), in the order a
        PhraseMatcher of their own finds them; only when `merged`."""
        return self._lower_matches(doc)[2]

    def _pattern_matches(
        self, doc: Doc, sentences: list[tuple[int, int]]
    ) -> list[tuple[int, int, int]]:
        """Token-pattern matches (key, start, end in the Doc), each inside a sentence: every
        pattern's Matcher runs only where the word table says a match can start (see
        lexemes.py), which finds exactly what running it over every sentence finds."""
        if not self._token_patterns or not sentences:
            return []
        bounds = Sentences.of_doc(doc, sentences)
        specs = self._specs.of(doc)
        present = specs.present
        found: list[tuple[int, int, int]] = []
        for pattern in self._token_patterns:
            if present & pattern.required == pattern.required:
                found += pattern_matches(doc, bounds, specs, pattern)
        return found

    def _fuzzy_triggers(self, doc: Doc) -> set[int]:
        """Tokens that are unknown lower-case words or hyphen-joins: where spelling variants live.

        Capitalised unknown words are names (Poudre, Whitaker), never misspelt lexicon phrases.
        Whether a word is an unknown lower-case word is decided once per word (a flag of the
        word table); only the few candidates are looked at here, for their neighbours.
        """
        if not len(doc):
            return set()
        specs = self._specs.of(doc)
        triggers: set[int] = set()
        last = len(doc) - 1
        for index in specs.places(self._hyphen):
            # 'busines-led': a word on both sides, no space
            if (
                0 < index < last
                and not doc[index - 1].whitespace_
                and not doc[index].whitespace_
                and _WORD_CHAR.match(doc[index - 1].text[-1])
                and _WORD_CHAR.match(doc[index + 1].text[0])
            ):
                triggers.add(index)
        for index in specs.places(self._unknown):
            if (
                index > 0
                and not doc[index - 1].whitespace_
                and _WORD_OR_HYPHEN.match(doc[index - 1].text[-1])
            ):
                continue  # the tail of a hyphenated or glued word ('led' in 'busines-led')
            if (
                index < last
                and not doc[index].whitespace_
                and _WORD_CHAR.match(doc[index + 1].text[0])
            ):
                continue
            triggers.add(index)
        return triggers

    def _unknown_lower(self, token: Token) -> bool:
        """An unknown lower-case ASCII word of four letters or more (a misspelling's shape)."""
        return bool(
            token.is_lower
            and token.is_alpha
            and len(token) >= 4
            and _ASCII_LOWER.fullmatch(token.text)
            and not self._known_words.knows_hashes(numpy.array([token.lower], dtype=numpy.uint64))[
                0
            ]
        )

    def _fuzzy_matches(self, doc: Doc, covered: set[int]) -> list[RuleMatch]:
        """Near misses: windows of up to FUZZY_MAX_TOKENS words (hyphens free) around a trigger."""
        if not self._fuzzy:
            return []
        triggers = self._fuzzy_triggers(doc) - covered
        if not triggers:
            return []
        specs = self._specs.of(doc)
        matches: list[RuleMatch] = []
        done: set[tuple[int, int]] = set()
        reach = 2 * FUZZY_MAX_TOKENS
        forms: dict[int, str | None] = {}  # letters-only form of a token; None: a window stops
        for trigger in sorted(triggers):
            low, high = max(0, trigger - reach), min(len(doc), trigger + reach)
            for index in range(low, high):
                if index not in forms:
                    forms[index] = specs.value(self._form, index)
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
