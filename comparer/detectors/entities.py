"""Entity discrepancies: one account names a different person, place or organisation.

Three general signals, strongest first:

* a slot: the word-level diff of the two claims replaces an entity of one with an
  entity of the other, with matching words around ("a state in Mexico" against
  "a state in ... the United States");
* an enumeration: both claims list entities together ("Japan, the US and X"), the
  lists share a member, and one list has a member the other account never puts
  with the shared ones, while the other list has a different one of the same type;
* a swap: each claim names an entity of one type that the other lacks, and the
  claims otherwise say nearly the same thing.

Equal canonical names (aliases, a capital for its country) and a name contained
in a longer one ("Fanning" in "Dakota Fanning") are the same entity.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from rapidfuzz import fuzz

from comparer.detectors.base import Context, Finding, Pair, inside, negated
from comparer.types import Claim, Mention

_JOINER = re.compile(r"^(?:\s*(?:,|and|or|&|-|–|/|the|as well as)\s*)+$", re.I)
_NAME_SEPARATORS = re.compile(r"[\s.\-',:;]+")
_NOT_LETTER = re.compile(r"[^a-z]")
_WORD_SEPARATORS = re.compile(r"[\s\-.]+")
_GENERIC_LABEL = "other"
_SAME_NAME = 88  # RapidFuzz ratio above which two names are one spelt differently
_NEAR_COPY = 0.9
_SWAP_OVERLAP = 0.6  # share of content words two claims must have for a bare swap to count


def _words(value: str) -> set[str]:
    return {w for w in _NAME_SEPARATORS.split(value.lower()) if w}


def same_entity(ctx: Context, x: Mention, y: Mention) -> bool:
    cx, cy = ctx.canon(x), ctx.canon(y)
    if cx == cy:
        return True
    wx, wy = _words(cx), _words(cy)
    if not wx or not wy:
        return False
    if wx <= wy or wy <= wx or _abbreviates(cx, cy) or _abbreviates(cy, cx) or _cut_at_accent(cx, cy):
        return True
    # Spelling variants and partial names of one entity: "Turk"/"Turks", "Tim Roth"/"Timothy Simon Roth".
    # A different first letter makes another name ("Hollywood"/"Bollywood").
    if (cx[0] == cy[0] and fuzz.ratio(cx, cy) >= _SAME_NAME) or (len(wx) == len(wy) and all(
            any(a[0] == b[0] and fuzz.ratio(a, b) >= _SAME_NAME for b in wy) for a in wx)):
        return True
    if any(_close_words(a, b) for a in wx for b in wy if a[0] == b[0]) and (
            len(wx) == 1 or len(wy) == 1 or (x.label != "place" and y.label != "place")):
        # One name is a spelling or a cut of a word of the other: "Faeroes"/"Faroe Islands",
        # "Qaeda"/"Qaida", "Cambrésis" cut short at an accent.
        return True
    return x.label != "place" and y.label != "place" and any(len(w) >= 4 for w in wx & wy)


_NAME_GLUE = frozenset({"of", "the", "and", "for", "&", "de", "du", "la", "le"})


def _abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` is the initials of ``long``: "IAEA", "F.T.C.", "N.Y." for "New York"."""
    letters = _NOT_LETTER.sub("", short)
    words = [w for w in _WORD_SEPARATORS.split(long) if w]
    if len(letters) < 2 or len(words) < 2 or len(letters) > len(words) or " " in short.strip(". "):
        return False
    initials = "".join(w[0] for w in words if w not in _NAME_GLUE)
    return letters in (initials, "".join(w[0] for w in words))


def _cut_at_accent(x: str, y: str) -> bool:
    """Whether one name is the other cut short before an accented letter ("L'Ore" for
    "L'Oréal"), as a name extractor that stops at non-ASCII letters leaves it."""
    short, long = (unicodedata.normalize("NFD", v) for v in sorted((x, y), key=len))
    return len(short) >= 3 and long.startswith(short) and len(long) > len(short) \
        and unicodedata.combining(long[len(short)]) > 0


def _close_words(a: str, b: str) -> bool:
    if min(len(a), len(b)) < 5:
        return False
    if a.startswith(b) or b.startswith(a):
        return True
    return fuzz.ratio(a, b) >= 80


def compatible(x: Mention, y: Mention) -> bool:
    """Entities that could fill the same slot: same type, or one of unknown type."""
    if x.label == y.label:
        return True
    if _GENERIC_LABEL in (x.label, y.label):
        other = y.label if x.label == _GENERIC_LABEL else x.label
        return other != "person"  # a bare capitalised word is rarely a person's stand-in
    return False


def _absent(ctx: Context, mention: Mention, others: list[Mention]) -> bool:
    return not any(same_entity(ctx, mention, o) for o in others)


