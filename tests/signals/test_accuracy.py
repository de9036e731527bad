"""The checker against the labeled sample set: accuracy cannot silently fall."""

from __future__ import annotations

from pathlib import Path

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


def _write_set(root: Path) -> None:
    """A tiny labeled set in my own words: a batch folder included by a top-level file."""
    folder = root / "batch-x" / "valley-builders"
    folder.mkdir(parents=True)
    (folder / "about.txt").write_text(
        "Valley Builders is led by contractors from four counties. Member firms pay annual dues.\n",
        encoding="utf-8",
    )
    (root / "batch-x" / "labels.yaml").write_text(
        "as_of: 2026-11-28\n"
        "floors: {precision: 0.5, recall: 0.5, status_agreement: 0.5}\n"
        "partnership_dates: {valley-builders: 2019-05-01}\n"
        "documents:\n"
        "  valley-builders/about.txt:\n"
        "    supporting: [private_sector_leadership, sustainability]\n"
        "    red_flag: []\n"
        "    notes: contractors lead; dues\n",
        encoding="utf-8",
    )
    (root / "labels.yaml").write_text(
        "as_of: 2026-11-28\n"
        "floors: {precision: 0.5, recall: 0.5, f1: 0.5, red_flag_recall: 0.0, status_agreement: 0.5}\n"
        "include: [batch-x/labels.yaml]\n",
        encoding="utf-8",
    )


def test_included_batches_are_scored_with_their_dates(tmp_path: Path) -> None:
    _write_set(tmp_path)
    result = evaluate(tmp_path / "labels.yaml")
    assert result.overall.true_positives + result.overall.false_negatives == 2
    assert result.red_flags.recall == 1.0  # no red flag labeled, none expected


def test_missing_passages_say_how_to_gather_them_again(tmp_path: Path) -> None:
    _write_set(tmp_path)
    (tmp_path / "batch-x" / "valley-builders" / "about.txt").unlink()
    done = run_nextgen("eval", "--labels", str(tmp_path / "labels.yaml"))
    assert done.returncode == 2
    assert "1 of 1 labeled documents are not in" in done.stderr
    assert "SOURCES.md" in done.stderr and "Traceback" not in done.stderr


def test_skip_missing_scores_what_is_here_and_says_what_was_left_out(tmp_path: Path) -> None:
    _write_set(tmp_path)
    batch = tmp_path / "batch-x"
    (batch / "valley-builders" / "minutes.txt").write_text(
        "The county workforce board chairs the meetings.\n", encoding="utf-8"
    )
    labels = batch / "labels.yaml"
    labels.write_text(
        labels.read_text(encoding="utf-8") + "  valley-builders/minutes.txt:\n"
        "    supporting: []\n"
        "    red_flag: [private_sector_leadership]\n"
        "  valley-builders/gone.txt:\n"
        "    supporting: [measurable_results]\n"
        "    red_flag: []\n"
        "  harbor-growers/gone-too.txt:\n"
        "    supporting: [sustainability]\n"
        "    red_flag: []\n"
        "partnerships:\n"
        "  valley-builders: {sustainability: meets}\n"
        "  harbor-growers: {sustainability: meets}\n",
        encoding="utf-8",
    )
    result = evaluate(tmp_path / "labels.yaml", skip_missing=True)
    assert result.missing == [
        "batch-x/valley-builders/gone.txt",
        "batch-x/harbor-growers/gone-too.txt",
    ]
    # the two passages that are here, three labels; the partnership with none here is not judged
    assert result.overall.true_positives + result.overall.false_negatives == 3
    assert result.statuses_compared == 1
    done = run_nextgen(
        "eval", "--labels", str(tmp_path / "labels.yaml"), "--summary", "--skip-missing"
    )
    assert "Left out: 2 labeled documents not on this machine" in done.stdout
    assert "Traceback" not in done.stderr
