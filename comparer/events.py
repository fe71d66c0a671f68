"""Same-event clustering: event signatures, candidate pairs, average-link groups, and why.

An event signature (``comparer.event_signature``) is a weighted bag of features read from the title
and the opening of the text: content words (stemmed), names (capitalised words and runs of them
where a sentence does not start; a title-case headline is read in sentence case), and specific
numbers (tolls, ages, magnitudes, years), weighted here by TF-IDF over the corpus
(:mod:`comparer.tfidf`) so that what is rare in the corpus (a victim's name, a street, a death
toll) counts for more than what every report of that kind of event says ("shooting", "police").
Two reports are of one event when their signatures are close (cosine) and their dates, when both
are known, are close.

Candidates come from an inverted index of each document's strongest rare features, so the corpus is
never compared pair by pair. Each document's background (its similarity to the candidates beyond
its closest few, :func:`crowding`) is subtracted from its pairs: on a busy topic, sharing the
topic's words is no sign of one event. Groups are made by average-link agglomeration inside each connected
component of the candidate graph (:mod:`comparer.agglomeration`): a document joins a group only if
it is close to the group as a whole, which keeps two meetings of the same two leaders (or two
shootings in one city) apart even when a report of one mentions the other.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from comparer import tfidf
from comparer.agglomeration import average_link, gram
from comparer.config import ClusterConfig, Config
from comparer.event_signature import (Signature, date_relation, participant_factor, signature, with_dates,
                                      word_stem, written_words)
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
    """The weight of each feature's kind: ``name_weight`` for names (``name_word_weight`` for a name of
    one word), ``number_weight`` for numbers."""
    return kind_code_weights(tfidf.kinds(features), cluster)


def kind_code_weights(codes: Any, cluster: ClusterConfig) -> Any:
    """The weight of each kind in ``codes`` (:func:`comparer.tfidf.kinds`) under ``cluster``'s settings."""
    return tfidf.kind_weights(codes, cluster.name_weight, cluster.number_weight, cluster.name_word_weight)


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


def group_events(documents: Sequence[Document], config: Config | None = None,
                 must_link: Sequence[tuple[int, int]] = (), progress: Progress | None = None,
                 ) -> tuple[list[list[int]], list[Signature], Any, tuple[list[str], Any]]:
    """Groups of document indices that report one event (every document is in exactly one group).

    Also returns the signatures, the TF-IDF matrix, and the vocabulary (each column's feature and
    document count) that :func:`explain` reads.

    ``must_link`` pairs (near-duplicate copies) always end in the same group.
    """
    config = config or Config()
    cluster = config.cluster
    signatures: list[Signature] = []
    matrix, features, df = vectors(_feature_counts(documents, config, signatures, progress), cluster)
    n = len(documents)
    if n == 0:
        return [], signatures, None, (features, df)
    if must_link:
        signatures = _share_dates(signatures, must_link)
    evidence = evidence_rows(matrix, features, df, cluster) if cluster.evidence > 0 else None
    pairs, sims, crowd, near = _links(matrix, df, signatures, cluster, evidence)
    edges = [tuple(p) for p in pairs.tolist()] + [tuple(p) for p in must_link]
    groups: list[list[int]] = []
    for members in _components(n, edges, cluster.max_component, matrix, pairs, sims):
        groups.extend(average_link(matrix, members, signatures, cluster, evidence, crowd))
    if cluster.attach > 0:
        groups = attach_singletons(groups, near, matrix, signatures, cluster, evidence, crowd)
    if must_link:  # copies of one story are one event, whatever the averages say
        groups = _join_copies(n, groups, must_link)
    return [sorted(g) for g in groups], signatures, matrix, (features, df)


def _feature_counts(documents: Sequence[Document], config: Config, signatures: list[Signature],
                    progress: Progress | None) -> Iterator[dict[str, float]]:
    """The feature counts of each document's event signature, one by one.

    Each signature is appended to ``signatures`` with its number features only: the words live on
    in the matrix, and the why needs only names and numbers.
    """
    for doc in documents:
        sig = signature(doc, config, config.cluster)
        signatures.append(dataclasses.replace(sig, counts={f: c for f, c in sig.counts.items() if f[0] == "n"}))
        if progress:
            progress(1)
        yield sig.counts


