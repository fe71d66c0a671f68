"""Whether two words or names are one written two ways.

A spelling variant ("Qaddafi" / "Gadhafi"), letters transposed, a name transliterated or
sounding alike, one word in another regular inflection: these are how outlets and
transcripts differ in writing, not in what they report.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from comparer.claimdiff import Unit, same_digits
from comparer.wordlists import entries


def spelling_variant(x: str, y: str) -> bool:
    """Two spellings of the same words: a censored or variant spelling ("Momma", "Mama"), the
    same words in another order, one word and a longer form of it, or a spoken form and its
    written one ("gonna", "going to")."""
    if not same_digits(x, y):
        return False
    lx, ly = _LETTERS.sub("", x.lower()), _LETTERS.sub("", y.lower())
    if lx == ly or (min(len(lx), len(ly)) >= 4 and (fuzz.ratio(lx, ly) >= _SPELLING or _transposed(lx, ly))):
        return True
    if len(x.split()) > 1 and len(y.split()) > 1 and fuzz.token_sort_ratio(x.lower(), y.lower()) >= _SPELLING:
        return True  # the same words in another order: "Salafist Jihad", "Djihad Salafist"
    if " " not in x.strip() and " " not in y.strip() and min(len(lx), len(ly)) >= 3 \
            and (lx.startswith(ly) or ly.startswith(lx)):
        return True  # one word the other's stem: "any" / "anything", "wide" / "widening"
    spoken = _colloquial()
    return spoken.get(" ".join(x.lower().split())) == " ".join(y.lower().split()) or \
        spoken.get(" ".join(y.lower().split())) == " ".join(x.lower().split())


def _transposed(x: str, y: str) -> bool:
    """One spelling with two neighbouring letters swapped ("Tispras", "Tsipras")."""
    if len(x) != len(y):
        return False
    apart = [k for k, (a, b) in enumerate(zip(x, y)) if a != b]
    return len(apart) == 2 and apart[1] == apart[0] + 1 and x[apart[0]] == y[apart[1]] and x[apart[1]] == y[apart[0]]


_SPELLING = 85
_LETTERS = re.compile(r"[^a-z]+")
_ARTICLE_PREFIX = re.compile(r"\b(?:al|el)[-’']")
_VOWELS = re.compile(r"[aeiouyh]+")
_HARD = str.maketrans("qcg", "kkk")


def transliterated(x: Unit, y: Unit) -> bool:
    """Two spellings of one person's name ("Gadhafi", "al-Qaddafi"). Places are left to the
    gazetteer ("Niger" is not "Nigeria")."""
    if x.mention is None or y.mention is None or "place" in (x.mention.label, y.mention.label):
        return False
    return sounds_alike(x.mention.text, y.mention.text)


def sounds_alike(x: str, y: str) -> bool:
    """Two spellings of one word or name ("Gadhafi", "al-Qaddafi"; "Momma", "Mama"): the same
    consonants in the same order once an Arabic article is dropped, letters mostly shared."""
    lx, ly = (_LETTERS.sub("", _ARTICLE_PREFIX.sub("", t.lower())) for t in (x, y))
    if not same_digits(x, y) or min(len(lx), len(ly)) < 4 or fuzz.ratio(lx, ly) < _SOUND_ALIKE:
        return False
    return _skeleton(lx) == _skeleton(ly)


def _skeleton(word: str) -> str:
    """First letter and consonants, doubled letters once, hard c, g and q alike."""
    word = word.translate(_HARD)
    rest = _VOWELS.sub("", word[1:])
    return "".join(ch for k, ch in enumerate(word[0] + rest) if k == 0 or ch != (word[0] + rest)[k - 1])


_SOUND_ALIKE = 60


@functools.cache
def _colloquial() -> dict[str, str]:
    return dict(entries("colloquial", "="))


def inflected_alike(ua: Sequence[Unit], ub: Sequence[Unit]) -> bool:
    """One word in another inflection on each side ("lines up", "lined up"): a rendering of the
    same words, not other words."""
    ca = [u for u in ua if u.content]
    cb = [u for u in ub if u.content]
    if len(ca) != 1 or len(cb) != 1 or ca[0].kind != "word" or cb[0].kind != "word":
        return False
    return bool(_bases(ca[0].key) & _bases(cb[0].key))


def _bases(word: str) -> set[str]:
    """What a word may be an inflection of: "lined" of "line", "lines" of "line", "lining" of
    "line" (bases of three letters or more)."""
    out = {word}
    for ending, put in (("s", ""), ("es", ""), ("d", ""), ("ed", ""), ("ing", ""), ("ing", "e")):
        if word.endswith(ending):
            out.add(word[:-len(ending)] + put)
    return {w for w in out if len(w) >= 3}


def letters_of(key: str) -> str:
    return _LETTERS.sub("", key.split(":", 1)[-1].lower())
