"""A persistent index of documents: add new articles incrementally, match new ones at once.

``open_store(url_or_path, scheme)`` opens (creating when missing) an embedded SQLite file or, for a
``redis://HOST:PORT/DB?prefix=NAME`` URL, a Redis index shared by many workers. ``add`` stores
documents with their claims (spans), MinHash signatures, LSH band keys and event vectors, and puts
each new document in an existing event or a new one without recomputing the archive. ``match`` says
which stored event each document belongs to and which stored documents it copies. ``regroup``
clusters the whole archive again, as ``comparer cluster`` would, and stores the events it finds.

The work is split by job: :mod:`~comparer.index.adding` and :mod:`~comparer.index.matching` drive a
batch through :mod:`~comparer.index.assignment` (signatures, near-duplicate checks, event choice and
why), and a backend (:mod:`~comparer.index.sqlite`, :mod:`~comparer.index.redis`) answers the
lookups and stores the results; :mod:`~comparer.index.common` holds the stored formats they share.

>>> import comparer, tempfile, os
>>> from comparer.index import open_store, add, match
>>> store = open_store(os.path.join(tempfile.mkdtemp(), "s.db"))
>>> add(comparer.load(["fixtures/seeds"]), store).added
5
>>> report = match(comparer.load(["fixtures/reprints/004_reprint.txt"]), store)
>>> [copy.id for copy in report.matches[0].near_duplicates]
['004_2f215c4fcb578318.txt']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from comparer.config import Config
from comparer.index.adding import AddResult, NewDocument, add
from comparer.index.common import FORMAT_VERSION, StoreError, scheme_dict
from comparer.index.matching import find_copies, match
from comparer.index.regrouping import RegroupResult, regroup
from comparer.minhash import Scheme
from comparer.types import Document, InputProblem, Report

__all__ = ["open_store", "add", "match", "regroup", "find_copies", "stored_clusters", "stored_report",
           "stored_documents", "AddResult", "RegroupResult", "StoreError", "FORMAT_VERSION", "NewDocument"]


def open_store(url_or_path: str, scheme: Scheme | None = None, config: Config | None = None, *,
               writable: bool = True):
    """Open the index at ``url_or_path`` (a file path or ``sqlite:///path``, or ``redis://...``).

    The store is created when missing and records the format version and ``scheme``; opening an
    existing store with another scheme or an unknown version raises ``StoreError``. With
    ``writable`` false (``match``, ``stats``), a SQLite store must exist and is opened read-only.
    """
    from comparer.minhash import lsh_params

    config = config or Config()
    scheme = scheme or Scheme.from_config(config.dedup)
    bands, rows = lsh_params(config.dedup.threshold, scheme.num_perm)
    expected = scheme_dict(scheme, bands, rows)
    if url_or_path.startswith(("redis://", "rediss://", "unix://")):
        from comparer.index.redis import RedisStore

        return RedisStore(url_or_path, scheme, expected, writable=writable)
    if "://" in url_or_path and not url_or_path.startswith("sqlite://"):
        raise StoreError(f"unsupported store {url_or_path!r}: give a file path (SQLite) or "
                         f"redis://HOST:PORT/DB?prefix=NAME")
    from comparer.index.sqlite import SQLiteStore

    path = url_or_path[len("sqlite://"):] if url_or_path.startswith("sqlite://") else url_or_path
    return SQLiteStore(path, scheme, expected, writable=writable)


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
                  sections=("documents", "clusters"), store=store.url)


def stored_report(store, config: Config | None = None, only: Sequence[str] | None = None,
                  errors: Sequence[InputProblem] = (), progress: Callable[[int], None] | None = None,
                  reviews: dict[str, dict[str, str]] | None = None, open_only: bool = False) -> Report:
    """``comparer report`` over the stored events: diff every event told by two or more sources.

    The same review document as :func:`comparer.reporting.build_report`, with the stored events in
    place of a fresh clustering.
    """
    from comparer.reporting import report_events

    clustered = stored_clusters(store, only, errors)
    return report_events(clustered, config, errors, progress, reviews, open_only, store=store.url)


# --- views -------------------------------------------------------------------------------------
