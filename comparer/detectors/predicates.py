"""Predicate nouns: the two accounts say what one named thing *is*, with different nouns.

"Basildon is a town in Essex" against "Basildon is a song"; "Lost is a television
series" against "Lost is a political party". Both claims open with the same name
followed by a copula ("is a", "was the"); the noun that ends the other claim's
predicate appears nowhere in the first, and the two predicates share no word
(a shared word, "country singer" / "country music performer", usually means the
same thing said in other words). A parenthesis after the name ("Seo Ju-hyun (born
June 28, 1991) is ...") is skipped, bracket tokens of treebank text included.
"""

import re
from collections.abc import Iterator
from typing import NamedTuple

from comparer.detectors.base import STOPWORDS, Context, Finding, Pair, Token, negated
from comparer.detectors.entities import same_entity
from comparer.types import Claim, Mention

_COPULA = frozenset({"is", "was", "are", "were"})
_ARTICLE = frozenset({"a", "an", "the"})
# Words that end a predicate noun phrase: relative pronouns, prepositions, conjunctions of clauses.
_PHRASE_END = frozenset("""who whom whose which that from by in on at of for with to as since during
whose where when while but within near inside outside between among across along under over about like
after before""".split())
_PARTICIPLE_NEXT = frozenset("by for in from as on at to into with".split())
# Words after a noun that open a phrase of their own: irregular participles and adjectives.
_POSTNOMINAL = frozenset("set made written shot held known born run sung built native".split())
_OPEN = re.compile(r"-LRB-|-LSB-|\(|\[")
_CLOSE = re.compile(r"-RRB-|-RSB-|\)|\]")
_MAX_WORDS = 6
# Subjects that stand for a name given elsewhere; see ``stands_for``.
PRONOUNS = frozenset({"it", "he", "she", "they"})
_KNOWN_AS = re.compile(r",?\s*(?:(?:also|more|best|professionally|officially|locally|commonly|popularly|simply)\s+)*"
                       r"known\s+(?:(?:professionally|officially|locally|commonly|popularly|simply)\s+)?as\s+"
                       r"([^,;()]{1,60}?)\s*,")
_HYPHENATED = re.compile(r"-[^\W_]+")
# Head nouns that name one kind of thing: "a film" and "a movie" do not disagree.
_SAME_KIND = [frozenset(g.split()) for g in (
    "film movie picture", "series show programme program sitcom", "song single track hit", "album record",
    "singer vocalist", "musician singer vocalist drummer guitarist bassist pianist rapper performer artist",
    "author writer playwright novelist poet screenwriter journalist essayist lyricist songwriter",
    "actor actress performer entertainer artist", "company firm business corporation",
    "channel network station broadcaster", "city town capital municipality", "band group")]
# Head nouns too general to disagree with a more precise one: "a place", "a person".
_GENERIC_HEADS = frozenset("""place location thing person people individual man woman one entity figure work
object item product member part example""".split())
# Kinds of things that cannot be one another: two of these, from no common group above, are two
# different descriptions even when their modifiers agree ("a comedy drama film" / "a comedy drama book").
_KINDS = frozenset("""film movie book novel song single album series show sitcom play painting sculpture poem
opera musical documentary magazine newspaper website channel network game band city town village county
state country province region island river mountain lake district continent company university school
party""".split())
_KIND_WORDS = _KINDS | _GENERIC_HEADS | frozenset().union(*_SAME_KIND)
# Degree and focus adverbs that can stand before a head noun without describing it.
_ADVERBS = frozenset("""only solely mainly mostly primarily exclusively largely purely entirely wholly
chiefly partly very also just really truly""".split())


class Predicate(NamedTuple):
    """``subject`` is/was a ``words``, the last of them the ``head`` noun."""

    subject: Mention
    words: tuple[Token, ...]
    alias: Mention | None = None  # "X, known professionally as Y, is ...": Y

    @property
    def head(self) -> Token:
        return self.words[-1]


def _predicate(ctx: Context, claim: Claim, tokens: tuple[Token, ...]) -> Predicate | None:
    cached = ctx.doc_cache.get(("predicate", claim.id), False)
    if cached is not False:
        return cached
    found = _called(claim, tokens)
    for subject in (() if found else (_subject(ctx, claim, tokens), _title(claim, tokens))):
        if subject is not None:
            found = _after_subject(claim, tokens, subject)
            if found is not None:
                break
    ctx.doc_cache[("predicate", claim.id)] = found
    return found


