"""The merge on crafted cases, and the report's outputs."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from nextgen_assistant import INDICATOR_IDS, services
from nextgen_assistant.assessment.merge import merged_score
from nextgen_assistant.dialogue.model import Answer, AssessmentRecord, Partnership
from nextgen_assistant.report.render import render_report
from tests.conftest import SAMPLE_DOCS, run_nextgen

TODAY = date(2026, 11, 25)


def record(**answers: object) -> AssessmentRecord:
    now = datetime.now(UTC)
    return AssessmentRecord(
        id=1,
        partnership=Partnership(name="Test"),
        started_at=now,
        updated_at=now,
        answers={k: Answer(question_id=k, value=v, raw=str(v)) for k, v in answers.items()},
    )  # type: ignore[arg-type]


def finding(report, indicator: str):  # type: ignore[no-untyped-def]
    return next(f for f in report.indicators if f.id == indicator)


@pytest.fixture(scope="module")
def pueblo_scan():  # type: ignore[no-untyped-def]
    return services.scan_documents([SAMPLE_DOCS / "pueblo-county-workforce"], TODAY)


def test_merged_score_rule() -> None:
    assert merged_score(4.0, 2.0) == 3.0
    assert merged_score(None, 2.5) == 2.5
    assert merged_score(4.4, None) == 4.4
    assert merged_score(None, None) is None


def test_answers_only_every_indicator_scored_from_answers() -> None:
    report = services.make_report(
        TODAY, record(psl_chair="business_leaders", psl_agree_engaged=5), None
    )
    leadership = finding(report, "private_sector_leadership")
    assert (
        leadership.self_score == 5.0
        and leadership.evidence_score is None
        and leadership.status == "meets"
    )
    assert finding(report, "sustainability").status == "unknown"
    assert report.overall.next_gen is False


def test_documents_only_self_scores_unknown(pueblo_scan) -> None:  # type: ignore[no-untyped-def]
    report = services.make_report(TODAY, None, pueblo_scan)
    assert all(f.self_score is None for f in report.indicators)
    assert all(f.status == "gap" for f in report.indicators)


def test_agreeing_answers_and_documents_have_no_conflict(pueblo_scan) -> None:  # type: ignore[no-untyped-def]
    report = services.make_report(
        TODAY,
        record(psl_business_attendees=2, psl_public_attendees=6, psl_chair="staff"),
        pueblo_scan,
    )
    assert finding(report, "private_sector_leadership").conflicts == []


def test_conflicting_answer_is_set_beside_the_evidence(pueblo_scan) -> None:  # type: ignore[no-untyped-def]
    report = services.make_report(
        TODAY,
        record(
            psl_business_attendees=8,
            psl_public_attendees=5,
            psl_chair="business_leaders",
            psl_agree_engaged=5,
        ),
        pueblo_scan,
    )
    conflicts = finding(report, "private_sector_leadership").conflicts
    assert any(
        "2 business and 6 public" in c.message and "8 business leaders" in c.message
        for c in conflicts
    )
    assert any(c.kind == "contradicted" and c.evidence is not None for c in conflicts)


def test_claim_without_evidence_is_unsupported_not_contradicted(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("The meeting started at nine.\n")
    scan = services.scan_documents([tmp_path], TODAY)
    report = services.make_report(
        TODAY, record(mr_agree_reported=5, mr_outcomes=["hires", "wages", "retention"]), scan
    )
    conflicts = finding(report, "measurable_results").conflicts
    assert [c.kind for c in conflicts] == ["unsupported"]


def test_failed_gate_caps_meets_at_partial() -> None:
    report = services.make_report(
        TODAY,
        record(
            sap_has_plan="yes",
            sap_developed_by="business_leaders",
            sap_agree_action_teams=5,
            sap_updated=date(2023, 1, 1),
        ),
        None,
    )
    plan = finding(report, "shared_action_plan")
    assert plan.score is not None and plan.score >= 3.0
    # The plan is in use (action teams rated 5 of 5), but more than a year old.
    assert {g.id: g.passed for g in plan.gates} == {"plan_current": False, "plan_in_use": True}
    assert plan.status != "meets"
    assert any("Refresh the action plan" in r for r in plan.recommendations)


def test_history_shows_change_since_last_assessment(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    answers = SAMPLE_DOCS / "mesa-valley-healthcare" / "answers.yaml"
    run_nextgen("assess", "--answers", str(answers), "--db", str(db), "--as-of", "2026-11-25")
    better = tmp_path / "later.yaml"
    better.write_text(answers.read_text().replace("sus_agree_survive: 2", "sus_agree_survive: 5"))
    run_nextgen("assess", "--answers", str(better), "--db", str(db), "--as-of", "2026-11-25")
    done = run_nextgen(
        "report", "--session", "2", "--db", str(db), "--format", "json", "--as-of", "2026-11-25"
    )
    data = json.loads(done.stdout)
    assert data["earlier"]["id"] == 1
    sustainability = next(i for i in data["indicators"] if i["id"] == "sustainability")
    assert sustainability["change_since_last"] > 0


def test_report_json_matches_the_contract_and_schema_prints() -> None:
    done = run_nextgen(
        "report",
        "--answers",
        str(SAMPLE_DOCS / "front-range-manufacturing" / "answers.yaml"),
        "--docs",
        str(SAMPLE_DOCS / "front-range-manufacturing"),
        "--format",
        "json",
        "--as-of",
        "2026-11-25",
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["schema_version"] == 1 and data["as_of"] == "2026-11-25"
    assert {"name", "industry", "region"} <= set(data["partnership"])
    assert data["overall"]["next_gen"] is True and data["overall"]["meets"] == 7
    assert [i["id"] for i in data["indicators"]] == list(INDICATOR_IDS)
    for item in data["indicators"]:
        assert {
            "id",
            "title",
            "status",
            "self_score",
            "evidence_score",
            "score",
            "gates",
            "conflicts",
            "evidence",
            "recommendations",
        } <= set(item)
        for gate in item["gates"]:
            assert {"id", "passed", "detail"} <= set(gate)
    schema = json.loads(run_nextgen("schema").stdout)
    assert "indicators" in schema["properties"]


def test_html_escapes_document_text(tmp_path: Path) -> None:
    (tmp_path / "evil.txt").write_text(
        "The partnership is business-led <script>alert('x')</script> and <img src=x onerror=alert(1)> works.\n"
    )
    scan = services.scan_documents([tmp_path], TODAY)
    page = render_report(services.make_report(TODAY, None, scan), "html")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script" not in page.lower().replace("&lt;script", "")


def test_markdown_report_has_the_sections() -> None:
    done = run_nextgen(
        "report",
        "--answers",
        str(SAMPLE_DOCS / "mesa-valley-healthcare" / "answers.yaml"),
        "--docs",
        str(SAMPLE_DOCS / "mesa-valley-healthcare"),
        "--as-of",
        "2026-11-25",
    )
    assert "# Gap report: Mesa Valley Health Careers Partnership" in done.stdout
    assert (
        "Not yet Next Gen" in done.stdout
        and "Answers and documents disagree; the documents decide." in done.stdout
        and "Next steps" in done.stdout
    )
