"""Longevity: when the partnership began ("in place since 1970", "established in 2010"), and
whether it has lasted `lasting_years` by --as-of: a partnership that has outlived a grant cycle
or two is organised for the long haul. Another organisation's age ("the company was founded in
1952", "the college, established in 1965") is not the partnership's: the actor before the cue
decides whose start it is (`actor_before`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from spacy.tokens import Span

from nextgen_assistant.signals.anchors import Gate, word_gate
from nextgen_assistant.signals.extractors import (
    OTHERS,
    ActorKind,
    Extraction,
    actor_after,
    actor_before,
    any_of,
    names_partnership,
)
from nextgen_assistant.signals.extractors.organizations import OrganizationClassifier
from nextgen_assistant.signals.lexicon import ExtractorLexicon
from nextgen_assistant.signals.pipeline import text_of

# How far past a "since" match a verb of change is looked for, in characters: "since 2019
# enrollment has fallen" is a number's change, not anyone's age.
_CHANGE_REACH = 30


class _Patterns(NamedTuple):
    since: re.Pattern[str]
    gate: Gate
    lasted: re.Pattern[str]  # "for nearly eight years", "celebrates 15 years", "10th anniversary"
    years_gate: Gate
    ago: re.Pattern[str] | None  # "founded almost four decades ago", "formed eight years ago"
    nth_year: re.Pattern[str] | None  # "the partnership's eleventh year", "in its 12th year"
    perfect_since: re.Pattern[str] | None  # "has served local manufacturers since 1945"
    change: re.Pattern[str]  # "has fallen", "has doubled": a number's change, not an age
    together: re.Pattern[str]  # "began meeting": people meeting as a group are the group


def _compile(words: ExtractorLexicon) -> _Patterns:
    cues = "|".join(map(re.escape, sorted(words.since_words, key=len, reverse=True)))
    return _Patterns(
        # "since 2010", "established in 1970", "dates back to the 1990s", "since late 2018"
        since=re.compile(
            rf"\b(?:{cues})\s+(?:(?:around|about|circa|in)\s+)?(?:the\s+)?(?:(?:early|mid|late|the)\s+)?"
            r"((?:19|20)\d\d)(s)?\b",
            re.IGNORECASE,
        ),
        gate=word_gate(["19", "20"]),  # a year is there: a word beginning 19 or 20
        lasted=_lasted(words),
        years_gate=word_gate(
            [
                *("years", "anniversary", "decades", "decade", "year", "annual", "cohort", "class"),
                *words.yearly_events,
            ]
        ),
        ago=_ago(words),
        nth_year=_nth_year(words),
        perfect_since=_perfect_since(words),
        together=re.compile(
            rf"\b(?:{any_of(words.group_verbs, ignore_case=True)})\b", re.IGNORECASE
        ),
        change=re.compile(
            rf"\b(?:{any_of([*words.change_verbs, *words.multiplied], ignore_case=True)})\w*",
            re.IGNORECASE,
        ),
    )


def _perfect_since(words: ExtractorLexicon) -> re.Pattern[str] | None:
    """A verb in the perfect with "since" a year in the same clause: "has served local
    manufacturers since 1945", "since launching in 2021, the alliance has trained...". The
    actor is the one named before the verb (group "verb")."""
    if not words.perfect_words:
        return None
    have = "|".join(map(re.escape, words.perfect_words))
    doing = any_of([verb for verb in words.group_verbs if verb.endswith("ing")], ignore_case=True)
    year = r"(?:(?:early|mid|late)\s+)?(?P<{}>(?:19|20)\d\d)\b"
    return re.compile(
        rf"(?P<verb>\b(?:{have})\b)\s+[^.;:!?]{{0,70}}?\bsince\s+{year.format('year')}"
        rf"|\bsince\s+(?:[a-z]+\s+){{0,3}}?(?:in\s+)?{year.format('opening')}\s*,?[^.;:!?]{{0,60}}?(?P<later>\b(?:{have})\b)"
        # "employers and educators began discussing the region's needs in 2008"
        rf"|(?P<began>\b(?:began|started)\s+(?:{doing})\b)[^.;:!?]{{0,60}}?\bin\s+{year.format('together')}",
        re.IGNORECASE,
    )


def _formed_it(words: ExtractorLexicon, groups: list[str]) -> re.Pattern[str] | None:
    """A verb of founding, the partnership as its object, and the year: "the anchor institutions
    formed the partnership in 2016", "employers established the alliance with the college in
    2009" (whose start it is: the actor before the verb)."""
    nouns = [noun for noun in groups if len(noun) > 4]  # not "we", "it", "they", "hub"
    if not words.start_verbs or not nouns:
        return None
    verbs = "|".join(map(re.escape, words.start_verbs))
    return re.compile(
        rf"\b(?:{verbs})\s+(?:the|this|that|their|its|our|a)\s+(?:[a-z-]+\s+){{0,3}}?(?:{any_of(nouns, ignore_case=True)})\b"
        r"[^.;:!?]{0,40}?\bin\s+((?:19|20)\d\d)\b",
        re.IGNORECASE,
    )


