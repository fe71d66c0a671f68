"""What a change between two aligned claims touches, and so what kind of discrepancy it is.

One change of the word diff becomes at most one discrepancy. It is typed by the
strongest thing it touches: a negation, an opposite word, a number, a date, a name
(or the speaker of a quotation), the words inside a quotation, a word of certainty;
otherwise it is a change of ``wording``. A change of function words only ("the" for
"a") is no discrepancy outside quotations.

Severity follows what the two spans can mean together. ``high`` only where they
cannot both be true: two values in the same slot (matching words around them) of
two claims that are mostly the same. The same pair of values in claims worded
differently is ``medium``; a value given on one side only, or anything found in a
weakly aligned pair, is ``low``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

from rapidfuzz import fuzz

from comparer.claimdiff import CLAUSE_BREAK, Change, ClaimDiff, Unit, same_digits, span_text
from comparer.dates_agree import compatible_dates, day_against_time
from comparer.mentions.entities import TITLES
from comparer.quantities import (apart_in_the_day, converted_there, currencies_converted, figure_value,
                                 identifiers_apart, in_base, is_identifier, is_noun_unit, measure_against_bare,
                                 of_other_periods, other_dimensions, other_labels, same_periods, same_quantity,
                                 unmatched_numbers)
from comparer.spelling import inflected_alike, letters_of, sounds_alike, spelling_variant, transliterated
from comparer.textunits import stem, stopwords
from comparer.wordlists import entries, groups, lines, state_abbreviations, words

SLOT = 6  # units a side: a longer change is a different wording, not one value replaced
_NEARLY_SAME = 0.8
_SAME = 0.5  # share of matching units for two claims to be "the same statement"


class Finding(NamedTuple):
    """A typed change, with document offsets of both sides."""

    kind: str
    severity: str
    a: tuple[int, int]
    b: tuple[int, int]
    detail: str


@functools.cache
def _opposites() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for left, right in (*groups("antonyms"), *groups("antonyms_wordnet")):
        for x in left:
            out.setdefault(stem(x), set()).update(stem(y) for y in right)
        for y in right:
            out.setdefault(stem(y), set()).update(stem(x) for x in left)
    return {k: frozenset(v) for k, v in out.items()}


@functools.cache
def _grades() -> dict[str, tuple[str, int]]:
    """Word stem -> (family, grade) of certainty."""
    out = {}
    for head, body in entries("modality"):
        family, grade = head.split()
        for word in body.split():
            out[stem(word.lower())] = (family, int(grade))
    return out


def classify(diff: ClaimDiff, change: Change, labels: tuple[str, str], weak: bool) -> Finding | None:
    """The discrepancy one change makes, or None when it changes nothing of substance.

    A change in a slot (a few words between matching ones) is typed by everything it
    touches. A longer change is a different wording of the sentence: there only a
    value that faces a value of its own kind (a number for a number, a date for a
    date) or the words of a quotation are compared, with tight spans.
    """
    slot = _is_slot(diff, change)
    if slot:
        return _in_slot(diff, change, labels, weak)
    return _in_rewording(diff, change, labels, weak)


def _in_slot(diff: ClaimDiff, change: Change, labels: tuple[str, str], weak: bool) -> Finding | None:
    ua, ub = change.a, change.b
    la, lb = labels
    span_a, span_b = _spans(diff, change)
    text_a, text_b = span_text(diff.a, span_a), span_text(diff.b, span_b)

    def found(kind: str, severity: str, detail: str) -> Finding:
        return Finding(kind, "low" if weak else severity, span_a, span_b, detail)

    neg_a = [u for u in ua if u.kind == "negation"]
    neg_b = [u for u in ub if u.kind == "negation"]
    if bool(neg_a) != bool(neg_b) and _negated_opposite(ua, ub):
        return found("wording", "low", f"{la} words it {text_a!r} where {lb} words it {text_b!r}.")
    if bool(neg_a) != bool(neg_b) and _negates_shared(diff, change) and not _verb_for_verb(neg_a or neg_b, ua, ub) \
            and not negation_raised(diff):
        negated, plain = (la, lb) if neg_a else (lb, la)
        return found("negation", "high",
                     f"{negated} says {text_a if neg_a else text_b!r} where {plain} says "
                     f"{text_b if neg_a else text_a!r}: one negates what the other states.")
    if _opposite_pair(ua, ub, diff):
        if _negated_before(diff.a, diff.units_a, ua) != _negated_before(diff.b, diff.units_b, ub):
            # "have not shown that it is probable" / "is improbable": the negation before it
            # in one claim turns the opposite back; the two agree
            return found("wording", "low", f"{la} words it {text_a!r} where {lb} words it {text_b!r}, "
                                           f"one of them negated before it: the two may agree.")
        return found("negation", "high", f"{la} says {text_a!r} where {lb} says the opposite, {text_b!r}.")
    denial = _negated_run(diff, change, labels, weak)
    if denial is not None:
        return denial

    for kind, noun in (("number", "the number"), ("date", "the date")):
        fa = [u for u in ua if u.kind == kind]
        fb = [u for u in ub if u.kind == kind]
        if kind == "number":
            fa, fb = unmatched_numbers(*identifiers_apart(fa, fb))
            fa, fb = same_periods(diff, fa, fb)
            if currencies_converted(fa, fb):
                return None  # "$108 million" where the other gives "£74 million": a conversion
            if (fb and converted_there(diff.a, fb)) or (fa and converted_there(diff.b, fa)):
                return None  # "50 miles (110 km)" where the other gives "110 kilometres"
        if fa and fb:
            if kind == "number" and same_quantity(fa, fb, diff):
                return None
            if kind == "number" and all(_counts_sources(diff.a, x) for x in fa) \
                    and all(_counts_sources(diff.b, y) for y in fb):
                return Finding("attribution", "low", span_a, span_b,
                               f"{la} cites {text_a!r} where {lb} cites {text_b!r}: each outlet counts its "
                               f"own sources.")
            if kind == "number" and all(map(is_identifier, (*fa, *fb))):
                return Finding("number", "low", span_a, span_b,
                               f"{la} gives {text_a!r} where {lb} gives {text_b!r}: another phone number or code, "
                               f"often another line or office rather than a wrong one.")
            if kind == "number" and (measure_against_bare(fa, fb) or other_labels(fa, fb)
                                     or other_dimensions(fa, fb) or of_other_periods(diff, fa, fb)
                                     or all(_other_holders(diff, x, y) for x in fa for y in fb)
                                     or (_of_other_names(diff, change) and not _same_holders(diff, fa, fb))):
                return found("wording", "low", f"{la} gives {text_a!r} where {lb} gives {text_b!r}: "
                                               f"values of different measures.")
            if kind == "number" and _at_other_moments(diff, change):
                return found("wording", "low", f"{la} gives {text_a!r} where {lb} gives {text_b!r} at another "
                                               f"day or time: two moments of the story.")
            if kind == "date" and compatible_dates(fa, fb, diff):
                return None
            if kind == "date" and (day_against_time(fa, fb, ua) or day_against_time(fb, fa, ub)):
                return None  # "Friday morning" and "about 11:40 a.m.": a day and a time of it
            if kind == "date" and _other_values(diff, change):
                return found("wording", "low", f"{la} gives {text_a!r} where {lb} gives {text_b!r} for values "
                                               f"that differ as well: two moments of the story.")
            return found(kind, "high", f"{la} gives {text_a!r} where {lb} gives {text_b!r}: {noun} differs.")
        if fa or fb:  # a detail only one side gives is no conflict of values
            only, other = (la, lb) if fa else (lb, la)
            return found("wording", "low", f"Only {only} gives {text_a if fa else text_b!r} here; {other} does not.")

    period_a, period_b = _period(ua), _period(ub)
    if period_a and period_b and period_a != period_b:
        return found("date", "high", f"{la} says {text_a!r} where {lb} says {text_b!r}: the period differs.")

    ea = [u for u in ua if u.kind == "entity"]
    eb = [u for u in ub if u.kind == "entity"]
    if _other_party(diff, ua, ub):
        return found("entity", "high", f"{la} names {text_a!r} where {lb} names {text_b!r}: another party.")
    if _names_replaced(diff, change):
        if _speaker_swap(diff, ea, eb):
            return found("attribution", "medium", f"{la} credits the words to {text_a!r}, {lb} to {text_b!r}.")
        alike = diff.same * min(len(diff.units_a), len(diff.units_b)) / max(len(diff.units_a), len(diff.units_b))
        if alike < _NEARLY_SAME and (any(_is_source(diff.a, diff.units_a, u) for u in ea)
                                         or any(_is_source(diff.b, diff.units_b, u) for u in eb)):
            # Two sources of one report, told in other words, can both be right: whom each
            # outlet cites is sourcing. (In the same words, another name is another source.)
            return Finding("attribution", "low", span_a, span_b,
                           f"{la} cites {text_a!r} where {lb} cites {text_b!r}.")
        return found("entity", "high", f"{la} names {text_a!r} where {lb} names {text_b!r}.")

    if ea and eb:  # a place and what holds it, an alias, a description: no other entity
        return found("wording", "low", f"{la} names {text_a!r} where {lb} names {text_b!r}.")
    if ea or eb:
        only, other = (la, lb) if ea else (lb, la)
        return found("wording", "low", f"Only {only} names {text_a if ea else text_b!r} here; {other} does not.")

    if _certainty_change(diff, ua, ub) and _few_words(ua) and _few_words(ub):
        return found("modality", "medium",
                     f"{la} says {text_a!r} where {lb} says {text_b!r}: a different degree of certainty.")

    if _size_changed(ua, ub) and _few_words(ua) and _few_words(ub):
        return found("number", "medium", f"{la} says {text_a!r} where {lb} says {text_b!r}: the size it gives "
                                         f"differs.")

    if not any(u.content for u in (*ua, *ub)):
        return None
    if _one_word_quoted_otherwise(diff, change, text_a, text_b):
        return found("quote", "low" if inflected_alike(ua, ub) else "medium",
                     f"The quotation differs: {la} has {text_a!r}, {lb} has {text_b!r}.")
    return found("wording", "low", f"{la} words it {text_a!r} where {lb} words it {text_b!r}.")


def _other_party(diff: ClaimDiff, ua: Sequence[Unit], ub: Sequence[Unit]) -> bool:
    """A word of one party put for a word of another ("Democrats" / "Republicans",
    ``data/parties.txt``): party words describe whom a claim is about, and another party is
    someone else."""
    def parties(claim, units: Sequence[Unit]) -> set[str]:
        return {_parties()[w] for u in units for w in _WORD.findall(span_text(claim, (u.start, u.end)).lower())
                if w in _parties()}
    pa, pb = parties(diff.a, ua), parties(diff.b, ub)
    return len(pa) == len(pb) == 1 and pa != pb


@functools.cache
def _parties() -> dict[str, str]:
    return {word: party for party, body in entries("parties") for word in body.split()}


def _names_replaced(diff: ClaimDiff, change: Change) -> bool:
    """The change puts other names, of the same type and in the same place, for names the other
    claim does not give anywhere: not an alias, a spelling, a place and what holds it, or a
    description ("the South Carolina Republican")."""
    ua, ub = change.a, change.b
    ea = [u for u in ua if u.kind == "entity"]
    eb = [u for u in ub if u.kind == "entity"]
    if not (ea and eb and len(ea) == len(eb) and _names_only(ua) and _names_only(ub)):
        return False
    if _place_describes(diff.a, ua, ea, eb) or _place_describes(diff.b, ub, eb, ea):
        return False
    span_a, span_b = _spans(diff, change)
    return _other_names(diff, ea, eb, span_text(diff.a, span_a), span_text(diff.b, span_b)) and _same_type(ea, eb) \
        and not _named_elsewhere(ea, diff.units_b) and not _named_elsewhere(eb, diff.units_a) \
        and _same_place_in_change(ua, ub)


def _other_names(diff: ClaimDiff, ea: Sequence[Unit], eb: Sequence[Unit], text_a: str, text_b: str) -> bool:
    """Names that are not one name written, described or cut otherwise: not a spelling (two places
    the gazetteer knows apart never are: "Niger" / "Nigeria") or a transliteration, not a place
    and what holds it, a description ("the South Carolina Republican"), or one name cut in other
    places. ``text_a`` and ``text_b`` are what each side's change reads."""
    spelt = not _all_places(ea, eb) and (spelling_variant(text_a, text_b)
                                         or all(transliterated(x, y) for x, y in zip(ea, eb)))
    return not spelt and not _descriptions(ea) and not _descriptions(eb) and not one_place(ea, eb) \
        and not all(cut_otherwise(diff, x, y) for x, y in zip(ea, eb))


