"""In-sample best and leave-one-corpus-out figures from results/*.jsonl.

Usage: python analyse.py [--by KEY] results/FILE.jsonl [...]
--by KEY: one family per value of KEY (e.g. --by w: lexical only, embedding only, each mix).
A method is a (file, method, backend, fixed keys) family; its settings are the other keys.
Leave one out: for each of ecbplus, gvc, basil, allsides, the setting with the best mean F1 on the
other three whole sets, measured on the one left out. AllSides halves: the best setting on half h0,
measured on h1, and the reverse.
"""
import json
import sys
from collections import defaultdict

SETS = ["ecbplus", "gvc", "basil", "allsides"]
NOT_SETTING = {"method", "backend", "set", "f1", "seconds"}


def main():
    args = sys.argv[1:]
    by = None
    if args[0] == "--by":
        by, args = args[1], args[2:]
    families = defaultdict(lambda: defaultdict(dict))  # family -> setting -> set -> f1
    for path in args:
        for line in open(path):
            r = json.loads(line)
            setting = tuple(sorted((k, v) for k, v in r.items() if k not in NOT_SETTING))
            label = r["backend"] + (f" {by}={r[by]}" if by in r else "")
            families[(r["method"], label)][setting][r["set"]] = r["f1"]
    for fam, table in families.items():
        full = {s: f for s, f in table.items() if all(k in f for k in SETS)}
        if not full:
            continue
        print(f"## {fam[0]} ({fam[1]}): {len(full)} settings")
        print(f"{'set':10} {'in-sample best':>15} {'setting':35} {'LOO':>7} {'LOO setting':35}")
        for left in SETS:
            best = max(full, key=lambda s: full[s][left])
            others = [x for x in SETS if x != left]
            pick = max(full, key=lambda s: sum(full[s][x] for x in others))
            print(f"{left:10} {full[best][left]:15.4f} {fmt(best):35} {full[pick][left]:7.4f} {fmt(pick):35}")
        halves = {s: f for s, f in table.items() if "allsides.h0" in f and "allsides.h1" in f}
        for tune, test in (("allsides.h0", "allsides.h1"), ("allsides.h1", "allsides.h0")):
            pick = max(halves, key=lambda s: halves[s][tune])
            best = max(halves, key=lambda s: halves[s][test])
            print(f"tune {tune} -> {test}: {halves[pick][test]:.4f} with {fmt(pick)} "
                  f"(in-sample best on {test}: {halves[best][test]:.4f} {fmt(best)})")
        # one setting for all four: the best mean
        pick = max(full, key=lambda s: sum(full[s].get(x, 0) for x in SETS))
        print("best mean of four:", fmt(pick), " ".join(f"{x}={full[pick][x]:.4f}" for x in SETS))
        print()


def fmt(setting):
    return ",".join(f"{k}={v}" for k, v in setting)


if __name__ == "__main__":
    main()
