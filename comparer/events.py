"""Same-event clustering: event signatures, candidate pairs, average-link groups, and why.

An event signature (``comparer.event_signature``) is a weighted bag of features read from the title
and the opening of the text: content words, names (capitalised words and runs of them where a
sentence does not start), and specific numbers (tolls, ages, magnitudes, years), weighted here by
TF-IDF over the corpus (:mod:`comparer.tfidf`) so that what
is rare in the corpus (a victim's name, a street, a death toll) counts for more than what every
report of that kind of event says ("shooting", "police"). Two reports are of one event when their
signatures are close (cosine) and their dates, when both are known, are close.

Candidates come from an inverted index of each document's strongest rare features, so the corpus is
never compared pair by pair. Groups are made by average-link agglomeration inside each connected
component of the candidate graph: a document joins a group only if it is close to the group as a
whole, which keeps two meetings of the same two leaders (or two shootings in one city) apart even
when a report of one mentions the other.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from comparer import tfidf
from comparer.config import ClusterConfig, Config
from comparer.event_signature import (Signature, date_relation, dates_apart, participant_factor, signature,
                                      with_dates)
from comparer.types import Document

Progress = Callable[[int], None]

def vectors(rows: Iterable[dict[str, float]], cluster: ClusterConfig) -> tuple[Any, list[str], Any]:
    """L2-normalised TF-IDF rows (scipy CSR), the feature names, and each feature's document count.

    ``rows`` are feature counts (``Signature.counts``), read once: they may be generated and
    dropped one by one, so that a large corpus never holds every document's counts at once.
    """
    import array

    import numpy as np
    from scipy import sparse

    vocabulary: dict[str, int] = {}
    indptr, indices, data = array.array("q", [0]), array.array("q"), array.array("d")
    for counts in rows:
        for feature, count in counts.items():
            indices.append(vocabulary.setdefault(feature, len(vocabulary)))
            data.append(count)
        indptr.append(len(indices))
    n = len(indptr) - 1
    matrix = sparse.csr_matrix((np.frombuffer(data, dtype=np.float64), np.frombuffer(indices, dtype=np.int64),
                                np.frombuffer(indptr, dtype=np.int64)), shape=(n, len(vocabulary)))
    df = np.bincount(matrix.indices, minlength=len(vocabulary))
    features = [""] * len(vocabulary)
    for feature, index in vocabulary.items():
        features[index] = feature
    matrix.data = tfidf.weights(matrix.data, df[matrix.indices], n, kind_weights(features, cluster)[matrix.indices])
    return _normalise(matrix), features, df


def kind_weights(features: Sequence[str], cluster: ClusterConfig) -> Any:
    """The weight of each feature's kind: ``name_weight`` for names, ``number_weight`` for numbers."""
    return tfidf.kind_weights(tfidf.kinds(features), cluster.name_weight, cluster.number_weight)


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


def evidence_rows(matrix: Any, features: Sequence[str], df: Any, cluster: ClusterConfig) -> Any:
    """Rows whose dot product is the evidence two documents share: the summed IDF (times kind
    weight) of the features both hold (each entry is the square root of that weight)."""
    import numpy as np
    from scipy import sparse

    weight = np.sqrt(tfidf.weights(1.0, df, matrix.shape[0], kind_weights(features, cluster)))
    rows = matrix.copy()
    rows.data = weight[rows.indices]
    return sparse.csr_matrix(rows)


def _normalise(matrix: Any) -> Any:
    """``matrix`` with each row divided by its L2 norm, in place: each row keeps its entries' order
    (which :func:`candidate_pairs` reads, ties included)."""
    import numpy as np

    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix.data *= np.repeat(1.0 / norms, np.diff(matrix.indptr))
    return matrix


