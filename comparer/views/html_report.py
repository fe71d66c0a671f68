"""The report as one self-contained HTML page: no network assets, all document text escaped.

Everything is visible without JavaScript; a small inline script only adds the
filters (kind, severity, review status) and the count of what is shown.
"""

from __future__ import annotations

import html
from typing import Any

from comparer.types import Claim, ComparedEvent, Discrepancy, Document, Report
from comparer.worddiff import changed_spans

_CSS = """
:root{--ink:#1d232b;--muted:#5b6675;--line:#d9dee5;--bg:#f6f7f9;--high:#b42318;--medium:#b54708;
--low:#475467;--mark:#fff1a8;--chg:#fde2e1;--chg-b:#dcfae6}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
header.top{background:#fff;border-bottom:1px solid var(--line);padding:16px 28px;position:sticky;top:0;z-index:2}
h1{font-size:20px;margin:0 0 4px}
.summary{color:var(--muted);margin:0}
main{max-width:1200px;margin:0 auto;padding:8px 28px 48px}
h2{font-size:18px;margin:28px 0 6px}
h3{font-size:15px;margin:18px 0 6px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.why{color:var(--muted);margin:0 0 10px}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line);margin:6px 0 14px}
th,td{border-bottom:1px solid var(--line);padding:6px 10px;text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600;font-size:13px}
.filters{display:flex;flex-wrap:wrap;gap:14px 26px;margin-top:10px;font-size:14px}
.filters fieldset{border:0;padding:0;margin:0}
.filters legend{font-weight:600;font-size:12px;color:var(--muted);text-transform:uppercase;padding:0}
.filters label{margin-right:10px;white-space:nowrap}
.disc{background:#fff;border:1px solid var(--line);border-left:5px solid var(--low);border-radius:6px;
margin:10px 0;padding:10px 14px;break-inside:avoid}
.disc.sev-high{border-left-color:var(--high)}.disc.sev-medium{border-left-color:var(--medium)}
.disc-head{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.badge{font-size:12px;font-weight:700;text-transform:uppercase;padding:1px 7px;border-radius:10px;
background:#eef1f5;color:var(--ink)}
.badge.high{background:var(--high);color:#fff}.badge.medium{background:var(--medium);color:#fff}
.badge.low{background:var(--low);color:#fff}
.status{font-size:12px;color:var(--muted)}.status.confirmed{color:var(--high);font-weight:700}
.status.dismissed{text-decoration:line-through}
.detail{font-weight:600}
.anchor{margin-left:auto;color:var(--muted);text-decoration:none;font-size:13px}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin-top:8px}
.side{background:var(--bg);border-radius:4px;padding:8px 10px}
.side .who{font-size:12px;color:var(--muted);font-weight:600;margin-bottom:2px}
.side.missing{color:var(--muted);font-style:italic}
mark{background:var(--mark);padding:0 1px;border-radius:2px;outline:1px solid #e3c600}
.chg{background:var(--chg);border-radius:2px}
.side.b .chg{background:var(--chg-b)}
.note{margin-top:6px;font-size:13px;color:var(--muted)}
.how{margin-top:6px;font-size:12px;color:var(--muted)}.how code{user-select:all;background:var(--bg);padding:2px 4px}
.matrix td{font-size:13px;width:1%}.matrix td.text{width:auto}
.count{font-variant-numeric:tabular-nums}
nav.events a{margin-right:14px}
.empty{color:var(--muted)}
@media print{header.top{position:static}.filters,.how{display:none}.disc{border-width:1px 1px 1px 5px}
body{background:#fff}.disc[hidden]{display:block}a.anchor{display:none}}
@media (max-width:800px){.sides{grid-template-columns:1fr}}
"""

_JS = """
(function(){
  var form=document.getElementById('filters');form.hidden=false;
  var items=[].slice.call(document.querySelectorAll('.disc'));
  function checked(name){return [].slice.call(form.querySelectorAll('input[name='+name+']:checked')).map(function(i){return i.value;});}
  function apply(){
    var kinds=checked('kind'),sevs=checked('severity'),stats=checked('status'),shown=0;
    items.forEach(function(el){
      var ok=kinds.indexOf(el.dataset.kind)>=0&&sevs.indexOf(el.dataset.severity)>=0&&stats.indexOf(el.dataset.status)>=0;
      el.hidden=!ok;if(ok){shown++;}
    });
    document.getElementById('shown').textContent=shown;
  }
  form.addEventListener('change',apply);apply();
})();
"""


