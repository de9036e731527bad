"""The Documents screen as a person in a hurry uses it: keys pressed, what the screen then shows."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DirectoryTree, Input, Static

from nextgen_assistant import services
from nextgen_assistant.signals.model import ScanResult
from nextgen_assistant.tui.app import NextGenApp
from nextgen_assistant.tui.screens.documents import DocumentsScreen
from nextgen_assistant.tui.screens.home import HomeScreen
from tests.tui.test_app import TODAY, new_conversation, toasts, typed, until


def charter_folder(tmp_path: Path) -> Path:
    """A folder of documents holding a charter that reads as business-led."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "charter.txt").write_text("Business leaders set the agenda of the partnership.")
    return folder


async def open_documents(app: NextGenApp, pilot: Pilot[None]) -> DirectoryTree:
    """F6, and the Documents screen's tree once it has a row under its cursor."""
    await pilot.press("f6")
    await until(pilot, lambda: isinstance(app.screen, DocumentsScreen))
    tree = app.screen.query_one(DirectoryTree)
    await until(pilot, lambda: tree.cursor_node is not None)
    return tree


def _flowing(text: str) -> str:
    """Text as one line of words: a wrapped sentence matches whole."""
    return " ".join(text.split())


def _visible_rows(app: NextGenApp, widget: Widget) -> list[str]:
    """The rows of the screen, as drawn, inside the widget's region (cells, not characters:
    the tree's emoji are two cells wide)."""
    region = widget.scrollable_content_region  # without the scrollbar
    strips = app.screen._compositor.render_strips()  # what the terminal would show
    return [strips[y].crop(region.x, region.right).text for y in range(region.y, region.bottom)]


async def _everything_scrolled_into_view(app: NextGenApp, pilot: object, side: Widget) -> str:
    """Page through the side column (Tab to it, then Page Down, as a person does) and put
    together every row that was on screen, in order: only what was seen is in the answer."""
    seen: dict[int, str] = {}
    await pilot.press("tab")  # type: ignore[attr-defined]
    await until(pilot, lambda: app.focused is side)  # type: ignore[arg-type]
    for _ in range(40):
        await pilot.wait_for_scheduled_animations()  # type: ignore[attr-defined]
        await until(pilot, lambda: side.scroll_y == side.scroll_target_y)  # type: ignore[arg-type]
        await pilot.pause()
        top = round(side.scroll_y)
        for row, text in enumerate(_visible_rows(app, side)):
            seen[top + row] = text
        if side.scroll_y >= side.max_scroll_y:
            break
        await pilot.press("pagedown")  # type: ignore[attr-defined]
    return _flowing(" ".join(seen[y] for y in sorted(seen)))


async def test_every_file_not_read_is_named_with_its_reason_at_80x24(tmp_path: Path) -> None:
    folder = charter_folder(tmp_path)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "notes.docx").write_text("Plain text saved with a Word name.")
    (folder / "blank.txt").write_text("")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n")
    (folder / "[bold]y.txt").write_text("  \n")  # a name like markup, and nothing in it
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY, documents_root=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_documents(app, pilot)
        await pilot.press("down", "a")  # the docs folder
        await until(pilot, lambda: folder in app.attached)
        await pilot.press("s")
        await until(pilot, lambda: app.scan is not None)
        results = app.screen.query_one("#results", Static)
        await until(pilot, lambda: "read" in str(results.render()))  # no longer "Scanning…"
        side = results.parent
        assert isinstance(side, Widget)
        seen = await _everything_scrolled_into_view(app, pilot, side)
    for named in [
        "empty.pdf: this PDF is empty",
        "notes.docx: this docx file is not a valid docx",
        "blank.txt: the document is empty",
        "[bold]y.txt: the document is empty",
        # A kind of file the tool does not read is passed over, said once, never a failure.
        "Passed over (the tool reads .txt, .md, .docx, .pdf, .html and .csv files): "
        "docs/photo.png",  # on a line of its own, never broken mid-name
    ]:
        assert named in seen, f"{named!r} never came into view; seen: {seen}"
    assert "1 document read, 4 not read" in seen
    assert "✗ docs/photo.png" not in seen and "✗ photo.png" not in seen


