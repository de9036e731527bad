"""Head-counts in prose: who outnumbers whom when a sentence counts or names the partners.

"More than 50 manufacturing companies and 20 public partners", "39 employers ... 20 workforce
agencies and 19 institutes of higher education", "partners including Riverside Health,
Sentara, Camp Community College and the Workforce Council": each number or name is classified
business or public (`lexicons/shared/organizations.yaml` and the vocabulary's business nouns),
and the side that is larger in the sentence is a derived fact for `private_sector_leadership`.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from nextgen_assistant.signals.anchors import Gate, word_forms, word_gate
from nextgen_assistant.signals.extractors import Extraction, Piece
from nextgen_assistant.signals.extractors.attendance import _split_entries
from nextgen_assistant.signals.extractors.organizations import OrganizationClassifier

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
) -> tuple[int, int]:
    """(business, public) from "N <kind>" phrases in the sentence."""
    business = public = 0
    tokens = list(sentence)
    for index, token in enumerate(tokens):
        value = _count(token.text, number_words)
        if value is None or value < 2:
            continue
        # The counted noun: the first word within four that names a kind of organisation.
        for end in range(index + 1, min(len(tokens), index + 6)):
            word = tokens[end]
            if word.is_punct and word.text != "-":
                break
            phrase = " ".join(t.text for t in tokens[index + 1 : end + 1])
            if word.lemma_ in business_words or word.lower_ in business_words:
                business += value
                break
            seen = classifier.classify(phrase)
            if (seen is not None and seen.sector == "public") or (
                word.lower_ in {"partners", "members", "organizations", "institutions"}
                and any(t.lower_ in _COUNTED_PUBLIC for t in tokens[index + 1 : end])
            ):
                public += value
                break
    return business, public


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
    # Only sentences with a number (for counts) or a list cue (for names) are read.
    for piece, sentence in ex.sentences(numbers, business_gate, public_gate):
        business, public = _counted(sentence, classifier, business_words, number_words)
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
