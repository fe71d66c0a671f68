"""What ``comparer.diff`` misses on real three-outlet events, from a gold set of their real discrepancies.

Usage: python benchmarks/score_recall.py RECALL.jsonl EVENTS.jsonl

RECALL.jsonl lists, for a few events read in full before looking at any output of comparer, every
discrepancy that is ``real`` as ``judgements/DEFINITIONS.md`` says: one line each with ``event``
(the ``cluster`` of EVENTS.jsonl), ``kind``, ``note`` and the two sides ``a`` and ``b``
(``document``, ``start``, ``end``: character offsets into that document's ``text`` in EVENTS.jsonl);
an event with none has one line of kind ``none`` and no sides. No text of the data is kept there.

Each event is diffed with ``comparer.diff`` as ``sample_flags.py`` does. A gold discrepancy is found
when the diff reports a discrepancy that is not an omission whose spans overlap the gold ones on
both documents (in either order of ``a`` and ``b``). Printed per gold discrepancy: ``found-shown``
(the best such flag is medium or high, shown by default), ``found-low`` (only low ones) or
``missed``, with the flag's kind and severity. Nothing is written. The result line is printed last:
recall of the flags shown by default and of flags of any severity.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict

import comparer
from comparer.config import Config

from evalkit import event_documents, fail, numbered_rows, read_jsonl

SHOWN = ("medium", "high")
RANK = {"high": 2, "medium": 1, "low": 0}


def read_gold(path: str) -> list[tuple[int, dict]]:
    """``(line number, record)`` of the gold file, the sides of each discrepancy checked."""
    records = []
    for number, record in numbered_rows(path, ("event", "kind")):
        if record["kind"] != "none":
            for name in ("a", "b"):
                side = record.get(name)
                if not isinstance(side, dict) or not all(k in side for k in ("document", "start", "end")):
                    fail(f"{path}:{number}: side {name!r} needs document, start and end")
                if not 0 <= side["start"] < side["end"]:
                    fail(f"{path}:{number}: side {name!r} has an empty or negative span")
        records.append((number, record))
    if not records:
        fail(f"{path}: no rows")
    return records


def shifts(rows: list[dict], docs: list[comparer.Document]) -> dict[str, int]:
    """For each document, where the text comparer reads starts in the events file's ``text`` (0 unless a
    metadata block was taken off), so that gold offsets can be moved onto comparer's spans."""
    out = {}
    for row, doc in zip(rows, docs):
        at = row["text"].find(doc.text)
        if at < 0:
            fail(f"document {doc.id}: comparer's text is not a part of the events file's text")
        out[doc.id] = at
    return out


def overlaps(gold: dict, span, shift: int) -> bool:
    """The gold side and a flag's span are on one document and share at least one character."""
    return (span.document == str(gold["document"])
            and span.start < gold["end"] - shift and gold["start"] - shift < span.end)


def matching(record: dict, discrepancies, shift: dict[str, int]) -> list:
    """The flags (not omissions) whose two spans overlap the gold discrepancy's two sides."""
    a, b = record["a"], record["b"]
    found = []
    for item in discrepancies:
        if item.kind == "omission" or item.b is None:
            continue
        same = overlaps(a, item.a, shift.get(str(a["document"]), 0)) and overlaps(
            b, item.b, shift.get(str(b["document"]), 0))
        swapped = overlaps(a, item.b, shift.get(str(a["document"]), 0)) and overlaps(
            b, item.a, shift.get(str(b["document"]), 0))
        if same or swapped:
            found.append(item)
    return sorted(found, key=lambda d: (-RANK.get(d.severity, 0), d.id))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("recall", help="gold JSONL (event, kind, a, b, note; kind none for an event without any)")
    parser.add_argument("data", help="events JSONL (id, text, title, published, source, cluster)")
    args = parser.parse_args()

    gold = read_gold(args.recall)
    rows = read_jsonl(args.data, ("id", "text", "cluster"))
    events: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        events[str(row["cluster"])].append(row)
    order = list(dict.fromkeys(str(record["event"]) for _, record in gold))
    for event in order:
        if event not in events:
            fail(f"{args.recall}: event {event} is not in {args.data}")

    config = Config()
    reports = {}
    started = time.perf_counter()
    for event in order:
        docs = event_documents(events[event])
        reports[event] = (comparer.diff(docs, config), shifts(events[event], docs))
    elapsed = time.perf_counter() - started

    total = shown = anywhere = 0
    for event in order:
        report, shift = reports[event]
        ids = {d.id for d in report.documents}
        flags = sum(d.kind != "omission" for d in report.discrepancies)
        print(f"event {event}: {flags} flags other than omissions")
        for number, record in gold:
            if str(record["event"]) != event:
                continue
            if record["kind"] == "none":
                print(f"  line {number}: none ({record.get('note', '')})")
                continue
            for name in ("a", "b"):
                if str(record[name]["document"]) not in ids:
                    fail(f"{args.recall}:{number}: document {record[name]['document']} is not in event {event}")
            total += 1
            found = matching(record, report.discrepancies, shift)
            if found and found[0].severity in SHOWN:
                status = "found-shown"
                shown += 1
            else:
                status = "found-low" if found else "missed"
            anywhere += bool(found)
            how = f" as {found[0].kind}/{found[0].severity} {found[0].id}" if found else ""
            print(f"  line {number}: {record['kind']} {status}{how}: {record.get('note', '')}")

    print(f"{len(order)} events diffed in {elapsed:.1f}s")
    print(f"RESULT recall shown {shown}/{total}, any {anywhere}/{total}")


if __name__ == "__main__":
    main()
