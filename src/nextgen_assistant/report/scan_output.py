"""`nextgen scan` output: a terminal table, CSV (one row per signal) and Markdown."""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterable
from typing import TextIO

from rich.console import Console
from rich.table import Table

from nextgen_assistant.report.wording import held_note, where
from nextgen_assistant.rubric import Rubric
from nextgen_assistant.safe_text import csv_cell, markdown_code, markdown_text, markup_text
from nextgen_assistant.signals.aggregate import strongest_signals
from nextgen_assistant.signals.model import DocumentResult, ScanResult, Signal

STATUS_STYLE = {"meets": "green", "partial": "yellow", "gap": "red", "unknown": "dim"}
CSV_COLUMNS = [
    "document",
    "indicator",
    "polarity",
    "context",
    "rule",
    "matched",
    "quote",
    "page",
    "line",
    "confidence",
]


def strongest(result: ScanResult, indicator: str, limit: int = 3) -> list[Signal]:
    """The strongest signals for an indicator: counted ones first, then by weight and confidence."""
    return strongest_signals((s for s in result.all_signals() if s.indicator == indicator), limit)


def print_scan_table(
    result: ScanResult, rubric: Rubric, console: Console, evidence_per_indicator: int = 3
) -> None:
    """Summary per indicator, then the strongest evidence, then unreadable and skipped files."""
    ok = sum(d.status == "ok" for d in result.documents)
    table = Table(title=f"Evidence from {ok} document(s), as of {result.as_of}")
    for column in ("indicator", "status", "score", "supporting", "red flags", "listed only"):
        table.add_column(column, justify="left" if column in ("indicator", "status") else "right")
    for item in result.indicators:
        style = STATUS_STYLE[item.status]
        table.add_row(
            rubric.indicator(item.id).title,
            f"[{style}]{item.status}[/]",
            "-" if item.score is None else f"{item.score:.1f}",
            str(item.supporting),
            str(item.red_flags),
            str(item.listed_only),
        )
    console.print(table)
    for item in result.indicators:
        held = held_note(item, result, rubric)
        if held:
            console.print(markup_text(f"{rubric.indicator(item.id).title}: {held}."))
    for item in result.indicators:
        signals = strongest(result, item.id, evidence_per_indicator)
        if not signals:
            continue
        console.print(f"\n[bold]{markup_text(rubric.indicator(item.id).title)}[/]")
        for signal in signals:
            mark = "+" if signal.polarity == "supporting" else "-"
            colour = "green" if signal.polarity == "supporting" else "red"
            style = colour if signal.counted else "dim"
            note = "" if signal.counted else f" ({signal.context}: {signal.cue})"
            said = (
                f"{markup_text(signal.quote)} (derived)"
                if signal.derived
                else f"“{markup_text(signal.quote)}”"
            )
            console.print(f"  [{style}]{mark} {said}{markup_text(note)}[/]")
            console.print(f"    [dim]{markup_text(where(signal))} · {signal.rule}[/]")
    _print_problems(result, console)


def _print_problems(result: ScanResult, console: Console) -> None:
    failed = result.failed
    if failed:
        console.print(f"\n[bold red]{len(failed)} document(s) could not be read:[/]")
        for document in failed:
            console.print(
                f"  [red]✗[/] {markup_text(document.path)}: {markup_text(document.error or '')}"
            )
    for document in result.documents:
        for warning in document.warnings:
            console.print(f"  [yellow]![/] {markup_text(document.path)}: {markup_text(warning)}")
    if result.skipped:
        console.print(f"\n[dim]{len(result.skipped)} file(s) skipped:[/]")
        for skipped in result.skipped:
            console.print(f"  [dim]{markup_text(skipped.path)}: {markup_text(skipped.reason)}[/]")


def write_scan_csv(
    documents: Iterable[DocumentResult], out: TextIO, findings: Iterable[Signal] = ()
) -> None:
    """One row per signal, for spreadsheets, written as the documents come, then one per finding
    across the documents (its document "all documents", no page or line); no cell can run as a
    formula."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    rows = ((document.path, s) for document in documents for s in document.signals)
    for path, s in itertools.chain(rows, ((where(f), f) for f in findings)):
        row = [
            path,
            s.indicator,
            s.polarity,
            s.context,
            s.rule,
            s.matched,
            s.quote,
            s.location.page or "",
            s.location.line or "",
            f"{s.confidence:.2f}",
        ]
        writer.writerow([csv_cell(cell) for cell in row])


def write_scan_json(summary: ScanResult, documents_json: Iterable[str], out: TextIO) -> None:
    """The scan's JSON (the same object as `ScanResult`), with the documents' JSON streamed in
    from a spool rather than held in memory."""
    head = summary.model_dump(mode="json", include={"schema_version", "as_of"})
    out.write("{\n")
    for key, value in head.items():
        out.write(f"  {json.dumps(key)}: {json.dumps(value)},\n")
    out.write('  "documents": [')
    for index, document in enumerate(documents_json):
        out.write(("," if index else "") + "\n    " + document)
    out.write("\n  ],\n")
    tail = summary.model_dump(
        mode="json", include={"indicators", "findings", "skipped", "partnership_facts"}
    )
    for index, (key, value) in enumerate(tail.items()):
        comma = "," if index < len(tail) - 1 else ""
        out.write(f"  {json.dumps(key)}: {json.dumps(value)}{comma}\n")
    out.write("}\n")


def scan_markdown(result: ScanResult, rubric: Rubric, evidence_per_indicator: int = 5) -> str:
    """The scan as a Markdown document a person can paste into a shared drive; text from the
    documents and their names is literal (no HTML, no links)."""
    lines = [
        f"# Document evidence, as of {result.as_of}",
        "",
        "| Indicator | Status | Score | Supporting | Red flags |",
        "|---|---|---|---|---|",
    ]
    for item in result.indicators:
        score = "–" if item.score is None else f"{item.score:.1f}"
        lines.append(
            f"| {rubric.indicator(item.id).title} | {item.status} | {score} | {item.supporting} | {item.red_flags} |"
        )
    held = [(item, held_note(item, result, rubric)) for item in result.indicators]
    lines += [f"\n{rubric.indicator(item.id).title}: {note}." for item, note in held if note]
    for item in result.indicators:
        signals = strongest(result, item.id, evidence_per_indicator)
        if not signals:
            continue
        lines += ["", f"## {rubric.indicator(item.id).title}", ""]
        for s in signals:
            kind = "supporting" if s.polarity == "supporting" else "red flag"
            context = "" if s.counted else f", {s.context}, not counted"
            lines.append(
                f"- **{kind}{context}**: "
                + (
                    f"{markdown_text(s.quote)} (derived)"
                    if s.derived
                    else f"“{markdown_text(s.quote)}”"
                )
                + f" — {markdown_code(where(s))}"
            )
    if result.failed:
        lines += ["", "## Documents that could not be read", ""]
        lines += [
            f"- {markdown_code(d.path)}: {markdown_text(d.error or '')}" for d in result.failed
        ]
    if result.skipped:
        lines += ["", "## Files skipped", ""] + [
            f"- {markdown_code(s.path)}: {markdown_text(s.reason)}" for s in result.skipped
        ]
    return "\n".join(lines) + "\n"
