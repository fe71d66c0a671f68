"""Near-duplicate detection: signatures, LSH bands, exact verification, union-find, and `dedup`."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import numpy as np
import pytest

import comparer
from comparer.clustering import dedup, keep_order
from comparer.config import Config, DedupConfig
from comparer.minhash import (
    EMPTY, Scheme, ShingleSets, UnionFind, band_keys, candidate_pairs, find_duplicates, groups_of,
    jaccard, lsh_params, shingle_hashes, signatures, words,
)
from comparer.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
REPRINTS = ROOT / "fixtures" / "reprints"


def _exact(a: str, b: str, k: int = 5) -> float:
    def shingles(text: str) -> set[tuple[bytes, ...]]:
        w = words(text)
        return {tuple(w[i:i + k]) for i in range(max(len(w) - k + 1, 1))} if w else set()
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def _text(rng: random.Random, n: int = 200) -> str:
    return " ".join(rng.choice(["alpha", "beta", "gamma", "delta", "talks", "leaders", "summit", "Tokyo",
                                "defense", "said", "on", "the", "in", "2023", "minister"]) + str(rng.randrange(50))
                    for _ in range(n))


def test_words_drop_punctuation_and_case():
    assert words("Biden’s “historic” U.S.-Japan talks, 2023!") == [
        b"biden", b"s", b"historic", b"u", b"s", b"japan", b"talks", b"2023"]


def test_shingle_hashes_match_python_sets():
    rng = random.Random(3)
    texts = [_text(rng, rng.randrange(1, 60)) for _ in range(30)] + ["", "one", "a b c d"]
    values, offsets = shingle_hashes(texts)
    for i, text in enumerate(texts):
        w = words(text)
        expected = {tuple(w[j:j + 5]) for j in range(max(len(w) - 4, 1))} if w else set()
        assert len(np.unique(values[offsets[i]:offsets[i + 1]])) == len(expected)


def test_exact_jaccard_agrees_with_sets():
    rng = random.Random(5)
    base = _text(rng)
    edited = base.split()
    for _ in range(10):
        edited[rng.randrange(len(edited))] = "changed"
    other = " ".join(edited)
    values, offsets = shingle_hashes([base, other])
    sets = ShingleSets(values, offsets)
    assert sets.jaccard(0, 1) == pytest.approx(_exact(base, other))
    assert jaccard(values[0:offsets[1]], values[offsets[1]:]) == pytest.approx(_exact(base, other))


def test_signature_agreement_estimates_jaccard():
    rng = random.Random(7)
    base = _text(rng, 400).split()
    texts = [" ".join(base)]
    for cut in (40, 120, 200):
        texts.append(" ".join(base[:-cut]))
    sig = signatures(texts, Scheme(num_perm=256))
    for i in range(1, len(texts)):
        estimate = float((sig[0] == sig[i]).mean())
        assert abs(estimate - _exact(texts[0], texts[i])) < 0.12


def test_signatures_are_deterministic_and_batch_independent():
    rng = random.Random(11)
    texts = [_text(rng) for _ in range(20)]
    together = signatures(texts)
    alone = np.vstack([signatures([t]) for t in texts])
    assert together.dtype == np.uint32 and together.shape == (20, 128)
    assert (together == alone).all()
    assert (signatures(texts) == together).all()
    assert not (together == EMPTY).any()
    assert (signatures([""]) == EMPTY).all()


def test_band_keys_of_one_signature_equal_rows_of_many():
    sig = signatures(["some words about one thing", "other words about another thing"])
    keys = band_keys(sig, 16, 8)
    assert keys.shape == (2, 16)
    assert (band_keys(sig[1], 16, 8) == keys[1]).all()


def test_lsh_params_fit_num_perm():
    bands, rows = lsh_params(0.5, 128)
    assert bands * rows <= 128
    assert 0.3 < (1 / bands) ** (1 / rows) < 0.6


def test_candidate_pairs_from_shared_keys():
    keys = np.array([[1, 5], [1, 6], [2, 6], [3, 7]], dtype=np.uint64)
    assert candidate_pairs(keys).tolist() == [[0, 1], [1, 2]]


def test_candidate_chunks_give_each_pair_of_a_shared_bucket_once():
    """A pair is proposed by the first band where its rows share a key within ``max_bucket`` places."""
    from comparer.minhash import candidate_chunks

    rng = np.random.default_rng(4)
    keys = rng.integers(1, 6, size=(300, 7)).astype(np.uint64)  # big buckets: the lag limit matters
    keys[rng.random(keys.shape) < 0.1] = 0                      # empty bands propose nothing
    chunks = list(candidate_chunks(keys, max_bucket=8))
    assert all(len(low) <= len(keys) and (low < high).all() for low, high in chunks)
    found = [(i, j) for low, high in chunks for i, j in zip(low.tolist(), high.tolist())]
    want = set()
    for band in range(keys.shape[1]):
        place = np.empty(len(keys), dtype=np.int64)
        place[np.argsort(keys[:, band], kind="stable")] = np.arange(len(keys))
        want |= {(i, j) for i in range(len(keys)) for j in range(i + 1, len(keys))
                 if keys[i, band] == keys[j, band] != 0 and abs(place[i] - place[j]) <= 8}
    assert len(found) == len(set(found)) and set(found) == want


def test_spanning_forest_batch_by_batch_is_the_forest_of_all_links():
    """Links given a batch at a time, in any order, end in the forest Kruskal finds over all of them."""
    from comparer.spanning import SpanningForest

    rng = random.Random(8)
    n = 60
    links = {(i, j): rng.randrange(20) for i, j in ((rng.randrange(n), rng.randrange(n)) for _ in range(400)) if i < j}
    passes = {pair: rng.random() for pair in links}
    ordered = sorted(links, key=lambda pair: (-links[pair], pair))
    uf, want = UnionFind(n), []
    for i, j in ordered:
        if uf.find(i) != uf.find(j) and passes[(i, j)] >= 0.3:
            uf.union(i, j)
            want.append((i, j, passes[(i, j)]))
    for size in (1, 7, 50, 1000):
        order = list(links)
        rng.shuffle(order)
        forest = SpanningForest(n, lambda i, j: passes[(i, j)], 0.3)
        for start in range(0, len(order), size):
            part = order[start:start + size] + order[:2]   # repeats and links held are ignored
            forest.add([i for i, _ in part], [j for _, j in part], [links[p] for p in part])
        assert forest.links() == sorted(want)


def test_find_duplicates_streamed_in_small_batches_is_the_same():
    """Candidates go to the spanning forest a batch at a time; the batch size changes nothing."""
    rng = random.Random(21)
    base = _text(rng, 40).split()
    texts = []
    for _ in range(150):  # near-identical texts: every band proposes many pairs, many fail
        w = list(base)
        for _ in range(2):
            w[rng.randrange(len(w))] = "x" + str(rng.randrange(9))
        texts.append(" ".join(w))
    whole = find_duplicates(texts, batch_pairs=10**9)
    assert whole.candidates > 1000 and len(whole.pairs) > 100
    for batch in (1, 97, 1000):
        found = find_duplicates(texts, batch_pairs=batch)
        assert (found.pairs, found.groups, found.candidates) == (whole.pairs, whole.groups, whole.candidates)
    every = find_duplicates(texts, spanning=False)
    assert set(whole.pairs) <= set(every.pairs) and groups_of(150, every.pairs) == list(map(list, whole.groups))


def test_find_duplicates_holds_a_batch_of_candidates_not_all_of_them(monkeypatch):
    """Memory follows the documents: the forest is handed at most a batch (plus one chunk) at a time."""
    from comparer import spanning

    handed = []
    real = spanning.SpanningForest.add
    monkeypatch.setattr(spanning.SpanningForest, "add", lambda self, i, j, s: handed.append(len(i)) or real(self, i, j, s))
    texts = ["the council voted on the budget for schools roads and parks " + "w%d " % (k % 7) * 3 for k in range(300)]
    found = find_duplicates(texts, batch_pairs=500)
    assert found.candidates > 5000 and len(handed) > 5
    assert max(handed) <= 500 + len(texts)


def test_union_find_groups():
    uf = UnionFind(6)
    for a, b in [(4, 1), (1, 3), (5, 2)]:
        uf.union(a, b)
    assert uf.groups() == [[1, 3, 4], [2, 5]]
    assert groups_of(4, [(0, 3, 0.9)]) == [[0, 3]]


def test_union_find_matches_brute_force_components():
    rng = random.Random(2)
    n = 40
    edges = [(rng.randrange(n), rng.randrange(n)) for _ in range(30)]
    found = {frozenset(g) for g in groups_of(n, edges)}
    # brute force: repeatedly merge sets that share a member
    sets = [{a, b} for a, b in edges if a != b]
    merged = True
    while merged:
        merged = False
        for i in range(len(sets)):
            for j in range(i + 1, len(sets)):
                if sets[i] & sets[j]:
                    sets[i] |= sets.pop(j)
                    merged = True
                    break
            if merged:
                break
    assert found == {frozenset(s) for s in sets}


def test_find_duplicates_groups_edited_copies_only():
    rng = random.Random(13)
    originals = [_text(rng, 300) for _ in range(12)]
    texts = list(originals)
    for k in range(0, 12, 3):  # a trimmed copy with two edited words of every third original
        w = originals[k].split()[:-60]
        w[10] = "edited"
        w[100] = "words"
        texts.append(" ".join(w))
    found = find_duplicates(texts)
    assert sorted(found.groups) == [(0, 12), (3, 13), (6, 14), (9, 15)]
    for i, j, score in found.pairs:
        assert score >= 0.5 and score == pytest.approx(_exact(texts[i], texts[j]))


def test_dedup_is_independent_of_input_order():
    docs = comparer.load([ROOT / "fixtures" / "seeds", REPRINTS])
    forward = dedup(docs).to_dict()["clusters"]
    backward = dedup(list(reversed(docs))).to_dict()["clusters"]
    assert forward == backward


def test_reprint_is_a_near_duplicate_of_004_which_is_kept():
    docs = comparer.load([ROOT / "fixtures" / "seeds", REPRINTS])
    report = dedup(docs)
    assert [(c.kind, c.documents, c.keep) for c in report.clusters] == [
        ("duplicates", ("004_2f215c4fcb578318.txt", "004_reprint.txt"), "004_2f215c4fcb578318.txt")]
    assert 0.5 <= report.clusters[0].similarity < 1.0
    assert report.to_dict()["clusters"][0]["keep"] == "004_2f215c4fcb578318.txt"


def test_001_and_002_are_not_near_duplicates(seed):
    docs = comparer.load([seed["001"], seed["002"]])
    assert dedup(docs).clusters == ()


def test_keep_prefers_earliest_published_then_longest():
    short_early = comparer.Document.from_text("a b", id="x", published="2023-01-01")
    long_late = comparer.Document.from_text("a b c d", id="y", published="2023-01-02")
    long_undated = comparer.Document.from_text("a b c d e", id="z")
    longest = comparer.Document.from_text("a b c d e f", id="w")
    assert sorted([long_late, short_early], key=keep_order)[0].id == "x"
    assert sorted([long_undated, long_late], key=keep_order)[0].id == "y"
    assert sorted([long_undated, longest], key=keep_order)[0].id == "w"


def test_progress_counts_every_document():
    seen = []
    docs = comparer.load([ROOT / "fixtures" / "seeds"])
    dedup(docs, progress=seen.append)
    assert sum(seen) == len(docs)


@pytest.mark.parametrize("bad", [{"threshold": 1.5}, {"shingle_size": 0}, {"num_perm": 8}, {"seed": 1.5}],
                         ids=["threshold", "shingle_size", "num_perm", "seed"])
def test_dedup_config_is_validated(bad):
    with pytest.raises(ConfigError):
        DedupConfig(**bad)
    with pytest.raises(ConfigError):
        dataclasses.replace(DedupConfig(), **bad)


def test_scheme_records_config():
    scheme = Scheme.from_config(Config().dedup)
    assert (scheme.num_perm, scheme.shingle_size, scheme.seed) == (128, 5, 1)
    assert Scheme.from_config(DedupConfig(seed=2)) != scheme


def test_empty_and_wordless_inputs_have_no_duplicates():
    blank = comparer.Document.from_text("...", id="a")
    also_blank = comparer.Document.from_text("!!!", id="b")
    assert dedup([]).clusters == ()
    assert dedup([blank, also_blank]).clusters == ()
