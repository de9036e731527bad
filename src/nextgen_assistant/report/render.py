"""One entry point for the report formats."""

from __future__ import annotations

from nextgen_assistant.assessment.model import Report
from nextgen_assistant.report.html import report_html
from nextgen_assistant.report.markdown import report_markdown


def render_report(report: Report, format: str) -> str:
    """The report as md, html or json."""
    if format == "html":
        return report_html(report)
    if format == "json":
        return report.model_dump_json(indent=2)
    return report_markdown(report)


def render_report_docx(report: Report) -> bytes:
    """The report as an editable Word document."""
    from nextgen_assistant.report.docx import report_docx  # python-docx: only when asked for

    return report_docx(report)
