"""The gap report as one self-contained HTML page: inline CSS and SVG, no scripts, no fetches.
Every piece of document text is escaped by Jinja2's autoescape, its control characters
removed first."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from nextgen_assistant.assessment.model import Report
from nextgen_assistant.report import wording
from nextgen_assistant.safe_text import terminal_text

STATUS_COLOURS = {"meets": "#1a7f37", "partial": "#b58100", "gap": "#c62828", "unknown": "#8a8f98"}


def _printable(value: object) -> object:
    """Every text the page shows, without escape sequences or control characters (autoescape
    then escapes it); markup the code built itself (the SVG chart) is left as it is."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return terminal_text(value)
    return value


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("nextgen_assistant.report", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        finalize=_printable,
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
        derived_note=wording.derived_note,
        gate_conflict=wording.gate_conflict,
        other_conflicts=wording.other_conflicts,
        respondents_line=wording.respondents_line(report),
        roles=wording.group_roles(report),
        role_cell=wording.role_cell,
        role_heading=wording.role_heading,
        one_voice_note=wording.one_voice_note(report),
    )
