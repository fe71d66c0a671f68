"""Negation and hedging cues: the words that flip or soften a claim."""

from __future__ import annotations

import re

from comparer.types import Mention

_NEGATION = re.compile(
    r"\b(?:not|never|no(?!\.?\s*\d)(?! matter\b)|none|nobody|nothing|neither|nor|without|cannot|no longer"
    r"|(?:do|does|did|is|are|was|were|has|have|had|could|would|should|will|ca|wo|must|need)n[’']t"
    r"|den(?:y|ies|ied|ying)|refus(?:e|es|ed|ing)|reject(?:s|ed|ing)?|fail(?:s|ed)? to|declin(?:e|es|ed) to"
    r"|(?<!to )avoid(?:s|ed|ing)?|st(?:ay|ays|ayed|aying) away from|turn(?:s|ed|ing)? down"
    r"|(?:dis|un)?associat(?:e|es|ed|ing) from|unrelated to)\b",
    re.I)
_HEDGE = re.compile(
    r"\b(?:may|might|could|reportedly|allegedly|alleged|apparently|possibly|probably|perhaps|likely"
    r"|unlikely|presumably|purportedly|supposedly|unconfirmed|rumou?red|suspected"
    r"|(?:is|are|was|were) (?:expected|believed|thought|said|reported|set) to"
    r"|appear(?:s|ed)? to|seem(?:s|ed)? to|according to|sources? (?:said|say)|it is understood)\b",
    re.I)


# "May 18", "May 2023", "in May": the month, not the modal verb.
_MONTH_MAY = re.compile(r"May(?:\s+\d|\s*[,.;:)]|$)")


def _normal(text: str) -> str:
    word = text.lower().replace("’", "'")
    if word.endswith("n't"):
        return "not"
    return word


def find_cues(text: str, offset: int = 0) -> list[Mention]:
    """Negation (kind "negation") and hedging (kind "hedge") cues, value = the cue normalised."""
    found = [Mention("negation", m.start() + offset, m.end() + offset, m.group(), _normal(m.group()))
             for m in _NEGATION.finditer(text)]
    found += [Mention("hedge", m.start() + offset, m.end() + offset, m.group(), m.group().lower())
              for m in _HEDGE.finditer(text) if not _MONTH_MAY.match(text, m.start())]
    return sorted(found, key=lambda m: m.start)