def _links(matrix: Any, df: Any, signatures: Sequence[Signature], cluster: ClusterConfig,
           evidence: Any) -> tuple[Any, Any, Any, Any]:
    """Candidate pairs whose similarity, after the date, participant, evidence and crowding
    factors, reaches ``cluster.link_threshold``, those similarities, each document's crowding
    (see :func:`crowding`), and the candidates near enough for :func:`attach_singletons` (their
    similarity less the crowding reaches ``cluster.attach`` times ``cluster.threshold``)."""

    pairs = candidate_pairs(matrix, df, cluster)
    sims = pair_similarity(matrix, pairs)
    crowd = crowding(matrix.shape[0], pairs, sims, cluster)
    # the date factor only lowers a similarity: look at dates for pairs that could still link
    background = sims - crowd[pairs[:, 0]] - crowd[pairs[:, 1]]
    near = pairs[background >= cluster.attach * cluster.threshold] if cluster.attach > 0 else pairs[:0]
    close = background >= cluster.link_threshold
    pairs = pairs[close]
    sims = _weighed(pairs, matrix, signatures, cluster, evidence, crowd)
    keep = sims >= cluster.link_threshold
    return pairs[keep], sims[keep], crowd, near


def attach_singletons(groups: list[list[int]], near: Any, matrix: Any, signatures: Sequence[Signature],
                      cluster: ClusterConfig, evidence: Any, crowd: Any) -> list[list[int]]:
    """``groups`` with each report left alone joined to the group it is closest to on average, when
    that average (after every factor a link weighs, :func:`_weighed`) reaches ``cluster.attach``
    and beats its next closest group (or 0) by ``cluster.attach_margin``, both times
    ``cluster.threshold``.

    Reports of one event told from different sides share fewer words than reports told alike: the
    average-link cut, set for links that build groups, leaves such a report alone although the group
    it is closest to is clearly its own. A lone report that joins the wrong group is one error, not
    a chain of them, so it may join on less, but only where its choice is clear: a report about
    as close to two groups (or to every other report of a small corpus) stays alone. Only the
    groups of its ``near`` pairs (candidates within reach, from :func:`_links`) are looked at.
    """
    import numpy as np

    group_of = np.empty(matrix.shape[0], dtype=np.int64)
    for g, members in enumerate(groups):
        group_of[members] = g
    alone = np.bincount(group_of, minlength=len(groups))[group_of] == 1
    lone, target = _lone_targets(near, alone, group_of)
    if not len(lone):
        return groups
    # every (lone report, member of a group it may join) pair, weighed as a link
    sizes = np.array([len(groups[g]) for g in target.tolist()])
    owner = np.repeat(np.arange(len(lone)), sizes)
    members = np.concatenate([groups[g] for g in target.tolist()])
    sims = _weighed(np.stack((lone[owner], members), axis=1), matrix, signatures, cluster, evidence, crowd)
    average = np.bincount(owner, weights=sims, minlength=len(lone)) / sizes
    order = np.lexsort((-average, lone))  # each lone report's best group first
    starts = np.flatnonzero(np.concatenate(([True], lone[order][1:] != lone[order][:-1])))
    best = average[order[starts]]
    has_second = np.append(starts[1:], len(order)) > starts + 1
    second = np.where(has_second, average[order[np.minimum(starts + 1, len(order) - 1)]], 0.0)
    bar, margin = cluster.attach * cluster.threshold, cluster.attach_margin * cluster.threshold
    chosen = order[starts[(best >= bar) & (best - np.maximum(second, 0.0) >= margin)]]
    return _joined(groups, group_of[lone[chosen]], target[chosen])


def _lone_targets(near: Any, alone: Any, group_of: Any) -> tuple[Any, Any]:
    """Each distinct (lone report, group) pair that a ``near`` pair makes, as two arrays."""
    import numpy as np

    sides = [(near[alone[near[:, 0]]], 0), (near[alone[near[:, 1]]], 1)]
    codes = np.concatenate([part[:, side] * len(alone) + group_of[part[:, 1 - side]] for part, side in sides])
    codes = np.unique(codes)
    lone, target = codes // len(alone), codes % len(alone)
    keep = group_of[lone] != target
    return lone[keep], target[keep]


def _joined(groups: list[list[int]], sources: Any, targets: Any) -> list[list[int]]:
    """``groups`` with each group of ``sources`` joined to the matching group of ``targets``."""
    from comparer.unionfind import UnionFind

    uf = UnionFind(len(groups))
    for a, b in zip(sources.tolist(), targets.tolist()):
        uf.union(a, b)
    merged: dict[int, list[int]] = {}
    for g, members in enumerate(groups):
        merged.setdefault(uf.find(g), []).extend(members)
    return list(merged.values())


