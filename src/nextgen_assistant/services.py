"""The few operations the command line and the terminal app share: start or resume a
conversation, understand free text, summarise, scan and build a report."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from pathlib import Path

from nextgen_assistant.assessment.advice import load_recommendations
from nextgen_assistant.assessment.merge import build_report
from nextgen_assistant.assessment.model import Report
from nextgen_assistant.assessment.self_score import self_scores
from nextgen_assistant.dialogue.engine import Conversation
from nextgen_assistant.dialogue.model import AssessmentRecord, Partnership
from nextgen_assistant.dialogue.questions import load_questions
from nextgen_assistant.dialogue.store import Store
from nextgen_assistant.rubric import load_rubric
from nextgen_assistant.signals.model import DocumentResult, ScanResult

_CHECKER_LOCK = threading.Lock()


def _checker(lexicons: tuple[Path, ...] = ()):  # type: ignore[no-untyped-def]
    """The process's checker, built once even when the app's warm-up worker and an answer ask
    for it at the same moment."""
    with _CHECKER_LOCK:
        return _build_checker(lexicons)


@lru_cache(maxsize=4)
def _build_checker(lexicons: tuple[Path, ...]):  # type: ignore[no-untyped-def]
    from nextgen_assistant.signals.checker import Checker  # loads spaCy: only when first needed

    return Checker(lexicons)


def understander(today: date) -> Callable[[str], DocumentResult]:
    """Free text checked by the document checker (spaCy loads on the first call)."""
    return lambda text: _checker().check_text(text, today)


def warm_up() -> None:
    """Load spaCy and the lexicons now (the terminal app does this in a worker)."""
    _checker()


def summarize(record: AssessmentRecord, today: date) -> str:
    """Where things stand: per indicator, answers given and the self-assessment so far."""
    bank, rubric = load_questions(), load_rubric()
    scores = self_scores(bank, record.answers, today)
    lines = [f"Where things stand for {record.partnership.name}:"]
    for indicator in rubric.indicators:
        asked = [q for q in bank.questions if q.indicator == indicator.id and not q.follow_up_only]
        answered = sum(q.id in record.answers for q in asked)
        score = scores[indicator.id]
        status = rubric.status_for(score)
        shown = "–" if score is None else f"{score:.1f}"
        lines.append(
            f"- {indicator.title}: {answered}/{len(asked)} answered · self score {shown} ({status})"
        )
    return "\n".join(lines)


def open_conversation(store: Store, today: date, assessment_id: int | None = None) -> Conversation:
    """Resume an assessment, or start a new one."""
    if assessment_id is None:
        assessment_id = store.start(Partnership(name=f"New partnership {today:%Y-%m-%d}"))
    return Conversation(
        load_questions(),
        store,
        assessment_id,
        today,
        understand=understander(today),
        summarize=lambda record: summarize(record, today),
    )


def scan_documents(
    paths: list[Path],
    today: date,
    jobs: int = 1,
    progress: Callable[[int, int, str], None] | None = None,
) -> ScanResult:
    """Scan one partnership's documents."""
    from nextgen_assistant.signals.scan import ScanSettings, scan

    return scan(paths, ScanSettings(as_of=today), jobs=jobs, progress=progress)


def make_report(
    today: date,
    record: AssessmentRecord | None,
    scan: ScanResult | None,
    earlier: AssessmentRecord | None = None,
) -> Report:
    """The gap report from an assessment, documents, or both."""
    return build_report(
        load_rubric(), load_questions(), load_recommendations(), today, record, scan, earlier
    )
