"""`nextgen eval` output."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:  # the evaluation runs the checker; rendering only needs its shape
    from nextgen_assistant.signals.evaluation import Evaluation


def print_evaluation(result: Evaluation, console: Console, mismatches: bool = True) -> None:
    """Per indicator and polarity: precision, recall, F1; then overall, status agreement and misses."""
    table = Table(title="Document checker against the labeled set")
    for column in ("indicator", "polarity", "TP", "FP", "FN", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column in ("indicator", "polarity") else "right")
    for s in [*result.scores, result.overall]:
        table.add_row(
            s.indicator,
            s.polarity,
            str(s.true_positives),
            str(s.false_positives),
            str(s.false_negatives),
            f"{s.precision:.2f}",
            f"{s.recall:.2f}",
            f"{s.f1:.2f}",
        )
    console.print(table)
    if result.missing:
        console.print(
            f"Left out: {len(result.missing)} labeled "
            f"{'document' if len(result.missing) == 1 else 'documents'} not on this machine "
            f"(first: {escape(result.missing[0])}); statuses are judged on the documents that "
            "are here."
        )
    lowest = min((result.indicator_f1(s.indicator), s.indicator) for s in result.scores)
    console.print(
        f"Overall precision {result.overall.precision:.2f}, recall {result.overall.recall:.2f}, "
        f"F1 {result.overall.f1:.2f}; lowest indicator F1 {lowest[0]:.2f} ({lowest[1]})."
    )
    red = result.red_flags
    console.print(
        f"Red flags: precision {red.precision:.2f}, recall {red.recall:.2f}, F1 {red.f1:.2f}."
    )
    console.print(
        "Per indicator F1: "
        + ", ".join(
            f"{i} {result.indicator_f1(i):.2f}"
            for i in dict.fromkeys(s.indicator for s in result.scores)
        )
    )
    console.print(
        f"Status agreement: {result.status_agreement:.0%} of {result.statuses_compared} partnership indicators."
    )
    for mismatch in result.mismatches if mismatches else []:
        console.print(
            f"  [dim]{mismatch.kind}[/] {escape(mismatch.where)} · {mismatch.indicator}: {escape(mismatch.detail)}"
        )
    floors = result.floors
    verdict = "[green]passed[/]" if result.passed else "[red]below the floors[/]"
    console.print(
        f"Floors: precision {floors.precision:.2f}, recall {floors.recall:.2f}, F1 {floors.f1:.2f}, "
        f"red-flag recall {floors.red_flag_recall:.2f}, "
        f"status agreement {floors.status_agreement:.2f}: {verdict}"
    )


def evaluation_json(result: Evaluation) -> str:
    """The evaluation as JSON, rates included."""
    data = result.model_dump(mode="json")
    data["overall"].update(
        precision=result.overall.precision, recall=result.overall.recall, f1=result.overall.f1
    )
    for score, dumped in zip(result.scores, data["scores"], strict=True):
        dumped.update(precision=score.precision, recall=score.recall, f1=score.f1)
    red = result.red_flags
    data["red_flags"] = {"precision": red.precision, "recall": red.recall, "f1": red.f1}
    data["indicator_f1"] = {s.indicator: result.indicator_f1(s.indicator) for s in result.scores}
    data["passed"] = result.passed
    return json.dumps(data, indent=2)
