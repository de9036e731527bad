"""The HTML report in a real headless browser (Debian's Chromium), when one is installed:
it renders the sample partnership's report, and hostile document text stays inert text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO, load_script, run_nextgen

browser_script = load_script("report_in_browser")

pytestmark = pytest.mark.skipif(
    browser_script.browser() is None, reason="chromium is not installed (apt-get install chromium)"
)


def _report(tmp_path: Path, docs: Path, answers: Path | None = None) -> Path:
    page = tmp_path / "report.html"
    args = [
        "report",
        "--docs",
        str(docs),
        "--format",
        "html",
        "-o",
        str(page),
        "--as-of",
        "2026-11-25",
    ]
    if answers is not None:
        args += ["--answers", str(answers)]
    run_nextgen(*args)
    return page


def test_sample_report_renders_in_chromium(tmp_path: Path) -> None:
    folder = REPO / "sample_docs" / "mesa-valley-healthcare"
    page = _report(tmp_path, folder, folder / "answers.yaml")
    png = tmp_path / "report.png"
    browser_script.screenshot(page, png, 1280, 1600)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    dom = browser_script.dom_after_load(page)
    assert "Gap report: Mesa Valley Health Careers Partnership" in dom
    assert dom.count("<section") == 7 and "<svg" in dom


def test_hostile_document_text_does_not_run_in_chromium(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "evil.txt").write_text(
        "The partnership is business-led <script>document.title='pwned'</script> and "
        "<img src=x onerror=\"document.title='pwned'\"> works.\n",
        encoding="utf-8",
    )
    dom = browser_script.dom_after_load(_report(tmp_path, docs))
    assert "pwned</title>" not in dom and "<title>pwned" not in dom
    assert "&lt;script&gt;document.title" in dom
    assert '<img src="x"' not in dom  # the tag stayed text
