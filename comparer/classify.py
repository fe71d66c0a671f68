"""What a change between two aligned claims touches, and so what kind of discrepancy it is.

One change of the word diff becomes at most one discrepancy. It is typed by the
strongest thing it touches: a negation, an opposite word, a number, a date, a name
(or the speaker of a quotation), the words inside a quotation, a word of certainty;
otherwise it is a change of ``wording``. A change of function words only ("the" for
"a") is no discrepancy outside quotations.

Severity follows what the two spans can mean together. ``high`` only where they
cannot both be true: two values in the same slot (matching words around them) of
two claims that are mostly the same. The same pair of values in claims worded
differently is ``medium``; a value given on one side only, or anything found in a
weakly aligned pair, is ``low``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import NamedTuple

from comparer.claimdiff import Change, ClaimDiff, Unit
from comparer.textunits import stem, stopwords
from comparer.wordlists import groups, lines

_SLOT = 6  # units a side: a longer change is a different wording, not one value replaced
_SAME = 0.5
_SHORT_QUOTE = 12  # words: a quotation shown whole in a discrepancy  # share of matching units for two claims to be "the same statement"


class Finding(NamedTuple):
    """A typed change, with document offsets of both sides."""

    kind: str
    severity: str
    a: tuple[int, int]
    b: tuple[int, int]
    detail: str


@functools.cache
def _opposites() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for left, right in groups("antonyms"):
        for x in left:
            out.setdefault(stem(x), set()).update(stem(y) for y in right)
        for y in right:
            out.setdefault(stem(y), set()).update(stem(x) for x in left)
    return {k: frozenset(v) for k, v in out.items()}


@functools.cache
def _grades() -> dict[str, tuple[str, int]]:
    """Word stem -> (family, grade) of certainty."""
    out = {}
    for line in lines("modality"):
        head, _, body = line.partition(":")
        family, grade = head.split()
        for word in body.split():
            out[stem(word.lower())] = (family, int(grade))
    return out


def classify(diff: ClaimDiff, change: Change, labels: tuple[str, str], weak: bool) -> Finding | None:
    """The discrepancy one change makes, or None when it changes nothing of substance.

    A change in a slot (a few words between matching ones) is typed by everything it
    touches. A longer change is a different wording of the sentence: there only a
    value that faces a value of its own kind (a number for a number, a date for a
    date) or the words of a quotation are compared, with tight spans.
    """
    slot = _is_slot(diff, change)
    if slot:
        return _in_slot(diff, change, labels, weak)
    return _in_rewording(diff, change, labels, weak)


def _in_slot(diff: ClaimDiff, change: Change, labels: tuple[str, str], weak: bool) -> Finding | None:
    ua, ub = change.a, change.b
    la, lb = labels
    span_a, span_b = _spans(diff, change)
    text_a, text_b = _text(diff.a, span_a), _text(diff.b, span_b)

    def found(kind: str, severity: str, detail: str) -> Finding:
        return Finding(kind, "low" if weak else severity, span_a, span_b, detail)

    neg_a = [u for u in ua if u.kind == "negation"]
    neg_b = [u for u in ub if u.kind == "negation"]
    if bool(neg_a) != bool(neg_b):
        negated, plain = (la, lb) if neg_a else (lb, la)
        return found("negation", "high",
                     f"{negated} says {text_a if neg_a else text_b!r} where {plain} says "
                     f"{text_b if neg_a else text_a!r}: one negates what the other states.")
    if _opposite_pair(ua, ub):
        return found("negation", "high", f"{la} says {text_a!r} where {lb} says the opposite, {text_b!r}.")

    for kind, noun in (("number", "the number"), ("date", "the date")):
        fa = [u for u in ua if u.kind == kind]
        fb = [u for u in ub if u.kind == kind]
        if fa and fb:
            if kind == "number" and _same_quantity(fa, fb):
                return None
            if kind == "date" and _compatible_dates(fa, fb):
                return None
            return found(kind, "high", f"{la} gives {text_a!r} where {lb} gives {text_b!r}: {noun} differs.")
        if fa or fb:  # a detail only one side gives is no conflict of values
            only, other = (la, lb) if fa else (lb, la)
            return found("wording", "low", f"Only {only} gives {text_a if fa else text_b!r} here; {other} does not.")

    ea = [u for u in ua if u.kind == "entity"]
    eb = [u for u in ub if u.kind == "entity"]
    if ea and eb:
        if _speaker_swap(diff, ea, eb):
            return found("attribution", "medium", f"{la} credits the words to {text_a!r}, {lb} to {text_b!r}.")
        return found("entity", "high", f"{la} names {text_a!r} where {lb} names {text_b!r}.")

    quoted = _quotation_change(diff, change, labels)
    if quoted is not None:
        return quoted._replace(severity="low") if weak else quoted

    if ea or eb:
        only, other = (la, lb) if ea else (lb, la)
        return found("wording", "low", f"Only {only} names {text_a if ea else text_b!r} here; {other} does not.")

    if _certainty_change(ua, ub):
        return found("modality", "medium",
                     f"{la} says {text_a!r} where {lb} says {text_b!r}: a different degree of certainty.")

    if not any(u.content for u in (*ua, *ub)):
        return None
    return found("wording", "low", f"{la} words it {text_a!r} where {lb} words it {text_b!r}.")


def _in_rewording(diff: ClaimDiff, change: Change, labels: tuple[str, str], weak: bool) -> Finding | None:
    """In differently worded claims: a value facing one of its kind, or a quotation's words."""
    la, lb = labels
    for kind, noun in (("number", "the number"), ("date", "the date")):
        fa = [u for u in change.a if u.kind == kind and u.mention is not None]
        fb = [u for u in change.b if u.kind == kind and u.mention is not None]
        if len(fa) != 1 or len(fb) != 1:
            continue
        x, y = fa[0], fb[0]
        if kind == "number" and (_same_quantity(fa, fb) or not _same_measure(diff, x, y)):
            continue
        if kind == "date" and (_compatible_dates(fa, fb) or x.mention.label != y.mention.label):
            continue
        span_a, span_b = (x.start, x.end), (y.start, y.end)
        return Finding(kind, "low" if weak else "medium", span_a, span_b,
                       f"{la} gives {_text(diff.a, span_a)!r} where {lb} gives {_text(diff.b, span_b)!r}: "
                       f"{noun} differs.")
    found = _quotation_change(diff, change, labels)
    if found is not None and weak:
        return found._replace(severity="low")
    return found