_TITLE_GLUE = frozenset({"of", "the", "a", "an", "and", "&", "in", "on", "for", "to", "de", "la", "le", "du"})
_TITLE_GAP = re.compile(r"\s*(?:[:&'’]\s*)?")
_TITLE_WORDS = 8


def _title(claim: Claim, tokens: tuple[Token, ...]) -> Mention | None:
    """A title-case name that runs up to the copula or to a parenthesis: "Excuse My French",
    "Daag: A Poem of Love", "A & E (previously ...)". Small words inside it stay lower case."""
    words: list[Token] = []
    for t in tokens:
        if words:
            gap = claim.text[words[-1].end - claim.start:t.start - claim.start]
            if _OPEN.search(gap) or t.low in _COPULA:
                break
            if _TITLE_GAP.fullmatch(gap) is None:
                return None
        if not t.text[:1].isupper() and not (words and t.low in _TITLE_GLUE):
            return None
        words.append(t)
        if len(words) > _TITLE_WORDS:
            return None
    while words and words[-1].low in _TITLE_GLUE:
        words.pop()
    if not words or len(words) == len(tokens):
        return None
    text = claim.text[words[0].start - claim.start:words[-1].end - claim.start]
    return Mention("entity", words[0].start, words[-1].end, text, text, label="other")


_CALLED = re.compile(r"(?:there|this|it)\s+(?:is|was|are|were)\s+(?:a|an|the)\s+(?P<kind>[^\W\d][\w\s-]{0,60}?)\s+"
                     r"(?:called|named)\s+(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,4})", re.I)


def _called(claim: Claim, tokens: tuple[Token, ...]) -> Predicate | None:
    """"There is a country called X", "This is an ethnic group called X": X is a country."""
    found = _CALLED.match(claim.text)
    if found is None or not found.group("name")[:1].isupper():
        return None
    begin, end = claim.start + found.start("name"), claim.start + found.end("name")
    name = Mention("entity", begin, end, found.group("name"), found.group("name"), label="other")
    k1, k2 = claim.start + found.start("kind"), claim.start + found.end("kind")
    words = tuple(t for t in tokens if k1 <= t.start and t.end <= k2)
    if not words or words[-1].low in STOPWORDS:
        return None
    return Predicate(name, words)


def opening_name(ctx: Context, claim: Claim, tokens: tuple[Token, ...]) -> Mention | None:
    """The name a claim opens with, as a subject or as a title running up to a parenthesis."""
    return _subject(ctx, claim, tokens) or _title(claim, tokens)


def _subject(ctx: Context, claim: Claim, tokens: tuple[Token, ...]) -> Mention | None:
    """The name a claim opens with: its first entity, else its capitalised first words.

    A one-word name opening a sentence ("Basildon is a town") is no entity to the
    extractor unless the document capitalises it elsewhere; before a copula it is one.
    """
    entities = ctx.entities(claim)
    if entities and claim.text[:entities[0].start - claim.start].strip(" `'\"“”‘’").lower() in ("", "the"):
        return entities[0]
    words = []
    for t in tokens:
        if t.low in _COPULA:
            break
        if not t.text[:1].isupper():
            return None
        words.append(t)
    if not words or len(words) > 4 or len(words) == len(tokens):
        return None
    text = claim.text[words[0].start - claim.start:words[-1].end - claim.start]
    return Mention("entity", words[0].start, words[-1].end, text, text, label="other")


