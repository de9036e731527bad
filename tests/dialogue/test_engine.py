"""Whole conversations through the engine: follow-ups, edits, invalid answers, free text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from nextgen_assistant import services
from nextgen_assistant.dialogue.engine import Conversation
from nextgen_assistant.dialogue.store import Store

TODAY = date(2026, 11, 25)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "a.sqlite3")


def answer_until(conversation: Conversation, question_id: str, answers: dict[str, str]) -> None:
    """Answer questions (from `answers`, else a sensible default) until `question_id` is asked."""
    defaults = {
        "agree": "4",
        "choice": "1",
        "multi": "1,2",
        "number": "3",
        "date": "2026-03",
        "text": "Fine.",
    }
    while conversation.current is not None and conversation.current.id != question_id:
        question = conversation.current
        reply = conversation.say(answers.get(question.id, defaults[question.type]))
        if (
            conversation.current is not None
            and conversation.current.id == question.id
            and question.id in conversation.record.answers
        ):
            conversation.say("yes")  # confirm a reflected reading
        assert reply.messages


def test_a_whole_conversation_saves_every_answer(store: Store) -> None:
    conversation = services.open_conversation(store, TODAY)
    opening = conversation.opening()
    assert "saved" in opening.messages[0]
    assert conversation.current is not None and conversation.current.id == "partnership_name"
    conversation.say("Valley Makers")
    assert store.load(conversation.assessment_id).partnership.name == "Valley Makers"
    answer_until(
        conversation,
        "___end___",
        {
            "region": "Weld and Larimer counties",
            "ida_agenda_setter": "Business leaders set the agenda.",
        },
    )
    done, total = conversation.progress()
    assert conversation.current is None and done == total
    assert len(store.load(conversation.assessment_id).answers) == total
    assert "Where things stand" in conversation.summary()


def test_low_agreement_asks_what_gets_in_the_way(store: Store) -> None:
    conversation = services.open_conversation(store, TODAY)
    answer_until(conversation, "rlm_agree_footprint", {})
    reply = conversation.say("2")
    assert reply.question is not None and reply.question.id == "rlm_agree_footprint_barrier"
    assert "gets in the way" in reply.question.text


def test_old_plan_asks_who_would_refresh_it_and_an_edit_drops_the_follow_up(store: Store) -> None:
    conversation = services.open_conversation(store, TODAY)
    answer_until(conversation, "sap_updated", {})
    reply = conversation.say("June 2021")
    assert "months ago" in reply.messages[0]
    assert reply.question is not None and reply.question.id == "sap_who_refreshes"
    reply = conversation.say("The co-chairs.")
    assert reply.question is not None and reply.question.id != "sap_who_refreshes"
    assert "sap_who_refreshes" in conversation.record.answers
    conversation.edit("sap_updated")
    conversation.say("2026-09")
    assert "sap_who_refreshes" not in store.load(conversation.assessment_id).answers


def test_single_county_region_asks_about_hiring_across_lines(store: Store) -> None:
    conversation = services.open_conversation(store, TODAY)
    answer_until(conversation, "rlm_region_text", {})
    reply = conversation.say("Almost all of them hire inside Pueblo County.")
    assert "Pueblo County" in " ".join(reply.messages)
    conversation.say("yes")
    assert conversation.current is not None and conversation.current.id == "rlm_cross_county_hiring"


@pytest.mark.parametrize(
    ("question_id", "bad", "says"),
    [
        ("rlm_counties", "lots", "not a number"),
        ("rlm_counties", "0", "out of range"),
        ("rlm_agree_footprint", "7", "1 (strongly disagree) to 5"),
        ("sap_updated", "2026-02-30", "not a date"),
        ("sap_updated", "2030-01", "in the future"),
        ("psl_chair", "the mayor", "not a choice"),
    ],
)
def test_invalid_answers_are_asked_again_with_what_is_accepted(
    store: Store, question_id: str, bad: str, says: str
) -> None:
    conversation = services.open_conversation(store, TODAY)
    answer_until(conversation, question_id, {})
    reply = conversation.say(bad)
    assert says in reply.messages[0]
    assert reply.question is not None and reply.question.id == question_id
    assert question_id not in store.load(conversation.assessment_id).answers


def test_free_text_is_reflected_back_and_a_correction_is_taken(store: Store) -> None:
    conversation = services.open_conversation(store, TODAY)
    answer_until(conversation, "ida_agenda_setter", {})
    reply = conversation.say("The workforce board sets the agenda.")
    assert "It sounds like" in reply.messages[0] and "*with* industry" in reply.messages[0]
    reply = conversation.say("no")
    assert "other words" in reply.messages[0]
    reply = conversation.say("Our business co-chairs set the agenda.")
    assert "*by* industry" in reply.messages[0]
    conversation.say("yes")
    stored = store.load(conversation.assessment_id).answers["ida_agenda_setter"]
    assert stored.confirmed is True and stored.raw.startswith("Our business co-chairs")
    assert any(s.polarity == "supporting" for s in stored.understood)


def test_back_skip_dont_know_why_and_resume(store: Store) -> None:
    conversation = services.open_conversation(store, TODAY)
    answer_until(conversation, "psl_chair", {})
    assert "chair it" in conversation.say("why").messages[0]
    conversation.say("don't know")
    assert store.load(conversation.assessment_id).answers["psl_chair"].status == "dont_know"
    assert conversation.current is not None and conversation.current.id == "psl_agree_engaged"
    reply = conversation.say("back")
    assert reply.question is not None and reply.question.id == "psl_chair"
    conversation.say("business leaders")
    assert conversation.current is not None and conversation.current.id == "psl_agree_engaged"
    conversation.say("4")
    where = conversation.current.id
    resumed = services.open_conversation(store, TODAY, conversation.assessment_id)
    assert resumed.current is not None and resumed.current.id == where
    assert "Welcome back" in resumed.opening().messages[0]
    assert resumed.record.answers["psl_chair"].value == "business_leaders"
