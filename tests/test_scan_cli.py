"""`nextgen scan` and `nextgen portfolio` as users run them."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

from tests.conftest import SAMPLE_DOCS, run_nextgen


def test_scan_json_matches_the_contract() -> None:
    done = run_nextgen(
        "scan",
        str(SAMPLE_DOCS / "mesa-valley-healthcare"),
        "--format",
        "json",
        "--as-of",
        "2026-11-25",
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["schema_version"] == 1 and data["as_of"] == "2026-11-25"
    assert len(data["documents"]) == 6
    for document in data["documents"]:
        assert {"path", "format", "status", "error", "signals"} <= set(document)
        for signal in document["signals"]:
            assert {
                "indicator",
                "polarity",
                "context",
                "rule",
                "matched",
                "quote",
                "location",
                "confidence",
            } <= set(signal)
            assert signal["polarity"] in ("supporting", "red_flag")
            assert signal["context"] in ("asserted", "negated", "hypothetical", "historical")
            assert {"page", "line"} <= set(signal["location"])
    pdf = next(d for d in data["documents"] if d["format"] == "pdf")
    assert all(s["location"]["page"] == 1 for s in pdf["signals"])
    for item in data["indicators"]:
        assert {"id", "status", "score", "supporting", "red_flags"} <= set(item)


def test_scan_table_and_csv() -> None:
    table = run_nextgen(
        "scan",
        str(SAMPLE_DOCS / "front-range-manufacturing"),
        "--format",
        "table",
        "--as-of",
        "2026-11-25",
    )
    assert "Private-sector" in table.stdout and "meets" in table.stdout
    rows = list(
        csv.DictReader(
            io.StringIO(
                run_nextgen(
                    "scan",
                    str(SAMPLE_DOCS / "front-range-manufacturing"),
                    "--format",
                    "csv",
                    "--as-of",
                    "2026-11-25",
                ).stdout
            )
        )
    )
    assert rows and {"document", "indicator", "polarity", "quote", "page", "line"} <= set(rows[0])


def test_broken_files_exit_1_and_the_rest_is_scanned(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(
        "The partnership is business-led and spans an eight-county region.\n"
    )
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 nonsense")
    (tmp_path / "fake.docx").write_text("not a zip")
    with zipfile.ZipFile(tmp_path / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 3_000_000)
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("secret")
    done = run_nextgen("scan", str(tmp_path), "--format", "json")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    data = json.loads(done.stdout)
    status = {Path(d["path"]).name: (d["status"], d["error"]) for d in data["documents"]}
    assert status["good.txt"][0] == "ok"
    for name in ("broken.pdf", "fake.docx", "bomb.docx"):
        assert status[name][0] == "error" and status[name][1]
    assert ".hidden.txt" not in status
    assert [Path(s["path"]).name for s in data["skipped"]] == ["photo.png"]


def test_bad_lexicon_folder_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "indicator: sustainability\nrules:\n  - id: sustainability.mine\n    polarity: maybe\n"
    )
    done = run_nextgen(
        "scan", str(SAMPLE_DOCS / "pueblo-county-workforce"), "--lexicons", str(tmp_path)
    )
    assert done.returncode == 2
    assert (
        "sustainability.mine" in done.stderr
        and "polarity" in done.stderr
        and "Traceback" not in done.stderr
    )


def test_user_lexicon_adds_a_rule(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "indicator: sustainability\nrules:\n  - id: sustainability.endowment_drive\n    polarity: supporting\n"
        '    phrases: [capital campaign]\n    examples: {match: ["We ran a capital campaign."]}\n'
    )
    doc = tmp_path / "docs"
    doc.mkdir()
    (doc / "note.txt").write_text("Members ran a capital campaign this year.\n")
    done = run_nextgen("scan", str(doc), "--lexicons", str(tmp_path), "--format", "json")
    assert "sustainability.endowment_drive" in done.stdout


def test_portfolio_matrix_and_html(tmp_path: Path) -> None:
    page = tmp_path / "portfolio.html"
    done = run_nextgen(
        "portfolio", str(SAMPLE_DOCS), "--as-of", "2026-11-25", "--format", "html", "-o", str(page)
    )
    assert done.returncode == 0, done.stderr
    text = page.read_text()
    assert "mesa-valley-healthcare" in text and "<script" not in text
    rows = list(
        csv.DictReader(
            io.StringIO(
                run_nextgen(
                    "portfolio", str(SAMPLE_DOCS), "--as-of", "2026-11-25", "-f", "csv"
                ).stdout
            )
        )
    )
    assert [r["partnership"] for r in rows] == [
        "front-range-manufacturing",
        "mesa-valley-healthcare",
        "pueblo-county-workforce",
    ]
    assert rows[2]["private_sector_leadership_status"] == "gap"


def test_streamed_scan_keeps_what_the_full_scan_has() -> None:
    """The streamed scan (what `nextgen scan` runs) holds only the strongest evidence in memory,
    yet counts, scores, facts, the strongest quotes and every document read back are the same."""
    from datetime import date

    from nextgen_assistant.report.scan_output import strongest
    from nextgen_assistant.signals.scan import ScanSettings, scan, scan_streaming

    settings = ScanSettings(as_of=date(2026, 11, 25))
    full = scan([SAMPLE_DOCS], settings)
    streamed = scan_streaming([SAMPLE_DOCS], settings, keep=2)
    try:
        summary = streamed.summary
        assert summary.indicators == full.indicators
        assert summary.partnership_facts == full.partnership_facts
        assert list(streamed.documents()) == full.documents
        kept = sum(len(d.signals) for d in summary.documents)
        assert 0 < kept <= 2 * 7 < sum(len(d.signals) for d in full.documents)
        for item in full.indicators:
            assert strongest(summary, item.id, 2) == strongest(full, item.id, 2)
    finally:
        streamed.close()


def test_a_worker_that_dies_does_not_stop_the_scan(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """With --jobs 2, a worker process killed mid-scan (out of memory, a native crash) loses no
    document: the ones not yet reported are checked in the scanning process."""
    import os
    from datetime import date

    from nextgen_assistant.signals import scan as scan_module

    for index in range(6):
        (tmp_path / f"note-{index}.txt").write_text(
            "Employers chair the partnership and set its priorities.\n", encoding="utf-8"
        )
    real = scan_module._scan_in_worker
    parent = os.getpid()

    def dies_in_a_worker(job):  # type: ignore[no-untyped-def]
        if os.getpid() != parent and job[0].name == "note-3.txt":
            os._exit(1)  # the worker process dies without a word
        return real(job)

    # Pickled by name, so the forked workers look up this replacement in the module.
    dies_in_a_worker.__qualname__ = "_scan_in_worker"
    dies_in_a_worker.__module__ = scan_module.__name__
    monkeypatch.setattr(scan_module, "_scan_in_worker", dies_in_a_worker)
    result = scan_module.scan(
        [tmp_path], scan_module.ScanSettings(as_of=date(2026, 11, 28)), jobs=2
    )
    names = sorted(Path(d.path).name for d in result.documents)
    assert names == [f"note-{i}.txt" for i in range(6)]
    assert all(d.status == "ok" and d.signals for d in result.documents)
