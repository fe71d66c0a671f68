"""Whether two figures of aligned claims are one quantity reported alike.

A figure agrees with another that gives it in another unit, rounds it, bounds it ("more
than 40"), or leaves its unit out; figures of different measures, of earlier periods
("from 6.41 percent"), told at other parts of the day, or that are phone numbers and codes,
are not one quantity at all. The discrepancy types read these answers; they decide no kind or
severity themselves.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence

from comparer.approximation import approximate
from comparer.claimdiff import CLAUSE_BREAK, ClaimDiff, Unit
from comparer.types import Mention
from comparer.wordlists import entries, lines


def apart_in_the_day(text_a: str, text_b: str) -> bool:
    """Both texts name a part of the day their values are told at, and no part is the same."""
    parts_a, parts_b = _dayparts(text_a), _dayparts(text_b)
    return bool(parts_a and parts_b and not parts_a & parts_b)


@functools.lru_cache(maxsize=4096)
def _dayparts(text: str) -> frozenset[str]:
    """The parts of the day a claim names (``data/dayparts.txt``)."""
    return frozenset(part for part, pattern in _daypart_patterns() if pattern.search(text))


@functools.cache
def _daypart_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((part, re.compile(r"\b(?:" + "|".join(re.escape(p.strip()) for p in phrases.split(",")) + r")\b",
                                   re.IGNORECASE))
                 for part, phrases in entries("dayparts"))


def is_noun_unit(unit: str) -> bool:
    """A counted noun read as a unit ("jobs"), or no unit: not a measure that converts."""
    return not unit or (unit.isalpha() and unit.islower() and unit not in _unit_factors())


_IDENTIFIER_DIGITS = 7  # a string of digits this long is a phone number or a code, not a quantity


def identifiers_apart(fa: list[Unit], fb: list[Unit]) -> tuple[list[Unit], list[Unit]]:
    """Phone numbers and codes are compared with their own kind only: "(877) 555-0143" against
    "(877) TIP-LINE" is one line written two ways, not 8775550143 against 877."""
    if any(map(is_identifier, fa)) == any(map(is_identifier, fb)):
        return fa, fb
    return [u for u in fa if not is_identifier(u)], [u for u in fb if not is_identifier(u)]


def is_identifier(unit: Unit) -> bool:
    return unit.mention is None and unit.key.isdigit() and len(unit.key) >= _IDENTIFIER_DIGITS


def other_labels(fa: Sequence[Unit], fb: Sequence[Unit]) -> bool:
    """An age against a count, an ordinal against an amount: values of different measures."""
    labels = {u.mention.label for u in (*fa, *fb) if u.mention is not None}
    return len(fa) == len(fb) == 1 and len(labels) > 1


def other_dimensions(fa: Sequence[Unit], fb: Sequence[Unit]) -> bool:
    """Each value against one in a unit of another kind ("8 mph", "900 miles"; "3.9%", "$1.42"):
    a speed is no distance, a share no amount. Counted nouns ("troops") are no measure."""
    def base(unit: Unit) -> str | None:
        name = unit.mention.unit if unit.mention else ""
        return None if not name or is_noun_unit(name) else in_base(1.0, name)[0]
    return all((bx := base(x)) is not None and (by := base(y)) is not None and bx != by for x in fa for y in fb)


def measure_against_bare(fa: Sequence[Unit], fb: Sequence[Unit]) -> bool:
    """A measurement ("40km") against a bare number ("5.4"): what the bare number counts is
    unknown, so the two are no evidence of one value reported two ways."""
    if len(fa) != 1 or len(fb) != 1 or fa[0].mention is None or fb[0].mention is None:
        return False
    units = fa[0].mention.unit, fb[0].mention.unit
    return "" in units and any(u in _unit_factors() for u in units)


def unmatched_numbers(fa: list[Unit], fb: list[Unit]) -> tuple[list[Unit], list[Unit]]:
    """The numbers of each side that the other side does not give: "12 runners" is
    matched by a bare "12", the unit then being named elsewhere in the other claim."""
    rest_b = list(fb)
    rest_a = []
    for x in fa:
        vx = figure_value(x)
        twin = next((y for y in rest_b if vx is not None and figure_value(y) == vx and _unit_agrees(x, y)), None)
        if twin is None:
            rest_a.append(x)
        else:
            rest_b.remove(twin)
    return rest_a, rest_b


def converted_there(claim, values: Sequence[Unit]) -> bool:
    """Each of ``values`` is the very amount that ``claim`` gives in a parenthesised conversion
    ("50 miles (110 km)" holds "110 kilometres")."""
    conversions = {in_base(float(m.value), m.unit) for m in claim.mentions
                   if m.kind == "number" and m.label == "conversion" and isinstance(m.value, float)}
    return all(u.mention is not None and isinstance(u.mention.value, float)
               and in_base(u.mention.value, u.mention.unit) in conversions for u in values)


def currencies_converted(fa: Sequence[Unit], fb: Sequence[Unit]) -> bool:
    """Amounts in two currencies: converted at some rate, not reported differently."""
    units_a = {u.mention.unit for u in fa if u.mention is not None}
    units_b = {u.mention.unit for u in fb if u.mention is not None}
    currencies = {u for u in units_a | units_b if len(u) == 3 and u.isalpha() and u.isupper()}
    return bool(units_a and units_b) and units_a | units_b == currencies and not units_a & units_b


def figure_value(unit: Unit) -> float | None:
    if unit.mention is not None:
        return unit.mention.value if isinstance(unit.mention.value, float) else None
    try:
        return float(unit.key.replace(",", ""))
    except ValueError:
        return None


def _unit_agrees(x: Unit, y: Unit) -> bool:
    """The same unit, a unit named on one side only, or two counted nouns ("two companies",
    "two firms": the count agrees, the nouns are a matter of wording)."""
    ux = x.mention.unit if x.mention else ""
    uy = y.mention.unit if y.mention else ""
    return ux == uy or not (ux and uy) or (is_noun_unit(ux) and is_noun_unit(uy))


def same_quantity(fa: Sequence[Unit], fb: Sequence[Unit], diff: ClaimDiff | None = None) -> bool:
    """The same values: equal where one side leaves the unit out, equal after converting
    units ("3 km", "two miles" to the nearest mile), or close where one side is approximate
    or a bound ("more than $34 billion", "$33.4 billion")."""
    if len(fa) != len(fb):
        return False
    for x, y in zip(fa, fb):
        mx, my = x.mention, y.mention
        if mx is None or my is None or not isinstance(mx.value, float) or not isinstance(my.value, float):
            return False
        if mx.value == my.value and (mx.unit == my.unit or not (mx.unit and my.unit)
                                     or (is_noun_unit(mx.unit) and is_noun_unit(my.unit))):
            continue  # "two bills", "two pieces of legislation": the count agrees
        (base_x, vx), (base_y, vy) = in_base(mx.value, mx.unit), in_base(my.value, my.unit)
        if diff is not None and (base_x == base_y or not (mx.unit and my.unit)) and \
                _within_bound(diff, mx, vx, my, vy):
            continue
        if _unit_agrees(x, y) and rounded_alike(mx.text, mx.value, my.text, my.value):
            continue  # "2.6 million residents", "2.58 million taxpayers"
        if base_x != base_y:
            return False

        converted = mx.unit != my.unit
        loose = converted or (diff is not None and (approximate(diff.a, mx) or approximate(diff.b, my)))
        if not loose or abs(vx - vy) > _CLOSE * max(abs(vx), abs(vy)):
            return False
    return True


_CLOSE = 0.1  # relative difference of an approximate or converted value that still agrees
_ROUNDING = 0.05  # relative difference, at most, of a value and its rounding
_SMALL = 10  # under this, a value is often rounded to the nearest whole one whatever the share
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SPACED_DIGITS = re.compile(r"(?<=\d)([,.])\s(?=\d)")


def rounded_alike(text_x: str, x: float, text_y: str, y: float) -> bool:
    """One value is the other rounded: "$43,000" and "$43,350", "1.5 million" and
    "1,496,000" (the rounder one's last significant digit is where the other is cut), and
    close (not "100" for "130")."""
    if x == y or not x or not y:
        return x == y
    if max(abs(x), abs(y)) < _SMALL and (x.is_integer() != y.is_integer()) and abs(x - y) <= 0.5:
        return True  # "five months" for 4½ months, "a magnitude 5" for 5.2: a small value to the unit
    rounder, exact = (x, y) if _precision(text_x, x) > _precision(text_y, y) else (y, x)
    step = _precision(text_x, x) if rounder == x else _precision(text_y, y)
    apart = abs(exact - rounder)
    if step <= 0 or apart > _ROUNDING * abs(exact):
        return False
    # Half a step rounds up, away from zero: 2,450 is "2,500", never "2,400".
    half = math.isclose(apart, step / 2, rel_tol=1e-9)
    return apart < step / 2 and not half or half and abs(rounder) > abs(exact)


def _precision(text: str, value: float) -> float:
    """The place of a written value's last significant digit: 1,000 for "$43,000", 0.1 for
    "$3.5 billion" read as 3.5, scaled to the value."""
    digits = _DIGITS.search(_SPACED_DIGITS.sub(r"\1", text))  # "1, 482", "5. 4" as a tokeniser spaces them
    if digits is None:
        return 0.0
    written = digits.group().replace(",", "")
    number = float(written)
    if not number:
        return 0.0
    scale = value / number  # "billion", "million", "k"
    if "." in written:
        return scale * 10 ** -len(written.split(".")[1])
    stripped = written.rstrip("0")
    return scale * 10 ** (len(written) - len(stripped))


def in_base(value: float, unit: str) -> tuple[str, float]:
    """The value in its unit's base unit (``data/unit_factors.txt``); other units are their own."""
    base, factor = _unit_factors().get(unit, (unit, 1.0))
    return base, value * factor


@functools.cache
def _unit_factors() -> dict[str, tuple[str, float]]:
    out = {}
    for unit, rest in entries("unit_factors"):
        base, factor = rest.split()
        out[unit] = (base, float(factor))
    return out


def _within_bound(diff: ClaimDiff, mx: Mention, vx: float, my: Mention, vy: float) -> bool:
    """One value is a bound the other keeps: "at least one" and "three", "more than 24 hours"
    and "27 hours", "up to 50" and "40"; or a lower and an upper bound that leave values between
    them ("more than 100 mph", "up to 120 mph")."""
    kinds = _bound(diff.a, mx), _bound(diff.b, my)
    if kinds[0] and kinds[1] and kinds[0] != kinds[1]:  # "more than 100 mph", "up to 120 mph"
        low, high = (vx, vy) if kinds[0] == "lower" else (vy, vx)
        return low <= high
    if all(kinds) or not any(kinds):  # two bounds ("more than 5,000", "more than 3,500") differ
        return False
    kind, value, other = (kinds[0], vx, vy) if kinds[0] else (kinds[1], vy, vx)
    return (kind == "lower" and other >= value) or (kind == "upper" and other <= value)


def _bound(claim, mention) -> str | None:
    """Whether a bounding phrase ("at least", "fewer than") stands right before the number."""
    start = mention.start - claim.start
    before = " ".join(claim.text[max(0, start - 24):start].lower().split())
    said = " ".join(mention.text.lower().split())  # the number may be written with it: "At least one"
    for kind, phrases in _bounds().items():
        if any(said.startswith(p + " ") for p in phrases):
            return kind
    for kind, phrases in _bounds().items():
        if any(before == p or before.endswith(" " + p) for p in phrases):
            return kind
    return None


@functools.cache
def _bounds() -> dict[str, tuple[str, ...]]:
    return {kind: tuple(p.strip() for p in phrases.split(",")) for kind, phrases in entries("bounds")}


def earlier_value(claim, mention) -> bool:
    """Whether a figure is one of an earlier period that the claim compares with: right after
    "from" ("climbed to 61.2 from 58.4"), or near a phrase that names an earlier period ("beating
    its year-ago result, when the firm made $12.6 million", ``data/earlier_periods.txt``)."""
    text, at = claim.text.lower(), mention.start - claim.start
    if text[max(0, at - 6):at].split()[-1:] == ["from"]:
        return True
    stop = CLAUSE_BREAK.search(text, mention.end - claim.start)
    # the period is named just before the figure ("the year-ago quarter, when it made ...") or
    # in its clause after it ("$12 million a year earlier")
    around = text[max(0, at - _PERIOD_REACH):stop.start() if stop else len(text)]
    return any(phrase in around for phrase in lines("earlier_periods"))


_PERIOD_REACH = 60  # characters before a figure where an earlier period it belongs to is named


def same_periods(diff: ClaimDiff, fa: list[Unit], fb: list[Unit]) -> tuple[list[Unit], list[Unit]]:
    """The figures to compare, without those of an earlier period that only one side gives
    ("to 6.35 percent from 6.41 percent" against "to 6.33 percent": the 6.41 is not compared)."""
    ea = [u for u in fa if u.mention is not None and earlier_value(diff.a, u.mention)]
    eb = [u for u in fb if u.mention is not None and earlier_value(diff.b, u.mention)]
    if ea and not eb and len(ea) < len(fa):
        return [u for u in fa if u not in ea], fb
    if eb and not ea and len(eb) < len(fb):
        return fa, [u for u in fb if u not in eb]
    return fa, fb


def of_other_periods(diff: ClaimDiff, fa: Sequence[Unit], fb: Sequence[Unit]) -> bool:
    """Each figure against one of another period (see :func:`earlier_value`)."""
    def earlier(claim, unit: Unit) -> bool | None:
        return None if unit.mention is None else earlier_value(claim, unit.mention)
    return all(earlier(diff.a, x) is not None and earlier(diff.b, y) is not None
               and earlier(diff.a, x) != earlier(diff.b, y) for x in fa for y in fb)
