"""What both index backends share: the store's identity, stored records, queries and their answers.

A backend (SQLite or Redis) stores documents and answers one :class:`Query` per document with one
:class:`Lookup`: the stored documents sharing an LSH band with it (near-duplicate candidates, with
their MinHash signatures and text), the document counts of its event features, and the stored
events its rarest features point to (with their members' event records). Everything else, from
scores to the event a new document joins, is computed the same way for every backend
(:mod:`comparer.index.assignment`).

Event vectors are the TF-IDF vectors of :mod:`comparer.events`, weighted by :func:`comparer.tfidf.weights`
when they are read. A record keeps what they are weighted from: each feature's count and the number of
archived documents holding it when the document was added, and the archive's size then. So adding a
document never rewrites the others (the archive's IDF drifts slowly once it holds a few thousand
documents), and no store computes a weight.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import math
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from comparer import tfidf
from comparer.digest import sha1_hex
from comparer.config import ClusterConfig
from comparer.minhash import Scheme
from comparer.errors import ComparerError
from comparer.event_signature import Signature
from comparer.events import kind_code_weights
from comparer.types import Document

# 2: event records hold feature counts and document counts, not weights (version 1 held weights)
# 3: word features are stemmed, and names of one word weigh as their own kind
FORMAT_VERSION = 3
EVENT_PREFIX = "ev-"


class StoreError(ComparerError):
    """An index store cannot be opened or used (bad URL, unreachable, other scheme or version)."""


def content_key(text: str) -> str:
    """The key of a stored document: the first 20 hex digits of the SHA-1 of its text (80 bits)."""
    return sha1_hex(text.encode("utf-8"))[:20]


def scheme_dict(scheme: Scheme, bands: int, rows: int) -> dict[str, Any]:
    """What the store records about its signatures; a store refuses any other."""
    return {"num_perm": scheme.num_perm, "shingle_size": scheme.shingle_size, "seed": scheme.seed,
            "hash": scheme.algorithm, "scheme_version": scheme.version, "bands": bands, "rows": rows}


def check_stored_meta(found: dict[str, str], scheme: dict[str, Any], where: str) -> None:
    """``check_meta`` on the text a store holds: a damaged record is named as such, not as a version."""
    raw_version = found.get("format_version", "0")
    try:
        version: Any = int(raw_version)
    except ValueError:
        raise StoreError(f"{where}: damaged store record: format version {raw_version!r} is not a number") from None
    try:
        stored = json.loads(found.get("scheme", "{}"))
    except ValueError:
        stored = None
    if not isinstance(stored, dict):
        raise StoreError(f"{where}: damaged store record: the signature scheme is not a JSON object; "
                         f"use a new store")
    check_meta({"format_version": version, "scheme": stored}, scheme, where)


def check_meta(found: dict[str, Any], scheme: dict[str, Any], where: str) -> None:
    """Raise StoreError unless the stored format version and signature scheme are the expected ones."""
    version = found.get("format_version")
    if isinstance(version, int) and 0 < version < FORMAT_VERSION:
        raise StoreError(f"{where}: the store was built by an earlier comparer (index format version {version}, "
                         f"this comparer reads version {FORMAT_VERSION}); rebuild it: "
                         f"comparer index add PATH... --store NEW_STORE")
    if version != FORMAT_VERSION:
        raise StoreError(f"{where}: unknown index format version {version!r} (this comparer reads version "
                         f"{FORMAT_VERSION}); use a comparer release that wrote it, or a new store")
    stored = found.get("scheme") or {}
    if stored != scheme:
        diffs = ", ".join(f"{k} {stored.get(k)!r} (store) vs {scheme.get(k)!r} (now)"
                          for k in sorted(set(stored) | set(scheme)) if stored.get(k) != scheme.get(k))
        raise StoreError(f"{where}: the store was built with another signature scheme: {diffs}; "
                         f"use the store's dedup settings (--config) or a new store")


# --- stored values -----------------------------------------------------------------------------


def pack(value: Any) -> bytes:
    return zlib.compress(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)


def unpack(blob: bytes | None) -> Any:
    return json.loads(zlib.decompress(blob).decode("utf-8")) if blob else None


def pack_text(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 6)


def unpack_text(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


def document_meta(doc: Document) -> dict[str, Any]:
    return {"id": doc.id, "label": doc.label, "title": doc.title, "source": doc.source, "url": doc.url,
            "path": doc.path, "published": doc.published.isoformat() if doc.published else None}


def document_from_stored(meta: dict[str, Any], text: str, stored_id: str) -> Document:
    published = dt.date.fromisoformat(meta["published"]) if meta.get("published") else None
    return Document(id=stored_id, text=text, title=meta.get("title", ""), published=published,
                    source=meta.get("source", ""), url=meta.get("url", ""), path=meta.get("path", ""),
                    label=meta.get("label") or stored_id)


def _date_json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else list(value) if value else None


def _date_value(value: Any) -> Any:
    if value is None:
        return None
    return dt.date.fromisoformat(value) if isinstance(value, str) else tuple(value)


@functools.lru_cache(maxsize=1 << 20)
def feature_hash(feature: str) -> int:
    """A stable 64-bit id of an event feature (stored vectors hold ids, not strings)."""
    return int.from_bytes(hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest(), "little")


@dataclass(frozen=True, slots=True)
class Terms:
    """What a document's event vector is weighted from, by feature id (sorted).

    ``df`` counts the documents of the archive holding each feature and ``n_docs`` the archive's
    documents, when the document was weighed (both at least 1; a stored document counts itself).
    """

    ids: Any       # uint64 feature ids (feature_hash), sorted
    counts: Any    # float64: how often the document holds each feature
    kinds: Any     # uint8: each feature's kind (comparer.tfidf.WORD, NAME, NUMBER)
    df: Any        # uint32
    n_docs: int

    def vector(self, cluster: ClusterConfig) -> tuple[Any, Any]:
        """The L2-normalised TF-IDF vector: the sorted ids and ``float32`` weights.

        Weights are rounded to 5 decimals, as stores of index format 1 held them: matches score
        and explain as they did then.
        """
        import numpy as np

        weights = tfidf.weights(self.counts, self.df, self.n_docs, self._kind_weights(cluster))
        norm = math.sqrt(float(np.dot(weights, weights))) or 1.0
        return self.ids, np.round(weights / norm, 5).astype(np.float32)

    def evidence(self, cluster: ClusterConfig) -> Any:
        """The IDF times kind weight of each feature: what :func:`comparer.events.evidence_rows` sums."""
        return tfidf.weights(1.0, self.df, self.n_docs, self._kind_weights(cluster))

    def _kind_weights(self, cluster: ClusterConfig) -> Any:
        return kind_code_weights(self.kinds, cluster)


_HEAD = struct.Struct("<III")   # a packed record's sizes: dates JSON, number of features, archive size
_TERM_BYTES = 8 + 8 + 4 + 1     # per feature: id, count, document count, kind


def pack_record(sig: Signature, terms: Terms) -> bytes:
    """A document's event record as stored: dates (JSON), its terms (binary) and the rest (zlib JSON).

    Scoring a candidate event reads the dates and terms of its members; only the event a document
    joins has its members' names and numbers decoded (for its ``why``).
    """
    import numpy as np

    when = json.dumps({"date": _date_json(sig.date), "dates": [_date_json(d) for d in sig.dates],
                       "years": sorted(sig.years), "back": [list(span) for span in sig.back],
                       "back_years": sorted(sig.back_years), "weekday": sig.weekday},
                      separators=(",", ":")).encode("utf-8")
    # the terms hold every count by feature id; a why reads the number features by name
    numbers = {f: c for f, c in sig.counts.items() if f[0] == "n"}
    rest = pack({"counts": numbers, "names": sig.names, "places": list(sig.places)})
    arrays = (terms.ids.astype(np.uint64), terms.counts.astype(np.float64), terms.df.astype(np.uint32),
              terms.kinds.astype(np.uint8))
    return b"".join((_HEAD.pack(len(when), len(terms.ids), terms.n_docs), when,
                     *(a.tobytes() for a in arrays), rest))


class Record:
    """A stored event record, decoded part by part on demand."""

    __slots__ = ("blob", "_when", "_terms", "_vector", "_why")

    def __init__(self, blob: bytes) -> None:
        self.blob = blob
        self._when: Signature | None = None
        self._terms: Terms | None = None
        self._vector: tuple[tuple[float, float], tuple[Any, Any]] | None = None
        self._why: Signature | None = None

    def _sizes(self) -> tuple[int, int, int]:
        return _HEAD.unpack_from(self.blob, 0)

    @property
    def when(self) -> Signature:
        """A signature holding only the dates (what :func:`comparer.event_signature.date_factor` reads)."""
        if self._when is None:
            size, _, _ = self._sizes()
            self._when = signature_of({"counts": {}, "names": {}, "places": [],
                                       **json.loads(self.blob[_HEAD.size:_HEAD.size + size])})
        return self._when

    @property
    def terms(self) -> Terms:
        """The stored terms (arrays reading the record in place)."""
        if self._terms is None:
            import numpy as np

            size, n, n_docs = self._sizes()
            start = _HEAD.size + size
            self._terms = Terms(np.frombuffer(self.blob, np.uint64, n, start),
                                np.frombuffer(self.blob, np.float64, n, start + 8 * n),
                                np.frombuffer(self.blob, np.uint8, n, start + 20 * n),
                                np.frombuffer(self.blob, np.uint32, n, start + 16 * n), n_docs)
        return self._terms

    def vector(self, cluster: ClusterConfig) -> tuple[Any, Any]:
        """The event vector (:meth:`Terms.vector`), weighed once per kind weighting."""
        key = (cluster.name_weight, cluster.number_weight)
        if self._vector is None or self._vector[0] != key:
            self._vector = (key, self.terms.vector(cluster))
        return self._vector[1]

    def signature(self) -> Signature:
        """The stored signature; of its counts, only the number features' (the terms hold all, by id)."""
        size, n, _ = self._sizes()
        rest = unpack(self.blob[_HEAD.size + size + _TERM_BYTES * n:])
        when = json.loads(self.blob[_HEAD.size:_HEAD.size + size])
        return signature_of({**rest, **when})

    def why_signature(self) -> Signature:
        """The signature with only its number features counted (what a why reads), decoded once."""
        if self._why is None:
            from comparer.index.assignment import why_signature

            self._why = why_signature(self.signature())
        return self._why


