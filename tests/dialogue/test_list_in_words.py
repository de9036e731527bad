"""A list question answered in words (walkthrough finding H): the reading is shown back before
it counts, names said first decide, a choice that means two others together is read when both
are named, and "me" is the person, by the role they gave at the start."""

from __future__ import annotations

from datetime import date

import pytest

from nextgen_assistant import services
from nextgen_assistant.dialogue.questions import load_questions
from nextgen_assistant.dialogue.reading import parse_answer, read_in_words
from nextgen_assistant.dialogue.store import Store
from tests.dialogue.test_engine import answer_until

TODAY = date(2026, 11, 25)


@pytest.fixture
def store(tmp_path) -> Store:  # type: ignore[no-untyped-def]
    return Store(tmp_path / "words.sqlite3")


def test_a_role_in_words_is_shown_back_and_the_role_named_first_decides(store: Store) -> None:
    conversation = services.open_conversation(store, TODAY)
    answer_until(conversation, "respondent_role", {})
    reply = conversation.say("I'm on staff there, my desk is at the county workforce office")
    assert reply.messages == ["I read that as: Convener or staff. Is that right?"]
    assert conversation.confirming and conversation.current.id == "respondent_role"
    reply = conversation.say("y")
    assert reply.messages[0] == "Noted: Convener or staff."
    assert conversation.record.answers["respondent_role"].value == "convener"
    assert conversation.record.respondent.role == "convener"


def test_no_to_a_reading_of_a_list_drops_it_and_asks_the_list_again(store: Store) -> None:
    conversation = services.open_conversation(store, TODAY)
    answer_until(conversation, "respondent_role", {})
    conversation.say("the college, where I teach")
    reply = conversation.say("no")
    assert reply.messages == [
        "Sorry, I misread that. Pick from the list, or say it in other words."
    ]
    assert "respondent_role" not in conversation.record.answers
    assert reply.question is not None and reply.question.id == "respondent_role"
    assert not conversation.confirming
    reply = conversation.say("3")  # a number is no reading: taken as it is
    assert reply.messages[0] == "Noted: Convener or staff."


def test_me_and_a_public_partner_chairing_is_both_for_a_business_leader(store: Store) -> None:
    conversation = services.open_conversation(store, TODAY)
    answer_until(conversation, "psl_chair", {"respondent_role": "1"})  # a business leader
    reply = conversation.say("me and the college president co-chair it")
    assert "A business leader and a public partner together" in reply.messages[0]
    conversation.say("yes")
    assert conversation.record.answers["psl_chair"].value == "business_and_public"


@pytest.mark.parametrize(
    ("role", "said", "read"),
    [
        ("public_partner", "the dean and myself", "public_partner"),
        ("business_leader", "it's me", "business_leaders"),
        ("business_leader", "the owner of a machine shop and the chamber", "business_and_public"),
        ("other", "the workforce board, I think", "public_partner"),
        ("business_leader", "I think the college runs it", "public_partner"),
    ],
)
def test_who_chairs_in_words(role: str, said: str, read: str) -> None:
    question = load_questions()["psl_chair"]
    assert parse_answer(question, said, TODAY, role) == read
    assert read_in_words(question, said)


def test_numbers_and_labels_are_not_readings() -> None:
    bank = load_questions()
    assert not read_in_words(bank["psl_chair"], "2")
    assert not read_in_words(bank["psl_chair"], "Business leaders")
    assert not read_in_words(bank["ppt_partner_types"], "1, 3, 5")
    assert read_in_words(bank["ppt_partner_types"], "1, the chamber")
