"""The checker against the labeled sample set: accuracy cannot silently fall."""

from __future__ import annotations

from nextgen_assistant import INDICATOR_IDS
from nextgen_assistant.signals.evaluation import evaluate
from tests.conftest import SAMPLE_DOCS, run_nextgen


def test_checker_meets_its_floors_and_targets() -> None:
    result = evaluate(SAMPLE_DOCS / "labels.yaml")
    assert result.passed, [m.model_dump() for m in result.mismatches]
    assert result.overall.precision >= 0.90
    assert result.overall.recall >= 0.85
    for indicator in INDICATOR_IDS:
        assert result.indicator_f1(indicator) >= 0.75, indicator


def test_eval_command_prints_scores() -> None:
    done = run_nextgen("eval", "--labels", str(SAMPLE_DOCS / "labels.yaml"), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert '"precision"' in done.stdout and '"passed": true' in done.stdout
