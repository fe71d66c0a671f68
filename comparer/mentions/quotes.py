"""Quotations and who is credited with them.

The speaker is the entity next to a reporting verb right after the quote
("..., Biden said"), else the subject before it ('Kishida called the alliance
"the cornerstone"'). A pronoun speaker is left to the caller to resolve.
"""

from __future__ import annotations

import functools
import re

from comparer.types import Mention
from comparer.wordlists import words

# A quotation opened with a curly mark may be closed with a straight one (mixed sources).
_QUOTE = re.compile(r"“(?P<a>[^“”\"]{2,}?)[”\"]|\"(?P<b>[^\"“”]{2,}?)[\"”]")
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "who"})


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Speaker patterns around a quotation, built once from ``data/speech_verbs.txt``."""
    verbs = "|".join(re.escape(v).replace("_", r"\s+")
                     for v in sorted(words("speech_verbs"), key=lambda v: (-len(v), v)))
    after_verb_first = re.compile(rf"\s*[,.]?[”\"]?\s*(?:{verbs})\s+(?P<who>[^,.;:“\"]{{2,60}})")
    after_who_first = re.compile(
        rf"\s*[,.]?[”\"]?\s*(?P<who>[^,.;:“\"]{{2,60}}?)\s+(?:also\s+|then\s+|later\s+)?(?:{verbs})\b")
    before = re.compile(rf"(?P<who>[^,.;:“\"]{{2,80}}?)\s+(?:also\s+|then\s+|later\s+|has\s+|had\s+)?(?:{verbs})\b")
    return after_verb_first, after_who_first, before


def find_quotes(text: str, entities: list[Mention], offset: int = 0) -> list[Mention]:
    """Quoted passages of ``text`` (kind "quote", text = the words inside the marks).

    ``entities`` are the claim's entity mentions (document offsets); value is the
    speaker: a canonical entity name, a pronoun ("he"), a source ("statement"), or None.
    """
    quotes = []
    for match in _QUOTE.finditer(text):
        group = "a" if match.group("a") is not None else "b"
        start, end = match.start(group), match.end(group)
        speaker = _speaker(text, match.start(), match.end(), entities, offset)
        quotes.append(Mention("quote", start + offset, end + offset, text[start:end], speaker))
    return quotes


def _speaker(text: str, q_start: int, q_end: int, entities: list[Mention], offset: int) -> str | None:
    after_verb_first, after_who_first, before_quote = _patterns()
    after = text[q_end:q_end + 80]
    for pattern in (after_verb_first, after_who_first):
        found = pattern.match(after)
        if found:
            return _name(found.group("who"), q_end + found.start("who"), q_end + found.end("who"),
                         entities, offset)
    before = text[:q_start]
    clause_start = max(before.rfind(". "), before.rfind("; "), before.rfind("” "), -1) + 1
    found = None
    for found in before_quote.finditer(before, clause_start):
        pass
    if found:
        return _name(found.group("who"), found.start("who"), found.end("who"), entities, offset)
    return None


def _name(phrase: str, start: int, end: int, entities: list[Mention], offset: int) -> str | None:
    """The entity inside ``phrase`` nearest its end, else the phrase as a plain source noun."""
    inside = [m for m in entities if m.start >= start + offset and m.end <= end + offset
              and m.label in ("person", "org", "other")]
    words = phrase.strip().split()
    # "the House speaker", "a White House spokesman": a person described by a role, not the
    # body named inside the description.
    described = bool(words) and words[-1].isalpha() and words[-1].islower() and words[-1] not in PRONOUNS \
        and (not inside or inside[-1].end < end + offset)
    if inside and not described:
        return str(inside[-1].value)
    if not words:
        return None
    if words[-1].lower() in PRONOUNS:
        return words[-1].lower()
    while words and words[0].lower() in ("the", "a", "an", "its", "his", "her", "their"):
        words = words[1:]
    return " ".join(words).lower() if 0 < len(words) <= 6 else None
