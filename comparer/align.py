"""Claim-to-claim alignment: which claims of two accounts report the same fact.

Two accounts of one event share their topic words ("the two leaders", the
protagonists' names) in almost every sentence, so plain string similarity barely
separates the claim that reports the same fact from its neighbours. The score of
two claims is therefore a weighted overlap: content-word stems, canonical entities
(aliases and capitals resolved, so "Kyiv" counts as Ukraine) and numbers, each
weighted by how rare it is among the claims being compared (inverse claim
frequency), as a cosine between the two weighted sets. Long claims are also cut
into clauses, so that a claim which covers two facts can match a shorter claim
that reports one of them. RapidFuzz's ``token_set_ratio`` gives a lexical part,
mixed in with ``align.lexical_weight``.

Matching is one to one, best scores first (each claim takes at most one partner
in each other account), and a claim left over may join a partner that contains
what it says (one sentence of a summary that combines two of the article). A
claim with no partner above ``align.threshold`` stays unmatched. Rows of three or
more claims exist only where every two of them are matched with each other.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from typing import NamedTuple

from rapidfuzz import fuzz

from comparer.textunits import ClaimIndex, Token
from comparer.types import Alignment, Claim

_CLAUSE_BREAK = frozenset({",", ";", ":", "(", ")", "—", "–"})
_CLAUSE_WORDS = frozenset({"including", "while", "whereas", "although", "because"})
_LONG_CLAIM = 24  # words; shorter claims are compared whole only
_MIN_CLAUSE = 5
_CLAUSE_DISCOUNT = 0.9
_CONTAINED = 0.6  # share of a leftover claim's weighted content its partner must hold


class Link(NamedTuple):
    """Two claims of different documents judged to report the same fact."""

    a: Claim
    b: Claim
    score: float
    part: bool = False  # one claim holds the other's fact among others (one-to-few)
    single: bool = False  # the only claims of two one-claim accounts
    contained: float = 0.0  # of two one-claim accounts: share of the shorter held by the longer


def claim_features(index: ClaimIndex, claim: Claim) -> frozenset[str]:
    """Content-word stems, canonical entities (``e:``) and values (``n:``) of a claim."""
    return _features(index, claim, index.tokens(claim))


def _features(index: ClaimIndex, claim: Claim, tokens: Sequence[Token]) -> frozenset[str]:
    if not tokens:
        return frozenset()
    found = {t.stem for t in tokens if t.content and not t.low.isdigit()}
    lo, hi = tokens[0].start, tokens[-1].end
    for m in claim.mentions:
        if not (m.start < hi and lo < m.end):
            continue
        if m.kind == "entity":
            found.add("e:" + index.canon(m))
        elif m.kind in ("number", "date") and m.label != "conversion" and m.value is not None:
            found.add(f"n:{m.value}")
            if m.kind == "number" and m.unit and isinstance(m.value, float) and m.value:
                # "$3.5 billion" and "$3.6 billion": one quantity told two ways, to be compared.
                found.add(f"q:{m.unit}:{math.floor(math.log10(abs(m.value)))}")
    return frozenset(found)


def _clauses(index: ClaimIndex, claim: Claim) -> list[tuple[Token, ...]]:
    """The claim's clauses (split at punctuation and a few linking words), for long claims."""
    tokens = index.tokens(claim)
    if len(tokens) < _LONG_CLAIM:
        return []
    text, base = claim.text, claim.start
    entity_spans = [(m.start, m.end) for m in claim.mentions if m.kind == "entity"]
    in_entity = [any(s < t.end and t.start < e for s, e in entity_spans) for t in tokens]
    pieces: list[list[Token]] = [[]]
    previous_end = tokens[0].start
    for k, token in enumerate(tokens):
        gap = text[previous_end - base:token.start - base]
        # A comma between two names is an enumeration ("Japan, the US and ..."), not a clause break.
        listing = k > 0 and gap.strip() == "," and in_entity[k - 1] and (
            in_entity[k] or (token.low == "the" and k + 1 < len(tokens) and in_entity[k + 1]))
        if ((any(ch in _CLAUSE_BREAK for ch in gap) and not listing) or token.low in _CLAUSE_WORDS) \
                and pieces[-1]:
            pieces.append([])
        pieces[-1].append(token)
        previous_end = token.end
    merged: list[list[Token]] = []
    for piece in pieces:
        if merged and (len(piece) < _MIN_CLAUSE or len(merged[-1]) < _MIN_CLAUSE):
            merged[-1].extend(piece)
        else:
            merged.append(piece)
    return [tuple(p) for p in merged] if len(merged) > 1 else []


