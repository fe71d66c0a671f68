"""``match``: which stored event each new document belongs to, and which stored documents it copies.

Documents are matched a chunk at a time: their signatures and shingles in one numpy computation,
one backend call for the lookups of the whole chunk (one SQLite pass over each table, or one Redis
round trip, run in the background while the next chunk is prepared), the stored candidate texts
shingled once, the members of the chosen events read in one more call, and a ``why`` computed only
for the event each document is given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from comparer.config import Config
from comparer.index.assignment import Prepared, assign, explain_event, near_duplicates, prepare
from comparer.types import Document, InputProblem, Match, Report, StoredCopy, StoredEvent

CHUNK = 200


def match(documents: Sequence[Document], store, config: Config | None = None,
          errors: Sequence[InputProblem] = (), progress: Callable[[int], None] | None = None) -> Report:
    """Which stored event each document belongs to, and which stored documents it copies.

    Nothing is written. A document already stored is reported as its own near-duplicate (score 1.0)
    and ``"stored": true``. Near-duplicate scores are exact Jaccard similarities of word shingles,
    computed from the stored text; ``estimated`` is the MinHash estimate that proposed the candidate.
    """
    config = config or Config()
    matches: list[Match] = []
    shingled: dict[str, Any] = {}   # stored candidates' shingles, by key, for the whole call
    with _Lookups(store) as lookups:
        waiting = None   # the previous chunk, whose lookups are under way
        for start in range(0, len(documents) + CHUNK, CHUNK):
            items = prepare(documents[start:start + CHUNK], store, config)
            asked = lookups.ask([item.query(config) for item in items]) if items else None
            if waiting is not None:
                done, answers = waiting
                matches.extend(_match_chunk(done, answers.result(), store, config, shingled))
                if progress:
                    progress(len(done))
            waiting = (items, asked) if items else None
    return Report(documents=tuple(documents), errors=tuple(errors), sections=("documents", "matches"),
                  store=store.url, matches=tuple(matches))


class _Lookups:
    """Asks a store for the lookups of a chunk; a server-side store (Redis) answers in the background.

    While Redis runs the lookups of one chunk, this process prepares the next one and decides the
    previous one. An embedded store (SQLite) answers at once, in the calling thread.
    """

    def __init__(self, store) -> None:
        self.store = store
        self.pool = None
        if store.server_side:
            from concurrent.futures import ThreadPoolExecutor

            self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="comparer-lookups")

    def __enter__(self) -> _Lookups:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def ask(self, queries: list) -> Any:
        from concurrent.futures import Future

        if self.pool is not None:
            return self.pool.submit(self.store.lookup_many, queries)
        answered: Future = Future()
        answered.set_result(self.store.lookup_many(queries))
        return answered


def _match_chunk(items: list[Prepared], lookups: list, store, config: Config,
                 shingled: dict[str, Any]) -> list[Match]:
    found = near_duplicates(items, [lookup.duplicates for lookup in lookups], store.scheme,
                            config.dedup.threshold, shingled)
    assigned = [assign(item, lookup, duplicates, config, adding=False)[:2]
                for item, lookup, duplicates in zip(items, lookups, found)]
    decided = [(event, terms.vector(config.cluster) if terms is not None else None) for event, terms in assigned]
    members = store.event_members_many(sorted({event.id for event, _ in decided if event.id is not None}))
    out = []
    for item, duplicates, (event, vector) in zip(items, found, decided):
        stored = next((c for c, _, _ in duplicates if c.key == item.key), None)
        found_event = None
        if event.id is not None:
            why, event_date, places = explain_event(event.members, None if stored else (item.esig, vector),
                                                    config.cluster)
            found_event = StoredEvent(event.id, tuple(members[event.id]),
                                      "stored" if stored is not None else
                                      "near-duplicate" if event.by_copy else "similarity",
                                      round(event.score, 4) if event.score is not None else None,
                                      why, event_date, tuple(places))
        out.append(Match(item.doc.id, stored is not None, stored.id if stored else None,
                         tuple(StoredCopy(c.id, round(s, 4), round(e, 4)) for c, s, e in duplicates),
                         found_event))
    return out


def find_copies(sigs: Any, store, threshold: float = 0.5, pipeline: int = 100) -> list[list[tuple[str, float]]]:
    """Stored near-duplicates of each signature (rows of ``sigs``), by MinHash estimate: ``(id, estimate)``.

    The LSH part of ``match`` alone, for bulk checks: candidates of ``pipeline`` documents are asked
    for in one round trip (one server-side script per document) and scored by the fraction of equal
    signature slots, with no exact verification.
    """
    import numpy as np

    from comparer.minhash import band_keys

    keys = band_keys(np.atleast_2d(sigs), store.bands, store.rows)
    out = []
    for start in range(0, len(keys), pipeline):
        part = keys[start:start + pipeline]
        found = store.candidates_many([row.tolist() for row in part])
        for sig, candidates in zip(sigs[start:start + pipeline], found):
            if not candidates:
                out.append([])
                continue
            stored = np.frombuffer(b"".join(c.sig for c in candidates), dtype=np.uint32).reshape(len(candidates), -1)
            estimates = (stored == sig).mean(axis=1)
            out.append(sorted(((c.id, float(e)) for c, e in zip(candidates, estimates) if e >= threshold),
                              key=lambda t: -t[1]))
    return out
