"""Dates written the ways documents write them, parsed by python-dateutil."""

from __future__ import annotations

import re
from datetime import date

from dateutil import parser as dateparser

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DATE_RE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|{_MONTH},?\s+\d{{4}}|"
    rf"\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{4}}|"
    rf"(?:spring|summer|fall|autumn|winter)\s+\d{{4}}|(?<![\d$,.])(?:19|20)\d{{2}}(?![\d,%]))",
    re.IGNORECASE,
)
# A month and a day with no year ("on July 25", "Oct. 22"): a date, never a quantity.
MONTH_DAY_RE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\s*,?\s*\d{{4}})", re.IGNORECASE
)
_SEASONS = {"spring": 4, "summer": 7, "fall": 10, "autumn": 10, "winter": 1}


def parse_date(text: str) -> date | None:
    """A date from one expression; a month alone means its first day, a year alone 1 July."""
    lowered = text.lower()
    for season, month in _SEASONS.items():
        if lowered.startswith(season):
            return date(int(text[-4:]), month, 1)
    if re.fullmatch(r"(19|20)\d{2}", text):
        return date(int(text), 7, 1)
    try:
        return dateparser.parse(text, default=dateparser.parse("2000-01-01")).date()
    except (ValueError, OverflowError):
        return None


def dates_in(text: str) -> list[tuple[date, int, int]]:
    """(date, start, end) of every date expression in a text."""
    found = []
    for match in DATE_RE.finditer(text):
        parsed = parse_date(match.group(0).strip().rstrip("."))
        if parsed is not None:
            found.append((parsed, match.start(), match.end()))
    return found
