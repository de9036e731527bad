"""Merging the conversation and the documents into findings per indicator, and the overall view.
One respondent or several: a group report merges every respondent's answers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from nextgen_assistant.assessment.advice import (
    RecommendationBook,
    met_checks,
    recommend,
    said_choices,
)
from nextgen_assistant.assessment.evidence import one_place, other_partnership, strength
from nextgen_assistant.assessment.gates import GateInputs, gate_result, read_gate
from nextgen_assistant.assessment.group import (
    GroupView,
    band_width,
    combined_answers,
    divergence_sentence,
)
from nextgen_assistant.assessment.model import (
    Conflict,
    DocumentNote,
    EarlierAssessment,
    GateResult,
    IndicatorFinding,
    Overall,
    Report,
)
from nextgen_assistant.assessment.scores import kept, shown_score
from nextgen_assistant.assessment.self_score import self_scores
from nextgen_assistant.dialogue.model import AssessmentRecord, Partnership
from nextgen_assistant.dialogue.questions import QuestionBank
from nextgen_assistant.rubric import Indicator, Rubric, Status
from nextgen_assistant.signals.model import ScanResult, Signal

MERGE_RULE = (
    "Each indicator gets a self-assessment score from the answers (the mean of its answered "
    "questions, 1 to 5; with several respondents, the mean of theirs) and an evidence score from "
    "the documents (the weighted share of supporting signals, pulled toward 3 when evidence is "
    "thin). The merged score is their average, or the one that exists. Bands, applied to the "
    "exact score: 4.0 and above meets, 3.0 up to 4.0 partial, under 3.0 gap, no score unknown "
    "(a score shown with two decimals sits just under a band edge). A gate that fails caps the "
    "status at partial. Where answers and documents disagree on a gate, the documents decide and "
    "the disagreement is listed as a conflict."
)
HIGH, LOW = 4.0, 2.5
EVIDENCE_KEPT = 12


def merged_score(self_score: float | None, evidence_score: float | None) -> float | None:
    """The exact average of the two scores, or the one that exists."""
    scores = [s for s in (self_score, evidence_score) if s is not None]
    return sum(scores) / len(scores) if scores else None


def capped(status: Status, gates: list[GateResult]) -> Status:
    """A failed gate caps `meets` at `partial`."""
    return "partial" if status == "meets" and any(g.passed is False for g in gates) else status


def _strongest(signals: list[Signal], polarity: str) -> Signal | None:
    chosen = [s for s in signals if s.counted and s.polarity == polarity]
    return max(chosen, key=strength) if chosen else None


def _gate_conflicts(
    gates: list[GateResult], bank: QuestionBank, records: Sequence[AssessmentRecord]
) -> list[Conflict]:
    conflicts: list[Conflict] = []
    for gate in gates:
        if (
            gate.from_answers is None
            or gate.from_documents is None
            or gate.from_answers == gate.from_documents
        ):
            continue
        wired = [q.id for q in bank.all_questions() if q.check == gate.id]
        if gate.answered_by is not None:
            wired = [gate.answered_by, *(q for q in wired if q != gate.answered_by)]
        answer = next(
            (r.answers[q] for q in wired for r in records if q in r.answers),
            None,
        )
        conflicts.append(
            Conflict(
                kind="contradicted",
                gate_id=gate.id,
                message=f"{gate.description} Answers and documents disagree: {gate.detail}.",
                question_id=answer.question_id if answer else (wired[0] if wired else None),
                answer=answer.raw if answer else None,
                evidence_summary=gate.detail,
            )
        )
    return conflicts


def _score_conflicts(
    title: str,
    self_score: float | None,
    evidence_score: float | None,
    signals: list[Signal],
    have_documents: bool,
    who: str,
) -> list[Conflict]:
    if self_score is not None and evidence_score is not None:
        if self_score >= HIGH and evidence_score <= LOW:
            worst = _strongest(signals, "red_flag")
            return [
                Conflict(
                    kind="contradicted",
                    evidence=worst,
                    message=f"{who} rated {title.lower()} {shown_score(self_score)}/5; the "
                    f"documents score it {shown_score(evidence_score)}"
                    + (_cited(worst) if worst else ""),
                )
            ]
        if self_score <= LOW and evidence_score >= HIGH:
            best = _strongest(signals, "supporting")
            return [
                Conflict(
                    kind="contradicted",
                    evidence=best,
                    message=f"{who} rated {title.lower()} {shown_score(self_score)}/5, but the "
                    f"documents show strength ({shown_score(evidence_score)})"
                    + (_cited(best) if best else ""),
                )
            ]
    elif (
        self_score is not None and self_score >= HIGH and have_documents and evidence_score is None
    ):
        return [
            Conflict(
                kind="unsupported",
                message=f"{who} rated {title.lower()} {shown_score(self_score)}/5; no document "
                "supports or contradicts it yet.",
            )
        ]
    return []


def _gates(
    rubric: Rubric,
    indicator: Indicator,
    group: GroupView,
    scan: ScanResult | None,
    signals: list[Signal],
    bank: QuestionBank,
    today: date,
) -> list[GateResult]:
    """Each gate: every respondent's reading of it, combined, beside the documents'."""
    facts = scan.partnership_facts if scan else None
    results = []
    for check in indicator.gates:
        readings = [
            (
                group.speaker(index),
                read_gate(check, GateInputs(bank, r.answers, facts, signals, today))[0],
            )
            for index, r in enumerate(group.records)
        ]
        shown = read_gate(check, GateInputs(bank, {}, facts, signals, today))[1]
        results.append(gate_result(check, combined_answers(readings), shown))
    return results


def _cited(signal: Signal) -> str:
    """A signal cited in a sentence: a document's words in quotation marks with its file; a
    derived fact (a count, a finding across the documents) as the tool's finding, never quoted."""
    if signal.derived:
        where = f"the document, {signal.path}" if signal.path else "the documents"
        return f": {signal.quote} (found across {where})"
    return f": “{signal.quote}” ({signal.path})"


