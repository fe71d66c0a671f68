"""Near-duplicate detection: word shingles -> MinHash signatures -> LSH bands -> exact Jaccard -> groups.

The pieces are separate functions so that a persistent index can reuse them:

- :func:`shingle_hashes` turns many texts into 64-bit shingle hashes (one flat array plus offsets,
  compact enough to keep for exact verification);
- :func:`signatures` computes the MinHash signatures of many texts in one numpy computation;
- :func:`band_keys` turns signatures into LSH band keys (one 64-bit key per band);
- :func:`candidate_chunks` finds documents sharing a band key, each pair once, a band and a lag at
  a time (:func:`candidate_pairs` collects them);
- :func:`verify_pairs` computes exact Jaccard on candidates (:class:`ShingleSets`) and
  :func:`groups_of` joins the verified pairs with union-find; :func:`find_duplicates` streams the
  candidates into a :class:`comparer.spanning.SpanningForest` instead.

Signatures use one-permutation hashing with optimal densification (Shrivastava, ICML 2017): every
shingle hash picks a slot and a rank, each slot keeps its smallest rank, and an empty slot borrows
the value of a slot chosen by a fixed probe sequence. Two documents agree in a slot with probability
equal to their Jaccard similarity, as with classic MinHash, but each shingle is hashed once instead of
``num_perm`` times. :class:`Scheme` records everything a stored signature depends on; signatures of
different schemes must never be compared. These are not datasketch ``MinHash`` values, and are not
handed to datasketch, whose scheme guards would then compare unlike signatures.

numpy is imported inside the functions so that ``import comparer`` stays light.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from comparer.config import DedupConfig
from comparer.unionfind import UnionFind

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

    from comparer.spanning import SpanningForest

__all__ = [
    "Scheme", "Duplicates", "ShingleSets", "normalise", "words", "word_hashes", "shingle_hashes", "signatures",
    "signatures_from_hashes", "lsh_params", "band_keys", "candidate_chunks", "candidate_pairs",
    "estimated_similarity", "verify_pairs", "groups_of", "find_duplicates", "jaccard",
]

EMPTY = 0xFFFFFFFF  # an empty signature slot; real slot values are below 2**31
_MASK64 = (1 << 64) - 1
# Odd 64-bit multipliers, one per position in a shingle (position matters: "a b" != "b a").
_POSITION = (
    0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
    0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9,
)
Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class Scheme:
    """Everything a signature depends on; a store refuses to mix signatures of different schemes.

    ``algorithm`` names the word hash (a polynomial modulo 2**64 over the word's lower-cased UTF-8
    bytes, mixed by splitmix64), the shingle combination and the sketch (one-permutation hashing
    with optimal densification).
    """

    num_perm: int = 128
    shingle_size: int = 5
    seed: int = 1
    algorithm: str = "poly64-words/poly-shingles/oph-densified"
    version: int = 1

    @classmethod
    def from_config(cls, config: DedupConfig) -> Scheme:
        return cls(num_perm=config.num_perm, shingle_size=config.shingle_size, seed=config.seed)


# Words are runs of letters and digits: ASCII punctuation and the common typographic marks become
# spaces; bytes of non-ASCII letters stay inside words.
_SEPARATORS = bytes(c if chr(c).isalnum() or c >= 128 else 32 for c in range(256))
_MARKS = re.compile("[\u2018\u2019\u201a\u201c\u201d\u201e\u2010-\u2015\u2026\u00ab\u00bb\u00a0"
                    "\u2022\u00b7\u2032\u2033\u3000]")
_BASE = 0x100000001B3  # odd, so invertible modulo 2**64
_POWERS: dict[str, Any] = {}


def normalise(text: str) -> bytes:
    """``text`` as shingling reads it: lower-cased UTF-8 with punctuation turned into spaces."""
    if not text.isascii():
        text = _MARKS.sub(" ", text)
    return text.lower().encode("utf-8").translate(_SEPARATORS)


def words(text: str) -> list[bytes]:
    """The words of ``text`` as shingling sees them: lower-cased, punctuation dropped.

    >>> words("U.S. troops -- “Don’t” go!")
    [b'u', b's', b'troops', b'don', b't', b'go']
    """
    return normalise(text).split()


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``_BASE**i`` and its inverse modulo 2**64 for ``i < n`` (cached, grown by doubling)."""
    import numpy as np

    have = _POWERS.get("up")
    if have is None or len(have) < n:
        size = max(n, 2 * len(have) if have is not None else 1 << 20)
        inverse = pow(_BASE, -1, 1 << 64)
        up = np.full(size, _BASE, dtype=np.uint64)
        up[0] = 1
        down = np.full(size, inverse, dtype=np.uint64)
        down[0] = 1
        _POWERS["up"], _POWERS["down"] = np.cumprod(up), np.cumprod(down)  # wraps modulo 2**64
    return _POWERS["up"][:n], _POWERS["down"][:n]


