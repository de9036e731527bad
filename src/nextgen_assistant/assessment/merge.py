"""Merging the conversation and the documents into findings per indicator, and the overall view."""

from __future__ import annotations

from datetime import date

from nextgen_assistant import INDICATOR_IDS
from nextgen_assistant.assessment.advice import RecommendationBook, recommend
from nextgen_assistant.assessment.gates import judge_gates
from nextgen_assistant.assessment.model import (
    Conflict,
    DocumentNote,
    EarlierAssessment,
    GateResult,
    IndicatorFinding,
    Overall,
    Report,
)
from nextgen_assistant.assessment.self_score import self_scores
from nextgen_assistant.dialogue.model import Answer, AssessmentRecord, Partnership
from nextgen_assistant.dialogue.questions import QuestionBank
from nextgen_assistant.rubric import Rubric, Status
from nextgen_assistant.signals.model import ScanResult, Signal

MERGE_RULE = (
    "Each indicator gets a self-assessment score from the answers (the mean of its answered "
    "questions, 1 to 5) and an evidence score from the documents (the weighted share of supporting "
    "signals, pulled toward 3 when evidence is thin). The merged score is their average, or the one "
    "that exists. Bands: 4.0 and above meets, 3.0 to 3.9 partial, under 3.0 gap, no score unknown. "
    "A gate that fails caps the status at partial. Where answers and documents disagree on a gate, "
    "the documents decide and the disagreement is listed as a conflict."
)
HIGH, LOW = 4.0, 2.5
GATE_QUESTIONS = {
    "footprint_crosses_jurisdictions": "rlm_counties",
    "business_outnumbers_public": "psl_business_attendees",
    "business_sets_agenda": "ida_agenda_setter",
    "partner_type_coverage": "ppt_partner_types",
    "plan_current": "sap_updated",
    "not_grant_dependent": "sus_largest_grant_share",
    "outcomes_measured": "mr_outcomes",
}


def merged_score(self_score: float | None, evidence_score: float | None) -> float | None:
    """The average of the two scores, or the one that exists."""
    scores = [s for s in (self_score, evidence_score) if s is not None]
    return round(sum(scores) / len(scores), 1) if scores else None


def capped(status: Status, gates: list[GateResult]) -> Status:
    """A failed gate caps `meets` at `partial`."""
    return "partial" if status == "meets" and any(g.passed is False for g in gates) else status


def _strongest(signals: list[Signal], polarity: str) -> Signal | None:
    chosen = [s for s in signals if s.counted and s.polarity == polarity]
    return max(chosen, key=lambda s: s.weight * s.confidence) if chosen else None


def _conflicts(
    title: str,
    self_score: float | None,
    evidence_score: float | None,
    gates: list[GateResult],
    signals: list[Signal],
    answers: dict[str, Answer],
    have_documents: bool,
) -> list[Conflict]:
    conflicts: list[Conflict] = []
    for gate in gates:
        if (
            gate.from_answers is not None
            and gate.from_documents is not None
            and gate.from_answers != gate.from_documents
        ):
            question_id = GATE_QUESTIONS.get(gate.id)
            answer = answers.get(question_id or "")
            conflicts.append(
                Conflict(
                    kind="contradicted",
                    message=f"{gate.description} Answers and documents disagree: {gate.detail}.",
                    question_id=question_id,
                    answer=answer.raw if answer else None,
                    evidence_summary=gate.detail,
                )
            )
    if self_score is not None and evidence_score is not None:
        if self_score >= HIGH and evidence_score <= LOW:
            worst = _strongest(signals, "red_flag")
            conflicts.append(
                Conflict(
                    kind="contradicted",
                    evidence=worst,
                    message=f"You rated {title.lower()} {self_score:.1f}/5; the documents score it {evidence_score:.1f}"
                    + (f": “{worst.quote}” ({worst.path})" if worst else ""),
                )
            )
        elif self_score <= LOW and evidence_score >= HIGH:
            best = _strongest(signals, "supporting")
            conflicts.append(
                Conflict(
                    kind="contradicted",
                    evidence=best,
                    message=f"You rated {title.lower()} {self_score:.1f}/5, but the documents show strength ({evidence_score:.1f})"
                    + (f": “{best.quote}” ({best.path})" if best else ""),
                )
            )
    elif (
        self_score is not None and self_score >= HIGH and have_documents and evidence_score is None
    ):
        conflicts.append(
            Conflict(
                kind="unsupported",
                message=f"You rated {title.lower()} {self_score:.1f}/5; no document supports or contradicts it yet.",
            )
        )
    return conflicts


