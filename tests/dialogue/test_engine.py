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
    assert "It sounds like" in reply.messages[0]  # read back for confirmation
    reply = conversation.say("yes")
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
        ("rlm_counties", "lots", "couldn't find a number"),
        ("rlm_counties", "0", "out of range"),
        ("rlm_agree_footprint", "7", "1 (strongly disagree) to 5"),
        ("sap_updated", "2026-02-30", "as a date"),
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
    # In the question's words, with an example; never the internal id.
    assert "for example" in reply.messages[0] and question_id not in reply.messages[0]
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


@pytest.mark.parametrize(
    ("question_id", "said", "value"),
    [
        ("rlm_counties", "three", 3),
        ("rlm_counties", "about fifteen of them", 15),
        ("sus_largest_grant_share", "around a third", 33),
        ("sap_updated", "spring of 2023", date(2023, 4, 1)),
        ("sap_updated", "early 2024", date(2024, 2, 1)),
        ("sap_updated", "last fall", date(2025, 10, 1)),
        ("rlm_region_defined", "by where our companies hire", "labor_market"),
        (
            "ppt_partner_types",
            "the community college, the workforce board and the chamber",
            ["chamber", "postsecondary", "workforce"],
        ),
        ("ppt_partner_types", "1 3", ["k12", "workforce"]),
        ("rlm_agree_footprint", "four", 4),
        # hyphenated number words, whatever the hyphen or dash, read whole
        ("psl_new_companies", "we placed twenty-two apprentices", 22),
        ("psl_new_companies", "we placed twenty\u2011two apprentices", 22),  # non-breaking hyphen
        ("psl_new_companies", "twenty\u2013two", 22),  # en dash
        ("psl_new_companies", "twenty - two", 22),
        ("psl_new_companies", "thirty-five", 35),
        ("sus_largest_grant_share", "about one-third", 33),
        ("sus_largest_grant_share", "two-thirds", 67),
    ],
)
def test_answers_are_understood_as_people_write_them(
    store: Store, question_id: str, said: str, value: object
) -> None:
    conversation = services.open_conversation(store, TODAY)
    answer_until(conversation, question_id, {})
    conversation.say(said)
    assert conversation.record.answers[question_id].value == value


def test_going_back_to_a_dont_know_or_a_skip_names_it_without_double_brackets(
    store: Store,
) -> None:
    conversation = services.open_conversation(store, TODAY)
    answer_until(conversation, "psl_chair", {})
    conversation.say("don't know")
    back = conversation.say("back").messages[0]
    assert back == "Going back (your answer was: don't know)."
    conversation.say("skip")  # psl_chair again, skipped this time
    edited = conversation.say("edit psl_chair").messages[0]
    assert (
        "Your answer was: skipped." in edited and "((" not in edited and "(skipped)" not in edited
    )


def test_curly_apostrophes_and_a_hedged_yes_about_an_old_plan(store: Store) -> None:
    conversation = services.open_conversation(store, TODAY)
    answer_until(conversation, "psl_chair", {})
    conversation.say("don’t know")
    assert conversation.record.answers["psl_chair"].status == "dont_know"
    answer_until(conversation, "sap_has_plan", {})
    reply = conversation.say("we sort of have a plan but it’s old")
    assert conversation.record.answers["sap_has_plan"].value == "yes"
    assert "out of date" in reply.messages[0] and "Is that right?" in reply.messages[0]
    reply = conversation.say("yes")
    assert "out of date" in reply.messages[0]
    assert reply.question is not None and reply.question.id == "sap_updated"


def test_a_new_conversation_is_stored_only_with_its_first_answer(store: Store) -> None:
    conversation = services.open_conversation(store, TODAY)
    conversation.opening()
    assert store.list() == [] and conversation.assessment_id is None
    conversation.say("First Answer Partnership")
    assert conversation.assessment_id is not None
    assert store.load(conversation.assessment_id).partnership.name == "First Answer Partnership"


def test_numbering_holds_after_back_and_skips_are_not_answers(store: Store) -> None:
    conversation = services.open_conversation(store, TODAY)
    answer_until(conversation, "psl_business_attendees", {})
    total = len(conversation.sequence())
    number = int(conversation.number(conversation.bank["psl_business_attendees"]))
    assert f"Question {number} of {total}" in conversation.prompt()
    reply = conversation.say("back")
    assert f"Question {number - 1} of {total}" in reply.prompt
    conversation.say("skip")
    conversation.say("skip")
    counts = conversation.counts()
    assert counts.skipped == 2 and counts.answered == number - 2
    conversation.edit("partnership_name")
    assert "Question 1 of" in conversation.prompt(conversation.current)
    answer_until(conversation, "___end___", {})
    closing = conversation.prompt()
    assert "2 skipped" in closing and "every question has an answer" not in closing.lower()


def test_a_free_text_reading_is_shown_back_and_moves_the_status(store: Store) -> None:
    conversation = services.open_conversation(store, TODAY)
    answer_until(conversation, "ida_agenda_setter", {})
    before = conversation.summary()
    reply = conversation.say("mostly the workforce board staff who put the agenda together")
    assert "It sounds like" in reply.messages[0] and "*with* industry" in reply.messages[0]
    conversation.say("yes")
    after = conversation.summary()
    line = next(x for x in after.splitlines() if x.startswith("- Industry-driven agenda"))
    assert line not in before and "gap" in line


def test_a_follow_up_takes_its_questions_number_and_the_total_holds(store: Store) -> None:
    conversation = services.open_conversation(store, TODAY)
    answer_until(conversation, "sap_updated", {"sap_has_plan": "1"})
    total = conversation.total()
    number = int(conversation.number(conversation.bank["sap_updated"]))
    reply = conversation.say("2023-04")  # over a year old: who would refresh it?
    assert reply.question is not None and reply.question.id == "sap_who_refreshes"
    assert f"_Question {number}a of {total} ·" in conversation.prompt()
    conversation.say("the co-chairs")
    if conversation.confirming:
        conversation.say("yes")
    assert f"_Question {number + 1} of {total} ·" in conversation.prompt()
    assert conversation.counts().total == total
    reply = conversation.say(f"edit {number}a")
    assert reply.question is not None and reply.question.id == "sap_who_refreshes"
    assert reply.messages[0].startswith(f"Changing question {number}a.")
