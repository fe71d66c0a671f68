"""Quotations and who is credited with them.

The speaker is the entity next to a reporting verb right after the quote
("..., Biden said"), else the subject before it ('Kishida called the alliance
"the cornerstone"'). A pronoun speaker is left to the caller to resolve.
"""

from __future__ import annotations


import re

from comparer.types import Mention

# A quotation opened with a curly mark may be closed with a straight one (mixed sources).
_QUOTE = re.compile(r"“(?P<a>[^“”\"]{2,}?)[”\"]|\"(?P<b>[^\"“”]{2,}?)[\"”]")
_VERBS = (r"said|says|say|told|tells|added|adds|stated|states|wrote|writes|declared|announced|noted"
          r"|explained|insisted|warned|argued|claimed|called|calls|described|asked|tweeted|posted"
          r"|according to|quoted|remarked|recalled|stressed|emphasized|emphasised|praised|urged")
_AFTER_VERB_FIRST = re.compile(rf"\s*[,.]?[”\"]?\s*(?:{_VERBS})\s+(?P<who>[^,.;:“\"]{{2,60}})")
_AFTER_WHO_FIRST = re.compile(
    rf"\s*[,.]?[”\"]?\s*(?P<who>[^,.;:“\"]{{2,60}}?)\s+(?:also\s+|then\s+|later\s+)?(?:{_VERBS})\b")
_BEFORE = re.compile(rf"(?P<who>[^,.;:“\"]{{2,80}}?)\s+(?:also\s+|then\s+|later\s+|has\s+|had\s+)?(?:{_VERBS})\b")
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "who"})


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
    after = text[q_end:q_end + 80]
    for pattern in (_AFTER_VERB_FIRST, _AFTER_WHO_FIRST):
        found = pattern.match(after)
        if found:
            return _name(found.group("who"), q_end + found.start("who"), q_end + found.end("who"),
                         entities, offset)
    before = text[:q_start]
    clause_start = max(before.rfind(". "), before.rfind("; "), before.rfind("” "), -1) + 1
    found = None
    for found in _BEFORE.finditer(before, clause_start):
        pass
    if found:
        return _name(found.group("who"), found.start("who"), found.end("who"), entities, offset)
    return None


def _name(phrase: str, start: int, end: int, entities: list[Mention], offset: int) -> str | None:
    """The entity inside ``phrase`` nearest its end, else the phrase as a plain source noun."""
    inside = [m for m in entities if m.start >= start + offset and m.end <= end + offset
              and m.label in ("person", "org", "other")]
    if inside:
        return str(inside[-1].value)
    words = phrase.strip().split()
    if not words:
        return None
    if words[-1].lower() in PRONOUNS:
        return words[-1].lower()
    while words and words[0].lower() in ("the", "a", "an", "its", "his", "her", "their"):
        words = words[1:]
    return " ".join(words).lower() if 0 < len(words) <= 6 else None
