"""The gap report as a Word document (python-docx) a board can edit and circulate: the same
sections and words as the Markdown and HTML reports."""

from __future__ import annotations

import io
import re

from docx import Document
from docx.shared import Pt, RGBColor

from nextgen_assistant.assessment.model import IndicatorFinding, Report
from nextgen_assistant.report.wording import (
    GATE_MARK,
    derived_note,
    gate_conflict,
    group_roles,
    one_voice_note,
    other_conflicts,
    respondents_line,
    role_cell,
    role_heading,
    score,
    where,
)

STATUS_RGB = {
    "meets": RGBColor(0x1A, 0x7F, 0x37),
    "partial": RGBColor(0xB5, 0x81, 0x00),
    "gap": RGBColor(0xC6, 0x28, 0x28),
    "unknown": RGBColor(0x8A, 0x8F, 0x98),
}
# XML 1.0 refuses these characters; document text may carry them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _table(document, header: list[str], rows: list[list[str]]):  # type: ignore[no-untyped-def]
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = _text(text)
    return table


def _indicator(document, finding: IndicatorFinding) -> None:  # type: ignore[no-untyped-def]
    heading = document.add_heading(level=2)
    heading.add_run(f"{finding.title}: ")
    status = heading.add_run(finding.status)
    status.font.color.rgb = STATUS_RGB[finding.status]
    document.add_paragraph(finding.description)
    for gate in finding.gates:
        line = document.add_paragraph(style="List Bullet")
        line.add_run(f"Gate ({GATE_MARK[gate.passed]}): ").bold = gate.passed is False
        line.add_run(f"{gate.description} — {_text(gate.detail)}")
        if gate_conflict(finding, gate):
            line.add_run(" Answers and documents disagree; the documents decide.").bold = True
    for conflict in other_conflicts(finding):
        line = document.add_paragraph(style="List Bullet")
        line.add_run(f"{conflict.kind.capitalize()}: ").bold = True
        line.add_run(_text(conflict.message))
    if finding.divergence_finding:
        line = document.add_paragraph(style="List Bullet")
        line.add_run("Divergent views: ").bold = True
        line.add_run(_text(finding.divergence_finding))
    counted = [s for s in finding.evidence if s.counted][:5]
    if counted:
        document.add_paragraph().add_run("Evidence").bold = True
        for signal in counted:
            line = document.add_paragraph(style="List Bullet")
            line.add_run("For: " if signal.polarity == "supporting" else "Against: ").bold = True
            said = line.add_run(
                f"{signal.quote} {derived_note(signal)}" if signal.derived else f"“{signal.quote}”"
            )
            said.italic = not signal.derived
            said.text = _text(said.text)
            place = line.add_run(f" — {_text(where(signal))}")
            place.font.size = Pt(9)
    if finding.recommendations:
        document.add_paragraph().add_run("Next steps").bold = True
        for step in finding.recommendations:
            document.add_paragraph(step, style="List Number")


def report_docx(report: Report) -> bytes:
    """The report as .docx bytes: warnings, verdict, the indicator table, the group's views,
    each indicator, unread documents and how scores are merged."""
    document = Document()
    p = report.partnership
    document.core_properties.title = _text(f"Gap report: {p.name}")
    document.add_heading(_text(f"Gap report: {p.name}"), level=1)
    for warning in report.warnings:
        para = document.add_paragraph()
        para.add_run("Check first: ").bold = True
        para.add_run(_text(warning))
    details = [x for x in (p.industry, p.region) if x] + [f"as of {report.as_of}"]
    document.add_paragraph(_text(" · ".join(details))).runs[0].italic = True
    group = respondents_line(report)
    if group:
        document.add_paragraph(group)
    document.add_paragraph().add_run(report.overall.summary).bold = True
    if report.overall.top_change:
        para = document.add_paragraph()
        para.add_run("The one change that would move the partnership furthest: ").bold = True
        para.add_run(report.overall.top_change)
    _table(
        document,
        ["Indicator", "Self", "Documents", "Merged", "Status"],
        [
            [f.title, score(f.self_score), score(f.evidence_score), score(f.score), f.status]
            for f in report.indicators
        ],
    )
    roles = group_roles(report)
    if roles:
        document.add_heading("The group's views", level=2)
        _table(
            document,
            [
                "Indicator",
                "Group",
                "Spread",
                *[role_heading(r) for r in roles],
                "Business − public",
            ],
            [
                [
                    f.title,
                    score(f.self_score),
                    "–" if f.spread is None else f"{f.spread:.1f}",
                    *[role_cell(f, r) for r in roles],
                    "–" if f.divergence is None else f"{f.divergence:+.1f}",
                ]
                for f in report.indicators
            ],
        )
        note = one_voice_note(report)
        if note:
            document.add_paragraph(note)
    for finding in report.indicators:
        _indicator(document, finding)
    unread = [d for d in report.documents if d.status == "error"]
    if unread:
        document.add_heading("Documents that could not be read", level=2)
        for d in unread:
            document.add_paragraph(_text(f"{d.path}: {d.error or ''}"), style="List Bullet")
    document.add_heading("How scores are merged", level=2)
    document.add_paragraph(report.merge_rule)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
