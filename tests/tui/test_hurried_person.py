"""What a newcomer in a hurry met in tmux (issue 18): each test presses the keys they pressed."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual import events
from textual.widget import Widget
from textual.widgets import (
    Input,
    Markdown,
    OptionList,
    Static,
)

from nextgen_assistant import services
from nextgen_assistant.tui.app import NextGenApp
from nextgen_assistant.tui.screens.change_answer import ChangeAnswerDialog
from nextgen_assistant.tui.screens.conversation import ConversationScreen
from nextgen_assistant.tui.screens.home import HomeScreen
from nextgen_assistant.tui.widgets.answer_area import AnswerArea
from nextgen_assistant.tui.widgets.answer_boxes import AnswerLine
from nextgen_assistant.tui.widgets.indicator_panel import IndicatorPanel
from nextgen_assistant.tui.widgets.tick_list import TickList
from nextgen_assistant.tui.widgets.transcript import AnswerBubble, Transcript
from tests.tui.test_app import (
    TODAY,
    answer_until,
    heading,
    hint_line,
    idle,
    new_conversation,
    toasts,
    typed,
    until,
)
from tests.tui.test_documents_screen import charter_folder, open_documents


async def test_dont_know_on_free_text_is_not_an_answer_nor_called_skipped(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(120, 35)) as pilot:
        conversation = await new_conversation(app, pilot)
        await answer_until(app, pilot, "mr_example")
        total = len(conversation.sequence())
        await pilot.press("f4")
        await until(pilot, lambda: conversation.current is None)
        await until(pilot, idle(app))
        end = heading(app)
        assert "1 don't know" in end and f"{total - 1} answered" in end
        panel = str(app.screen.query_one(IndicatorPanel).render())
        assert "2/3 answered, 1 don't know" in panel and "skipped" not in panel
        await pilot.press("f5")
        await until(pilot, lambda: "Where things stand" in _last_turn(app))
        assert "Measurable results: 2 of 3 answered, 1 don't know ·" in _last_turn(app)


def _last_turn(app: NextGenApp) -> str:
    turns = [str(m.source) for m in app.screen.query(Markdown)]
    return turns[-1] if turns else ""


def _child(mode: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The app in a child process (tests/tui/app_child.py); bounded, never timed."""
    return subprocess.run(
        [sys.executable, "-m", "tests.tui.app_child", mode, str(tmp_path / "a.sqlite3")],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )


def test_a_crash_ends_nextgen_with_a_sentence_and_a_failing_status(tmp_path: Path) -> None:
    ended = _child("crash", tmp_path)
    assert ended.returncode == 1
    assert "the app stopped on an unexpected error" in ended.stderr
    assert "RuntimeError" in ended.stderr  # Textual's traceback stays above the sentence


def test_ctrl_q_while_an_answer_is_read_ends_the_process(tmp_path: Path) -> None:
    ended = _child("quit-while-reading", tmp_path)  # before: waited for the read, for ever
    assert ended.returncode == 0, ended.stderr


