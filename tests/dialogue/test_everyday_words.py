"""Answers in everyday words, found in the walkthrough: number words, hedges, yes and no,
paraphrased choices (the words are in lexicons/questions.yaml)."""

from __future__ import annotations

from datetime import date

import pytest

from nextgen_assistant.dialogue.questions import AnswerNotUnderstood, load_questions
from nextgen_assistant.dialogue.reading import parse_answer

TODAY = date(2026, 11, 25)


def _question(question_id: str):  # type: ignore[no-untyped-def]
    return next(q for q in load_questions().all_questions() if q.id == question_id)


@pytest.mark.parametrize(
    ("said", "count"),
    [
        ("a dozen or so", 12),
        ("about a dozen", 12),
        ("a couple", 2),
        ("a handful", 5),
        ("half a dozen", 6),
        ("two dozen", 24),
        ("fifteen", 15),
        ("3", 3),
    ],
)
def test_counts_in_words(said: str, count: int) -> None:
    assert parse_answer(_question("rlm_counties"), said, TODAY) == count


@pytest.mark.parametrize(
    ("said", "point"),
    [
        ("sort of, mostly", 4),
        ("mostly agree", 4),
        ("sort of", 3),
        ("not really", 2),
        ("dont know really", None),
        ("agree", 4),
        ("5", 5),
    ],
)
def test_hedges_on_the_agree_scale(said: str, point: int | None) -> None:
    assert parse_answer(_question("rlm_agree_footprint"), said, TODAY) == point


@pytest.mark.parametrize(("said", "value"), [("yep", "yes"), ("yeah", "yes"), ("nope", "no")])
def test_yes_and_no_in_other_words(said: str, value: str) -> None:
    assert parse_answer(_question("sap_has_plan"), said, TODAY) == value


def test_choices_in_other_words() -> None:
    often = parse_answer(_question("ppt_support_team_meets"), "every couple months I guess", TODAY)
    assert often == "quarterly"
    region = parse_answer(
        _question("rlm_region_defined"), "by where our hospitals recruit from", TODAY
    )
    assert region == "labor_market"


def test_words_that_say_no_number_are_still_not_understood() -> None:
    with pytest.raises(AnswerNotUnderstood):
        parse_answer(_question("rlm_counties"), "we never counted", TODAY)
    with pytest.raises(AnswerNotUnderstood):
        parse_answer(_question("rlm_agree_footprint"), "the chair decides", TODAY)


def test_one_unknown_name_in_a_list_keeps_the_rest_and_is_said_back(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Found in the walkthrough: "the community college, ivy tech, the workforce board and the
    chamber" kept nothing and said "“ ivy tech” is not a choice"."""
    from nextgen_assistant import services
    from nextgen_assistant.dialogue.store import Store
    from tests.dialogue.test_engine import answer_until

    question = _question("ppt_partner_types")
    said = "the community college, ivy tech, the workforce board and the chamber"
    assert parse_answer(question, said, TODAY) == ["chamber", "postsecondary", "workforce"]

    conversation = services.open_conversation(Store(tmp_path / "a.sqlite3"), TODAY)
    conversation.say("Lakeshore Food Processing")
    answer_until(conversation, "ppt_partner_types", {})
    reply = conversation.say(said)
    spoken = " ".join(reply.messages)
    assert "Post-secondary" in spoken and "Chambers of commerce" in spoken
    assert "I didn't recognise “ivy tech” as one of the choices" in spoken
    assert "“ " not in spoken and " ”" not in spoken  # no stray spaces inside the quotes
    saved = conversation.record.answers["ppt_partner_types"]
    assert saved.value == ["chamber", "postsecondary", "workforce"] and saved.raw == said

    with pytest.raises(AnswerNotUnderstood) as nothing_known:
        parse_answer(question, "ivy tech and cmu", TODAY)
    assert "“ivy tech”" in nothing_known.value.spoken
