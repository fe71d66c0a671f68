"""Cost on inputs that used to blow up: many near-identical short documents, and very long sentences.

Usage: python benchmarks/bench_long_input.py [--copies 100000] [--words 10000 30000 100000]
       [--comparer EXE]

Two generated inputs, written to a temporary folder and removed afterwards:
- ``--copies`` documents of one 30-word sentence with two words changed at random: ``comparer dedup``
  on them, wall time and the peak resident memory of that process;
- two one-sentence documents of ``--words`` random words each: ``comparer diff`` on them, wall time.
``--comparer`` runs another install's command (e.g. an older checkout's ``.venv/bin/comparer``) on the
same inputs. The result line is printed last.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import string
import subprocess
import tempfile
import time

_BASE = ("the city council voted on tuesday to approve a new budget for schools roads and parks after a long "
         "debate about taxes and spending in the coming year").split()
_SWAPS = ["alpha", "beta", "gamma", "delta", "omega", "kappa"]


def _run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100_000)
    parser.add_argument("--words", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--comparer", default="comparer", help="the comparer command to time")
    args = parser.parse_args()
    rng = random.Random(3)
    parts = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "copies.jsonl")
        with open(corpus, "w", encoding="utf-8") as handle:
            for i in range(args.copies):
                words = list(_BASE)
                for _ in range(2):
                    words[rng.randrange(len(words))] = rng.choice(_SWAPS)
                handle.write(json.dumps({"id": f"d{i}", "text": " ".join(words)}) + "\n")
        # Peak RSS of children only grows: the dedup run goes first, alone, so its peak is its own.
        seconds, peak = _run([args.comparer, "dedup", corpus, "--format", "json", "-o",
                              os.path.join(tmp, "out.json"), "-q"])
        print(f"dedup of {args.copies} near-identical documents: {seconds:.1f} s, peak RSS {peak:.0f} MiB")
        parts.append(f"dedup {args.copies}: {seconds:.1f}s {peak:.0f}MiB")
        vocabulary = ["".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 9)))
                      for _ in range(3000)]
        for n in args.words:
            paths = []
            for side in "ab":
                path = os.path.join(tmp, f"{side}{n}.txt")
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(" ".join(rng.choice(vocabulary) for _ in range(n)) + ".\n")
                paths.append(path)
            seconds, _ = _run([args.comparer, "diff", *paths, "--format", "json", "-q"])
            print(f"diff of two {n}-word sentences: {seconds:.1f} s")
            parts.append(f"diff {n} words: {seconds:.1f}s")
    print("RESULT " + "; ".join(parts))


if __name__ == "__main__":
    main()