async def test_the_transcript_follows_new_turns_after_scrolling_up(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_conversation(app, pilot)
        await answer_until(app, pilot, "rlm_agree_footprint")
        transcript = app.screen.query_one(Transcript)
        await until(pilot, lambda: transcript.max_scroll_y > 0)
        await pilot.press("tab", "pageup", "pageup")  # reading back
        await until(pilot, lambda: transcript.scroll_y < transcript.max_scroll_y)
        await pilot.press("f5")
        await until(pilot, lambda: "Where things stand" in _last_turn(app))
        await until(pilot, lambda: _in_view(transcript, transcript.children[-1]))
        await pilot.press("pageup")
        await until(pilot, lambda: not _in_view(transcript, transcript.children[-1]))
        await pilot.press("f3")  # skip: the next question is asked below
        await until(pilot, idle(app))
        await until(pilot, lambda: _in_view(transcript, transcript.children[-1]))


def _in_view(transcript: Transcript, turn: Widget) -> bool:
    """The turn's last line is on screen."""
    bottom = turn.virtual_region.bottom - 1
    return (
        transcript.scroll_y
        <= bottom
        < transcript.scroll_y + transcript.scrollable_content_region.height
    )


async def test_sending_an_agree_scale_with_nothing_picked_records_nothing(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        conversation = await new_conversation(app, pilot)
        await answer_until(app, pilot, "rlm_agree_footprint")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "press 1-5" in hint_line(app))
        await until(pilot, idle(app))
        assert "rlm_agree_footprint" not in conversation.record.answers
        assert conversation.current is not None
        assert conversation.current.id == "rlm_agree_footprint"
        await pilot.press("4")
        await until(pilot, lambda: "rlm_agree_footprint" in conversation.record.answers)
        assert conversation.record.answers["rlm_agree_footprint"].value == 4


async def test_changing_a_multi_select_answer_starts_from_its_ticks(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        conversation = await new_conversation(app, pilot)
        await answer_until(app, pilot, "ida_priorities")
        await pilot.press("2", "4", "ctrl+s")
        await until(pilot, lambda: "ida_priorities" in conversation.record.answers)
        await until(pilot, idle(app))
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, ChangeAnswerDialog))
        await pilot.press("enter")  # the latest answer: the priorities
        await until(pilot, lambda: _asking(app, "ida_priorities"))
        ticks = app.screen.query_one(".answer", TickList)
        assert sorted(ticks.selected) == ["innovation", "supply_chain"]
        await pilot.press("1", "ctrl+s")  # add one more
        await until(pilot, lambda: not _asking(app, "ida_priorities"))
        value = conversation.record.answers["ida_priorities"].value
        assert isinstance(value, list) and len(value) == 3
        assert {"innovation", "supply_chain"} <= set(value)


def _asking(app: NextGenApp, question_id: str) -> bool:
    conversation = app.conversation
    return (
        idle(app)()
        and conversation is not None
        and conversation.current is not None
        and conversation.current.id == question_id
        and bool(app.screen.query(".answer"))
    )


async def test_every_row_of_the_documents_screen_is_reachable_at_80x24(tmp_path: Path) -> None:
    folder = charter_folder(tmp_path)
    for n in range(4):
        (folder / f"board-minutes-of-the-partnership-meeting-{n}.pdf").write_bytes(b"not a pdf")
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY, documents_root=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_documents(app, pilot)
        await pilot.press("down", "a", "s")  # the docs folder
        await until(pilot, lambda: app.scan is not None and len(app.scan.failed) == 4)
        results = app.screen.query_one("#results", Static)
        await until(pilot, lambda: "not read" in str(results.render()))
        side = results.parent
        assert isinstance(side, Widget)
        await pilot.press("tab", "end")  # to the results, then their last line
        await until(
            pilot,
            lambda: (
                side.scroll_y + side.scrollable_content_region.height
                >= results.virtual_region.bottom
            ),
        )