def signature_of(record: dict[str, Any]) -> Signature:
    """The :class:`comparer.event_signature.Signature` of a stored event record (derived fields recomputed)."""
    import dataclasses

    dates = tuple(_date_value(d) for d in record["dates"])
    # "back", "back_years" and "weekday" (what date_relation reads of follow-ups and undated
    # reports) are absent from records stored by earlier versions: their defaults apply.
    values: dict[str, Any] = {"counts": record["counts"], "names": record["names"], "places": tuple(record["places"]),
                              "date": _date_value(record["date"]), "dates": dates,
                              "years": frozenset(record["years"]),
                              "back": tuple(tuple(span) for span in record.get("back", ())),
                              "back_years": frozenset(record.get("back_years", ())),
                              "weekday": record.get("weekday")}
    names = {f.name for f in dataclasses.fields(Signature)}
    if "days" in names:
        values["days"] = tuple(d.toordinal() for d in dates if isinstance(d, dt.date))
    if "partial" in names:
        values["partial"] = any(isinstance(d, tuple) for d in dates)
    return Signature(**{k: v for k, v in values.items() if k in names})


def top_features(features: Sequence[str], counts: Sequence[float], kinds: Sequence[float], df: dict[str, int],
                 n_docs: int, limit: int, max_df: int, stored_only: bool) -> list[str]:
    """The ``limit`` strongest features by TF-IDF weight, skipping those in over ``max_df`` docs.

    ``kinds`` are the features' kind weights. With ``stored_only`` (a query), features no stored
    document has are skipped: they cannot lead anywhere. Equal weights go by feature, in order.
    """
    import numpy as np

    held = np.fromiter((df.get(f, 0) for f in features), dtype=np.int64, count=len(features))
    keep = held <= max_df
    if stored_only:
        keep &= held > 0
    where = np.flatnonzero(keep)
    weights = tfidf.weights(np.asarray(counts, dtype=np.float64)[where], held[where], n_docs,
                            np.asarray(kinds, dtype=np.float64)[where])
    scored = sorted(zip((-weights).tolist(), (features[i] for i in where.tolist())))
    return [f for _, f in scored[:limit]]


