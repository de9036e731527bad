"""A scan outlives a restart: the report after relaunching uses the same documents."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from nextgen_assistant import services
from nextgen_assistant.clock import fixed_clock
from nextgen_assistant.dialogue.answers_file import read_answers_file
from nextgen_assistant.dialogue.questions import load_questions
from nextgen_assistant.dialogue.store import Store
from nextgen_assistant.tui.app import NextGenApp
from nextgen_assistant.tui.screens.documents import DocumentsScreen
from nextgen_assistant.tui.screens.home import HomeScreen
from nextgen_assistant.tui.screens.report import ReportScreen
from tests.conftest import SAMPLE_DOCS
from tests.tui.test_app import TODAY, typed, until

MESA = SAMPLE_DOCS / "mesa-valley-healthcare"


def stored_mesa(db: Path) -> int:
    store = Store(db, fixed_clock(TODAY))
    partnership, respondent, answers = read_answers_file(
        MESA / "answers.yaml", load_questions(), TODAY, services.understander(TODAY)
    )
    assessment_id = store.start(partnership, respondent, answers)
    store.close()
    return assessment_id


async def scan_mesa_from_home(app: NextGenApp, pilot: Pilot[None]) -> None:
    """From home: F6 for the highlighted saved assessment, Mesa's folder typed, attached and
    scanned."""
    await until(pilot, lambda: isinstance(app.screen, HomeScreen))
    await pilot.press("f6")
    await until(pilot, lambda: isinstance(app.screen, DocumentsScreen))
    await pilot.press("slash", *typed(str(MESA)[1:]), "enter", "a", "s")
    await until(pilot, lambda: app.scan is not None and app.scan_bound)


async def test_after_a_restart_the_report_still_uses_the_last_scan(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    stored_mesa(db)
    app = NextGenApp(db=db, today=TODAY, documents_root=tmp_path)
    async with app.run_test(size=(120, 35)) as pilot:
        await scan_mesa_from_home(app, pilot)
        await pilot.press("escape", "r")  # the saved assessment's report
        await until(pilot, lambda: isinstance(app.screen, ReportScreen))
        before = app.screen.report  # type: ignore[attr-defined]
    assert any(f.evidence_score is not None for f in before.indicators)
    app = NextGenApp(db=db, today=TODAY, documents_root=tmp_path)  # quit, then started again
    async with app.run_test(size=(120, 35)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ReportScreen))
        after = app.screen.report  # type: ignore[attr-defined]
        assert after.overall.summary == before.overall.summary
        assert [f.evidence_score for f in after.indicators] == [
            f.evidence_score for f in before.indicators
        ]
        await pilot.press("escape", "f6")
        await until(pilot, lambda: isinstance(app.screen, DocumentsScreen))
        results = app.screen.query_one("#results", Static)
        await until(pilot, lambda: "Last scan" in str(results.render()))
        attached = str(app.screen.query_one("#attached", Static).render())
        assert "mesa-valley-healthcare" in attached  # s scans the same folder again
        await pilot.press("c", "escape", "r")  # cleared: the report has no documents any more
        await until(pilot, lambda: isinstance(app.screen, ReportScreen))
        cleared = app.screen.report  # type: ignore[attr-defined]
        assert all(f.evidence_score is None for f in cleared.indicators)


async def test_f7_on_documents_opened_from_home_reports_the_highlighted_one(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    assessment_id = stored_mesa(db)
    app = NextGenApp(db=db, today=TODAY, documents_root=tmp_path)
    async with app.run_test(size=(120, 35)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("f6")  # the newest saved assessment is highlighted
        await until(pilot, lambda: isinstance(app.screen, DocumentsScreen))
        await pilot.press("f7")
        await until(pilot, lambda: isinstance(app.screen, ReportScreen))
        report = app.screen.report  # type: ignore[attr-defined]
        assert report.partnership.name == Store(db).load(assessment_id).partnership.name
        assert any(f.self_score is not None for f in report.indicators)  # its answers are in