def cut_otherwise(diff: ClaimDiff, x: Unit, y: Unit) -> bool:
    """Two names each of whose words stand in the other claim, spelt alike (outside that claim's
    own uses of the same name): one name cut in two places ("the Department of Housing and Urban
    Development" against "the U.S. Housing and Urban Development Department" in a claim that gives
    "U.S." elsewhere). A swapped name brings a word the other claim lacks ("North Korea", "South Korea")."""
    if not same_digits(span_text(diff.a, (x.start, x.end)), span_text(diff.b, (y.start, y.end))):
        return False  # "Q1" / "Q2"
    spelt = not _all_places([x], [y])  # "Austria" is no spelling of "Australia"
    return _words_given(diff.a, x, diff.b, diff.units_b, spelt) and _words_given(diff.b, y, diff.a, diff.units_a, spelt)


def _words_given(claim, name: Unit, other, other_units: Sequence[Unit], spelt: bool) -> bool:
    mine = [w for w in _WORD.findall(span_text(claim, (name.start, name.end)).lower()) if w not in stopwords()]
    text = other.text
    for unit in other_units:  # the same name given whole elsewhere is for the list rules to weigh
        start, end = unit.start - other.start, unit.end - other.start
        if unit.kind == "entity" and set(mine) <= set(_WORD.findall(text[start:end].lower())):
            text = text[:start] + " " * (end - start) + text[end:]
    theirs = set(_WORD.findall(text.lower()))
    return bool(mine) and all(w in theirs or (spelt and any(spelling_variant(w, t) for t in theirs if t[:1] == w[:1]))
                              for w in mine)


