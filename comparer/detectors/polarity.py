"""Negation and modality: one account says the opposite, or says it with less certainty.

Negation: a negation cue in one claim whose scope (the words right after it) the
other claim states without a cue ("is not a model" against "actress and model"),
or a pair of opposite words facing each other ("confirmed" / "denied", "won" /
"lost"). A cue whose scope the other claim never mentions ("is not a football
player" against "singer and actor") is a different statement, not a contradiction.

Modality: a modal or commitment word replaced by one of another strength in the
same place ("will" / "may", "agreed" / "discussed"), or a hedge ("reportedly")
present on one side only.
"""

import re
from typing import NamedTuple
from collections.abc import Iterator

from comparer.detectors.base import Context, Finding, Pair, Token, stem

_OPP_SHARE = 0.4  # content-word share above which opposite words anywhere in two claims count
_SCOPE = 4  # content words after a cue that it negates
# Words between a cue and what it negates that carry no statement of their own.
# Copular verbs too: "never appeared on the cover" negates "on a magazine cover".
_TRANSPARENT = frozenset(stem(w) for w in """ever even really currently yet always actually truly know how able
manage managed try tried want wanted become became becomes appear appeared appears seem seemed seems
remain remained remains relation relations connection connections ties link links involvement""".split())
# Opposites, by surface forms; each side is matched through the crude stemmer.
_OPPOSITES = [
    ("confirm confirmed confirms", "deny denied denies"),
    ("win won wins winning", "lose lost loses losing"),
    ("before", "after"),
    ("increase increased increases rise rose risen rises grew grow grows", "decrease decreased decreases fall fell "
     "fallen falls drop dropped drops declined decline declines shrank"),
    ("first earliest", "last latest final"),
    ("alive living", "dead died deceased"),
    ("accept accepted accepts approve approved approves", "reject rejected rejects"),
    ("allow allowed allows permit permitted", "ban banned bans forbid forbade prohibit prohibited"),
    ("open opened opens", "close closed closes shut"),
    ("agree agreed agrees", "disagree disagreed disagrees"),
    ("support supported supports", "oppose opposed opposes"),
    ("guilty convicted", "innocent acquitted"),
    ("true", "false"),
    ("male", "female"),
    ("success successful succeeded", "failure failed unsuccessful"),
    ("higher more larger bigger", "lower less fewer smaller"),
    ("public", "private"),
    ("legal", "illegal"),
    ("victory", "defeat"),
    ("only solely exclusively", "also"),
    ("fictional fictitious imaginary mythical", "real actual historical"),
    ("best", "worst"),
    ("good", "bad"),
    ("large big", "small little"),
    ("happy joyful cheerful", "sad dark gloomy"),
    ("strong", "weak"),
    ("positive", "negative"),
    ("rich wealthy", "poor"),
    ("ancient", "modern"),
    ("born", "died"),
    ("begin began begun begins start started starts", "end ended ends finish finished finishes"),
    ("include included includes", "exclude excluded excludes"),
    ("many", "few"),
    ("major", "minor"),
    ("always", "never"),
    ("form formed forms founded", "disband disbanded disbands dissolve dissolved"),
    ("greatest", "worst"),
    ("arrive arrived arrives", "depart departed departs"),
    ("hire hired hires", "fire fired fires"),
    ("love loved loves", "hate hated hates"),
    ("young younger youngest", "old older oldest elderly"),
    ("easy", "difficult"),
    ("safe", "dangerous"),
    ("gain gained gains", "lose lost loses"),
    ("above", "below"),
    ("maximum", "minimum"),
    ("minority", "majority"),
    ("earlier", "later"),
    ("inside", "outside"),
    ("present presence", "absent absence"),
    ("same identical", "different"),
    ("internal", "external"),
    ("upper", "lower"),
    ("top", "bottom"),
    ("hot", "cold"),
    ("wet", "dry"),
    ("cheap", "expensive"),
    ("fast", "slow"),
    ("wide", "narrow"),
    ("thick", "thin"),
    ("asleep", "awake"),
    ("import imports", "export exports"),
    ("everything", "nothing"),
    ("everyone everybody", "nobody"),
    ("boy boys", "girl girls"),
    ("son sons", "daughter daughters"),
    ("husband", "wife"),
    ("father", "mother"),
    ("brother brothers", "sister sisters"),
    ("entrance", "exit"),
    ("remember remembered", "forget forgot forgotten"),
    ("birth", "death"),
    ("beginning", "end ending"),
    ("light", "darkness"),
    ("with", "without"),
    ("north northern", "south southern"),
    ("east eastern", "west western"),
]
# Negating prefixes: "successful"/"unsuccessful", "legal"/"illegal". The Latin prefixes only
# before adjective endings, so that "cover"/"discover" and "form"/"inform" stay apart.
_NEG_PREFIX = ("un", "non")
_NEG_PREFIX_ADJ = ("in", "im", "il", "ir", "dis")
_ADJ_END = ("able", "ible", "abl", "ibl", "al", "ent", "ant", "ive", "iv", "ful", "ous", "ate", "at", "ar", "ic")


