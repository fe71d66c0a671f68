"""The shared index: LSH buckets, signatures and events in Redis, for many workers on many machines.

``redis://HOST:PORT/DB?prefix=NAME`` (prefix ``comparer`` when omitted). Every key lives under
``NAME:``, so several indexes share one server without touching each other's keys:

=========================  ======  ===========================================================
``NAME:meta``              hash    ``format_version``, ``scheme`` (JSON: num_perm, shingle size,
                                   seed, hash, LSH bands and rows)
``NAME:n``                 string  number of documents
``NAME:docs``              list    document keys in the order they were added
``NAME:doc:KEY``           hash    ``id``, ``meta`` (JSON), ``text`` (zlib), ``claims`` (int32
                                   spans), ``sig`` (uint32 MinHash slots), ``record`` (event
                                   feature counts and document counts, names: ``pack_record``),
                                   ``event``
``NAME:ids``               hash    stored id -> KEY
``NAME:b:BANDKEY``         set     KEYs whose signature has this LSH band key (16 hex digits)
``NAME:df``                hash    event feature -> number of documents
``NAME:f:FEATURE``         set     KEYs for which FEATURE is one of their strongest
``NAME:ev:EVENT``          set     member KEYs of an event
``NAME:evinfo``            hash    EVENT -> JSON ``why``, ``event_date``, ``places`` (written
                                   when an event starts, then once per batch that adds to it)
``NAME:dups``              hash    ``"KEY KEY"`` -> verified Jaccard
=========================  ======  ===========================================================

A query takes two round trips: one transaction reads the archive's size and the document counts of
the document's features, from which this process weighs them (:func:`comparer.tfidf.weights`) and
picks its strongest rare ones; then one server-side script call reads the document's band buckets
and the signatures and texts of their members, the postings of those features and the members of
the events they lead to. A batch's queries go in one pipeline for each. The scripts count and
collect; they weigh nothing. An insert is one atomic script call too, so two workers adding the same text store it
once; and a document about to start a new event is refused (and looked up again) when another
worker stored, since its lookup, a document sharing one of its LSH bands or event features, so two
workers adding the first two reports of an event at once do not start two events. The scripts
address keys they compute, as datasketch-like bucket layouts need: a single Redis server or a replica
set, not Redis Cluster.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import parse_qs, urlsplit, urlunsplit

from comparer.minhash import Scheme
from comparer.index.common import (FORMAT_VERSION, Candidate, Lookup, Query, StoreError, check_stored_meta,
                                   top_features)

_PREFIX = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")

LOOKUP = r"""
local p = ARGV[1]
local seen, cands = {}, {}
for band in string.gmatch(ARGV[2], '%S+') do
  for _, k in ipairs(redis.call('SMEMBERS', p .. ':b:' .. band)) do
    if not seen[k] then seen[k] = true; cands[#cands + 1] = k end
  end
end
local maxdocs, maxmem = tonumber(ARGV[4]), tonumber(ARGV[5])
local count, docs = {}, {}
for f in string.gmatch(ARGV[3], '[^\n]+') do
  for _, k in ipairs(redis.call('SMEMBERS', p .. ':f:' .. f)) do
    if count[k] then count[k] = count[k] + 1 else count[k] = 1; docs[#docs + 1] = k end
  end
end
table.sort(docs, function(a, b) if count[a] ~= count[b] then return count[a] > count[b] end return a < b end)
local evs, evseen = {}, {}
for j = 1, math.min(maxdocs, #docs) do
  local e = redis.call('HGET', p .. ':doc:' .. docs[j], 'event')
  if e and not evseen[e] then evseen[e] = true; evs[#evs + 1] = e end
end
local dups = {}
for _, k in ipairs(cands) do
  local v = redis.call('HMGET', p .. ':doc:' .. k, 'id', 'event', 'sig', 'text')
  dups[#dups + 1] = k; dups[#dups + 1] = v[1]; dups[#dups + 1] = v[2]; dups[#dups + 1] = v[3]; dups[#dups + 1] = v[4]
  if v[2] and not evseen[v[2]] then evseen[v[2]] = true; evs[#evs + 1] = v[2] end
end
local events = {}
for _, e in ipairs(evs) do
  local members = redis.call('SRANDMEMBER', p .. ':ev:' .. e, maxmem)
  events[#events + 1] = e; events[#events + 1] = #members
  for _, k in ipairs(members) do
    local v = redis.call('HMGET', p .. ':doc:' .. k, 'id', 'record')
    events[#events + 1] = k; events[#events + 1] = v[1]; events[#events + 1] = v[2]
  end
end
return {dups, events}
"""

COPIES = r"""
local p = ARGV[1]
local seen, out = {}, {}
for band in string.gmatch(ARGV[2], '%S+') do
  for _, k in ipairs(redis.call('SMEMBERS', p .. ':b:' .. band)) do
    if not seen[k] then
      seen[k] = true
      local v = redis.call('HMGET', p .. ':doc:' .. k, 'id', 'sig')
      out[#out + 1] = k; out[#out + 1] = v[1]; out[#out + 1] = v[2]
    end
  end
end
return out
"""

INSERT = r"""
local p, key = ARGV[1], ARGV[2]
local doc = p .. ':doc:' .. key
if redis.call('EXISTS', doc) == 1 then return {0, redis.call('HGET', doc, 'id')} end
local ev, since = ARGV[10], tonumber(ARGV[15])
if since then
  -- a new event: refuse when a document stored since the lookup could have changed the choice
  local n = tonumber(redis.call('GET', p .. ':n') or '0') or 0
  if n - since > 64 then return {2, ''} end
  if n > since then
    local bands, feats = {}, {}
    for band in string.gmatch(ARGV[12], '%S+') do bands[#bands + 1] = p .. ':b:' .. band end
    for f in string.gmatch(ARGV[13], '[^\n]+') do feats[#feats + 1] = p .. ':f:' .. f end
    for _, other in ipairs(redis.call('LRANGE', p .. ':docs', since - n, -1)) do
      for _, set in ipairs(bands) do if redis.call('SISMEMBER', set, other) == 1 then return {2, ''} end end
      for _, set in ipairs(feats) do if redis.call('SISMEMBER', set, other) == 1 then return {2, ''} end end
    end
  end
end
local id = ARGV[3]
if redis.call('HSETNX', p .. ':ids', id, key) == 0 then id = ARGV[4]; redis.call('HSET', p .. ':ids', id, key) end
redis.call('HSET', doc, 'id', id, 'meta', ARGV[5], 'text', ARGV[6], 'claims', ARGV[7], 'sig', ARGV[8],
           'record', ARGV[9], 'event', ev)
for band in string.gmatch(ARGV[12], '%S+') do redis.call('SADD', p .. ':b:' .. band, key) end
for f in string.gmatch(ARGV[13], '[^\n]+') do redis.call('HINCRBY', p .. ':df', f, 1) end
for f in string.gmatch(ARGV[14], '[^\n]+') do redis.call('SADD', p .. ':f:' .. f, key) end
local i = 16
while i < #ARGV do redis.call('HSET', p .. ':dups', ARGV[i], ARGV[i + 1]); i = i + 2 end
redis.call('SADD', p .. ':ev:' .. ev, key)
if ARGV[11] ~= '' then redis.call('HSETNX', p .. ':evinfo', ev, ARGV[11]) end
redis.call('INCR', p .. ':n')
redis.call('RPUSH', p .. ':docs', key)
return {1, id}
"""

MEMBERS = r"""
local p, out = ARGV[1], {}
for i = 2, #ARGV do
  local ids = {}
  for _, k in ipairs(redis.call('SMEMBERS', p .. ':ev:' .. ARGV[i])) do
    local id = redis.call('HGET', p .. ':doc:' .. k, 'id')
    if id then ids[#ids + 1] = id end
  end
  out[#out + 1] = ids
end
return out
"""


def redacted(url: str) -> str:
    """``url`` with its password replaced by ``***``, for messages and reports."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, f"{user}:***@{host}", parts.path, parts.query, parts.fragment))


def parse_url(url: str) -> tuple[str, str]:
    """Split ``redis://HOST:PORT/DB?prefix=NAME`` into the connection URL and the key prefix."""
    parts = urlsplit(url)
    query = parse_qs(parts.query, keep_blank_values=True)
    prefix = (query.pop("prefix", ["comparer"]) or ["comparer"])[-1]
    if not _PREFIX.match(prefix):
        raise StoreError(f"bad key prefix {prefix!r} in {redacted(url)}: use 1-64 letters, digits, '_', '-' or '.'")
    if parts.scheme in ("redis", "rediss") and not parts.hostname:
        raise StoreError(f"bad store URL {redacted(url)!r}: expected redis://HOST:PORT/DB?prefix=NAME")
    path = parts.path.strip("/")
    if path and not path.isdigit():
        raise StoreError(f"bad database {path!r} in {redacted(url)}: expected a number, as in redis://HOST:PORT/0")
    try:
        _ = parts.port  # urllib checks the port only when it is read
    except ValueError:
        raise StoreError(f"bad port in store URL {redacted(url)!r}") from None
    if query:  # redis-py would pass them on as connection arguments, and fail on an unknown one
        raise StoreError(f"unknown option {sorted(query)[0]!r} in store URL {redacted(url)!r}: "
                         f"only ?prefix=NAME is understood")
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")), prefix


class RedisStore:
    """An index in Redis under one key prefix; many processes may add and match at once."""

    server_side = True            # lookups run in the server: a client may prepare more work meanwhile
    commits_each_insert = True    # no batch transaction: a new event needs its why when it is stored

    def __init__(self, url: str, scheme: Scheme, expected: dict[str, Any], *, writable: bool = True) -> None:
        try:
            import redis
        except ImportError:
            raise StoreError("a Redis store needs the redis package: pip install 'comparer[redis]'") from None
        connection_url, self.prefix = parse_url(url)
        self.url = redacted(url)
        self.scheme = scheme
        self.bands, self.rows = expected["bands"], expected["rows"]
        self._errors = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
        try:
            self.r = redis.Redis.from_url(connection_url, socket_connect_timeout=5, socket_timeout=60)
            self.r.ping()
        except self._errors as exc:
            raise StoreError(f"cannot reach Redis at {self.url}: {exc}") from None
        except (ValueError, TypeError, redis.exceptions.RedisError) as exc:
            raise StoreError(f"cannot use Redis at {self.url}: {exc}") from None
        self._lookup = self.r.register_script(LOOKUP)
        self._insert = self.r.register_script(INSERT)
        self._copies = self.r.register_script(COPIES)
        self._members = self.r.register_script(MEMBERS)
        self._open(expected, writable)

    def key(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    def _open(self, expected: dict[str, Any], writable: bool = True) -> None:
        meta = self.key("meta")
        if not self.r.exists(meta):
            if not writable:
                raise StoreError(f"{self.url}: no index under the prefix {self.prefix!r}; create one with "
                                 f"'comparer index add PATH... --store URL'")
            pipe = self.r.pipeline(transaction=True)
            pipe.hsetnx(meta, "format_version", str(FORMAT_VERSION))
            pipe.hsetnx(meta, "scheme", json.dumps(expected, sort_keys=True))
            pipe.execute()
        found = {k.decode(errors="replace"): v.decode(errors="replace") for k, v in self.r.hgetall(meta).items()}
        check_stored_meta(found, expected, f"{self.url} ({meta})")

    def close(self) -> None:
        self.r.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Each insert is atomic on its own (one script); a batch needs no transaction."""
        yield

    # --- reading ----------------------------------------------------------------------------

    def existing(self, keys: Sequence[str]) -> set[str]:
        pipe = self.r.pipeline(transaction=False)
        for k in keys:
            pipe.exists(self.key("doc", k))
        return {k for k, found in zip(keys, pipe.execute()) if found}

    def count(self) -> int:
        return int(self.r.get(self.key("n")) or 0)

    def lookup(self, query: Query) -> Lookup:
        return self.lookup_many([query])[0]

    def lookup_many(self, queries: Sequence[Query]) -> list[Lookup]:
        """:meth:`lookup` for many documents: one transaction reads every document count, then one
        pipeline runs one script call per document (two round trips in all)."""
        counted = self.r.pipeline(transaction=True)
        counted.get(self.key("n"))
        for query in queries:
            if query.features:
                counted.hmget(self.key("df"), list(query.features))
        found = iter(counted.execute())
        n_docs = int(next(found) or 0)
        dfs = []
        pipe = self.r.pipeline(transaction=False)
        for query in queries:
            held = next(found) if query.features else []
            df = {f: int(c) for f, c in zip(query.features, held) if c is not None and int(c)}
            top = top_features(query.features, query.counts, query.kinds, df, n_docs, query.top, query.max_df,
                               stored_only=True)
            dfs.append(df)
            bands = [format(b, "016x") for b in query.bands if b]
            self._lookup(args=[self.prefix, " ".join(bands), "\n".join(top), query.max_docs, query.max_members],
                         client=pipe)
        return [self._parse(n_docs, df, reply) for df, reply in zip(dfs, pipe.execute())]

    def _parse(self, n_docs: int, df: dict[str, int], reply: list[Any]) -> Lookup:
        dups, events = reply
        duplicates = [Candidate(dups[i].decode(), dups[i + 1].decode(), _text(dups[i + 2]), sig=dups[i + 3],
                                text=dups[i + 4]) for i in range(0, len(dups), 5)]
        out: dict[str, list[Candidate]] = {}
        i = 0
        while i < len(events):
            event, size = events[i].decode(), int(events[i + 1])
            members = [Candidate(events[j].decode(), events[j + 1].decode(), event, record=events[j + 2])
                       for j in range(i + 2, i + 2 + 3 * size, 3)]
            out[event] = sorted(members, key=lambda c: c.key)
            i += 2 + 3 * size
        return Lookup(n_docs, df, duplicates, out)

    def candidates_many(self, bands: Sequence[Sequence[int]]) -> list[list[Candidate]]:
        """Near-duplicate candidates (id and signature) of many documents, one script call each, pipelined."""
        pipe = self.r.pipeline(transaction=False)
        for keys in bands:
            self._copies(args=[self.prefix, " ".join(format(b, "016x") for b in keys if b)], client=pipe)
        return [[Candidate(r[i].decode(), r[i + 1].decode(), sig=r[i + 2]) for i in range(0, len(r), 3)]
                for r in pipe.execute()]

    def event_members(self, event: str) -> list[str]:
        return self.event_members_many([event])[event]

    def event_members_many(self, events: Sequence[str]) -> dict[str, list[str]]:
        """The stored ids of the members of each event, sorted (one script call for all)."""
        if not events:
            return {}
        found = self._members(args=[self.prefix, *events])
        return {event: sorted(i.decode() for i in ids) for event, ids in zip(events, found)}

    def documents(self, ids: Sequence[str] | None = None) -> Iterator[tuple[str, dict[str, Any], str]]:
        from comparer.index.common import unpack_text

        if ids is None:
            keys = [k.decode() for k in self.r.lrange(self.key("docs"), 0, -1)]
        else:
            keys = [k.decode() for k in self.r.hmget(self.key("ids"), list(ids)) if k is not None] if ids else []
        for start in range(0, len(keys), 500):
            pipe = self.r.pipeline(transaction=False)
            for k in keys[start:start + 500]:
                pipe.hmget(self.key("doc", k), "id", "meta", "text")
            for stored_id, meta, text in pipe.execute():
                if stored_id is not None:
                    yield stored_id.decode(), json.loads(meta), unpack_text(text)

    def events(self) -> dict[str, dict[str, Any]]:
        info = {k.decode(): json.loads(v) for k, v in self.r.hgetall(self.key("evinfo")).items()}
        ids = {k.decode(): v.decode() for v, k in self.r.hgetall(self.key("ids")).items()}
        names = sorted(info)
        pipe = self.r.pipeline(transaction=False)
        for event in names:
            pipe.smembers(self.key("ev", event))
        out = {}
        for event, members in zip(names, pipe.execute()):
            docs = sorted(ids[k.decode()] for k in members if k.decode() in ids)
            if docs:
                out[event] = {"documents": docs, **info[event]}
        return out

    def duplicate_pairs(self) -> list[tuple[str, str]]:
        ids = {k.decode(): v.decode() for v, k in self.r.hgetall(self.key("ids")).items()}
        pairs = []
        for field in self.r.hkeys(self.key("dups")):
            a, b = field.decode().split(" ")
            if a in ids and b in ids:
                pairs.append(tuple(sorted((ids[a], ids[b]))))
        return sorted(pairs)

    def stats(self) -> dict[str, Any]:
        meta = {k.decode(): v.decode() for k, v in self.r.hgetall(self.key("meta")).items()}
        return {"store": self.url, "backend": "redis", "prefix": self.prefix,
                "format_version": int(meta["format_version"]), "scheme": json.loads(meta["scheme"]),
                "documents": self.count(), "events": self.r.hlen(self.key("evinfo")),
                "duplicate_pairs": self.r.hlen(self.key("dups")),
                "server_used_memory": int(self.r.info("memory")["used_memory"])}

    # --- writing -----------------------------------------------------------------------------

    def insert(self, new):
        """Store one document atomically (one script call); its stored id.

        None: another worker stored the same text. ``CONFLICT``: the document starts a new event,
        but a document stored by another worker since its lookup shares an LSH band or an event
        feature with it; it must be looked up and assigned again. The check runs in the same
        script as the write, so of two workers adding the first two reports of an event at once,
        the second joins the event of the first.
        """
        from comparer.index.adding import CONFLICT

        bands = [format(b, "016x") for b in new.bands if b]
        dups = [x for k, s in new.duplicates if k != new.key
                for x in (" ".join(sorted((new.key, k))), repr(round(s, 6)))]
        info = json.dumps(new.event_info, ensure_ascii=False) if new.event_info is not None else ""
        args: list[Any] = [self.prefix, new.key, new.id, f"{new.id}@{new.key[:8]}",
                           json.dumps(new.meta, ensure_ascii=False), new.text, new.claims, new.sig, new.record,
                           new.event, info, " ".join(bands), "\n".join(new.features), "\n".join(new.postings),
                           new.since if new.new_event and new.since is not None else "", *dups]
        status, stored_id = self._insert(args=args)
        if status == 2:
            return CONFLICT
        return stored_id.decode() if status == 1 else None

    def regroup(self, assignment: dict[str, str], infos: dict[str, dict[str, Any]], expected: int) -> None:
        """Give every document (by stored id) its event in ``assignment``, and replace the events.

        One MULTI/EXEC transaction watching the document count: refused (nothing changed) when
        another worker stores a document before it runs, or when the store no longer holds
        ``expected`` documents.
        """
        import redis

        changed = StoreError(f"{self.url}: documents were added while regrouping; nothing was changed, "
                             f"run it again")
        with self.r.pipeline(transaction=True) as pipe:
            try:
                pipe.watch(self.key("n"))
                if int(pipe.get(self.key("n")) or 0) != expected:
                    raise changed
                key_of = {k.decode(): v.decode() for k, v in pipe.hgetall(self.key("ids")).items()}
                old = [e.decode() for e in pipe.hkeys(self.key("evinfo"))]
                members: dict[str, list[str]] = {}
                for stored_id, event in assignment.items():
                    members.setdefault(event, []).append(key_of[stored_id])
                pipe.multi()
                for event in old:
                    pipe.delete(self.key("ev", event))
                pipe.delete(self.key("evinfo"))
                for event, keys in members.items():
                    for key in keys:
                        pipe.hset(self.key("doc", key), "event", event)
                    pipe.sadd(self.key("ev", event), *keys)
                if infos:
                    pipe.hset(self.key("evinfo"), mapping={e: json.dumps(v, ensure_ascii=False)
                                                           for e, v in infos.items()})
                pipe.execute()
            except redis.WatchError:
                raise changed from None

    def set_event_infos(self, infos: dict[str, dict[str, Any]]) -> None:
        """The why, date and places of events a batch added to (one command)."""
        if infos:
            self.r.hset(self.key("evinfo"), mapping={e: json.dumps(v, ensure_ascii=False) for e, v in infos.items()})


def _text(value: bytes | None) -> str | None:
    return value.decode() if value is not None else None
