"""Which words differ between two claims, as character spans, so renderers can mark them."""

from __future__ import annotations

import re
import difflib


_WORD = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")


def changed_spans(a: str, b: str, *, min_ratio: float = 0.4,
                  max_block: int = 6) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans of ``a`` and of ``b`` covering the words that the other text does not share.

    Only where the two texts are worded alike (``min_ratio`` of their words in
    common) and only blocks of at most ``max_block`` words: marking most of two
    differently worded sentences would hide the difference that matters.

    >>> changed_spans("peace and stability", "peace and security")
    ([(10, 19)], [(10, 18)])
    """
    words_a = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(a)]
    words_b = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(b)]
    matcher = difflib.SequenceMatcher(a=[w[2] for w in words_a], b=[w[2] for w in words_b], autojunk=False)
    spans_a: list[tuple[int, int]] = []
    spans_b: list[tuple[int, int]] = []
    if matcher.ratio() < min_ratio:
        return spans_a, spans_b
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or max(i2 - i1, j2 - j1) > max_block:
            continue
        if i2 > i1:
            spans_a.append((words_a[i1][0], words_a[i2 - 1][1]))
        if j2 > j1:
            spans_b.append((words_b[j1][0], words_b[j2 - 1][1]))
    return spans_a, spans_b


def mark(text: str, spans: list[tuple[int, int]], before: str, after: str,
         escape=lambda s: s) -> str:
    """``text`` with each span (overlapping ones merged) wrapped in ``before``/``after``.

    The text outside and inside the marks goes through ``escape``.

    >>> mark("North Korea and Japan", [(0, 5), (2, 11)], "[", "]")
    '[North Korea] and Japan'
    """
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        elif end > start:
            merged.append([start, end])
    out, position = [], 0
    for start, end in merged:
        out.append(escape(text[position:start]))
        out.append(before + escape(text[start:end]) + after)
        position = end
    out.append(escape(text[position:]))
    return "".join(out)
