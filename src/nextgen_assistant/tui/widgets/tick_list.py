"""A "choose all that apply" list whose ticks show in characters, not only in colour."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets.option_list import OptionDoesNotExist

DRAWN_BOX = "X"
"""The middle of the box Textual draws before each item ("▐X▌"), the same ticked or not."""


class TickList(SelectionList[str]):
    """Textual's SelectionList draws every item's box as the same "▐X▌", ticked or not, told
    apart by colour only: with NO_COLOR or a monochrome terminal (TERM=xterm-mono) nothing
    showed what was ticked. Here a ticked item reads "[x]" and an unticked one "[ ]", in the
    same three cells.

    Enter sends the ticks, as on every other question (it ticked or unticked the highlighted
    item, so "1 3 Enter" sent 1 alone); Space and the number keys tick."""

    BINDINGS = [Binding("enter", "screen.send", "Send", show=False)]

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = list(line)
        if len(segments) < 3 or segments[1].text != DRAWN_BOX:
            return line  # drawn some other way: left as it is
        try:
            item = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return line
        left, inner, _right = segments[:3]
        # The brackets in the item's own text colours (Textual draws the box's sides in the
        # list's background colour, which hid them), with the box's link to its item.
        text = segments[3].style if len(segments) > 3 else None
        brackets = (text or Style()) + Style(meta=left.style.meta if left.style else {})
        ticked = item.value in self.selected
        return Strip(
            [
                Segment("[", brackets),
                Segment("x" if ticked else " ", inner.style),
                Segment("]", brackets),
                *segments[3:],
            ],
            line.cell_length,
        )
