"""One spaCy pipeline per process: blank English (or a trained model when asked), a sentencizer,
and the lookup lemmatizer from spacy-lookups-data with a lower-case retry."""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import numpy
import spacy
from pydantic import BaseModel, ConfigDict, field_validator
from spacy.attrs import IDX, LEMMA, LENGTH, ORTH, SENT_START
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.strings import StringStore, get_string_id, hash_string  # type: ignore[attr-defined]  # hash_string: in the .pyx, not the stubs
from spacy.tokens import Doc, Span, Token

from nextgen_assistant.errors import ConfigError
from nextgen_assistant.knowledge import lexicon_dir, load_model


class LemmaTable:
    """The English lemma lookup table, and a test for words it does not know.

    The table's keys are spaCy string hashes, so whole Docs are lemmatised as arrays: the
    lower-case hash of every token looked up at once (a lower-case retry for every word, which
    is what the case-sensitive table needs for sentence-initial words).
    """

    def __init__(self) -> None:
        self._forms: dict[str, list[str]] | None = None
        lookups = load_lookups("en", ["lemma_lookup", "lemma_index"])
        self.corrections = lemma_corrections()
        table = dict(lookups.get_table("lemma_lookup").items())
        table.update({get_string_id(form): base for form, base in self.corrections.items()})
        items = list(table.items())
        keys = numpy.array([key for key, _ in items], dtype=numpy.uint64)
        order = numpy.argsort(keys)
        self.lemma_strings = [value.lower() for _, value in items]
        # spaCy keeps some words as symbols ("number", "person", "noun"): their id is not the
        # string's hash, and a lemma stored as the hash would neither print ("numbers" -> E018)
        # nor match a {LEMMA: "number"} pattern. StringStore.add gives the id spaCy uses.
        ids = StringStore()
        values = numpy.array([ids.add(v) for v in self.lemma_strings], dtype=numpy.uint64)
        self._keys = keys[order]
        self._values = values[order]
        index = lookups.get_table("lemma_index")
        base_forms: set[str] = {
            word for pos in ("noun", "verb", "adj", "adv") for word in (index.get(pos) or [])
        }
        # Function words ("from", "into", "everyone") are in no lemma table; spaCy's stop list has them.
        base_forms |= STOP_WORDS
        self._known_hashes = numpy.unique(
            numpy.concatenate(
                [keys, numpy.array([hash_string(w) for w in base_forms], dtype=numpy.uint64)]
            )
        )

    def forms_of(self, lemma: str) -> list[str]:
        """Every word form the table turns into this lemma ('chose', 'chosen' for 'choose'), from
        spacy-lookups-data's own file (the loaded table keys forms by hash only)."""
        if self._forms is None:
            import spacy_lookups_data

            forms: dict[str, list[str]] = {}
            data: dict[str, str] = dict(
                spacy.util.load_language_data(spacy_lookups_data.en["lemma_lookup"])
            )
            data.update(self.corrections)
            for form, base in data.items():
                forms.setdefault(base.lower(), []).append(form.lower())
            self._forms = forms
        return self._forms.get(lemma.lower(), [])

    def lemma_hashes(self, lower: numpy.ndarray) -> numpy.ndarray:
        """Lemma hashes for an array of lower-case hashes (unknown words keep their own)."""
        index, found = _look_up(self._keys, lower)
        return numpy.where(found, self._values[index], lower)

    def knows_hashes(self, lower: numpy.ndarray) -> numpy.ndarray:
        """For an array of lower-case string hashes, whether each is an English word the tables
        hold (a base form, an inflection or a function word), as a boolean array."""
        return _look_up(self._known_hashes, lower)[1]


