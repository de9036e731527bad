"""A "choose all that apply" list whose ticks show in characters, not only in colour."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets.option_list import OptionDoesNotExist

DRAWN_BOX = "X"
"""The middle of the box Textual draws before each item ("▐X▌"), the same ticked or not."""


class TickList(SelectionList[str]):
    """Textual's SelectionList draws every item's box as the same "▐X▌", ticked or not, told
    apart by colour only: with NO_COLOR or a monochrome terminal (TERM=xterm-mono) nothing
    showed what was ticked. Here a ticked item reads "[x]" and an unticked one "[ ]", in the
    same three cells and colours."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = list(line)
        if len(segments) < 3 or segments[1].text != DRAWN_BOX:
            return line  # drawn some other way: left as it is
        try:
            item = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return line
        left, inner, right = segments[:3]
        ticked = item.value in self.selected
        return Strip(
            [
                Segment("[", left.style),
                Segment("x" if ticked else " ", inner.style),
                Segment("]", right.style),
                *segments[3:],
            ],
            line.cell_length,
        )
