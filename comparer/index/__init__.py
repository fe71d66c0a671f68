"""A persistent index of documents: add new articles incrementally, match new ones at once.

``open_store(url_or_path, scheme)`` opens (creating when missing) an embedded SQLite file or, for a
``redis://HOST:PORT/DB?prefix=NAME`` URL, a Redis index shared by many workers. ``add`` stores
documents with their claims (spans), MinHash signatures, LSH band keys and event vectors, and puts
each new document in an existing event or a new one without recomputing the archive. ``match`` says
which stored event each document belongs to and which stored documents it copies.

>>> import comparer, tempfile, os
>>> from comparer.index import open_store, add, match
>>> store = open_store(os.path.join(tempfile.mkdtemp(), "s.db"))
>>> add(comparer.load(["fixtures/seeds"]), store).added
5
>>> report = match(comparer.load(["fixtures/reprints/004_reprint.txt"]), store)
>>> [d["id"] for d in report.extra["matches"][0]["near_duplicates"]]
['004_2f215c4fcb578318.txt']
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from comparer.config import Config
from comparer.minhash import Scheme
from comparer.index.common import (FORMAT_VERSION, Candidate, EventMatch, Lookup, Query, StoreError,
                                   assign_event, base_weights, content_key, document_meta, event_id_for,
                                   explain_group, pack_record, pack_text, scheme_dict, top_features,
                                   unpack_text, vector_arrays, vector_of)
from comparer.types import Document, InputProblem, Report

__all__ = ["open_store", "add", "match", "find_copies", "stored_clusters", "stored_report", "stored_documents",
           "AddResult", "StoreError", "FORMAT_VERSION", "NewDocument"]

Progress = Callable[[int, int], None]   # (documents in the committed batch, of which new)


@dataclass(slots=True)
class NewDocument:
    """Everything a backend writes for one document, in one transaction with its batch."""

    key: str
    id: str
    meta: dict[str, Any]
    text: bytes
    claims: bytes
    sig: bytes
    bands: list[int]
    features: list[str]
    postings: list[str]
    record: bytes
    event: str
    event_info: dict[str, Any]
    duplicates: list[tuple[str, float]]


@dataclass(slots=True)
class AddResult:
    """What ``add`` did: documents new to the store, already stored, and each new one's event."""

    added: int = 0
    already_stored: int = 0
    events: dict[str, str] = field(default_factory=dict)   # stored id -> event id
    new_events: int = 0


def open_store(url_or_path: str, scheme: Scheme | None = None, config: Config | None = None):
    """Open the index at ``url_or_path`` (a file path or ``sqlite:///path``, or ``redis://...``).

    The store is created when missing and records the format version and ``scheme``; opening an
    existing store with another scheme or an unknown version raises ``StoreError``.
    """
    from comparer.minhash import lsh_params

    config = config or Config()
    scheme = scheme or Scheme.from_config(config.dedup)
    bands, rows = lsh_params(config.dedup.threshold, scheme.num_perm)
    expected = scheme_dict(scheme, bands, rows)
    if url_or_path.startswith(("redis://", "rediss://", "unix://")):
        from comparer.index.redis import RedisStore

        return RedisStore(url_or_path, scheme, expected)
    if "://" in url_or_path and not url_or_path.startswith("sqlite://"):
        raise StoreError(f"unsupported store {url_or_path!r}: give a file path (SQLite) or "
                         f"redis://HOST:PORT/DB?prefix=NAME")
    from comparer.index.sqlite import SQLiteStore

    path = url_or_path[len("sqlite://"):] if url_or_path.startswith("sqlite://") else url_or_path
    return SQLiteStore(path, scheme, expected)


# --- one document ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Prepared:
    doc: Document
    key: str
    sig: Any
    bands: list[int]
    esig: Any
    weights: dict[str, float]


def _prepare(documents: Sequence[Document], store, config: Config) -> list[_Prepared]:
    """Signatures, band keys and event signatures of a batch (the costly part, done outside transactions)."""
    from comparer.minhash import band_keys, signatures
    from comparer.event_signature import signature

    if not documents:
        return []
    sigs = signatures([d.text for d in documents], store.scheme)
    keys = band_keys(sigs, store.bands, store.rows)
    out = []
    for doc, sig, bands in zip(documents, sigs, keys):
        esig = signature(doc, config)
        out.append(_Prepared(doc, content_key(doc.text), sig, [int(b) for b in bands.tolist()], esig,
                             base_weights(esig, config.cluster)))
    return out


