"""Train the passage model (src/nextgen_assistant/signals/passages.py) on the labelled real passages.

    python scripts/train_passage_model.py --cv 5    # how it reads unseen batches, then train
    python scripts/train_passage_model.py           # train only
    python scripts/train_passage_model.py --continue --cv 5   # go on from the shipped model

(`make passage-model` runs the first; `make passage-model-continue` the last.)
The passages are other people's words and stay out of git:
gather them again with docs/labelling-real-text.md (real_docs/SOURCES.md lists every address).
The model is written to lexicons/models/passages/ (hashed word weights, no text) with
training.json, the record of what it learned from and how it read unseen batches. It also learns
from the project's own labelled documents (sample_docs/, dev_docs/; `--also`), so that minutes,
rosters and charters written the way partnerships keep them are not read as the web passages
they do not resemble; heldout_docs/ stays out. Training is deterministic: the same labels give
the same weights, byte for byte.

`--continue` goes on from the shipped model: it trains further, for the same passes, on the batches
of `--labels` the model has not learned from (its training.json lists those it has) and on the
project's own documents (`--also`) again, so that a machine that holds the passages of the new
batches alone can still teach it, and the project's documents keep being read as before. With
`--cv K` it first reads those batches as `--cv` does, each by the shipped model taken further on
the other groups, beside the shipped model as it is.

`--cv K` splits the batches into K groups; for each group a model trained on the other groups
reads it, so every passage is read by a model that never saw its batch (nor its partnership): the
figure to expect on new text. It prints the rules alone, the model alone, and the two together as
the checker uses them (one reading per indicator, only for declared rules, and only for
indicators the rules found nothing of in the passage), at a few thresholds; then the whole
checker at the shipped thresholds, statuses included, each batch through `nextgen eval` with the
model that never saw it.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import numpy
from spacy.attrs import LOWER
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from nextgen_assistant.documents.reader import read_document  # noqa: E402
from nextgen_assistant.errors import ConfigError  # noqa: E402
from nextgen_assistant.signals.checker import Checker  # noqa: E402
from nextgen_assistant.signals.evaluation import (  # noqa: E402
    evaluate,
    load_labels,
    missing_documents,
    without,
)
from nextgen_assistant.signals.lexicon import load_lexicons  # noqa: E402
from nextgen_assistant.signals.model import COUNTED_CONTEXTS  # noqa: E402
from nextgen_assistant.signals.passages import (  # noqa: E402
    LABELS,
    MODEL_PATH,
    PassageModel,
    blank_classifier,
    model_dir,
    readings_of,
    words_of,
)

# Three passes over the passages: with only the words of at least `MIN_BATCHES` batches, fewer passes
# overfit less. Cross-validated by batch on A-ZZJ (passage level, rules and model at the shipped
# thresholds; fold split and training seed 0, then 1): 3 epochs 0.581 and 0.583, 5 0.577 and
# 0.581, 10 0.572 and 0.576, 20 0.568; the whole checker on A-ZZR through nextgen eval, 3 against
# 10 epochs: F1 0.578 against 0.572, red-flag recall 0.617 against 0.562, status 50.7% against
# 51.4%.
EPOCHS = 3
BATCH = 16
# A word is learned from only where passages of at least this many batches use it (each of
# `--also`'s sets counts as one batch): a partnership's own names, places and programmes recur in
# its batch and nowhere else, and weights learned on them read nothing in a new batch. Cross-
# validated by batch on A-ZZD (passage level, rules and model at the shipped thresholds): every
# word 0.573, at least 2 batches 0.572, 3 0.574, 5 0.576, 8 0.578, 12 0.575, 24 0.576; the model
# alone 0.419, 0.426, 0.432, 0.440, 0.447, 0.451, 0.454.
MIN_BATCHES = 8


class Passage:
    """One labelled passage: its batch, its words as the checker reads them, its labels."""

    def __init__(self, name: str, words: list[str], labels: set[str], rules: set[str]) -> None:
        self.name, self.words, self.labels, self.rules = name, words, labels, rules
        self.batch = name.split("/", 1)[0]
        self.extra = name.startswith("+")  # from an --also set: always trained on, never scored


def passages(
    labels_path: Path,
    with_rules: bool,
    prefix: str = "",
    skip: frozenset[str] = frozenset(),
    skip_missing: bool = False,
) -> list[Passage]:
    """The labelled passages of `labels_path`, but those of the batches in `skip` (and, with
    `skip_missing`, those not on this machine)."""
    labels = load_labels(labels_path)
    root = labels_path.parent
    if skip:
        kept = {n: v for n, v in labels.documents.items() if n.split("/", 1)[0] not in skip}
        labels = labels.model_copy(update={"documents": kept})
    if missing := missing_documents(labels, root):
        said = (
            f"{len(missing)} of {len(labels.documents)} labelled passages are not on this machine "
            f"(first: {missing[0]})"
        )
        if not skip_missing:
            sys.exit(
                f"{said}; gather them again as docs/labelling-real-text.md says, or pass "
                "--skip-missing to learn from the ones that are here."
            )
        print(f"{said}: left out")
        labels = without(labels, missing)
    checker = Checker(passages=False)
    found = []
    for name, label in sorted(labels.documents.items()):
        path = root / name
        document = read_document(path)
        words: list[str] = []
        for doc in checker.nlp.pipe(checker.doc_texts(document.blocks)):
            words += words_of(doc, 0, len(doc))
        rules: set[str] = set()
        if with_rules:
            folder = name.rsplit("/", 1)[0]
            as_of = labels.partnership_dates.get(folder, labels.as_of)
            result = checker.check_document(document, as_of)
            rules = {
                f"{s.indicator}|{s.polarity}"
                for s in result.signals
                if s.context in COUNTED_CONTEXTS
            }
        gold = {f"{i}|supporting" for i in label.supporting} | {
            f"{i}|red_flag" for i in label.red_flag
        }
        found.append(Passage(prefix + name, words, gold, rules))
    return found


def common_words(items: Sequence[Passage], min_batches: int) -> list[list[str]]:
    """Each passage's words, keeping only those that passages of at least `min_batches` batches
    use (`MIN_BATCHES`)."""
    batches: dict[str, set[str]] = {}
    for item in items:
        for word in set(item.words):
            batches.setdefault(word, set()).add(item.batch)
    return [[w for w in item.words if len(batches[w]) >= min_batches] for item in items]


def train(
    items: Sequence[Passage],
    epochs: int,
    seed: int,
    min_batches: int = MIN_BATCHES,
    start: Path | None = None,
) -> PassageModel:
    """A model trained on `items`: from nothing, or going on from the model saved in `start`."""
    fix_random_seed(seed)
    before = PassageModel.load(start) if start is not None else None
    nlp = before.nlp if before is not None else blank_classifier()
    docs = [Doc(nlp.vocab, words=words) for words in common_words(items, min_batches)]
    examples = [
        Example.from_dict(doc, {"cats": {label: float(label in item.labels) for label in LABELS}})
        for doc, item in zip(docs, items, strict=True)
    ]
    optimizer = nlp.initialize(lambda: examples) if before is None else nlp.resume_training()
    order = random.Random(seed)
    for _ in range(epochs):
        order.shuffle(examples)
        for first in range(0, len(examples), BATCH):
            nlp.update(examples[first : first + BATCH], sgd=optimizer, drop=0.0)
    # What text the model knows is every word of the passages it read, rare ones included.
    known: list[numpy.ndarray] = [Doc(nlp.vocab, words=i.words).to_array(LOWER) for i in items]
    if before is not None:
        known.append(before.known)
    return PassageModel(nlp, known=numpy.concatenate(known))


def score(items: Sequence[Passage], predict: Callable[[Passage], set[str]]) -> dict[str, float]:
    tp = fp = fn = red_tp = red_fn = 0
    for item in items:
        found = predict(item)
        tp += len(found & item.labels)
        fp += len(found - item.labels)
        fn += len(item.labels - found)
        red_tp += sum(1 for x in found & item.labels if x.endswith("red_flag"))
        red_fn += sum(1 for x in item.labels - found if x.endswith("red_flag"))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    red = red_tp / (red_tp + red_fn) if red_tp + red_fn else 1.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "red_flag_recall": round(red, 3)}  # fmt: skip


def cross_validate(
    items: list[Passage],
    folds: int,
    epochs: int,
    seed: int,
    root: Path | None = None,
    min_batches: int = MIN_BATCHES,
    start: Path | None = None,
    skip_missing: bool = False,
) -> dict[str, object]:
    """Every passage read by a model that never saw its batch; with `root` (the folder of the
    batches' labels files), the whole checker too (with `skip_missing`, on the passages that are
    on this machine). With `start`, each model goes on from the one saved there, and that model
    as it is reads every passage too (it never saw these batches)."""
    extra = [item for item in items if item.extra]
    items = [item for item in items if not item.extra]
    batches = sorted({item.batch for item in items})
    random.Random(seed).shuffle(batches)
    groups = [set(batches[k::folds]) for k in range(folds)]
    probability: dict[str, numpy.ndarray] = {}
    models = []
    for group in groups:
        trained_on = [i for i in items if i.batch not in group] + extra
        model = train(trained_on, epochs, seed, min_batches, start)
        models.append(model)
        held = [i for i in items if i.batch in group]
        rows = model.probabilities([i.words for i in held])
        probability.update({item.name: row for item, row in zip(held, rows, strict=True)})

    lexicons = load_lexicons()
    declared = {r.id for r in lexicons.extractor_rules if r.extractor == "passages"}
    # The checker's own thresholds for a reading (lexicons/shared/extractors.yaml).
    shipped = lexicons.extractors.thresholds
    shipped_pair = (shipped.passage_supporting_min, shipped.passage_red_flag_min)
    Table = dict[str, numpy.ndarray]

    # A red flag of these indicators is read only where the passage names its topic
    # (extractors.yaml's passage_red_flag_words), as the checker reads it.
    topics = {i: set(w) for i, w in lexicons.extractors.passage_red_flag_words.items()}

    def read(table: Table, item: Passage, supporting: float, red: float) -> set[str]:
        """As the checker reads: one way per indicator, only readings whose rule is declared,
        red flags of an indicator with topic words only where the passage names one."""
        thresholds = {"supporting": supporting, "red_flag": red}
        return {
            f"{r.indicator}|{r.polarity}"
            for r in readings_of(table[item.name].tolist(), thresholds)
            if f"{r.indicator}.passage_{r.polarity}" in declared
            and (
                r.polarity != "red_flag"
                or r.indicator not in topics
                or not topics[r.indicator].isdisjoint(item.words)
            )
        }

    def together(table: Table, item: Passage, supporting: float, red: float) -> set[str]:
        """As the checker combines them: the model reads only indicators the rules are silent on."""
        silent = {label.split("|")[0] for label in item.rules}
        return item.rules | {
            label
            for label in read(table, item, supporting, red)
            if label.split("|")[0] not in silent
        }

    def scored(table: Table, supporting: float, red: float, with_rules: bool) -> dict[str, float]:
        how = together if with_rules else read
        return score(items, lambda item: how(table, item, supporting, red))

    results: dict[str, object] = {"rules": score(items, lambda i: i.rules)}
    if start is not None:
        rows = PassageModel.load(start).probabilities([i.words for i in items])
        as_it_was = {item.name: row for item, row in zip(items, rows, strict=True)}
        supporting, red = shipped_pair
        key = f"supporting {supporting}, red flags {red}"
        results[f"model as it was, rules and model, {key}"] = scored(
            as_it_was, supporting, red, with_rules=True
        )
    for supporting, red in ((0.5, 0.5), (0.5, 0.3), (0.4, 0.3), (0.6, 0.4), shipped_pair):
        key = f"supporting {supporting}, red flags {red}"
        results[f"model alone, {key}"] = scored(probability, supporting, red, with_rules=False)
        results[f"rules and model, {key}"] = scored(probability, supporting, red, with_rules=True)
    if root is not None:
        if start is not None:
            results["checker as it was, each batch through nextgen eval"] = checker_folds(
                root, [set(batches)], [PassageModel.load(start)], skip_missing
            )
        results["checker, each batch through nextgen eval"] = checker_folds(
            root, groups, models, skip_missing
        )
    return results


def checker_folds(
    root: Path,
    groups: Sequence[set[str]],
    models: Sequence[PassageModel],
    skip_missing: bool = False,
) -> dict[str, float]:
    """The whole checker, statuses included: each batch's labels through `nextgen eval` with the
    model that never saw it (given as a lexicons folder of its own)."""
    tp = fp = fn = red_tp = red_fn = agree = compared = 0
    with tempfile.TemporaryDirectory() as folder:
        for number, (group, model) in enumerate(zip(groups, models, strict=True)):
            own = Path(folder) / f"fold-{number}"  # a folder each: a scan keeps its checker
            model.save(own / MODEL_PATH)
            for batch in sorted(group):
                result = evaluate(
                    root / batch / "labels.yaml", lexicons=(own,), skip_missing=skip_missing
                )
                tp += result.overall.true_positives
                fp += result.overall.false_positives
                fn += result.overall.false_negatives
                red_tp += result.red_flags.true_positives
                red_fn += result.red_flags.false_negatives
                agree += round(result.status_agreement * result.statuses_compared)
                compared += result.statuses_compared
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(2 * precision * recall / (precision + recall), 3),
        "red_flag_recall": round(red_tp / (red_tp + red_fn), 3),
        "status_agreement": round(agree / compared, 3),
        "statuses_compared": compared,
    }


def _shown(path: Path) -> str:
    """A path relative to the repository where it is inside it."""
    resolved = path.resolve()
    return resolved.relative_to(ROOT).as_posix() if resolved.is_relative_to(ROOT) else str(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=Path, default=ROOT / "real_docs" / "labels.yaml")
    parser.add_argument("--out", type=Path, default=model_dir())
    parser.add_argument(
        "--also",
        type=Path,
        action="append",
        help="another labels file whose documents are always trained on, never scored in --cv "
        "(default: sample_docs/labels.yaml and dev_docs/labels.yaml)",
    )
    parser.add_argument("--cv", type=int, default=0, help="cross-validate over K batch groups")
    parser.add_argument(
        "--continue",
        dest="go_on",
        action="store_true",
        help="go on from the model in --out, training only on the batches it has not learned from",
    )
    parser.add_argument(
        "--skip-missing",
        action="store_true",
        help="learn from (and score) the labelled passages on this machine, leaving out those "
        "that could not be gathered again",
    )
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--min-batches",
        type=int,
        default=MIN_BATCHES,
        help=f"learn only words used in passages of at least N batches (default {MIN_BATCHES})",
    )
    args = parser.parse_args()
    start: Path | None = None
    learned: list[str] = []
    before: dict[str, object] = {}
    if args.go_on:
        start = args.out
        try:
            before = PassageModel.load(start).training
        except ConfigError as error:
            sys.exit(str(error))
        learned = [str(b) for b in before.get("batches", [])]  # type: ignore[attr-defined]
    if args.also is None:
        args.also = [ROOT / "sample_docs" / "labels.yaml", ROOT / "dev_docs" / "labels.yaml"]
    items = passages(
        args.labels, with_rules=args.cv > 0, skip=frozenset(learned), skip_missing=args.skip_missing
    )
    if not items:
        sys.exit(f"{_shown(args.labels)}: every batch in it has been learned from already")
    batches = len({i.batch for i in items})
    if start is not None and batches + len(args.also) < args.min_batches:
        sys.exit(
            f"only {batches} batches the model has not learned from (and {len(args.also)} sets "
            f"of the project's own): a word is learned only where passages of at least "
            f"{args.min_batches} batches use it (--min-batches), so nothing would be learned; "
            "gather more batches first"
        )
    print(f"{len(items)} labelled passages in {batches} batches")
    for also in args.also:
        more = passages(also, with_rules=False, prefix=f"+{also.parent.name}/")
        print(f"and {len(more)} labelled documents of {_shown(also)}")
        items += more
    new_batches = sorted({i.batch for i in items if not i.extra})
    record: dict[str, object] = {
        "trained": date.today().isoformat(),
        "labels": _shown(args.labels),
        "passages": sum(1 for i in items if not i.extra),
        "batches": new_batches,
        "also": {
            _shown(a): sum(1 for i in items if i.extra and i.batch == f"+{a.parent.name}")
            for a in args.also
        },
        "epochs": args.epochs,
        "seed": args.seed,
        "min_batches": args.min_batches,
    }
    if args.cv:
        results = cross_validate(
            items,
            args.cv,
            args.epochs,
            args.seed,
            args.labels.parent,
            args.min_batches,
            start,
            args.skip_missing,
        )
        for key, value in results.items():
            print(f"{key:48s} {value}")
        record["cross_validation"] = {"folds": args.cv, "results": results}
    model = train(items, args.epochs, args.seed, args.min_batches, start)
    if start is not None:
        # What it has learned from, all told, and the record of the model it went on from.
        record["batches"] = learned + new_batches
        new_passages = sum(1 for i in items if not i.extra)
        record["passages"] = int(before.get("passages", 0)) + new_passages  # type: ignore[call-overload]
        record["continued_from"] = before
    model.training = record
    model.save(args.out)
    print(f"model written to {args.out}")


if __name__ == "__main__":
    main()