_WORD = re.compile(r"[^\W\d_]+")


def _all_places(ea: Sequence[Unit], eb: Sequence[Unit]) -> bool:
    return all(u.mention is not None and u.mention.label == "place" for u in (*ea, *eb))


def _place_describes(claim, units: Sequence[Unit], names: Sequence[Unit], other: Sequence[Unit]) -> bool:
    """A place written before a common noun it qualifies ("an Australian man", "a Texas rancher")
    where the other side gives a name that is no place: a description of the one it names."""
    if any(u.mention is not None and u.mention.label == "place" for u in other):
        return False
    for name in names:
        k = units.index(name)
        if name.mention is None or name.mention.label != "place" or k + 1 >= len(units):
            return False
        after = units[k + 1]
        if not (after.content and after.kind == "word" and span_text(claim, (after.start, after.end)).islower()):
            return False
    return True


def _of_other_names(diff: ClaimDiff, change: Change) -> bool:
    """Another change of the pair puts other names for the claim's names: values said of
    different people or things ("Hurricane Ana ... 45.2 west", "Bill's centre ... 93.7 west")."""
    return any(other is not change and _is_slot(diff, other) and _names_replaced(diff, other)
               and _labelled_alike(other) for other in diff.changes)


def _same_holders(diff: ClaimDiff, fa: Sequence[Unit], fb: Sequence[Unit]) -> bool:
    """Every value on each side held by one and the same name ("Acme, which rose $1.25" /
    "Acme, which rose 77 cents"): what other names the claims give, these values are one's."""
    holders = {_holder(diff.a, diff.units_a, x) for x in fa} | {_holder(diff.b, diff.units_b, y) for y in fb}
    return len(holders) == 1 and None not in holders


def _at_other_moments(diff: ClaimDiff, change: Change) -> bool:
    """Another change of the pair puts another day or time of day for the claim's, or the two
    claims tell their values at different parts of the day ("in early trading", "at the close"):
    values measured at different moments ("at 5 p.m. ... 45.2 west", "at 8 p.m. ... 47.0 west"),
    two updates of one story rather than one value told two ways."""
    if apart_in_the_day(diff.a.text, diff.b.text):
        return True
    for other in diff.changes:
        if other is change or not _is_slot(diff, other):
            continue
        da = [u for u in other.a if u.kind == "date"]
        db = [u for u in other.b if u.kind == "date"]
        if da and db and not compatible_dates(da, db, diff):
            return True
    return False


_MANY_SOURCES = 20  # more people than this saying something are a finding (a poll), not sources
_SOURCE_REACH = 7  # words after the count within which the reporting verb stands ("aides familiar with it said")
_WORD_RUN = re.compile(r"[\w.'’-]+")  # a word, abbreviations included ("U.S."); punctuation ends the run


def _counts_sources(claim, unit: Unit) -> bool:
    """A number that counts the people a report cites ("two aides who saw the memo said",
    "according to three people"): sourcing, not a fact of the event."""
    mention = unit.mention
    if mention is None or not is_noun_unit(mention.unit) or not isinstance(mention.value, float) \
            or not 1 < mention.value < _MANY_SOURCES:
        return False  # "55 percent of voters say" is a finding, not sourcing
    at, end = mention.start - claim.start, mention.end - claim.start
    if claim.text[max(0, at - 14):at].lower().rstrip().endswith("according to"):
        return True
    position, verbs = end, _stems("speech_verbs")
    for _ in range(_SOURCE_REACH):
        if claim.text[position:position + 1] != " ":
            return False  # a comma or a stop before any reporting verb: the count is of something else
        word = _WORD_RUN.match(claim.text, position + 1)
        if word is None:
            return False
        if stem(word.group().rstrip(".'’").lower()) in verbs:
            return True
        position = word.end()
    return False


def _other_values(diff: ClaimDiff, change: Change) -> bool:
    """Another change of the pair puts another number of the same measure for the claim's (see
    :func:`_at_other_moments`: a toll and its day both updated)."""
    for other in diff.changes:
        if other is change or not _is_slot(diff, other):
            continue
        fa, fb = unmatched_numbers(*identifiers_apart([u for u in other.a if u.kind == "number"],
                                                        [u for u in other.b if u.kind == "number"]))
        if fa and fb and not same_quantity(fa, fb, diff) and not other_labels(fa, fb):
            return True
    return False


def _labelled_alike(change: Change) -> bool:
    """Each name replaced by one of the very same type: a person described by a nationality
    ("Duncan Rait", "an Australian man") is still the same person."""
    ea = [u for u in change.a if u.kind == "entity"]
    eb = [u for u in change.b if u.kind == "entity"]
    return all(x.mention is not None and y.mention is not None and x.mention.label == y.mention.label
               for x, y in zip(ea, eb))


def _verb_for_verb(cues: Sequence[Unit], ua: Sequence[Unit], ub: Sequence[Unit]) -> bool:
    """A denying verb ("avoiding", "refused") where the other side has another word: a rewording
    ("preventing") unless the two are opposites, which :func:`_opposite_pair` tells."""
    if any(u.key.split(":")[-1] in _stems("negators") for u in cues):
        return False
    plain = ub if cues[0] in ua else ua
    return any(u.content and u.kind == "word" for u in plain)