def _text(claim, span: tuple[int, int]) -> str:
    return claim.text[span[0] - claim.start:span[1] - claim.start]


def _same_measure(diff: ClaimDiff, x: Unit, y: Unit) -> bool:
    """Two numbers of one quantity: the same unit, and the same counted word after them."""
    mx, my = x.mention, y.mention
    if mx is None or my is None or mx.unit != my.unit or mx.label != my.label:
        return False
    if mx.unit:
        return True
    return bool(_counted(diff.units_a, x) & _counted(diff.units_b, y))


def _counted(units: Sequence[Unit], number: Unit) -> set[str]:
    """The content words right after a number: what it counts ("845,000 new jobs")."""
    k = units.index(number)
    return {u.key for u in units[k + 1:k + 3] if u.content and u.kind == "word"}


def _quotation_change(diff: ClaimDiff, change: Change, labels: tuple[str, str]) -> Finding | None:
    """Changed words inside a quotation that the other claim quotes too (a word in common at
    least). Where only one side is inside its quotation (the other account quoted less, or
    paraphrased on), content words must differ on both sides: "in" for "across" after a
    short quotation is paraphrase, "security" for "stability" is not."""
    quotes_a = [m for m in diff.a.mentions if m.kind == "quote" and m.label != "speech"]
    quotes_b = [m for m in diff.b.mentions if m.kind == "quote" and m.label != "speech"]
    inside_a = {u.quote for u in change.a if u.quote >= 0}
    inside_b = {u.quote for u in change.b if u.quote >= 0}
    if not (inside_a or inside_b) or not quotes_a or not quotes_b:
        return None
    if not (inside_a and inside_b) and not (any(u.content for u in change.a) and any(u.content for u in change.b)):
        return None
    qa = quotes_a[min(inside_a)] if inside_a else _quote_before(quotes_a, change.a, diff.units_a, change.i1)
    qb = quotes_b[min(inside_b)] if inside_b else _quote_before(quotes_b, change.b, diff.units_b, change.j1)
    if qa is None or qb is None or not _share_word(qa.text, qb.text):
        return None
    span_a = _quote_span(diff.a, qa, change.a, bool(inside_a))
    span_b = _quote_span(diff.b, qb, change.b, bool(inside_b))
    la, lb = labels
    return Finding("quote", "medium", span_a, span_b,
                   f"The quotation differs: {la} has {_text(diff.a, span_a)!r}, "
                   f"{lb} has {_text(diff.b, span_b)!r}.")


