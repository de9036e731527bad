"""The lemma table with `lexicons/shared/lemmas.yaml`'s corrections: a word of the lexicons and its
inflections share one base form, and that base form is its own base form."""

from __future__ import annotations

import re
from typing import Any

import spacy
import spacy_lookups_data

from nextgen_assistant.knowledge import lexicon_dir, load_model, read_yaml, yaml_files
from nextgen_assistant.signals.pipeline import LemmaCorrections, build_nlp, lemma_table

_NLP = build_nlp()


def _lemmas(text: str) -> list[str]:
    return [token.lemma_ for token in _NLP(text)]


def test_forms_of_one_word_share_its_base_form() -> None:
    assert _lemmas("number numbers") == ["number", "number"]
    assert _lemmas("agenda agendas") == ["agenda", "agenda"]
    assert _lemmas("span spans spanning") == ["span", "span", "span"]
    assert _lemmas("crew crews") == ["crew", "crew"]


def test_dues_are_not_due() -> None:
    assert _lemmas("dues due") == ["dues", "due"]


def test_forms_of_a_corrected_word_include_its_inflections() -> None:
    assert "numbers" in lemma_table().forms_of("number")
    assert "number" in lemma_table().forms_of("number")


def _words(node: Any) -> set[str]:
    if isinstance(node, str):
        return {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]+", node)}
    if isinstance(node, dict):
        return set().union(*(_words(k) | _words(v) for k, v in node.items()))
    if isinstance(node, list):
        return set().union(*(_words(x) for x in node))
    return set()


def test_every_lexicon_word_has_a_stable_base_form() -> None:
    """A base form the table would turn into yet another word ("number" -> "numb") splits a word
    from its own inflections: correct it in lemmas.yaml, or list it there as a homograph."""
    table: dict[str, str] = {
        form.lower(): base.lower()
        for form, base in spacy.util.load_language_data(
            spacy_lookups_data.en["lemma_lookup"]
        ).items()
    }
    shared = load_model(LemmaCorrections, lexicon_dir() / "shared" / "lemmas.yaml")
    table.update(shared.corrections)
    words: set[str] = set()
    for path in yaml_files(lexicon_dir()):
        words |= _words(read_yaml(path))
    unstable = []
    for word in sorted(words):
        base = table.get(word, word)
        if table.get(base, base) != base and base not in shared.homographs:
            unstable.append(f"{word} -> {base} -> {table[base]}")
    assert not unstable, unstable