def _one_word_quoted_otherwise(diff: ClaimDiff, change: Change, text_a: str, text_b: str) -> bool:
    """Two nearly identical claims whose only change inside quotation marks puts content words
    for others: one quotation given with other words, too short for :func:`comparer.quotations.quotation_changes`
    to tell it from another ("discriminatory and illegal", "unfair and illegal")."""
    ua, ub = change.a, change.b
    if diff.same < _NEARLY_SAME or not (ua and ub) or not all(u.quote >= 0 for u in (*ua, *ub)):
        return False
    if not (any(u.content for u in ua) and any(u.content for u in ub)):
        return False
    quoted_changes = sum(1 for c in diff.changes if any(u.quote >= 0 for u in (*c.a, *c.b)))
    return quoted_changes == 1 and not spelling_variant(text_a, text_b) and not sounds_alike(text_a, text_b)


def _period(units: Sequence[Unit]) -> str | None:
    """The length of time a side of a change names, where that is its one content word."""
    content = [u for u in units if u.content]
    if len(content) != 1 or content[0].kind != "word":
        return None
    return _periods().get(content[0].key)


@functools.cache
def _periods() -> dict[str, str]:
    return {stem(form): head for head, forms in entries("time_periods") for form in forms.split()}


def _negates_shared(diff: ClaimDiff, change: Change) -> bool:
    """The negated side changes nothing but the cue (and one content word at most, a denial
    put for a statement), and what follows the change is the same on both sides: one claim
    negates a predicate the other states ("not a musician" against "singer, musician")."""
    # Both sides as written, words moved elsewhere included: "suffered no consequences" is
    # more than a cue even where "consequences" comes back later on the other side.
    side_a, side_b = diff.units_a[change.i1:change.i2], diff.units_b[change.j1:change.j2]
    negated, plain = (side_a, side_b) if any(u.kind == "negation" for u in change.a) else (side_b, side_a)
    if not only_the_cue(negated):
        return False
    claim = diff.a if negated is side_a else diff.b
    if any(u.kind == "negation" and _contrasting(claim, u) for u in negated):
        return False
    # What the cue denies within the change must be something the other claim says ("no
    # discussion" denies nothing of "on Wednesday"), unless words are put for it.
    cue_at = max(k for k, u in enumerate(negated) if u.kind == "negation")
    denied = {u.key.split(":")[-1] for u in negated[cue_at + 1:] if u.content} - _stems("negation_adverbs")
    other_units = diff.units_b if negated is side_a else diff.units_a
    # "did not know" / "knew": a verb denied, put for the one stated; "no suspects" / "a quarrel"
    # denies a thing, and another thing in its place is another statement
    replaced = any(u.content and u.kind == "word" for u in plain) and negated[cue_at].key.split(":")[-1] != "no"
    if denied and not replaced and not denied & {u.key.split(":")[-1] for u in other_units}:
        return False
    after_a = diff.units_a[change.i2] if change.i2 < len(diff.units_a) else None
    after_b = diff.units_b[change.j2] if change.j2 < len(diff.units_b) else None
    if after_a is None or after_b is None:  # the cue ends the claim: "..., he did not."
        if negated[cue_at].key.split(":")[-1] == "no":
            return False  # "... and no further": a "no" with nothing after it denies nothing here
        return len(diff.units_a[change.i1:change.i2]) + len(diff.units_b[change.j1:change.j2]) <= 3
    # What the cue denies follows it on both sides ("not a musician", "singer-songwriter,
    # musician"); otherwise the plain side may change only as little, or it states another
    # predicate ("now prepared to work for", "not campaigning for").
    if _moved_negation(diff, negated is side_a, change):
        return False
    lexical = negated[cue_at].key.split(":")[-1] not in _stems("negators")
    if lexical:
        # A denying verb with nothing facing it negates only a verb or clause it governs
        # ("refused to model" / "modelled", "denied that he lied" / "he lied"); before an
        # object ("rejected the deal" / "the deal") it is a predicate the other claim lacks.
        claim_units = side_a if negated is side_a else side_b
        whole = diff.units_a if negated is side_a else diff.units_b
        at = whole.index(claim_units[cue_at])
        following = whole[at + 1] if at + 1 < len(whole) else None
        text = diff.a.text if negated is side_a else diff.b.text
        start = diff.a.start if negated is side_a else diff.b.start
        gerund = following is not None and text[following.start - start:following.end - start].lower().endswith("ing")
        governs = negated[cue_at].key.split(":")[-1] == "to" or gerund or \
            (following is not None and following.key in ("to", "that"))  # "avoid walking" / "walk"
        return governs and after_a.key == after_b.key and after_a.content
    return after_a.key == after_b.key and (after_a.content or only_the_cue(plain))


def _negated_before(claim, units: Sequence[Unit], changed: Sequence[Unit]) -> bool:
    """A negation stands before the changed words in their clause ("have not shown that it is
    probable")."""
    if not changed:
        return False
    start = changed[0].start
    return any(u.kind == "negation" and u.end <= start
               and not CLAUSE_BREAK.search(claim.text[u.end - claim.start:start - claim.start]) for u in units)


def _contrasting(claim, cue: Unit) -> bool:
    """A "not" after a comma that sets one thing against another ("on her job, not the recall
    drive"): it denies the thing after it, not the predicate the claims share."""
    before = claim.text[:cue.start - claim.start].rstrip()
    word = claim.text[cue.start - claim.start:cue.end - claim.start].lower()
    return word == "not" and before.endswith(",")


def negation_raised(diff: ClaimDiff) -> bool:
    """Both claims negate as often, around a verb such as "think" or "feel" that takes the
    negation before it or in its clause with one sense ("I don't think he will come" / "I
    think he won't come", ``data/neg_raising_verbs.txt``)."""
    counts = [sum(u.kind == "negation" for u in units) for units in (diff.units_a, diff.units_b)]
    if counts[0] != counts[1] or not counts[0]:
        return False
    raising = _stems("neg_raising_verbs")
    return bool(raising & {u.key for u in diff.units_a} & {u.key for u in diff.units_b})


