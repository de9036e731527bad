"""Head-counts in prose: who outnumbers whom when a sentence counts or names the partners.

"More than 50 manufacturing companies and 20 public partners", "39 employers ... 20 workforce
agencies and 19 institutes of higher education", "partners including Riverside Health,
Sentara, Camp Community College and the Workforce Council": each number or name is classified
business or public (`lexicons/shared/organizations.yaml` and the vocabulary's business nouns),
and the side that is larger in the sentence is a derived fact for `private_sector_leadership`.
"""

from __future__ import annotations

import re
from bisect import bisect_left

import numpy
from spacy.tokens import Doc, Span

from nextgen_assistant.signals.anchors import Gate, word_forms, word_gate
from nextgen_assistant.signals.extractors import Extraction, Piece
from nextgen_assistant.signals.extractors.attendance import _split_entries
from nextgen_assistant.signals.extractors.organizations import OrganizationClassifier
from nextgen_assistant.signals.pipeline import doc_tokens, doc_words

# What introduces a list of named partners.
_LIST_CUE = re.compile(
    r"\b(?:including|include|includes|such as|involve|involves|made up of|members are|"
    r"partners are|partners include|stakeholders include|along with)\b[:\s]*",
    re.IGNORECASE,
)
_NAMED = 4  # named organisations a list needs before it says who outnumbers whom
_COUNTED_PUBLIC = frozenset({"public", "agencies", "agency", "government", "governments"})


def _count(token_text: str, number_words: dict[str, int]) -> int | None:
    text = token_text.lower().rstrip("+").replace(",", "")
    if text.isdigit():
        return int(text)
    return number_words.get(text)


def _counted(
    sentence: Span,
    classifier: OrganizationClassifier,
    business_words: set[str],
    number_words: dict[str, int],
    numbers: list[tuple[int, int]],
    people: frozenset[str] = frozenset(),
    breaks: frozenset[str] = frozenset(),
    money: frozenset[str] = frozenset(),
) -> tuple[int, int]:
    """(business, public) from "N <kind>" phrases in the sentence; `numbers` are the Doc's
    (token, value) of every count of two or more, in order. An amount ("$382,548", "2
    million") counts nobody; a word of `breaks` ends the search for the counted noun."""
    business = public = 0
    doc = sentence.doc
    tokens, first, last = doc_tokens(doc), sentence.start, sentence.end
    at = bisect_left(numbers, (first, -1))
    while at < len(numbers) and numbers[at][0] < last:
        index, value = numbers[at]
        at += 1
        if (index > first and tokens[index - 1].lower_ in money) or (
            index + 1 < last and tokens[index + 1].lower_ in money
        ):
            continue
        if index + 2 < last and tokens[index + 1].text == "-" and not doc[index].whitespace_:
            # A hyphened number describes the noun ("a six-county region", "a 12-member
            # board"); it counts partners only where a business noun is joined to it ("a
            # 30-company consortium").
            joined = tokens[index + 2]
            if joined.lemma_ in business_words or joined.lower_ in business_words:
                business += value
            continue
        # The counted noun: the first word within four that names a kind of organisation.
        for end in range(index + 1, min(last, index + 6)):
            word = tokens[end]
            if (word.is_punct and word.text != "-") or word.lower_ in breaks:
                break
            phrase = " ".join(tokens[t].text for t in range(index + 1, end + 1))
            if word.lemma_ in business_words or word.lower_ in business_words:
                business += value
                break
            if word.lower_ in people:
                break  # "1,600 students within the county school district" counts students
            seen = classifier.classify(phrase)
            if (seen is not None and seen.sector == "public") or (
                word.lower_ in {"partners", "members", "organizations", "institutions"}
                and any(tokens[t].lower_ in _COUNTED_PUBLIC for t in range(index + 1, end))
            ):
                public += value
                break
    return business, public


_NUMBERS_KEY = "nextgen_headcount_numbers"


