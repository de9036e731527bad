"""Scores as the report keeps and shows them: the status comes from the exact score, and the
figure a person reads never contradicts it (3.95 is partial: it shows as 3.95, never 4.0)."""

from __future__ import annotations

import math

from nextgen_assistant.rubric import Rubric, load_rubric


def kept(score: float | None) -> float | None:
    """A score as the report stores it: cut (not rounded) to two decimals, so it stays in the
    band of the exact score (band edges have at most two decimals)."""
    return None if score is None else math.floor(score * 100 + 1e-9) / 100


def shown_score(score: float | None, rubric: Rubric | None = None) -> str:
    """A score for people: one decimal, or two where one decimal would round it into another
    band; '–' when there is none."""
    if score is None:
        return "–"
    bands = rubric or load_rubric()
    short = f"{score:.1f}"
    if bands.status_for(float(short)) != bands.status_for(score):
        return f"{math.floor(score * 100 + 1e-9) / 100:.2f}"
    return short