def _moved_negation(diff: ClaimDiff, negated_is_a: bool, change: Change) -> bool:
    """The other claim negates in the same clause, in another place ("would no longer consider
    them to be in violation" / "do not violate"): the negation moved, it did not appear."""
    plain_units = diff.units_b if negated_is_a else diff.units_a
    plain_claim = diff.b if negated_is_a else diff.a
    start = change.j1 if negated_is_a else change.i1
    end = change.j2 if negated_is_a else change.i2
    changed: set[int] = set()
    for other in diff.changes:
        changed.update(range(other.j1, other.j2) if negated_is_a else range(other.i1, other.i2))
    for k, unit in enumerate(plain_units):
        if unit.kind != "negation" or start <= k < end or k not in changed:
            continue
        lo, hi = sorted((unit.end, plain_units[min(start, len(plain_units) - 1)].start))
        between = plain_claim.text[lo - plain_claim.start:hi - plain_claim.start]
        if not CLAUSE_BREAK.search(between):
            return True
    return False


def _named_elsewhere(names: Sequence[Unit], other: Sequence[Unit]) -> bool:
    """A name of the change that the other claim gives in another form and place
    ("Democrats", "Democratic candidates"): the claims are worded differently, not swapped.
    (The same name elsewhere in the other claim is no sign: a swap often keeps it.)"""
    others = [letters_of(u.key) for u in other if u.kind == "entity"]
    for name in names:
        mine = letters_of(name.key)
        if any(mine != o and min(len(mine), len(o)) >= 6 and mine[:6] == o[:6] and fuzz.ratio(mine, o) >= 80
               for o in others):
            return True
    return False


def _negated_opposite(ua: Sequence[Unit], ub: Sequence[Unit]) -> bool:
    """One side negates the opposite of what the other states ("not difficult", "easy"): two
    ways to say one thing."""
    def words(units: Sequence[Unit]) -> set[str]:
        return {_word_of(u) for u in units if u.content and u.kind not in ("negation", "hedge")}

    return any(_opposite(x, y) for x in words(ua) for y in words(ub))


def only_the_cue(units: Sequence[Unit]) -> bool:
    """A side of a change that holds a negation cue, or what it denies, and little else."""
    return sum(1 for u in units if u.content and u.kind not in ("negation", "hedge")) <= 1 and len(units) <= 4


def _same_type(ea: Sequence[Unit], eb: Sequence[Unit]) -> bool:
    """Names of one kind (two places, two people); "other" is any kind."""
    for x, y in zip(ea, eb):
        lx, ly = _label(x), _label(y)
        if lx != ly and "other" not in (lx, ly):
            return False
    return True


def _label(unit: Unit) -> str:
    return unit.mention.label if unit.mention else "other"


def _is_source(claim, units: Sequence[Unit], name: Unit) -> bool:
    """A name that a claim cites for what it reports: the subject of a reporting verb right
    after it ("the Bergen Tribune reported", "Lindqvist said"), or after "according to"."""
    k = units.index(name)
    text = claim.text
    if k + 1 < len(units):
        verb = units[k + 1]
        between = text[name.end - claim.start:verb.start - claim.start]
        word = text[verb.start - claim.start:verb.end - claim.start].lower()
        said = verb.key.split(":")[-1]
        if not between.strip() and not word.endswith("ing") and \
                (said in _stems("speech_verbs") or said in _stems("attribution")):
            return True
    before = [u.key.split(":")[-1] for u in units[max(0, k - 2):k]]
    return before == ["accord", "to"]


def one_place(ea: Sequence[Unit], eb: Sequence[Unit]) -> bool:
    """A city and the country or state it lies in ("Hamburg", "Germany"; "Atlanta", "Georgia"):
    one place named at two levels (``data/places_geonames.txt``)."""
    if len(ea) != 1 or len(eb) != 1:
        return False
    # The names as written: a capital's key is its country's ("Berlin" is keyed "germany").
    x, y = (" ".join((u.mention.text if u.mention else u.key.split(":", 1)[-1]).lower().split())
            for u in (*ea, *eb))
    within = _containers()
    if y in within.get(x, ()) or x in within.get(y, ()):
        return True
    # A US state and the country ("Washington state", "the United States").
    x, y = (name.removeprefix("the ").removesuffix(" state") for name in (x, y))
    states = _us_states()
    return (x in states and y in _US_NAMES) or (y in states and x in _US_NAMES)


_US_NAMES = frozenset({"united states", "united states of america", "us", "u.s.", "usa", "america"})


@functools.cache
def _us_states() -> frozenset[str]:
    """The US states, lower case (``data/state_abbreviations.txt``)."""
    return frozenset(state.lower().removesuffix(" state") for state in state_abbreviations().values())


@functools.cache
def _containers() -> dict[str, frozenset[str]]:
    """City (lower case) -> the countries and states of every city of that name."""
    out: dict[str, set[str]] = {}
    for line in lines("places_geonames"):
        city, *where = (part.strip().lower() for part in line.split("|"))
        out.setdefault(city, set()).update(where)
    return {city: frozenset(where) for city, where in out.items()}


def _descriptions(names: Sequence[Unit]) -> bool:
    """Names that describe someone by party or role ("the Democrat", "GOP", "Republicans"):
    they stand for a person or group named otherwise, not for another one."""
    known = words("descriptors")
    return all(all(w.lower() in known for w in _letters_and_spaces(u.key).split()) for u in names)


def _letters_and_spaces(key: str) -> str:
    return re.sub(r"[^a-z ]+", "", key.split(":", 1)[-1].lower())


def _names_only(units: Sequence[Unit]) -> bool:
    """The change is the names themselves: one other content word at most ("Senator")."""
    return sum(1 for u in units if u.content and u.kind != "entity") <= 1


def _same_place_in_change(ua: Sequence[Unit], ub: Sequence[Unit]) -> bool:
    """The names stand on the same side of the change's other word: "Harlow said" against "she
    told the Post" puts a speaker against whom he told, not one name in another's place."""
    speech = _stems("speech_verbs")

    def before_word(units: Sequence[Unit]) -> bool | None:
        words = [k for k, u in enumerate(units) if u.kind != "entity" and u.key not in TITLES
                 and (u.content or u.key in speech)]
        names = [k for k, u in enumerate(units) if u.kind == "entity"]
        return names[0] < words[0] if words and names else None

    x, y = before_word(ua), before_word(ub)
    return x is None or y is None or x == y


def _few_words(units: Sequence[Unit]) -> bool:
    return sum(1 for u in units if u.content) <= 2


