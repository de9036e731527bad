"""The question bank (lexicons/questions.yaml) and the parsing of answers to each question type."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from dateutil import parser as dateparser
from pydantic import BaseModel, ConfigDict, Field, model_validator
from rapidfuzz import fuzz, process

from nextgen_assistant import INDICATOR_IDS
from nextgen_assistant.dialogue.understanding import (
    Vocabulary,
    read_loose_date,
    read_number,
    read_numbers,
)
from nextgen_assistant.errors import AnswerError
from nextgen_assistant.knowledge import lexicon_dir, load_model

QuestionType = Literal["agree", "choice", "multi", "number", "date", "text"]
AnswerValue = int | float | str | list[str] | date | None
DONT_KNOW = {
    "dk",
    "don't know",
    "dont know",
    "do not know",
    "not sure",
    "unsure",
    "idk",
    "dont_know",
}


class Choice(BaseModel):
    """One choice of a choice or multi question."""

    model_config = ConfigDict(extra="forbid")

    value: str
    label: str
    score: float | None = Field(default=None, ge=1, le=5)
    weight: float = 1.0
    says: list[str] = Field(default_factory=list)
    """Other ways people name this choice ('the community college', 'where our companies hire')."""
    joins: list[str] = Field(default_factory=list)
    """The choices this one means together ('a business leader and a public partner'): words
    that name all of them name this one."""


class SaidOfSelf(BaseModel):
    """How a person names themself in an answer ("me and the college president"), and the
    choice that names them, by the role they gave at the start."""

    model_config = ConfigDict(extra="forbid")

    says: list[str]
    choice_by_role: dict[str, str]


class FollowUp(BaseModel):
    """Ask `ask` right after this question when `when` holds for its answer."""

    model_config = ConfigDict(extra="forbid")

    when: dict[str, Any]
    ask: str


class ScoreBand(BaseModel):
    """A number or date answer in this band scores `score` (first band that fits wins)."""

    model_config = ConfigDict(extra="forbid")

    at_least: float | None = None
    at_most: float | None = None
    max_age_months: int | None = None
    score: float = Field(ge=1, le=5)


class Question(BaseModel):
    """One question of the self-assessment."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    section: str | None = None
    indicator: str | None = None
    check: str | None = None
    type: QuestionType
    text: str
    why: str
    choices: list[Choice] = Field(default_factory=list)
    min: float | None = None
    max: float | None = None
    unit: str | None = None
    target: float | None = None
    score_bands: list[ScoreBand] = Field(default_factory=list)
    optional: bool = False
    one_line: bool = False
    """For a text question: the answer is a line (a name, an industry, a place), so Enter
    sends it; a written answer of several lines takes Enter as a new line."""
    reads: dict[Literal["supporting", "red_flag"], list[str]] = Field(default_factory=dict)
    """For a text question: words that, when the checker finds nothing, read the answer as
    support for its indicator or as a red flag ('the workforce board staff' sets the agenda)."""
    follow_up_only: bool = False
    follow_ups: list[FollowUp] = Field(default_factory=list)
    self_named: SaidOfSelf | None = None
    """For a choice question about people: the person's words for themself name a choice."""

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        if self.type in ("choice", "multi") and not self.choices:
            raise ValueError(f"a {self.type} question needs choices")
        values = {c.value for c in self.choices}
        named = [j for c in self.choices for j in c.joins]
        if self.self_named is not None:
            named += list(self.self_named.choice_by_role.values())
        unknown = sorted(set(named) - values)
        if unknown:
            raise ValueError(f"{self.id} names choices it does not have: {', '.join(unknown)}")
        if self.indicator is not None and self.indicator not in INDICATOR_IDS:
            raise ValueError(f"unknown indicator '{self.indicator}'")
        return self

    def accepts(self) -> str:
        """What this question accepts, in words, for error messages and `nextgen questions`."""
        if self.type == "agree":
            return 'a number from 1 (strongly disagree) to 5 (strongly agree), or "don\'t know"'
        if self.type in ("choice", "multi"):
            values = ", ".join(c.value for c in self.choices)
            many = "one or more of" if self.type == "multi" else "one of"
            return f"{many}: {values} (or the choice's number)"
        if self.type == "number":
            low = "" if self.min is None else f" from {self.min:g}"
            high = "" if self.max is None else f" to {self.max:g}"
            return f"a number{low}{high}"
        if self.type == "date":
            return "a date such as 2026-03 or March 2026, not in the future"
        return "any text" + ("" if self.optional else " (not empty)")

    def understood(self) -> str:
        """What the assistant understands as an answer, in plain words, with an example."""
        if self.type == "agree":
            return (
                "Type a number from 1 (strongly disagree) to 5 (strongly agree), for example "
                "“4”, or “don't know”."
            )
        if self.type in ("choice", "multi"):
            first = self.choices[0].label.split(" (")[0].lower()
            many = "one or more numbers, for example “1, 3”" if self.type == "multi" else ""
            return (
                f"Type the number of a choice (1 to {len(self.choices)}) or a few of its words, "
                f"for example “1” or “{first}”"
                + (f"; or {many}" if many else "")
                + ", or “don't know”."
            )
        if self.type == "number":
            low = "" if self.min is None else f" from {self.min:g}"
            high = "" if self.max is None else f" to {self.max:g}"
            example = "“25” or “a quarter”" if self.unit == "percent" else "“4” or “four”"
            return f"Type a number{low}{high}, for example {example}, or “don't know”."
        if self.type == "date":
            return (
                "Type a month and year, for example “March 2026”, or a season or part of a year, "
                "such as “spring 2023” or “early 2024”; or “don't know”."
            )
        return "Type a few words" + (", or “skip”." if self.optional else ".")


