"""The gap report as one self-contained HTML page: inline CSS and SVG, no scripts, no fetches.
Every piece of document text is escaped by Jinja2's autoescape."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from nextgen_assistant.assessment.model import Report
from nextgen_assistant.report import wording

STATUS_COLOURS = {"meets": "#1a7f37", "partial": "#b58100", "gap": "#c62828", "unknown": "#8a8f98"}


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("nextgen_assistant.report", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def report_html(report: Report) -> str:
    """The page."""
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        colours=STATUS_COLOURS,
        score=wording.score,
        where=wording.where,
        gate_conflict=wording.gate_conflict,
        other_conflicts=wording.other_conflicts,
        respondents_line=wording.respondents_line(report),
        roles=wording.group_roles(report),
        role_cell=wording.role_cell,
        role_heading=wording.role_heading,
        one_voice_note=wording.one_voice_note(report),
    )
