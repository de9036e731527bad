"""Writers that make real files of every format the tool reads, for tests and the benchmark corpus.

PDFs are written with fpdf2 (a dev dependency, LGPL, used only to make fixtures, never at run
time); .docx with python-docx, which the tool already depends on.
"""

from __future__ import annotations

import csv
import html
from collections.abc import Sequence
from pathlib import Path

import docx
from fpdf import FPDF


def write_pdf(
    path: Path,
    pages: Sequence[Sequence[str]],
    *,
    password: str | None = None,
    title: str | None = None,
) -> Path:
    """A text PDF: each page holds its lines, one text line each."""
    pdf = FPDF(format="Letter")
    pdf.set_auto_page_break(False)
    if title:
        pdf.set_title(title)
    for lines in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=10)
        y = 15.0
        for line in lines:
            pdf.text(15, y, line.encode("latin-1", "replace").decode("latin-1"))
            y += 5.5
            if y > 265:
                pdf.add_page()
                y = 15.0
    if password:
        pdf.set_encryption(owner_password=password + "-owner", user_password=password)
    pdf.output(str(path))
    return path


def write_image_only_pdf(path: Path) -> Path:
    """A PDF whose one page is a drawing with no text layer, as a scanner makes."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(40, 40, 40)
    for row in range(20):
        pdf.rect(20, 20 + row * 10, 150, 4, style="F")
    pdf.output(str(path))
    return path


def write_docx(
    path: Path,
    paragraphs: Sequence[tuple[str, str]],
    table: Sequence[Sequence[str]] | None = None,
    title: str | None = None,
) -> Path:
    """A .docx of (style, text) paragraphs, with an optional table (first row the header)."""
    document = docx.Document()
    if title:
        document.core_properties.title = title
    for style, text in paragraphs:
        if style.startswith("Heading"):
            document.add_heading(text, level=int(style.split()[-1]) if style[-1].isdigit() else 1)
        else:
            document.add_paragraph(text, style=style or None)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.save(str(path))
    return path


def write_html(
    path: Path, title: str, paragraphs: Sequence[str], table: Sequence[Sequence[str]] | None = None
) -> Path:
    """An HTML page with navigation, a script and a footer the reader must drop."""
    rows = ""
    if table:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in table[0])
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
            for row in table[1:]
        )
        rows = f"<table><tr>{head}</tr>{body}</table>"
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    path.write_text(
        f"<!doctype html><html><head><title>{html.escape(title)}</title>"
        "<style>p{color:red}</style><script>var tracking = 'not text';</script></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/about'>About us</a></nav>"
        f"<header>Site banner</header><main><h1>{html.escape(title)}</h1>\n{paras}\n{rows}</main>"
        "<footer>Copyright footer</footer></body></html>",
        encoding="utf-8",
    )
    return path


def write_csv(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    """A CSV file; the first row is the header."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path
