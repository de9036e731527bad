"""What a report says is in a person's words: no internal ids (in_kind, economic_development)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from nextgen_assistant import services
from nextgen_assistant.clock import fixed_clock
from nextgen_assistant.dialogue.answers_file import read_answers_file
from nextgen_assistant.dialogue.questions import load_questions
from nextgen_assistant.dialogue.store import Store
from tests.conftest import SAMPLE_DOCS

TODAY = date(2026, 11, 25)


def test_derived_findings_and_gates_name_kinds_in_words_not_ids(tmp_path: Path) -> None:
    """Found in the walkthrough: "Funding mix: grant 91%, company 8%, in_kind 2%"."""
    scan = services.scan_documents([SAMPLE_DOCS], TODAY)
    quotes = [s.quote for d in scan.documents for s in d.signals if s.derived]
    mixes = [q for q in quotes if q.startswith("Funding mix")]
    types = [q for q in quotes if q.startswith("Public-partner types named")]
    assert "Funding mix: grants 91%, company contributions 8%, in-kind support 2%" in mixes
    assert any("post-secondary education" in q for q in types)
    assert not [q for q in mixes + types if "_" in q]

    store = Store(tmp_path / "a.sqlite3", fixed_clock(TODAY))
    mesa = SAMPLE_DOCS / "mesa-valley-healthcare"
    named, respondent, answers = read_answers_file(
        mesa / "answers.yaml", load_questions(), TODAY, services.understander(TODAY)
    )
    record = store.load(store.start(named, respondent, answers))
    mesa_scan = services.scan_documents([mesa], TODAY)
    report = services.make_report(TODAY, record, mesa_scan)
    details = [g.detail for f in report.indicators for g in f.gates]
    assert any(
        "the documents show 2 of 5 (post-secondary, workforce development)" in d for d in details
    )
    assert any("said the partnership measures" in d for d in details)
    assert not [d for d in details if "_" in d], details
