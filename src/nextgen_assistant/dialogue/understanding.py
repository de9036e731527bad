"""Answers as people type them: number words, loose dates, hedges and paraphrased choices (the
words live in lexicons/questions.yaml under `understanding`); and free-text answers understood
with the document checker and said back for confirmation."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field
from text_to_num import alpha2digit  # type: ignore[import-untyped]

from nextgen_assistant.signals.model import DocumentResult, Signal

if TYPE_CHECKING:
    from nextgen_assistant.dialogue.questions import QuestionBank

Understand = Callable[[str], DocumentResult]
"""Checks free text: in practice `Checker.check_text` with today's date bound."""


class Vocabulary(BaseModel):
    """The words the assistant understands beyond exact choices and digits."""

    model_config = ConfigDict(extra="forbid")

    apostrophes: list[str] = Field(min_length=1)
    hyphens: list[str] = Field(min_length=1)
    yes_words: list[str]
    no_words: list[str]
    dont_know: list[str]
    stale: list[str]
    number_phrases: dict[str, float] = Field(default_factory=dict)
    scale_hedges: dict[str, int] = Field(default_factory=dict)
    fractions: dict[str, float]
    seasons: dict[str, int]
    year_parts: dict[str, int]
    relative_years: dict[str, int]

    def normal(self, text: str) -> str:
        """Lower case, straight apostrophes, single spaces: the form every reader compares."""
        for mark in self.apostrophes:
            text = text.replace(mark, "'")
        return " ".join(text.lower().split())

    def unhyphenated(self, text: str) -> str:
        """Words joined by any hyphen or dash ('twenty‑two', 'one-third', 'twenty – two') as
        words apart ('twenty two'), which text2num and the fractions read whole; a minus sign
        before a digit stays."""
        marks = "".join(re.escape(mark) for mark in self.hyphens)
        return re.sub(rf"(?<=[^\W\d_])\s*[{marks}]+\s*(?=[^\W\d_])", " ", text)

    def is_yes(self, text: str) -> bool:
        """A yes, in any of the ways people say it."""
        return _bare(self.normal(text)) in self.yes_words

    def is_no(self, text: str) -> bool:
        """A no, in any of the ways people say it."""
        return _bare(self.normal(text)) in self.no_words

    def is_dont_know(self, text: str) -> bool:
        """'don't know', 'not sure', 'idk'..."""
        return _bare(self.normal(text)) in self.dont_know

    def says_dont_know(self, text: str) -> bool:
        """'don't know' said among other words ('dont know really'): for answers that can hold
        nothing else, such as a point on the agree scale."""
        return _contains_any(self.normal(text), self.dont_know)

    def hedged_point(self, text: str) -> int | None:
        """The agree scale's point of a hedge ('mostly agree' 4, 'sort of' 3): of several, the
        one said last; None when there is none."""
        said = self.normal(text)
        found = [
            (match.end(), len(words), point)
            for words, point in self.scale_hedges.items()
            for match in re.finditer(rf"(?<!\w){re.escape(words)}(?!\w)", said)
        ]
        return max(found)[2] if found else None

    def sounds_stale(self, text: str) -> bool:
        """The person hedged that something is old ('but it's old', 'out of date')."""
        return _contains_any(self.normal(text), self.stale)


def _bare(text: str) -> str:
    return text.strip(" .!?,;:")


def _contains_any(text: str, phrases: list[str]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text) for p in phrases)


def read_number(vocabulary: Vocabulary, text: str, percent: bool = False) -> float | None:
    """The number in an answer: digits, number words ('fifteen', 'twenty-five') or, for a share,
    a fraction ('around a third' is 33); None when there is none (the first, when several)."""
    numbers = read_numbers(vocabulary, text, percent)
    return numbers[0] if numbers else None


