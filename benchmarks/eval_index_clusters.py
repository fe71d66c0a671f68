"""Accuracy of the events the index builds one document at a time: B-cubed against gold labels.

Usage: python benchmarks/eval_index_clusters.py FILE.jsonl [FILE.jsonl ...] [--set cluster.KEY=VALUE ...]

Each FILE (JSONL with a gold ``cluster`` field, e.g. ../shared/data/events/gvc-dev.jsonl) is added in
file order to a new SQLite store in a temporary folder (``comparer.index.add``), and the stored events
(``comparer.index.stored_clusters``) are scored as ``eval_clusters.py`` scores ``comparer cluster``. A
text already stored is not added again, so only the documents stored are scored. One line per file,
then a result line with the means.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_clusters import bcubed, with_settings  # noqa: E402

from comparer.config import Config  # noqa: E402
from comparer.index import add, open_store, stored_clusters  # noqa: E402
from comparer.ingest import read_inputs  # noqa: E402


def evaluate(path: str, config: Config) -> tuple[float, float, float, int]:
    gold = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                gold[str(record["id"])] = str(record["cluster"])
    documents, problems = read_inputs([path])
    if problems:
        raise SystemExit(f"{path}: {problems[0]}")
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(str(Path(folder) / "events.db"), config=config)
        add(documents, store, config)
        event_of = {doc: c.id for c in stored_clusters(store).clusters for doc in c.documents}
        store.close()
    scored = {doc: label for doc, label in gold.items() if doc in event_of}
    return (*bcubed(scored, event_of), len(scored))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--set", action="append", default=[], metavar="cluster.KEY=VALUE")
    args = parser.parse_args()
    config = with_settings(Config(), args.set)
    results = []
    for path in args.files:
        started = time.perf_counter()
        p, r, f1, n = evaluate(path, config)
        results.append((p, r, f1))
        print(f"{path}: docs={n} B3-P={p:.4f} B3-R={r:.4f} B3-F1={f1:.4f} ({time.perf_counter() - started:.1f}s)",
              flush=True)
    means = [sum(values) / len(values) for values in zip(*results)]
    print("RESULT files={} mean B3-P={:.4f} B3-R={:.4f} B3-F1={:.4f}".format(len(results), *means))


if __name__ == "__main__":
    main()
