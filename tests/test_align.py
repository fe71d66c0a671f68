"""comparer.align: one-to-one matching, rows only of claims that all match, determinism."""

from __future__ import annotations

from pathlib import Path

from comparer.align import align, match_pair
from comparer.config import Config
from comparer.pipeline import read_documents
from comparer.textunits import ClaimIndex
from comparer.types import Document

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


def _run(*texts):
    config = Config()
    docs, claims = read_documents([Document.from_text(t, id=f"d{k}") for k, t in enumerate(texts)], config)
    by_doc = {d.id: [c for c in claims if c.document == d.id] for d in docs}
    return align(ClaimIndex(config.capitals), by_doc, config.align.threshold, config.align.lexical_weight)


def test_identical_documents_align_claim_by_claim():
    text = (SEEDS / "001_2e6b207091a0e880.txt").read_text(encoding="utf-8")
    links, groups = _run(text, text)
    linked = {link.a.index for link in links if link.a.text == link.b.text and link.a.index == link.b.index}
    assert linked == {link.a.index for link in links} | {link.b.index for link in links}
    assert groups


def test_three_way_group():
    links, groups = _run("Rescuers found 12 survivors in Ankara on Monday.",
                         "On Monday rescuers in Ankara found 21 survivors.",
                         "Twelve survivors were found in Ankara by rescuers on Monday.")
    assert any(len(g.claims) == 3 for g in groups)


def test_unrelated_claims_do_not_align():
    links, groups = _run("The central bank raised interest rates by half a point.",
                         "Heavy snow closed mountain roads across the Alps.")
    assert links == [] and groups == []


def test_alias_and_capital_count_as_overlap():
    links, _ = _run("Leaders pledged strong support for Ukraine against the invasion.",
                    "Leaders pledged strong support for Kyiv against the invasion.")
    assert len(links) == 1 and links[0].score > 0.5


def test_deterministic():
    a = (SEEDS / "001_2e6b207091a0e880.txt").read_text(encoding="utf-8")
    b = (SEEDS / "002_7b42c846425dec63.txt").read_text(encoding="utf-8")
    first = [(l.a.id, l.b.id, round(l.score, 6)) for l in _run(a, b)[0]]
    assert first == [(l.a.id, l.b.id, round(l.score, 6)) for l in _run(a, b)[0]]


def test_matching_is_one_to_one_best_first():
    assert match_pair([[0.9, 0.8], [0.85, 0.2]], 0.3) == [(0, 0)]
    assert match_pair([[0.9, 0.8], [0.85, 0.5]], 0.3) == [(0, 0), (1, 1)]


def test_no_transitive_rows():
    """A row of three exists only where all three claims match each other."""
    links, groups = _run("Rescuers found 12 survivors in Ankara on Monday after the quake.",
                         "Rescuers found 12 survivors in Ankara on Monday after the quake.",
                         "Heavy snow closed mountain roads across the Alps on Monday.")
    assert all(len(g.claims) == 2 for g in groups)


def test_leftover_claim_joins_the_claim_that_contains_it():
    """One sentence of a summary that combines two of the article matches both."""
    links, _ = _run("The council approved the new budget of 4 million euros. "
                    "The mayor resigned after the vote on Tuesday evening.",
                    "The council approved the new budget of 4 million euros, "
                    "and the mayor resigned after the vote on Tuesday evening.")
    assert len(links) == 2 and sum(link.part for link in links) == 1


def test_one_claim_documents_without_shared_words_stay_apart():
    links, _ = _run("The central bank raised interest rates by half a point.", "Heavy snow closed the Alps.")
    assert links == []


def test_long_accounts_are_scored_on_pairs_that_share_a_rarer_feature():
    """Past 500 x 500 claims only pairs sharing a feature few claims hold are scored, and the
    claims that report the same fact still match (the words every claim holds say nothing)."""
    a = " ".join(f"The cost of project number {k} was ${1000 + k} million for the new bridge." for k in range(600))
    links, _ = _run(a, a)
    assert len(links) == 600
    assert all(link.a.text == link.b.text for link in links)
