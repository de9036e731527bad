"""Findings across a partnership's documents: "none of the 3 documents reports an outcome", as a
user meets it in `nextgen scan` and the gap report."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from nextgen_assistant.signals.scan import ScanSettings, scan, scan_streaming
from tests.conftest import run_nextgen

AS_OF = date(2026, 5, 1)
NO_OUTCOME = "measurable_results.no_outcome_reported"
# Written for this test: a partnership's pages that speak of its work and never of a result.
ABOUT_THE_WORK = {
    "launch.txt": "The alliance met in March at the college. Nine plant owners chose two priorities.",
    "board.md": "The steering committee is chaired by the owner of a machine shop in Laramie.",
    "minutes.txt": "Members come from plants in Albany, Carbon and Laramie counties.",
}


def _folder(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "partnership"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_documents_that_report_no_result_are_a_gap_in_results(tmp_path: Path) -> None:
    result = scan([_folder(tmp_path, ABOUT_THE_WORK)], ScanSettings(as_of=AS_OF))
    [finding] = result.findings
    assert finding.rule == NO_OUTCOME and finding.derived and finding.path is None
    assert "None of the 3 documents" in finding.quote
    results = next(i for i in result.indicators if i.id == "measurable_results")
    assert results.status == "gap" and results.red_flags == 1
    assert not any(s.rule == NO_OUTCOME for d in result.documents for s in d.signals)


def test_one_outcome_anywhere_one_page_alone_or_pages_about_nothing_give_no_finding(
    tmp_path: Path,
) -> None:
    with_outcome = {
        **ABOUT_THE_WORK,
        "report.txt": "Since 2022, 41 graduates were hired by members.",
    }
    cases = {
        "outcome": with_outcome,
        "one page": {"launch.txt": ABOUT_THE_WORK["launch.txt"]},
        "nothing said": {"a.txt": "Agenda.", "b.txt": "Minutes are attached."},
    }
    for name, files in cases.items():
        result = scan([_folder(tmp_path / name.replace(" ", "-"), files)], ScanSettings(AS_OF))
        assert result.findings == [], name


def test_an_unreadable_or_empty_file_is_not_a_document_read(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"launch.txt": ABOUT_THE_WORK["launch.txt"], "empty.txt": ""})
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    result = scan([folder], ScanSettings(as_of=AS_OF))
    assert result.failed and result.findings == []


def test_the_streamed_scan_finds_the_same(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ABOUT_THE_WORK)
    full = scan([folder], ScanSettings(as_of=AS_OF))
    streamed = scan_streaming([folder], ScanSettings(as_of=AS_OF), keep=1)
    try:
        assert streamed.summary.findings == full.findings
        assert streamed.summary.indicators == full.indicators
    finally:
        streamed.close()


def test_the_finding_in_the_scan_json_and_the_gap_report(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ABOUT_THE_WORK)
    done = run_nextgen("scan", str(folder), "--format", "json", "--as-of", "2026-05-01")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    [finding] = data["findings"]
    assert finding["derived"] is True and finding["path"] is None
    assert finding["indicator"] == "measurable_results" and finding["polarity"] == "red_flag"
    report = run_nextgen("report", "--docs", str(folder), "--format", "md", "--as-of", "2026-05-01")
    assert report.returncode == 0, report.stderr
    line = next(line for line in report.stdout.splitlines() if "None of the 3 documents" in line)
    # The tool's finding, never in quotation marks, and found in no one file.
    assert "“" not in line and "(found across the documents)" in line and "all documents" in line


def test_the_results_gate_reads_the_finding(tmp_path: Path) -> None:
    """The gate "at least one outcome is measured" fails on the documents' silence, with the
    finding as its reason, where it was unknown before."""
    from nextgen_assistant.assessment.advice import load_recommendations
    from nextgen_assistant.assessment.merge import build_report
    from nextgen_assistant.dialogue.questions import load_questions
    from nextgen_assistant.rubric import load_rubric

    result = scan([_folder(tmp_path, ABOUT_THE_WORK)], ScanSettings(as_of=AS_OF))
    report = build_report(
        load_rubric(), load_questions(), load_recommendations(), AS_OF, None, result
    )
    results = next(f for f in report.indicators if f.id == "measurable_results")
    gate = next(g for g in results.gates if g.id == "outcomes_measured")
    assert gate.passed is False and gate.from_documents is False
    assert gate.detail == (
        "none of the 3 documents that speak of the partnership's work reports an outcome"
    )
    assert results.status == "gap"


def test_a_cover_note_is_not_one_more_document(tmp_path: Path) -> None:
    """One page that speaks of the partnership and a note that only says what is attached: one
    page alone is not the partnership's record, so no finding."""
    files = {"launch.txt": ABOUT_THE_WORK["launch.txt"], "note.txt": "The minutes are attached."}
    result = scan([_folder(tmp_path, files)], ScanSettings(as_of=AS_OF))
    assert result.findings == []


def test_the_finding_has_its_row_in_the_csv(tmp_path: Path) -> None:
    import csv
    import io

    folder = _folder(tmp_path, ABOUT_THE_WORK)
    done = run_nextgen("scan", str(folder), "--format", "csv", "--as-of", "2026-05-01")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    [row] = [r for r in rows if r["rule"] == NO_OUTCOME]
    assert row["document"] == "all documents" and row["line"] == "" and row["page"] == ""


def test_a_disagreement_cites_the_finding_as_the_tools_not_in_quotation_marks(
    tmp_path: Path,
) -> None:
    from nextgen_assistant.assessment.merge import _cited

    result = scan([_folder(tmp_path, ABOUT_THE_WORK)], ScanSettings(as_of=AS_OF))
    said = _cited(result.findings[0])
    assert "“" not in said and "None" not in said.replace("None of", "")
    assert said.endswith("(found across the documents)")
