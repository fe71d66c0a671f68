"""Same-event clustering: event signatures, candidate pairs, average-link groups, and why.

An event signature is a weighted bag of features read from the title and the opening of the text:
content words, names (capitalised words and runs of them where a sentence does not start), and
specific numbers (tolls, ages, magnitudes, years), weighted by TF-IDF over the corpus so that what
is rare in the corpus (a victim's name, a street, a death toll) counts for more than what every
report of that kind of event says ("shooting", "police"). Two reports are of one event when their
signatures are close (cosine) and their dates, when both are known, are close.

Candidates come from an inverted index of each document's strongest rare features, so the corpus is
never compared pair by pair. Groups are made by average-link agglomeration inside each connected
component of the candidate graph: a document joins a group only if it is close to the group as a
whole, which keeps two meetings of the same two leaders (or two shootings in one city) apart even
when a report of one mentions the other.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from comparer.config import ClusterConfig, Config
from comparer.types import Document

Progress = Callable[[int], None]

RARE_DF = 10
_WORD = re.compile(r"[^\W\d_](?:[\w'’&-]*[^\W_])?")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,:]\d+)*")
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


def _dated(sig: Signature, dates: tuple, years: frozenset[int]) -> Signature:
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
    for part, weight in ((title, title_weight), (doc.text[: cluster.lede_chars], 1.0)):
        if part and weight > 0:
            _features(part, weight, counts, names)
    event, dates = _dates(doc, cluster)
    years = {int(y) for y in _YEAR.findall(doc.title + " " + doc.text[: cluster.date_chars])}
    years.update(d.year for d in dates if isinstance(d, dt.date))
    places = _places(names, title + "\n" + doc.text[: cluster.date_chars], config)
    main, salient = None, ()
    if cluster.main_factor < 1:
        lede = doc.text.lstrip()[: cluster.main_chars]
        if title and not doc.title:  # the headline line is the title: not the lede as well
            lede = lede[len(title):]
        common = set(_WORD.findall(doc.text[: cluster.lede_chars]))  # written in lower case: a word
        common.update(w.lower() for p in places for w in p.split())
        main, salient = _main_participant(title, lede, cluster, common)
    return _dated(Signature(dict(counts), names, places, event, main=main, salient=salient), dates,
                  frozenset(years))


def _headline(text: str) -> str:
    """The first line of ``text`` when it reads as a headline: short, without a final full stop."""
    first = text.lstrip()[:200].split("\n", 1)[0].strip()
    if 3 <= len(first.split()) <= 20 and not first.endswith((".", ":", '"', "”")):
        return first
    return ""


def _features(text: str, weight: float, counts: Counter[str], names: dict[str, str]) -> None:
    """Add the word, name and number features of ``text`` to ``counts`` (times ``weight``).

    Words and numbers are counted by regular expressions over the whole text; only the runs of
    capitalised words are looked at one by one, so that a long text costs little Python.
    """
    stop = STOPWORDS
    for word, count in Counter(_WORD.findall(text.lower())).items():
        if len(word) > 2 and word not in stop:
            counts["w:" + word] += weight * count
    for number, count in Counter(_NUMBER.findall(text)).items():
        value = number.replace(",", "")
        if len(value) >= 2 and value not in _COMMON_NUMBERS:
            counts["n:" + value] += weight * count
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


def _dates(doc: Document, cluster: ClusterConfig) -> tuple[dt.date | tuple[int, int] | None, tuple]:
    """The event date and every date the opening mentions.

    The event date is the first full date of the lede (resolved against publication), else the
    publication date; a day and month without a year ("on May 18", no publication date) gives
    ``(month, day)``. The other dates let a follow-up ("pleaded guilty to the Oct. 26 shooting")
    meet the first report of its event.
    """
    from comparer.mentions.dates import find_dates

    event: dt.date | tuple[int, int] | None = doc.event_date
    partial = None
    found: list[dt.date | tuple[int, int]] = []
    for mention in find_dates(doc.text[: cluster.date_chars], doc.published):
        value = mention.value
        if not isinstance(value, str):
            continue
        if len(value) == 10 and value[:1].isdigit():
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                continue
            found.append(day)
            if event is None and mention.start < 600:
                event = day
        elif len(value) == 7 and value.startswith("--"):
            try:
                month_day = (int(value[2:4]), int(value[5:7]))
            except ValueError:
                continue
            found.append(month_day)
            if partial is None and mention.start < 600:
                partial = month_day
    if event is None:
        event = doc.published or partial
    if doc.published:
        found.append(doc.published)
    if event is not None:
        found.insert(0, event)
    return event, tuple(dict.fromkeys(found))


# --- vectors and candidates --------------------------------------------------------------------


def vectors(rows: Iterable[dict[str, float]], cluster: ClusterConfig) -> tuple[Any, list[str], Any]:
    """L2-normalised TF-IDF rows (scipy CSR), the feature names, and each feature's document count.

    ``rows`` are feature counts (``Signature.counts``), read once: they may be generated and
    dropped one by one, so that a large corpus never holds every document's counts at once.
    """
    import array

    import numpy as np
    from scipy import sparse

    vocabulary: dict[str, int] = {}
    indptr, indices, data = array.array("q", [0]), array.array("q"), array.array("d")
    for counts in rows:
        for feature, count in counts.items():
            indices.append(vocabulary.setdefault(feature, len(vocabulary)))
            data.append(count)
        indptr.append(len(indices))
    n = len(indptr) - 1
    matrix = sparse.csr_matrix((np.frombuffer(data, dtype=np.float64), np.frombuffer(indices, dtype=np.int64),
                                np.frombuffer(indptr, dtype=np.int64)), shape=(n, len(vocabulary)))
    df = np.bincount(matrix.indices, minlength=len(vocabulary))
    features = [""] * len(vocabulary)
    for feature, index in vocabulary.items():
        features[index] = feature
    kind_weight = np.array([cluster.name_weight if f.startswith("e:") else
                            cluster.number_weight if f.startswith("n:") else 1.0 for f in features])
    idf = np.log((n + 1) / (df + 1)) + 1.0
    matrix.data = 1.0 + np.log(matrix.data)
    matrix = _normalise(matrix @ sparse.diags(idf * kind_weight))
    return matrix, features, df


def _normalise(matrix: Any) -> Any:
    import numpy as np
    from scipy import sparse

    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return (sparse.diags(1.0 / norms) @ matrix).tocsr()


def candidate_pairs(matrix: Any, df: Any, cluster: ClusterConfig, window: int = 1) -> Any:
    """Pairs ``(i, j)``, ``i < j``, sharing two of their ``top_features`` strongest features.

    A feature held by at most ``max_df`` documents pairs them all; one held by up to 20 times as
    many pairs each document with the next ``window`` holders only, which keeps a large event
    connected; commoner features are ignored. A pair needs two shared features, or one when either
    document is short (fewer than ``top_features / 2`` usable features): one common word in a big
    corpus pairs many unrelated reports, two rarely do. So the number of pairs per document stays
    bounded as the corpus grows. Returns an ``int64`` array ``(m, 2)`` sorted by ``i`` then ``j``.
    """
    import numpy as np

    n = matrix.shape[0]
    max_df = max(cluster.max_df, 2)
    feature_parts, doc_parts = [], []
    for i in range(n):
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        idx = matrix.indices[start:end]
        weights = matrix.data[start:end]
        keep = (df[idx] >= 2) & (df[idx] <= 20 * max_df)
        idx, weights = idx[keep], weights[keep]
        if len(idx) > cluster.top_features:
            idx = idx[np.argpartition(-weights, cluster.top_features)[: cluster.top_features]]
        feature_parts.append(idx)
        doc_parts.append(np.full(len(idx), i, dtype=np.int64))
    if not feature_parts:
        return np.zeros((0, 2), dtype=np.int64)
    features = np.concatenate(feature_parts).astype(np.int64)
    docs = np.concatenate(doc_parts)
    order = np.lexsort((docs, features))
    features, docs = features[order], docs[order]
    size = np.bincount(features)[features]  # holders of each posting's feature among top features
    short = np.array([len(p) < cluster.top_features // 2 for p in feature_parts])[docs]
    found = []
    for lag in range(1, max_df):
        same = features[lag:] == features[:-lag]
        if lag > window:
            same &= size[lag:] <= max_df
        if not same.any():
            break
        k = np.flatnonzero(same)
        found.append(docs[k] * n + docs[k + lag])
        # a short document has few features to share: one shared feature is enough for it
        few = k[short[k] | short[k + lag]]
        found.append(docs[few] * n + docs[few + lag])
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    codes = np.sort(np.concatenate(found))
    starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
    shared = np.diff(np.append(starts, len(codes)))
    codes = codes[starts[shared >= 2]]
    return np.stack((codes // n, codes % n), axis=1)


def pair_similarity(matrix: Any, pairs: Any, chunk: int = 20000) -> Any:
    """Cosine similarity of each pair's rows (rows are L2-normalised)."""
    import numpy as np

    out = np.zeros(len(pairs))
    for start in range(0, len(pairs), chunk):
        part = pairs[start:start + chunk]
        out[start:start + chunk] = np.asarray(matrix[part[:, 0]].multiply(matrix[part[:, 1]]).sum(axis=1)).ravel()
    return out


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
    multiplies by ``year_factor``.
    """
    factor = 1.0
    gap = _closest(a, b)
    if gap is not None and gap > cluster.max_date_gap_days:
        factor = max(cluster.date_floor, 1.0 - cluster.date_penalty * math.log1p(gap - cluster.max_date_gap_days))
    if a.years and b.years and not a.years & b.years:
        factor *= cluster.year_factor
    return factor


def _closest(a: Signature, b: Signature) -> int | None:
    """Days between the closest dates of two signatures (None: one of them has none)."""
    if not a.dates or not b.dates:
        return None
    gaps = [abs(x - y) for x in a.days for y in b.days]
    if a.partial or b.partial:
        gaps += [g for x in a.dates for y in b.dates
                 if (isinstance(x, tuple) or isinstance(y, tuple)) and (g := date_gap(x, y)) is not None]
    return min(gaps) if gaps else None


# --- grouping ------------------------------------------------------------------------------------


def average_link(matrix: Any, members: Sequence[int], dates: Sequence[Signature],
                 cluster: ClusterConfig) -> list[list[int]]:
    """Average-link agglomeration of ``members`` (dense), cut at ``cluster.threshold``.

    Up to ``cluster.exact_limit`` members the cohesive agglomeration is exact; above it, the
    plain average-link tree is cut under the same rule (:func:`_cohesive_cut`).
    """
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    if len(members) == 1:
        return [list(members)]
    sub = matrix[list(members)]
    sim = (sub @ sub.T).toarray()
    for a in range(len(members)):
        for b in range(a + 1, len(members)):
            factor = date_factor(dates[members[a]], dates[members[b]], cluster) * \
                participant_factor(dates[members[a]], dates[members[b]], cluster)
            if factor != 1.0:
                sim[a, b] *= factor
                sim[b, a] *= factor
    if cluster.cohesion > 0 and len(members) <= cluster.exact_limit:
        labels = _cohesive_average_link(sim, cluster.threshold, cluster.cohesion)
    else:
        distance = np.clip(1.0 - sim, 0.0, None)
        np.fill_diagonal(distance, 0.0)
        tree = linkage(squareform(distance, checks=False), method="average")
        if cluster.cohesion > 0:
            labels = _cohesive_cut(tree, len(members), cluster.threshold, cluster.cohesion)
        else:
            labels = fcluster(tree, t=1.0 - cluster.threshold, criterion="distance")
    groups: dict[int, list[int]] = {}
    for member, label in zip(members, labels):
        groups.setdefault(int(label), []).append(member)
    return list(groups.values())


def _cohesive_cut(tree: Any, m: int, threshold: float, cohesion: float) -> list[int]:
    """Groups of an average-link tree under the rule of :func:`_cohesive_average_link`.

    The tree's merges are read bottom up; a merge below ``threshold``, or below ``cohesion``
    times the inner similarity of the looser of two groups of three or more, is refused, and so
    is every merge above it. The groups are the highest merges kept. Cost: O(m), after the tree.
    """
    size = [1] * m + [0] * (m - 1)
    inside = [0.0] * (2 * m - 1)
    broken = [False] * (2 * m - 1)
    for k, (a, b, distance, _) in enumerate(tree.tolist()):
        a, b, node = int(a), int(b), m + k
        best = 1.0 - distance
        size[node] = size[a] + size[b]
        inside[node] = inside[a] + inside[b] + best * size[a] * size[b]
        tight = [inside[g] / (size[g] * (size[g] - 1) / 2) for g in (a, b) if size[g] >= 3]
        broken[node] = broken[a] or broken[b] or best < threshold or \
            (len(tight) == 2 and best < cohesion * min(tight))
    label = list(range(m))
    for k in range(len(tree) - 1, -1, -1):  # top down: each highest kept merge labels its leaves
        node = m + k
        if broken[node]:
            continue
        stack = [node]
        while stack:
            g = stack.pop()
            if g < m:
                label[g] = node
            else:
                broken[g] = True  # labelled with its highest kept ancestor: skip it when met
                stack.extend(int(c) for c in tree[g - m, :2])
    return label


def _cohesive_average_link(sim: Any, threshold: float, cohesion: float) -> list[int]:
    """Average-link agglomeration that refuses merges much weaker than the groups' own cohesion.

    Two groups merge when their average similarity is at least ``threshold`` and, when both have
    three or more members, at least ``cohesion`` times the average similarity inside the looser of
    them. Reports of two events of one kind (two earthquakes, two bouts of one boxer) are alike, but
    less alike than the reports of each event are among themselves; that is what stops the
    chaining. Cost: O(m^2) per merge or refusal, hence ``exact_limit``.
    """
    import numpy as np

    m = len(sim)
    between = sim.astype(np.float64).copy()
    np.fill_diagonal(between, 0.0)
    size = np.ones(m)
    inside = np.zeros(m)  # sum of pairwise similarities inside each group
    alive = np.ones(m, dtype=bool)
    blocked = np.zeros((m, m), dtype=bool)
    np.fill_diagonal(blocked, True)
    label = np.arange(m)
    while True:
        average = between / np.outer(size, size)
        average[blocked | ~alive[:, None] | ~alive[None, :]] = -1.0
        flat = int(np.argmax(average))
        a, b = divmod(flat, m)
        best = average[a, b]
        if best < threshold:
            break
        tight = [inside[g] / (size[g] * (size[g] - 1) / 2) for g in (a, b) if size[g] >= 3]
        if len(tight) == 2 and best < cohesion * min(tight):
            blocked[a, b] = blocked[b, a] = True
            continue
        inside[a] += inside[b] + between[a, b]
        size[a] += size[b]
        between[a, :] += between[b, :]
        between[:, a] += between[:, b]
        between[a, a] = 0.0
        blocked[a, :] |= blocked[b, :]
        blocked[:, a] |= blocked[:, b]
        blocked[a, a] = True
        alive[b] = False
        label[label == b] = a
    return label.tolist()


def group_events(documents: Sequence[Document], config: Config | None = None,
                 must_link: Sequence[tuple[int, int]] = (), progress: Progress | None = None,
                 ) -> tuple[list[list[int]], list[Signature], Any]:
    """Groups of document indices that report one event (every document is in exactly one group).

    ``must_link`` pairs (near-duplicate copies) always end in the same group.
    """
    import numpy as np

    from comparer.minhash import UnionFind

    config = config or Config()
    cluster = config.cluster
    signatures: list[Signature] = []

    def counts() -> Iterator[dict[str, float]]:
        for doc in documents:
            sig = signature(doc, config, cluster)
            # the words live on in the matrix; the why needs only names and numbers
            signatures.append(dataclasses.replace(sig, counts={f: c for f, c in sig.counts.items()
                                                                if f[0] == "n"}))
            if progress:
                progress(1)
            yield sig.counts

    matrix, features, df = vectors(counts(), cluster)
    n = len(documents)
    if n == 0:
        return [], signatures, None
    if must_link:
        signatures = _share_dates(signatures, must_link)
    pairs = candidate_pairs(matrix, df, cluster)
    sims = pair_similarity(matrix, pairs)
    # the date factor only lowers a similarity: look at dates for pairs that could still link
    close = sims >= cluster.link_threshold
    pairs, sims = pairs[close], sims[close]
    if len(pairs):
        sims = sims * np.array([date_factor(signatures[i], signatures[j], cluster) *
                                participant_factor(signatures[i], signatures[j], cluster)
                                for i, j in pairs.tolist()])
    keep = sims >= cluster.link_threshold
    pairs, sims = pairs[keep], sims[keep]
    strong = [tuple(p) for p in pairs.tolist()]
    components = _components(n, strong + [tuple(p) for p in must_link], cluster.max_component, matrix,
                             pairs, sims)
    groups: list[list[int]] = []
    for members in components:
        groups.extend(average_link(matrix, members, signatures, cluster))
    if must_link:  # copies of one story are one event, whatever the averages say
        uf = UnionFind(n)
        for group in groups:
            for member in group[1:]:
                uf.union(group[0], member)
        for i, j in must_link:
            uf.union(i, j)
        merged: dict[int, list[int]] = {}
        for i in range(n):
            merged.setdefault(uf.find(i), []).append(i)
        groups = list(merged.values())
    return [sorted(g) for g in groups], signatures, matrix


def _share_dates(signatures: list[Signature], must_link: Sequence[tuple[int, int]]) -> list[Signature]:
    """Copies of one story report one event: each copy gets the dates and years of all of them.

    A reprint whose dateline was dropped would otherwise match every event of its kind.
    """
    from comparer.minhash import groups_of

    out = list(signatures)
    for group in groups_of(len(signatures), must_link):
        dates = tuple(dict.fromkeys(d for i in group for d in signatures[i].dates))
        years = frozenset().union(*(signatures[i].years for i in group))
        for i in group:
            out[i] = _dated(signatures[i], dates, years)
    return out


def _components(n: int, edges: list[tuple[int, int]], limit: int, matrix: Any, pairs: Any,
                sims: Any) -> list[list[int]]:
    """Connected components; one larger than ``limit`` is split by raising its edge threshold."""
    from comparer.minhash import UnionFind

    uf = UnionFind(n)
    for i, j in edges:
        uf.union(i, j)
    members: dict[int, list[int]] = {}
    for i in range(n):
        members.setdefault(uf.find(i), []).append(i)
    out = []
    for group in sorted(members.values()):
        if len(group) <= limit:
            out.append(group)
            continue
        inside = set(group)
        local = [(float(s), int(i), int(j)) for (i, j), s in zip(pairs.tolist(), sims.tolist())
                 if i in inside and j in inside]
        local.sort(reverse=True)
        # keep the strongest edges only, as many as a forest of components within the limit allows
        sub = UnionFind(n)
        size = {i: 1 for i in group}
        for s, i, j in local:
            ri, rj = sub.find(i), sub.find(j)
            if ri != rj and size[ri] + size[rj] <= limit:
                sub.union(ri, rj)
                root = sub.find(ri)
                size[root] = size[ri] + size[rj]
        split: dict[int, list[int]] = {}
        for i in group:
            split.setdefault(sub.find(i), []).append(i)
        out.extend(split.values())
    return out


# --- why ------------------------------------------------------------------------------------------


def _display_name(written: str) -> str:
    """A name as the why shows it: without titles before it ("President") or a possessive after."""
    from comparer.mentions.entities import TITLES

    words = written.removesuffix("’s").removesuffix("'s").split()
    while words and words[0].lower().rstrip(".") in TITLES | _NATIONALITIES:
        words = words[1:]
    return " ".join(words)


_NATIONALITIES = frozenset("us u.s american japanese chinese british french german russian".split())


def explain(members: Sequence[int], signatures: Sequence[Signature], matrix: Any,
            cluster: ClusterConfig) -> tuple[str, str | None, tuple[str, ...]]:
    """The ``why`` of a group, its event date and its places."""
    dates = Counter(signatures[i].date for i in members if isinstance(signatures[i].date, dt.date))
    event_date = dates.most_common(1)[0][0].isoformat() if dates else None
    place_count = Counter(p for i in members for p in dict.fromkeys(signatures[i].places))
    rank = {}
    for i in members:
        for position, place in enumerate(signatures[i].places):
            rank[place] = min(rank.get(place, position), position)
    if len(members) == 1:
        places = signatures[members[0]].places[:3]
        return "no other document reports this event", event_date, places
    need = max(2, math.ceil(len(members) / 2))
    places = tuple(sorted((p for p, c in place_count.items() if c >= need),
                          key=lambda p: (rank[p], -place_count[p], p)))[:4]
    shared = Counter(f for i in members for f in signatures[i].names)
    spelled: dict[str, str] = {}
    for i in members:
        spelled.update({f: w for f, w in signatures[i].names.items() if f not in spelled})
    names = []
    for feature, count in sorted(shared.items(), key=lambda fc: (-fc[1], -len(fc[0]), fc[0])):
        name = _display_name(spelled[feature])
        if count >= need and name and name not in places and name not in names:
            names.append(name)
    names = [n for n in names if not any(n != other and n in other.split() for other in names)][:6]
    numbers = Counter(f for i in members for f in signatures[i].counts if f.startswith("n:"))
    shared_numbers = [f[2:] for f, c in numbers.most_common() if c >= need][:4]
    sub = matrix[list(members)]
    sim = (sub @ sub.T).toarray()
    k = len(members)
    average = (sim.sum() - k) / (k * (k - 1))
    parts = []
    if names:
        parts.append("shared names: " + ", ".join(names))
    if places:
        parts.append("place: " + ", ".join(places))
    if shared_numbers:
        parts.append("shared numbers: " + ", ".join(shared_numbers))
    if event_date:
        day = dates.most_common(1)[0][0]
        agree = sum(1 for i in members if any(d == day or d == (day.month, day.day) for d in signatures[i].dates))
        parts.append(f"date {event_date} ({agree} of {k} documents)")
    parts.append(f"text similarity {average:.2f} (average)")
    return "; ".join(parts), event_date, places
