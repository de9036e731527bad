"""The question bank (lexicons/questions.yaml): questions, choices, follow-ups, score bands. How
an answer is read is `reading.py`."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from nextgen_assistant import INDICATOR_IDS
from nextgen_assistant.dialogue.understanding import Vocabulary
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
