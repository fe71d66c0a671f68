"""What every detector shares: word tokens with offsets, the word-level diff of a pair, findings.

A detector looks at two aligned claims through a ``Pair``: both claims' words
(lower-cased, lightly stemmed, with document offsets) and difflib's opcodes
between them. A "slot" is a ``replace`` opcode with matching words around it:
the place where two accounts say different things about the same context.
"""

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Any, NamedTuple

from comparer.types import Claim, Document, Mention

WORD = re.compile(r"[^\W_]+(?:['’.&][^\W_]+)*", re.UNICODE)
# Text in decomposed form writes "é" as "e" and U+0301: there the accents count as letters.
_COMBINING = re.compile(r"[\u0300-\u036f]")
_WORD_DECOMPOSED = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f])*(?:['’.&][^\W_](?:[^\W_]|[\u0300-\u036f])*)*")
# Bracket tokens of treebank-tokenised text ("-LRB-"): punctuation, not names.
BRACKETS = frozenset({"LRB", "RRB", "LSB", "RSB", "LCB", "RCB"})
STOPWORDS = frozenset("""
a an the of in on at to for from by with and or but as is are was were be been being has have had
that this these those it its his her their our my your he she they we i you him them us who whom which
what there here also than then so such into onto about over after before during while when where
said says say told according not no
across through between among within against toward towards upon via per amid along around
will would shall can could may might must should do does did
""".split())
SLOT_OVERLAP = 0.5
_SUFFIXES = ("ingly", "ings", "ing", "edly", "ed", "ies", "es", "s", "ly")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem: enough to match "modelled" with "model" and "talks" with "talk"."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[:-len(suffix)]
            break
    if len(word) > 4 and word[-1] == word[-2]:  # "modell" -> "model"
        word = word[:-1]
    if len(word) > 4 and word[-1] == "e":  # "response" -> "respons", as "responses"
        word = word[:-1]
    return word


class Token(NamedTuple):
    """A word of a claim. A named tuple: thousands are made per diff, and tuples build fastest."""

    start: int  # document offsets
    end: int
    text: str
    low: str
    stem: str
    content: bool  # not a stopword


def tokens_of(claim: Claim) -> tuple[Token, ...]:
    base = claim.start
    out = []
    pattern = _WORD_DECOMPOSED if _COMBINING.search(claim.text) else WORD
    for m in pattern.finditer(claim.text):
        word = m.group()
        if word in BRACKETS:
            continue
        low = word.lower()
        if not low.isascii():
            low = unicodedata.normalize("NFC", low.replace("’", "'"))
        start, end = m.span()
        out.append(Token(base + start, base + end, word, low, stem(low), low not in STOPWORDS))
    return tuple(out)


class Finding(NamedTuple):
    """A detector's result before it gets its id: document offsets of both sides."""

    kind: str
    severity: str
    a: tuple[int, int]
    b: tuple[int, int] | None
    detail: str


class Context:
    """Shared state of one diff run: configuration, documents, per-claim caches."""

    def __init__(self, config: Any, documents: dict[str, Document], claims_by_doc: dict[str, list[Claim]]):
        self.config = config
        self.documents = documents
        self.claims_by_doc = claims_by_doc
        self.capitals = {k.lower(): v for k, v in config.capitals.items()}
        self._tokens: dict[str, tuple[Token, ...]] = {}
        self._content: dict[str, frozenset[str]] = {}
        self._entities: dict[str, list[Mention]] = {}
        self.doc_cache: dict[tuple[str, str], Any] = {}

    def tokens(self, claim: Claim) -> tuple[Token, ...]:
        found = self._tokens.get(claim.id)
        if found is None:
            found = self._tokens[claim.id] = tokens_of(claim)
        return found

    def content_stems(self, claim: Claim) -> frozenset[str]:
        """Stems of a claim's content words (not stopwords)."""
        found = self._content.get(claim.id)
        if found is None:
            found = self._content[claim.id] = frozenset(t.stem for t in self.tokens(claim) if t.content)
        return found

    def entities(self, claim: Claim) -> list[Mention]:
        """Entity mentions of a claim, without treebank bracket tokens."""
        found = self._entities.get(claim.id)
        if found is None:
            found = self._entities[claim.id] = [
                m for m in claim.mentions if m.kind == "entity" and m.text not in BRACKETS]
        return found

    def canon(self, mention: Mention) -> str:
        """Canonical entity key: alias value, with a capital standing for its country."""
        value = str(mention.value)
        return self.capitals.get(value.lower(), value).lower()

    def label(self, doc_id: str) -> str:
        doc = self.documents.get(doc_id)
        return (doc.label or doc.id) if doc else doc_id


class Pair(NamedTuple):
    """Two aligned claims seen through their words and the word-level diff between them."""

    a: Claim
    b: Claim
    ctx: Context
    ta: tuple[Token, ...]
    tb: tuple[Token, ...]
    opcodes: list[tuple[str, int, int, int, int]]

    @classmethod
    def of(cls, a: Claim, b: Claim, ctx: Context) -> "Pair":
        ta, tb = ctx.tokens(a), ctx.tokens(b)
        matcher = difflib.SequenceMatcher(None, [t.stem for t in ta], [t.stem for t in tb], autojunk=False)
        return cls(a, b, ctx, ta, tb, matcher.get_opcodes())

    @property
    def stems_a(self) -> set[str]:
        return {t.stem for t in self.ta}

    @property
    def stems_b(self) -> set[str]:
        return {t.stem for t in self.tb}

    def slots(self, max_len: int = 8, clip: bool = False) -> Iterator[tuple[int, int, int, int]]:
        """``replace`` opcodes of at most ``max_len`` words a side, next to matching words.

        None when the two claims share under half of the shorter one's content words:
        their differences are then different statements, not one fact told two ways.
        With ``clip``, a replacement that ends one claim after matching words but runs on
        in the other ("directed by X ." / "directed by Y , starring ...") is cut, on the longer
        side, to as many words as the shorter side has, and one: what stands in its place.
        """
        if self.same_fraction() < SLOT_OVERLAP:
            return
        ops = self.opcodes
        for k, (tag, i1, i2, j1, j2) in enumerate(ops):
            if tag != "replace":
                continue
            before = k > 0 and ops[k - 1][0] == "equal"
            after = k + 1 < len(ops) and ops[k + 1][0] == "equal"
            if i2 - i1 > max_len or j2 - j1 > max_len:
                last = k + 1 == len(ops)
                if not (clip and before and last and min(i2 - i1, j2 - j1) <= max_len):
                    continue
                width = min(i2 - i1, j2 - j1) + 1
                i2, j2 = min(i2, i1 + width), min(j2, j1 + width)
            if before or after:
                yield i1, i2, j1, j2

    def context(self, i1: int, j1: int) -> tuple[tuple[Token, ...], bool, bool]:
        """The matching words on either side of the slot that starts at ``i1``/``j1``, and
        whether it has matching words before it and after it."""
        ops = self.opcodes
        for k, (tag, a1, _a2, b1, _b2) in enumerate(ops):
            if tag == "replace" and a1 == i1 and b1 == j1:
                around = [ops[n] for n in (k - 1, k + 1) if 0 <= n < len(ops) and ops[n][0] == "equal"]
                words = tuple(t for _, e1, e2, _, _ in around for t in self.ta[e1:e2])
                before = k > 0 and ops[k - 1][0] == "equal"
                after = k + 1 < len(ops) and ops[k + 1][0] == "equal"
                return words, before, after
        return (), False, False

    def same_fraction(self) -> float:
        """Share of the shorter claim's content words that the other claim also has."""
        ca, cb = self.ctx.content_stems(self.a), self.ctx.content_stems(self.b)
        if not ca or not cb:
            return 0.0
        return len(ca & cb) / min(len(ca), len(cb))


def inside(mention: Mention, tokens: tuple[Token, ...], i1: int, i2: int) -> bool:
    """Whether ``mention`` overlaps the tokens ``i1:i2``."""
    if i1 >= i2:
        return False
    return mention.start < tokens[i2 - 1].end and tokens[i1].start < mention.end


def span_of(tokens: tuple[Token, ...], i1: int, i2: int) -> tuple[int, int]:
    return tokens[i1].start, tokens[max(i1, i2 - 1)].end


def negated(claim: Claim, start: int, reach: int = 40) -> bool:
    """Whether a negation cue of ``claim`` stands shortly before ``start``, in the same clause.

    "is not an American series" says nothing about which country it is from, so a name
    or number under a cue cannot contradict another value in the other account.
    """
    for m in claim.mentions:
        if m.kind == "negation" and m.end <= start and start - m.end <= reach \
                and not any(ch in ",;:()" for ch in claim.text[m.end - claim.start:start - claim.start]):
            return True
    return False