def _look_up(keys: numpy.ndarray, hashes: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """For each hash, its index in the sorted keys and whether it is there."""
    index = numpy.searchsorted(keys, hashes)
    index[index >= len(keys)] = 0
    return index, keys[index] == hashes


class LemmaCorrections(BaseModel):
    """`lexicons/shared/lemmas.yaml`: word forms whose base form the lookup table gets wrong."""

    model_config = ConfigDict(extra="forbid")

    corrections: dict[str, str]
    homographs: list[str] = []

    @field_validator("corrections")
    @classmethod
    def _lower_case(cls, value: dict[str, str]) -> dict[str, str]:
        return {form.lower(): base.lower() for form, base in value.items()}


def lemma_corrections() -> dict[str, str]:
    """The shipped corrections to the lemma table, form to base form."""
    return load_model(LemmaCorrections, lexicon_dir() / "shared" / "lemmas.yaml").corrections


@lru_cache(maxsize=1)
def lemma_table() -> LemmaTable:
    """The process-wide lemma table."""
    return LemmaTable()


WORDS_KEY = "nextgen_words"
MAX_WORDS = 400_000  # distinct words whose facts are remembered; past it the table starts again


class WordFirsts:
    """The first token of each of a Doc's distinct words, found on first need: only a word new
    to a table asks for it, and once the tables are warm no word is."""

    def __init__(self, inverse: numpy.ndarray, count: int) -> None:
        self._inverse, self._count = inverse, count
        self._first: list[int] | None = None

    def __getitem__(self, word: int) -> int:
        if self._first is None:
            order = numpy.argsort(self._inverse, kind="stable")
            self._first = order[
                numpy.searchsorted(self._inverse[order], numpy.arange(self._count))
            ].tolist()
        return self._first[word]


def doc_words(doc: Doc) -> tuple[numpy.ndarray, WordFirsts, numpy.ndarray]:
    """The Doc's distinct words (ORTH hashes, ascending), the first token of each, and each
    token's word: one to_array and one numpy.unique per Doc, shared by everything that decides
    something once per word rather than once per token."""
    found = doc.user_data.get(WORDS_KEY)
    if found is None:
        words, inverse = numpy.unique(doc.to_array(ORTH), return_inverse=True)
        inverse = inverse.reshape(-1)
        found = doc.user_data[WORDS_KEY] = (words, WordFirsts(inverse, len(words)), inverse)
    return found


class Word:
    """What a token is as a word, under the names spaCy's Token gives them: every token of a word
    has the same (its lexeme's flags, and our lemma, the lookup of its lower-case form). Read
    from a list per Doc (`doc_tokens`) rather than through a Token made at every look, which
    costs more than the look itself."""

    __slots__ = (
        "is_alpha",
        "is_lower",
        "is_punct",
        "is_stop",
        "is_title",
        "is_upper",
        "lemma_",
        "like_num",
        "lower_",
        "text",
    )

    def __init__(self, token: Token) -> None:
        self.text: str = token.text
        self.lower_: str = token.lower_
        self.lemma_: str = token.lemma_
        self.is_alpha: bool = token.is_alpha
        self.is_lower: bool = token.is_lower
        self.is_upper: bool = token.is_upper
        self.is_title: bool = token.is_title
        self.is_punct: bool = token.is_punct
        self.is_stop: bool = token.is_stop
        self.like_num: bool = token.like_num


_WORDS_SEEN: dict[int, Word] = {}  # by ORTH hash, for the process
TOKENS_KEY = "nextgen_tokens"


def doc_tokens(doc: Doc) -> list[Word]:
    """Each token's `Word`, computed once per Doc: a word new to the process is read from its
    first token, once."""
    found: list[Word] | None = doc.user_data.get(TOKENS_KEY)
    if found is None:
        words, first, inverse = doc_words(doc)
        seen = _WORDS_SEEN
        if len(seen) > MAX_WORDS:
            seen.clear()
        facts: list[Word] = []
        for index, word in enumerate(words.tolist()):
            fact = seen.get(word)
            if fact is None:
                fact = seen[word] = Word(doc[first[index]])
            facts.append(fact)
        found = doc.user_data[TOKENS_KEY] = [facts[w] for w in inverse.tolist()]
    return found


class _WordFacts:
    """What the pipeline needs of a word, decided when the process first sees it: its lemma
    (the lookup of its lower-case form), whether it ends a sentence, whether it is a paragraph
    break (whitespace with a blank line)."""

    def __init__(self) -> None:
        self._row_of: dict[int, int] = {}
        self._generation = 0  # how many times the table has started again
        self.lemma = numpy.zeros(1024, dtype=numpy.uint64)
        self.ends = numpy.zeros(1024, dtype=bool)
        # The pipeline is shared by every checker of the process (the app checks an answer in
        # one thread while a scan runs in another): new words are added under a lock.
        self._lock = threading.Lock()

    def lemmas(self, doc: Doc) -> numpy.ndarray:
        """Each token's lemma hash."""
        with self._lock:
            rows, inverse = self._rows(doc)
            return self.lemma[rows][inverse]  # type: ignore[no-any-return]

    def sentence_ends(self, doc: Doc) -> numpy.ndarray:
        """Whether each token ends a sentence."""
        with self._lock:
            rows, inverse = self._rows(doc)
            return self.ends[rows][inverse]  # type: ignore[no-any-return]

    def _rows(self, doc: Doc) -> tuple[numpy.ndarray, numpy.ndarray]:
        """Each distinct word's row, and each token's word, found once per Doc (the sentencizer
        and the lemmatizer both ask; a row, once given, keeps its word until the table starts
        again, which only a Doc's own new words can make it do)."""
        found = doc.user_data.get(_ROWS_KEY)
        if found is not None and found[0] == self._generation:
            return found[1], found[2]
        rows, inverse = self._new_rows(doc)
        doc.user_data[_ROWS_KEY] = (self._generation, rows, inverse)
        return rows, inverse

    def _new_rows(self, doc: Doc) -> tuple[numpy.ndarray, numpy.ndarray]:
        words, first, inverse = doc_words(doc)
        row_of = self._row_of
        rows = [row_of.get(word, -1) for word in words.tolist()]
        new = [i for i, row in enumerate(rows) if row < 0]
        if new:
            if len(row_of) + len(new) > MAX_WORDS:
                row_of.clear()
                self._generation += 1
                rows = [-1] * len(rows)
                new = list(range(len(rows)))
            size = len(row_of) + len(new)
            if size > len(self.lemma):
                grown = max(size, 2 * len(self.lemma))
                self.lemma = numpy.resize(self.lemma, grown)
                self.ends = numpy.resize(self.ends, grown)
            tokens = [doc[int(first[i])] for i in new]
            lower = numpy.array([t.lower for t in tokens], dtype=numpy.uint64)
            lemmas = lemma_table().lemma_hashes(lower)
            end_hashes = set(_end_hashes().tolist())
            for i, token, lemma in zip(new, tokens, lemmas.tolist(), strict=True):
                row = rows[i] = row_of[int(words[i])] = len(row_of)
                self.lemma[row] = lemma
                self.ends[row] = token.orth in end_hashes or (
                    token.is_space and token.text.count("\n") >= 2
                )
        return numpy.array(rows, dtype=numpy.int64), inverse


_ROWS_KEY = "nextgen_word_fact_rows"


@lru_cache(maxsize=1)
def _word_facts() -> _WordFacts:
    return _WordFacts()


@Language.component("nextgen_lemmatizer")
def _lemmatize(doc: Doc) -> Doc:
    if len(doc):
        lemmas = _word_facts().lemmas(doc)
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))  # type: ignore[arg-type]
    return doc


