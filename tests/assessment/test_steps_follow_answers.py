"""Next steps never tell people to do what they said they already do (walkthrough finding K):
the documents still decide a gate, and the difference is said with the gate."""

from __future__ import annotations

from datetime import datetime

from nextgen_assistant.assessment.advice import load_recommendations, recommend, said_choices
from nextgen_assistant.assessment.gates import gate_result
from nextgen_assistant.assessment.model import GateReading, GateResult
from nextgen_assistant.dialogue.model import Answer, AssessmentRecord, Partnership
from nextgen_assistant.rubric import load_rubric


def _check(check_id: str):  # type: ignore[no-untyped-def]
    return next(c for i in load_rubric().indicators for c in i.checks if c.id == check_id)


def test_a_partner_type_the_person_named_is_not_to_be_invited() -> None:
    said = GateReading(
        passed=True,
        reason="you named 3 of the 5 partner types",
        missing=["K-12 education", "Economic development"],
    )
    shown = GateReading(
        passed=False,
        reason="the documents show 2 of 5 (post-secondary, workforce development)",
        missing=["K-12 education", "Economic development", "Chambers of commerce"],
    )
    gate = gate_result(_check("partner_type_coverage"), said, shown)
    assert gate.passed is False  # the documents decide the gate
    assert gate.missing == ["K-12 education", "Economic development"]
    steps = recommend(load_recommendations(), "public_partner_team", "partial", [gate])
    text = " ".join(s.text for s in steps)
    assert "invite K-12 education and economic development" in text
    assert "chamber" not in text.lower()


def test_dues_the_person_named_are_grown_not_introduced() -> None:
    now = datetime(2026, 11, 25, 9, 0)
    record = AssessmentRecord(
        id=1,
        partnership=Partnership(name="Lakeshore Food Processing Partnership"),
        started_at=now,
        updated_at=now,
        answers={
            "sus_funding_sources": Answer(
                question_id="sus_funding_sources", value=["dues", "grants"], raw="dues and grants"
            )
        },
    )
    failed = GateResult(
        id="not_grant_dependent",
        description="No single grant pays for more than half.",
        passed=False,
        detail="the funding documents put the largest grant at 91% of stated funding",
    )
    book = load_recommendations()
    steps = recommend(book, "sustainability", "gap", [failed], set(), said_choices([record]))
    text = " ".join(s.text for s in steps)
    assert "introduce member dues" not in text
    assert "grow the member dues or company contributions the partnership already has" in text
    unsaid = recommend(book, "sustainability", "gap", [failed], set(), {})
    assert any("introduce member dues" in s.text for s in unsaid)  # no answer: as before
