"""Every lexicon rule's own examples, as Vale's rule fixtures: one parametrised test runs them all.

`match`: the rule finds the sentence, asserted, with its own polarity.
`no_match`: the rule yields no counted signal with its polarity for the sentence.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from nextgen_assistant.signals.checker import Checker
from nextgen_assistant.signals.lexicon import load_lexicons

AS_OF = date(2026, 11, 25)
LEXICONS = load_lexicons()


@cache
def checker() -> Checker:
    return Checker()


def _cases() -> list[object]:
    cases = []
    for rule in LEXICONS.rules:
        for sentence in rule.examples.match:
            cases.append(pytest.param(rule.id, sentence, True, id=f"{rule.id}+{sentence[:40]}"))
        for sentence in rule.examples.no_match:
            cases.append(pytest.param(rule.id, sentence, False, id=f"{rule.id}-{sentence[:40]}"))
    return cases


@pytest.mark.parametrize(("rule_id", "sentence", "should_match"), _cases())
def test_rule_example(rule_id: str, sentence: str, should_match: bool) -> None:
    rule = LEXICONS.rule(rule_id)
    result = checker().check_text(sentence, AS_OF, one_per_sentence=False)
    hits = [
        s for s in result.signals if s.rule == rule_id and s.polarity == rule.polarity and s.counted
    ]
    if should_match:
        assert hits, (
            f"{rule_id} should find: {sentence!r}; found {[(s.rule, s.polarity, s.context, s.cue) for s in result.signals]}"
        )
        assert hits[0].context == "asserted", f"context {hits[0].context} (cue {hits[0].cue!r})"
    else:
        assert not hits, (
            f"{rule_id} should not find: {sentence!r} ({hits[0].matched!r}, {hits[0].context})"
        )


def test_every_indicator_has_breadth() -> None:
    """At least 20 supporting and 15 red-flag rules per indicator."""
    from nextgen_assistant import INDICATOR_IDS

    for indicator in INDICATOR_IDS:
        rules = [r for r in LEXICONS.rules if r.indicator == indicator]
        supporting = sum(r.polarity == "supporting" for r in rules)
        red = sum(r.polarity == "red_flag" for r in rules)
        assert supporting >= 20 and red >= 15, (
            f"{indicator}: {supporting} supporting, {red} red flags"
        )


def _false_friend_cases() -> list[object]:
    return [
        pytest.param(
            friend.id,
            sentence,
            expected,
            id=f"{friend.id}{'+' if expected else '-'}{sentence[:30]}",
        )
        for friend in LEXICONS.false_friends.false_friends
        for expected, sentences in (
            (True, friend.examples.match),
            (False, friend.examples.no_match),
        )
        for sentence in sentences
    ]


@pytest.mark.parametrize(("friend_id", "sentence", "is_friend"), _false_friend_cases())
def test_false_friend_example(friend_id: str, sentence: str, is_friend: bool) -> None:
    doc = checker().nlp(sentence)
    blocked = checker().matcher.false_friend_tokens(doc)
    assert bool(blocked) == is_friend, (
        f"{friend_id}: {sentence!r} blocked {[doc[i].text for i in sorted(blocked)]}"
    )


def _cue_cases() -> list[object]:
    return [
        pytest.param(
            cue.id,
            cue.context,
            sentence,
            expected,
            id=f"{cue.id}{'+' if expected else '-'}{sentence[:30]}",
        )
        for cue in LEXICONS.context.cues
        for expected, sentences in ((True, cue.examples.match), (False, cue.examples.no_match))
        for sentence in sentences
    ]


def _cues_setting(sentence: str, cue_text: str | None) -> set[str]:
    """The ids of the cues whose words in `sentence` are `cue_text`."""
    finder = checker().context
    finder.forget()
    doc = checker().nlp(sentence)
    ids = {hit.cue.id for sent in doc.sents for hit in finder.cues_in(sent) if hit.text == cue_text}
    finder.forget()
    return ids


@pytest.mark.parametrize(("cue_id", "context", "sentence", "applies"), _cue_cases())
def test_context_cue_example(cue_id: str, context: str, sentence: str, applies: bool) -> None:
    """A `match` example: this cue (not another) sets the context of some evidence in it. A
    `no_match` example: no evidence in it gets its context from this cue."""
    result = checker().check_text(sentence, AS_OF, one_per_sentence=False)
    assert result.signals, f"the example finds no evidence at all: {sentence!r}"
    set_by = {
        (signal.context, cue)
        for signal in result.signals
        for cue in _cues_setting(sentence, signal.cue)
    }
    assert ((context, cue_id) in set_by) == applies, (
        f"{cue_id}: {sentence!r} gave {[(s.context, s.cue) for s in result.signals]}"
    )
