"""Close but different amounts that two accounts give for what may be one quantity.

Alignment pairs sentences, and an amount is often reported in sentences worded too
differently to be paired, or to be diffed word for word ("to shift $3.6 billion from
highway repair funds" against "money from the highway repair budget, a total of
$3.5 billion"). So, across all claims of two accounts, two amounts of
one unit are compared when they are close (within ``_CLOSE``) but not equal, neither
account gives the other's figure anywhere, neither is approximate, a rounding of the
other or one of a list of figures, and the words around both share at least two, one
of them rare in the event: the figure an editor should check. Such a flag is ``medium``: the two amounts may
still measure two things.
"""

from __future__ import annotations

import bisect

from comparer.align import claim_features
from comparer.approximation import approximate
from comparer.claimdiff import CLAUSE_BREAK
from comparer.classify import Finding
from comparer.quantities import apart_in_the_day, earlier_value, rounded_alike
from comparer.textunits import ClaimIndex
from comparer.types import Claim, Mention

_CLOSE = 1.25  # the larger amount at most this times the smaller
_RARE = 0.05  # share of the event's claims, at most, that use a word for it to tie two claims
_WINDOW = 8  # words either side of an amount that say what it counts
_NEAR_SHARED = 2  # such words both amounts must share
_PARTNERS = 50  # close amounts of the other account met by each amount, at most (bounds the work)


def amount_conflicts(index: ClaimIndex, by_doc: dict[str, list[Claim]],
                     labels: dict[str, str]) -> list[tuple[Claim, Claim, Finding]]:
    """One finding per pair of close, different amounts of two accounts (first occurrences)."""
    docs = sorted(d for d, claims in by_doc.items() if claims)  # ids do not depend on input order
    feats = {c.id: claim_features(index, c) for d in docs for c in by_doc[d]}
    df: dict[str, int] = {}
    for f in (f for fs in feats.values() for f in fs):
        df[f] = df.get(f, 0) + 1
    rare_limit = max(2, _RARE * len(feats))
    # Per account and unit, the amounts sorted by value: each amount meets only the other
    # account's amounts within ``_CLOSE`` of it (bisection), and claims that list figures none.
    amounts = {d: _by_unit(by_doc[d]) for d in docs}
    given = {d: {(unit, m.value) for unit, found in amounts[d].items() for _, m in found} for d in docs}
    near: dict[tuple[str, int], set[str]] = {}

    def around(claim: Claim, mention: Mention) -> set[str]:
        key = (claim.id, mention.start)
        if key not in near:
            near[key] = _near(index, claim, mention)
        return near[key]

    out: list[tuple[Claim, Claim, Finding]] = []
    for x, left in enumerate(docs):
        for right in docs[x + 1:]:
            seen: set[tuple[str, float, float]] = set()
            for unit, found_a in sorted(amounts[left].items()):
                found_b = amounts[right].get(unit, [])
                values_b = [float(m.value) for _, m in found_b]  # type: ignore[arg-type]
                for ca, ma in found_a:
                    va = float(ma.value)  # type: ignore[arg-type]
                    lo, hi = bisect.bisect_left(values_b, va / _CLOSE), bisect.bisect_right(values_b, va * _CLOSE)
                    for cb, mb in found_b[lo:min(hi, lo + _PARTNERS)]:
                        vb = float(mb.value)  # type: ignore[arg-type]
                        if va == vb or (unit, va, vb) in seen:
                            continue
                        if (unit, mb.value) in given[left] or (unit, ma.value) in given[right]:
                            continue  # each account also gives the other's figure
                        if approximate(ca, ma) or approximate(cb, mb) or rounded_alike(ma.text, va, mb.text, vb):
                            continue
                        if earlier_value(ca, ma) != earlier_value(cb, mb) or apart_in_the_day(ca.text, cb.text):
                            continue  # this quarter's figure against last year's; early trading against the close
                        holders = _holder(index, ca, ma), _holder(index, cb, mb)
                        if None not in holders and holders[0] != holders[1]:
                            continue  # "the Ledger found 64 per cent", "the Star said 75 per cent"
                        shared = around(ca, ma) & around(cb, mb)
                        if len(shared) < _NEAR_SHARED or not any(df.get(f, 0) <= rare_limit for f in shared):
                            continue
                        seen.add((unit, va, vb))
                        la, lb = labels[left], labels[right]
                        out.append((ca, cb, Finding(
                            "number", "medium", (ma.start, ma.end), (mb.start, mb.end),
                            f"{la} gives {ma.text!r} where {lb} gives {mb.text!r}, in claims that may report "
                            f"the same amount.")))
    return sorted(out, key=lambda item: (item[0].document, item[2].a, item[1].document, item[2].b))


def _by_unit(claims: list[Claim]) -> dict[str, list[tuple[Claim, Mention]]]:
    """Amounts of an account by unit, sorted by value; amounts of a claim that lists three or
    more of one unit ("Brennan (17 percent), Chu (12 percent) and ...") are left out."""
    out: dict[str, list[tuple[Claim, Mention]]] = {}
    for claim in claims:
        for m in claim.mentions:
            if _is_amount(m) and not _listed(claim, m):
                out.setdefault(m.unit, []).append((claim, m))
    for found in out.values():
        found.sort(key=lambda cm: (float(cm[1].value), cm[0].index, cm[1].start))  # type: ignore[arg-type]
    return out


def _near(index: ClaimIndex, claim: Claim, mention: Mention) -> set[str]:
    """Content-word stems within ``_WINDOW`` words of an amount: what it is an amount of."""
    tokens = index.tokens(claim)
    at = next((k for k, t in enumerate(tokens) if t.end > mention.start), len(tokens))
    after = next((k for k, t in enumerate(tokens) if t.start >= mention.end), len(tokens))
    return {t.stem for t in (*tokens[max(0, at - _WINDOW):at], *tokens[after:after + _WINDOW])
            if t.content and not any(ch.isdigit() for ch in t.low)}


_HOLDER_REACH = 60  # characters between a name and the amount it holds


def _holder(index: ClaimIndex, claim: Claim, mention: Mention) -> str | None:
    """The name an amount belongs to: the nearest one before it in its clause."""
    before = [m for m in claim.mentions if m.kind == "entity" and m.end <= mention.start
              and mention.start - m.end <= _HOLDER_REACH]
    if not before:
        return None
    name = max(before, key=lambda m: m.end)
    between = claim.text[name.end - claim.start:mention.start - claim.start]
    return None if CLAUSE_BREAK.search(between) else index.canon(name)


def _listed(claim: Claim, mention: Mention) -> bool:
    return sum(1 for m in claim.mentions if m.kind == "number" and m.unit == mention.unit) >= 3


def _is_amount(mention: Mention) -> bool:
    return mention.kind == "number" and bool(mention.unit) and mention.label not in ("conversion", "year") \
        and isinstance(mention.value, float) and mention.value > 0


