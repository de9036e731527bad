"""Metrics: numbers next to outcome words, and whom they serve; outputs alone are a red flag."""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Span

from nextgen_assistant.signals.anchors import Gate, word_forms, word_gate
from nextgen_assistant.signals.extractors import Extraction, Piece, any_of
from nextgen_assistant.signals.extractors.dates import MONTH_DAY_RE, dates_in
from nextgen_assistant.signals.lexicon import ExtractorLexicon
from nextgen_assistant.signals.model import MetricFact
from nextgen_assistant.signals.pipeline import doc_tokens, text_of

# A number that heads a chain of digit groups ("10_23_2008", "11-20-08", "713-670-2806") is a
# date, a file name or a telephone number, not a quantity; a range ("10-15") still counts.
NUMBER_RE = re.compile(
    r"(?<![\w/.-])(?!\d+(?:_\d|[-.]\d+[-.]\d|-\d{4}\b))"
    r"(\$\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|million|M))?|\d[\d,]*(?:\.\d+)?\s?(?:%|percent\b)?)"
)

NEAR_CHARS = 40
# Clock times are not quantities: "started at nine", "9:30", "6 p.m.".
_HOURS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon"
TIME_RE = re.compile(
    rf"\b(?:at|from|until|till|before|after|around)\s+(?:\d{{1,2}}(?::\d{{2}})?|{_HOURS})\b"
    r"(?!\s*(?:%|percent\b|[a-z]+s\b))"  # "at 7 plants" counts plants
    r"|\b\d{1,2}:\d{2}(?!\d)|\b\d{1,2}\s?(?:[ap]\.m\.|[ap]m\b)|\b(?:" + _HOURS + r")\s+o'clock\b",
    re.IGNORECASE,
)
# "from 240 vacancies down to less than 50", "from 60 percent to 58 percent": one value to another.
_QUANTITY = r"(\$?\d[\d,]*(?:\.\d+)?)(?:\s?%|\s+percent)?"
_ROUGHLY = (
    r"(?:(?:about|nearly|almost|roughly|more\s+than|less\s+than|fewer\s+than|over|under|just)\s+)?"
)
FROM_TO_RE = re.compile(
    rf"\bfrom\s+{_ROUGHLY}{_QUANTITY}(?:\s+[a-z]+){{0,2}}?\s+(?:down\s+|up\s+)?to\s+{_ROUGHLY}{_QUANTITY}",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# "2. Food safety: every new hire..." - a list's item number, not a quantity.
LIST_NUMBER_RE = re.compile(r"\s*\(?\d{1,2}[.)]\s")


def _near(
    text: str, numbers: list[re.Match[str]], pattern: re.Pattern[str], count_only: bool = False
) -> re.Match[str] | None:
    """The measure found close to one of the numbers: "400 Grant Avenue ... meetings" is not one."""
    for number in numbers:
        if count_only and ("$" in number.group(0) or "%" in number.group(0)):
            continue
        window = text[max(0, number.start() - NEAR_CHARS) : number.end() + NEAR_CHARS]
        found = pattern.search(window)
        if found:
            return found
    return None


_AUXILIARIES = frozenset(
    {"have", "has", "had", "were", "was", "are", "been", "also", "all", "each"}
)


def _counts(
    text: str,
    numbers: list[re.Match[str]],
    pattern: re.Pattern[str],
    people: frozenset[str],
    businesses: frozenset[str],
) -> re.Match[str] | None:
    """An activity a number counts: the activity word within three words after the number, with no
    punctuation between ("12 meetings", "3 job fairs", "600 students have toured"), or within
    three words before it ("attendance of 38", "the average meeting runs
    about 100"). "Six manufacturers sponsor the annual event" counts manufacturers, not events."""
    for number in numbers:
        if "$" in number.group(0) or "%" in number.group(0):
            continue
        start, after_noun = number.end(), False
        for _ in range(4):  # the number, then up to three words
            found = pattern.match(text, start + len(text[start:]) - len(text[start:].lstrip()))
            if found:
                return found
            word = re.match(r"\s*([\w'’-]+)", text[start:])
            if word is None:
                break
            said = word.group(1).lower()
            if (after_noun and said not in _AUXILIARIES) or said in businesses:
                # "six manufacturers cover the annual event", "two employers attended": the
                # number counts businesses (a matter of who takes part, not of activity)
                break
            after_noun = after_noun or said in people  # "5,000 students participated"
            start += word.end()
        window = text[max(0, number.start() - 40) : number.start()]
        before = list(pattern.finditer(window))
        if before and len(window[before[-1].end() :].split()) <= 3:
            return before[-1]  # "attendance of 38", "the average meeting runs about 100"
    return None


def _alternation(cues: list[str]) -> re.Pattern[str]:
    return re.compile(rf"\b({any_of(cues, ignore_case=True)})\b", re.IGNORECASE)


class _Patterns(NamedTuple):
    number_words: re.Pattern[str]
    outcomes: dict[str, re.Pattern[str]]
    output: re.Pattern[str]
    beneficiaries: dict[str, re.Pattern[str]]
    gate: Gate
    number_gate: Gate  # a digit or a number word: where NUMBER_RE or number_words can match
    not_results: re.Pattern[str] | None = None  # the economy's or a company's numbers
    people_outcome: re.Pattern[str] | None = None  # "55 students ... received certificates"
    multiplied: re.Pattern[str] | None = None  # "more than doubled": a change with no number
    people: frozenset[str] = frozenset()  # people a number counts ("students")
    businesses: frozenset[str] = frozenset()  # businesses a number counts ("employers")
    wage_earners: re.Pattern[str] | None = None  # whose pay is a result ("placements")
    duration: re.Pattern[str] | None = None  # "a 33-week internship": how long, not how many
    year: re.Pattern[str] | None = None  # "in 2020,": a year standing alone, not a count
    label: re.Pattern[str] | None = None  # "Senate Bill 2", "Part 147": a name, not a count
    money_measures: frozenset[str] = frozenset()  # measures a dollar figure can be ("wages")
    money_given: re.Pattern[str] | None = None  # "$300,000 grant": money given, no result
    in_training: re.Pattern[str] | None = None  # "seven new apprentices": enrolled, no result


def _compile(words: ExtractorLexicon, business_nouns: list[str]) -> _Patterns:
    measure_words = [
        *words.output_measures,
        *(cue for cues in words.outcome_measures.values() for cue in cues),
    ]
    spelled = [word for word, value in words.number_words.items() if word.isalpha() and value > 1]
    return _Patterns(
        # "Nine technicians were hired": numbers written out count as numbers.
        number_words=re.compile(
            r"\b(?:" + (any_of(spelled, ignore_case=True) if spelled else "") + r")\b(?!-)",
            re.IGNORECASE,
        ),
        outcomes={name: _alternation(cues) for name, cues in words.outcome_measures.items()},
        output=_alternation(words.output_measures),
        not_results=_alternation(words.not_results) if words.not_results else None,
        beneficiaries={name: _alternation(cues) for name, cues in words.beneficiaries.items()},
        # ("seven students completed their training": the verbs that need an object open it too)
        gate=word_gate(
            [
                *measure_words,
                *words.outcome_verbs,
                *words.outcome_verbs_with_object,
                *word_forms(words.change_verbs),
            ]
        ),
        number_gate=word_gate([*"0123456789", *spelled, *words.multiplied]),
        people_outcome=_people_outcome(words),
        multiplied=_alternation(words.multiplied) if words.multiplied else None,
        wage_earners=_alternation(words.wage_earners) if words.wage_earners else None,
        duration=_duration(words, spelled),
        year=_bare_year(words),
        label=(
            re.compile(rf"\b(?:{any_of(words.number_labels)})\s+(\d[\d.]*)\b")
            if words.number_labels
            else None
        ),
        money_measures=frozenset(words.money_measures),
        money_given=re.compile(
            r"(?:[\s,-]+[\w.'’-]+){0,2}?[\s,-]+(?:"
            + any_of(words.money_given, ignore_case=True)
            + r")\b",
            re.IGNORECASE,
        )
        if words.money_given
        else None,
        in_training=_alternation(words.in_training_words) if words.in_training_words else None,
        people=frozenset(words.counted_people),
        businesses=frozenset(
            f for noun in business_nouns for f in (noun, f"{noun}s", f"{noun[:-1]}ies")
        ),
    )


def _duration(words: ExtractorLexicon, spelled: list[str]) -> re.Pattern[str] | None:
    """A number joined to a unit of time by a space or a hyphen ("12 weeks", "33-week",
    "two-year")."""
    if not words.duration_units:
        return None
    number = r"\d[\d,]*(?:\.\d+)?" + (f"|{any_of(spelled, ignore_case=True)}" if spelled else "")
    units = any_of(words.duration_units, ignore_case=True)
    return re.compile(rf"(?<![\w/.-])(?:{number})[\s-](?:{units})\b", re.IGNORECASE)


def _bare_year(words: ExtractorLexicon) -> re.Pattern[str] | None:
    """A year (1900-2099) after one of `year_words`, or followed by punctuation or the end:
    its digits are group 1 or group 2."""
    if not words.year_words:
        return None
    cues = any_of(words.year_words, ignore_case=True)
    return re.compile(
        rf"\b(?:{cues})\s+((?:19|20)\d\d)\b(?![,.]?\d|\s*%)"
        r"|(?<![\d,.$])\b((?:19|20)\d\d)(?=[,.;:)](?!\d)|\s*$)",
        re.IGNORECASE,
    )


def _people_outcome(words: ExtractorLexicon) -> re.Pattern[str] | None:
    """A count of people (a number, up to three words, one of `counted_people`) and, later in the
    sentence, what happened to them: one of `outcome_verbs`, or one of `outcome_verbs_with_object`
    with one of `outcome_objects` close after it."""
    if not words.counted_people or not (words.outcome_verbs or words.outcome_verbs_with_object):
        return None

    people = any_of(words.counted_people, ignore_case=True)
    verbs = any_of(words.outcome_verbs, ignore_case=True)
    with_object = any_of(words.outcome_verbs_with_object, ignore_case=True)
    objects = any_of(words.outcome_objects, ignore_case=True)
    return re.compile(
        rf"\s*(?:[\w&'’-]+\s+){{0,3}}?(?:{people})\b[^.;:!?]{{0,120}}?\b"
        rf"({verbs}|(?:{with_object})\s+(?:[\w'’-]+\s+){{0,3}}?(?:{objects}))\b",
        re.IGNORECASE,
    )


def _changed(
    text: str, sentence: Span, dated: list[tuple[int, int]], ex: Extraction
) -> re.Match[str] | None:
    """A value that went from one number to another, in a sentence with a verb of change:
    neither number a year or inside a date or clock time."""
    verbs = ex.lexicons.extractors.change_verbs
    if not verbs or not any(
        token.lemma_ in verbs for token in doc_tokens(sentence.doc)[sentence.start : sentence.end]
    ):
        return None
    for found in FROM_TO_RE.finditer(text):
        values = (found.group(1), found.group(2))
        if all(_YEAR.match(value) for value in values):
            continue
        if any(start <= found.start(i) < end for i in (1, 2) for start, end in dated):
            continue
        return found
    return None


def _read_as_shortfall(ex: Extraction) -> dict[int, list[int]]:
    """Per piece (by identity), the first tokens of the counted signals of the rules that read a
    sentence as a result below its goal (`outcome_overridden_by`)."""
    found: dict[int, list[int]] = {}
    for rule in ex.lexicons.extractors.outcome_overridden_by:
        for index, token in ex.rule_tokens.get(rule, ()):
            found.setdefault(id(ex.pieces[index]), []).append(token)
    return found


def run(ex: Extraction) -> None:
    """Record outcome and output numbers; signal them for `measurable_results`."""
    patterns = ex.compiled(
        __name__,
        lambda: _compile(
            ex.lexicons.extractors, ex.lexicons.vocabulary.classes.get("business_nouns", [])
        ),
    )
    number_words, outcomes, output, beneficiaries = (
        patterns.number_words,
        patterns.outcomes,
        patterns.output,
        patterns.beneficiaries,
    )
    gate, number_gate, not_results = patterns.gate, patterns.number_gate, patterns.not_results
    outputs_only: list[tuple[Piece, Span, MetricFact]] = []
    # Where the last sentence with an outcome for people ended: "17 were hired by member
    # carriers. Average starting pay was $27 an hour." is the hires' pay.
    outcome_ended: tuple[int, int] = (-1, -1)
    short = _read_as_shortfall(ex)
    for piece, sentence in ex.sentences(gate, number_gate):
        if short and any(
            sentence.start <= token < sentence.end for token in short.get(id(piece), ())
        ):
            continue
        text = piece.text_of(sentence)
        dated = [(start, end) for _, start, end in dates_in(text)]
        dated += [match.span() for match in TIME_RE.finditer(text)]
        dated += [match.span() for match in MONTH_DAY_RE.finditer(text)]
        if patterns.year is not None:
            dated += [
                match.span(1) if match.group(1) else match.span(2)
                for match in patterns.year.finditer(text)
            ]
        if patterns.label is not None:
            dated += [match.span(1) for match in patterns.label.finditer(text)]
        # how long something lasts is no count, though a change of it is ("from 94 to 61 days")
        changes = [match.span() for match in FROM_TO_RE.finditer(text)]
        lasting = [
            match.span()
            for match in (patterns.duration.finditer(text) if patterns.duration is not None else ())
            if not any(start <= match.start() < end for start, end in changes)
        ]
        item_number = LIST_NUMBER_RE.match(text)
        numbers = sorted(
            (
                m
                for m in [*NUMBER_RE.finditer(text), *number_words.finditer(text)]
                if not any(start <= m.start() < end for start, end in [*dated, *lasting])
                and m.group(0).strip("$ ,.") not in ("", "0")
                and not (item_number and m.start() < item_number.end())
            ),
            key=lambda m: m.start(),
        )
        if not numbers and patterns.multiplied is not None:
            numbers = list(patterns.multiplied.finditer(text))  # "more than doubled"
        # whether the sentence is about the economy is read in all its words, those a false
        # friend blanked too ("the automotive industry employs 26,500 workers and produces $3.3
        # billion in exports": the blanked "industry employs 26,500" still says so)
        if not numbers or (not_results is not None and not_results.search(text_of(sentence))):
            continue

        # a dollar figure measures money (pay, savings, sales), and money given is no result
        amounts = [m for m in numbers if "$" in m.group(0)]
        given = patterns.money_given
        kept = [
            m
            for m in numbers
            if not (given is not None and m in amounts and given.match(text, m.end()))
        ]
        plain = [m for m in kept if m not in amounts]
        money = patterns.money_measures
        measures = [
            name
            for name, pattern in outcomes.items()
            if _near(text, kept if name in money else plain, pattern)
        ]
        training = patterns.in_training
        if (
            "apprenticeships" in measures
            and training is not None
            and _near(text, plain, training, count_only=True)
        ):
            measures.remove("apprenticeships")  # apprentices starting or in training: enrolled
        earners = patterns.wage_earners
        if (
            "wages" in measures
            and earners is not None
            and not earners.search(text)
            and outcome_ended != (id(piece), sentence.start)
        ):
            measures.remove("wages")  # the market's pay, not the partnership's result
        value = numbers[0].group(0).strip(" ,")
        if measures and plain and not money.intersection(measures):
            value = plain[0].group(0).strip(" ,")  # "$2 million ... 40 graduates": the 40
        if not measures and patterns.people_outcome is not None:
            for number in numbers:
                if "$" in number.group(0) or "%" in number.group(0):
                    continue
                if found := patterns.people_outcome.match(text, number.end()):
                    measures = [" ".join(found.group(1).lower().split())]
                    value = number.group(0).strip(" ,")
                    break
        moved = _changed(text, sentence, dated, ex)
        if not measures and moved:
            measures, value = (
                ["change"],
                f"from {moved.group(1).rstrip(',')} to {moved.group(2).rstrip(',')}",
            )
        elif moved and moved.start(1) <= numbers[0].start() < moved.end():
            # "cut first-year turnover from 38% to 24%": the result is the change, never the
            # first number alone (which read as "38% retention")
            value = "from " + moved.group(0)[len("from") :].strip().rstrip(",")
            measures = [*measures, "change"] if "change" not in measures else measures
        line = piece.line_at(sentence.start_char)
        if measures:
            outcome_ended = (id(piece), sentence.end)
            served = [name for name, pattern in beneficiaries.items() if pattern.search(text)]
            fact = MetricFact(
                value=value,
                measure=", ".join(measures),
                kind="outcome",
                beneficiaries=served,
                line=line,
                page=piece.block.page,
            )
            signal = ex.add(
                piece,
                sentence,
                rule="measurable_results.outcome_metric",
                matched=f"{fact.value} {fact.measure}",
            )
        elif found := _counts(text, numbers, output, patterns.people, patterns.businesses):
            fact = MetricFact(
                value=numbers[0].group(0).strip(),
                measure=found.group(0),
                kind="output",
                line=line,
                page=piece.block.page,
            )
            outputs_only.append((piece, sentence, fact))
            continue
        else:
            continue
        if signal.counted:
            ex.facts.metrics.append(fact)
    # Counting activity is a red flag only where a document reports no outcome at all.
    if any(f.kind == "outcome" for f in ex.facts.metrics):
        return
    for piece, sentence, fact in outputs_only:
        signal = ex.add(
            piece,
            sentence,
            rule="measurable_results.output_only_metric",
            matched=f"{fact.value} {fact.measure}",
        )
        if signal.counted:
            ex.facts.metrics.append(fact)