def _after_subject(claim: Claim, tokens: tuple[Token, ...], subject: Mention) -> Predicate | None:
    rest = claim.text[subject.end - claim.start:]
    hyphen = _HYPHENATED.match(rest)  # "Seo Ju-hyun" read as the name "Seo Ju"
    if hyphen:
        end = subject.end + hyphen.end()
        text = claim.text[subject.start - claim.start:end - claim.start]
        subject = Mention("entity", subject.start, end, text, text, label=subject.label)
        rest = rest[hyphen.end():]
    alias = None
    # Skip parentheses right after the name, however deeply nested.
    offset = 0
    depth = 0
    while True:
        offset = _skip_asides(rest, offset)
        opening = _OPEN.match(rest, offset)
        if not opening:
            break
        depth = 1
        offset = opening.end()
        while depth and offset < len(rest):
            nxt_open, nxt_close = _OPEN.search(rest, offset), _CLOSE.search(rest, offset)
            if nxt_close is None:
                return None
            if nxt_open and nxt_open.start() < nxt_close.start():
                depth, offset = depth + 1, nxt_open.end()
            else:
                depth, offset = depth - 1, nxt_close.end()
        offset += len(rest[offset:]) - len(rest[offset:].lstrip(" ,"))
    known = _KNOWN_AS.match(rest, offset)
    if known:
        name = known.group(1)
        begin = subject.end + known.start(1)
        alias = Mention("entity", begin, begin + len(name), name, name, label=subject.label)
        offset = known.end()
    start = subject.end + offset
    after = [t for t in tokens if t.start >= start]
    if len(after) < 3 or after[0].low not in _COPULA or after[1].low not in _ARTICLE:
        return None
    words: list[Token] = []
    previous_end = after[1].end
    for t in after[2:]:
        between = claim.text[previous_end - claim.start:t.start - claim.start]
        if t.low in _PHRASE_END or any(ch in between for ch in ",;:()."):
            break
        if words and t.low in _POSTNOMINAL:
            break  # "a film set in Cork", "a group native to Spain"
        if words and t.low.endswith("ed") and (_next_low(tokens, t) in _PARTICIPLE_NEXT or (
                _next_low(tokens, t) in ("and", "or") and _next_low(tokens, _next(tokens, t)).endswith("ed"))):
            break  # "a film directed by ...", "produced and directed by": a clause of its own
        words.append(t)
        previous_end = t.end
        if len(words) > _MAX_WORDS:
            return None
    while words and words[-1].low in ("and", "or"):
        words.pop()
    if not words or words[-1].low in STOPWORDS or words[-1].low.isdigit():
        return None
    return Predicate(subject, tuple(words), alias)


def _singular(token: Token) -> str:
    low = token.low
    return low[:-1] if low.endswith("s") and not low.endswith("ss") and low[:-1] in _KIND_WORDS else low


_ASIDE = re.compile(r"\s*(?:[`'\"]+|-RRB-|-RSB-|[)\]]|[^\sA-Za-z0-9(\[,;:.-]*[^\W\d_A-Za-z][^\s(\[,;:]*)")


def _skip_asides(rest: str, offset: int) -> int:
    """Past quotes, a stray closing bracket and a name written in another script after a
    name: "Yara Shahidi شهیدی -RRB- (born ...)"."""
    while True:
        found = _ASIDE.match(rest, offset)
        if found is None or found.end() == offset or not found.group().strip():
            return offset + len(rest[offset:]) - len(rest[offset:].lstrip())
        offset = found.end()


def _same_kind(x: Token, y: Token) -> bool:
    wx, wy = _singular(x), _singular(y)
    return any(wx in group and wy in group for group in _SAME_KIND)


def _kin_in(head: Token, tokens: tuple[Token, ...]) -> bool:
    """Whether the other claim names a thing of the head's kind anywhere: "a writer" agrees
    with "an actress, singer and author", whichever noun a predicate stops at."""
    return any(_same_kind(head, t) for t in tokens)


def _distinct_kinds(x: Token, y: Token) -> bool:
    return _singular(x) in _KINDS and _singular(y) in _KINDS and not _same_kind(x, y)


def _described(predicate: Predicate) -> set[str]:
    """Stems of a predicate's descriptive words: a shared nationality or year ("an American
    series" / "an American movie") does not make two predicates one description."""
    return {t.stem for t in predicate.words
            if t.content and t.low not in _ADVERBS and not t.text[:1].isupper() and not t.low.isdigit()}


def stands_for(ctx: Context, claim: Claim, subject: Mention) -> Mention:
    """The name a pronoun subject stands for, when the alignment of two one-claim accounts
    linked it to the other account's opening name; else the subject itself."""
    if subject.text.lower() in PRONOUNS:
        return ctx.doc_cache.get(("stands_for", claim.id)) or subject
    return subject


