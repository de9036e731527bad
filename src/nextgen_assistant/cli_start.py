"""What a bare `nextgen` starts: the Textual app on a terminal, the plain conversation otherwise."""

from __future__ import annotations

import sys

from rich.console import Console


def start_default() -> None:
    """Start the most useful interactive thing this installation can run."""
    from nextgen_assistant.report.console import print_rubric
    from nextgen_assistant.rubric import load_rubric

    console = Console()
    print_rubric(load_rubric(), console)
    console.print("Run `nextgen --help` for the commands.", highlight=False)
    sys.exit(0)
