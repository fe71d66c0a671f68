"""List discrepancies: two enumerations of the same thing with different members.

An enumeration is "X, Y and Z" (three or more items), or "X and Y" when the other
claim has a longer one. Items match when one's content words are all in the
other's ("quantum" and "quantum technology"). A discrepancy needs a shared item
(so the lists are about the same thing) and, on each side, an item the other
claim never mentions at all.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from comparer.detectors.base import STOPWORDS, Context, Finding, Pair, stem
from comparer.types import Claim

_ITEM = r"[^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*){0,2}"
_LONG = re.compile(rf"{_ITEM}(?:, {_ITEM})+,? (?:and|or) {_ITEM}")
_PAIR = re.compile(r"\b[^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*)? (?:and|or) [^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*)?")
_ITEM_SEPARATOR = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_LEAD = frozenset(STOPWORDS | {"such", "like", "including", "areas", "area", "other", "fields", "sectors"})


def _items(text: str) -> list[frozenset[str]]:
    items = []
    for part in _ITEM_SEPARATOR.split(text):
        words = part.split()
        while words and words[0].lower() in _LEAD:
            words = words[1:]
        stems = frozenset(stem(w) for w in words if w.lower() not in STOPWORDS)
        if stems:
            items.append(stems)
    return items


def _lists(claim: Claim, pattern: re.Pattern[str]) -> list[tuple[int, int, list[frozenset[str]]]]:
    return [(claim.start + start, claim.start + end, items) for start, end, items in _found(claim.text, pattern)]


@functools.lru_cache(maxsize=4096)
def _found(text: str, pattern: re.Pattern[str]) -> tuple[tuple[int, int, list[frozenset[str]]], ...]:
    """Enumerations of a claim text; cached because a claim meets every claim of the other accounts."""
    if " and " not in text and " or " not in text:  # both patterns need one: skip their slow search
        return ()
    return tuple((m.start(), m.end(), _items(m.group())) for m in pattern.finditer(text))


def _match(x: frozenset[str], y: frozenset[str]) -> bool:
    return x <= y or y <= x


def detect_list(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Enumerations sharing a member whose other members differ on both sides."""
    long_a, long_b = _lists(pair.a, _LONG), _lists(pair.b, _LONG)
    if not long_a and not long_b:
        return
    lists_a = long_a or _lists(pair.a, _PAIR)
    lists_b = long_b or _lists(pair.b, _PAIR)
    if not lists_a or not lists_b:
        return
    stems_a, stems_b = pair.stems_a, pair.stems_b
    items_a = [i for _, _, items in lists_a for i in items]
    items_b = [i for _, _, items in lists_b for i in items]
    if not any(_match(x, y) for x in items_a for y in items_b):
        return
    only_a = [x for x in items_a if not any(_match(x, y) for y in items_b) and not x & stems_b]
    only_b = [y for y in items_b if not any(_match(x, y) for x in items_a) and not y & stems_a]
    if not only_a or not only_b:
        return
    span_a = _span([l for l in lists_a if any(_match(x, y) for x in l[2] for y in items_b)])
    span_b = _span([l for l in lists_b if any(_match(x, y) for x in items_a for y in l[2])])
    severity = "medium" if len(only_a) + len(only_b) >= 3 else "low"
    yield Finding("list", severity, span_a, span_b,
                  f"The enumerations differ: {len(only_a)} item(s) only in {ctx.label(pair.a.document)}, "
                  f"{len(only_b)} only in {ctx.label(pair.b.document)}.")


def _span(lists: list[tuple[int, int, list[frozenset[str]]]]) -> tuple[int, int]:
    return min(l[0] for l in lists), max(l[1] for l in lists)
