"""Open a gap report in a real headless browser (Debian's Chromium): a screenshot to look at, and
the DOM after the page ran, to check it.

    python scripts/report_in_browser.py [PARTNERSHIP] [-o report.png] [--as-of 2026-11-25]

Renders the HTML report of a sample partnership (answers and documents), screenshots it, and
prints what a person should see: the title, the score chart, one section per indicator. Needs
`chromium` on PATH (apt-get install chromium); the tool itself never needs a browser.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BROWSER_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]


def browser() -> str | None:
    """The Chromium executable, when one is installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def run_browser(page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Chromium on a local file, with networking left to the page (which has none to do)."""
    executable = browser()
    if executable is None:
        raise SystemExit("chromium is not installed: apt-get install chromium")
    return subprocess.run(
        [executable, *BROWSER_FLAGS, *args, page.resolve().as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def screenshot(page: Path, png: Path, width: int = 1280, height: int = 2400) -> None:
    run_browser(page, f"--window-size={width},{height}", f"--screenshot={png}")
    if not png.exists() or png.stat().st_size == 0:
        raise SystemExit(f"chromium wrote no screenshot of {page}")


def dom_after_load(page: Path) -> str:
    """The page's DOM once its scripts (if any) have run."""
    return run_browser(page, "--dump-dom").stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("partnership", nargs="?", default="front-range-manufacturing")
    parser.add_argument("-o", "--output", type=Path, default=Path("report.png"))
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 25))
    args = parser.parse_args()
    folder = ROOT / "sample_docs" / args.partnership
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "nextgen_assistant",
                "report",
                "--answers",
                str(folder / "answers.yaml"),
                "--docs",
                str(folder),
                "--format",
                "html",
                "-o",
                str(page),
                "--as-of",
                args.as_of.isoformat(),
            ],
            check=True,
        )
        screenshot(page, args.output)
        dom = dom_after_load(page)
    print(f"screenshot: {args.output} ({args.output.stat().st_size:,} bytes)")
    print(
        f"sections: {dom.count('<section')}, charts: {dom.count('<svg')}, scripts: {dom.count('<script')}"
    )


if __name__ == "__main__":
    main()
