"""Plain average link (scipy) on w*cosine_embed + (1-w)*cosine_lexical, thresholds swept.

Usage: python dense_sweep.py BACKEND [NAME ...]    -> results/dense-BACKEND.jsonl (one line per setting)
Lexical = comparer's own event-signature TF-IDF rows (comparer.events.vectors), recomputed on each
scored subset (as eval_clusters.py --half does). w=0 is lexical only, w=1 embedding only.
"""
import json
import resource
import sys
import time

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from common import WORK, SETS, documents, embeddings, gold, score, subsets

WEIGHTS = [0.0, 0.25, 0.5, 0.75, 1.0]
THRESHOLDS = [round(t, 3) for t in np.arange(0.05, 0.951, 0.025)]


def lexical_rows(docs):
    """comparer's L2-normalised TF-IDF event-signature rows (scipy CSR)."""
    from comparer.config import Config
    from comparer.event_signature import signature
    from comparer.events import vectors
    config = Config()
    matrix, _, _ = vectors((signature(d, config, config.cluster).counts for d in docs), config.cluster)
    return matrix


def lexical(docs):
    matrix = lexical_rows(docs)
    return (matrix @ matrix.T).toarray()


def main():
    backend, names = sys.argv[1], sys.argv[2:] or SETS
    (WORK / "results").mkdir(exist_ok=True)
    out = open(WORK / "results" / f"dense-{backend}.jsonl", "a")
    for name in names:
        g = gold(name)
        emb = embeddings(backend, name)
        all_docs = documents(name)
        for subset, ids in subsets(name, g).items():
            docs = [d for d in all_docs if d.id in ids]
            order = [d.id for d in docs]
            t0 = time.perf_counter()
            lex = lexical(docs)
            t_lex = time.perf_counter() - t0
            e = np.stack([emb[i] for i in order]).astype(np.float64)
            cos = e @ e.T
            for w in WEIGHTS:
                t1 = time.perf_counter()
                sim = w * cos + (1 - w) * lex
                dist = np.clip(1.0 - sim, 0.0, None)
                np.fill_diagonal(dist, 0.0)
                tree = linkage(squareform(dist, checks=False), method="average")
                t_tree = time.perf_counter() - t1
                best = (0, None)
                for t in THRESHOLDS:
                    labels = fcluster(tree, t=1.0 - t, criterion="distance")
                    groups = {}
                    for doc_id, lab in zip(order, labels):
                        groups.setdefault(lab, []).append(doc_id)
                    f1 = score(g, groups.values())
                    best = max(best, (f1, t))
                    out.write(json.dumps({"method": "dense", "backend": backend, "w": w, "t": t,
                                          "set": subset, "f1": f1}) + "\n")
                out.flush()
                print(f"{subset} n={len(docs)} w={w}: best F1 {best[0]:.4f} at t={best[1]} "
                      f"(lexical matrix {t_lex:.1f}s, mix+linkage {t_tree:.1f}s)", flush=True)
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