class _Units:
    """Weighted feature sets of every claim and of its clauses."""

    def __init__(self, index: ClaimIndex, claims: Sequence[Claim]):
        self.whole: dict[str, frozenset[str]] = {}
        self.parts: dict[str, list[frozenset[str]]] = {}
        df: dict[str, int] = {}
        for claim in claims:
            feats = _features(index, claim, index.tokens(claim))
            self.whole[claim.id] = feats
            self.parts[claim.id] = [_features(index, claim, c) for c in _clauses(index, claim)]
            for f in feats:
                df[f] = df.get(f, 0) + 1
        n = len(claims)
        # A feature found in every claim still weighs a little; a unique one weighs most.
        self.idf = {f: math.log((n + 1) / k) + 0.2 for f, k in df.items()}
        self.norm: dict[frozenset[str], float] = {}

    def _norm(self, feats: frozenset[str]) -> float:
        value = self.norm.get(feats)
        if value is None:
            value = self.norm[feats] = math.sqrt(sum(self.idf[f] ** 2 for f in feats))
        return value

    def cosine(self, x: frozenset[str], y: frozenset[str]) -> float:
        shared = x & y
        if not shared:
            return 0.0
        return sum(self.idf[f] ** 2 for f in shared) / (self._norm(x) * self._norm(y))

    def contained(self, x: frozenset[str], y: frozenset[str]) -> float:
        """Weighted share of ``x`` found in ``y``."""
        if not x:
            return 0.0
        return sum(self.idf[f] ** 2 for f in x & y) / self._norm(x) ** 2

    def score(self, a: Claim, b: Claim) -> float:
        whole_a, whole_b = self.whole[a.id], self.whole[b.id]
        if whole_a.isdisjoint(whole_b):
            return 0.0  # clauses are parts of the whole: they share nothing either
        best = self.cosine(whole_a, whole_b)
        units_a = self.parts[a.id] or [whole_a]
        units_b = self.parts[b.id] or [whole_b]
        if len(units_a) > 1 or len(units_b) > 1:
            for x in units_a:
                for y in units_b:
                    best = max(best, _CLAUSE_DISCOUNT * self.cosine(x, y))
        return best


def score_matrix(index: ClaimIndex, left: Sequence[Claim], right: Sequence[Claim], lexical_weight: float,
                 units: _Units | None = None) -> list[list[float]]:
    """Alignment scores 0..1 of every claim of ``left`` against every claim of ``right``.

    The lexical part (RapidFuzz's token set ratio, the costly one on long claims) is computed
    for each claim's ``_CANDIDATES`` best partners by the weighted overlap only, in both
    directions: the cost then grows with the number of claims, not with its square times
    their length.
    """
    units = units or _Units(index, [*left, *right])
    if len(left) * len(right) <= _EXACT_PAIRS:
        overlap = [[units.score(a, b) for b in right] for a in left]
    else:
        overlap = _sparse_overlap(units, left, right)
    texts_a = [" ".join(t.low for t in index.tokens(c) if t.content) for c in left]
    texts_b = [" ".join(t.low for t in index.tokens(c) if t.content) for c in right]
    candidates: set[tuple[int, int]] = set()
    for i, row in enumerate(overlap):
        candidates.update((i, j) for j in _best(row))
    for j in range(len(right)):
        candidates.update((i, j) for i in _best([row[j] for row in overlap]))
    scores = [[(1 - lexical_weight) * s for s in row] for row in overlap]
    for i, j in candidates:
        scores[i][j] += lexical_weight * fuzz.token_set_ratio(texts_a[i], texts_b[j]) / 100.0
    return scores


_CANDIDATES = 8
# Two accounts of more claim pairs than this (500 x 500) are scored only on pairs that share a
# feature held by at most ``_POSTING`` claims of the other account: the work then follows the
# number of claims, and a pair that shares only words found everywhere scores 0.
_EXACT_PAIRS = 250_000
_POSTING = 50


def _sparse_overlap(units: _Units, left: Sequence[Claim], right: Sequence[Claim]) -> list[list[float]]:
    holding: dict[str, list[int]] = {}
    for j, b in enumerate(right):
        for feature in units.whole[b.id]:
            holding.setdefault(feature, []).append(j)
    rows = []
    for a in left:
        row = [0.0] * len(right)
        partners = {j for f in units.whole[a.id] if len(holding.get(f, ())) <= _POSTING for j in holding.get(f, ())}
        for j in partners:
            row[j] = units.score(a, right[j])
        rows.append(row)
    return rows


def _best(values: list[float]) -> list[int]:
    """Indexes of the ``_CANDIDATES`` largest values (all, when there are no more); ties and
    zeros go to the earlier index. Scores are never negative, and most are 0 on long accounts."""
    if len(values) <= _CANDIDATES:
        return list(range(len(values)))
    positive = [k for k, v in enumerate(values) if v > 0.0]
    best = heapq.nsmallest(_CANDIDATES, positive, key=lambda k: (-values[k], k))
    if len(best) < _CANDIDATES:
        best += [k for k, v in enumerate(values) if not v > 0.0][:_CANDIDATES - len(best)]
    return best