def _query(item: _Prepared, config: Config) -> Query:
    features = list(item.weights)
    return Query(bands=tuple(item.bands), features=tuple(features),
                 weights=tuple(item.weights[f] for f in features), top=config.cluster.top_features,
                 max_df=config.cluster.max_df)


def _near_duplicates(item: _Prepared, candidates: list[Candidate], store, threshold: float
                     ) -> list[tuple[Candidate, float, float]]:
    """Candidates whose exact Jaccard (shingles of the stored text) is at least ``threshold``.

    Returns ``(candidate, exact, estimated)``, best first. Candidates whose signature estimate is
    far below the threshold (more than 0.2, several standard errors at 128 slots) are not re-shingled.
    """
    import numpy as np

    from comparer.minhash import jaccard, shingle_hashes

    if not candidates:
        return []
    estimates = []
    for cand in candidates:
        stored = np.frombuffer(cand.sig, dtype=np.uint32)
        estimates.append(float((stored == item.sig).mean()) if len(stored) == len(item.sig) else 0.0)
    keep = [(c, e) for c, e in zip(candidates, estimates) if e >= threshold - 0.2]
    if not keep:
        return []
    texts = [item.doc.text] + [unpack_text(c.text) for c, _ in keep]
    values, offsets = shingle_hashes(texts, store.scheme)
    mine = values[offsets[0]:offsets[1]]
    out = []
    for n, (cand, estimate) in enumerate(keep, start=1):
        score = 1.0 if cand.key == item.key else jaccard(mine, values[offsets[n]:offsets[n + 1]])
        if score >= threshold:
            out.append((cand, score, estimate))
    out.sort(key=lambda t: (-t[1], t[0].id))
    return out


def _assign(item: _Prepared, lookup: Lookup, duplicates, config: Config, adding: bool
            ) -> tuple[EventMatch, dict[str, float], dict[str, int], int]:
    n_docs = lookup.n_docs + (1 if adding else 0)
    df = {f: lookup.df.get(f, 0) + (1 if adding else 0) for f in item.weights}
    vector = vector_arrays(vector_of(item.esig, {f: max(c, 1) for f, c in df.items()}, max(n_docs, 1),
                                     config.cluster))
    event = assign_event(item.esig, vector, lookup, [c.event for c, _, _ in duplicates], config.cluster)
    return event, vector, df, n_docs


# --- add ---------------------------------------------------------------------------------------


def add(documents: Sequence[Document], store, config: Config | None = None, progress: Progress | None = None,
        batch_size: int = 500) -> AddResult:
    """Store ``documents``; each batch is committed at once, and ``progress`` hears of it after the commit.

    A document whose text is already stored is skipped (its content hash is its key). A new one joins
    the stored event of a near-duplicate, else the best-matching stored event, else starts one.
    """
    import numpy as np

    from comparer.segment import split_claims

    config = config or Config()
    result = AddResult()
    for start in range(0, len(documents), batch_size):
        batch = _prepare(documents[start:start + batch_size], store, config)
        added_before = result.added
        with store.transaction():
            seen = store.existing([p.key for p in batch])
            for item in batch:
                if item.key in seen:
                    result.already_stored += 1
                    continue
                seen.add(item.key)
                lookup = store.lookup(_query(item, config))
                duplicates = _near_duplicates(item, lookup.duplicates, store, config.dedup.threshold)
                event, vector, df, n_docs = _assign(item, lookup, duplicates, config, adding=True)
                members = [(m.decoded().signature(), m.decoded().vector) for m in event.members] if event.id else []
                event_id = event.id or event_id_for(item.key)
                result.new_events += event.id is None
                why, event_date, places = explain_group(members + [(item.esig, vector)], config.cluster)
                info = {"why": why, "event_date": event_date, "places": list(places)}
                claims = np.array([(p.start, p.end) for p in split_claims(item.doc.text)],
                                  dtype=np.int32).tobytes()
                stored_id = store.insert(NewDocument(
                    key=item.key, id=item.doc.id, meta=document_meta(item.doc), text=pack_text(item.doc.text),
                    claims=claims, sig=item.sig.astype(np.uint32).tobytes(), bands=item.bands,
                    features=list(item.weights),
                    postings=top_features(item.weights, df, n_docs, config.cluster.top_features,
                                          config.cluster.max_df, stored_only=False),
                    record=pack_record(item.esig, vector), event=event_id, event_info=info,
                    duplicates=[(c.key, s) for c, s, _ in duplicates]))
                if stored_id is None:   # another worker stored the same text meanwhile
                    result.already_stored += 1
                    result.new_events -= event.id is None
                    continue
                result.events[stored_id] = event_id
                result.added += 1
        if progress:
            progress(len(batch), result.added - added_before)
    return result


