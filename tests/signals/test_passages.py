"""The passage model: how its readings join the rules' signals (never where a rule found the
indicator, one way per indicator, only for declared rules, only on prose of passage length), what
a reading says (a derived finding with its lines, probability and words, never a quotation), and
that a missing or broken model is a clear error. What it reads on real text is measured by
`scripts/train_passage_model.py --cv` and `nextgen eval`, not here: these passages are our own."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pytest

from nextgen_assistant.documents import read_document
from nextgen_assistant.errors import ConfigError
from nextgen_assistant.signals.checker import Checker
from nextgen_assistant.signals.lexicon import load_lexicons
from nextgen_assistant.signals.model import Signal
from nextgen_assistant.signals.passages import (
    LABELS,
    DocWords,
    PassageModel,
    windows,
    words_of,
)

AS_OF = date(2026, 1, 1)


# Our own passages, of the length the model reads: the examples the lexicon's passage rules
# must and must not read (lexicons/shared/extractor_rules.yaml), taken from there so that a
# passage rewritten for a retrained model is rewritten once.
def _example(rule_id: str, kind: str = "match") -> str:
    examples = load_lexicons().extractor_rule(rule_id).examples
    return str(getattr(examples, kind)[0].text)


PUBLIC_LED = _example("private_sector_leadership.passage_red_flag")
MEMBERS_RUN = _example("private_sector_leadership.passage_supporting")
STALLED = _example("sustainability.passage_red_flag")
OWNERS_STARTED = _example("regional_labor_market.passage_red_flag", "no_match")


@cache
def checker() -> Checker:
    return Checker()


def readings(text: str, name: str = "passage.txt", tmp: Path | None = None) -> list[Signal]:
    if tmp is None:
        result = checker().check_text(text, AS_OF)
    else:
        path = tmp / name
        path.write_text(text, encoding="utf-8")
        result = checker().check_document(read_document(path), AS_OF)
    return [s for s in result.signals if ".passage_" in s.rule]


def test_windows_are_whole_sentences_of_about_passage_length() -> None:
    assert windows([100, 100, 100, 100, 20], 300, 120) == [(0, 3), (3, 5)]
    assert windows([400, 10], 300, 120) == [(0, 2)]  # a short tail joins the window before
    assert windows([50, 40], 300, 120) == []  # shorter than a passage: not read at all
    assert windows([50, 290, 100], 300, 120) == [(0, 3)]  # no short window in the middle
    assert windows([130, 290, 100], 300, 120) == [(0, 1), (1, 3)]
    assert windows([], 300, 120) == []


def test_a_public_led_passage_reads_as_red_flags_where_the_rules_are_silent() -> None:
    found = {(s.indicator, s.polarity) for s in readings(PUBLIC_LED)}
    assert ("private_sector_leadership", "red_flag") in found
    assert ("industry_driven_agenda", "red_flag") in found
    assert all(p == "red_flag" for _, p in found)
    stalled = {(s.indicator, s.polarity) for s in readings(STALLED)}
    assert ("sustainability", "red_flag") in stalled
    assert all(p == "red_flag" for _, p in stalled)


def test_a_reading_is_a_derived_finding_with_its_lines_probability_and_words() -> None:
    text = PUBLIC_LED.replace(". ", ".\n", 3)  # four lines
    signal = next(s for s in readings(text) if s.indicator == "industry_driven_agenda")
    assert signal.derived and signal.counted and signal.context == "asserted"
    assert signal.quote.startswith("Read as a whole, the passage at lines 1-4 reads like a red")
    assert f"(probability {signal.confidence:.2f})" in signal.quote
    # the sentence that weighs most is quoted whole, with its line, and is where the signal is
    line = text.splitlines()[signal.location.line - 1]
    marker = f'most of all at line {signal.location.line}: "'
    assert marker in signal.quote
    quoted = signal.quote.split(marker, 1)[1].split('" (', 1)[0]
    assert quoted.endswith(".") and quoted in line
    assert signal.matched and all(word in text.lower() for word in signal.matched.split(", "))
    assert [source.line for source in signal.sources] == [1, 4]
    assert 1 <= signal.location.line <= 4
    assert signal.weight == checker().lexicons.extractor_rule(signal.rule).weight


def test_a_long_sentence_is_cut_at_a_word_and_the_finding_never_is() -> None:
    from nextgen_assistant.signals.extractors.passages import _excerpt
    from nextgen_assistant.signals.pipeline import QUOTE_MAX_CHARS

    sentence = "The board staff " + "write the agenda and book the room, " * 20 + "every month."
    shown = _excerpt(sentence, 120)
    assert shown.endswith(" ...") and len(shown) <= 120
    assert sentence.startswith(shown[: -len(" ...")])
    assert _excerpt("Two\n  lines.", 120) == "Two lines."
    assert _excerpt("aaaa bbbb cccc dddd", 13) == "aaaa bbbb ..."  # the cut fell between words
    assert _excerpt("aaaa bbbb cccc dddd", 15) == "aaaa bbbb ..."
    long_sentences = PUBLIC_LED.replace(". ", ", and ")  # one sentence of the whole passage
    address = "https://www.harborcounty.example.org/" + "sector-partnership-award-notice-" * 3
    with_address = PUBLIC_LED.replace("from the state", f"from the state ({address})")
    cut, addressed = readings(long_sentences), readings(with_address)
    assert cut and addressed
    for signal in cut + addressed:
        assert len(signal.quote) <= QUOTE_MAX_CHARS and "…" not in signal.quote
        assert signal.quote.endswith(").") or signal.quote.endswith('".')
        assert all(len(word) <= 30 for word in signal.matched.split(", "))
    assert all(' ..."' in signal.quote for signal in cut)


def test_the_lines_read_run_to_the_last_line_of_the_last_sentence() -> None:
    wrapped = PUBLIC_LED.replace("Board members say", "Board members\nsay").replace(
        "a bigger role", "a\nbigger role"
    )  # the last sentence runs over lines 1-3
    signal = next(s for s in readings(wrapped) if s.indicator == "industry_driven_agenda")
    assert "lines 1-3 reads like" in signal.quote
    assert [source.line for source in signal.sources] == [1, 3]


def test_text_the_model_never_learned_from_is_not_read() -> None:
    spanish = (
        "La asociación de fabricantes del valle reúne a las empresas de la región para formar "
        "técnicos y aprendices, y el gobierno del estado paga los cursos. "
    ) * 8
    contents = (
        "Contents ........ 1 Introduction ........ 3 Members ........ 4 Plan ........ 7 " * 20
    )
    # One word, or a few, repeated: every word is known, but it is no passage.
    repeated = ("word " * 59 + "word.\n") * 20
    codes = "Grant grant funds funds. " * 200
    for text in (spanish, contents, repeated, codes):
        assert readings(text) == [], text[:40]


def test_a_rule_finding_elsewhere_in_a_long_block_does_not_silence_a_window() -> None:
    """Suppression is per window of sentences, not per block: one paragraph (single newlines)
    longer than a window holds a rule's finding in its first window and a passage in its last."""
    opening = (OWNERS_STARTED + " " + MEMBERS_RUN).replace(". ", ".\n")
    block = opening + "\n" + (PUBLIC_LED + " " + PUBLIC_LED).replace(". ", ".\n")
    found = checker().check_text(block, AS_OF).signals
    first_lines = opening.count("\n") + 1
    by_rules = {
        s.indicator for s in found if s.counted and ".passage_" not in s.rule
        and s.location.line <= first_lines
    }  # fmt: skip
    # "started in 2019 by the owners of four mid-sized plants": businesses lead it
    assert "private_sector_leadership" in by_rules
    late = [s for s in found if s.rule == "private_sector_leadership.passage_red_flag"]
    assert late and all(s.location.line > first_lines for s in late)


