"""After "Sorry, I misread that", skip keeps the person's words (walkthrough finding I)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from nextgen_assistant import services
from nextgen_assistant.dialogue.store import Store
from tests.dialogue.test_engine import answer_until

TODAY = date(2026, 11, 25)
WORDS = "our CNA pipeline cut first-year turnover from 38% to 24% since last fall"


def test_skip_after_a_misreading_keeps_the_words(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.sqlite3")
    conversation = services.open_conversation(store, TODAY)
    conversation.say("Mesa Valley Health Careers")
    text_question = next(
        q.id for q in conversation.sequence() if q.type == "text" and q.indicator is not None
    )
    answer_until(conversation, text_question, {})
    conversation.say(WORDS)
    assert conversation.confirming  # a reading was said back: say it is wrong
    sorry = conversation.say("n")
    assert "skip to keep your words" in " ".join(sorry.messages)
    kept = conversation.say("skip")
    assert "Kept your words" in " ".join(kept.messages)
    saved = store.load(conversation.assessment_id).answers[text_question]  # type: ignore[arg-type]
    assert saved.status == "answered" and saved.value == WORDS
    assert conversation.current is None or conversation.current.id != text_question
    # Skip anywhere else is still a skip.
    following = conversation.current
    assert following is not None
    conversation.say("skip")
    assert store.load(conversation.assessment_id).answers[following.id].status == "skipped"  # type: ignore[arg-type]


def test_a_from_to_change_of_turnover_is_read_as_a_change() -> None:
    """The walkthrough's sentence was said back as "38% retention"."""
    result = services.understander(TODAY)(WORDS)
    metrics = [(m.value, m.measure) for m in result.facts.metrics]
    assert metrics == [("from 38% to 24%", "retention, change")]
    assert [s.matched for s in result.signals] == ["from 38% to 24% retention, change"]
