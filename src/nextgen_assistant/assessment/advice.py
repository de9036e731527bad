"""Recommendations from `lexicons/recommendations.yaml`, chosen by failed gates and statuses."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from nextgen_assistant.assessment.model import GateResult
from nextgen_assistant.knowledge import lexicon_dir, load_model
from nextgen_assistant.rubric import Status


class When(BaseModel):
    """When a recommendation applies."""

    model_config = ConfigDict(extra="forbid")

    gate_failed: str | None = None
    status: list[Status] = Field(default_factory=list)


class Recommendation(BaseModel):
    """One concrete next step."""

    model_config = ConfigDict(extra="forbid")

    id: str
    indicator: str | None
    priority: int
    when: When
    text: str


class RecommendationBook(BaseModel):
    """All recommendations."""

    recommendations: list[Recommendation]


@lru_cache(maxsize=2)
def load_recommendations(path: Path | None = None) -> RecommendationBook:
    """Load and validate the recommendations."""
    return load_model(RecommendationBook, path or lexicon_dir() / "recommendations.yaml")


def recommend(
    book: RecommendationBook, indicator_id: str, status: Status, gates: list[GateResult]
) -> list[Recommendation]:
    """The recommendations for one indicator, most important (lowest priority number) first."""
    failed = {g.id for g in gates if g.passed is False}
    chosen = [
        r
        for r in book.recommendations
        if r.indicator in (indicator_id, None)
        and (
            (r.when.gate_failed is not None and r.when.gate_failed in failed)
            or (r.when.gate_failed is None and status in r.when.status)
        )
    ]
    return sorted(chosen, key=lambda r: r.priority)
