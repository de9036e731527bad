"""The boxes an answer is typed in: a line (Enter sends it) and a text box (ctrl+s sends it);
once sent, neither takes more typing (keys typed after a send belong to the next question)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Input, TextArea

SENT_BOX_IGNORES = ("enter", "ctrl+s", "backspace")
"""Keys a box already sent does not take (besides what types): they belong to the next
question, and the conversation screen keeps them for it."""

SCREEN_KEY_ACTIONS = ("select_line", "select_all")
"""TextArea's actions on F6 and F7, the conversation's documents and report keys."""


@dataclass
class SendTyped(Message):
    """ctrl+s (or Enter in a line) in a text box, with the text as it was at that key."""

    text: str


def _ignored_once_sent(event: events.Key) -> None:
    """Once sent, a box keeps its answer as sent: what would change it stops here (Tab, arrows
    and the rest go on, to move about while the answer is read)."""
    if event.is_printable or event.key in SENT_BOX_IGNORES:
        event.stop()
        event.prevent_default()


class AnswerLine(Input):
    """The one-line box of number, date and one-line text questions (a name, a place), and of an
    answer in words on a list; Enter and ctrl+s send it.

    Both are taken here, in the order keys arrive (Enter as Input's binding ran after the keys
    typed behind it, which joined the answer); once sent, the box takes no more typing."""

    sent = False

    def on_key(self, event: events.Key) -> None:
        # Textual calls each class's key handler along the MRO, this one first:
        # prevent_default keeps the base class from also handling a key; other keys go on
        # to it untouched.
        if self.sent:
            _ignored_once_sent(event)
        elif event.key in ("ctrl+s", "enter"):
            event.stop()
            event.prevent_default()
            self.send()

    @property
    def holds_text(self) -> bool:
        """Something to send."""
        return bool(self.value.strip())

    def type_key(self, key: str, typed: str) -> None:
        """A key typed ahead, as if typed now."""
        if typed:
            self.insert_text_at_cursor(typed)

    def send(self) -> None:
        """Send what the line holds, once."""
        if not self.sent:
            self.sent = True
            self.post_message(SendTyped(self.value))


class AnswerBox(TextArea):
    """The text box of free-text questions; ctrl+s sends it (Enter starts a new line).

    ctrl+s is taken here, with the text as it is at that key: the keys typed after it must
    not join this answer (they belong to the next question). Once sent, the box keeps the
    answer as sent and takes no more typing (typed into this box, "edit 1" and the next answer
    were glued into one).

    Textual 8 can ask a TextArea that was just removed (its styles already cleared) to draw
    once more, which raised KeyError 'text-area--gutter' and closed the app when a person sent
    an answer quickly (seen in tmux); a removed box draws nothing instead."""

    sent = False

    def on_key(self, event: events.Key) -> None:
        # Textual calls each class's key handler along the MRO, this one first:
        # prevent_default keeps the base class from also handling a key; other keys go on
        # to it untouched.
        if self.sent:
            _ignored_once_sent(event)
        elif event.key == "ctrl+s":
            event.stop()
            event.prevent_default()
            self.send()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """TextArea's own F6 and F7 (select line, select all) are off: the keys are the
        screen's (documents, report), which override them; held here too, they put F6 and F7
        first in the footer, so its order differed from a list's."""
        if action in SCREEN_KEY_ACTIONS:
            return False
        return super().check_action(action, parameters)

    @property
    def holds_text(self) -> bool:
        """Something to send."""
        return bool(self.text.strip())

    def type_key(self, key: str, typed: str) -> None:
        """A key typed ahead, as if typed now (Enter starts a new line)."""
        if key == "enter" or typed:
            self.insert("\n" if key == "enter" else typed)

    def send(self) -> None:
        """Send what the box holds, once."""
        if not self.sent:
            self.sent = True
            self.post_message(SendTyped(self.text))

    def render_lines(self, crop: Region) -> list[Strip]:
        if not self.is_attached:
            return [Strip.blank(crop.width)] * crop.height
        return super().render_lines(crop)
