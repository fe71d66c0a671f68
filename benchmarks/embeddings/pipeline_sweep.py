"""comparer's own clustering (comparer.clustering.cluster, default settings) with the embedding mixed in.

Usage: python pipeline_sweep.py BACKEND MODE [NAME ...]   -> results/pipe-BACKEND-MODE.jsonl
MODE mix:  every similarity comparer computes on its TF-IDF matrix (candidate pairs and the dense
           blocks of average link) becomes w*cos_embed + (1-w)*cos_lexical; threshold and
           link_threshold are both set to t. Candidate pairs still come from the lexical index.
MODE veto: comparer unchanged except that a pair whose embedding cosine is below v gets similarity 0
           (lexical links the embedding does not confirm are dropped).
Date, participant and evidence factors, cohesion and near-duplicate links stay as comparer has them.
Signatures and near-duplicate pairs are cached between runs (they do not depend on the swept settings).
"""
import dataclasses
import json
import resource
import sys
import time

import numpy as np

from common import WORK, SETS, documents, embeddings, gold, score, subsets
import comparer.event_signature
import comparer.events as events
import comparer.minhash as minhash
from comparer.clustering import cluster
from comparer.config import Config

STATE = {"E": None, "main": None, "mode": "mix", "w": 0.0, "v": 0.0}
_vectors, _gram, _pair, _sig, _dups = (events.vectors, events.gram, events.pair_similarity,
                                       events.signature, minhash.find_duplicates)
_sig_cache: dict = {}
_dup_cache: dict = {}


def vectors(rows, cl):
    out = _vectors(rows, cl)
    STATE["main"] = out[0]
    return out


def combine(lex, emb):
    if STATE["mode"] == "mix":
        return STATE["w"] * emb + (1 - STATE["w"]) * lex
    return np.where(emb >= STATE["v"], lex, 0.0)


def gram(matrix, members):
    lex = _gram(matrix, members)
    if matrix is not STATE["main"]:
        return lex
    e = STATE["E"][list(members)]
    out = combine(lex, e @ e.T)
    np.fill_diagonal(out, 1.0)
    return out


def pair_similarity(matrix, pairs, chunk=20000):
    lex = _pair(matrix, pairs, chunk)
    if matrix is not STATE["main"] or len(pairs) == 0:
        return lex
    e = STATE["E"]
    return combine(lex, np.einsum("ij,ij->i", e[pairs[:, 0]], e[pairs[:, 1]]))


def signature(doc, config, cl):
    key = (doc.id, hash(doc.text))
    if key not in _sig_cache:
        _sig_cache[key] = _sig(doc, config, cl)
    return _sig_cache[key]


def find_duplicates(texts, *args, **kw):
    key = hash(tuple(texts))
    if key not in _dup_cache:
        _dup_cache[key] = _dups(texts, *args, **kw)
    return _dup_cache[key]


events.vectors, events.gram, events.pair_similarity, events.signature = vectors, gram, pair_similarity, signature
minhash.find_duplicates = find_duplicates
assert comparer.event_signature  # the signature function is looked up in comparer.events

GRIDS = {
    "mix": [{"w": w, "t": t} for w in (0.0, 0.5, 0.75)
            for t in ([0.08, 0.1, 0.12, 0.15] if w == 0.0 else
                      [round(x, 3) for x in np.arange(0.2, 0.751, 0.05)])],
    "veto": [{"v": v} for v in (0.0, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)],
    "vetohi": [{"v": v} for v in (0.65, 0.7, 0.75)],  # added after the first sweep: veto was still rising
}


def run(docs, g, emb, setting, mode):
    base = Config()
    cl = base.cluster
    if mode == "mix":
        cl = dataclasses.replace(cl, threshold=setting["t"], link_threshold=setting["t"])
        STATE.update(mode="mix", w=setting["w"])
    else:
        STATE.update(mode="veto", v=setting["v"])
    config = dataclasses.replace(base, cluster=cl)
    ordered = sorted(docs, key=lambda d: d.id)  # comparer.cluster works in id order
    STATE["E"] = np.stack([emb[d.id] for d in ordered]).astype(np.float64)
    t0 = time.perf_counter()
    report = cluster(docs, config)
    seconds = time.perf_counter() - t0
    groups = [list(c.documents) for c in report.clusters]
    seen = {d for grp in groups for d in grp}
    groups += [[d.id] for d in docs if d.id not in seen]
    return score(g, groups), seconds


def main():
    backend, mode, names = sys.argv[1], sys.argv[2], sys.argv[3:] or SETS
    (WORK / "results").mkdir(exist_ok=True)
    family = "veto" if mode == "vetohi" else mode
    out = open(WORK / "results" / f"pipe-{backend}-{family}.jsonl", "a")
    for name in names:
        g = gold(name)
        emb = embeddings(backend, name)
        all_docs = documents(name)
        for subset, ids in subsets(name, g).items():
            docs = [d for d in all_docs if d.id in ids]
            best = (0.0, None)
            for setting in GRIDS[mode]:
                f1, seconds = run(docs, g, emb, setting, mode)
                best = max(best, (f1, json.dumps(setting)))
                out.write(json.dumps({"method": f"pipe-{family}", "backend": backend, **setting, "set": subset,
                                      "f1": f1, "seconds": seconds}) + "\n")
                out.flush()
                print(f"{subset} {setting} F1={f1:.4f} ({seconds:.1f}s)", flush=True)
            print(f"== {subset}: best {best}", flush=True)
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
