"""One fact changed in a real paragraph: does ``comparer.diff`` flag it, with the right kind, and nothing else?

Usage: python benchmarks/eval_one_edit.py ONE_EDIT.jsonl [--half {0,1,all}] [--show N]

Each row holds ``id``, ``kind`` (entity, number, date, negation or quote), a paragraph ``a`` and the
same paragraph ``b`` with one fact changed in one sentence (``was`` and ``now`` are that sentence
before and after). The two are diffed as two one-document inputs. Figures, overall and per kind:

- right kind: some discrepancy other than an omission has the row's kind;
- exactly one: the diff reports exactly one discrepancy other than an omission, of the row's kind;
- at the edit: some non-omission discrepancy (of any kind) has a span touching the changed characters;
- omissions: how many omissions were reported (the rest is byte-identical, so there should be none);
- the kinds reported instead, and the severities of the right-kind flags.

``--half`` keeps the rows of one half of a stable hash split of the ids (see evalkit.py), so that
one half can be used for tuning and the other for reporting; edits of the same paragraph go to the
same half. ``--show N`` prints up to N rows that
did not give exactly one discrepancy of the right kind. The result line is printed last.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict

from comparer.config import Config

from evalkit import HALVES, describe, diff_two, read_jsonl, select_half

KINDS = ("entity", "number", "date", "negation", "quote")


def edited_range(a: str, b: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """The characters that differ: (start, end) in a and in b, outside the common prefix and suffix."""
    prefix = 0
    limit = min(len(a), len(b))
    while prefix < limit and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and a[len(a) - 1 - suffix] == b[len(b) - 1 - suffix]:
        suffix += 1
    return (prefix, len(a) - suffix), (prefix, len(b) - suffix)


def touches(span, bounds: tuple[int, int]) -> bool:
    start, end = bounds
    if start == end:  # an insertion: the span must contain the point
        return span.start <= start <= span.end
    return span.start < end and start < span.end


def at_edit(item, ranges: dict[str, tuple[int, int]]) -> bool:
    return any(side is not None and touches(side, ranges[side.document]) for side in (item.a, item.b))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", help="one-edit JSONL (id, kind, a, b, was, now)")
    parser.add_argument("--half", choices=HALVES, default="all", help="rows of one half of the id hash split")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N failures")
    args = parser.parse_args()

    rows = select_half(read_jsonl(args.data, ("id", "kind", "a", "b")), args.half, linked_by=("a",))
    config = Config()
    total: Counter = Counter()
    right: Counter = Counter()
    exactly: Counter = Counter()
    near: Counter = Counter()
    omissions: Counter = Counter()
    omission_rows: Counter = Counter()
    reported: dict[str, Counter] = defaultdict(Counter)
    severities: dict[str, Counter] = defaultdict(Counter)
    shown = 0
    started = time.perf_counter()
    for row in rows:
        kind = row["kind"]
        report = diff_two(row["a"], row["b"], config)
        found = [d for d in report.discrepancies if d.kind != "omission"]
        missing = len(report.discrepancies) - len(found)
        range_a, range_b = edited_range(row["a"], row["b"])
        ranges = {"a": range_a, "b": range_b}
        total[kind] += 1
        omissions[kind] += missing
        omission_rows[kind] += missing > 0
        hits = [d for d in found if d.kind == kind]
        right[kind] += bool(hits)
        exactly[kind] += len(found) == 1 and bool(hits)
        near[kind] += any(at_edit(d, ranges) for d in found)
        for d in hits[:1]:
            severities[kind][d.severity] += 1
        for d in found:
            if d.kind != kind:
                reported[kind][d.kind] += 1
        if not found:
            reported[kind]["(none)"] += 1
        if (len(found) != 1 or not hits) and shown < args.show:
            shown += 1
            print(f"[{row['id']}] {kind}: {len(found)} non-omission, {missing} omission(s)")
            print(f"    was: {row.get('was', row['a'][range_a[0]:range_a[1]])}")
            print(f"    now: {row.get('now', row['b'][range_b[0]:range_b[1]])}")
            for d in report.discrepancies:
                print(f"    - {describe(d)}")
    elapsed = time.perf_counter() - started

    n = sum(total.values())
    if not n:
        print("RESULT no rows in this half")
        return
    print(f"{n} rows (half {args.half}) in {elapsed:.1f}s")
    print(f"  {'kind':<9} {'rows':>4} {'right':>6} {'exactly':>8} {'at edit':>8} {'omiss.':>6}  severity of "
          "right kind; other kinds reported")
    for kind in sorted(total, key=lambda k: (KINDS.index(k) if k in KINDS else len(KINDS), k)):
        sev = ", ".join(f"{s} {c}" for s, c in sorted(severities[kind].items()))
        other = ", ".join(f"{k} {c}" for k, c in reported[kind].most_common())
        print(f"  {kind:<9} {total[kind]:>4} {right[kind] / total[kind]:>6.2f} {exactly[kind] / total[kind]:>8.2f} "
              f"{near[kind] / total[kind]:>8.2f} {omissions[kind]:>6}  {sev or '-'}; {other or '-'}")
    share = sum(right.values()) / n
    one = sum(exactly.values()) / n
    per_kind = " ".join(f"{k} {right[k] / total[k]:.2f}/{exactly[k] / total[k]:.2f}" for k in KINDS if total[k])
    print(f"RESULT one-edit half={args.half} n={n}: right kind {share:.3f} ({sum(right.values())}/{n}), "
          f"exactly one {one:.3f} ({sum(exactly.values())}/{n}), at edit {sum(near.values()) / n:.3f}; "
          f"per kind right/exactly: {per_kind}; omissions {sum(omissions.values())} in "
          f"{sum(omission_rows.values())} rows")


if __name__ == "__main__":
    main()
