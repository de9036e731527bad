"""Rich tables for the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from nextgen_assistant.rubric import Rubric


def print_rubric(rubric: Rubric, console: Console) -> None:
    """The seven indicators, with their checks; gates are marked."""
    table = Table(title="The seven Next Gen indicators", show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("id")
    table.add_column("indicator")
    table.add_column("checks (gate = must pass to meet)")
    for number, indicator in enumerate(rubric.indicators, start=1):
        checks = "\n".join(
            escape(f"{'[gate] ' if check.gate else '- '}{check.description}")
            for check in indicator.checks
        )
        table.add_row(
            str(number), indicator.id, f"{indicator.title}\n{indicator.description}", checks
        )
    console.print(table)
    bands = ", ".join(f"{b.status} from {b.min:.1f}" for b in rubric.score_bands)
    console.print(f"Score bands (1.0 to 5.0): {bands}. A failed gate caps the status at partial.")
