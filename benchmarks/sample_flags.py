"""Draw flags of ``comparer.diff`` on real three-outlet events for an editor to judge, before anyone reads them.

Usage: python benchmarks/sample_flags.py BASIL.jsonl --seed S --out benchmarks/judgements/basil-sample-S.jsonl
       [--flags 80] [--omissions 30] [--all] [--force] [--half 0|1|all] [--exclude SAMPLE ...]
       python benchmarks/sample_flags.py PAIRS.jsonl --label L --seed S --out F [--half 0|1|all] ...

BASIL.jsonl holds one document per line (``id``, ``text``, ``title``, ``published``, ``source``)
with the gold ``cluster`` of its event; a claim-pairs file (``id``, ``a``, ``b``, ``label``: MRPC's
sentences of two outlets on one story) makes each pair (of ``--label``) an event of two documents,
split in halves as ``eval_claims.py`` splits it. The documents of each event are diffed together with
``comparer.diff``. Then, with a random generator seeded with S, ``--flags`` discrepancies that are
not omissions and ``--omissions`` omissions are drawn from all the events (from a list sorted by
event and discrepancy id, so the draw depends only on the seed and on what the diff reported).
By default only the flags the terminal view shows are drawn (severity medium or high); ``--all``
draws from every flag. ``--exclude`` leaves out the discrepancies (by id) of earlier samples, so
that a new draw holds only flags nobody has judged.

Each drawn flag is written as one JSON line that points into the data without copying its text:
the event, the discrepancy's id, kind and severity, and for each side the document, outlet, claim
and character offsets. ``benchmarks/show_sample.py SAMPLE BASIL.jsonl`` prints what a judge reads
(the spans, whole claims, their neighbours and the detail) from the data file. ``verdict`` is left
null and ``note`` empty, to be filled by the judge as ``benchmarks/judgements/DEFINITIONS.md`` says,
then scored with ``benchmarks/score_judgements.py``. An existing output file is kept unless
``--force``. The result line is printed last.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import time
from collections import Counter

import comparer
from comparer.config import Config

from evalkit import HALVES, event_documents, fail, read_events, read_jsonl


def code_version() -> str:
    """comparer's version and, in a git checkout, its commit (with "+dirty" for uncommitted changes)."""
    where = os.path.dirname(os.path.abspath(comparer.__file__))
    try:
        commit = subprocess.run(["git", "-C", where, "rev-parse", "--short=12", "HEAD"], capture_output=True,
                                text=True, check=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", where, "status", "--porcelain", "--", "."], capture_output=True,
                               text=True, check=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return comparer.__version__
    return f"{comparer.__version__} at {commit}{'+dirty' if dirty else ''}"


def side(span, sources: dict) -> dict:
    """Where one side of a flag is: document, outlet, claim and offsets (no text of the data)."""
    return {"document": span.document, "source": sources[span.document], "claim": span.claim,
            "start": span.start, "end": span.end}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", help="events JSONL (id, text, title, published, source, cluster), or claim "
                                     "pairs JSONL (id, a, b, label): each pair an event of two documents")
    parser.add_argument("--label", help="of a pairs file, only the pairs of this label")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--out", required=True, help="JSONL file to write the drawn flags to")
    parser.add_argument("--flags", type=int, default=80, help="flags other than omissions to draw (80)")
    parser.add_argument("--omissions", type=int, default=30, help="omissions to draw (30)")
    parser.add_argument("--all", action="store_true", help="draw low-severity flags too")
    parser.add_argument("--force", action="store_true", help="overwrite an existing output file")
    parser.add_argument("--half", choices=HALVES, default="all",
                        help="events of one half of the id hash split (draw from the half not tuned on)")
    parser.add_argument("--exclude", action="append", default=[], metavar="SAMPLE",
                        help="an earlier sample whose discrepancies are not drawn again (repeatable)")
    args = parser.parse_args()
    judged = {str(row["id"]) for path in args.exclude for row in read_jsonl(path, ("id",))}
    if os.path.exists(args.out) and not args.force:
        fail(f"{args.out}: exists (it may hold verdicts); give --force to overwrite it")

    events, half = read_events(args.data, args.label)
    config = Config()
    pool: dict[bool, list] = {True: [], False: []}
    counts: Counter = Counter()
    started = time.perf_counter()
    diffed = 0
    for event in sorted(events):
        if args.half != "all" and str(half[event]) != args.half:
            continue
        diffed += 1
        report = comparer.diff(event_documents(events[event]), config)
        sources = {d.id: d.label for d in report.documents}
        for item in sorted(report.discrepancies, key=lambda d: d.id):
            omission = item.kind == "omission"
            counts[("omission" if omission else "flag", item.severity)] += 1
            if (item.severity == "low" and not args.all) or item.id in judged:
                continue
            pool[omission].append((event, item, sources))
    elapsed = time.perf_counter() - started

    rng = random.Random(args.seed)
    drawn = ([(False, x) for x in rng.sample(pool[False], min(args.flags, len(pool[False])))]
             + [(True, x) for x in rng.sample(pool[True], min(args.omissions, len(pool[True])))])
    version = code_version()
    out_dir = os.path.dirname(args.out)
    if out_dir:
        os.makedirs(out_dir, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as handle:
        for number, (_, (event, item, sources)) in enumerate(drawn, start=1):
            record = {"n": number, "seed": args.seed, "drawn_from": version, "event": event, "id": item.id,
                      "kind": item.kind, "severity": item.severity, "a": side(item.a, sources),
                      "b": side(item.b, sources) if item.b else None}
            record["verdict"] = None
            record["note"] = ""
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")

    shown = "medium and high" if not args.all else "all severities"
    print(f"{diffed} events diffed in {elapsed:.1f}s ({version}); flags by severity: "
          + ", ".join(f"{kind} {sev} {n}" for (kind, sev), n in sorted(counts.items())))
    print(f"RESULT drew {sum(not o for o, _ in drawn)} of {len(pool[False])} flags and "
          f"{sum(o for o, _ in drawn)} of {len(pool[True])} omissions ({shown}) with seed {args.seed} "
          f"into {args.out}")


if __name__ == "__main__":
    main()