class AnswerNotUnderstood(AnswerError):
    """An answer that does not fit its question: `str()` names the question id (for answers
    files); `spoken` says it to the person in the question's words."""

    def __init__(self, for_file: str, spoken: str) -> None:
        super().__init__(for_file)
        self.spoken = spoken


class BarrierFollowUp(BaseModel):
    """The follow-up every agree question gets when the answer is low."""

    when: dict[str, Any]
    text: str
    why: str


class QuestionBank(BaseModel):
    """All questions, the agree scale's words, and the phrases used to reflect free text back."""

    model_config = ConfigDict(extra="forbid")

    agree_scale: dict[int, str]
    understanding: Vocabulary
    barrier_follow_up: BarrierFollowUp
    reflections: dict[str, dict[str, str]]
    questions: list[Question]

    @model_validator(mode="after")
    def _references(self) -> QuestionBank:
        ids = [q.id for q in self.questions]
        if len(ids) != len(set(ids)):
            raise ValueError("question ids must be unique")
        for question in self.questions:
            for follow in question.follow_ups:
                if follow.ask not in ids:
                    raise ValueError(
                        f"question '{question.id}' follows up with unknown '{follow.ask}'"
                    )
        return self

    def __getitem__(self, question_id: str) -> Question:
        for question in self.all_questions():
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def all_questions(self) -> list[Question]:
        """Every question, the generated barrier follow-ups included (after their agree item)."""
        out: list[Question] = []
        for question in self.questions:
            out.append(question)
            if question.type == "agree":
                out.append(self.barrier_for(question))
        return out

    def barrier_for(self, question: Question) -> Question:
        """The "what gets in the way?" follow-up of an agree question."""
        return Question(
            id=f"{question.id}_barrier",
            indicator=question.indicator,
            check=question.check,
            type="text",
            text=self.barrier_follow_up.text,
            why=self.barrier_follow_up.why,
            optional=True,
            follow_up_only=True,
        )


@lru_cache(maxsize=2)
def load_questions(path: Path | None = None) -> QuestionBank:
    """Load and validate the question bank."""
    return load_model(QuestionBank, path or lexicon_dir() / "questions.yaml")


def _exact_choice(question: Question, text: str) -> Choice | None:
    """The choice a number, a choice's own value or label, or a yes or no names (None when the
    words have to be read)."""
    vocabulary = load_questions().understanding
    text = vocabulary.normal(text).strip(" .!")
    if text.isdigit() and 1 <= int(text) <= len(question.choices):
        return question.choices[int(text) - 1]
    for choice in question.choices:
        if text in (choice.value.lower(), choice.label.lower()):
            return choice
    # "yep", "nope": the yes or no choice of a yes-or-no question
    spoken = "yes" if vocabulary.is_yes(text) else "no" if vocabulary.is_no(text) else None
    return next((c for c in question.choices if spoken is not None and c.value == spoken), None)