# --- match -------------------------------------------------------------------------------------


def match_one(item: _Prepared, store, config: Config, lookup: Lookup | None = None) -> dict[str, Any]:
    """Near-duplicates and event of one prepared document (one backend lookup, unless given)."""
    lookup = lookup or store.lookup(_query(item, config))
    duplicates = _near_duplicates(item, lookup.duplicates, store, config.dedup.threshold)
    event, vector, _, _ = _assign(item, lookup, duplicates, config, adding=False)
    stored = next((c for c, _, _ in duplicates if c.key == item.key), None)
    out: dict[str, Any] = {
        "document": item.doc.id, "stored": stored is not None, "stored_id": stored.id if stored else None,
        "near_duplicates": [{"id": c.id, "score": round(s, 4), "estimated": round(e, 4), "method": "exact"}
                            for c, s, e in duplicates],
        "event": None}
    if event.id is not None:
        records = [(m.decoded().signature(), m.decoded().vector) for m in event.members]
        if stored is None:
            records.append((item.esig, vector))
        why, event_date, places = explain_group(records, config.cluster)
        out["event"] = {"id": event.id, "documents": store.event_members(event.id),
                        "joined_by": ("stored" if stored is not None else
                                      "near-duplicate" if event.by_copy else "similarity"),
                        "score": round(event.score, 4) if event.score is not None else None,
                        "why": why, "event_date": event_date, "places": list(places)}
    return out


def match(documents: Sequence[Document], store, config: Config | None = None,
          errors: Sequence[InputProblem] = (), progress: Callable[[int], None] | None = None) -> Report:
    """Which stored event each document belongs to, and which stored documents it copies.

    Nothing is written. A document already stored is reported as its own near-duplicate (score 1.0)
    and ``"stored": true``. Near-duplicate scores are exact Jaccard similarities of word shingles,
    computed from the stored text; ``estimated`` is the MinHash estimate that proposed the candidate.
    """
    config = config or Config()
    matches = []
    for start in range(0, len(documents), 500):
        prepared = _prepare(documents[start:start + 500], store, config)
        for part in range(0, len(prepared), 100):   # one round trip per 100 documents (Redis pipeline)
            items = prepared[part:part + 100]
            for item, lookup in zip(items, store.lookup_many([_query(i, config) for i in items])):
                matches.append(match_one(item, store, config, lookup))
                if progress:
                    progress(1)
    return Report(documents=tuple(documents), errors=tuple(errors), sections=("documents",),
                  extra={"store": store.url, "matches": matches})


def find_copies(sigs: Any, store, threshold: float = 0.5, pipeline: int = 100) -> list[list[tuple[str, float]]]:
    """Stored near-duplicates of each signature (rows of ``sigs``), by MinHash estimate: ``(id, estimate)``.

    The LSH part of ``match`` alone, for bulk checks: candidates of ``pipeline`` documents are asked
    for in one round trip (one server-side script per document) and scored by the fraction of equal
    signature slots, with no exact verification.
    """
    import numpy as np

    from comparer.minhash import band_keys

    keys = band_keys(np.atleast_2d(sigs), store.bands, store.rows)
    out = []
    for start in range(0, len(keys), pipeline):
        part = keys[start:start + pipeline]
        found = store.candidates_many([row.tolist() for row in part])
        for sig, candidates in zip(sigs[start:start + pipeline], found):
            if not candidates:
                out.append([])
                continue
            stored = np.frombuffer(b"".join(c.sig for c in candidates), dtype=np.uint32).reshape(len(candidates), -1)
            estimates = (stored == sig).mean(axis=1)
            out.append(sorted(((c.id, float(e)) for c, e in zip(candidates, estimates) if e >= threshold),
                              key=lambda t: -t[1]))
    return out


