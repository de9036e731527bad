"""Plan dates: when the action plan was last updated, and its age against --as-of. A plan named
with its own years is dated by them: a span ("our 2024-2026 strategic plan", "Action Plan
2025-2027") is in force until its last year ends, then as old as that end; a lone year ("the
2023 work plan") is when the plan was made."""

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
    not_adopted: re.Pattern[str]  # after a plan: "... was not adopted", "has never been approved"


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
        dated=_dated(words.dated_plan_nouns, words.dated_plan_breaks),
        year_gate=word_gate(["19", "20"]),  # a word beginning 19 or 20: a year is there
        not_adopted=re.compile(
            rf"[^.;:]{{0,30}}?(?:\b(?:{any_of(words.negation_words, ignore_case=True)})"
            rf"|(?:{any_of(words.negation_suffixes, ignore_case=True)}))\s+"
            rf"(?:(?:{any_of(words.negation_fillers, ignore_case=True)})\s+)*"
            rf"(?:{any_of(words.plan_update_words, ignore_case=True)})\b",
            re.IGNORECASE,
        ),
    )


def _dated(nouns: list[str], breaks: list[str]) -> re.Pattern[str]:
    """A plan named with its years, before it ("our 2024-2026 strategic plan", with up to two
    words between that are not function words: "the 2013-2015 Manufacturing Workforce Plan",
    never "during 2018-2020 the plan") or after it ("Strategic Plan 2024-2026", "plan for
    2025-2027"). Before the plan, the years need a determiner or a possessive ("the 2023 work
    plan", not "in 2020-2021 plan participants") unless the plan is named as a title is
    ("2024-2026 Strategic Plan"); after it, a span ("Plan 2030" is a target)."""
    plan = rf"(?:{any_of(nouns, ignore_case=True)})s?"
    between = rf"(?:\s+(?!(?:{any_of(breaks, ignore_case=True)})\b)[A-Za-z][\w’'-]*)"
    before = (
        rf"\b(?P<owner>(?:the|its|our|their|this|a|an)\s+|['’]s\s+)?{_SPAN.format('before')}"
        rf"{between}{{0,2}}?\s+{plan}\b"
    )
    after = (
        rf"\b{plan}\s*[:,(]?\s*(?:for\s+)?(?P<after>(?:19|20)\d\d)\s*(?:-|–|—|to|through)\s*"
        r"(?P<after_end>(?:19|20)?\d\d)\b"
    )
    return re.compile(rf"{before}|{after}", re.IGNORECASE)


def _years(match: re.Match[str]) -> tuple[int, int] | None:
    """The first and last year a dated plan names (a span of at most ten years)."""
    side = "before" if match.group("before") else "after"
    first = int(match.group(side))
    said_end = match.group(f"{side}_end")
    if said_end is None:
        return first, first
    last = int(said_end) if len(said_end) == 4 else first // 100 * 100 + int(said_end)
    return (first, last) if 0 <= last - first <= 10 and first >= 1990 else None


class _Dated(NamedTuple):
    """A plan named with its years: when it ends (or, for a lone year, was made)."""

    ended: date
    began: date
    span: bool  # years from-to: in force until `ended`, then lapsed
    piece: Piece
    sentence: Span
    said: str
    context: str  # of the plan's own words: a plan hoped for is listed, not counted


def run(ex: Extraction, fresh_months: int, stale_months: int) -> None:
    """Find 'updated/revised/adopted <date>' about a plan, and plans named with their years
    ("our 2025-2027 strategic plan"); judge the newest one's age."""
    patterns = ex.compiled(__name__, lambda: _compile(ex.lexicons.extractors))
    about_plan = bool(
        patterns.plan.search(
            f"{ex.document.path} {ex.document.title or ''}".replace("-", " ").replace("_", " ")
        )
    )
    # A plan's own years are never the date of an update: "reviewed the 2025-2027 plan" is a
    # plan in force, not one reviewed in July 2025; "our 2019 plan was refreshed in October
    # 2026" was updated in October 2026.
    dated, own_years = _dated_plans(ex, patterns)
    updates: list[tuple[Piece, Span, date, str]] = []
    for piece, sentence in ex.sentences(patterns.gate):
        text = text_of(sentence)
        update = patterns.update.search(text)
        if not update or not (about_plan or patterns.plan.search(text)):
            continue
        years = own_years.get((id(sentence.doc), sentence.start_char), [])
        candidates = [
            d
            for d, start, end in dates_in(text)
            if start > update.start() - 40
            and not any(start < y_end and y_start < end for y_start, y_end in years)
            and months_between(d, ex.as_of) >= -1
        ]
        if candidates:
            updated = max(candidates)
            updates.append((piece, sentence, updated, f"{update.group(0)} {updated:%B %Y}"))
    asserted = [plan for plan in dated if plan.context not in ("hypothetical", "other")]
    newest = max(asserted or dated, key=lambda plan: plan.ended) if dated else None
    latest_update = max((when for _, _, when, _ in updates), default=None)
    # An update's date is the more exact, unless the plan named by its years began after it
    # ("last updated in March 2019 ... our 2025-2027 strategic plan").
    if newest is not None and (latest_update is None or newest.began > latest_update):
        age = max(0, months_between(newest.ended, ex.as_of))
        lapsed = newest.span and newest.ended < ex.as_of
        current = not lapsed and age <= fresh_months
        said = f"{newest.said} (current)" if current else newest.said
        _judge(ex, newest, age, lapsed, said, fresh_months, stale_months)
        return
    for piece, sentence, updated, said in updates:
        age = max(0, months_between(updated, ex.as_of))
        plan = _Dated(updated, updated, False, piece, sentence, said, "asserted")
        _judge(ex, plan, age, False, said, fresh_months, stale_months)