async def test_keys_reach_the_answer_after_tab_to_the_transcript(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        conversation = await new_conversation(app, pilot)
        await pilot.press("tab")  # to the transcript
        await until(pilot, lambda: isinstance(app.focused, Transcript))
        await pilot.press(*"Tab Works", "ctrl+s")
        await until(pilot, lambda: "partnership_name" in conversation.record.answers)
        assert conversation.record.answers["partnership_name"].value == "Tab Works"
        await answer_until(app, pilot, "rlm_region_defined")
        await pilot.press("tab")
        await until(pilot, lambda: isinstance(app.focused, Transcript))
        await pilot.press("2")  # the second choice
        await until(pilot, lambda: "rlm_region_defined" in conversation.record.answers)
        await until(pilot, idle(app))
        assert conversation.current is not None
        assert conversation.current.id == "rlm_agree_footprint"
        await pilot.press("tab")
        await until(pilot, lambda: isinstance(app.focused, Transcript))
        await pilot.press("4")
        await until(pilot, lambda: "rlm_agree_footprint" in conversation.record.answers)
        assert conversation.record.answers["rlm_agree_footprint"].value == 4


async def test_sends_while_an_answer_is_read_stay_apart_and_show_a_sign(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    language_model_loaded = threading.Event()
    understand = services.understander(TODAY)

    def slow_understander(today: date) -> Callable[[str], object]:
        def first_read_waits(text: str) -> object:
            language_model_loaded.wait(timeout=60)  # as the first read waits for spaCy
            return understand(text)

        return first_read_waits

    monkeypatch.setattr(services, "understander", slow_understander)
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        conversation = await new_conversation(app, pilot)
        await pilot.press(*"edit 1", "ctrl+s", *typed("Acme Works"), "ctrl+s", *"Manufact")
        await until(pilot, lambda: "partnership_name" in _reading_for(app))
        box = app.screen.query_one(".answer", AnswerLine)
        assert "edit 1" not in box.value  # the command's box is gone, nothing glued to it
        hint = hint_line(app)
        assert "Reading your answer" in hint and "Next: Manufact" in hint
        language_model_loaded.set()
        await until(pilot, lambda: conversation.current is not None)
        await until(
            pilot,
            lambda: conversation.current is not None and conversation.current.id == "industry",
        )
        await until(pilot, idle(app))
        assert conversation.record.answers["partnership_name"].value == "Acme Works"
        box = app.screen.query_one(".answer", AnswerLine)
        assert box.value == "Manufact" and "industry" not in conversation.record.answers


def _reading_for(app: NextGenApp) -> str:
    """The question whose answer is being read, with the sign showing ('' otherwise)."""
    screen = app.screen
    if not isinstance(screen, ConversationScreen) or not screen.busy:
        return ""
    if "Reading your answer" not in hint_line(app) or app.conversation is None:
        return ""
    current = app.conversation.current
    return current.id if current else ""


async def test_words_typed_on_a_list_are_read_as_the_answer(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        conversation = await new_conversation(app, pilot)
        await answer_until(app, pilot, "ppt_partner_types")
        # Typed on the multi-select list, as a person names partners; then ctrl+s.
        await pilot.press(*"the community college, the workforce board and the chamber")
        await until(pilot, lambda: isinstance(app.screen.query_one(".answer"), Input))
        assert "workforce board" in app.screen.query_one(".answer", Input).value
        await pilot.press("enter")
        await until(pilot, lambda: "ppt_partner_types" in conversation.record.answers)
        value = conversation.record.answers["ppt_partner_types"].value
        assert isinstance(value, list) and len(value) == 3, value  # not "none of these"


async def test_words_on_a_list_that_cannot_be_read_bring_the_list_back(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        conversation = await new_conversation(app, pilot)
        await answer_until(app, pilot, "rlm_region_defined")
        # In one breath: every key is queued before the line that takes them is there.
        burst(app, *"blorpx", "backspace", "enter")
        await until(pilot, lambda: "blorp" in _last_turn(app))
        await until(pilot, lambda: _asking(app, "rlm_region_defined"))
        await until(pilot, lambda: isinstance(app.screen.query_one(".answer"), OptionList))
        assert "rlm_region_defined" not in conversation.record.answers
        await pilot.press(*"by where our companies hire", "enter")
        await until(pilot, lambda: "rlm_region_defined" in conversation.record.answers)
        assert conversation.record.answers["rlm_region_defined"].value == "labor_market"


CHARACTERS = {"space": " ", "enter": "\r", "tab": "\t", "ctrl+s": "\x13", "backspace": "\x7f"}


def burst(app: NextGenApp, *keys: str) -> None:
    """Keys typed faster than the app reads them, handed over as a terminal does: all queued
    at once (a Pilot's press waits for the app between keys, a person does not)."""
    for key in keys:
        character = CHARACTERS.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, character))


def slow_first_read(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Free text is read only once the returned event is set, as the first answer waits for
    spaCy on a loaded machine (10 to 18 s)."""
    language_model_loaded = threading.Event()
    understand = services.understander(TODAY)

    def slow_understander(today: date) -> Callable[[str], object]:
        def read(text: str) -> object:
            language_model_loaded.wait(timeout=60)
            return understand(text)

        return read

    monkeypatch.setattr(services, "understander", slow_understander)
    monkeypatch.setattr(services, "understanding_ready", language_model_loaded.is_set)
    return language_model_loaded


def _answers(app: NextGenApp) -> dict[str, object]:
    conversation = app.conversation
    if conversation is None:
        return {}
    return {key: answer.value for key, answer in conversation.record.answers.items()}


async def test_answers_typed_at_once_after_n_land_in_their_own_questions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    language_model_loaded = slow_first_read(monkeypatch)
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(120, 35)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        # n, then the name, sent, and the next answers, typed before the first question is up.
        burst(app, "n", *typed("Quick Typers Alliance"), "ctrl+s", *typed("health care"))
        burst(app, "ctrl+s", *typed("Front Rn"), "backspace", *"ange")
        await until(pilot, lambda: _reading_for(app) == "partnership_name")
        await until(pilot, lambda: "Next: health care ⏎ Front Range" in hint_line(app))
        language_model_loaded.set()
        await until(pilot, lambda: _asking(app, "region"))
        assert _answers(app) == {
            "partnership_name": "Quick Typers Alliance",
            "industry": "health care",
        }
        box = app.screen.query_one(".answer", AnswerLine)
        assert box.value == "Front Range" and app.focused is box


async def test_two_agree_answers_pressed_in_a_row_are_both_kept(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(120, 35)) as pilot:
        await new_conversation(app, pilot)
        await answer_until(app, pilot, "ida_agree_industry_identified")
        burst(app, "3", "4")  # two statements, two answers
        await until(pilot, lambda: _asking(app, "ppt_partner_types"))
        answers = _answers(app)
        assert answers["ida_agree_industry_identified"] == 3
        assert answers["ida_agree_impact"] == 4


async def test_tab_and_shift_tab_bring_the_keyboard_back_to_the_number_box(
    tmp_path: Path,
) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_conversation(app, pilot)
        await answer_until(app, pilot, "respondent_role")
        burst(app, "1", "tab")  # the role, and Tab while it is read
        await until(pilot, lambda: _asking(app, "rlm_counties"))
        await pilot.press("shift+tab")
        burst(app, "4", "enter")
        await until(pilot, lambda: _asking(app, "rlm_region_defined"))
        assert _answers(app)["rlm_counties"] == 4
        await answer_until(app, pilot, "psl_business_attendees")
        box = app.screen.query_one(".answer", Input)
        await pilot.press("tab", "shift+tab")
        await until(pilot, lambda: app.focused is box)
        burst(app, "1", "2", "enter")
        await until(pilot, lambda: _asking(app, "psl_public_attendees"))
        assert _answers(app)["psl_business_attendees"] == 12


async def test_the_first_answer_is_seen_taken_and_being_read_at_80x24(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    language_model_loaded = slow_first_read(monkeypatch)
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        burst(app, "n", *typed("Slow Readers"), "ctrl+s", *"manu")
        await until(pilot, lambda: _reading_for(app) == "partnership_name")
        screen = app.screen
        sign = screen.query("AnswerArea .hint").last(Static)
        await until(pilot, lambda: sign.region.height >= 1)
        assert sign.region.bottom <= 23  # above the footer, on screen
        assert "Reading your answer… (the first takes a few seconds)" in hint_line(app)
        assert "Next: manu" in hint_line(app)
        # The answer is in the transcript at once: taken, while it is read.
        bubbles = [str(b.render()) for b in screen.query(AnswerBubble)]
        assert bubbles == ["Slow Readers"]
        language_model_loaded.set()
        await until(pilot, lambda: _asking(app, "industry"))
        assert [str(b.render()) for b in screen.query(AnswerBubble)] == ["Slow Readers"]
        assert app.screen.query_one(".answer", AnswerLine).value == "manu"


async def test_the_welcome_teaches_the_keys_not_typed_commands(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_conversation(app, pilot)
        welcome = str(app.screen.query(Markdown).first().source)
        for key in ("F1** why", "F2** back", "F3** skip", "F4** don't know", "F8** change"):
            assert key in welcome
        assert "ctrl+s" in welcome and "Enter" in welcome
        assert "edit N" not in welcome and "summary ·" not in welcome


async def test_ticks_show_in_characters_without_colour(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_conversation(app, pilot)
        await answer_until(app, pilot, "ida_priorities")
        await pilot.press("2", "4")
        ticks = app.screen.query_one(".answer", TickList)
        await until(pilot, lambda: len(ticks.selected) == 2)
        await pilot.pause()
        # What a monochrome terminal shows: the characters of each item's first line.
        lines = [ticks.render_line(y).text for y in range(ticks.option_count)]
        firsts = [line for line in lines if line.lstrip().startswith("[")]
        assert [line.lstrip()[:3] for line in firsts[:4]] == ["[ ]", "[x]", "[ ]", "[x]"]


async def test_a_word_about_one_question_goes_with_it(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(120, 35), notifications=True) as pilot:
        await new_conversation(app, pilot)
        await answer_until(app, pilot, "rlm_agree_footprint")
        await pilot.press("ctrl+s")  # nothing picked: which keys pick, under the scale
        await until(pilot, lambda: "press 1-5" in hint_line(app))
        assert not toasts(app)  # a toast lingered over the next question
        await pilot.press("4")
        await until(pilot, lambda: _asking(app, "rlm_region_text"))
        await until(pilot, idle(app))
        assert "press 1-5" not in hint_line(app)


async def test_keys_typed_on_past_a_check_wait_for_the_question_after_it(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_conversation(app, pilot)
        await answer_until(app, pilot, "ida_agenda_setter")
        # The priorities (2 and 4, sent) typed on at once: an "Is that right?" comes between.
        burst(app, *typed("Business leaders chose the priorities"), "ctrl+s", "2", "4", "ctrl+s")
        await until(pilot, lambda: app.conversation is not None and app.conversation.confirming)
        # The check on screen (the engine's confirming comes first), the keys waiting under it
        await until(pilot, lambda: idle(app)() and "Next: 24 ⏎" in hint_line(app))
        assert "ida_priorities" not in _answers(app)
        await pilot.press("y")  # seen, then answered
        await until(pilot, lambda: _asking(app, "ida_agree_industry_identified"))
        assert _answers(app)["ida_priorities"] == ["innovation", "supply_chain"]


async def test_a_send_says_reading_at_once_even_when_the_app_is_slow(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_conversation(app, pilot)
        box = app.screen.query_one(".answer", AnswerLine)
        # The answer area's messages wait, as they do while spaCy loads and holds the machine.
        held_up = asyncio.Event()
        app.screen.query_one(AnswerArea).call_later(held_up.wait)
        try:
            burst(app, *typed("Gated Works"), "ctrl+s", "ctrl+s")
            # Polled without pilot.pause, which waits for every widget, the held one too.
            for _ in range(1200):
                if box.sent:
                    break
                await asyncio.sleep(0.05)
            sign = hint_line(app)
        finally:
            held_up.set()
        assert sign.startswith("Reading your answer…")
        assert "Next:" not in sign  # the second press of the send is not "next"
        await until(pilot, lambda: _asking(app, "industry"))
        assert _answers(app) == {"partnership_name": "Gated Works"}
