"""The Documents screen's picker: a path box (the folder shown; type or paste another) above a
folder tree.

Keys typed in one breath, or a pasted path, reach the app before either widget has handled
the first of them, and Textual hands each key to whichever widget had focus when it came. So
each widget acts on its own keys at once (/ or ~ in the tree, Enter in the box) and passes on
keys it receives after focus has moved, in order, to the widget that has it now."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import DirectoryTree, Input

PATH_STARTS = ("/", "~")


def _pass_on(widget: Widget, event: events.Key) -> bool:
    """A key that came after focus left this widget goes to the widget focused now."""
    if widget.screen.focused is widget:
        return False
    event.stop()
    event.prevent_default()
    widget.app.post_message(events.Key(event.key, event.character))
    return True


class PathBox(Input):
    """Shows the folder the tree is at; a path typed or pasted here, then Enter, goes there
    (relative to that folder; `~` is the home folder; quotes around it are dropped)."""

    DEFAULT_CSS = """
    PathBox { margin-bottom: 1; }
    """

    def __init__(self, folder: Path, chosen: Callable[[Path], None]) -> None:
        super().__init__(
            value=str(folder),
            placeholder="type or paste a folder or file, then Enter",
            compact=True,
            select_on_focus=False,  # a path begun with / or ~ goes on after it
            id="path",
        )
        self.folder = folder
        self._chosen = chosen

    def show_folder(self, folder: Path) -> None:
        """The tree is at this folder now."""
        self.folder = folder
        self.value = str(folder)

    def begin(self, text: str) -> None:
        """Start a path with this text (a key pressed in the tree, or a paste); the keys
        that follow are typed here."""
        self.value = text
        self.cursor_position = len(text)
        self.screen.set_focus(self)  # now, not after the keys already on their way

    async def _on_key(self, event: events.Key) -> None:
        if _pass_on(self, event):
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self._go()
            return
        await super()._on_key(event)

    def _go(self) -> None:
        typed = self.value.strip().strip("'\"")
        if not typed:
            return
        path = Path(os.path.normpath(self.folder / Path(typed).expanduser()))
        if not path.exists():
            self.notify(
                f"There is no folder or file {path}: check the path.",
                severity="warning",
                markup=False,
            )
            return
        self._chosen(path)


def _begins_path(widget: Widget, event: events.Key, path_box: PathBox) -> bool:
    """/ or ~ typed outside the box begins a path there; a key that came after focus moved
    is passed on. True when the key was dealt with."""
    if _pass_on(widget, event):
        return True
    if event.character in PATH_STARTS:
        event.stop()
        event.prevent_default()
        path_box.begin(event.character or "")
        return True
    return False


def _pasted(event: events.Paste, path_box: PathBox) -> None:
    event.stop()
    lines = event.text.strip().splitlines()
    path_box.begin(lines[0] if lines else "")


class DocumentTree(DirectoryTree):
    """The folder tree; / or ~, or a paste, begins a path in the path box."""

    def __init__(self, folder: Path, path_box: PathBox) -> None:
        super().__init__(folder)
        self._path_box = path_box

    async def _on_key(self, event: events.Key) -> None:
        if not _begins_path(self, event, self._path_box):
            await super()._on_key(event)

    def _on_paste(self, event: events.Paste) -> None:
        _pasted(event, self._path_box)


class ResultsColumn(VerticalScroll):
    """What is attached and the scan's results, scrolled with ↑ ↓ and Page Up / Page Down
    once Tab has brought focus here; / or ~, or a paste, begins a path in the path box."""

    def __init__(self, path_box: PathBox, id: str) -> None:
        super().__init__(id=id)
        self._path_box = path_box

    async def _on_key(self, event: events.Key) -> None:
        if not _begins_path(self, event, self._path_box):
            await super()._on_key(event)

    def _on_paste(self, event: events.Paste) -> None:
        _pasted(event, self._path_box)
