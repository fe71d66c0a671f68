"""What ``add`` and ``match`` share: prepared documents, near-duplicate checks, event assignment, why.

Everything here works on a batch of documents at once where it can: MinHash signatures and shingles
in one numpy computation, the shingles of every stored candidate text checked by a batch once. A
document's event :class:`~comparer.index.common.Terms` are built with the parts that do not depend on
the archive (counts, kinds, feature ids and their order) kept from one lookup to the next.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from comparer import tfidf
from comparer.config import ClusterConfig, Config
from comparer.event_signature import Signature, date_relation, evidence_factor
from comparer.events import kind_weights
from comparer.index.common import Candidate, EventMatch, Lookup, Query, Terms, content_key, dot, feature_hash
from comparer.types import Document


@dataclass(slots=True)
class Prepared:
    """A document ready to be looked up: its key, signatures, band keys, shingles and event signature."""

    doc: Document
    key: str
    sig: Any                      # uint32 MinHash slots
    bands: list[int]              # one uint64 key per LSH band
    shingles: Any                 # uint64 shingle hashes, in text order
    esig: Signature
    # what its Terms take from the signature, in the order of the sorted feature ids (see terms)
    _sorted: tuple[list[str], Any, Any, Any] | None = None

    @property
    def features(self) -> tuple[str, ...]:
        """The document's event features (their document counts are looked up, and counted when it is added)."""
        return tuple(self.esig.counts)

    def _parts(self) -> tuple[list[str], Any, Any, Any]:
        """The features, their ids, counts and kinds, sorted by id."""
        if self._sorted is None:
            import numpy as np

            known = _FEATURE_IDS
            if len(known) > 1 << 20:
                known.clear()
            features = list(self.esig.counts)
            ids = np.array([known.get(f) or known.setdefault(f, feature_hash(f)) for f in features], dtype=np.uint64)
            order = np.argsort(ids)
            counts = np.fromiter(self.esig.counts.values(), dtype=np.float64, count=len(features))
            self._sorted = ([features[i] for i in order.tolist()], ids[order], counts[order],
                            tfidf.kinds(features)[order])
        return self._sorted

    def terms(self, df: dict[str, int], n_docs: int, extra: int = 0) -> Terms:
        """Its terms, with each feature held by ``max(df.get(f, 0) + extra, 1)`` of ``n_docs`` documents."""
        import numpy as np

        features, ids, counts, kinds = self._parts()
        held = np.fromiter(map(df.get, features, itertools.repeat(0)), dtype=np.int64, count=len(features))
        return Terms(ids, counts, kinds, np.maximum(held + extra, 1).astype(np.uint32), n_docs)

    def query(self, config: Config) -> Query:
        cluster = config.cluster
        features = self.features
        kinds = kind_weights(features, cluster)
        return Query(bands=tuple(self.bands), features=features, counts=tuple(self.esig.counts.values()),
                     kinds=tuple(kinds.tolist()), top=cluster.top_features, max_df=cluster.max_df)


_FEATURE_IDS: dict[str, int] = {}   # feature_hash of features seen, without lru_cache's call overhead


def prepare(documents: Sequence[Document], store, config: Config) -> list[Prepared]:
    """Signatures, band keys, shingles and event signatures of a batch (the costly part, outside transactions)."""
    from comparer.event_signature import signature
    from comparer.minhash import band_keys, shingle_hashes, signatures_from_hashes

    if not documents:
        return []
    values, offsets = shingle_hashes([d.text for d in documents], store.scheme)
    sigs = signatures_from_hashes(values, offsets, store.scheme)
    keys = band_keys(sigs, store.bands, store.rows).tolist()
    out = []
    for n, (doc, sig, bands) in enumerate(zip(documents, sigs, keys)):
        esig = signature(doc, config)
        out.append(Prepared(doc, content_key(doc.text), sig, bands, values[offsets[n]:offsets[n + 1]], esig))
    return out


# --- near-duplicates ---------------------------------------------------------------------------


def near_duplicates(items: Sequence[Prepared], candidates: Sequence[list[Candidate]], scheme, threshold: float,
                    shingled: dict[str, Any] | None = None) -> list[list[tuple[Candidate, float, float]]]:
    """Candidates whose exact Jaccard (shingles of the stored text) is at least ``threshold``, per item.

    Returns ``(candidate, exact, estimated)``, best first. Candidates whose signature estimate is
    far below the threshold (more than 0.2, several standard errors at 128 slots) are not
    re-shingled; the texts of the others are shingled once for the whole batch (``shingled`` keeps
    them by key, and may be shared between batches).
    """
    import numpy as np

    from comparer.minhash import jaccard, shingle_hashes

    shingled = {} if shingled is None else shingled
    if len(shingled) > 50_000:   # a long call: keep memory bounded
        shingled.clear()
    kept = []
    for item, cands in zip(items, candidates):
        same = [c for c in cands if c.sig is not None and len(c.sig) == 4 * len(item.sig)]
        estimates = dict.fromkeys(map(id, cands), 0.0)
        if same:
            stored = np.frombuffer(b"".join(c.sig for c in same), dtype=np.uint32).reshape(len(same), -1)
            estimates.update(zip(map(id, same), (stored == item.sig).mean(axis=1).tolist()))
        kept.append([(c, estimates[id(c)]) for c in cands if estimates[id(c)] >= threshold - 0.2])
    todo = {c.key: c for part, item in zip(kept, items) for c, _ in part
            if c.key != item.key and c.key not in shingled}
    if todo:
        from comparer.index.common import unpack_text

        values, offsets = shingle_hashes([unpack_text(c.text) for c in todo.values()], scheme)
        for n, key in enumerate(todo):
            shingled[key] = np.unique(values[offsets[n]:offsets[n + 1]])
    out = []
    for item, part in zip(items, kept):
        found = []
        mine = np.unique(item.shingles) if part else None
        for cand, estimate in part:
            score = 1.0 if cand.key == item.key else jaccard(mine, shingled[cand.key])
            if score >= threshold:
                found.append((cand, score, estimate))
        found.sort(key=lambda t: (-t[1], t[0].id))
        out.append(found)
    return out