def prefix_negated(x: str, y: str) -> bool:
    """Whether the stem ``y`` is ``x`` with a negating prefix, or the other way round."""
    if not (x.endswith(y) or y.endswith(x)):  # most pairs of words: settled at once
        return False
    for short, long in ((x, y), (y, x)):
        if len(short) < 4 or not long.endswith(short):
            continue
        prefix = long[:-len(short)].rstrip("-")
        if prefix in _NEG_PREFIX or (prefix in _NEG_PREFIX_ADJ and short.endswith(_ADJ_END)):
            return True
    return False


OPPOSITE: dict[str, set[str]] = {}
for _left, _right in _OPPOSITES:
    _ls, _rs = {stem(w) for w in _left.split()}, {stem(w) for w in _right.split()}
    for _w in _ls:
        OPPOSITE.setdefault(_w, set()).update(_rs)
    for _w in _rs:
        OPPOSITE.setdefault(_w, set()).update(_ls)

_MODAL_STRENGTH = {"will": 3, "shall": 3, "must": 3, "would": 2, "should": 2, "can": 2, "could": 1,
                   "may": 1, "might": 1}
_COMMIT = {stem(w): 3 for w in "agreed agree agrees decided decide pledged pledge vowed committed signed "
                                "approved confirmed announced".split()}
_COMMIT.update({stem(w): 1 for w in "discussed discuss discusses considered consider considers proposed propose "
                                    "explored explore suggested suggest weighed mulled raised".split()})
_NON_MODAL_HEDGES = frozenset({"according to", "sources said", "source said", "sources say", "source say"})


# Words that negate what follows them without being a "not": "unable to appear", "has yet to
# write", "lack of awareness", "zero films".
_CUE_WORDS = frozenset({"unable", "incapable", "lack", "lacks", "lacked", "lacking", "zero"})


# "has yet to write", "is yet to appear": not done so far.
_YET_BEFORE = frozenset({"has", "have", "had", "is", "are", "was", "were"})


class _Cue(NamedTuple):
    start: int
    end: int
    text: str


def _negations(pair: Pair, claim) -> list:
    found = [m for m in claim.mentions if m.kind == "negation"]
    tokens = pair.ta if claim is pair.a else pair.tb
    for k, t in enumerate(tokens):
        if t.low in _CUE_WORDS or (t.low == "yet" and k and tokens[k - 1].low in _YET_BEFORE
                                   and k + 1 < len(tokens) and tokens[k + 1].low == "to"):
            if not any(m.start <= t.start < m.end for m in found):
                found.append(_Cue(t.start, t.end, t.text))
    return found


