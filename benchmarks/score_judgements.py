"""An editor's precision on real events, from a judged sample of ``sample_flags.py``.

Usage: python benchmarks/score_judgements.py FILE.jsonl [FILE.jsonl ...]

Each line is a drawn flag whose ``verdict`` a judge filled in as ``judgements/DEFINITIONS.md``
says: ``real``, ``framing`` or ``wrong`` for a flag that is not an omission, ``useful`` or
``noise`` for an omission; null means not judged yet. Printed, over the judged flags, with a 95%
Wilson interval (80 flags leave about +-10 points):

- % real, and % real or framing, of the flags that are not omissions;
- % real of the ``high`` ones;
- % useful of the omissions;

with the same broken down by kind, and the number still to judge. A verdict that is not allowed
for its flag is an error naming the file and line (exit status 2). The result line is printed last.
"""

from __future__ import annotations

import argparse
import math
from collections import Counter, defaultdict

from evalkit import fail, numbered_rows

FLAG_VERDICTS = ("real", "framing", "wrong")
OMISSION_VERDICTS = ("useful", "noise")
TARGETS = {"real": 0.60, "real or framing": 0.85, "high real": 0.80, "useful": 0.70}


def wilson(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if not n:
        return 0.0, 0.0
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def share(hits: int, n: int) -> str:
    if not n:
        return "n/a (none judged)"
    low, high = wilson(hits, n)
    return f"{hits / n:.0%} ({hits}/{n}; 95% {low:.0%}-{high:.0%})"


def read(paths: list[str]) -> list[dict]:
    records = []
    for path in paths:
        for number, record in numbered_rows(path, ("kind", "verdict")):
            verdict = record["verdict"]
            allowed = OMISSION_VERDICTS if record["kind"] == "omission" else FLAG_VERDICTS
            if verdict is not None and verdict not in allowed:
                fail(f"{path}:{number}: verdict {verdict!r} for a {record['kind']} flag; expected one of "
                     f"{', '.join(allowed)} (or null)")
            records.append(record)
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    records = read(args.files)

    flags = [r for r in records if r["kind"] != "omission"]
    omissions = [r for r in records if r["kind"] == "omission"]
    judged = [r for r in flags if r["verdict"]]
    judged_om = [r for r in omissions if r["verdict"]]
    high = [r for r in judged if r.get("severity") == "high"]
    real = sum(r["verdict"] == "real" for r in judged)
    framing = sum(r["verdict"] == "framing" for r in judged)
    high_real = sum(r["verdict"] == "real" for r in high)
    useful = sum(r["verdict"] == "useful" for r in judged_om)

    print(f"{len(flags)} flags ({len(flags) - len(judged)} not judged), {len(omissions)} omissions "
          f"({len(omissions) - len(judged_om)} not judged)")
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for r in judged:
        by_kind[(r["kind"], r.get("severity", "?"))][r["verdict"]] += 1
    if by_kind:
        print(f"  {'kind':<12} {'severity':<8} {'real':>5} {'framing':>8} {'wrong':>6}")
        for (kind, severity), c in sorted(by_kind.items()):
            print(f"  {kind:<12} {severity:<8} {c['real']:>5} {c['framing']:>8} {c['wrong']:>6}")
    figures = {
        "real": share(real, len(judged)),
        "real or framing": share(real + framing, len(judged)),
        "high real": share(high_real, len(high)),
        "useful": share(useful, len(judged_om)),
    }
    for name, text in figures.items():
        print(f"  {name:<16} {text}   (target at least {TARGETS[name]:.0%})")
    print("RESULT " + "; ".join(f"{name} {text.split(' (')[0]}" for name, text in figures.items())
          + f"; judged {len(judged)} flags, {len(judged_om)} omissions")


if __name__ == "__main__":
    main()