async def test_an_answers_file_beside_the_documents_is_passed_over_not_failed(
    tmp_path: Path,
) -> None:
    """Found in the walkthrough: every sample folder's answers.yaml showed as a ✗ failure."""
    folder = tmp_path / "partnership"
    folder.mkdir()
    (folder / "charter.txt").write_text("Business leaders set the agenda of the partnership.")
    (folder / "answers.yaml").write_text("respondent: {role: convener}\n")
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY, documents_root=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_documents(app, pilot)
        await pilot.press("down", "a", "s")
        results = app.screen.query_one("#results", Static)
        await until(pilot, lambda: "F7 shows the report" in str(results.render()))
        shown = _flowing(str(results.render()))
    assert shown.startswith("1 document read.")
    assert "✗" not in shown and "Not read" not in shown
    assert shown.count("partnership/answers.yaml") == 1
    assert "Passed over (the tool reads" in shown


async def test_a_then_s_in_one_breath_scans_what_was_attached(tmp_path: Path) -> None:
    charter_folder(tmp_path)
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY, documents_root=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        tree = await open_documents(app, pilot)
        await pilot.press("down")
        await until(pilot, lambda: tree.cursor_node is not None and tree.cursor_line == 1)
        # As tmux delivers "a s" typed quickly: both keys queued before either is handled.
        for key in "as":
            app.post_message(events.Key(key, key))
        await until(pilot, lambda: app.scan is not None)
        assert [Path(d.path).name for d in app.scan.documents] == ["charter.txt"]


async def test_c_takes_the_old_results_away(tmp_path: Path) -> None:
    folder = charter_folder(tmp_path)
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n")
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY, documents_root=tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_documents(app, pilot)
        await pilot.press("down", "a", "s")
        results = app.screen.query_one("#results", Static)
        await until(pilot, lambda: app.scan is not None and "photo.png" in str(results.render()))
        await pilot.press("c")
        await until(pilot, lambda: "photo.png" not in str(results.render()))
        shown = str(results.render())
        assert "read, " not in shown and "Private-sector" not in shown
        await until(pilot, lambda: app.scan is None)  # the report no longer counts them
        await pilot.press("f7")
        await until(pilot, lambda: "scan documents first" in _toasts(app))


def _toasts(app: NextGenApp) -> str:
    return " ".join(toasts(app))


async def test_c_during_a_scan_keeps_its_results_from_coming_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    charter_folder(tmp_path)
    cleared, stopped = threading.Event(), threading.Event()
    scan_documents = services.scan_documents

    def scan_after_the_clear(
        paths: list[Path], today: date, progress: Callable[[int, int, str], None]
    ) -> ScanResult:
        cleared.wait(timeout=60)  # a long scan, still reading when c is pressed

        def watched(done: int, total: int, path: str) -> None:
            try:
                progress(done, total, path)
            except BaseException:
                stopped.set()  # the screen stopped the scan: it will send nothing
                raise

        return scan_documents(paths, today, progress=watched)

    monkeypatch.setattr(services, "scan_documents", scan_after_the_clear)
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY, documents_root=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_documents(app, pilot)
        await pilot.press("down", "a", "s")
        results = app.screen.query_one("#results", Static)
        await until(pilot, lambda: "Scanning" in str(results.render()))
        attached = app.screen.query_one("#attached", Static)
        await pilot.press("c")
        await until(pilot, lambda: "Highlight a file" in str(attached.render()))
        cleared.set()
        await until(pilot, lambda: stopped.is_set() or app.scan is not None)
        assert app.scan is None
        assert "read" not in str(results.render())


