"""Scoring the checker against labeled documents: precision, recall and F1 per indicator and
polarity, and status agreement per partnership."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from nextgen_assistant import INDICATOR_IDS
from nextgen_assistant.knowledge import load_model
from nextgen_assistant.rubric import Status
from nextgen_assistant.signals.scan import ScanSettings, scan

Polarity = Literal["supporting", "red_flag"]


class DocumentLabel(BaseModel):
    """The indicators a document holds asserted evidence for and against."""

    model_config = ConfigDict(extra="forbid")

    supporting: list[str] = Field(default_factory=list)
    red_flag: list[str] = Field(default_factory=list)


class Floors(BaseModel):
    """The scores below which `nextgen eval` fails."""

    precision: float = Field(ge=0, le=1)
    recall: float = Field(ge=0, le=1)
    status_agreement: float = Field(ge=0, le=1)


class Labels(BaseModel):
    """The labeled set."""

    model_config = ConfigDict(extra="forbid")

    as_of: date
    floors: Floors
    documents: dict[str, DocumentLabel]
    partnerships: dict[str, dict[str, Status]]


class Score(BaseModel):
    """Counts and rates for one indicator and polarity (or overall)."""

    indicator: str
    polarity: str
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class Mismatch(BaseModel):
    """One disagreement, for a person to read."""

    kind: Literal["false_positive", "false_negative", "status"]
    where: str
    indicator: str
    detail: str


class Evaluation(BaseModel):
    """The whole evaluation."""

    scores: list[Score]
    overall: Score
    status_agreement: float
    statuses_compared: int
    mismatches: list[Mismatch]
    floors: Floors

    def indicator_f1(self, indicator: str) -> float:
        """F1 of both polarities of one indicator together."""
        merged = Score(indicator=indicator, polarity="both")
        for score in self.scores:
            if score.indicator == indicator:
                merged.true_positives += score.true_positives
                merged.false_positives += score.false_positives
                merged.false_negatives += score.false_negatives
        return merged.f1

    @property
    def passed(self) -> bool:
        return (
            self.overall.precision >= self.floors.precision
            and self.overall.recall >= self.floors.recall
            and self.status_agreement >= self.floors.status_agreement
        )


def evaluate(labels_path: Path, jobs: int = 1) -> Evaluation:
    """Scan every labeled partnership and compare with the labels."""
    labels = load_model(Labels, labels_path)
    root = labels_path.parent
    scores = {
        (i, p): Score(indicator=i, polarity=p)
        for i in INDICATOR_IDS
        for p in ("supporting", "red_flag")
    }
    mismatches: list[Mismatch] = []
    agree = compared = 0
    settings = ScanSettings(as_of=labels.as_of)
    for partnership, expected_status in labels.partnerships.items():
        result = scan([root / partnership], settings, jobs=jobs)
        for document in result.documents:
            name = Path(document.path).resolve().relative_to(root.resolve()).as_posix()
            label = labels.documents.get(name)
            if label is None:
                continue
            for polarity in ("supporting", "red_flag"):
                found = {
                    s.indicator for s in document.signals if s.counted and s.polarity == polarity
                }
                wanted = set(getattr(label, polarity))
                for indicator in INDICATOR_IDS:
                    score = scores[(indicator, polarity)]
                    if indicator in found and indicator in wanted:
                        score.true_positives += 1
                    elif indicator in found:
                        score.false_positives += 1
                        quotes = [
                            s.quote
                            for s in document.signals
                            if s.indicator == indicator and s.polarity == polarity and s.counted
                        ]
                        mismatches.append(
                            Mismatch(
                                kind="false_positive",
                                where=name,
                                indicator=f"{indicator} {polarity}",
                                detail=quotes[0][:140],
                            )
                        )
                    elif indicator in wanted:
                        score.false_negatives += 1
                        mismatches.append(
                            Mismatch(
                                kind="false_negative",
                                where=name,
                                indicator=f"{indicator} {polarity}",
                                detail="labeled, not found",
                            )
                        )
        for item in result.indicators:
            if item.id in expected_status:
                compared += 1
                if item.status == expected_status[item.id]:
                    agree += 1
                else:
                    mismatches.append(
                        Mismatch(
                            kind="status",
                            where=partnership,
                            indicator=item.id,
                            detail=f"expected {expected_status[item.id]}, got {item.status} ({item.score})",
                        )
                    )
    overall = Score(indicator="all", polarity="both")
    for score in scores.values():
        overall.true_positives += score.true_positives
        overall.false_positives += score.false_positives
        overall.false_negatives += score.false_negatives
    return Evaluation(
        scores=list(scores.values()),
        overall=overall,
        status_agreement=agree / compared if compared else 1.0,
        statuses_compared=compared,
        mismatches=mismatches,
        floors=labels.floors,
    )
