"""Word gates (every gate of the process found in one pass, each exactly where its words begin)
and quotes of run-on sentences."""

from __future__ import annotations

import pytest
import spacy
from pydantic import ValidationError

from nextgen_assistant.signals.anchors import word_gate
from nextgen_assistant.signals.lexicon import ContextCue
from nextgen_assistant.signals.pipeline import remember_text


def _doc(text: str) -> spacy.tokens.Doc:
    return remember_text(spacy.blank("en")(text), text)


def test_gates_sharing_prefixes_each_find_their_own_words() -> None:
    grant = word_gate(["grant"])
    grants_only = word_gate(["grants", "Funder"])
    gra = word_gate(["gra"])
    doc = _doc("Grants from a funder; the grantee (not a regrant) met at Grant Avenue.")
    text = doc.text.lower()
    assert [text[p : p + 5] for p in grant.positions(doc)] == ["grant", "grant", "grant"]
    assert [text[p : p + 6] for p in grants_only.positions(doc)] == ["grants", "funder"]
    assert len(gra.positions(doc)) == 3
    assert "regrant" not in [text[p - 2 : p + 5] for p in grant.positions(doc)]  # word starts only


def test_a_gate_added_later_is_found_in_a_doc_searched_before() -> None:
    doc = _doc("Dues and in-kind support fund the partnership.")
    assert word_gate(["dues"]).found_in(doc)
    late = word_gate(["in-kind", "sponsorship"])
    assert late.found_in(doc) and not word_gate(["sponsorship"]).found_in(doc)
    assert late.found_in(doc[2:5]) and not late.found_in(doc[5:])


def test_a_run_on_sentence_is_quoted_around_the_match() -> None:
    from nextgen_assistant.signals.pipeline import QUOTE_MAX_CHARS, quote_of

    text = "word " * 300 + "the grant ends in June 2027 " + "more " * 300
    start = text.index("grant")
    quote = quote_of(text, start, start + len("grant ends"))
    assert quote.startswith("… ") and quote.endswith(" …") and "the grant ends in June" in quote
    assert len(quote) <= QUOTE_MAX_CHARS + 4 and "  " not in quote
    assert quote_of("x" * 1000, 500, 505).count("x") <= QUOTE_MAX_CHARS
    assert quote_of("Short  sentence.\n") == "Short sentence."


def test_a_word_inside_a_longer_gate_phrase_is_still_found() -> None:
    phrase = word_gate(["community college", "workforce development board"])
    single = word_gate(["college", "board"])
    doc = _doc("Tidewater Community College and the Workforce Development Board met.")
    text = doc.text.lower()
    assert [text[p : p + 9] for p in phrase.positions(doc)] == ["community", "workforce"]
    assert [text[p : p + 5] for p in single.positions(doc)] == ["colle", "board"]


def test_every_token_pattern_context_cue_has_words_to_gate_it() -> None:
    """A context cue written as a token pattern runs only on sentences that hold its words; a
    pattern whose every required word is a stop word ("make", "give") would run spaCy's Matcher
    on every sentence of every document."""
    from nextgen_assistant.signals.anchors import gate_words
    from nextgen_assistant.signals.lexicon import load_lexicons

    ungated = [
        (cue.id, index)
        for cue in load_lexicons().context.cues
        for index, pattern in enumerate(cue.patterns)
        if not gate_words(pattern)
    ]
    assert not ungated, ungated


def test_a_cue_that_reaches_only_within_must_enclose_its_topic() -> None:
    """`direction: within` sets the context of evidence inside the cue's own words and nothing
    else; a cue that does not enclose its topic would then reach no evidence at all, so the
    lexicon says so where it is read."""
    within = {
        "id": "aim",
        "context": "hypothetical",
        "direction": "within",
        "phrases": ["aimed at"],
    }
    assert ContextCue.model_validate({**within, "encloses": True}).direction == "within"
    with pytest.raises(ValidationError, match="needs encloses"):
        ContextCue.model_validate(within)