def word_hashes(texts: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
    """A deterministic 64-bit hash of every word of every text, plus each text's word count.

    The hash of a word depends on its bytes only (a polynomial over the bytes, modulo 2**64, then
    mixed), and is computed for all words of all texts in a few numpy passes.
    """
    import numpy as np

    parts = [normalise(t) for t in texts]
    if not parts:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    buffer = np.frombuffer(b" " + b" ".join(parts) + b" ", dtype=np.uint8)
    is_word = buffer != 32
    edges = np.flatnonzero(is_word[1:] != is_word[:-1]) + 1
    starts, ends = edges[0::2], edges[1::2]
    up, down = _powers(len(buffer) + 1)
    prefix = np.zeros(len(buffer) + 1, dtype=np.uint64)
    np.cumsum(buffer.astype(np.uint64) * up[: len(buffer)], out=prefix[1:])
    hashes = (prefix[ends] - prefix[starts]) * down[starts] + (ends - starts).astype(np.uint64)
    lengths = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
    bounds = np.cumsum(lengths + 1)  # text i ends before bounds[i] in the buffer
    counts = np.bincount(np.searchsorted(bounds, starts, side="right"), minlength=len(parts))
    return _mix64(hashes), counts.astype(np.int64)


def _mix64(x: np.ndarray) -> np.ndarray:
    """A 64-bit finaliser (splitmix64) applied element-wise; wraps modulo 2**64."""
    import numpy as np

    x = x ^ (x >> np.uint64(30))
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x


def shingle_hashes(texts: Iterable[str], scheme: Scheme = Scheme()) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of each text's word shingles, as one flat ``uint64`` array plus offsets.

    Text ``i`` owns ``values[offsets[i]:offsets[i + 1]]``, in text order (a repeated shingle
    repeats). A text shorter than ``shingle_size`` words has one shingle (all its words); a text
    without words has none.

    >>> values, offsets = shingle_hashes(["a b c", "A b, c!", "x"], Scheme(shingle_size=2))
    >>> offsets.tolist(), bool((values[0:2] == values[2:4]).all())
    ([0, 2, 4, 5], True)
    """
    import numpy as np

    k = scheme.shingle_size
    hashes, n_words = word_hashes(texts)
    n_shingles = np.where(n_words >= k, n_words - k + 1, np.minimum(n_words, 1))
    offsets = np.zeros(len(n_words) + 1, dtype=np.int64)
    np.cumsum(n_shingles, out=offsets[1:])
    if len(hashes) == 0:
        return np.zeros(0, np.uint64), offsets
    # each text's words followed by k - 1 zero pads, so a short text's one shingle is its words
    seq = np.zeros(len(hashes) + len(n_words) * (k - 1), dtype=np.uint64)
    owner = np.repeat(np.arange(len(n_words), dtype=np.int64), n_words)
    seq[np.arange(len(hashes), dtype=np.int64) + owner * (k - 1)] = hashes
    span = len(seq) - k + 1
    acc = seq[:span] * np.uint64(_POSITION[0])
    for j in range(1, k):
        multiplier = (_POSITION[j % len(_POSITION)] + 2 * (j // len(_POSITION))) & _MASK64  # stays odd
        acc += seq[j:span + j] * np.uint64(multiplier)
    acc ^= np.uint64((scheme.seed * 0x9E3779B97F4A7C15) & _MASK64)
    # keep the shingles that start inside a text (not in its padding)
    starts = np.concatenate(([0], np.cumsum(n_words + k - 1)[:-1])).astype(np.int64)
    first = np.repeat(starts - offsets[:-1], n_shingles) + np.arange(int(offsets[-1]), dtype=np.int64)
    return _mix64(acc[first]), offsets


def signatures_from_hashes(values: np.ndarray, offsets: np.ndarray, scheme: Scheme = Scheme()) -> np.ndarray:
    """MinHash signatures (``uint32``, shape ``(n, num_perm)``) of :func:`shingle_hashes` output.

    Each shingle hash picks a slot (its high 32 bits) and a rank (its low 31 bits); a slot keeps
    its smallest rank. A text without shingles gets ``EMPTY`` slots, which match nothing.
    """
    import numpy as np

    n = len(offsets) - 1
    perm = scheme.num_perm
    sig = np.full(n * perm, EMPTY, dtype=np.uint32)
    if n == 0:
        return sig.reshape(0, perm)
    slot = ((values >> np.uint64(32)) * np.uint64(perm)) >> np.uint64(32)
    rank = (values & np.uint64(0x7FFFFFFF)).astype(np.uint32)
    owner = np.repeat(np.arange(n, dtype=np.int64) * perm, np.diff(offsets))
    owner += slot.astype(np.int64)
    np.minimum.at(sig, owner, rank)
    rows = sig.reshape(n, perm)
    _densify(rows, scheme)
    return rows


def _densify(sig: np.ndarray, scheme: Scheme) -> None:
    """Fill empty slots from the slot a fixed probe sequence reaches first (optimal densification)."""
    import numpy as np

    perm = sig.shape[1]
    empty = sig == EMPTY
    filled = ~empty
    has_any = filled.any(axis=1)
    rows, cols = np.nonzero(empty & has_any[:, None])
    if len(rows) == 0:
        return
    original = sig.copy()
    base = np.arange(perm, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    attempt = 0
    while len(rows):
        attempt += 1
        if attempt <= 4 * perm:
            key = _mix64(base[cols] ^ np.uint64((attempt * 0xC2B2AE3D27D4EB4F + scheme.seed) & _MASK64))
            probe = ((key >> np.uint64(32)) * np.uint64(perm) >> np.uint64(32)).astype(np.int64)
        else:  # pathological: walk to the next filled slot
            probe = (cols + attempt) % perm
        hit = filled[rows, probe]
        sig[rows[hit], cols[hit]] = original[rows[hit], probe[hit]]
        rows, cols = rows[~hit], cols[~hit]


def signatures(texts: Iterable[str], scheme: Scheme = Scheme()) -> np.ndarray:
    """MinHash signatures of many texts at once: ``uint32`` array of shape ``(len(texts), num_perm)``.

    >>> sig = signatures(["the same words here and there", "the same words here and there"])
    >>> sig.shape, bool((sig[0] == sig[1]).all())
    ((2, 128), True)
    """
    values, offsets = shingle_hashes(texts, scheme)
    return signatures_from_hashes(values, offsets, scheme)


@functools.lru_cache(maxsize=32)
def lsh_params(threshold: float, num_perm: int, fp_weight: float = 0.05,
               fn_weight: float = 0.95) -> tuple[int, int]:
    """``(bands, rows)`` minimising weighted false-positive and false-negative areas (as datasketch).

    Missing a pair costs far more than checking one (every candidate is verified exactly, and a
    pair already joined through others is not checked again), hence the default weights: at a
    threshold of 0.5 and 128 slots, 26 bands of 3 rows find a pair of Jaccard 0.5 with probability
    0.97.
    """
    import numpy as np

    trapezoid = getattr(np, "trapezoid", None) or getattr(np, "trapz")  # numpy < 2 has only trapz
    grid = np.linspace(0.0, 1.0, 2001)
    best, best_cost = (1, num_perm), float("inf")
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            prob = 1.0 - (1.0 - grid ** rows) ** bands
            below, above = grid <= threshold, grid >= threshold
            fp = trapezoid(prob[below], grid[below])
            fn = trapezoid(1.0 - prob[above], grid[above])
            cost = fp_weight * fp + fn_weight * fn
            if cost < best_cost:
                best, best_cost = (bands, rows), cost
    return best


def band_keys(sig: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per LSH band: ``uint64`` array ``(n, bands)`` (or ``(bands,)`` for one signature).

    A signature with an empty slot in a band gets a key of 0 there, which :func:`candidate_pairs`
    ignores.
    """
    import numpy as np

    one = sig.ndim == 1
    sig2 = np.atleast_2d(sig)[:, : bands * rows].astype(np.uint64)
    parts = sig2.reshape(len(sig2), bands, rows)
    # the band index is hashed in, so equal values in different bands never share a key
    acc = np.broadcast_to(np.arange(1, bands + 1, dtype=np.uint64), (len(sig2), bands)).copy()
    for r in range(rows):
        acc = _mix64(acc * np.uint64(0x100000001B3) + parts[:, :, r])
    acc |= np.uint64(1)  # never 0 for a real band
    acc[(parts == EMPTY).any(axis=2)] = 0
    return acc[0] if one else acc


def candidate_chunks(keys: np.ndarray, max_bucket: int = 64) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Pairs ``(i, j)``, ``i < j``, of rows sharing a band key, each pair once: ``int64`` arrays
    ``(i, j)``, one band and one lag at a time (so at most as many pairs as rows each).

    A bucket larger than ``max_bucket`` (boilerplate shared by many documents) links each member to
    the next ``max_bucket`` members in it, so the pairs stay near-linear in the corpus size while a
    real group of copies stays connected. A pair is given in the first band that proposes it: near-
    identical texts share a bucket in many bands, and a pair is checked once, not once per band.
    Memory follows the rows (their keys and their place in each band), never the pairs.
    """
    import numpy as np

    n, bands = keys.shape
    by_band = np.ascontiguousarray(keys.T)   # a band's keys, and below its rows' places, are contiguous
    places = np.zeros((bands, n), dtype=np.int32 if n < 1 << 31 else np.int64)
    for band in range(bands):
        col = by_band[band]
        order = np.argsort(col, kind="stable")
        places[band, order] = np.arange(n)
        sorted_keys = col[order]
        for lag in range(1, max_bucket + 1):
            same = (sorted_keys[lag:] == sorted_keys[:-lag]) & (sorted_keys[lag:] != 0)
            if not same.any():
                break
            idx = np.nonzero(same)[0]
            low = np.minimum(order[idx], order[idx + lag]).astype(np.int64)
            high = np.maximum(order[idx], order[idx + lag]).astype(np.int64)
            for earlier in range(band):   # drop the pairs an earlier band proposed
                shared = by_band[earlier][low]
                proposed = (shared == by_band[earlier][high]) & (shared != 0) & \
                    (np.abs(places[earlier][low] - places[earlier][high]) <= max_bucket)
                if proposed.any():
                    low, high = low[~proposed], high[~proposed]
            if len(low):
                yield low, high


def candidate_pairs(keys: np.ndarray, max_bucket: int = 64) -> np.ndarray:
    """Every pair of :func:`candidate_chunks`: ``int64`` array ``(m, 2)``, sorted.

    >>> import numpy as np
    >>> candidate_pairs(np.array([[5, 1], [5, 2], [7, 2]], dtype=np.uint64)).tolist()
    [[0, 1], [1, 2]]
    """
    import numpy as np

    n = len(keys)
    chunks = [low * n + high for low, high in candidate_chunks(keys, max_bucket)]
    codes = np.sort(np.concatenate(chunks)) if chunks else np.zeros(0, dtype=np.int64)
    return np.stack((codes // n, codes % n), axis=1)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two arrays of shingle hashes, taken as sets.

    >>> import numpy as np
    >>> jaccard(np.array([1, 2, 3, 3], np.uint64), np.array([4, 3, 2], np.uint64))
    0.5
    """
    return _sorted_jaccard(_unique(a), _unique(b))


def _unique(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (np.unique without its hash-table path, faster on small arrays)."""
    import numpy as np

    out = np.sort(values)
    if len(out) > 1:
        out = out[np.concatenate(([True], out[1:] != out[:-1]))]
    return out


def _sorted_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    import numpy as np

    if len(a) == 0 or len(b) == 0:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    pos = np.searchsorted(b, a)
    pos[pos == len(b)] = 0
    common = int(np.count_nonzero(b[pos] == a))
    return common / (len(a) + len(b) - common)


class ShingleSets:
    """The shingle sets of :func:`shingle_hashes` output, sorted and made unique on first use."""

    def __init__(self, values: np.ndarray, offsets: np.ndarray) -> None:
        self.values, self.offsets = values, offsets
        self._cache: dict[int, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i: int) -> np.ndarray:
        found = self._cache.get(i)
        if found is None:
            found = self._cache[i] = _unique(self.values[self.offsets[i]:self.offsets[i + 1]])
        return found

    def jaccard(self, i: int, j: int) -> float:
        """Exact Jaccard similarity of texts ``i`` and ``j``."""
        return _sorted_jaccard(self[i], self[j])


def estimated_similarity(sig: np.ndarray, pairs: np.ndarray, chunk: int = 65536) -> np.ndarray:
    """Fraction of equal signature slots for each pair (the MinHash estimate of their Jaccard)."""
    import numpy as np

    out = np.zeros(len(pairs), dtype=np.float64)
    for start in range(0, len(pairs), chunk):
        part = pairs[start:start + chunk]
        out[start:start + chunk] = (sig[part[:, 0]] == sig[part[:, 1]]).mean(axis=1)
    return out


def verify_pairs(pairs: Iterable[tuple[int, int]], sets: ShingleSets, threshold: float, *,
                 spanning: bool = True) -> list[tuple[int, int, float]]:
    """Candidate pairs whose exact Jaccard is at least ``threshold``, with that Jaccard.

    With ``spanning`` a pair whose texts are already joined through verified pairs is not checked:
    the groups come out the same and each group costs ``size - 1`` checks when its members are
    near-identical. Give the pairs most-similar first (by :func:`estimated_similarity`) so that the
    pairs kept are the strongest links.
    """
    uf = UnionFind(len(sets)) if spanning else None
    out = []
    for i, j in pairs:
        if uf is not None and uf.find(i) == uf.find(j):
            continue
        score = sets.jaccard(i, j)
        if score >= threshold:
            out.append((i, j, score))
            if uf is not None:
                uf.union(i, j)
    return out


def groups_of(n: int, edges: Iterable[tuple[Any, ...]]) -> list[list[int]]:
    """Connected components (of two or more) of ``n`` nodes joined by ``edges``."""
    uf = UnionFind(n)
    for i, j, *_ in edges:
        uf.union(i, j)
    return uf.groups()


@dataclass(frozen=True, slots=True)
class Duplicates:
    """What :func:`find_duplicates` found (indices into its input).

    ``pairs`` are verified ``(i, j, jaccard)`` links, ``groups`` the connected groups of two or
    more, ``sets`` the shingle sets (for further exact comparisons), ``candidates`` the number of
    LSH candidate pairs.
    """

    scheme: Scheme
    pairs: tuple[tuple[int, int, float], ...]
    groups: tuple[tuple[int, ...], ...]
    candidates: int
    sets: ShingleSets


def find_duplicates(texts: Sequence[str], config: DedupConfig | None = None, progress: Progress | None = None,
                    batch_size: int = 2000, batch_chars: int = 4_000_000, spanning: bool = True,
                    batch_pairs: int | None = None) -> Duplicates:
    """Near-duplicate groups of ``texts``: MinHash + LSH candidates, exact Jaccard, spanning forest.

    Texts are hashed in batches of at most ``batch_size`` texts or about ``batch_chars`` characters
    (``progress`` is called with each batch's size). Candidate pairs are streamed, each once, into
    the strongest spanning forest of the verified pairs (:class:`comparer.spanning.SpanningForest`;
    most equal signature slots first, ties by index), ``batch_pairs`` at a time (four per text, at
    least 2**18, by default): memory grows with the corpus (signatures, band keys, and the
    shingle hashes kept for verification, 8 bytes per shingle), not with its candidate pairs.
    Without ``spanning`` every verified pair is kept.

    >>> found = find_duplicates(["one two three four five six seven", "one two three four five six eight",
    ...                          "something else entirely"], DedupConfig(threshold=0.3, shingle_size=3))
    >>> found.groups, [(i, j, round(s, 2)) for i, j, s in found.pairs]
    (((0, 1),), [(0, 1, 0.67)])
    """
    import numpy as np

    from comparer.spanning import SpanningForest

    config = config or DedupConfig()
    scheme = Scheme.from_config(config)
    bands, rows = lsh_params(config.threshold, scheme.num_perm)
    all_values, all_offsets = [], [np.zeros(1, np.int64)]
    sig = np.zeros((len(texts), scheme.num_perm), np.uint32)
    keys = np.zeros((len(texts), bands), np.uint64)   # made a batch at a time, as the signatures
    base = done = 0
    for chunk in _batches(texts, batch_size, batch_chars):
        values, offsets = shingle_hashes(chunk, scheme)
        sig[done:done + len(chunk)] = signatures_from_hashes(values, offsets, scheme)
        keys[done:done + len(chunk)] = band_keys(sig[done:done + len(chunk)], bands, rows)
        all_values.append(values)
        all_offsets.append(offsets[1:] + base)
        base += len(values)
        done += len(chunk)
        if progress:
            progress(len(chunk))
    values = np.concatenate(all_values) if all_values else np.zeros(0, np.uint64)
    offsets = np.concatenate(all_offsets)
    sets = ShingleSets(values, offsets)
    forest = SpanningForest(len(texts), sets.jaccard, config.threshold)
    verified: list[tuple[int, int, float]] = []   # without spanning: every verified pair
    limit = batch_pairs or max(4 * len(texts), 1 << 18)
    waiting: list[tuple[Any, Any, Any]] = []   # candidates not yet given to the forest
    candidates = held = 0
    for low, high in candidate_chunks(keys):
        candidates += len(low)
        if not spanning:
            verified.extend(verify_pairs(zip(low.tolist(), high.tolist()), sets, config.threshold, spanning=False))
            continue
        waiting.append((low, high, _equal_slots(sig, low, high)))
        held += len(low)
        if held >= limit:
            _give(forest, waiting)
            waiting, held = [], 0
    if waiting:
        _give(forest, waiting)
    pairs = forest.links() if spanning else sorted(verified)
    groups = groups_of(len(texts), pairs)
    return Duplicates(scheme, tuple(pairs), tuple(tuple(g) for g in groups), candidates, sets)


def _give(forest: SpanningForest, waiting: list[tuple[Any, Any, Any]]) -> None:
    """Hand the ``waiting`` candidates (pairs and equal slots, chunk by chunk) to ``forest`` at once."""
    import numpy as np

    low, high, slots = (np.concatenate(part) for part in zip(*waiting))
    forest.add(low, high, slots)


def _equal_slots(sig: np.ndarray, low: np.ndarray, high: np.ndarray, chunk: int = 8192) -> np.ndarray:
    """How many signature slots rows ``low`` and ``high`` share, pair by pair (the MinHash estimate
    of their Jaccard, times ``num_perm``, as an integer: ties stay ties)."""
    import numpy as np

    out = np.zeros(len(low), dtype=np.int64)
    for start in range(0, len(low), chunk):
        part = slice(start, start + chunk)
        out[part] = (sig[low[part]] == sig[high[part]]).sum(axis=1)
    return out


def _batches(texts: Sequence[str], size: int, chars: int) -> Iterable[Sequence[str]]:
    start, total = 0, 0
    for index, text in enumerate(texts):
        total += len(text)
        if index + 1 - start >= size or total >= chars:
            yield texts[start:index + 1]
            start, total = index + 1, 0
    if start < len(texts):
        yield texts[start:]
