"""A "choose all that apply" list whose ticks show in characters, not only in colour, and whose
long items wrap at word boundaries instead of being cut off."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.strip import Strip
from textual.widgets import OptionList, SelectionList

BOX_WIDTH = 4
""""[x] " before an item's first line; its further lines start under the item's text."""


class TickList(SelectionList[str]):
    """Textual's SelectionList draws every item's box as the same "▐X▌", ticked or not, told
    apart by colour only: with NO_COLOR or a monochrome terminal (TERM=xterm-mono) nothing
    showed what was ticked. Here a ticked item reads "[x]" and an unticked one "[ ]", in the
    same three cells.

    Enter sends the ticks, as on every other question (it ticked or unticked the highlighted
    item, so "1 3 Enter" sent 1 alone); Space and the number keys tick.

    SelectionList also cuts a long item at the edge with an ellipsis ("Infrastructure:
    housing, transit, br…" at 80x24) and, if told to wrap, took each screen line for an item
    of its own (a box on every line, the wrong item's tick). Here items wrap at word
    boundaries: the box is drawn on an item's first line only, with the tick of the item that
    line belongs to."""

    BINDINGS = [Binding("enter", "screen.send", "Send", show=False)]
    DEFAULT_CSS = """
    TickList { text-wrap: wrap; text-overflow: fold; }
    """

    def render_line(self, y: int) -> Strip:
        # OptionList's own line (the item's text, wrapped), not SelectionList's, which
        # assumes one line per item.
        line = OptionList.render_line(self, y)
        try:
            index, line_offset = self._lines[self.scroll_offset.y + y]
            item = self.get_option_at_index(index)
        except IndexError:
            return line
        text = next(iter(line)).style if line.cell_length else None
        base = text or self.rich_style
        if line_offset:
            return Strip([Segment(" " * BOX_WIDTH, base), *line], line.cell_length + BOX_WIDTH)
        kind = "selection-list--button"
        if item.value in self.selected:
            kind += "-selected"
        if self.highlighted == index:
            kind += "-highlighted"
        # The brackets in the item's own text colours, with the box's link to its item (a
        # click on the box ticks it).
        meta = Style(meta={"option": index})
        brackets = (text or Style()) + meta
        inner = self.get_component_rich_style(kind) + meta
        ticked = item.value in self.selected
        return Strip(
            [
                Segment("[", brackets),
                Segment("x" if ticked else " ", inner),
                Segment("]", brackets),
                Segment(" ", base),
                *line,
            ],
            line.cell_length + BOX_WIDTH,
        )

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # OptionList measures items at the whole width; they wrap at the width the box leaves.
        return super().get_content_height(container, viewport, width - BOX_WIDTH)
