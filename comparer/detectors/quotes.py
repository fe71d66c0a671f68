"""Quotations: the same quotation in other words, or credited to someone else.

Two quotations are "the same" when their words largely coincide, or when one
account quotes a fragment ("cornerstone") that the other quotes at length: the
longer quotation is then laid over the first account's words around its
fragment, so that a paraphrase outside the quotation marks is compared too.
"""

from __future__ import annotations

import re
import difflib
from collections.abc import Iterator

from comparer.detectors.base import STOPWORDS, WORD, Context, Finding, Pair, Token
from comparer.types import Claim, Mention

_UNKNOWN_SPEAKERS = frozenset({"he", "she", "they", "it", "we", "i", "who", "statement", "source", "sources",
                               "official", "officials", "spokesman", "spokeswoman", "spokesperson"})
_NAME_SEPARATORS = re.compile(r"[\s.]+")
_SAME = 0.6     # word-sequence similarity for two quotations to be the same one
_CONTEXT = 2    # words shown around the words that differ
_REACH = 8      # words compared around a quoted fragment
_MAX_SWAP = 3   # longest replacement still read as the same quotation in other words


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


def _quotes(claim: Claim) -> list[Mention]:
    return [m for m in claim.mentions if m.kind == "quote" and len(_words(m.text)) >= 1]


def _content(words: list[str]) -> set[str]:
    return {w for w in words if w not in STOPWORDS}


def _sub_index(small: list[str], big: list[str]) -> int:
    n = len(small)
    for k in range(len(big) - n + 1):
        if big[k:k + n] == small:
            return k
    return -1


def _window(tokens: tuple[Token, ...], quote: Mention, before: int, length: int) -> tuple[Token, ...]:
    first = next((k for k, t in enumerate(tokens) if t.start >= quote.start), None)
    if first is None:
        return ()
    start = max(0, first - before)
    return tokens[start:start + length]


def _diff_span(xs: list, ys: list, context: int = _CONTEXT) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Index ranges (in xs and ys) from the first to the last differing word, with context."""
    ops = [op for op in difflib.SequenceMatcher(None, xs, ys, autojunk=False).get_opcodes() if op[0] != "equal"]
    if not ops:
        return None
    i1, j1 = ops[0][1], ops[0][3]
    i2, j2 = ops[-1][2], ops[-1][4]
    return ((max(0, i1 - context), min(len(xs), max(i2, i1 + 1) + context)),
            (max(0, j1 - context), min(len(ys), max(j2, j1 + 1) + context)))


def _quote_tokens(tokens: tuple[Token, ...], q: Mention) -> tuple[Token, ...]:
    return tuple(t for t in tokens if t.start >= q.start and t.end <= q.end)


def detect_quote(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Quotations of the same words that differ."""
    for qa in _quotes(pair.a):
        for qb in _quotes(pair.b):
            found = _compare(pair, ctx, qa, qb)
            if found:
                yield found
                return


