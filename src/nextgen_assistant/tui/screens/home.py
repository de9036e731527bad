"""Home: start a new assessment, resume one, or open a past report."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from nextgen_assistant.tui.screens.base import AppScreen


class HomeScreen(AppScreen):
    """The saved assessments, newest first, and a new one."""

    BINDINGS = [
        Binding("n", "new", "New"),
        Binding("r", "report", "Report"),
        Binding("f6", "app.attach", "Documents"),
        Binding("q", "app.quit", "Quit"),
    ]
    DEFAULT_CSS = """
    HomeScreen Static#intro { padding: 1 2; }
    HomeScreen OptionList { height: 1fr; margin: 0 2; }
    """

    @dataclass
    class OpenRequested(Message):
        """Open this assessment (None: a new one)."""

        assessment_id: int | None

    @dataclass
    class ReportRequested(Message):
        """Show this assessment's report."""

        assessment_id: int

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "How far is your partnership from being a [b]Next Gen Sector Partnership[/b]? "
            "Start a self-assessment, or pick up a saved one: [b]Enter[/b] opens the highlighted "
            "row, [b]n[/b] starts a new one, [b]r[/b] shows a saved assessment's report.",
            id="intro",
        )
        yield OptionList(id="assessments")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "nextgen-assistant"
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """List the saved assessments; the newest is highlighted, so Enter and r act at once."""
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_option(Option("+ New assessment", id="new"))
        for assessment_id, name, started, answered, _updated in self.nextgen.store.list():
            noun = "answer" if answered == 1 else "answers"
            options.add_option(
                Option(
                    Text(f"{name}  ·  started {started[:10]}  ·  {answered} {noun}"),
                    id=str(assessment_id),
                )
            )
        options.highlighted = 1 if options.option_count > 1 else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        chosen = event.option.id
        self.post_message(self.OpenRequested(None if chosen == "new" else int(chosen or 0)))

    def action_new(self) -> None:
        self.post_message(self.OpenRequested(None))

    def action_report(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        chosen = options.get_option_at_index(options.highlighted).id
        if chosen and chosen != "new":
            self.post_message(self.ReportRequested(int(chosen)))
        else:
            self.notify("Highlight a saved assessment to see its report.")