def _judge(
    ex: Extraction,
    plan: _Dated,
    age: int,
    lapsed: bool,
    said: str,
    fresh_months: int,
    stale_months: int,
) -> None:
    """Signal a plan's age: recent within `fresh_months` (and not lapsed), out of date past
    `stale_months`, aging between. A date it was made or updated is recorded as a fact; a
    span of years is not (its first year is not when it was last updated)."""
    if age <= fresh_months and not lapsed:
        rule, matched = "shared_action_plan.plan_updated_recently", said
    else:
        stale = age > stale_months
        rule = f"shared_action_plan.plan_{'out_of_date' if stale else 'aging'}"
        matched = f"{said} ({'lapsed' if lapsed and age == 0 else months_ago(age)})"
    signal = ex.add(plan.piece, plan.sentence, rule=rule, matched=matched)
    if signal.counted and not plan.span:
        ex.facts.plan_dates.append(
            PlanDateFact(
                updated=plan.ended,
                age_months=age,
                quote=" ".join(text_of(plan.sentence).split()),
                line=plan.piece.line_at(plan.sentence.start_char),
                page=plan.piece.block.page,
            )
        )


def _dated_plans(
    ex: Extraction, patterns: _Patterns
) -> tuple[list[_Dated], dict[tuple[int, int], list[tuple[int, int]]]]:
    """Every plan of the partnership named with its own years, and, per sentence (its Doc and
    first character), where the years of any plan it names stand. A span is in force to the
    end of its last year, then lapsed; a lone year is when the plan was made (1 July, as a lone
    year is everywhere). Not the partnership's plan: another organisation's ("the county's 2025
    budget plan", "the WIOA 2024-2027 state plan"), or one said not to exist ("did not adopt
    the 2025-2027 plan")."""
    found: list[_Dated] = []
    years: dict[tuple[int, int], list[tuple[int, int]]] = {}
    others = set(ex.lexicons.extractors.dated_plan_others)
    for piece, sentence in ex.sentences(patterns.year_gate):
        text = text_of(sentence)
        for match in patterns.dated.finditer(text):
            span = _years(match)
            if span is None or span[0] > ex.as_of.year:
                continue
            untitled = not match.group(0).split()[-1][:1].isupper()
            if match.group("before") and not match.group("owner") and untitled:
                continue  # "in 2020-2021 plan participants": no owner, and not a title
            side = "before" if match.group("before") else "after"
            key = (id(sentence.doc), sentence.start_char)
            years.setdefault(key, []).append(
                (
                    match.start(side),
                    match.end(f"{side}_end") if match.group(f"{side}_end") else match.end(side),
                )
            )
            words = {w.lower() for w in re.findall(r"[\w’'-]+", match.group(0))}
            if words & others:
                continue
            if actor_before(ex, sentence, sentence.start_char + match.start()) in OTHERS:
                continue
            tokens = sentence.doc.char_span(
                sentence.start_char + match.start(),
                sentence.start_char + match.end(),
                alignment_mode="expand",
            )
            context = "asserted"
            if tokens is not None:
                context, _ = ex.context.context_of(sentence, tokens.start, tokens.end)
            if context == "negated" or patterns.not_adopted.match(text, match.end()):
                continue  # "did not adopt the 2025-2027 plan", "the 2024-2026 plan was not adopted"
            # as the signal will be: "a 2025-2027 plan would be drafted" is a plan hoped for
            context, _ = ex.context.context_of(sentence, sentence.start, sentence.end)
            first, last = span
            said = " ".join(match.group(0).split()).removeprefix("'s ").removeprefix("’s ")
            said += ")" * (said.count("(") - said.count(")"))  # "Strategic Plan (2023-2025)"
            ended = date(last, 12, 31) if last > first else date(last, 7, 1)
            began = date(first, 1, 1) if last > first else ended
            found.append(_Dated(ended, began, last > first, piece, sentence, said, context))
    return found, years
