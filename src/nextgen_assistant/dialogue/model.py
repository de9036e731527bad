"""The models that cross the dialogue's boundary: an answer, an assessment, a partnership."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from nextgen_assistant.signals.model import Signal

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
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

    @field_validator("value", mode="after")
    @classmethod
    def _dates_stay_dates(cls, value: object) -> object:
        # Stored as JSON, a date comes back as an ISO string: the union would keep it a str.
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            return date.fromisoformat(value)
        return value


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
