"""Throughput of reading: loading + claim splitting + mention extraction over a JSONL corpus.

Usage: python benchmarks/bench_claims.py CORPUS.jsonl [--repeat N]
Prints documents/s, claims/s and peak memory (tracemalloc and max RSS); the result line is last.
"""

from __future__ import annotations

import argparse
import platform
import resource
import time
import tracemalloc

from comparer.config import Config
from comparer.ingest import read_inputs
from comparer.pipeline import read_documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="JSONL corpus, e.g. ../shared/data/events/gvc-dev.jsonl")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the median is reported")
    args = parser.parse_args()

    config = Config()
    read_documents(read_inputs([args.corpus])[0][:5], config)  # warm caches (alias index)
    times, claims_count, docs_count, chars = [], 0, 0, 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        documents, problems = read_inputs([args.corpus])
        docs, claims = read_documents(documents, config)
        times.append(time.perf_counter() - start)
        claims_count, docs_count = len(claims), len(docs)
        chars = sum(len(d.text) for d in docs)
    tracemalloc.start()
    documents, _ = read_inputs([args.corpus])
    read_documents(documents, config)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    median = sorted(times)[len(times) // 2]
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mentions = sum(len(c.mentions) for c in claims)
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}")
    print(f"corpus: {args.corpus}: {docs_count} documents, {chars:,} characters, {claims_count} claims, "
          f"{mentions} mentions")
    print(f"runs: {', '.join(f'{t:.2f}s' for t in times)}")
    print(f"peak traced memory {peak / 2**20:.1f} MiB, max RSS {rss_mib:.1f} MiB")
    print(f"RESULT claims/s={claims_count / median:,.0f} docs/s={docs_count / median:,.0f} "
          f"median={median:.2f}s peak_mib={peak / 2**20:.1f}")


if __name__ == "__main__":
    main()
