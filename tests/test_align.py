"""comparer.align: N-way links, one-to-many, determinism."""

from __future__ import annotations

from pathlib import Path

from comparer.align import align
from comparer.config import Config
from comparer.detectors.base import Context
from comparer.pipeline import read_documents
from comparer.types import Document

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


def _run(*texts):
    config = Config()
    docs, claims = read_documents([Document.from_text(t, id=f"d{k}") for k, t in enumerate(texts)], config)
    by_doc = {d.id: [c for c in claims if c.document == d.id] for d in docs}
    return align(Context(config, {d.id: d for d in docs}, by_doc), by_doc)


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


def test_one_claim_documents_align_on_shared_content():
    """A one-claim document has nothing else to report: its best partner needs little overlap."""
    links, _ = _run("Distributed by Columbia Pictures, the film was released on March 23, 2007, to mixed reviews "
                    "from critics and a modest box office.",
                    "Reign Over Me was released in 2017.")
    assert len(links) == 1


def test_one_claim_documents_without_shared_words_stay_apart():
    links, _ = _run("The central bank raised interest rates by half a point.", "Heavy snow closed the Alps.")
    assert links == []
