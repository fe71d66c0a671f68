"""Does one cluster setting serve every corpus? In-sample and leave-one-corpus-out B-cubed F1.

Usage: python benchmarks/loo_clusters.py NAME=FILE.jsonl [NAME=FILE.jsonl ...] [--halve NAME ...]
       [--target NAME=F1 ...] [--grid cluster.KEY=V1,V2,... ...]

Each setting of the grid (by default name weight x evidence x threshold, 24 settings) is measured on
every set. A set named in ``--halve`` is tuned on half A of its gold events and measured on half B
and on the whole set (see ``eval_clusters.py --half``). The rule that picks a setting from the sets
it may look at: the best mean F1 among the settings that reach every ``--target`` of those sets
(all settings when none does). In-sample: the rule looks at every set. Leave one out: for each set,
the rule looks at the others only, and the pick is measured on the set left out. One line per
setting, then the two tables; the result line is last.
"""

from __future__ import annotations

import argparse
import itertools
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_clusters import evaluate, with_settings  # noqa: E402

from comparer.config import load_config  # noqa: E402

DEFAULT_GRID = {"name_weight": "1,1.5,2,3", "evidence": "0,20,40", "threshold": "0.1,0.12"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", metavar="NAME=FILE.jsonl")
    parser.add_argument("--halve", action="append", default=[], metavar="NAME",
                        help="tune on half A of this set's events, measure on half B and the whole")
    parser.add_argument("--target", action="append", default=[], metavar="NAME=F1")
    parser.add_argument("--grid", action="append", default=[], metavar="cluster.KEY=V1,V2,...")
    args = parser.parse_args()
    sets = dict(s.split("=", 1) for s in args.sets)
    targets = {k: float(v) for k, v in (t.split("=", 1) for t in args.target)}
    grid = dict(DEFAULT_GRID)
    if args.grid:
        grid = {k.removeprefix("cluster."): v for k, v in (g.split("=", 1) for g in args.grid)}
    keys = list(grid)
    settings = [dict(zip(keys, values)) for values in itertools.product(*(grid[k].split(",") for k in keys))]
    base = load_config(None)
    tuned: list[dict[str, float]] = []
    for setting in settings:
        config = with_settings(base, [f"cluster.{k}={v}" for k, v in setting.items()])
        scores = {name: evaluate(path, config, "A" if name in args.halve else None)["f1"]
                  for name, path in sets.items()}
        tuned.append(scores)
        print(_label(setting), " ".join(f"{n}={f:.4f}" for n, f in scores.items()), flush=True)

    def pick(names: list[str]) -> int:
        fits = [i for i, s in enumerate(tuned) if all(s[n] >= targets.get(n, -1.0) for n in names)]
        return max(fits or range(len(tuned)), key=lambda i: (math.fsum(tuned[i][n] for n in names), -i))

    def measured(name: str, index: int) -> str:
        if name not in args.halve:
            return f"{tuned[index][name]:.4f}"
        config = with_settings(base, [f"cluster.{k}={v}" for k, v in settings[index].items()])
        other = evaluate(sets[name], config, "B")["f1"]
        whole = evaluate(sets[name], config)["f1"]
        return f"{other:.4f} (half B; whole {whole:.4f}; half A {tuned[index][name]:.4f})"

    names = list(sets)
    inside = pick(names)
    print(f"\nIn-sample pick: {_label(settings[inside])}")
    print("| set | in-sample F1 |\n|---|---|")
    for name in names:
        print(f"| {name} | {measured(name, inside)} |")
    print("\nLeave one corpus out (tuned on the others, measured on the set left out):")
    print("| set left out | setting picked on the others | F1 | in-sample F1 | gap |\n|---|---|---|---|---|")
    gaps = []
    for name in names:
        chosen = pick([n for n in names if n != name])
        gap = tuned[inside][name] - tuned[chosen][name]
        gaps.append(gap)
        print(f"| {name} | {_label(settings[chosen])} | {measured(name, chosen)} | "
              f"{tuned[inside][name]:.4f} | {gap:+.4f} |")
    print(f"RESULT in-sample {_label(settings[inside])} largest leave-one-out gap {max(gaps):+.4f}")


def _label(setting: dict[str, str]) -> str:
    return ",".join(f"{k}={v}" for k, v in setting.items())


if __name__ == "__main__":
    main()
