"""The question bank (lexicons/questions.yaml) and the parsing of answers to each question type."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from dateutil import parser as dateparser
from pydantic import BaseModel, ConfigDict, Field, model_validator
from rapidfuzz import fuzz, process

from nextgen_assistant import INDICATOR_IDS
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
    follow_up_only: bool = False
    follow_ups: list[FollowUp] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        if self.type in ("choice", "multi") and not self.choices:
            raise ValueError(f"a {self.type} question needs choices")
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


class BarrierFollowUp(BaseModel):
    """The follow-up every agree question gets when the answer is low."""

    when: dict[str, Any]
    text: str
    why: str


class QuestionBank(BaseModel):
    """All questions, the agree scale's words, and the phrases used to reflect free text back."""

    model_config = ConfigDict(extra="forbid")

    agree_scale: dict[int, str]
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


def _choice(question: Question, raw: str) -> Choice:
    text = raw.strip().lower()
    if text.isdigit() and 1 <= int(text) <= len(question.choices):
        return question.choices[int(text) - 1]
    for choice in question.choices:
        if text in (choice.value.lower(), choice.label.lower()):
            return choice
    labels = [f"{c.value} {c.label}".lower() for c in question.choices]
    best = process.extractOne(text, labels, scorer=fuzz.partial_ratio, score_cutoff=85)
    if best is not None and len(text) >= 3:
        return question.choices[best[2]]
    raise AnswerError(f"'{raw}' is not a choice for {question.id}; it accepts {question.accepts()}")


def parse_answer(question: Question, raw: Any, today: date) -> AnswerValue:
    """The value of an answer, or AnswerError saying what the question accepts.

    `raw` is what a person typed, or a value from an answers file (numbers, lists, dates).
    """
    if isinstance(raw, str) and raw.strip().lower() in DONT_KNOW and question.type != "text":
        return None
    if question.type == "agree":
        text = str(raw).strip().lower()
        if text == "0":  # the scale's "don't know"
            return None
        words = {word: point for point, word in load_questions().agree_scale.items()}
        if text in words:
            return words[text]
        if re.fullmatch(r"[1-5]", text):
            return int(text)
        raise AnswerError(
            f"'{raw}' is not an answer to {question.id}; it accepts {question.accepts()}"
        )
    if question.type == "choice":
        return _choice(question, str(raw)).value
    if question.type == "multi":
        items = (
            raw
            if isinstance(raw, list)
            else [p for p in re.split(r"[,;]|\band\b", str(raw)) if p.strip()]
        )
        if [str(i).strip().lower() for i in items] in (["none"], []):
            return []
        return sorted({_choice(question, str(item)).value for item in items})
    if question.type == "number":
        found = re.search(r"-?\d+(?:\.\d+)?", str(raw).replace(",", ""))
        if found is None or isinstance(raw, bool):
            raise AnswerError(
                f"'{raw}' is not a number; {question.id} accepts {question.accepts()}"
            )
        value = float(found.group(0))
        if (question.min is not None and value < question.min) or (
            question.max is not None and value > question.max
        ):
            raise AnswerError(
                f"{value:g} is out of range; {question.id} accepts {question.accepts()}"
            )
        return int(value) if value.is_integer() else value
    if question.type == "date":
        return _date(question, raw, today)
    text = str(raw).strip()
    if not text and not question.optional:
        raise AnswerError(f"{question.id} needs an answer: type a few words, or 'skip'")
    return text


def _date(question: Question, raw: Any, today: date) -> date:
    if isinstance(raw, date):
        value = raw
    else:
        text = str(raw).strip()
        if re.fullmatch(r"\d{4}-\d{2}", text):
            text += "-01"
        try:
            value = dateparser.parse(text, default=dateparser.parse("2000-01-01")).date()
        except (ValueError, OverflowError):
            raise AnswerError(
                f"'{raw}' is not a date; {question.id} accepts {question.accepts()}"
            ) from None
    if value > today:
        raise AnswerError(
            f"{value:%B %Y} is in the future; {question.id} accepts {question.accepts()}"
        )
    return value
