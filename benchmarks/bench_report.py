"""Wall time of ``comparer report`` over a corpus, as a whole process (progress bar on stderr).

Usage: python benchmarks/bench_report.py CORPUS [CORPUS...] [--format html]
e.g. ../shared/data/events/basil-dev.jsonl gvc-dev.jsonl ecbplus-dev.jsonl (1,373 documents).
The result line is printed last.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+")
    parser.add_argument("--format", default="html", choices=["html", "json", "markdown"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, f"report.{args.format}")
        started = time.perf_counter()
        run = subprocess.run(["comparer", "report", *args.corpus, "--format", args.format, "-o", out],
                             check=False)
        elapsed = time.perf_counter() - started
        size = os.path.getsize(out) if os.path.exists(out) else 0
        summary = ""
        if args.format == "json" and size:
            data = json.load(open(out, encoding="utf-8"))
            summary = (f" documents={len(data['documents'])} events={len(data['events'])}"
                       f" discrepancies={len(data['discrepancies'])}")
    print(f"machine: {platform.machine()} python {platform.python_version()} cpus={os.cpu_count()}")
    print(f"RESULT report exit={run.returncode} seconds={elapsed:.1f} bytes={size}{summary}")


if __name__ == "__main__":
    main()
