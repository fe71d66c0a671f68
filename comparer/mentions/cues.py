"""Negation and hedging cues: the words that flip or soften a claim."""

from __future__ import annotations

import re

from comparer.types import Mention
from comparer.wordlists import lines


def _pattern(name: str) -> re.Pattern[str]:
    """One regex of the phrases of ``comparer/data/<name>.txt``, longest first, whole words;
    an apostrophe matches ' and ’, with the spaces a tokeniser puts around it ("didn ’ t")."""
    phrases = sorted(lines(name), key=lambda p: (-len(p), p))
    body = "|".join(re.escape(p.lower()).replace("'", r"\s?[’']\s?") for p in phrases)
    return re.compile(rf"\b(?:{body})\b", re.I)


_NEGATION = _pattern("negation_cues")
_HEDGE = _pattern("hedge_cues")
# "No. 5", "no 1 priority", "no matter what": "no" that negates nothing.
_NO_NUMBER = re.compile(r"\.?\s*\d| matter\b")
_TO = re.compile(r"\bto $", re.I)  # "to avoid a crash": a purpose, not a denial


# "May 18", "May 2023", "in May": the month, not the modal verb.
_MONTH_MAY = re.compile(r"May(?:\s+\d|\s*[,.;:)]|$)")


_SPACED_APOSTROPHE = re.compile(r"\s?[’']\s?")


def _normal(text: str) -> str:
    word = _SPACED_APOSTROPHE.sub("'", text.lower())
    if word.endswith("n't"):
        return "not"
    return word


def find_cues(text: str, offset: int = 0) -> list[Mention]:
    """Negation (kind "negation") and hedging (kind "hedge") cues, value = the cue normalised."""
    found = [Mention("negation", m.start() + offset, m.end() + offset, m.group(), _normal(m.group()))
             for m in _NEGATION.finditer(text) if not _exception(text, m)]
    found += [Mention("hedge", m.start() + offset, m.end() + offset, m.group(), m.group().lower())
              for m in _HEDGE.finditer(text) if not _MONTH_MAY.match(text, m.start())]
    return sorted(found, key=lambda m: m.start)


def _exception(text: str, match: re.Match[str]) -> bool:
    """A cue that negates nothing here: "No. 5", "no matter", "to avoid"."""
    word = match.group().lower()
    if word == "no":
        return bool(_NO_NUMBER.match(text, match.end()))
    if word.startswith("avoid"):
        return bool(_TO.search(text[max(0, match.start() - 4):match.start()]))
    return False


def is_hedge(word: str) -> bool:
    """Whether ``word`` alone is a hedging cue ("could", "might")."""
    return bool(_HEDGE.fullmatch(word))
