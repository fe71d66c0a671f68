"""The views of the index commands: what ``match`` found for each document, and ``index stats``."""

from __future__ import annotations

import json

from comparer.types import Report
from comparer.views.render import Table, register_view


def match_view(report: Report) -> list:
    """One row per near-duplicate and one per event of each matched document."""
    labels = {d.id: d.label or d.id for d in report.documents}
    dup_rows, event_rows = [], []
    for entry in report.matches:
        label = labels.get(entry.document, entry.document)
        for dup in entry.near_duplicates:
            dup_rows.append((label, dup.id, f"{dup.score:.3f}", f"{dup.estimated:.3f}"))
        event = entry.event
        if event is None:
            event_rows.append((label, "(none)", "", "", "no stored event matches: adding it would start a new one"))
        else:
            how = event.joined_by + (f" {event.score:.3f}" if event.score is not None else "")
            event_rows.append((label, event.id, how, "\n".join(event.documents), event.why))
    return [Table("Near-duplicates in the store", ("document", "stored copy", "Jaccard (exact)", "MinHash estimate"),
                  dup_rows, (f"store: {report.store or ''}",)),
            Table("Events", ("document", "event", "joined by", "members", "why"), event_rows)]


def index_view(report: Report) -> list:
    """What ``comparer index add`` or ``index stats`` did or found, as one two-column table."""
    info = report.index or {}
    rows = [(k, json.dumps(v) if isinstance(v, (dict, list)) else v) for k, v in info.items()]
    return [Table("Index", ("field", "value"), rows)]


register_view("match", match_view)
register_view("index", index_view)
