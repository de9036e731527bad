"""The report's evidence, one finding in one place: a sentence is shown once, under the
indicator where it weighs most, strongest first; and a warning when the documents are about
another partnership or region than the answers."""

from __future__ import annotations

import re
from collections.abc import Sequence

from nextgen_assistant.dialogue.model import Partnership
from nextgen_assistant.signals.model import DocumentFacts, Signal

_SPACES = re.compile(r"\W+")
# A proper name ending in the kind of body a partnership is ('... Health Careers Partnership').
_BODY_NAME = re.compile(
    r"\b((?:[A-Z][\w'&.-]*\s+){1,6}(?:Partnership|Alliance|Consortium|Collaborative))\b"
)
_COUNTY_WORDS = re.compile(r"\s+(?:County|Parish|Borough)$", re.IGNORECASE)
_UNNAMED = re.compile(r"New partnership\b|\(documents only\)", re.IGNORECASE)


def strength(signal: Signal) -> tuple[bool, float]:
    """How much a signal weighs: counted before listed, then weight times confidence."""
    return (signal.counted, signal.weight * signal.confidence)


def _key(signal: Signal) -> tuple[str, str]:
    return (signal.path or "", _SPACES.sub(" ", signal.quote).strip().lower())


def one_place(by_indicator: dict[str, list[Signal]]) -> dict[str, list[Signal]]:
    """Each indicator's signals, strongest first, with every sentence kept only where it weighs
    most (the first indicator in rubric order on a tie) and once there."""
    home: dict[tuple[str, str], tuple[tuple[bool, float], str]] = {}
    for indicator_id, signals in by_indicator.items():
        for signal in signals:
            key = _key(signal)
            if key not in home or strength(signal) > home[key][0]:
                home[key] = (strength(signal), indicator_id)
    out: dict[str, list[Signal]] = {}
    for indicator_id, signals in by_indicator.items():
        seen: set[tuple[str, str]] = set()
        kept: list[Signal] = []
        for signal in sorted(signals, key=strength, reverse=True):
            key = _key(signal)
            if key in seen or home[key][1] != indicator_id:
                continue
            seen.add(key)
            kept.append(signal)
        out[indicator_id] = kept
    return out


def _words(text: str) -> set[str]:
    return {w for w in _SPACES.sub(" ", text.lower()).split() if len(w) > 2}


def other_partnership(
    partnerships: Sequence[Partnership], facts: DocumentFacts | None, signals: Sequence[Signal]
) -> list[str]:
    """Sentences for the top of the report when the documents name counties, or a
    partnership, that the answers' partnership name and region do not."""
    named = [p for p in partnerships if p.name and not _UNNAMED.match(p.name)]
    if not named:
        return []
    said = set().union(*(_words(f"{p.name} {p.region or ''}") for p in named))
    about = ", ".join(sorted({p.name + (f" ({p.region})" if p.region else "") for p in named}))
    warnings: list[str] = []
    counties = [c for c in (facts.counties if facts else []) if c]
    if counties and not any(_words(_COUNTY_WORDS.sub("", c)) <= said for c in counties):
        warnings.append(
            f"The documents name {', '.join(counties[:4])}, which the answers' partnership "
            f"and region do not: the answers are about {about}. Check that these documents "
            "are this partnership's before trusting the merged scores."
        )
    bodies = {
        re.sub(r"^The\s+", "", match.group(1).strip())
        for signal in signals
        if not signal.derived
        for match in _BODY_NAME.finditer(signal.quote)
    }
    names = {p.name.lower() for p in named}
    strangers = sorted(
        b for b in bodies if not any(b.lower() in n or n in b.lower() for n in names)
    )
    if strangers and len(strangers) == len(bodies):
        warnings.append(
            f"The documents speak of {', '.join(strangers[:3])}, not of {about}. Check that "
            "the documents and the answers are about the same partnership."
        )
    return warnings