# --- reading the archive -----------------------------------------------------------------------


def stored_documents(store, keys: Sequence[str] | None = None) -> list[Document]:
    """Stored documents (all, or those with the given stored ids), in the order they were added."""
    from comparer.index.common import document_from_stored

    return [document_from_stored(meta, text, stored_id) for stored_id, meta, text in store.documents(keys)]


def stored_clusters(store, only: Sequence[str] | None = None, errors: Sequence[InputProblem] = ()) -> Report:
    """The stored events as a ``cluster`` report (every stored document, or the events of ``only`` ids)."""
    from comparer.types import Cluster

    events = store.events()
    if only is not None:
        wanted = set(only)
        events = {e: v for e, v in events.items() if wanted & set(v["documents"])}
    duplicates = store.duplicate_pairs()
    clusters = []
    for event_id, info in sorted(events.items(), key=lambda kv: min(kv[1]["documents"])):
        members = set(info["documents"])
        clusters.append(Cluster(id=event_id, kind="event", documents=tuple(sorted(members)),
                                duplicates=tuple(sorted(p for p in duplicates if p[0] in members)),
                                event_date=info.get("event_date"), places=tuple(info.get("places") or ()),
                                why=info.get("why", "")))
    wanted_ids = sorted({i for c in clusters for i in c.documents})
    documents = stored_documents(store, wanted_ids if only is not None else None)
    return Report(documents=tuple(documents), errors=tuple(errors), clusters=tuple(clusters),
                  sections=("documents", "clusters"), extra={"store": store.url})


def stored_report(store, config: Config | None = None, only: Sequence[str] | None = None,
                  errors: Sequence[InputProblem] = (), progress: Callable[[int], None] | None = None,
                  reviews: dict[str, dict[str, str]] | None = None, open_only: bool = False) -> Report:
    """``comparer report`` over the stored events: diff every event told by two or more sources.

    The same review document as :func:`comparer.reporting.build_report`, with the stored events in
    place of a fresh clustering.
    """
    from comparer.reporting import report_events

    clustered = stored_clusters(store, only, errors)
    return report_events(clustered, config, errors, progress, reviews, open_only, extra={"store": store.url})


# --- views -------------------------------------------------------------------------------------


def match_view(report: Report) -> list:
    """One row per near-duplicate and one per event of each matched document."""
    from comparer.render import Table

    labels = {d.id: d.label or d.id for d in report.documents}
    dup_rows, event_rows = [], []
    for entry in report.extra.get("matches", []):
        label = labels.get(entry["document"], entry["document"])
        for dup in entry["near_duplicates"]:
            dup_rows.append((label, dup["id"], f"{dup['score']:.3f}", f"{dup['estimated']:.3f}"))
        event = entry["event"]
        if event is None:
            event_rows.append((label, "(none)", "", "", "no stored event matches: adding it would start a new one"))
        else:
            how = event["joined_by"] + (f" {event['score']:.3f}" if event["score"] is not None else "")
            event_rows.append((label, event["id"], how, "\n".join(event["documents"]), event["why"]))
    return [Table("Near-duplicates in the store", ("document", "stored copy", "Jaccard (exact)", "MinHash estimate"),
                  dup_rows, (f"store: {report.extra.get('store', '')}",)),
            Table("Events", ("document", "event", "joined by", "members", "why"), event_rows)]


def index_view(report: Report) -> list:
    """What ``comparer index add`` or ``index stats`` did or found, as one two-column table."""
    from comparer.render import Table

    info = report.extra.get("index", {})
    rows = [(k, json.dumps(v) if isinstance(v, (dict, list)) else v) for k, v in info.items()]
    return [Table("Index", ("field", "value"), rows)]


def _register_views() -> None:
    from comparer.render import register_view

    register_view("match", match_view)
    register_view("index", index_view)


_register_views()