def _in_rewording(diff: ClaimDiff, change: Change, labels: tuple[str, str], weak: bool) -> Finding | None:
    """In differently worded claims: a value facing one of its kind, or a quotation's words."""
    la, lb = labels
    if not _share_names(diff):
        return None  # "Hale won with 83 percent" is not about "Delaney won with 58 percent"
    denial = _negated_run(diff, change, labels, weak)
    if denial is not None:
        return denial
    for kind, noun in (("number", "the number"), ("date", "the date")):
        fa = [u for u in change.a if u.kind == kind and u.mention is not None]
        fb = [u for u in change.b if u.kind == kind and u.mention is not None]
        if len(fa) != 1 or len(fb) != 1:
            continue
        x, y = fa[0], fb[0]
        if kind == "number" and (same_quantity(fa, fb, diff) or not _same_measure(diff, x, y)
                                 or _other_holders(diff, x, y) or of_other_periods(diff, [x], [y])
                                 or apart_in_the_day(diff.a.text, diff.b.text)
                                 or not _comparable(x, y)):
            continue
        labels_xy = {m.label for m in (x.mention, y.mention) if m is not None}
        if kind == "date" and (compatible_dates(fa, fb, diff) or "relative" in labels_xy
                               or (diff.same < _SAME and not _same_occasion(diff, x, y))):
            continue
        span_a, span_b = (x.start, x.end), (y.start, y.end)
        return Finding(kind, "low" if weak else "medium", span_a, span_b,
                       f"{la} gives {span_text(diff.a, span_a)!r} where {lb} gives {span_text(diff.b, span_b)!r}: "
                       f"{noun} differs.")
    ea = [u for u in change.a if u.kind == "entity"]
    eb = [u for u in change.b if u.kind == "entity"]
    if len(ea) == 1 and len(eb) == 1 and _same_type(ea, eb) and _same_role(diff, ea[0], eb[0]) \
            and not one_place(ea, eb):
        span_a, span_b = (ea[0].start, ea[0].end), (eb[0].start, eb[0].end)
        return Finding("entity", "low" if weak else "medium", span_a, span_b,
                       f"{la} names {span_text(diff.a, span_a)!r} where {lb} names {span_text(diff.b, span_b)!r}.")
    return None


_ARTICLES = frozenset({"the", "a", "an"})
_DENIED_RUN = 3  # content words both claims share right after a negation for it to deny them


def _shared_after(diff: ClaimDiff, change: Change) -> int:
    """The content words of the run both claims share right after a change."""
    shared = 0
    for x, y in zip(diff.units_a[change.i2:], diff.units_b[change.j2:]):
        if x.key != y.key:
            break
        shared += x.content
    return shared


def _negated_run(diff: ClaimDiff, change: Change, labels: tuple[str, str], weak: bool) -> Finding | None:
    """A negation that ends one side of a long change and stands before words both claims then
    share ("... and became the first city to ban" / "was not the first city to ban"): one
    claim denies what the other states, however differently the two begin."""
    neg_a = [k for k, u in enumerate(change.a) if u.kind == "negation"]
    neg_b = [k for k, u in enumerate(change.b) if u.kind == "negation"]
    if bool(neg_a) == bool(neg_b):
        return None
    negated, plain, at = (change.a, change.b, neg_a[-1]) if neg_a else (change.b, change.a, neg_b[-1])
    # One negation in one claim, none in the other, and no question: else what is denied is unclear.
    cues = [sum(u.kind == "negation" for u in units) for units in (diff.units_a, diff.units_b)]
    if sorted(cues) != [0, 1] or any(c.text.rstrip(" \"'”’").endswith("?") for c in (diff.a, diff.b)):
        return None
    cue = negated[at]
    if any(u.content for u in negated[at + 1:]) or cue.key.split(":")[-1] not in _stems("negators"):
        return None
    if not plain or any(u.kind == "negation" for u in plain) or _opposite_pair(negated[at:], plain[-1:]):
        return None
    if _shared_after(diff, change) < _DENIED_RUN:
        return None
    statement = next((u for u in reversed(plain) if u.content), plain[-1])
    opening = at - 1 if at > 0 and not negated[at - 1].content else at  # "was not", "does not"
    side_neg = (negated[opening].start, negated[-1].end)
    side_plain = (statement.start, plain[-1].end)
    span_a, span_b = (side_neg, side_plain) if neg_a else (side_plain, side_neg)
    la, lb = labels
    neg_label, plain_label = (la, lb) if neg_a else (lb, la)
    text_neg = span_text(diff.a if neg_a else diff.b, side_neg)
    text_plain = span_text(diff.b if neg_a else diff.a, side_plain)
    return Finding("negation", "low" if weak else "high", span_a, span_b,
                   f"{neg_label} says {text_neg!r} where {plain_label} says {text_plain!r} before the same "
                   f"words: one negates what the other states.")


def _share_names(diff: ClaimDiff) -> bool:
    """Two differently worded claims are about the same subject only if they name someone in
    common, where both name anyone."""
    names_a = {u.key for u in diff.units_a if u.kind == "entity"}
    names_b = {u.key for u in diff.units_b if u.kind == "entity"}
    return not (names_a and names_b) or bool(names_a & names_b)


def _same_role(diff: ClaimDiff, x: Unit, y: Unit) -> bool:
    """Two names in the same role of differently worded claims: the same word just before
    both ("in Norfolk", "in Norwalk"), and neither name found anywhere in the other claim."""
    before_x = _previous_word(diff.units_a, x)
    before_y = _previous_word(diff.units_b, y)
    if before_x is None or before_x != before_y or before_x in _ARTICLES:
        return False
    keys_a = {u.key for u in diff.units_a}
    keys_b = {u.key for u in diff.units_b}
    return x.key not in keys_b and y.key not in keys_a


def _other_holders(diff: ClaimDiff, x: Unit, y: Unit) -> bool:
    """The numbers belong to different names: the name just before each, in its clause, differs
    ("Quinn put up 19 points", "Ortiz also added 14 points")."""
    hx, hy = _holder(diff.a, diff.units_a, x), _holder(diff.b, diff.units_b, y)
    return hx is not None and hy is not None and hx != hy


_HOLDER_REACH = 6  # units between a name and the number it holds


def _holder(claim, units: Sequence[Unit], number: Unit) -> str | None:
    """The key of the name that a number belongs to: the nearest one before it in its clause, or
    the name a relative clause that holds the number speaks of ("Globex, which added 40
    cents")."""
    k = units.index(number)
    for unit in reversed(units[max(0, k - _HOLDER_REACH):k]):
        if unit.kind == "entity":
            between = claim.text[unit.end - claim.start:number.start - claim.start]
            relative = _RELATIVE.match(between)
            rest = between[relative.end():] if relative else between
            return None if CLAUSE_BREAK.search(rest) else unit.key
    return None


_RELATIVE = re.compile(r",\s+(?:which|who)\b")