def _quote_span(claim, quote, changed: Sequence[Unit], inside: bool) -> tuple[int, int]:
    """A short quotation whole; in a long one, the changed words. Where the change follows a
    quotation cut short, from the quotation's start to the changed words."""
    if inside and len(quote.text.split()) > _SHORT_QUOTE and changed:
        return changed[0].start, changed[-1].end
    end = max(quote.end, changed[-1].end) if changed else quote.end
    text = claim.text[quote.start - claim.start:end - claim.start]
    return quote.start, quote.start + len(text.rstrip(" ,.;:!?"))


def _quote_before(quotes, changed: Sequence[Unit], units: Sequence[Unit], k: int):
    """The quotation that ends just before a change of unquoted words (a quotation cut short)."""
    start = changed[0].start if changed else (units[k].start if k < len(units) else None)
    if start is None:
        return None
    before = [q for q in quotes if q.end <= start and start - q.end <= 40]
    return before[-1] if before else None


def _share_word(x: str, y: str) -> bool:
    function = stopwords()
    wx = {stem(w) for w in x.lower().split() if w not in function}
    return bool(wx & {stem(w) for w in y.lower().split() if w not in function})


def _is_slot(diff: ClaimDiff, change: Change) -> bool:
    """A short change between matching words, in two claims that mostly say the same."""
    if diff.same < _SAME or len(change.a) > _SLOT or len(change.b) > _SLOT:
        return False
    return change.i1 > 0 or change.i2 < len(diff.units_a)


def _spans(diff: ClaimDiff, change: Change) -> tuple[tuple[int, int], tuple[int, int]]:
    """Document offsets of both sides; an empty side (an insertion) takes the neighbouring unit,
    and the other side's span grows to include that same matching unit."""
    ua, ub = change.a, change.b
    if ua and ub:
        return (ua[0].start, ua[-1].end), (ub[0].start, ub[-1].end)
    units_a, units_b = diff.units_a, diff.units_b
    if change.i2 < len(units_a) and change.j2 < len(units_b):   # the next matching unit
        na, nb = units_a[change.i2], units_b[change.j2]
        a = (ua[0].start if ua else na.start, na.end)
        b = (ub[0].start if ub else nb.start, nb.end)
    elif change.i1 > 0 and change.j1 > 0:                        # else the previous one
        pa, pb = units_a[change.i1 - 1], units_b[change.j1 - 1]
        a = (pa.start, ua[-1].end if ua else pa.end)
        b = (pb.start, ub[-1].end if ub else pb.end)
    else:
        whole_a, whole_b = (diff.a.start, diff.a.end), (diff.b.start, diff.b.end)
        a = (ua[0].start, ua[-1].end) if ua else whole_a
        b = (ub[0].start, ub[-1].end) if ub else whole_b
    return a, b


def _opposite_pair(ua: Sequence[Unit], ub: Sequence[Unit]) -> bool:
    """One content word replaced by its opposite."""
    ca = [u for u in ua if u.content]
    cb = [u for u in ub if u.content]
    if len(ca) != 1 or len(cb) != 1:
        return False
    x, y = ca[0].key.split(":")[-1], cb[0].key.split(":")[-1]
    return y in _opposites().get(x, ())


def _same_quantity(fa: Sequence[Unit], fb: Sequence[Unit]) -> bool:
    """The same values, where one side leaves a unit out or restates the other's scale."""
    if len(fa) != len(fb):
        return False
    for x, y in zip(fa, fb):
        mx, my = x.mention, y.mention
        if mx is None or my is None or mx.value != my.value:
            return False
        if mx.unit and my.unit and mx.unit != my.unit:
            return False
    return True


def _compatible_dates(fa: Sequence[Unit], fb: Sequence[Unit]) -> bool:
    """Dates of which one is a part of the other ("May 2023" and "May 18, 2023")."""
    if len(fa) != 1 or len(fb) != 1:
        return False
    x, y = (fa[0].mention, fb[0].mention)
    if x is None or y is None or not x.value or not y.value:
        return False
    vx, vy = str(x.value), str(y.value)
    return vx.startswith(vy) or vy.startswith(vx) or vx.endswith(vy.lstrip("-")) or vy.endswith(vx.lstrip("-"))


def _speaker_swap(diff: ClaimDiff, ea: Sequence[Unit], eb: Sequence[Unit]) -> bool:
    """The changed names are the speakers credited with the claims' quotations."""
    speakers_a = {str(m.value).lower() for m in diff.a.mentions if m.kind == "quote" and m.value}
    speakers_b = {str(m.value).lower() for m in diff.b.mentions if m.kind == "quote" and m.value}
    return any(str(u.mention.value).lower() in speakers_a for u in ea if u.mention) and \
        any(str(u.mention.value).lower() in speakers_b for u in eb if u.mention)


