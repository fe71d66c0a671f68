"""The word diff of two aligned claims, after normalisation.

Each claim becomes a sequence of units: its words (lower-cased and stemmed), except
that a name, a number or a date is one unit whose key is its canonical value, so
that "ROK" and "South Korea", "5,000" and "5000", or "Thursday" and "May 18" (the
same day) compare equal. A parenthesised conversion ("1,000 km (600 mi)") restates
the quantity before it and is left out. difflib then aligns the two unit
sequences; a unit deleted in one place and inserted in another was moved, not
changed. What remains are the changes, each a run of units on either side.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

from rapidfuzz import fuzz

from comparer.mentions.cues import is_hedge
from comparer.mentions.dates import is_calendar_word
from comparer.mentions.entities import TITLES
from comparer.mentions.numbers import unreadable_figure
from comparer.textunits import ClaimIndex, stem
from comparer.types import Claim, Mention
from comparer.wordlists import entries, state_abbreviations
from comparer.wordlists import words as words_of

# Hedge cues that name a source rather than weaken a claim: attribution, not modality.
_SOURCING = ("according", "source")
# "WASHINGTON —", "NEW YORK (Reuters) -": where the story was filed, not what it reports.
_DATELINE = re.compile(r"[A-Z][A-Z.]+(?:[ ,]+[A-Z][A-Za-z.]+)*(?:\s*\([^)]{1,40}\))?\s*[—–-]+\s*")
_HAS_DIGIT = re.compile(r"\d")
# "we're" is "we are": both spellings compare equal. "'s" stays (it is also a possessive).
_CLITIC = re.compile(r"(\w+)'(re|ll|ve|m|d)$")
_CLITICS = {"re": "are", "ll": "will", "ve": "have", "m": "am", "d": "would"}
_CONTRACTION = {"can't": ("can", "not"), "won't": ("will", "not"), "cannot": ("can", "not"),
                "shan't": ("shall", "not"),
                # written without the apostrophe, as in chat and some transcripts
                **{w + "nt": (w, "not") for w in ("do", "does", "did", "is", "are", "was", "were", "has", "have",
                                                  "had", "could", "would", "should")},
                "cant": ("can", "not")}


class Unit(NamedTuple):
    """A word or a whole mention of a claim, with document offsets and its comparison key."""

    key: str
    start: int
    end: int
    kind: str  # "word", "entity", "number", "date", "negation", "hedge"
    content: bool  # carries meaning of its own (not a function word)
    quote: int  # index of the quotation it lies in, or -1
    mention: Mention | None = None


class Change(NamedTuple):
    """One place where two claims differ: ``a[i1:i2]`` stands where ``b[j1:j2]`` does."""

    a: tuple[Unit, ...]
    b: tuple[Unit, ...]
    i1: int
    i2: int
    j1: int
    j2: int


class ClaimDiff(NamedTuple):
    """Two claims as unit sequences and the changes between them."""

    a: Claim
    b: Claim
    units_a: tuple[Unit, ...]
    units_b: tuple[Unit, ...]
    changes: tuple[Change, ...]
    same: float  # share of the shorter claim's units that the other matches


# Where a clause ends: what stands beyond it is said of something else.
CLAUSE_BREAK = re.compile(r"[,;:—–]|\bbut\b")


def span_text(claim: Claim, span: tuple[int, int]) -> str:
    """The words of ``claim`` at document offsets ``span``."""
    return claim.text[span[0] - claim.start:span[1] - claim.start]


def units_of(index: ClaimIndex, claim: Claim) -> tuple[Unit, ...]:
    """The claim as comparison units, in text order."""
    facts = [m for m in claim.mentions if m.kind in ("entity", "number", "date")]
    cues = [m for m in claim.mentions if m.kind in ("negation", "hedge")]
    quotes = [m for m in claim.mentions if m.kind == "quote" and m.label != "speech"]
    out: list[Unit] = []
    fact_at = 0
    dateline = _DATELINE.match(claim.text)
    taken_until = claim.start + dateline.end() if dateline else -1
    for token in index.tokens(claim):
        if token.start < taken_until:
            continue
        while fact_at < len(facts) and facts[fact_at].end <= token.start:
            fact_at += 1
        quote = next((k for k, q in enumerate(quotes) if q.start <= token.start < q.end), -1)
        fact = facts[fact_at] if fact_at < len(facts) and facts[fact_at].start < token.end else None
        if fact is not None:
            taken_until = fact.end
            if fact.kind == "number" and fact.label == "conversion":
                continue
            out.append(Unit(_fact_key(index, fact), fact.start, fact.end, fact.kind, True, quote, fact))
            continue
        cue = next((m for m in cues if m.start < token.end and token.start < m.end), None)
        low = token.low.replace("’", "'")
        clitic = _CLITIC.match(low)
        if clitic and not (low in _CONTRACTION or low.endswith("n't")):
            out.append(Unit(stem(clitic.group(1)), token.start, token.end, "word", False, quote))
            out.append(Unit(_CLITICS[clitic.group(2)], token.start, token.end, "word", False, quote))
            continue
        if low in _CONTRACTION or low.endswith("n't"):
            aux, neg = _CONTRACTION.get(low, (low[:-3], "not"))
            if is_hedge(aux):  # "couldn't" hedges as "could not" does
                out.append(Unit("h:" + stem(aux), token.start, token.end, "hedge", True, quote))
            else:
                out.append(Unit(aux, token.start, token.end, "word", False, quote))
            out.append(Unit("n:" + neg, token.start, token.end, "negation", True, quote, cue))
            continue
        if cue is not None and not (cue.kind == "hedge" and str(cue.value).startswith(_SOURCING)):
            out.append(Unit(cue.kind[0] + ":" + token.stem, token.start, token.end, cue.kind, True, quote, cue))
            continue
        # Digits after letters ("Eleonora67", "MS08") are part of a name or code, not a quantity.
        # A figure that cannot be read ("41 / 2", "4\ufffd") is no quantity to compare.
        kind = "date" if is_calendar_word(token.text) else \
            "number" if _HAS_DIGIT.search(token.low) and not token.low[:1].isalpha() \
            and not unreadable_figure(claim.text, token.start - claim.start, token.end - claim.start) else "word"
        if kind == "number" and _continues_digits(claim, out, token.start, token.low):
            last = out.pop()  # "0800 432 987": one string of digits, however it is spaced
            out.append(last._replace(key=last.key + token.low, end=token.end))
            continue
        out.append(Unit(token.stem, token.start, token.end, kind, token.content, quote))
    return tuple(out)


def _continues_digits(claim: Claim, units: list[Unit], start: int, token: str) -> bool:
    """A group of digits right after another that no quantity holds (a phone number, a code):
    they are one string of digits."""
    if not token.isdigit() or not units:
        return False
    last = units[-1]
    between = claim.text[last.end - claim.start:start - claim.start]
    if between == "-" and not (len(token) in (3, 4) and _GROUP_OF_THREE.search(claim.text, 0, last.end - claim.start)):
        return False  # "2008-09", "2009-2010": a season, a range, not one string ("555-1234" is)
    return last.kind == "number" and last.mention is None and last.key.isdigit() and between in _DIGIT_GAPS


_GROUP_OF_THREE = re.compile(r"(?<!\d)\d{3}$")
_DIGIT_GAPS = frozenset({" ", "-", ".", ") ", ")-"})  # "(501) 778-1171", "501.778.1171"


def _fact_key(index: ClaimIndex, mention: Mention) -> str:
    if mention.kind == "entity":
        return "E:" + index.canon(mention)
    if mention.kind == "number":
        return f"N:{mention.value!r}{mention.unit}:{mention.label}"
    return "D:" + (str(mention.value) if mention.value else mention.text.lower())


def diff_claims(index: ClaimIndex, a: Claim, b: Claim) -> ClaimDiff:
    """The changes between two claims, moved units left out."""
    ua = _as_names(units_of(index, a), units_of(index, b), a.text, a.start)
    ub = _as_names(units_of(index, b), units_of(index, a), b.text, b.start)
    ka = [u.key for u in ua]
    written = {u.key: u.mention.text for u in (*ua, *ub) if u.kind == "entity" and u.mention is not None}
    places = frozenset(u.key for u in (*ua, *ub) if u.mention is not None and u.mention.label == "place")
    kb = [_unify(u.key, ka, written, places) if u.kind == "entity" else u.key for u in ub]
    ka = [_unify(u.key, kb, written, places) if u.kind == "entity" else u.key for u in ua]
    ua = tuple(u._replace(key=k) for u, k in zip(ua, ka))
    ub = tuple(u._replace(key=k) for u, k in zip(ub, kb))
    matcher = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
    ops = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    matched = sum(size for _, _, size in matcher.get_matching_blocks())
    same = matched / min(len(ua), len(ub)) if ua and ub else 0.0
    moved_a, moved_b = _moved(ops, ka, kb, ua, ub)
    changes = []
    for _, i1, i2, j1, j2 in ops:
        side_a = tuple(ua[i] for i in range(i1, i2) if i not in moved_a)
        side_b = tuple(ub[j] for j in range(j1, j2) if j not in moved_b)
        if side_a or side_b:
            changes.append(Change(side_a, side_b, i1, i2, j1, j2))
    return ClaimDiff(a, b, ua, ub, tuple(changes), same)


def _as_names(units: tuple[Unit, ...], other: tuple[Unit, ...], text: str, offset: int) -> tuple[Unit, ...]:
    """A word that is the last word of a name in the other claim is that name ("Biden"
    opening a sentence, where the entity finder could not tell it from a common word). The
    name's other words written just before it are part of it ("high street" where the other
    claim has "High Street", "special agent" for "FBI Special Agent"); without one of them, only a
    capitalised word is the last word of a name of several words ("the Bush administration" is no
    "Atmospheric Administration"). ``text`` is the claim's text, from document offset ``offset``."""
    last = {stem(u.key[2:].split()[-1]): u.key for u in other if u.kind == "entity" and len(u.key) > 2}
    if not last:
        return units
    out: list[Unit] = []
    for u in units:
        if not (u.kind == "word" and u.content and u.key in last):
            out.append(u)
            continue
        name = last[u.key]
        before = name[2:].split()[:-1]
        written = _written_before(out, before, text, offset)
        if written:
            start = out[-written].start
            del out[-written:]
            out.append(u._replace(key=name, kind="entity", start=start))
        elif not before or text[u.start - offset:u.start - offset + 1].isupper():
            out.append(u._replace(key=name, kind="entity"))
        else:
            out.append(u)
    return tuple(out)