def _same_subject(ctx: Context, pair: Pair, pa: Predicate, pb: Predicate) -> bool:
    names_a = [m for m in (stands_for(ctx, pair.a, pa.subject), pa.alias) if m is not None]
    names_b = [m for m in (stands_for(ctx, pair.b, pb.subject), pb.alias) if m is not None]
    return any(same_entity(ctx, x, y) for x in names_a for y in names_b)


def _next(tokens: tuple[Token, ...], token: Token | None) -> Token | None:
    for t in tokens:
        if token is not None and t.start >= token.end:
            return t
    return None


def _next_low(tokens: tuple[Token, ...], token: Token | None) -> str:
    found = _next(tokens, token)
    return found.low if found else ""


def detect_predicate(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """The same name said to be two different kinds of thing."""
    pa = _predicate(ctx, pair.a, pair.ta)
    pb = _predicate(ctx, pair.b, pair.tb)
    if pa is None or pb is None or not _same_subject(ctx, pair, pa, pb):
        return
    # Each head noun must be foreign to the other claim: "a musician" agrees with "a Mexican
    # and American musician", whichever of the two is read as the head.
    if pa.head.stem in pair.stems_b or pb.head.stem in pair.stems_a or _kin_in(pa.head, pair.tb) \
            or _kin_in(pb.head, pair.ta):
        return
    if _singular(pa.head) in _GENERIC_HEADS or _singular(pb.head) in _GENERIC_HEADS:
        return
    if _described(pa) & _described(pb) and not _distinct_kinds(pa.head, pb.head):
        return
    if negated(pair.a, pa.head.start) or negated(pair.b, pb.head.start):
        return
    yield Finding("entity", "medium", (pa.head.start, pa.head.end), (pb.head.start, pb.head.end),
                  f"{ctx.label(pair.a.document)} calls {pa.subject.text!r} a {pa.head.text!r} where "
                  f"{ctx.label(pair.b.document)} calls it a {pb.head.text!r}.")


def _shares_word(word: Token, tokens: tuple[Token, ...]) -> bool:
    return any(t.stem == word.stem or (min(len(t.stem), len(word.stem)) >= 4 and (
        t.stem.startswith(word.stem) or word.stem.startswith(t.stem))) for t in tokens)


def _modifiers(claim: Claim, predicate: Predicate) -> list[Token]:
    """Content words before the head noun, without years, numbers and names.

    Years, numbers and capitalised words (names, nationalities) are left to the
    date, number and entity detectors; "a 1964 film" says nothing against "a film".
    """
    return [t for t in predicate.words[:-1]
            if t.content and t.low not in _ADVERBS and not any(ch.isdigit() for ch in t.text)
            and not t.text[:1].isupper()]


def detect_modifier(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """The same name described with the same head noun but another modifier in front of it.

    "Marnie is a 1964 American psychological thriller film" against "Marnie is a romantic
    film": both call it a film, but each says a kind of film the other never mentions.
    Only a replacement counts: a modifier on one side only ("a film" / "a thriller film")
    adds detail, it does not contradict.
    """
    pa = _predicate(ctx, pair.a, pair.ta)
    pb = _predicate(ctx, pair.b, pair.tb)
    if pa is None or pb is None or not _same_subject(ctx, pair, pa, pb):
        return
    if pa.head.stem != pb.head.stem and not _same_kind(pa.head, pb.head):
        return
    ma, mb = _modifiers(pair.a, pa), _modifiers(pair.b, pb)
    if not ma or not mb:
        return
    # Each side's modifiers must be foreign to the other claim as a whole, a shortened
    # word included ("porn" / "pornographic").
    if any(_shares_word(t, pair.ta) for t in mb) or any(_shares_word(t, pair.tb) for t in ma):
        return
    if negated(pair.a, pa.head.start) or negated(pair.b, pb.head.start):
        return
    a_span = (ma[0].start, pa.head.end)
    b_span = (mb[0].start, pb.head.end)
    a_text = pair.a.text[a_span[0] - pair.a.start:a_span[1] - pair.a.start]
    b_text = pair.b.text[b_span[0] - pair.b.start:b_span[1] - pair.b.start]
    yield Finding("entity", "medium", a_span, b_span,
                  f"{ctx.label(pair.a.document)} calls {pa.subject.text!r} a {a_text!r} where "
                  f"{ctx.label(pair.b.document)} calls it a {b_text!r}.")
