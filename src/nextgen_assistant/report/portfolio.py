"""`nextgen portfolio`: many partnerships by the seven indicators, as a matrix."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from urllib.parse import quote

from rich.console import Console
from rich.measure import Measurement
from rich.table import Table

from nextgen_assistant.assessment.model import Report
from nextgen_assistant.assessment.scores import shown_score
from nextgen_assistant.rubric import Rubric
from nextgen_assistant.safe_text import (
    csv_cell,
    html_text,
    markdown_text,
    markup_text,
    printable_path,
)
from nextgen_assistant.signals.model import ScanResult

COLOURS = {"meets": "#1a7f37", "partial": "#b58100", "gap": "#c62828", "unknown": "#8a8f98"}
STYLE = {"meets": "green", "partial": "yellow", "gap": "red", "unknown": "dim"}
LEGEND = (
    "Statuses and scores come from each partnership's documents (unknown: no evidence either "
    "way); its own report page merges its answers too. Respondents: the answers files in its "
    "folder, known by role only. Largest divergence: business leaders' mean self score minus "
    "public partners', on the indicator where they differ most; a full band (1.0) or more is a "
    "finding."
)


@dataclass(frozen=True)
class PartnershipSummary:
    """What the portfolio shows of one partnership beside its matrix row: its respondents, its
    largest business-public divergence, its documents and a link to its own report page."""

    respondents: int = 0
    largest_divergence: float | None = None
    divergent_indicator: str | None = None
    documents_read: int = 0
    documents_unreadable: int = 0
    report_page: str | None = None
    """The report page's path, relative to the portfolio page."""


def summarize(result: ScanResult, report: Report | None, page: str | None) -> PartnershipSummary:
    """One partnership's summary from its scan and, when it has answers, its (group) report."""
    divergent = [f for f in (report.indicators if report else []) if f.divergence is not None]
    largest = max(divergent, key=lambda finding: abs(finding.divergence or 0), default=None)
    return PartnershipSummary(
        respondents=len(report.respondents) if report else 0,
        largest_divergence=largest.divergence if largest else None,
        divergent_indicator=largest.title if largest else None,
        documents_read=sum(d.status == "ok" for d in result.documents),
        documents_unreadable=len(result.failed),
        report_page=page,
    )


def report_page_name(index: int, name: str) -> str:
    """A file name for a partnership's report page that no folder name can turn into a path."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "partnership"
    return f"{index:02d}-{slug[:60]}.html"


def _divergence(summary: PartnershipSummary | None) -> str:
    if summary is None or summary.largest_divergence is None:
        return "–"
    return f"{summary.largest_divergence:+.1f} ({summary.divergent_indicator})"


def _cell(result: ScanResult, indicator: str) -> tuple[str, float | None]:
    item = next(i for i in result.indicators if i.id == indicator)
    return item.status, item.score


def print_portfolio(
    results: dict[str, ScanResult],
    rubric: Rubric,
    console: Console,
    summaries: dict[str, PartnershipSummary] | None = None,
) -> None:
    """The matrix on the terminal (folder names shown as text, never as markup or escapes),
    with each partnership's respondents, largest divergence and documents."""
    summaries = summaries or {}
    table = Table(title=f"{len(results)} partnership(s) by the seven indicators")
    # The partnership names are what a coordinator reads first: never cut them; the indicator
    # columns carry the short titles.
    names = {name: markup_text(name) for name in results}
    table.add_column(
        "partnership", no_wrap=True, min_width=max(map(len, names.values()), default=11)
    )
    for indicator in rubric.indicators:
        table.add_column(indicator.label, justify="center", min_width=7)  # "partial"
    table.add_column("docs", justify="right")
    table.add_column("resp.", justify="right")
    table.add_column("largest divergence")
    rows = []
    for name, result in results.items():
        cells = []
        for indicator in rubric.indicators:
            status, score = _cell(result, indicator.id)
            cells.append(
                f"[{STYLE[status]}]{status}"
                + (f" {shown_score(score)}" if score is not None else "")
                + "[/]"
            )
        summary = summaries.get(name) or summarize(result, None, None)
        docs = str(summary.documents_read) + (
            f" ({summary.documents_unreadable} unreadable)" if summary.documents_unreadable else ""
        )
        divergence = markup_text(_divergence(summary))
        rows.append((names[name], cells, docs, str(summary.respondents), divergence))
        table.add_row(names[name], *cells, docs, str(summary.respondents), divergence)
    # (measured without the terminal's width as a cap, which would hide that it does not fit)
    unbounded = console.options.update_width(100_000)
    if Measurement.get(console, unbounded, table).minimum <= console.width:
        console.print(table)
    else:  # a terminal too narrow for the matrix (80 columns): one block per partnership
        console.print(f"[bold]{table.title}[/]")
        for name, cells, docs, respondents, divergence in rows:
            console.print(
                f"\n[bold]{name}[/]  docs: {docs} · resp.: {respondents} · "
                f"largest divergence: {divergence}"
            )
            for indicator, cell in zip(rubric.indicators, cells, strict=True):
                console.print(f"  {indicator.label}: {cell}")
    as_of = next(iter(results.values())).as_of if results else None
    console.print(
        f"Statuses from the documents, as of {as_of}: meets, partial, gap, unknown (no evidence). "
        "docs: documents read; resp.: respondents (answers files in the folder); largest "
        "divergence: business leaders' mean minus public partners', a full band (1.0) or more "
        "is a finding."
    )


