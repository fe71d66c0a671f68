"""Public entry points of ``comparer cluster`` and ``comparer dedup``.

``cluster`` groups documents into events (every document is in one event cluster) and lists the
near-duplicate copies inside each; ``dedup`` lists only the groups of copies, each with the copy to
keep: the earliest published, else the longest, else the smallest id.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence

from comparer.config import Config
from comparer.types import Cluster, Document, InputProblem, Report

Progress = Callable[[int], None]

__all__ = ["cluster", "dedup", "keep_order"]


def keep_order(doc: Document) -> tuple:
    """Sort key putting the copy to keep first: earliest published, then longest, then smallest id."""
    published = doc.published or dt.date.max
    return (published, -len(doc.text), doc.id)


def _canonical(documents: Sequence[Document]) -> list[Document]:
    """Documents in id order, so that results do not depend on the order of the inputs."""
    return sorted(documents, key=lambda d: d.id)


def dedup(documents: Sequence[Document], config: Config | None = None,
          errors: Sequence[InputProblem] = (), progress: Progress | None = None) -> Report:
    """Near-duplicate groups (kind ``duplicates``), each with ``keep`` and its lowest verified Jaccard.

    >>> import comparer
    >>> a = comparer.Document.from_text("one two three four five six seven eight nine ten eleven", id="a")
    >>> b = comparer.Document.from_text("One two three four five six seven eight nine ten.", id="b")
    >>> [(c.documents, c.keep) for c in dedup([a, b]).clusters]
    [(('a', 'b'), 'a')]
    """
    from comparer.minhash import find_duplicates

    config = config or Config()
    docs = _canonical(documents)
    found = find_duplicates([d.text for d in docs], config.dedup, progress)
    by_first = _pairs_by_member(found.pairs)
    clusters = []
    for number, group in enumerate(found.groups, start=1):
        members = sorted((docs[i] for i in group), key=keep_order)
        keep = members[0]
        keep_index = next(i for i in group if docs[i] is keep)
        similarity = min(found.sets.jaccard(keep_index, i) for i in group if i != keep_index)
        pairs = tuple((docs[i].id, docs[j].id) for k in group for i, j in by_first.get(k, ()))
        clusters.append(Cluster(id=f"d{number}", kind="duplicates", documents=tuple(d.id for d in members),
                                duplicates=pairs, keep=keep.id, similarity=similarity,
                                why=f"{len(members)} copies; every copy shares at least "
                                    f"{similarity:.0%} of its {config.dedup.shingle_size}-word shingles "
                                    f"with {keep.label or keep.id}"))
    return Report(documents=tuple(documents), errors=tuple(errors), clusters=tuple(clusters),
                  sections=("documents", "clusters"))


def cluster(documents: Sequence[Document], config: Config | None = None,
            errors: Sequence[InputProblem] = (), progress: Progress | None = None) -> Report:
    """Event clusters (kind ``event``), with the near-duplicate pairs inside each in ``duplicates``.

    Clusters are numbered ``e1``, ``e2``, ... in the order of their smallest document id.
    ``progress`` is called with 1 for each document read.
    """
    from comparer.minhash import find_duplicates
    from comparer.events import explain, group_events

    config = config or Config()
    docs = _canonical(documents)
    found = find_duplicates([d.text for d in docs], config.dedup)
    groups, signatures, matrix, vocabulary = group_events(docs, config, [(i, j) for i, j, _ in found.pairs],
                                                         progress)
    groups.sort(key=lambda g: min(g))
    by_first = _pairs_by_member(found.pairs)
    clusters = []
    for number, group in enumerate(groups, start=1):
        pairs = tuple((docs[i].id, docs[j].id) for k in group for i, j in by_first.get(k, ()))
        why, event_date, places = explain(group, signatures, matrix, config.cluster, vocabulary,
                                          lambda i: f"{docs[i].title}\n{docs[i].text[:config.cluster.lede_chars]}")
        if pairs:
            copies = len({d for pair in pairs for d in pair})
            why += f"; {copies} of them are copies of one story (near-duplicates)"
        clusters.append(Cluster(id=f"e{number}", kind="event", documents=tuple(docs[i].id for i in group),
                                duplicates=pairs, event_date=event_date, places=places, why=why))
    dated = {doc.id: sig.date for doc, sig in zip(docs, signatures) if isinstance(sig.date, dt.date)}
    out_docs = tuple(d if d.event_date or not dated.get(d.id) else _with_date(d, dated[d.id])
                     for d in documents)
    return Report(documents=out_docs, errors=tuple(errors), clusters=tuple(clusters),
                  sections=("documents", "clusters"))


def _pairs_by_member(pairs) -> dict[int, list[tuple[int, int]]]:
    """Verified pairs ``(i, j)`` indexed by ``i`` (both ends are always in one group)."""
    out: dict[int, list[tuple[int, int]]] = {}
    for i, j, _ in pairs:
        out.setdefault(i, []).append((i, j))
    return out


def _with_date(doc: Document, date: dt.date) -> Document:

    return dataclasses.replace(doc, event_date=date)