def dot(a: tuple[Any, Any], b: tuple[Any, Any]) -> float:
    """Dot product of two vectors given as sorted feature ids and weights."""
    import numpy as np

    (ids_a, w_a), (ids_b, w_b) = a, b
    if len(ids_a) == 0 or len(ids_b) == 0:
        return 0.0
    pos = np.searchsorted(ids_a, ids_b)
    pos[pos == len(ids_a)] = 0
    hit = ids_a[pos] == ids_b
    return float(np.dot(w_a[pos[hit]].astype(np.float64), w_b[hit]))


# --- query and answer ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Query:
    """What a backend is asked about one document (one round trip)."""

    bands: tuple[int, ...]            # one uint64 key per LSH band (0: empty band, skipped)
    features: tuple[str, ...]         # every event feature of the document (for their document counts)
    counts: tuple[float, ...]         # how often the document holds each feature, same order
    kinds: tuple[float, ...]          # each feature's kind weight, same order
    top: int                          # how many of its strongest rare features look for events
    max_df: int                       # features in more stored documents than this are not looked up
    max_docs: int = 6                # candidate documents (most features shared first) whose events count
    max_members: int = 12             # members loaded per candidate event (the most recent, in SQLite)


@dataclass(slots=True)
class Candidate:
    """A stored document: near-duplicate candidate or member of a candidate event."""

    key: str
    id: str
    event: str | None = None
    sig: bytes | None = None          # uint32 MinHash slots
    text: bytes | None = None         # zlib text (for exact Jaccard)
    record: bytes | None = None       # packed event record (pack_record)
    _decoded: Any = None

    def decoded(self) -> Record:
        if self._decoded is None:
            found = _RECORDS.get(self.key)
            if found is None or found.blob != self.record:
                found = Record(self.record)
                if len(_RECORDS) >= 100_000:
                    _RECORDS.clear()
                _RECORDS[self.key] = found
            self._decoded = found
        return self._decoded


# Decoded event records by document key: the members of a busy event are scored again for every
# new report of it. A stored record never changes, and a key names one text.
_RECORDS: dict[str, Record] = {}


@dataclass(slots=True)
class Lookup:
    """A backend's answer to a :class:`Query`."""

    n_docs: int
    df: dict[str, int]
    duplicates: list[Candidate]
    events: dict[str, list[Candidate]] = field(default_factory=dict)


@dataclass(slots=True)
class EventMatch:
    """The stored event a document belongs to (or None), and how it was decided."""

    id: str | None
    score: float | None
    members: list[Candidate]
    by_copy: bool = False


def event_id_for(key: str) -> str:
    """A new event is named after the document that started it."""
    return EVENT_PREFIX + key[:12]
