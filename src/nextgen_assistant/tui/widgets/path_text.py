"""Text with paths in it, for a narrow column: prose wraps at spaces, and each path keeps a line
of its own, never broken mid-name ("front-range-manufactur" / "ing" read as two names). A path
wider than the column shows its end, the part that tells files apart, after an ellipsis:
"…/sample_docs/front-range-manufacturing"; the whole of it is in the widget's text (its
`render()`) and in its tooltip."""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import VisualType
from textual.widgets import Static

ELLIPSIS = "…"

Part = tuple[Text, bool]
"""A piece of the text and whether it is a path (one line, its end kept) or prose (wrapped)."""


def tail_first(strip: Strip, width: int) -> Strip:
    """A line as wide as `width` at most: if wider, an ellipsis and the line's end, from a "/"
    where one fits ("…/front-range-manufacturing", not "…le_docs/front-range-manufacturing")."""
    if strip.cell_length <= width or width < 2:
        return strip
    plain = strip.text
    room = width - 1
    tail = next(
        (
            cell_len(plain[i:])
            for i, ch in enumerate(plain)
            if ch == "/" and cell_len(plain[i:]) <= room
        ),
        room,
    )
    first = next(iter(strip), None)
    mark = Strip([Segment(ELLIPSIS, first.style if first else None)])
    return Strip.join([mark, strip.crop(strip.cell_length - tail, strip.cell_length)])


class PathText(Static):
    """A Static of prose and paths (`show`); `render()` is the whole text, as written."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._parts: list[Part] = []
        self._strips: tuple[int, list[Strip]] = (-1, [])

    def show(self, parts: list[Part]) -> None:
        """Show these pieces, one after another (each path on a line of its own)."""
        whole = Text("\n").join(text for text, _ in parts)
        paths = [text.plain.strip() for text, is_path in parts if is_path]
        super().update(whole)
        self._parts = parts
        self._strips = (-1, [])
        self.tooltip = "\n".join(paths) if paths else None

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        """Plain text, wrapped as a Static's (no paths in it)."""
        self._parts = []
        self._strips = (-1, [])
        self.tooltip = None
        super().update(content, layout=layout)

    def _lines(self, width: int) -> list[Strip]:
        if self._strips[0] == width:
            return self._strips[1]
        style = self.visual_style
        strips: list[Strip] = []
        for text, is_path in self._parts:
            if is_path:  # its indent kept, the path itself shown from its end
                indent = len(text.plain) - len(text.plain.lstrip())
                path = Content.from_rich_text(text[indent:])
                line = path.to_strips(self, path, max(path.cell_length, 1), None, style)[0]
                line = tail_first(line, width - indent)
                strips.append(Strip.join([Strip([Segment(" " * indent)]), line]))
            else:
                content = Content.from_rich_text(text)
                strips.extend(content.to_strips(self, content, width, None, style))
        self._strips = (width, strips)
        return strips

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not self._parts:
            return super().get_content_height(container, viewport, width)
        return len(self._lines(width))

    def render_line(self, y: int) -> Strip:
        if not self._parts:
            return super().render_line(y)
        width = self.size.width
        lines = self._lines(width)
        line = lines[y] if y < len(lines) else Strip.blank(width)
        return line.extend_cell_length(width, self.visual_style.rich_style)
