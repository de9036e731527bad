"""Reading an answer: what a person typed, or an answers file holds, as its question's value
(numbers and dates in words, choices named in words, lists), or AnswerNotUnderstood saying in
plain words what would be understood."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from dateutil import parser as dateparser
from rapidfuzz import fuzz, process

from nextgen_assistant.dialogue.questions import (
    AnswerNotUnderstood,
    AnswerValue,
    Choice,
    Question,
    load_questions,
)
from nextgen_assistant.dialogue.understanding import (
    Vocabulary,
    read_loose_date,
    read_number,
    read_numbers,
)


def _exact_choice(question: Question, text: str) -> Choice | None:
    """The choice a number, a choice's own value or label, or a yes or no names (None when the
    words have to be read)."""
    vocabulary = load_questions().understanding
    text = vocabulary.normal(text).strip(" .!")
    if text.isdigit() and 1 <= int(text) <= len(question.choices):
        return question.choices[int(text) - 1]
    for choice in question.choices:
        if text in (choice.value.lower(), choice.label.lower()):
            return choice
    # "yep", "nope": the yes or no choice of a yes-or-no question
    spoken = "yes" if vocabulary.is_yes(text) else "no" if vocabulary.is_no(text) else None
    return next((c for c in question.choices if spoken is not None and c.value == spoken), None)


def _said(phrase: str, text: str) -> Iterator[tuple[int, int]]:
    for found in re.finditer(rf"(?<!\w){re.escape(phrase.lower())}(?!\w)", text):
        yield found.start(), found.end()


def _named_in_words(question: Question, text: str, role: str | None) -> list[Choice]:
    """The choices the words name, in the order said. A phrase inside a longer one is the
    longer one's ("co-chairs" in "business co-chairs"); the person's words for themself name
    the choice of their role ("me and the college president": a business leader, when they
    said they are one)."""
    found = [
        (start, end, n)
        for n, choice in enumerate(question.choices)
        for phrase in choice.says
        for start, end in _said(phrase, text)
    ]
    own = question.self_named
    if own is not None and role in own.choice_by_role:
        index = next(
            n for n, c in enumerate(question.choices) if c.value == own.choice_by_role[role]
        )
        found += [(start, end, index) for phrase in own.says for start, end in _said(phrase, text)]
    found.sort(key=lambda hit: (hit[0], hit[0] - hit[1]))
    order: list[int] = []
    reached = -1
    for start, end, n in found:
        if start >= reached:
            reached = end
            if n not in order:
                order.append(n)
    named = [question.choices[n] for n in order]
    values = {c.value for c in named}
    together = [c for c in question.choices if c.joins and values.issuperset(c.joins)]
    return together[:1] or named


def _choice(question: Question, raw: str, role: str | None = None) -> Choice:
    exact = _exact_choice(question, raw)
    if exact is not None:
        return exact
    text = load_questions().understanding.normal(raw).strip(" .!")
    named = _named_in_words(question, text, role)
    if named:
        return named[0]
    labels = [f"{c.value} {c.label}".lower() for c in question.choices]
    best = process.extractOne(text, labels, scorer=fuzz.partial_ratio, score_cutoff=85)
    if best is not None and len(text) >= 3:
        return question.choices[best[2]]
    raise AnswerNotUnderstood(
        f"'{raw}' is not a choice for {question.id}; it accepts {question.accepts()}",
        f"“{raw}” is not a choice I recognise here. {question.understood()}",
    )


def read_in_words(question: Question, raw: str) -> bool:
    """A choice or list answer read from the person's own words (not numbers, a choice's own
    label or a yes or no): the reading is shown back to be checked."""
    if question.type == "choice":
        return _exact_choice(question, raw) is None
    if question.type == "multi":
        items = _list_items(raw)
        return any(_exact_choice(question, item) is None for item in items if item != "none")
    return False


def _list_items(raw: Any) -> list[str]:
    """The items of a list answer: a list's, or typed ones split at commas, semicolons and
    "and", each without the spaces around it."""
    if isinstance(raw, list):
        return [str(i).strip() for i in raw]
    said = load_questions().understanding.normal(str(raw))
    return [p.strip() for p in re.split(r"[,;]|\band\b|\s(?=\d\b)", said) if p.strip()]


def _read_items(
    question: Question, items: list[str], role: str | None = None
) -> tuple[set[str], list[str]]:
    """The choices the items name, and the items that name none."""
    understood: set[str] = set()
    unknown: list[str] = []
    for item in items:
        try:
            understood.add(_choice(question, item, role).value)
        except AnswerNotUnderstood:
            unknown.append(item)
    return understood, unknown


def unrecognised_items(question: Question, raw: str) -> list[str]:
    """The items of a typed list answer that name none of its choices ("ivy tech" in "the
    community college, ivy tech and the chamber"), to be said back, never silently lost."""
    if question.type != "multi":
        return []
    return _read_items(question, _list_items(raw))[1]


def parse_answer(question: Question, raw: Any, today: date, role: str | None = None) -> AnswerValue:
    """The value of an answer, or AnswerNotUnderstood saying what the question accepts.

    `raw` is what a person typed, or a value from an answers file (numbers, lists, dates);
    `role`, the person's role, says whom "me" names in a choice answered in words.
    """
    vocabulary = load_questions().understanding
    if isinstance(raw, str) and vocabulary.is_dont_know(raw):
        return None  # on a free-text question too: "don't know" is no answer to count
    if question.type == "agree":
        text = vocabulary.normal(str(raw)).strip(" .!")
        if text == "0":  # the scale's "don't know"
            return None
        words = {word: point for point, word in load_questions().agree_scale.items()}
        if text in words:
            return words[text]
        number = read_number(vocabulary, text)
        if number is not None and number in (1, 2, 3, 4, 5):
            return int(number)
        hedged = vocabulary.hedged_point(text)
        if hedged is not None:
            return hedged
        if vocabulary.says_dont_know(text):
            return None
        raise AnswerNotUnderstood(
            f"'{raw}' is not an answer to {question.id}; it accepts {question.accepts()}",
            f"I couldn't read “{raw}” on the scale. {question.understood()}",
        )
    if question.type == "choice":
        return _choice(question, str(raw), role).value
    if question.type == "multi":
        items = _list_items(raw)
        if [i.lower() for i in items] in (["none"], []):
            return []
        if isinstance(raw, list):  # an answers file: every item must be a choice
            return sorted({_choice(question, item).value for item in items})
        understood, unknown = _read_items(question, items, role)
        if not understood:
            _choice(question, unknown[0], role)  # raises, naming the first item not understood
        return sorted(understood)
    if question.type == "number":
        return _number(question, raw, vocabulary)
    if question.type == "date":
        return _date(question, raw, today, vocabulary)
    text = str(raw).strip()
    if not text and not question.optional:
        raise AnswerNotUnderstood(
            f"{question.id} needs an answer: type a few words, or 'skip'",
            "This question needs an answer: type a few words, or press F3 (or type “skip”) to skip it.",
        )
    return text


def _number(question: Question, raw: Any, vocabulary: Vocabulary) -> int | float:
    if isinstance(raw, bool):
        value = None
    elif isinstance(raw, int | float):
        value = float(raw)
    else:
        numbers = read_numbers(vocabulary, str(raw), percent=question.unit == "percent")
        if len(numbers) > 1:
            # "5We filled 80 jobs" (a number and the next answer typed on) was read as 5:
            # the leading digits are not the answer when others follow.
            listed = " and ".join(f"{number:g}" for number in numbers)
            raise AnswerNotUnderstood(
                f"'{raw}' holds more than one number ({listed}); {question.id} accepts "
                f"{question.accepts()}",
                f"I found more than one number in “{raw}” ({listed}) and can't tell which one "
                f"answers. {question.understood()}",
            )
        value = numbers[0] if numbers else None
    if value is None:
        raise AnswerNotUnderstood(
            f"'{raw}' is not a number; {question.id} accepts {question.accepts()}",
            f"I couldn't find a number in “{raw}”. {question.understood()}",
        )
    if (question.min is not None and value < question.min) or (
        question.max is not None and value > question.max
    ):
        raise AnswerNotUnderstood(
            f"{value:g} is out of range; {question.id} accepts {question.accepts()}",
            f"{value:g} is out of range here. {question.understood()}",
        )
    return int(value) if value.is_integer() else value


def _date(question: Question, raw: Any, today: date, vocabulary: Vocabulary) -> date:
    if isinstance(raw, date):
        value = raw
    else:
        text = vocabulary.normal(str(raw))
        if re.fullmatch(r"\d{4}-\d{2}", text):
            text += "-01"
        try:
            value = dateparser.parse(text, default=dateparser.parse("2000-01-01")).date()
        except (ValueError, OverflowError):
            loose = read_loose_date(vocabulary, text, today)
            if loose is None:
                raise AnswerNotUnderstood(
                    f"'{raw}' is not a date; {question.id} accepts {question.accepts()}",
                    f"I couldn't read “{raw}” as a date. {question.understood()}",
                ) from None
            value = loose
    if value > today:
        raise AnswerNotUnderstood(
            f"{value:%B %Y} is in the future; {question.id} accepts {question.accepts()}",
            f"{value:%B %Y} is in the future. {question.understood()}",
        )
    return value
