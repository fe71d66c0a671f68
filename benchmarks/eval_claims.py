"""Accuracy of ``comparer.diff`` on labelled claim pairs.

Usage: python benchmarks/eval_claims.py FEVER.jsonl [MRPC.jsonl] [--show N]

A pair (a, b) is predicted ``conflict`` when the diff of two one-document inputs
reports a discrepancy that is neither an omission nor of low severity. On FEVER
(conflict / consistent) this prints accuracy and the confusion matrix; on MRPC it
prints the share of ``paraphrase`` pairs with such a discrepancy (false alarms).
The result line is printed last.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter

from comparer.config import Config
from comparer.diffing import diff
from comparer.types import Document


def flagged(report) -> list:
    return [d for d in report.discrepancies if d.kind != "omission" and d.severity != "low"]


def predict(a: str, b: str, config: Config):
    docs = [Document(id="a", text=a, label="a"), Document(id="b", text=b, label="b")]
    return flagged(diff(docs, config))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fever")
    parser.add_argument("mrpc", nargs="?")
    parser.add_argument("--show", type=int, default=0, help="print N misclassified pairs of each kind")
    args = parser.parse_args()
    config = Config()
    lines = []

    rows = [json.loads(line) for line in open(args.fever, encoding="utf-8") if line.strip()]
    started = time.perf_counter()
    matrix: Counter = Counter()
    kinds: Counter = Counter()
    shown: Counter = Counter()
    for row in rows:
        found = predict(row["a"], row["b"], config)
        guess = "conflict" if found else "consistent"
        matrix[(row["label"], guess)] += 1
        for d in found:
            kinds[(row["label"], d.kind)] += 1
        if guess != row["label"] and shown[row["label"]] < args.show:
            shown[row["label"]] += 1
            print(f"[{row['label']} predicted {guess}] A: {row['a'][:200]}\n    B: {row['b']}\n    "
                  + "; ".join(f"{d.kind}:{d.a.text!r}/{d.b.text if d.b else None!r}" for d in found))
    correct = matrix[("conflict", "conflict")] + matrix[("consistent", "consistent")]
    accuracy = correct / len(rows)
    print(f"FEVER pairs: {len(rows)} in {time.perf_counter() - started:.1f}s; flagged kinds: "
          + ", ".join(f"{label}/{kind}={n}" for (label, kind), n in sorted(kinds.items())))
    print("confusion (gold rows x predicted columns):")
    print(f"  {'':>11} {'conflict':>9} {'consistent':>10}")
    for gold in ("conflict", "consistent"):
        print(f"  {gold:>11} {matrix[(gold, 'conflict')]:>9} {matrix[(gold, 'consistent')]:>10}")
    lines.append(f"FEVER accuracy {accuracy:.3f} ({correct}/{len(rows)})")

    if args.mrpc:
        rows = [json.loads(line) for line in open(args.mrpc, encoding="utf-8") if line.strip()]
        para = [r for r in rows if r["label"] == "paraphrase"]
        alarms = 0
        shown_m = 0
        for row in para:
            found = predict(row["a"], row["b"], config)
            if found:
                alarms += 1
                if shown_m < args.show:
                    shown_m += 1
                    print(f"[MRPC alarm] A: {row['a']}\n    B: {row['b']}\n    "
                          + "; ".join(f"{d.kind}:{d.a.text!r}/{d.b.text if d.b else None!r}" for d in found))
        lines.append(f"MRPC false-alarm rate {alarms / len(para):.3f} ({alarms}/{len(para)} paraphrase pairs)")
    print("RESULT " + "; ".join(lines))


if __name__ == "__main__":
    main()