def _scope(tokens: tuple[Token, ...], cue_end: int, text: str = "", base: int = 0) -> list[Token]:
    """Content words after a cue, up to ``_SCOPE`` of them and not past a clause break."""
    out = []
    previous = cue_end
    for t in tokens:
        if t.start < cue_end:
            continue
        if text and any(ch in ",;:()" for ch in text[previous - base:t.start - base]):
            break
        previous = t.end
        if t.content:
            out.append(t)
            if len(out) == _SCOPE:
                break
    return out


def _word_in(word: str, tokens: list[Token]) -> Token | None:
    """The token of ``tokens`` with the stem ``word``, or one that extends it ("write" / "writer")."""
    for t in tokens:
        if t.stem == word:
            return t
    for t in tokens:
        if min(len(word), len(t.stem)) >= 4 and word.isalpha() and (t.stem.startswith(word) or word.startswith(t.stem)):
            return t
    return None


def _negated_stems(tokens, cues) -> set[str]:
    return {t.stem for cue in cues for t in _scope(tokens, cue.end)}


def detect_negation(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """A statement in one claim negated in the other, or opposite words in the same place."""
    for first, second, t_first, t_second, flip in ((pair.a, pair.b, pair.ta, pair.tb, False),
                                                  (pair.b, pair.a, pair.tb, pair.ta, True)):
        cues = _negations(pair, first)
        other_cues = _negations(pair, second)
        negated_other = _negated_stems(t_second, other_cues)
        for cue in cues:
            scope = _scope(t_first, cue.end, first.text, first.start)
            other = [t for t in t_second if t.content]
            hits = [t for t in scope if _word_in(t.stem, other) and t.stem not in negated_other]
            if not hits or (other_cues and len(other_cues) >= len(cues)):
                continue
            # "not a rock album" against "a blues album": the cue negates the word the other
            # claim lacks, so the two say different things rather than opposite ones.
            if any(not _word_in(t.stem, other) and t.stem not in _TRANSPARENT
                   for t in scope[:scope.index(hits[0])]):
                continue
            if _names_other(ctx, first, second, hits[0], scope):
                continue
            word = _word_in(hits[0].stem, other)
            neg_span = (cue.start, hits[0].end)
            plain_span = (word.start, word.end)
            a, b = (plain_span, neg_span) if flip else (neg_span, plain_span)
            yield Finding("negation", "high", a, b,
                          f"{ctx.label(first.document)} negates what {ctx.label(second.document)} states "
                          f"({cue.text!r} before {hits[0].text!r}).")
            return
    # opposite words: in a slot of the diff (high), or anywhere in claims that share much (medium)
    named_a = _in_names(ctx, pair.a, pair.ta)
    named_b = _in_names(ctx, pair.b, pair.tb)
    for i1, i2, j1, j2 in pair.slots(max_len=4):
        for x in pair.ta[i1:i2]:
            for y in pair.tb[j1:j2]:
                if (_opposed(pair, x, y) or _inside_outside(x, y)) and x.start not in named_a \
                        and y.start not in named_b:
                    yield _opposite(pair, ctx, x, y, "high")
                    return
    if pair.same_fraction() >= _OPP_SHARE:
        stems_a, stems_b = pair.stems_a, pair.stems_b
        for x in pair.ta:
            if x.stem in stems_b:
                continue
            for y in pair.tb:
                if y.stem not in stems_a and _opposed(pair, x, y) \
                        and x.start not in named_a and y.start not in named_b:
                    yield _opposite(pair, ctx, x, y, "medium")
                    return


# Opposites whose stems would meet other words ("highly" / "highs"): matched as written.
_DEGREE = ({"highly", "extremely", "very", "fully"}, {"barely", "hardly", "scarcely"})
_DEGREE_OPPOSITE = {**{w: _DEGREE[1] for w in _DEGREE[0]}, **{w: _DEGREE[0] for w in _DEGREE[1]}}


def _inside_outside(x: Token, y: Token) -> bool:
    """"Born in Trieste" / "born outside of Trieste": opposite places, only where one word
    replaces the other between matching words (a bare "in" is everywhere)."""
    return {x.low, y.low} in ({"in", "outside"}, {"within", "outside"}, {"inside", "outside"})


def _names_other(ctx: Context, first, second, hit: Token, scope: list[Token]) -> bool:
    """Whether the negated words go on to a name the other claim lacks, where the other claim
    has a name of its own: "is not an album by Danny Vale" denies Vale's album, not the album
    "by Pink Floyd" of the other account."""
    from comparer.detectors.entities import compatible, same_entity

    mine, theirs = ctx.entities(first), ctx.entities(second)
    own = [o for o in theirs if not any(same_entity(ctx, o, m) for m in mine)]
    return any(hit.end <= m.start < scope[-1].end and not any(same_entity(ctx, m, o) for o in theirs)
               and any(compatible(m, o) for o in own) for m in mine)


def _opposed(pair: Pair, x: Token, y: Token) -> bool:
    if y.stem in OPPOSITE.get(x.stem, ()) or y.low in _DEGREE_OPPOSITE.get(x.low, ()):
        return True
    # "non-binding" is read as "non" and "binding": no opposite of "nonbinding".
    return prefix_negated(x.stem, y.stem) and not (_after_prefix(pair.a, x) or _after_prefix(pair.b, y))


_NEGATING_PREFIX_BEFORE = re.compile(r"\b(?:un|non|in|im|il|ir|dis)-?\s?$")


def _after_prefix(claim, token: Token) -> bool:
    before = claim.text[max(0, token.start - claim.start - 5):token.start - claim.start].lower()
    return bool(_NEGATING_PREFIX_BEFORE.search(before))


def _in_names(ctx: Context, claim, tokens) -> set[int]:
    """Starts of the tokens inside entity names ("South" in "South Korea" is no direction)."""
    spans = [(m.start, m.end) for m in ctx.entities(claim)]
    return {t.start for s, e in spans for t in tokens if s <= t.start < e}


def _opposite(pair: Pair, ctx: Context, x: Token, y: Token, severity: str) -> Finding:
    return Finding("negation", severity, (x.start, x.end), (y.start, y.end),
                   f"{ctx.label(pair.a.document)} says {x.text!r} where {ctx.label(pair.b.document)} "
                   f"says the opposite, {y.text!r}.")


def detect_modality(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Certainty that differs: a modal or commitment word swapped, or a hedge on one side."""
    for i1, i2, j1, j2 in pair.slots(max_len=3):
        for x in pair.ta[i1:i2]:
            for y in pair.tb[j1:j2]:
                sx = _MODAL_STRENGTH.get(x.low) or _COMMIT.get(x.stem)
                sy = _MODAL_STRENGTH.get(y.low) or _COMMIT.get(y.stem)
                if sx and sy and sx != sy and ((x.low in _MODAL_STRENGTH) == (y.low in _MODAL_STRENGTH)):
                    yield Finding("modality", "medium", (x.start, x.end), (y.start, y.end),
                                  f"{ctx.label(pair.a.document)} says {x.text!r} where "
                                  f"{ctx.label(pair.b.document)} says {y.text!r}: a different degree of "
                                  f"certainty.")
                    return
    hedges_a = [m for m in pair.a.mentions if m.kind == "hedge" and m.value not in _NON_MODAL_HEDGES]
    hedges_b = [m for m in pair.b.mentions if m.kind == "hedge" and m.value not in _NON_MODAL_HEDGES]
    if bool(hedges_a) != bool(hedges_b) and pair.same_fraction() >= 0.6:
        hedge = (hedges_a or hedges_b)[0]
        hedged, plain = (pair.a, pair.b) if hedges_a else (pair.b, pair.a)
        plain_span = (plain.start, plain.end)
        a, b = ((hedge.start, hedge.end), plain_span) if hedges_a else (plain_span, (hedge.start, hedge.end))
        yield Finding("modality", "low", a, b,
                      f"{ctx.label(hedged.document)} hedges with {hedge.text!r}; "
                      f"{ctx.label(plain.document)} states it as fact.")
