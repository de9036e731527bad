"""The conversation screen: transcript, the question and its answer area, and the indicator panel."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Footer, Header

from nextgen_assistant.dialogue.engine import Conversation, Reply
from nextgen_assistant.dialogue.questions import Question
from nextgen_assistant.errors import NextGenError
from nextgen_assistant.tui.screens.change_answer import ChangeAnswerDialog
from nextgen_assistant.tui.screens.typed_keys import KeysInOrder
from nextgen_assistant.tui.type_ahead import Keystroke
from nextgen_assistant.tui.widgets.answer_area import AnswerArea
from nextgen_assistant.tui.widgets.indicator_panel import IndicatorColumn, IndicatorPanel
from nextgen_assistant.tui.widgets.transcript import AnswerBubble, Transcript

KEYS = (
    "Keys: **F1** why we ask · **F2** back · **F3** skip · **F4** don't know · "
    "**F5** where things stand · **F8** change an answer. On a list press its number; "
    "**Enter** sends a one-line answer (a name, a number, a date), **ctrl+s** a written one."
)
"""How to answer and what the function keys do, for the welcome (the footer names them too)."""


class ConversationScreen(KeysInOrder):
    """One assessment, one question at a time; every answer saved as it is given (the keys
    that make an answer reach it in the order pressed: `KeysInOrder`)."""

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
        super().__init__(typed_ahead, opened_by)
        self.conversation = conversation
        self._sent: AnswerBubble | None = None
        """The answer being read, in the transcript."""

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
        not in the transcript yet); ask the next question (words about the one before go
        with it: `tell`)."""
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

    # --- answers ------------------------------------------------------------------------------
    def on_answer_area_submitted(self, event: AnswerArea.Submitted) -> None:
        question = self.conversation.current
        self.begin(event.text, event.shown, question.id if question else None)

    def on_answer_area_empty(self, event: AnswerArea.Empty) -> None:
        if self.conversation.current is not None:
            self.tell(event.how or "Type an answer first, or press F3 to skip, F4 for don't know.")
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
            passed = counts.skipped + counts.dont_know
            said = (
                f"Saved: {counts.answered} of {counts.total} questions answered"
                + (f" ({passed} skipped or don't know)" if passed else "")
                + ". It is on the list: Enter on it goes on where you stopped."
            )
        self.app.action_home()  # type: ignore[attr-defined]
        self.app.notify(said, markup=False)

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
            self.tell("No answer to change yet.")
            return
        self.app.push_screen(ChangeAnswerDialog(rows), self.change)

    async def change(self, question_id: str | None) -> None:
        """Re-open an earlier answer (from F8 or a click in the transcript)."""
        if question_id is None:
            return
        if self.reading:
            self.tell("Still reading your last answer…")
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
            self.tell("Still reading your last answer…")
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
        self.tell(f"Not saved: {event.error}", error=True)
        area = self.query_one(AnswerArea)
        area.release()
        field = area.answer_widget
        if field is not None:
            self.set_focus(field)
