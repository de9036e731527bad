"""Home: start a new assessment, resume one, or open a past report."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from nextgen_assistant.dialogue.questions import load_questions
from nextgen_assistant.tui.screens.base import AppScreen


class HomeScreen(AppScreen):
    """The saved assessments, grouped by partnership, a new one, and a new respondent for a
    partnership already assessed."""

    _joinable: list[str]

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
        """List the saved assessments grouped by partnership (the partnership of the newest
        first, so the newest is highlighted and Enter and r act at once), then a row per named
        partnership to add a respondent to it."""
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_option(Option("+ New assessment", id="new"))
        store = self.nextgen.store
        # Counted as the conversation counts: follow-ups asked only sometimes are apart.
        follow_ups = [q.id for q in load_questions().all_questions() if q.follow_up_only]
        rows = store.list(follow_ups)
        roles = store.respondent_roles()
        order = list(dict.fromkeys(name for _, name, _, _, _ in rows))
        counts = {name: sum(row[1] == name for row in rows) for name in order}
        for name in order:
            for assessment_id, _name, started, answered, _updated in (
                r for r in rows if r[1] == name
            ):
                role = roles.get(assessment_id, "other").replace("_", " ")
                group = f"  ·  {role}, 1 of {counts[name]}" if counts[name] > 1 else ""
                options.add_option(
                    Option(
                        Text(f"{name}  ·  started {started[:10]}  ·  {answered} answered{group}"),
                        id=str(assessment_id),
                    )
                )
        self._joinable = [name for name in order if not name.lower().startswith("new partnership")]
        for index, name in enumerate(self._joinable):
            options.add_option(Option(Text(f"+ Add a respondent to {name}"), id=f"join-{index}"))
        options.highlighted = 1 if options.option_count > 1 else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        chosen = event.option.id or ""
        if chosen.startswith("join-"):
            # A new respondent joins the partnership: its name, industry and region are not
            # asked again; respondents are known by role only.
            name = self._joinable[int(chosen.removeprefix("join-"))]
            self.post_message(self.OpenRequested(self.nextgen.store.add_respondent(name)))
            return
        self.post_message(self.OpenRequested(None if chosen == "new" else int(chosen or 0)))

    def opens_an_assessment(self, key: str) -> bool:
        """Whether this key opens an assessment (n, or Enter on a row): the keys typed right
        after it are for its first question."""
        options = self.query_one(OptionList)
        if key == "enter":
            return self.focused is options and options.highlighted is not None
        return key == "n"

    def action_new(self) -> None:
        self.post_message(self.OpenRequested(None))

    def highlighted_assessment(self) -> int | None:
        """The saved assessment on the highlighted row, if the row is one."""
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        chosen = options.get_option_at_index(options.highlighted).id
        if chosen and chosen != "new" and not chosen.startswith("join-"):
            return int(chosen)
        return None

    def action_report(self) -> None:
        chosen = self.highlighted_assessment()
        if chosen is not None:
            self.post_message(self.ReportRequested(chosen))
        else:
            self.notify("Highlight a saved assessment to see its report.")