def build_report(
    rubric: Rubric,
    bank: QuestionBank,
    book: RecommendationBook,
    as_of: date,
    record: AssessmentRecord | None,
    scan: ScanResult | None,
    earlier: AssessmentRecord | None = None,
    group: Sequence[AssessmentRecord] | None = None,
) -> Report:
    """The gap report from answers, documents, or both. `group`, when given, is every
    respondent of one partnership (it replaces `record`): their answers are merged, role by
    role, and the documents still decide the gates."""
    records = list(group) if group else ([record] if record else [])
    view = GroupView(bank, records, as_of)
    width = band_width(rubric)
    documents = scan.documents if scan else []
    signals_found = scan.all_signals() if scan else []
    raw = {
        indicator.id: sorted(
            (s for s in signals_found if s.indicator == indicator.id),
            key=strength,
            reverse=True,
        )
        for indicator in rubric.indicators
    }
    shown_evidence = one_place(raw)
    met = met_checks(bank, records, as_of)
    said = said_choices(records)
    earlier_scores = (
        self_scores(bank, earlier.answers, as_of) if earlier and len(records) == 1 else None
    )
    evidence_by_id = {i.id: i for i in scan.indicators} if scan else {}
    who = "You" if len(records) <= 1 else "The respondents"
    findings: list[IndicatorFinding] = []
    for indicator in rubric.indicators:
        signals = raw[indicator.id]
        self_score = view.self_score(indicator.id)
        evidence_score = (
            evidence_by_id[indicator.id].score if indicator.id in evidence_by_id else None
        )
        exact = merged_score(self_score, evidence_score)
        gates = _gates(rubric, indicator, view, scan, signals, bank, as_of)
        status = capped(rubric.status_for(exact), gates)
        change = None
        if (
            earlier_scores is not None
            and earlier_scores[indicator.id] is not None
            and self_score is not None
        ):
            change = round(self_score - (earlier_scores[indicator.id] or 0), 1)
        by_role = view.by_role(indicator.id) if len(records) > 1 else {}
        divergence = view.divergence(indicator.id)
        gaps = view.diverging_questions(indicator.id) if divergence is not None else []
        findings.append(
            IndicatorFinding(
                id=indicator.id,
                title=indicator.title,
                description=indicator.description,
                status=status,
                self_score=kept(self_score),
                evidence_score=kept(evidence_score),
                score=kept(exact),
                gates=gates,
                conflicts=_gate_conflicts(gates, bank, records)
                + _score_conflicts(
                    indicator.title,
                    self_score,
                    evidence_score,
                    shown_evidence[indicator.id],
                    scan is not None,
                    who,
                ),
                evidence=shown_evidence[indicator.id][:EVIDENCE_KEPT],
                recommendations=[
                    r.text for r in recommend(book, indicator.id, status, gates, met, said)
                ],
                change_since_last=change,
                by_role=by_role,
                spread=view.spread(indicator.id),
                divergence=kept(divergence) if divergence is not None else None,
                divergence_finding=divergence_sentence(
                    divergence, gaps, by_role or view.by_role(indicator.id), width
                )
                if divergence is not None
                else None,
                diverging_questions=gaps,
            )
        )
    partnership = _partnership(records)
    warnings = other_partnership(
        [r.partnership for r in records],
        scan.partnership_facts if scan else None,
        [s for signals in raw.values() for s in signals],
    )
    overall = _overall(
        findings, book, (met, said), bool(records) and any(r.answers for r in records), scan
    )
    if warnings and records and overall.meets:
        # The verdict counted documents the report doubts are this partnership's: say so in
        # it, not only in the warning above it (it said "meets" beside "Check first").
        overall.summary += (
            " These figures count documents that may be another partnership's: check first."
        )
    return Report(
        as_of=as_of,
        partnership=partnership,
        assessment_id=records[0].id if len(records) == 1 else None,
        respondents=view.respondents(),
        warnings=warnings,
        overall=overall,
        indicators=findings,
        documents=[
            DocumentNote(path=d.name or d.path, status=d.status, error=d.error) for d in documents
        ],
        earlier=EarlierAssessment(
            id=earlier.id,
            date=earlier.started_at.date(),
            scores={k: kept(v) for k, v in (earlier_scores or {}).items()},
        )
        if earlier and earlier_scores is not None
        else None,
        merge_rule=MERGE_RULE,
    )


