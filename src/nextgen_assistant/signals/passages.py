"""Reading a passage as a whole: evidence the rules' phrases and structures miss.

Real published text says most things in ways no phrase list foresees ("the group has been meeting
every quarter since the employers asked for it", "the effort is paid for out of the governor's
discretionary fund"). Over dozens of batches of real passages labelled by careful readers, rules
written from one batch carried over to the next at about +0.005 F1 each; a classifier trained on
the labelled passages reads the words a whole passage uses, and where the rules are silent it
adds what those readers found.

The model is spaCy's `textcat_multilabel` with its bag-of-words architecture (`TextCatBOW`): a
sparse linear model over the passage's lower-case words, one output per indicator and polarity,
small (its weights are hashed word features, no text), fast, and trained offline by
`scripts/train_passage_model.py` from `real_docs/` (whose passages stay out of git). A reading
becomes a signal of the declared rule `<indicator>.passage_supporting` or
`<indicator>.passage_red_flag` (`lexicons/shared/extractor_rules.yaml`) only where no counted rule
or extractor signal of that indicator and polarity is in the same window of the document; its
quote is the window's sentence the model reads most strongly that way, its `matched` the words
that weigh most, and its confidence the model's probability.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import numpy
import spacy
from spacy.attrs import LOWER
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc

from nextgen_assistant import INDICATOR_IDS
from nextgen_assistant.errors import ConfigError
from nextgen_assistant.knowledge import lexicon_dir
from nextgen_assistant.signals.passage_words import DocWords as DocWords  # re-exported
from nextgen_assistant.signals.passage_words import words_of as words_of  # re-exported

POLARITIES = ("supporting", "red_flag")
LABELS = [f"{indicator}|{polarity}" for indicator in INDICATOR_IDS for polarity in POLARITIES]
COMPONENT = "textcat_multilabel"
# Unigrams: on passages from batches the model never saw, bigrams and trigrams read worse (CV F1
# of the model alone 0.50 unigrams, 0.45 bigrams, 0.36 trigrams); 2**16 hashed features lose
# nothing against 2**18 and keep the weights to a few megabytes.
MODEL_CONFIG = {
    "model": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": False,
        "ngram_size": 1,
        "no_output_layer": False,
        "length": 65536,
    }
}


MODEL_PATH = Path("models") / "passages"  # in the lexicons folder
KNOWN_FILE = "known.npy"  # the hashes of the words the model learned from
WEIGHTS_CACHE = 50_000  # words whose weights are remembered
LONGEST_WORD_SHOWN = 30  # longer "words" (web addresses, codes) are not shown as weighing


def model_dir() -> Path:
    """Where the shipped passage model lives."""
    return lexicon_dir() / MODEL_PATH


def model_in(lexicons: Sequence[Path]) -> Path | None:
    """The passage model of the last of your own lexicons folders that has one (in its
    models/passages/), else None: the shipped one."""
    for folder in reversed(lexicons):
        if (folder / MODEL_PATH / COMPONENT / "model").is_file():
            return folder / MODEL_PATH
    return None


def blank_classifier() -> Language:
    """A blank English pipeline with an untrained passage classifier and its labels."""
    nlp = spacy.blank("en")
    classifier = nlp.add_pipe(COMPONENT, config=MODEL_CONFIG)
    for label in LABELS:
        classifier.add_label(label)  # type: ignore[attr-defined]
    _read_lower(cast(TrainablePipe, classifier))
    return nlp


def _read_lower(classifier: TrainablePipe) -> None:
    """The architecture reads each token's ORTH; the model reads its lower-case form (LOWER),
    which for the lower-case words it learned from is the same hash, and which lets it read the
    checker's own Docs' arrays (`_Keys`) with no lower-cased copy of the text. (Set again after
    loading: a saved model keeps its layers' settings.)"""
    for layer in classifier.model.walk():
        if layer.name == "extract_ngrams":
            layer.attrs["attr"] = LOWER


class _Keys:
    """A window as the classifier's feature extractor reads it (`extract_ngrams` asks a Doc for
    `to_array([LOWER])` and its length): its words' lower-case hashes, sliced from the Doc's
    arrays with no Doc made for it."""

    __slots__ = ("_keys",)

    def __init__(self, keys: numpy.ndarray) -> None:
        self._keys = keys.reshape(-1, 1)

    def __len__(self) -> int:
        return len(self._keys)

    def to_array(self, attrs: list[int]) -> numpy.ndarray:
        if attrs != [LOWER]:  # a spaCy whose extractor asks for something else: say so
            raise ConfigError(f"the passage model asks for token attributes {attrs}, not LOWER")
        return self._keys


@dataclass(frozen=True, slots=True)
class Reading:
    """One indicator and polarity the model reads in a window, above its threshold."""

    indicator: str
    polarity: str
    probability: float


class PassageModel:
    """The trained classifier, loaded once per checker."""

    def __init__(
        self,
        nlp: Language,
        training: dict[str, object] | None = None,
        known: numpy.ndarray | None = None,
    ) -> None:
        self.nlp = nlp
        self._classifier = cast(TrainablePipe, nlp.get_pipe(COMPONENT))
        self.training = training or {}
        """What the model learned from and how it read batches it had not seen."""
        self.known = numpy.unique(known) if known is not None else numpy.zeros(0, numpy.uint64)
        """The lower-case forms (hashes, no text) of every word the model learned from."""
        self._weights: dict[int, int] = {}  # a word's row in self._rows (rows past them: room)
        self._rows = numpy.zeros((0, len(LABELS)))
        self._nothing = _log_odds(self.probabilities_of([numpy.zeros(0, dtype=numpy.uint64)]))[0]

    @classmethod
    def load(cls, folder: Path | None = None) -> PassageModel:
        """The model saved in `folder` (by default the shipped one)."""
        folder = folder or model_dir()
        weights = folder / COMPONENT
        if not (weights / "model").is_file():
            raise ConfigError(
                f"{folder}: the passage model is missing; build it with "
                "`python scripts/train_passage_model.py` (it needs real_docs/)"
            )
        nlp = blank_classifier()
        classifier = cast(TrainablePipe, nlp.get_pipe(COMPONENT))
        try:
            classifier.from_disk(weights, exclude=["vocab"])
        except (OSError, ValueError) as error:
            raise ConfigError(f"{weights}: the passage model cannot be read ({error})") from None
        _read_lower(classifier)
        if list(classifier.labels) != LABELS:
            raise ConfigError(f"{weights}: the passage model's labels are not the indicators'")
        record = folder / "training.json"
        training = json.loads(record.read_text(encoding="utf-8")) if record.is_file() else {}
        try:
            known = numpy.load(folder / KNOWN_FILE, allow_pickle=False)
        except (OSError, ValueError) as error:
            raise ConfigError(f"{folder / KNOWN_FILE}: cannot be read ({error})") from None
        return cls(nlp, training, known)

    def save(self, folder: Path) -> None:
        """The weights (hashed word features, no text) and the training record, to `folder`."""
        (folder / COMPONENT).mkdir(parents=True, exist_ok=True)
        self._classifier.to_disk(folder / COMPONENT, exclude=["vocab"])
        (folder / "training.json").write_text(
            json.dumps(self.training, indent=2) + "\n", encoding="utf-8"
        )
        numpy.save(folder / KNOWN_FILE, self.known, allow_pickle=False)

    def known_share(self, keys: numpy.ndarray) -> float:
        """How much of a window the model has seen words of: text in another language, a table
        of contents or a run of codes is not what it learned from, and its sums there mean
        nothing (every label near one half)."""
        if not len(keys) or not len(self.known):
            return 0.0
        return float(numpy.mean(self.is_known(keys)))

    def is_known(self, keys: numpy.ndarray) -> numpy.ndarray:
        """Per word (given as its hash): whether the model learned from it."""
        at = numpy.searchsorted(self.known, keys).clip(0, len(self.known) - 1)
        found: numpy.ndarray = self.known[at] == keys
        return found

    def probabilities(self, texts: Sequence[list[str]]) -> numpy.ndarray:
        """One row per word list: the probability of each of `LABELS`."""
        if not texts:
            return numpy.zeros((0, len(LABELS)))
        docs = [Doc(self.nlp.vocab, words=list(words)) for words in texts]
        return self._predict(docs)

    def probabilities_of(self, windows: Sequence[numpy.ndarray]) -> numpy.ndarray:
        """As `probabilities`, of windows given as their words' hashes (`DocWords.keys`)."""
        if not windows:
            return numpy.zeros((0, len(LABELS)))
        return self._predict([_Keys(keys) for keys in windows])

    def _predict(self, docs: Sequence[object]) -> numpy.ndarray:
        if not any(len(doc) for doc in docs):  # type: ignore[arg-type]
            docs = [*docs, Doc(self.nlp.vocab, words=["the"])]  # spaCy gives 0 for all-empty
            return self._predict(docs)[:-1]
        scores = self._classifier.predict(docs)
        return numpy.asarray(self._classifier.model.ops.to_numpy(scores), dtype=float)

    def readings(self, keys: numpy.ndarray, thresholds: dict[str, float]) -> list[Reading]:
        """What the model reads in one window, given as its words' hashes (see `readings_of`)."""
        return readings_of(self.probabilities_of([keys])[0].tolist(), thresholds)

    def strongest(
        self, sentences: Sequence[numpy.ndarray], label: str, words: Callable[[int], list[str]]
    ) -> tuple[int, list[str]]:
        """Of a window's sentences (each given as its words' hashes), the one read most strongly
        as `label`, and its words (`words(i)`: sentence i's, as text) that weigh most toward it."""
        column = LABELS.index(label)
        lengths = [len(keys) for keys in sentences]
        weight = self.weights(numpy.concatenate(sentences))[:, column]
        ends = numpy.cumsum(lengths)
        totals = numpy.concatenate([[0.0], numpy.cumsum(weight)])
        scores = totals[ends] - totals[ends - lengths]
        best = int(numpy.argmax(scores)) if len(scores) else 0
        start = int(ends[best] - lengths[best]) if len(scores) else 0
        weighing: dict[str, float] = {}
        for word, value in zip(
            words(best), weight[start : start + lengths[best]].tolist(), strict=True
        ):
            if (
                word not in STOP_WORDS
                and len(word) <= LONGEST_WORD_SHOWN
                and any(c.isalpha() for c in word)
            ):
                weighing.setdefault(word, value)
        ranked = sorted(weighing, key=lambda w: -weighing[w])
        return best, [word for word in ranked[:3] if weighing[word] > 0]

    def weights(self, keys: numpy.ndarray) -> numpy.ndarray:
        """Each word's weight toward each label, a row per word (given as its hash): the
        log-odds it adds read alone, against no word at all. The model is linear in its words'
        counts, so a text's log-odds are the empty text's plus the sum of its words' weights.
        Remembered: the same words come back document after document."""
        known = self._weights
        if len(known) > WEIGHTS_CACHE:
            known.clear()
        listed = keys.tolist()
        missing = [key for key in dict.fromkeys(listed) if key not in known]
        if missing:
            alone = self.probabilities_of(
                [numpy.array([key], dtype=numpy.uint64) for key in missing]
            )
            used = len(known)
            if used + len(missing) > len(self._rows):  # room for twice as many words
                grown = numpy.zeros((2 * (used + len(missing)), len(LABELS)))
                grown[:used] = self._rows[:used]
                self._rows = grown
            self._rows[used : used + len(missing)] = _log_odds(alone) - self._nothing
            known.update(zip(missing, range(used, used + len(missing)), strict=True))
        rows: numpy.ndarray = self._rows[[known[key] for key in listed]]
        return rows.reshape(len(listed), len(LABELS))


def _log_odds(probabilities: numpy.ndarray) -> numpy.ndarray:
    clipped = numpy.clip(probabilities, 1e-7, 1 - 1e-7)
    odds: numpy.ndarray = numpy.log(clipped) - numpy.log1p(-clipped)
    return odds


def readings_of(row: Sequence[float], thresholds: dict[str, float]) -> list[Reading]:
    """The readings of one row of probabilities (one per `LABELS`) at or above each polarity's
    threshold; where an indicator is read both ways, only the reading further above its threshold
    stands."""
    best: dict[str, tuple[float, Reading]] = {}
    for label, probability in zip(LABELS, row, strict=True):
        indicator, polarity = label.split("|")
        margin = probability - thresholds[polarity]
        if margin >= 0 and (indicator not in best or margin > best[indicator][0]):
            best[indicator] = (margin, Reading(indicator, polarity, probability))
    return [reading for _, reading in best.values()]


def windows(lengths: Sequence[int], max_words: int, min_words: int) -> list[tuple[int, int]]:
    """Consecutive items (sentences) grouped into windows of about `max_words` words, as
    [first, last) index ranges: a window closes before the item that would take it past
    `max_words` (an item longer than that is a window of its own), never while it is shorter than
    `min_words`; a last window shorter than that joins the one before it, and a whole text
    shorter than that is no window."""
    found: list[tuple[int, int]] = []
    first, size = 0, 0
    for index, length in enumerate(lengths):
        if index > first and size >= min_words and size + length > max_words:
            found.append((first, index))
            first, size = index, 0
        size += length
    if first < len(lengths):
        if size < min_words and found:
            found[-1] = (found[-1][0], len(lengths))
        elif size >= min_words:
            found.append((first, len(lengths)))
    return found
