"""Training the passage model: a word that passages of only a few batches use (a partnership's own
names and places) is not learned from, so it weighs nothing in text the model has not seen; the
model still knows it as text of the kind it read."""

from __future__ import annotations

import numpy
from spacy.tokens import Doc

from tests.conftest import load_script

training = load_script("train_passage_model")

RESULTS = "measurable_results|supporting"


def _passage(name: str, text: str, labels: set[str]) -> object:
    return training.Passage(name, text.lower().split(), labels, set())


# Our own passages: "placed" is in every batch's results passages, "harborview" in one batch only.
PASSAGES = [
    _passage("batch-a/one.txt", "harborview employers placed forty graduates in jobs", {RESULTS}),
    _passage("batch-a/two.txt", "harborview employers hosted a dinner for members", set()),
    _passage("batch-b/one.txt", "the employers placed thirty welders in jobs", {RESULTS}),
    _passage("batch-b/two.txt", "the council met in the spring", set()),
    _passage("batch-c/one.txt", "colleges placed twelve nurses in jobs", {RESULTS}),
    _passage("+dev_docs/notes.md", "the council met and employers hosted a tour", set()),
]


def test_words_of_fewer_batches_than_the_minimum_are_left_out() -> None:
    words = training.common_words(PASSAGES, 2)
    assert words[0] == ["employers", "placed", "in", "jobs"]  # harborview: batch-a only
    assert "harborview" not in words[1]
    # Each --also set counts as one batch: "tour" is in one, "council" in two.
    assert words[5] == ["the", "council", "met", "employers", "hosted", "a"]
    assert training.common_words(PASSAGES, 1)[0] == PASSAGES[0].words


def test_a_word_of_one_batch_weighs_nothing_but_is_known() -> None:
    model = training.train(PASSAGES, epochs=5, seed=0, min_batches=2)
    vocab = model.nlp.vocab
    keys = Doc(vocab, words=["harborview", "placed"]).to_array("LOWER")
    weights = model.weights(keys)[:, training.LABELS.index(RESULTS)]
    assert weights[0] == 0.0  # never learned from
    assert weights[1] > 0.0  # learned: it comes with results in three batches
    assert model.known_share(keys) == 1.0  # both words are text of the kind it read
    assert numpy.isin(keys, model.known).all()
