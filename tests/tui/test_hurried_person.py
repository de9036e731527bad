"""What a newcomer in a hurry met in tmux (issue 18): each test presses the keys they pressed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from textual.widgets import Markdown

from nextgen_assistant.tui.app import NextGenApp
from nextgen_assistant.tui.widgets.indicator_panel import IndicatorPanel
from tests.tui.test_app import TODAY, answer_until, heading, idle, new_conversation, until


async def test_dont_know_on_free_text_is_not_an_answer(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(120, 35)) as pilot:
        conversation = await new_conversation(app, pilot)
        await answer_until(app, pilot, "mr_example")
        total = len(conversation.sequence())
        await pilot.press("f4")
        await until(pilot, lambda: conversation.current is None)
        await until(pilot, idle(app))
        end = heading(app)
        assert "1 don't know" in end and f"{total - 1} answered" in end
        panel = str(app.screen.query_one(IndicatorPanel).render())
        assert "2/3 answered +1 skipped" in panel
        await pilot.press("f5")
        await until(pilot, lambda: "Where things stand" in _last_turn(app))
        assert "Measurable results: 2 of 3 answered, 1 skipped or don't know" in _last_turn(app)


def _last_turn(app: NextGenApp) -> str:
    turns = [str(m.source) for m in app.screen.query(Markdown)]
    return turns[-1] if turns else ""


def _child(mode: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The app in a child process (tests/tui/app_child.py); bounded, never timed."""
    return subprocess.run(
        [sys.executable, "-m", "tests.tui.app_child", mode, str(tmp_path / "a.sqlite3")],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )


def test_a_crash_ends_nextgen_with_a_sentence_and_a_failing_status(tmp_path: Path) -> None:
    ended = _child("crash", tmp_path)
    assert ended.returncode == 1
    assert "the app stopped on an unexpected error" in ended.stderr
    assert "RuntimeError" in ended.stderr  # Textual's traceback stays above the sentence


def test_ctrl_q_while_an_answer_is_read_ends_the_process(tmp_path: Path) -> None:
    ended = _child("quit-while-reading", tmp_path)  # before: waited for the read, for ever
    assert ended.returncode == 0, ended.stderr