def _describe(ctx: Context, x: Mention, y: Mention, pair: Pair) -> str:
    return (f"{ctx.label(pair.a.document)} names {x.text!r} where {ctx.label(pair.b.document)} "
            f"names {y.text!r} in the same place of the claim.")


def detect_entity(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Entity substitutions between two aligned claims."""
    ents_a, ents_b = ctx.entities(pair.a), ctx.entities(pair.b)
    if not ents_a or not ents_b:
        return
    reported: set[tuple[int, int]] = set()
    # 1. slots of the word-level diff
    for i1, i2, j1, j2 in pair.slots(clip=True):
        words, before, after = pair.context(i1, j1)
        if not _anchored(ctx, pair.a, words):
            continue
        i1, i2 = _clause_part(pair.a, pair.ta, i1, i2, before, after)
        j1, j2 = _clause_part(pair.b, pair.tb, j1, j2, before, after)
        # The words around match, so the two names fill one place even if each claim
        # also names the other's entity elsewhere, provided the claims are near copies.
        near_copy = pair.same_fraction() >= _NEAR_COPY
        in_a = [m for m in ents_a if inside(m, pair.ta, i1, i2) and (near_copy or _absent(ctx, m, ents_b))
                and not _pronoun_named(pair, pair.a, m, i1, j1)]
        in_b = [m for m in ents_b if inside(m, pair.tb, j1, j2) and (near_copy or _absent(ctx, m, ents_a))
                and not _pronoun_named(pair, pair.b, m, i1, j1)]
        for x in in_a:
            if negated(pair.a, x.start):
                continue
            y = _best_partner(x, [m for m in in_b if compatible(x, m) and not same_entity(ctx, x, m)
                                  and not negated(pair.b, m.start)
                                  and bracketed(pair.a, x.start) == bracketed(pair.b, m.start)])
            if y is not None and (x.start, y.start) not in reported:
                reported.add((x.start, y.start))
                yield Finding("entity", "high", (x.start, x.end), (y.start, y.end), _describe(ctx, x, y, pair))
    if reported:
        return
    # 2. enumerations that share a member (tried from either side; the first found is reported)
    for this, other, flipped in ((pair.a, pair.b, False), (pair.b, pair.a, True)):
        for mine, theirs in _enumeration_swaps(ctx, this, other):
            detail = (f"{ctx.label(this.document)} lists {mine.text!r} with "
                      f"{', '.join(sorted(_anchor_names(ctx, this, mine)))} where "
                      f"{ctx.label(other.document)} lists {theirs.text!r}.")
            x, y = (theirs, mine) if flipped else (mine, theirs)
            yield Finding("entity", "high", (x.start, x.end), (y.start, y.end), detail)
            return
    # 3. a swap of one entity for another of the same type in near-identical claims
    if pair.same_fraction() < _SWAP_OVERLAP:
        return
    only_a = [m for m in ents_a if _absent(ctx, m, ents_b) and m.label != _GENERIC_LABEL
              and not negated(pair.a, m.start) and not _fragment(ents_a, m)]
    only_b = [m for m in ents_b if _absent(ctx, m, ents_a) and m.label != _GENERIC_LABEL
              and not negated(pair.b, m.start) and not _fragment(ents_b, m)]
    for x in only_a:
        y = _best_partner(x, [m for m in only_b if m.label == x.label])
        if y is not None:
            yield Finding("entity", "medium", (x.start, x.end), (y.start, y.end),
                          f"{ctx.label(pair.a.document)} names {x.text!r} where "
                          f"{ctx.label(pair.b.document)} names {y.text!r}.")
            return


def _anchored(ctx: Context, claim: Claim, words) -> bool:
    """Whether the matching words around a slot say something besides names: "in" or the
    shared half of two different names ("San" of "San Diegans" / "San Diego") is no place
    of a claim."""
    spans = [(m.start, m.end) for m in ctx.entities(claim)]
    return any(t.content and len(t.text) > 1 and not any(s <= t.start < e for s, e in spans) for t in words)


_CLAUSE_GAP = re.compile(r"[,;:()\[\]]|-[LR][RS]B-")


def _clause_part(claim: Claim, tokens, i1: int, i2: int, before: bool, after: bool) -> tuple[int, int]:
    """The clause of a slot next to its matching words: in "Distributed by Columbia Pictures,
    the film was released" the place before "was released" holds "the film", not the name."""
    if before == after or i2 - i1 < 2:
        return i1, i2
    breaks = [k for k in range(i1 + 1, i2) if _CLAUSE_GAP.search(
        claim.text[tokens[k - 1].end - claim.start:tokens[k].start - claim.start])]
    if not breaks:
        return i1, i2
    return (breaks[-1], i2) if after else (i1, breaks[0])


def _pronoun_named(pair: Pair, claim: Claim, m: Mention, i1: int, j1: int) -> bool:
    """Whether ``m`` opens its claim where the other claim opens with a personal pronoun:
    "He was survived by ..." / "Wolfgang Mozart had ...": the pronoun stands for the name."""
    if i1 or j1 or m.start != claim.start:
        return False
    other = pair.tb if claim is pair.a else pair.ta
    return bool(other) and other[0].low in _PRONOUNS


_PRONOUNS = frozenset({"he", "she", "it", "they"})
_OPENERS = re.compile(r"-LRB-|-LSB-|[(\[]")
_CLOSERS = re.compile(r"-RRB-|-RSB-|[)\]]")


def bracketed(claim: Claim, start: int) -> bool:
    """Whether the offset ``start`` lies inside a parenthesis of ``claim`` (an aside: another
    name, a pronunciation, a year)."""
    head = claim.text[:start - claim.start]
    return len(_OPENERS.findall(head)) > len(_CLOSERS.findall(head))


def _fragment(mentions: list[Mention], m: Mention) -> bool:
    """Whether ``m`` is one piece of a longer name cut in two ("Italian" of "Eighth Italian War")."""
    return any(o is not m and (0 <= o.start - m.end <= 1 or 0 <= m.start - o.end <= 1) for o in mentions)


def _best_partner(x: Mention, candidates: list[Mention]) -> Mention | None:
    if not candidates:
        return None
    return max(candidates, key=lambda m: (fuzz.ratio(str(x.value), str(m.value)), -m.start))


def enumerations(ctx: Context, claim: Claim) -> list[list[Mention]]:
    """Runs of two or more entities of one type joined by commas, "and", "or" or a hyphen."""
    cached = ctx.doc_cache.get(("enum", claim.id))
    if cached is not None:
        return cached
    groups: list[list[Mention]] = []
    current: list[Mention] = []
    for m in ctx.entities(claim):
        if current and m.label == current[-1].label and m.start >= current[-1].end \
                and _JOINER.match(claim.text[current[-1].end - claim.start:m.start - claim.start]):
            current.append(m)
            continue
        if len(current) >= 2:
            groups.append(current)
        current = [m]
    if len(current) >= 2:
        groups.append(current)
    ctx.doc_cache[("enum", claim.id)] = groups
    return groups


def _anchor_names(ctx: Context, claim: Claim, x: Mention) -> set[str]:
    for group in enumerations(ctx, claim):
        if x in group:
            return {str(m.value) for m in group if m is not x}
    return set()


def _supported(ctx: Context, doc_id: str, member: Mention, anchors: list[Mention]) -> bool:
    """Whether a document lists ``member`` together with one of ``anchors`` anywhere."""
    for claim in ctx.claims_by_doc.get(doc_id, ()):
        for group in enumerations(ctx, claim):
            if any(same_entity(ctx, member, m) for m in group) and \
                    any(same_entity(ctx, a, m) for a in anchors for m in group):
                return True
    return False


def _enumeration_swaps(ctx: Context, a: Claim, b: Claim) -> Iterator[tuple[Mention, Mention]]:
    """Members of an enumeration of ``a`` that ``b``'s account never lists with the shared members."""
    for group_a in enumerations(ctx, a):
        for group_b in enumerations(ctx, b):
            if group_a[0].label != group_b[0].label:
                continue
            anchors = [m for m in group_a if not _absent(ctx, m, group_b)]
            if not anchors:
                continue
            extra_a = [m for m in group_a if _absent(ctx, m, group_b)
                       and not _supported(ctx, b.document, m, anchors)
                       and _absent(ctx, m, ctx.entities(b))]
            extra_b = [m for m in group_b if _absent(ctx, m, group_a)]
            for x in extra_a:
                y = _best_partner(x, extra_b)
                if y is not None:
                    yield x, y
                    return


_EXCLUSIVE = frozenset({"only", "solely", "exclusively", "purely", "entirely", "wholly"})
_EXCLUSIVE_REACH = 6  # words between the cue and the name it restricts


def _exclusive_names(ctx: Context, pair: Pair, claim: Claim, tokens) -> list[Mention]:
    """Entities a claim restricts with an exclusivity cue: "only works in Hollywood",
    "lives in Japan exclusively"."""
    cues = [k for k, t in enumerate(tokens) if t.low in _EXCLUSIVE]
    if not cues:
        return []
    out = []
    for m in ctx.entities(claim):
        first = next((k for k, t in enumerate(tokens) if t.end > m.start), None)
        last = max((k for k, t in enumerate(tokens) if t.start < m.end), default=None)
        if first is None or last is None:
            continue
        if any(0 < first - k <= _EXCLUSIVE_REACH or k == last + 1 for k in cues):
            out.append(m)
    return out


def detect_exclusive(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """One account says a thing holds *only* for one name or one thing; the other gives
    another name, or lists that thing together with another (see ``_exclusive_list``)."""
    found = False
    for finding in _exclusive_entity(pair, ctx):
        found = True
        yield finding
    if not found:
        yield from _exclusive_list(pair, ctx)


def _exclusive_entity(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """One account says a thing holds *only* for one name; the other gives it another name.

    "Veeru Devgan only works in Hollywood" against "a film director in Bollywood": the
    restriction excludes the other account's name. The two claims must share an entity
    besides the restricted one (their subject), and the other account's name must be of
    a compatible type and absent from the restricting claim.
    """
    for side in (0, 1):
        c, o = (pair.b, pair.a) if side == 0 else (pair.a, pair.b)
        tc = pair.tb if side == 0 else pair.ta
        ents_c, ents_o = ctx.entities(c), ctx.entities(o)
        restricted = [m for m in _exclusive_names(ctx, pair, c, tc)
                      if _absent(ctx, m, ents_o) and not negated(c, m.start)]
        if not restricted:
            continue
        shared = [m for m in ents_c if not _absent(ctx, m, ents_o)]
        if not shared:
            continue
        for y in restricted:
            others = [m for m in ents_o if _absent(ctx, m, ents_c) and compatible(m, y)
                      and m.label == y.label and not negated(o, m.start)]
            x = _best_partner(y, others)
            if x is None:
                continue
            ya, xb = (x, y) if side == 0 else (y, x)
            yield Finding("entity", "medium", (ya.start, ya.end), (xb.start, xb.end),
                          f"{ctx.label(c.document)} says only {y.text!r} where "
                          f"{ctx.label(o.document)} names {x.text!r}.")
            return


_LIST_JOIN = frozenset({"and", "or"})
_NOT_RESTRICTING = frozenset({"the", "a", "an", "not", "if"})  # "the only son", "not only X but Y"


def _coordinated(claim: Claim, tokens) -> list[list]:
    """Runs of single content words joined by commas, "and" or "or": "TV and film",
    "actor, writer and producer"."""
    runs: list[list] = []
    for k, t in enumerate(tokens):
        if t.low not in _LIST_JOIN or k == 0 or k + 1 >= len(tokens):
            continue
        left, right = tokens[k - 1], tokens[k + 1]
        if not (left.content and right.content) or left.low in _EXCLUSIVE or right.low in _EXCLUSIVE:
            continue
        members = [right, left]
        j = k - 1
        while j >= 2 and claim.text[tokens[j - 1].end - claim.start:tokens[j].start - claim.start].strip() == "," \
                and tokens[j - 1].content:
            j -= 1
            members.append(tokens[j])
        runs.append(members)
    return runs


def _restricted_words(claim: Claim, tokens) -> list:
    """Content words within reach after an exclusivity cue ("only worked in film")."""
    out = []
    for k, t in enumerate(tokens):
        if t.low not in _EXCLUSIVE or (k and tokens[k - 1].low in _NOT_RESTRICTING):
            continue
        for u in tokens[k + 1:k + 1 + _EXCLUSIVE_REACH]:
            if any(ch in ",;:()" for ch in claim.text[t.end - claim.start:u.start - claim.start]):
                break
            if u.content and u.low not in _EXCLUSIVE:
                out.append(u)
    return out


def _exclusive_list(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """One account restricts its subject to one thing; the other lists that thing with another.

    "Ekta Kapoor only worked in film" against "Ekta Kapoor is an Indian TV and film
    producer": the list's other member is excluded by the restriction. Both claims must
    open with the same name, and the other member must be absent from the restricting claim.
    """
    from comparer.detectors.predicates import _subject

    sa, sb = _subject(ctx, pair.a, pair.ta), _subject(ctx, pair.b, pair.tb)
    if sa is None or sb is None or not same_entity(ctx, sa, sb):
        return
    for side in (0, 1):
        c, o = (pair.b, pair.a) if side == 0 else (pair.a, pair.b)
        tc, to = (pair.tb, pair.ta) if side == 0 else (pair.ta, pair.tb)
        restricted = [u for u in _restricted_words(c, tc) if not negated(c, u.start)]
        if not restricted:
            continue
        stems_c = {t.stem for t in tc}
        for run in _coordinated(o, to):
            if negated(o, min(t.start for t in run)):
                continue
            for x in restricted:
                if not any(m.stem == x.stem for m in run):
                    continue
                others = [m for m in run if m.stem != x.stem and m.stem not in stems_c]
                if not others:
                    continue
                y = min(others, key=lambda m: m.start)
                xa, yb = ((y, x) if side == 0 else (x, y))
                yield Finding("entity", "medium", (xa.start, xa.end), (yb.start, yb.end),
                              f"{ctx.label(c.document)} says only {x.text!r} where "
                              f"{ctx.label(o.document)} names {y.text!r} as well.")
                return