def _written_before(units: list[Unit], words: list[str], text: str, offset: int) -> int:
    """How many of the last ``units`` spell the last of ``words`` (letters and digits alike,
    whatever the case: "F.B.I." for "FBI"; the two units of "don't" are one word)."""
    taken = 0
    for word in reversed(words):
        if taken == len(units):
            break
        span = (units[-1 - taken].start, units[-1 - taken].end)
        if _NOT_ALNUM.sub("", text[span[0] - offset:span[1] - offset].lower()) != _NOT_ALNUM.sub("", word):
            break
        while taken < len(units) and (units[-1 - taken].start, units[-1 - taken].end) == span:
            taken += 1
    return taken


_NOT_ALNUM = re.compile(r"[\W_]+")
_SPELLING = 85  # letters-only similarity of two spellings of one name ("Turk", "Turks")
_NOT_LETTER = re.compile(r"[^a-z]+")


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words) if len(words) > 1 else ""


_LINKING = frozenset({"of", "and", "the", "for", "&"})


def _acronym_of(words: list[str], acronym: str) -> bool:
    """``acronym`` is the initials of ``words``: with or without the linking words ("DOJ",
    "CHOG"), without a company's legal form at the end ("GE" for "General Electric Co."), and
    read without its dots and ampersand ("S.& P.")."""
    core = list(words)
    while len(core) > 2 and core[-1].rstrip(".") in words_of("company_suffixes"):
        core.pop()
    forms = _acronym_forms(_NOT_LETTER.sub("", acronym.lower()) if "." in acronym or "&" in acronym else acronym)
    return any(_initials(w) in forms for w in (core, [w for w in core if w not in _LINKING], words))


