"""A user's lexicon cannot hang a scan, and its rules must find their own examples (issue 20)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nextgen_assistant.signals.lexicon_checks import regex_problem
from tests.conftest import run_nextgen

RULE = (
    "indicator: sustainability\nrules:\n  - id: sustainability.{id}\n    polarity: supporting\n"
    "{vocabulary}    examples: {{match: [{match}]{no_match}}}\n"
)


def _lexicon(folder: Path, rule_id: str, vocabulary: str, match: str, no_match: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    extra = f", no_match: [{no_match}]" if no_match else ""
    (folder / "mine.yaml").write_text(
        RULE.format(id=rule_id, vocabulary=vocabulary, match=match, no_match=extra)
    )
    return folder


def _docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    # The string a backtracking pattern such as (a+)+$ takes forever on.
    (docs / "note.txt").write_text("We ran a capital campaign. " + "a" * 60 + "!\n")
    return docs


@pytest.mark.parametrize(
    "expression",
    [
        r"^(a+)+$",
        r"^(\w+\s?)*$",
        r"^(a|aa)*$",
        r"(\w)\1+",
        r"a*b*c*d*",
        "(",
        "x" * 300,
        # an optional part repeated a fixed number of times: 2**40 ways to fail on 'aaa...'
        r"^(?:a?){40}a{40}$",
        # the same written out, without any nesting
        "^" + "a?" * 30 + "a" * 30 + "$",
        # polynomial, not exponential, but minutes on a file of long words: searched from every
        # start, two open repeats, then alternatives or optional parts
        r"[a-z]*[a-z]*(?:a|aa)(?:a|aa)(?:a|aa)0",
        r"[a-z]*[a-z]*a?a?a?0",
    ],
)
def test_a_regex_that_could_backtrack_without_end_is_refused(expression: str) -> None:
    assert regex_problem(expression) is not None


@pytest.mark.parametrize(
    "expression",
    [
        r"co-?chairs?",
        r"^\d{4}$",
        r"^[A-Z][a-z]+(?:-[A-Z][a-z]+)?$",
        r"^(?:ab)+$",
        r"^(?:\d{3}){2}$",
        r"^co-?(?:op|operative)s?$",
        r"\w+-\w+",
    ],
)
def test_ordinary_regexes_are_accepted(expression: str) -> None:
    assert regex_problem(expression) is None


def test_a_catastrophic_regex_in_a_user_lexicon_is_a_usage_error_naming_the_rule(
    tmp_path: Path,
) -> None:
    pattern = '    patterns: [[{LOWER: {REGEX: "^(a+)+$"}}]]\n'
    lexicons = _lexicon(tmp_path / "lex", "hanging", pattern, '"aaaa"')
    done = run_nextgen("scan", str(_docs(tmp_path)), "--lexicons", str(lexicons))  # or times out
    assert done.returncode == 2, done.stderr
    assert "sustainability.hanging" in done.stderr and "backtrack" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_rule_that_misses_its_own_example_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    lexicons = _lexicon(
        tmp_path / "lex", "endowment", "    phrases: [capital campaign]\n", '"We sold cookies."'
    )
    done = run_nextgen("scan", str(_docs(tmp_path)), "--lexicons", str(lexicons))
    assert done.returncode == 2
    assert "sustainability.endowment" in done.stderr and "We sold cookies." in done.stderr
    assert "Traceback" not in done.stderr


def test_a_rule_that_finds_its_counter_example_is_a_usage_error(tmp_path: Path) -> None:
    lexicons = _lexicon(
        tmp_path / "lex",
        "endowment",
        "    phrases: [capital campaign]\n",
        '"We ran a capital campaign."',
        '"A capital campaign paid for it."',
    )
    done = run_nextgen("scan", str(_docs(tmp_path)), "--lexicons", str(lexicons))
    assert done.returncode == 2
    assert "counter-example" in done.stderr and "A capital campaign paid for it." in done.stderr


def test_a_sound_user_rule_loads_and_finds_evidence(tmp_path: Path) -> None:
    pattern = '    patterns: [[{LOWER: "capital"}, {LOWER: {REGEX: "^campaigns?$"}}]]\n'
    lexicons = _lexicon(tmp_path / "lex", "endowment", pattern, '"We ran a capital campaign."')
    done = run_nextgen(
        "scan", str(_docs(tmp_path)), "--lexicons", str(lexicons), "--format", "json", "--jobs", "2"
    )
    assert done.returncode == 0, done.stderr
    assert "sustainability.endowment" in done.stdout