def portfolio_csv(
    results: dict[str, ScanResult],
    rubric: Rubric,
    summaries: dict[str, PartnershipSummary] | None = None,
) -> str:
    """One row per partnership: status and score per indicator, then its date, documents,
    respondents and largest divergence; a name cannot run as a formula."""
    summaries = summaries or {}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "partnership",
            *[f"{i.id}_{k}" for i in rubric.indicators for k in ("status", "score")],
            "unreadable",
            "as_of",
            "documents",
            "respondents",
            "largest_divergence",
            "largest_divergence_indicator",
        ]
    )
    for name, result in results.items():
        row: list[object] = [csv_cell(name)]
        for indicator in rubric.indicators:
            status, score = _cell(result, indicator.id)
            row += [status, "" if score is None else score]
        summary = summaries.get(name) or summarize(result, None, None)
        writer.writerow(
            [
                *row,
                len(result.failed),
                result.as_of.isoformat(),
                summary.documents_read,
                summary.respondents,
                "" if summary.largest_divergence is None else summary.largest_divergence,
                summary.divergent_indicator or "",
            ]
        )
    return buffer.getvalue()


def portfolio_json(
    results: dict[str, ScanResult], summaries: dict[str, PartnershipSummary] | None = None
) -> str:
    """Every partnership's indicators, unreadable documents, respondents and divergence."""
    summaries = summaries or {}
    rows = []
    for name, result in results.items():
        summary = summaries.get(name) or summarize(result, None, None)
        rows.append(
            {
                "name": printable_path(name),
                "as_of": result.as_of.isoformat(),
                "indicators": [i.model_dump() for i in result.indicators],
                "unreadable": [
                    {"path": printable_path(d.path), "error": d.error} for d in result.failed
                ],
                "documents": summary.documents_read,
                "respondents": summary.respondents,
                "largest_divergence": summary.largest_divergence,
                "largest_divergence_indicator": summary.divergent_indicator,
                "report_page": summary.report_page,
            }
        )
    return json.dumps({"schema_version": 1, "partnerships": rows}, indent=2)


def portfolio_markdown(
    results: dict[str, ScanResult],
    rubric: Rubric,
    summaries: dict[str, PartnershipSummary] | None = None,
) -> str:
    """The matrix as a Markdown table, with documents, respondents and largest divergence."""
    summaries = summaries or {}
    lines = [
        "| Partnership | "
        + " | ".join(i.title for i in rubric.indicators)
        + " | Documents | Respondents | Largest divergence |",
        "|---|" + "---|" * (len(rubric.indicators) + 3),
    ]
    for name, result in results.items():
        cells = []
        for indicator in rubric.indicators:
            status, score = _cell(result, indicator.id)
            cells.append(status + (f" {shown_score(score)}" if score is not None else ""))
        summary = summaries.get(name) or summarize(result, None, None)
        cells += [
            str(summary.documents_read),
            str(summary.respondents),
            markdown_text(_divergence(summary)),
        ]
        lines.append(f"| {markdown_text(name)} | " + " | ".join(cells) + " |")
    as_of = next(iter(results.values())).as_of if results else None
    lines += ["", f"*As of {as_of}.* {LEGEND}"]
    return "\n".join(lines) + "\n"


def portfolio_html(
    results: dict[str, ScanResult],
    rubric: Rubric,
    summaries: dict[str, PartnershipSummary] | None = None,
) -> str:
    """A self-contained heat-map page (everything escaped; no scripts): its date, a legend,
    and per partnership its documents, respondents, largest divergence and report page."""
    summaries = summaries or {}
    head = "".join(f"<th>{html_text(i.title)}</th>" for i in rubric.indicators)
    head += "<th>Documents</th><th>Respondents</th><th>Largest divergence</th>"
    rows = []
    for name, result in results.items():
        cells = []
        for indicator in rubric.indicators:
            status, score = _cell(result, indicator.id)
            label = status + (f" {shown_score(score)}" if score is not None else "")
            cells.append(f'<td style="background:{COLOURS[status]}">{html_text(label)}</td>')
        summary = summaries.get(name) or summarize(result, None, None)
        unreadable = (
            f" ({summary.documents_unreadable} unreadable)" if summary.documents_unreadable else ""
        )
        cells.append(f'<td class="n">{summary.documents_read}{unreadable}</td>')
        cells.append(f'<td class="n">{summary.respondents}</td>')
        strong = summary.largest_divergence is not None and abs(summary.largest_divergence) >= 1.0
        divergence = html_text(_divergence(summary))
        cells.append(
            f'<td class="n">{"<strong>" + divergence + "</strong>" if strong else divergence}</td>'
        )
        title = html_text(printable_path(name))
        if summary.report_page:
            title = f'<a href="{html_text(quote(summary.report_page))}">{title}</a>'
        rows.append(f"<tr><th>{title}</th>{''.join(cells)}</tr>")
    as_of = next(iter(results.values())).as_of if results else None
    legend = "".join(
        f'<span class="key" style="background:{colour}">{status}</span>'
        for status, colour in COLOURS.items()
    )
    return (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Partnership portfolio</title>"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        "<style>body{font:15px system-ui,sans-serif;margin:24px}table{border-collapse:collapse}"
        "th,td{padding:8px 10px;border:1px solid #fff}td{color:#fff;text-align:center;font-weight:600}"
        "td.n{color:#1d2330;font-weight:400;background:#f6f7f9}"
        ".key{display:inline-block;color:#fff;font-weight:600;padding:2px 8px;margin-right:6px;border-radius:8px}"
        "thead th{font-size:13px;max-width:120px}tbody th{text-align:left}"
        "@media print{td,.key{-webkit-print-color-adjust:exact;print-color-adjust:exact}}</style></head><body>"
        f"<h1>Partnership portfolio</h1><p>As of {as_of}. {legend}</p>"
        f"<p>{html_text(LEGEND)}</p>"
        f"<table><thead><tr><th>Partnership</th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></body></html>\n"
    )