def _number(words: ExtractorLexicon) -> str:
    spelled = sorted((w for w, v in words.number_words.items() if v > 1), key=len, reverse=True)
    return rf"(\d{{1,2}}|{'|'.join(spelled)})"


_ABOUT = r"(?:(?:about|around|nearly|almost|more\s+than|over|some|roughly)\s+)?"


def _ago(words: ExtractorLexicon) -> re.Pattern[str] | None:
    if not words.start_verbs:
        return None
    verbs = "|".join(map(re.escape, words.start_verbs))
    return re.compile(
        rf"\b(?:{verbs})\s+{_ABOUT}{_number(words)}\s+(years?|decades?)\s+(?:ago|earlier)\b",
        re.IGNORECASE,
    )


def _nth_year(words: ExtractorLexicon) -> re.Pattern[str] | None:
    spelled = "|".join(map(re.escape, sorted(words.ordinal_words, key=len, reverse=True)))
    nth = r"(\d{1,2})(?:st|nd|rd|th)" + (rf"|({spelled})" if spelled else "")
    # "its 29th Construction Summit", "the 12th Manufacturing Day dinner" (`yearly_events`)
    events = "|".join(map(re.escape, words.yearly_events))
    yearly_event = (
        rf"|(?:\b(?:its|our|their|the)|'s|’s)\s+(?:{nth})\s+(?:[A-Za-z&-]+\s+){{0,3}}?(?:{events})\b"
        if events
        else ""
    )
    # "in its 12th year", "its sixth annual briefing", "for the 34th year in a row", "this is the
    # seventh year the partners have hosted it", "the ninth cohort of the programme"
    return re.compile(
        rf"(?:\b(?:its|our|their)|'s|’s)\s+(?:{nth})\s+(?:(?:successful|straight|consecutive|full)\s+)?(?:year|annual|cohort|(?:graduating\s+)?class)\b"
        rf"{yearly_event}"
        rf"|\b(?:the)\s+(?:{nth})\s+(?:year\s+in\s+a\s+row|consecutive\s+year|annual|cohort|graduating\s+class)\b"
        rf"|\bthis\s+is\s+the\s+(?:{nth})\s+year\b",
        re.IGNORECASE,
    )


def _lasted(words: ExtractorLexicon) -> re.Pattern[str]:
    """How long, without a start year: "has been around for about 5 years", "for nearly eight
    years", "over the past six years", "celebrates 15 years", "its 10th anniversary"."""
    number, about = _number(words), _ABOUT
    return re.compile(
        # "in the last five years" dates an action, it does not say how long anything lasted
        rf"\b(?:for|over)\s+(?:the\s+)?(?:(?:past|last|first)\s+)?{about}{number}(?:\s+and\s+a\s+half)?\s+(?:(?:consecutive|straight|full)\s+)?(years|decades)\b"
        # "now nine years running", "six straight years in a row"
        rf"|\b{number}\s+(?:(?:consecutive|straight)\s+)?(years)\s+(?:running|in\s+a\s+row)\b"
        # "a win after six years of effort"
        rf"|\bafter\s+{about}{number}\s+(years|decades)\s+of\s+(?:work|effort|efforts|meetings|collaboration|partnership)\b"
        # "for more than a decade", "over the past decade"
        rf"|\b(?:for|over)\s+(?:the\s+)?(?:(?:past|last|first)\s+)?{about}(a|one|the)\s+(decade)\b"
        rf"|\b(?:celebrat\w*|marks?|marking|turns?|turned)\s+(?:its\s+|their\s+|our\s+)?{about}{number}(?:th)?\s+(?:years|anniversary)\b"
        rf"|\b{number}(?:th|st|nd|rd)?\s+anniversary\b",
        re.IGNORECASE,
    )


