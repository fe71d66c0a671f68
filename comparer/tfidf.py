"""TF-IDF weights of event features: the one formula that clustering and the index share.

A feature counted ``tf`` times in a document and held by ``df`` of a corpus's ``n`` documents weighs
``(1 + log tf) * (log((n + 1) / (df + 1)) + 1) * kind``: a repeated feature counts less than
linearly, one that is rare in the corpus counts more, and ``kind`` weighs names and numbers
against words (``ClusterConfig.name_weight``, ``name_word_weight`` and ``number_weight``). Batch clustering
(:mod:`comparer.events`) weighs a whole corpus at once; the index (:mod:`comparer.index`) keeps
counts and document counts, and weighs them when it reads them.

numpy is imported inside the functions so that ``import comparer`` stays light.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# kinds of event feature, by prefix: "w:" (and any other), "e:" of several words, "n:", "e:" of one word
WORD, NAME, NUMBER, NAME_WORD = 0, 1, 2, 3


def kinds(features: Iterable[str]) -> Any:
    """The kind of each feature (``WORD``, ``NAME``, ``NUMBER`` or ``NAME_WORD``) as a ``uint8`` array.

    A name of one word ("Kobe") is a word feature as well (``w:``); a name of several ("Kobe
    Bryant") says more than its words do. So the two kinds weigh apart.

    >>> kinds(["w:quake", "e:kobe bryant", "n:6.8", "e:kobe"]).tolist()
    [0, 1, 2, 3]
    """
    import numpy as np

    codes = {"e:": NAME, "n:": NUMBER}
    return np.array([NAME_WORD if f[:2] == "e:" and " " not in f else codes.get(f[:2], WORD) for f in features],
                    dtype=np.uint8)


def kind_weights(codes: Any, name_weight: float, number_weight: float, name_word_weight: float) -> Any:
    """The weight of each kind in ``codes``: 1.0 for a word, ``name_weight``, ``number_weight``,
    ``name_word_weight`` (the settings of ``ClusterConfig``, passed one by one: this module sits
    below the configuration)."""
    import numpy as np

    return np.array([1.0, name_weight, number_weight, name_word_weight])[np.asarray(codes, dtype=np.intp)]


def weights(counts: Any, df: Any, n_docs: int, kind: Any) -> Any:
    """TF-IDF weights, element by element, of features counted ``counts`` times in a document.

    Args:
        counts: how often the document holds each feature (a scalar 1.0 gives the IDF alone).
        df: how many documents of the corpus hold each feature.
        n_docs: how many documents the corpus holds.
        kind: each feature's kind weight (:func:`kind_weights`).

    Returns:
        ``(1 + log counts) * ((log((n_docs + 1) / (df + 1)) + 1) * kind)``, a float64 array.

    >>> weights([1.0, 3.0], [1, 1], 1, [1.0, 1.0]).round(3).tolist()
    [1.0, 2.099]
    """
    import numpy as np

    idf = np.log((n_docs + 1) / (np.asarray(df) + 1)) + 1.0
    return (1.0 + np.log(np.asarray(counts, dtype=np.float64))) * (idf * kind)
