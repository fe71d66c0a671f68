"""Shared loading for the experiments: gold labels, comparer documents, cached embeddings, halves.

Paths come from the environment: ``EVENTS_DIR`` (the folder of ``{ecbplus,gvc,basil,allsides}-dev.jsonl``)
and ``WORK_DIR`` (where embeddings are cached and results appended); nothing is written elsewhere.
"""
import hashlib
import json
import os
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE.parent))

from eval_clusters import bcubed  # noqa: E402  (the project's own B-cubed)

DATA = Path(os.environ["EVENTS_DIR"])
WORK = Path(os.environ["WORK_DIR"])
CACHE = WORK / "cache"
SETS = ["ecbplus", "gvc", "basil", "allsides"]


def half(event: str) -> int:
    """0 or 1: parity of sha256 of the gold event label (whole events go to one half)."""
    return int(hashlib.sha256(event.encode("utf-8")).hexdigest(), 16) & 1


def gold(name: str) -> dict[str, str]:
    out = {}
    for line in open(DATA / f"{name}-dev.jsonl", encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            out[str(r["id"])] = str(r["cluster"])
    return out


def embeddings(backend: str, name: str) -> dict[str, np.ndarray]:
    ids = (CACHE / f"{name}.ids").read_text().split()
    mat = np.load(CACHE / f"{backend}-{name}.npy")
    return dict(zip(ids, mat))


def documents(name: str):
    from comparer.ingest import read_inputs
    docs, problems = read_inputs([str(DATA / f"{name}-dev.jsonl")])
    assert not problems, problems
    return docs


def subsets(name: str, g: dict[str, str]) -> dict[str, set[str]]:
    """The document-id sets scored: the whole set, and for AllSides also each half of its events."""
    out = {name: set(g)}
    if name == "allsides":
        for h in (0, 1):
            out[f"allsides.h{h}"] = {d for d, e in g.items() if half(e) == h}
    return out


def score(g: dict[str, str], groups) -> float:
    """B-cubed F1 of ``groups`` (lists of doc ids) against gold ``g`` restricted to its documents."""
    pred = {}
    for k, grp in enumerate(groups):
        for d in grp:
            pred[d] = str(k)
    sub = {d: g[d] for d in pred}
    return bcubed(sub, pred)[2]
