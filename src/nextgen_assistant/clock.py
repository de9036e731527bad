"""What "now" is, in one place: the store, the conversation and the app read the time from a
`Clock`, so a test or `--as-of` can fix it; and the date arithmetic every layer shares."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time

Clock = Callable[[], datetime]
"""Returns the current moment (timezone-aware, UTC, whole seconds)."""


def system_clock() -> datetime:
    """The real time, in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def fixed_clock(day: date) -> Clock:
    """A clock that always says noon UTC on `day`: what `--as-of` and tests use."""
    moment = datetime.combine(day, time(12), tzinfo=UTC)
    return lambda: moment


def clock_for(as_of: date | None) -> Clock:
    """The fixed clock of `as_of` when one was given, else the real time."""
    return system_clock if as_of is None else fixed_clock(as_of)


def months_between(earlier: date, later: date) -> int:
    """Whole months from `earlier` to `later` (negative if `earlier` is after)."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def months_ago(months: int) -> str:
    """'1 month ago', '13 months ago': how long ago, as a sentence says it."""
    return f"{months} month{'' if months == 1 else 's'} ago"
