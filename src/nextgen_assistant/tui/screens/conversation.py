"""The conversation screen: transcript, the question and its answer area, and the indicator panel."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Footer, Header, Input, OptionList, SelectionList, TextArea

from nextgen_assistant import services
from nextgen_assistant.dialogue.engine import Conversation, Reply
from nextgen_assistant.dialogue.questions import Question
from nextgen_assistant.errors import NextGenError
from nextgen_assistant.tui.screens.base import AppScreen
from nextgen_assistant.tui.screens.change_answer import ChangeAnswerDialog
from nextgen_assistant.tui.widgets.answer_area import SEND, AnswerArea, AnswerLine
from nextgen_assistant.tui.widgets.indicator_panel import IndicatorPanel
from nextgen_assistant.tui.widgets.transcript import AnswerBubble, Transcript


class ConversationScreen(AppScreen):
    """One assessment, one question at a time; every answer saved as it is given."""

    # Function keys, with priority: Input and TextArea own most ctrl keys (ctrl+k deletes to
    # the line end), and a focused text box must not swallow F6 or F7.
    BINDINGS = [
        # ctrl+s is not a priority binding on purpose: it then travels behind the keys typed
        # just before it (a priority binding overtook them, sending half an answer).
        Binding("ctrl+s", "send", "Send", show=False),
        Binding("f1", "command('why')", "Why", priority=True),
        Binding("f2", "command('back')", "Back", priority=True),
        Binding("f3", "command('skip')", "Skip", priority=True),
        Binding("f4", 'command("don\'t know")', "Don't know", priority=True),
        Binding("f5", "summary", "Summary", priority=True),
        Binding("f6", "app.attach", "Docs", priority=True),
        Binding("f7", "app.report", "Report", priority=True),
        Binding("f8", "change_answer", "Change", priority=True),
        Binding("escape", "app.home", "Home", show=False),
        # Number keys and y/n are the screen's, so they answer whatever has focus here (the
        # transcript after Tab too). Bindings, not a key handler: they run in the order keys
        # arrive, before a ctrl+s pressed right after them (a handler would see them later).
        *[Binding(str(n), f"answer_key('{n}')", show=False) for n in range(10)],
        Binding("y", "answer_key('y')", show=False),
        Binding("n", "answer_key('n')", show=False),
    ]

    @dataclass
    class AnswerRead(Message):
        """The engine's reply to an answer, posted by the answer worker."""

        reply: Reply
        shown: str | None
        question_id: str | None

    @dataclass
    class AnswerFailed(Message):
        """The answer could not be saved; `error` says why."""

        error: str

    def __init__(self, conversation: Conversation) -> None:
        super().__init__()
        self.conversation = conversation
        self.busy = False
        self.catching_up = False
        """Keys typed ahead are on their way into the new question's box."""
        self.ahead = ""
        """Keys pressed while an answer was read, in order, for the questions after it:
        characters, "\n" for Enter and SEND for ctrl+s."""
        self._in_words: str | None = None
        """Letters typed on a list while it gives way to a line for an answer in words."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="body"):
            with Vertical():
                yield Transcript()
                yield AnswerArea(self.conversation.bank)
            yield IndicatorPanel()
        yield Footer(compact=True, show_command_palette=False)

    async def on_mount(self) -> None:
        self.title = "Next Gen self-assessment"
        self.sub_title = self.conversation.record.partnership.name
        transcript = self.query_one(Transcript)
        # A resumed assessment shows its earlier answers, so they can be read and changed.
        for question, answer in self.conversation.answered_so_far():
            transcript.asked(self.heading(question))
            transcript.answered(self.conversation.shown(question, answer), question.id)
        await self.show(self.conversation.opening())

    def heading(self, question: Question) -> str:
        """The question as the person reads it, with its place in the conversation."""
        total = len(self.conversation.sequence())
        return f"{question.text}  ({self.conversation.position(question)} of {total})"

    async def show(
        self, reply: Reply, shown: str | None = None, question_id: str | None = None
    ) -> None:
        """Add the person's answer and the assistant's reply; ask the next question."""
        transcript = self.query_one(Transcript)
        if shown is not None:
            transcript.answered(shown, question_id)
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
            focus=not self.ahead,
            ticked=earlier.value
            if earlier is not None and isinstance(earlier.value, list)
            else None,
        )
        self.refresh_panel()
        self.sub_title = self.conversation.record.partnership.name

    def refresh_panel(self) -> None:
        """The side panel, with the report's statuses (documents included once scanned)."""
        self.query_one(IndicatorPanel).show(self.nextgen.standings(self.conversation))

    def on_screen_resume(self) -> None:
        self.refresh_panel()  # documents may have been scanned meanwhile
        field = self.query_one(AnswerArea).answer_widget
        if field is not None and not self.busy:
            field.focus()

    def _keep(self, key: str) -> None:
        """A key pressed while an answer is read, kept in its place for the next question;
        a send with nothing typed since the last one is a second press: said, not kept."""
        if key == SEND and not self.catching_up and not self.ahead.rsplit(SEND, 1)[-1].strip():
            self.notify("Still reading your last answer…", timeout=2)
            return
        self.ahead = self.ahead[:-1] if key == "backspace" else self.ahead + key
        self.query_one(AnswerArea).show_reading(self.ahead, self._reading_note())

    def _reading_note(self) -> str:
        question = self.conversation.current
        if question is not None and question.type == "text" and not services.understanding_ready():
            return "(the first takes a few seconds)"
        return ""

    def on_answer_area_submitted(self, event: AnswerArea.Submitted) -> None:
        question = self.conversation.current
        self.begin(event.text, event.shown, question.id if question else None)

    def on_answer_area_empty(self, event: AnswerArea.Empty) -> None:
        if self.conversation.current is not None:
            self.notify(
                event.how or "Type an answer first, or press F3 to skip, F4 for don't know."
            )

    @property
    def reading(self) -> bool:
        """An answer is on its way or being read: keys wait for the next question."""
        return self.busy or self.catching_up or self.query_one(AnswerArea).pending

    def action_send(self) -> None:
        if self.reading:
            self._keep(SEND)
            return
        self.query_one(AnswerArea).send()

    def action_command(self, command: str) -> None:
        self.begin(command, f"({command})", None)

    def action_summary(self) -> None:
        self.query_one(Transcript).say(self.nextgen.summary(self.conversation))

    def action_change_answer(self) -> None:
        rows = [
            (
                question.id,
                f"{self.conversation.position(question)}. {question.text} — "
                f"{self.conversation.shown(question, answer)}",
            )
            for question, answer in self.conversation.answered_so_far()
        ]
        if not rows:
            self.notify("No answer to change yet.")
            return
        self.app.push_screen(ChangeAnswerDialog(rows), self.change)

    async def change(self, question_id: str | None) -> None:
        """Re-open an earlier answer (from F8 or a click in the transcript)."""
        if question_id is None:
            return
        if self.busy:
            self.notify("Still reading your last answer…", timeout=2)
            return
        question = self.conversation.bank[question_id]
        await self.show(self.conversation.edit(question_id), f"(change: {question.text})")

    async def on_answer_bubble_edit_requested(self, event: AnswerBubble.EditRequested) -> None:
        await self.change(event.question_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer_key":
            return self.query_one(AnswerArea).shortcut_applies(str(parameters[0]))
        return True

    def action_answer_key(self, key: str) -> None:
        self.query_one(AnswerArea).shortcut(key)

    def on_key(self, event: events.Key) -> None:
        area = self.query_one(AnswerArea)
        field = area.answer_widget
        if self._in_words is not None:
            # Typed while the list gives way to a line: kept, Enter and ctrl+s as a send, in
            # the order pressed ("blorp" and Enter in one breath sent nothing).
            if event.key in ("enter", "ctrl+s"):
                self._in_words += SEND
            elif event.key == "backspace":
                self._in_words += "\b"
            elif event.is_printable and event.character:
                self._in_words += event.character
            else:
                return
            event.stop()
            return
        if (
            not self.reading
            and isinstance(field, OptionList | SelectionList)
            and not area.confirming
            and event.character
            and event.character.isalpha()
            and not area.shortcut_applies(event.character)
        ):
            # Words typed on a list: answered in words (the conversation reads paraphrases).
            self._in_words = event.character
            event.stop()
            self.run_worker(self._answer_in_words(area), group="in_words")
            return
        if (
            not self.reading
            and isinstance(field, Input | TextArea)
            and event.is_printable
            and event.character
        ):
            # Typing that did not reach the box (the transcript has focus after Tab, or a key
            # passed on by the box sent before) goes into it, at once (it is laid out) so the
            # next keys land after it.
            field.focus()
            if isinstance(field, Input):
                field.insert_text_at_cursor(event.character)
            else:
                field.insert(event.character)
            event.stop()
            return
        if self.reading:
            # Typing while the answer is read (straight here, or from the box it was sent
            # from): kept for the next question, sends and Enter included, in order.
            if event.key in ("backspace", "ctrl+s", "enter"):
                self._keep({"ctrl+s": SEND, "enter": "\n"}.get(event.key, event.key))
                event.stop()
            elif event.is_printable and event.character:
                self._keep(event.character)
                event.stop()
            return

    async def _answer_in_words(self, area: AnswerArea) -> None:
        await area.in_words(self._in_words or "")
        keys, self._in_words = self._in_words or "", None
        typed, sent, after = "", False, ""
        for at, key in enumerate(keys):
            if key == SEND:
                sent, after = True, keys[at + 1 :]
                break
            typed = typed[:-1] if key == "\b" else typed + key
        field = area.answer_widget
        if not isinstance(field, AnswerLine):
            return
        field.value = typed  # with the keys that came while the line was mounted
        field.cursor_position = len(typed)
        if sent:
            field.send()
            for key in after:
                self._keep({"\b": "backspace"}.get(key, key))

    def begin(self, text: str, shown: str | None, question_id: str | None) -> None:
        """Hand an answer to the engine; one at a time (a second send waits for the first)."""
        if self.busy:
            self.notify("Still reading your last answer…", timeout=2)
            return
        self.busy = True
        self.set_focus(None)  # keys typed meanwhile are kept, not sent to the old question
        self.query_one(AnswerArea).show_reading(self.ahead, self._reading_note())
        self.answer(text, shown, question_id)

    @work(thread=True, group="answer")
    def answer(self, text: str, shown: str | None, question_id: str | None) -> None:
        """The engine off the event loop (spaCy and SQLite live there); the result is posted."""
        try:
            reply = self.conversation.say(text)
        except NextGenError as error:
            self.post_message(self.AnswerFailed(str(error)))
            return
        self.post_message(self.AnswerRead(reply, shown, question_id))

    async def on_conversation_screen_answer_read(self, event: AnswerRead) -> None:
        try:
            await self.show(event.reply, event.shown, event.question_id)
        finally:
            self.busy = False
            self._catch_up()

    def _catch_up(self) -> None:
        """Keys pressed while the last answer was read go to the new question, as if typed
        now: text into its box up to a send (Enter too in a one-line box), which sends it;
        number keys to its choices. Whatever follows an answer waits for the question after.
        Until they are in, the box has no focus: keys pressed meanwhile join the queue."""
        area = self.query_one(AnswerArea)
        field = area.answer_widget
        ahead, self.ahead = self.ahead, ""
        if isinstance(field, Input | TextArea):
            ends = (SEND, "\n") if isinstance(field, Input) else (SEND,)
            if not (field.value if isinstance(field, Input) else field.text):
                ahead = ahead.lstrip("".join(ends))  # a send with nothing before: a 2nd press
            cut = min((ahead.index(end) for end in ends if end in ahead), default=-1)
            text = ahead if cut < 0 else ahead[:cut]
            self.ahead = "" if cut < 0 else ahead[cut + 1 :]
            self.catching_up = True
            self.set_focus(None)  # keys pressed until then join the queue, after these
            # Once the new box is laid out (a TextArea styled before raises inside Textual).
            field.call_after_refresh(self._type_ahead_in, text, cut >= 0)
            return
        for number, key in enumerate(ahead):
            if key == SEND and isinstance(field, SelectionList):
                area.send()
            else:
                area.shortcut(key)
            if area.pending:  # that key answered: the rest is for the next question
                self.ahead = ahead[number + 1 :]
                return
        if field is not None and not self.busy:
            field.focus()

    def _type_ahead_in(self, text: str, send: bool) -> None:
        """Keys typed ahead, into the new box; sent when a send followed them."""
        self.catching_up = False
        area = self.query_one(AnswerArea)
        field = area.answer_widget
        if not isinstance(field, Input | TextArea) or self.busy:
            return
        if isinstance(field, Input):
            field.insert_text_at_cursor(text)
        else:
            field.insert(text)
        field.focus()
        if send:
            area.send()
        elif self.ahead:
            self._catch_up()  # pressed while these were typed in

    def on_conversation_screen_answer_failed(self, event: AnswerFailed) -> None:
        """The answer stays in its box, the person's again; keys typed meanwhile wait for the
        next question."""
        self.busy = False
        self.notify(event.error, title="Not saved", severity="error", timeout=10)
        area = self.query_one(AnswerArea)
        area.release()
        field = area.answer_widget
        if field is not None:
            field.focus()
