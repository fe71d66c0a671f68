"""The embedded index: one SQLite file in WAL mode, safe against crashes and concurrent writers.

Every batch of documents is written in one ``BEGIN IMMEDIATE`` transaction: a batch is either wholly
stored or not at all, and is reported added only after its ``COMMIT`` returns. WAL with
``synchronous=NORMAL`` keeps every committed transaction when the process is killed (a power cut
may lose the last few, never corrupt the file). Writers from other processes wait for the write
lock (``busy_timeout``) instead of failing; readers never wait.

Tables: ``meta`` (format version, signature scheme), ``docs`` (one row per document: content key,
id, metadata, zlib text, claim spans, MinHash slots, event record, event id), ``bands`` (LSH band key
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
from collections.abc import Iterator, Sequence
from typing import Any

from comparer.minhash import Scheme
from comparer.index.common import FORMAT_VERSION, Candidate, Lookup, Query, StoreError, check_meta, top_features

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

    def __init__(self, path: str, scheme: Scheme, expected: dict[str, Any], busy_timeout_ms: int = 120_000) -> None:
        self.path = path
        self.url = path
        self.scheme = scheme
        self.bands, self.rows = expected["bands"], expected["rows"]
        if os.path.isdir(path):
            raise StoreError(f"{path}: is a directory; give a file for the SQLite store")
        parent = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(parent):
            raise StoreError(f"{path}: directory {parent} does not exist")
        try:
            self.db = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout_ms / 1000)
            self.db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self._open(expected)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a comparer index ({exc})") from None

    def _open(self, expected: dict[str, Any]) -> None:
        found = dict(self.db.execute("SELECT name, value FROM meta").fetchall()) if self._has_meta() else {}
        if not found:
            with self.transaction():
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute("INSERT OR IGNORE INTO meta VALUES ('format_version', ?)", (str(FORMAT_VERSION),))
                self.db.execute("INSERT OR IGNORE INTO meta VALUES ('scheme', ?)", (json.dumps(expected, sort_keys=True),))
                self.db.execute("INSERT OR IGNORE INTO meta VALUES ('created', ?)",
                                (dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),))
                self.db.execute("INSERT OR IGNORE INTO counters VALUES ('docs', 0)")
            found = dict(self.db.execute("SELECT name, value FROM meta").fetchall())
        try:
            version = int(found.get("format_version", "0"))
            scheme = json.loads(found.get("scheme", "{}"))
        except ValueError:
            version, scheme = found.get("format_version"), {}
        check_meta({"format_version": version, "scheme": scheme}, expected, self.path)

    def _has_meta(self) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone() is not None

    def close(self) -> None:
        self.db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; waits for other writers (``busy_timeout``), rolls back on error."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # --- reading --------------------------------------------------------------------------

    def existing(self, keys: Sequence[str]) -> set[str]:
        out: set[str] = set()
        for start in range(0, len(keys), 500):
            part = list(keys[start:start + 500])
            marks = ",".join("?" * len(part))
            out.update(k for (k,) in self.db.execute(f"SELECT key FROM docs WHERE key IN ({marks})", part))
        return out

    def count(self) -> int:
        row = self.db.execute("SELECT n FROM counters WHERE name = 'docs'").fetchone()
        return int(row[0]) if row else 0

    def lookup(self, query: Query) -> Lookup:
        db = self.db
        n_docs = self.count()
        df: dict[str, int] = {}
        features = list(query.features)
        for start in range(0, len(features), 900):
            part = features[start:start + 900]
            df.update(db.execute(f"SELECT feature, df FROM features WHERE feature IN ({','.join('?' * len(part))})",
                                 part).fetchall())
        bands = [_signed(b) for b in query.bands if b]
        duplicates = []
        if bands:
            rows = db.execute(
                "SELECT key, id, event, sig, text FROM docs WHERE seq IN "
                f"(SELECT doc FROM bands WHERE key IN ({','.join('?' * len(bands))}))", bands).fetchall()
            duplicates = [Candidate(k, i, e, sig=s, text=t) for k, i, e, s, t in rows]
        top = top_features(dict(zip(query.features, query.weights)), df, n_docs, query.top, query.max_df,
                           stored_only=True)
        event_ids: list[str] = []
        if top:
            docs = db.execute(
                f"SELECT doc FROM postings WHERE feature IN ({','.join('?' * len(top))}) "
                "GROUP BY doc ORDER BY COUNT(*) DESC, doc DESC LIMIT ?", [*top, query.max_docs]).fetchall()
            if docs:
                seqs = [d for (d,) in docs]
                event_ids = [e for (e,) in db.execute(
                    f"SELECT DISTINCT event FROM docs WHERE seq IN ({','.join('?' * len(seqs))})", seqs)]
        event_ids.extend(c.event for c in duplicates if c.event)
        events: dict[str, list[Candidate]] = {}
        wanted = list(dict.fromkeys(event_ids))
        if wanted:
            rows = db.execute(
                "SELECT key, id, event, record FROM (SELECT key, id, event, record, ROW_NUMBER() OVER "
                "(PARTITION BY event ORDER BY seq DESC) AS rank FROM docs WHERE event IN "
                f"({','.join('?' * len(wanted))})) WHERE rank <= ?", [*wanted, query.max_members]).fetchall()
            for k, i, e, r in rows:
                events.setdefault(e, []).append(Candidate(k, i, e, record=r))
        return Lookup(n_docs, df, duplicates, {e: sorted(events[e], key=lambda c: c.key) for e in wanted if e in events})

    def lookup_many(self, queries: Sequence[Query]) -> list[Lookup]:
        return [self.lookup(q) for q in queries]

    def candidates_many(self, bands: Sequence[Sequence[int]]) -> list[list[Candidate]]:
        out = []
        for keys in bands:
            keys = [_signed(b) for b in keys if b]
            rows = self.db.execute("SELECT key, id, sig FROM docs WHERE seq IN (SELECT doc FROM bands WHERE key IN "
                                   f"({','.join('?' * len(keys))}))", keys).fetchall() if keys else []
            out.append([Candidate(k, i, sig=s) for k, i, s in rows])
        return out

    def event_members(self, event: str) -> list[str]:
        return [i for (i,) in self.db.execute("SELECT id FROM docs WHERE event = ? ORDER BY id", (event,))]

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
        """Write one document with its bands, features, postings, event and duplicate pairs; its stored id."""
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
        db.executemany("INSERT INTO features VALUES (?, 1) ON CONFLICT(feature) DO UPDATE SET df = df + 1",
                       [(f,) for f in new.features])
        db.executemany("INSERT OR IGNORE INTO postings VALUES (?, ?)", [(f, seq) for f in new.postings])
        info = new.event_info
        db.execute("INSERT INTO events VALUES (?, ?, ?, ?, 1) ON CONFLICT(id) DO UPDATE SET why = excluded.why, "
                   "event_date = excluded.event_date, places = excluded.places, size = size + 1",
                   (new.event, info["why"], info["event_date"], json.dumps(info["places"], ensure_ascii=False)))
        db.executemany("INSERT OR IGNORE INTO duplicates VALUES (?, ?, ?)",
                       [(min(new.key, k), max(new.key, k), s) for k, s in new.duplicates if k != new.key])
        db.execute("UPDATE counters SET n = n + 1 WHERE name = 'docs'")
        return stored_id
