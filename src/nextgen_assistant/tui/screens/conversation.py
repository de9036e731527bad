"""The conversation screen: transcript, answer area and the indicator panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header

from nextgen_assistant.dialogue.engine import Conversation, Reply
from nextgen_assistant.errors import NextGenError
from nextgen_assistant.tui.screens.base import AppScreen
from nextgen_assistant.tui.widgets.answer_area import AnswerArea
from nextgen_assistant.tui.widgets.indicator_panel import IndicatorPanel
from nextgen_assistant.tui.widgets.transcript import AnswerBubble, Transcript

if TYPE_CHECKING:
    pass


class ConversationScreen(AppScreen):
    """One assessment, one question at a time; every answer saved as it is given."""

    # Function keys: Input and TextArea own most ctrl keys (ctrl+k deletes to the line end).
    BINDINGS = [
        Binding("ctrl+s", "send", "Send", priority=True),
        Binding("f1", "command('why')", "Why?"),
        Binding("f2", "command('back')", "Back"),
        Binding("f3", "command('skip')", "Skip"),
        Binding("f4", 'command("don\'t know")', "Don't know"),
        Binding("f5", "command('summary')", "Summary"),
        Binding("f6", "app.attach", "Documents"),
        Binding("f7", "app.report", "Report"),
        Binding("escape", "app.home", "Home", show=False),
    ]

    def __init__(self, conversation: Conversation) -> None:
        super().__init__()
        self.conversation = conversation

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="body"):
            with Vertical():
                yield Transcript()
                yield AnswerArea(self.conversation.bank)
            yield IndicatorPanel()
        yield Footer()

    async def on_mount(self) -> None:
        self.title = "Next Gen self-assessment"
        self.sub_title = self.conversation.record.partnership.name
        await self.show(self.conversation.opening())

    async def show(
        self, reply: Reply, said: str | None = None, question_id: str | None = None
    ) -> None:
        """Add the person's answer and the assistant's reply; ask the next question."""
        transcript = self.query_one(Transcript)
        if said is not None:
            transcript.answered(said, question_id)
        for message in reply.messages:
            transcript.say(message)
        await self.query_one(AnswerArea).ask(reply.question, self.conversation.confirming)
        self.refresh_panel()
        self.sub_title = self.conversation.record.partnership.name

    def refresh_panel(self) -> None:
        """The side panel from the latest answers (and evidence, when documents were scanned)."""
        self.nextgen.refresh_panel(self.query_one(IndicatorPanel), self.conversation)

    def on_answer_area_submitted(self, event: AnswerArea.Submitted) -> None:
        question = self.conversation.current
        self.answer(event.text, question.id if question else None)

    def action_send(self) -> None:
        self.query_one(AnswerArea).send()

    def action_command(self, command: str) -> None:
        self.answer(command, None)

    async def on_answer_bubble_edit_requested(self, event: AnswerBubble.EditRequested) -> None:
        await self.show(
            self.conversation.edit(event.question_id), f"edit {event.question_id}", None
        )

    def on_key(self, event: events.Key) -> None:
        focused = self.focused
        typing = focused is not None and focused.__class__.__name__ in ("Input", "TextArea")
        if not typing and event.character and self.query_one(AnswerArea).shortcut(event.character):
            event.stop()

    @work(thread=True, exclusive=True, group="answer")
    def answer(self, text: str, question_id: str | None) -> None:
        """Hand the answer to the engine off the event loop (spaCy and SQLite live there)."""
        try:
            reply = self.conversation.say(text)
        except NextGenError as error:
            self.app.call_from_thread(
                self.notify, str(error), title="Not saved", severity="error", timeout=10
            )
            return
        shown = text if question_id else f"({text})"
        self.app.call_from_thread(self.show, reply, shown, question_id)  # type: ignore[arg-type]