def _e(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _link(url: str) -> str:
    """A source's address as a link; only http(s) addresses are made clickable."""
    if not url.lower().startswith(("http://", "https://")):
        return _e(url)
    return f'<a href="{_e(url)}" rel="noreferrer">{_e(url)}</a>'


def render_report_html(report: Report, hidden: int = 0) -> str:
    """The whole review page for a ``comparer report`` result; ``hidden`` low-severity discrepancies
    were left out of it (``--all`` keeps them)."""
    docs = {d.id: d for d in report.documents}
    claims = {c.id: c for c in report.claims}
    discrepancies = {d.id: d for d in report.discrepancies}
    events = report.events
    total = len(report.discrepancies)
    kinds = sorted({d.kind for d in report.discrepancies})
    statuses = ["open", "needs-check", "confirmed", "dismissed"]
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>comparer report</title>", f"<style>{_CSS}</style></head><body>",
        '<header class="top"><h1>comparer report</h1>',
        f'<p class="summary">{len(report.documents)} documents · {len(report.clusters)} events · '
        f'{len(events)} compared · <span class="count"><span id="shown">{total}</span> of '
        f'<span id="total">{total}</span></span> discrepancies shown'
        + (f' ({hidden} of low severity left out; --all keeps them)' if hidden else "") + '</p>',
        '<form id="filters" class="filters" hidden>',
        _checkboxes("kind", "Kind", kinds), _checkboxes("severity", "Severity", ["high", "medium", "low"]),
        _checkboxes("status", "Review", statuses), "</form></header><main>",
    ]
    if report.errors:
        parts.append("<h2>Inputs that could not be read</h2><ul>")
        parts += [f"<li>{_e(str(e))}</li>" for e in report.errors]
        parts.append("</ul>")
    if events:
        parts.append('<nav class="events">' + "".join(
            f'<a href="#event-{_e(ev.id)}">{_e(ev.id)}: {_e(" / ".join(docs[i].label for i in ev.documents))}'
            f' ({len(ev.discrepancies)})</a>' for ev in events) + "</nav>")
    else:
        parts.append('<p class="empty">No event is told by two or more sources.</p>')
    for event in events:
        parts.append(_event(event, docs, claims, discrepancies, report))
    parts.append(_singles(report, docs))
    parts.append(f"</main><script>{_JS}</script></body></html>\n")
    return "\n".join(parts)


def _checkboxes(name: str, legend: str, values: list[str]) -> str:
    boxes = "".join(f'<label><input type="checkbox" name="{name}" value="{_e(v)}" checked> {_e(v)}</label>'
                    for v in values)
    return f"<fieldset><legend>{legend}</legend>{boxes}</fieldset>"


def _event(event: ComparedEvent, docs: dict[str, Document], claims: dict[str, Claim],
           discrepancies: dict[str, Discrepancy], report: Report) -> str:
    members = [docs[i] for i in event.documents]
    out = [f'<section class="event" id="event-{_e(event.id)}">',
           f'<h2>Event {_e(event.id)}: {len(members)} sources, {len(event.discrepancies)} discrepancies</h2>']
    if event.why:
        out.append(f'<p class="why">{_e(event.why)}</p>')
    out.append("<table><thead><tr><th>source</th><th>title</th><th>outlet</th><th>published</th>"
               "<th>event date</th><th>url</th></tr></thead><tbody>")
    for doc in members:
        out.append(f"<tr><td>{_e(doc.label)}</td><td>{_e(doc.title or '(no title)')}</td><td>{_e(doc.source)}</td>"
                   f"<td>{_e(doc.published or '')}</td><td>{_e(doc.event_date or '')}</td><td>{_link(doc.url)}</td></tr>")
    out.append("</tbody></table><h3>Discrepancies</h3>")
    if not event.discrepancies:
        out.append('<p class="empty">None: the sources agree on every aligned claim.</p>')
    for discrepancy_id in event.discrepancies:
        out.append(_discrepancy(discrepancies[discrepancy_id], docs, claims, report, members))
    out.append("<h3>Claim matrix</h3>")
    out.append(_matrix(event, members, claims))
    out.append("</section>")
    return "\n".join(out)


