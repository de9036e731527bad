"""Checks on the rules a user adds with `--lexicons DIR`, run when they load: a regular expression
that could backtrack without end is refused (one such pattern would hang every scan), and every
rule must find its own `match` examples and none of its `no_match` ones. Each failure is a
ConfigError naming the file and the rule.

The shipped lexicons are checked by the test suite instead (tests/signals/test_rule_examples.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nextgen_assistant.errors import ConfigError
from nextgen_assistant.knowledge import read_yaml, yaml_files

if TYPE_CHECKING:
    from nextgen_assistant.signals.lexicon import Lexicons, Rule

from re import _parser as sre_parse  # type: ignore[attr-defined]  # spaCy REGEX runs on `re`

MAX_PATTERN_CHARS = 200
MAX_OPEN_REPEATS = 2
"""Quantifiers with no small upper bound (`*`, `+`, `{3,}`) allowed in one expression: tokens are
at most `ReadLimits.max_token_chars` long, so two in a row cost at most that squared."""
OPEN_REPEAT = 20  # a repeat allowing more than this many is "open"
TOKEN_CHARS = 100  # ReadLimits.max_token_chars' default: how far an open repeat can run
MAX_WAYS = 1_000_000
"""Ways one expression can try a token, multiplied together: `a?` is 2 ways, `a{0,3}` 4, `a+` a
token's length, `(?:a|aa)` 2, and a search not anchored at `^` a token's length of starts. Each
optional part can double the work of a failing match (`a?a?a?...aaa...`), so the product is
what bounds the time: a million steps on a 100-character word is about 50 ms at worst."""
EXAMPLES_AS_OF = date(2026, 1, 1)  # rules do not depend on the date; a fixed one keeps it so

_checked: set[tuple[Path, ...]] = set()


def checked_user_lexicons(lexicons: Lexicons, folders: tuple[Path, ...]) -> Lexicons:
    """`lexicons` once the rules of the user's `folders` pass every check; ConfigError if not.
    Each set of folders is checked once per process."""
    if not folders or folders in _checked:
        return lexicons
    _checked.add(folders)  # before checking: the example check builds a Checker, which loads them
    try:
        rules = [(source, lexicons.rule(rule_id)) for source, rule_id in _user_rule_ids(folders)]
        for source, rule in rules:
            for expression in _regexes(rule.patterns):
                problem = regex_problem(expression)
                if problem is not None:
                    shown = expression if len(expression) <= 80 else expression[:77] + "..."
                    raise ConfigError(f"{source}: rule '{rule.id}': the REGEX {shown!r} {problem}")
        _check_examples(rules, folders)
    except BaseException:
        _checked.discard(folders)
        raise
    return lexicons


def _user_rule_ids(folders: tuple[Path, ...]) -> Iterator[tuple[Path, str]]:
    for folder in folders:
        for path in yaml_files(folder):
            data = read_yaml(path)
            if isinstance(data, dict) and isinstance(data.get("rules"), list):
                for entry in data["rules"]:
                    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                        yield path, entry["id"]


def _regexes(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if str(key).upper() == "REGEX" and isinstance(value, str):
                yield value
            else:
                yield from _regexes(value)
    elif isinstance(node, list):
        for item in node:
            yield from _regexes(item)


def regex_problem(expression: str) -> str | None:
    """Why a regular expression could take exponential (or high polynomial) time on a token, or
    None when it cannot: no backreferences, no quantifier of varying length and no alternation
    inside a repeated group, at most MAX_OPEN_REPEATS open quantifiers, and at most MAX_WAYS ways
    for the optional and repeated parts together."""
    if len(expression) > MAX_PATTERN_CHARS:
        return f"is longer than {MAX_PATTERN_CHARS} characters"
    try:
        parsed = sre_parse.parse(expression)
    except (re.error, OverflowError, RecursionError) as error:
        return f"is not a valid regular expression ({error})"
    items = list(parsed)
    anchored = bool(items) and str(items[0][0]) == "AT" and str(items[0][1]) == "AT_BEGINNING"
    open_repeats, ways = 0, 1 if anchored else TOKEN_CHARS  # spaCy's REGEX searches the word
    for problem_or_ways in _walk(items, inside_repeat=False):
        if isinstance(problem_or_ways, str):
            return problem_or_ways
        open_repeats += problem_or_ways > OPEN_REPEAT
        ways *= problem_or_ways
    if open_repeats > MAX_OPEN_REPEATS:
        return (
            f"has {open_repeats} open quantifiers (* + {{n,}}); at most {MAX_OPEN_REPEATS} are "
            "allowed, as more can make matching one word take minutes"
        )
    if ways > MAX_WAYS:
        return (
            f"has so many optional, repeated or alternative parts that matching one word can try "
            f"{ways:,} ways (at most {MAX_WAYS:,}); anchor it with ^, make fewer parts optional, "
            "or split it into several patterns"
        )
    return None


_NESTED = (
    "repeats a group that itself repeats, is optional or holds alternatives, which can backtrack "
    "without "
    "end (write it without the nesting, or use a possessive quantifier such as a++)"
)


def _walk(items: list[Any], inside_repeat: bool) -> Iterator[str | int]:
    """Problems found ('...'), and for each quantifier the number of ways it can run (an
    optional part 2, an open one a token's length)."""
    for op, arg in items:
        name = str(op)
        if name in ("GROUPREF", "GROUPREF_EXISTS"):
            yield "refers back to a group (\\1), which can take exponential time"
            return
        if name in ("MAX_REPEAT", "MIN_REPEAT"):
            low, high, body = arg
            repeats, varies = high > 1, low != high
            if inside_repeat and varies:
                # (a?){40} is as bad as (a+)+: each repetition can take more or less; (\d{3}){2}
                # cannot
                yield _NESTED
                return
            if varies:
                yield min(high, TOKEN_CHARS) - min(low, TOKEN_CHARS) + 1
            yield from _walk(list(body), inside_repeat or repeats)
        elif name == "BRANCH":
            if inside_repeat:
                yield _NESTED
                return
            yield len(arg[1])
            for alternative in arg[1]:
                yield from _walk(list(alternative), inside_repeat)
        elif name == "SUBPATTERN":
            yield from _walk(list(arg[-1]), inside_repeat)
        elif name in ("ASSERT", "ASSERT_NOT"):
            yield from _walk(list(arg[1]), inside_repeat)
        # POSSESSIVE_REPEAT and ATOMIC_GROUP never backtrack; literals and classes are single steps


def _check_examples(rules: list[tuple[Path, Rule]], folders: tuple[Path, ...]) -> None:
    from nextgen_assistant.signals.checker import Checker

    if not rules:
        return
    checker = Checker(folders)
    problems: list[str] = []
    for source, rule in rules:
        for expected, sentences in ((True, rule.examples.match), (False, rule.examples.no_match)):
            for sentence in sentences:
                result = checker.check_text(sentence, EXAMPLES_AS_OF, one_per_sentence=False)
                found = any(
                    s.rule == rule.id and s.polarity == rule.polarity and s.counted
                    for s in result.signals
                )
                if found != expected:
                    verb = "does not find its example" if expected else "finds its counter-example"
                    problems.append(f"{source}: rule '{rule.id}' {verb} {sentence!r}")
    if problems:
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise ConfigError(
            "; ".join(problems[:3]) + more + ": fix the rule's phrases or patterns, or its examples"
        )