def _quoted_on_both(diff: ClaimDiff, change: Change) -> bool:
    """Both claims quote here: the changed words, or their place in the other claim, are quoted."""
    def quoted(units: Sequence[Unit], side: Sequence[Unit], k1: int, k2: int) -> bool:
        if any(u.quote >= 0 for u in side):
            return True
        around = [units[k] for k in (k1 - 1, k2) if 0 <= k < len(units)]
        return any(u.quote >= 0 for u in around)

    return quoted(diff.units_a, change.a, change.i1, change.i2) and \
        quoted(diff.units_b, change.b, change.j1, change.j2)


def _certainty_change(ua: Sequence[Unit], ub: Sequence[Unit]) -> bool:
    """A modal or commitment word of another grade, or a hedge on one side only."""
    grades = _grades()
    ga = [grades[u.key.split(":")[-1]] for u in ua if u.key.split(":")[-1] in grades]
    gb = [grades[u.key.split(":")[-1]] for u in ub if u.key.split(":")[-1] in grades]
    if ga and gb and ga[0][0] == gb[0][0] and ga[0][1] != gb[0][1]:
        return True
    ha = any(u.kind == "hedge" for u in ua)
    hb = any(u.kind == "hedge" for u in ub)
    return ha != hb


_LIST_GLUE = frozenset({"and", "or", "the", "as", "well"})


def _enumerations(units: Sequence[Unit]) -> list[list[Unit]]:
    """Runs of two or more names joined by commas, "and", "or" (punctuation is not a unit)."""
    runs: list[list[Unit]] = []
    current: list[Unit] = []
    for unit in units:
        if unit.kind == "entity":
            current.append(unit)
        elif unit.key not in _LIST_GLUE:
            if len(current) > 1:
                runs.append(current)
            current = []
    if len(current) > 1:
        runs.append(current)
    return runs


def enumeration_swaps(diff: ClaimDiff, labels: tuple[str, str], weak: bool) -> list[Finding]:
    """Names swapped between two lists that share members ("Japan, the US and North Korea"
    against "Japan-South Korea"). Each list is compared with the list of the other claim
    that shares most names with it (and differs least); after the shared names, the one
    left on each side, or the ones that share a word, stand in the same place."""
    runs_a, runs_b = _enumerations(diff.units_a), _enumerations(diff.units_b)
    pairs = {(k, _closest(run, runs_b)) for k, run in enumerate(runs_a)}
    pairs |= {(_closest(run, runs_a), k) for k, run in enumerate(runs_b)}
    out = []
    la, lb = labels
    for ka, kb in sorted(p for p in pairs if p[0] >= 0 and p[1] >= 0):
        run_a, run_b = runs_a[ka], runs_b[kb]
        keys_a = {u.key for u in run_a}
        keys_b = {u.key for u in run_b}
        extra_a = [u for u in run_a if u.key not in keys_b]
        extra_b = [u for u in run_b if u.key not in keys_a]
        for x, y in _paired(extra_a, extra_b, len(keys_a & keys_b)):
            shared = ", ".join(sorted(str(u.mention.value) for u in run_a if u.key in keys_b and u.mention))
            out.append(Finding("entity", "low" if weak else "high", (x.start, x.end), (y.start, y.end),
                               f"{la} lists {_text(diff.a, (x.start, x.end))!r} with {shared} where {lb} "
                               f"lists {_text(diff.b, (y.start, y.end))!r}."))
    return out


def _closest(run: list[Unit], others: list[list[Unit]]) -> int:
    """The list of ``others`` sharing most names with ``run`` (fewest others on a tie), or -1."""
    keys = {u.key for u in run}
    best, best_key = -1, (0, 0)
    for k, other in enumerate(others):
        other_keys = {u.key for u in other}
        rank = (len(keys & other_keys), -len(keys ^ other_keys))
        if rank[0] and rank > best_key:
            best, best_key = k, rank
    return best


def _paired(extra_a: list[Unit], extra_b: list[Unit], shared: int) -> list[tuple[Unit, Unit]]:
    """Two lists that share two names or more and differ in one: that one was swapped.
    Otherwise only names that share a word ("North Korea", "South Korea") are paired."""
    if not extra_a or not extra_b:
        return []
    if len(extra_a) == 1 and len(extra_b) == 1 and shared >= 2:
        return [(extra_a[0], extra_b[0])]
    pairs = []
    for x in extra_a:
        words_x = set(x.key[2:].split())
        for y in extra_b:
            if words_x & set(y.key[2:].split()):
                pairs.append((x, y))
    return pairs
