"""Named entities: the alias gazetteer first, then capitalised spans for names it lacks.

A gazetteer plus capitalisation rules is fast and offline (no model to download),
and its canonical names are what lets "ROK" and "South Korea" compare equal.
"""

import re
from collections.abc import Iterable
from typing import NamedTuple

from comparer.types import Mention

# Words, initials and punctuation; a possessive "'s" is its own token.
TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:&[^\W_]+)*(?:['’](?![sS]\b)[^\W_]+)*|['’][sS]\b|[^\w\s]")

# Roles before a name: dropped from the entity, but they mark what follows as a person.
TITLES = frozenset("""
president vice prime minister secretary chancellor king queen prince princess pope premier
sen senator gov governor mayor rep representative congressman congresswoman ambassador envoy
mr mrs ms dr prof gen general lt col sgt capt cpl officer deputy sheriff chief detective
judge justice attorney spokesman spokeswoman spokesperson chairman chairwoman chair director
commissioner superintendent trooper agent lawyer actor actress singer rapper coach
foreign defense defence finance interior state home health trade minister's
""".split())
# Lower-case words that may sit inside a name: "Bank of England", "Leonardo da Vinci".
CONNECTORS = frozenset({"of", "the", "de", "da", "del", "van", "von", "bin", "al", "for", "&"})
# Capitalised words that begin sentences without naming anything.
_COMMON = frozenset("""
the a an he she it they we i you his her its their our my this that these those there here
but and or so yet if when while after before as in on at for with from by to of meanwhile
however also still then now some many most no not none all both each one two three four five
during despite although though because since until unless whether what which who whom whose
where why how later earlier today yesterday tomorrow last next according speaking asked
regarding specifically furthermore moreover additionally instead indeed thus hence thanks
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
""".split())


class Gazetteer(NamedTuple):
    """Alias forms tokenised for longest-match lookup at each capitalised token."""

    forms: dict[tuple[str, ...], str]
    longest: dict[str, int]
    types: dict[str, str]
    exact_case: frozenset[tuple[str, ...]]

    @classmethod
    def build(cls, aliases: dict[str, str], types: dict[str, str]) -> "Gazetteer":
        """Index ``surface -> canonical``; acronyms ("US", "WHO") then match only in capitals."""
        forms: dict[tuple[str, ...], str] = {}
        longest: dict[str, int] = {}
        exact: set[tuple[str, ...]] = set()
        for surface, canonical in aliases.items():
            key = tuple(_key(t) for t in TOKEN.findall(surface))
            if not key:
                continue
            forms[key] = canonical
            longest[key[0]] = max(longest.get(key[0], 0), len(key))
            if len(key) == 1 and surface.replace(".", "").isupper():
                exact.add(key)
        return cls(forms, longest, types, frozenset(exact))


def _key(token: str) -> str:
    return token.lower().replace("’", "'")


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper() or (token[:1].isdigit() and any(c.isupper() for c in token))


def find_entities(text: str, gazetteer: Gazetteer, *, known_capitalised: Iterable[str] = (),
                  offset: int = 0) -> list[Mention]:
    """Entities in ``text``: alias matches (canonical value) and other capitalised names.

    ``known_capitalised`` holds words the document capitalises mid-sentence, so that a
    sentence-initial word counts as a name only when the document treats it as one.
    Offsets are shifted by ``offset`` (the claim's position in its document).
    """
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    known = set(known_capitalised)
    mentions: list[Mention] = []
    i = 0
    after_title = False
    while i < len(tokens):
        start, _, word = tokens[i]
        if not _is_capitalised(word):
            after_title = False
            i += 1
            continue
        match = _longest_alias(tokens, i, gazetteer)
        if match:
            length, canonical = match
            end = tokens[i + length - 1][1]
            mentions.append(Mention("entity", start + offset, end + offset, text[start:end], canonical,
                                    label=gazetteer.types.get(canonical, "other")))
            i += length
            after_title = False
            continue
        lower = _key(word).rstrip(".")
        if lower in TITLES:
            after_title = True
            i += 1
            continue
        if lower in _COMMON:
            after_title = False
            i += 1
            continue
        j = _run_end(tokens, i, gazetteer)
        first_in_sentence = i == 0 or tokens[i - 1][2] in {"“", "\"", "(", ":", "—", "–"}
        words = [t[2] for t in tokens[i:j]]
        if len(words) == 1 and first_in_sentence and word not in known:
            i = j
            after_title = False
            continue
        end = tokens[j - 1][1]
        name = " ".join(w if not (w.isupper() and len(w) > 4) else w.title()
                        for w in words if w not in ("'s", "’s"))
        label = "person" if after_title else "other"
        mentions.append(Mention("entity", start + offset, end + offset, text[start:end], name, label=label))
        after_title = False
        i = j
    return mentions


def _longest_alias(tokens: list[tuple[int, int, str]], i: int, gaz: Gazetteer) -> tuple[int, str] | None:
    first = _key(tokens[i][2])
    most = gaz.longest.get(first, 0)
    for length in range(min(most, len(tokens) - i), 0, -1):
        key = tuple(_key(t[2]) for t in tokens[i:i + length])
        canonical = gaz.forms.get(key)
        if canonical is None:
            continue
        if key in gaz.exact_case and not tokens[i][2].replace(".", "").isupper():
            continue
        return length, canonical
    return None


def _run_end(tokens: list[tuple[int, int, str]], i: int, gaz: Gazetteer) -> int:
    """End (exclusive) of a capitalised name starting at token ``i``."""
    j = i + 1
    while j < len(tokens):
        word = tokens[j][2]
        if tokens[j][0] - tokens[j - 1][1] > 1:  # a line break or double space ends a name
            break
        if _is_capitalised(word) and _key(word).rstrip(".") not in TITLES and not _longest_alias(tokens, j, gaz):
            j += 1
        elif word == "." and len(tokens[j - 1][2]) == 1 and tokens[j - 1][2].isupper():
            j += 1  # an initial: "Joseph R. Biden"
        elif (word in CONNECTORS and j + 1 < len(tokens) and _is_capitalised(tokens[j + 1][2])
              and not _longest_alias(tokens, j + 1, gaz)):
            j += 2
        else:
            break
    return j


def capitalised_mid_sentence(text: str) -> set[str]:
    """Words a text capitalises where a sentence is not starting: evidence they are names."""
    seen: set[str] = set()
    previous = "."
    for match in TOKEN.finditer(text):
        word = match.group()
        if word[:1].isupper() and previous not in {".", "!", "?", "“", "\"", ":", "\n"}:
            seen.add(word)
        previous = word
    return seen
