"""Words every report format shares, so Markdown, HTML and docx say the same thing."""

from __future__ import annotations

from nextgen_assistant.assessment.group import ROLE_NAMES
from nextgen_assistant.assessment.model import Conflict, GateResult, IndicatorFinding, Report
from nextgen_assistant.assessment.scores import shown_score
from nextgen_assistant.dialogue.model import Role
from nextgen_assistant.rubric import Rubric
from nextgen_assistant.signals.model import IndicatorEvidence, ScanResult, Signal, counted_rules

GATE_MARK = {True: "passed", False: "FAILED", None: "unknown"}
ROLE_ORDER: list[Role] = ["business_leader", "public_partner", "convener", "other"]


def score(value: float | None) -> str:
    """A score as people read it: never in another band than its status."""
    return shown_score(value)


def where(signal: Signal) -> str:
    """'file p.2 l.14', the path relative to the folder scanned; a finding across the
    documents is in none of them."""
    if signal.path is None and signal.derived and not signal.location.line:
        return "all documents"
    page = f" p.{signal.location.page}" if signal.location.page else ""
    return f"{signal.path or ''}{page} l.{signal.location.line}"


def held_note(item: IndicatorEvidence, result: ScanResult, rubric: Rubric) -> str | None:
    """Why a score in the `meets` band shows `partial`: what the documents show of each gate
    that held it there ("held at partial: the documents show a written plan, not action teams
    carrying it out or a plan kept current")."""
    checks = [c for c in rubric.indicator(item.id).gates if c.id in item.capped_by]
    if not checks:  # none, or a scan stored under a rubric without those gates
        return None
    supporting, red_flags = counted_rules(result.all_signals(), item.id)
    why = "; ".join(
        c.aspects_sentence(c.aspects_shown(supporting, red_flags)) if c.aspects else c.description
        for c in checks
    )
    return f"held at partial: {why}"


def derived_note(signal: Signal) -> str:
    """What a derived fact is, said after it (it is the tool's finding, never quoted)."""
    return "(found across the document)" if signal.path else "(found across the documents)"


def gate_conflict(finding: IndicatorFinding, gate: GateResult) -> Conflict | None:
    """The disagreement about this gate, shown with the gate rather than a second time."""
    return next((c for c in finding.conflicts if c.gate_id == gate.id), None)


def other_conflicts(finding: IndicatorFinding) -> list[Conflict]:
    """Disagreements not about a gate (scores far apart, a claim no document supports)."""
    return [c for c in finding.conflicts if c.gate_id is None]


def respondents_line(report: Report) -> str | None:
    """'3 respondents: 2 business leaders, 1 public partner' for a group report."""
    if len(report.respondents) < 2:
        return None
    counts = {role: sum(r.role == role for r in report.respondents) for role in ROLE_ORDER}
    parts = [
        f"{n} {ROLE_NAMES[role][0] if n == 1 else ROLE_NAMES[role][1]}"
        for role, n in counts.items()
        if n
    ]
    return f"{len(report.respondents)} respondents: {', '.join(parts)} (by role, never by name)"


def group_roles(report: Report) -> list[Role]:
    """The roles of a group report, in a fixed order."""
    present = {r.role for r in report.respondents}
    return [role for role in ROLE_ORDER if role in present] if len(report.respondents) > 1 else []


def role_cell(finding: IndicatorFinding, role: Role) -> str:
    """One role's mean for an indicator, with a mark when one person gave it."""
    view = finding.by_role.get(role)
    if view is None or view.self_score is None:
        return "–"
    return score(view.self_score) + (" (1 person)" if view.respondents == 1 else "")


def role_heading(role: Role) -> str:
    """A column heading for a role ('Business leaders')."""
    return ROLE_NAMES[role][1].capitalize()


def one_voice_note(report: Report) -> str | None:
    """The note for a group report where a role has a single respondent."""
    alone = [
        ROLE_NAMES[role][1]
        for role in group_roles(report)
        if sum(r.role == role for r in report.respondents) == 1
    ]
    if not alone:
        return None
    return (
        f"Only one person answered as {' and as '.join(alone)}: that column is one person's "
        "view, not a group's."
    )
