"""The portfolio (issue 19): each partnership's respondents and largest divergence, the date,
a legend, document counts, and a link to each partnership's own report page."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from lxml import html as lxml_html

from tests.assessment.test_group_report import FIRST_BUSINESS, PUBLIC, SECOND_BUSINESS
from tests.conftest import SAMPLE_DOCS, run_nextgen

AS_OF = "2026-11-25"


def _root(tmp_path: Path) -> Path:
    root = tmp_path / "partnerships"
    mesa = root / "mesa"
    shutil.copytree(SAMPLE_DOCS / "mesa-valley-healthcare", mesa)
    (mesa / "answers.yaml").unlink()
    for name, text in (
        ("answers-1.yaml", FIRST_BUSINESS),
        ("answers-2.yaml", SECOND_BUSINESS),
        ("answers-3.yaml", PUBLIC),
    ):
        (mesa / name).write_text(text, encoding="utf-8")
    docs_only = root / "odd <b>name"
    docs_only.mkdir()
    shutil.copy(SAMPLE_DOCS / "pueblo-county-workforce" / "action-plan.md", docs_only)
    return root


def test_portfolio_page_links_each_report_and_shows_the_group(tmp_path: Path) -> None:
    root = _root(tmp_path)
    page = tmp_path / "out" / "portfolio.html"
    page.parent.mkdir()
    done = run_nextgen("portfolio", str(root), "--as-of", AS_OF, "-f", "html", "-o", str(page))
    assert done.returncode == 0, done.stderr
    tree = lxml_html.fromstring(page.read_text(encoding="utf-8"))
    text = tree.text_content()
    assert f"As of {AS_OF}" in text and "Largest divergence" in text
    assert all(status in text for status in ("meets", "partial", "gap", "unknown"))  # legend
    rows = {row.xpath("string(th)"): row for row in tree.xpath("//tbody/tr")}
    assert set(rows) == {"mesa", "odd <b>name"}  # a folder name stays text
    mesa = [cell.text_content() for cell in rows["mesa"].xpath("td")]
    assert mesa[-3:] == ["6", "3", "+3.2 (Private-sector leadership)"]
    assert rows["mesa"].xpath("td[last()]/strong")  # a full band or more stands out
    odd = [cell.text_content() for cell in rows["odd <b>name"].xpath("td")]
    assert odd[-3:] == ["1", "0", "–"]
    links = tree.xpath("//tbody/tr/th/a/@href")
    assert links == ["portfolio-reports/01-mesa.html", "portfolio-reports/02-odd-b-name.html"]
    report = (page.parent / links[0]).read_text(encoding="utf-8")
    assert "Gap report: Mesa Valley Health Careers Partnership" in report
    assert "The group" in report and "3 respondents: 2 business leaders, 1 public partner" in report
    assert (page.parent / links[1]).is_file()


def test_portfolio_csv_json_and_table_carry_the_new_columns(tmp_path: Path) -> None:
    root = _root(tmp_path)
    sheet = run_nextgen("portfolio", str(root), "--as-of", AS_OF, "-f", "csv")
    rows = {r["partnership"]: r for r in csv.DictReader(io.StringIO(sheet.stdout))}
    assert rows["mesa"]["respondents"] == "3" and rows["mesa"]["documents"] == "6"
    assert rows["mesa"]["as_of"] == AS_OF
    assert float(rows["mesa"]["largest_divergence"]) >= 1.0
    assert rows["mesa"]["largest_divergence_indicator"] == "Private-sector leadership"
    listed = json.loads(run_nextgen("portfolio", str(root), "--as-of", AS_OF, "-f", "json").stdout)
    mesa = next(p for p in listed["partnerships"] if p["name"] == "mesa")
    assert mesa["respondents"] == 3 and mesa["largest_divergence"] >= 1.0
    table = run_nextgen("portfolio", str(root), "--as-of", AS_OF)
    assert table.returncode == 0, table.stderr
    assert "largest divergence" in table.stdout and f"as of {AS_OF}" in table.stdout


def test_a_bad_answers_file_is_named_and_the_rest_reported(tmp_path: Path) -> None:
    root = _root(tmp_path)
    (root / "mesa" / "answers-4.yaml").write_text(
        "respondent: {role: convener}\nanswers: {psl_agree_engaged: 9}\n", encoding="utf-8"
    )
    done = run_nextgen("portfolio", str(root), "--as-of", AS_OF, "-f", "json")
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "mesa:" in done.stderr and "psl_agree_engaged" in done.stderr
    mesa = next(p for p in json.loads(done.stdout)["partnerships"] if p["name"] == "mesa")
    assert mesa["respondents"] == 3


def test_the_portfolio_fits_an_80_column_terminal() -> None:
    """At 80 columns the matrix would be cut after a few indicators: each partnership is then a
    block of its own, with every indicator, its documents, respondents and largest divergence."""
    from tests.conftest import SAMPLE_DOCS, run_nextgen

    done = run_nextgen(
        "portfolio", str(SAMPLE_DOCS), "--as-of", "2026-11-25", env={"COLUMNS": "80"}
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert max(map(len, lines)) <= 80
    for name in ("front-range-manufacturing", "mesa-valley-healthcare", "pueblo-county-workforce"):
        assert any(line.startswith(name) and "resp.:" in line for line in lines), name
    for label in ("Region", "Business", "Agenda", "Partners", "Plan", "Funding", "Results"):
        assert sum(line.strip().startswith(f"{label}:") for line in lines) == 3, label
    wide = run_nextgen(
        "portfolio", str(SAMPLE_DOCS), "--as-of", "2026-11-25", env={"COLUMNS": "200"}
    )
    assert "largest divergence" in wide.stdout.splitlines()[2]  # the matrix where it fits
