"""The chat transcript: assistant turns as Markdown, the person's answers beneath them."""

from __future__ import annotations

from dataclasses import dataclass

from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Markdown, Static


class AnswerBubble(Static, can_focus=True):
    """One of the person's answers; select it (Enter or click) to edit that answer."""

    DEFAULT_CSS = """
    AnswerBubble { margin: 0 0 1 8; padding: 0 1; background: $boost; color: $text; }
    AnswerBubble:focus { background: $accent 30%; }
    """

    @dataclass
    class EditRequested(Message):
        """The person wants to change this answer."""

        question_id: str

    def __init__(self, text: str, question_id: str | None) -> None:
        super().__init__(text, markup=False)
        self.question_id = question_id

    def on_click(self) -> None:
        self._request()

    def key_enter(self) -> None:
        self._request()

    def _request(self) -> None:
        if self.question_id:
            self.post_message(self.EditRequested(self.question_id))


class Transcript(VerticalScroll):
    """The conversation so far; it scrolls with the latest turn."""

    DEFAULT_CSS = """
    Transcript { height: 1fr; padding: 0 1; }
    Transcript Markdown { margin: 0 0 1 0; }
    """

    def say(self, markdown: str) -> None:
        """An assistant turn."""
        self.mount(Markdown(markdown))
        self.scroll_end(animate=False)

    def answered(self, text: str, question_id: str | None) -> None:
        """The person's answer."""
        self.mount(AnswerBubble(text, question_id))
        self.scroll_end(animate=False)
