"""How fast the index stores and matches news: SQLite and Redis, and Redis against datasketch's own storage.

Usage: python benchmarks/bench_index.py CORPUS.jsonl [CORPUS.jsonl ...] [--docs 100000] [--queries 2000]

The corpus is synthesised from the texts of the given JSONL files (e.g. ../shared/data/events/*.jsonl)
as ``bench_cluster_scale.py`` does: variants of real news texts with names, numbers and words changed,
a tenth of them lightly edited copies of others. Steps, in one run on one machine:

1. ``comparer.index.add`` of all documents to a new SQLite file: documents per second, and bytes
   per document (file size after a WAL checkpoint, divided by the number of documents); then
   ``comparer.index.regroup`` of that store, against ``comparer.cluster`` of the same documents;
2. the same into Redis (a redis-server started here on a free loopback port, without persistence):
   documents per second, and bytes per document (``INFO memory`` used_memory delta);
3. match throughput against that Redis server, on the same precomputed signatures: comparer's query
   (one transaction reading document counts, then one script call per document: LSH buckets,
   candidates' signatures and texts, event candidates),
   comparer's full match (plus exact Jaccard and event assignment), and datasketch's
   ``MinHashLSH(storage_config={"type": "redis", ...})`` holding the same signatures with the same
   bands and rows, asked the same queries. The queries are edited copies of stored documents and
   new variants, half and half.

The last line sums the run up: add rates and bytes per document of both stores, and the whole
``comparer match`` throughput and the query-only throughput, each as a multiple of datasketch's query
rate. ``--docs 20000 --queries 1000`` runs in a few minutes; the default is the full-scale run.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_cluster_scale import build  # noqa: E402

from comparer.config import Config  # noqa: E402
from comparer.types import Document  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_redis(port: int) -> subprocess.Popen:
    binary = shutil.which("redis-server")
    if not binary:
        sys.exit("redis-server is not installed (Debian package redis-server)")
    proc = subprocess.Popen([binary, "--save", "", "--appendonly", "no", "--port", str(port), "--bind", "127.0.0.1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import redis

    client = redis.Redis(port=port)
    for _ in range(200):
        try:
            client.ping()
            return proc
        except redis.exceptions.ConnectionError:
            time.sleep(0.05)
    proc.terminate()
    sys.exit("redis-server did not start")


def timed_add(docs: list[Document], store, config: Config, label: str) -> float:
    from comparer.index import add

    done = [0]
    started = time.perf_counter()

    def progress(size: int, new: int) -> None:
        done[0] += size
        if done[0] % 10_000 < size:
            rate = done[0] / (time.perf_counter() - started)
            print(f"  {label}: {done[0]:>7} documents, {rate:,.0f} docs/s", file=sys.stderr, flush=True)

    gc.collect()
    result = add(docs, store, config, progress=progress, batch_size=1000)
    elapsed = time.perf_counter() - started
    assert result.added + result.already_stored == len(docs)
    return elapsed


def queries_for(docs: list[Document], count: int, seed: int, paths: list[str]) -> list[Document]:
    rng = random.Random(seed)
    out = []
    for i in range(count // 2):   # edited copies of stored documents: their near-duplicate is stored
        source = rng.choice(docs)
        words = source.text.split(" ")
        for _ in range(5):
            words[rng.randrange(len(words))] = "edited"
        out.append(Document(id=f"q{i:05d}", text=" ".join(words), published=source.published))
    fresh = build(paths, count - len(out), seed + 1)   # new variants: mostly nothing stored to find
    out.extend(Document(id=f"n{i:05d}", text=d.text, published=d.published) for i, d in enumerate(fresh))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="JSONL files of news texts")
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()

    import numpy as np
    import redis

    from comparer.clustering import cluster
    from comparer.index import open_store, regroup
    from comparer.index.assignment import prepare

    config = Config()
    print(f"building {args.docs:,} documents ...", file=sys.stderr, flush=True)
    docs = build(args.paths, args.docs, args.seed)
    chars = sum(len(d.text) for d in docs) / len(docs)
    print(f"corpus: {len(docs):,} documents, {chars:,.0f} characters on average")
    summary: list[str] = [f"docs={len(docs)}"]
    tmp = Path(tempfile.mkdtemp(prefix="bench-index-"))
    port = free_port()
    server = start_redis(port)
    try:
        if not args.skip_sqlite:
            path = tmp / "index.db"
            store = open_store(str(path), config=config)
            seconds = timed_add(docs, store, config, "sqlite")
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            size = sum(os.path.getsize(p) for p in (path, Path(f"{path}-wal")) if p.exists())
            print(f"sqlite add: {len(docs):,} documents in {seconds:,.1f} s = {len(docs) / seconds:,.0f} docs/s; "
                  f"{size / len(docs):,.0f} bytes/document ({size / 2**20:,.1f} MiB)")
            summary.append(f"sqlite_add={len(docs) / seconds:.0f}docs/s,{size / len(docs):.0f}B/doc")
            started = time.perf_counter()
            regrouped = regroup(store, config)
            regroup_s = time.perf_counter() - started
            store.close()
            started = time.perf_counter()
            cluster(docs, config)
            cluster_s = time.perf_counter() - started
            print(f"sqlite regroup: {regroup_s:,.1f} s ({regrouped.moved:,} documents changed event, "
                  f"{regrouped.events_before:,} -> {regrouped.events_after:,} events); comparer.cluster of the same "
                  f"documents {cluster_s:,.1f} s")
            summary.append(f"sqlite_regroup={regroup_s / len(docs) * 1000:.2f}s/1kdocs="
                           f"{regroup_s / cluster_s:.2f}x_cluster")

        client = redis.Redis(port=port)
        before = int(client.info("memory")["used_memory"])
        url = f"redis://127.0.0.1:{port}/0?prefix=bench"
        store = open_store(url, config=config)
        seconds = timed_add(docs, store, config, "redis")
        used = int(client.info("memory")["used_memory"]) - before
        print(f"redis add: {len(docs):,} documents in {seconds:,.1f} s = {len(docs) / seconds:,.0f} docs/s; "
              f"{used / len(docs):,.0f} bytes/document (used_memory +{used / 2**20:,.1f} MiB)")
        summary.append(f"redis_add={len(docs) / seconds:.0f}docs/s,{used / len(docs):.0f}B/doc")

        # --- match throughput on the same signatures -------------------------------------------
        from comparer.index import find_copies, match

        queries = queries_for(docs, args.queries, args.seed + 100, args.paths)
        prepared = prepare(queries, store, config)
        sigs = np.stack([item.sig for item in prepared])
        started = time.perf_counter()
        copies = find_copies(sigs, store, config.dedup.threshold)
        copy_rate = len(sigs) / (time.perf_counter() - started)
        match(docs[-20:], store, config)   # imports warm, as in a long-running worker
        started = time.perf_counter()
        full = match(queries, store, config).matches
        match_rate = len(queries) / (time.perf_counter() - started)
        found = sum(bool(m.near_duplicates) for m in full)
        print(f"comparer redis near-duplicate match (signatures given; one script call per document, 100 per "
              f"round trip; MinHash estimate): {copy_rate:,.0f} documents/s, {sum(map(bool, copies))} of "
              f"{len(sigs)} found a copy")
        print(f"comparer match, full (text to signatures, exact Jaccard, event and why): {match_rate:,.0f} "
              f"documents/s, {found} of {len(queries)} found a copy")

        from datasketch import MinHash, MinHashLSH

        from comparer.minhash import signatures

        lsh = MinHashLSH(threshold=config.dedup.threshold, num_perm=store.scheme.num_perm,
                         params=(store.bands, store.rows),
                         storage_config={"type": "redis", "basename": b"dsbench",
                                         "redis": {"host": "127.0.0.1", "port": port}})
        before = int(client.info("memory")["used_memory"])
        started = time.perf_counter()
        batch = 2000
        with lsh.insertion_session(buffer_size=50_000) as session:
            for start in range(0, len(docs), batch):
                part = docs[start:start + batch]
                stored_sigs = signatures([d.text for d in part], store.scheme).astype(np.uint64)
                for doc, sig in zip(part, stored_sigs):
                    session.insert(doc.id, MinHash(num_perm=store.scheme.num_perm, hashvalues=sig, scheme="legacy"))
        ds_insert = len(docs) / (time.perf_counter() - started)
        ds_bytes = (int(client.info("memory")["used_memory"]) - before) / len(docs)
        minhashes = [MinHash(num_perm=store.scheme.num_perm, hashvalues=sig.astype(np.uint64), scheme="legacy")
                     for sig in sigs]
        started = time.perf_counter()
        ds_found = 0
        for m in minhashes:
            ds_found += bool(lsh.query(m))
        ds_rate = len(minhashes) / (time.perf_counter() - started)
        print(f"datasketch redis storage: insert {ds_insert:,.0f} docs/s (insertion_session, signatures "
              f"included), {ds_bytes:,.0f} bytes/document; query {ds_rate:,.0f} queries/s "
              f"(candidate keys only; {ds_found} of {len(minhashes)} non-empty)")
        # the same candidates: both index the same band keys of the same signatures
        sample = list(range(min(200, len(sigs))))
        from comparer.minhash import band_keys

        ours = store.candidates_many([row.tolist() for row in band_keys(sigs[sample], store.bands, store.rows)])
        same = sum({c.id for c in mine} == set(lsh.query(minhashes[i])) for i, mine in zip(sample, ours))
        print(f"same candidate sets as datasketch: {same} of {len(sample)} queries")
        summary += [f"match_full={match_rate:.0f}docs/s={match_rate / ds_rate:.1f}x",
                    f"query_only={copy_rate:.0f}docs/s={copy_rate / ds_rate:.1f}x",
                    f"datasketch_query={ds_rate:.0f}/s"]
        print("RESULT comparer index, redis match vs datasketch MinHashLSH redis storage (same signatures, "
              "same server): " + " ".join(summary))
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
