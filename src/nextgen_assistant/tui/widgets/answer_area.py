"""The answer area: the question being asked, always in view, and beneath it a choice list, a
1 to 5 scale, an input or a text box, by question type."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from nextgen_assistant.dialogue.questions import Question, QuestionBank
from nextgen_assistant.tui.widgets.answer_boxes import AnswerBox, AnswerLine, SendTyped
from nextgen_assistant.tui.widgets.tick_list import TickList


class AnswerArea(Vertical):
    """Changes with the question; posts `Submitted` with the answer as the engine reads it."""

    DEFAULT_CSS = """
    AnswerArea { height: auto; max-height: 60%; border-top: solid $primary-darken-2; padding: 0 1; }
    AnswerArea #question { text-style: bold; }
    AnswerArea OptionList { height: auto; max-height: 9; }
    AnswerArea TextArea { height: 4; }
    AnswerArea .hint { color: $text-muted; }
    """

    @dataclass
    class Submitted(Message):
        """An answer (or a command such as 'skip') to hand to the engine; `shown` is the answer
        as the transcript shows it (choice labels, not stored values)."""

        text: str
        shown: str

    @dataclass
    class Empty(Message):
        """ctrl+s with nothing to send; `how` says how to answer this question (empty when a
        text box is empty)."""

        how: str = ""

    def __init__(self, bank: QuestionBank, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.bank = bank
        self.question: Question | None = None
        self.confirming = False
        self._asking = asyncio.Lock()
        self.pending = False
        """An answer was posted and its question is not yet replaced: keys typed now belong to
        the next question."""
        self._hint = ""
        """The hint under the open question's widget, as asked."""
        self._notice = ""
        """A word about the open question (`tell`), shown in place of its hint."""
        self._notice_style = "bold"
        self._told_none = False
        """A send with nothing ticked was answered with how to tick: the next sends "none"."""

    def compose(self) -> ComposeResult:
        yield Static("", id="question")
        yield Static("", classes="hint")

    @property
    def answer_widget(self) -> Widget | None:
        """The widget that holds the answer now (None at the end of the conversation)."""
        found = self.query(".answer")
        return found.first() if found else None

    def show_reading(self, ahead: str, note: str = "", reading: bool = True) -> None:
        """The sign that an answer is being read (`reading`; else the question's hint), with
        what was typed meanwhile (it goes to the next question)."""
        hints = self.query(".hint")
        if not hints:
            return
        if reading:
            sign = Text("Reading your answer…" + (f" {note}" if note else ""), style="bold")
        elif self._notice:
            sign = Text(self._notice, style=self._notice_style)
        else:
            sign = Text(self._hint)
        if ahead:
            sign.append(f"  Next: {ahead}" if reading else f"  ·  Next: {ahead}")
        hints.last(Static).update(sign)

    def tell(self, notice: str, error: bool = False) -> None:
        """A word about the open question (why nothing was sent, which keys answer it): under
        the box, where the person is looking, until the question changes. As a toast it
        lingered over the next question, and Textual has no public way to take one back.
        Shown at the screen's next `show_reading` (plain text: never read as markup); an
        `error` in red."""
        self._notice = notice
        self._notice_style = "bold red" if error else "bold"

    def release(self) -> None:
        """The answer was not taken (not saved): the box is the person's again."""
        self.pending = False
        field = self.answer_widget
        if isinstance(field, AnswerBox | AnswerLine):
            field.sent = False

    async def ask(
        self,
        question: Question | None,
        heading: str,
        confirming: bool = False,
        closing: str = "",
        ticked: list[str] | None = None,
    ) -> None:
        """Show the question and the widget for it (Yes/No when confirming a reading);
        `ticked`: a multi-select answer given before, ticked again when it is changed. The
        screen gives it the keyboard, once keys typed ahead are in.

        Calls are serialised: a second answer arriving while the first is shown waits its turn
        instead of mounting a second widget beside it."""
        async with self._asking:
            self.pending = False
            self._told_none = False
            self._notice = ""
            self.question, self.confirming = question, confirming
            await self.remove_children()
            widgets = self._widgets(question, heading, confirming, closing, ticked or [])
            await self.mount_all(widgets)
            hints = self.query(".hint")
            self._hint = str(hints.last(Static).render()) if hints else ""

    async def in_words(self) -> None:
        """A list question answered in words instead ("by where our companies hire", "the
        college, the workforce board and the chamber"): the list gives way to a line the
        conversation reads as free text (the screen types the words in). Letters typed on a
        list were dropped, and a multi-select then sent "none of these"."""
        async with self._asking:
            field = self.answer_widget
            if not isinstance(field, OptionList) or self.confirming:
                return
            line = AnswerLine(placeholder="your answer in words · Enter sends", classes="answer")
            await field.remove()
            self._notice = ""
            hints = self.query(".hint")
            await self.mount(line, before=hints.last() if hints else None)
            self._hint = (
                "In your own words · Enter sends (if they cannot be read, the list comes back)"
            )
            if hints:
                hints.last(Static).update(self._hint)

    def _widgets(
        self,
        question: Question | None,
        heading: str,
        confirming: bool,
        closing: str,
        ticked: list[str],
    ) -> list[Widget]:
        if question is None:
            return [
                Static(Text(closing), id="question"),
                Static(
                    "F7 report · F6 documents · F2 back · F8 change an answer · ctrl+q quit",
                    classes="hint",
                ),
            ]
        title = Static(Text(heading), id="question")
        if confirming:
            return [
                title,
                OptionList(
                    Option("Yes, that's right", id="yes"),
                    Option("No, that's not it", id="no"),
                    classes="answer",
                ),
                Static("y yes · n no", classes="hint"),
            ]
        if question.type == "agree":
            options = [
                Option(f"{point}  {words}", id=str(point))
                for point, words in self.bank.agree_scale.items()
            ]
            return [
                title,
                OptionList(*options, Option("0  don't know", id="0"), classes="answer"),
                Static("Keys 1-5, or 0 for don't know", classes="hint"),
            ]
        if question.type == "choice":
            options = [
                Option(f"{n}  {c.label}", id=str(n))
                for n, c in enumerate(question.choices, start=1)
            ]
            return [
                title,
                OptionList(*options, classes="answer"),
                Static(f"Keys 1-{len(question.choices)} · F4 don't know", classes="hint"),
            ]
        if question.type == "multi":
            items = [
                (f"{n}  {c.label}", c.value, c.value in ticked)
                for n, c in enumerate(question.choices, start=1)
            ]
            return [
                title,
                TickList(*items, classes="answer"),
                Static(
                    f"Keys 1-{len(question.choices)} or Space tick · Enter sends",
                    classes="hint",
                ),
            ]
        if question.type == "text":
            # A name or a place is one line: Enter sends it (a text box took Enter as a new
            # line, and the partnership's name was saved as two lines).
            sends = "Enter sends" if question.one_line else "ctrl+s sends"
            box = AnswerLine if question.one_line else AnswerBox
            return [
                title,
                box(placeholder=f"Type your answer · {sends}", classes="answer"),
                Static(f"{sends} · F3 skips" if question.optional else sends, classes="hint"),
            ]
        placeholder = "a number, e.g. 4" if question.type == "number" else "e.g. March 2026"
        return [
            title,
            AnswerLine(placeholder=placeholder, classes="answer"),
            Static("Enter sends · F4 don't know", classes="hint"),
        ]

    def post_message(self, message: Message) -> bool:
        """Every answer leaves through here: from then on the area is `pending`."""
        if isinstance(message, self.Submitted):
            self.pending = True
        return super().post_message(message)

    def send(self) -> None:
        """Submit whatever the current widget holds (ctrl+s)."""
        field = self.answer_widget
        question = self.question
        if isinstance(field, TickList) and question is not None:
            chosen = [str(v) for v in field.selected]
            if not chosen and not self._told_none:
                # Sent with nothing ticked: perhaps the keys that tick were not known. Say
                # them; sent again, it is the answer "none of these".
                self._told_none = True
                self.post_message(self.Empty(self.how_to_pick()))
                return
            labels = [c.label for c in question.choices if c.value in chosen]
            self.post_message(
                self.Submitted(", ".join(chosen) or "none", "; ".join(labels) or "none of these")
            )
        elif isinstance(field, AnswerBox | AnswerLine):
            field.send()
        else:
            # A list's highlight is not a pick (the first item is highlighted from the start):
            # ctrl+s sent "strongly disagree" unasked. Say how to pick instead.
            self.post_message(self.Empty(self.how_to_pick()))

    def how_to_pick(self) -> str:
        """How to answer the open list, in the keys that do it."""
        question = self.question
        if self.confirming:
            return "Is the reading right? Press y for yes or n for no (Enter takes the highlighted one)."
        if question is not None and question.type == "agree":
            return "Nothing picked yet: press 1-5 (0 for don't know), or ↑ ↓ and Enter."
        if question is not None and question.type == "choice":
            return (
                f"Nothing picked yet: press 1-{len(question.choices)}, or ↑ ↓ and Enter; "
                "F4 for don't know."
            )
        if question is not None and question.type == "multi":
            return (
                f"Nothing ticked yet: press 1-{len(question.choices)} (or ↑ ↓ and Space) to "
                "tick, then Enter. Enter again answers “none of these”."
            )
        return ""

    def _chosen(self, option: Option) -> None:
        self.post_message(self.Submitted(option.id or "", str(option.prompt).split("  ", 1)[-1]))

    def on_send_typed(self, event: SendTyped) -> None:
        event.stop()
        self._typed(event.text)

    def _typed(self, text: str) -> None:
        """A typed answer, sent; an empty box is the person's again."""
        if text.strip():
            self.post_message(self.Submitted(text.strip(), text.strip()))
        else:
            self.release()
            self.post_message(self.Empty())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._chosen(event.option)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()  # AnswerLine sends on Enter itself, in the order keys arrive

    def shortcut_applies(self, key: str) -> bool:
        """Number keys and y/n are shortcuts only where they answer something (the screen
        asks only while a list is open)."""
        question = self.question
        if question is None or self.pending:
            return False
        if self.confirming:
            return key in ("y", "n")
        if not key.isdigit():
            return False
        number = int(key)
        if question.type == "agree":
            return 0 <= number <= 5
        return question.type in ("choice", "multi") and 1 <= number <= len(question.choices)

    def shortcut(self, key: str) -> bool:
        """Number keys answer choice and agree questions and tick multi-select items; y/n
        confirm a reading. True when the key was used."""
        question = self.question
        if question is None:
            return False
        if self.confirming:
            if key in ("y", "n"):
                self.post_message(
                    self.Submitted("yes" if key == "y" else "no", "yes" if key == "y" else "no")
                )
                return True
            return False
        if not key.isdigit():
            return False
        number = int(key)
        if question.type == "agree" and 0 <= number <= 5:
            words = self.bank.agree_scale.get(number, "don't know")
            self.post_message(self.Submitted(key, words))
            return True
        if question.type == "choice" and 1 <= number <= len(question.choices):
            self.post_message(self.Submitted(key, question.choices[number - 1].label))
            return True
        field = self.answer_widget
        if (
            question.type == "multi"
            and isinstance(field, TickList)
            and 1 <= number <= len(question.choices)
        ):
            field.toggle(question.choices[number - 1].value)
            field.highlighted = number - 1
            return True
        return False
