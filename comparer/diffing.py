"""``comparer diff``: align the claims of several accounts of one event and list discrepancies.

>>> import comparer
>>> a = comparer.Document.from_text("Rescuers found 12 survivors on Monday.", id="a")
>>> b = comparer.Document.from_text("Rescuers found 21 survivors on Monday.", id="b")
>>> [(d.kind, d.severity, d.a.text, d.b.text) for d in diff([a, b]).discrepancies]
[('number', 'high', '12 survivors', '21 survivors')]
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence

from comparer.align import Link, align
from comparer.amounts import amount_conflicts
from comparer.claimdiff import ClaimDiff, diff_claims
from comparer.classify import Finding, classify, scattered_names, scattered_numbers
from comparer.config import Config
from comparer.lists import enumeration_swaps, list_changes
from comparer.digest import sha1_hex
from comparer.omissions import omissions
from comparer.pipeline import read_documents
from comparer.quotations import quotation_changes
from comparer.textunits import ClaimIndex
from comparer.types import SEVERITIES, Claim, Discrepancy, Document, InputProblem, Report, Span

__all__ = ["diff", "discrepancy_id"]

_SPACES = re.compile(r"\s+")

Progress = Callable[[int], None]
_SEVERITY_RANK = {s: k for k, s in enumerate(SEVERITIES)}
# Among equally severe discrepancies, the ones a fact-checker cannot afford to miss come first.
_KIND_RANK = {kind: k for k, kind in enumerate(
    ("entity", "number", "date", "negation", "attribution", "quote", "modality", "list", "wording", "omission"))}


def diff(documents: Iterable[Document], config: Config | None = None, errors: Sequence[InputProblem] = (),
         progress: Progress | None = None) -> Report:
    """Align the claims of ``documents`` and report where they disagree and what only some say.

    Args:
        documents: two or more accounts of one event, in the order to show them.
        config: settings and aliases; the defaults when None.
        errors: input problems met while reading, carried into the report.
        progress: called with 1 after each document is read.

    Returns:
        A ``Report`` with documents, claims, alignments and discrepancies (ordered by
        severity, then kind with entity swaps first, then position). Its ``exit_code``
        is 1 when there is a discrepancy.
    """
    config = config or Config()
    docs, claims = read_documents(_distinct(documents), config, progress)
    by_doc: dict[str, list[Claim]] = {d.id: [] for d in docs}
    for claim in claims:
        by_doc[claim.document].append(claim)
    labels = {d.id: d.label or d.id for d in docs}
    index = ClaimIndex(config.capitals, labels)
    headlines = frozenset(c[0].id for d in docs if (c := by_doc[d.id]) and _is_headline(d, c[0]))
    links, rows = align(index, by_doc, config.align.threshold, config.align.lexical_weight,
                        config.align.single_threshold, headlines)
    texts = {d.id: d.text for d in docs}
    rank = {d.id: k for k, d in enumerate(docs)}
    out: dict[str, Discrepancy] = {}
    for link, finding in _findings(index, links, config.align.threshold, config.align.weak_threshold, headlines):
        item = _discrepancy(finding, link.a, link.b, texts)
        out.setdefault(item.id, item)
    flagged = {(d.a.document, d.a.start, d.a.end) for d in out.values()} | \
        {(d.b.document, d.b.start, d.b.end) for d in out.values() if d.b is not None}
    for claim_a, claim_b, finding in amount_conflicts(index, by_doc, labels):
        item = _discrepancy(finding, claim_a, claim_b, texts)
        if not any(_within(span, item.a) or _within(span, item.b) for span in flagged):
            out.setdefault(item.id, item)
    for claim, missing in omissions(index, by_doc, links, {d.id: d.event_date for d in docs}, headlines):
        item = _omission(claim, missing, labels)
        out.setdefault(item.id, item)
    ordered = sorted(out.values(), key=lambda d: (_SEVERITY_RANK[d.severity], _KIND_RANK.get(d.kind, 99),
                                                 rank[d.a.document], d.a.start, d.id))
    return Report(documents=tuple(docs), errors=tuple(errors), claims=tuple(claims),
                  alignments=tuple(rows), discrepancies=tuple(ordered),
                  sections=("documents", "claims", "alignments", "discrepancies"))


# Of two one-claim accounts, the share of the shorter one's content the longer holds for the
# match to be strong: a claim checked against its evidence ("Tomas Reyna is not a translator"
# against a biography's first sentence) is mostly held in it, though the two are unlike.
_HELD = 0.6


def _within(span: tuple[str, int, int], other: Span | None) -> bool:
    """Whether a flagged span covers part of ``other``."""
    return other is not None and span[0] == other.document and span[1] < other.end and other.start < span[2]


def _is_headline(doc: Document, claim: Claim) -> bool:
    """The document's title, or a first line on its own without a sentence's final stop."""
    if doc.title and claim.text == doc.title.strip():
        return True
    rest = doc.text[claim.end:claim.end + 2]
    return claim.index == 1 and rest.startswith("\n") and claim.text.rstrip()[-1:] not in ".!?”\"'’"


# Kinds that words inside a quotation are not: there the quotation's wording differs.
_AFTER_QUOTES = frozenset({"modality", "wording"})


def _findings(index: ClaimIndex, links: list[Link], threshold: float, weak_threshold: float,
              headlines: frozenset[str] = frozenset()) -> list[tuple[Link, Finding]]:
    """Every change of every matched pair, typed: one discrepancy per change at most.

    A match under ``weak_threshold`` is weak and its differences are ``low``; two one-claim
    accounts, matched at a lower threshold, are weak under the ordinary ``threshold`` unless
    the longer one holds most of the shorter (``_HELD``). Two
    headlines are always weak: a headline trades facts for brevity and style.
    """
    found: list[tuple[Link, Finding]] = []
    for link in links:
        if link.a.text == link.b.text:
            continue  # the same words cannot disagree
        # The diff runs in one order of the two documents whatever the input order, so that
        # spans, and with them discrepancy ids, do not depend on it.
        flip = link.a.document > link.b.document
        first, second = (link.b, link.a) if flip else (link.a, link.b)
        pair = diff_claims(index, first, second)
        labels = (index.label(first.document), index.label(second.document))
        weak = (link.score < weak_threshold if not link.single else
                link.score < threshold and link.contained < _HELD) or link.a.id in headlines \
            or min(_content(pair.units_a), _content(pair.units_b)) < _FEW_WORDS
        typed = [f for f in (classify(pair, change, labels, weak) for change in pair.changes) if f is not None]
        unsure = not link.single and _alike(pair) < _ALIKE  # two one-claim accounts were put side by side
        if unsure:
            typed = [_unsure(f) for f in typed]
        taken = [f for f in typed if f.kind not in _AFTER_QUOTES]
        # Quotations compared word for word, and names swapped between lists, where no change
        # of the whole claims already explains the place; certainty and rewordings last.
        lists = list_changes(pair, labels, weak)
        if unsure:
            lists = [_unsure(f) for f in lists]
        for extra in [*quotation_changes(pair, labels, weak), *enumeration_swaps(pair, labels, weak),
                      *lists, *scattered_numbers(pair, labels, weak),
                      *scattered_names(pair, labels, weak), *(f for f in typed if f.kind in _AFTER_QUOTES)]:
            if not any(_overlap(extra.a, f.a) or _overlap(extra.b, f.b) for f in taken):
                taken.append(extra)
        taken = [f for f in taken if not (f.kind == "quote" and _same_letters(pair, f))]
        found.extend((link, f._replace(a=f.b, b=f.a) if flip else f) for f in taken)
    return found


_NOT_ALNUM = re.compile(r"[\W_]+")
_REACH = 30  # characters of context either side of a span


def _same_letters(pair: ClaimDiff, finding: Finding) -> bool:
    """The letters and digits of each span stand in the other claim around its span: the two
    differ in capitals, punctuation or how words were cut ("F.B.I. special agent", "FBI Special
    Agent"), not in what is quoted."""
    def letters(claim: Claim, span: tuple[int, int], reach: int = 0) -> str:
        lo, hi = max(claim.start, span[0] - reach), min(claim.end, span[1] + reach)
        return _NOT_ALNUM.sub("", claim.text[lo - claim.start:hi - claim.start].lower())
    a, b = letters(pair.a, finding.a), letters(pair.b, finding.b)
    return bool(a or b) and a in letters(pair.b, finding.b, _REACH) and b in letters(pair.a, finding.a, _REACH)


# A claim of fewer content words ("We know.") says too little to tell what a change in it replaces.
_FEW_WORDS = 3
# Two claims that share less than this (matching units over the longer one's) say different
# things around their changes: a name, a negation, a date, a degree of certainty or a list
# that differs between them is shown low, for the spans may not be one slot. Numbers (with
# their unit and counted noun) and quotations (matched by their own words) keep their severity.
_ALIKE = 0.6
_KEEP = frozenset({"number", "quote"})


def _alike(pair) -> float:
    longer = max(len(pair.units_a), len(pair.units_b))
    return pair.same * min(len(pair.units_a), len(pair.units_b)) / longer if longer else 0.0


def _unsure(finding: Finding) -> Finding:
    return finding if finding.kind in _KEEP else finding._replace(severity="low")


def _content(units) -> int:
    return sum(u.content for u in units)


def _overlap(x: tuple[int, int], y: tuple[int, int]) -> bool:
    return x[0] < y[1] and y[0] < x[1]


def _distinct(documents: Iterable[Document]) -> list[Document]:
    """The same input given twice is two accounts: the later copies get ``~2``, ``~3`` ids."""
    seen: dict[str, int] = {}
    out = []
    for doc in documents:
        n = seen[doc.id] = seen.get(doc.id, 0) + 1
        if n > 1:
            doc = dataclasses.replace(doc, id=f"{doc.id}~{n}", label=f"{doc.label or doc.id}~{n}")
        out.append(doc)
    return out


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text.replace("’", "'").replace("“", '"').replace("”", '"')).strip().lower()


