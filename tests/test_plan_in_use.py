"""A plan only mentioned is a plan, not one in use: the gate `plan_in_use` asks the documents for
two of three (a written plan, action teams carrying it out, a plan kept current), as a user meets
it in `nextgen scan` and the gap report."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from nextgen_assistant.errors import ConfigError
from nextgen_assistant.rubric import Check, load_rubric
from nextgen_assistant.signals.scan import ScanSettings, scan, scan_streaming
from tests.conftest import run_nextgen

AS_OF = date(2026, 5, 1)
# Written for these tests, in the shapes real pages use: a plan made, then what is done with it.
WRITTEN = "The dairy processors of the valley developed a written action plan in their first year."
CARRIED_OUT = (
    "Three action teams, each led by a plant manager, carry the plan out and report progress "
    "at every quarterly meeting."
)


def _folder(tmp_path: Path, *paragraphs: str) -> Path:
    folder = tmp_path / "partnership"
    folder.mkdir(parents=True)
    (folder / "charter.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return folder


def _plan(result):  # type: ignore[no-untyped-def]
    return next(i for i in result.indicators if i.id == "shared_action_plan")


def test_a_plan_only_mentioned_is_held_at_partial(tmp_path: Path) -> None:
    plan = _plan(scan([_folder(tmp_path, WRITTEN)], ScanSettings(as_of=AS_OF)))
    assert plan.score is not None and plan.score >= 4.0  # the band alone would say meets
    assert plan.status == "partial" and plan.capped_by == ["plan_in_use"]


def test_a_plan_shown_carried_out_meets(tmp_path: Path) -> None:
    plan = _plan(scan([_folder(tmp_path, WRITTEN, CARRIED_OUT)], ScanSettings(as_of=AS_OF)))
    assert plan.status == "meets" and plan.capped_by == []


def test_no_plan_evidence_is_no_gate_reading(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "Nine plant owners met at the college in March.")
    plan = _plan(scan([folder], ScanSettings(as_of=AS_OF)))
    assert plan.status == "unknown" and plan.capped_by == []


def test_the_streamed_scan_holds_the_same(tmp_path: Path) -> None:
    folder = _folder(tmp_path, WRITTEN)
    full = scan([folder], ScanSettings(as_of=AS_OF))
    streamed = scan_streaming([folder], ScanSettings(as_of=AS_OF), keep=1)
    try:
        assert streamed.summary.indicators == full.indicators
    finally:
        streamed.close()


def test_the_scan_json_and_the_gap_report_say_why(tmp_path: Path) -> None:
    folder = _folder(tmp_path, WRITTEN)
    done = run_nextgen("scan", str(folder), "--format", "json", "--as-of", "2026-05-01")
    assert done.returncode == 0, done.stderr
    plan = next(i for i in json.loads(done.stdout)["indicators"] if i["id"] == "shared_action_plan")
    assert plan["status"] == "partial" and plan["capped_by"] == ["plan_in_use"]
    report = run_nextgen(
        "report", "--docs", str(folder), "--format", "json", "--as-of", "2026-05-01"
    )
    assert report.returncode == 0, report.stderr
    finding = next(
        i for i in json.loads(report.stdout)["indicators"] if i["id"] == "shared_action_plan"
    )
    gate = next(g for g in finding["gates"] if g["id"] == "plan_in_use")
    assert gate["passed"] is False
    assert gate["detail"] == (
        "the documents show a written plan, not action teams carrying it out or a plan kept current"
    )
    assert finding["status"] == "partial"


def test_answers_speak_to_the_gate_where_the_documents_are_silent() -> None:
    from nextgen_assistant.assessment.gates import GateInputs, read_gate
    from nextgen_assistant.dialogue.model import Answer
    from nextgen_assistant.dialogue.questions import load_questions

    check = load_rubric().indicator("shared_action_plan").check("plan_in_use")
    bank = load_questions()
    for rated, passed in ((5, True), (2, False)):
        answers = {
            "sap_agree_action_teams": Answer(
                question_id="sap_agree_action_teams", raw=str(rated), value=rated
            )
        }
        said, shown = read_gate(check, GateInputs(bank, answers, None, [], AS_OF))
        assert said.passed is passed and shown.passed is None


def test_a_check_with_aspects_needs_how_many() -> None:
    with pytest.raises(ValidationError, match="needs both aspects and aspects_needed"):
        Check(id="x", description="y", aspects={"a": ["shared_action_plan.plan_made"]})
    with pytest.raises(ValidationError, match="needs 3 aspects but names 1"):
        Check(id="x", description="y", aspects={"a": ["r"]}, aspects_needed=3)


def test_an_aspect_naming_no_such_rule_is_a_clear_error() -> None:
    from nextgen_assistant.signals.checker import _check_aspects
    from nextgen_assistant.signals.lexicon import load_lexicons

    rubric = load_rubric()
    plan = rubric.indicator("shared_action_plan")
    broken = plan.check("plan_in_use").model_copy(
        update={"aspects": {"a written plan": ["shared_action_plan.plan_madee"]}}
    )
    indicator = plan.model_copy(
        update={"checks": [broken if c.id == broken.id else c for c in plan.checks]}
    )
    changed = rubric.model_copy(
        update={"indicators": [indicator if i.id == plan.id else i for i in rubric.indicators]}
    )
    with pytest.raises(ConfigError, match="plan_madee, not a supporting rule"):
        _check_aspects(changed, load_lexicons(()))


def test_the_scan_table_and_markdown_say_why_a_score_of_4_is_partial(tmp_path: Path) -> None:
    folder = _folder(tmp_path, WRITTEN)
    held = (
        "Shared, up-to-date action plan: held at partial until the documents show that action "
        "teams carry the plan out and report progress."
    )
    for kind in ("md", "table"):
        done = run_nextgen("scan", str(folder), "--format", kind, "--as-of", "2026-05-01")
        assert done.returncode == 0, done.stderr
        assert held in " ".join(done.stdout.split()), kind
    shown = run_nextgen(
        "scan", str(_folder(tmp_path / "both", WRITTEN, CARRIED_OUT)), "--format", "md"
    )
    assert "held at partial" not in shown.stdout


def test_the_documents_screen_says_why(tmp_path: Path) -> None:
    from nextgen_assistant.tui.widgets.scan_summary import scan_summary

    folder = _folder(tmp_path, WRITTEN)
    parts = scan_summary(scan([folder], ScanSettings(as_of=AS_OF)), [folder])
    shown = "\n".join(text.plain for text, _ in parts)
    assert "Shared, up-to-date action plan: partial 4.0 (+1 / -0); held at partial until" in shown
