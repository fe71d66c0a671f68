"""Edited summaries against their source, with human labels (SummEdits): balanced accuracy of ``comparer.diff``.

Usage: python benchmarks/eval_summedits.py SUMMEDITS.jsonl [--half {0,1,all}] [--limit N] [--jobs J] [--show N]

Each row holds ``id``, the source ``doc``, a verified summary ``original``, an edited summary
``summary``, the human ``label`` (consistent / inconsistent), ``domain`` and ``edit_types``. Two
modes, each a diff of two one-document inputs:

- ``doc``: ``diff(DOC, SUMMARY)``, the account against its source;
- ``original``: ``diff(ORIGINAL, SUMMARY)``, the edited summary against the unedited one.

A row is predicted inconsistent when the diff reports a discrepancy that is not an omission, with
severity medium or high. Balanced accuracy (mean of the recall on inconsistent and on consistent
rows) is printed overall and per domain for each mode, with the recall per edit type.

``--half`` keeps one half of a stable hash split of the ids (see evalkit.py); all the edits of one
source document go to the same half. ``--limit N`` keeps
the first N rows in the order of that hash (not file order, so every domain is represented).
``--jobs J`` diffs in J processes (the machine has two cores; documents run to 8,000 characters).
``--show N`` prints up to N misclassified rows of each mode. The result line is printed last.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections import defaultdict

from comparer.config import Config

from evalkit import HALVES, balanced_accuracy, describe, diff_two, fail, read_jsonl, select_half

MODES = ("doc", "original")
_CONFIG: Config | None = None


def flagged(report) -> list:
    return [d for d in report.discrepancies if d.kind != "omission" and d.severity in ("medium", "high")]


def judge(row: dict) -> dict:
    """Both modes of one row: whether each predicts inconsistent, its flags, and the time taken."""
    global _CONFIG
    if _CONFIG is None:
        _CONFIG = Config()
    out: dict = {"id": row["id"]}
    for mode in MODES:
        started = time.perf_counter()
        found = flagged(diff_two(row[mode], row["summary"], _CONFIG, names=(mode, "summary")))
        out[mode] = {"inconsistent": bool(found), "flags": [describe(d) for d in found[:6]],
                     "seconds": time.perf_counter() - started}
    return out


def _order(row: dict) -> bytes:
    return hashlib.sha256(str(row["id"]).encode("utf-8")).digest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", help="SummEdits JSONL (id, doc, original, summary, label, domain, edit_types)")
    parser.add_argument("--half", choices=HALVES, default="all", help="rows of one half of the id hash split")
    parser.add_argument("--limit", type=int, default=0, metavar="N", help="keep N rows (0: all)")
    parser.add_argument("--jobs", type=int, default=1, metavar="J", help="processes to diff in (default 1)")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N misclassified rows per mode")
    args = parser.parse_args()

    rows = read_jsonl(args.data, ("id", "doc", "original", "summary", "label", "domain"))
    for number, row in enumerate(rows, start=1):
        if row["label"] not in ("consistent", "inconsistent"):
            fail(f"{args.data}: row {number}: label {row['label']!r} is neither consistent nor inconsistent")
    rows = select_half(rows, args.half, linked_by=("doc", "original"))
    if args.limit:
        rows = sorted(rows, key=_order)[:args.limit]
    if not rows:
        print("RESULT no rows selected")
        return

    started = time.perf_counter()
    if args.jobs > 1:
        import multiprocessing

        with multiprocessing.Pool(args.jobs) as pool:
            results = list(pool.imap(judge, rows, chunksize=8))
    else:
        results = [judge(row) for row in rows]
    elapsed = time.perf_counter() - started

    print(f"{len(rows)} rows (half {args.half}), both modes in {elapsed:.1f}s wall with {args.jobs} job(s)")
    summary = []
    for mode in MODES:
        pairs = [(row["label"] == "inconsistent", res[mode]["inconsistent"]) for row, res in zip(rows, results)]
        seconds = sorted(res[mode]["seconds"] for res in results)
        overall, pos, neg = balanced_accuracy(pairs)
        print(f"mode {mode}: diff({mode.upper()}, SUMMARY); {sum(seconds):.1f}s of diff, median "
              f"{seconds[len(seconds) // 2] * 1000:.0f} ms, slowest {seconds[-1]:.2f}s")
        domains: dict[str, list] = defaultdict(list)
        for row, pair in zip(rows, pairs):
            domains[row["domain"]].append(pair)
        print(f"  {'domain':<12} {'rows':>5} {'incons.':>7} {'BA':>6} {'recall':>7} {'spec.':>6}")
        for domain, items in sorted(domains.items()) + [("ALL", pairs)]:
            ba, p, n = balanced_accuracy(items)
            recall = sum(g and g2 for g, g2 in items) / p if p else 0.0
            spec = sum(not g and not g2 for g, g2 in items) / n if n else 0.0
            print(f"  {domain:<12} {len(items):>5} {p:>7} {ba:>6.3f} {recall:>7.3f} {spec:>6.3f}")
        by_edit: dict[str, list] = defaultdict(list)
        for row, (gold, guess) in zip(rows, pairs):
            if gold:
                for kind in row.get("edit_types") or ["(none)"]:
                    by_edit[kind].append(guess)
        print("  recall on inconsistent rows by edit type: "
              + ", ".join(f"{k} {sum(v) / len(v):.2f} ({len(v)})" for k, v in sorted(by_edit.items())))
        shown = 0
        for row, res, (gold, guess) in zip(rows, results, pairs):
            if gold != guess and shown < args.show:
                shown += 1
                print(f"  [{row['id']}] {row['label']} predicted {'inconsistent' if guess else 'consistent'}; "
                      f"edits {row.get('edit_types')}")
                print(f"      {mode}: {row[mode][:300]!r}")
                print(f"      summary: {row['summary'][:300]!r}")
                for flag in res[mode]["flags"]:
                    print(f"      - {flag}")
        summary.append(f"{mode} BA {overall:.3f} ({pos} inconsistent, {neg} consistent)")
    print(f"RESULT summedits half={args.half} n={len(rows)}: " + "; ".join(summary) + f"; {elapsed:.0f}s")


if __name__ == "__main__":
    main()