SENTENCE_ENDS = (".", "!", "?", "...", "…", "!?", "?!")
SENTENCE_STARTS_KEY = "nextgen_sentence_starts"


@Language.component("nextgen_sentencizer")
def _split_sentences(doc: Doc) -> Doc:
    """Sentences end at . ! ? and at a blank line (abbreviations such as 'Dr.' and 'Inc.' are
    single tokens, so they do not end one). Done on arrays, from facts decided once per word:
    spaCy's own sentencizer builds a Python object per token."""
    size = len(doc)
    if not size:
        doc.user_data[SENTENCE_STARTS_KEY] = []
        return doc
    ends = _word_facts().sentence_ends(doc)
    starts = numpy.zeros(size, dtype=bool)
    starts[0] = True
    starts[1:] = ends[:-1] & ~ends[1:]
    values = numpy.where(starts, 1, -1).astype(numpy.int64).astype(numpy.uint64).reshape(-1, 1)
    doc.from_array([SENT_START], values)  # type: ignore[arg-type]
    doc.user_data[SENTENCE_STARTS_KEY] = numpy.flatnonzero(starts).tolist()
    return doc


@lru_cache(maxsize=1)
def _end_hashes() -> numpy.ndarray:
    return numpy.array([hash_string(p) for p in SENTENCE_ENDS], dtype=numpy.uint64)


