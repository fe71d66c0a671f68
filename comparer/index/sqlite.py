"""The embedded index: one SQLite file in WAL mode, safe against crashes and concurrent writers.

Every batch of documents is written in one ``BEGIN IMMEDIATE`` transaction: a batch is either wholly
stored or not at all, and is reported added only after its ``COMMIT`` returns. WAL with
``synchronous=NORMAL`` keeps every committed transaction when the process is killed (a power cut
may lose the last few, never corrupt the file). Writers from other processes wait for the write
lock (``busy_timeout``) instead of failing; readers never wait.

Tables: ``meta`` (format version, signature scheme), ``docs`` (one row per document: content key,
id, metadata, zlib text, claim spans, MinHash slots, event record (its feature counts and their
document counts, see :func:`comparer.index.common.pack_record`), event id), ``bands`` (LSH band key
-> document), ``features`` (event feature -> number of documents), ``postings`` (a document's
strongest event features -> document), ``events`` (id, why, date, places, size), ``duplicates``
(verified near-duplicate pairs with their Jaccard) and ``counters``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from comparer.minhash import Scheme
from comparer.index.common import FORMAT_VERSION, Candidate, Lookup, Query, StoreError, check_stored_meta, top_features

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS docs (
    seq INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, id TEXT NOT NULL UNIQUE, meta TEXT NOT NULL,
    text BLOB NOT NULL, claims BLOB NOT NULL, sig BLOB NOT NULL, record BLOB NOT NULL,
    event TEXT NOT NULL, added TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS docs_event ON docs(event);
CREATE TABLE IF NOT EXISTS bands (key INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (key, doc)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS features (feature TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS postings (feature TEXT NOT NULL, doc INTEGER NOT NULL,
    PRIMARY KEY (feature, doc)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, why TEXT NOT NULL, event_date TEXT,
    places TEXT NOT NULL, size INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS duplicates (a TEXT NOT NULL, b TEXT NOT NULL, score REAL NOT NULL,
    PRIMARY KEY (a, b)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
"""


def _signed(key: int) -> int:
    """A uint64 band key as SQLite's signed 64-bit integer."""
    return key - (1 << 64) if key >= 1 << 63 else key


