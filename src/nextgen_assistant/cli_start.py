"""What a bare `nextgen` starts: the Textual app on a terminal, the plain conversation otherwise."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from nextgen_assistant.clock import system_clock


def start_app(db: Path | None = None, resume: int | None = None, today: date | None = None) -> None:
    """The terminal app (Textual is imported only here, when it is needed)."""
    from nextgen_assistant.tui.app import NextGenApp

    NextGenApp(db=db, resume=resume, today=today).run()


def start_default() -> None:
    """The terminal app when both ends are a terminal, else the plain conversation."""
    if sys.stdin.isatty() and sys.stdout.isatty():
        start_app()
        return
    from nextgen_assistant import services
    from nextgen_assistant.dialogue.plain import run_plain
    from nextgen_assistant.dialogue.store import Store

    conversation = services.open_conversation(Store(), system_clock().date())

    def read_line() -> str | None:
        try:
            return input("> ")
        except EOFError:
            return None

    run_plain(conversation, read_line, print)
