"""Changed words inside a quotation that two aligned claims both give.

A quotation is compared as a whole rendering: its words, the speaker it is credited to,
and what stands just outside its marks, so that a quotation read on past its closing
mark, or cut at another word, is not taken for a change of what was said.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from comparer.claimdiff import ClaimDiff, Unit, span_text
from comparer.classify import SLOT, Finding, negation_raised, only_the_cue
from comparer.mentions.entities import TITLES
from comparer.spelling import inflected_alike, sounds_alike, spelling_variant
from comparer.wordlists import words


def quotation_changes(diff: ClaimDiff, labels: tuple[str, str], weak: bool) -> list[Finding]:
    """Words that differ inside a quotation both claims give: each pair of quotations of the
    same words is diffed on its own, and each change between matching words inside them is
    one discrepancy (a name, number, date or negation by its kind, other words ``quote``).

    A quotation of a few words that the claim goes on paraphrasing ('"cornerstone" of peace
    and stability') is read on past its closing mark, as far as the other quotation runs.
    Quoting more or less at the edge of a quotation is no difference; where only function
    words differ ("a single cent", "any single cent") the discrepancy is ``low``.
    """
    quotes_a = [m for m in diff.a.mentions if m.kind == "quote" and m.label != "speech"]
    quotes_b = [m for m in diff.b.mentions if m.kind == "quote" and m.label != "speech"]
    out: list[Finding] = []
    for qa in quotes_a:
        for qb in quotes_b:
            found: list[Finding] = []
            if qa.value and qb.value and str(qa.value).lower() != str(qb.value).lower():
                continue  # words of two speakers are two quotations
            wa, wb = _window(diff.units_a, qa), _window(diff.units_b, qb)
            short_a, short_b = len(wa) <= _PARTIAL_QUOTE < len(wb), len(wb) <= _PARTIAL_QUOTE < len(wa)
            # Read on only where the short quotation opens the other one ("the cornerstone of"),
            # and not where the claim's quotation goes on after an attribution ('"Under these
            # plans," Okafor said, "the ...').
            if short_a and wa and wa[0].key in [u.key for u in wb[:2]] and not _resumes(quotes_a, qa):
                wa = _window(diff.units_a, qa, len(wb))
            else:
                short_a = False
            if short_b and wb and wb[0].key in [u.key for u in wa[:2]] and not _resumes(quotes_b, qb):
                wb = _window(diff.units_b, qb, len(wa))
            else:
                short_b = False
            if not (short_a or short_b):
                wa, wb = _facing(wa, wb), _facing(wb, wa)
            ka, kb = [u.key for u in wa], [u.key for u in wb]
            matcher = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
            if not wa or not wb or not _same_words(matcher, len(wa), len(wb)):
                continue
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag == "equal":
                    continue
                # Words one side quotes and the other leaves out at an edge: quoting more or less.
                # Function words at a quotation's edges do not hold it in place: "the terms of the
                # truce" is the end of "... the talks, but terms of the truce".
                first_a, last_a = _content_edges(wa)
                first_b, last_b = _content_edges(wb)
                inside = first_a < i1 and i2 <= last_a and first_b < j1 and j2 <= last_b
                same_edges = (i1 <= first_a) == (j1 <= first_b) and (i2 > last_a) == (j2 > last_b)
                # Words replaced at an edge count only where both quotations start or end there,
                # with as many words on each side (give or take one): a slot, not another opening.
                if not inside and (tag != "replace" or not same_edges or abs((i2 - i1) - (j2 - j1)) > 1):
                    continue
                if i2 - i1 > SLOT or j2 - j1 > SLOT:
                    continue
                ua, ub = tuple(wa[i1:i2]), tuple(wb[j1:j2])
                if ua and ub and _same_words_spelt(diff, ua, ub):
                    continue
                span_a = _quote_side(diff.a, qa, ua, wa[min(i2, len(wa) - 1)], short_a, not ub)
                span_b = _quote_side(diff.b, qb, ub, wb[min(j2, len(wb) - 1)], short_b, not ua)
                # Where one side was read on from a short quotation, the other side's span
                # starts at the same word, so that both show the same stretch.
                if short_a:
                    span_b = (next(u.start for u in wb if u.key == wa[0].key), span_b[1])
                if short_b:
                    span_a = (next(u.start for u in wa if u.key == wb[0].key), span_a[1])
                found.append(_quoted_finding(diff, ua, ub, span_a, span_b, labels, weak))
            out.extend(_one_per_rendering(found, diff, labels))
    return out


def _same_words_spelt(diff: ClaimDiff, ua: Sequence[Unit], ub: Sequence[Unit]) -> bool:
    """The changed words of a quotation are the same words spelt another way."""
    text_a = span_text(diff.a, (ua[0].start, ua[-1].end))
    text_b = span_text(diff.b, (ub[0].start, ub[-1].end))
    if spelling_variant(text_a, text_b):
        return True
    places = any(u.mention is not None and u.mention.label == "place" for u in (*ua, *ub))
    return not places and sounds_alike(text_a, text_b)


def _one_per_rendering(found: list[Finding], diff: ClaimDiff, labels: tuple[str, str]) -> list[Finding]:
    """Word changes of one quotation: each its own discrepancy when there are one or two; from
    three on, the two accounts render the quotation differently throughout, which is one
    discrepancy (its most severe change first), not one per word. Unless a fact changes, it is
    ``low``: words that differ throughout are a loose transcription or another statement."""
    if len(found) < _RENDERING:
        return found
    rank = {s: k for k, s in enumerate(("high", "medium", "low"))}
    first = min(found, key=lambda f: (rank[f.severity], f.a))
    la, lb = labels
    severity = first.severity if first.kind != "quote" else "low"
    return [first._replace(severity=severity,
                           detail=f"The quotation is rendered differently in {len(found)} places, among them: "
                                  f"{la} has {span_text(diff.a, first.a)!r}, {lb} has {span_text(diff.b, first.b)!r}.")]


_PARTIAL_QUOTE = 3  # words: a quotation this short may be read on past its closing mark
_QUOTE_SHARE = 0.75  # of the shorter quotation's words in common: the same quotation
_RENDERING = 3  # changes in one quotation from which the two renderings are one discrepancy


def _same_words(matcher: difflib.SequenceMatcher, len_a: int, len_b: int) -> bool:
    """Two renderings of one quotation: a run of three words in common (all, for a shorter
    quotation), and most of the shorter one's words."""
    blocks = matcher.get_matching_blocks()
    shorter = min(len_a, len_b)
    longest = max((b.size for b in blocks), default=0)
    return longest >= min(3, shorter) and sum(b.size for b in blocks) >= _QUOTE_SHARE * shorter


def _resumes(quotes, quote) -> bool:
    """Whether another quotation of the claim follows this one closely (an interrupted quote)."""
    return any(0 <= q.start - quote.end <= 40 for q in quotes if q is not quote)


def _facing(window: list[Unit], other: list[Unit]) -> list[Unit]:
    """The stretch of a long quotation that a much shorter one renders: the run of twice its
    length sharing most content words with it ("and we will win at the appeals
    court", not "we will take it to the appeals court", for "we will win in the appeals court")."""
    width = 2 * len(other)  # room for what the shorter rendering leaves out
    if len(window) <= width + _RENDERING:
        return window
    wanted: dict[str, int] = {}
    for u in other:
        if u.content:
            wanted[u.key] = wanted.get(u.key, 0) + 1

    def shared(start: int) -> int:
        left = dict(wanted)
        count = 0
        for u in window[start:start + width]:
            if u.content and left.get(u.key, 0) > 0:
                left[u.key] -= 1
                count += 1
        return count

    best = max(range(len(window) - width + 1), key=lambda k: (shared(k), -k))
    stretch = window[best:best + width]
    # Cut where the words the other gives begin and end, so that the cut makes no new edge.
    keys = {u.key for u in other}
    first = next((k for k, u in enumerate(stretch) if u.key in keys), 0)
    last = next((k for k in range(len(stretch) - 1, -1, -1) if stretch[k].key in keys), len(stretch) - 1)
    return stretch[first:last + 1]


def _content_edges(window: list[Unit]) -> tuple[int, int]:
    """Positions of the first and last content word of a quotation (its edges)."""
    first = next((k for k, u in enumerate(window) if u.content), 0)
    last = next((k for k in range(len(window) - 1, -1, -1) if window[k].content), len(window) - 1)
    return first, last


def _window(units: Sequence[Unit], quote, length: int = 0) -> list[Unit]:
    """The units of a quotation, or ``length`` units from its start when it is read on."""
    first = next((k for k, u in enumerate(units) if u.start >= quote.start), len(units))
    if length:
        return list(units[first:first + length])
    return [u for u in units[first:] if u.end <= quote.end]


def _quote_side(claim, quote, changed: Sequence[Unit], after: Unit, read_on: bool,
                inserted: bool) -> tuple[int, int]:
    """The changed words, and the next word where the other side has none there ("very
    important" against "important"); where a short quotation was read on, from its start."""
    start = quote.start if read_on else changed[0].start if changed else after.start
    end = changed[-1].end if changed else after.end
    if inserted and changed and after.start >= end:
        end = after.end
    return start, end


def _quoted_finding(diff: ClaimDiff, ua: Sequence[Unit], ub: Sequence[Unit], span_a: tuple[int, int],
                    span_b: tuple[int, int], labels: tuple[str, str], weak: bool) -> Finding:
    la, lb = labels
    text_a, text_b = span_text(diff.a, span_a), span_text(diff.b, span_b)
    kinds_a = {u.kind for u in ua}
    kinds_b = {u.kind for u in ub}
    # Words put for other words change what was said, and so does one word more ("very
    # important"); a name, a title, a filler ("Oh,") or an editor's gloss in brackets only pads
    # the quotation, and function words alone change nothing.
    replaced = any(u.content for u in ua) and any(u.content for u in ub) and not inflected_alike(ua, ub)
    kind, severity = "quote", "medium" if replaced or _one_word_more(diff, ua, ub) else "low"
    if ("negation" in kinds_a) != ("negation" in kinds_b) and only_the_cue(ua) and only_the_cue(ub) \
            and not negation_raised(diff):
        kind, severity = "negation", "high"
    else:
        for fact in ("number", "date", "entity"):
            if fact in kinds_a and fact in kinds_b:
                kind, severity = fact, "high"
                break
    detail = (f"The quotation differs: {la} has {text_a!r}, {lb} has {text_b!r}." if kind == "quote" else
              f"In the quotation, {la} has {text_a!r} where {lb} has {text_b!r}.")
    return Finding(kind, "low" if weak else severity, span_a, span_b, detail)


def _one_word_more(diff: ClaimDiff, ua: Sequence[Unit], ub: Sequence[Unit]) -> bool:
    """One side quotes one word of its own more: a plain content word, not a name or title,
    not a filler, and not in brackets."""
    if ua and ub:
        return False
    claim, units = (diff.a, ua) if ua else (diff.b, ub)
    added = [u for u in units if u.content]
    if len(added) != 1 or added[0].kind != "word":
        return False
    word = span_text(claim, (added[0].start, added[0].end)).lower()
    if word in TITLES or word in words("quote_fillers"):
        return False
    before = claim.text[:added[0].start - claim.start]
    return before.rfind("(") <= before.rfind(")") and before.rfind("[") <= before.rfind("]")
