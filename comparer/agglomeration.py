"""Average-link agglomeration of the candidates of one event, under a cohesion rule.

Reports of two events of one kind (two earthquakes, two shootings in one city) are alike, but less
alike than the reports of each event are among themselves: a group joins another only when their
average similarity is near the groups' own (:class:`MergeRule`). :func:`average_link` weighs each
pair of documents by its dates, main participants and shared evidence before agglomerating; small
components are agglomerated exactly (:func:`_cohesive_average_link`), large ones by cutting the
plain average-link tree under the same rule (:func:`_cohesive_cut`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from comparer.config import ClusterConfig
from comparer.event_signature import Signature, date_relation, dates_apart, participant_factor


def gram(matrix: Any, members: Sequence[int]) -> Any:
    """The dense dot products of the rows ``members`` of ``matrix`` with each other.

    Only the columns these rows use are kept before multiplying: the product then costs what the
    rows hold, not the size of the corpus vocabulary.
    """
    import numpy as np
    from scipy import sparse

    sub = matrix[list(members)]
    used, columns = np.unique(sub.indices, return_inverse=True)
    compact = sparse.csr_matrix((sub.data, columns.astype(np.int64), sub.indptr), shape=(sub.shape[0], len(used)))
    return (compact @ compact.T).toarray()


@dataclass(frozen=True, slots=True)
class MergeRule:
    """When two groups of reports may merge: the settings of the cohesive average-link cut.

    Two groups merge when their average similarity is at least ``threshold`` and, when both have
    three or more members, at least ``cohesion`` times the inner similarity of the looser of them,
    or ``dated_cohesion`` times when their dates agree (``agreement``, ``agreement_share``: see
    :func:`_agreeing`); two such groups whose known pairs are mostly dated far apart (at least
    ``conflict_share`` of them) do not merge at all.
    """

    threshold: float
    cohesion: float
    dated_cohesion: float = 0.0
    agreement: float = 2.0
    agreement_share: float = 1.0
    conflict_share: float = 2.0

    @classmethod
    def of(cls, cluster: ClusterConfig) -> MergeRule:
        """The rule that ``cluster`` sets."""
        return cls(cluster.threshold, cluster.cohesion, cluster.dated_cohesion, cluster.date_agreement,
                   cluster.agreement_share, cluster.conflict_share)

    def refuses(self, best: float, tight: Sequence[float], agreeing: float, apart: float, known: float,
                pairs: float) -> bool:
        """Whether two groups whose average similarity ``best`` reaches the threshold must stay apart.

        Args:
            best: the groups' average similarity.
            tight: the inner similarity of each of the two that has three or more members.
            agreeing: their pairs' summed date agreement (1 alike, -1 apart, 0 unknown).
            apart: how many of their pairs are dated far apart.
            known: how many of their pairs are dated (or given weekdays) on both sides.
            pairs: how many pairs they make.
        """
        if len(tight) < 2:
            return False
        dated = _agreeing(agreeing, known, pairs, self.agreement, self.agreement_share)
        ratio = self.dated_cohesion if dated else self.cohesion
        return best < ratio * min(tight) or _agreeing(apart, known, pairs, self.conflict_share, self.agreement_share)


def average_link(matrix: Any, members: Sequence[int], dates: Sequence[Signature],
                 cluster: ClusterConfig, evidence: Any = None, crowd: Any = None) -> list[list[int]]:
    """Average-link agglomeration of ``members`` (dense), cut at ``cluster.threshold``.

    ``evidence`` (see :func:`evidence_rows`), when given, discounts pairs that share little;
    ``crowd`` (see :func:`comparer.events.crowding`), when given, is subtracted for each side.

    Up to ``cluster.exact_limit`` members the cohesive agglomeration is exact; above it, the
    plain average-link tree is cut under the same rule (:func:`_cohesive_cut`).
    """
    if len(members) == 1:
        return [list(members)]
    sim = gram(matrix, members)
    agree, apart = _date_relations(sim, members, dates, cluster)
    if evidence is not None and cluster.evidence > 0:  # the evidence factor of every pair at once
        shared = gram(evidence, members)
        _discount(sim, shared, agree, cluster.evidence)
    if crowd is not None:
        local = crowd[list(members)]
        sim -= local[:, None] + local[None, :]
    groups: dict[int, list[int]] = {}
    for member, label in zip(members, _cut(sim, agree, apart, cluster)):
        groups.setdefault(int(label), []).append(member)
    return list(groups.values())


def _date_relations(sim: Any, members: Sequence[int], dates: Sequence[Signature],
                    cluster: ClusterConfig) -> tuple[Any, Any]:
    """How the dates of each pair of ``members`` relate: ``agree`` (1 alike, -1 apart, 0 unknown)
    and ``apart`` (1 for dates more than ``conflict_days`` apart).

    The date and participant factors of each pair multiply its similarity in ``sim`` (in place).
    Only pairs whose reports both tell when (a date, a year or a weekday), or name different main
    participants and share a feature, are looked at: any other pair has factor 1 and no agreement.
    """
    import numpy as np

    agree = np.zeros_like(sim)
    apart = np.zeros_like(sim)
    sigs = [dates[m] for m in members]
    when = np.array([bool(s.dates or s.years) or s.weekday is not None for s in sigs])
    mains: dict[str | None, int] = {None: -1}
    main = np.array([mains.setdefault(s.main, len(mains)) for s in sigs])
    differ = (main[:, None] != main[None, :]) & (main[:, None] >= 0) & (main[None, :] >= 0) & (sim != 0)
    visit = np.triu((when[:, None] & when[None, :]) | differ, 1)
    for a, b in zip(*(side.tolist() for side in np.nonzero(visit))):
        sa, sb = dates[members[a]], dates[members[b]]
        factor, agree[a, b] = date_relation(sa, sb, cluster)
        if agree[a, b] < 0 and dates_apart(sa, sb, cluster):
            apart[a, b] = apart[b, a] = 1.0
        factor *= participant_factor(sa, sb, cluster)
        agree[b, a] = agree[a, b]
        if factor != 1.0:
            sim[a, b] *= factor
            sim[b, a] *= factor
    return agree, apart


def _discount(sim: Any, shared: Any, agree: Any, evidence: float) -> None:
    """Multiply each pair's similarity by ``shared / (shared + evidence)`` unless their dates agree
    (see :func:`comparer.event_signature.evidence_factor`), in place."""
    import numpy as np

    discount = shared / (shared + evidence)
    discount[agree > 0] = 1.0
    np.fill_diagonal(discount, 1.0)
    sim *= discount


def _cut(sim: Any, agree: Any, apart: Any, cluster: ClusterConfig) -> Any:
    """A group label for each row of ``sim``: the cohesive agglomeration when it is on and the rows
    are few enough to agglomerate exactly, else the average-link tree cut under the same rule."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    rule = MergeRule.of(cluster)
    if cluster.cohesion > 0 and len(sim) <= cluster.exact_limit:
        return _cohesive_average_link(sim, rule, agree, apart)
    distance = np.clip(1.0 - sim, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    if cluster.cohesion > 0:
        return _cohesive_cut(tree, len(sim), rule, agree, apart)
    return fcluster(tree, t=1.0 - cluster.threshold, criterion="distance")


def _cohesive_cut(tree: Any, m: int, rule: MergeRule, agree: Any = None, apart: Any = None) -> list[int]:
    """Groups of an average-link tree under the rule of :func:`_cohesive_average_link`.

    The tree's merges are read bottom up; a merge the ``rule`` refuses (``agree`` and ``apart`` as
    there) is refused, and so is every merge above it. The groups are the highest merges kept.
    Cost: O(m) after the tree, plus O(m^2) in all to sum ``agree``.
    """
    return _highest_kept(tree, m, _refused_merges(tree, m, rule, agree, apart))


def _refused_merges(tree: Any, m: int, rule: MergeRule, agree: Any, apart: Any) -> list[bool]:
    """For each node of ``tree`` (leaves first), whether it or a merge below it is refused."""
    import numpy as np

    size = [1] * m + [0] * (m - 1)
    inside = [0.0] * (2 * m - 1)
    broken = [False] * (2 * m - 1)
    leaves: list[Any] = [np.array([i]) for i in range(m)] + [None] * (m - 1)
    for k, (a, b, distance, _) in enumerate(tree.tolist()):
        a, b, node = int(a), int(b), m + k
        best = 1.0 - distance
        size[node] = size[a] + size[b]
        inside[node] = inside[a] + inside[b] + best * size[a] * size[b]
        leaves[node] = np.concatenate((leaves[a], leaves[b]))
        tight = [inside[g] / (size[g] * (size[g] - 1) / 2) for g in (a, b) if size[g] >= 3]
        agreeing = far = known = 0.0
        if len(tight) == 2 and agree is not None:  # the dates are read only where the rule needs them
            block = agree[np.ix_(leaves[a], leaves[b])]
            agreeing, known = block.sum(), float(np.count_nonzero(block))
            if apart is not None:
                far = apart[np.ix_(leaves[a], leaves[b])].sum()
        broken[node] = broken[a] or broken[b] or best < rule.threshold or \
            rule.refuses(best, tight, agreeing, far, known, size[a] * size[b])
        leaves[a] = leaves[b] = None  # each leaf list is read once, by its parent
    return broken


def _highest_kept(tree: Any, m: int, broken: list[bool]) -> list[int]:
    """Labels of the ``m`` leaves: each highest merge not ``broken`` labels the leaves below it."""
    broken = list(broken)
    label = list(range(m))
    for k in range(len(tree) - 1, -1, -1):  # top down
        node = m + k
        if broken[node]:
            continue
        stack = [node]
        while stack:
            g = stack.pop()
            if g < m:
                label[g] = node
            else:
                broken[g] = True  # labelled with its highest kept ancestor: skip it when met
                stack.extend(int(c) for c in tree[g - m, :2])
    return label


def _agreeing(total: float, known: float, pairs: float, agreement: float, share: float) -> bool:
    """Whether two groups' dates agree, from their pairs' summed agreement ``total``.

    It must be positive and at least ``agreement`` times the ``known`` pairs (those whose dates or
    weekdays are both known), or times ``share`` of all ``pairs`` when that is more. Most reports
    of one event may give no date or weekday; those that do are the evidence, but a handful of
    them among many pairs is not enough.
    """
    return total > 0 and total >= agreement * max(known, share * pairs)


def _cohesive_average_link(sim: Any, rule: MergeRule, agree: Any = None, apart: Any = None) -> list[int]:
    """Average-link agglomeration that refuses merges much weaker than the groups' own cohesion.

    Two groups merge under ``rule`` (:class:`MergeRule`): their average similarity reaches its
    threshold and, when both have three or more members, ``cohesion`` times the average similarity
    inside the looser of them. Reports of two events of one kind (two earthquakes, two bouts of one
    boxer) are alike, but less alike than the reports of each event are among themselves; that is
    what stops the chaining. Two groups whose dates agree (``agree``: 1.0 for two reports dated
    alike, -1.0 apart, 0.0 unknown) are told of one day: they need only ``dated_cohesion`` times,
    since reports of one event differ in what they tell of it (the arrest, the victims) more than in
    when it happened. Two such groups whose known pairs are mostly dated far apart (``apart``: 1.0
    for a pair dated weeks apart) tell of two events (the 2008 patch and the 2013 one) and do not
    merge, however alike their wording.

    Returns a label for each row of ``sim``; the result is that of a full search for the best pair
    at each step (see :class:`_Groups`).
    """
    groups = _Groups(sim, agree, apart)
    while True:
        a, b, best = groups.best_pair()
        if best < rule.threshold:
            return groups.label.tolist()
        if rule.refuses(best, groups.tightness(a, b), groups.agreeing[a, b], groups.far[a, b], groups.known[a, b],
                        groups.size[a] * groups.size[b]):
            groups.refuse(a, b)  # a refusal holds for the merged groups too
        else:
            groups.merge(a, b)


class _Groups:
    """The groups of an agglomeration, what their pairs sum, and each group's best partner.

    For each pair of groups, ``between`` sums their members' similarities, ``agreeing`` their date
    agreements, ``known`` their pairs dated on both sides and ``far`` their pairs dated far apart.
    The best pair of groups is found from each group's best partner, kept up to date as groups
    merge, so that a step costs O(m) and not O(m^2).
    """

    __slots__ = ("between", "agreeing", "known", "far", "size", "inside", "alive", "blocked", "average",
                 "row_best", "row_arg", "label")

    def __init__(self, sim: Any, agree: Any = None, apart: Any = None) -> None:
        import numpy as np

        m = len(sim)
        self.between = sim.astype(np.float64).copy()
        np.fill_diagonal(self.between, 0.0)
        self.agreeing = np.zeros((m, m)) if agree is None else agree.astype(np.float64).copy()
        self.known = (self.agreeing != 0).astype(np.float64)
        self.far = np.zeros((m, m)) if apart is None else apart.astype(np.float64).copy()
        self.size = np.ones(m)
        self.inside = np.zeros(m)  # sum of pairwise similarities inside each group
        self.alive = np.ones(m, dtype=bool)
        self.blocked = np.eye(m, dtype=bool)  # itself, and refused pairs
        # -1.0: not a candidate (blocked, or a merged-away group)
        self.average = np.where(self.blocked, -1.0, self.between)
        self.row_best = self.average.max(axis=1)
        self.row_arg = self.average.argmax(axis=1)
        self.label = np.arange(m)

    def best_pair(self) -> tuple[int, int, float]:
        """The first best pair of groups, as a search of the whole matrix finds it, and its average."""
        import numpy as np

        a = int(np.argmax(self.row_best))
        return a, int(self.row_arg[a]), self.row_best[a]

    def tightness(self, a: int, b: int) -> list[float]:
        """The inner similarity of each of groups ``a`` and ``b`` that has three or more members."""
        size, inside = self.size, self.inside
        return [inside[g] / (size[g] * (size[g] - 1) / 2) for g in (a, b) if size[g] >= 3]

    def refuse(self, a: int, b: int) -> None:
        self.blocked[a, b] = self.blocked[b, a] = True
        self.average[a, b] = self.average[b, a] = -1.0
        self._refresh([a, b])

    def merge(self, a: int, b: int) -> None:
        """Group ``b`` joins group ``a``."""
        import numpy as np

        self.inside[a] += self.inside[b] + self.between[a, b]
        self.size[a] += self.size[b]
        for pairwise in (self.between, self.agreeing, self.known, self.far):
            pairwise[a, :] += pairwise[b, :]
            pairwise[:, a] += pairwise[:, b]
            pairwise[a, a] = 0.0
        self.blocked[a, :] |= self.blocked[b, :]
        self.blocked[:, a] |= self.blocked[:, b]
        self.alive[b] = False
        self.label[self.label == b] = a
        row = self.between[a, :] / (self.size[a] * self.size)
        row[self.blocked[a, :] | ~self.alive] = -1.0
        self.average[a, :] = self.average[:, a] = row
        self.average[b, :] = self.average[:, b] = -1.0
        self.row_best[b] = -2.0
        # rows whose best partner was a or b are searched again; the others may now prefer a
        stale = np.flatnonzero(self.alive & ((self.row_arg == a) | (self.row_arg == b)))
        better = self.alive & ((row > self.row_best) | ((row == self.row_best) & (a < self.row_arg)))
        self.row_best[better] = row[better]
        self.row_arg[better] = a
        self._refresh(np.union1d(stale, [a]))

    def _refresh(self, rows: Any) -> None:
        self.row_best[rows] = self.average[rows].max(axis=1)
        self.row_arg[rows] = self.average[rows].argmax(axis=1)