def _weighed(pairs: Any, matrix: Any, signatures: Sequence[Signature], cluster: ClusterConfig,
             evidence: Any, crowd: Any) -> Any:
    """The similarity of each pair after the date, participant, evidence and crowding factors."""
    import numpy as np

    sims = pair_similarity(matrix, pairs)
    if not len(pairs):
        return sims
    relations = np.array([_pair_factor(signatures[i], signatures[j], cluster) for i, j in pairs.tolist()])
    sims = sims * relations[:, 0]
    if evidence is not None:  # the evidence factor of every pair at once (see evidence_factor)
        shared = pair_similarity(evidence, pairs)
        sims *= np.where(relations[:, 1] > 0, 1.0, shared / (shared + cluster.evidence))
    return sims - crowd[pairs[:, 0]] - crowd[pairs[:, 1]]


def crowding(n: int, pairs: Any, sims: Any, cluster: ClusterConfig) -> Any:
    """How much each document's similarities are lowered for the crowd around it: ``density / 2``
    times the mean of its candidate similarities ranked ``density_skip`` to ``density_skip +
    density_k`` (missing ones count 0).

    A report on a busy topic (a court, a pandemic) is close to dozens of reports of other events of
    that topic; one on a rare event is close to its own reports only. Subtracting each side's
    background (as CSLS does against hubs) compares a pair with what is usual around both
    documents. The first ``density_skip`` neighbours are left out: they may be the event's own
    reports, and a large event is not a crowd to be held against itself.
    """
    import numpy as np

    crowd = np.zeros(n)
    if cluster.density <= 0 or not len(pairs):
        return crowd
    docs = np.concatenate((pairs[:, 0], pairs[:, 1]))
    values = np.concatenate((sims, sims))
    order = np.lexsort((-values, docs))
    docs, values = docs[order], values[order]
    first = np.searchsorted(docs, docs)  # where each document's run starts
    rank = np.arange(len(docs)) - first
    top = (rank >= cluster.density_skip) & (rank < cluster.density_skip + cluster.density_k)
    np.add.at(crowd, docs[top], values[top])
    return crowd * (cluster.density / 2 / cluster.density_k)


def _join_copies(n: int, groups: list[list[int]], must_link: Sequence[tuple[int, int]]) -> list[list[int]]:
    """``groups`` with the groups of each ``must_link`` pair joined, in order of their first member."""
    from comparer.unionfind import UnionFind

    uf = UnionFind(n)
    for group in groups:
        for member in group[1:]:
            uf.union(group[0], member)
    for i, j in must_link:
        uf.union(i, j)
    merged: dict[int, list[int]] = {}
    for i in range(n):
        merged.setdefault(uf.find(i), []).append(i)
    return list(merged.values())


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
            texts: Callable[[int], str] | None = None) -> tuple[str, str | None, tuple[str, ...]]:
    """The ``why`` of a group, its event date and its places.

    With the corpus ``vocabulary`` (each column's feature and document count), the why names the
    specific evidence first: the names and words most of the group shares, rarest first, that few
    documents outside it hold; the names that many more documents than the group hold are the
    topic, and are named as such after them. Word features are stems: ``texts`` (a document's
    text by index) gives each shared word as its first member writes it.
    """
    day = _event_day(members, signatures)
    event_date = day.isoformat() if day else None
    if len(members) == 1:
        return "no other document reports this event", event_date, signatures[members[0]].places[:3]
    need = max(2, math.ceil(len(members) / 2))
    places = _shared_places(members, signatures, need)
    spelled: dict[str, str] = {}  # each name feature as its first member writes it
    for i in members:
        spelled.update({f: w for f, w in signatures[i].names.items() if f not in spelled})
    words: list[str] = []
    topic: list[str] = []
    if vocabulary is not None:
        names, words, topic, numbers = _specific(members, matrix, vocabulary, need, spelled, places)
        if texts is not None:
            words = _as_written(words, members, texts)
    else:
        names = _shared_names(members, signatures, need, spelled, places)
        held = Counter(f for i in members for f in signatures[i].counts if f.startswith("n:"))
        numbers = [f[2:] for f, c in held.most_common() if c >= need][:4]
    names, topic = _whole_names(names, members, signatures, places), _whole_names(topic, members, signatures, places)
    month_day = None if day else _shared_month_day(members, signatures, need)
    if month_day:  # "April 19": its day is the date's, not a quantity of the event
        numbers = [n for n in numbers if n != str(month_day[1])]
    listed = (("shared names", names[:6]), ("place", places), ("shared words", words), ("shared numbers", numbers))
    parts = [f"{label}: " + ", ".join(items) for label, items in listed if items]
    if day:
        dated = sum(1 for i in members if any(d == day or d == (day.month, day.day) for d in signatures[i].dates))
        parts.append(f"date {event_date} ({dated} of {len(members)} documents)")
    elif month_day:
        dated = sum(1 for i in members if month_day in signatures[i].dates)
        parts.append(f"date {dt.date(2000, *month_day):%B} {month_day[1]} ({dated} of {len(members)} documents)")
    if topic:
        parts.append("topic: " + ", ".join(topic))
    parts.append(f"text similarity {_average_similarity(matrix, members):.2f} (average)")
    return "; ".join(parts), event_date, places