TEXT_KEY = "nextgen_text"


def remember_text(doc: Doc, text: str) -> Doc:
    """Keep the string a Doc was made from: spaCy's Doc.text rebuilds it token by token."""
    doc.user_data[TEXT_KEY] = text
    return doc


def text_of(span: Doc | Span) -> str:
    """A Doc's or Span's text, sliced from the remembered string when there is one."""
    if isinstance(span, Span):
        text = span.doc.user_data.get(TEXT_KEY)
        return span.text if text is None else text[span.start_char : span.end_char]
    text = span.user_data.get(TEXT_KEY)
    return span.text if text is None else text


QUOTE_MAX_CHARS = 400


def quote_of(text: str, start: int = 0, end: int | None = None) -> str:
    """A quote for a person to read: the text with its whitespace collapsed, or, where the
    sentence runs on (a page with no full stops), the words around [start, end) with '…' where
    it was cut."""
    if len(text) <= QUOTE_MAX_CHARS:
        return " ".join(text.split())
    end = start if end is None else end
    margin = max(0, (QUOTE_MAX_CHARS - (end - start)) // 2)
    low, high = max(0, start - margin), min(len(text), end + margin)
    while 0 < low < start and not text[low - 1].isspace():
        low += 1  # start on a whole word
    while end < high < len(text) and not text[high].isspace():
        high -= 1  # end on a whole word
    middle = " ".join(text[low:high].split())
    return ("… " if low > 0 else "") + middle + (" …" if high < len(text) else "")


TOKEN_CHARS_KEY = "nextgen_token_chars"


def token_chars(doc: Doc) -> numpy.ndarray:
    """Where each token begins in the Doc's text (a numpy array), computed once per Doc."""
    found = doc.user_data.get(TOKEN_CHARS_KEY)
    if found is None:
        found = doc.user_data[TOKEN_CHARS_KEY] = doc.to_array(IDX)
    return found


TOKEN_ENDS_KEY = "nextgen_token_ends"


def token_ends(doc: Doc) -> list[int]:
    """Where each token ends in the Doc's text (its first character plus its length), computed
    once per Doc."""
    found = doc.user_data.get(TOKEN_ENDS_KEY)
    if found is None:
        lengths = doc.to_array(LENGTH).astype(numpy.int64)
        starts = token_chars(doc).astype(numpy.int64)
        found = doc.user_data[TOKEN_ENDS_KEY] = (starts + lengths).tolist()
    return found  # type: ignore[no-any-return]


def tokens_text(doc: Doc, start: int, end: int) -> str:
    """The text of tokens [start, end), sliced from the remembered string (Span.text joins
    tokens one by one)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None or end <= start:
        return doc[start:end].text
    return text[int(token_chars(doc)[start]) : token_ends(doc)[end - 1]]  # type: ignore[no-any-return]


LOWER_KEY = "nextgen_lower_text"


def lower_text_of(span: Doc | Span) -> str:
    """The text in lower case, offsets unchanged (a character whose lower case is longer, like
    'İ', keeps its first character), computed once per Doc; what word gates search."""
    doc = span.doc if isinstance(span, Span) else span
    lower = doc.user_data.get(LOWER_KEY)
    if lower is None:
        text = text_of(doc)
        lower = text.lower()
        if len(lower) != len(text):
            lower = "".join(char.lower()[0] for char in text)
        doc.user_data[LOWER_KEY] = lower
    return lower if isinstance(span, Doc) else lower[span.start_char : span.end_char]


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
        nlp.add_pipe("nextgen_sentencizer")
    for lemma in lemma_table().lemma_strings:  # lemma hashes must resolve to strings
        nlp.vocab.strings.add(lemma)
    nlp.add_pipe("nextgen_lemmatizer")
    nlp.max_length = 5_000_000
    return nlp
