"""The Documents screen at 80x24: a long path shows its meaningful end, after an ellipsis that
says its start is out of view, and no file or folder name is broken over two rows."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from textual.widgets import Input

from nextgen_assistant.tui.app import NextGenApp
from nextgen_assistant.tui.widgets.path_text import PathText
from tests.tui.test_app import TODAY, until
from tests.tui.test_documents_screen import open_documents
from tests.tui.test_nothing_cut_at_80x24 import visible_rows

NAMES = ("sample_docs", "front-range-manufacturing", "answers.yaml", "charter.md")


def broken_names(rows: list[str]) -> list[str]:
    """Names split over two rows: one ends with the start of a name, the next begins with the
    rest of it ("front-range-manufactur" / "ing")."""
    texts = [row.strip("│ ") for row in rows]
    return [
        f"{above} / {below}"
        for above, below in pairwise(texts)
        for name in NAMES
        for cut in range(1, len(name))
        if above.endswith(name[:cut]) and below.startswith(name[cut:])
    ]


async def test_paths_show_their_end_and_names_are_never_broken_at_80x24(tmp_path: Path) -> None:
    folder = tmp_path / "sample_docs" / "front-range-manufacturing"
    folder.mkdir(parents=True)
    (folder / "charter.md").write_text("Business leaders set the agenda of the partnership.")
    (folder / "answers.yaml").write_text("name: Front Range\n")
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY, documents_root=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_documents(app, pilot)
        await pilot.press("/", *str(folder).lstrip("/"), "enter", "a", "s")
        await until(pilot, lambda: folder in app.attached and app.scan is not None)
        results = app.screen.query_one("#results", PathText)
        await until(pilot, lambda: "read" in str(results.render()))  # no longer "Scanning…"
        await pilot.pause()
        box = app.screen.query_one("#path", Input)
        assert box.value == str(folder)  # the whole path is in the box (Home shows its start)
        (shown,) = visible_rows(app, box)
        assert shown.startswith("…/") and shown.rstrip().endswith("/front-range-manufacturing")
        attached = app.screen.query_one("#attached", PathText)
        rows = visible_rows(app, attached) + visible_rows(app, results)
        assert not broken_names(rows), rows
        assert any(row.strip().endswith("/front-range-manufacturing") for row in rows), rows
        assert any(row.strip().endswith("/answers.yaml") for row in rows), rows
        whole = "sample_docs/front-range-manufacturing"  # as attached, from the folder opened
        assert whole in str(attached.tooltip) and whole in str(attached.render())