def _discrepancy(d: Discrepancy, docs: dict[str, Document], claims: dict[str, Claim], report: Report,
                 members: list[Document]) -> str:
    review = report.review_of(d.id)
    status = review["status"]
    claim_a = claims.get(d.a.claim)
    claim_b = claims.get(d.b.claim) if d.b else None
    text_a = claim_a.text if claim_a else d.a.text
    text_b = claim_b.text if claim_b else (d.b.text if d.b else "")
    changed_a, changed_b = changed_spans(text_a, text_b) if d.b else ([], [])
    offset_a = claim_a.start if claim_a else d.a.start
    # An omission's span is the whole claim: marking all of it would only add noise.
    span_a = (d.a.start - offset_a, d.a.end - offset_a) if d.b else (0, 0)
    side_a = _side(docs[d.a.document].label, text_a, span_a, changed_a, "a")
    if d.b:
        offset_b = claim_b.start if claim_b else d.b.start
        side_b = _side(docs[d.b.document].label, text_b, (d.b.start - offset_b, d.b.end - offset_b), changed_b, "b")
    else:
        lacking = [m.label for m in members if m.id != d.a.document]
        side_b = f'<div class="side b missing">Not reported by {_e(", ".join(lacking))}.</div>'
    note = f'<div class="note">Note: {_e(review["note"])}</div>' if review["note"] else ""
    review_file = report.review_file or "decisions.yaml"
    note += (f'<details class="how"><summary>Record a decision</summary><code>comparer review {_e(d.id)} '
             f'--status confirmed|dismissed|needs-check --note "…" --review {_e(review_file)}</code></details>')
    return (f'<article class="disc sev-{_e(d.severity)}" id="d-{_e(d.id)}" data-kind="{_e(d.kind)}" '
            f'data-severity="{_e(d.severity)}" data-status="{_e(status)}">'
            f'<div class="disc-head"><span class="badge {_e(d.severity)}">{_e(d.severity)}</span>'
            f'<span class="badge">{_e(d.kind)}</span><span class="detail">{_e(d.detail)}</span>'
            f'<span class="status {_e(status)}">{_e(status)}</span>'
            f'<a class="anchor" href="#d-{_e(d.id)}" title="link to this discrepancy">{_e(d.id)}</a></div>'
            f'<div class="sides">{side_a}{side_b}</div>{note}</article>')


def _side(label: str, text: str, span: tuple[int, int], changed: list[tuple[int, int]], which: str) -> str:
    """A source's claim with the discrepancy span in <mark> and the differing words tinted."""
    n = len(text)
    in_span = [span[0] <= i < span[1] for i in range(n)]
    in_changed = [False] * n
    for start, end in changed:
        for i in range(max(0, start), min(n, end)):
            in_changed[i] = True
    out, i = [], 0
    while i < n:
        j = i
        while j < n and in_span[j] == in_span[i] and in_changed[j] == in_changed[i]:
            j += 1
        piece = _e(text[i:j])
        if in_changed[i]:
            piece = f'<span class="chg">{piece}</span>'
        if in_span[i]:
            piece = f"<mark>{piece}</mark>"
        out.append(piece)
        i = j
    return f'<div class="side {which}"><div class="who">{_e(label)}</div>{"".join(out)}</div>'


def _matrix(event: ComparedEvent, members: list[Document], claims: dict[str, Claim]) -> str:
    head = "".join(f"<th>{_e(d.label)}</th>" for d in members)
    rows = []
    for row in event.matrix:
        cells = []
        for doc in members:
            texts = [claims[i].text for i in row["claims"].get(doc.id, []) if i in claims]
            cells.append(f'<td class="text">{_e(" ".join(texts)) if texts else "—"}</td>')
        rows.append(f'<tr><td class="count">{row["sources"]}/{len(members)}</td>{"".join(cells)}</tr>')
    return (f'<table class="matrix"><thead><tr><th>sources</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _singles(report: Report, docs: dict[str, Document]) -> str:
    singles = report.single_source_events
    copies = report.near_duplicates
    out = ["<h2>Single-source events</h2>"]
    if singles:
        out.append("<table><thead><tr><th>event</th><th>source</th><th>title</th><th>event date</th>"
                   "<th>copies</th></tr></thead><tbody>")
        for single in singles:
            doc = docs[single.document]
            out.append(f"<tr><td>{_e(single.event)}</td><td>{_e(doc.label)}</td>"
                       f"<td>{_e(doc.title or '(no title)')}</td><td>{_e(doc.event_date or '')}</td>"
                       f"<td>{_e(', '.join(docs[c].label for c in single.copies))}</td></tr>")
        out.append("</tbody></table>")
    else:
        out.append('<p class="empty">None.</p>')
    out.append("<h2>Near-duplicate copies</h2>")
    if copies:
        out.append("<table><thead><tr><th>event</th><th>kept</th><th>copy</th><th>what the copy changed</th>"
                   "</tr></thead><tbody>")
        for copy in copies:
            out.append(f"<tr><td>{_e(copy.event)}</td><td>{_e(docs[copy.keep].label)}</td>"
                       f"<td>{_e(docs[copy.copy].label)}</td><td>{_e(copy.changes)}</td></tr>")
        out.append("</tbody></table>")
    else:
        out.append('<p class="empty">None.</p>')
    return "\n".join(out)
