"""Named entities: the alias gazetteer first, then capitalised spans for names it lacks.

A gazetteer plus capitalisation rules is fast and offline (no model to download),
and its canonical names are what lets "ROK" and "South Korea" compare equal.
"""

import re
from collections.abc import Iterable
from typing import NamedTuple

from comparer.mentions.dates import is_calendar_word
from comparer.types import Mention
from comparer.wordlists import state_abbreviations, words

# Words, initials and punctuation; a possessive "'s" is its own token.
TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:&[^\W_]+)*(?:['’](?![sS]\b)[^\W_]+)*|['’][sS]\b|[^\w\s]")

# Roles before a name: dropped from the entity, but they mark what follows as a person.
TITLES = frozenset("""
president vice prime minister secretary chancellor king queen prince princess pope premier
sen senator gov governor mayor rep representative congressman congresswoman ambassador envoy
mr mrs ms miss dr prof gen general lt col sgt capt cpl officer deputy sheriff chief detective
judge justice attorney spokesman spokeswoman spokesperson chairman chairwoman chair director
commissioner superintendent trooper agent lawyer actor actress singer rapper coach constable const
inspector insp det supt
foreign defense defence finance interior state home health trade minister's
""".split())
# Words that make a title only before one ("Foreign Minister", "Health Secretary"); before any
# other word they are part of a name ("Ohio State Teachers Association", "Home Office").
_TITLE_MODIFIERS = frozenset("foreign defense defence finance interior state home health trade".split())
# Lower-case words that may sit inside a name: "Bank of England", "Leonardo da Vinci".
CONNECTORS = frozenset({"of", "the", "de", "da", "del", "van", "von", "bin", "al", "for", "&"})
# Capitalised words that begin sentences without naming anything.
_COMMON = frozenset("""
the a an he she it they we i you his her its their our my this that these those there here
but and or so yet if when while after before as in on at for with from by to of meanwhile
however also still then now some many most no not none all both each one two three four five
nothing nobody never neither nor nowhere everyone everything everybody someone something somebody
during despite although though because since until unless whether what which who whom whose
where why how later earlier today yesterday tomorrow last next according speaking asked former
i'm i'll i've i'd
regarding specifically furthermore moreover additionally instead indeed thus hence thanks
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
""".split())


_WORDS = re.compile(r"[^\W\d_]+")
# Short words a headline leaves in lower case ("Mayor Praised for Harbor Plan").
_LOWER_IN_TITLES = frozenset("a an and as at but by for in nor of on or the to up vs via with".split())


_PARTIES = frozenset({"R", "D", "I"})


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
                  known_lower: Iterable[str] = (), offset: int = 0) -> list[Mention]:
    """Entities in ``text``: alias matches (canonical value) and other capitalised names.

    ``known_capitalised`` holds words the document capitalises mid-sentence, so that a
    sentence-initial word counts as a name only when the document treats it as one;
    ``known_lower`` holds words it writes in lower case, which open no name ("Top
    Democrats on Friday ...").
    Offsets are shifted by ``offset`` (the claim's position in its document).
    """
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    known = set(known_capitalised)
    lower_words = set(known_lower)
    headline = is_headline_case(text)
    mentions: list[Mention] = []
    i = 0
    after_title = False
    while i < len(tokens):
        start, _, word = tokens[i]
        if not _is_capitalised(word):
            after_title = False
            i += 1
            continue
        if word in _PARTIES and i + 2 < len(tokens) and tokens[i + 1][2] in "-–" \
                and tokens[i + 1][0] == tokens[i][1] and tokens[i + 2][0] == tokens[i + 1][1]:
            # A party-state label ("R-Wis.", "D-N.Y."): the party letter is no name; the state is.
            i += 2
            state = state_abbreviations().get(tokens[i][2].rstrip("."))
            if state:
                s0, e0, _ = tokens[i]
                mentions.append(Mention("entity", s0 + offset, e0 + offset, text[s0:e0], state, label="place"))
                i += 1
            continue
        match = _longest_alias(tokens, i, gazetteer)
        if match:
            length, canonical = match
            j = _run_end(tokens, i + length - 1, gazetteer) if not headline else i + length
            if all(_key(t[2]) in _descriptors() for t in tokens[i + length:j]):
                j = i + length  # "the South Carolina Republican": a place, then who is from it
            if j > i + length:  # "India Times", "Japan Airlines": a longer name that starts with a known one
                end = tokens[j - 1][1]
                rest = " ".join(t[2] for t in tokens[i + length:j] if t[2] not in ("'s", "’s"))
                name = f"{canonical} {rest}"
                mentions.append(Mention("entity", start + offset, end + offset, text[start:end], name, label="other"))
                i = j
                after_title = False
                continue
            end = tokens[i + length - 1][1]
            mentions.append(Mention("entity", start + offset, end + offset, text[start:end], canonical,
                                    label=gazetteer.types.get(canonical, "other")))
            i += length
            after_title = False
            continue
        lower = _key(word).rstrip(".")
        if _is_title(tokens, i) and not _opens_company_name(tokens, i, gazetteer):
            after_title = True
            i += 1
            continue
        if lower in _COMMON or lower.split("'")[0] in _COMMON or (i == 0 and lower in lower_words):
            after_title = False  # a word the document writes in lower case opens no name
            i += 1
            continue
        j = _run_end(tokens, i, gazetteer)
        first_in_sentence = _opens_sentence(tokens, i)
        words = [t[2] for t in tokens[i:j]]
        if headline and not all(w in known for w in words if w[:1].isupper()):
            i = j  # a headline capitalises every word: only names the prose capitalises count
            after_title = False
            continue
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


