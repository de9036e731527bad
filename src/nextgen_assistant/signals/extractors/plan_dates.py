"""Plan dates: when the action plan was last updated, and its age against --as-of; a plan named
with its own years ("our 2024-2026 strategic plan", "Action Plan 2025-2027", "the 2023 work
plan") is dated by them: in force while its last year has not ended, else as old as that end."""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from spacy.tokens import Span

from nextgen_assistant.clock import months_ago, months_between
from nextgen_assistant.signals.anchors import Gate, word_gate
from nextgen_assistant.signals.extractors import OTHERS, Extraction, Piece, actor_before, any_of
from nextgen_assistant.signals.extractors.dates import dates_in
from nextgen_assistant.signals.lexicon import ExtractorLexicon
from nextgen_assistant.signals.model import PlanDateFact
from nextgen_assistant.signals.pipeline import text_of


class _Patterns(NamedTuple):
    update: re.Pattern[str]
    plan: re.Pattern[str]
    gate: Gate
    dated: re.Pattern[str]  # "2024-2026 Strategic Plan", "Action Plan 2025-27", "its 2023 plan"
    year_gate: Gate


# A plan's own years: "2024-2026", "2024–26", "2024 to 2026", "2024 through 2026".
_SPAN = r"(?P<{0}>(?:19|20)\d\d)(?:\s*(?:-|–|—|to|through)\s*(?P<{0}_end>(?:19|20)?\d\d))?"


def _compile(words: ExtractorLexicon) -> _Patterns:
    return _Patterns(
        update=re.compile(
            r"\b(" + "|".join(map(re.escape, words.plan_update_words)) + r")\b", re.IGNORECASE
        ),
        plan=re.compile(
            r"\b(" + "|".join(map(re.escape, words.plan_nouns)) + r")\b", re.IGNORECASE
        ),
        gate=word_gate(words.plan_update_words),
        dated=_dated(words.dated_plan_nouns),
        year_gate=word_gate(["19", "20"]),  # a word beginning 19 or 20: a year is there
    )


def _dated(nouns: list[str]) -> re.Pattern[str]:
    """A plan named with its years, before it ("our 2024-2026 strategic plan", with up to two
    words between: "the 2013-2015 Manufacturing Workforce Plan") or after it ("Strategic Plan
    2024-2026", "plan for 2025-2027"). A single year before it needs a determiner ("the 2023
    work plan", not "in 2023 plan members met"); a single year after it is a plan's name only
    with a span ("Plan 2030" is a target, not a date)."""
    plan = rf"(?:{any_of(nouns, ignore_case=True)})s?"
    before = (
        rf"\b(?:(?:the|its|our|their|this|a|an)\s+|['’]s\s+)?{_SPAN.format('before')}"
        rf"(?:\s+[A-Za-z][\w’'-]*){{0,2}}?\s+{plan}\b"
    )
    after = (
        rf"\b{plan}\s*[:,(]?\s*(?:for\s+)?(?P<after>(?:19|20)\d\d)\s*(?:-|–|—|to|through)\s*"
        r"(?P<after_end>(?:19|20)?\d\d)\b"
    )
    return re.compile(rf"{before}|{after}", re.IGNORECASE)


def _years(match: re.Match[str]) -> tuple[int, int] | None:
    """The first and last year a dated plan names, or None where it names a lone year without a
    determiner before it ("in 2023 plan members met")."""
    side = "before" if match.group("before") else "after"
    first = int(match.group(side))
    said_end = match.group(f"{side}_end")
    if said_end is None:
        if not re.match(r"(?:the|its|our|their|this|a|an)\b|['’]s", match.group(0), re.I):
            return None
        return first, first
    last = int(said_end) if len(said_end) == 4 else first // 100 * 100 + int(said_end)
    return (first, last) if 0 <= last - first <= 10 else None


class _Dated(NamedTuple):
    """A plan named with its years: when it ends (or, for a lone year, was made)."""

    ended: date
    began: date
    span: bool  # years from-to: in force until `ended`, then lapsed
    piece: Piece
    sentence: Span
    said: str


