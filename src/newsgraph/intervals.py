"""ISO 8601 values of mixed granularity as day intervals, so that they can be filtered and sorted together.

An event is dated "2023-09-13" (a day), "2023-W37" (a week), "2023-09" (a month), "2023-Q3", "2019" (a year),
"201" (the 2010s, TIMEX3 style) or "20" (a century). Compared as strings these sort wrongly ("2023-W37" >
"2023-09-20") and filters miss them; as intervals of days they compare correctly: an event lies in a filter's range
when its interval overlaps it, and sorts by its first day, then its last.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})X?$")
_CENTURY = re.compile(r"^(\d{2})(?:XX)?$")


def interval(value: str | None) -> tuple[str, str] | None:
    """(first day, last day) as ISO dates, or None for a value that is not a point or period in time."""
    if not value:
        return None
    value = str(value).strip()
    try:
        if m := _DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d.isoformat(), d.isoformat()
        if m := _WEEK.match(value):
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start.isoformat(), (start + timedelta(days=6)).isoformat()
        if m := _MONTH.match(value):
            return _span(int(m[1]), int(m[2]), int(m[1]), int(m[2]))
        if m := _QUARTER.match(value):
            q = int(m[2])
            return _span(int(m[1]), 3 * q - 2, int(m[1]), 3 * q)
        if m := _YEAR.match(value):
            return _span(int(m[1]), 1, int(m[1]), 12)
        if m := _DECADE.match(value):
            y = int(m[1]) * 10
            return _span(max(y, 1), 1, y + 9, 12)
        if m := _CENTURY.match(value):
            y = int(m[1]) * 100
            return _span(max(y, 1), 1, y + 99, 12)
    except ValueError:  # month 13, week 54, day 31 of a 30-day month
        return None
    return None


def _span(y1: int, m1: int, y2: int, m2: int) -> tuple[str, str]:
    last = calendar.monthrange(y2, m2)[1]
    return date(y1, m1, 1).isoformat(), date(y2, m2, last).isoformat()
