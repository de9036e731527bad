"""The models that cross the dialogue's boundary: an answer, an assessment, a partnership."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from nextgen_assistant.signals.model import Signal

Role = Literal["business_leader", "public_partner", "convener", "other"]
AnswerStatus = Literal["answered", "skipped", "dont_know"]


class Answer(BaseModel):
    """One answer to one question, as given and as understood."""

    question_id: str
    status: AnswerStatus = "answered"
    value: int | float | str | list[str] | date | None = None
    raw: str = ""
    understood: list[Signal] = Field(default_factory=list)
    understood_places: list[str] = Field(default_factory=list)
    confirmed: bool | None = None
    answered_at: datetime | None = None


class Partnership(BaseModel):
    """Who the assessment is about."""

    name: str
    industry: str | None = None
    region: str | None = None


class Respondent(BaseModel):
    """Who answered."""

    role: Role = "other"


class AssessmentRecord(BaseModel):
    """A stored assessment: its partnership, when, by whom, and every answer so far."""

    id: int
    partnership: Partnership
    respondent: Respondent = Field(default_factory=Respondent)
    started_at: datetime
    updated_at: datetime
    answers: dict[str, Answer] = Field(default_factory=dict)