def read_numbers(vocabulary: Vocabulary, text: str, percent: bool = False) -> list[float]:
    """Every different number in an answer, in the order written, as `read_number` reads
    them: "5We filled 80 jobs" holds two, and which one answers is not for the reader to guess."""
    said = vocabulary.unhyphenated(vocabulary.normal(text).replace(",", ""))
    if percent:
        for words in sorted(vocabulary.fractions, key=len, reverse=True):
            if re.search(rf"(?<!\w){re.escape(words)}(?!\w)", said):
                return [vocabulary.fractions[words]]
    digits = alpha2digit(said, "en", threshold=0)
    found = []
    for number in re.finditer(r"-?\d+(?:\.\d+)?", digits):
        after = digits[number.end() :].split()
        times = vocabulary.number_phrases.get(after[0], 1) if after else 1  # "two dozen"
        found.append(float(number.group(0)) * times)
    if not found:
        for words in sorted(vocabulary.number_phrases, key=len, reverse=True):
            if re.search(rf"(?<!\w){re.escape(words)}(?!\w)", said):
                return [vocabulary.number_phrases[words]]  # "about a dozen", "a handful"
    return list(dict.fromkeys(found))


def read_loose_date(vocabulary: Vocabulary, text: str, today: date) -> date | None:
    """A date as people say it: 'spring of 2023', 'early 2024', 'last fall', 'end of last year';
    None when the words are not of that kind (a plain date is left to dateutil)."""
    said = vocabulary.normal(text)
    said = alpha2digit(said, "en", threshold=0)
    year: int | None = None
    found = re.search(r"\b(19|20)\d\d\b", said)
    if found:
        year = int(found.group(0))
    else:
        for words, offset in sorted(vocabulary.relative_years.items(), key=lambda w: -len(w[0])):
            if re.search(rf"(?<!\w){re.escape(words)}(?!\w)", said):
                year = today.year + offset
                said = said.replace(words, " ")
                break
    for season, month in vocabulary.seasons.items():
        if not re.search(rf"\b{season}\b", said):
            continue
        if year is not None:
            return date(year, month, 1)
        if re.search(rf"\blast {season}\b", said):
            in_it = month <= today.month < month + 3
            this_year = month < today.month and not in_it
            return date(today.year if this_year else today.year - 1, month, 1)
        if re.search(rf"\bthis {season}\b", said) and month <= today.month:
            return date(today.year, month, 1)
    for part, month in vocabulary.year_parts.items():
        if year is not None and re.search(rf"\b{part}\b", said):
            return date(year, month, 1)
    if year is not None and not found:
        return date(year, 6, 1)
    return None


def phrase_matches(vocabulary: Vocabulary, text: str, phrases: list[str]) -> int:
    """The length of the longest of `phrases` said in `text` (0 when none is)."""
    said = vocabulary.normal(text)
    return max(
        (len(p) for p in phrases if re.search(rf"(?<!\w){re.escape(p.lower())}(?!\w)", said)),
        default=0,
    )


class Understanding(BaseModel):
    """What the assistant took from a free-text answer."""

    signals: list[Signal] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)
    numbers: list[str] = Field(default_factory=list)


def understand_text(text: str, understand: Understand | None) -> Understanding:
    """Signals, places and numbers in an answer (nothing when no checker is available yet)."""
    if understand is None or not text.strip():
        return Understanding()
    result = understand(text)
    return Understanding(
        signals=[s for s in result.signals if s.counted],
        places=list(result.facts.counties) + list(result.facts.states),
        numbers=[m.value for m in result.facts.metrics],
    )


def reflect(bank: QuestionBank, understanding: Understanding) -> str | None:
    """'It sounds like …; that points to … Is that right?', or None when nothing was understood."""
    parts: list[str] = []
    seen: set[tuple[str, str]] = set()
    for signal in understanding.signals:
        key = (signal.indicator, signal.polarity)
        if key in seen:
            continue
        seen.add(key)
        meaning = bank.reflections.get(signal.indicator, {}).get(signal.polarity)
        if meaning:
            parts.append(f"“{signal.matched}”: {meaning}")
    if understanding.places and not parts:
        parts.append(f"you named {', '.join(understanding.places)}")
    if not parts:
        return None
    return "It sounds like " + "; and ".join(parts) + ". Is that right? (yes / no)"
