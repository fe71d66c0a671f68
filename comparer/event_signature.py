"""Event signatures: what a report says about its event, read from its title and opening.

A signature holds the weighted features (content words, names, specific numbers), the places, the
resolved event date and mentioned years, and the report's main participant. ``date_factor`` and
``participant_factor`` say how much two signatures' dates and main participants weaken a match,
``evidence_factor`` how much a small amount of evidence (a short text) does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from comparer.config import ClusterConfig, Config
from comparer.textunits import stem
from comparer.types import Document

RARE_DF = 10
_WORD = re.compile(r"[^\W\d_](?:[\w'’&-]*[^\W_])?")
# a number glued to a word by a hyphen ("COVID-19", "F-35") is part of a name, not a quantity
# (one after a digit and a hyphen is a quantity: the score "91-73")
_NUMBER = re.compile(r"(?<![\w.,])(?<![^\W\d_]-)\d+(?:[.,:]\d+)*")
# the word before a number, when it is capitalised ("Boeing 737", "Title 42", "May 18")
_CAPITALISED_BEFORE = re.compile(r"(?:^|(.)\s?)\b([A-Z][\w'’&-]*) $")
_DATE_WORDS = frozenset("""
jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august
september october november december monday tuesday wednesday thursday friday saturday sunday
""".split())
# a run of capitalised words with single spaces between them
_NAME_RUN = re.compile(r"\b(?:[A-Z][\w'’&-]*[^\W_]|[A-Z])(?: (?:[A-Z][\w'’&-]*[^\W_]|[A-Z]))*")
_COMMON_NUMBERS = frozenset({"00", "10", "12", "24", "30"})
_YEAR = re.compile(r"(?<![\w$£€.,])(19[5-9]\d|20[0-4]\d)(?![\w%]|[.,]\d)")
_PLACE = re.compile(r"\b(?:in|at|near|outside|from) ((?:[A-Z][\w'’.-]*[^\W_])(?: [A-Z][\w'’.-]*[^\W_])*)")
_NOT_PLACES = frozenset("""
january february march april may june july august september october november december jan feb mar
apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday the a
an his her their its this that these those he she they it we i you mr mrs ms dr president prime
minister secretary chancellor king queen pope governor mayor police officials court
""".split())
_SENTENCE_END = frozenset(".!?\n\"“”:;|•–—-()[]")
STOPWORDS = frozenset("""
a about above after again against all almost also although always am among an and another any are
around as at away back be because been before being below between both but by came can cannot could
did do does doing done down during each either else even ever every few for from further get gets got
had has have having he her here hers herself him himself his how however i if in into is it its
itself just last later least less like made make many may me might more most much must my myself near
neither never new news next no nor not now of off often on once one only onto or other others our ours
ourselves out over own per put rather really said same say says see seen several she should since so
some still such than that the their theirs them themselves then there these they this those though
through thus to too toward towards under until up upon us use used very via was way we well were what
when where whether which while who whom whose why will with within without would yet you your yours
yourself told according including reported report reports read share story image images photo
photos video click comment comments copyright rights reserved advertisement email print subscribe
posted updated facebook twitter mr mrs ms
""".split())
_NOT_NAMES = frozenset("""
the a an he she it they we i you his her its their our this that these those there here but and or
so if when while after before as in on at for with from by to of however also then now some many
most no not all both each one two three four five six seven eight nine ten during despite although
because since until what which who where why how today yesterday tomorrow last next according
monday tuesday wednesday thursday friday saturday sunday police officials authorities mr mrs ms dr
""".split())


@dataclass(frozen=True, slots=True)
class Signature:
    """What one document says about its event: feature counts, names, numbers, places and date."""

    counts: dict[str, float]
    names: dict[str, str]        # feature -> the name as written (for the why)
    places: tuple[str, ...]
    date: dt.date | tuple[int, int] | None
    dates: tuple = ()
    years: frozenset[int] = frozenset()
    days: tuple[int, ...] = ()   # the full dates of ``dates`` as ordinals, for fast comparison
    partial: bool = False        # whether ``dates`` holds a (month, day)
    main: str | None = None      # the name feature of the report's main participant, when clear
    salient: tuple[tuple[str, float], ...] = ()  # its most salient names, as shares of the top one
    # months and years the report looks back to (before its own date), as (first, last) ordinals
    back: tuple[tuple[int, int], ...] = ()
    back_years: frozenset[int] = frozenset()
    weekday: int | None = None   # the weekday an undated report gives its event (0: Monday)


def with_dates(sig: Signature, dates: tuple, years: frozenset[int]) -> Signature:
    return dataclasses.replace(sig, dates=dates, years=years,
                               days=tuple(d.toordinal() for d in dates if isinstance(d, dt.date)),
                               partial=any(isinstance(d, tuple) for d in dates))


def signature(doc: Document, config: Config, cluster: ClusterConfig | None = None) -> Signature:
    """The event signature of ``doc`` (title, then the first ``lede_chars`` of its text)."""
    cluster = cluster or config.cluster
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    # a headline-like first line is in the text already: it gets the title's extra weight only
    title, title_weight = (doc.title, cluster.title_weight) if doc.title else \
        (_headline(doc.text), cluster.title_weight - 1.0)
    title = _sentence_case(title, doc.text[: cluster.lede_chars])
    for part, weight in ((title, title_weight), (doc.text[: cluster.lede_chars], 1.0)):
        if part and weight > 0:
            _features(part, weight, counts, names)
            if cluster.phrase_weight > 0:
                _phrases(part, weight * cluster.phrase_weight, cast("dict[str, float]", counts))
    event, dates, months = _dates(doc, cluster)
    years = {int(y) for y in _YEAR.findall(doc.title + " " + doc.text[: cluster.date_chars])}
    years.update(d.year for d in dates if isinstance(d, dt.date))
    back, back_years = _looking_back(event, months, years)
    weekday = None
    if not any(isinstance(d, dt.date) for d in dates):  # a dated report's weekdays are in its dates
        weekday = _weekday(title, doc.text[: cluster.weekday_chars])
    places = _places(names, title + "\n" + doc.text[: cluster.date_chars], config)
    main, salient = None, ()
    if cluster.main_factor < 1:
        lede = doc.text.lstrip()[: cluster.main_chars]
        if title and not doc.title:  # the headline line is the title: not the lede as well
            lede = lede[len(title):]
        common = set(_WORD.findall(doc.text[: cluster.lede_chars]))  # written in lower case: a word
        common.update(w.lower() for p in places for w in p.split())
        main, salient = _main_participant(title, lede, cluster, common)
    return with_dates(Signature(dict(counts), names, places, event, main=main, salient=salient, back=back,
                                back_years=back_years, weekday=weekday), dates, frozenset(years))


_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday(title: str, lede: str) -> int | None:
    """The first weekday the title or the lede names ("struck on Sunday"), 0 for Monday; else None.

    An undated report tells when its event happened by its weekday alone ("the quake struck on
    Sunday"): the first weekday named is mostly that of the event, a later one that of a
    consequence (the arrest, the funeral).
    """
    for part in (title, lede):
        if match := _WEEKDAY.search(part):
            return _WEEKDAYS.index(match.group(1).lower())
    return None


_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")


def _sentence_case(title: str, text: str) -> str:
    """``title`` in sentence case when it is written in title case ("Why Was Peter Strzok Fired"):
    each of its words in lower case unless ``text`` writes it with a capital too ("Strzok").

    Outlets differ in how they capitalise headlines, not in what is a name: a title-case headline
    would make a name of each of its words, which no report of the event in sentence case shares.
    A title is in title case when at least four in five of its words longer than three letters
    (three at least) start with a capital.
    """
    words = [w for w in _TITLE_WORD.findall(title) if len(w) > 3]
    if len(words) < 3 or sum(w[0].isupper() for w in words) < 0.8 * len(words):
        return title
    capitalised = set(_CAPITALISED.findall(text))

    def lower(match: re.Match) -> str:
        word = match.group()
        return word if word in capitalised or word.isupper() else word.lower()

    return _TITLE_WORD.sub(lower, title)


def _headline(text: str) -> str:
    """The first line of ``text`` when it reads as a headline: short, without a final full stop."""
    first = text.lstrip()[:200].split("\n", 1)[0].strip()
    if 3 <= len(first.split()) <= 20 and not first.endswith((".", ":", '"', "”")):
        return first
    return ""


def _features(text: str, weight: float, counts: Counter[str], names: dict[str, str]) -> None:
    """Add the word, name and number features of ``text`` to ``counts`` (times ``weight``).

    Words are stemmed: one outlet writes that China "grounds" the jets, another that the jets
    are "grounded". Words and numbers are counted by regular expressions over the whole text; only
    the runs of capitalised words are looked at one by one, so that a long text costs little Python.
    """
    for word, count in Counter(_content_words(text)).items():
        counts["w:" + word_stem(word)] += weight * count
    for before, number in _quantities(text):
        if before:  # part of a name ("Boeing 737", "Route 52"): a name feature, weighed by its rarity
            key = "e:" + f"{before} {number}".lower()
            counts[key] += weight
            names.setdefault(key, f"{before} {number}")
            continue
        value = number.replace(",", "")
        if len(value) >= 2 and value not in _COMMON_NUMBERS:
            counts["n:" + value] += weight
    not_names, ends = _NOT_NAMES, _SENTENCE_END
    for match in _NAME_RUN.finditer(text):
        run = match.group().split(" ")
        before = text[max(0, match.start() - 3):match.start()].rstrip(" \t")
        if not before or before[-1] in ends or before[-1] == "\n":  # a sentence starts here
            run = run[1:]
        kept: list[str] = []
        for word in run + [""]:
            if word and len(word) > 1 and word.lower() not in not_names:
                kept.append(word)
                key = "e:" + word.lower()
                counts[key] += weight
                if key not in names:
                    names[key] = word
                continue
            if len(kept) >= 2:
                written = " ".join(kept)
                key = "e:" + written.lower()
                counts[key] += weight
                if key not in names:
                    names[key] = written
            kept = []


def _content_words(text: str) -> list[str]:
    """The words of ``text`` that are word features (lower case, in order): no stopword, none under 3 letters."""
    stop = STOPWORDS
    return [w for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in stop]


def written_words(text: str) -> Iterator[tuple[str, str]]:
    """Each word feature's stem in ``text`` with the word as written there (lower case), in order."""
    for word in _content_words(text):
        yield word_stem(word), word


@functools.lru_cache(maxsize=1 << 16)
def word_stem(word: str) -> str:
    """``stem(word)``, remembered: a corpus repeats its words."""
    return stem(word)


def _phrases(text: str, weight: float, counts: dict[str, float]) -> None:
    """Add each pair of adjacent content words of ``text`` (stemmed) to ``counts`` as a phrase.

    Reports of one event repeat its phrases ("nursing home deaths", "orderly transition"); reports
    of one topic share its words but less often in the same order. A phrase is a word feature
    (``p:``), weighed by its rarity like any other.
    """
    stop = STOPWORDS
    words = _WORD.findall(text.lower())
    for a, b in zip(words, words[1:]):
        if len(a) > 2 and len(b) > 2 and a not in stop and b not in stop:
            key = f"p:{word_stem(a)} {word_stem(b)}"
            counts[key] = counts.get(key, 0.0) + weight


def _quantities(text: str) -> Iterator[tuple[str, str]]:
    """The numbers of ``text``, as written, each with the capitalised word it ends a name with, or "".

    A number right after a capitalised word that does not start its sentence names a thing
    ("Boeing 737", "Title 42", "Route 52"), unless the word is a month or a weekday ("May 18"):
    it is not a quantity, and how much it tells of one event depends on how many reports name it.
    """
    ends = _SENTENCE_END
    for match in _NUMBER.finditer(text):
        start = match.start()
        if start >= 2 and text[start - 1] == " " and text[start - 2].isalpha():
            before = _CAPITALISED_BEFORE.search(text, max(0, start - 40), start)
            if before and before.group(2).lower().rstrip(".") not in _DATE_WORDS:
                prior = before.group(1)
                if prior is not None and prior not in ends:  # not the first word of a sentence
                    yield before.group(2), match.group()
                    continue
        yield "", match.group()


def _name_runs(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each run of capitalised words of ``text`` (sentence-initial word and non-names dropped)."""
    not_names, ends = _NOT_NAMES, _SENTENCE_END
    for match in _NAME_RUN.finditer(text):
        run = match.group().split(" ")
        before = text[max(0, match.start() - 3):match.start()].rstrip(" \t")
        if not before or before[-1] in ends or before[-1] == "\n":
            run = run[1:]
        kept: list[str] = []
        for word in run + [""]:
            if word and len(word) > 1 and word.lower() not in not_names and not word.isupper():
                kept.append(word.removesuffix("’s").removesuffix("'s"))
                continue
            if kept:
                yield match.start(), kept
            kept = []


def _main_participant(title: str, lede: str, cluster: ClusterConfig, common: set[str] = frozenset(),
                      ) -> tuple[str | None, tuple[tuple[str, float], ...]]:
    """The name the report is about: the most salient name of the title and the lede's opening.

    Each mention scores by where it stands (the title, then less and less further into the lede);
    a lone surname counts for the full name it ends. The top name is the main participant only
    when it clearly outscores the next one. Returns its last word, lower-cased, as a name feature.
    """
    def key(words: list[str]) -> str | None:  # the last word that is a name, not a word or place
        for word in reversed(words):
            lower = word.lower()
            if len(lower) > 2 and lower not in common and lower not in _NOT_PLACES:
                return lower
        return None

    score: Counter[str] = Counter()
    for start, words in _name_runs(lede):
        if (name := key(words)) is not None:
            score[name] += 1.0 / (1.0 + start / 300.0)
    if title and score:  # a title's capitals count for the names the lede writes too
        for _, words in _name_runs(title):
            if (name := key(words)) in score:
                score[name] += cluster.main_title_weight
    if not score:
        return None, ()
    ranked = score.most_common(8)
    top, value = ranked[0]
    salient = tuple(("e:" + key, share / value) for key, share in ranked)
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if value < cluster.main_min or value < cluster.main_margin * second:
        return None, salient
    return "e:" + top, salient


def participant_factor(a: Signature, b: Signature, cluster: ClusterConfig) -> float:
    """``main_factor`` when two reports are clearly about different participants, else 1.0.

    Both need a main participant, they differ, and neither report gives the other's more than
    ``main_side`` of the salience of its own (a passing mention of another case is allowed).
    """
    if a.main is None or b.main is None or a.main == b.main:
        return 1.0
    if dict(b.salient).get(a.main, 0.0) > cluster.main_side or dict(a.salient).get(b.main, 0.0) > cluster.main_side:
        return 1.0
    return cluster.main_factor


def evidence_factor(shared: float, cluster: ClusterConfig, agreement: float = 0.0) -> float:
    """How much the amount of evidence two reports share discounts their similarity.

    ``shared`` is the summed weight (IDF times the kind weight) of the features both hold. Two
    headlines that share only "Supreme Court" can still have a high cosine; two reports of one
    event share several rare features. The factor is ``shared / (shared + evidence)``: half when
    they share ``evidence``, near 1 when they share much more. Two reports whose dates agree
    (``agreement`` > 0, see :func:`date_relation`) are not discounted: when it happened is
    evidence too. ``evidence`` 0 turns the factor off.
    """
    if cluster.evidence <= 0 or agreement > 0:
        return 1.0
    return shared / (shared + cluster.evidence)


def _places(names: dict[str, str], text: str, config: Config) -> tuple[str, ...]:
    """Places named: "in/at/near X" phrases first (towns, streets), then the gazetteer's places."""
    local, broad = [], []
    for match in _PLACE.finditer(text):
        written = match.group(1).removesuffix("’s").removesuffix("'s")
        if written.split()[0].lower() in _NOT_PLACES:
            continue
        canonical = config.aliases.get(written, written)
        if config.entity_types.get(canonical) == "place" and canonical not in config.capitals \
                and written not in config.capitals:
            broad.append(canonical)
        else:
            local.append(canonical)
    for written in names.values():
        canonical = config.aliases.get(written) or (written if written in config.capitals else None)
        if canonical and (config.entity_types.get(canonical) == "place" or written in config.capitals):
            (local if written in config.capitals else broad).append(canonical)
    return tuple(dict.fromkeys(local + broad))


def _dates(doc: Document, cluster: ClusterConfig) -> tuple[dt.date | tuple[int, int] | None, tuple, list]:
    """The event date, every date the opening mentions, and the months it names.

    The event date is the first full date of the lede (resolved against publication), else the
    publication date; a day and month without a year ("on May 18", no publication date) gives
    ``(month, day)``. The other dates let a follow-up ("pleaded guilty to the Oct. 26 shooting")
    meet the first report of its event. Without a publication date, a full date heading the text
    (a dateline, "MAY 3, 2013") stands for it: "on Thursday" and "last month" are read against it.
    """
    event, found, months, partial, first = _read_dates(doc.text[: cluster.date_chars], doc.published,
                                                       doc.event_date)
    if doc.published is None and first is not None:
        event, found, months, partial, _ = _read_dates(doc.text[: cluster.date_chars], first,
                                                       doc.event_date or event)
    if event is None:
        event = doc.published or partial
    if doc.published:
        found.append(doc.published)
    if event is not None:
        found.insert(0, event)
    return event, tuple(dict.fromkeys(found)), months


# a date just after "born" (profiles, obituaries) is when someone was born, not when the event was
_BORN = re.compile(r"\bborn\b[^.;\n]{0,20}$")


def _read_dates(text: str, published: dt.date | None, event: dt.date | None) -> tuple:
    """Event date (first full date near the top, unless given), dates, months, first partial, dateline."""
    from comparer.mentions.dates import find_dates

    partial = dateline = None
    found: list[dt.date | tuple[int, int]] = []
    months: list[tuple[int, int]] = []
    for mention in find_dates(text, published):
        value = mention.value
        if not isinstance(value, str):
            continue
        if len(value) == 7 and value[:1].isdigit():
            months.append((int(value[:4]), int(value[5:7])))
        elif len(value) == 10 and value[:1].isdigit():
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                continue
            found.append(day)
            if _BORN.search(text, max(0, mention.start - 30), mention.start):
                continue  # a birth date ("born on April 17, 1931") is not the event's
            if event is None and mention.start < 600:
                event = day
            if dateline is None and mention.start < 600 and mention.label == "absolute":
                dateline = day
        elif len(value) == 7 and value.startswith("--"):
            try:
                month_day = (int(value[2:4]), int(value[5:7]))
            except ValueError:
                continue
            found.append(month_day)
            if partial is None and mention.start < 600:
                partial = month_day
    return event, found, months, partial, dateline


def _looking_back(event: dt.date | tuple[int, int] | None, months: list[tuple[int, int]],
                  years: set[int]) -> tuple[tuple[tuple[int, int], ...], frozenset[int]]:
    """The months and years a dated report names before its own month and year.

    A follow-up looks back to its event ("convicted of a June 2005 murder", "the 2010 shooting"):
    the named month (as its first and last day) and the earlier years let it meet the event's first
    reports however long after them it was written.
    """
    if not isinstance(event, dt.date):
        return (), frozenset()
    own = event.year * 12 + event.month
    back = []
    for year, month in dict.fromkeys(months):
        if 1 <= month <= 12 and year * 12 + month < own:
            first = dt.date(year, month, 1)
            last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            back.append((first.toordinal(), last.toordinal()))
    return tuple(back), frozenset(y for y in years if y < event.year)


# --- vectors and candidates --------------------------------------------------------------------


def date_gap(a: dt.date | tuple[int, int] | None, b: dt.date | tuple[int, int] | None) -> int | None:
    """Days between two event dates; a ``(month, day)`` compares on the calendar, ignoring years."""
    if a is None or b is None:
        return None
    if isinstance(a, dt.date) and isinstance(b, dt.date):
        return abs((a - b).days)
    ma, da = (a.month, a.day) if isinstance(a, dt.date) else a
    mb, db = (b.month, b.day) if isinstance(b, dt.date) else b
    days = abs((ma - mb) * 30.4 + (da - db))
    return int(min(days, 365 - days))


def date_factor(a: Signature, b: Signature, cluster: ClusterConfig) -> float:
    """How far apart two documents' dates weaken a match (1.0: not at all).

    The closest pair of their dates counts: within ``max_date_gap_days`` nothing, then down by
    ``date_penalty`` per log-day to ``date_floor``. Mentioning only different years (2008 and 2012)
    multiplies by ``year_factor``. A follow-up that names the month of the other's event ("the
    June 2005 murder") is as close to it as that month (see :func:`_closest`).
    """
    return date_relation(a, b, cluster)[0]


def date_relation(a: Signature, b: Signature, cluster: ClusterConfig) -> tuple[float, float]:
    """The date factor of two reports, and whether their dates agree.

    Agreement is 1.0 when their closest dates are within ``max_date_gap_days``, -1.0 when
    further apart, 0.0 when one of them has no date. Two undated reports that name weekdays
    agree when these are at most a day apart ("struck on Thursday", "said on Friday"), and
    disagree otherwise. An undated report whose weekday is none of a dated report's has the factor
    multiplied by ``weekday_factor``.
    """
    factor, agreement = 1.0, 0.0
    gap = _closest(a, b, cluster.back_year_days)
    if gap is not None:
        agreement = 1.0 if gap <= cluster.max_date_gap_days else -1.0
        if gap > cluster.max_date_gap_days:
            factor = max(cluster.date_floor,
                         1.0 - cluster.date_penalty * math.log1p(gap - cluster.max_date_gap_days))
    if a.years and b.years and not a.years & b.years:
        factor *= cluster.year_factor
    if gap is None and (a.weekday is not None or b.weekday is not None):
        if a.days or b.days:
            if _weekday_conflict(a, b):
                factor *= cluster.weekday_factor
        elif a.weekday is not None and b.weekday is not None:
            apart = (a.weekday - b.weekday) % 7
            agreement = 1.0 if min(apart, 7 - apart) <= 1 else -1.0
    return factor, agreement


def dates_apart(a: Signature, b: Signature, cluster: ClusterConfig) -> bool:
    """Whether the closest dates of two reports are more than ``conflict_days`` apart.

    Reports of one event may date it a few days apart (the attack, the arrest, the funeral);
    reports dated months or years apart tell of two events unless one looks back to the other.
    """
    gap = _closest(a, b, cluster.back_year_days)
    return gap is not None and gap > cluster.conflict_days


def _weekday_conflict(a: Signature, b: Signature) -> bool:
    """Whether an undated report's weekday is none of the weekdays of the other report's dates.

    "The quake struck on Sunday" does not tell of an event dated on a Tuesday. A dated report's
    dates include the days its own weekdays resolve to ("on Sunday", before its dateline), so a
    report written days after its event still holds the event's weekday.
    """
    for x, y in ((a, b), (b, a)):
        if x.weekday is not None and not x.days and y.days:
            # ordinal 1 (1 January of year 1) was a Monday
            return all((day - 1) % 7 != x.weekday for day in y.days)
    return False


def _closest(a: Signature, b: Signature, back_year_days: int = 10**6) -> int | None:
    """Days between the closest dates of two signatures (None: one of them has none)."""
    if not a.dates or not b.dates:
        return None
    gaps = [abs(x - y) for x in a.days for y in b.days]
    # a follow-up naming the month of the other's event (or its year, counted as ``back_year_days``)
    for x, y in ((a, b), (b, a)):
        if y.back and x.days:
            gaps += [max(first - day, day - last, 0) for day in x.days[:1] for first, last in y.back]
        if y.back_years and isinstance(x.date, dt.date) and x.date.year in y.back_years:
            gaps.append(back_year_days)
    if a.partial or b.partial:
        gaps += [g for x in a.dates for y in b.dates
                 if (isinstance(x, tuple) or isinstance(y, tuple)) and (g := date_gap(x, y)) is not None]
    return min(gaps) if gaps else None


# --- grouping ------------------------------------------------------------------------------------
