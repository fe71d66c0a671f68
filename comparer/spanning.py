"""The strongest spanning forest of verified links, built from links that arrive a batch at a time.

Near-duplicate detection keeps, of the candidate pairs that pass exact verification, a spanning
forest: each group of copies is joined by its strongest links (most equal MinHash slots first, then
by index), and a pair already joined through stronger links is not needed. Taking every pair in
that order needs them all at once. :class:`SpanningForest` takes them a batch at a time instead and
keeps only its own links (fewer than the documents) between batches, so memory follows the number
of documents, not the number of candidate pairs. The result is the same: under a strict order a
graph has one minimum spanning forest, and the forest of (the forest so far + a batch) is the
forest of every link seen.

numpy is imported inside the methods so that ``import comparer`` stays light.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class SpanningForest:
    """The strongest spanning forest of ``n`` nodes over the links that pass ``verify``.

    A link ``(i, j)``, ``i < j``, with strength ``s`` comes before every weaker link, and before a
    link of equal strength with a larger ``(i, j)``. ``verify(i, j)`` scores a link; one scoring
    under ``threshold`` is no link. Only links that would join the forest are verified.

    >>> forest = SpanningForest(3, lambda i, j: 0.9, 0.5)
    >>> forest.add([0, 1], [1, 2], [5, 5])
    >>> forest.add([0], [2], [9])
    >>> forest.links()
    [(0, 1, 0.9), (0, 2, 0.9)]
    """

    def __init__(self, n: int, verify: Callable[[int, int], float], threshold: float) -> None:
        import numpy as np

        self.n = n
        self.verify = verify
        self.threshold = threshold
        self.i = np.zeros(0, dtype=np.int64)
        self.j = np.zeros(0, dtype=np.int64)
        self.strength = np.zeros(0, dtype=np.int64)
        self.score = np.zeros(0, dtype=np.float64)

    def add(self, i: Any, j: Any, strength: Any, chunk: int = 65536) -> None:
        """Take the candidate links ``(i[x], j[x])`` (``i < j``; repeats and links held are ignored).

        Kruskal's algorithm over the links held and the new ones, strongest first: a link joins
        the forest unless its ends are joined already, a new one only if it passes ``verify``.
        """
        import numpy as np

        from comparer.unionfind import UnionFind

        i, j, strength = _distinct_new(self, np.asarray(i, np.int64), np.asarray(j, np.int64),
                                       np.asarray(strength, np.int64))
        held = len(self.i)
        all_i, all_j = np.concatenate((self.i, i)), np.concatenate((self.j, j))
        all_strength = np.concatenate((self.strength, strength))
        score = np.concatenate((self.score, np.full(len(i), np.nan)))
        order = np.lexsort((all_j, all_i, -all_strength))
        joined = UnionFind(self.n)
        chosen = []
        for start in range(0, len(order), chunk):   # Python ints a chunk at a time (a list of all is large)
            part = order[start:start + chunk]
            for x, a, b in zip(part.tolist(), all_i[part].tolist(), all_j[part].tolist()):
                if joined.find(a) == joined.find(b):
                    continue
                if x >= held:
                    score[x] = self.verify(a, b)
                    if score[x] < self.threshold:
                        continue
                joined.union(a, b)
                chosen.append(x)
        keep = np.array(chosen, dtype=np.int64)
        self.i, self.j, self.strength, self.score = all_i[keep], all_j[keep], all_strength[keep], score[keep]

    def links(self) -> list[tuple[int, int, float]]:
        """The forest's links ``(i, j, score)``, sorted."""
        return sorted(zip(self.i.tolist(), self.j.tolist(), self.score.tolist()))


def _distinct_new(forest: SpanningForest, i: Any, j: Any, strength: Any) -> tuple[Any, Any, Any]:
    """The links given once each, leaving out those the forest holds."""
    import numpy as np

    codes = i * forest.n + j
    codes, first = np.unique(codes, return_index=True)
    fresh = ~np.isin(codes, forest.i * forest.n + forest.j)
    first = first[fresh]
    return i[first], j[first], strength[first]
