"""Issue 19's done test: a partnership with three respondents (two business leaders, one public
partner) and its documents gives one group report in Markdown, HTML, JSON and docx; the HTML
is opened in headless Chromium where it is installed and the docx is read back."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from tests.conftest import SAMPLE_DOCS, load_script, run_nextgen

AS_OF = "2026-11-25"
MESA = SAMPLE_DOCS / "mesa-valley-healthcare"
NAME = "Mesa Valley Health Careers Partnership"

FIRST_BUSINESS = f"""\
partnership: {{name: {NAME}, industry: health care, region: "Mesa, Delta and Montrose counties"}}
respondent: {{role: business_leader}}
answers:
  rlm_counties: 3
  psl_chair: business_leaders
  psl_agree_engaged: 5
  ida_agree_industry_identified: 5
  ida_agree_impact: 4
  ppt_partner_types: [postsecondary, workforce]
  sus_agree_survive: 4
"""
# The next two join the stored partnership with --partnership: no name, industry or region.
SECOND_BUSINESS = """\
respondent: {role: business_leader}
answers:
  rlm_counties: 3
  psl_chair: business_leaders
  psl_agree_engaged: 4
  ida_agree_industry_identified: 4
  ida_agree_impact: 5
  sus_agree_survive: 3
"""
PUBLIC = """\
respondent: {role: public_partner}
answers:
  rlm_counties: 2
  psl_chair: staff
  psl_agree_engaged: 2
  ida_agree_industry_identified: 1
  ida_agree_impact: 2
  sus_agree_survive: 2
"""


def _store_group(tmp_path: Path) -> Path:
    db = tmp_path / "group.sqlite3"
    for number, (text, joins) in enumerate(
        [(FIRST_BUSINESS, False), (SECOND_BUSINESS, True), (PUBLIC, True)], start=1
    ):
        path = tmp_path / f"respondent-{number}.yaml"
        path.write_text(text, encoding="utf-8")
        args = ["assess", "--answers", str(path), "--db", str(db), "--as-of", AS_OF]
        if joins:
            args += ["--partnership", NAME.upper()]  # any case finds the stored record
        done = run_nextgen(*args)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == str(number)  # the id `assess` prints
    return db


def _report(db: Path, *extra: str) -> str:
    done = run_nextgen(
        "report",
        "--partnership",
        NAME,
        "--docs",
        str(MESA),
        "--db",
        str(db),
        "--as-of",
        AS_OF,
        *extra,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def group(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The stored group and its report in every format, made once."""
    tmp_path = tmp_path_factory.mktemp("group")
    db = _store_group(tmp_path)
    page, word = tmp_path / "group.html", tmp_path / "group.docx"
    _report(db, "--format", "html", "-o", str(page))
    _report(db, "--format", "docx", "-o", str(word))
    return {
        "db": db,
        "md": _report(db),
        "json": json.loads(_report(db, "--format", "json")),
        "html": page,
        "docx": word,
    }


def test_json_carries_respondents_by_role_and_divergence(group: dict[str, object]) -> None:
    data = group["json"]
    assert isinstance(data, dict)
    assert data["partnership"]["name"] == NAME and data["partnership"]["region"]
    assert [r["role"] for r in data["respondents"]] == [
        "business_leader",
        "business_leader",
        "public_partner",
    ]
    assert all(set(r) == {"role", "answered"} for r in data["respondents"])  # never a name
    leadership = next(i for i in data["indicators"] if i["id"] == "private_sector_leadership")
    assert leadership["by_role"]["business_leader"] == {
        "respondents": 2,
        "self_score": 4.75,
        "note": None,
    }
    assert leadership["by_role"]["public_partner"]["respondents"] == 1
    assert "one person's view" in leadership["by_role"]["public_partner"]["note"]
    assert leadership["divergence"] == pytest.approx(3.25)
    assert leadership["spread"] == pytest.approx(3.5)
    assert leadership["divergence_finding"].startswith("Business leaders and public partners")
    assert leadership["diverging_questions"][0]["question_id"] == "psl_chair"
    # The group's self score is the mean of the three respondents'.
    assert leadership["self_score"] == pytest.approx((5.0 + 4.5 + 1.5) / 3, abs=0.01)
    # A full band apart or more is a finding; less is not.
    footprint = next(i for i in data["indicators"] if i["id"] == "regional_labor_market")
    assert footprint["divergence"] == 0 and footprint["divergence_finding"] is None


def test_documents_still_decide_the_gates_in_a_group(group: dict[str, object]) -> None:
    data = group["json"]
    assert isinstance(data, dict)
    team = next(i for i in data["indicators"] if i["id"] == "public_partner_team")
    coverage = team["gates"][0]
    assert coverage["passed"] is False and coverage["from_documents"] is False
    assert "a business leader named 2 of the 5 partner types" in coverage["detail"]


def test_markdown_shows_the_group_side_by_side(group: dict[str, object]) -> None:
    md = str(group["md"])
    assert "3 respondents: 2 business leaders, 1 public partner" in md
    assert (
        "| Indicator | Group | Spread | Business leaders | Public partners | Business − public |"
        in md
    )
    assert "| Private-sector leadership | 3.7 | 3.5 | 4.8 | 1.5 (1 person) | **+3.2** |" in md
    assert "one person's view, not a group's" in md
    assert "**Divergent views:** Business leaders and public partners see this differently" in md
    assert "“Who chairs or co-chairs the partnership?” (business 5, public 1)" in md


