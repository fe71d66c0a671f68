"""Immutable values passed between comparer's stages.

Every value that points into a document carries character offsets into
``Document.text`` so that a report can always quote the exact span.

They are frozen dataclasses: ``dataclasses.replace(value, field=...)`` makes a changed copy.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MENTION_KINDS = ("entity", "number", "date", "quote", "negation", "hedge")
DISCREPANCY_KINDS = (
    "entity", "number", "date", "negation", "quote", "attribution", "modality", "list", "omission",
)
SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True, slots=True)
class Mention:
    """Something a claim refers to: an entity, number, date, quote or cue.

    ``start``/``end`` are offsets into the document text; ``value`` is the
    canonical form (entity name, float, ISO date, quote speaker, cue word).
    ``unit`` is set for numbers ("km", "%", "USD"); ``label`` refines the kind
    (an entity's "place"/"person"/"org", a date's "absolute"/"partial"/"relative").
    """

    kind: str
    start: int
    end: int
    text: str
    value: Any = None
    unit: str = ""
    label: str = ""

    def shifted(self, offset: int) -> "Mention":
        """Return the same mention with offsets moved by ``offset`` characters."""
        return Mention(self.kind, self.start + offset, self.end + offset, self.text,
                       self.value, self.unit, self.label)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "start": self.start, "end": self.end,
                               "text": self.text, "value": self.value}
        if self.unit:
            out["unit"] = self.unit
        if self.label:
            out["label"] = self.label
        return out


@dataclass(frozen=True, slots=True)
class Claim:
    """One checkable statement: a sentence, or one ";"-separated part of it."""

    id: str
    document: str
    index: int
    start: int
    end: int
    text: str
    mentions: tuple[Mention, ...] = ()
    cut: bool = False  # part of a sentence too long for one claim (segment.MAX_CLAIM_WORDS)

    def of_kind(self, kind: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind == kind]

    def to_dict(self, with_mentions: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "document": self.document, "start": self.start,
                               "end": self.end, "text": self.text}
        if with_mentions:
            out["mentions"] = [m.to_dict() for m in self.mentions]
        if self.cut:
            out["cut"] = True
        return out


@dataclass(frozen=True, slots=True)
class Document:
    """A news document as read: text without its metadata block, plus metadata."""

    id: str
    text: str
    title: str = ""
    published: dt.date | None = None
    source: str = ""
    url: str = ""
    path: str = ""
    label: str = ""
    event_date: dt.date | None = None

    @classmethod
    def from_text(cls, text: str, id: str | None = None, published: str | dt.date | None = None,
                  title: str | None = None, source: str | None = None, url: str | None = None,
                  path: str = "") -> "Document":
        """Build a document from raw text, reading front matter or a ``date`` line if present.

        Explicit arguments win over metadata found in the text.

        >>> Document.from_text("date 2023-05-19 Biden met Kishida.", id="x").published
        datetime.date(2023, 5, 19)
        """
        from comparer.ingest import document_from_text  # ingest imports this module

        return document_from_text(text, id=id, published=published, title=title, source=source,
                                  url=url, path=path)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label or self.id, "path": self.path,
                "title": self.title, "published": self.published.isoformat() if self.published else None,
                "source": self.source, "url": self.url,
                "event_date": self.event_date.isoformat() if self.event_date else None}


@dataclass(frozen=True, slots=True)
class InputProblem:
    """An input that could not be read; reported, and the rest still processed."""

    input: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.input}:{self.line}" if self.line else self.input
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"input": self.input, "message": self.message}
        if self.line:
            out["line"] = self.line
        return out


@dataclass(frozen=True, slots=True)
class Span:
    """The side of a discrepancy in one document."""

    document: str
    claim: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "claim": self.claim, "start": self.start,
                "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """A typed disagreement between two aligned claims, or an omission (``b`` is None)."""

    id: str
    kind: str
    severity: str
    a: Span
    b: Span | None
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "severity": self.severity, "a": self.a.to_dict(),
                "b": self.b.to_dict() if self.b else None, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class Alignment:
    """Claims of different documents that report the same fact (score 0..1)."""

    claims: tuple[str, ...]
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"claims": list(self.claims), "score": round(self.score, 4)}


@dataclass(frozen=True, slots=True)
class Cluster:
    """A group of documents: one event (``kind="event"``) or one near-duplicate group."""

    id: str
    kind: str
    documents: tuple[str, ...]
    duplicates: tuple[tuple[str, ...], ...] = ()
    event_date: str | None = None
    places: tuple[str, ...] = ()
    why: str = ""
    keep: str | None = None
    similarity: float | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "kind": self.kind, "documents": list(self.documents),
                               "duplicates": [list(d) for d in self.duplicates],
                               "event_date": self.event_date, "places": list(self.places),
                               "why": self.why}
        if self.keep is not None:
            out["keep"] = self.keep
        if self.similarity is not None:
            out["similarity"] = round(self.similarity, 4)
        return out


@dataclass(frozen=True, slots=True)
class ComparedEvent:
    """An event of a report told by two or more sources: the documents compared and what was found."""

    id: str
    documents: tuple[str, ...]
    matrix: tuple[dict[str, Any], ...]   # claim matrix rows (reporting.claim_matrix)
    discrepancies: tuple[str, ...]
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "documents": list(self.documents), "matrix": list(self.matrix),
                "discrepancies": list(self.discrepancies), "why": self.why}


@dataclass(frozen=True, slots=True)
class SingleSourceEvent:
    """An event of a report told by one source (and perhaps its near-duplicate copies)."""

    event: str
    document: str
    copies: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"event": self.event, "document": self.document, "copies": list(self.copies)}


@dataclass(frozen=True, slots=True)
class CopyChanges:
    """A near-duplicate copy left out of a report's comparison, and what it changed."""

    event: str
    keep: str
    copy: str
    changes: str

    def to_dict(self) -> dict[str, Any]:
        return {"event": self.event, "keep": self.keep, "copy": self.copy, "changes": self.changes}


