"""The diff view: one row per discrepancy, the differing words marked in each claim."""

from __future__ import annotations

from comparer.types import Report, Span
from comparer.views.render import Table, register_view

_SHOWN = 110  # characters of claim text shown on each side of a marked span


def _marked(claim_text: str, claim_start: int, span: Span | None, left: str, right: str) -> str:
    """The claim with the span wrapped in markers, trimmed around it when long."""
    if span is None:
        return claim_text
    s, e = span.start - claim_start, span.end - claim_start
    head, body, tail = claim_text[:s], claim_text[s:e], claim_text[e:]
    if len(head) > _SHOWN:
        head = "…" + head[-_SHOWN:].split(" ", 1)[-1]
    if len(tail) > _SHOWN:
        tail = tail[:_SHOWN].rsplit(" ", 1)[0] + "…"
    return f"{head}{left}{body}{right}{tail}"


def diff_view(report: Report) -> list:
    """Tables for the table, Markdown, CSV and HTML formats: one row per discrepancy.

    The words that differ are marked as a word diff does: ``[-...-]`` in the first
    document's claim, ``{+...+}`` in the other's.
    """
    labels = {d.id: d.label or d.id for d in report.documents}
    claims = {c.id: c for c in report.claims}
    notes = [f"{labels[d.id]}: {d.title or '(untitled)'}; published {d.published or 'unknown'}, "
             f"event {d.event_date or 'unknown'}" for d in report.documents]
    counts: dict[str, int] = {}
    for item in report.discrepancies:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    notes.append(f"{len(report.claims)} claims, {len(report.alignments)} aligned groups; "
                 + ("discrepancies by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(counts.items()))
                    if counts else "no discrepancy"))
    rows = []
    for number, item in enumerate(report.discrepancies, start=1):
        ca = claims[item.a.claim]
        marked_a = _marked(ca.text, ca.start, item.a, "[-", "-]") if item.b is not None else ca.text
        side_a = f"{labels[item.a.document]}#{ca.index}: " + marked_a
        side_b = ""
        if item.b is not None:
            cb = claims[item.b.claim]
            side_b = f"{labels[item.b.document]}#{cb.index}: " + _marked(cb.text, cb.start, item.b, "{+", "+}")
        rows.append((number, item.kind, item.severity, side_a, side_b, item.detail))
    return [Table("Discrepancies", ("#", "kind", "severity", "first account", "other account", "detail"),
                  rows, tuple(notes))]




register_view("diff", diff_view)
