"""The conversation screen: transcript, the question and its answer area, and the indicator panel."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Footer, Header, OptionList, SelectionList

from nextgen_assistant import services
from nextgen_assistant.dialogue.engine import Conversation, Reply
from nextgen_assistant.dialogue.questions import Question
from nextgen_assistant.errors import NextGenError
from nextgen_assistant.tui.screens.base import AppScreen
from nextgen_assistant.tui.screens.change_answer import ChangeAnswerDialog
from nextgen_assistant.tui.type_ahead import COMMAND_KEYS, SENDS, Keystroke, TypeAhead
from nextgen_assistant.tui.widgets.answer_area import AnswerArea, AnswerBox, AnswerLine
from nextgen_assistant.tui.widgets.indicator_panel import IndicatorColumn, IndicatorPanel
from nextgen_assistant.tui.widgets.transcript import AnswerBubble, Transcript

KEYS = (
    "Keys: **F1** why we ask · **F2** back · **F3** skip · **F4** don't know · "
    "**F5** where things stand · **F8** change an answer. On a list press its number; "
    "**Enter** sends a one-line answer (a name, a number, a date), **ctrl+s** a written one."
)
"""How to answer and what the function keys do, for the welcome (the footer names them too)."""

TOAST_SECONDS = 4
"""How long a toast about the open question stays, at most (the next question clears it)."""


class ConversationScreen(AppScreen):
    """One assessment, one question at a time; every answer saved as it is given.

    Keys that make an answer (typing, Backspace, Enter, ctrl+s, number keys, y/n, F1-F4) come
    here from the app in the order pressed (`take_key`), before Textual hands them to a widget:
    Textual routes each key to whatever has focus as it goes, and a key queued behind a send
    could overtake it (an answer glued to the one before) or land on a box already gone (an
    answer lost). While an answer is on its way they wait in `ahead`, shown under the box, and
    go to the next question as if typed there."""

    # Function keys, with priority: Input and TextArea own most ctrl keys (ctrl+k deletes to
    # the line end), and a focused text box must not swallow F6 or F7.
    BINDINGS = [
        # ctrl+s on a list sends its ticks (a text box takes its own ctrl+s, with its text).
        Binding("ctrl+s", "send", "Send", show=False),
        Binding("f1", "command('why')", "Why", priority=True),
        Binding("f2", "command('back')", "Back", priority=True),
        Binding("f3", "command('skip')", "Skip", priority=True),
        Binding("f4", 'command("don\'t know")', "Don't know", priority=True),
        Binding("f5", "summary", "Summary", priority=True),
        Binding("f6", "app.attach", "Docs", priority=True),
        Binding("f7", "app.report", "Report", priority=True),
        Binding("f8", "change_answer", "Change", priority=True),
        Binding("escape", "leave", "Home", show=False),
    ]

    @dataclass
    class AnswerRead(Message):
        """The engine's reply to an answer, posted by the answer worker."""

        reply: Reply

    @dataclass
    class AnswerFailed(Message):
        """The answer could not be saved; `error` says why."""

        error: str

    def __init__(
        self,
        conversation: Conversation,
        typed_ahead: Sequence[Keystroke] = (),
        opened_by: str | None = None,
    ) -> None:
        """`typed_ahead`: keys pressed after the key that opened this assessment, for its
        first question; `opened_by`: that key, when nothing was typed after it yet (n pressed
        twice typed "n" into the partnership's name)."""
        super().__init__()
        self._opened_by = opened_by if opened_by == "n" else None
        self.conversation = conversation
        self.busy = False
        """The engine is reading an answer."""
        self.holding = True
        """Keys wait in `ahead`: an answer is on its way, or the question is not up yet."""
        self.ahead = TypeAhead()
        for stroke in typed_ahead:
            self.ahead.hold(stroke)
        self._sending = False
        """An answer was sent and is on its way to the engine."""
        self._sent: AnswerBubble | None = None
        """The answer being read, in the transcript."""
        self._told_to_confirm = False
        """The person was told which keys answer the open check of a reading."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="body"):
            with Vertical():
                yield Transcript()
                yield AnswerArea(self.conversation.bank)
            yield IndicatorColumn()
        yield Footer(compact=True, show_command_palette=False)

    async def on_mount(self) -> None:
        self.title = "Next Gen self-assessment"
        self.sub_title = self.conversation.record.partnership.name
        transcript = self.query_one(Transcript)
        # A resumed assessment shows its earlier answers, so they can be read and changed.
        for question, answer in self.conversation.answered_so_far():
            transcript.asked(self.heading(question))
            transcript.answered(self.conversation.shown(question, answer), question.id)
        try:
            await self.show(self.conversation.opening(KEYS))
        finally:
            self._show_reading()  # keys typed after n, under the question, until they are in
            self.call_after_refresh(self._type_ahead_in)

    def heading(self, question: Question) -> str:
        """The question as the person reads it, with its place in the conversation."""
        conversation = self.conversation
        return f"{question.text}  ({conversation.number(question)} of {conversation.total()})"

    async def show(self, reply: Reply, shown: str | None = None) -> None:
        """Add the assistant's reply (after `shown`, what the person asked for, when it is
        not in the transcript yet); ask the next question. Toasts go: they were about the
        question before (a toast lingering over the next one was read as about it)."""
        self.clear_toasts()
        transcript = self.query_one(Transcript)
        if shown is not None:
            transcript.answered(shown, None)
        for message in reply.messages:
            transcript.say(message)
        question, confirming = reply.question, self.conversation.confirming
        if question is not None and not confirming:
            transcript.asked(self.heading(question))
        heading = "Is that right?" if confirming else self.heading(question) if question else ""
        area = self.query_one(AnswerArea)
        earlier = self.conversation.record.answers.get(question.id) if question else None
        await area.ask(
            question,
            heading,
            confirming,
            closing=self.conversation.closing(),
            ticked=earlier.value
            if earlier is not None and isinstance(earlier.value, list)
            else None,
        )
        self.ahead.mark()  # keys held from now on were typed with this question up
        self._told_to_confirm = False
        self.refresh_panel()
        self.sub_title = self.conversation.record.partnership.name

    def refresh_panel(self) -> None:
        """The side panel, with the report's statuses (documents included once scanned)."""
        self.query_one(IndicatorPanel).show(self.nextgen.standings(self.conversation))

    def on_screen_resume(self) -> None:
        self.refresh_panel()  # documents may have been scanned meanwhile
        field = self.query_one(AnswerArea).answer_widget
        if field is not None and not self.reading:
            self.set_focus(field)

    # --- keys, in the order pressed -----------------------------------------------------------
    @property
    def reading(self) -> bool:
        """An answer is on its way or being read, or keys typed ahead are not yet in."""
        areas = self.query(AnswerArea)
        return self.holding or self.busy or bool(areas and areas.first().pending)

    def take_key(self, stroke: Keystroke) -> bool:
        """A key pressed while this screen is on top, handed over by the app as it arrives:
        True when taken here; False to let Textual deliver it as usual (a key for a text box
        is delivered to the box, whatever had the keyboard)."""
        if not stroke.answers:
            return False
        opened_by, self._opened_by = self._opened_by, None
        if stroke.key == opened_by:
            return True  # the key that opened this screen, pressed twice: not an answer
        if self.reading or (self.ahead and not self._answers_the_check(stroke)):
            self.ahead.hold(stroke)
            self._show_reading()
            return True
        return self._answer_with(stroke, typed_now=True)

    def _answers_the_check(self, stroke: Keystroke) -> bool:
        """While keys typed ahead wait behind a check of a reading ("Is that right?"), the keys
        that answer it: y, n, Enter on Yes or No, F1-F4. Others join the keys waiting."""
        if not self.query_one(AnswerArea).confirming:
            return True
        return stroke.key in ("y", "n", "enter", *COMMAND_KEYS)

    def _answer_with(self, stroke: Keystroke, typed_now: bool) -> bool:
        """One key for the open question: pressed now (`typed_now`), or typed ahead and now
        replayed. True when used (or dropped) here, False when Textual is to deliver it."""
        area = self.query_one(AnswerArea)
        field = area.answer_widget
        key = stroke.key
        if key in COMMAND_KEYS:
            if not typed_now:
                self.action_command(COMMAND_KEYS[key])
            return not typed_now  # pressed now, its binding runs it (and holds what follows)
        if isinstance(field, AnswerLine | AnswerBox):
            sends = key == "ctrl+s" or (key == "enter" and isinstance(field, AnswerLine))
            if typed_now:
                # To the box, behind the keys before it; a send holds the keys after it.
                if sends:
                    self._send_off()
                self.set_focus(field)
                return False
            if sends and field.holds_text:
                self._send_off()
                field.send()
            elif not sends:
                field.type_key(key, stroke.typed)
            return True  # a send with nothing to send: the second press of the last one
        if not isinstance(field, OptionList):
            return not typed_now  # the end of the conversation: nothing to answer
        if area.shortcut_applies(key):
            if not isinstance(field, SelectionList):  # a tick is not an answer
                self._send_off()
            area.shortcut(key)
            return True
        if area.confirming and typed_now and key not in ("enter", "ctrl+s", "backspace"):
            self._tell_to_confirm(area)  # dropped, and said so: it does not answer the check
            return True
        if stroke.typed.isalpha() and not area.confirming:
            # Words typed on a list: the list gives way to a line for an answer in words,
            # and this key and those after it wait until the line is there.
            self.holding = True
            self.ahead.put_back(stroke)
            self.run_worker(self._answer_in_words(area), group="in_words")
            return True
        if not typed_now:
            # Enter or Space typed ahead never pick what the person has not seen; a send sends
            # the ticks typed ahead (with none, it was the second press of the last send).
            if key in SENDS and isinstance(field, SelectionList) and field.selected:
                self._send_off()
                area.send()
            return True
        if key in SENDS and isinstance(field, SelectionList):
            self._send_off()  # sent by the binding, after the ticks pressed before it
        elif (
            key == "enter"
            and self.focused is field
            and not isinstance(field, SelectionList)
            and field.highlighted is not None
        ):
            self._send_off()  # picks the highlighted choice
        return False

    def _send_off(self) -> None:
        """An answer is on its way: keys pressed from now on wait for the next question, and
        the sign says so at once (the engine may get it only later on a busy machine)."""
        self.holding = self._sending = True
        self._show_reading()

    def _type_ahead_in(self) -> None:
        """The question is up: the keys typed ahead go into it, as if typed now, up to a send
        (the rest wait for the question after); then the keyboard is the box's. A check of a
        reading is answered by keys pressed once it is seen, not by keys typed ahead."""
        self.holding = self._sending = False
        area = self.query_one(AnswerArea)
        field = area.answer_widget
        if field is not None:
            self.set_focus(field)
        if self._asked_unlooked_for(area) and self.ahead:
            # A check of a reading ("Is that right?") or a follow-up asked only sometimes, which
            # the person had not seen when they typed on: the keys typed before it was up wait,
            # shown under it, for the question after it (a y typed ahead, or a 2 for the next
            # list, was meant for something else); the keys typed once it was up are its own.
            for seen in self.ahead.take_seen():
                if self.reading:
                    self.ahead.hold(seen)
                else:
                    self._answer_seen(seen, area)
            self._show_reading()
            return
        while not self.reading and (stroke := self.ahead.take()) is not None:
            self._answer_with(stroke, typed_now=False)
        self._show_reading()

    @staticmethod
    def _asked_unlooked_for(area: AnswerArea) -> bool:
        """The open question is one the person could not have expected when they typed ahead:
        a check of a reading, or a follow-up asked only after some answers."""
        return area.confirming or (area.question is not None and area.question.follow_up_only)

    def _answer_seen(self, stroke: Keystroke, area: AnswerArea) -> None:
        """A key pressed once a question asked only sometimes was up (it waited while the
        screen caught up): for that question."""
        field = area.answer_widget
        if area.confirming and stroke.key == "enter" and isinstance(field, OptionList):
            self._send_off()
            field.action_select()  # the highlighted Yes or No, seen
        elif area.confirming and not self._answers_the_check(stroke):
            if self.ahead:
                self.ahead.hold(stroke)  # typing on behind the keys already waiting
            else:
                self._tell_to_confirm(area)
        else:
            self._answer_with(stroke, typed_now=False)

    def _tell_to_confirm(self, area: AnswerArea) -> None:
        """A key that does not answer "Is that right?": say which keys do, once per check."""
        if not self._told_to_confirm:
            self._told_to_confirm = True
            self.notify(area.how_to_pick(), timeout=TOAST_SECONDS)

    async def _answer_in_words(self, area: AnswerArea) -> None:
        await area.in_words()
        self.call_after_refresh(self._type_ahead_in)

    def _show_reading(self) -> None:
        """The sign under the box (none before the screen is composed: keys can come first)."""
        note = ""
        question = self.conversation.current
        if question is not None and question.type == "text" and not services.understanding_ready():
            note = "(the first takes a few seconds)"
        for area in self.query(AnswerArea):
            area.show_reading(self.ahead.shown(), note, reading=self.busy or self._sending)

    def take_paste(self, text: str) -> bool:
        """Text pasted while this screen is on top: kept, as typed, while an answer is on its
        way (True); otherwise for the answer box, whatever had the keyboard (False: Textual
        delivers it there)."""
        if self.reading or (self.ahead and self.query_one(AnswerArea).confirming):
            for character in text.replace("\r\n", "\n"):
                self.ahead.hold(
                    Keystroke("enter") if character == "\n" else Keystroke(character, character)
                )
            self._show_reading()
            return True
        field = self.query_one(AnswerArea).answer_widget
        if isinstance(field, AnswerLine | AnswerBox):
            self.set_focus(field)
        return False

    # --- answers ------------------------------------------------------------------------------
    def on_answer_area_submitted(self, event: AnswerArea.Submitted) -> None:
        question = self.conversation.current
        self.begin(event.text, event.shown, question.id if question else None)

    def on_answer_area_empty(self, event: AnswerArea.Empty) -> None:
        if self.conversation.current is not None:
            self.notify(
                event.how or "Type an answer first, or press F3 to skip, F4 for don't know.",
                timeout=TOAST_SECONDS,
            )
        if self.holding and not self.busy:
            self._type_ahead_in()  # (and the question's hint back in place of the sign)  # keys pressed after the empty send are for this question

    def action_send(self) -> None:
        self.query_one(AnswerArea).send()

    def action_command(self, command: str) -> None:
        question = self.conversation.current
        if command == "why" and question is not None and not self.busy:
            # Why we ask is the question's own: said at once (through the engine it came 2-3 s
            # later on a busy machine, and asked the question again under it).
            transcript = self.query_one(Transcript)
            transcript.answered("(why)", question.id)
            transcript.say(question.why)
            return
        self.begin(command, f"({command})", None)

    def action_leave(self) -> None:
        """Escape: home, saying what was kept (it left without a word)."""
        conversation = self.conversation
        if conversation.assessment_id is None:
            said = "Left the new assessment: it had no answers, so nothing was saved."
        else:
            counts = conversation.counts()
            said = (
                f"Saved: {counts.given} of {counts.total} questions answered. "
                "It is on the list: Enter on it goes on where you stopped."
            )
        self.app.action_home()  # type: ignore[attr-defined]
        self.app.notify(said, timeout=TOAST_SECONDS, markup=False)

    def action_summary(self) -> None:
        self.query_one(Transcript).say(self.nextgen.summary(self.conversation))

    def action_change_answer(self) -> None:
        rows = [
            (
                question.id,
                f"{self.conversation.number(question)}. {question.text} — "
                f"{self.conversation.shown(question, answer)}",
            )
            for question, answer in self.conversation.answered_so_far()
        ]
        if not rows:
            self.notify("No answer to change yet.", timeout=TOAST_SECONDS)
            return
        self.app.push_screen(ChangeAnswerDialog(rows), self.change)

    async def change(self, question_id: str | None) -> None:
        """Re-open an earlier answer (from F8 or a click in the transcript)."""
        if question_id is None:
            return
        if self.reading:
            self.notify("Still reading your last answer…", timeout=TOAST_SECONDS)
            return
        question = self.conversation.bank[question_id]
        self.holding = True
        try:
            await self.show(self.conversation.edit(question_id), f"(change: {question.text})")
        finally:
            self.call_after_refresh(self._type_ahead_in)

    async def on_answer_bubble_edit_requested(self, event: AnswerBubble.EditRequested) -> None:
        await self.change(event.question_id)

    def begin(self, text: str, shown: str, question_id: str | None) -> None:
        """Hand an answer to the engine; one at a time (keys pressed meanwhile wait). The
        answer joins the transcript at once, above the sign: taken, and being read (the first
        read can take 10 to 18 s on a loaded machine)."""
        if self.busy:
            self.notify("Still reading your last answer…", timeout=TOAST_SECONDS)
            return
        self.busy = self.holding = True
        self._sent = self.query_one(Transcript).answered(shown, question_id)
        self._show_reading()
        self.answer(text)

    @work(thread=True, group="answer")
    def answer(self, text: str) -> None:
        """The engine off the event loop (spaCy and SQLite live there); the result is posted."""
        try:
            reply = self.conversation.say(text)
        except NextGenError as error:
            self.post_message(self.AnswerFailed(str(error)))
            return
        self.post_message(self.AnswerRead(reply))

    async def on_conversation_screen_answer_read(self, event: AnswerRead) -> None:
        try:
            await self.show(event.reply)
        finally:
            self.busy = self._sending = False
            self._sent = None
            self._show_reading()  # keys typed meanwhile, under the question, until they are in
            self.call_after_refresh(self._type_ahead_in)

    def on_conversation_screen_answer_failed(self, event: AnswerFailed) -> None:
        """The answer stays in its box, the person's again; keys typed meanwhile wait for the
        next question."""
        self.busy = self.holding = self._sending = False
        if self._sent is not None:
            self._sent.remove()  # not taken after all: it is in its box again
            self._sent = None
        self.notify(escape(event.error), title="Not saved", severity="error", timeout=10)
        area = self.query_one(AnswerArea)
        area.release()
        field = area.answer_widget
        if field is not None:
            self.set_focus(field)
