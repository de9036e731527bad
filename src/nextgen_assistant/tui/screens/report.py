"""The report: per-indicator table, drill-down into evidence and next steps, export."""

from __future__ import annotations

import re
from collections.abc import Awaitable
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Footer, Header, Input, Markdown, Static

from nextgen_assistant.assessment.model import IndicatorFinding, Report
from nextgen_assistant.report.markdown import indicator_markdown, warnings_markdown
from nextgen_assistant.report.render import render_report
from nextgen_assistant.tui.screens.base import AppScreen


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


STATUS_STYLE = {"meets": "green", "partial": "yellow", "gap": "red", "unknown": "dim"}


def report_file_stem(partnership_name: str, limit: int = 40) -> str:
    """'nextgen-report-' and the partnership's name in lower-case words, cut at a word, never
    inside one."""
    words = re.findall(r"[a-z0-9]+", partnership_name.lower())
    kept: list[str] = []
    for word in words:
        if kept and len("-".join([*kept, word])) > limit:
            break
        kept.append(word[:limit])
    return "nextgen-report-" + ("-".join(kept) or "partnership")


def finding_markdown(finding: IndicatorFinding) -> str:
    """One indicator's drill-down: the same section as the Markdown report's."""
    return "\n".join(indicator_markdown(finding))


EXPORT_SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".json": "json"}
"""A name typed with one of these extensions saves in its format when Enter is pressed."""


