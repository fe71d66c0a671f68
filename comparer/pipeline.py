"""Wiring the stages together: the only place that knows their order."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence

from comparer.config import Config
from comparer.mentions import event_date, read_claims
from comparer.types import Claim, Document, InputProblem, Report

Progress = Callable[[int], None]


def read_documents(documents: Iterable[Document], config: Config | None = None,
                   progress: Progress | None = None) -> tuple[list[Document], list[Claim]]:
    """Claims of every document, and the documents with their ``event_date`` filled in."""
    config = config or Config()
    docs: list[Document] = []
    claims: list[Claim] = []
    for doc in documents:
        doc_claims = read_claims(doc, config)
        docs.append(dataclasses.replace(doc, event_date=event_date(doc, doc_claims)))
        claims.extend(doc_claims)
        if progress:
            progress(1)
    return docs, claims


def claims(documents: Sequence[Document], config: Config | None = None,
           errors: Sequence[InputProblem] = (), progress: Progress | None = None) -> Report:
    """The ``claims`` report: how comparer reads each document."""
    docs, found = read_documents(documents, config, progress)
    return Report(documents=tuple(docs), errors=tuple(errors), claims=tuple(found),
                  sections=("documents", "claims", "mentions"))
