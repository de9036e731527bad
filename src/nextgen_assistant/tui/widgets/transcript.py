"""The chat transcript: assistant turns as Markdown, the person's answers beneath them."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Markdown, Static


class AnswerBubble(Static):
    """One of the person's answers; click it to change that answer (F8 does it by keyboard).

    Not focusable: Tab and shift+Tab go between the answer box and the transcript, not
    through every earlier answer."""

    DEFAULT_CSS = """
    AnswerBubble { margin: 0 0 1 8; padding: 0 1; background: $boost; color: $text; }
    AnswerBubble:hover { background: $accent 30%; }
    """

    @dataclass
    class EditRequested(Message):
        """The person wants to change this answer."""

        question_id: str

    def __init__(self, text: str, question_id: str | None) -> None:
        super().__init__(Text(text))
        self.question_id = question_id
        if question_id:
            self.tooltip = "Click to change this answer"

    def on_click(self) -> None:
        if self.question_id:
            self.post_message(self.EditRequested(self.question_id))


class Transcript(VerticalScroll):
    """The conversation so far, anchored to its newest turn: the person may scroll up to read,
    and the next turn brings the newest back into view."""

    DEFAULT_CSS = """
    Transcript { height: 1fr; padding: 0 1; }
    Transcript Markdown { margin: 0 0 1 0; }
    Transcript .asked { color: $text-muted; margin: 0 0 1 0; }
    """

    def on_mount(self) -> None:
        self.anchor()

    def say(self, markdown: str) -> None:
        """An assistant turn."""
        self._add(Markdown(markdown))

    def asked(self, text: str) -> None:
        """The question, as a line of the transcript (its choices are in the answer area)."""
        self._add(Static(Text(text), classes="asked"))

    def answered(self, text: str, question_id: str | None) -> AnswerBubble:
        """The person's answer."""
        bubble = AnswerBubble(text, question_id)
        self._add(bubble)
        return bubble

    def _add(self, turn: Widget) -> None:
        self.mount(turn)
        # Scrolling up released the anchor, and a released anchor stays put: a confirmation
        # or F5's summary appeared out of view. A new turn anchors again (once laid out).
        self.scroll_end(animate=False)
