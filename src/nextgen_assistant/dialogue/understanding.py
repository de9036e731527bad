"""Free-text answers, understood with the document checker and said back for confirmation."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, Field

from nextgen_assistant.dialogue.questions import QuestionBank
from nextgen_assistant.signals.model import DocumentResult, Signal

Understand = Callable[[str], DocumentResult]
"""Checks free text: in practice `Checker.check_text` with today's date bound."""


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
