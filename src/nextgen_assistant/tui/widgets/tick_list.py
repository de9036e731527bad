"""A "choose all that apply" list whose ticks show in characters, not only in colour, and whose
long items wrap at word boundaries under their own text."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

BOX_WIDTH = 4
""""[x] " before an item's first line; its further lines start under the item's text."""


class TickList(OptionList):
    """An option list whose items are ticked and unticked, each drawn "[x]" or "[ ]".

    Textual's SelectionList draws every box alike, ticked or not, told apart by colour only
    (nothing showed what was ticked on a monochrome terminal), cuts a long item at the edge
    with an ellipsis, and, told to wrap, drew a box on every screen line. Drawing our own
    boxes into its lines needed its private line table. Here each item is an option of a plain
    OptionList whose prompt is a two-column grid, the box and the item's text: the text wraps
    at word boundaries beside the box, and a tick replaces the item's prompt (public API
    only).

    Enter sends the ticks, as on every other question; Space, a click and the number keys
    tick."""

    BINDINGS = [
        Binding("enter", "screen.send", "Send", show=False),
        Binding("space", "toggle_highlighted", "Tick", show=False),
    ]

    def __init__(self, *items: tuple[str, str, bool], classes: str | None = None) -> None:
        """`items`: (label, value, ticked) for each item, in order."""
        self._labels = [label for label, _, _ in items]
        self._values = [value for _, value, _ in items]
        self._ticked: dict[str, None] = {value: None for _, value, ticked in items if ticked}
        """The ticked values in the order ticked (a dict keeps it)."""
        super().__init__(
            *(Option(self._prompt(i), id=value) for i, value in enumerate(self._values)),
            classes=classes,
        )

    @property
    def selected(self) -> list[str]:
        """The ticked values, in the order they were ticked."""
        return list(self._ticked)

    def toggle(self, value: str) -> None:
        """Tick an unticked item, untick a ticked one."""
        if value in self._ticked:
            del self._ticked[value]
        else:
            self._ticked[value] = None
        index = self._values.index(value)
        self.replace_option_prompt_at_index(index, self._prompt(index))

    def action_toggle_highlighted(self) -> None:
        if self.highlighted is not None:
            self.toggle(self._values[self.highlighted])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on an item ticks it; it is not an answer of its own."""
        if event.option_list is self:
            event.stop()
            self.toggle(self._values[event.option_index])

    def _prompt(self, index: int) -> Table:
        box = "[x]" if self._values[index] in self._ticked else "[ ]"
        grid = Table.grid(expand=True)
        grid.add_column(width=BOX_WIDTH, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text(box), Text(self._labels[index]))
        return grid
