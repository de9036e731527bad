"""Every extractor rule is declared in `lexicons/shared/extractor_rules.yaml` and tried on its own
examples, as the phrase rules are (tests/signals/test_rule_examples.py): the documents under
`match` give the rule's signal, counted, with its polarity; those under `no_match` do not."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pytest

from nextgen_assistant.documents import read_document
from nextgen_assistant.errors import ConfigError
from nextgen_assistant.knowledge import lexicon_dir, load_model
from nextgen_assistant.signals.checker import Checker
from nextgen_assistant.signals.lexicon import (
    ExtractorExample,
    ExtractorRulesLexicon,
    load_lexicons,
)
from nextgen_assistant.signals.model import Signal
from nextgen_assistant.signals.scan import ScanSettings, scan

AS_OF = date(2026, 1, 1)  # the day the examples' dates are judged on, as the YAML says
LEXICONS = load_lexicons()


@cache
def checker() -> Checker:
    return Checker()


def _cases() -> list[object]:
    return [
        pytest.param(rule.id, example, expected, id=f"{rule.id}{'+' if expected else '-'}{i}")
        for rule in LEXICONS.extractor_rules
        for expected, examples in ((True, rule.examples.match), (False, rule.examples.no_match))
        for i, example in enumerate(examples)
    ]


@pytest.mark.parametrize(("rule_id", "example", "should_match"), _cases())
def test_extractor_rule_example(
    tmp_path: Path, rule_id: str, example: ExtractorExample, should_match: bool
) -> None:
    rule = LEXICONS.extractor_rule(rule_id)
    path = tmp_path / example.file
    path.write_text(example.text, encoding="utf-8")
    if rule.extractor == "across_documents":
        signals = _scanned_together(tmp_path, example)
    else:
        result = checker().check_document(read_document(path), AS_OF, one_per_sentence=False)
        signals = result.signals
    hits = [s for s in signals if s.rule == rule_id and s.counted]
    found = [(s.rule, s.polarity, s.matched) for s in signals]
    if should_match:
        assert hits, f"{rule_id} should find {example.text!r}; found {found}"
        assert all(s.polarity == rule.polarity and s.weight == rule.weight for s in hits)
        assert all(s.indicator == rule.indicator for s in hits)
    else:
        assert not hits, f"{rule_id} should not find {example.text!r} ({hits[0].matched!r})"


def _scanned_together(folder: Path, example: ExtractorExample) -> list[Signal]:
    """Every signal of a scan of the example with its `also` documents, findings included."""
    for number, text in enumerate(example.also):
        (folder / f"also-{number}.txt").write_text(text, encoding="utf-8")
    result = scan([folder], ScanSettings(as_of=AS_OF))
    return result.all_signals()


def test_every_extractor_has_a_declared_rule() -> None:
    """Each extractor module that signals has its rules declared (dates and organizations are
    helpers the others use)."""
    from nextgen_assistant.signals import extractors

    modules = {path.stem for path in Path(extractors.__file__).parent.glob("*.py")}
    signalling = modules - {"__init__", "dates", "organizations"}
    assert {rule.extractor for rule in LEXICONS.extractor_rules} == signalling


def test_an_undeclared_rule_cannot_be_signalled() -> None:
    """An extractor that signals a rule nobody declared fails loudly, not with weight 1.0."""
    with pytest.raises(KeyError):
        LEXICONS.extractor_rule("sustainability.not_declared")


def test_a_misspelt_key_in_a_rule_is_an_error_naming_it(tmp_path: Path) -> None:
    text = (lexicon_dir() / "shared" / "extractor_rules.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "extractor_rules.yaml"
    broken.write_text(text.replace("weight: 2.0", "wieght: 2.0", 1), encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_model(ExtractorRulesLexicon, broken)
    assert "wieght" in str(raised.value) and "extractor_rules.yaml" in str(raised.value)


def test_a_rule_without_a_description_a_partnership_can_read_is_refused(tmp_path: Path) -> None:
    text = (lexicon_dir() / "shared" / "extractor_rules.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "extractor_rules.yaml"
    start = text.index("    description: >-")
    end = text.index("    examples:", start)
    broken.write_text(text[:start] + '    description: "x"\n' + text[end:], encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_model(ExtractorRulesLexicon, broken)
    assert "description" in str(raised.value)
