"""Geography: counties and states named (from the addfips gazetteer), "N-county region"; one
jurisdiction only vs a footprint across jurisdictions."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import addfips
from spacy.tokens import Span

from nextgen_assistant.signals.anchors import Gate, word_gate
from nextgen_assistant.signals.extractors import Extraction, Piece, actor_before, any_of
from nextgen_assistant.signals.lexicon import ExtractorLexicon
from nextgen_assistant.signals.pipeline import text_of

_KINDS = "County|Parish|Borough"
_COUNTY = re.compile(rf"\b((?:[A-Z][a-zA-Z.'’-]+\s){{1,3}})({_KINDS})\b")
_COUNTY_LIST = re.compile(
    r"\b((?:[A-Z][a-zA-Z.'’-]+(?:\s[A-Z][a-zA-Z'’-]+)?,?\s(?:and\s|&\s)?){2,12})(?:counties|Counties|parishes|Parishes)\b"
)

# "the counties of Saguache, Mineral, Rio Grande and Costilla"
_COUNTIES_OF = re.compile(
    r"\b(?:counties|parishes|boroughs) of ((?:[A-Z][a-zA-Z.'’-]+(?:\s[A-Z][a-zA-Z'’-]+)?,?\s?(?:and\s|&\s)?){2,12})"
)


@lru_cache(maxsize=1)
def gazetteer() -> tuple[frozenset[str], dict[str, str]]:
    """Every US county name ('weld county') and every state name ('colorado' -> 'Colorado')."""
    fips = addfips.AddFIPS()
    counties = frozenset(
        name
        for by_state in fips._counties.values()
        for name in by_state
        if name.endswith((" county", " parish", " borough"))
    )
    states = {name: name.title() for name in fips._states if len(name) > 2}
    return counties, states


def _counties_in(text: str) -> list[tuple[str, int]]:
    counties, _ = gazetteer()
    found: list[tuple[str, int]] = []
    for match in _COUNTY.finditer(text):
        words = match.group(1).split()
        kind = match.group(2).lower()
        # "Northern Weld County": try the longest tail of capitalised words that is a county.
        for first in range(len(words)):
            name = " ".join(words[first:]).lower() + f" {kind}"
            if name in counties:
                found.append((" ".join(words[first:]) + " County", match.start()))
                break
    for match in [*_COUNTY_LIST.finditer(text), *_COUNTIES_OF.finditer(text)]:
        for raw in re.split(r",\s*|\s+and\s+|\s*&\s*", match.group(1)):
            name = raw.strip(" ,").removeprefix("and ").strip()
            kind = next(
                (k for k in ("county", "parish", "borough") if f"{name.lower()} {k}" in counties),
                None,
            )
            if name and kind:
                found.append((f"{name} {kind.title()}", match.start()))
    return found


def _only_in_names(text: str, county: str) -> bool:
    """Whether the sentence names the county only inside a body's name ("Mercer County
    Community College", "the Camden County College lab", "the Erie County Workforce Board"):
    a name says where a body is, not where the partnership works. A county in a list ("Weld
    and Larimer counties") or named as a place is not in a name."""
    name = re.escape(county.rsplit(" ", 1)[0])
    hits = list(re.finditer(rf"\b{name}\s+(?:{_KINDS})\b", text))
    return bool(hits) and all(re.match(r" [A-Z][a-z]", text[hit.end() :]) for hit in hits)


def _as_place(text: str, county: str, place_words: frozenset[str]) -> bool:
    """Whether the sentence names the county as a place ("manufacturers in Erie County",
    "Summit County's workforce", "Polk County employers") rather than inside a body's name
    ("the Erie County Workforce Board", "Maricopa County Community College")."""
    name = re.escape(county.rsplit(" ", 1)[0])
    for match in re.finditer(rf"\b{name}\s+(?:{_KINDS})\b(['’]s\b|\s+[a-z]|\s*[,.;:]|\s*$)", text):
        # "workers in Erie County." is a place; "Siegel High School in Rutherford County" and
        # "the Community College of Allegheny County's" are a named body's address or name.
        before = text[: match.start()].split()[-2:]
        if before and before[-1].lower() in ("a", "an"):
            continue  # "a DeKalb County manufacturer": where one member is, not the footprint
        by_word = bool(before) and before[-1].lower() in place_words
        if by_word and len(before) == 2 and (before[0][0].isupper() or before[0].endswith(")")):
            continue
        after = match.group(1)
        if by_word or after.startswith(("'", "’")) or after.strip()[:1].islower():
            return True
    return False


class _Patterns(NamedTuple):
    states: re.Pattern[str]
    county_count: re.Pattern[str]
    gate: Gate
    service: re.Pattern[str]  # a public body's own area: "the workforce board serves ..."
    place_words: frozenset[str]  # before a county named as a place: "in Erie County"


def _compile(words: ExtractorLexicon) -> _Patterns:
    _, states = gazetteer()
    numbers = "|".join(sorted(map(re.escape, words.number_words), key=len, reverse=True))
    return _Patterns(
        states=re.compile(
            r"\b("
            + (
                any_of(s.title() for s in states)
                if states and all(s.isascii() for s in states)
                else "|".join(re.escape(s.title()) for s in sorted(states, key=len, reverse=True))
            )
            + r")\b"
        ),
        county_count=re.compile(
            rf"\b(\d{{1,2}}|{numbers})[- ](?:county|counties)\b", re.IGNORECASE
        ),
        gate=word_gate([*states, "county", "counties", "parish", "borough"]),
        service=re.compile(
            rf"\b(?:{any_of(words.service_words, ignore_case=True)})\b", re.IGNORECASE
        ),
        place_words=frozenset(words.place_words),
    )


def run(ex: Extraction) -> None:
    """Record counties, states and a stated county count; signal a multi-county footprint."""
    words = ex.lexicons.extractors
    state_re, count_re, place_gate, service, before_place = ex.compiled(
        __name__, lambda: _compile(words)
    )
    seen: dict[str, None] = {}
    footprint: dict[str, None] = {}  # counties named other than inside a body's name
    named_states: dict[str, None] = {}
    signalled = False
    as_place: dict[str, tuple[Piece, Span]] = {}  # a county named as a place: where first
    for piece, sentence in ex.sentences(place_gate):
        text = text_of(sentence)
        for state in state_re.findall(text):
            named_states.setdefault(state, None)
        for number in count_re.findall(text):
            value = int(number) if number.isdigit() else words.number_words.get(number.lower(), 0)
            if value >= 2:
                # The signal comes from the lexicon's token pattern; here only the fact.
                ex.facts.region_county_count = max(ex.facts.region_county_count or 0, value)
        before = len(footprint)
        named = _counties_in(text)
        # "The workforce board serves Adams, Arapahoe and Douglas counties": a public body's
        # service area is not the partnership's footprint.
        if named and service.search(text):
            first = sentence.start_char + min(p for _, p in named)
            if actor_before(ex, sentence, first) == "public":
                continue
        for county, _ in named:
            seen.setdefault(county, None)
            if not _only_in_names(text, county):
                footprint.setdefault(county, None)
            if county not in as_place and _as_place(text, county, before_place):
                as_place[county] = (piece, sentence)
        if not signalled and before < 2 <= len(footprint):
            signal = ex.add(
                piece,
                sentence,
                rule="regional_labor_market.counties_named",
                matched=", ".join(footprint),
            )
            signalled = signal.counted
    # Rosters often have a "County" column of bare names ("Weld"): read it through the gazetteer.
    counties, _ = gazetteer()
    for piece in ex.pieces:
        header, cells = piece.block.header or [], piece.block.cells or []
        for column, cell in zip(header, cells, strict=False):
            if "county" in column.lower() and f"{cell.strip().lower()} county" in counties:
                before = len(footprint)
                seen.setdefault(f"{cell.strip()} County", None)
                footprint.setdefault(f"{cell.strip()} County", None)
                if not signalled and before < 2 <= len(footprint):
                    ex.add(
                        piece,
                        None,
                        rule="regional_labor_market.counties_named",
                        matched=", ".join(footprint),
                        quote=f"Members in {', '.join(footprint)}",
                    )
                    signalled = True
    ex.facts.counties = list(seen)
    # One county named as where the work is, and nothing wider said anywhere in the document:
    # the footprint is one jurisdiction, not a labor market.
    if (
        len(seen) == 1
        and as_place
        and not (ex.facts.region_county_count or 0) >= 2
        and ("regional_labor_market", "supporting") not in ex.rule_evidence
        and ("regional_labor_market", "red_flag") not in ex.rule_evidence
    ):
        piece, sentence = next(iter(as_place.values()))
        ex.add(
            piece, sentence, rule="regional_labor_market.one_county_named", matched=next(iter(seen))
        )
    ex.facts.states = list(named_states)
