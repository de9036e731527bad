"""The Documents screen's picker: a path box (the folder shown; type or paste another) above a
folder tree.

A path typed in one breath (/ or ~, the rest, Enter, then a and s) must arrive whole and in
order. Textual hands each key, as it comes in, to the widget focused at that moment, so moving
focus to the box at "/" sent the keys already on their way to the tree, and later ones to the
box, out of order. So typing a path never moves focus: from the tree or the results column,
/ or ~ starts the path in the box and the keys that follow are put there by the widget that
has focus, until Enter (go there) or Escape (leave it)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from rich.segment import Segment
from textual import events
from textual.containers import VerticalScroll
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DirectoryTree, Input

PATH_STARTS = ("/", "~")
ELLIPSIS = "…"


def _pass_on(widget: Widget, event: events.Key) -> bool:
    """A key that came after focus left this widget goes to the widget focused now."""
    if widget.screen.focused is widget:
        return False
    event.stop()
    event.prevent_default()
    widget.app.post_message(events.Key(event.key, event.character))
    return True


class PathBox(Input):
    """Shows the folder the tree is at; a path typed or pasted, then Enter, goes there
    (relative to that folder; `~` is the home folder; quotes around it are dropped)."""

    DEFAULT_CSS = """
    PathBox { margin-bottom: 1; }
    PathBox.-typing { background: $accent 30%; }
    """

    def __init__(self, folder: Path, chosen: Callable[[Path], None]) -> None:
        super().__init__(
            value=str(folder),
            placeholder="type or paste a folder or file, then Enter",
            compact=True,
            select_on_focus=False,
            id="path",
        )
        self.folder = folder
        self.typing = False
        """A path is being typed from another widget (which keeps focus)."""
        self._chosen = chosen

    def render_line(self, y: int) -> Strip:
        """A path longer than the box shows its end, the folder's own name; an ellipsis in
        the first cell says that its start is out of view (it was cut with no sign:
        "k/sample_docs/front-range-manufacturing"). Home, or a click, shows the start."""
        line = super().render_line(y)
        if y or not self.value or self.scroll_offset.x <= 0 or line.cell_length < 2:
            return line
        first = next(iter(line.crop(0, 1)), None)
        mark = Strip([Segment(ELLIPSIS, first.style if first else None)])
        return Strip.join([mark, line.crop(1, line.cell_length)])

    def show_folder(self, folder: Path) -> None:
        """The tree is at this folder now (any path being typed is dropped)."""
        self.folder = folder
        self.value = str(folder)
        self.typing = False
        self.remove_class("-typing")

    def begin(self, text: str) -> None:
        """A path begins with this text (a key pressed in the tree, or a paste)."""
        self.typing = True
        self.add_class("-typing")
        self.value = text
        self.cursor_position = len(text)

    def typed(self, event: events.Key) -> bool:
        """While a path is being typed: a key pressed in the tree or the results goes into
        it (Enter goes there, Escape leaves it). True when the key was taken."""
        editing = event.key in ("enter", "escape", "backspace") or event.is_printable
        if not self.typing or not editing:
            return False
        event.stop()
        event.prevent_default()
        if event.key == "enter":
            self._go()
        elif event.key == "escape":
            self.show_folder(self.folder)
        elif event.key == "backspace":
            self.value = self.value[:-1]
        else:
            self.value += event.character or ""
        self.cursor_position = len(self.value)
        return True

    def on_key(self, event: events.Key) -> None:
        """Before Input's own handling (which a taken key prevents): Enter goes to the path;
        a key typed on after Enter, when focus went back to the tree, goes there."""
        if _pass_on(self, event):
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self._go()

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


def _path_key(event: events.Key, path_box: PathBox) -> bool:
    """A key pressed in the tree or the results: into a path being typed, or / or ~ to begin
    one. True when the key was taken."""
    if path_box.typed(event):
        return True
    if event.character in PATH_STARTS:
        event.stop()
        event.prevent_default()
        path_box.begin(event.character or "")
        return True
    return False


def _pasted(event: events.Paste, path_box: PathBox) -> None:
    event.stop()
    event.prevent_default()
    lines = event.text.strip().splitlines()
    path_box.begin(lines[0] if lines else "")


class DocumentTree(DirectoryTree):
    """The folder tree; / or ~, or a paste, begins a path in the path box."""

    def __init__(self, folder: Path, path_box: PathBox) -> None:
        super().__init__(folder)
        self._path_box = path_box

    def on_key(self, event: events.Key) -> None:
        _path_key(event, self._path_box)  # (a key it takes is kept from the widget's own keys)

    def on_paste(self, event: events.Paste) -> None:
        _pasted(event, self._path_box)


class ResultsColumn(VerticalScroll):
    """What is attached and the scan's results, scrolled with ↑ ↓ and Page Up / Page Down
    once Tab has brought focus here; / or ~, or a paste, begins a path in the path box."""

    def __init__(self, path_box: PathBox, id: str) -> None:
        super().__init__(id=id)
        self._path_box = path_box

    def on_key(self, event: events.Key) -> None:
        _path_key(event, self._path_box)  # (a key it takes is kept from the widget's own keys)

    def on_paste(self, event: events.Paste) -> None:
        _pasted(event, self._path_box)
