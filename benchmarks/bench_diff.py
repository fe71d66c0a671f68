"""Speed of ``comparer diff``: whole process against a difflib word diff, and a 300x300-claim diff.

Usage: python benchmarks/bench_diff.py A.txt B.txt [DEV.jsonl] [--runs 5] [--comparer EXE]

Both whole processes (``comparer diff A B --format json`` and a Python script that
prints difflib's word-level diff of the same files) run once to warm up, then
alternately ``--runs`` times, with the bytecode cache as a user has it; the medians
and their ratio are printed, and what a process importing only click and rapidfuzz
takes against the same difflib script, and a Python that does nothing (with the kind of
install: an editable install's import hook runs in both processes). With DEV.jsonl (``text`` fields, e.g. an
events or claims dev set) two documents of 300 claims each are built from its
sentences and diffed in-process. The result line is printed last.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

DIFFLIB_SCRIPT = """
import difflib, sys
a = open(sys.argv[1], encoding="utf-8").read().split()
b = open(sys.argv[2], encoding="utf-8").read().split()
for line in difflib.ndiff(a, b):
    if line[:1] in "+-":
        print(line)
"""

# What a process pays before any comparer code runs: the two dependencies on the diff path.
DEPENDENCY_IMPORTS = "import click, rapidfuzz"


# Both processes run as a user's would: with Python's bytecode cache (an environment that
# sets PYTHONDONTWRITEBYTECODE would make every run recompile comparer from source).
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _time(cmd: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=_ENV)
    return time.perf_counter() - started


def _texts(path: str) -> list[str]:
    out = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            for key in ("text", "a", "b"):
                if isinstance(row.get(key), str):
                    out.append(row[key])
    return out


def _document(sentences: list[str], count: int) -> str:
    from comparer.segment import split_claims

    picked: list[str] = []
    for sentence in sentences:
        for piece in split_claims(sentence):
            if 40 <= len(piece.text) <= 300:
                picked.append(piece.text.replace("\n", " "))
            if len(picked) == count:
                return "\n\n".join(picked)
    return "\n\n".join(picked)


def _install_kind() -> str:
    """How comparer is installed: an editable install's import hook runs in every Python start-up,
    the difflib script's included, so it narrows the ratio; a regular install has none."""
    code = "import sys; print(any(m.startswith('__editable__') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, env=_ENV)
    return "editable install, with its import hook" if out.stdout.strip() == "True" else "regular install"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("dev", nargs="?")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--comparer", help="the comparer executable to time (default: the one on PATH)")
    args = parser.parse_args()
    comparer_exe = args.comparer or shutil.which("comparer") or os.path.join(os.path.dirname(sys.executable),
                                                                              "comparer")
    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, "worddiff.py")
        with open(script, "w", encoding="utf-8") as handle:
            handle.write(DIFFLIB_SCRIPT)
        ours, theirs, floor, bare = [], [], [], []
        _time([comparer_exe, "diff", args.a, args.b, "--format", "json"])  # warm-up: caches, bytecode
        _time([sys.executable, script, args.a, args.b])
        for _ in range(args.runs):
            ours.append(_time([comparer_exe, "diff", args.a, args.b, "--format", "json"]))
            theirs.append(_time([sys.executable, script, args.a, args.b]))
            floor.append(_time([sys.executable, "-c", DEPENDENCY_IMPORTS]))
            bare.append(_time([sys.executable, "-c", "pass"]))
    mine, base = statistics.median(ours), statistics.median(theirs)
    lines = [f"diff {mine:.3f}s vs difflib {base:.3f}s: ratio {mine / base:.2f}x (median of {args.runs})",
             f"importing click and rapidfuzz alone: {statistics.median(floor) / base:.2f}x",
             f"diff vs importing click and rapidfuzz: {mine / statistics.median(floor):.2f}x",
             f"python doing nothing: {statistics.median(bare) / base:.2f}x ({_install_kind()})"]
    print("\n".join(lines))
    if args.dev:
        from comparer.diffing import diff
        from comparer.types import Document

        texts = _texts(args.dev)
        half = len(texts) // 2
        a = Document(id="a", text=_document(texts[:half], 300), label="a")
        b = Document(id="b", text=_document(texts[half:], 300), label="b")
        started = time.perf_counter()
        report = diff([a, b])
        took = time.perf_counter() - started
        counts = [sum(1 for c in report.claims if c.document == d) for d in ("a", "b")]
        lines.append(f"300x300 diff {took:.2f}s ({counts[0]}x{counts[1]} claims, "
                     f"{len(report.discrepancies)} discrepancies)")
        print(lines[-1])
    print("RESULT " + "; ".join(lines))


if __name__ == "__main__":
    main()
