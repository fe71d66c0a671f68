"""Accuracy of ``comparer.diff`` on labelled claim pairs, on each half of the pairs and on all of them.

Usage: python benchmarks/eval_claims.py FEVER.jsonl [MRPC.jsonl] [--show N]

A pair (a, b) is predicted ``conflict`` when the diff of two one-document inputs
reports a discrepancy that is neither an omission nor of low severity. On FEVER
(conflict / consistent) this prints accuracy and the confusion matrix; on MRPC it
prints the share of ``paraphrase`` pairs with such a discrepancy (false alarms).

Every figure is given for half 0, half 1 and all pairs: tune on one half, report the
other. The halves come from a stable hash of the ids (see evalkit.py); pairs that share
a sentence (FEVER's evidence and claims are reused across pairs) go to the same half.
The result line is printed last.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from comparer.config import Config

from evalkit import describe, diff_two, halves, read_jsonl

PARTS = ("0", "1", "all")


def flagged(report) -> list:
    return [d for d in report.discrepancies if d.kind != "omission" and d.severity != "low"]


def predict(a: str, b: str, config: Config) -> list:
    return flagged(diff_two(a, b, config))


def in_part(half: int, part: str) -> bool:
    return part == "all" or half == int(part)


def fever(path: str, config: Config, show: int) -> str:
    rows = read_jsonl(path, ("id", "a", "b", "label"))
    split = halves(rows, linked_by=("a", "b"))
    started = time.perf_counter()
    guesses = []
    kinds: Counter = Counter()
    shown: Counter = Counter()
    for row in rows:
        found = predict(row["a"], row["b"], config)
        guess = "conflict" if found else "consistent"
        guesses.append(guess)
        for d in found:
            kinds[(row["label"], d.kind)] += 1
        if guess != row["label"] and shown[row["label"]] < show:
            shown[row["label"]] += 1
            print(f"[{row['label']} predicted {guess}] A: {row['a'][:200]}\n    B: {row['b']}\n    "
                  + "; ".join(describe(d) for d in found))
    print(f"FEVER pairs: {len(rows)} in {time.perf_counter() - started:.1f}s; flagged kinds: "
          + ", ".join(f"{label}/{kind}={n}" for (label, kind), n in sorted(kinds.items())))
    figures = []
    for part in PARTS:
        matrix: Counter = Counter()
        for row, guess, half in zip(rows, guesses, split):
            if in_part(half, part):
                matrix[(row["label"], guess)] += 1
        n = sum(matrix.values())
        correct = matrix[("conflict", "conflict")] + matrix[("consistent", "consistent")]
        print(f"half {part}: {n} pairs, confusion (gold rows x predicted columns):")
        print(f"  {'':>11} {'conflict':>9} {'consistent':>10}")
        for gold in ("conflict", "consistent"):
            print(f"  {gold:>11} {matrix[(gold, 'conflict')]:>9} {matrix[(gold, 'consistent')]:>10}")
        figures.append(f"{part} {correct / n if n else 0:.3f} ({correct}/{n})")
    return "FEVER accuracy half " + ", half ".join(figures[:2]) + ", " + figures[2]


def mrpc(path: str, config: Config, show: int) -> str:
    rows = read_jsonl(path, ("id", "a", "b", "label"))
    split = halves(rows, linked_by=("a", "b"))
    para = [(row, half) for row, half in zip(rows, split) if row["label"] == "paraphrase"]
    started = time.perf_counter()
    alarms = []
    shown = 0
    for row, _ in para:
        found = predict(row["a"], row["b"], config)
        alarms.append(bool(found))
        if found and shown < show:
            shown += 1
            print(f"[MRPC alarm] A: {row['a']}\n    B: {row['b']}\n    " + "; ".join(describe(d) for d in found))
    print(f"MRPC paraphrase pairs: {len(para)} in {time.perf_counter() - started:.1f}s")
    figures = []
    for part in PARTS:
        picked = [alarm for (_, half), alarm in zip(para, alarms) if in_part(half, part)]
        n = len(picked)
        figures.append(f"{part} {sum(picked) / n if n else 0:.3f} ({sum(picked)}/{n})")
    return "MRPC false-alarm rate half " + ", half ".join(figures[:2]) + ", " + figures[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fever")
    parser.add_argument("mrpc", nargs="?")
    parser.add_argument("--show", type=int, default=0, help="print N misclassified pairs of each kind")
    args = parser.parse_args()
    config = Config()
    lines = [fever(args.fever, config, args.show)]
    if args.mrpc:
        lines.append(mrpc(args.mrpc, config, args.show))
    print("RESULT " + "; ".join(lines))


if __name__ == "__main__":
    main()
