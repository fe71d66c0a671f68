"""Helpers shared by the accuracy benchmarks: reading a JSONL data set, the stable half split, and
the two-document diff through the public library.

The half split lets a figure be tuned on one half of a dev set and reported on the other: a row's
half is the lowest bit of the SHA-256 of its id (of the smallest id of its group, where rows share a
source text), so it never depends on file order or Python's hash seed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from typing import Any, Iterable, Iterator

import comparer
from comparer.config import Config

HALVES = ("0", "1", "all")


def fail(message: str) -> None:
    """One line on stderr and exit status 2, as the command line does for bad input."""
    print(f"Error: {message}", file=sys.stderr)
    raise SystemExit(2)


def numbered_rows(path: str, required: Iterable[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, row)`` of a JSONL file; a bad line or a missing field is an error naming the
    file and line."""
    required = tuple(required)
    try:
        handle = open(path, encoding="utf-8")
    except OSError as exc:
        fail(f"{path}: cannot read ({exc.strerror})")
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                fail(f"{path}:{number}: not valid JSON ({exc.msg} at column {exc.colno})")
            if not isinstance(row, dict):
                fail(f"{path}:{number}: expected a JSON object")
            missing = [name for name in required if name not in row]
            if missing:
                fail(f"{path}:{number}: missing field(s) {', '.join(missing)}")
            yield number, row


def read_jsonl(path: str, required: Iterable[str]) -> list[dict[str, Any]]:
    """The rows of a JSONL file (at least one)."""
    rows = [row for _, row in numbered_rows(path, required)]
    if not rows:
        fail(f"{path}: no rows")
    return rows


def event_documents(rows: list[dict[str, Any]]) -> list[comparer.Document]:
    """The documents of one event of an events file, labelled by their outlet."""
    docs = []
    for row in rows:
        doc = comparer.Document.from_text(row["text"], id=str(row["id"]), published=row.get("published") or None,
                                          title=row.get("title") or None, source=row.get("source") or None)
        docs.append(dataclasses.replace(doc, label=(doc.source or doc.id).lower()))
    return docs


def read_events(path: str, label: str | None = None) -> tuple[dict[str, list[dict[str, Any]]], dict[str, int]]:
    """The events of an events file or of a claim-pairs file, each with its half of the split.

    An events file (``id``, ``text``, ``cluster``) gives one event per ``cluster``, its half that of
    :func:`event_half`. A pairs file (``id``, ``a``, ``b``, ``label``) gives one event per pair,
    of two documents ``ID:a`` and ``ID:b`` (outlets ``a`` and ``b``), its half that of
    :func:`halves` linked by shared sentences, as ``eval_claims.py`` splits it; ``label`` keeps
    only the pairs of that label.
    """
    rows = [row for _, row in numbered_rows(path, ("id",))]
    if not rows:
        fail(f"{path}: no rows")
    events: dict[str, list[dict[str, Any]]] = {}
    half: dict[str, int] = {}
    if all("a" in row and "b" in row for row in rows):
        for row, h in zip(rows, halves(rows, linked_by=("a", "b"))):
            if label is not None and row.get("label") != label:
                continue
            key = str(row["id"])
            events[key] = [{"id": f"{key}:{side}", "text": row[side], "source": side} for side in ("a", "b")]
            half[key] = h
        return events, half
    for number, row in enumerate(rows, start=1):
        if "text" not in row or "cluster" not in row:
            fail(f"{path}:{number}: an events file needs 'text' and 'cluster', a pairs file 'a' and 'b'")
        events.setdefault(str(row["cluster"]), []).append(row)
    return events, {event: event_half(event) for event in events}


def event_half(event: str) -> int:
    """0 or 1: the lowest bit of the SHA-256 of the event id read as a number (its last byte).

    The diff's rules were written reading the flags of half 0 of the BASIL dev events; a
    judged sample is drawn from half 1, which nobody read before the draw.
    """
    return hashlib.sha256(event.encode("utf-8")).digest()[-1] & 1


def half_of(key: str) -> int:
    """0 or 1, from a hash of the id alone."""
    return hashlib.sha256(str(key).encode("utf-8")).digest()[0] & 1


def halves(rows: list[dict[str, Any]], linked_by: Iterable[str] = ()) -> list[int]:
    """The half (0 or 1) of each row.

    Rows that share the value of a ``linked_by`` field (the same source document, the same
    evidence sentence) go to the same half, so that tuning on one half never sees the text the
    other half is measured on: the rows linked directly or through others form a group, and the
    group's half is that of its smallest id.
    """
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple[str, str], int] = {}
    for i, row in enumerate(rows):
        for field in linked_by:
            value = row.get(field)
            if isinstance(value, str):
                j = first.setdefault((field, value), i)
                parent[root(i)] = root(j)
    smallest: dict[int, str] = {}
    for i, row in enumerate(rows):
        r = root(i)
        key = str(row["id"])
        if r not in smallest or key < smallest[r]:
            smallest[r] = key
    return [half_of(smallest[root(i)]) for i in range(len(rows))]


def select_half(rows: list[dict[str, Any]], half: str, linked_by: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The rows of half "0" or "1" (see ``halves``), or all of them for "all"."""
    if half == "all":
        return rows
    return [row for row, h in zip(rows, halves(rows, linked_by)) if h == int(half)]


def two_documents(a: str, b: str, names: tuple[str, str] = ("a", "b")) -> list[comparer.Document]:
    return [comparer.Document(id=names[0], text=a, label=names[0]),
            comparer.Document(id=names[1], text=b, label=names[1])]


def diff_two(a: str, b: str, config: Config | None = None, names: tuple[str, str] = ("a", "b")):
    """The report of ``comparer.diff`` on two one-document inputs."""
    return comparer.diff(two_documents(a, b, names), config or Config())


def balanced_accuracy(pairs: Iterable[tuple[bool, bool]]) -> tuple[float, int, int]:
    """Mean of the recall of each class, from (gold positive, predicted positive) pairs.

    Returns the figure and the number of positives and negatives; a class with no rows counts as
    recall 0 (the figure is then meaningless, and the counts say so).
    """
    tp = fn = tn = fp = 0
    for gold, guess in pairs:
        if gold:
            tp += guess
            fn += not guess
        else:
            tn += not guess
            fp += guess
    pos, neg = tp + fn, tn + fp
    tpr = tp / pos if pos else 0.0
    tnr = tn / neg if neg else 0.0
    return (tpr + tnr) / 2, pos, neg


def describe(item) -> str:
    """A discrepancy on one line: kind, severity and both spans."""
    b = repr(item.b.text) if item.b else "-"
    return f"{item.kind}/{item.severity}: {item.a.text!r} vs {b}"
