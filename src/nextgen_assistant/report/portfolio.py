"""`nextgen portfolio`: many partnerships by the seven indicators, as a matrix."""

from __future__ import annotations

import csv
import html
import io
import json

from rich.console import Console
from rich.table import Table

from nextgen_assistant.rubric import Rubric
from nextgen_assistant.safe_text import csv_cell, markdown_text, markup_text, printable_path
from nextgen_assistant.signals.model import ScanResult

COLOURS = {"meets": "#1a7f37", "partial": "#b58100", "gap": "#c62828", "unknown": "#8a8f98"}
STYLE = {"meets": "green", "partial": "yellow", "gap": "red", "unknown": "dim"}


def _cell(result: ScanResult, indicator: str) -> tuple[str, float | None]:
    item = next(i for i in result.indicators if i.id == indicator)
    return item.status, item.score


def print_portfolio(results: dict[str, ScanResult], rubric: Rubric, console: Console) -> None:
    """The matrix on the terminal (folder names shown as text, never as markup or escapes)."""
    table = Table(title=f"{len(results)} partnership(s) by the seven indicators")
    # The partnership names are what a coordinator reads first: never cut them; the indicator
    # columns carry the short titles.
    names = {name: markup_text(name) for name in results}
    table.add_column(
        "partnership", no_wrap=True, min_width=max(map(len, names.values()), default=11)
    )
    for indicator in rubric.indicators:
        table.add_column(indicator.label, justify="center", min_width=7)  # "partial"
    for name, result in results.items():
        cells = []
        for indicator in rubric.indicators:
            status, score = _cell(result, indicator.id)
            cells.append(
                f"[{STYLE[status]}]{status}"
                + (f" {score:.1f}" if score is not None else "")
                + "[/]"
            )
        table.add_row(names[name], *cells)
    console.print(table)


def portfolio_csv(results: dict[str, ScanResult], rubric: Rubric) -> str:
    """One row per partnership: status and score per indicator; a name cannot run as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "partnership",
            *[f"{i.id}_{k}" for i in rubric.indicators for k in ("status", "score")],
            "unreadable",
        ]
    )
    for name, result in results.items():
        row: list[object] = [csv_cell(name)]
        for indicator in rubric.indicators:
            status, score = _cell(result, indicator.id)
            row += [status, "" if score is None else score]
        writer.writerow([*row, len(result.failed)])
    return buffer.getvalue()


def portfolio_json(results: dict[str, ScanResult]) -> str:
    """Every partnership's indicators and unreadable documents."""
    return json.dumps(
        {
            "schema_version": 1,
            "partnerships": [
                {
                    "name": printable_path(name),
                    "as_of": result.as_of.isoformat(),
                    "indicators": [i.model_dump() for i in result.indicators],
                    "unreadable": [
                        {"path": printable_path(d.path), "error": d.error} for d in result.failed
                    ],
                }
                for name, result in results.items()
            ],
        },
        indent=2,
    )


def portfolio_markdown(results: dict[str, ScanResult], rubric: Rubric) -> str:
    """The matrix as a Markdown table."""
    lines = [
        "| Partnership | " + " | ".join(i.title for i in rubric.indicators) + " |",
        "|---|" + "---|" * len(rubric.indicators),
    ]
    for name, result in results.items():
        cells = []
        for indicator in rubric.indicators:
            status, score = _cell(result, indicator.id)
            cells.append(status + (f" {score:.1f}" if score is not None else ""))
        lines.append(f"| {markdown_text(name)} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def portfolio_html(results: dict[str, ScanResult], rubric: Rubric) -> str:
    """A self-contained heat-map page (everything escaped; no scripts)."""
    head = "".join(f"<th>{html.escape(i.title)}</th>" for i in rubric.indicators)
    rows = []
    for name, result in results.items():
        cells = []
        for indicator in rubric.indicators:
            status, score = _cell(result, indicator.id)
            label = status + (f" {score:.1f}" if score is not None else "")
            cells.append(f'<td style="background:{COLOURS[status]}">{html.escape(label)}</td>')
        rows.append(f"<tr><th>{html.escape(printable_path(name))}</th>{''.join(cells)}</tr>")
    return (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Partnership portfolio</title>"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        "<style>body{font:15px system-ui,sans-serif;margin:24px}table{border-collapse:collapse}"
        "th,td{padding:8px 10px;border:1px solid #fff}td{color:#fff;text-align:center;font-weight:600}"
        "thead th{font-size:13px;max-width:120px}tbody th{text-align:left}"
        "@media print{td{-webkit-print-color-adjust:exact;print-color-adjust:exact}}</style></head><body>"
        f"<h1>Partnership portfolio</h1><table><thead><tr><th>Partnership</th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></body></html>\n"
    )