def _said(phrase: str, text: str) -> Iterator[tuple[int, int]]:
    for found in re.finditer(rf"(?<!\w){re.escape(phrase.lower())}(?!\w)", text):
        yield found.start(), found.end()


def _named_in_words(question: Question, text: str, role: str | None) -> list[Choice]:
    """The choices the words name, in the order said. A phrase inside a longer one is the
    longer one's ("co-chairs" in "business co-chairs"); the person's words for themself name
    the choice of their role ("me and the college president": a business leader, when they
    said they are one)."""
    found = [
        (start, end, n)
        for n, choice in enumerate(question.choices)
        for phrase in choice.says
        for start, end in _said(phrase, text)
    ]
    own = question.self_named
    if own is not None and role in own.choice_by_role:
        index = next(
            n for n, c in enumerate(question.choices) if c.value == own.choice_by_role[role]
        )
        found += [(start, end, index) for phrase in own.says for start, end in _said(phrase, text)]
    found.sort(key=lambda hit: (hit[0], hit[0] - hit[1]))
    order: list[int] = []
    reached = -1
    for start, end, n in found:
        if start >= reached:
            reached = end
            if n not in order:
                order.append(n)
    named = [question.choices[n] for n in order]
    values = {c.value for c in named}
    together = [c for c in question.choices if c.joins and values.issuperset(c.joins)]
    return together[:1] or named


def _choice(question: Question, raw: str, role: str | None = None) -> Choice:
    exact = _exact_choice(question, raw)
    if exact is not None:
        return exact
    text = load_questions().understanding.normal(raw).strip(" .!")
    named = _named_in_words(question, text, role)
    if named:
        return named[0]
    labels = [f"{c.value} {c.label}".lower() for c in question.choices]
    best = process.extractOne(text, labels, scorer=fuzz.partial_ratio, score_cutoff=85)
    if best is not None and len(text) >= 3:
        return question.choices[best[2]]
    raise AnswerNotUnderstood(
        f"'{raw}' is not a choice for {question.id}; it accepts {question.accepts()}",
        f"“{raw}” is not a choice I recognise here. {question.understood()}",
    )


def read_in_words(question: Question, raw: str) -> bool:
    """A choice or list answer read from the person's own words (not numbers, a choice's own
    label or a yes or no): the reading is shown back to be checked."""
    if question.type == "choice":
        return _exact_choice(question, raw) is None
    if question.type == "multi":
        items = _list_items(raw)
        return any(_exact_choice(question, item) is None for item in items if item != "none")
    return False


def _list_items(raw: Any) -> list[str]:
    """The items of a list answer: a list's, or typed ones split at commas, semicolons and
    "and", each without the spaces around it."""
    if isinstance(raw, list):
        return [str(i).strip() for i in raw]
    said = load_questions().understanding.normal(str(raw))
    return [p.strip() for p in re.split(r"[,;]|\band\b|\s(?=\d\b)", said) if p.strip()]


def _read_items(
    question: Question, items: list[str], role: str | None = None
) -> tuple[set[str], list[str]]:
    """The choices the items name, and the items that name none."""
    understood: set[str] = set()
    unknown: list[str] = []
    for item in items:
        try:
            understood.add(_choice(question, item, role).value)
        except AnswerNotUnderstood:
            unknown.append(item)
    return understood, unknown


def unrecognised_items(question: Question, raw: str) -> list[str]:
    """The items of a typed list answer that name none of its choices ("ivy tech" in "the
    community college, ivy tech and the chamber"), to be said back, never silently lost."""
    if question.type != "multi":
        return []
    return _read_items(question, _list_items(raw))[1]