class SQLiteStore:
    """An index in one SQLite file (created when missing)."""

    server_side = False           # lookups run in this process
    commits_each_insert = False   # a batch is one transaction: its whys are written when it commits

    def __init__(self, path: str, scheme: Scheme, expected: dict[str, Any], busy_timeout_ms: int = 120_000,
                 *, writable: bool = True) -> None:
        """Open the store at ``path``; with ``writable`` false it must exist and is opened read-only."""
        self.path = path
        self.url = path
        self.scheme = scheme
        self.bands, self.rows = expected["bands"], expected["rows"]
        self._pending = _Pending()
        if path.strip() in ("", ":memory:") or path.startswith("file:"):
            raise StoreError(f"store {path!r}: give a file path; an in-memory SQLite store would keep nothing")
        if os.path.isdir(path):
            raise StoreError(f"{path}: is a directory; give a file for the SQLite store")
        parent = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(parent):
            raise StoreError(f"{path}: directory {parent} does not exist")
        if not writable and not os.path.exists(path):
            raise StoreError(f"{path}: no such store; create one with 'comparer index add PATH... --store {path}'")
        try:
            if writable:
                self.db = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout_ms / 1000)
            else:  # reading creates nothing, and needs no write access to the file
                from urllib.parse import quote

                # With write access, "rw" lets the last connection fold the log back into the file.
                can_write = os.access(path, os.W_OK) and os.access(parent, os.W_OK)
                uri = "file:" + quote(os.path.abspath(path)) + ("?mode=rw" if can_write else "?mode=ro")
                self.db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=busy_timeout_ms / 1000)
            self.db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            _retry_while_locked(lambda: self._start(expected, writable), busy_timeout_ms / 1000)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a comparer index ({exc})") from None

    def _start(self, expected: dict[str, Any], writable: bool) -> None:
        if writable:
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
        self._open(expected, writable)

    def _open(self, expected: dict[str, Any], writable: bool = True) -> None:
        found = dict(self.db.execute("SELECT name, value FROM meta").fetchall()) if self._has_meta() else {}
        if not found:
            others = self.db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE "
                                     "'sqlite_%' ORDER BY name").fetchall()
            if others:  # someone else's database: adding comparer's tables to it would mix the two
                raise StoreError(f"{self.path}: not a comparer index (it holds other tables: "
                                 f"{', '.join(r[0] for r in others[:3])}); give another file")
            if not writable:
                raise StoreError(f"{self.path}: not a comparer index (an empty database)")
            with self.transaction():
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute("INSERT OR IGNORE INTO meta VALUES ('format_version', ?)", (str(FORMAT_VERSION),))
                self.db.execute("INSERT OR IGNORE INTO meta VALUES ('scheme', ?)",
                                (json.dumps(expected, sort_keys=True),))
                self.db.execute("INSERT OR IGNORE INTO meta VALUES ('created', ?)",
                                (dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),))
                self.db.execute("INSERT OR IGNORE INTO counters VALUES ('docs', 0)")
            found = dict(self.db.execute("SELECT name, value FROM meta").fetchall())
        check_stored_meta(found, expected, self.path)

    def _has_meta(self) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone() is not None

    def close(self) -> None:
        self.db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; waits for other writers (``busy_timeout``), rolls back on error.

        The counts a batch adds (documents, event features, event sizes) and its events' whys are
        kept in memory until the end of the batch and written then, in the same transaction:
        lookups inside the batch add them to what the file holds.
        """
        self.db.execute("BEGIN IMMEDIATE")
        self._pending = _Pending(stored_df={})
        try:
            yield
            self._flush()
        except BaseException:
            self._pending = _Pending()
            self.db.execute("ROLLBACK")
            raise
        self._pending = _Pending()
        self.db.execute("COMMIT")

    # --- reading --------------------------------------------------------------------------

    def _many(self, sql: str, values, *params: Any) -> list[tuple]:
        """Run ``sql`` whose ``(?)`` placeholder stands for the JSON list of ``values`` (any number)."""
        return self.db.execute(sql, (json.dumps(list(values)), *params)).fetchall()

    def existing(self, keys: Sequence[str]) -> set[str]:
        return {k for (k,) in self._many("SELECT key FROM docs WHERE key IN (SELECT value FROM json_each(?))", keys)}

    def count(self) -> int:
        row = self.db.execute("SELECT n FROM counters WHERE name = 'docs'").fetchone()
        return (int(row[0]) if row else 0) + self._pending.docs

    def lookup(self, query: Query) -> Lookup:
        return self.lookup_many([query])[0]

    def lookup_many(self, queries: Sequence[Query]) -> list[Lookup]:
        """The answers to many queries, with one statement per table for all of them."""
        n_docs = self.count()
        df = self._df({f for q in queries for f in q.features})
        # near-duplicate candidates: documents sharing a band key
        by_band: dict[int, list[int]] = {}
        for key, seq in self._many("SELECT key, doc FROM bands WHERE key IN (SELECT value FROM json_each(?))",
                                   {_signed(b) for q in queries for b in q.bands if b}):
            by_band.setdefault(key, []).append(seq)
        seqs_of = [sorted({s for b in q.bands if b for s in by_band.get(_signed(b), ())}) for q in queries]
        docs = {seq: Candidate(k, i, e, sig=g, text=t) for seq, k, i, e, g, t in self._many(
            "SELECT seq, key, id, event, sig, text FROM docs WHERE seq IN (SELECT value FROM json_each(?))",
            {s for seqs in seqs_of for s in seqs})}
        # event candidates: the documents sharing most of a query's strongest rare features
        tops = [top_features(q.features, q.counts, q.kinds, df, n_docs, q.top, q.max_df, stored_only=True)
                for q in queries]
        postings: dict[str, list[int]] = {}
        for feature, seq in self._many("SELECT feature, doc FROM postings WHERE feature IN "
                                       "(SELECT value FROM json_each(?))", {f for top in tops for f in top}):
            postings.setdefault(feature, []).append(seq)
        best_of = []
        for query, top in zip(queries, tops):
            shared: dict[int, int] = {}
            for feature in top:
                for seq in postings.get(feature, ()):
                    shared[seq] = shared.get(seq, 0) + 1
            ranked = sorted(shared.items(), key=lambda kv: (-kv[1], -kv[0]))   # most shared, then most recent
            best_of.append([seq for seq, _ in ranked[:query.max_docs]])
        # the event column comes last in a row: read it for the best documents only
        event_of = dict(self._many("SELECT seq, event FROM docs WHERE seq IN (SELECT value FROM json_each(?))",
                                   {seq for best in best_of for seq in best}))
        wanted_of = [list(dict.fromkeys([event_of[s] for s in best] + [docs[s].event for s in seqs if docs[s].event]))
                     for best, seqs in zip(best_of, seqs_of)]
        members = self._members({e for wanted in wanted_of for e in wanted},
                                max((q.max_members for q in queries), default=0))
        return [Lookup(n_docs, df, [docs[s] for s in seqs], {e: members[e] for e in wanted if e in members})
                for seqs, wanted in zip(seqs_of, wanted_of)]

    def _df(self, features: set[str]) -> dict[str, int]:
        """Document counts of ``features`` (those in no document are left out), this batch's included.

        Inside a write transaction no one else changes the file: the counts read are kept for the
        rest of the batch, so each document asks only for the features the batch has not met yet.
        """
        stored = self._pending.stored_df
        if stored is None:
            df = dict(self._many("SELECT feature, df FROM features WHERE feature IN (SELECT value FROM json_each(?))",
                                 features))
        else:
            missing = [f for f in features if f not in stored]
            if missing:
                stored.update(dict.fromkeys(missing, 0))
                stored.update(self._many("SELECT feature, df FROM features WHERE feature IN "
                                         "(SELECT value FROM json_each(?))", missing))
            df = {f: stored[f] for f in features if stored[f]}
        pending = self._pending.df
        if pending:
            for feature in features:
                if feature in pending:
                    df[feature] = df.get(feature, 0) + pending[feature]
        return df

    def _members(self, events: set[str], limit: int) -> dict[str, list[Candidate]]:
        """The ``limit`` most recent members of each event, sorted by key."""
        out = {}
        for event in sorted(events):
            rows = self.db.execute("SELECT key, id, record FROM docs WHERE event = ? ORDER BY seq DESC LIMIT ?",
                                   (event, limit)).fetchall()
            if rows:
                out[event] = sorted((Candidate(k, i, event, record=r) for k, i, r in rows), key=lambda c: c.key)
        return out

    def candidates_many(self, bands: Sequence[Sequence[int]]) -> list[list[Candidate]]:
        out = []
        for keys in bands:
            keys = [_signed(b) for b in keys if b]
            rows = self.db.execute("SELECT key, id, sig FROM docs WHERE seq IN (SELECT doc FROM bands WHERE key IN "
                                   f"({','.join('?' * len(keys))}))", keys).fetchall() if keys else []
            out.append([Candidate(k, i, sig=s) for k, i, s in rows])
        return out

    def event_members(self, event: str) -> list[str]:
        return self.event_members_many([event])[event]

    def event_members_many(self, events: Sequence[str]) -> dict[str, list[str]]:
        """The stored ids of the members of each event, sorted."""
        out: dict[str, list[str]] = {e: [] for e in events}
        for event, stored_id in self._many("SELECT event, id FROM docs WHERE event IN (SELECT value FROM json_each(?)) "
                                           "ORDER BY id", events):
            out[event].append(stored_id)
        return out

    def documents(self, ids: Sequence[str] | None = None) -> Iterator[tuple[str, dict[str, Any], str]]:
        from comparer.index.common import unpack_text

        if ids is None:
            rows = self.db.execute("SELECT id, meta, text FROM docs ORDER BY seq")
            for stored_id, meta, text in rows:
                yield stored_id, json.loads(meta), unpack_text(text)
            return
        for start in range(0, len(ids), 500):
            part = list(ids[start:start + 500])
            rows = self.db.execute(f"SELECT id, meta, text FROM docs WHERE id IN ({','.join('?' * len(part))}) "
                                   "ORDER BY seq", part).fetchall()
            for stored_id, meta, text in rows:
                yield stored_id, json.loads(meta), unpack_text(text)

    def events(self) -> dict[str, dict[str, Any]]:
        out = {e: {"documents": [], "why": w, "event_date": d, "places": json.loads(p)}
               for e, w, d, p in self.db.execute("SELECT id, why, event_date, places FROM events")}
        for stored_id, event in self.db.execute("SELECT id, event FROM docs ORDER BY id"):
            out.setdefault(event, {"documents": [], "why": "", "event_date": None, "places": []})
            out[event]["documents"].append(stored_id)
        return {e: v for e, v in out.items() if v["documents"]}

    def duplicate_pairs(self) -> list[tuple[str, str]]:
        rows = self.db.execute("SELECT da.id, db.id FROM duplicates JOIN docs da ON da.key = duplicates.a "
                               "JOIN docs db ON db.key = duplicates.b").fetchall()
        return sorted(tuple(sorted(r)) for r in rows)

    def stats(self) -> dict[str, Any]:
        meta = dict(self.db.execute("SELECT name, value FROM meta").fetchall())
        return {"store": self.path, "backend": "sqlite", "format_version": int(meta["format_version"]),
                "scheme": json.loads(meta["scheme"]), "documents": self.count(),
                "events": self.db.execute("SELECT count(*) FROM events").fetchone()[0],
                "duplicate_pairs": self.db.execute("SELECT count(*) FROM duplicates").fetchone()[0],
                "bytes": sum(os.path.getsize(p) for p in (self.path, self.path + "-wal") if os.path.exists(p))}

    # --- writing (inside ``transaction``) ----------------------------------------------------

    def insert(self, new) -> str:
        """Write one document with its bands, postings and duplicate pairs; its stored id.

        Its event-feature counts and its event's size are added at the end of the batch.
        """
        db = self.db
        stored_id = new.id
        if db.execute("SELECT 1 FROM docs WHERE id = ?", (stored_id,)).fetchone():
            stored_id = f"{new.id}@{new.key[:8]}"
        cur = db.execute("INSERT INTO docs (key, id, meta, text, claims, sig, record, event, added) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (new.key, stored_id, json.dumps(new.meta, ensure_ascii=False), new.text, new.claims,
                          new.sig, new.record, new.event,
                          dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))
        seq = cur.lastrowid
        db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)", [(_signed(b), seq) for b in new.bands if b])
        db.executemany("INSERT OR IGNORE INTO postings VALUES (?, ?)", [(f, seq) for f in new.postings])
        db.executemany("INSERT OR IGNORE INTO duplicates VALUES (?, ?, ?)",
                       [(min(new.key, k), max(new.key, k), s) for k, s in new.duplicates if k != new.key])
        pending = self._pending
        pending.docs += 1
        for feature in new.features:
            pending.df[feature] = pending.df.get(feature, 0) + 1
        pending.sizes[new.event] = pending.sizes.get(new.event, 0) + 1
        return stored_id

    def set_event_infos(self, infos: dict[str, dict[str, Any]]) -> None:
        """The why, date and places of events the batch added to (written with the batch)."""
        self._pending.infos.update(infos)

    def regroup(self, assignment: dict[str, str], infos: dict[str, dict[str, Any]], expected: int) -> None:
        """Give every document (by stored id) its event in ``assignment``, and replace the events table.

        One transaction; refused (nothing changed) when the store no longer holds ``expected``
        documents, because another process added some since they were clustered.
        """
        with self.transaction():
            found = self.count()
            if found != expected:
                raise StoreError(f"{self.path}: {found - expected} document(s) were added while regrouping; "
                                 f"nothing was changed, run it again")
            self.db.executemany("UPDATE docs SET event = ? WHERE id = ?",
                                [(event, stored_id) for stored_id, event in assignment.items()])
            sizes: dict[str, int] = {}
            for event in assignment.values():
                sizes[event] = sizes.get(event, 0) + 1
            self.db.execute("DELETE FROM events")
            self.db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?)",
                                [(event, info["why"], info["event_date"],
                                  json.dumps(info["places"], ensure_ascii=False), sizes.get(event, 0))
                                 for event, info in infos.items()])

    def _flush(self) -> None:
        pending, db = self._pending, self.db
        if not pending.docs:
            return
        db.executemany("INSERT INTO features VALUES (?, ?) ON CONFLICT(feature) DO UPDATE SET df = df + excluded.df",
                       pending.df.items())
        missing = set(pending.sizes) - set(pending.infos)
        if missing:
            raise ValueError(f"no why given for events {sorted(missing)}: call set_event_infos before the commit")
        db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET why = excluded.why, "
                       "event_date = excluded.event_date, places = excluded.places, size = size + excluded.size",
                       [(event, info["why"], info["event_date"], json.dumps(info["places"], ensure_ascii=False),
                         pending.sizes.get(event, 0)) for event, info in pending.infos.items()])
        db.execute("UPDATE counters SET n = n + ? WHERE name = 'docs'", (pending.docs,))


@dataclass(slots=True)
class _Pending:
    """What a batch adds to counts and events, written when it commits, and the counts it read."""

    docs: int = 0
    df: dict[str, int] = field(default_factory=dict)
    stored_df: dict[str, int] | None = None    # counts read from the file (in a write transaction)
    sizes: dict[str, int] = field(default_factory=dict)
    infos: dict[str, dict[str, Any]] = field(default_factory=dict)


def _retry_while_locked(start: Callable[[], None], timeout: float) -> None:
    """Run ``start``, again while the file is locked, for ``timeout`` seconds at most.

    Two processes creating one store at once: switching the new file to WAL, or reading it while
    the other lays out its tables, can be refused as "database is locked" at once, without the
    busy timeout's wait. Waiting a little and trying again lets the first finish.
    """
    deadline = time.monotonic() + timeout
    pause = 0.02
    while True:
        try:
            start()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.5)
