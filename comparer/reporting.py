"""The editor's review document: cluster the inputs, then diff every event told by 2+ sources.

A near-duplicate copy adds no account of its own, so only the kept copy of each
group is compared with the other sources; what each copy changed is listed apart.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from typing import Any

from comparer.config import Config
from comparer.types import (Alignment, Claim, Cluster, ComparedEvent, CopyChanges, Discrepancy, Document,
                            InputProblem, Report, SingleSourceEvent)

def build_report(documents: Sequence[Document], config: Config | None = None,
                 errors: Sequence[InputProblem] = (), progress: Callable[[int], None] | None = None,
                 reviews: dict[str, dict[str, str]] | None = None, open_only: bool = False) -> Report:
    """Cluster ``documents`` and diff each multi-source event.

    ``progress`` is called with increments adding up to twice the number of
    documents (once while clustering, once while comparing). ``reviews`` maps
    discrepancy ids to ``{"status", "note"}``; with ``open_only`` decided ones are left out.
    """
    from comparer.clustering import cluster

    config = config or Config()
    clustered = cluster(documents, config, progress=progress)
    return report_events(clustered, config, errors, progress, reviews, open_only)


def report_events(clustered: Report, config: Config | None = None, errors: Sequence[InputProblem] = (),
                  progress: Callable[[int], None] | None = None,
                  reviews: dict[str, dict[str, str]] | None = None, open_only: bool = False,
                  store: str | None = None) -> Report:
    """The review document of already clustered events (a fresh clustering or a stored index)."""
    from comparer.diffing import diff

    config = config or Config()
    by_id = {d.id: d for d in clustered.documents}

    claims: list[Claim] = []
    alignments: list[Alignment] = []
    discrepancies: list[Discrepancy] = []
    events: list[ComparedEvent] = []
    singles: list[SingleSourceEvent] = []
    copies: list[CopyChanges] = []
    for event in clustered.clusters:
        members = [by_id[i] for i in event.documents]
        kept, duplicate_of = _kept_copies(event, members)
        for copy_id, keep_id in duplicate_of.items():
            changes = describe_copy(by_id[keep_id], by_id[copy_id], config)
            copies.append(CopyChanges(event.id, keep_id, copy_id, changes))
        if len(kept) < 2:
            singles.append(SingleSourceEvent(event.id, kept[0].id, tuple(sorted(duplicate_of))))
            if progress:
                progress(len(members))
            continue
        result = diff(kept, config)
        if progress:
            progress(len(members))
        found = list(result.discrepancies)
        if reviews is not None and open_only:
            found = [d for d in found if reviews.get(d.id, {}).get("status", "open") in ("open", "needs-check")]
        claims.extend(result.claims)
        alignments.extend(result.alignments)
        discrepancies.extend(found)
        events.append(ComparedEvent(event.id, tuple(d.id for d in kept),
                                    tuple(claim_matrix(kept, result.claims, result.alignments)),
                                    tuple(d.id for d in found), event.why))
    return Report(documents=clustered.documents, errors=tuple(errors), claims=tuple(claims),
                  alignments=tuple(alignments), discrepancies=tuple(discrepancies),
                  clusters=clustered.clusters,
                  sections=("documents", "clusters", "claims", "alignments", "discrepancies", "events"),
                  reviews=dict(reviews) if reviews is not None else None, store=store, events=tuple(events),
                  single_source_events=tuple(singles), near_duplicates=tuple(copies))


def _kept_copies(event: Cluster, members: list[Document]) -> tuple[list[Document], dict[str, str]]:
    """The documents to compare (one per near-duplicate group) and copy -> kept id."""
    from comparer.clustering import keep_order
    from comparer.minhash import groups_of

    index = {d.id: i for i, d in enumerate(members)}
    edges = [(index[a], index[b]) for a, *rest in event.duplicates for b in rest if a in index and b in index]
    duplicate_of: dict[str, str] = {}
    for group in groups_of(len(members), edges):
        keep = min((members[i] for i in group), key=keep_order)
        duplicate_of.update({members[i].id: keep.id for i in group if members[i].id != keep.id})
    return [d for d in members if d.id not in duplicate_of], duplicate_of


def claim_matrix(documents: Sequence[Document], claims: Sequence[Claim], alignments) -> list[dict[str, Any]]:
    """One row per aligned fact (and per claim no other source carries): each source's claim id."""
    doc_of = {c.id: c.document for c in claims}
    position = {c.id: (c.document, c.start) for c in claims}
    rows = []
    placed: set[str] = set()
    for alignment in alignments:
        cells: dict[str, list[str]] = {d.id: [] for d in documents}
        for claim_id in alignment.claims:
            if claim_id in doc_of:
                cells[doc_of[claim_id]].append(claim_id)
                placed.add(claim_id)
        rows.append({"claims": cells, "sources": sum(1 for v in cells.values() if v),
                     "score": round(alignment.score, 4)})
    for claim in claims:
        if claim.id not in placed:
            cells = {d.id: [] for d in documents}
            cells[claim.document].append(claim.id)
            rows.append({"claims": cells, "sources": 1, "score": None})
    doc_rank = {d.id: i for i, d in enumerate(documents)}

    def first(row: dict[str, Any]) -> tuple[int, int]:
        ids = [i for v in row["claims"].values() for i in v]
        return min((doc_rank[position[i][0]], position[i][1]) for i in ids)

    return sorted(rows, key=first)


def describe_copy(keep: Document, copy: Document, config: Config) -> str:
    """What a near-duplicate copy changed, in a few words: cut, added and edited sentences, title."""
    from comparer.segment import split_claims

    kept = [p.text for p in split_claims(keep.text)]
    other = [p.text for p in split_claims(copy.text)]
    matcher = difflib.SequenceMatcher(a=kept, b=other, autojunk=False)
    cut = added = edited = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "delete":
            cut += i2 - i1
        elif tag == "insert":
            added += j2 - j1
        elif tag == "replace":
            edited += min(i2 - i1, j2 - j1)
            cut += max(0, (i2 - i1) - (j2 - j1))
            added += max(0, (j2 - j1) - (i2 - i1))
    parts = []
    if keep.title != copy.title and (keep.title or copy.title):
        parts.append("new title")
    for count, what in ((edited, "edited"), (cut, "cut"), (added, "added")):
        if count:
            parts.append(f"{count} sentence{'s' if count != 1 else ''} {what}")
    return ", ".join(parts) if parts else "identical text"