def _spelt_out(short: list[str], long: list[str]) -> bool:
    """``long`` is ``short`` with an acronym in it written out: the other words the same, the
    acronym the initials of a run of words (function words inside the run left out)."""
    if len(short) >= len(long) or len(short) < 2:
        return False
    i = j = 0
    expanded = False
    while i < len(short) and j < len(long):
        if short[i] == long[j]:
            i, j = i + 1, j + 1
            continue
        run = _initial_run(short[i], long, j)
        if run == 0:
            return False
        i, j, expanded = i + 1, j + run, True
    return expanded and i == len(short) and j == len(long)


def _initial_run(acronym: str, words: list[str], start: int) -> int:
    """How many words from ``start`` the letters of ``acronym`` are the initials of (0: none)."""
    if len(acronym) < 2 or not acronym.isalpha():
        return 0
    k, j = 0, start
    while k < len(acronym) and j < len(words):
        if words[j][0] == acronym[k]:
            k += 1
        elif j == start or words[j] not in _INSIDE_ACRONYM:
            return 0
        j += 1
    return j - start if k == len(acronym) else 0


_INSIDE_ACRONYM = frozenset({"of", "the", "and", "for", "to", "on", "in"})


def _acronym_forms(text: str) -> tuple[str, ...]:
    """An acronym as written and, for a plural ("DNNs"), without its "s"."""
    return (text, text[:-1]) if len(text) > 2 and text.endswith("s") and " " not in text else (text,)


