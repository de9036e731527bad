"""Home: start a new assessment, resume one, or open a past report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from nextgen_assistant.tui.screens.base import AppScreen

if TYPE_CHECKING:
    pass


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

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "How far is your partnership from being a [b]Next Gen Sector Partnership[/b]? Start a self-assessment, "
            "or pick up a saved one. Enter opens; [b]r[/b] shows a saved assessment's report.",
            id="intro",
        )
        yield OptionList(id="assessments")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "nextgen-assistant"
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """List the saved assessments."""
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_option(Option("+ New assessment", id="new"))
        for assessment_id, name, started, answered, _updated in self.nextgen.store.list():
            options.add_option(
                Option(
                    f"{name}  ·  started {started[:10]}  ·  {answered} answers",
                    id=str(assessment_id),
                )
            )
        # Enter and r act on the highlighted row at once: the newest saved assessment, if any.
        options.highlighted = 1 if options.option_count > 1 else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "new":
            self.nextgen.open_assessment(None)
        elif event.option.id:
            self.nextgen.open_assessment(int(event.option.id))

    def action_new(self) -> None:
        self.nextgen.open_assessment(None)

    def action_report(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        chosen = options.get_option_at_index(options.highlighted).id
        if chosen and chosen != "new":
            self.nextgen.show_report(int(chosen))
