"""One spaCy pipeline per process: blank English (or a trained model when asked), a sentencizer,
and the lookup lemmatizer from spacy-lookups-data with a lower-case retry."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.tokens import Doc

from nextgen_assistant.errors import ConfigError


class LemmaTable:
    """The English lemma lookup table, with a memo and a test for words it does not know."""

    def __init__(self) -> None:
        lookups = load_lookups("en", ["lemma_lookup", "lemma_index"])
        self._table = lookups.get_table("lemma_lookup")
        index = lookups.get_table("lemma_index")
        self._base_forms: set[str] = {
            word for pos in ("noun", "verb", "adj", "adv") for word in (index.get(pos) or [])
        }
        self._memo: dict[str, str] = {}

    def lemma(self, text: str) -> str:
        """The lower-case lemma; the table is case-sensitive, so retry in lower case."""
        found = self._memo.get(text)
        if found is None:
            lemma = self._table.get(text) or self._table.get(text.lower()) or text
            found = lemma.lower()
            self._memo[text] = found
        return found

    def knows(self, lower: str) -> bool:
        """Whether a lower-case word is an English word the tables hold (as a base or inflection)."""
        return lower in self._base_forms or self._table.get(lower) is not None


@lru_cache(maxsize=1)
def lemma_table() -> LemmaTable:
    """The process-wide lemma table."""
    return LemmaTable()


@Language.component("nextgen_lemmatizer")
def _lemmatize(doc: Doc) -> Doc:
    table = lemma_table()
    for token in doc:
        if not token.is_space and not token.is_punct:
            token.lemma_ = table.lemma(token.text)
        else:
            token.lemma_ = token.text
    return doc


@lru_cache(maxsize=2)
def build_nlp(model: str | None = None) -> Language:
    """The pipeline: a trained model when one is named and installed, else blank English."""
    if model:
        if not (spacy.util.is_package(model) or Path(model).is_dir()):
            raise ConfigError(
                f"the spaCy model '{model}' is not installed here; install its package, or leave "
                "out --model to use the built-in rules"
            )
        nlp = spacy.load(model, exclude=["lemmatizer"])
        if not (nlp.has_pipe("parser") or nlp.has_pipe("senter")):
            nlp.add_pipe("sentencizer", first=True)
    else:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    nlp.add_pipe("nextgen_lemmatizer")
    nlp.max_length = 5_000_000
    return nlp