def _descriptors() -> frozenset[str]:
    return words("descriptors")


_OPENERS = frozenset({"“", "\"", "‘", "(", ":", "—", "–", "!", "?"})
_APOSTROPHES = frozenset({"'", "’", "`"})


def _opens_sentence(tokens: list[tuple[int, int, str]], i: int) -> bool:
    """Whether token ``i`` starts a sentence (or a quotation): a capital there is no evidence
    of a name. A full stop after a title or an initial ("Mr. Royce", "J. Royce") ends none."""
    if i == 0 or tokens[i - 1][2] in _OPENERS:
        return True
    if tokens[i - 1][2] in _APOSTROPHES and (i == 1 or tokens[i - 2][2] in _APOSTROPHES | _OPENERS):
        return True  # a quotation opened with apostrophes: "''Without a doubt, ..."
    if tokens[i - 1][2] != "." or i < 2:
        return False
    before = _key(tokens[i - 2][2])
    return len(before) > 1 and before not in TITLES and before not in _name_abbreviations()


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


def _is_title(tokens: list[tuple[int, int, str]], i: int) -> bool:
    """Token ``i`` is a role before a name: a title word, or a modifier before one or after one
    and "of" ("Secretary of State")."""
    key = _key(tokens[i][2]).rstrip(".")
    if key not in _TITLE_MODIFIERS:
        return key in TITLES
    core = TITLES - _TITLE_MODIFIERS
    before = i >= 2 and _key(tokens[i - 1][2]) == "of" and _key(tokens[i - 2][2]).rstrip(".") in core
    return before or (i + 1 < len(tokens) and _key(tokens[i + 1][2]).rstrip(".") in core)


def _opens_company_name(tokens: list[tuple[int, int, str]], i: int, gaz: Gazetteer) -> bool:
    """A title word that starts a company's name ("General Electric Co.", "General Mills Inc."):
    the capitalised run after it ends with a legal form (``data/company_suffixes.txt``)."""
    if i + 1 >= len(tokens) or not _is_capitalised(tokens[i + 1][2]):
        return False
    j = _run_end(tokens, i + 1, gaz)
    return _key(tokens[j - 1][2]).rstrip(".") in words("company_suffixes")


def _run_end(tokens: list[tuple[int, int, str]], i: int, gaz: Gazetteer) -> int:
    """End (exclusive) of a capitalised name starting at token ``i``."""
    j = i + 1
    while j < len(tokens):
        word = tokens[j][2]
        if tokens[j][0] - tokens[j - 1][1] > 1:  # a line break or double space ends a name
            break
        if is_calendar_word(word):  # "Republicans Tuesday": the name ends before the day
            break
        if tokens[j - 1][2].endswith(".") and _key(word) in _COMMON:
            break  # "the C.I.A. Nothing was found": a sentence starts after the abbreviation
        if _is_capitalised(word) and not _is_title(tokens, j) and not _longest_alias(tokens, j, gaz):
            j += 1
        elif word == "." and len(tokens[j - 1][2]) == 1 and tokens[j - 1][2].isupper():
            j += 1  # an initial: "Joseph R. Biden"
        elif (word in CONNECTORS and j + 1 < len(tokens) and _is_capitalised(tokens[j + 1][2])
              and not _longest_alias(tokens, j + 1, gaz)):
            j += 2
        else:
            break
    return j


def is_headline_case(text: str) -> bool:
    """Whether most words of ``text`` are capitalised, as in a headline ("Mayor Praised for ...")."""
    if text.rstrip()[-1:] in ".!?\"”’:;":
        return False  # a sentence, not a headline
    words = [w for w in _WORDS.findall(text) if w.lower() not in CONNECTORS and w.lower() not in _LOWER_IN_TITLES]
    if len(words) < 4:
        return False
    return sum(1 for w in words if w[:1].isupper()) >= 0.7 * len(words)


def lower_case_words(text: str) -> set[str]:
    """Words a text writes in lower case somewhere ("top", "leading")."""
    return {w for w in _WORDS.findall(text) if w.islower()}


def capitalised_mid_sentence(text: str) -> set[str]:
    """Words a text capitalises where a sentence is not starting: evidence they are names.

    Lines in headline case are left out: there every word is capitalised.
    """
    seen: set[str] = set()
    previous, before = ".", ""
    prose = "\n".join(line for line in text.split("\n") if not is_headline_case(line))
    previous_end = 0
    for match in TOKEN.finditer(prose):
        word = match.group()
        if "\n" in prose[previous_end:match.start()]:
            previous = "\n"  # a new line starts a sentence
        after_title = previous == "." and (_key(before) in TITLES or _key(before) in _name_abbreviations())
        if word[:1].isupper() and (after_title or previous not in {".", "!", "?", "“", "\"", "‘", "'", ":", "\n"}):
            seen.add(word)
        previous, before = word, previous
        previous_end = match.end()
    return seen


def _name_abbreviations() -> frozenset[str]:
    return words("abbreviations_before_names")
