"""Scoring the checker against labeled documents: precision, recall and F1 per indicator and
polarity, and status agreement per partnership."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from nextgen_assistant import INDICATOR_IDS
from nextgen_assistant.errors import ConfigError
from nextgen_assistant.knowledge import load_model
from nextgen_assistant.rubric import Status
from nextgen_assistant.signals.scan import ScanSettings, scan

Polarity = Literal["supporting", "red_flag"]


class DocumentLabel(BaseModel):
    """The indicators a document holds asserted evidence for and against."""

    model_config = ConfigDict(extra="forbid")

    supporting: list[str] = Field(default_factory=list)
    red_flag: list[str] = Field(default_factory=list)
    notes: str = ""


class Floors(BaseModel):
    """The scores below which `nextgen eval` fails."""

    model_config = ConfigDict(extra="forbid")

    precision: float = Field(ge=0, le=1)
    recall: float = Field(ge=0, le=1)
    status_agreement: float = Field(ge=0, le=1)
    f1: float = Field(default=0.0, ge=0, le=1)
    red_flag_recall: float = Field(default=0.0, ge=0, le=1)


class Labels(BaseModel):
    """The labeled set. `include` names other labels files (relative to this one) whose
    documents, partnerships and dates join this set under their folder's path; a
    partnership's `partnership_dates` entry is "today" for its documents (a passage
    published in 2018 is judged as of 2018)."""

    model_config = ConfigDict(extra="forbid")

    as_of: date
    floors: Floors
    include: list[str] = Field(default_factory=list)
    partnership_dates: dict[str, date] = Field(default_factory=dict)
    documents: dict[str, DocumentLabel] = Field(default_factory=dict)
    partnerships: dict[str, dict[str, Status]] = Field(default_factory=dict)

    def partnership_folders(self) -> list[str]:
        """Every partnership folder: those with statuses, and those of labeled documents."""
        folders = dict.fromkeys(self.partnerships)
        for name in self.documents:
            folders.setdefault(_folder(name))
        return list(folders)


def load_labels(path: Path) -> Labels:
    """A labels file with its includes merged in (each included once)."""
    labels = load_model(Labels, path)
    for included in labels.include:
        inner_path = path.parent / included
        if not inner_path.is_file():
            raise ConfigError(f"{path}: the included labels file {included} does not exist")
        inner = load_labels(inner_path)
        prefix = Path(included).parent.as_posix()
        labels.documents.update({f"{prefix}/{k}": v for k, v in inner.documents.items()})
        labels.partnerships.update({f"{prefix}/{k}": v for k, v in inner.partnerships.items()})
        labels.partnership_dates.update(
            {f"{prefix}/{k}": v for k, v in inner.partnership_dates.items()}
        )
    return labels


def missing_documents(labels: Labels, root: Path) -> list[str]:
    """Labeled documents that are not on this machine."""
    return [name for name in labels.documents if not (root / name).is_file()]


def without(labels: Labels, documents: list[str]) -> Labels:
    """The labels but for these documents, and but for the statuses of partnerships left with no
    labeled document (nothing is there to judge them by)."""
    gone = set(documents)
    kept = {name: label for name, label in labels.documents.items() if name not in gone}
    emptied = {_folder(name) for name in gone} - {_folder(name) for name in kept}
    return labels.model_copy(
        update={
            "documents": kept,
            "partnerships": {k: v for k, v in labels.partnerships.items() if k not in emptied},
        }
    )


def _folder(document: str) -> str:
    """A labeled document's partnership folder."""
    return document.rsplit("/", 1)[0] if "/" in document else "."


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
    missing: list[str] = Field(default_factory=list)
    """Labelled documents left out because they are not on this machine (`skip_missing`)."""

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
    def red_flags(self) -> Score:
        """Every indicator's red flags together."""
        merged = Score(indicator="all", polarity="red_flag")
        for score in self.scores:
            if score.polarity == "red_flag":
                merged.true_positives += score.true_positives
                merged.false_positives += score.false_positives
                merged.false_negatives += score.false_negatives
        return merged

    @property
    def passed(self) -> bool:
        return (
            self.overall.precision >= self.floors.precision
            and self.overall.recall >= self.floors.recall
            and self.overall.f1 >= self.floors.f1
            and self.red_flags.recall >= self.floors.red_flag_recall
            and self.status_agreement >= self.floors.status_agreement
        )


def evaluate(
    labels_path: Path,
    jobs: int = 1,
    lexicons: tuple[Path, ...] = (),
    skip_missing: bool = False,
) -> Evaluation:
    """Scan every labeled partnership (with your own `lexicons` folders, as `scan` takes them)
    and compare with the labels. Labeled documents that are not on this machine are an error,
    or, with `skip_missing`, left out (a partnership none of whose documents are here is not
    judged at all; one with some of them is judged on those, against statuses its labeler
    decided on all of them)."""
    labels = load_labels(labels_path)
    root = labels_path.parent
    missing = missing_documents(labels, root)
    if missing and skip_missing:
        labels = without(labels, missing)
    elif missing:
        raise ConfigError(
            f"{len(missing)} of {len(labels.documents)} labeled documents are not in {root} "
            f"(first: {missing[0]}). Published passages are others' words and are kept out of "
            f"git: gather them again from the addresses in the SOURCES.md beside each labels "
            f"file (docs/labelling-real-text.md says how), or pass --skip-missing to score "
            f"the ones that are here."
        )
    scores = {
        (i, p): Score(indicator=i, polarity=p)
        for i in INDICATOR_IDS
        for p in ("supporting", "red_flag")
    }
    mismatches: list[Mismatch] = []
    agree = compared = 0
    for partnership in labels.partnership_folders():
        expected_status = labels.partnerships.get(partnership, {})
        as_of = labels.partnership_dates.get(partnership, labels.as_of)
        settings = ScanSettings(as_of=as_of, lexicons=lexicons)
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
        missing=missing,
    )
