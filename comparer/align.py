"""N-way claim alignment: which claims of different documents report the same fact.

Two accounts of one event share their topic words ("the two leaders", the
protagonists' names) in almost every sentence, so plain string similarity barely
separates the claim that reports the same fact from its neighbours. The score of
two claims is therefore a weighted overlap: content-word stems, canonical entities
(aliases and capitals resolved, so "Kyiv" counts as Ukraine) and numbers, each
weighted by how rare it is among the claims being compared (inverse claim
frequency), as a cosine between the two weighted sets. Long claims are also cut
into clauses, so that a claim which covers two facts can align with a shorter
claim that reports one of them. RapidFuzz's ``token_set_ratio`` (one
``process.extract`` per claim) gives a lexical part, mixed in with
``align.lexical_weight``.

Each claim is linked to its best partner in every other document when the score
clears ``align.threshold`` (``align.mutual_threshold`` when the two claims are each
other's best); links made from either side are kept, so one claim may align with
two of another document. Linked claims form the N-way alignment groups.
"""

import bisect
import math
from collections.abc import Sequence
from typing import NamedTuple

from rapidfuzz import fuzz, process

from comparer.detectors.base import Context, Token
from comparer.types import Alignment, Claim

_CLAUSE_BREAK = frozenset({",", ";", ":", "(", ")", "—", "–"})
_CLAUSE_WORDS = frozenset({"including", "while", "whereas", "although", "because"})
_LONG_CLAIM = 24  # words; shorter claims are compared whole only
_MIN_CLAUSE = 5
_SECOND_SHARE = 0.8  # a second partner must score at least this share of the best one


class Link(NamedTuple):
    """Two claims of different documents judged to report the same fact."""

    a: Claim
    b: Claim
    score: float
    # Linked only by opening with the same name: enough for what the name is said to be,
    # not for comparing the rest of the two claims.
    weak: bool = False


class _Bounds(NamedTuple):
    """Where a run of tokens (in text order, as tokens always are) starts and ends, for bisection."""

    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, tokens: Sequence[Token]) -> "_Bounds":
        return cls([t.start for t in tokens], [t.end for t in tokens])

    def overlapping(self, start: int, end: int) -> range:
        """Indexes of the tokens that overlap [start, end)."""
        first = bisect.bisect_right(self.ends, start)
        return range(first, bisect.bisect_left(self.starts, end, lo=first))


def _features(ctx: Context, claim: Claim, tokens: Sequence[Token]) -> frozenset[str]:
    found = {t.stem for t in tokens if t.content and not t.low.isdigit()}
    bounds = _Bounds.of(tokens)
    for m in ctx.entities(claim):
        if bounds.overlapping(m.start, m.end):
            found.add("e:" + ctx.canon(m))
    for m in claim.mentions:
        if m.kind in ("number", "date") and m.label != "conversion" and m.value is not None \
                and bounds.overlapping(m.start, m.end):
            found.add(f"n:{m.value}")
    return frozenset(found)


def _clauses(ctx: Context, claim: Claim) -> list[tuple[Token, ...]]:
    """The claim's clauses (split at punctuation and a few linking words), for long claims."""
    tokens = ctx.tokens(claim)
    if len(tokens) < _LONG_CLAIM:
        return []
    text, base = claim.text, claim.start
    pieces: list[list[Token]] = [[]]
    previous_end = tokens[0].start
    in_entity = _entity_tokens(ctx, claim, tokens)
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


def _entity_tokens(ctx: Context, claim: Claim, tokens: Sequence[Token]) -> list[bool]:
    inside = [False] * len(tokens)
    bounds = _Bounds.of(tokens)
    for m in ctx.entities(claim):
        for k in bounds.overlapping(m.start, m.end):
            inside[k] = True
    return inside


class _Units:
    """Weighted feature sets of every claim and of its clauses."""

    def __init__(self, ctx: Context, claims: Sequence[Claim]):
        self.whole: dict[str, frozenset[str]] = {}
        self.parts: dict[str, list[frozenset[str]]] = {}
        df: dict[str, int] = {}
        for claim in claims:
            feats = _features(ctx, claim, ctx.tokens(claim))
            self.whole[claim.id] = feats
            self.parts[claim.id] = [_features(ctx, claim, c) for c in _clauses(ctx, claim)]
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

    def score(self, a: Claim, b: Claim) -> float:
        whole_a, whole_b = self.whole[a.id], self.whole[b.id]
        if whole_a.isdisjoint(whole_b):
            return 0.0  # clauses are parts of the whole: they share nothing either
        best = self.cosine(whole_a, whole_b)
        units_a = self.parts[a.id] or [self.whole[a.id]]
        units_b = self.parts[b.id] or [self.whole[b.id]]
        if len(units_a) > 1 or len(units_b) > 1:
            for x in units_a:
                for y in units_b:
                    best = max(best, _CLAUSE_DISCOUNT * self.cosine(x, y))
        return best


_CLAUSE_DISCOUNT = 0.9


def score_matrix(ctx: Context, left: Sequence[Claim], right: Sequence[Claim],
                 units: _Units | None = None) -> list[list[float]]:
    """Alignment scores 0..1 of every claim of ``left`` against every claim of ``right``."""
    units = units or _Units(ctx, [*left, *right])
    weight = ctx.config.align.lexical_weight
    lexical = _lexical_matrix([" ".join(t.low for t in ctx.tokens(c) if t.content) for c in left],
                              [" ".join(t.low for t in ctx.tokens(c) if t.content) for c in right])
    return [[(1 - weight) * units.score(a, b) + weight * lexical[i][j] / 100.0
             for j, b in enumerate(right)] for i, a in enumerate(left)]


