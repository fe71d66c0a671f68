"""Splitting a document into claims: sentences, and the ";"-joined parts of a sentence.

Own rules rather than a general splitter, because news prose needs a few that
general splitters get wrong: "U.S." before a capital, "Jan. 13", initials, quotes
that run over several sentences, speaker labels, hard-wrapped lines and page
furniture. Every piece keeps exact offsets: ``text[start:end] == piece``.
"""

import bisect
import functools
import re
from typing import NamedTuple
from collections.abc import Iterator

from comparer.wordlists import state_abbreviations, words

# Longer sentences are cut into claims of at most this many words (see ``_capped``).
MAX_CLAIM_WORDS = 300
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos"})


@functools.cache
def _abbreviations() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Abbreviations before names, abbreviations that may end a sentence, sentence openers."""
    ending = words("abbreviations_ending") | {a.lower() for a in state_abbreviations()}
    return words("abbreviations_before_names"), ending, words("sentence_starters")


_CANDIDATE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|;(?=\s)")
_OPENERS = "\"“'‘([" 
_CLOSE_QUOTE = {"\"": "\"", "“": "”"}
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_SPEAKER_LABEL = re.compile(
    r"(?:S/\s*(?P<s>[^:\n]{2,90}?)|(?P<n>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}, [^:\n.]{2,60}?)"
    r"|(?P<caps>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}))\s*:[ \t]+(?=\S)")
_FURNITURE = re.compile(
    r"""^(?:
      source\ link | comments?\ ?\(\d+\) | \d+\ comments? | leave\ a\ (?:comment|reply) | advertisement
    | (?:additional\ )?(?:reporting|writing|editing|edited|compiled|produced)\ by\b.*
    | .{0,120}?\bcontributed\ (?:to\ this\ )?(?:report|reporting|article|story)\b.*
    | (?:last\ )?(?:updated|published|posted)(?:\ at|\ on|:)\ .{0,60}
    | our\ standards:.* | read\ or\ share\ this\ story:.* | read\ more:?.* | related:.* | see\ also:?.*
    | (?:click|tap)\ here\b.* | sign\ up\b.* | subscribe\b.* | share\ this\b.* | follow\ us\b.*
    | (?:copyright|©).* | all\ rights\ reserved\.? | (?:photo|image|video|credit)s?:.*
    | \\?[#*=_\-–—~.•\s]+ | https?://\S+ | [a-z0-9.-]+\.(?:com|org|net)/?\S*
    )$""", re.I | re.X)
_CAPTION = re.compile(r"\((?:photo|image|credit|file photo)s?:[^)]*\)\s*$", re.I)
_HAS_LETTER = re.compile(r"[^\W\d_]")
_LINE = re.compile(r"[^\n]*")
_SENTENCE_END = re.compile(r"[.!?:\"”’)]\s*$")
_QUOTED = re.compile(r"“[^”“]*”|\"[^\"]*\"")
_NEXT_WORD = re.compile(r"[\"“'‘(]*([A-Za-z]+)")
_NON_SPACE = re.compile(r"\S")
_WORD_END = re.compile(r"\S+")
_CLAUSE_ENDS = frozenset(",;:—–")
_FOUR_WORDS = re.compile(r"\s*\S+\s+\S+\s+\S+\s+\S")


class Piece(NamedTuple):
    """A claim-sized span of a document; ``speaker`` is set when a speaker label introduced it."""

    start: int
    end: int
    text: str
    speaker: str = ""
    cut: bool = False  # a longer sentence was cut here (``MAX_CLAIM_WORDS``)


def split_claims(text: str) -> list[Piece]:
    """Split ``text`` into claims with exact offsets, dropping page furniture.

    >>> for piece in split_claims("Mr. Biden met the U.S. team. They agreed on a plan; "
    ...                           "talks will resume on Monday. Both sides agreed; talks resume."):
    ...     print(piece.text)
    Mr. Biden met the U.S. team.
    They agreed on a plan;
    talks will resume on Monday.
    Both sides agreed; talks resume.
    """
    pieces: list[Piece] = []
    for p_start, p_end in _paragraphs(text):
        speaker = ""
        label = _SPEAKER_LABEL.match(text, p_start, p_end)
        if label and _is_speaker_label(label):
            speaker = (label.group("s") or label.group("n") or label.group("caps")).strip()
            p_start = label.end()
        for sentence_start, sentence_end in _sentences(text, p_start, p_end):
            for start, end, cut in _capped(text, sentence_start, sentence_end):
                piece = Piece(start, end, text[start:end], speaker, cut)
                if not is_furniture(piece.text):
                    pieces.append(piece)
    return pieces


def _capped(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """A sentence as claims of at most ``MAX_CLAIM_WORDS`` words, cut at clause boundaries.

    Comparing two claims costs the product of their lengths; a "sentence" of thousands of words
    (a list, a table flattened into text) is no checkable statement anyway. A cut falls after the
    last ",", ";", ":" or dash in the second half of the allowed words, else at the word limit.

    >>> text = "a b, " * 200
    >>> [len(text[s:e].split()) for s, e, _ in _capped(text, 0, len(text))]
    [300, 100]
    """
    words = [m.end() for m in _WORD_END.finditer(text, start, end)]
    if len(words) <= MAX_CLAIM_WORDS:
        yield start, end, False
        return
    first = 0  # index of the piece's first word
    while len(words) - first > MAX_CLAIM_WORDS:
        last = first + MAX_CLAIM_WORDS - 1
        cut_at = last
        for i in range(last, first + MAX_CLAIM_WORDS // 2, -1):
            if text[words[i] - 1] in _CLAUSE_ENDS:
                cut_at = i
                break
        piece_end = words[cut_at]
        yield from ((s, e, True) for s, e in _trimmed(text, start, piece_end))
        start, first = piece_end, cut_at + 1
    yield from ((s, e, True) for s, e in _trimmed(text, start, end))


def is_furniture(sentence: str) -> bool:
    """Page furniture (links, bylines, comment counters, separators, timestamps) is not a claim."""
    stripped = sentence.strip()
    if not _HAS_LETTER.search(stripped):
        return True
    if _FURNITURE.match(stripped) or _is_timestamp(stripped):
        return True
    # A photo caption: a short line ending in "(Photo: ...)".
    return bool(_CAPTION.search(stripped)) and len(stripped) < 160


_TIMESTAMP_TOKEN = re.compile(
    r"\d{1,2}\s?[:.]\s?\d{2}(?:[ap]m?)?|\d{1,4}(?:st|nd|rd|th)?|[ap]\.?\s?m\b\.?|[^\w\s]+|[^\W\d_]+\.?", re.I)
_CALENDAR = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$")


def _is_timestamp(line: str) -> bool:
    """A line of a date, a clock time and publishing words only ("Updated 6: 25 p. m. ET"): when
    a page was written, not what happened. It needs a digit, and every word a calendar word or a
    word of ``data/timestamp_words.txt``."""
    if len(line) > 80 or not any(c.isdigit() for c in line):
        return False
    allowed = words("timestamp_words")
    for token in _TIMESTAMP_TOKEN.findall(line):
        word = "".join(token.split()).rstrip(".").lower()
        if token[0].isalpha() and word not in ("a.m", "p.m", "am", "pm") and word not in allowed \
                and not _CALENDAR.match(word):
            return False
    return True


def _is_speaker_label(match: re.Match[str]) -> bool:
    if match.group("s"):
        return True
    if match.group("caps"):
        # Transcript style "BIDEN: ...": all capitals, but not a dateline or acronym alone.
        return len(match.group("caps")) >= 3 and not match.group("caps").endswith(".")
    return True


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of paragraphs: blank lines always separate; single line breaks do
    too unless the document is hard-wrapped (most lines end mid-sentence)."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.end() > m.start()]
    content = [(s, e) for s, e in lines if text[s:e].strip()]
    wrapped = _is_hard_wrapped(text, content)
    block: list[tuple[int, int]] = []
    previous_end = None
    for start, end in content:
        gap = text[previous_end:start] if previous_end is not None else ""
        blank_line = gap.count("\n") >= 2
        if block and (blank_line or not wrapped):
            yield from _trimmed(text, block[0][0], block[-1][1])
            block = []
        block.append((start, end))
        previous_end = end
    if block:
        yield from _trimmed(text, block[0][0], block[-1][1])


def _is_hard_wrapped(text: str, content: list[tuple[int, int]]) -> bool:
    if len(content) < 4:
        return False
    lengths = [e - s for s, e in content]
    long_lines = sum(1 for n in lengths if n > 120)
    open_ended = sum(1 for s, e in content if not _ends_sentence(text[s:e]))
    return long_lines == 0 and open_ended >= len(content) * 0.5


def _ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence (and ";" part) boundaries inside one paragraph, not splitting open quotes."""
    piece_start = start
    quote_closes = _quote_spans(text, start, end)
    # Quote spans are sorted and disjoint, and candidates come in order: one pointer walks both,
    # so a long paragraph costs time in proportion to its length.
    next_quote = 0
    # [up to where, how many open] brackets in the current piece, and [piece start, whether it is
    # a serial list] once known: what _split_semicolon reads at each ";" of a piece, kept.
    brackets = [-1, 0, -1, 0]
    ends: list[int] = []  # the paragraph's end, then where its sentences end, found at its first ";"
    for match in _CANDIDATE.finditer(text, start, end):
        cut = match.end()
        at = match.start()
        while next_quote < len(quote_closes) and quote_closes[next_quote][1] - 1 <= at:
            next_quote += 1
        if next_quote < len(quote_closes) and quote_closes[next_quote][0] < at:
            continue
        if match.group().startswith(";"):
            if not _split_semicolon(text, piece_start, match.start(), cut, end, brackets, ends):
                continue
        elif not _is_boundary(text, match, end):
            continue
        yield from _trimmed(text, piece_start, cut)
        piece_start = cut
    yield from _trimmed(text, piece_start, end)


def _quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of double-quoted passages that close inside the paragraph (never split inside)."""
    spans = []
    for match in _QUOTED.finditer(text[start:end]):
        spans.append((start + match.start(), start + match.end()))
    return spans


def _is_boundary(text: str, match: re.Match[str], end: int) -> bool:
    # The first character after the spaces, found without slicing the rest of the paragraph.
    found = _NON_SPACE.search(text, match.end(), end)
    if found is None:
        return True
    first = found.group()
    if not (first.isupper() or first.isdigit() or first in _OPENERS):
        return False
    punct = match.group()
    if punct == "." and _broken_number(text, match.start(), first):
        return False
    if not punct.startswith(".") or len(punct.rstrip("\"'”’)]")) > 1:
        return True
    word = _WORD_BEFORE.search(text, max(0, match.start() - 20), match.start() + 1)
    if word is None:
        return True
    token = word.group(1).lower()
    next_word = _NEXT_WORD.match(text, found.start(), end)
    titles, ending, starters = _abbreviations()
    starter = bool(next_word) and next_word.group(1).lower() in starters
    if token in titles and (token not in _NUMBER_ABBREVIATIONS or first.isdigit()):
        return False
    if token in ending or "." in token:
        return starter
    if len(token) == 1 and word.group(1).isupper():  # an initial: "Joseph R. Biden"
        return starter
    return True


_SHORT_DIGITS = re.compile(r"(?<![\d,.])\d{1,3}$")


def _broken_number(text: str, at: int, first: str) -> bool:
    """A period a tokeniser spaced out inside a number ("6. 0", "at 9. 35am", "(. 538)"), or
    right after an opening bracket: no sentence ends there. A year or longer number may end
    one ("in 1987. 15 people")."""
    if text[at - 1:at] in "([" and at > 0:
        return True
    return first.isdigit() and _SHORT_DIGITS.search(text, max(0, at - 4), at) is not None


def _split_semicolon(text: str, piece_start: int, at: int, cut: int, end: int, brackets: list[int],
                     ends: list[int]) -> bool:
    """Split at ";" only where both sides are clause-sized, so lists of items stay whole.

    ``brackets`` carries the count of open brackets from one ";" of a piece to the next, and
    whether the piece is a serial list; the word counts look at four words only: a paragraph of
    many ";" is read once, not once per ";".
    """
    if brackets[0] < piece_start:
        brackets[:2] = [piece_start, 0]
    # Not inside brackets: "(born 1987; died 2010)".
    since = brackets[0]
    brackets[1] += text.count("(", since, at) - text.count(")", since, at)
    brackets[0] = at
    if brackets[2] != piece_start:  # once per piece, not once per ";" of it
        if not ends or ends[0] != end:
            ends[:] = [end, *_sentence_ends(text, piece_start, end)]
        brackets[2:] = [piece_start, int(_serial_list(text, piece_start, end, ends))]
    if brackets[1] > 0 or brackets[3]:
        return False
    return bool(_FOUR_WORDS.match(text, piece_start, at)) and bool(_FOUR_WORDS.match(text, cut, end))


def _sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Where the sentences from ``start`` to ``end`` end, in order: full stops that end an
    initial, a dotted abbreviation or anything else that ends no sentence left out."""
    return [m.start() for m in _SENTENCE_END.finditer(text, start, end)
            if not _ABBREVIATED.search(text, max(start, m.start() - 12), m.start() + 1)
            and _is_boundary(text, m, end)]


def _serial_list(text: str, start: int, end: int, ends: list[int]) -> bool:
    """Whether the sentence from ``start`` is a list whose items ";" separates, the last one
    opened by "; and" or "; or" ("Mara Quinn of Oregon; the county party leader,
    Tom Hale of Idaho; and ..."): its items are not claims. Initials, dotted abbreviations and
    whatever else ends no sentence ("the former F.A.A. administrator; Paul K. Brandt, ...; and
    ...", "an aide to Rep. Ruth Lane; and ...") do not end the sentence here. ``ends`` holds
    the paragraph's end, then its sentence ends (:func:`_sentence_ends`, found once for it).
    Looks ``_LIST_REACH`` characters ahead at most, so a paragraph of many ";" stays linear."""
    limit = min(end, start + _LIST_REACH)
    k = bisect.bisect_left(ends, start, 1)
    stop = min(ends[k], limit) if k < len(ends) else limit
    return _SERIAL.search(text, start, stop) is not None


_LIST_REACH = 2000
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s|$)")
_SERIAL = re.compile(r";\s+(?:and|or)\s", re.I)
# A full stop that ends an initial or an abbreviation with dots ("Paul K. Brandt", "the F.A.A."),
# not the sentence.
_ABBREVIATED = re.compile(r"(?:\b[A-Z]|[A-Za-z]\.[A-Za-z])\.$")
