"""What a bare `nextgen` starts: the Textual app on a terminal, the plain conversation otherwise."""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from nextgen_assistant.clock import system_clock

CRASHED = (
    "nextgen: the app stopped on an unexpected error (its details are above). Every answer "
    "shown before it is saved: run `nextgen` again to go on, and please report the error.\n"
)


def start_app(db: Path | None = None, resume: int | None = None, today: date | None = None) -> None:
    """The terminal app (Textual is imported only here, when it is needed); the process ends
    with it, at once, with the app's exit status."""
    from nextgen_assistant.tui.app import NextGenApp

    leave_now(run_app(NextGenApp(db=db, resume=resume, today=today)))


def run_app(app: Any, **options: Any) -> int:
    """Run the app (a Textual App: only tui/ imports Textual, even for types); its exit status: 0, or 1 after an error nobody caught (said in a sentence
    after Textual's traceback).

    On a loop of its own, which is never shut down: `asyncio.run` would wait for the default
    executor's threads, so quitting while an answer was read waited for spaCy (5 s in tmux)."""
    app.run(loop=asyncio.new_event_loop(), **options)
    code = app.return_code or 0
    if code:
        sys.stderr.write(CRASHED)
    return code


def leave_now(code: int) -> NoReturn:
    """End the process now, without waiting for worker threads or tearing down spaCy's
    objects (about 1 s after ctrl+q). Safe: every answer is committed as it is saved, and an
    answer still being read when the person quits was not saved yet."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


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