def candidate_pairs(matrix: Any, df: Any, cluster: ClusterConfig, window: int = 1) -> Any:
    """Pairs ``(i, j)``, ``i < j``, sharing two of their ``top_features`` strongest features.

    A feature held by at most ``max_df`` documents pairs them all; one held by up to 20 times as
    many pairs each document with the next ``window`` holders only, which keeps a large event
    connected; commoner features are ignored. A pair needs two shared features, or one when either
    document is short (fewer than ``top_features / 2`` usable features): one common word in a big
    corpus pairs many unrelated reports, two rarely do. So the number of pairs per document stays
    bounded as the corpus grows. Returns an ``int64`` array ``(m, 2)`` sorted by ``i`` then ``j``.
    """
    import numpy as np

    n = matrix.shape[0]
    max_df = max(cluster.max_df, 2)
    feature_parts, doc_parts = [], []
    for i in range(n):
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        idx = matrix.indices[start:end]
        weights = matrix.data[start:end]
        keep = (df[idx] >= 2) & (df[idx] <= 20 * max_df)
        idx, weights = idx[keep], weights[keep]
        if len(idx) > cluster.top_features:
            idx = idx[np.argpartition(-weights, cluster.top_features)[: cluster.top_features]]
        feature_parts.append(idx)
        doc_parts.append(np.full(len(idx), i, dtype=np.int64))
    if not feature_parts:
        return np.zeros((0, 2), dtype=np.int64)
    features = np.concatenate(feature_parts).astype(np.int64)
    docs = np.concatenate(doc_parts)
    order = np.lexsort((docs, features))
    features, docs = features[order], docs[order]
    size = np.bincount(features)[features]  # holders of each posting's feature among top features
    short = np.array([len(p) < cluster.top_features // 2 for p in feature_parts])[docs]
    found = []
    for lag in range(1, max_df):
        same = features[lag:] == features[:-lag]
        if lag > window:
            same &= size[lag:] <= max_df
        if not same.any():
            break
        k = np.flatnonzero(same)
        found.append(docs[k] * n + docs[k + lag])
        # a short document has few features to share: one shared feature is enough for it
        few = k[short[k] | short[k + lag]]
        found.append(docs[few] * n + docs[few + lag])
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    codes = np.sort(np.concatenate(found))
    starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
    shared = np.diff(np.append(starts, len(codes)))
    codes = codes[starts[shared >= 2]]
    return np.stack((codes // n, codes % n), axis=1)


def pair_similarity(matrix: Any, pairs: Any, chunk: int = 20000) -> Any:
    """Cosine similarity of each pair's rows (rows are L2-normalised)."""
    import numpy as np

    out = np.zeros(len(pairs))
    for start in range(0, len(pairs), chunk):
        part = pairs[start:start + chunk]
        out[start:start + chunk] = np.asarray(matrix[part[:, 0]].multiply(matrix[part[:, 1]]).sum(axis=1)).ravel()
    return out


def average_link(matrix: Any, members: Sequence[int], dates: Sequence[Signature],
                 cluster: ClusterConfig, evidence: Any = None) -> list[list[int]]:
    """Average-link agglomeration of ``members`` (dense), cut at ``cluster.threshold``.

    ``evidence`` (see :func:`evidence_rows`), when given, discounts pairs that share little.

    Up to ``cluster.exact_limit`` members the cohesive agglomeration is exact; above it, the
    plain average-link tree is cut under the same rule (:func:`_cohesive_cut`).
    """
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    if len(members) == 1:
        return [list(members)]
    sim = gram(matrix, members)
    shared = None
    if evidence is not None and cluster.evidence > 0:
        shared = gram(evidence, members)
    agree = np.zeros_like(sim)
    apart = np.zeros_like(sim)  # pairs dated more than ``conflict_days`` apart
    for a in range(len(members)):
        for b in range(a + 1, len(members)):
            sa, sb = dates[members[a]], dates[members[b]]
            factor, agree[a, b] = date_relation(sa, sb, cluster)
            if agree[a, b] < 0 and dates_apart(sa, sb, cluster):
                apart[a, b] = apart[b, a] = 1.0
            factor *= participant_factor(sa, sb, cluster)
            agree[b, a] = agree[a, b]
            if factor != 1.0:
                sim[a, b] *= factor
                sim[b, a] *= factor
    if shared is not None:  # the evidence factor of every pair at once (see evidence_factor)
        discount = shared / (shared + cluster.evidence)
        discount[agree > 0] = 1.0
        np.fill_diagonal(discount, 1.0)
        sim *= discount
    if cluster.cohesion > 0 and len(members) <= cluster.exact_limit:
        labels = _cohesive_average_link(sim, cluster.threshold, cluster.cohesion, agree,
                                        cluster.dated_cohesion, cluster.date_agreement, cluster.agreement_share,
                                        apart, cluster.conflict_share)
    else:
        distance = np.clip(1.0 - sim, 0.0, None)
        np.fill_diagonal(distance, 0.0)
        tree = linkage(squareform(distance, checks=False), method="average")
        if cluster.cohesion > 0:
            labels = _cohesive_cut(tree, len(members), cluster.threshold, cluster.cohesion, agree,
                                   cluster.dated_cohesion, cluster.date_agreement, cluster.agreement_share,
                                   apart, cluster.conflict_share)
        else:
            labels = fcluster(tree, t=1.0 - cluster.threshold, criterion="distance")
    groups: dict[int, list[int]] = {}
    for member, label in zip(members, labels):
        groups.setdefault(int(label), []).append(member)
    return list(groups.values())


def _cohesive_cut(tree: Any, m: int, threshold: float, cohesion: float, agree: Any = None,
                  dated_cohesion: float = 0.0, agreement: float = 2.0, share: float = 1.0,
                  apart: Any = None, apart_share: float = 2.0) -> list[int]:
    """Groups of an average-link tree under the rule of :func:`_cohesive_average_link`.

    The tree's merges are read bottom up; a merge below ``threshold``, or below ``cohesion``
    times the inner similarity of the looser of two groups of three or more (``dated_cohesion``
    times, when their dates agree), or of two such groups dated apart (``apart``), is refused,
    and so is every merge above it. The groups are the
    highest merges kept. Cost: O(m) after the tree, plus O(m^2) in all to sum ``agree``.
    """
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
        ratio, conflict = cohesion, False
        if len(tight) == 2 and agree is not None:
            block = agree[np.ix_(leaves[a], leaves[b])]
            known, pairs = np.count_nonzero(block), size[a] * size[b]
            if _agreeing(block.sum(), known, pairs, agreement, share):
                ratio = dated_cohesion
            if apart is not None:
                conflict = _agreeing(apart[np.ix_(leaves[a], leaves[b])].sum(), known, pairs, apart_share, share)
        broken[node] = broken[a] or broken[b] or best < threshold or \
            (len(tight) == 2 and (best < ratio * min(tight) or conflict))
        leaves[a] = leaves[b] = None  # each leaf list is read once, by its parent
    label = list(range(m))
    for k in range(len(tree) - 1, -1, -1):  # top down: each highest kept merge labels its leaves
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


def _cohesive_average_link(sim: Any, threshold: float, cohesion: float, agree: Any = None,
                           dated_cohesion: float = 0.0, agreement: float = 2.0,
                           agreement_share: float = 1.0, apart: Any = None,
                           apart_share: float = 2.0) -> list[int]:
    """Average-link agglomeration that refuses merges much weaker than the groups' own cohesion.

    Two groups merge when their average similarity is at least ``threshold`` and, when both have
    three or more members, at least ``cohesion`` times the average similarity inside the looser of
    them. Reports of two events of one kind (two earthquakes, two bouts of one boxer) are alike, but
    less alike than the reports of each event are among themselves; that is what stops the
    chaining. Two groups whose dates agree (``agree``: 1.0 for two reports dated alike, -1.0 apart,
    0.0 unknown; its mean over the known pairs at least ``agreement``, see :func:`_agreeing`) are
    told of one day: they need only ``dated_cohesion`` times, since reports of one event differ in
    what they tell of it (the arrest, the victims) more than in when it happened. Two such groups
    whose known pairs are mostly dated far apart (``apart``: 1.0 for a pair dated weeks apart; its
    sum at least ``apart_share`` of the known pairs, see :func:`_agreeing`) tell of two events
    (the 2008 patch and the 2013 one) and do not merge, however alike their wording.

    The best pair of groups is found from each group's best partner, kept up to date as groups
    merge, so that a step costs O(m) and not O(m^2); the result is that of a full search.
    """
    import numpy as np

    m = len(sim)
    between = sim.astype(np.float64).copy()
    np.fill_diagonal(between, 0.0)
    agreeing = np.zeros((m, m)) if agree is None else agree.astype(np.float64).copy()
    known = (agreeing != 0).astype(np.float64)  # pairs whose dates (or weekdays) are both known
    far = np.zeros((m, m)) if apart is None else apart.astype(np.float64).copy()
    size = np.ones(m)
    inside = np.zeros(m)  # sum of pairwise similarities inside each group
    alive = np.ones(m, dtype=bool)
    blocked = np.eye(m, dtype=bool)  # itself, and refused pairs (a refusal holds for the merged group)
    average = np.where(blocked, -1.0, between)  # -1.0: not a candidate (blocked, or a merged-away group)
    row_best = average.max(axis=1)
    row_arg = average.argmax(axis=1)
    label = np.arange(m)

    def refresh(rows: Any) -> None:
        row_best[rows] = average[rows].max(axis=1)
        row_arg[rows] = average[rows].argmax(axis=1)

    while True:
        a = int(np.argmax(row_best))  # the first best pair, as a search of the whole matrix finds
        b = int(row_arg[a])
        best = row_best[a]
        if best < threshold:
            break
        tight = [inside[g] / (size[g] * (size[g] - 1) / 2) for g in (a, b) if size[g] >= 3]
        pairs = size[a] * size[b]
        ratio = dated_cohesion if _agreeing(agreeing[a, b], known[a, b], pairs, agreement,
                                            agreement_share) else cohesion
        if len(tight) == 2 and (best < ratio * min(tight) or
                                _agreeing(far[a, b], known[a, b], pairs, apart_share, agreement_share)):
            blocked[a, b] = blocked[b, a] = True
            average[a, b] = average[b, a] = -1.0
            refresh([a, b])
            continue
        inside[a] += inside[b] + between[a, b]
        size[a] += size[b]
        for pairwise in (between, agreeing, known, far):
            pairwise[a, :] += pairwise[b, :]
            pairwise[:, a] += pairwise[:, b]
            pairwise[a, a] = 0.0
        blocked[a, :] |= blocked[b, :]
        blocked[:, a] |= blocked[:, b]
        alive[b] = False
        label[label == b] = a
        row = between[a, :] / (size[a] * size)
        row[blocked[a, :] | ~alive] = -1.0
        average[a, :] = average[:, a] = row
        average[b, :] = average[:, b] = -1.0
        row_best[b] = -2.0
        # rows whose best partner was a or b are searched again; the others may now prefer a
        stale = np.flatnonzero(alive & ((row_arg == a) | (row_arg == b)))
        better = alive & ((row > row_best) | ((row == row_best) & (a < row_arg)))
        row_best[better] = row[better]
        row_arg[better] = a
        refresh(np.union1d(stale, [a]))
    return label.tolist()


def group_events(documents: Sequence[Document], config: Config | None = None,
                 must_link: Sequence[tuple[int, int]] = (), progress: Progress | None = None,
                 ) -> tuple[list[list[int]], list[Signature], Any, tuple[list[str], Any]]:
    """Groups of document indices that report one event (every document is in exactly one group).

    Also returns the signatures, the TF-IDF matrix, and the vocabulary (each column's feature and
    document count) that :func:`explain` reads.

    ``must_link`` pairs (near-duplicate copies) always end in the same group.
    """
    import numpy as np

    from comparer.unionfind import UnionFind

    config = config or Config()
    cluster = config.cluster
    signatures: list[Signature] = []

    def counts() -> Iterator[dict[str, float]]:
        for doc in documents:
            sig = signature(doc, config, cluster)
            # the words live on in the matrix; the why needs only names and numbers
            signatures.append(dataclasses.replace(sig, counts={f: c for f, c in sig.counts.items()
                                                                if f[0] == "n"}))
            if progress:
                progress(1)
            yield sig.counts

    matrix, features, df = vectors(counts(), cluster)
    n = len(documents)
    if n == 0:
        return [], signatures, None, (features, df)
    if must_link:
        signatures = _share_dates(signatures, must_link)
    pairs = candidate_pairs(matrix, df, cluster)
    sims = pair_similarity(matrix, pairs)
    # the date factor only lowers a similarity: look at dates for pairs that could still link
    close = sims >= cluster.link_threshold
    pairs, sims = pairs[close], sims[close]
    evidence = evidence_rows(matrix, features, df, cluster) if cluster.evidence > 0 else None
    if len(pairs):
        relations = np.array([_pair_factor(signatures[i], signatures[j], cluster) for i, j in pairs.tolist()])
        sims = sims * relations[:, 0]
        if evidence is not None:  # the evidence factor of every pair at once (see evidence_factor)
            shared = pair_similarity(evidence, pairs)
            sims *= np.where(relations[:, 1] > 0, 1.0, shared / (shared + cluster.evidence))
    keep = sims >= cluster.link_threshold
    pairs, sims = pairs[keep], sims[keep]
    strong = [tuple(p) for p in pairs.tolist()]
    components = _components(n, strong + [tuple(p) for p in must_link], cluster.max_component, matrix,
                             pairs, sims)
    groups: list[list[int]] = []
    for members in components:
        groups.extend(average_link(matrix, members, signatures, cluster, evidence))
    if must_link:  # copies of one story are one event, whatever the averages say
        uf = UnionFind(n)
        for group in groups:
            for member in group[1:]:
                uf.union(group[0], member)
        for i, j in must_link:
            uf.union(i, j)
        merged: dict[int, list[int]] = {}
        for i in range(n):
            merged.setdefault(uf.find(i), []).append(i)
        groups = list(merged.values())
    return [sorted(g) for g in groups], signatures, matrix, (features, df)


def _pair_factor(a: Signature, b: Signature, cluster: ClusterConfig) -> tuple[float, float]:
    """What the dates and main participants of two reports do to their similarity, and whether
    their dates agree (which spares them the evidence factor)."""
    factor, agreement = date_relation(a, b, cluster)
    return factor * participant_factor(a, b, cluster), agreement


def _share_dates(signatures: list[Signature], must_link: Sequence[tuple[int, int]]) -> list[Signature]:
    """Copies of one story report one event: each copy gets the dates and years of all of them.

    A reprint whose dateline was dropped would otherwise match every event of its kind.
    """
    from comparer.minhash import groups_of

    out = list(signatures)
    for group in groups_of(len(signatures), must_link):
        dates = tuple(dict.fromkeys(d for i in group for d in signatures[i].dates))
        years = frozenset().union(*(signatures[i].years for i in group))
        for i in group:
            out[i] = with_dates(signatures[i], dates, years)
    return out


def _components(n: int, edges: list[tuple[int, int]], limit: int, matrix: Any, pairs: Any,
                sims: Any) -> list[list[int]]:
    """Connected components; one larger than ``limit`` is split by raising its edge threshold."""
    from comparer.unionfind import UnionFind

    uf = UnionFind(n)
    for i, j in edges:
        uf.union(i, j)
    members: dict[int, list[int]] = {}
    for i in range(n):
        members.setdefault(uf.find(i), []).append(i)
    out = []
    for group in sorted(members.values()):
        if len(group) <= limit:
            out.append(group)
            continue
        inside = set(group)
        local = [(float(s), int(i), int(j)) for (i, j), s in zip(pairs.tolist(), sims.tolist())
                 if i in inside and j in inside]
        local.sort(reverse=True)
        # keep the strongest edges only, as many as a forest of components within the limit allows
        sub = UnionFind(n)
        size = {i: 1 for i in group}
        for s, i, j in local:
            ri, rj = sub.find(i), sub.find(j)
            if ri != rj and size[ri] + size[rj] <= limit:
                sub.union(ri, rj)
                root = sub.find(ri)
                size[root] = size[ri] + size[rj]
        split: dict[int, list[int]] = {}
        for i in group:
            split.setdefault(sub.find(i), []).append(i)
        out.extend(split.values())
    return out


# --- why ------------------------------------------------------------------------------------------


def _display_name(written: str) -> str:
    """A name as the why shows it: without titles before it ("President") or a possessive after."""
    from comparer.mentions.entities import TITLES

    words = written.removesuffix("’s").removesuffix("'s").split()
    while words and words[0].lower().rstrip(".") in TITLES | _NATIONALITIES:
        words = words[1:]
    return " ".join(words)


_NATIONALITIES = frozenset("us u.s american japanese chinese british french german russian".split())


def explain(members: Sequence[int], signatures: Sequence[Signature], matrix: Any,
            cluster: ClusterConfig, vocabulary: tuple[Sequence[str], Any] | None = None,
            ) -> tuple[str, str | None, tuple[str, ...]]:
    """The ``why`` of a group, its event date and its places.

    With the corpus ``vocabulary`` (each column's feature and document count), the why names the
    specific evidence first: the names and words most of the group shares, rarest first, that few
    documents outside it hold; the names that many more documents than the group hold are the
    topic, and are named as such after them.
    """
    dates = Counter(signatures[i].date for i in members if isinstance(signatures[i].date, dt.date))
    event_date = dates.most_common(1)[0][0].isoformat() if dates else None
    place_count = Counter(p for i in members for p in dict.fromkeys(signatures[i].places))
    rank = {}
    for i in members:
        for position, place in enumerate(signatures[i].places):
            rank[place] = min(rank.get(place, position), position)
    if len(members) == 1:
        places = signatures[members[0]].places[:3]
        return "no other document reports this event", event_date, places
    need = max(2, math.ceil(len(members) / 2))
    places = tuple(sorted((p for p, c in place_count.items() if c >= need),
                          key=lambda p: (rank[p], -place_count[p], p)))[:4]
    shared = Counter(f for i in members for f in signatures[i].names)
    spelled: dict[str, str] = {}
    for i in members:
        spelled.update({f: w for f, w in signatures[i].names.items() if f not in spelled})
    names = []
    for feature, count in sorted(shared.items(), key=lambda fc: (-fc[1], -len(fc[0]), fc[0])):
        name = _display_name(spelled[feature])
        if count >= need and name and name not in places and name not in names:
            names.append(name)
    names = [n for n in names if not any(n != other and n in other.split() for other in names)]
    numbers = Counter(f for i in members for f in signatures[i].counts if f.startswith("n:"))
    shared_numbers = [f[2:] for f, c in numbers.most_common() if c >= need][:4]
    words: list[str] = []
    topic: list[str] = []
    if vocabulary is not None:
        names, words, topic, shared_numbers = _specific(members, matrix, vocabulary, need, spelled, places)
    names = names[:6]
    sim = gram(matrix, members)
    k = len(members)
    average = (sim.sum() - k) / (k * (k - 1))
    parts = []
    if names:
        parts.append("shared names: " + ", ".join(names))
    if places:
        parts.append("place: " + ", ".join(places))
    if words:
        parts.append("shared words: " + ", ".join(words))
    if shared_numbers:
        parts.append("shared numbers: " + ", ".join(shared_numbers))
    if event_date:
        day = dates.most_common(1)[0][0]
        agree = sum(1 for i in members if any(d == day or d == (day.month, day.day) for d in signatures[i].dates))
        parts.append(f"date {event_date} ({agree} of {k} documents)")
    if topic:
        parts.append("topic: " + ", ".join(topic))
    parts.append(f"text similarity {average:.2f} (average)")
    return "; ".join(parts), event_date, places


TOPIC_SPREAD = 3  # a feature held by more than this many times the group's documents is the topic's


def _specific(members: Sequence[int], matrix: Any, vocabulary: tuple[Sequence[str], Any], need: int,
              spelled: dict[str, str], places: Sequence[str]) -> tuple[list[str], list[str], list[str], list[str]]:
    """The names, words and numbers most of the group shares, rarest in the corpus first, and the
    names of its topic (held by many more documents than the group has)."""
    import numpy as np

    features, df = vocabulary
    sub = matrix[list(members)]
    used, where, held = np.unique(sub.indices, return_inverse=True, return_counts=True)
    weight = np.bincount(where, weights=sub.data, minlength=len(used))
    keep = np.flatnonzero(held >= need)
    keep = keep[np.lexsort((-weight[keep], df[used[keep]]))]  # rarest first, then strongest
    columns = used[keep]
    limit = TOPIC_SPREAD * len(members)
    names, words, topic, numbers = [], [], [], []
    for column in columns.tolist():
        feature = features[column]
        kind, specific = feature[:2], df[column] <= limit
        if kind == "e:":
            name = _display_name(spelled.get(feature, feature[2:]))
            if name and name not in places and name not in names and name not in topic:
                (names if specific else topic).append(name)
        elif kind == "w:" and specific:
            word = feature[2:].removesuffix("’s").removesuffix("'s")
            if word not in words:
                words.append(word)
        elif kind == "n:" and specific:
            numbers.append(feature[2:])

    def longest(found: list[str]) -> list[str]:  # "Merrick Garland", not "Garland" as well
        return [n for n in found if not any(n != o and n.lower() in o.lower().split() for o in found)]

    names, topic = longest(names), longest(topic)
    name_words = {w.lower() for n in [*names, *topic, *places] for w in n.split()}
    words = [w for w in words if w not in name_words][:4]
    return names, words, topic[:3], numbers[:4]
