"""The report screen read at 80x24 by a hurried person: warnings, table, evidence, next steps."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from nextgen_assistant import services
from nextgen_assistant.tui.app import NextGenApp
from nextgen_assistant.tui.screens.report import ReportScreen
from tests.conftest import SAMPLE_DOCS
from tests.tui.test_app import until

TODAY = date(2026, 11, 25)
LONG_WARNINGS = [
    "The documents speak of Front Range Manufacturing Partnership, Northern Colorado Economic "
    "Alliance, not of Lakeshore Food Processing Partnership (Lake, Porter and LaPorte counties "
    "in NW Indiana plus a bit of Cook County IL). Check that the documents and the answers "
    "are about the same partnership.",
    "The documents name Larimer and Weld counties, not the region the answers give (Lake, "
    "Porter and LaPorte counties in NW Indiana plus a bit of Cook County IL). Check that these "
    "documents are this partnership's before trusting the merged scores.",
]


def screen_text(app: NextGenApp) -> list[str]:
    """The lines the terminal shows."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def open_report_with_two_warnings(app: NextGenApp, pilot: Pilot[None]) -> None:
    scan = services.scan_documents([SAMPLE_DOCS / "mesa-valley-healthcare"], TODAY)
    report = services.make_report(TODAY, None, scan)
    report = report.model_copy(update={"warnings": LONG_WARNINGS})
    app.push_screen(ReportScreen(report))
    await until(pilot, lambda: isinstance(app.screen, ReportScreen))
    await until(pilot, lambda: any(d.virtual_size.height > 20 for d in app.screen.query("#detail")))
    await pilot.pause()


async def test_at_80x24_the_warnings_table_evidence_and_next_steps_can_all_be_read(
    tmp_path: Path,
) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_report_with_two_warnings(app, pilot)
        shown = screen_text(app)
        assert "Gap report" in shown[0]
        # The start of the first warning, the verdict and all seven rows, at once.
        assert any("Check first: The documents speak of Front Range" in line for line in shown)
        assert any("Next Gen" in line for line in shown)  # the verdict
        assert any("Measurable results" in line for line in shown)
        seen: list[str] = list(shown)
        for _ in range(8):  # Page Down until the first indicator's evidence is seen
            await pilot.press("pagedown")
            await pilot.pause()
            seen += screen_text(app)
            if any("Evidence:" in line for line in seen):
                break
        assert any("First: Build the public-partner support team" in line for line in seen)
        assert any("Regional labor-market footprint:" in line for line in seen)
        assert any("Evidence:" in line for line in seen)
        # The top of the screen never moves: the title and the table stay where they were.
        assert "Gap report" in screen_text(app)[0]
        # Another indicator opens at its own heading, with room to read it, down to its steps.
        await pilot.press("down", "down", "down")
        detail = app.screen.query_one("#detail")
        await until(
            pilot,
            lambda: any(
                "Coordinated public-partner team:" in line
                for line in screen_text(app)[detail.region.y : detail.region.y + 3]
            ),
        )  # at the top of the drill-down, not somewhere below "First:"
        assert detail.region.height >= 10
        seen = []
        for _ in range(8):  # Page Down until the steps themselves are seen, not only their title
            seen += screen_text(app)
            if any(line.strip().startswith("1. ") for line in seen):
                break
            await pilot.press("pagedown")
            await pilot.pause()
        assert any("Next steps:" in line for line in seen)
        assert any(line.strip().startswith("1. ") for line in seen)
        # Page Up brings the first warning's start back.
        for _ in range(12):
            await pilot.press("pageup")
        await pilot.pause()
        assert any("Check first: The documents speak of" in line for line in screen_text(app))


async def test_enter_in_the_export_name_box_saves(tmp_path: Path) -> None:
    """Found in the walkthrough: typed /tmp/lakeshore and Enter, and nothing happened."""
    from textual.widgets import Input

    from nextgen_assistant.tui.screens.report import ExportDialog

    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_report_with_two_warnings(app, pilot)
        for name, saved in [("lakeshore", "lakeshore.html"), ("board.md", "board.md")]:
            await pilot.press("e")
            await until(pilot, lambda: isinstance(app.screen, ExportDialog))
            await until(pilot, lambda: isinstance(app.focused, Input))
            app.screen.query_one(Input).value = ""
            await pilot.press(*str(tmp_path / name), "enter")
            await until(pilot, lambda: (tmp_path / saved).exists())  # noqa: B023
            await until(pilot, lambda: isinstance(app.screen, ReportScreen))
    assert "<html" in (tmp_path / "lakeshore.html").read_text().lower()
    assert (tmp_path / "board.md").read_text().startswith("# Gap report")
