"""Number and date discrepancies: the same quantity or day given differently.

Numbers are compared when they count the same thing: the same unit, or the same
word after them ("12 people" / "21 people"). A restatement in other units
("1,000 km (600 mi)") is one quantity, and "more than 100,000" agrees with
258,000. Dates compare field by field: a weekday resolved against the
publication date equals the full date it stands for, and a day without a year
("May 18") is compared by month and day only. A bare year written as a number
counts as a date.
"""

import re
from collections.abc import Iterator
from typing import NamedTuple

from comparer.detectors.base import Context, Finding, Pair, inside, negated
from comparer.types import Claim, Mention

_LOWER = re.compile(r"(?:more than|over|at least|above|exceeding|upwards of|in excess of|nearly|almost)\s*$", re.I)
_UPPER = re.compile(r"(?:less than|fewer than|under|up to|below|at most|no more than)\s*$", re.I)
_ABOUT = re.compile(r"(?:about|around|roughly|approximately|some|nearly|almost|an estimated|estimated|~)\s*$", re.I)
_ROUNDING = 0.02  # "$34 billion" and "$33.4 billion" are one figure rounded
_YEAR_AFTER = re.compile(r"^\s*(?:,|of|in)?\s*$")
_FOUR_DIGITS = re.compile(r"\d{4}")
# A bare year in running text ("a 1930 comedy", "12 October 1875"); not a count ("2000 troops"),
# not part of a larger number ("1,2000", "2000.5") nor a range's digits glued to letters.
_BARE_YEAR = re.compile(r"(?<![\w.,$])(1[0-9]{3}|20[0-9]{2}|2100)(?![\w%]|[.,]\d|\s+(?:per\s*cent|percent)\b"
                        r"|\s+(?!(?:was|has|as|is|its|this|his|thus)\b)[a-z]+s\b)")


# --- numbers ---------------------------------------------------------------------------------

def _is_year(m: Mention) -> bool:
    return (m.kind == "number" and not m.unit and m.text.isdigit() and len(m.text) == 4
            and 1000 <= float(m.value) <= 2100)


def _numbers(claim: Claim) -> list[Mention]:
    return [m for m in claim.mentions if m.kind == "number" and m.label != "conversion"
            and m.value is not None and not _is_year(m)]


# Spans of time counted in years: "three decades" is 30 years.
_IN_YEARS = {"decad": 10.0, "centur": 100.0, "centuri": 100.0}
_UNIT_YEARS = {"decade": 10.0, "decades": 10.0, "century": 100.0, "centuries": 100.0}


def _next_stem(pair_tokens, m: Mention) -> str:
    """The word a number counts: the next one, or a span of time that ends the mention ("three decades")."""
    inner = [t for t in pair_tokens if m.start <= t.start and t.end <= m.end]
    if len(inner) > 1 and inner[-1].stem in _IN_YEARS:
        return inner[-1].stem
    for t in pair_tokens:
        if t.start >= m.end:
            return t.stem
    return ""


def _key(pair_tokens, m: Mention) -> str:
    """What a number counts: its unit, else the next word ("people"); decades count years."""
    if m.unit:
        return "year" if m.unit.lower() in _UNIT_YEARS else m.unit.lower()
    word = _next_stem(pair_tokens, m)
    return "#" + ("year" if word in _IN_YEARS else word)


def _value(pair_tokens, m: Mention) -> float:
    """The number, in years when it counts decades or centuries."""
    if m.unit:
        return float(m.value) * _UNIT_YEARS.get(m.unit.lower(), 1.0)
    return float(m.value) * _IN_YEARS.get(_next_stem(pair_tokens, m), 1.0)


def _agrees(claim: Claim, x: Mention, y: float, v: float | None = None) -> bool:
    """Whether the number ``x`` of ``claim`` (worth ``v`` when given) allows the value ``y``."""
    v = float(x.value) if v is None else v
    if v == y or (v and abs(v - y) / abs(v) <= _ROUNDING):
        return True
    before = claim.text[max(0, x.start - claim.start - 20):x.start - claim.start]
    if _LOWER.search(before) and y >= v:
        return True
    if _UPPER.search(before) and y <= v:
        return True
    if _ABOUT.search(before) and v and abs(v - y) / abs(v) <= 0.1:
        return True
    return False


