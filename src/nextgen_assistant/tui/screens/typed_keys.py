"""Keys in the order pressed, for the conversation screen.

Keys that make an answer (typing, Backspace, Enter, ctrl+s, number keys, y/n, F1-F4) come here
from the app in the order pressed (`take_key`), before Textual hands them to a widget: Textual
routes each key to whatever has focus as it goes, and a key queued behind a send could overtake
it (an answer glued to the one before) or land on a box already gone (an answer lost). While an
answer is on its way they wait in `ahead`, shown under the box, and go to the next question as
if typed there."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.widgets import OptionList

from nextgen_assistant import services
from nextgen_assistant.dialogue.engine import Conversation
from nextgen_assistant.tui.screens.base import AppScreen
from nextgen_assistant.tui.type_ahead import COMMAND_KEYS, SENDS, Keystroke, TypeAhead
from nextgen_assistant.tui.widgets.answer_area import AnswerArea
from nextgen_assistant.tui.widgets.answer_boxes import AnswerBox, AnswerLine
from nextgen_assistant.tui.widgets.tick_list import TickList


class KeysInOrder(AppScreen):
    """A screen whose answer keys are taken in the order pressed (see the module)."""

    conversation: Conversation
    action_command: Callable[[str], None]
    """F1-F4 and their typed commands: the conversation screen answers them."""

    def __init__(self, typed_ahead: Sequence[Keystroke] = (), opened_by: str | None = None) -> None:
        """`typed_ahead`: keys pressed after the key that opened this assessment, for its
        first question; `opened_by`: that key, when nothing was typed after it yet (n pressed
        twice typed "n" into the partnership's name)."""
        super().__init__()
        self._opened_by = opened_by if opened_by == "n" else None
        self.busy = False
        """The engine is reading an answer."""
        self.holding = True
        """Keys wait in `ahead`: an answer is on its way, or the question is not up yet."""
        self.ahead = TypeAhead()
        for stroke in typed_ahead:
            self.ahead.hold(stroke)
        self._sending = False
        """An answer was sent and is on its way to the engine."""
        self._told_to_confirm = False
        """The person was told which keys answer the open check of a reading."""
        self._ticked_by_number = False
        """The last key ticked a "choose all that apply" item by its number."""

    @property
    def reading(self) -> bool:
        """An answer is on its way or being read, or keys typed ahead are not yet in."""
        areas = self.query(AnswerArea)
        return self.holding or self.busy or bool(areas and areas.first().pending)

    def take_key(self, stroke: Keystroke) -> bool:
        """A key pressed while this screen is on top, handed over by the app as it arrives:
        True when taken here; False to let Textual deliver it as usual (a key for a text box
        is delivered to the box, whatever had the keyboard)."""
        if not stroke.answers:
            self._ticked_by_number = False  # ↓ then Space ticks the item moved to
            return False
        opened_by, self._opened_by = self._opened_by, None
        if stroke.key == opened_by:
            return True  # the key that opened this screen, pressed twice: not an answer
        if self.reading or (self.ahead and not self._answers_the_check(stroke)):
            self.ahead.hold(stroke)
            self._show_reading()
            return True
        return self._answer_with(stroke, typed_now=True)

    def _answers_the_check(self, stroke: Keystroke) -> bool:
        """While keys typed ahead wait behind a check of a reading ("Is that right?"), the keys
        that answer it: y, n, Enter on Yes or No, F1-F4. Others join the keys waiting."""
        if not self.query_one(AnswerArea).confirming:
            return True
        return stroke.key in ("y", "n", "enter", *COMMAND_KEYS)

    def _answer_with(self, stroke: Keystroke, typed_now: bool) -> bool:
        """One key for the open question: pressed now (`typed_now`), or typed ahead and now
        replayed. True when used (or dropped) here, False when Textual is to deliver it."""
        area = self.query_one(AnswerArea)
        field = area.answer_widget
        key = stroke.key
        if key in COMMAND_KEYS:
            if not typed_now:
                self.action_command(COMMAND_KEYS[key])
            return not typed_now  # pressed now, its binding runs it (and holds what follows)
        if isinstance(field, AnswerLine | AnswerBox):
            sends = key == "ctrl+s" or (key == "enter" and isinstance(field, AnswerLine))
            if typed_now:
                # To the box, behind the keys before it; a send holds the keys after it.
                if sends:
                    self._send_off()
                self.set_focus(field)
                return False
            if sends and field.holds_text:
                self._send_off()
                field.send()
            elif not sends:
                field.type_key(key, stroke.typed)
            return True  # a send with nothing to send: the second press of the last one
        if not isinstance(field, OptionList):
            return not typed_now  # the end of the conversation: nothing to answer
        after_a_tick, self._ticked_by_number = self._ticked_by_number, False
        if area.shortcut_applies(key):
            if not isinstance(field, TickList):  # a tick is not an answer
                self._send_off()
            area.shortcut(key)
            self._ticked_by_number = isinstance(field, TickList)
            return True
        if isinstance(field, TickList) and after_a_tick and stroke.typed in (" ", ","):
            # "1 3" or "1, 3": a space between the numbers untick item 1 (Space ticks the
            # highlighted item, which the number key had just ticked).
            self._ticked_by_number = True
            return True
        if area.confirming and typed_now and key not in ("enter", "ctrl+s", "backspace"):
            self._tell_to_confirm(area)  # dropped, and said so: it does not answer the check
            return True
        if stroke.typed.isalpha() and not area.confirming:
            # Words typed on a list: the list gives way to a line for an answer in words,
            # and this key and those after it wait until the line is there.
            self.holding = True
            self.ahead.put_back(stroke)
            self.run_worker(self._answer_in_words(area), group="in_words")
            return True
        if not typed_now:
            # Enter or Space typed ahead never pick what the person has not seen; a send sends
            # the ticks typed ahead (with none, it was the second press of the last send).
            if key in SENDS and isinstance(field, TickList) and field.selected:
                self._send_off()
                area.send()
            return True
        if key in SENDS and isinstance(field, TickList):
            self._send_off()  # sent by the binding, after the ticks pressed before it
        elif (
            key == "enter"
            and self.focused is field
            and not isinstance(field, TickList)
            and field.highlighted is not None
        ):
            self._send_off()  # picks the highlighted choice
        return False

    def _send_off(self) -> None:
        """An answer is on its way: keys pressed from now on wait for the next question, and
        the sign says so at once (the engine may get it only later on a busy machine)."""
        self.holding = self._sending = True
        self._show_reading()

    def _type_ahead_in(self) -> None:
        """The question is up: the keys typed ahead go into it, as if typed now, up to a send
        (the rest wait for the question after); then the keyboard is the box's. A check of a
        reading is answered by keys pressed once it is seen, not by keys typed ahead."""
        self.holding = self._sending = False
        area = self.query_one(AnswerArea)
        field = area.answer_widget
        if field is not None:
            self.set_focus(field)
        if self._asked_unlooked_for(area) and self.ahead:
            # A check of a reading ("Is that right?") or a follow-up asked only sometimes, which
            # the person had not seen when they typed on: the keys typed before it was up wait,
            # shown under it, for the question after it (a y typed ahead, or a 2 for the next
            # list, was meant for something else); the keys typed once it was up are its own.
            for seen in self.ahead.take_seen():
                if self.reading:
                    self.ahead.hold(seen)
                else:
                    self._answer_seen(seen, area)
            self._show_reading()
            return
        while not self.reading and (stroke := self.ahead.take()) is not None:
            self._answer_with(stroke, typed_now=False)
        self._show_reading()

    @staticmethod
    def _asked_unlooked_for(area: AnswerArea) -> bool:
        """The open question is one the person could not have expected when they typed ahead:
        a check of a reading, or a follow-up asked only after some answers."""
        return area.confirming or (area.question is not None and area.question.follow_up_only)

    def _answer_seen(self, stroke: Keystroke, area: AnswerArea) -> None:
        """A key pressed once a question asked only sometimes was up (it waited while the
        screen caught up): for that question."""
        field = area.answer_widget
        if area.confirming and stroke.key == "enter" and isinstance(field, OptionList):
            self._send_off()
            field.action_select()  # the highlighted Yes or No, seen
        elif area.confirming and not self._answers_the_check(stroke):
            if self.ahead:
                self.ahead.hold(stroke)  # typing on behind the keys already waiting
            else:
                self._tell_to_confirm(area)
        else:
            self._answer_with(stroke, typed_now=False)

    def _tell_to_confirm(self, area: AnswerArea) -> None:
        """A key that does not answer "Is that right?": say which keys do, once per check."""
        if not self._told_to_confirm:
            self._told_to_confirm = True
            self.tell(area.how_to_pick())

    async def _answer_in_words(self, area: AnswerArea) -> None:
        await area.in_words()
        self.call_after_refresh(self._type_ahead_in)

    def tell(self, notice: str, error: bool = False) -> None:
        """A word about the open question, under its box until the question changes
        (`AnswerArea.tell`)."""
        for area in self.query(AnswerArea):
            area.tell(notice, error)
        self._show_reading()

    def _show_reading(self) -> None:
        """The sign under the box (none before the screen is composed: keys can come first)."""
        note = ""
        question = self.conversation.current
        if question is not None and question.type == "text" and not services.understanding_ready():
            note = "(the first takes a few seconds)"
        for area in self.query(AnswerArea):
            area.show_reading(self.ahead.shown(), note, reading=self.busy or self._sending)

    def take_paste(self, text: str) -> bool:
        """Text pasted while this screen is on top: kept, as typed, while an answer is on its
        way (True); otherwise for the answer box, whatever had the keyboard (False: Textual
        delivers it there)."""
        if self.reading or (self.ahead and self.query_one(AnswerArea).confirming):
            for character in text.replace("\r\n", "\n"):
                self.ahead.hold(
                    Keystroke("enter") if character == "\n" else Keystroke(character, character)
                )
            self._show_reading()
            return True
        field = self.query_one(AnswerArea).answer_widget
        if isinstance(field, AnswerLine | AnswerBox):
            self.set_focus(field)
        return False
