"""Whether two dates or times that two claims give for one happening can both be true.

A date is compared by what it pins down: a month agrees with a day of that month, a weekday with
the date it falls on, an approximate time with one close to it, a day with a time of that day, and
two clock times with UTC offsets are compared in UTC. Only what both pin down, and differently, is
another date.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence

from comparer.approximation import approximate
from comparer.claimdiff import ClaimDiff, Unit, span_text
from comparer.mentions.dates import is_calendar_word
from comparer.mentions.numbers import word_value
from comparer.textunits import stem
from comparer.types import Mention
from comparer.wordlists import entries



def compatible_dates(fa: Sequence[Unit], fb: Sequence[Unit], diff: ClaimDiff) -> bool:
    """Dates of which one is a part of the other ("May 2023" and "May 18, 2023"), an approximate
    time and one close to it ("shortly after 3:30", "3:33"), or dates that cannot be compared: a
    relative date ("today", "last week") that no publication date resolves, against anything but
    another such date written the same way. One month or weekday named on both sides, with no
    year that differs, agrees however it is worded ("In November last year", "Last November";
    "in July", "the July figure")."""
    month_or_day = _one_calendar_name(fa, diff.a)
    if month_or_day is not None and month_or_day == _one_calendar_name(fb, diff.b) \
            and not _precise_parts_differ(fa, fb):
        return True
    if len(fa) != 1 or len(fb) != 1:
        return False
    x, y = fa[0].mention, fb[0].mention
    if x is None or y is None:  # a bare month or weekday name
        other = y if x is None else x
        # against a relative date that no publication date resolves ("last month"): no telling
        return fa[0].key == fb[0].key or (other is not None and not other.value)
    if x.label == y.label == "time" and x.unit != y.unit:
        if not (x.unit.startswith("UTC") and y.unit.startswith("UTC")):
            return True  # "6 p.m." against "3 p.m. Arizona time": times of zones that cannot be lined up
        apart = _minutes_apart(_in_utc(x), _in_utc(y))   # "6 p.m. EDT" is "3 p.m. MST"
        return apart <= (_CLOSE_MINUTES if approximate(diff.a, x) or approximate(diff.b, y) else 0)
    if x.label == y.label == "time" and (approximate(diff.a, x) or approximate(diff.b, y)):
        # "about 3 p.m." is told to the hour: it holds 3:22; "about 3:30" holds a quarter of an hour.
        approximated = [m for m, claim in ((x, diff.a), (y, diff.b)) if approximate(claim, m)]
        close = _HOUR_MINUTES if any(":" not in m.text for m in approximated) else _CLOSE_MINUTES
        return _minutes_apart(str(x.value), str(y.value)) <= close
    ago_x, ago_y = _time_ago(x.text), _time_ago(y.text)
    if ago_x and ago_y and ago_x[1:] == ago_y[1:]:
        return ago_x[0] == ago_y[0]  # "15 years ago", "18 years ago": counted from one day
    weekday = _weekday_against_date(x, y) if not x.value else _weekday_against_date(y, x) if not y.value else None
    if weekday is not None:
        return weekday
    if _weekday_against_yearless(x, y) or _weekday_against_yearless(y, x):
        return True  # "Saturday" and "Aug. 16": no year tells which weekday that was
    if not x.value or not y.value:
        names = [_calendar_name(m) for m in (x, y)]
        if names[0] and names[0] == names[1]:
            return True  # "last Friday" and "on Friday", "Last May" and "in May": one day told two ways
        named = [is_calendar_word(m.text.split()[-1]) for m in (x, y) if not m.value]
        return not all(named) if named else True
    vx, vy = str(x.value), str(y.value)
    if _month_of(vx) and _month_of(vx) == _month_of(vy) and (_is_month(vx) or _is_month(vy)):
        return True  # "in October" and "October 30, 2007": the month holds the day
    return vx.startswith(vy) or vy.startswith(vx) or vx.endswith(vy.lstrip("-")) or vy.endswith(vx.lstrip("-"))


def _month_of(value: str) -> str | None:
    """The month of an ISO date, of one without a year ("--10-30") or of a month alone ("--10")."""
    parts = value.split("-")
    if value.startswith("--") and len(parts) >= 3 and len(parts[2]) == 2:
        return parts[2]
    if len(parts) >= 2 and len(parts[0]) == 4 and len(parts[1]) == 2 and parts[0].isdigit():
        return parts[1]
    return None


def _is_month(value: str) -> bool:
    """A month named without its year or day ("--10")."""
    return value.startswith("--") and len(value) == 4


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _calendar_name(date: Mention) -> str | None:
    """The month or weekday a date mention names, by its first three letters ("sep" for "Sept."),
    or None when it names neither or more than one."""
    found = {w.rstrip(".,")[:3].lower() for w in date.text.split() if is_calendar_word(w.rstrip(","))}
    return found.pop() if len(found) == 1 else None


def _one_calendar_name(units: Sequence[Unit], claim) -> str | None:
    """The one month or weekday the date units of one side name, by its first three letters."""
    names: set[str] = set()
    for unit in units:
        text = unit.mention.text if unit.mention is not None else span_text(claim, (unit.start, unit.end))
        names.update(w.rstrip(".,")[:3].lower() for w in text.split() if is_calendar_word(w.rstrip(",")))
    return names.pop() if len(names) == 1 else None


def _precise_parts_differ(fa: Sequence[Unit], fb: Sequence[Unit]) -> bool:
    """Both sides give a year, a day of the month or a time of day, and not the same one; or
    a time of day on either side (compared as such, not by the day's name)."""
    def parts(units: Sequence[Unit], kind: str) -> set[str]:
        out: set[str] = set()
        for unit in units:
            mention = unit.mention
            if mention is None or not mention.value:
                continue
            value = str(mention.value)
            if kind == "time" and mention.label == "time":
                out.add(value)
            elif kind == "year" and value[:4].isdigit():
                out.add(value[:4])
            elif kind == "day" and mention.label != "time" and value.count("-") == 3 - value[:4].isdigit():
                out.add(value[-2:])
        return out
    if parts(fa, "time") or parts(fb, "time"):
        return True
    return any((x := parts(fa, kind)) and (y := parts(fb, kind)) and x != y for kind in ("year", "day"))


def _weekday_against_yearless(day: Mention, date: Mention) -> bool:
    """An unresolved weekday against a day of a month without its year ("--08-16")."""
    return not day.value and day.text.split()[-1].lower().rstrip(".,") in _WEEKDAYS \
        and isinstance(date.value, str) and date.value.startswith("--") and len(date.value) == 7


def _weekday_against_date(day: Mention, date: Mention) -> bool | None:
    """Whether an unresolved weekday ("on Thursday") is the weekday of a full date ("Nov. 10,
    2011"); None when the two are not a weekday and a full date."""
    word = day.text.split()[-1].lower().rstrip(".,")
    if word not in _WEEKDAYS or not isinstance(date.value, str):
        return None
    try:
        return dt.date.fromisoformat(date.value[:10]).weekday() == _WEEKDAYS.index(word)
    except ValueError:
        return None


_CLOSE_MINUTES = 15  # an approximate time of day ("about 3:30") agrees with one this close
_HOUR_MINUTES = 30  # an approximate time told to the hour ("about 3 p.m."): half an hour either way


def _in_utc(time: Mention) -> str:
    """A clock time with a UTC offset for its zone ("18:00" at "UTC-4"), as "HH:MM" in UTC."""
    minutes = int(str(time.value)[:2]) * 60 + int(str(time.value)[3:5]) - round(float(time.unit[3:]) * 60)
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _minutes_apart(x: str, y: str) -> int:
    """Minutes between two "HH:MM" times of day."""
    (hx, mx), (hy, my) = (map(int, t.split(":")) for t in (x, y))
    apart = abs(hx * 60 + mx - hy * 60 - my)
    return min(apart, 24 * 60 - apart)


def _time_ago(text: str) -> tuple[float, str, str] | None:
    """A span of weeks or more counted back or on ("15 years ago", "two months later") as (count,
    unit, direction); None for anything else. Days are left out: two reports a day apart may both
    be right about "two days ago" and "three days ago"."""
    match = _TIME_AGO.fullmatch(" ".join(text.lower().split()))
    if match is None:
        return None
    count = match.group(1)
    value = float(count) if count.isdigit() else word_value(count)
    return (value, match.group(2), match.group(3)) if value else None


_TIME_AGO = re.compile(r"(\S+(?: \S+)?) (week|month|year|decade|centur)(?:s|y|ies)? (ago|earlier|later|before|after)")


def day_against_time(days: Sequence[Unit], times: Sequence[Unit], words: Sequence[Unit]) -> bool:
    """Day-level dates on one side, times of day on the other: both can hold, unless a part of the
    day named with the days ("morning") leaves the times out (``data/daypart_hours.txt``)."""
    if not all(u.mention is not None and u.mention.label != "time" for u in days) or \
            not all(u.mention is not None and u.mention.label == "time" for u in times):
        return False
    hours = _daypart_hours()
    spans = [hours[u.key.split(":")[-1]] for u in words if u.kind == "word" and u.key.split(":")[-1] in hours]
    if not spans:
        return True
    for time in times:
        hour = _hour_of(str(time.mention.value)) if time.mention else None
        if hour is None or not any(lo <= hour < hi for span in spans for lo, hi in span):
            return False
    return True


def _hour_of(value: str) -> float | None:
    """The hour of an ISO time of day ("11:40" -> 11.67)."""
    match = re.match(r"(\d{1,2}):(\d{2})", value)
    return int(match.group(1)) + int(match.group(2)) / 60 if match else None


@functools.cache
def _daypart_hours() -> dict[str, tuple[tuple[float, float], ...]]:
    out = {}
    for part, spans in entries("daypart_hours"):
        out[stem(part)] = tuple((float(lo), float(hi)) for lo, hi in (s.split("-") for s in spans.split()))
    return out