def _lexical_matrix(left: list[str], right: list[str]) -> list[list[float]]:
    """token_set_ratio of every pair. ``process.extract`` per row rather than ``cdist``,
    because cdist returns a numpy array and importing numpy costs more than a whole
    two-document diff; the per-pair work is the same C++ either way."""
    rows = []
    for query in left:
        scores = [0.0] * len(right)
        for _, score, j in process.extract(query, right, scorer=fuzz.token_set_ratio, limit=None):
            scores[j] = score
        rows.append(scores)
    return rows


def align(ctx: Context, claims_by_doc: dict[str, list[Claim]]) -> tuple[list[Link], list[Alignment]]:
    """Links between claims of every pair of documents, and the N-way groups they form.

    Deterministic: documents are visited in the given order, ties go to the earlier claim.
    """
    settings = ctx.config.align
    doc_ids = [d for d in claims_by_doc if claims_by_doc[d]]
    units = _Units(ctx, [c for d in doc_ids for c in claims_by_doc[d]])
    links: list[Link] = []
    for x, left_id in enumerate(doc_ids):
        for right_id in doc_ids[x + 1:]:
            left, right = claims_by_doc[left_id], claims_by_doc[right_id]
            matrix = score_matrix(ctx, left, right, units)
            row_best = [max(range(len(right)), key=lambda k: (row[k], -k)) for row in matrix]
            col_best = [max(range(len(left)), key=lambda k: (matrix[k][j], -k)) for j in range(len(right))]
            candidates = [*enumerate(row_best), *((i, j) for j, i in enumerate(col_best))]
            candidates += _second_best(ctx, left, matrix, row_best)
            transposed = [list(col) for col in zip(*matrix)]
            candidates += [(i, j) for j, i in _second_best(ctx, right, transposed, col_best)]
            chosen: dict[tuple[int, int], float] = {}
            for i, j in candidates:
                mutual = row_best[i] == j and col_best[j] == i
                needed = settings.mutual_threshold if mutual else settings.threshold
                # A one-claim document has nothing else to report: its best partner needs
                # only some shared content (a name, a word, a number).
                if mutual and (len(left) == 1 or len(right) == 1) and units.score(left[i], right[j]) > 0:
                    needed = min(needed, settings.single_threshold)
                if matrix[i][j] >= needed:
                    chosen[(i, j)] = matrix[i][j]
            links.extend(Link(left[i], right[j], s) for (i, j), s in sorted(chosen.items()))
            if not chosen and len(left) == 1 and len(right) == 1 and _same_opening(ctx, left[0], right[0]):
                links.append(Link(left[0], right[0], matrix[0][0], weak=True))
    strong = [link for link in links if not link.weak]
    return links, _groups(strong, {d: k for k, d in enumerate(doc_ids)})


def _same_opening(ctx: Context, a: Claim, b: Claim) -> bool:
    """Whether two claims open with the same name (the subject of both sentences).

    A claim that opens with a personal pronoun ("It is ...", "She was ...") against one
    that opens with a name is read as speaking of that name: the pronoun is recorded as
    standing for it (``stands_for``), for the detectors of what the subject is said to be.
    """
    from comparer.detectors.entities import same_entity
    from comparer.detectors.predicates import PRONOUNS, opening_name

    sa, sb = opening_name(ctx, a, ctx.tokens(a)), opening_name(ctx, b, ctx.tokens(b))
    if sa is None or sb is None:
        return False
    pa, pb = sa.text.lower() in PRONOUNS, sb.text.lower() in PRONOUNS
    if pa != pb:
        pronoun_claim, name = (a, sb) if pa else (b, sa)
        ctx.doc_cache[("stands_for", pronoun_claim.id)] = name
        return True
    return same_entity(ctx, sa, sb)


def _second_best(ctx: Context, claims: Sequence[Claim], matrix: list[list[float]],
                 best: list[int]) -> list[tuple[int, int]]:
    """A long claim may report two facts that another account gives in two claims."""
    out = []
    for i, row in enumerate(matrix):
        if len(row) > 1 and len(ctx.tokens(claims[i])) >= _LONG_CLAIM:
            j = max((k for k in range(len(row)) if k != best[i]), key=lambda k: (row[k], -k))
            if row[j] >= _SECOND_SHARE * row[best[i]]:
                out.append((i, j))
    return out


def _groups(links: list[Link], rank: dict[str, int]) -> list[Alignment]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    order: dict[str, tuple[int, int]] = {}
    for link in links:
        for claim in (link.a, link.b):
            order.setdefault(claim.id, (rank[claim.document], claim.index))
        ra, rb = find(link.a.id), find(link.b.id)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = {}
    for claim_id in order:
        members.setdefault(find(claim_id), []).append(claim_id)
    scores: dict[str, list[float]] = {}
    for link in links:
        scores.setdefault(find(link.a.id), []).append(link.score)
    groups = [Alignment(tuple(sorted(ids, key=order.__getitem__)), min(scores[root]))
              for root, ids in members.items()]
    return sorted(groups, key=lambda g: order[g.claims[0]])

