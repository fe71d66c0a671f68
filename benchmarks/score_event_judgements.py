"""How gold event groups that a person judged one event, or not, fare in comparer's clustering.

Usage: python benchmarks/score_event_judgements.py EVENTS.jsonl JUDGEMENTS.jsonl [--set cluster.KEY=VALUE ...]

EVENTS.jsonl is an event set with its gold ``cluster`` field (e.g. ../shared/data/events/allsides-dev.jsonl);
JUDGEMENTS.jsonl holds one judged gold group per line (``event``, the group's gold ``cluster``, and
``verdict``: ``same``, ``related`` or ``different``; see ``judgements/DEFINITIONS.md``); its documents
are read from EVENTS.jsonl. The whole events file is clustered
once with the default configuration (and any ``--set``); for each verdict, the line gives the groups
judged so, how many of their document pairs comparer put in one event (pair recall), how many groups
it kept whole, and how many documents of other gold groups share an event with each of theirs. A gold
set whose groups are loose stories, not events, rewards merging what the judge called related.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_clusters import with_settings  # noqa: E402

from comparer.clustering import cluster  # noqa: E402
from comparer.config import Config  # noqa: E402
from comparer.ingest import read_inputs  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events")
    parser.add_argument("judgements")
    parser.add_argument("--set", action="append", default=[], metavar="cluster.KEY=VALUE")
    args = parser.parse_args()
    judged = [json.loads(line) for line in Path(args.judgements).read_text(encoding="utf-8").splitlines() if line]
    documents, problems = read_inputs([args.events])
    if problems:
        raise SystemExit(f"{args.events}: {problems[0]}")
    config = with_settings(Config(), args.set)
    event_of = {doc: c.id for c in cluster(documents, config).clusters for doc in c.documents}
    members: dict[str, list[str]] = defaultdict(list)
    with open(args.events, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                members[str(record["cluster"])].append(str(record["id"]))
    size = Counter(event_of.values())
    stats: dict[str, Counter] = defaultdict(Counter)
    for group in judged:
        ids = [d for d in members.get(str(group["event"]), []) if d in event_of]
        if len(ids) < 2:
            raise SystemExit(f"{args.judgements}: event {group['event']} has fewer than two documents "
                             f"in {args.events}")
        found = Counter(event_of[d] for d in ids)
        s = stats[group["verdict"]]
        s["groups"] += 1
        s["pairs"] += len(ids) * (len(ids) - 1) // 2
        s["linked"] += sum(event_of[a] == event_of[b] for k, a in enumerate(ids) for b in ids[k + 1:])
        s["whole"] += max(found.values()) == len(ids)
        s["documents"] += len(ids)
        s["foreign"] += sum(size[event_of[d]] - found[event_of[d]] for d in ids)
    total = sum(s["groups"] for s in stats.values())
    for verdict in ("same", "related", "different"):
        s = stats.get(verdict)
        if s:
            print(f"{verdict}: groups={s['groups']} ({s['groups'] / total:.1%}) "
                  f"pair_recall={s['linked'] / s['pairs']:.3f} whole={s['whole']} "
                  f"foreign_per_doc={s['foreign'] / s['documents']:.2f}")
    same = stats.get("same", Counter())
    print(f"RESULT judged={total} same={same['groups'] / total:.3f} "
          f"same_pair_recall={same['linked'] / max(same['pairs'], 1):.3f}")


if __name__ == "__main__":
    main()