def _whole_names(found: list[str], members: Sequence[int], signatures: Sequence[Signature],
                 places: Sequence[str] = ()) -> list[str]:
    """The names of the why as a reader knows them: words that members write together as one
    name shown as that name ("Nancy", "Pelosi": "Nancy Pelosi"); offices ("Leader",
    "President-elect", ``data/office_words.txt``), words of a place already listed ("York" of
    New York) and month or weekday names, which name no one, left out."""
    from comparer.mentions.dates import is_calendar_word
    from comparer.mentions.entities import TITLES
    from comparer.wordlists import words

    offices = TITLES | words("office_words")
    place_words = {w.lower() for place in places for w in place.split()}

    def plain(name: str) -> bool:
        word = name.lower().rstrip(".")
        return " " in name or (word not in offices and word.split("-")[0] not in offices
                               and word not in place_words and not is_calendar_word(name))

    found = [n for n in found if plain(n)]
    wanted = {n.lower() for n in found}
    whole = sorted({shown for i in members for written in signatures[i].names.values() if " " in written
                    for shown in [_display_name(written)] if " " in shown
                    and all(w.lower() in wanted for w in shown.split())}, key=lambda n: (-len(n.split()), n))
    out: list[str] = []
    taken: set[str] = set()
    for name in found:
        if name.lower() in taken:
            continue
        joined = next((w for w in whole if name.lower() in w.lower().split()
                       and not taken & {x.lower() for x in w.split()}), None)
        shown = joined or name
        taken.update(x.lower() for x in shown.split())
        if shown not in out:
            out.append(shown)
    return out


def _shared_month_day(members: Sequence[int], signatures: Sequence[Signature], need: int) -> tuple[int, int] | None:
    """The month and day without a year ("April 19") that at least ``need`` members give, if any."""
    held = Counter(d for i in members for d in dict.fromkeys(signatures[i].dates) if isinstance(d, tuple))
    best = held.most_common(1)
    return best[0][0] if best and best[0][1] >= need else None


def _event_day(members: Sequence[int], signatures: Sequence[Signature]) -> dt.date | None:
    """The date most members give their event (the first of the most common), if any does."""
    dates = Counter(signatures[i].date for i in members if isinstance(signatures[i].date, dt.date))
    return dates.most_common(1)[0][0] if dates else None


def _shared_places(members: Sequence[int], signatures: Sequence[Signature], need: int) -> tuple[str, ...]:
    """Up to four places at least ``need`` members name, those named earliest in a report first."""
    count = Counter(p for i in members for p in dict.fromkeys(signatures[i].places))
    rank: dict[str, int] = {}
    for i in members:
        for position, place in enumerate(signatures[i].places):
            rank[place] = min(rank.get(place, position), position)
    return tuple(sorted((p for p, c in count.items() if c >= need), key=lambda p: (rank[p], -count[p], p)))[:4]


def _shared_names(members: Sequence[int], signatures: Sequence[Signature], need: int, spelled: dict[str, str],
                  places: Sequence[str]) -> list[str]:
    """The names at least ``need`` members hold (most held, then longest first), places left out,
    and a name that is one word of another left out too."""
    shared = Counter(f for i in members for f in signatures[i].names)
    names: list[str] = []
    for feature, count in sorted(shared.items(), key=lambda fc: (-fc[1], -len(fc[0]), fc[0])):
        name = _display_name(spelled[feature])
        if count >= need and name and name not in places and name not in names:
            names.append(name)
    return [n for n in names if not any(n != other and n in other.split() for other in names)]


def _as_written(stems: list[str], members: Sequence[int], texts: Callable[[int], str]) -> list[str]:
    """Each stem as the first member that holds it writes it (the stem itself if none does)."""
    found: dict[str, str] = {}
    for i in members:
        if len(found) == len(stems):
            break
        for stem, word in written_words(texts(i)):
            if stem in stems:
                found.setdefault(stem, word)
    return [found.get(s, s) for s in stems]


def _average_similarity(matrix: Any, members: Sequence[int]) -> float:
    """The mean cosine similarity of the group's pairs (rows of ``matrix`` are L2-normalised)."""
    sim = gram(matrix, members)
    k = len(members)
    return (sim.sum() - k) / (k * (k - 1))


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
    name_words = {word_stem(w.lower()) for n in [*names, *topic, *places] for w in n.split()}
    words = [w for w in words if w not in name_words][:4]
    return names, words, topic[:3], numbers[:4]
