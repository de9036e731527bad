"""SVG snapshots of each screen at 80x24 and 120x35: a fixed date, a temporary database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from nextgen_assistant.tui.app import NextGenApp
from tests.conftest import SAMPLE_DOCS, run_nextgen

TODAY = date(2026, 11, 25)
SIZES = [(80, 24), (120, 35)]


def _app(tmp_path: Path, resume: int | None = None) -> NextGenApp:
    return NextGenApp(
        db=tmp_path / "snap.sqlite3",
        today=TODAY,
        resume=resume,
        documents_root=SAMPLE_DOCS / "front-range-manufacturing",
    )


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(tmp_path), terminal_size=size)


async def _at_a_rated_statement(pilot) -> None:  # type: ignore[no-untyped-def]
    """Answer the opening and the first region questions by keyboard, up to the first
    agree-scale statement: the statement must be in view above its scale."""
    from nextgen_assistant.tui.screens.conversation import ConversationScreen

    app = pilot.app
    await pilot.press("n")
    await _until(pilot, lambda: isinstance(app.screen, ConversationScreen))
    keys = {
        "partnership_name": [*"Valley", "space", *"Makers", "ctrl+s"],
        "industry": [*"manufacturing", "ctrl+s"],
        "region": [*"Weld", "space", *"County", "ctrl+s"],
        "respondent_role": ["1"],
        "rlm_counties": ["3", "enter"],
        "rlm_region_defined": ["1"],
    }
    for _ in range(12):
        await _until(pilot, lambda: app.screen.query(".answer") and not app.screen.reading)
        conversation = app.conversation
        if conversation.current.id == "rlm_agree_footprint" and not conversation.confirming:
            break
        await pilot.press(*(["y"] if conversation.confirming else keys[conversation.current.id]))
        await pilot.pause()
    await _until(pilot, lambda: not app.screen.reading)
    heading = app.screen.query_one("AnswerArea #question")
    await _until(pilot, lambda: "Our region matches" in str(heading.render()))
    transcript = app.screen.query_one("Transcript")
    await _until(pilot, lambda: transcript.scroll_y >= transcript.max_scroll_y)
    # A loaded machine lays the transcript out in several frames: wait until its scroll
    # position and size hold still at the end, so the scrollbar is drawn where it rests.
    # The scrollbar is its own widget, updated after the layout: wait until it shows the
    # transcript's own size and position too, not a frame from before the last turn.
    bar = transcript.vertical_scrollbar

    def state() -> tuple[float, ...]:
        return (transcript.scroll_y, transcript.max_scroll_y, transcript.virtual_size.height)

    def bar_agrees() -> bool:
        return (
            bar.window_virtual_size == transcript.virtual_size.height
            and round(bar.position) == round(transcript.scroll_y)
            and bar.window_size == transcript.scrollable_content_region.height
        )

    await _settled(pilot, lambda: (*state(), bar_agrees()))
    await _until(pilot, bar_agrees)
    bar.refresh()
    await pilot.pause()


async def _settled(pilot, state) -> None:  # type: ignore[no-untyped-def]
    """Wait until `state()` gives the same value three frames running (at most a minute)."""
    last, steady = None, 0
    for _ in range(1200):
        await pilot.pause(0.05)
        now = state()
        steady = steady + 1 if now == last else 0
        last = now
        if steady >= 3:
            return
    raise AssertionError("the screen never settled")


@pytest.mark.parametrize("size", SIZES)
def test_conversation(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The question being rated is in view, with its place and its scale."""
    assert snap_compare(_app(tmp_path), terminal_size=size, run_before=_at_a_rated_statement)


async def _palette_open(pilot) -> None:  # type: ignore[no-untyped-def]
    """Open the palette and wait until its commands are listed."""
    from textual.command import CommandList, CommandPalette
    from textual.widgets import Input

    await pilot.press("ctrl+p")
    await _until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
    palette = pilot.app.screen

    def gathered() -> bool:
        # The palette adds commands in batches from a worker: on a loaded machine a frame
        # can show half the list. Wait until no gathering worker is left (finished workers
        # leave the app's worker list) and the list is shown.
        gathering = [
            worker
            for worker in pilot.app.workers
            if worker.group == CommandPalette._GATHER_COMMANDS_GROUP and not worker.is_finished
        ]
        return (
            not gathering
            and palette.query_one(CommandList).option_count > 0
            and not palette._show_busy
        )

    await _until(pilot, gathered)
    # The search box's cursor blinks on a timer: a loaded machine can take the picture in
    # either phase. Hold it on, as it is when a person starts typing.
    palette.query_one(Input).cursor_blink = False
    await _settled(pilot, lambda: (palette.query_one(CommandList).option_count, gathered()))


@pytest.mark.parametrize("size", SIZES)
def test_palette(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The command palette lists its commands (new, resume, attach, report, export...)."""
    assert snap_compare(_app(tmp_path), terminal_size=size, run_before=_palette_open)


async def _tree_loaded(pilot) -> None:  # type: ignore[no-untyped-def]
    """The directory tree loads in a worker: wait until its entries are there."""
    from textual.widgets import DirectoryTree

    await pilot.press("f6")

    def loaded() -> bool:
        trees = pilot.app.screen.query(DirectoryTree)
        return bool(trees) and bool(trees.first().root.children) and trees.first().root.is_expanded

    await _until(pilot, loaded)
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_documents(  # type: ignore[no-untyped-def]
    snap_compare, tmp_path: Path, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The path box shows the folder as given: relative, so the picture is the same wherever
    # the project is checked out.
    monkeypatch.chdir(SAMPLE_DOCS.parent)
    app = NextGenApp(
        db=tmp_path / "snap.sqlite3",
        today=TODAY,
        documents_root=Path(SAMPLE_DOCS.name) / "front-range-manufacturing",
    )
    assert snap_compare(app, terminal_size=size, run_before=_tree_loaded)


async def _report_with_evidence(pilot) -> None:  # type: ignore[no-untyped-def]
    """Open the saved assessment's report with the documents scanned, then page down to the
    first indicator's evidence."""
    from textual.widgets import DataTable

    from nextgen_assistant import services
    from nextgen_assistant.tui.screens.report import ReportScreen

    pilot.app.scan = services.scan_documents([SAMPLE_DOCS / "mesa-valley-healthcare"], TODAY)
    await pilot.press("r")
    await _until(pilot, lambda: isinstance(pilot.app.screen, ReportScreen))
    await _until(pilot, lambda: pilot.app.screen.query_one(DataTable).row_count == 7)
    detail = pilot.app.screen.query_one("#detail")
    await _until(pilot, lambda: detail.virtual_size.height > 5)
    await pilot.press("pagedown")
    await _until(pilot, lambda: detail.scroll_y > 0 or detail.max_scroll_y == 0)
    await pilot.pause()


async def _until(pilot, condition) -> None:  # type: ignore[no-untyped-def]
    """Wait for a condition, however slow the machine, for at most a minute."""
    for _ in range(1200):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app never reached the expected state")


@pytest.mark.parametrize("size", SIZES)
def test_report(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The report screen shows the evidence of an indicator, not only the table."""
    answers = SAMPLE_DOCS / "mesa-valley-healthcare" / "answers.yaml"
    done = run_nextgen(
        "assess",
        "--answers",
        str(answers),
        "--db",
        str(tmp_path / "snap.sqlite3"),
        "--as-of",
        TODAY.isoformat(),
    )
    assert done.returncode == 0, done.stderr
    assert snap_compare(_app(tmp_path), terminal_size=size, run_before=_report_with_evidence)
