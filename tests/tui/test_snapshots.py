"""SVG snapshots of each screen at 80x24 and 120x40: a fixed date, a temporary database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from nextgen_assistant.tui.app import NextGenApp
from tests.conftest import SAMPLE_DOCS, run_nextgen

TODAY = date(2026, 11, 25)
SIZES = [(80, 24), (120, 40)]


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


@pytest.mark.parametrize("size", SIZES)
def test_conversation(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(tmp_path), terminal_size=size, press=["n"])


async def _tree_loaded(pilot) -> None:  # type: ignore[no-untyped-def]
    """The directory tree loads in a worker: wait until its entries are there."""
    from textual.widgets import DirectoryTree

    await pilot.press("f6")
    for _ in range(100):
        await pilot.pause(0.05)
        tree = pilot.app.screen.query_one(DirectoryTree)
        if tree.root.children and tree.root.is_expanded:
            break
    await pilot.pause(0.2)


@pytest.mark.parametrize("size", SIZES)
def test_documents(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(tmp_path), terminal_size=size, run_before=_tree_loaded)


@pytest.mark.parametrize("size", SIZES)
def test_report(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    answers = SAMPLE_DOCS / "mesa-valley-healthcare" / "answers.yaml"
    done = run_nextgen(
        "assess",
        "--answers",
        str(answers),
        "--db",
        str(tmp_path / "snap.sqlite3"),
        "--as-of",
        "2026-11-25",
    )
    assert done.returncode == 0, done.stderr
    assert snap_compare(_app(tmp_path), terminal_size=size, press=["down", "r"])
