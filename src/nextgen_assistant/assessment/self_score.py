"""Self-assessment scores: what the answers say about each indicator, 1.0 to 5.0 or unknown."""

from __future__ import annotations

from datetime import date
from statistics import mean

from nextgen_assistant import INDICATOR_IDS
from nextgen_assistant.clock import months_between
from nextgen_assistant.dialogue.model import Answer
from nextgen_assistant.dialogue.questions import Question, QuestionBank


def question_score(question: Question, answer: Answer, today: date) -> float | None:
    """The 1-5 score one answer gives its indicator, or None when it gives none."""
    if answer.status != "answered" or answer.value is None:
        return None
    value = answer.value
    if question.type == "agree" and isinstance(value, int):
        return float(value)
    if question.type == "choice":
        return next((c.score for c in question.choices if c.value == value), None)
    if question.type == "multi" and isinstance(value, list) and question.target:
        weight = sum(c.weight for c in question.choices if c.value in value)
        return round(1.0 + 4.0 * min(1.0, weight / question.target), 2)
    if question.type in ("number", "date"):
        for band in question.score_bands:
            if isinstance(value, date):
                if (
                    band.max_age_months is None
                    or months_between(value, today) <= band.max_age_months
                ):
                    return band.score
            elif isinstance(value, int | float) and _in_band(value, band.at_least, band.at_most):
                return band.score
        return None
    if question.type == "text" and answer.understood and answer.confirmed is not False:
        supporting = sum(s.polarity == "supporting" for s in answer.understood)
        red = len(answer.understood) - supporting
        return 4.5 if not red else 1.5 if not supporting else 3.0
    return None


def _in_band(value: float, at_least: float | None, at_most: float | None) -> bool:
    return (at_least is None or value >= at_least) and (at_most is None or value <= at_most)


def self_scores(
    bank: QuestionBank, answers: dict[str, Answer], today: date
) -> dict[str, float | None]:
    """Per indicator: the exact mean of its answered questions' scores (None when none scored);
    the report cuts it for display, and bands apply to it unrounded."""
    by_indicator: dict[str, list[float]] = {i: [] for i in INDICATOR_IDS}
    for question in bank.all_questions():
        answer = answers.get(question.id)
        if question.indicator is None or answer is None:
            continue
        score = question_score(question, answer, today)
        if score is not None:
            by_indicator[question.indicator].append(score)
    return {i: mean(scores) if scores else None for i, scores in by_indicator.items()}


def question_scores(
    bank: QuestionBank, answers: dict[str, Answer], today: date
) -> dict[str, float]:
    """Every answered question's score, by question id (the group report compares them)."""
    out: dict[str, float] = {}
    for question in bank.all_questions():
        answer = answers.get(question.id)
        if question.indicator is not None and answer is not None:
            score = question_score(question, answer, today)
            if score is not None:
                out[question.id] = score
    return out
