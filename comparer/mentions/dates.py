"""Dates in a claim: absolute, day-month without year, month, year and relative.

News rarely prints full dates: "Jan. 13", "on Thursday", "last month". These
are resolved against the publication date when one is known, so two reports of
one event compare equal. Pure ``re`` + ``datetime``: dateparser was measured
slow and wrong on "Jan. 13". One compiled alternation is scanned once per text.

Labels and values (ISO 8601 strings, or None when unresolvable):
"absolute" "2023-01-13"; "partial" "--01-13", or the inferred full date;
"month" "2023-01" or "--01"; "year" "2023"; "relative" a date, month or year.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from comparer.types import Mention
from comparer.wordlists import entries

_MONTHS = ("January February March April May June July August September October November "
           "December").split()
_MONTH_NUM = {name: i + 1 for i, name in enumerate(_MONTHS)}
_MONTH_NUM.update({name[:3]: i + 1 for i, name in enumerate(_MONTHS)})
_MONTH_NUM["Sept"] = 9
# Headlines and datelines write months in capitals ("MAY 3, 2013"); with a day or year
# after them they are dates, so the capitalised forms join the day/year patterns only.
_MONTH_NUM.update({name.upper(): n for name, n in list(_MONTH_NUM.items())})
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_WEEKDAY_NUM = {name: i for i, name in enumerate(_WEEKDAYS)}
# Names of months and weekdays as written, for the diff and the entity finder.
CALENDAR_WORDS = frozenset([*_MONTHS, *(m[:3] for m in _MONTHS), "Sept", *_WEEKDAYS])


def is_calendar_word(word: str) -> bool:
    """Whether ``word`` names a month or a weekday ("May", "Sept.", "Tuesday"); capitalised only."""
    return word.rstrip(".") in CALENDAR_WORDS


_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


def _alt(words: list[str] | dict[str, int]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


# Capitalised only: "may" and "march" are verbs. An abbreviation may take a dot
# before a day or year ("Jan. 13"); after a day the dot would end the sentence.
_FULL_MONTH = rf"(?:{_alt(_MONTHS)})\b"
_MONTH = rf"(?:{_FULL_MONTH}|(?:{_alt([m for m in _MONTH_NUM if len(m) <= 4 or m.isupper()])})\b\.?)"
_MONTH_TAIL = rf"(?:{_alt(_MONTH_NUM)})\b"
_ORD = r"(?:st|nd|rd|th)?"
_RANGE = rf"(?:\s*[-–]\s*\d{{1,2}}{_ORD})?"          # "May 19-21": the range's start is kept
_NO_NUM = r"(?!\d|[.,]\d|[-/–]\d)"
_AGO_N = rf"\d{{1,3}}|{_alt(list(_SMALL))}"

_CONTEXT = (r"[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Dd]uring|[Ff]rom|[Bb]efore|[Aa]fter|[Tt]hrough"
            r"|[Tt]hroughout|[Ee]arly|[Ll]ate|to|(?:end|beginning|start|middle|half|quarter|spring"
            r"|summer|autumn|fall|winter)\s+of")
# A year after "to"/"by" may be a count instead: "rose to 2000 troops", "by 2000 votes".
_NOT_COUNT = (r"(?!\s*(?:%|percent|per\s+cent)|\s+(?:people|(?!(?:was|has|as|is|its|this|his|thus"
              r"|always|across|towards|perhaps|whereas|besides)\b)[a-z]+s)\b)")
_WEEKDAY = rf"(?:{_alt(_WEEKDAYS)})\b"

# The outer named groups (iso, slash, dm, md, my, ctx, rel) tell via ``lastgroup``
# which alternative matched. Run on " " + text: the leading class consumes the
# character before a mention, which lets the regex engine skip straight to
# candidate positions; the lookaheads then select a branch in one step.
_DATE = re.compile(rf"""
[^\w]
(?: (?=\d)
    (?: (?P<iso>(?P<iy>\d{{4}})[-/](?P<im>\d{{2}})[-/](?P<id>\d{{2}}))(?![\d/-])
      | (?P<slash>(?P<sa>\d{{1,2}})(?P<sep>[ ]?/[ ]?)(?P<sb>\d{{1,2}})(?P=sep)(?P<sy>\d{{4}}|\d{{2}}))(?![\d/])
      | (?P<dm>(?P<dmd>\d{{1,2}}){_ORD}{_RANGE}\s+(?:of\s+)?(?P<dmm>{_MONTH_TAIL})(?!\.?\s+\d{{1,2}}(?!\d))
               (?:\s?,?\s+(?P<dmy>\d{{4}}))?)(?!\d)
    )
  | (?=[JFMASOND])
    (?: (?P<md>(?P<mdm>{_MONTH})\s+(?P<mdd>\d{{1,2}}){_ORD}{_RANGE}(?:\s?,?\s+(?P<mdy>\d{{4}}))?){_NO_NUM}
      | (?P<my>(?P<mym>{_MONTH}),?\s+(?P<myy>\d{{4}})){_NO_NUM}
    )
  | (?P<ctx>(?:(?:{_CONTEXT})\s+|[Mm]id-)
            (?:(?P<cm>{_FULL_MONTH})(?!\.?\s*\d) | (?P<yr>(?:19|20)\d\d){_NO_NUM}{_NOT_COUNT}))
  | (?P<det>(?:[Aa]n?|[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur)\s+
            (?P<dy>(?:19|20)\d\d){_NO_NUM}{_NOT_COUNT}(?=\s+[a-z]))
  | (?P<rel>(?P<relw>[Ll]ast|[Nn]ext|[Tt]his)\s+
              (?:(?P<relm>{_FULL_MONTH})(?!\.?\s*\d) | (?P<wdm>{_WEEKDAY})
                | (?P<relu>week|month|year|night|morning|afternoon|evening)\b)
          | (?P<wd>{_WEEKDAY})
          | (?:[Ee]arlier|[Ll]ater)\s+this\s+(?P<relu2>week|month|year)\b
          | (?P<day>[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow)\b
          | (?P<agon>(?i:{_AGO_N}))\s+(?P<agou>day|week|month|year)s?\s+ago\b)
)""", re.VERBOSE)


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month_shift(y: int, m: int, by: int) -> str:
    y, m = divmod(y * 12 + m - 1 + by, 12)
    return f"{y:04d}-{m + 1:02d}"


def _day_month(day: int, month: int, year: str | None,
               published: dt.date | None) -> tuple[str | None, str]:
    """Value and label of a day and month, the year given or inferred."""
    if year:
        found = _date(int(year), month, day)
        return (found.isoformat(), "absolute") if found else (None, "")
    if published is None:
        return (f"--{month:02d}-{day:02d}", "partial") if _date(2000, month, day) else (None, "")
    options = [d for y in (published.year - 1, published.year, published.year + 1)
               if (d := _date(y, month, day))]
    if not options:
        return None, ""
    best = min(options, key=lambda d: (abs((d - published).days), d > published))
    return best.isoformat(), "partial"


def _nearest_month(month: int, published: dt.date) -> str:
    """The given month in whichever year puts it closest to publication (ties: the past)."""
    here = published.year * 12 + published.month - 1
    cands = [(y * 12 + month - 1) for y in (published.year - 1, published.year, published.year + 1)]
    best = min(cands, key=lambda c: (abs(c - here), c > here))
    return f"{best // 12:04d}-{best % 12 + 1:02d}"


def _weekday(name: str, mod: str, published: dt.date) -> str:
    wd, today = _WEEKDAY_NUM[name], published.weekday()
    if mod == "next":
        return (published + dt.timedelta(days=(wd - today) % 7 or 7)).isoformat()
    if mod == "this":
        return (published + dt.timedelta(days=wd - today)).isoformat()
    back = (today - wd) % 7
    if mod == "last" and back == 0:
        back = 7
    return (published - dt.timedelta(days=back)).isoformat()  # news reports the past


def _relative(m: re.Match[str], published: dt.date) -> str | None:
    """Resolve "last May", "on Thursday", "yesterday", "last month", "two weeks ago"."""
    word = (m.group("relw") or "").lower()
    step = -1 if word == "last" else 1 if word == "next" else 0
    if m.group("relm"):
        month = _MONTH_NUM[m.group("relm")]
        if word == "last":
            return _month_shift(published.year - (month >= published.month), month, 0)
        if word == "next":
            return _month_shift(published.year + (month <= published.month), month, 0)
        return f"{published.year:04d}-{month:02d}"
    if m.group("wdm") or m.group("wd"):
        return _weekday(m.group("wdm") or m.group("wd"), word, published)
    if m.group("agou"):
        n_text = m.group("agon").lower()
        n = int(n_text) if n_text.isdigit() else _SMALL[n_text]
        unit, step = m.group("agou"), -n
    elif m.group("day"):
        unit, step = "day", {"yesterday": -1, "tomorrow": 1}.get(m.group("day").lower(), 0)
    else:
        unit = m.group("relu") or m.group("relu2")
    if unit == "month":
        return _month_shift(published.year, published.month, step)
    if unit == "year":
        return f"{published.year + step:04d}"
    return (published + dt.timedelta(days=step * (7 if unit == "week" else 1))).isoformat()


# Clock times: "10:56 a.m.", "4 p.m.", "16:30", "0417 GMT", and as a tokeniser spaces them, "10: 56 a. m.".
# A time of day is part of when something happened.
_TIME = re.compile(r"\b(?P<h>\d{1,2})(?::\s?(?P<m>\d{2}))?(?:\s*(?P<ap>[aApP])\.?\s?[mM]\b\.?)"
                   r"|\b(?P<h24>[01]?\d|2[0-3]):\s?(?P<m24>[0-5]\d)\b"
                   r"|\b(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?=\s?(?:GMT|UTC)\b)")


@functools.cache
def _zones() -> tuple[re.Pattern, dict[str, str]]:
    """The zone written after a clock time, and each abbreviation's offset (``data/time_zones.txt``)."""
    offsets = dict(entries("time_zones"))
    pattern = re.compile(r"\s?(?:\((?P<paren>" + "|".join(offsets) + r")\)|(?P<abbr>" + "|".join(offsets)
                         + r")\b|(?P<named>(?:local|[A-Z][a-z]+)\s+time)\b)")
    return pattern, offsets


def _zone_after(text: str, end: int) -> tuple[int, str]:
    """Where a clock time's zone ends, and the zone: "UTC-4" for "EDT", "ET" for a zone of two
    offsets, "local" for "Arizona time" or "local time"; ``(end, "")`` when none is written."""
    pattern, offsets = _zones()
    m = pattern.match(text, end)
    if m is None:
        return end, ""
    abbr = m.group("paren") or m.group("abbr")
    if abbr is None:
        return m.end(), "local"
    offset = offsets[abbr]
    return m.end(), f"UTC{float(offset):+g}" if offset else abbr


def find_times(text: str) -> list[Mention]:
    """Clock times (kind "date", label "time", value "HH:MM" on a 24-hour clock), with the time
    zone written after them as the unit ("UTC-4" for "EDT")."""
    out = []
    for m in _TIME.finditer(text):
        if m.group("h24") is not None:
            hour, minute = int(m.group("h24")), int(m.group("m24"))
        elif m.group("hh") is not None:  # "0417 GMT"
            hour, minute = int(m.group("hh")), int(m.group("mm"))
        else:
            hour, minute = int(m.group("h")), int(m.group("m") or 0)
            if not 1 <= hour <= 12 or minute > 59:
                continue
            hour = hour % 12 + (12 if m.group("ap").lower() == "p" else 0)
        end, zone = _zone_after(text, m.end())
        out.append(Mention("date", m.start(), end, text[m.start():end], f"{hour:02d}:{minute:02d}", zone, "time"))
    return out


def find_dates(text: str, published: dt.date | None = None) -> list[Mention]:
    """All date expressions in ``text``, sorted; offsets are relative to ``text``."""
    if isinstance(published, dt.datetime):
        published = published.date()
    out: list[Mention] = []
    for m in _DATE.finditer(" " + text):
        kind = m.lastgroup
        start, end = m.start(kind) - 1, m.end(kind) - 1
        value: str | None = None
        label = ""
        if kind == "iso" or kind == "slash":
            if kind == "iso":
                y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
            else:
                a, b, y = int(m.group("sa")), int(m.group("sb")), int(m.group("sy"))
                mo, d = (b, a) if a > 12 >= b else (a, b)      # US order unless impossible
                if y < 100:
                    y += 2000 if y < 70 else 1900
            found = _date(y, mo, d)
            value, label = (found.isoformat(), "absolute") if found else (None, "")
        elif kind == "md" or kind == "dm":
            month = _MONTH_NUM[m.group(f"{kind}m").rstrip(".")]
            value, label = _day_month(int(m.group(f"{kind}d")), month, m.group(f"{kind}y"), published)
        elif kind == "my":
            month = _MONTH_NUM[m.group("mym").rstrip(".")]
            value, label = f"{m.group('myy')}-{month:02d}", "month"
        elif kind == "det":  # a year that qualifies a noun: "a 2008 event", "the 2016 election"
            start, end = m.start("dy") - 1, m.end("dy") - 1
            value, label = m.group("dy"), "year"
        elif kind == "ctx":
            part = "cm" if m.group("cm") else "yr"
            start, end = m.start(part) - 1, m.end(part) - 1
            if part == "yr":
                value, label = m.group("yr"), "year"
            else:
                month, label = _MONTH_NUM[m.group("cm")], "month"
                value = _nearest_month(month, published) if published else f"--{month:02d}"
        else:
            label = "relative"
            value = _relative(m, published) if published else None
        if label:
            out.append(Mention("date", start, end, text[start:end], value, "", label))
    return out
