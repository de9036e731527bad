"""F8: pick an earlier answer to change, by keyboard (clicking an answer in the transcript
does the same)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class ChangeAnswerDialog(ModalScreen[str | None]):
    """The answers given so far, numbered as asked; Enter picks one, Escape cancels."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]
    DEFAULT_CSS = """
    ChangeAnswerDialog { align: center middle; }
    ChangeAnswerDialog > Vertical { width: 90%; max-width: 100; height: auto; max-height: 90%;
        padding: 0 1; border: round $primary; background: $surface; }
    ChangeAnswerDialog OptionList { height: auto; max-height: 16; }
    ChangeAnswerDialog .hint { color: $text-muted; }
    """

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        """`rows`: (question id, "N. question — answer") in the order asked."""
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Which answer do you want to change?")
            yield OptionList(*[Option(Text(label), id=qid) for qid, label in self.rows])
            yield Static("Enter changes it · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = len(self.rows) - 1 if self.rows else None
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
