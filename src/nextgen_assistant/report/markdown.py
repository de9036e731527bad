"""The gap report as Markdown, readable in any viewer."""

from __future__ import annotations

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
from nextgen_assistant.safe_text import markdown_code, markdown_text


def _cell(text: str) -> str:
    """Text from documents, answers or names: literal, on one line (no HTML, no links)."""
    return markdown_text(text)


def indicator_markdown(finding: IndicatorFinding) -> list[str]:
    """One indicator's section: gates (with any disagreement about them), other conflicts, the
    group's divergence, the counted evidence and next steps (the report's sections, and the
    terminal app's drill-down)."""
    lines = [f"## {finding.title}: {finding.status}", "", finding.description, ""]
    for gate in finding.gates:
        disagreement = gate_conflict(finding, gate)
        mark = GATE_MARK[gate.passed]
        detail = _cell(gate.detail)
        tail = " **Answers and documents disagree; the documents decide.**" if disagreement else ""
        if tail and not detail.endswith((".", "!", "?")):
            detail += "."  # the detail's sentence ends before the note (it ran into it)
        lines.append(f"- Gate ({mark}): {gate.description} — {detail}{tail}")
    for conflict in other_conflicts(finding):
        lines.append(f"- **{conflict.kind.capitalize()}:** {_cell(conflict.message)}")
    if finding.divergence_finding:
        lines.append(f"- **Divergent views:** {_cell(finding.divergence_finding)}")
    counted = [signal for signal in finding.evidence if signal.counted][:5]
    if counted:
        lines += ["", "Evidence:", ""]
        for signal in counted:
            # A word, not "+" or "-": those after a list marker make a nested list.
            sign = "For" if signal.polarity == "supporting" else "Against"
            # A derived fact is the tool's finding, not the document's words: no quotation marks.
            said = (
                f"{_cell(signal.quote)} {derived_note(signal)}"
                if signal.derived
                else f"“{_cell(signal.quote)}”"
            )
            lines.append(f"- **{sign}:** {said} — {markdown_code(where(signal))}")
    if finding.recommendations:
        lines += ["", "Next steps:", ""] + [
            f"{number}. {step}" for number, step in enumerate(finding.recommendations, start=1)
        ]
    return lines


def _group_table(report: Report) -> list[str]:
    roles = group_roles(report)
    if not roles:
        return []
    head = " | ".join(role_heading(role) for role in roles)
    lines = [
        "## The group's views",
        "",
        f"| Indicator | Group | Spread | {head} | Business − public |",
        "|---|---|---|" + "---|" * len(roles) + "---|",
    ]
    for f in report.indicators:
        cells = " | ".join(role_cell(f, role) for role in roles)
        divergence = "–" if f.divergence is None else f"{f.divergence:+.1f}"
        if f.divergence_finding:
            divergence = f"**{divergence}**"
        spread = "–" if f.spread is None else f"{f.spread:.1f}"
        lines.append(f"| {f.title} | {score(f.self_score)} | {spread} | {cells} | {divergence} |")
    note = one_voice_note(report)
    lines += ["", "A business − public difference of a full band (1.0) or more is in bold."]
    if note:
        lines += ["", note]
    return [*lines, ""]


def warnings_markdown(report: Report) -> list[str]:
    """The report's 'Check first' warnings (documents about another partnership or region...),
    their text literal: the Markdown report's and the terminal app's report screen's."""
    lines: list[str] = []
    for warning in report.warnings:
        lines += [f"> **Check first:** {_cell(warning)}", ""]
    return lines


def report_markdown(report: Report) -> str:
    """Warnings first, the overall verdict, the per-indicator table, the group's views, then
    each indicator's gates, conflicts, evidence and next steps."""
    p = report.partnership
    lines = [f"# Gap report: {_cell(p.name)}", "", *warnings_markdown(report)]
    details = [_cell(x) for x in (p.industry, p.region) if x]
    lines += [f"*{' · '.join([*details, f'as of {report.as_of}'])}*", ""]
    group = respondents_line(report)
    if group:
        lines += [group, ""]
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
            f"| {f.title} | {score(f.self_score)}{change} | {score(f.evidence_score)} | {score(f.score)} | **{f.status}** |"
        )
    lines += ["", *_group_table(report)]
    for f in report.indicators:
        lines += ["", *indicator_markdown(f)]
    unread = [d for d in report.documents if d.status == "error"]
    if unread:
        lines += ["", "## Documents that could not be read", ""] + [
            f"- {markdown_code(d.path)}: {_cell(d.error or '')}" for d in unread
        ]
    lines += ["", "## How scores are merged", "", report.merge_rule, ""]
    return "\n".join(lines)
