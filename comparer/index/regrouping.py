"""``regroup``: put every stored document in the event that clustering the whole archive gives it.

Adding documents one at a time decides each one's event from what was stored before it, at the link
threshold and without the crowd around it (:func:`comparer.events.crowding`): on a busy topic an
early report can pull later reports of other stories into its event, and nothing undoes that. Once
the archive has grown, ``regroup`` clusters all of it at once, exactly as ``comparer cluster`` does a
folder, and writes each document's event back in one transaction. Later adds and matches then join
these events.

An event keeps the id its earliest-added member had, unless an earlier event of the new grouping has
already taken that id; then it is named after that member, as a new event would be.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from comparer.config import Config
from comparer.index.common import content_key, event_id_for
from comparer.types import Cluster

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class RegroupResult:
    """What ``regroup`` changed: events before and after, and documents whose event id changed."""

    documents: int
    events_before: int
    events_after: int
    moved: int
    seconds: float


def regroup(store, config: Config | None = None, progress: Progress | None = None) -> RegroupResult:
    """Cluster every stored document as ``comparer cluster`` would, and store the events found.

    ``progress`` is called with 1 for each document read. Raises ``StoreError`` when another
    process adds documents meanwhile (nothing is changed then; run it again).
    """
    from comparer.clustering import cluster
    from comparer.index import stored_documents

    started = time.perf_counter()
    config = config or Config()
    expected = store.count()
    before = store.events()
    event_of = {doc: event for event, info in before.items() for doc in info["documents"]}
    documents = stored_documents(store)
    order = {doc.id: k for k, doc in enumerate(documents)}   # the order they were added in
    text_of = {doc.id: doc.text for doc in documents}
    found = cluster(documents, config, progress=progress).clusters
    assignment: dict[str, str] = {}
    infos: dict[str, dict] = {}
    for group in sorted(found, key=lambda c: min(order[d] for d in c.documents)):
        first = min(group.documents, key=order.__getitem__)
        event = event_of.get(first)
        if event is None or event in infos:
            event = event_id_for(content_key(text_of[first]))
        infos[event] = _info(group)
        assignment.update(dict.fromkeys(group.documents, event))
    store.regroup(assignment, infos, expected)
    moved = sum(event_of.get(doc) != event for doc, event in assignment.items())
    return RegroupResult(len(documents), len(before), len(infos), moved, time.perf_counter() - started)


def _info(group: Cluster) -> dict:
    return {"why": group.why, "event_date": group.event_date, "places": list(group.places)}
