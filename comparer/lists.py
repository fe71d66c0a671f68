"""Discrepancies between the lists of two claims: names swapped between enumerations that share
members, and lists of one length that share an item but differ in others.

A list is compared as a whole, apart from the word diff of the claims: its items may be given in
another order, and a name swapped inside it is the fact an editor checks ("Japan, the US and North
Korea" against "the United States, Japan and South Korea").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from comparer.claimdiff import ClaimDiff, Unit, span_text
from comparer.classify import Finding, cut_otherwise, one_place
from comparer.textunits import stem, stopwords

_LETTERS = re.compile(r"[^a-z]+")



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
    # a name the other claim gives outside any of its lists ("..., and DWI" after a clause) is no swap
    all_a = {u.key for u in diff.units_a} - {u.key for run in runs_a for u in run}
    all_b = {u.key for u in diff.units_b} - {u.key for run in runs_b for u in run}
    for ka, kb in sorted(p for p in pairs if p[0] >= 0 and p[1] >= 0):
        run_a, run_b = runs_a[ka], runs_b[kb]
        keys_a = {u.key for u in run_a}
        keys_b = {u.key for u in run_b}
        extra_a = [u for u in run_a if u.key not in keys_b and u.key not in all_b]
        extra_b = [u for u in run_b if u.key not in keys_a and u.key not in all_a]
        for x, y in _paired(extra_a, extra_b, len(keys_a & keys_b)):
            if cut_otherwise(diff, x, y) or one_place([x], [y]):
                continue  # one name cut otherwise, or one place named at two levels
            shared = ", ".join(sorted(str(u.mention.value) if u.mention else span_text(diff.a, (u.start, u.end))
                                      for u in run_a if u.key in keys_b))
            out.append(Finding("entity", "low" if weak else "high", (x.start, x.end), (y.start, y.end),
                               f"{la} lists {span_text(diff.a, (x.start, x.end))!r} with {shared} where {lb} "
                               f"lists {span_text(diff.b, (y.start, y.end))!r}."))
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
    Otherwise only names that share a word other than their first ("North Korea", "South Korea")
    are paired."""
    if not extra_a or not extra_b:
        return []
    if len(extra_a) == 1 and len(extra_b) == 1 and shared >= 2:
        return [(extra_a[0], extra_b[0])]
    pairs = []
    for x in extra_a:
        words_x = x.key[2:].split()
        for y in extra_b:
            words_y = y.key[2:].split()
            # a word in common after the first ("North Korea", "South Korea"); a shared first
            # word alone ("National Marine Fisheries Service", "National Oceanic") is no sign
            if set(words_x[1:]) & set(words_y) or set(words_y[1:]) & set(words_x):
                pairs.append((x, y))
    return pairs


# "quantum, semiconductors and AI": three items or more, of one to three words each.
_ITEM = r"[^\W\d_][\w’'&-]*(?: [^\W\d_][\w’'&-]*){0,2}"
_LIST = re.compile(rf"(?:{_ITEM}, )+{_ITEM},? (?:and|or) {_ITEM}")


def list_changes(diff: ClaimDiff, labels: tuple[str, str], weak: bool) -> list[Finding]:
    """Enumerations of one length that share an item but differ in others ("quantum,
    semiconductors and AI" against "quantum, energy and startups"): one ``list`` discrepancy per
    pair of lists, its spans the whole lists. A list that is longer than the other elaborates
    on it. Lists of names are compared name for name by ``enumeration_swaps``."""
    lists_a, lists_b = _lists(diff.a), _lists(diff.b)
    out = []
    la, lb = labels
    for span_a, members_a, words_a in lists_a:
        for span_b, members_b, words_b in lists_b:
            items_a, items_b = frozenset(members_a), frozenset(members_b)
            shared = items_a & items_b
            extra_a = _not_reworded(members_a, items_b, members_b)
            extra_b = _not_reworded(members_b, items_a, members_a)
            # Lists of one length with members swapped; a longer list elaborates, it does not differ.
            # One member put for another is a change of one place, which the word diff types.
            if not shared or len(items_a) != len(items_b) or len(extra_a) < 2 or len(extra_b) < 2:
                continue
            if all(any(_abbreviates(x, y) for y in words_b) for x in extra_a) or \
                    all(any(_abbreviates(y, x) for x in words_a) for y in extra_b):
                continue  # "Ft" / "Fort Lauderdale": the members differ only as an abbreviation
            out.append(Finding("list", "low" if weak else "medium", span_a, span_b,
                               f"{la} lists {span_text(diff.a, span_a)!r} where {lb} lists "
                               f"{span_text(diff.b, span_b)!r}."))
    return out


def _not_reworded(members: dict[str, frozenset[str]], keys: frozenset[str],
                  others: dict[str, frozenset[str]]) -> list[str]:
    """The members the other list lacks that share no word with a member it lacks: "social
    media management" for "social media guidance" is the same member reworded."""
    lacking = [words for key, words in others.items() if key not in members]
    return [key for key, words in members.items() if key not in keys and not any(words & o for o in lacking)]


def _abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` could abbreviate ``long``: same first letter, its letters in order in it."""
    short, long = _LETTERS.sub("", short), _LETTERS.sub("", long)
    if not short or not long or short[0] != long[0] or len(short) >= len(long):
        return False
    rest = iter(long)
    return all(ch in rest for ch in short)


def _lists(claim) -> list[tuple[tuple[int, int], dict[str, frozenset[str]], frozenset[str]]]:
    """The enumerations of a claim: span, each member's key with its words, and all words."""
    function = stopwords()
    out = []
    for m in _LIST.finditer(claim.text):
        items = re.split(r",\s*(?:and |or )?|,? (?:and|or) ", m.group())
        # The pattern takes up to three words for the first item: keep as many as the others have.
        width = max(len(item.split()) for item in items[1:-1] or items[1:])
        first = items[0].split()[-width:]
        start = m.start() + len(items[0]) - len(" ".join(first))
        items[0] = " ".join(first)
        # Where an item ends or starts is least sure at the list's edges: the first item is
        # known by its last word, the last by its first, the others by their letters.
        words = [[w for w in re.findall(r"[\w’']+", item.lower()) if w not in function] for item in items]
        keys = [stem(words[0][-1]) if words[0] else "",
                *(_LETTERS.sub("", "".join(w)) for w in words[1:-1]),
                stem(words[-1][0]) if words[-1] else ""]
        # Each edge item's words, as many as the others have ("Ruth Mayer", not "Ruth Mayer
        # disagreed"): two lists of the same names in another order share their members' words.
        edges = [words[0][-width:], *words[1:-1], words[-1][:width]]
        members = {k: frozenset(stem(w) for w in item) for k, item in zip(keys, edges) if k}
        if len(members) >= 3:
            every = frozenset(w for item in words for w in item)
            out.append(((claim.start + start, claim.start + m.end()), members, every))
    return out
