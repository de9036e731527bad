"""The side panel: the seven indicators, answers given and their current status."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from nextgen_assistant.rubric import Rubric

STATUS_STYLE = {"meets": "green", "partial": "yellow", "gap": "red", "unknown": "dim"}


class IndicatorPanel(Static):
    """Progress and status per indicator."""

    DEFAULT_CSS = """
    IndicatorPanel { width: 34; padding: 0 1; border-left: solid $primary-darken-2; }
    """

    def show(
        self,
        rubric: Rubric,
        progress: dict[str, tuple[int, int]],
        statuses: dict[str, str],
        scores: dict[str, float | None],
    ) -> None:
        """Redraw from the latest answers and evidence."""
        text = Text("Next Gen indicators\n", style="bold")
        for indicator in rubric.indicators:
            done, total = progress.get(indicator.id, (0, 0))
            status = statuses.get(indicator.id, "unknown")
            score = scores.get(indicator.id)
            text.append(f"\n{indicator.title}\n")
            text.append(f"  {done}/{total} answered  ", style="dim")
            text.append(
                f"{status}" + (f" {score:.1f}" if score is not None else ""),
                style=STATUS_STYLE[status],
            )
        self.update(text)
