"""Near-duplicate detection speed and recall: comparer vs datasketch vs rensa, in one run.

Usage: python benchmarks/bench_dedup.py CORPUS.jsonl [CORPUS.jsonl ...] [--docs 20000] [--seed 0]

Needs ``pip install rensa`` (datasketch comes with comparer). The corpus is built from the texts of
the given JSONL files (e.g. ../shared/data/events/*.jsonl): the texts themselves, plus new documents
made of sentences drawn from all of them, until 60% of ``--docs`` are originals; the rest are
reprints of random originals with the edits copy desks make: the last paragraphs cut, a new
headline, a changed or dropped dateline, a few words changed or dropped, a footer added.

All three pipelines read the same word 5-shingles (``comparer.minhash.words``) with the same
threshold and 128 permutations:
- datasketch as its README shows: a ``MinHash`` per document fed with ``update_batch`` (default
  hash function), ``MinHashLSH(threshold, num_perm)`` insert, then ``query`` every document;
- rensa as its README shows: an ``RMinHash`` per document fed with ``update``, ``RMinHashLSH``
  insert, then ``query`` (``num_bands=32``: rensa needs a divisor of ``num_perm``);
- comparer: ``comparer.minhash.find_duplicates`` (signatures, LSH, exact Jaccard, union-find).

True near-duplicate pairs are pairs with exact shingle Jaccard >= threshold, among each original's
family and among every pair any pipeline reports. Each pipeline's pairs are grouped by union-find
(what a user keeps or drops); recall is the share of true pairs that end in one group, precision
the share of grouped pairs that are true. Peak memory is measured (tracemalloc) on a separate
comparer run; bytes per indexed document count the signature, band keys and shingle hashes.
The result line is last.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import re
import resource
import time
import tracemalloc
from itertools import combinations

from comparer.config import DedupConfig
from comparer.minhash import Scheme, find_duplicates, groups_of, lsh_params, shingle_hashes, words

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")
_DATELINES = ["NEW YORK (AP) — ", "LONDON (Reuters) - ", "WASHINGTON — ", "(CNN) ", "PARIS (AFP) - ", ""]
_FOOTERS = ["", "\n\nCopyright 2024 The Associated Press. All rights reserved.",
            "\n\n(Reporting by staff; editing by the desk)", "\n\nRead more: subscribe to our newsletter."]


def build_corpus(paths: list[str], size: int, seed: int) -> tuple[list[str], list[list[int]]]:
    """Texts, and the families (an original and its reprints) by index."""
    rng = random.Random(seed)
    texts = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            texts.extend(json.loads(line)["text"] for line in handle if line.strip())
    sentences = [s.strip() for t in texts for s in _SENTENCE.split(t) if len(s.split()) >= 6]
    originals = list(texts)
    while len(originals) < int(size * 0.6):
        chosen = rng.sample(sentences, rng.randint(12, 30))
        paragraphs = [" ".join(chosen[i:i + 3]) for i in range(0, len(chosen), 3)]
        originals.append("\n\n".join(paragraphs))
    corpus = list(originals)
    families: dict[int, list[int]] = {}
    while len(corpus) < size:
        source = rng.randrange(len(originals))
        corpus.append(reprint(originals[source], rng, sentences))
        families.setdefault(source, [source]).append(len(corpus) - 1)
    return corpus, list(families.values())


def reprint(text: str, rng: random.Random, sentences: list[str]) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    if len(paragraphs) > 3:  # cut the last paragraphs
        paragraphs = paragraphs[: max(3, len(paragraphs) - rng.randint(0, len(paragraphs) // 3))]
    body = paragraphs[0]
    body = re.sub(r"^[A-Z][A-Za-z .,]{2,40}(\([A-Za-z]+\))?\s*[-–—]\s*", "", body)  # old dateline
    paragraphs[0] = rng.choice(_DATELINES) + body
    edited = "\n\n".join(paragraphs).split(" ")
    for _ in range(rng.randint(1, 6)):  # a few words changed or dropped
        i = rng.randrange(len(edited))
        edited[i] = rng.choice(["", "reportedly", "also", "officials", edited[i].upper()])
    headline = rng.choice(sentences)[:90]
    return headline + "\n\n" + " ".join(w for w in edited if w) + rng.choice(_FOOTERS)


def shingles(text: str, k: int) -> list[bytes]:
    w = words(text)
    return [b" ".join(w[i:i + k]) for i in range(max(len(w) - k + 1, 1))] if w else []


def run_datasketch(corpus: list[str], threshold: float, num_perm: int, k: int) -> set[tuple[int, int]]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    sketches = []
    for i, text in enumerate(corpus):
        m = MinHash(num_perm=num_perm)
        m.update_batch(shingles(text, k))
        lsh.insert(i, m)
        sketches.append(m)
    return {(min(i, j), max(i, j)) for i, m in enumerate(sketches) for j in lsh.query(m) if j != i}


def run_rensa(corpus: list[str], threshold: float, num_perm: int, k: int) -> set[tuple[int, int]]:
    from rensa import RMinHash, RMinHashLSH

    lsh = RMinHashLSH(threshold=threshold, num_perm=num_perm, num_bands=32)
    sketches = []
    for i, text in enumerate(corpus):
        m = RMinHash(num_perm=num_perm, seed=42)
        m.update(shingles(text, k))
        lsh.insert(i, m)
        sketches.append(m)
    return {(min(i, j), max(i, j)) for i, m in enumerate(sketches) for j in lsh.query(m) if j != i}


def run_comparer(corpus: list[str], config: DedupConfig) -> set[tuple[int, int]]:
    found = find_duplicates(corpus, config)
    return {(i, j) for i, j, _ in found.pairs}


def grouped(n: int, pairs: set[tuple[int, int]]) -> set[tuple[int, int]]:
    return {pair for group in groups_of(n, [(i, j, 0) for i, j in pairs]) for pair in combinations(group, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+", help="JSONL files whose texts seed the corpus")
    parser.add_argument("--docs", type=int, default=20000, help="corpus size (default 20000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-datasketch", action="store_true", help="for quick runs only")
    args = parser.parse_args()
    config = DedupConfig()
    k, t, perm = config.shingle_size, config.threshold, config.num_perm
    corpus, families = build_corpus(args.corpus, args.docs, args.seed)
    chars = sum(map(len, corpus)) / len(corpus)
    print(f"corpus: {len(corpus)} documents, {chars:.0f} characters on average, "
          f"{sum(len(f) - 1 for f in families)} reprints of {len(families)} originals; "
          f"{k}-word shingles, threshold {t}, {perm} permutations")

    find_duplicates(corpus[:200], config)  # warm caches
    results = {}
    runs = [("comparer", lambda: run_comparer(corpus, config)),
            ("rensa", lambda: run_rensa(corpus, t, perm, k))]
    if not args.skip_datasketch:
        runs.append(("datasketch", lambda: run_datasketch(corpus, t, perm, k)))
    for name, run in runs:
        gc.collect()
        start = time.perf_counter()
        pairs = run()
        seconds = time.perf_counter() - start
        results[name] = (seconds, pairs)
        if name == "comparer":  # it runs first: the process peak so far is corpus + comparer
            rss_comparer = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{name}: {seconds:.2f}s, {len(corpus) / seconds:,.0f} docs/s, {len(pairs)} pairs reported")

    # the truth: exact Jaccard within families and on every reported pair
    hashes, offsets = shingle_hashes(corpus, Scheme.from_config(config))
    sets: dict[int, set[int]] = {}

    def exact(i: int, j: int) -> float:
        for x in (i, j):
            if x not in sets:
                sets[x] = set(hashes[offsets[x]:offsets[x + 1]].tolist())
        a, b = sets[i], sets[j]
        return len(a & b) / len(a | b) if a or b else 0.0

    candidates = {pair for f in families for pair in combinations(sorted(f), 2)}
    for _, pairs in results.values():
        candidates |= pairs
    truth = {pair for pair in candidates if exact(*pair) >= t}
    print(f"true near-duplicate pairs (exact Jaccard >= {t}): {len(truth)}")
    recall = {}
    for name, (seconds, pairs) in results.items():
        together = grouped(len(corpus), pairs)
        recall[name] = len(truth & together) / len(truth) if truth else 1.0
        precision = len(truth & together) / len(together) if together else 1.0
        print(f"{name}: recall {recall[name]:.4f}, precision {precision:.4f} (pairs grouped: {len(together)})")

    gc.collect()
    tracemalloc.start()
    found = find_duplicates(corpus, config)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    bands, rows = lsh_params(t, perm)
    sig_bytes = perm * 4 + bands * 8
    shingle_bytes = (found.sets.values.nbytes + found.sets.offsets.nbytes) / len(corpus)
    print(f"comparer peak traced memory {peak / 2**20:.0f} MiB; process max RSS after the comparer run "
          f"{rss_comparer:.0f} MiB (Python, the corpus and comparer); per indexed document: "
          f"{sig_bytes} B signature + band keys, "
          f"{shingle_bytes:.0f} B shingle hashes kept for exact verification")

    ours = results["comparer"][0]
    ratio = {name: seconds / ours for name, (seconds, _) in results.items() if name != "comparer"}
    print("RESULT docs={} comparer={:,.0f}/s {} recall comparer={:.4f} {} peak={:.0f}MiB rss={:.0f}MiB "
          "bytes/doc={:.0f}".format(
        len(corpus), len(corpus) / ours,
        " ".join(f"x{name}={r:.2f}" for name, r in ratio.items()),
        recall["comparer"], " ".join(f"{n}={r:.4f}" for n, r in recall.items() if n != "comparer"),
        peak / 2**20, rss_comparer, sig_bytes + shingle_bytes))


if __name__ == "__main__":
    main()
