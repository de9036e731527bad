"""The answer area: a choice list, a 1 to 5 scale, an input or a text box, by question type."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, SelectionList, Static, TextArea
from textual.widgets.option_list import Option

from nextgen_assistant.dialogue.questions import Question, QuestionBank


class AnswerArea(Vertical):
    """Changes with the question; posts `Submitted` with the answer as the engine reads it."""

    DEFAULT_CSS = """
    AnswerArea { height: auto; max-height: 14; border-top: solid $primary-darken-2; padding: 0 1; }
    AnswerArea OptionList, AnswerArea SelectionList { height: auto; max-height: 10; }
    AnswerArea TextArea { height: 5; }
    AnswerArea .hint { color: $text-muted; }
    """

    @dataclass
    class Submitted(Message):
        """An answer (or a command such as 'skip') to hand to the engine."""

        text: str

    def __init__(self, bank: QuestionBank, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.bank = bank
        self.question: Question | None = None
        self.confirming = False

    def compose(self) -> ComposeResult:
        yield Static("", classes="hint")

    async def ask(self, question: Question | None, confirming: bool = False) -> None:
        """Show the widget for this question (or Yes/No when confirming a reading)."""
        self.question, self.confirming = question, confirming
        await self.remove_children()
        if question is None:
            await self.mount(
                Static(
                    "Every question has an answer. Press F7 for the report, F6 to attach documents.",
                    classes="hint",
                )
            )
            return
        if confirming:
            await self.mount(
                OptionList(
                    Option("Yes, that's right", id="yes"),
                    Option("No, that's not it", id="no"),
                    id="answer",
                )
            )
            await self.mount(Static("y / n", classes="hint"))
        elif question.type == "agree":
            options = [
                Option(f"{point}  {words}", id=str(point))
                for point, words in self.bank.agree_scale.items()
            ]
            await self.mount(OptionList(*options, Option("0  don't know", id="0"), id="answer"))
            await self.mount(Static("Keys 1-5, or 0 for don't know", classes="hint"))
        elif question.type == "choice":
            options = [
                Option(f"{n}  {c.label}", id=str(n))
                for n, c in enumerate(question.choices, start=1)
            ]
            await self.mount(OptionList(*options, id="answer"))
            await self.mount(Static(f"Keys 1-{len(question.choices)}", classes="hint"))
        elif question.type == "multi":
            await self.mount(
                SelectionList[str](*[(c.label, c.value) for c in question.choices], id="answer")
            )
            await self.mount(
                Static("Space toggles · ctrl+s sends (none selected = none)", classes="hint")
            )
        elif question.type == "text":
            await self.mount(TextArea(id="answer", placeholder="Type your answer · ctrl+s sends"))
            await self.mount(
                Static(
                    "ctrl+s sends · F3 skips" if question.optional else "ctrl+s sends",
                    classes="hint",
                )
            )
        else:
            placeholder = "a number" if question.type == "number" else "a date, e.g. March 2026"
            await self.mount(Input(placeholder=placeholder, id="answer"))
            await self.mount(Static(f"Enter sends · accepts {question.accepts()}", classes="hint"))
        self.call_after_refresh(self.focus_answer)

    def focus_answer(self) -> None:
        """Put the keyboard on the answer widget."""
        for widget in self.query("#answer"):
            widget.focus()

    def send(self) -> None:
        """Submit whatever the current widget holds (ctrl+s)."""
        for widget in self.query("#answer"):
            if isinstance(widget, SelectionList):
                chosen = [str(v) for v in widget.selected]
                self.post_message(self.Submitted(", ".join(chosen) if chosen else "none"))
            elif isinstance(widget, TextArea):
                if widget.text.strip():
                    self.post_message(self.Submitted(widget.text.strip()))
            elif isinstance(widget, Input):
                self.post_message(self.Submitted(widget.value))
            elif isinstance(widget, OptionList) and widget.highlighted is not None:
                option = widget.get_option_at_index(widget.highlighted)
                self.post_message(self.Submitted(option.id or ""))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Submitted(event.option.id or ""))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    def shortcut(self, key: str) -> bool:
        """Number keys answer choice and agree questions; y/n confirm. True when used."""
        if self.question is None:
            return False
        if self.confirming and key in ("y", "n"):
            self.post_message(self.Submitted("yes" if key == "y" else "no"))
            return True
        if self.confirming or not key.isdigit():
            return False
        if self.question.type == "agree" and key in "012345":
            self.post_message(self.Submitted(key))
            return True
        if self.question.type == "choice" and 1 <= int(key) <= len(self.question.choices):
            self.post_message(self.Submitted(key))
            return True
        return False
