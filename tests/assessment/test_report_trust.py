"""'A report a board can trust' (issue 19), each case as a new user meets it."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

from nextgen_assistant import services
from nextgen_assistant.assessment.gates import GateInputs, read_gate
from nextgen_assistant.assessment.model import GateReading
from nextgen_assistant.assessment.scores import kept, shown_score
from nextgen_assistant.dialogue.model import Answer, AssessmentRecord, Partnership, Respondent
from nextgen_assistant.dialogue.questions import load_questions
from nextgen_assistant.dialogue.store import Store
from nextgen_assistant.report.render import render_report
from nextgen_assistant.rubric import load_rubric
from nextgen_assistant.signals.model import IndicatorEvidence, ScanResult
from tests.conftest import SAMPLE_DOCS, run_nextgen

TODAY = date(2026, 11, 25)
MESA = SAMPLE_DOCS / "mesa-valley-healthcare"
FRONT_RANGE = SAMPLE_DOCS / "front-range-manufacturing"


def _record(role: str = "other", **answers: object) -> AssessmentRecord:
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    return AssessmentRecord(
        id=1,
        partnership=Partnership(name="Test Partnership"),
        respondent=Respondent(role=role),  # type: ignore[arg-type]
        started_at=now,
        updated_at=now,
        answers={k: Answer(question_id=k, value=v, raw=str(v)) for k, v in answers.items()},  # type: ignore[arg-type]
    )


def _report(*args: str) -> str:
    done = run_nextgen("report", "--as-of", TODAY.isoformat(), *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_documents_of_another_partnership_are_flagged_at_the_top() -> None:
    md = _report("--answers", str(FRONT_RANGE / "answers.yaml"), "--docs", str(MESA))
    head = md.split("| Indicator |")[0]
    assert "**Check first:** The documents name Mesa County" in head
    assert "Mesa Valley Health Careers Partnership, not of Front Range Manufacturing" in head
    # The verdict itself says its figures count those documents (it said "meets" beside it).
    assert "indicators meet" in head and "may be another partnership's: check first" in head
    own = json.loads(
        _report("--answers", str(MESA / "answers.yaml"), "--docs", str(MESA), "-f", "json")
    )
    assert own["warnings"] == []
    assert "another partnership" not in own["overall"]["summary"]


def test_bands_apply_to_the_exact_score_and_the_figure_agrees() -> None:
    # Self 4.0 from one answer, documents 3.9: merged 3.95 is partial, shown as 3.95.
    scan = ScanResult(
        as_of=TODAY,
        documents=[],
        indicators=[IndicatorEvidence(id="private_sector_leadership", status="partial", score=3.9)],
    )
    report = services.make_report(TODAY, _record(psl_agree_engaged=4), scan)
    leadership = next(f for f in report.indicators if f.id == "private_sector_leadership")
    assert leadership.status == "partial" and leadership.score == 3.95
    md = render_report(report, "md")
    assert "| Private-sector leadership | 4.0 | 3.9 | 3.95 | **partial** |" in md
    assert "4.0 | **partial**" not in md
    page = render_report(report, "html")
    assert "3.95 partial" in page  # the chart's label
    assert shown_score(3.95) == "3.95" and shown_score(4.0) == "4.0" and shown_score(3.44) == "3.4"
    assert shown_score(2.999) == "2.99" and kept(3.999) == 3.99 and shown_score(None) == "–"
    rubric = load_rubric()
    for hundredths in range(100, 501):
        exact = hundredths / 100 - 0.004
        shown = float(shown_score(exact))
        assert rubric.status_for(shown) == rubric.status_for(exact), exact


def test_no_answers_and_no_documents_says_what_is_missing(tmp_path: Path) -> None:
    report = services.make_report(TODAY, _record(), None)
    assert report.overall.top_change is None and report.overall.meets == 0
    assert report.overall.summary.startswith("Nothing to judge yet: no answers")
    assert "no documents" in report.overall.summary
    md = render_report(report, "md")
    assert "0 of 7" not in md and "move the partnership furthest" not in md
    store = Store(tmp_path / "empty.sqlite3")
    empty = store.start(Partnership(name="Quiet Partnership"))
    done = run_nextgen("report", "--session", str(empty), "--db", str(tmp_path / "empty.sqlite3"))
    assert done.returncode == 0 and "Nothing to judge yet" in done.stdout


def test_some_indicators_unknown_are_counted_apart() -> None:
    report = services.make_report(
        TODAY, _record(psl_agree_engaged=5, psl_chair="business_leaders"), None
    )
    assert "cannot be judged yet" in report.overall.summary


def test_recommendations_ask_for_what_is_missing() -> None:
    md = _report("--answers", str(MESA / "answers.yaml"), "--docs", str(MESA))
    top = next(line for line in md.splitlines() if "move the partnership furthest" in line)
    # Mesa's documents show colleges and the workforce center; its respondent names K-12 and
    # economic development too: invite the one no one names (the gate says the difference).
    assert "invite chambers of commerce to meet" in top
    assert "colleges" not in top and "workforce" not in top and "K-12" not in top
    # A business leader already chairs: no advice to hand the chair to one.
    chaired = services.make_report(
        TODAY, _record(psl_chair="business_leaders", psl_agree_engaged=2), None
    )
    leadership = next(f for f in chaired.indicators if f.id == "private_sector_leadership")
    assert leadership.status in ("gap", "partial")
    assert not any("Hand the chair" in r for r in leadership.recommendations)
    staff = services.make_report(TODAY, _record(psl_chair="staff", psl_agree_engaged=2), None)
    assert any(
        "Hand the chair" in r
        for f in staff.indicators
        if f.id == "private_sector_leadership"
        for r in f.recommendations
    )


def test_one_finding_one_place_strongest_first() -> None:
    data = json.loads(
        _report("--answers", str(MESA / "answers.yaml"), "--docs", str(MESA), "-f", "json")
    )
    seen: dict[str, str] = {}
    for indicator in data["indicators"]:
        weights = [
            s["weight"] * s["confidence"]
            for s in indicator["evidence"]
            if s["context"] in ("asserted", "negated")
        ]
        assert weights == sorted(weights, reverse=True), indicator["id"]
        for signal in indicator["evidence"]:
            key = re.sub(r"\W+", " ", signal["quote"]).strip().lower()
            assert key not in seen, f"{signal['quote']} under {seen.get(key)} and {indicator['id']}"
            seen[key] = indicator["id"]
    plan = next(i for i in data["indicators"] if i["id"] == "shared_action_plan")
    assert not any("grant period ends" in s["quote"] for s in plan["evidence"])
    md = _report("--answers", str(MESA / "answers.yaml"), "--docs", str(MESA))
    # A gate's disagreement is said once, with the gate.
    assert md.count("the documents show 2 of 5 (post-secondary, workforce development)") == 1
    assert "Answers and documents disagree; the documents decide." in md
    team = next(i for i in data["indicators"] if i["id"] == "public_partner_team")
    assert team["conflicts"][0]["gate_id"] == "partner_type_coverage"


def test_evidence_paths_are_relative_to_the_folder_scanned() -> None:
    data = json.loads(_report("--docs", str(MESA), "-f", "json"))
    paths = [s["path"] for i in data["indicators"] for s in i["evidence"]]
    paths += [d["path"] for d in data["documents"]]
    assert paths and all(p.startswith("mesa-valley-healthcare/") for p in paths)
    assert str(MESA.parent) not in json.dumps(data)


def test_gate_wiring_comes_from_questions_check() -> None:
    bank = load_questions()
    rubric = load_rubric()
    coverage = rubric.indicator("public_partner_team").gates[0]
    inputs = GateInputs(
        bank,
        {"ppt_partner_types": Answer(question_id="ppt_partner_types", value=["k12", "chamber"])},
        None,
        [],
        TODAY,
    )
    wired = inputs.wired("partner_type_coverage")
    assert [q.id for q, _ in wired] == [
        q.id for q in bank.all_questions() if q.check == "partner_type_coverage"
    ]
    said, shown = read_gate(coverage, inputs)
    assert isinstance(said, GateReading) and said.passed is False
    assert said.reason == "named 2 of the 5 partner types"
    assert said.missing == ["Post-secondary", "Workforce development", "Economic development"]
    assert shown.passed is None
    # The conflict names the question wired to the gate (read from questions.yaml).
    md = json.loads(
        _report("--answers", str(MESA / "answers.yaml"), "--docs", str(MESA), "-f", "json")
    )
    plan = next(i for i in md["indicators"] if i["id"] == "shared_action_plan")
    assert plan["conflicts"][0]["question_id"] == "sap_updated"


def test_gates_source_names_no_question_ids() -> None:
    import nextgen_assistant.assessment.gates as gates
    import nextgen_assistant.assessment.merge as merge

    ids = [q.id for q in load_questions().all_questions()]
    for module in (gates, merge):
        text = Path(module.__file__ or "").read_text(encoding="utf-8")
        assert not [i for i in ids if f'"{i}"' in text], module.__name__


def test_earlier_assessment_is_the_same_role_not_another_respondent(tmp_path: Path) -> None:
    store = Store(tmp_path / "roles.sqlite3")
    partnership = Partnership(name="Role Partnership")
    first = store.start(partnership, Respondent(role="business_leader"))
    store.start(partnership, Respondent(role="public_partner"))
    third = store.start(partnership, Respondent(role="business_leader"))
    later = store.start(partnership, Respondent(role="public_partner"))
    assert store.earlier(third) is not None and store.earlier(third).id == first  # type: ignore[union-attr]
    assert store.earlier(later).id == 2  # type: ignore[union-attr]
    assert [r.id for r in store.respondents("role partnership")] == [1, 2, 3, 4]
    assert store.partnerships() == [(Partnership(name="Role Partnership"), 4)]


def test_readme_quick_start_reports_on_the_id_assess_prints(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    start = readme.split("## Quick start", 1)[1].split("## ", 1)[0]
    assert "--session 1 " not in start and '--session "$ID"' in start
    db = str(tmp_path / "quick.sqlite3")
    # After `make run` the database already holds the user's own assessment.
    own = tmp_path / "own.yaml"
    own.write_text(
        "partnership: {name: High Plains Manufacturing Partnership, region: Northeast Colorado}\n"
        "answers: {psl_agree_engaged: 4}\n",
        encoding="utf-8",
    )
    day = ("--as-of", TODAY.isoformat())  # Mesa's answers date the plan January 2026
    assert run_nextgen("assess", "--answers", str(own), "--db", db, *day).stdout.strip() == "1"
    printed = run_nextgen("assess", "--answers", str(MESA / "answers.yaml"), "--db", db, *day)
    assessment_id = printed.stdout.strip()
    assert assessment_id == "2" and "--session 2" in printed.stderr
    md = _report("--session", assessment_id, "--docs", str(MESA), "--db", db)
    assert "Mesa Valley Health Careers Partnership" in md and "Check first" not in md
    wrong = _report("--session", "1", "--docs", str(MESA), "--db", db)
    assert "**Check first:** The documents name Mesa County" in wrong


def test_report_and_portfolio_take_the_scan_options(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.yaml").write_text(
        "indicator: sustainability\nrules:\n  - id: sustainability.endowment_drive\n"
        "    polarity: supporting\n    phrases: [capital campaign]\n"
        '    examples: {match: ["We ran a capital campaign."]}\n',
        encoding="utf-8",
    )
    root = tmp_path / "root"
    docs = root / "one"
    docs.mkdir(parents=True)
    (docs / "note.txt").write_text("Members ran a capital campaign this year.\n", encoding="utf-8")
    (docs / "big.txt").write_text(
        "Business leaders chair the partnership.\n" * 100, encoding="utf-8"
    )
    done = run_nextgen(
        "report",
        "--docs",
        str(docs),
        "--lexicons",
        str(rules),
        "--max-mb",
        "0.002",
        "--as-of",
        TODAY.isoformat(),
        "-f",
        "json",
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr  # a document was unreadable
    data = json.loads(done.stdout)
    rules_found = [s["rule"] for i in data["indicators"] for s in i["evidence"]]
    assert "sustainability.endowment_drive" in rules_found
    unread = [d for d in data["documents"] if d["status"] == "error"]
    assert [d["path"] for d in unread] == ["one/big.txt"]
    sheet = run_nextgen(
        "portfolio",
        str(root),
        "--lexicons",
        str(rules),
        "--max-mb",
        "0.002",
        "--as-of",
        TODAY.isoformat(),
        "-f",
        "json",
    )
    assert sheet.returncode == 1 and "big.txt" in sheet.stderr
    listed = json.loads(sheet.stdout)["partnerships"][0]
    assert listed["unreadable"][0]["path"].endswith("big.txt")
    sustainability = next(i for i in listed["indicators"] if i["id"] == "sustainability")
    assert sustainability["supporting"] == 1
