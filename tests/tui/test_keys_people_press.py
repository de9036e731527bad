"""Keys a person presses without reading the hint first (issue 18, the last round): each test
presses them as a hurried person does."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

from nextgen_assistant.dialogue.engine import Conversation, Reply
from nextgen_assistant.errors import NextGenError
from nextgen_assistant.tui.app import NextGenApp
from nextgen_assistant.tui.screens.documents import DocumentsScreen
from nextgen_assistant.tui.screens.home import HomeScreen
from tests.tui.test_app import (
    TODAY,
    answer_until,
    hint_line,
    idle,
    new_conversation,
    shown_text,
    toasts,
    typed,
    until,
)
from tests.tui.test_hurried_person import _answers, burst


async def test_enter_sends_the_partnership_name_on_one_line(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        conversation = await new_conversation(app, pilot)
        await pilot.press(*typed("Front Range Partnership"), "enter")
        await until(pilot, lambda: "partnership_name" in conversation.record.answers)
        assert conversation.record.partnership.name == "Front Range Partnership"
        await until(pilot, idle(app))
        assert conversation.current is not None and conversation.current.id == "industry"
        await pilot.press(*typed("manufacturing"), "enter")  # the industry is one line too
        await until(pilot, lambda: "industry" in conversation.record.answers)
        assert conversation.record.answers["industry"].value == "manufacturing"


async def test_enter_still_starts_a_new_line_in_a_written_answer(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        conversation = await new_conversation(app, pilot)
        await answer_until(app, pilot, "rlm_region_text")
        await pilot.press(*typed("Across the region"), "enter", *typed("and beyond"))
        await until(pilot, lambda: "across the region\nand beyond" in _box(app).lower())
        assert "rlm_region_text" not in conversation.record.answers
        assert "ctrl+s sends" in str(app.screen.query_one("AnswerArea .hint").render())


def _box(app: NextGenApp) -> str:
    boxes = app.screen.query(".answer")
    box = boxes.first() if boxes else None
    return box.text if isinstance(box, TextArea) else ""


def _footer(app: NextGenApp) -> list[str]:
    return [str(key.key) for key in app.screen.query("FooterKey")]  # type: ignore[attr-defined]


async def test_the_footer_names_its_keys_in_one_order_on_every_question(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(120, 35)) as pilot:
        await new_conversation(app, pilot)
        await answer_until(app, pilot, "respondent_role")  # a choice list
        await until(pilot, lambda: bool(_footer(app)))
        on_a_list = _footer(app)
        await answer_until(app, pilot, "rlm_region_text")  # a written answer, in a text box
        await until(pilot, lambda: isinstance(app.focused, TextArea))
        await pilot.pause()
        assert _footer(app) == on_a_list
        assert on_a_list == ["f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8"]


async def _at_a_check_of_a_reading(app: NextGenApp, pilot: object) -> None:
    """The opening answered, the region's reading up: "Is that right?"."""
    conversation = await new_conversation(app, pilot)  # type: ignore[arg-type]
    for text in ("Check Partners", "manufacturing", "Weld and Larimer counties"):
        await pilot.press(*typed(text), "enter")  # type: ignore[attr-defined]
        await until(pilot, idle(app))  # type: ignore[arg-type]
    assert conversation.confirming


