"""Documents: attach files or folders with a picker or a typed path; the scan runs in a worker
with progress."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DirectoryTree, Footer, Header, ProgressBar, Static
from textual.worker import get_current_worker

from nextgen_assistant.signals.model import ScanResult
from nextgen_assistant.tui.screens.base import AppScreen
from nextgen_assistant.tui.widgets.path_text import PathText
from nextgen_assistant.tui.widgets.picker import DocumentTree, PathBox, ResultsColumn
from nextgen_assistant.tui.widgets.scan_summary import scan_summary


class ScanCancelled(Exception):
    """The person cancelled the scan."""


class DocumentsScreen(AppScreen):
    """Pick documents; scan them; see what could not be read."""

    @dataclass
    class Attached(Message):
        """Add this file or folder to the documents to scan."""

        path: Path

    @dataclass
    class Cleared(Message):
        """Forget the attached documents and the last scan."""

    @dataclass
    class Scanned(Message):
        """A scan finished: its evidence goes to the panel and the report."""

        result: ScanResult
        number: int = 0
        """Which scan of this screen's: one cleared or cancelled meanwhile is not shown."""
        paths: tuple[Path, ...] = ()
        """What was scanned (as attached)."""

        @property
        def folder(self) -> Path:
            """The folder the scanned documents are in (the one holding them all)."""
            folders = [p if p.is_dir() else p.parent for p in self.paths]
            try:
                return Path(os.path.commonpath(folders))
            except ValueError:  # on different drives
                return folders[0]

    @dataclass
    class Progress(Message):
        """How far the scan has got (a newer one replaces one not yet shown)."""

        done: int
        total: int
        number: int = 0

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, DocumentsScreen.Progress)

    BINDINGS = [
        Binding("a", "attach", "Attach"),
        Binding("s", "scan", "Scan"),
        Binding("c", "clear", "Clear"),
        # A path begins with / or ~: typed in the tree, it goes to the path box (as in GTK's
        # file chooser; the tree itself acts on them, see widgets/picker.py).
        Binding("slash", "type_path('/')", "Type a path"),
        Binding("ctrl+l", "type_path", "Type a path", show=False),
        Binding("escape", "cancel_or_back", "Cancel / back"),
        Binding("f7", "app.report", "Report"),
    ]
    # The app handles Attached, Cleared and Scanned (bubbled from here); the screen only shows.
    DEFAULT_CSS = """
    DocumentsScreen #picker { width: 1fr; }
    DocumentsScreen DirectoryTree { height: 1fr; }
    DocumentsScreen #side { width: 1fr; padding: 0 1; }
    DocumentsScreen #attached, DocumentsScreen #results { height: auto; margin-bottom: 1; }
    /* The bar takes what the column leaves, so "100%" is never cut off at 80 columns. */
    DocumentsScreen #progress { width: 100%; }
    DocumentsScreen #progress Bar { width: 1fr; }
    """

    def __init__(self, start: Path) -> None:
        super().__init__()
        self.start = start
        self._scanning: list[Path] = []
        self._scan_number = 0  # the scan whose results may still be shown
        # What this screen has attached, kept here too: the app learns of each attach by a
        # message, so "a" then "s" typed in one breath reached the scan before the app knew.
        self.attached: list[Path] = []
        self._cleared = False
        """The results column says "Cleared": true until something is attached again."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="body"):
            with Vertical(id="picker"):
                box = PathBox(self.start, self._go_to)
                yield box
                yield DocumentTree(self.start, box)
            # Scrolls (Tab to it, then ↑ ↓ or the wheel): at 80x24 the files that could not be
            # read were cut off below the last line.
            with ResultsColumn(box, id="side"):
                yield PathText("", id="attached")
                yield ProgressBar(total=1, id="progress", show_eta=False)  # no animation while idle
                yield PathText("", id="results")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "Documents"
        self.attached = list(self.nextgen.attached)
        self.show_attached()
        if self.nextgen.scan is not None:
            # Opened again after a scan: the results the report uses, said to be the last scan's.
            summary = scan_summary(self.nextgen.scan, self.attached)
            heading = Text("Last scan (the report uses it; s scans again):", style="italic")
            self.query_one("#results", PathText).show([(heading, False), *summary])
            self.query_one(ProgressBar).update(total=1, progress=1)
        self.query_one(DirectoryTree).focus()

    def show_attached(self, paths: list[Path] | None = None) -> None:
        """The attached paths (shown as typed: a name like '[bold]x.txt' is not markup)."""
        paths = self.attached if paths is None else paths
        parts = (
            [(Text("Attached:"), False), *((Text(f"  {self._shown(p)}"), True) for p in paths)]
            if paths
            else [
                (
                    Text(
                        "Highlight a file or folder and press a to attach it (Enter on a file "
                        "attaches it too), or type or paste its path (/ or ~ begins one); then s "
                        "to scan."
                    ),
                    False,
                )
            ]
        )
        self.query_one("#attached", PathText).show(parts)

    def _shown(self, path: Path) -> str:
        """Inside the folder the screen opened at: the path from there; that folder itself,
        or anywhere else: the whole path (never ".")."""
        if path != self.start and path.is_relative_to(self.start):
            return str(path.relative_to(self.start))
        return str(path)

    def _add_document(self, path: Path) -> None:
        if path not in self.attached:
            self.attached.append(path)
        self.post_message(self.Attached(path))
        self.show_attached()
        if self._cleared:  # "Cleared: nothing attached" is not true any more
            self._cleared = False
            self.query_one("#results", Static).update(
                Text("Not scanned yet: s scans what is attached.")
            )

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        self._add_document(event.path)

    def action_attach(self) -> None:
        tree = self.query_one(DirectoryTree)
        node = tree.cursor_node
        if node is None or node is tree.root:  # the folder shown (just gone to, perhaps)
            self._add_document(Path(tree.path))
        elif node.data is not None:
            self._add_document(Path(node.data.path))

    def action_clear(self) -> None:
        """Start over: nothing attached, and the last scan's results gone from this screen,
        the side panel and the report (a scan under way is stopped)."""
        self._stop_scanning()
        self.attached.clear()
        self._cleared = True
        self.post_message(self.Cleared())
        self.show_attached()
        self.query_one(ProgressBar).update(total=1, progress=0)
        self.query_one("#results", Static).update(
            Text(
                "Cleared: nothing attached, and the last scan's results are gone (the report "
                "no longer uses them)."
            )
        )

    def _stop_scanning(self) -> bool:
        """Cancel a scan under way, and keep any result it still sends from being shown."""
        self._scan_number += 1
        running = [w for w in self.workers if w.group == "scan" and w.is_running]
        for worker in running:
            worker.cancel()
        return bool(running)

    def action_scan(self) -> None:
        if not self.attached:
            self.notify("Attach a file or folder first (a).", severity="warning")
            return
        self._stop_scanning()
        self.query_one("#results", Static).update("Scanning…")
        self.query_one(ProgressBar).update(total=1, progress=0)
        self._scanning = list(self.attached)
        self.scan(self._scanning, self._scan_number)

    def action_type_path(self, beginning: str | None = None) -> None:
        """A path begun with this key (from the tree, which keeps focus); none: into the path
        box, to edit the folder shown."""
        box = self.query_one(PathBox)
        if beginning is None:
            box.cursor_position = len(box.value)
            self.set_focus(box)
            return
        self.set_focus(self.query_one(DirectoryTree))
        box.begin(beginning)

    def _go_to(self, path: Path) -> None:
        """A folder typed in the path box: the tree shows it (a attaches it); a file: attached
        at once. Focus goes back to the tree now, so the keys that follow act there."""
        folder = path if path.is_dir() else path.parent
        if folder != path:
            self._add_document(path)
        tree = self.query_one(DirectoryTree)
        tree.path = folder
        self.query_one(PathBox).show_folder(folder)
        self.set_focus(tree)  # when the box itself had it (ctrl+l, a click)

    def action_cancel_or_back(self) -> None:
        box = self.query_one(PathBox)
        if self.focused is box:  # leave the box as it was, not the screen
            box.show_folder(box.folder)
            self.query_one(DirectoryTree).focus()
            return
        if self._stop_scanning():
            earlier = " The report still uses the scan before it." if self.nextgen.scan else ""
            self.query_one("#results", Static).update("Scan cancelled." + earlier)
        else:
            self.app.pop_screen()

    @work(thread=True, exclusive=True, group="scan")
    def scan(self, paths: list[Path], number: int) -> None:
        """Scan in a worker, never on the event loop; progress is posted back."""
        worker = get_current_worker()

        def progress(done: int, total: int, path: str) -> None:
            if worker.is_cancelled:
                raise ScanCancelled
            self.post_message(self.Progress(done, total, number))

        try:
            result = self.nextgen.run_scan(paths, progress)
        except ScanCancelled:
            return
        if not worker.is_cancelled:
            self.post_message(self.Scanned(result, number, tuple(paths)))

    def on_documents_screen_progress(self, event: Progress) -> None:
        if event.number == self._scan_number:
            self.query_one(ProgressBar).update(total=event.total, progress=event.done)

    def on_documents_screen_scanned(self, event: Scanned) -> None:
        """Show what was found and every file not read, with why (the app keeps the evidence)."""
        if event.number != self._scan_number:
            event.stop()  # cleared or cancelled meanwhile: the app must not take it either
            return
        # No toast besides: its words are the results' last line, and at 80x24 a toast covered
        # the results' last rows, then the report's drill-down after F7.
        summary = scan_summary(event.result, self._scanning)
        self.query_one("#results", PathText).show(summary)