def _in_one_breath(app: NextGenApp, text: str, *keys: str) -> None:
    """Characters and keys as tmux delivers them typed quickly: all queued before any is
    handled."""
    for character in text:
        app.post_message(events.Key(_character_to_key(character), character))
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_a_path_typed_or_pasted_in_one_breath_is_scanned(tmp_path: Path) -> None:
    folder = tmp_path / "shared drive" / "partnership docs"
    folder.mkdir(parents=True)
    (folder / "charter.txt").write_text("Business leaders set the agenda of the partnership.")
    elsewhere = tmp_path / "started here"
    elsewhere.mkdir()
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY, documents_root=elsewhere)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_documents(app, pilot)
        _in_one_breath(app, str(folder), "enter", "a", "s")  # typed: begins with /
        await until(pilot, lambda: app.scan is not None)
        assert app.scan is not None
        assert [d.name for d in app.scan.documents] == ["partnership docs/charter.txt"]
        await pilot.press("c")
        await until(pilot, lambda: app.scan is None)
        app.post_message(events.Paste(f"'{folder.parent}'\n"))  # as a file manager copies it
        _in_one_breath(app, "", "enter", "down", "a", "s")
        await until(pilot, lambda: app.scan is not None)
        assert [d.name for d in app.scan.documents] == ["partnership docs/charter.txt"]
        assert app.screen.query_one(DirectoryTree).path == folder.parent


async def test_keys_after_a_path_stay_behind_it_when_they_come_in_a_second_burst(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "partnership docs"
    folder.mkdir()
    (folder / "charter.txt").write_text("Business leaders set the agenda of the partnership.")
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY, documents_root=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        tree = await open_documents(app, pilot)
        # The path came in one read and is all on its way to the tree; Enter, a and s come
        # in the next read, while the tree has not yet handled the path (a loaded machine).
        for character in str(folder):
            tree.post_message(events.Key(_character_to_key(character), character))
        _in_one_breath(app, "", "enter", "a", "s")
        await until(pilot, lambda: app.scan is not None)
        assert app.scan is not None
        assert [d.name for d in app.scan.documents] == ["partnership docs/charter.txt"]


async def test_the_tree_opens_where_this_partnership_was_last_scanned(tmp_path: Path) -> None:
    folder = tmp_path / "mesa"
    folder.mkdir()
    (folder / "charter.txt").write_text("Business leaders set the agenda of the partnership.")
    started = tmp_path / "started here"
    started.mkdir()
    db = tmp_path / "a.sqlite3"
    app = NextGenApp(db=db, today=TODAY, documents_root=started)
    async with app.run_test(size=(80, 24)) as pilot:
        conversation = await new_conversation(app, pilot)
        await pilot.press(*typed("Mesa Works"), "ctrl+s")
        await until(pilot, lambda: conversation.assessment_id is not None)
        tree = await open_documents(app, pilot)
        assert tree.path == started  # nothing scanned for it yet: where nextgen started
        await pilot.press("slash", *typed(str(folder)[1:]), "enter", "a", "s")
        await until(pilot, lambda: app.scan is not None)
    app = NextGenApp(db=db, today=TODAY, documents_root=started)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        tree = await open_documents(app, pilot)  # its saved assessment highlighted
        assert tree.path == folder
        assert app.screen.query_one(Input).value == str(folder)


async def test_nothing_covers_the_results_or_the_report_after_a_scan(tmp_path: Path) -> None:
    charter_folder(tmp_path)
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY, documents_root=tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:  # toasts drawn
        await open_documents(app, pilot)
        await pilot.press("down", "a", "s")
        results = app.screen.query_one("#results", Static)
        await until(pilot, lambda: "F7 shows the report" in str(results.render()))
        await pilot.press("f7")  # at once, as a person who reads "F7 shows the report" does
        detail = app.screen.query_one("#detail")
        await until(pilot, lambda: detail.virtual_size.height > 5)  # the drill-down drawn
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        shown = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "Regional labor-market footprint: " in shown
        assert "Scan finished" not in shown  # a toast over the bottom rows of the drill-down