def detect_number(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Numbers counting the same thing with different values."""
    nums_a, nums_b = _numbers(pair.a), _numbers(pair.b)
    if not nums_a or not nums_b:
        return
    slot_pairs = set()
    for i1, i2, j1, j2 in pair.slots(max_len=4):
        for x in nums_a:
            if inside(x, pair.ta, i1, i2):
                for y in nums_b:
                    if inside(y, pair.tb, j1, j2):
                        slot_pairs.add((x.start, y.start))
    va = {x.start: _value(pair.ta, x) for x in nums_a}
    vb = {y.start: _value(pair.tb, y) for y in nums_b}
    for y in nums_b:
        if any(_agrees(pair.a, x, vb[y.start], va[x.start]) or _agrees(pair.b, y, va[x.start], vb[y.start])
               for x in nums_a):
            continue
        if negated(pair.b, y.start):
            continue
        key = _key(pair.tb, y)
        for x in nums_a:
            if negated(pair.a, x.start):
                continue
            same_unit = _key(pair.ta, x) == key or not (x.unit and y.unit)
            if ((x.start, y.start) in slot_pairs and same_unit) or (
                    _key(pair.ta, x) == key and x.label == y.label
                    and not any(_agrees(pair.b, z, va[x.start], vb[z.start]) for z in nums_b)):
                severity = "high" if (x.start, y.start) in slot_pairs or x.unit else "medium"
                yield Finding("number", severity, (x.start, x.end), (y.start, y.end),
                              f"{ctx.label(pair.a.document)} gives {x.text!r} where "
                              f"{ctx.label(pair.b.document)} gives {y.text!r}.")
                return


# --- dates -----------------------------------------------------------------------------------

class When(NamedTuple):
    """A date with the fields a text really gives (None where unknown)."""

    start: int
    end: int
    text: str
    year: int | None
    month: int | None
    day: int | None
    decade: int | None = None  # "the 1960s", "the fifties": the decade only

    def field(self, name: str) -> int | None:
        if name == "decade" and self.decade is None and self.year is not None:
            return self.year // 10 * 10
        return getattr(self, name)

    def fields(self) -> set[str]:
        return {n for n in ("year", "month", "day", "decade") if self.field(n) is not None}

    def agrees(self, other: "When") -> bool:
        return all(self.field(n) == other.field(n) for n in self.fields() & other.fields())


_DECADE_WORDS = {w: 1900 + 10 * k for k, w in enumerate(
    "_ _ twenties thirties forties fifties sixties seventies eighties nineties".split()) if w != "_"}
_DECADE = re.compile(r"\b(?:the\s+)(?:(?:early|mid|late)[\s-]+)?(?:(?P<digits>1[0-9]{2}0|20[0-9]0)s"
                     r"|'?(?P<short>[2-9]0)s|(?P<word>" + "|".join(_DECADE_WORDS) + r"))\b", re.I)


def _decades(claim: Claim) -> list[When]:
    """"The 1960s", "the late '50s", "the fifties" (of the twentieth century)."""
    out = []
    for found in _DECADE.finditer(claim.text):
        if found.group("digits"):
            decade = int(found.group("digits"))
        elif found.group("short"):
            decade = 1900 + int(found.group("short"))
        else:
            decade = _DECADE_WORDS[found.group("word").lower()]
        start = claim.start + found.start()
        end = claim.start + found.end()
        out.append(When(start, end, found.group(), None, None, None, decade))
    return out


def _parse(m: Mention) -> tuple[int | None, int | None, int | None] | None:
    value = m.value
    if not isinstance(value, str) or not value:
        return None
    explicit_year = bool(_FOUR_DIGITS.search(m.text)) or m.label in ("absolute", "relative", "year")
    try:
        if value.startswith("--"):
            parts = value[2:].split("-")
            return None, int(parts[0]), int(parts[1]) if len(parts) > 1 else None
        parts = value.split("-")
        year = int(parts[0]) if explicit_year else None
        month = int(parts[1]) if len(parts) > 1 else None
        day = int(parts[2]) if len(parts) > 2 else None
        return year, month, day
    except ValueError:
        return None


def dates_of(ctx: Context, claim: Claim) -> list[When]:
    """The claim's dates, a following bare year folded into a day or month ("June of 1866")."""
    cached = ctx.doc_cache.get(("dates", claim.id))
    if cached is not None:
        return cached
    out: list[When] = _decades(claim)
    decades = [(w.start, w.end) for w in out]
    years = [m for m in claim.mentions if _is_year(m) and not _within(m, decades)]
    taken = [(m.start, m.end) for m in claim.mentions if m.kind in ("date", "number")] + decades
    for found in _BARE_YEAR.finditer(claim.text):
        start, end = claim.start + found.start(), claim.start + found.end()
        if not any(s < end and start < e for s, e in taken):
            years.append(Mention("number", start, end, found.group(), float(found.group()), label="year"))
    years.sort(key=lambda m: m.start)
    used: set[int] = set()
    for m in claim.mentions:
        if m.kind != "date" or _within(m, decades):
            continue
        parsed = _parse(m)
        if parsed is None:
            continue
        year, month, day = parsed
        end = m.end
        if year is None:
            for y in years:
                gap = claim.text[m.end - claim.start:y.start - claim.start]
                if y.start >= m.end and len(gap) <= 5 and _YEAR_AFTER.match(gap):
                    year, end = int(y.value), y.end
                    used.add(y.start)
                    break
        out.append(When(m.start, end, claim.text[m.start - claim.start:end - claim.start], year, month, day))
    out += [When(y.start, y.end, y.text, int(y.value), None, None) for y in years if y.start not in used]
    out.sort(key=lambda w: w.start)
    ctx.doc_cache[("dates", claim.id)] = out
    return out


def _within(m: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(s <= m.start and m.end <= e for s, e in spans)


def detect_date(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """A date of one claim that no date of the aligned claim allows."""
    dates_a, dates_b = dates_of(ctx, pair.a), dates_of(ctx, pair.b)
    if not dates_a or not dates_b:
        return
    for y in dates_b:
        if any(x.agrees(y) for x in dates_a):
            continue
        comparable = [x for x in dates_a if x.fields() & y.fields()
                      and not any(z.agrees(x) for z in dates_b)]
        if not comparable:
            continue
        x = max(comparable, key=lambda d: (len(d.fields() & y.fields()), -abs(d.start - pair.a.start)))
        yield Finding("date", "high", (x.start, x.end), (y.start, y.end),
                      f"{ctx.label(pair.a.document)} dates it {x.text!r} where "
                      f"{ctx.label(pair.b.document)} says {y.text!r}.")
        return


_ORDINALS = frozenset("""first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth""".split())


def detect_ordinal(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Two ordinals before the same word: "her second studio album" / "her first studio album"."""
    if pair.same_fraction() < 0.4:
        return
    names = [(m.start, m.end) for c in (pair.a, pair.b) for m in ctx.entities(c)]

    def ordinals(tokens):
        out = {}
        for k, t in enumerate(tokens[:-1]):
            if t.low in _ORDINALS and not any(s <= t.start < e for s, e in names):
                out.setdefault(tokens[k + 1].stem, t)
        return out

    in_b = ordinals(pair.tb)
    # Each side's ordinal must be foreign to the other claim: "its seventh and final season,
    # having finished its sixth season" agrees with "its seventh season".
    words_a = {t.low for t in pair.ta}
    words_b = {t.low for t in pair.tb}
    for following, x in ordinals(pair.ta).items():
        y = in_b.get(following)
        if y is not None and x.low not in words_b and y.low not in words_a and not negated(pair.a, x.start) and not negated(pair.b, y.start):
            yield Finding("number", "medium", (x.start, x.end), (y.start, y.end),
                          f"{ctx.label(pair.a.document)} says {x.text!r} where "
                          f"{ctx.label(pair.b.document)} says {y.text!r}.")
            return