def parse_answer(question: Question, raw: Any, today: date, role: str | None = None) -> AnswerValue:
    """The value of an answer, or AnswerNotUnderstood saying what the question accepts.

    `raw` is what a person typed, or a value from an answers file (numbers, lists, dates);
    `role`, the person's role, says whom "me" names in a choice answered in words.
    """
    vocabulary = load_questions().understanding
    if isinstance(raw, str) and vocabulary.is_dont_know(raw):
        return None  # on a free-text question too: "don't know" is no answer to count
    if question.type == "agree":
        text = vocabulary.normal(str(raw)).strip(" .!")
        if text == "0":  # the scale's "don't know"
            return None
        words = {word: point for point, word in load_questions().agree_scale.items()}
        if text in words:
            return words[text]
        number = read_number(vocabulary, text)
        if number is not None and number in (1, 2, 3, 4, 5):
            return int(number)
        hedged = vocabulary.hedged_point(text)
        if hedged is not None:
            return hedged
        if vocabulary.says_dont_know(text):
            return None
        raise AnswerNotUnderstood(
            f"'{raw}' is not an answer to {question.id}; it accepts {question.accepts()}",
            f"I couldn't read “{raw}” on the scale. {question.understood()}",
        )
    if question.type == "choice":
        return _choice(question, str(raw), role).value
    if question.type == "multi":
        items = _list_items(raw)
        if [i.lower() for i in items] in (["none"], []):
            return []
        if isinstance(raw, list):  # an answers file: every item must be a choice
            return sorted({_choice(question, item).value for item in items})
        understood, unknown = _read_items(question, items, role)
        if not understood:
            _choice(question, unknown[0], role)  # raises, naming the first item not understood
        return sorted(understood)
    if question.type == "number":
        return _number(question, raw, vocabulary)
    if question.type == "date":
        return _date(question, raw, today, vocabulary)
    text = str(raw).strip()
    if not text and not question.optional:
        raise AnswerNotUnderstood(
            f"{question.id} needs an answer: type a few words, or 'skip'",
            "This question needs an answer: type a few words, or press F3 (or type “skip”) to skip it.",
        )
    return text


def _number(question: Question, raw: Any, vocabulary: Vocabulary) -> int | float:
    if isinstance(raw, bool):
        value = None
    elif isinstance(raw, int | float):
        value = float(raw)
    else:
        numbers = read_numbers(vocabulary, str(raw), percent=question.unit == "percent")
        if len(numbers) > 1:
            # "5We filled 80 jobs" (a number and the next answer typed on) was read as 5:
            # the leading digits are not the answer when others follow.
            listed = " and ".join(f"{number:g}" for number in numbers)
            raise AnswerNotUnderstood(
                f"'{raw}' holds more than one number ({listed}); {question.id} accepts "
                f"{question.accepts()}",
                f"I found more than one number in “{raw}” ({listed}) and can't tell which one "
                f"answers. {question.understood()}",
            )
        value = numbers[0] if numbers else None
    if value is None:
        raise AnswerNotUnderstood(
            f"'{raw}' is not a number; {question.id} accepts {question.accepts()}",
            f"I couldn't find a number in “{raw}”. {question.understood()}",
        )
    if (question.min is not None and value < question.min) or (
        question.max is not None and value > question.max
    ):
        raise AnswerNotUnderstood(
            f"{value:g} is out of range; {question.id} accepts {question.accepts()}",
            f"{value:g} is out of range here. {question.understood()}",
        )
    return int(value) if value.is_integer() else value


def _date(question: Question, raw: Any, today: date, vocabulary: Vocabulary) -> date:
    if isinstance(raw, date):
        value = raw
    else:
        text = vocabulary.normal(str(raw))
        if re.fullmatch(r"\d{4}-\d{2}", text):
            text += "-01"
        try:
            value = dateparser.parse(text, default=dateparser.parse("2000-01-01")).date()
        except (ValueError, OverflowError):
            loose = read_loose_date(vocabulary, text, today)
            if loose is None:
                raise AnswerNotUnderstood(
                    f"'{raw}' is not a date; {question.id} accepts {question.accepts()}",
                    f"I couldn't read “{raw}” as a date. {question.understood()}",
                ) from None
            value = loose
    if value > today:
        raise AnswerNotUnderstood(
            f"{value:%B %Y} is in the future; {question.id} accepts {question.accepts()}",
            f"{value:%B %Y} is in the future. {question.understood()}",
        )
    return value
