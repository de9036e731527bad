"""What documents and file names carry cannot act where it is shown (issue 20): no control codes
or markup in a terminal, no HTML or live links in Markdown, no formulas in a spreadsheet."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

from markdown_it import MarkdownIt

from nextgen_assistant.safe_text import (
    csv_cell,
    markdown_code,
    markdown_text,
    markup_text,
    terminal_text,
)
from tests.conftest import SAMPLE_DOCS, run_nextgen

TODAY = date(2026, 11, 25)
HOSTILE_TEXT = (
    '=HYPERLINK("http://x") <img src=x onerror=alert(1)> [click](javascript:alert(1)) '
    "<javascript:alert(2)> Business leaders chair every meeting of the partnership.\n"
)


def test_terminal_text_drops_escape_sequences_and_controls() -> None:
    hostile = "a\x1b]8;;javascript:x\x1b\\link\x1b]8;;\x1b\\ \x1b[31mred\x9b2J \x07bell\x85\x00."
    assert terminal_text(hostile) == "alink red bell."
    assert markup_text("[link=javascript:alert(1)]x[/link]") == (
        "\\[link=javascript:alert(1)]x\\[/link]"
    )


def test_markdown_text_and_code_cannot_become_html_or_links() -> None:
    rendered = MarkdownIt("commonmark").render(
        f"- {markdown_text(HOSTILE_TEXT)} {markdown_code('a`b``c.txt')}\n"
    )
    assert "<img" not in rendered and "<a " not in rendered and "href" not in rendered
    assert "<code>a`b``c.txt</code>" in rendered


def test_csv_cells_cannot_run_as_formulas() -> None:
    assert [csv_cell(v) for v in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "ok", 3)] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "ok",
        3,
    ]


def test_scan_markdown_and_csv_neutralise_what_documents_carry(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a`b<i>.txt").write_text(HOSTILE_TEXT)
    (folder / "broken<script>.pdf").write_bytes(b"%PDF-1.4 nonsense")
    md = run_nextgen("scan", str(folder), "--format", "md", "--as-of", "2026-11-25")
    assert md.returncode == 1 and "Traceback" not in md.stderr
    rendered = MarkdownIt("commonmark").render(md.stdout)
    for live in ("<img", "<a ", "<script", "<i>", "href"):
        assert live not in rendered, live
    assert "a`b&lt;i&gt;.txt" in rendered  # the whole name, inside its code span
    spreadsheet = run_nextgen("scan", str(folder), "--format", "csv", "--as-of", "2026-11-25")
    rows = list(csv.DictReader(io.StringIO(spreadsheet.stdout)))
    assert rows and all(not r["quote"].startswith(("=", "+", "-", "@")) for r in rows)
    assert any(r["quote"].startswith("'=HYPERLINK") for r in rows)


def test_portfolio_names_are_text_everywhere(tmp_path: Path) -> None:
    root = tmp_path / "root"
    for name in ("[link=javascript:alert(1)]evil", "=HYPERLINK(1)", "esc\x1b]0;owned\x07"):
        folder = root / name
        folder.mkdir(parents=True)
        (folder / "minutes.md").write_text(
            (SAMPLE_DOCS / "mesa-valley-healthcare" / "minutes-2026-10-08.md").read_text()
        )
    table = run_nextgen("portfolio", str(root), "--as-of", "2026-11-25")
    assert table.returncode == 0, table.stderr
    assert "[link=javascript:alert(1)]evil" in table.stdout and "\x1b" not in table.stdout
    sheet = run_nextgen("portfolio", str(root), "--format", "csv", "--as-of", "2026-11-25")
    names = [row[0] for row in csv.reader(io.StringIO(sheet.stdout))][1:]
    assert "'=HYPERLINK(1)" in names and not any("\x1b" in n for n in names)
    md = run_nextgen("portfolio", str(root), "--format", "md", "--as-of", "2026-11-25")
    assert "<a " not in MarkdownIt("commonmark").render(md.stdout)
    listed = json.loads(
        run_nextgen("portfolio", str(root), "--format", "json", "--as-of", "2026-11-25").stdout
    )
    assert len(listed["partnerships"]) == 3
    page = tmp_path / "portfolio.html"
    done = run_nextgen(
        "portfolio", str(root), "--format", "html", "-o", str(page), "--as-of", "2026-11-25"
    )
    assert done.returncode == 0, done.stderr
    pages = [page, *page.parent.glob("portfolio-reports/*.html")]
    assert len(pages) == 4  # the portfolio and each partnership's own page
    for written in pages:  # a page's source printed in a terminal cannot act on it
        assert not any(c in written.read_text() for c in "\x1b\x07"), written.name


def test_the_html_report_carries_no_control_codes(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "minutes\x1b]8;;https:evil.example\x07click\x1b]8;;\x07.md").write_text(
        (SAMPLE_DOCS / "mesa-valley-healthcare" / "minutes-2026-10-08.md").read_text()
        + "\nBusiness leaders\x1b[31m chair every meeting of the partnership.\n"
    )
    page = tmp_path / "report.html"
    done = run_nextgen(
        "report", "--docs", str(folder), "-f", "html", "-o", str(page), "--as-of", "2026-11-25"
    )
    assert done.returncode == 0, done.stderr
    text = page.read_text()
    assert not any(c in text for c in "\x1b\x07") and "<svg" in text  # the chart still drawn


def test_a_name_from_an_answers_file_reaches_the_terminal_as_text(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        'partnership: {name: "Evil\\e]8;;https:evil.example\\aclick\\e]8;;\\a Co", '
        "industry: health care, region: Mesa County}\n"
        "respondent: {role: convener}\nanswers:\n  rlm_counties: 3\n"
    )
    done = run_nextgen(
        "assess",
        "--answers",
        str(answers),
        "--db",
        str(tmp_path / "a.sqlite3"),
        "--as-of",
        "2026-11-25",
    )
    assert done.returncode == 0, done.stderr
    assert "Evil" in done.stderr and "click" in done.stderr
    assert not any(c in done.stderr + done.stdout for c in "\x1b\x07")


def test_markdown_is_escaped_once_with_markdown_s_own_escapes() -> None:
    """Found in the walkthrough: the Markdown report's subtitle read "food &amp; beverage"."""
    from nextgen_assistant import services
    from nextgen_assistant.dialogue.model import AssessmentRecord, Partnership
    from nextgen_assistant.report.markdown import report_markdown

    partnership = Partnership(
        name="Lakeshore <Food> Partnership",
        industry="food & beverage processing - mostly dairy & meat plants",
        region="Lake, Porter & LaPorte counties",
    )
    now = datetime(2026, 11, 25, 9, 0)
    record = AssessmentRecord(id=1, partnership=partnership, started_at=now, updated_at=now)
    text = report_markdown(services.make_report(TODAY, record, None))
    assert (
        "*food & beverage processing - mostly dairy & meat plants · Lake, Porter & LaPorte" in text
    )
    assert "&amp;" not in text and "&lt;" not in text
    rendered = MarkdownIt("commonmark").render(text)
    assert "Lakeshore &lt;Food&gt; Partnership" in rendered  # shown as typed, never a tag
    assert markdown_text("R&D &amp; AT&T") == "R&D \\&amp; AT&T"  # an entity stays literal