@dataclass(frozen=True, slots=True)
class StoredCopy:
    """A stored near-duplicate of a matched document: exact Jaccard and the MinHash estimate."""

    id: str
    score: float
    estimated: float
    method: str = "exact"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "score": self.score, "estimated": self.estimated, "method": self.method}


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """The stored event a matched document belongs to, and why."""

    id: str
    documents: tuple[str, ...]
    joined_by: str          # "stored", "near-duplicate" or "similarity"
    score: float | None
    why: str
    event_date: str | None = None
    places: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "documents": list(self.documents), "joined_by": self.joined_by,
                "score": self.score, "why": self.why, "event_date": self.event_date, "places": list(self.places)}


@dataclass(frozen=True, slots=True)
class Match:
    """What ``match`` found for one document: its stored copies and its stored event."""

    document: str
    stored: bool
    stored_id: str | None
    near_duplicates: tuple[StoredCopy, ...] = ()
    event: StoredEvent | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "stored": self.stored, "stored_id": self.stored_id,
                "near_duplicates": [c.to_dict() for c in self.near_duplicates],
                "event": self.event.to_dict() if self.event else None}


@dataclass(frozen=True, slots=True)
class Report:
    """What a command produced; ``to_dict`` is the stable JSON of SPEC.md."""

    documents: tuple[Document, ...] = ()
    errors: tuple[InputProblem, ...] = ()
    claims: tuple[Claim, ...] = ()
    alignments: tuple[Alignment, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()
    clusters: tuple[Cluster, ...] = ()
    sections: tuple[str, ...] = ("documents",)
    reviews: dict[str, dict[str, str]] | None = None
    store: str | None = None                                   # the index a report comes from
    index: Mapping[str, Any] | None = None                     # what index add / stats did or found
    events_of: Mapping[str, str] | None = None                 # index add: stored id -> event id
    matches: tuple[Match, ...] = ()                            # section "matches"
    events: tuple[ComparedEvent, ...] = ()                     # section "events" (with the next two)
    single_source_events: tuple[SingleSourceEvent, ...] = ()
    near_duplicates: tuple[CopyChanges, ...] = ()
    review_file: str | None = None

    def review_of(self, discrepancy_id: str) -> dict[str, str]:
        """The editor's decision on a discrepancy: ``{"status", "note"}`` (status "open" if none)."""
        entry = (self.reviews or {}).get(discrepancy_id) or {}
        return {"status": entry.get("status", "open"), "note": entry.get("note", "")}

    @property
    def exit_code(self) -> int:
        """GNU diff's convention: 2 trouble, 1 discrepancies found, 0 none.

        A full report (clusters and discrepancies) is a document, not a comparison:
        it exits 0 whatever it found, so that scripts can chain on it.
        """
        if self.errors:
            return 2
        if "clusters" in self.sections:
            return 0
        return 1 if self.discrepancies else 0

    def to_dict(self, with_mentions: bool | None = None) -> dict[str, Any]:
        from comparer import __version__

        if with_mentions is None:
            with_mentions = "mentions" in self.sections
        out: dict[str, Any] = {"comparer_version": __version__,
                               "documents": [d.to_dict() for d in self.documents],
                               "errors": [e.to_dict() for e in self.errors]}
        for name in ("clusters", "claims", "alignments", "discrepancies"):
            if name in self.sections:
                items = getattr(self, name)
                if name == "claims":
                    out[name] = [c.to_dict(with_mentions) for c in items]
                elif name == "discrepancies" and self.reviews is not None:
                    out[name] = [{**d.to_dict(), "review": self.review_of(d.id)} for d in items]
                else:
                    out[name] = [i.to_dict() for i in items]
        if self.store is not None:
            out["store"] = self.store
        if self.index is not None:
            out["index"] = dict(self.index)
        if self.events_of is not None:
            out["events_of"] = dict(self.events_of)
        if "matches" in self.sections:
            out["matches"] = [m.to_dict() for m in self.matches]
        if "events" in self.sections:
            out["events"] = [e.to_dict() for e in self.events]
            out["single_source_events"] = [e.to_dict() for e in self.single_source_events]
            out["near_duplicates"] = [c.to_dict() for c in self.near_duplicates]
        if self.review_file is not None:
            out["review_file"] = self.review_file
        return out