def match_pair(matrix: list[list[float]], threshold: float) -> list[tuple[int, int]]:
    """One-to-one matching, best scores first; ties go to the earlier claims.

    >>> match_pair([[0.9, 0.5], [0.8, 0.1]], 0.3)
    [(0, 0)]
    """
    cells = sorted(((s, i, j) for i, row in enumerate(matrix) for j, s in enumerate(row) if s >= threshold),
                   key=lambda c: (-c[0], c[1], c[2]))
    used_i: set[int] = set()
    used_j: set[int] = set()
    out = []
    for _, i, j in cells:
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            out.append((i, j))
    return sorted(out)


def align(index: ClaimIndex, claims_by_doc: dict[str, list[Claim]], threshold: float,
          lexical_weight: float, single_threshold: float | None = None,
          headlines: frozenset[str] = frozenset()) -> tuple[list[Link], list[Alignment]]:
    """Links between claims of every pair of documents, and the rows they form.

    A headline (a claim id in ``headlines``) is compared with headlines only: it sums up
    the whole story in a few words, and would otherwise take the place of the sentence
    that reports the fact it names.
    Deterministic: documents are visited in the given order, ties go to the earlier claim.
    """
    doc_ids = [d for d in claims_by_doc if claims_by_doc[d]]
    units = _Units(index, [c for d in doc_ids for c in claims_by_doc[d]])
    links: list[Link] = []
    for x, left_id in enumerate(doc_ids):
        for right_id in doc_ids[x + 1:]:
            left, right = claims_by_doc[left_id], claims_by_doc[right_id]
            matrix = score_matrix(index, left, right, lexical_weight, units)
            if headlines:
                for i, a in enumerate(left):
                    for j, b in enumerate(right):
                        if (a.id in headlines) != (b.id in headlines):
                            matrix[i][j] = 0.0
            # Two one-claim accounts: each claim has no other to report, rarity weights say little.
            single = len(left) == 1 and len(right) == 1 and single_threshold is not None
            pairs = match_pair(matrix, single_threshold if single_threshold is not None and single else threshold)
            links.extend(Link(left[i], right[j], matrix[i][j], single=single,
                              contained=_held(units, left[i], right[j]) if single else 0.0) for i, j in pairs)
            links.extend(_parts(units, left, right, matrix, pairs, threshold))
    return links, rows(links, {d: k for k, d in enumerate(doc_ids)})


def _held(units: _Units, a: Claim, b: Claim) -> float:
    """Weighted share of the shorter claim's content that the longer one holds."""
    short, long = sorted((units.whole[a.id], units.whole[b.id]), key=len)
    return units.contained(short, long)


def _parts(units: _Units, left: Sequence[Claim], right: Sequence[Claim], matrix: list[list[float]],
           pairs: list[tuple[int, int]], threshold: float) -> list[Link]:
    """A leftover claim joins the matched claim that contains what it says (one-to-few)."""
    taken_i = {i for i, _ in pairs}
    taken_j = {j for _, j in pairs}
    out = []
    for i, row in enumerate(matrix):
        if i in taken_i or not row:
            continue
        j = max(range(len(row)), key=lambda k: (row[k], -k))
        if row[j] >= threshold and j in taken_j \
                and units.contained(units.whole[left[i].id], units.whole[right[j].id]) >= _CONTAINED:
            out.append(Link(left[i], right[j], row[j], part=True))
    for j in range(len(right)):
        if j in taken_j or not matrix:
            continue
        i = max(range(len(left)), key=lambda k: (matrix[k][j], -k))
        if matrix[i][j] >= threshold and i in taken_i \
                and units.contained(units.whole[right[j].id], units.whole[left[i].id]) >= _CONTAINED:
            out.append(Link(left[i], right[j], matrix[i][j], part=True))
    return out


def rows(links: list[Link], rank: dict[str, int]) -> list[Alignment]:
    """Rows of claims that all match each other: pairs, grown to larger rows only by full agreement."""
    linked: dict[str, dict[str, float]] = {}
    order: dict[str, tuple[int, int]] = {}
    for link in links:
        linked.setdefault(link.a.id, {})[link.b.id] = link.score
        linked.setdefault(link.b.id, {})[link.a.id] = link.score
        for claim in (link.a, link.b):
            order[claim.id] = (rank[claim.document], claim.index)
    covered: set[frozenset[str]] = set()
    out: list[Alignment] = []
    for link in sorted(links, key=lambda k: (-k.score, order[k.a.id], order[k.b.id])):
        members = [link.a.id, link.b.id]
        scores = [link.score]
        for candidate in sorted(linked[link.a.id], key=order.__getitem__):
            docs = {order[m][0] for m in members}
            if order[candidate][0] in docs:
                continue
            if all(candidate in linked[m] for m in members):
                scores.extend(linked[candidate][m] for m in members)
                members.append(candidate)
        key = frozenset(members)
        if any(key <= seen for seen in covered):
            continue
        covered.add(key)
        out.append(Alignment(tuple(sorted(members, key=order.__getitem__)), min(scores)))
    return sorted(out, key=lambda g: order[g.claims[0]])
