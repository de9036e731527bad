"""What a second newcomer's walkthrough found (issue 18): each test presses what they pressed."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from nextgen_assistant.tui.app import NextGenApp
from nextgen_assistant.tui.screens.documents import DocumentsScreen
from nextgen_assistant.tui.screens.home import HomeScreen
from nextgen_assistant.tui.screens.report import ExportDialog, ReportScreen
from nextgen_assistant.tui.widgets.tick_list import TickList
from tests.tui.test_app import TODAY, answer_until, idle, new_conversation, toasts, typed, until
from tests.tui.test_kept_scan import scan_mesa_from_home, stored_mesa
from tests.tui.test_report_screen import open_report_with_two_warnings


async def test_an_empty_export_name_is_asked_for_not_a_crash(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_report_with_two_warnings(app, pilot)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExportDialog))
        await until(pilot, lambda: isinstance(app.focused, Input))
        app.screen.query_one(Input).value = ""
        await pilot.press("enter")  # ValueError: PosixPath('.') has an empty name
        await until(pilot, lambda: any("Type a file name" in t for t in toasts(app)))
        assert isinstance(app.screen, ExportDialog)  # still open, for a name
        await pilot.press(*typed(str(tmp_path / "board")), "enter")
        await until(pilot, lambda: (tmp_path / "board.html").exists())
        await until(pilot, lambda: isinstance(app.screen, ReportScreen))
        await pilot.press("e")  # the next export offers the folder of the last
        await until(pilot, lambda: isinstance(app.screen, ExportDialog))
        assert app.screen.query_one(Input).value.startswith(str(tmp_path) + "/")


async def test_a_new_assessment_starts_without_another_ones_documents(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    stored_mesa(db)
    app = NextGenApp(db=db, today=TODAY, documents_root=tmp_path)
    async with app.run_test(size=(120, 35)) as pilot:
        await scan_mesa_from_home(app, pilot)  # for the highlighted (saved) assessment
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await new_conversation(app, pilot)
        assert app.scan is None  # an empty new assessment was "Next Gen" on Mesa's documents


async def test_f6_from_home_after_a_restart_shows_the_kept_scan(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    stored_mesa(db)
    app = NextGenApp(db=db, today=TODAY, documents_root=tmp_path)
    async with app.run_test(size=(120, 35)) as pilot:
        await scan_mesa_from_home(app, pilot)
    app = NextGenApp(db=db, today=TODAY, documents_root=tmp_path)  # quit, started again
    async with app.run_test(size=(120, 35)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, DocumentsScreen))
        results = app.screen.query_one("#results", Static)
        await until(pilot, lambda: "Last scan" in str(results.render()))


async def test_numbers_with_spaces_between_tick_every_item(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_conversation(app, pilot)
        await answer_until(app, pilot, "ida_priorities")
        await pilot.press("1", "space", "3", "comma", "space", "4")  # the space untick 1
        ticks = app.screen.query_one(".answer", TickList)
        await until(pilot, lambda: len(ticks.selected) == 3)
        assert sorted(ticks.selected) == ["infrastructure", "innovation", "talent"]
        await pilot.press("down", "space")  # Space after another key still ticks
        await until(pilot, lambda: len(ticks.selected) == 4)


async def test_home_counts_answers_as_the_conversation_does(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(120, 35), notifications=True) as pilot:
        conversation = await new_conversation(app, pilot)
        await answer_until(app, pilot, "sap_updated")
        await pilot.press(*typed("2023-04"), "enter")  # old: who would refresh it? (a follow-up)
        await until(pilot, lambda: idle(app)() and conversation.current.id == "sap_who_refreshes")
        await pilot.press(*typed("the co-chairs"), "ctrl+s")
        await until(pilot, lambda: "sap_who_refreshes" in conversation.record.answers)
        await until(pilot, idle(app))
        if conversation.confirming:
            await pilot.press("y")
            await until(pilot, lambda: not conversation.confirming and idle(app)())
        answered = conversation.counts().answered
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        rows = str(app.screen.query_one("OptionList").get_option_at_index(1).prompt)
        assert f"{answered} answered" in rows
        assert any(f"Saved: {answered} of" in toast for toast in toasts(app))


async def test_page_down_reads_on_into_the_next_indicators(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_report_with_two_warnings(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        for _ in range(200):  # as many as it takes, on any machine
            if screen.shown_index == len(screen.report.indicators) - 1:
                break
            await pilot.press("pagedown")
        assert screen.shown_index == len(screen.report.indicators) - 1
        for _ in range(200):  # and Page Up reads back to the first
            if screen.shown_index == 0:
                break
            await pilot.press("pageup")
        assert screen.shown_index == 0