def _recurring_work(ex: Extraction, sentence: Span, end: int) -> bool:
    """Whether the sentence names work that recurs (`recurring_words`) before `end` ("the
    programme, now in its eighth year") or within four words after `end` ("the sixth annual
    industry briefing"), with no other actor before it: the partnership's own work lasting. A
    grant or a drought in its fifth year is not."""
    recurring = set(ex.lexicons.extractors.recurring_words)
    after = [token for token in sentence if token.idx >= end][:4]
    # up to the match's end: "its 29th Construction Summit" names its work itself
    return any(
        token.lower_ in recurring or token.lemma_ in recurring
        for token in [*(token for token in sentence if token.idx < end), *after]
    )


def _a_state(said: str) -> bool:
    """Whether a perfect verb says how something has been, not what someone has done: "has been
    below four percent since 2014" (but "has been meeting since", "has been offered since")."""
    words = said.lower().split()
    return len(words) > 2 and words[1] == "been" and not words[2].endswith(("ing", "ed"))


def _counted_subject(ex: Extraction, sentence: Span, char: int) -> bool:
    """Whether the subject just before `char` is a number of people or things ("166
    individuals", "more than 40 graduates", "nine new plants"): what has happened to them since a
    year is a count (a result), not anyone's age."""
    numbers = ex.lexicons.extractors.number_words
    before = [token for token in sentence if token.idx < char][-4:]
    counts = [i for i, t in enumerate(before[:-1]) if t.like_num or t.lower_ in numbers]
    return bool(counts) and not any(token.is_punct for token in before[counts[-1] :])


def _several(ex: Extraction, sentence: Span, char: int) -> bool:
    """Whether the words before `char` name several actors ("employers and educators",
    "area manufacturers"), not one ("the company"): a group that began meeting is the
    partnership beginning."""
    classes = ex.lexicons.vocabulary.classes
    actors = ex.compiled(
        f"{__name__}.actors",
        lambda: frozenset([*classes.get("business_nouns", []), *classes.get("people_nouns", [])]),
    )
    before = [token for token in sentence if token.idx < char][-8:]
    return any(token.lower_ == "and" for token in before) or any(
        token.lemma_ in actors and token.lower_ != token.lemma_ for token in before
    )


def _sector(classifier: OrganizationClassifier) -> Callable[[str], ActorKind | None]:
    """A name's kind of actor as the organisation classifier sees it (business or public)."""

    def sector(name: str) -> ActorKind | None:
        seen = classifier.classify(name)
        if seen is None or seen.sector == "other":
            return None
        return seen.sector

    return sector


