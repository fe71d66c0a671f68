"""Words of a claim with document offsets: the text units that alignment and the diff share.

A ``Token`` is a word as written plus its lower-cased and stemmed forms. ``ClaimIndex``
holds the tokens and canonical entity names of a set of claims, computed once per run.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from comparer.types import Claim, Mention
from comparer.wordlists import words

WORD = re.compile(r"[^\W_]+(?:['’.&][^\W_]+)*")
# Text in decomposed form writes "é" as "e" and U+0301: there the accents count as letters.
_COMBINING = re.compile(r"[\u0300-\u036f]")
_WORD_DECOMPOSED = re.compile(
    r"[^\W_](?:[^\W_]|[\u0300-\u036f])*(?:['’.&][^\W_](?:[^\W_]|[\u0300-\u036f])*)*")
_SUFFIXES = ("ingly", "ings", "ing", "edly", "ed", "ies", "es", "s", "ly")


def stopwords() -> frozenset[str]:
    """Function words (``data/stopwords.txt``)."""
    return words("stopwords")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem: enough to match "modelled" with "model" and "talks" with "talk"."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + (2 if suffix == "s" else 3) and word.endswith(suffix) \
                and not word.endswith("ss"):
            word = word[:-len(suffix)]
            break
    if len(word) > 4 and word[-1] == word[-2]:  # "modell" -> "model"
        word = word[:-1]
    if len(word) > 4 and word[-1] == "e":  # "response" -> "respons", as "responses"
        word = word[:-1]
    return word


class Token(NamedTuple):
    """A word of a claim (document offsets). Thousands are made per diff: a tuple builds fastest."""

    start: int
    end: int
    text: str
    low: str
    stem: str
    content: bool  # not a function word


def tokens_of(claim: Claim) -> tuple[Token, ...]:
    """The words of ``claim`` in text order."""
    base = claim.start
    function = stopwords()
    out = []
    pattern = _WORD_DECOMPOSED if _COMBINING.search(claim.text) else WORD
    for m in pattern.finditer(claim.text):
        word = m.group()
        low = word.lower()
        if not low.isascii():
            low = unicodedata.normalize("NFC", low.replace("’", "'"))
        start, end = m.span()
        out.append(Token(base + start, base + end, word, low, stem(low), low not in function))
    return tuple(out)


class ClaimIndex:
    """Tokens and canonical entity keys of the claims of one run, each computed once."""

    def __init__(self, capitals: dict[str, str], labels: dict[str, str] | None = None):
        self.capitals = {k.lower(): v.lower() for k, v in capitals.items()}
        self.labels = labels or {}
        self._tokens: dict[str, tuple[Token, ...]] = {}

    def tokens(self, claim: Claim) -> tuple[Token, ...]:
        found = self._tokens.get(claim.id)
        if found is None:
            found = self._tokens[claim.id] = tokens_of(claim)
        return found

    def canon(self, mention: Mention) -> str:
        """Canonical entity key: the alias value, lower-cased, a capital standing for its country."""
        value = str(mention.value).lower().replace("’", "'")
        return self.capitals.get(value, value)

    def label(self, doc_id: str) -> str:
        return self.labels.get(doc_id, doc_id)