async def test_a_key_that_is_not_y_or_n_on_a_check_says_which_keys_answer(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await _at_a_check_of_a_reading(app, pilot)
        await pilot.press("x", "3", "s")  # before: dropped without a word
        await until(pilot, lambda: "Press y for yes or n for no" in hint_line(app))
        assert not toasts(app)  # said under the question, not in a toast per key
        assert app.conversation is not None and app.conversation.confirming
        await pilot.press("enter")  # Yes is highlighted: Enter takes it
        await until(pilot, lambda: app.conversation is not None and not app.conversation.confirming)
        assert "region" in _answers(app)


async def test_keys_typed_ahead_wait_behind_a_follow_up_asked_only_sometimes(
    tmp_path: Path,
) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        conversation = await new_conversation(app, pilot)
        await answer_until(app, pilot, "sap_updated")
        # An old plan's date, and a 2 typed at once for "Who developed the plan?", the question
        # that usually comes next: the follow-up about a refresh comes first this time.
        burst(app, *"2023-01", "enter", "2")
        await until(
            pilot,
            lambda: (
                conversation.current is not None and conversation.current.id == "sap_who_refreshes"
            ),
        )
        await until(pilot, idle(app))
        await until(pilot, lambda: "Next: 2" in hint_line(app))
        assert _box(app) == ""  # before: the 2 was typed into the follow-up's box
        await pilot.press(*typed("the co-chairs"), "ctrl+s")
        await until(pilot, idle(app))
        if conversation.confirming:  # the reading of "the co-chairs", checked
            await pilot.press("y")
        await until(pilot, lambda: "sap_developed_by" in _answers(app))
        assert _answers(app)["sap_who_refreshes"] == "the co-chairs"
        assert _answers(app)["sap_developed_by"] == "partners_with_input"


async def test_a_number_with_more_words_and_numbers_is_asked_again(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        conversation = await new_conversation(app, pilot)
        await answer_until(app, pilot, "sus_largest_grant_share")
        await pilot.press(*typed("5We filled 80 jobs"), "enter")  # before: saved as 5%
        await until(pilot, lambda: "more than one number" in shown_text(app))
        await until(pilot, idle(app))
        assert "sus_largest_grant_share" not in _answers(app)
        assert conversation.current is not None
        assert conversation.current.id == "sus_largest_grant_share"
        assert "(5 and 80)" in shown_text(app)
        await pilot.press(*typed("about 40"), "enter")  # one number among words: read whole
        await until(pilot, lambda: "sus_largest_grant_share" in _answers(app))
        assert _answers(app)["sus_largest_grant_share"] == 40


async def test_n_pressed_twice_on_home_is_not_the_names_first_letter(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("n", "n")  # before: the name box held "n"
        await until(pilot, idle(app))
        await pilot.press(*typed("Front Range"), "enter")
        await until(pilot, lambda: "partnership_name" in _answers(app))
        assert _answers(app)["partnership_name"] == "Front Range"
    again = NextGenApp(db=tmp_path / "b.sqlite3", today=TODAY)
    async with again.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(again.screen, HomeScreen))
        burst(again, "n", "n", *typed("Fast Typers"), "enter")  # all before the screen is up
        await until(pilot, lambda: "partnership_name" in _answers(again))
        assert _answers(again)["partnership_name"] == "Fast Typers"


async def test_a_word_about_a_question_leaves_another_screens_toast(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    app.NOTIFICATION_TIMEOUT = 3600  # toasts stay until taken away: no race with their timer
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await new_conversation(app, pilot)
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, DocumentsScreen))
        await pilot.press("s")  # nothing attached: the Documents screen's warning
        await until(pilot, lambda: any("Attach a file" in t for t in toasts(app)))
        await pilot.press("escape")
        await until(pilot, idle(app))
        await pilot.press("enter")  # nothing typed: said under this question
        await until(pilot, lambda: "Type an answer first" in hint_line(app))
        await pilot.press(*typed("Toast Partners"), "enter")
        await until(pilot, lambda: "partnership_name" in _answers(app))
        await until(pilot, idle(app))
        assert "Type an answer first" not in hint_line(app)  # its question went
        assert any("Attach a file" in t for t in toasts(app))  # before: cleared with it


async def test_an_error_with_brackets_shows_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cannot_save(self: Conversation, text: str) -> Reply:
        raise NextGenError("The disk said [bold]no[/] to a.sqlite3")  # as SQLite can word it

    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_conversation(app, pilot)
        monkeypatch.setattr(Conversation, "say", cannot_save)
        await pilot.press(*typed("Bracket Works"), "enter")
        await until(pilot, lambda: "Not saved" in hint_line(app))
        # before: read as markup, the brackets gone
        assert "Not saved: The disk said [bold]no[/] to a.sqlite3" in hint_line(app)


async def test_a_role_written_in_words_is_read_back_before_it_counts(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        conversation = await new_conversation(app, pilot)
        await answer_until(app, pilot, "respondent_role")  # a list: words replace it
        await pilot.press(*typed("im the convener, I work at the workforce board"), "enter")
        await until(pilot, lambda: conversation.confirming and idle(app)())
        assert "I read that as: Convener or staff. Is that right?" in shown_text(app)
        await pilot.press("y")
        await until(pilot, lambda: not conversation.confirming and idle(app)())
        assert conversation.record.answers["respondent_role"].value == "convener"
        assert "Noted: Convener or staff." in shown_text(app)


async def test_enter_sends_the_ticks_and_an_empty_send_says_how_to_tick(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        conversation = await new_conversation(app, pilot)
        await answer_until(app, pilot, "ida_priorities")
        assert "Enter sends" in hint_line(app)
        await pilot.press("1", "3", "enter")  # Enter unticked 3 and sent 1 alone
        await until(pilot, lambda: "ida_priorities" in conversation.record.answers)
        assert conversation.record.answers["ida_priorities"].value == ["infrastructure", "talent"]
        await answer_until(app, pilot, "ppt_partner_types")
        await pilot.press("enter")  # nothing ticked: how to tick, not "none of these"
        await until(pilot, lambda: "Nothing ticked yet" in hint_line(app))
        assert "ppt_partner_types" not in conversation.record.answers
        await pilot.press("ctrl+s")  # sent again: the answer is none
        await until(pilot, lambda: "ppt_partner_types" in conversation.record.answers)
        assert conversation.record.answers["ppt_partner_types"].value == []