def discrepancy_id(kind: str, sides: Iterable[tuple[str, str]]) -> str:
    """A stable id: hash of the kind and each side's document and normalised text, in sorted order.

    It does not depend on offsets (text elsewhere may change) nor on the order of the inputs.
    """
    key = "\x1f".join([kind, *sorted(f"{doc}\x1e{_normal(text)}" for doc, text in sides)])
    return sha1_hex(key.encode("utf-8"))[:16]


def _discrepancy(finding: Finding, a: Claim, b: Claim, texts: dict[str, str]) -> Discrepancy:
    sa = Span(a.document, a.id, finding.a[0], finding.a[1], texts[a.document][finding.a[0]:finding.a[1]])
    sb = Span(b.document, b.id, finding.b[0], finding.b[1], texts[b.document][finding.b[0]:finding.b[1]])
    return Discrepancy(discrepancy_id(finding.kind, [(sa.document, sa.text), (sb.document, sb.text)]),
                       finding.kind, finding.severity, sa, sb, finding.detail)


def _omission(claim: Claim, missing: Sequence[tuple[str, bool]], labels: dict[str, str]) -> Discrepancy:
    names = ", ".join(labels[d] for d, _ in missing)
    factual = all(new_fact for _, new_fact in missing)
    span = Span(claim.document, claim.id, claim.start, claim.end, claim.text)
    return Discrepancy(discrepancy_id("omission", [(claim.document, claim.text)]), "omission",
                       "medium" if factual else "low", span, None,
                       f"Only {labels[claim.document]} reports this; {names} "
                       f"{'does' if len(missing) == 1 else 'do'} not.")
