"""Accuracy of same-event clustering against gold labels: B-cubed precision, recall, F1 and ARI.

Usage: python benchmarks/eval_clusters.py FILE.jsonl [FILE.jsonl ...] [--config comparer.yaml] [--errors]
       [--set cluster.KEY=VALUE ...] [--half A|B]

Each FILE is JSONL in comparer's input form plus a gold ``cluster`` field (same value = same event),
e.g. ../shared/data/events/ecbplus-dev.jsonl. Each file is clustered on its own with one
configuration; one line per file, then a result line with the means. ``--errors`` also lists, per
file, the found clusters that mix gold events (precision errors) and the gold events split over
several clusters (recall errors), each with its counts. ``--set`` changes one cluster setting (for
tuning); ``--half`` keeps the documents of one half of the gold events (events split by a hash of
their id), so that a large set can be tuned on one half and measured on the other.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import time
from collections import Counter, defaultdict

from comparer.clustering import cluster
from comparer.config import load_config
from comparer.ingest import read_inputs


def bcubed(gold: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998) over the documents of ``gold``."""
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_pred: dict[str, set[str]] = defaultdict(set)
    for doc, label in gold.items():
        by_gold[label].add(doc)
        by_pred[predicted[doc]].add(doc)
    precision = recall = 0.0
    for doc in gold:
        g, p = by_gold[gold[doc]], by_pred[predicted[doc]]
        common = len(g & p)
        precision += common / len(p)
        recall += common / len(g)
    precision /= len(gold)
    recall /= len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def adjusted_rand_index(gold: dict[str, str], predicted: dict[str, str]) -> float:
    """Hubert & Arabie's adjusted Rand index of two labelings of the same documents."""
    def pairs(n: int) -> float:
        return n * (n - 1) / 2

    cells = Counter((gold[d], predicted[d]) for d in gold)
    a = Counter(gold[d] for d in gold)
    b = Counter(predicted[d] for d in gold)
    index = sum(pairs(n) for n in cells.values())
    sum_a = sum(pairs(n) for n in a.values())
    sum_b = sum(pairs(n) for n in b.values())
    expected = sum_a * sum_b / pairs(len(gold)) if len(gold) > 1 else 0.0
    maximum = (sum_a + sum_b) / 2
    return 1.0 if maximum == expected else (index - expected) / (maximum - expected)


def half_of(event: str) -> str:
    """``A`` or ``B``: the half of the gold events ``event`` is in (a stable hash of its id)."""
    return "AB"[int(hashlib.sha1(event.encode("utf-8")).hexdigest(), 16) % 2]


def evaluate(path: str, config, half: str | None = None) -> dict[str, float]:
    gold: dict[str, str] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                if half is None or half_of(str(record["cluster"])) == half:
                    gold[str(record["id"])] = str(record["cluster"])
    documents, problems = read_inputs([path])
    if problems:
        raise SystemExit(f"{path}: {problems[0]}")
    documents = [doc for doc in documents if doc.id in gold]
    start = time.perf_counter()
    report = cluster(documents, config)
    seconds = time.perf_counter() - start
    predicted = {doc.id: doc.id for doc in documents}  # a document in no cluster is its own event
    for found in report.clusters:
        for doc in found.documents:
            predicted[doc] = found.id
    precision, recall, f1 = bcubed(gold, predicted)
    mixed = [dict(Counter(gold[d] for d in found.documents)) for found in report.clusters]
    split: dict[str, Counter] = defaultdict(Counter)
    for doc, label in gold.items():
        split[label][predicted[doc]] += 1
    errors = [f"mixed {found}" for found in mixed if len(found) > 1] + \
        [f"split {label} {dict(parts)}" for label, parts in sorted(split.items()) if len(parts) > 1]
    return {"errors": errors,"docs": len(gold), "gold_events": len(set(gold.values())),
            "predicted_events": len(set(predicted.values())), "precision": precision, "recall": recall,
            "f1": f1, "ari": adjusted_rand_index(gold, predicted), "seconds": seconds}


def with_settings(config, settings: list[str]):
    """``config`` with ``cluster.KEY=VALUE`` settings applied (values read as numbers)."""
    import dataclasses

    names = {f.name for f in dataclasses.fields(config.cluster)}
    changes = {}
    for setting in settings:
        key, _, value = setting.partition("=")
        section, _, name = key.partition(".")
        if section != "cluster" or name not in names or not value:
            raise SystemExit(f"--set {setting}: expected cluster.KEY=VALUE with a cluster setting")
        kind = type(getattr(config.cluster, name))
        changes[name] = kind(float(value)) if kind is int else kind(value)
    if not changes:
        return config
    return dataclasses.replace(config, cluster=dataclasses.replace(config.cluster, **changes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", help="JSONL files with a gold 'cluster' field")
    parser.add_argument("--config", help="comparer YAML config (default: built-in defaults)")
    parser.add_argument("--errors", action="store_true",
                        help="list clusters mixing gold events and gold events split apart")
    parser.add_argument("--set", action="append", default=[], metavar="cluster.KEY=VALUE",
                        help="change one cluster setting (repeatable)")
    parser.add_argument("--half", choices=("A", "B"), help="only the documents of one half of the gold events")
    args = parser.parse_args()
    config = with_settings(load_config(args.config), args.set)
    results = []
    for path in args.files:
        r = evaluate(path, config, args.half)
        results.append(r)
        print(f"{path}: docs={r['docs']} gold_events={r['gold_events']} predicted={r['predicted_events']} "
              f"B3-P={r['precision']:.4f} B3-R={r['recall']:.4f} B3-F1={r['f1']:.4f} ARI={r['ari']:.4f} "
              f"({r['seconds']:.1f}s)")
        if args.errors:
            for line in r["errors"]:
                print("  " + line)
    mean = {k: math.fsum(r[k] for r in results) / len(results) for k in ("precision", "recall", "f1", "ari")}
    print(f"RESULT files={len(results)} mean B3-P={mean['precision']:.4f} B3-R={mean['recall']:.4f} "
          f"B3-F1={mean['f1']:.4f} ARI={mean['ari']:.4f}")


if __name__ == "__main__":
    main()
