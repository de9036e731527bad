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
from nextgen_assistant.assessment.status import standings, summary_lines
from nextgen_assistant.dialogue.engine import Conversation
from nextgen_assistant.dialogue.model import AssessmentRecord, Partnership
from nextgen_assistant.dialogue.questions import Question, load_questions
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


def understanding_ready() -> bool:
    """Whether free text is read at once (spaCy and the lexicons are loaded)."""
    return _build_checker.cache_info().currsize > 0


def warm_up() -> None:
    """Load spaCy and the lexicons now (the terminal app does this in a worker)."""
    _checker()


def summarize(
    record: AssessmentRecord,
    today: date,
    sequence: list[Question] | None = None,
    scan: ScanResult | None = None,
) -> str:
    """Where things stand: per indicator, answers given and the status the report would give."""
    rows = standings(today, record, scan, sequence)
    return "\n".join(summary_lines(record.partnership.name, rows))


def open_conversation(store: Store, today: date, assessment_id: int | None = None) -> Conversation:
    """Resume an assessment, or begin a new one (stored with its first answer)."""
    conversation = Conversation(
        load_questions(),
        store,
        assessment_id,
        today,
        understand=understander(today),
        partnership=Partnership(name=f"New partnership {today:%Y-%m-%d}"),
    )
    conversation.summarize = lambda record: summarize(record, today, conversation.sequence())
    return conversation


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


def make_group_report(
    today: date, records: list[AssessmentRecord], scan: ScanResult | None
) -> Report:
    """The group report: every respondent of one partnership, and its documents."""
    return build_report(
        load_rubric(), load_questions(), load_recommendations(), today, None, scan, group=records
    )
