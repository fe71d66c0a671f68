"""How well comparer reads the article of a saved web page: the text of its claims vs the article body.

Usage: python benchmarks/eval_extraction.py PAGES_DIR [--mode article|all] [--half a|b|all] [--show N]

PAGES_DIR holds ``html/*.html.gz``, ``ground-truth.json`` (key -> ``articleBody``) and the
benchmark's own ``evaluate.py``, which is loaded from that folder by path and scores F1 over
4-word shingles. The prediction for a page is the text of the claims comparer reads from it,
one per line: page furniture that the extractor keeps but the segmenter drops counts for it,
a sentence the segmenter drops counts against it. ``--half`` picks one of two fixed halves
(by a hash of the page key), so that settings tuned on one can be checked on the other.
Also counts the pages given a ``published`` date among those whose markup states one
(a ``datePublished``, ``article:published_time`` or similar field). The result line is printed last.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import json
import os
import re
import time

from comparer.config import Config
from comparer.ingest import html_document
from comparer.pipeline import read_documents

_STATED_DATE = re.compile(
    r"datePublished|article:published_time|pubdate|publish[_-]?date|date[_-]?published|dc\.date|"
    r"<time[^>]+datetime=", re.I)
_URL_DAY = re.compile(r"/(20\d\d)[/-](\d\d)[/-](\d\d)(?:/|-|$)")


def load_evaluate(folder: str):
    spec = importlib.util.spec_from_file_location("pages_evaluate", os.path.join(folder, "evaluate.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def half_of(key: str) -> str:
    return "a" if hashlib.sha1(key.encode()).digest()[0] % 2 == 0 else "b"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages")
    parser.add_argument("--mode", choices=("article", "all"), default="article")
    parser.add_argument("--half", choices=("a", "b", "all"), default="all")
    parser.add_argument("--show", type=int, default=0, help="print the N worst pages by F1")
    parser.add_argument("--n-bootstrap", type=int, default=200)
    args = parser.parse_args()
    evaluate = load_evaluate(args.pages)
    with open(os.path.join(args.pages, "ground-truth.json"), encoding="utf-8") as handle:
        truth = json.load(handle)
    keys = sorted(k for k in truth if args.half in ("all", half_of(k)))
    config = Config()
    prediction: dict[str, dict[str, str]] = {}
    stated = dated = url_days = url_agree = 0
    started = time.perf_counter()
    for key in keys:
        with gzip.open(os.path.join(args.pages, "html", f"{key}.html.gz"), "rb") as handle:
            markup = handle.read().decode("utf-8", errors="replace")
        try:
            doc = html_document(markup, id=key, url=truth[key].get("url", ""), mode=args.mode)
        except ValueError:
            prediction[key] = {"articleBody": ""}
            continue
        _docs, claims = read_documents([doc], config)
        prediction[key] = {"articleBody": "\n".join(c.text for c in claims)}
        if _STATED_DATE.search(markup):
            stated += 1
            dated += doc.published is not None
        day = _URL_DAY.search(truth[key].get("url", ""))
        if day:  # a check of the dates found: the day in the page's address
            url_days += 1
            url_agree += str(doc.published) == "-".join(day.groups())
    elapsed = time.perf_counter() - started
    gold = {k: truth[k] for k in keys}
    metrics = evaluate.evaluate(gold, prediction, args.n_bootstrap)
    if args.show:
        scores = []
        for key in keys:
            tp, fp, fn = evaluate.string_shingle_matching(gold[key].get("articleBody", ""),
                                                          prediction[key]["articleBody"])
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            scores.append((2 * p * r / (p + r) if p + r else 0.0, p, r, key))
        for f1, p, r, key in sorted(scores)[:args.show]:
            print(f"{f1:.3f}  P {p:.3f}  R {r:.3f}  {key[:16]}  {truth[key].get('url', '')}")
    print(f"pages {len(keys)} (half {args.half}), {elapsed / max(1, len(keys)) * 1000:.0f} ms per page; "
          f"published date found on {dated} of {stated} pages whose markup states one; "
          f"{url_agree} of {url_days} agree with the day in the page's address")
    print(f"{args.mode}: F1 {metrics['f1']:.4f} ± {metrics['f1_std']:.3f}  "
          f"precision {metrics['precision']:.3f} ± {metrics['precision_std']:.3f}  "
          f"recall {metrics['recall']:.3f} ± {metrics['recall_std']:.3f}")


if __name__ == "__main__":
    main()