def test_no_reading_for_an_indicator_the_rules_found_in_the_window() -> None:
    result = checker().check_text(OWNERS_STARTED, AS_OF)
    by_rules = {s.indicator for s in result.signals if s.counted and ".passage_" not in s.rule}
    assert "private_sector_leadership" in by_rules
    assert not {s.indicator for s in readings(OWNERS_STARTED)} & by_rules


def test_one_reading_per_indicator_the_stronger_way() -> None:
    model = checker().passages
    assert model is not None
    doc = checker().nlp(MEMBERS_RUN)
    keys = DocWords(doc).keys(0, len(doc))
    row = dict(zip(LABELS, model.probabilities_of([keys])[0].tolist(), strict=True))
    # thresholds just under the indicator the model reads most nearly both ways, so that some
    # indicator is read both ways whatever the trained weights are
    closest = max(
        {label.split("|")[0] for label in LABELS},
        key=lambda i: min(row[f"{i}|supporting"], row[f"{i}|red_flag"]),
    )
    thresholds = {p: row[f"{closest}|{p}"] * 0.99 for p in ("supporting", "red_flag")}
    both = [
        i for i in {label.split("|")[0] for label in LABELS}
        if all(row[f"{i}|{p}"] >= thresholds[p] for p in thresholds)
    ]  # fmt: skip
    assert both, "the example should be read both ways for some indicator"
    read = model.readings(keys, thresholds)
    assert len({r.indicator for r in read}) == len(read)
    for indicator in both:
        (kept,) = [r for r in read if r.indicator == indicator]
        other = "red_flag" if kept.polarity == "supporting" else "supporting"
        margin = row[f"{indicator}|{kept.polarity}"] - thresholds[kept.polarity]
        assert margin >= row[f"{indicator}|{other}"] - thresholds[other]


