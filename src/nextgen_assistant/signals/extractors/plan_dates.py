"""Plan dates: when the action plan was last updated, and its age against --as-of."""

from __future__ import annotations

import re
from typing import NamedTuple

from nextgen_assistant.clock import months_ago, months_between
from nextgen_assistant.signals.anchors import Gate, word_gate
from nextgen_assistant.signals.extractors import Extraction
from nextgen_assistant.signals.extractors.dates import dates_in
from nextgen_assistant.signals.lexicon import ExtractorLexicon
from nextgen_assistant.signals.model import PlanDateFact
from nextgen_assistant.signals.pipeline import text_of


class _Patterns(NamedTuple):
    update: re.Pattern[str]
    plan: re.Pattern[str]
    gate: Gate


def _compile(words: ExtractorLexicon) -> _Patterns:
    return _Patterns(
        update=re.compile(
            r"\b(" + "|".join(map(re.escape, words.plan_update_words)) + r")\b", re.IGNORECASE
        ),
        plan=re.compile(
            r"\b(" + "|".join(map(re.escape, words.plan_nouns)) + r")\b", re.IGNORECASE
        ),
        gate=word_gate(words.plan_update_words),
    )


def run(ex: Extraction, fresh_months: int, stale_months: int) -> None:
    """Find 'updated/revised/adopted <date>' about a plan; judge its age."""
    update_re, plan_re, gate = ex.compiled(__name__, lambda: _compile(ex.lexicons.extractors))
    about_plan = bool(
        plan_re.search(
            f"{ex.document.path} {ex.document.title or ''}".replace("-", " ").replace("_", " ")
        )
    )
    for piece, sentence in ex.sentences(gate):
        text = text_of(sentence)
        update = update_re.search(text)
        if not update or not (about_plan or plan_re.search(text)):
            continue
        candidates = [d for d, start, _ in dates_in(text) if start > update.start() - 40]
        candidates = [d for d in candidates if months_between(d, ex.as_of) >= -1]
        if not candidates:
            continue
        updated = max(candidates)
        age = max(0, months_between(updated, ex.as_of))
        fact = PlanDateFact(
            updated=updated,
            age_months=age,
            quote=" ".join(text.split()),
            line=piece.line_at(sentence.start_char),
            page=piece.block.page,
        )
        if age <= fresh_months:
            signal = ex.add(
                piece,
                sentence,
                rule="shared_action_plan.plan_updated_recently",
                matched=f"{update.group(0)} {updated:%B %Y}",
            )
        else:
            signal = ex.add(
                piece,
                sentence,
                rule="shared_action_plan.plan_out_of_date"
                if age > stale_months
                else "shared_action_plan.plan_aging",
                matched=f"{update.group(0)} {updated:%B %Y} ({months_ago(age)})",
            )
        if signal.counted:
            ex.facts.plan_dates.append(fact)
