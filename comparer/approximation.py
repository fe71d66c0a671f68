"""Whether a figure is given as approximate ("about 770", "some 3 p.m.", "nearly $3 billion"): such
a figure agrees with a close exact one, whether it is an amount or a time of day."""

from __future__ import annotations

from comparer.types import Claim, Mention
from comparer.wordlists import lines


def approximate(claim: Claim, mention: Mention) -> bool:
    """Whether an approximating word or phrase stands right before the figure (``data/approximators.txt``)."""
    before = claim.text[max(0, mention.start - claim.start - 24):mention.start - claim.start].lower().split()
    phrases = frozenset(lines("approximators"))
    return any(" ".join(before[-n:]) in phrases for n in (1, 2, 3) if len(before) >= n)
