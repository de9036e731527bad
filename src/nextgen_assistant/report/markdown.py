"""The gap report as Markdown, readable in any viewer."""

from __future__ import annotations

from nextgen_assistant.assessment.model import IndicatorFinding, Report
from nextgen_assistant.safe_text import markdown_code, markdown_text
from nextgen_assistant.signals.model import Signal


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _cell(text: str) -> str:
    """Text from documents, answers or names: literal, on one line (no HTML, no links)."""
    return markdown_text(text)


def _where(signal: Signal) -> str:
    page = f" p.{signal.location.page}" if signal.location.page else ""
    return f"{signal.path}{page} l.{signal.location.line}"


def indicator_markdown(f: IndicatorFinding) -> list[str]:
    """One indicator's section: gates, conflicts, the counted evidence and next steps (the
    report's sections, and the terminal app's drill-down)."""
    lines = [f"## {f.title}: {f.status}", "", f.description, ""]
    for gate in f.gates:
        mark = {True: "passed", False: "FAILED", None: "unknown"}[gate.passed]
        lines.append(f"- Gate ({mark}): {gate.description} — {_cell(gate.detail)}")
    for conflict in f.conflicts:
        lines.append(f"- **{conflict.kind.capitalize()}:** {_cell(conflict.message)}")
    counted = [s for s in f.evidence if s.counted][:5]
    if counted:
        lines += ["", "Evidence:", ""]
        for s in counted:
            # A word, not "+" or "-": those after a list marker make a nested list.
            sign = "For" if s.polarity == "supporting" else "Against"
            # A derived fact is the tool's finding, not the document's words: no quotation marks.
            said = (
                f"{_cell(s.quote)} (found across the document)"
                if s.derived
                else f"“{_cell(s.quote)}”"
            )
            lines.append(f"- **{sign}:** {said} — {markdown_code(_where(s))}")
    if f.recommendations:
        lines += ["", "Next steps:", ""] + [
            f"{n}. {r}" for n, r in enumerate(f.recommendations, start=1)
        ]
    return lines


def report_markdown(report: Report) -> str:
    """Overall verdict, the per-indicator table, then each indicator's gates, conflicts,
    evidence and next steps."""
    p = report.partnership
    lines = [f"# Gap report: {_cell(p.name)}", ""]
    details = [_cell(x) for x in (p.industry, p.region) if x]
    if details:
        lines += [f"*{' · '.join(details)}* · as of {report.as_of}", ""]
    lines += [f"**{report.overall.summary}**", ""]
    if report.overall.top_change:
        lines += [
            f"**The one change that would move the partnership furthest:** {report.overall.top_change}",
            "",
        ]
    lines += ["| Indicator | Self | Documents | Merged | Status |", "|---|---|---|---|---|"]
    for f in report.indicators:
        change = f" ({f.change_since_last:+.1f})" if f.change_since_last else ""
        lines.append(
            f"| {f.title} | {_score(f.self_score)}{change} | {_score(f.evidence_score)} | {_score(f.score)} | **{f.status}** |"
        )
    for f in report.indicators:
        lines += ["", *indicator_markdown(f)]
    unread = [d for d in report.documents if d.status == "error"]
    if unread:
        lines += ["", "## Documents that could not be read", ""] + [
            f"- {markdown_code(d.path)}: {_cell(d.error or '')}" for d in unread
        ]
    lines += ["", "## How scores are merged", "", report.merge_rule, ""]
    return "\n".join(lines)
