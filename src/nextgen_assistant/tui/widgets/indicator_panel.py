"""The side panel: the seven indicators, answers given and the status the report would give."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from nextgen_assistant.assessment.status import Standing

STATUS_STYLE = {"meets": "green", "partial": "yellow", "gap": "red", "unknown": "dim"}


class IndicatorPanel(Static):
    """Progress and status per indicator (from `assessment.status.standings`)."""

    DEFAULT_CSS = """
    IndicatorPanel { width: 30; padding: 0 1; border-left: solid $primary-darken-2; }
    """

    def show(self, rows: list[Standing]) -> None:
        """Redraw from the latest answers and evidence."""
        text = Text("Next Gen indicators\n", style="bold")
        for row in rows:
            text.append(f"\n{row.title}\n")
            aside = f", {row.not_answered()}" if row.set_aside else ""
            text.append(f"  {row.answered}/{row.asked} answered{aside}  ", style="dim")
            text.append(
                row.status + (f" {row.score:.1f}" if row.score is not None else ""),
                style=STATUS_STYLE[row.status],
            )
        self.update(text)
