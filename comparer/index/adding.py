"""``add``: store new documents batch by batch, each in an existing event or a new one.

Each document is looked up against everything stored before it, including the documents of its own
batch, so a batch gives the same store as adding its documents one by one. What only the end state
needs is written once per batch: the why of each event a batch touched is computed for the last
document the batch put in it (the why that one-by-one adding would leave), and SQLite adds the
batch's event-feature counts in one statement.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from comparer.config import Config
from comparer.index.assignment import Prepared, assign, event_info, near_duplicates, prepare
from comparer.index.common import (Candidate, document_meta, event_id_for, pack_record, pack_text,
                                   top_features)
from comparer.types import Document

Progress = Callable[[int, int], None]   # (documents in the committed batch, of which new)

# What ``insert`` returns when another worker stored a document the assignment should have seen
# (Redis): the document is looked up again and assigned anew, up to MAX_RETRIES times; then it is
# stored without the check (only a flood of concurrent inserts gets there).
CONFLICT = object()
MAX_RETRIES = 5


@dataclass(slots=True)
class NewDocument:
    """Everything a backend writes for one document, in one transaction with its batch."""

    key: str
    id: str
    meta: dict[str, Any]
    text: bytes
    claims: bytes
    sig: bytes
    bands: list[int]
    features: list[str]
    postings: list[str]
    record: bytes
    event: str
    new_event: bool
    event_info: dict[str, Any] | None       # a new event's why until the batch's is written (Redis)
    duplicates: list[tuple[str, float]]
    since: int | None = None                # documents in the store when it was looked up (None: no check)


@dataclass(slots=True)
class AddResult:
    """What ``add`` did: documents new to the store, already stored, and each new one's event."""

    added: int = 0
    already_stored: int = 0
    events: dict[str, str] = field(default_factory=dict)   # stored id -> event id
    new_events: int = 0


def add(documents: Sequence[Document], store, config: Config | None = None, progress: Progress | None = None,
        batch_size: int = 500) -> AddResult:
    """Store ``documents``; each batch is committed at once, and ``progress`` hears of it after the commit.

    A document whose text is already stored is skipped (its content hash is its key). A new one joins
    the stored event of a near-duplicate, else the best-matching stored event, else starts one.
    """
    config = config or Config()
    result = AddResult()
    for start in range(0, len(documents), batch_size):
        batch = prepare(documents[start:start + batch_size], store, config)
        added_before = result.added
        with store.transaction():
            seen = store.existing([p.key for p in batch])
            last: dict[str, tuple[list[Candidate], Prepared, Any]] = {}   # event -> its last new member, vector
            shingled: dict[str, Any] = {}
            for item in batch:
                if item.key in seen:
                    result.already_stored += 1
                    continue
                seen.add(item.key)
                stored_id, event_id, new_event, members, vector = _insert(item, store, config, shingled)
                if stored_id is None:   # another worker stored the same text meanwhile
                    result.already_stored += 1
                    continue
                result.new_events += new_event
                result.events[stored_id] = event_id
                result.added += 1
                last[event_id] = (members, item, vector)
            store.set_event_infos({event: event_info(members, (item.esig, vector), config.cluster)
                                   for event, (members, item, vector) in last.items()})
        if progress:
            progress(len(batch), result.added - added_before)
    return result


def _insert(item: Prepared, store, config: Config, shingled: dict[str, Any]):
    """Look ``item`` up, assign its event and store it; again if another worker got in the way."""
    import numpy as np

    from comparer.segment import split_claims

    claims = np.array([(p.start, p.end) for p in split_claims(item.doc.text)], dtype=np.int32).tobytes()
    query = item.query(config)
    for attempt in itertools.count():
        (lookup,) = store.lookup_many([query])
        (duplicates,) = near_duplicates([item], [lookup.duplicates], store.scheme, config.dedup.threshold, shingled)
        event, terms, df, n_docs = assign(item, lookup, duplicates, config, adding=True)
        assert terms is not None and df is not None   # adding: always weighed
        vector = terms.vector(config.cluster)
        members = list(event.members) if event.id else []
        event_id = event.id or event_id_for(item.key)
        stored_id = store.insert(NewDocument(
            key=item.key, id=item.doc.id, meta=document_meta(item.doc), text=pack_text(item.doc.text),
            claims=claims, sig=item.sig.astype(np.uint32).tobytes(), bands=item.bands, features=list(query.features),
            postings=top_features(query.features, query.counts, query.kinds, df, n_docs, query.top, query.max_df,
                                  stored_only=False),
            record=pack_record(item.esig, terms), event=event_id, new_event=event.id is None,
            event_info=(event_info([], (item.esig, vector), config.cluster)
                        if event.id is None and store.commits_each_insert else None),
            duplicates=[(c.key, s) for c, s, _ in duplicates],
            since=lookup.n_docs if attempt < MAX_RETRIES else None))
        if stored_id is not CONFLICT:
            return stored_id, event_id, event.id is None, members, vector