def test_short_text_and_tables_are_left_to_the_rules(tmp_path: Path) -> None:
    assert readings("Board staff write the agenda and the state grant pays for everything.") == []
    rows = "\n".join(
        f'"{sentence}."' for sentence in PUBLIC_LED.split(". ")
    )  # each sentence a table row
    assert readings("note\n" + rows, "notes.csv", tmp_path) == []
    assert readings(PUBLIC_LED, "notes.txt", tmp_path)  # the same words as prose are read


def test_a_reading_whose_rule_is_not_declared_is_not_given() -> None:
    own = Checker()
    kept = [r for r in own.lexicons.extractor_rules if r.id != "sustainability.passage_red_flag"]
    own.lexicons = own.lexicons.model_copy(update={"extractor_rules": kept})  # not shared
    found = own.check_text(PUBLIC_LED, AS_OF).signals
    assert "sustainability.passage_red_flag" not in {s.rule for s in found}
    assert "industry_driven_agenda.passage_red_flag" in {s.rule for s in found}


def test_reading_the_checkers_arrays_is_reading_the_words() -> None:
    """The checker gives the model its Docs' lower-case hashes (no lower-cased copy of the text);
    that is the same as the words the model learned from, mixed case and whitespace included."""
    model = checker().passages
    assert model is not None
    texts = [
        PUBLIC_LED,
        MEMBERS_RUN.upper(),
        "  Number\n\nof   PERSONS hired: 12.  ",
        OWNERS_STARTED,
    ]
    docs = [checker().nlp(text) for text in texts]
    from_words = model.probabilities([words_of(doc, 0, len(doc)) for doc in docs])
    from_keys = model.probabilities_of([DocWords(doc).keys(0, len(doc)) for doc in docs])
    assert from_words.tolist() == from_keys.tolist()
    assert words_of(docs[2], 0, len(docs[2])) == [
        "number",
        "of",
        "persons",
        "hired",
        ":",
        "12",
        ".",
    ]


def test_the_same_text_is_read_the_same_way_every_time() -> None:
    first = [s.model_dump() for s in readings(PUBLIC_LED)]
    assert first == [s.model_dump() for s in readings(PUBLIC_LED)]


def test_a_missing_or_foreign_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="the passage model is missing; build it with"):
        PassageModel.load(tmp_path)
    broken = tmp_path / "broken" / "textcat_multilabel"
    broken.mkdir(parents=True)
    (broken / "cfg").write_text("{}", encoding="utf-8")
    (broken / "model").write_bytes(b"not a model")
    with pytest.raises(ConfigError, match=r"cannot be read|labels are not the indicators"):
        PassageModel.load(tmp_path / "broken")


def test_the_shipped_model_records_what_it_learned_from() -> None:
    model = PassageModel.load()
    assert model.training["passages"] >= 1000
    folds = model.training["cross_validation"]["results"]
    assert set(folds) >= {"rules", "rules and model, supporting 0.5, red flags 0.3"}


def test_a_funding_or_footprint_red_flag_needs_its_topic_named_in_the_window() -> None:
    import numpy

    from nextgen_assistant.signals.extractors.passages import _on_topic
    from nextgen_assistant.signals.passages import Reading

    strings = checker().nlp.vocab.strings

    def keys(text: str) -> numpy.ndarray:
        return numpy.array([strings.add(w) for w in text.lower().split()], dtype=numpy.uint64)

    words = load_lexicons().extractors.passage_red_flag_words
    topics = {i: keys(" ".join(w)) for i, w in words.items()}
    red = Reading("sustainability", "red_flag", 0.6)
    assert _on_topic(red, keys("The state grant ran out in June"), topics)
    assert not _on_topic(red, keys("Members met twice and toured a plant"), topics)
    # support, and red flags of indicators without topic words, are read as before
    assert _on_topic(Reading("sustainability", "supporting", 0.6), keys("Members met"), topics)
    assert _on_topic(Reading("industry_driven_agenda", "red_flag", 0.6), keys("Members"), topics)
    # the shipped stalled passage names its money, and still reads as a funding red flag
    assert ("sustainability", "red_flag") in {(s.indicator, s.polarity) for s in readings(STALLED)}


def test_topic_words_for_a_misspelt_indicator_are_an_error_naming_it() -> None:
    from pydantic import ValidationError

    from nextgen_assistant.signals.lexicon import ExtractorLexicon

    data = load_lexicons().extractors.model_dump()
    data["passage_red_flag_words"] = {"sustainabilty": ["grant"]}
    with pytest.raises(ValidationError, match="sustainabilty"):
        ExtractorLexicon.model_validate(data)
