"""`nextgen`'s terminal app in a child process, driven by a Pilot (headless): how the process
ends is what the tests in test_hurried_person.py look at.

    python -m tests.tui.app_child crash|quit-while-reading DB
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from datetime import date
from functools import partialmethod
from pathlib import Path

from textual.pilot import Pilot

from nextgen_assistant import cli_start, services
from nextgen_assistant.tui.app import NextGenApp
from nextgen_assistant.tui.screens.conversation import ConversationScreen


async def _until(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    for _ in range(1200):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app never reached the expected state")


def _reading(app: NextGenApp) -> bool:
    return isinstance(app.screen, ConversationScreen) and app.screen.busy


async def crash(pilot: Pilot[None]) -> None:
    """A new assessment, then F5 meets an error nobody caught."""
    await pilot.press("n")
    await _until(pilot, lambda: isinstance(pilot.app.screen, ConversationScreen))
    await pilot.press("f5")


async def quit_while_reading(pilot: Pilot[None]) -> None:
    """The first answer is being read (the language model still loading) when ctrl+q comes."""
    app = pilot.app
    assert isinstance(app, NextGenApp)
    await pilot.press("n")
    await _until(pilot, lambda: isinstance(app.screen, ConversationScreen))
    await pilot.press(*"Acme", "ctrl+s")
    await _until(pilot, lambda: _reading(app))
    await pilot.press("ctrl+q")


def _broken_summary(self: NextGenApp, conversation: object) -> str:
    raise RuntimeError("a bug")


def _understander_that_never_finishes(today: date) -> Callable[[str], object]:
    def understand(text: str) -> object:
        threading.Event().wait()  # as the first read does while spaCy loads, for ever

    return understand


if __name__ == "__main__":
    mode, db = sys.argv[1], Path(sys.argv[2])
    if mode == "crash":
        NextGenApp.summary = _broken_summary  # type: ignore[method-assign]
        pilot = crash
    else:
        services.understander = _understander_that_never_finishes  # type: ignore[assignment]
        pilot = quit_while_reading
    NextGenApp.run = partialmethod(  # type: ignore[method-assign]
        NextGenApp.run, headless=True, size=(80, 24), auto_pilot=pilot
    )
    cli_start.start_app(db=db, today=date(2026, 11, 25))