def run(ex: Extraction, fresh_months: int, stale_months: int) -> None:
    """Find 'updated/revised/adopted <date>' about a plan, else a plan named with its years
    ("our 2025-2027 strategic plan"); judge its age."""
    patterns = ex.compiled(__name__, lambda: _compile(ex.lexicons.extractors))
    about_plan = bool(
        patterns.plan.search(
            f"{ex.document.path} {ex.document.title or ''}".replace("-", " ").replace("_", " ")
        )
    )
    # A sentence naming a plan with its years is dated by them, never by an update word in it:
    # "reviewed the 2025-2027 plan" is a plan in force, not one reviewed in July 2025.
    dated, named_years = _dated_plans(ex, patterns)
    found_update = False
    for piece, sentence in ex.sentences(patterns.gate):
        if sentence.start_char in named_years:
            continue
        text = text_of(sentence)
        update = patterns.update.search(text)
        if not update or not (about_plan or patterns.plan.search(text)):
            continue
        candidates = [d for d, start, _ in dates_in(text) if start > update.start() - 40]
        candidates = [d for d in candidates if months_between(d, ex.as_of) >= -1]
        if not candidates:
            continue
        updated = max(candidates)
        age = max(0, months_between(updated, ex.as_of))
        said = f"{update.group(0)} {updated:%B %Y}"
        found_update = True
        _judge(ex, piece, sentence, updated, age, False, said, fresh_months, stale_months)
    # The date of an update is the more exact; a plan's years date it where nothing else does.
    if dated and not found_update:
        plan = max(dated, key=lambda item: item.ended)
        age = max(0, months_between(plan.ended, ex.as_of))
        lapsed = plan.span and plan.ended < ex.as_of
        when = plan.began if plan.span else plan.ended  # a span's first year; a year's 1 July
        said = plan.said if lapsed or age > fresh_months else f"{plan.said} (current)"
        _judge(ex, plan.piece, plan.sentence, when, age, lapsed, said, fresh_months, stale_months)


def _judge(
    ex: Extraction,
    piece: Piece,
    sentence: Span,
    when: date,
    age: int,
    lapsed: bool,
    said: str,
    fresh_months: int,
    stale_months: int,
) -> None:
    """Signal a plan's age: recent within `fresh_months` (and not lapsed), out of date past
    `stale_months`, aging between; record its date as a fact."""
    if age <= fresh_months and not lapsed:
        rule, matched = "shared_action_plan.plan_updated_recently", said
    else:
        stale = age > stale_months
        rule = f"shared_action_plan.plan_{'out_of_date' if stale else 'aging'}"
        matched = f"{said} ({'lapsed' if lapsed and age == 0 else months_ago(age)})"
    signal = ex.add(piece, sentence, rule=rule, matched=matched)
    if signal.counted:
        ex.facts.plan_dates.append(
            PlanDateFact(
                updated=when,
                age_months=age,
                quote=" ".join(text_of(sentence).split()),
                line=piece.line_at(sentence.start_char),
                page=piece.block.page,
            )
        )


def _dated_plans(ex: Extraction, patterns: _Patterns) -> tuple[list[_Dated], set[int]]:
    """Every plan of the partnership's named with its own years, and where every sentence that
    names a plan's years starts (another body's included). A span is in force to the end of its
    last year, then lapsed; a lone year is when the plan was made (1 July, as a lone year is
    everywhere). Another organisation's plan ("the county's 2025 budget plan") is not the
    partnership's; the newest one a document names is its plan ("the 2018-2020 plan gave way
    to the 2024-2026 plan")."""
    found: list[_Dated] = []
    named: set[int] = set()
    for piece, sentence in ex.sentences(patterns.year_gate):
        text = text_of(sentence)
        for match in patterns.dated.finditer(text):
            years = _years(match)
            if years is None or years[0] > ex.as_of.year:
                continue
            named.add(sentence.start_char)
            if actor_before(ex, sentence, sentence.start_char + match.start()) in OTHERS:
                continue
            first, last = years
            said = " ".join(match.group(0).split()).removeprefix("'s ").removeprefix("’s ")
            ended = date(last, 12, 31) if last > first else date(last, 7, 1)
            found.append(_Dated(ended, date(first, 1, 1), last > first, piece, sentence, said))
    return found, named