def _substitution(xs: list[str], ys: list[str], same_name=None) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The first and last word-for-word replacement of content words, as index ranges.

    ``same_name(i1, i2, j1, j2)`` tells when the two sides name one entity ("Kyiv" for Ukraine).
    """
    ops = [op for op in difflib.SequenceMatcher(None, xs, ys, autojunk=False).get_opcodes()
           if op[0] == "replace" and _content(xs[op[1]:op[2]]) and _content(ys[op[3]:op[4]])
           and op[2] - op[1] <= _MAX_SWAP and op[4] - op[3] <= _MAX_SWAP
           and not (same_name and same_name(*op[1:]))]
    if not ops:
        return None
    return (ops[0][1], ops[-1][2]), (ops[0][3], ops[-1][4])


def _names_match(pair: Pair, ctx: Context, ta, tb, swap: bool = False):
    """A test that tokens ``ta[i1:i2]`` and ``tb[j1:j2]`` name the same entity."""
    from comparer.detectors.entities import same_entity

    def covering(claim, tokens):
        return [m for m in ctx.entities(claim) if tokens and m.start < tokens[-1].end and tokens[0].start < m.end]

    def test(i1: int, i2: int, j1: int, j2: int) -> bool:
        if swap:
            i1, i2, j1, j2 = j1, j2, i1, i2
        xs, ys = covering(pair.a, ta[i1:i2]), covering(pair.b, tb[j1:j2])
        return bool(xs) and bool(ys) and all(any(same_entity(ctx, x, y) for y in ys) for x in xs)

    return test


def _compare(pair: Pair, ctx: Context, qa: Mention, qb: Mention) -> Finding | None:
    ta, tb = _quote_tokens(pair.ta, qa), _quote_tokens(pair.tb, qb)
    wa, wb = [t.low for t in ta], [t.low for t in tb]
    if not wa or not wb or wa == wb:
        return None
    la, lb = pair.a.document, pair.b.document
    # A fragment quoted by one account inside the other's longer quotation: the fragment's
    # account is read on around its quotation marks and compared word for word nearby.
    for short_q, long_tokens, short_claim_tokens, flip in ((qa, tb, pair.ta, False), (qb, ta, pair.tb, True)):
        short_words = wb if flip else wa
        long_words = [t.low for t in long_tokens]
        if len(short_words) >= len(long_words) or not _content(short_words):
            continue
        at = _sub_index(short_words, long_words)
        if at < 0:
            continue
        lo = max(0, at - _REACH)
        hi = min(len(long_words), at + len(short_words) + _REACH)
        window = _window(short_claim_tokens, short_q, at - lo, hi - lo)
        win_a, win_b = (long_tokens[lo:hi], window) if flip else (window, long_tokens[lo:hi])
        found = _substitution([t.low for t in window], long_words[lo:hi],
                              _names_match(pair, ctx, win_a, win_b, swap=flip))
        if found is None:
            return None
        (i1, i2), (j1, j2) = found
        short_span = (min(short_q.start, window[i1].start), window[i2 - 1].end)
        long_span = (long_tokens[lo].start if lo < at else long_tokens[0].start,
                     long_tokens[max(lo + j2, min(hi, len(long_tokens))) - 1].end)
        a, b = (long_span, short_span) if flip else (short_span, long_span)
        return Finding("quote", "medium", a, b,
                       f"{ctx.label(lb if flip else la)} quotes only {short_q.text!r} and goes on with "
                       f"{' '.join(t.text for t in window[i1:i2])!r} where the quotation in "
                       f"{ctx.label(la if flip else lb)} says "
                       f"{' '.join(t.text for t in long_tokens[lo + j1:lo + j2])!r}.")
    ratio = difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()
    if ratio < _SAME or len(_content(wa) & _content(wb)) < 2 \
            or _substitution(wa, wb, _names_match(pair, ctx, ta, tb)) is None:
        return None
    spans = _diff_span(wa, wb)
    if spans is None:
        return None
    (i1, i2), (j1, j2) = spans
    return Finding("quote", "medium", (ta[i1].start, ta[i2 - 1].end), (tb[j1].start, tb[j2 - 1].end),
                   f"The quotation differs: {ctx.label(la)} has "
                   f"{' '.join(t.text for t in ta[i1:i2])!r}, {ctx.label(lb)} "
                   f"{' '.join(t.text for t in tb[j1:j2])!r}.")


def _speaker_key(value) -> set[str] | None:
    if not value or not isinstance(value, str) or value.lower() in _UNKNOWN_SPEAKERS:
        return None
    return {w for w in _NAME_SEPARATORS.split(value.lower()) if w}


def _speaker_span(claim: Claim, quote: Mention) -> tuple[int, int]:
    for m in claim.mentions:
        if m.kind == "entity" and m.value == quote.value and not (quote.start <= m.start < quote.end):
            return m.start, m.end
    at = claim.text.lower().find(str(quote.value).lower())
    if at >= 0 and not (quote.start <= claim.start + at < quote.end):
        return claim.start + at, claim.start + at + len(str(quote.value))
    return quote.start, quote.end


def detect_attribution(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """The same quotation credited to different speakers."""
    for qa in _quotes(pair.a):
        ka = _speaker_key(qa.value)
        if ka is None:
            continue
        for qb in _quotes(pair.b):
            kb = _speaker_key(qb.value)
            if kb is None or ka <= kb or kb <= ka:
                continue
            wa, wb = _words(qa.text), _words(qb.text)
            same = wa == wb or difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio() >= 0.8 \
                or (len(_content(wa)) >= 3 and (_sub_index(wa, wb) >= 0 or _sub_index(wb, wa) >= 0))
            if not same:
                continue
            yield Finding("attribution", "high", _speaker_span(pair.a, qa), _speaker_span(pair.b, qb),
                          f"{ctx.label(pair.a.document)} credits the words to {qa.value}, "
                          f"{ctx.label(pair.b.document)} to {qb.value}.")
            return
