"""Public partners of several kinds named together are a team at the table, not yet a coordinated
one: the gate `partners_coordinate` asks for two of three (partners of several kinds at the table,
partners coordinating their support, partners responding with their programs), from the documents
and from the answers alike."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from nextgen_assistant.signals.model import ScanResult
from nextgen_assistant.signals.scan import ScanSettings, scan
from tests.conftest import run_nextgen
from tests.test_plan_in_use import _folder  # one partnership folder of one document

AS_OF = date(2026, 5, 1)
# Written for these tests, in the shapes real pages use: partners listed, then partners at work.
AT_THE_TABLE = (
    "The Ridge Valley School District, Ridge Community College and the Ridge Valley Workforce "
    "Board take part in the manufacturers' partnership."
)
COORDINATING = "Employers have one point of contact for every public program in the valley."
# A plan in a side clause of a listing is the side clause's: the partners are still listed.
SIDE_CLAUSE = (
    "The Ridge Coalition brings together counties, colleges and ports around projects that will "
    "last for decades."
)


def _team(result: ScanResult):  # type: ignore[no-untyped-def]
    return next(i for i in result.indicators if i.id == "public_partner_team")


def test_partners_only_named_together_are_held_at_partial(tmp_path: Path) -> None:
    team = _team(scan([_folder(tmp_path, AT_THE_TABLE)], ScanSettings(as_of=AS_OF)))
    assert team.score is not None and team.score >= 4.0  # the band alone would say meets
    assert team.status == "partial" and team.capped_by == ["partners_coordinate"]


def test_partners_named_and_coordinating_meet(tmp_path: Path) -> None:
    folder = _folder(tmp_path, AT_THE_TABLE, COORDINATING)
    team = _team(scan([folder], ScanSettings(as_of=AS_OF)))
    assert team.status == "meets" and team.capped_by == []


def test_a_plan_in_a_side_clause_leaves_the_listing_asserted(tmp_path: Path) -> None:
    result = scan([_folder(tmp_path, SIDE_CLAUSE)], ScanSettings(as_of=AS_OF))
    [listed] = [
        s
        for s in result.documents[0].signals
        if s.rule == "public_partner_team.partner_types_together"
    ]
    assert listed.context == "asserted"
    plain = scan(
        [_folder(tmp_path, "Counties, colleges and ports will come together.", name="plan")],
        ScanSettings(as_of=AS_OF),
    )
    assert not any(
        s.counted and s.rule == "public_partner_team.partner_types_together"
        for s in plain.documents[0].signals
    )


def _report_team(tmp_path: Path, answers: str, *paragraphs: str) -> dict:  # type: ignore[type-arg]
    path = tmp_path / "answers.yaml"
    path.write_text(
        "partnership: {name: Ridge Manufacturing Partnership, industry: manufacturing, "
        "region: the valley}\nanswers:\n" + answers,
        encoding="utf-8",
    )
    folder = _folder(tmp_path, *paragraphs)
    done = run_nextgen(
        "report", "--docs", str(folder), "--answers", str(path), "--format", "json",
        "--as-of", "2026-05-01",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return next(
        i for i in json.loads(done.stdout)["indicators"] if i["id"] == "public_partner_team"
    )


def test_the_report_reads_the_gate_from_answers_and_documents(tmp_path: Path) -> None:
    """Answers say three kinds of partner coordinating (5 of 5); the documents show partners
    only at the table: the documents decide, the answer they disagree with is cited, and the
    next step asks only for what neither shows (partners responding)."""
    finding = _report_team(
        tmp_path,
        "  ppt_partner_types: [k12, postsecondary, workforce]\n  ppt_agree_coordinated: 5\n",
        AT_THE_TABLE,
    )
    [gate] = [g for g in finding["gates"] if g["id"] == "partners_coordinate"]
    assert gate["from_documents"] is False and gate["from_answers"] is True
    [conflict] = [c for c in finding["conflicts"] if c.get("gate_id") == "partners_coordinate"]
    assert conflict["question_id"] == "ppt_agree_coordinated"
    assert any(
        r.startswith("Show partners responding with their programs too")
        for r in finding["recommendations"]
    )
