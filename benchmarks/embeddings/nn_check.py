"""Diagnostic: how often a document's nearest neighbour is of its own gold event, and how well a
similarity separates same-event pairs from a random sample of different-event pairs (ROC AUC).
Row chunks keep memory small.

Usage: python nn_check.py BACKEND NAME
"""
import sys

import numpy as np

from common import documents, embeddings, gold
from dense_sweep import lexical_rows

backend, name = sys.argv[1], sys.argv[2]
g = gold(name)
docs = documents(name)
ids = [d.id for d in docs]
lab = np.array([g[i] for i in ids])
n = len(ids)
emb = embeddings(backend, name)
e = np.stack([emb[i] for i in ids]).astype(np.float32)
L = lexical_rows(docs)
rng = np.random.default_rng(0)
ra, rb = rng.integers(0, n, 400000), rng.integers(0, n, 400000)
keep = (lab[ra] != lab[rb])
ra, rb = ra[keep], rb[keep]
pa, pb = np.nonzero(np.triu(lab[:, None] == lab[None, :], 1))
for label, w in (("embed", 1.0), ("lexical", 0.0), ("0.5 mix", 0.5)):
    pos, neg = np.zeros(len(pa)), np.zeros(len(ra))
    hits = total = 0
    for s in range(0, n, 1000):
        rows = np.arange(s, min(n, s + 1000))
        sim = w * (e[rows] @ e.T) + (1 - w) * (L[rows] @ L.T).toarray()
        for a, b, out in ((pa, pb, pos), (ra, rb, neg)):  # pairs whose first document is in this chunk
            k = (a >= s) & (a < s + len(rows))
            out[k] = sim[a[k] - s, b[k]]
        sim[np.arange(len(rows)), rows] = -9
        mate = (lab[None, :] == lab[rows, None])
        mate[np.arange(len(rows)), rows] = False
        has = mate.any(1)
        hits += (lab[sim.argmax(1)] == lab[rows])[has].sum()
        total += has.sum()
    ranks = np.searchsorted(np.sort(neg), pos)
    auc = ranks.mean() / len(neg)
    print(f"{name} {label:8}: nearest neighbour same event {hits / total:.3f} ({total} docs with a mate); "
          f"same-event pair AUC vs random different-event pairs {auc:.4f}; "
          f"same-event pairs median {np.median(pos):.3f}, different 99th pct {np.quantile(neg, 0.99):.3f}")
