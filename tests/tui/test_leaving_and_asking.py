"""Smaller things a newcomer met (walkthrough finding M): Escape says what was kept, F1 answers
at once, the palette's "Export report" exports, and "Cleared" goes once something is attached."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from nextgen_assistant.tui.app import NextGenApp
from nextgen_assistant.tui.screens.home import HomeScreen
from nextgen_assistant.tui.screens.report import ExportDialog, ReportScreen
from nextgen_assistant.tui.widgets.transcript import Transcript
from tests.tui.test_app import TODAY, answer_until, idle, new_conversation, toasts, until
from tests.tui.test_documents_screen import charter_folder, open_documents


async def test_escape_goes_home_and_says_what_was_kept(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await new_conversation(app, pilot)
        await pilot.press("escape")  # nothing answered yet
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert any("nothing was saved" in toast for toast in toasts(app))
        conversation = await new_conversation(app, pilot)
        await answer_until(app, pilot, "rlm_counties")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        given = conversation.counts().answered
        assert any(
            f"Saved: {given} of" in toast and "Enter on it" in toast for toast in toasts(app)
        )


async def test_f1_says_why_at_once_without_asking_again(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        conversation = await new_conversation(app, pilot)
        await answer_until(app, pilot, "rlm_counties")
        question = conversation.current
        assert question is not None
        transcript = app.screen.query_one(Transcript)
        turns = len(transcript.children)
        await pilot.press("f1")
        said = [str(getattr(turn, "source", "")) for turn in transcript.children[turns:]]
        assert any(question.why in turn for turn in said)  # in the same key press, no worker
        assert not any(question.text in turn for turn in said)  # the question is not asked again
        await pilot.press("4", "enter")  # and the question still takes its answer
        await until(pilot, lambda: "rlm_counties" in conversation.record.answers)


async def test_the_palettes_export_report_opens_the_export(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_conversation(app, pilot)
        await answer_until(app, pilot, "rlm_counties")
        await until(pilot, idle(app))
        app.action_export_report()
        await until(pilot, lambda: isinstance(app.screen, ExportDialog))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ReportScreen))


async def test_attaching_after_clearing_takes_the_cleared_note_away(tmp_path: Path) -> None:
    folder = charter_folder(tmp_path)
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY, documents_root=folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_documents(app, pilot)
        results = app.screen.query_one("#results", Static)
        await pilot.press("c")
        await until(pilot, lambda: str(results.render()).startswith("Cleared"))
        await pilot.press("down", "a")
        await until(pilot, lambda: "charter.txt" in str(app.screen.query_one("#attached").render()))
        assert "Cleared" not in str(results.render())
        assert "s scans" in str(results.render())
