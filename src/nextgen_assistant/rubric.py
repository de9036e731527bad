"""The seven indicators, their checks, gates and score bands, read from `lexicons/rubric.yaml`."""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from nextgen_assistant import INDICATOR_IDS
from nextgen_assistant.knowledge import lexicon_dir, load_model
from nextgen_assistant.words import joined

Status = Literal["meets", "partial", "gap", "unknown"]


class Aspect(BaseModel):
    """One aspect of a check the documents show by what they say ("a written plan"), with the
    supporting rules whose signals show it and the red-flag rules that deny it (a plan dated more
    than a year ago is not one kept current, whatever else says it was updated)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    shown_as: str = Field(min_length=1)
    rules: list[str] = Field(min_length=1)
    denied_by: list[str] = Field(default_factory=list)


class Check(BaseModel):
    """One thing an indicator asks of a partnership; a gate must pass for the indicator to meet."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    description: str = Field(min_length=1)
    gate: bool = False
    threshold: float | None = None
    unit: str | None = None
    aspects: list[Aspect] = Field(default_factory=list)
    """For a check the documents show by what they say: its aspects, in the order a sentence
    names them."""
    aspects_needed: int | None = Field(default=None, ge=1)
    """How many of the aspects the documents (or the answers) must show for the check to pass."""

    @model_validator(mode="after")
    def _aspects_complete(self) -> Check:
        if bool(self.aspects) != (self.aspects_needed is not None):
            raise ValueError(
                f"the check '{self.id}' needs both aspects and aspects_needed, or neither"
            )
        if self.aspects_needed is not None and self.aspects_needed > len(self.aspects):
            raise ValueError(
                f"the check '{self.id}' needs {self.aspects_needed} aspects but names {len(self.aspects)}"
            )
        return self

    def aspects_shown(
        self, supporting: Iterable[str], red_flags: Iterable[str] = ()
    ) -> list[Aspect]:
        """The aspects that counted signals show: one of an aspect's supporting rules, and none
        of the red-flag rules that deny it."""
        found, denied = set(supporting), set(red_flags)
        return [
            a
            for a in self.aspects
            if found.intersection(a.rules) and not denied.intersection(a.denied_by)
        ]

    def shown_by_documents(
        self, supporting: Iterable[str], red_flags: Iterable[str] = ()
    ) -> bool | None:
        """Whether the documents' counted signals (their rule ids, supporting and red flags) show
        this check: None for a check not shown that way, or where no supporting signal of the
        indicator counts at all. Supporting signals that show no aspect (a denied red flag, the
        passage model's reading) show none: a plan "not on a shelf" is not yet a plan in use."""
        found = set(supporting)
        if self.aspects_needed is None or not found:
            return None
        return len(self.aspects_shown(found, red_flags)) >= self.aspects_needed

    def aspects_sentence(self, shown: list[Aspect], who: str = "the documents show") -> str:
        """ "the documents show a written plan, not action teams carrying it out or a plan kept
        current" (or what the answers said)."""
        missing = [a.shown_as for a in self.aspects if a not in shown]
        said = f"{who} {joined([a.shown_as for a in shown])}" if shown else f"{who} none"
        if len(shown) < (self.aspects_needed or 0) and missing:
            said += f", not {joined(missing, 'or')}" if shown else f" of {joined(missing, 'or')}"
        return said

    @property
    def limit(self) -> float:
        """The threshold, for code that needs one: its only home is lexicons/rubric.yaml."""
        if self.threshold is None:
            from nextgen_assistant.errors import ConfigError

            raise ConfigError(f"lexicons/rubric.yaml: the check '{self.id}' needs a threshold")
        return self.threshold


class Indicator(BaseModel):
    """One of the seven Next Gen indicators."""

    model_config = ConfigDict(extra="forbid")

    id: str
    title: str = Field(min_length=1)
    short_title: str | None = Field(default=None, min_length=1, max_length=12)
    description: str = Field(min_length=1)
    checks: list[Check] = Field(min_length=1)

    @property
    def label(self) -> str:
        """The short title for narrow places (a matrix's column heads), else the title."""
        return self.short_title or self.title

    @field_validator("id")
    @classmethod
    def _known_id(cls, value: str) -> str:
        if value not in INDICATOR_IDS:
            raise ValueError(
                f"unknown indicator id '{value}'; expected one of {', '.join(INDICATOR_IDS)}"
            )
        return value

    @property
    def gates(self) -> list[Check]:
        """The checks that cap the status at `partial` when they fail."""
        return [check for check in self.checks if check.gate]

    def check(self, check_id: str) -> Check:
        """The check with this id."""
        for check in self.checks:
            if check.id == check_id:
                return check
        raise KeyError(check_id)


class ScoreBand(BaseModel):
    """Scores at or above `min` (and below the next band up) get this status."""

    model_config = ConfigDict(extra="forbid")

    status: Literal["meets", "partial", "gap"]
    min: float = Field(ge=1.0, le=5.0)
    meaning: str = ""


class Rubric(BaseModel):
    """The whole rubric: indicators in the contract's order, and the score bands."""

    model_config = ConfigDict(extra="forbid")

    score_bands: list[ScoreBand] = Field(min_length=1)
    indicators: list[Indicator]

    @model_validator(mode="after")
    def _all_seven_in_order(self) -> Rubric:
        ids = tuple(indicator.id for indicator in self.indicators)
        if ids != INDICATOR_IDS:
            missing = [i for i in INDICATOR_IDS if i not in ids]
            detail = f"missing {', '.join(missing)}" if missing else "out of order or repeated"
            raise ValueError(f"indicators must be the seven contract ids in order ({detail})")
        return self

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id."""
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)

    def status_for(self, score: float | None) -> Status:
        """The band a score falls in; `unknown` when there is no score."""
        if score is None:
            return "unknown"
        for band in sorted(self.score_bands, key=lambda b: b.min, reverse=True):
            if score >= band.min:
                return band.status
        return "gap"


def rubric_path() -> Path:
    """The rubric in force: `NEXTGEN_RUBRIC` when set, else the shipped one."""
    chosen = os.environ.get("NEXTGEN_RUBRIC")
    return Path(chosen) if chosen else lexicon_dir() / "rubric.yaml"


@lru_cache(maxsize=4)
def load_rubric(path: Path | None = None) -> Rubric:
    """Load and validate the rubric (cached per path)."""
    return load_model(Rubric, path or rubric_path())