def test_docx_reads_back_with_python_docx(group: dict[str, object]) -> None:
    document = docx.Document(str(group["docx"]))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"Gap report: {NAME}" in text
    assert "3 respondents: 2 business leaders, 1 public partner" in text
    assert "Divergent views: Business leaders and public partners see this differently" in text
    assert "Next steps" in text and "How scores are merged" in text
    indicators, views = document.tables
    assert [c.text for c in indicators.rows[0].cells] == [
        "Indicator",
        "Self",
        "Documents",
        "Merged",
        "Status",
    ]
    assert len(indicators.rows) == 8
    assert [c.text for c in views.rows[0].cells][3:5] == ["Business leaders", "Public partners"]
    leadership = next(r for r in views.rows if r.cells[0].text == "Private-sector leadership")
    assert leadership.cells[4].text == "1.5 (1 person)"


def test_html_group_page_has_the_group_table(group: dict[str, object]) -> None:
    page = Path(str(group["html"])).read_text(encoding="utf-8")
    assert "The group&#39;s views" in page or "The group's views" in page
    assert "Divergent views:" in page and "<script" not in page


browser_script = load_script("report_in_browser")


@pytest.mark.skipif(
    browser_script.browser() is None, reason="chromium is not installed (apt-get install chromium)"
)
def test_group_html_renders_in_chromium(group: dict[str, object], tmp_path: Path) -> None:
    page = Path(str(group["html"]))
    png = tmp_path / "group.png"
    browser_script.screenshot(page, png, 1280, 1800)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    dom = browser_script.dom_after_load(page)
    assert f"Gap report: {NAME}" in dom
    assert dom.count("<section") == 7 and "Business leaders" in dom and "1.5 (1 person)" in dom


def test_repeated_sessions_and_answers_files_make_the_same_group(
    group: dict[str, object], tmp_path: Path
) -> None:
    db = str(group["db"])
    by_session = run_nextgen(
        "report",
        *("--session", "1", "--session", "2", "--session", "3"),
        "--db",
        db,
        "--format",
        "json",
        "--as-of",
        AS_OF,
    )
    assert by_session.returncode == 0, by_session.stderr
    data = json.loads(by_session.stdout)
    assert len(data["respondents"]) == 3
    files = []
    for number, text in enumerate([FIRST_BUSINESS, SECOND_BUSINESS, PUBLIC], start=1):
        path = tmp_path / f"{number}.yaml"
        path.write_text(text, encoding="utf-8")
        files += ["--answers", str(path)]
    by_files = run_nextgen("report", *files, "--format", "json", "--as-of", AS_OF)
    assert by_files.returncode == 0, by_files.stderr
    from_files = json.loads(by_files.stdout)
    assert from_files["partnership"]["name"] == NAME  # the later files join the first's
    assert [i["by_role"] for i in from_files["indicators"]] == [
        i["by_role"] for i in data["indicators"]
    ]


def test_joining_an_unknown_partnership_is_a_sentence(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(PUBLIC, encoding="utf-8")
    done = run_nextgen("assess", "--answers", str(answers), "--partnership", "Nowhere Alliance")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "no partnership named 'Nowhere Alliance' is stored" in done.stderr
    alone = run_nextgen("assess", "--answers", str(answers))
    assert alone.returncode != 0 and "Traceback" not in alone.stderr
    assert "names no partnership" in alone.stderr and "--partnership NAME" in alone.stderr
    report = run_nextgen("report", "--partnership", "Nowhere Alliance")
    assert report.returncode != 0 and "Traceback" not in report.stderr
    assert "no partnership named 'Nowhere Alliance' has an assessment" in report.stderr


def test_docx_streams_to_a_pipe(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(FIRST_BUSINESS, encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "nextgen_assistant",
            "report",
            "--answers",
            str(answers),
            "--format",
            "docx",
            "--as-of",
            AS_OF,
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    document = docx.Document(io.BytesIO(done.stdout))  # the docx bytes went to the pipe
    assert document.paragraphs[0].text == f"Gap report: {NAME}"


def test_plain_assessment_adds_a_respondent_without_retyping(tmp_path: Path) -> None:
    db = tmp_path / "plain.sqlite3"
    first = tmp_path / "first.yaml"
    first.write_text(FIRST_BUSINESS, encoding="utf-8")
    assert run_nextgen("assess", "--answers", str(first), "--db", str(db)).returncode == 0
    done = run_nextgen(
        "assess",
        "--plain",
        "--partnership",
        NAME.lower(),
        "--db",
        str(db),
        "--as-of",
        AS_OF,
        stdin="public partner\n4\n",
    )
    assert done.returncode == 0, done.stderr
    # The name, industry and region are not asked again: the role is the first question.
    assert "What is the partnership called?" not in done.stdout
    assert "What is your role in the partnership?" in done.stdout
    listed = run_nextgen("sessions", "list", "--db", str(db)).stdout.splitlines()
    assert len(listed) == 2 and all(line.endswith(NAME) for line in listed)
    data = json.loads(
        run_nextgen("report", "--partnership", NAME, "--db", str(db), "-f", "json").stdout
    )
    assert [r["role"] for r in data["respondents"]] == ["business_leader", "public_partner"]


def test_schema_describes_the_group_report() -> None:
    schema = json.loads(run_nextgen("schema").stdout)
    assert {"respondents", "warnings"} <= set(schema["properties"])
    finding = schema["$defs"]["IndicatorFinding"]["properties"]
    assert {"by_role", "divergence", "spread", "diverging_questions"} <= set(finding)
    assert finding["by_role"]["propertyNames"]["enum"] == [
        "business_leader",
        "public_partner",
        "convener",
        "other",
    ]
    assert set(schema["$defs"]["RespondentNote"]["properties"]) == {"role", "answered"}