def _same_occasion(diff: ClaimDiff, x: Unit, y: Unit) -> bool:
    """Two dates of the same happening: the content word nearest before each is the same
    ("born 26 December 1970", "was born in May")."""
    def before(units: Sequence[Unit], unit: Unit) -> str | None:
        k = units.index(unit)
        return next((u.key for u in reversed(units[:k]) if u.content and u.kind == "word"), None)
    word = before(diff.units_a, x)
    return word is not None and word == before(diff.units_b, y)


def _previous_word(units: Sequence[Unit], unit: Unit) -> str | None:
    k = units.index(unit)
    return units[k - 1].key if k > 0 and units[k - 1].kind == "word" else None


def _same_measure(diff: ClaimDiff, x: Unit, y: Unit) -> bool:
    """Two numbers of one quantity: the same unit, and the same counted word after them."""
    mx, my = x.mention, y.mention
    if mx is None or my is None or mx.label != my.label:
        return False
    if mx.unit != my.unit and in_base(1.0, mx.unit)[0] != in_base(1.0, my.unit)[0] \
            and not (is_noun_unit(mx.unit) or is_noun_unit(my.unit)):
        return False
    return bool(_counted(diff.units_a, x) & _counted(diff.units_b, y))


def _comparable(x: Unit, y: Unit) -> bool:
    """Two amounts of reworded claims near enough to be one quantity reported twice: one more
    than half again the other ("50,000 deaths", "890,000 infections"; "34,700 new cases", "2.38
    million" in all) are more often two quantities than one reported wrong."""
    vx, vy = figure_value(x), figure_value(y)
    if vx is None or vy is None or min(abs(vx), abs(vy)) == 0:
        return True
    if x.mention is not None and y.mention is not None:  # "two seconds" is no "two weeks"
        bx, by = in_base(vx, x.mention.unit)[1], in_base(vy, y.mention.unit)[1]
        if min(abs(bx), abs(by)) and max(abs(bx), abs(by)) > _APART * min(abs(bx), abs(by)):
            return False
    return max(abs(vx), abs(vy)) <= _REPORTED_TWICE * min(abs(vx), abs(vy))


_REPORTED_TWICE = 1.5
_APART = 100  # converted to one unit, values this many times apart are not one quantity misreported


def _counted(units: Sequence[Unit], number: Unit) -> set[str]:
    """The content words right after a number, what it counts ("845,000 new jobs"), the one
    before it ("gained 845,000"), and a counted noun read as its unit ("870,000 jobs")."""
    k = units.index(number)
    after = [u.key for u in units[k + 1:k + 5] if u.content and u.kind == "word"][:2]
    before = [u.key for u in units[max(0, k - 2):k] if u.content and u.kind == "word"][-1:]
    unit = number.mention.unit if number.mention else ""
    noun = [stem(unit.lower())] if unit.isalpha() and unit.islower() else []
    return set(after + before + noun)


def scattered_names(diff: ClaimDiff, labels: tuple[str, str], weak: bool) -> list[Finding]:
    """A name replaced where the word diff cut the claims in other places ("held a 2008 event in
    Norfolk" / "gathered in Norwalk in 2008"): the one name only the first claim gives against the
    one only the second gives, of one type and after the same preposition, in claims mostly the
    same."""
    if diff.same < _SAME:
        return []
    keys_a, keys_b = {u.key for u in diff.units_a}, {u.key for u in diff.units_b}
    only_a = [u for c in diff.changes for u in c.a if u.kind == "entity" and u.key not in keys_b]
    only_b = [u for c in diff.changes for u in c.b if u.kind == "entity" and u.key not in keys_a]
    if len(only_a) != 1 or len(only_b) != 1:
        return []
    (x,), (y,) = only_a, only_b
    if any(x in c.a and y in c.b for c in diff.changes):
        return []  # one change: :func:`classify` types it
    span_a, span_b = (x.start, x.end), (y.start, y.end)
    # one label ("in New York state" is no "in Sullivan County Jail"), and a preposition before both
    # ("in"): a title ("President") is said of many people
    if _label(x) != _label(y) or not _same_role(diff, x, y) or _previous_word(diff.units_a, x) not in stopwords() \
            or not _other_names(diff, [x], [y], span_text(diff.a, span_a), span_text(diff.b, span_b)):
        return []
    la, lb = labels
    return [Finding("entity", "low" if weak else "medium", span_a, span_b,
                    f"{la} names {span_text(diff.a, span_a)!r} where {lb} names {span_text(diff.b, span_b)!r}.")]


def scattered_numbers(diff: ClaimDiff, labels: tuple[str, str], weak: bool) -> list[Finding]:
    """A number replaced where the word diff saw a deletion in one place and an insertion in
    another ("$40 million to $50 million" / "$50 million to $65 million"): in claims
    otherwise the same, the one number only the first gives against the one only the second
    gives, when both have the same unit."""
    longer = max(len(diff.units_a), len(diff.units_b), 1)
    if diff.same * min(len(diff.units_a), len(diff.units_b)) / longer < _NEARLY_SAME:
        return []
    one_sided = [c for c in diff.changes if not any(u.kind == "number" for u in c.a)
                 or not any(u.kind == "number" for u in c.b)]
    fa = [u for c in one_sided for u in c.a if u.kind == "number" and u.mention is not None]
    fb = [u for c in one_sided for u in c.b if u.kind == "number" and u.mention is not None]
    fa, fb = unmatched_numbers(fa, fb)
    if len(fa) != 1 or len(fb) != 1 or same_quantity(fa, fb, diff):
        return []
    (x,), (y,) = fa, fb
    unit_x, unit_y = (u.mention.unit if u.mention else "" for u in (x, y))
    if not unit_x or unit_x != unit_y:
        return []  # "two blocks" against "36": what the bare number counts is unknown
    la, lb = labels
    return [Finding("number", "low" if weak else "high", (x.start, x.end), (y.start, y.end),
                    f"{la} gives {span_text(diff.a, (x.start, x.end))!r} where {lb} gives "
                    f"{span_text(diff.b, (y.start, y.end))!r}: the number differs.")]


def _is_slot(diff: ClaimDiff, change: Change) -> bool:
    """A short change in two claims that mostly say the same, next to matching words, one of
    them a content word (three units away at most) unless the claims are nearly the same."""
    if diff.same < _SAME or len(change.a) > SLOT or len(change.b) > SLOT:
        return False
    if diff.same >= _NEARLY_SAME:
        return True
    units = diff.units_a
    near = [*units[max(0, change.i1 - 3):change.i1], *units[change.i2:change.i2 + 3]]
    return any(u.content for u in near)