def _partnership(records: list[AssessmentRecord]) -> Partnership:
    if not records:
        return Partnership(name="(documents only)")
    first = records[0].partnership
    return Partnership(
        name=first.name,
        industry=next((r.partnership.industry for r in records if r.partnership.industry), None),
        region=next((r.partnership.region for r in records if r.partnership.region), None),
    )


def _overall(
    findings: list[IndicatorFinding],
    book: RecommendationBook,
    answered: tuple[set[str], dict[str, set[str]]],
    have_answers: bool,
    scan: ScanResult | None,
) -> Overall:
    meets = sum(f.status == "meets" for f in findings)
    unknown = sum(f.status == "unknown" for f in findings)
    read = bool(scan and any(d.status == "ok" for d in scan.documents))
    if unknown == len(findings):
        missing = []
        if not have_answers:
            missing.append("no answers (`nextgen assess` asks the questions)")
        if not read:
            missing.append("no documents that could be read (`--docs` adds them)")
        summary = (
            "Nothing to judge yet: "
            + (
                " and ".join(missing)
                if missing
                else "no answer or document speaks to any indicator"
            )
            + ". Add either and the report will say where the partnership stands."
        )
        return Overall(next_gen=False, meets=0, top_change=None, summary=summary)
    met, said = answered  # what the answers say is done, whole or in part
    candidates = []
    for finding in findings:
        if finding.status not in ("meets", "unknown"):
            for recommendation in recommend(
                book, finding.id, finding.status, finding.gates, met, said
            ):
                candidates.append((recommendation.priority, recommendation.text))
    top = min(candidates)[1] if candidates else None
    next_gen = meets == len(findings)
    judged = len(findings) - unknown
    summary = (
        "This partnership meets all seven indicators: it is a Next Gen Sector Partnership."
        if next_gen
        else f"Not yet Next Gen: {meets} of {len(findings)} indicators meet"
        + (
            f"; {unknown} cannot be judged yet (no answer or document speaks to "
            f"{'it' if unknown == 1 else 'them'}), so {meets} of the {judged} judged."
            if unknown
            else "."
        )
    )
    return Overall(next_gen=next_gen, meets=meets, top_change=top, summary=summary)