def _letters(key: str) -> str:
    return _NOT_LETTER.sub("", key[2:])


def same_digits(x: str, y: str) -> bool:
    """The same numbers written in two names: "Q1" is not "Q2", nor "F-16" an "F-35"."""
    return _DIGITS.findall(x) == _DIGITS.findall(y)


_DIGITS = re.compile(r"\d+")


def _unify(key: str, others: Sequence[str], written: dict[str, str], places: frozenset[str] = frozenset()) -> str:
    """A shorter form of a name the other claim gives in full gets the full name's key: its
    words are some of the other's ("Biden" / "Joe Biden", "NBC" / "NBC News"), or both have
    the same last word and first words that start alike ("Susan Rice" / "Susan E. Rice").
    Two places the gazetteer knows apart (``places``) are never one name ("Austria" /
    "Australia", "Sudan" / "South Sudan")."""
    words = _name_words(key[2:])
    for other in others:
        if not other.startswith("E:") or other == key:
            continue
        full = _name_words(other[2:])
        if key in places and other in places:
            continue  # two places the gazetteer tells apart: "Sudan" is no short "South Sudan"
        if words and full and (_words_within(words, full) or _words_within(full, words) or _plural_of(words, full)):
            return other
        if len(words) > 1 and len(full) > 1 and words[-1] == full[-1] and _same_given(words[0], full[0]):
            return other  # "Susan E. Rice", "Zack Barth" / "Zachary Barth", "Bill" / "William Barr"
        if _acronym_of(full, key[2:]) or _acronym_of(words, other[2:]):
            return other  # "Internet Explorer" / "IE"
        if _acronym_of_written(key, other, written) or _acronym_of_written(other, key, written):
            return other  # "AHL" / "American Hockey League" (keyed "united states hockey league")
        if _spelt_out(words, full) or _spelt_out(full, words):
            return other  # "MVP Award" / "Most Valuable Player Award"
        if fuzz.ratio(_letters(key), _letters(other)) >= _SPELLING and same_digits(key, other):
            return other  # "O'Neill" / "ONeills", "Visual Basic" / "VisualBasic"
    return key


