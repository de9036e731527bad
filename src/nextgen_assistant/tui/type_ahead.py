"""Keys typed ahead: pressed while an answer is on its way, kept in order for the questions
after it (no Textual here: the screen decides where each key goes)."""

from __future__ import annotations

from dataclasses import dataclass

SENDS = ("ctrl+s", "enter")
"""Keys that send an answer (Enter sends a number, a date or a list's pick; in a text box it
starts a new line)."""

COMMAND_KEYS = {"f1": "why", "f2": "back", "f3": "skip", "f4": "don't know"}
"""Function keys that answer for the person: commands the conversation reads in turn."""


@dataclass(frozen=True)
class Keystroke:
    """One key as Textual names it, with the character it types (None for Enter, F3...)."""

    key: str
    character: str | None = None

    @property
    def typed(self) -> str:
        """The character it adds to an answer ('' for a key that types nothing)."""
        if self.key in SENDS or self.key in COMMAND_KEYS or self.key == "backspace":
            return ""
        return self.character if self.character and self.character.isprintable() else ""

    @property
    def answers(self) -> bool:
        """A key that belongs to the answer being given, so its order matters: what types,
        Backspace, the sends and the command keys. Tab, arrows, F5-F8, Escape do not."""
        return bool(self.typed) or self.key in (*SENDS, "backspace", *COMMAND_KEYS)


class TypeAhead:
    """The keys pressed since an answer was sent, oldest first."""

    def __init__(self) -> None:
        self._keys: list[Keystroke] = []
        self._seen_from: int | None = None

    def mark(self) -> None:
        """A question is on screen now: the keys kept from here on were typed for it."""
        self._seen_from = len(self._keys)

    def take_seen(self) -> list[Keystroke]:
        """The keys kept since the mark, removed (the ones before it stay, in order)."""
        start = len(self._keys) if self._seen_from is None else self._seen_from
        seen, self._keys = self._keys[start:], self._keys[:start]
        self._seen_from = None
        return seen

    def __bool__(self) -> bool:
        return bool(self._keys)

    def hold(self, stroke: Keystroke) -> None:
        """Keep a key for later; Backspace takes back the character before it (never one of
        an answer already sent)."""
        if stroke.key == "backspace":
            if self._keys and self._keys[-1].typed:
                self._keys.pop()
                if self._seen_from is not None:
                    self._seen_from = min(self._seen_from, len(self._keys))
            return
        self._keys.append(stroke)

    def put_back(self, stroke: Keystroke) -> None:
        """A key taken out that must wait after all (it is the first again)."""
        self._keys.insert(0, stroke)

    def take(self) -> Keystroke | None:
        """The oldest key kept, removed (None when there is none)."""
        self._seen_from = None
        return self._keys.pop(0) if self._keys else None

    def shown(self) -> str:
        """What was typed, as the sign shows it: ⏎ for a send (once for a double press, none
        for a second press of the send on its way), the command for F1-F4."""
        shown = ""
        for stroke in self._keys:
            if stroke.key in SENDS:
                shown = shown if not shown or shown.endswith(" ⏎ ") else shown + " ⏎ "
            elif stroke.key in COMMAND_KEYS:
                shown += f" ({COMMAND_KEYS[stroke.key]}) "
            else:
                shown += stroke.typed
        return shown.strip()