def _numbers(
    doc: Doc, number_words: dict[str, int], known: dict[int, int]
) -> list[tuple[int, int]]:
    """The Doc's tokens that count two or more, with their values: a word's value is decided
    once per word (`known`, by ORTH) rather than once per token."""
    found = doc.user_data.get(_NUMBERS_KEY)
    if found is None:
        words, _, inverse = doc_words(doc)
        if len(known) > 200_000:
            known.clear()
        strings = doc.vocab.strings
        values = []
        for word in words.tolist():
            value = known.get(word)
            if value is None:
                counted = _count(strings[word], number_words)
                value = known[word] = counted if counted is not None and counted >= 2 else 0
            values.append(value)
        by_word = numpy.array(values, dtype=numpy.int64)
        tokens = numpy.flatnonzero(by_word[inverse] > 0).tolist()
        found = doc.user_data[_NUMBERS_KEY] = [(t, values[inverse[t]]) for t in tokens]
    return found


def _named(text: str, classifier: OrganizationClassifier) -> tuple[int, int]:
    """(business, public) among the organisations a sentence lists by name."""
    cue = _LIST_CUE.search(text)
    if cue is None:
        return 0, 0
    entries = [
        e.strip(" .;:")
        for part in _split_entries(text[cue.end() :])
        for e in re.split(r"\s+and\s+|\s*&\s*", part)
    ]
    business = public = 0
    for entry in entries:
        if not entry or not entry[0].isupper():
            continue
        seen = classifier.classify(entry)
        if seen is None or seen.sector == "other":
            continue
        business += seen.sector == "business"
        public += seen.sector == "public"
    return (business, public) if business + public >= _NAMED else (0, 0)


def _gates(
    number_words: dict[str, int], business_words: set[str], public_words: list[str]
) -> tuple[Gate, Gate, Gate, Gate]:
    numbers = word_gate([*"0123456789", *(w for w, v in number_words.items() if v > 1)])
    business = word_gate(word_forms(business_words))  # "companies" for "company"
    public = word_gate(public_words)
    cues = word_gate(["including", "include", "includes", "such", "involve", "involves"])
    return numbers, business, public, cues


def run(ex: Extraction, classifier: OrganizationClassifier, business_words: set[str]) -> None:
    """Signal who outnumbers whom where a sentence counts or names both kinds of partner."""
    number_words = ex.lexicons.extractors.number_words
    # A public partner counted is named by one of its type's words or "public" / "agencies".
    organizations = ex.lexicons.organizations
    public_words = [
        *(name.split()[0] for names in organizations.public_types.values() for name in names),
        *_COUNTED_PUBLIC,
    ]
    numbers, business_gate, public_gate, cues = ex.compiled(
        __name__, lambda: _gates(number_words, business_words, public_words)
    )
    found: dict[tuple[int, int], tuple[Piece, Span, int, int]] = {}
    known: dict[int, int] = ex.compiled(__name__ + ".values", dict)
    words = ex.lexicons.extractors
    people = ex.compiled(  # counted, but never partners
        f"{__name__}.people", lambda: frozenset(words.counted_people)
    )
    breaks = ex.compiled(f"{__name__}.breaks", lambda: frozenset(words.count_breaks))
    money = ex.compiled(
        f"{__name__}.money", lambda: frozenset(w.lower() for w in words.money_marks)
    )
    # Only sentences with a number (for counts) or a list cue (for names) are read.
    for piece, sentence in ex.sentences(numbers, business_gate, public_gate):
        counts = _numbers(sentence.doc, number_words, known)
        business, public = _counted(
            sentence, classifier, business_words, number_words, counts, people, breaks, money
        )
        if business and public:
            found[(id(sentence.doc), sentence.start)] = (piece, sentence, business, public)
    for piece, sentence in ex.sentences(cues):
        if (id(sentence.doc), sentence.start) not in found:
            business, public = _named(piece.text_of(sentence), classifier)
            if business and public:
                found[(id(sentence.doc), sentence.start)] = (piece, sentence, business, public)
    for piece, sentence, business, public in found.values():
        where = f"{business} business and {public} public partners counted or named"
        if business > public:
            rule = "private_sector_leadership.prose_business_majority"
        else:
            rule = "private_sector_leadership.prose_public_majority"
        ex.add(
            piece,
            sentence,
            rule=rule,
            matched=where,
            quote=f"In one sentence: {where}",
        )
