"""Where each indicator stands right now, by the report's own rules (merged score, bands and gates):
the one place the app's side panel, its summary and the plain summary read status from."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from nextgen_assistant.assessment.advice import load_recommendations
from nextgen_assistant.assessment.merge import build_report
from nextgen_assistant.assessment.scores import shown_score
from nextgen_assistant.dialogue.model import AssessmentRecord
from nextgen_assistant.dialogue.questions import Question, load_questions
from nextgen_assistant.rubric import Status, load_rubric
from nextgen_assistant.signals.model import ScanResult


class Standing(BaseModel):
    """One indicator: its status and scores as the report gives them, and how many of its
    questions have an answer, a skip or a don't-know."""

    id: str
    title: str
    status: Status
    score: float | None
    self_score: float | None
    evidence_score: float | None
    answered: int
    skipped: int
    dont_know: int
    asked: int

    @property
    def set_aside(self) -> int:
        """Skipped or answered "don't know": asked, but no answer to score."""
        return self.skipped + self.dont_know

    def not_answered(self) -> str:
        """'1 skipped, 1 don't know' (each said apart, as the conversation does); '' for none."""
        parts = [f"{self.skipped} skipped"] if self.skipped else []
        parts += [f"{self.dont_know} don't know"] if self.dont_know else []
        return ", ".join(parts)


def standings(
    today: date,
    record: AssessmentRecord | None,
    scan: ScanResult | None,
    sequence: list[Question] | None = None,
) -> list[Standing]:
    """Per indicator, in the rubric's order: the report's status (gates included) and progress
    over `sequence` (the questions the conversation asks; every main question when omitted)."""
    bank = load_questions()
    report = build_report(
        load_rubric(), bank, load_recommendations(), today, record, scan, earlier=None
    )
    answers = record.answers if record else {}
    asked = (
        sequence if sequence is not None else [q for q in bank.questions if not q.follow_up_only]
    )
    out: list[Standing] = []
    for finding in report.indicators:
        mine = [q for q in asked if q.indicator == finding.id]
        given = [answers[q.id].status for q in mine if q.id in answers]
        out.append(
            Standing(
                id=finding.id,
                title=finding.title,
                status=finding.status,
                score=finding.score,
                self_score=finding.self_score,
                evidence_score=finding.evidence_score,
                answered=given.count("answered"),
                skipped=given.count("skipped"),
                dont_know=given.count("dont_know"),
                asked=len(mine),
            )
        )
    return out


def summary_lines(name: str, rows: list[Standing]) -> list[str]:
    """Where things stand, one line per indicator, in the words of the rubric."""
    lines = [f"Where things stand for {name}:"]
    for row in rows:
        score = shown_score(row.score)
        aside = f", {row.not_answered()}" if row.set_aside else ""
        lines.append(
            f"- {row.title}: {row.answered} of {row.asked} answered{aside} · {row.status} {score}"
        )
    return lines
