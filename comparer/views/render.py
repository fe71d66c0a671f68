"""Rendering a ``Report`` as text: table, Markdown, JSON, CSV, YAML or HTML. No I/O here.

Every format renders the same data. JSON and YAML are ``Report.to_dict()``; the
tabular formats are built from the views below, one list of tables per command.
"""

import dataclasses
import json
import math
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from comparer.types import Report

# csv, html and textwrap are imported by the formats that use them: a JSON run needs none.

FORMATS = ("table", "markdown", "json", "csv", "yaml", "html")


class Table(NamedTuple):
    """One titled table of a view; ``notes`` are lines shown above it."""

    title: str
    headers: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    notes: tuple[str, ...] = ()


def render(report: Report, fmt: str, view: str = "claims", width: int | None = None,
           show_all: bool = False) -> str:
    """Render ``report`` in ``fmt`` for the command ``view`` ("claims", "diff", "cluster", ...).

    The views a person reads (table, Markdown, HTML) show discrepancies of medium and high
    severity unless ``show_all``; the data formats (JSON, YAML, CSV) always hold every one.
    """
    hidden = 0
    if fmt in _READ_VIEWS and not show_all:
        report, hidden = _without_low(report)
    if fmt == "json":
        data = report.to_dict()
        try:
            return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        except ValueError:  # a number too large for a float ("1e308 billion"): JSON has no Infinity
            return json.dumps(_finite(data), ensure_ascii=False, indent=2) + "\n"
    if fmt == "yaml":
        import yaml

        return yaml.safe_dump(report.to_dict(), allow_unicode=True, sort_keys=False, width=100)
    if fmt == "html" and view == "report":
        from comparer.views.html_report import render_report_html

        return render_report_html(report, hidden)
    if fmt == "csv" and view in ("report", "diff"):
        return _csv([discrepancy_table(report)])
    tables = _view(view)(report)
    if hidden and tables:
        first = tables[0]
        tables[0] = first._replace(notes=(*first.notes, f"{hidden} of low severity not shown (--all shows them)"))
    if fmt == "csv":
        return _csv(tables)
    if fmt == "html":
        return _html(tables, view)
    if fmt == "markdown":
        return _markdown(tables)
    if fmt == "table":
        import shutil

        return _terminal(tables, width or shutil.get_terminal_size((120, 24)).columns)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


_READ_VIEWS = frozenset({"table", "markdown", "html"})


def _without_low(report: Report) -> tuple[Report, int]:
    """The report without its low-severity discrepancies, and how many were left out."""
    kept = tuple(d for d in report.discrepancies if d.severity != "low")
    hidden = len(report.discrepancies) - len(kept)
    if not hidden:
        return report, 0
    ids = {d.id for d in kept}
    events = tuple(dataclasses.replace(e, discrepancies=tuple(i for i in e.discrepancies if i in ids))
                   for e in report.events)
    return dataclasses.replace(report, discrepancies=kept, events=events), hidden