class ExportDialog(ModalScreen[tuple[str, Path] | None]):
    """Choose a format and a file to save the report to."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]
    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical { width: 90%; max-width: 72; height: auto; padding: 0 1;
        border: round $primary; background: $surface; }
    ExportDialog Horizontal { height: auto; }
    ExportDialog Button { min-width: 10; margin-right: 1; }
    """

    def __init__(self, default_stem: Path) -> None:
        super().__init__()
        self.default_stem = default_stem

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                "Save the report as (Enter saves HTML, or the format of a .md or .json name; "
                "or pick a format):"
            )
            yield Input(str(self.default_stem), id="path")
            with Horizontal():
                yield Button("HTML", id="html", variant="primary")
                yield Button("Markdown", id="md")
                yield Button("JSON", id="json")
                yield Button("Cancel", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.dismiss(None)
            return
        stem = self._named(self.query_one(Input).value)
        if stem is not None:
            fmt = event.button.id or "html"
            self.dismiss((fmt, stem.with_suffix(f".{fmt}")))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the name box saves, as the highlighted button (HTML) does; a name typed
        with a format's extension (".md", ".json") saves in that format."""
        event.stop()
        path = self._named(event.value)
        if path is not None:
            fmt = EXPORT_SUFFIXES.get(path.suffix.lower(), "html")
            self.dismiss((fmt, path.with_suffix(f".{fmt}")))

    def _named(self, typed: str) -> Path | None:
        """The file typed, or None (and said) when no file name was typed: an empty box or a
        folder ("/tmp/") closed the app with a traceback."""
        path = Path(typed.strip()).expanduser()
        if not typed.strip() or not path.name or typed.strip().endswith(("/", "\\")):
            self.notify(
                "Type a file name to save the report as, for example ~/board-report.",
                severity="warning",
            )
            return None
        return path


class ReportScreen(AppScreen):
    """The merged gap report."""

    BINDINGS = [
        Binding("e", "export", "Export"),
        Binding("escape", "app.pop_screen", "Back"),
        Binding("f6", "app.attach", "Documents"),
        # The table has seven rows: page keys always scroll the evidence beneath it.
        Binding("pagedown", "scroll_detail(1)", "Read on", priority=True),
        Binding("pageup", "scroll_detail(-1)", "Scroll up", show=False, priority=True),
    ]
    DEFAULT_CSS = """
    ReportScreen { overflow-y: hidden; }
    ReportScreen #verdict { padding: 0 1; height: auto; }
    ReportScreen DataTable { height: auto; max-height: 9; }
    ReportScreen #detail { height: 1fr; min-height: 5; }
    ReportScreen #detail:focus { background: $boost; }
    ReportScreen #first-change { padding: 0 1; height: auto; }
    ReportScreen Markdown { height: auto; padding: 0 1; }
    """

    def __init__(self, report: Report) -> None:
        super().__init__()
        self.report = report
        self.shown_index: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        overall = self.report.overall
        yield Static(Text(overall.summary, style="bold"), id="verdict")
        yield DataTable(cursor_type="row", zebra_stripes=True)
        # Everything that can run long scrolls in one place beneath the table (keys and wheel),
        # so the screen itself never does: at 80x24 two "Check first" warnings once pushed the
        # table and the drill-down off a screen that started mid-sentence. The warnings and
        # the first change come first, as in the exported report; Page Up brings them back.
        with VerticalScroll(id="detail", can_focus=True):
            warnings = warnings_markdown(self.report)
            if warnings:
                yield Markdown("\n".join(warnings), id="warnings")
            if overall.top_change:
                yield Static(Text(f"First: {overall.top_change}"), id="first-change")
            yield Markdown("", id="finding")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = f"Gap report: {self.report.partnership.name}"
        table = self.query_one(DataTable)
        table.add_columns("Indicator", "Self", "Documents", "Merged", "Status")
        for f in self.report.indicators:
            table.add_row(
                f.title,
                _fmt(f.self_score),
                _fmt(f.evidence_score),
                _fmt(f.score),
                f"[{STATUS_STYLE[f.status]}]{f.status}[/]",
                key=f.id,
            )
        table.focus()
        self.show_finding(0)

    def show_finding(self, index: int) -> None:
        """The drill-down for one indicator (once: the table's first highlight repeats it).
        The first shows beneath any warnings, read first; another, from its own top."""
        if index == self.shown_index:
            return
        first = self.shown_index is None
        self.shown_index = index
        finding = self.query_one("#finding", Markdown)
        updated = finding.update(finding_markdown(self.report.indicators[index]))
        detail = self.query_one("#detail", VerticalScroll)
        if first or not self.query("#warnings, #first-change"):
            detail.scroll_home(animate=False)
        else:
            self.run_worker(self._open_at_heading(updated), group="finding", exclusive=True)

    async def _open_at_heading(self, updated: Awaitable[None]) -> None:
        """Scroll the drill-down to the indicator's heading once its new text is laid out (a
        longer text than the last one could not be scrolled to before)."""
        await updated
        detail = self.query_one("#detail", VerticalScroll)
        finding = self.query_one("#finding", Markdown)
        self.call_after_refresh(detail.scroll_to_widget, finding, animate=False, top=True)

    def action_scroll_detail(self, direction: int) -> None:
        """Page Down reads on: the indicator's evidence, then the next indicator (it stopped
        at the end of the first, and ↑ ↓ were not on the footer); Page Up reads back."""
        detail = self.query_one("#detail", VerticalScroll)
        table = self.query_one(DataTable)
        if direction > 0 and detail.scroll_y >= detail.max_scroll_y:
            if table.cursor_row < table.row_count - 1:
                table.move_cursor(row=table.cursor_row + 1)
        elif direction < 0 and detail.scroll_y <= 0 and table.cursor_row > 0:
            table.move_cursor(row=table.cursor_row - 1)
        elif direction > 0:
            detail.scroll_page_down(animate=False)
        else:
            detail.scroll_page_up(animate=False)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_finding(event.cursor_row)

    def action_export(self) -> None:
        folder = self.nextgen.export_folder or Path.home()  # where the last one was saved
        stem = folder / report_file_stem(self.report.partnership.name)
        self.app.push_screen(ExportDialog(stem), self.export)

    def export(self, choice: tuple[str, Path] | None) -> None:
        """Write the report; a failure is a notification, never a crash."""
        if choice is None:
            return
        fmt, path = choice
        try:
            path.write_text(render_report(self.report, fmt), encoding="utf-8")
        except OSError as error:
            self.notify(
                f"Could not save {path}: {error.strerror or error}. Choose another folder.",
                title="Not saved",
                severity="error",
                timeout=10,
            )
            return
        self.nextgen.export_folder = path.parent
        self.notify(f"Saved {path}")