def build_report(
    rubric: Rubric,
    bank: QuestionBank,
    book: RecommendationBook,
    as_of: date,
    record: AssessmentRecord | None,
    scan: ScanResult | None,
    earlier: AssessmentRecord | None = None,
) -> Report:
    """The gap report from answers, documents, or both."""
    answers = record.answers if record else {}
    selfs = self_scores(bank, answers, as_of) if record else dict.fromkeys(INDICATOR_IDS)
    evidence_by_id = {i.id: i for i in scan.indicators} if scan else {}
    facts = scan.partnership_facts if scan else None
    findings: list[IndicatorFinding] = []
    earlier_scores = self_scores(bank, earlier.answers, as_of) if earlier else None
    for indicator in rubric.indicators:
        signals = [
            s
            for d in (scan.documents if scan else [])
            for s in d.signals
            if s.indicator == indicator.id
        ]
        evidence_score = (
            evidence_by_id[indicator.id].score if indicator.id in evidence_by_id else None
        )
        score = merged_score(selfs[indicator.id], evidence_score)
        gates = judge_gates(rubric, indicator.id, answers, facts, signals, as_of)
        status = capped(rubric.status_for(score), gates)
        signals.sort(key=lambda s: (not s.counted, -(s.weight * s.confidence)))
        change = None
        if (
            earlier_scores is not None
            and earlier_scores[indicator.id] is not None
            and selfs[indicator.id] is not None
        ):
            change = round((selfs[indicator.id] or 0) - (earlier_scores[indicator.id] or 0), 1)
        findings.append(
            IndicatorFinding(
                id=indicator.id,
                title=indicator.title,
                description=indicator.description,
                status=status,
                self_score=selfs[indicator.id],
                evidence_score=evidence_score,
                score=score,
                gates=gates,
                conflicts=_conflicts(
                    indicator.title,
                    selfs[indicator.id],
                    evidence_score,
                    gates,
                    signals,
                    answers,
                    scan is not None,
                ),
                evidence=signals[:12],
                recommendations=[r.text for r in recommend(book, indicator.id, status, gates)],
                change_since_last=change,
            )
        )
    return Report(
        as_of=as_of,
        partnership=record.partnership if record else Partnership(name="(documents only)"),
        assessment_id=record.id if record else None,
        overall=_overall(findings, book),
        indicators=findings,
        documents=[
            DocumentNote(path=d.name or d.path, status=d.status, error=d.error)
            for d in (scan.documents if scan else [])
        ],
        earlier=EarlierAssessment(
            id=earlier.id, date=earlier.started_at.date(), scores=earlier_scores or {}
        )
        if earlier
        else None,
        merge_rule=MERGE_RULE,
    )


def _overall(findings: list[IndicatorFinding], book: RecommendationBook) -> Overall:
    meets = sum(f.status == "meets" for f in findings)
    candidates = []
    for finding in findings:
        if finding.status != "meets":
            for recommendation in recommend(book, finding.id, finding.status, finding.gates):
                candidates.append((recommendation.priority, recommendation.text))
    top = min(candidates)[1] if candidates else None
    next_gen = meets == len(findings)
    summary = (
        "This partnership meets all seven indicators: it is a Next Gen Sector Partnership."
        if next_gen
        else f"Not yet Next Gen: {meets} of {len(findings)} indicators meet."
    )
    return Overall(next_gen=next_gen, meets=meets, top_change=top, summary=summary)