# --- events ------------------------------------------------------------------------------------


def shared_evidence(ids: Any, evidence: Any, other_ids: Any) -> float:
    """The summed ``evidence`` of the features (sorted ``ids``) that ``other_ids`` holds too."""
    import numpy as np

    if len(ids) == 0 or len(other_ids) == 0:
        return 0.0
    pos = np.searchsorted(ids, other_ids)
    pos[pos == len(ids)] = 0
    return float(evidence[pos[ids[pos] == other_ids]].sum())


def assign(item: Prepared, lookup: Lookup, duplicates: list[tuple[Candidate, float, float]], config: Config,
           adding: bool) -> tuple[EventMatch, Terms | None, dict[str, int] | None, int]:
    """The event ``item`` joins, its event terms, and the document counts and archive size it used.

    When ``adding``, the counts include the document itself; they are returned only then. When
    matching against a store with no candidate event, the terms are not computed (None).
    """
    extra = 1 if adding else 0
    n_docs = lookup.n_docs + extra
    if not adding and not lookup.events:   # nothing to compare with, and nothing to store
        return EventMatch(None, None, []), None, None, n_docs
    terms = item.terms(lookup.df, max(n_docs, 1), extra)
    evidence = terms.evidence(config.cluster) if config.cluster.evidence > 0 else None
    event = assign_event(item.esig, terms.vector(config.cluster), lookup, [c.event for c, _, _ in duplicates],
                         config.cluster, evidence)
    df = {f: lookup.df.get(f, 0) + extra for f in item.features} if adding else None
    return event, terms, df, n_docs


def assign_event(sig: Signature, vector: tuple[Any, Any], lookup: Lookup, duplicate_events: list[str],
                 cluster: ClusterConfig, evidence: Any = None) -> EventMatch:
    """The stored event ``sig`` joins: a near-duplicate's event, else the best average link above threshold.

    Copies of one story are one event (as in :func:`comparer.events.group_events`), so a verified
    near-duplicate decides. Otherwise a document joins the candidate event whose members are, on
    average, at least ``cluster.link_threshold`` similar to it (cosine times the date factor and,
    given the ``evidence`` weights of its features, the evidence factor). The batch clusterer cuts at
    ``cluster.threshold`` after subtracting each side's crowd (:func:`comparer.events.crowding`),
    which an incremental index does not see: it keeps the stricter cut of a pair before that.
    """
    for event in duplicate_events:
        if event and event in lookup.events:
            return EventMatch(event, None, lookup.events[event], by_copy=True)
    best: EventMatch = EventMatch(None, None, [])
    for event, members in sorted(lookup.events.items()):
        scores = []
        for member in members:
            record = member.decoded()
            factor, agreement = date_relation(sig, record.when, cluster)
            if evidence is not None:
                factor *= evidence_factor(shared_evidence(vector[0], evidence, record.terms.ids), cluster,
                                          agreement)
            scores.append(dot(vector, record.vector(cluster)) * factor)
        if not scores:
            continue
        average = sum(scores) / len(scores)
        if average >= cluster.link_threshold and (best.score is None or average > best.score):
            best = EventMatch(event, average, members)
    return best


def explain_event(members: Sequence[Candidate], extra: tuple[Signature, tuple[Any, Any]] | None,
                  cluster: ClusterConfig) -> tuple[str, str | None, tuple[str, ...]]:
    """:func:`comparer.events.explain` over stored ``members`` and, when given, one more ``(signature, vector)``.

    As in :func:`comparer.events.group_events`, the signatures handed over keep only their number
    features: the why reads names, places, dates and numbers, and similarities come from the vectors.
    """
    import numpy as np
    from scipy import sparse

    from comparer.events import explain

    records = [m.decoded() for m in members]
    sigs = [r.why_signature() for r in records]
    vectors = [r.vector(cluster) for r in records]
    if extra is not None:
        sigs.append(why_signature(extra[0]))
        vectors.append(extra[1])
    if len(sigs) == 1:   # one member: the why says so, and needs no similarities
        return explain([0], sigs, None, cluster)
    ids = [v[0] for v in vectors]
    vocabulary, columns = np.unique(np.concatenate(ids), return_inverse=True)
    indptr = np.concatenate(([0], np.cumsum([len(i) for i in ids]))).astype(np.int64)
    data = np.concatenate([v[1] for v in vectors]).astype(np.float64)
    matrix = sparse.csr_matrix((data, columns.astype(np.int64), indptr), shape=(len(sigs), max(len(vocabulary), 1)))
    return explain(list(range(len(sigs))), sigs, matrix, cluster)


def why_signature(sig: Signature) -> Signature:
    """``sig`` with only its number features counted: what :func:`comparer.events.explain` reads of counts."""
    return dataclasses.replace(sig, counts={f: c for f, c in sig.counts.items() if f[0] == "n"})


def event_info(members: Sequence[Candidate], extra: tuple[Signature, tuple[Any, Any]] | None,
               cluster: ClusterConfig) -> dict[str, Any]:
    """What a store keeps about an event: its why, date and places."""
    why, event_date, places = explain_event(members, extra, cluster)
    return {"why": why, "event_date": event_date, "places": list(places)}

