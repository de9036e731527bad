"""A plan only mentioned is a plan, not one in use: the gate `plan_in_use` asks for two of three
(a written plan, action teams carrying it out, a plan kept current), from the documents and from
the answers alike, as a user meets it in `nextgen scan`, the gap report and the Documents screen."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from nextgen_assistant.errors import ConfigError
from nextgen_assistant.rubric import Aspect, Check, load_rubric
from nextgen_assistant.signals.model import ScanResult
from nextgen_assistant.signals.scan import ScanSettings, scan, scan_streaming
from tests.conftest import run_nextgen

AS_OF = date(2026, 5, 1)
# Written for these tests, in the shapes real pages use: a plan made, then what is done with it.
WRITTEN = "The dairy processors of the valley developed a written action plan in their first year."
CARRIED_OUT = (
    "Three action teams, each led by a plant manager, carry the plan out and report progress "
    "at every quarterly meeting."
)
OLD_DATE = "The action plan was last updated in March 2019."
# Only red flags turned around by "not": none of them shows a plan at all.
DENIALS = "The plan does not sit on a shelf.\n\nOur work has not stalled."


def _folder(tmp_path: Path, *paragraphs: str, name: str = "partnership") -> Path:
    folder = tmp_path / name
    folder.mkdir(parents=True)
    (folder / "charter.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return folder


def _plan(result: ScanResult):  # type: ignore[no-untyped-def]
    return next(i for i in result.indicators if i.id == "shared_action_plan")


def _report_plan(folder: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    done = run_nextgen(
        "report", "--docs", str(folder), "--format", "json", "--as-of", "2026-05-01", *extra
    )
    assert done.returncode == 0, done.stderr
    return next(i for i in json.loads(done.stdout)["indicators"] if i["id"] == "shared_action_plan")


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


def test_red_flags_denied_show_no_plan_in_use(tmp_path: Path) -> None:
    plan = _plan(scan([_folder(tmp_path, DENIALS)], ScanSettings(as_of=AS_OF)))
    assert plan.status != "meets"
    if plan.score is not None and plan.score >= 4.0:
        assert plan.capped_by == ["plan_in_use"]


def test_an_old_date_is_no_plan_kept_current(tmp_path: Path) -> None:
    """ "Updated" said of a plan dated seven years ago: the date decides, in the scan and the
    report alike, and the two gates of the plan do not contradict each other."""
    folder = _folder(tmp_path, WRITTEN, OLD_DATE)
    plan = _plan(scan([folder], ScanSettings(as_of=AS_OF)))
    assert plan.status != "meets"
    finding = _report_plan(folder)
    gates = {g["id"]: g for g in finding["gates"]}
    assert gates["plan_current"]["passed"] is False
    assert gates["plan_in_use"]["passed"] is False
    assert (
        "not action teams carrying it out or a plan kept current" in gates["plan_in_use"]["detail"]
    )


def test_the_streamed_scan_holds_the_same(tmp_path: Path) -> None:
    folder = tmp_path / "two"
    folder.mkdir()
    (folder / "a-plan.txt").write_text(WRITTEN + "\n", encoding="utf-8")
    (folder / "b-teams.txt").write_text(CARRIED_OUT + "\n", encoding="utf-8")
    full = scan([folder], ScanSettings(as_of=AS_OF))
    streamed = scan_streaming([folder], ScanSettings(as_of=AS_OF), keep=1)
    try:
        assert streamed.summary.indicators == full.indicators
        assert _plan(full).status == "meets"
    finally:
        streamed.close()


def test_the_scan_json_and_the_gap_report_say_why(tmp_path: Path) -> None:
    folder = _folder(tmp_path, WRITTEN)
    done = run_nextgen("scan", str(folder), "--format", "json", "--as-of", "2026-05-01")
    assert done.returncode == 0, done.stderr
    plan = next(i for i in json.loads(done.stdout)["indicators"] if i["id"] == "shared_action_plan")
    assert plan["status"] == "partial" and plan["capped_by"] == ["plan_in_use"]
    finding = _report_plan(folder)
    gate = next(g for g in finding["gates"] if g["id"] == "plan_in_use")
    assert gate["passed"] is False
    assert gate["detail"] == (
        "the documents show a written plan, not action teams carrying it out or a plan kept current"
    )
    assert finding["status"] == "partial"
    # The next step names what is missing, not what the documents already show.
    assert any(
        r.startswith("Show action teams carrying it out and a plan kept current too")
        for r in finding["recommendations"]
    )


@pytest.mark.parametrize(
    ("answers", "passed"),
    [
        ({"sap_agree_action_teams": 5}, False),
        ({"sap_agree_action_teams": 5, "sap_has_plan": "yes"}, True),
        ({"sap_has_plan": "yes", "sap_updated": date(2026, 1, 1)}, True),
        ({"sap_has_plan": "yes", "sap_updated": date(2023, 1, 1)}, False),
        ({"sap_has_plan": "no", "sap_agree_action_teams": 5}, False),
    ],
)
def test_answers_show_the_same_three(answers: dict, passed: bool) -> None:  # type: ignore[type-arg]
    from nextgen_assistant.assessment.gates import GateInputs, read_gate
    from nextgen_assistant.dialogue.model import Answer
    from nextgen_assistant.dialogue.questions import load_questions

    check = load_rubric().indicator("shared_action_plan").check("plan_in_use")
    given = {q: Answer(question_id=q, raw=str(v), value=v) for q, v in answers.items()}
    said, shown = read_gate(check, GateInputs(load_questions(), given, None, [], AS_OF))
    assert said.passed is passed and shown.passed is None
    if answers.get("sap_has_plan") == "no":
        assert said.reason == "said there is no written action plan"


def test_a_check_with_aspects_needs_how_many() -> None:
    aspect = Aspect(id="a", shown_as="a plan", rules=["shared_action_plan.plan_made"])
    with pytest.raises(ValidationError, match="needs both aspects and aspects_needed"):
        Check(id="x", description="y", aspects=[aspect])
    with pytest.raises(ValidationError, match="needs 3 aspects but names 1"):
        Check(id="x", description="y", aspects=[aspect], aspects_needed=3)


def _rubric_with(**aspect_change: object):  # type: ignore[no-untyped-def]
    rubric = load_rubric()
    plan = rubric.indicator("shared_action_plan")
    check = plan.check("plan_in_use")
    aspects = [check.aspects[0].model_copy(update=aspect_change), *check.aspects[1:]]
    broken = check.model_copy(update={"aspects": aspects})
    indicator = plan.model_copy(
        update={"checks": [broken if c.id == broken.id else c for c in plan.checks]}
    )
    return rubric.model_copy(
        update={"indicators": [indicator if i.id == plan.id else i for i in rubric.indicators]}
    )


def test_an_aspect_naming_no_such_rule_or_one_turned_around_is_a_clear_error() -> None:
    from nextgen_assistant.signals.checker import _check_aspects
    from nextgen_assistant.signals.lexicon import load_lexicons

    lexicons = load_lexicons(())
    with pytest.raises(ConfigError, match="plan_madee, not a shared_action_plan rule"):
        _check_aspects(_rubric_with(rules=["shared_action_plan.plan_madee"]), lexicons)
    # A red flag named where a supporting rule belongs (as a lexicons folder of one's own that
    # turned a rule around would leave it).
    with pytest.raises(ConfigError, match="plan_outdated, not a shared_action_plan rule"):
        _check_aspects(_rubric_with(rules=["shared_action_plan.plan_outdated"]), lexicons)


def test_a_stored_scan_from_another_rubric_shows_no_note() -> None:
    from nextgen_assistant.report.wording import held_note
    from nextgen_assistant.signals.model import IndicatorEvidence

    item = IndicatorEvidence(
        id="shared_action_plan", status="partial", score=4.2, capped_by=["no_such_gate"]
    )
    assert held_note(item, ScanResult(as_of=AS_OF), load_rubric()) is None


def test_the_scan_table_and_markdown_say_why_a_score_of_4_is_partial(tmp_path: Path) -> None:
    folder = _folder(tmp_path, CARRIED_OUT)
    held = (
        "Shared, up-to-date action plan: held at partial: the documents show action teams "
        "carrying it out, not a written plan or a plan kept current."
    )
    for kind in ("md", "table"):
        done = run_nextgen("scan", str(folder), "--format", kind, "--as-of", "2026-05-01")
        assert done.returncode == 0, done.stderr
        assert held in " ".join(done.stdout.split()), kind
    both = _folder(tmp_path, WRITTEN, CARRIED_OUT, name="both")
    shown = run_nextgen("scan", str(both), "--format", "md", "--as-of", "2026-05-01")
    assert "held at partial" not in shown.stdout


def test_the_documents_screen_says_why(tmp_path: Path) -> None:
    from nextgen_assistant.tui.widgets.scan_summary import scan_summary

    folder = _folder(tmp_path, WRITTEN)
    parts = scan_summary(scan([folder], ScanSettings(as_of=AS_OF)), [folder])
    shown = "\n".join(text.plain for text, _ in parts)
    assert (
        "Shared, up-to-date action plan: partial 4.0 (+1 / -0); the documents show a written "
        "plan, not action teams carrying it out or a plan kept current" in shown
    )


def test_a_disagreement_sets_the_answer_it_rests_on_beside_the_documents(tmp_path: Path) -> None:
    """Answers show a written plan carried out by action teams (5 of 5); the documents only a
    written plan: the disagreement cites the action-teams answer, not the plan's yes."""
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "partnership: {name: Valley Dairy Partnership, industry: food processing, region: the valley}\n"
        "answers:\n  sap_has_plan: 'yes'\n  sap_agree_action_teams: 5\n",
        encoding="utf-8",
    )
    finding = _report_plan(_folder(tmp_path, WRITTEN), "--answers", str(answers))
    [conflict] = [c for c in finding["conflicts"] if c.get("gate_id") == "plan_in_use"]
    assert conflict["question_id"] == "sap_agree_action_teams" and conflict["answer"] == "5"


def test_a_next_step_never_asks_for_what_the_documents_show(tmp_path: Path) -> None:
    teams = _report_plan(_folder(tmp_path, CARRIED_OUT))
    assert not any(r.startswith("Form an action team") for r in teams["recommendations"])
    assert any(
        r.startswith("Show a written plan and a plan kept current too")
        for r in teams["recommendations"]
    )
    written = _report_plan(_folder(tmp_path, WRITTEN, name="written"))
    assert any(r.startswith("Form an action team") for r in written["recommendations"])
