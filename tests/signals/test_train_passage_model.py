"""Training the passage model: a word that passages of only a few batches use (a partnership's own
names and places) is not learned from, so it weighs nothing in text the model has not seen; the
model still knows it as text of the kind it read."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
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


# New batches the first model never saw: "credentials" comes with results in both.
MORE = [
    _passage("batch-d/one.txt", "employers reported credentials earned by welders", {RESULTS}),
    _passage("batch-e/one.txt", "the alliance counted credentials earned by nurses", {RESULTS}),
    _passage("batch-e/two.txt", "the alliance met in the fall at a plant", set()),
]


def test_going_on_from_a_saved_model_learns_the_new_batches_and_keeps_the_old(
    tmp_path: Path,
) -> None:
    first = training.train(PASSAGES, epochs=5, seed=0, min_batches=2)
    first.save(tmp_path / "first")
    went_on = training.train(MORE, epochs=5, seed=0, min_batches=2, start=tmp_path / "first")
    column = training.LABELS.index(RESULTS)
    keys = Doc(first.nlp.vocab, words=["credentials", "placed"]).to_array("LOWER")
    before = first.weights(keys)[:, column]
    after = went_on.weights(keys)[:, column]
    assert before[0] == 0.0  # the first model never read "credentials"
    assert after[0] > 0.0  # learned from the new batches
    assert after[1] > 0.0  # what it learned before is still there
    # It knows the words of both sets of passages; the saved model is as it was.
    assert numpy.isin(keys, went_on.known).all()
    assert not numpy.isin(keys[:1], first.known).any()
    again = training.PassageModel.load(tmp_path / "first")
    assert (again.weights(keys) == first.weights(keys)).all()


def _labelled_set(root: Path) -> Path:
    """Two passages of our own labelled in one batch; one of them is not on this machine."""
    folder = root / "batch-x" / "valley-builders"
    folder.mkdir(parents=True)
    (folder / "here.txt").write_text("Member firms pay annual dues.\n", encoding="utf-8")
    (root / "batch-x" / "labels.yaml").write_text(
        "as_of: 2026-11-28\n"
        "floors: {precision: 0.5, recall: 0.5, status_agreement: 0.5}\n"
        "documents:\n"
        "  valley-builders/here.txt: {supporting: [sustainability]}\n"
        "  valley-builders/gone.txt: {supporting: [measurable_results]}\n",
        encoding="utf-8",
    )
    (root / "labels.yaml").write_text(
        "as_of: 2026-11-28\n"
        "floors: {precision: 0.5, recall: 0.5, status_agreement: 0.5}\n"
        "include: [batch-x/labels.yaml]\n",
        encoding="utf-8",
    )
    return root / "labels.yaml"


def test_passages_not_gathered_again_are_said_or_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    labels = _labelled_set(tmp_path)
    with pytest.raises(SystemExit) as stop:
        training.passages(labels, with_rules=False)
    assert "1 of 2 labelled passages are not on this machine" in str(stop.value.code)
    assert "--skip-missing" in str(stop.value.code)
    found = training.passages(labels, with_rules=False, skip_missing=True)
    assert [p.name for p in found] == ["batch-x/valley-builders/here.txt"]
    assert found[0].labels == {"sustainability|supporting"}
    assert "left out" in capsys.readouterr().out