def run(ex: Extraction, lasting_years: int, classifier: OrganizationClassifier) -> None:
    """Signal `sustainability` where the partnership began `lasting_years` or more ago."""
    if not ex.lexicons.extractors.since_words:
        return
    patterns = ex.compiled(__name__, lambda: _compile(ex.lexicons.extractors))
    formed_it = ex.compiled(
        f"{__name__}.formed_it",
        lambda: _formed_it(ex.lexicons.extractors, ex.lexicons.roles.partnership_nouns),
    )
    for piece, sentence in ex.sentences(patterns.gate):
        text = text_of(sentence)
        # (match, its year, where the actor whose start it is is named before)
        found = [(match, match.group(1), match.start()) for match in patterns.since.finditer(text)]
        if formed_it is not None:
            found += [(m, m.group(1), m.start()) for m in formed_it.finditer(text)]
        if patterns.perfect_since is not None:
            found += [
                (
                    match,
                    match["year"] or match["opening"] or match["together"],
                    match.start(
                        "verb" if match["verb"] else "later" if match["later"] else "began"
                    ),
                )
                for match in patterns.perfect_since.finditer(text)
            ]
        for match, said, where in found:
            year = int(said)
            if year > ex.as_of.year or ex.as_of.year - year < lasting_years:
                continue
            whose = actor_before(ex, sentence, sentence.start_char + where)
            comma = text.find(",", match.end())
            if whose is None and not text[:where].strip() and 0 <= comma - match.end() < 60:
                # "Founded in 1903 [as a machine shop], the college is ...": the phrase is the
                # main clause's subject's
                whose = actor_after(
                    ex, sentence, sentence.start_char + comma + 1, _sector(classifier)
                )
            # People meeting as a group are the group: "plant managers have met since 2011";
            # "began discussing ... in 2008" only when several are named ("employers and
            # educators"), not one company beginning its own work.
            if match.re is patterns.perfect_since and match["began"]:
                together = _several(ex, sentence, sentence.start_char + where)
            else:
                together = patterns.together.search(match[0]) is not None
            if whose in OTHERS and together:
                whose = "partnership"
            if formed_it is not None and match.re is formed_it:
                whose = "partnership"  # its object is the partnership, whoever formed it
            if whose in OTHERS or (
                whose is None
                and match.re is not patterns.since
                and patterns.change.search(text[match.start() : match.end() + _CHANGE_REACH])
            ):
                continue  # "enrollment has fallen since 2015", "since 2019 enrollment has
                # fallen" are no one's age
            if whose is None and match.re is patterns.perfect_since and _a_state(match[0]):
                continue  # "the rate has been below four percent since 2014": no one acted
            if (
                whose is None
                and match.re is patterns.perfect_since
                and match["verb"]
                and _counted_subject(ex, sentence, sentence.start_char + where)
            ):
                continue  # "166 people have been hired since 2013": a count, not an age
            ex.add(
                piece,
                sentence,
                rule="sustainability.has_lasted",
                matched=match.group(0),
            )
            return
    number_words = ex.lexicons.extractors.number_words
    ordinals = ex.lexicons.extractors.ordinal_words
    for piece, sentence in ex.sentences(patterns.years_gate):
        text = text_of(sentence)
        # (match, years behind the partnership, whether a start in the past is the fact itself,
        # whether the partnership must be named before it: "the drought, now in its fifth year")
        spans: list[tuple[re.Match[str], int, bool, bool]] = []
        # A sentence let in by an event's name alone ("the 29th summit") has no span of years.
        yearly = any(word in text.lower() for word in ("year", "decade", "annivers", "annual"))
        if patterns.ago is not None and yearly:
            for match in patterns.ago.finditer(text):
                said, unit = match.group(1), match.group(2).lower()
                count = int(said) if said.isdigit() else number_words.get(said.lower(), 0)
                spans.append((match, count * (10 if unit.startswith("decade") else 1), True, False))
        if patterns.nth_year is not None:
            for match in patterns.nth_year.finditer(text):
                said = next((group for group in match.groups() if group), "")
                nth = int(said) if said.isdigit() else ordinals.get(said.lower(), 0)
                behind = nth - 1  # its eleventh year: ten years behind
                if match.group(0).lower().endswith(("cohort", "class")):
                    # cohorts and classes can start more often than yearly (`cohorts_a_year`)
                    behind //= ex.lexicons.extractors.thresholds.cohorts_a_year
                spans.append((match, behind, False, True))
        for match in patterns.lasted.finditer(text) if yearly else ():
            said = next(group for group in match.groups() if group)
            years = int(said) if said.isdigit() else number_words.get(said.lower(), 0)
            if said.lower() in ("a", "one", "the"):
                years = 1  # "for more than a decade", "over the past decade"
            if (match.group(match.lastindex or 0) or "").lower().startswith("decade"):
                years *= 10  # "for three decades"
            spans.append((match, years, False, False))
        for match, years, past, named in spans:
            if years < lasting_years or years > 150:
                continue
            # "they did the same job for 40 years": a span of years is often people's, not the
            # partnership's; "they" does not name it here.
            where = sentence.start_char + match.start()
            whose = actor_before(ex, sentence, where, people_are_others=True)
            if (
                named
                and whose is None
                and _recurring_work(ex, sentence, sentence.start_char + match.end())
            ):
                whose = "partnership"  # "the programme, now in its eighth year": its own work
            if whose in OTHERS or (named and whose != "partnership"):
                continue
            if whose is None and not past and not names_partnership(ex, sentence):
                continue  # "the hangar has sat vacant for more than eight years"
            ex.add(
                piece,
                sentence,
                rule="sustainability.has_lasted",
                matched=match.group(0),
                past_is_asserted=past,
            )
            return