def _spans(diff: ClaimDiff, change: Change) -> tuple[tuple[int, int], tuple[int, int]]:
    """Document offsets of both sides; an empty side (an insertion) takes the neighbouring unit,
    and the other side's span grows to include that same matching unit."""
    ua, ub = change.a, change.b
    if ua and ub:
        return (ua[0].start, ua[-1].end), (ub[0].start, ub[-1].end)
    units_a, units_b = diff.units_a, diff.units_b
    if change.i2 < len(units_a) and change.j2 < len(units_b):   # the next matching unit
        na, nb = units_a[change.i2], units_b[change.j2]
        a = (ua[0].start if ua else na.start, na.end)
        b = (ub[0].start if ub else nb.start, nb.end)
    elif change.i1 > 0 and change.j1 > 0:                        # else the previous one
        pa, pb = units_a[change.i1 - 1], units_b[change.j1 - 1]
        a = (pa.start, ua[-1].end if ua else pa.end)
        b = (pb.start, ub[-1].end if ub else pb.end)
    else:
        whole_a, whole_b = (diff.a.start, diff.a.end), (diff.b.start, diff.b.end)
        a = (ua[0].start, ua[-1].end) if ua else whole_a
        b = (ub[0].start, ub[-1].end) if ub else whole_b
    return a, b


def _opposite_pair(ua: Sequence[Unit], ub: Sequence[Unit], diff: ClaimDiff | None = None) -> bool:
    """One content word replaced by its opposite, one side perhaps adding a word to it ("a
    decrease", "a major increase"); a word added on both sides may change the subject
    ("payrolls increased", "the unemployment rate fell"). A word hyphened to the one before it
    is part of a compound ("3-year-old" is no "old")."""
    ca = [u for u in ua if u.content and not (diff and _hyphened(diff.a, u))]
    cb = [u for u in ub if u.content and not (diff and _hyphened(diff.b, u))]
    if not ca and not cb and len(ua) == len(ub) == 1:  # function words: "before" / "after", "for" / "against"
        ca, cb = list(ua), list(ub)
    if any(u.kind == "negation" and u.key.split(":")[-1] in _stems("negators") for u in (*ca, *cb)):
        return False
    one, other = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
    if len(one) != 1 or len(other) > 2:
        return False
    x = _word_of(one[0])
    return any(_opposite(x, _word_of(y)) for y in other if "number" not in (one[0].kind, y.kind) or
               one[0].kind != y.kind)  # "first" / "second" is a number changed


def _hyphened(claim, unit: Unit) -> bool:
    at = unit.start - claim.start
    return at > 0 and claim.text[at - 1] == "-"


def _word_of(unit: Unit) -> str:
    """The stem a unit compares by: an ordinal ("first") by its word, not its value."""
    mention = unit.mention
    if unit.kind == "number" and mention is not None and " " not in mention.text:
        return stem(mention.text.lower())
    return unit.key.split(":")[-1]


def _opposite(x: str, y: str) -> bool:
    """Two stems of opposite meaning (``data/antonyms.txt``, ``data/antonyms_wordnet.txt``)."""
    return y in _opposites().get(x, ())


def _speaker_swap(diff: ClaimDiff, ea: Sequence[Unit], eb: Sequence[Unit]) -> bool:
    """The changed names are the speakers credited with the claims' quotations."""
    speakers_a = {str(m.value).lower() for m in diff.a.mentions if m.kind == "quote" and m.value}
    speakers_b = {str(m.value).lower() for m in diff.b.mentions if m.kind == "quote" and m.value}
    return any(str(u.mention.value).lower() in speakers_a for u in ea if u.mention) and \
        any(str(u.mention.value).lower() in speakers_b for u in eb if u.mention)


def _certainty_change(diff: ClaimDiff, ua: Sequence[Unit], ub: Sequence[Unit]) -> bool:
    """A modal or commitment word of another grade, or a hedge on one side only. A hedge
    that credits the claim to a source ("reportedly") is matched by any sourcing word in
    the other claim ("first reported by", "accused of")."""
    ga = _grades_of(diff.units_a, ua)
    gb = _grades_of(diff.units_b, ub)
    if ga and gb and ga[0][0] == gb[0][0] and ga[0][1] != gb[0][1]:
        return True
    ha = [u for u in ua if u.kind == "hedge"]
    hb = [u for u in ub if u.kind == "hedge"]
    if bool(ha) == bool(hb):
        return False
    hedged, plain = (ha, diff.units_b) if ha else (hb, diff.units_a)
    # The hedge must soften something both claims say ("in what could spell the end" hedges
    # nothing of a claim without that end).
    claim_units = diff.units_a if ha else diff.units_b
    k = claim_units.index(hedged[-1])
    governed = next((u for u in claim_units[k + 1:] if u.content and u.kind != "hedge"), None)
    if governed is not None and governed.key.split(":")[-1] not in {u.key.split(":")[-1] for u in plain}:
        return False
    sourcing = _stems("attribution")
    return not (all(u.key.split(":")[-1] in sourcing for u in hedged)
                and any(u.key.split(":")[-1] in sourcing for u in plain))


def _size_changed(ua: Sequence[Unit], ub: Sequence[Unit]) -> bool:
    """A word of size put for one of the other grade ("a substantial rise" / "a modest rise",
    ``data/size_words.txt``): each side's changed words hold one grade only, and not the same."""
    sizes = _sizes()
    ga = {sizes[u.key] for u in ua if u.kind == "word" and u.key in sizes}
    gb = {sizes[u.key] for u in ub if u.kind == "word" and u.key in sizes}
    return len(ga) == len(gb) == 1 and ga != gb


@functools.cache
def _sizes() -> dict[str, str]:
    """Word stem -> its grade of size."""
    return {stem(word.lower()): grade for grade, body in entries("size_words") for word in body.split()}


def _grades_of(units: Sequence[Unit], changed: Sequence[Unit]) -> list[tuple[str, int]]:
    """The certainty grades of the changed words. A negated modal has no grade to compare
    ("must not", "cannot" both forbid)."""
    grades = _grades()
    out = []
    for unit in changed:
        word = unit.key.split(":")[-1]
        if word not in grades:
            continue
        k = units.index(unit)
        if k + 1 < len(units) and units[k + 1].kind == "negation" or unit.kind == "negation":
            continue
        out.append(grades[word])
    return out


@functools.cache
def _stems(name: str) -> frozenset[str]:
    """The stems of the words of ``data/<name>.txt``, compared with units' keys."""
    return frozenset(stem(w) for w in words(name))