def _words_within(words: Sequence[str], full: Sequence[str]) -> bool:
    """Each of ``words`` is one of ``full``, or a spelling of one ("State Fire Marshall" within
    "Alaska State Fire Marshal")."""
    return all(w in full or (len(w) >= 5 and any(fuzz.ratio(w, f) >= _SPELLING for f in full)) for w in words)


def _acronym_of_written(short: str, long: str, written: dict[str, str]) -> bool:
    """``short`` is the initials of ``long`` as the text writes it (its key may put an alias
    in place of a word)."""
    text = written.get(long)
    return text is not None and _acronym_of(text.lower().replace("-", " ").split(), short[2:])


def _name_words(name: str) -> list[str]:
    """The words a name is compared by: a possessive, a generational suffix ("II", "Jr.") and
    middle initials dropped, "&" read as "and", a state's abbreviation as the state ("N.C.")."""
    words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in name.replace("&", " and ").split()]
    words = [_word_abbreviations().get(w.rstrip("."), w) for w in words]
    words = [w for w in words if w.rstrip(".") not in _SUFFIXES]
    words = [w for k, w in enumerate(words) if k == 0 or k == len(words) - 1 or len(w.rstrip(".")) > 1]
    if len(words) == 1:
        state = state_abbreviations().get(words[0].replace(".", "").capitalize()) or \
            state_abbreviations().get(words[0].replace(".", "").upper())
        if state:
            return state.lower().split()
    return words


@functools.cache
def _word_abbreviations() -> dict[str, str]:
    """Abbreviation -> the word (``data/name_word_abbreviations.txt``): "mt" -> "mount"."""
    return {short: word for word, forms in entries("name_word_abbreviations") for short in forms.split()}


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _plural_of(words: list[str], other: list[str]) -> bool:
    """One word the plural of the other ("KOs" / "KO", "Democrats" / "Democrat")."""
    if len(words) != 1 or len(other) != 1:
        return False
    x, y = words[0], other[0]
    return x == y + "s" or y == x + "s"


def _same_given(x: str, y: str) -> bool:
    """Two given names of one person: the same, one the other's initial ("F." / "Frank"), both
    starting alike ("Zack" / "Zachary"), or one a short form of the other ("Bill" / "William")."""
    x, y = x.rstrip("."), y.rstrip(".")
    if x == y or (min(len(x), len(y)) == 1 and x[0] == y[0]) or x in TITLES or y in TITLES:
        return True  # "F." / "Frank", "Miss Jenkin" / "Katie Jenkin"
    if x[:3] == y[:3] and min(len(x), len(y)) > 2:
        return True
    short = _nicknames()
    return y in short.get(x, ()) or x in short.get(y, ())


@functools.cache
def _nicknames() -> dict[str, frozenset[str]]:
    return {full: frozenset(forms.split()) for full, forms in entries("nicknames")}


def _moved(ops, ka, kb, ua, ub) -> tuple[set[int], set[int]]:
    """Content units deleted in one place and inserted in another: a change of order only."""
    deleted: dict[str, list[int]] = {}
    for _, i1, i2, _, _ in ops:
        for i in range(i1, i2):
            if ua[i].content:
                deleted.setdefault(ka[i], []).append(i)
    moved_a: set[int] = set()
    moved_b: set[int] = set()
    for _, _, _, j1, j2 in ops:
        for j in range(j1, j2):
            if ub[j].content and deleted.get(kb[j]):
                moved_a.add(deleted[kb[j]].pop(0))
                moved_b.add(j)
    return moved_a, moved_b
