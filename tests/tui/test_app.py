"""The terminal app, driven by keyboard through Textual's Pilot."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from nextgen_assistant.dialogue.store import Store
from nextgen_assistant.tui.app import NextGenApp
from nextgen_assistant.tui.screens.conversation import ConversationScreen
from nextgen_assistant.tui.screens.report import ReportScreen
from tests.conftest import SAMPLE_DOCS

TODAY = date(2026, 11, 25)
KEYS = {
    "agree": ["4"],
    "choice": ["1"],
    "multi": ["space", "ctrl+s"],
    "number": ["3", "enter"],
    "date": [*"2026-03", "enter"],
}


async def settle(app: NextGenApp, pilot: Pilot[None], *groups: str) -> None:
    """Wait for this test's workers (not the directory tree's, which runs as long as it lives)."""
    await pilot.pause()
    mine = [w for w in app.workers if w.group in groups]
    if mine:  # an empty list would mean "every worker", the tree's endless loader included
        await app.workers.wait_for_complete(mine)
    await pilot.pause()


def typed(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


async def answer_everything(app: NextGenApp, pilot: Pilot[None], limit: int = 80) -> None:
    for _ in range(limit):
        conversation = app.conversation
        assert conversation is not None
        question = conversation.current
        if question is None:
            return
        if conversation.confirming:
            keys = ["y"]
        elif question.type == "text":
            keys = [*typed("Business leaders set the agenda."), "ctrl+s"]
        else:
            keys = KEYS[question.type]
        await pilot.press(*keys)
        await settle(app, pilot, "answer")
    raise AssertionError("the conversation did not finish")


async def test_whole_assessment_by_keyboard_then_documents_and_report(tmp_path: Path) -> None:
    app = NextGenApp(
        db=tmp_path / "a.sqlite3",
        today=TODAY,
        documents_root=SAMPLE_DOCS / "front-range-manufacturing",
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        await answer_everything(app, pilot)
        assert app.conversation is not None
        done, total = app.conversation.progress()
        assert done == total and total >= 28
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("a", "s")
        await settle(app, pilot, "scan")
        assert app.scan is not None and len(app.scan.documents) == 6
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert len(app.screen.report.indicators) == 7
        assert app.screen.report.indicators[0].evidence_score is not None
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one("Input")
        field.value = str(tmp_path / "exported")  # type: ignore[attr-defined]
        await pilot.click("#html")
        await pilot.pause()
    page = (tmp_path / "exported.html").read_text()
    assert "Gap report" in page
    assert len(Store(tmp_path / "a.sqlite3").load(1).answers) == total


async def test_quit_and_relaunch_resumes_exactly_there(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    app = NextGenApp(db=db, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*typed("Resume Works"), "ctrl+s")
        await settle(app, pilot, "answer")
        await pilot.press("f3")  # skip the industry
        await settle(app, pilot, "answer")
        assert app.conversation is not None and app.conversation.current is not None
        where = app.conversation.current.id
    again = NextGenApp(db=db, today=TODAY, resume=1)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.conversation is not None and again.conversation.current is not None
        assert again.conversation.current.id == where
        assert again.conversation.record.partnership.name == "Resume Works"


async def test_invalid_number_is_explained_and_the_app_stays(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        conversation = app.conversation
        assert conversation is not None
        for text in ("Numbers Test", "manufacturing", "Weld County"):
            await pilot.press(*typed(text), "ctrl+s")
            await settle(app, pilot, "answer")
            if conversation.confirming:
                await pilot.press("y")
                await settle(app, pilot, "answer")
        await pilot.press("1")
        await settle(app, pilot, "answer")
        assert conversation.current is not None and conversation.current.id == "rlm_counties"
        await pilot.press(*"999", "enter")
        await settle(app, pilot, "answer")
        assert conversation.current.id == "rlm_counties"
        turns = [str(m.source) for m in app.screen.query("Markdown")]  # type: ignore[attr-defined]
        assert any("out of range" in turn for turn in turns[-3:])
