"""How ``comparer cluster`` scales: cost per document at 10,000 and at 100,000 documents.

Usage: python benchmarks/bench_cluster_scale.py CORPUS.jsonl [CORPUS.jsonl ...] [--sizes 10000 100000]

The corpus is built from the texts of the given JSONL files (e.g. ../shared/data/events/*.jsonl):
each document is a variant of a real text with its names replaced (consistently inside the document)
by names drawn from a large pool, its numbers changed, a quarter of its other words swapped for
words of the corpus, some sentences dropped, and a publication date between 2010 and 2020, so that
the corpus holds many reports of the same kinds of events but of distinct events; a tenth of the
documents are lightly edited copies of others. Each size is clustered once with the default
configuration (``comparer.clustering.cluster``), timed end to end, with peak RSS. The result line is
last: seconds per 1,000 documents at each size and their ratio (largest over smallest).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import random
import re
import resource
import time

from comparer.clustering import cluster
from comparer.types import Document

_TOKEN = re.compile(r"\w+|\W+")


def build(paths: list[str], size: int, seed: int) -> list[Document]:
    rng = random.Random(seed)
    texts = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            texts.extend(json.loads(line)["text"][:4000] for line in handle if line.strip())
    vocabulary = sorted({w for t in texts for w in re.findall(r"\b[a-z]{4,}\b", t)})
    capitals = sorted({w for t in texts for w in re.findall(r"\b[A-Z][a-z]{3,}\b", t)})
    docs: list[Document] = []
    start = dt.date(2010, 1, 1)
    while len(docs) < size:
        if docs and rng.random() < 0.1:
            source = rng.choice(docs)
            words = source.text.split(" ")
            for _ in range(3):
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
            text = " ".join(words)
            published = source.published
        else:
            text = variant(rng.choice(texts), rng, vocabulary, capitals)
            published = start + dt.timedelta(days=rng.randrange(3650))
        docs.append(Document(id=f"doc{len(docs):06d}", text=text, published=published,
                             label=f"doc{len(docs):06d}"))
    return docs


def variant(text: str, rng: random.Random, vocabulary: list[str], capitals: list[str]) -> str:
    names: dict[str, str] = {}
    out = []
    sentences = re.split(r"(?<=[.!?])\s+", text)
    kept = [s for s in sentences if rng.random() > 0.2] or sentences[:1]
    for token in _TOKEN.findall(" ".join(kept)):
        if token[:1].isupper() and token.isalpha():
            if token not in names:
                names[token] = rng.choice(capitals) + rng.choice(["", "s", "er", "ton", "ley", "ez"])
            out.append(names[token])
        elif token.isdigit():
            out.append(str(rng.randrange(1, 10 ** len(token))))
        elif token.isalpha() and rng.random() < 0.25:
            out.append(rng.choice(vocabulary))
        else:
            out.append(token)
    return "".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+", help="JSONL files whose texts seed the corpus")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    costs = {}
    cluster(build(args.corpus, 200, args.seed + 1))  # warm caches and imports
    for size in args.sizes:
        docs = build(args.corpus, size, args.seed)
        gc.collect()
        counter = [0]
        begin = time.perf_counter()
        report = cluster(docs, progress=lambda n: counter.__setitem__(0, counter[0] + n))
        seconds = time.perf_counter() - begin
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        multi = sum(1 for c in report.clusters if len(c.documents) > 1)
        costs[size] = seconds / size * 1000
        print(f"{size} documents: {seconds:.1f}s, {costs[size]:.2f}s per 1,000 documents, "
              f"{len(report.clusters)} events ({multi} with 2+ documents), max RSS so far {rss:.0f} MiB")
        del docs, report
    small, large = min(costs), max(costs)
    print("RESULT " + " ".join(f"n={n}:{c:.2f}s/1k" for n, c in sorted(costs.items()))
          + f" ratio={costs[large] / costs[small]:.2f}")


if __name__ == "__main__":
    main()
