"""The side panel: the seven indicators, answers given and the status the report would give."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from nextgen_assistant.assessment.status import Standing

STATUS_STYLE = {"meets": "green", "partial": "yellow", "gap": "red", "unknown": "dim"}


class IndicatorPanel(Static):
    """Progress and status per indicator (from `assessment.status.standings`)."""

    DEFAULT_CSS = """
    IndicatorPanel { height: auto; padding: 0 1; }
    """

    def show(self, rows: list[Standing]) -> None:
        """Redraw from the latest answers and evidence."""
        text = Text("Next Gen indicators", style="bold")
        for row in rows:
            text.append(f"\n{row.title}\n")
            aside = f", {row.not_answered()}" if row.set_aside else ""
            text.append(f"  {row.answered}/{row.asked} answered{aside}  ", style="dim")
            text.append(
                row.status + (f" {row.score:.1f}" if row.score is not None else ""),
                style=STATUS_STYLE[row.status],
            )
        self.update(text)


class IndicatorColumn(VerticalScroll, can_focus=False):
    """The panel's column. At 80x24 the seven indicators, their titles wrapped and a line
    such as "4/5 answered, 1 skipped  gap 2.9" taking two rows, can be taller than the screen:
    a Static cuts off what does not fit, with nothing to show it (the last indicator's status
    was below the fold). Here the column scrolls (the wheel), its scrollbar showing that
    there is more. It takes no focus: Tab still goes between the answer box and the
    transcript."""

    DEFAULT_CSS = """
    IndicatorColumn {
        width: 30; height: 1fr; border-left: solid $primary-darken-2;
        scrollbar-size-vertical: 1;
    }
    """

    def compose(self) -> ComposeResult:
        yield IndicatorPanel()