def _finite(value: Any) -> Any:
    """``value`` with every infinite or NaN float replaced by None (JSON's null)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


# --- views ---------------------------------------------------------------------------------


def _mention_summary(mention: dict[str, Any]) -> str:
    value = mention["value"]
    if mention["kind"] == "number":
        value = f"{value:g}{' ' + mention['unit'] if mention.get('unit') else ''}"
    elif mention["kind"] == "quote":
        value = f"by {value}" if value else "speaker unknown"
    if value is None:
        value = "?"
    shown = mention["text"] if len(mention["text"]) <= 40 else mention["text"][:37] + "..."
    if str(value) == mention["text"] or mention["kind"] in ("negation", "hedge"):
        return f"{mention['kind']}: {shown}"
    return f"{mention['kind']}: {shown} = {value}"


def claims_view(report: Report) -> list[Table]:
    """Per document: its metadata line, then each claim with its offsets and mentions."""
    tables = []
    by_doc: dict[str, list[Any]] = {}
    for claim in report.claims:
        by_doc.setdefault(claim.document, []).append(claim)
    for doc in report.documents:
        notes = [f"title: {doc.title}" if doc.title else "title: (none)",
                 f"published: {doc.published or 'unknown'}   event date: {doc.event_date or 'unknown'}"
                 + (f"   source: {doc.source}" if doc.source else "")]
        if doc.url:
            notes.append(f"url: {doc.url}")
        cut = [f"#{c.index}" for c in by_doc.get(doc.id, []) if c.cut]
        if cut:
            from comparer.segment import MAX_CLAIM_WORDS

            notes.append(f"claims {', '.join(cut)} are parts of sentences longer than {MAX_CLAIM_WORDS} words, "
                         f"cut at clause boundaries")
        rows = []
        for claim in by_doc.get(doc.id, []):
            mentions = "\n".join(_mention_summary(m.to_dict()) for m in claim.mentions)
            rows.append((f"{doc.label}#{claim.index}", f"{claim.start}-{claim.end}", claim.text, mentions))
        tables.append(Table(f"{doc.label}  ({doc.id})", ("claim", "span", "text", "mentions"), rows,
                            tuple(notes)))
    return tables


def discrepancy_table(report: Report) -> Table:
    """Every discrepancy as one flat row with exact spans: the spreadsheet form."""
    event_of = {i: e.id for e in report.events for i in e.discrepancies}
    headers = ("event", "id", "severity", "kind", "detail", "a_document", "a_start", "a_end", "a_text",
               "b_document", "b_start", "b_end", "b_text", "review_status", "review_note")
    rows = []
    for d in report.discrepancies:
        review = report.review_of(d.id) if report.reviews is not None else {"status": "", "note": ""}
        b = (d.b.document, d.b.start, d.b.end, d.b.text) if d.b else ("", "", "", "")
        rows.append((event_of.get(d.id, ""), d.id, d.severity, d.kind, d.detail, d.a.document, d.a.start, d.a.end,
                     d.a.text, *b, review["status"], review["note"]))
    return Table("discrepancies", headers, rows)


def report_view(report: Report) -> list[Table]:
    """Per event: its sources, discrepancies (most severe first) and claim matrix; then the rest."""
    from comparer.worddiff import changed_spans, mark

    docs = {d.id: d for d in report.documents}
    claims = {c.id: c for c in report.claims}
    found = {d.id: d for d in report.discrepancies}
    tables = []
    for event in report.events:
        members = [docs[i] for i in event.documents]
        notes = tuple([event.why] if event.why else [])
        tables.append(Table(f"Event {event.id}: sources",
                            ("source", "title", "outlet", "published", "event date", "url"),
                            [(d.label, d.title, d.source, d.published, d.event_date, d.url) for d in members],
                            notes))
        rows = []
        for discrepancy_id in event.discrepancies:
            d = found[discrepancy_id]
            a_text = claims[d.a.claim].text if d.a.claim in claims else d.a.text
            b_text = (claims[d.b.claim].text if d.b.claim in claims else d.b.text) if d.b else ""
            spans_a, spans_b = changed_spans(a_text, b_text) if d.b else ([], [])
            # The discrepancy's own spans are always marked, even where the wording differs throughout.
            if d.a.claim in claims:
                spans_a.append((d.a.start - claims[d.a.claim].start, d.a.end - claims[d.a.claim].start))
            if d.b and d.b.claim in claims:
                spans_b.append((d.b.start - claims[d.b.claim].start, d.b.end - claims[d.b.claim].start))
            a_cell = f"{docs[d.a.document].label}: " + (mark(a_text, spans_a, "[-", "-]") if d.b else a_text)
            b_cell = (f"{docs[d.b.document].label}: " + mark(b_text, spans_b, "{+", "+}")) if d.b else "(absent)"
            status = report.review_of(d.id)["status"] if report.reviews is not None else ""
            rows.append((d.id, d.severity, d.kind, d.detail, a_cell, b_cell) + ((status,) if status else ()))
        headers: tuple[str, ...] = ("id", "severity", "kind", "detail", "one source", "other source")
        if report.reviews is not None:
            headers += ("review",)
        tables.append(Table(f"Event {event.id}: discrepancies", headers, rows))
        matrix = []
        for row in event.matrix:
            matrix.append((f"{row['sources']}/{len(members)}",) + tuple(
                " ".join(claims[i].text for i in row["claims"].get(d.id, []) if i in claims) or "-"
                for d in members))
        tables.append(Table(f"Event {event.id}: claim matrix", ("sources",) + tuple(d.label for d in members),
                            matrix))
    singles = report.single_source_events
    tables.append(Table("Single-source events", ("event", "source", "title", "event date"),
                        [(s.event, docs[s.document].label, docs[s.document].title,
                          docs[s.document].event_date) for s in singles]))
    copies = report.near_duplicates
    tables.append(Table("Near-duplicate copies", ("event", "kept", "copy", "what the copy changed"),
                        [(c.event, docs[c.keep].label, docs[c.copy].label, c.changes) for c in copies]))
    return tables


def cluster_view(report: Report) -> list[Table]:
    """One row per event: its documents (near-duplicate copies marked), date, places and why."""
    from comparer.clustering import keep_order

    docs = {d.id: d for d in report.documents}
    labels = {d.id: d.label or d.id for d in report.documents}
    rows = []
    for cluster in report.clusters:
        copies = {i for pair in cluster.duplicates for i in pair if i in docs}
        kept = min((docs[i] for i in copies), key=keep_order).id if copies else ""
        members = ", ".join(labels.get(i, i) + (f" (copy of {labels[kept]})" if i in copies and i != kept else "")
                            for i in cluster.documents)
        rows.append((cluster.id, len(cluster.documents), members, cluster.event_date or "",
                     ", ".join(cluster.places), cluster.why))
    multi = sum(1 for c in report.clusters if len(c.documents) > 1)
    notes = (f"{len(report.documents)} documents, {len(report.clusters)} events, {multi} with two or more",)
    return [Table("Events", ("event", "docs", "documents", "date", "places", "why"), rows, notes)]


def dedup_view(report: Report) -> list[Table]:
    """One row per near-duplicate group: the copy to keep, the other copies and the lowest Jaccard."""
    labels = {d.id: d.label or d.id for d in report.documents}
    rows = [(c.id, labels.get(c.keep or "", c.keep), ", ".join(labels.get(i, i) for i in c.documents if i != c.keep),
             f"{c.similarity:.2f}" if c.similarity is not None else "", c.why) for c in report.clusters]
    copies = sum(len(c.documents) - 1 for c in report.clusters)
    notes = (f"{len(report.documents)} documents, {len(report.clusters)} groups, {copies} copies to drop",)
    return [Table("Near-duplicates", ("group", "keep", "copies", "jaccard", "why"), rows, notes)]


VIEWS: dict[str, Callable[[Report], list[Table]]] = {
    "claims": claims_view, "report": report_view, "cluster": cluster_view, "dedup": dedup_view}
# Views that live with their command's module, imported on first use.
_LAZY_VIEWS = {"diff": "comparer.views.diff", "match": "comparer.views.index",
               "index": "comparer.views.index"}


def register_view(name: str, builder: Callable[[Report], list[Table]]) -> None:
    """Let a command module add its own tabular view."""
    VIEWS[name] = builder


def _view(name: str) -> Callable[[Report], list[Table]]:
    if name not in VIEWS and name in _LAZY_VIEWS:
        import importlib

        importlib.import_module(_LAZY_VIEWS[name])
    return VIEWS[name]


# --- formats -------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _terminal(tables: list[Table], width: int) -> str:
    import textwrap

    from tabulate import tabulate

    out = []
    for table in tables:
        out.append(printable(table.title))
        for note in table.notes:  # notes wrap to the width too
            out.extend(textwrap.wrap(printable(note), width=max(20, width - 2), initial_indent="  ",
                                     subsequent_indent="    "))
        if table.rows:
            rows = [[printable(cell, keep="\n") for cell in row] for row in _wrapped(table, width)]
            out.append(tabulate(rows, headers=table.headers, tablefmt="simple_grid", disable_numparse=True))
        else:
            out.append("  (nothing)")
        out.append("")
    return "\n".join(out)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str, keep: str = "") -> str:
    r"""``text`` for a terminal: control characters (escape sequences) shown as ``\x1b``, not obeyed.

    >>> printable("id\x1b[2J")
    'id\\x1b[2J'
    """
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else f"\\x{ord(m.group()):02x}", text)


def _wrapped(table: Table, width: int) -> list[list[str]]:
    """Wrap long cells so the table fits ``width`` columns; short columns keep their width."""
    import textwrap

    columns = len(table.headers)
    natural = [max([len(h) for h in table.headers[i].split("\n")]
                   + [len(line) for row in table.rows for line in _cell(row[i]).split("\n")])
               for i in range(columns)]
    # tabulate makes a column at least its header plus 2 wide, whatever the cells.
    floors = [max(6, len(table.headers[i]) + 2) for i in range(columns)]
    budget = width - 3 * columns - 1
    limits = list(natural)
    while sum(max(limit, floor) for limit, floor in zip(limits, floors)) > budget:
        widest = max(range(columns), key=lambda i: limits[i] - floors[i])
        if limits[widest] <= floors[widest]:
            break
        limits[widest] -= 1
    rows = []
    for row in table.rows:
        cells = []
        for i, value in enumerate(row):
            lines = []
            for line in _cell(value).replace("\r", "").split("\n"):
                lines.extend(textwrap.wrap(line, limits[i], break_long_words=True,
                                           break_on_hyphens=False) or [""])
            cells.append("\n".join(lines))
        rows.append(cells)
    return rows


def _markdown_text(value: Any) -> str:
    """Document text for Markdown: raw HTML in it (``<script>``) is shown, never passed through."""
    return _cell(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _markdown_cell(value: Any) -> str:
    return _markdown_text(value).replace("|", "\\|").replace("\n", "<br>")


def _markdown(tables: list[Table]) -> str:
    from tabulate import tabulate

    out = []
    for table in tables:
        out.append(f"## {_markdown_text(table.title)}\n")
        out.extend(f"- {_markdown_text(note)}" for note in table.notes)
        if table.notes:
            out.append("")
        if table.rows:
            rows = [[_markdown_cell(v) for v in row] for row in table.rows]
            out.append(tabulate(rows, headers=table.headers, tablefmt="github", disable_numparse=True))
        else:
            out.append("_nothing_")
        out.append("")
    return "\n".join(out)


def _csv(tables: list[Table]) -> str:
    """One CSV: a leading ``table`` column says which table a row belongs to."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # Tables with other columns share one header: the union of their column names, in order of
    # appearance; each row fills its own table's columns and leaves the others empty.
    headers: list[str] = []
    for table in tables:
        headers.extend(h for h in table.headers if h not in headers)
    writer.writerow(("table", *headers))
    for table in tables:
        where = [headers.index(h) for h in table.headers]
        for row in table.rows:
            cells = [""] * len(headers)
            for i, value in zip(where, row):
                cells[i] = _cell(value)
            writer.writerow((table.title, *cells))
    return buffer.getvalue()


def _html(tables: list[Table], view: str) -> str:
    """A self-contained page; every piece of document text is escaped."""
    import html

    parts = ["<!DOCTYPE html>", "<html lang=\"en\"><head><meta charset=\"utf-8\">",
             f"<title>comparer {html.escape(view)}</title>",
             "<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em}table{border-collapse:collapse;"
             "margin-bottom:2em}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;"
             "white-space:pre-wrap}th{background:#f3f3f3}</style></head><body>",
             f"<h1>comparer {html.escape(view)}</h1>"]
    for table in tables:
        parts.append(f"<h2>{html.escape(table.title)}</h2>")
        parts.extend(f"<p>{html.escape(note)}</p>" for note in table.notes)
        parts.append("<table><thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in table.headers)
                     + "</tr></thead><tbody>")
        for row in table.rows:
            parts.append("<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row) + "</tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
