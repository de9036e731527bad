"""Extraction throughput per format, against an alternative library measured in the same run.

    python benchmarks/extract_bench.py [--pages 100]

Prints pages (or MB) per second for our reader and for the alternative, and their ratio.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lxml import etree

from benchmarks.writers import write_docx, write_html, write_pdf
from nextgen_assistant.documents import read_document

SENTENCE = (
    "The Northern Colorado Manufacturing Partnership met on March 12; business leaders from "
    "twelve companies set three priorities for the region's labor shed and supply chain."
)


def _best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="nextgen-extract-"))
    pages = [[f"{n}.{i} {SENTENCE}"[:110] for i in range(40)] for n in range(args.pages)]
    pdf = write_pdf(folder / "long.pdf", pages)
    paragraphs = [("", SENTENCE) for _ in range(args.pages * 20)]
    docx_path = write_docx(folder / "long.docx", paragraphs)
    html_path = write_html(folder / "long.html", "Long", [SENTENCE] * (args.pages * 20))

    rows: list[tuple[str, str, float, str, float | None]] = []
    ours = _best_of(3, lambda: read_document(pdf))
    try:
        import pypdf

        def pypdf_read() -> None:
            for page in pypdf.PdfReader(str(pdf)).pages:
                page.extract_text()

        alternative: float | None = _best_of(3, pypdf_read)
    except ImportError:
        alternative = None
    rows.append(("pdf", f"{args.pages} pages", ours, "pypdf", alternative))

    ours = _best_of(3, lambda: read_document(docx_path))

    def raw_docx() -> None:
        with zipfile.ZipFile(docx_path) as archive:
            root = etree.fromstring(archive.read("word/document.xml"))
            "".join(root.itertext())

    rows.append(
        (
            "docx",
            f"{len(paragraphs)} paragraphs",
            ours,
            "zipfile+lxml itertext",
            _best_of(3, raw_docx),
        )
    )

    ours = _best_of(3, lambda: read_document(html_path))

    def stdlib_html() -> None:
        reader = _TextOnly()
        reader.feed(html_path.read_text())

    rows.append(
        (
            "html",
            f"{html_path.stat().st_size / 1e6:.1f} MB",
            ours,
            "stdlib html.parser",
            _best_of(3, stdlib_html),
        )
    )

    print(
        f"{'format':6} {'input':>18} {'ours (s)':>9} {'alternative':>24} {'alt (s)':>8} {'ours/alt speed':>15}"
    )
    for fmt, size, ours_s, name, alt_s in rows:
        ratio = f"{alt_s / ours_s:.2f}x" if alt_s else "n/a"
        alt_text = f"{alt_s:.3f}" if alt_s else "-"
        print(f"{fmt:6} {size:>18} {ours_s:9.3f} {name:>24} {alt_text:>8} {ratio:>15}")
    print(f"pdf pages per second (ours): {args.pages / rows[0][2]:.0f}")


if __name__ == "__main__":
    main()
