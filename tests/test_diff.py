"""comparer.diff: the seed must-shows, one-edit cases against golden output, stable ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import comparer
from comparer.diffing import diff
from comparer.views.diff import diff_view
from comparer.ingest import read_inputs
from comparer.types import Document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
CASES_DIR = ROOT / "fixtures" / "cases"
CASES = yaml.safe_load((CASES_DIR / "cases.yaml").read_text(encoding="utf-8"))
S001 = SEEDS / "001_2e6b207091a0e880.txt"
S002 = SEEDS / "002_7b42c846425dec63.txt"


@pytest.fixture(scope="module")
def report_001_002():
    docs, problems = read_inputs([S001, S002])
    assert not problems
    return diff(docs)


def _kinds(report, kind):
    return [d for d in report.discrepancies if d.kind == kind]


def test_seed_pair_exits_1(report_001_002):
    assert report_001_002.exit_code == 1


def test_seed_pair_north_korea_entity(report_001_002):
    found = [d for d in _kinds(report_001_002, "entity") if d.a.text == "North Korea"]
    assert len(found) == 1
    d = found[0]
    assert d.severity == "high" and d.b.text == "South Korea"
    text = S001.read_text(encoding="utf-8")
    claim = next(c for c in report_001_002.claims if c.id == d.a.claim)
    assert "among Japan, the US and North Korea" in claim.text
    assert d.a.start > text.index("among Japan, the US and")


def test_seed_pair_cornerstone_quote(report_001_002):
    quotes = _kinds(report_001_002, "quote")
    assert any(d.a.text == 'cornerstone" of peace and stability' and d.b.text == "cornerstone of peace and security"
               and d.severity == "medium" for d in quotes)


def test_seed_pair_no_date_and_no_ukraine_kyiv(report_001_002):
    assert not _kinds(report_001_002, "date")
    for d in _kinds(report_001_002, "entity"):
        assert {d.a.text, d.b.text} != {"Ukraine", "Kyiv"}


def test_seed_pair_taiwan_aligned_without_discrepancy(report_001_002):
    claims = {c.id: c for c in report_001_002.claims}
    taiwan_a = next(c.id for c in report_001_002.claims if c.document.startswith("001") and "Taiwan" in c.text)
    taiwan_b = next(c.id for c in report_001_002.claims if c.document.startswith("002") and "Taiwan" in c.text)
    assert any(taiwan_a in g.claims and taiwan_b in g.claims for g in report_001_002.alignments)
    for d in report_001_002.discrepancies:  # rewordings at most, which the views hide by default
        assert {d.a.claim, d.b.claim if d.b else None} != {taiwan_a, taiwan_b} or d.severity == "low"
    assert claims[taiwan_b].text.startswith("President Biden and Prime Minister Kishida reiterated")


@pytest.mark.parametrize("needle", ["abductions issue", "Zelensky"], ids=["abductions-001", "zelensky-002"])
def test_seed_pair_omissions(report_001_002, needle):
    assert any(needle in d.a.text and d.b is None for d in _kinds(report_001_002, "omission"))


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_diff_with_itself_is_empty(path):
    docs, _ = read_inputs([path, path])
    report = diff(docs)
    assert report.discrepancies == () and report.exit_code == 0


def _case_report(name):
    case = CASES[name]
    text = (SEEDS / case["seed"]).read_text(encoding="utf-8")
    assert text.count(case["find"]) == 1
    seed = Document.from_text(text, id="seed", path=case["seed"])
    edited = Document.from_text(text.replace(case["find"], case["replace"]), id="edited")
    return diff([seed, edited]), case


@pytest.mark.parametrize("name", sorted(CASES), ids=sorted(CASES))
def test_one_edit_case(name):
    report, case = _case_report(name)
    assert [d.kind for d in report.discrepancies] == case["expect"]
    for d in report.discrepancies:  # both spans are exact slices of their documents
        assert d.b is not None
    golden = json.loads((CASES_DIR / f"{name}.json").read_text(encoding="utf-8"))
    assert [d.to_dict() for d in report.discrepancies] == golden


def test_entity_case_spans_exact():
    report, _ = _case_report("entity")
    [d] = report.discrepancies
    assert (d.kind, d.a.text, d.b.text) == ("entity", "North Korea", "South Korea")
    assert d.b.start - d.a.start == 0


def test_ids_stable_under_unrelated_edit_and_order():
    text = S001.read_text(encoding="utf-8")
    edited = text.replace("among Japan, the US and North Korea", "among Japan, the US and South Korea")
    base = diff([Document.from_text(text, id="a"), Document.from_text(edited, id="b")])
    padded = diff([Document.from_text("Unrelated opening words here.\n\n" + text, id="a"),
                   Document.from_text(edited, id="b")])
    swapped = diff([Document.from_text(edited, id="b"), Document.from_text(text, id="a")])
    ids = {d.id for d in base.discrepancies}
    assert ids and ids == {d.id for d in swapped.discrepancies}
    assert ids <= {d.id for d in padded.discrepancies}  # plus the omission of the added sentence


def test_json_sections(report_001_002):
    out = report_001_002.to_dict()
    assert {"documents", "claims", "alignments", "discrepancies"} <= set(out)
    assert "mentions" not in out["claims"][0]
    order = [("high", "medium", "low").index(d["severity"]) for d in out["discrepancies"]]
    assert order == sorted(order)


def test_package_level_call():
    a = Document.from_text("Rescuers found 12 survivors on Monday.", id="a")
    b = Document.from_text("Rescuers found 21 survivors on Monday.", id="b")
    report = comparer.diff([a, b])
    assert [(d.kind, d.a.text, d.b.text) for d in report.discrepancies] == [
        ("number", "12 survivors", "21 survivors")]


def test_view_marks_differing_words():
    report, _ = _case_report("entity")
    [table] = diff_view(report)
    row = table.rows[0]
    assert "[-North Korea-]" in row[3] and "{+South Korea+}" in row[4]
    from comparer.views.render import render

    assert "[-North Korea-]" in render(report, "markdown", "diff")
    def widest(width):
        text = render(report, "table", "diff", width=width)
        return max(len(line) for line in text.splitlines() if line[:1] in "┌├│└")

    assert widest(160) < widest(1000)  # long claims wrap to the terminal width


_RESIGNED = "Mattis resigned on Thursday over the Syria decision. The letter was released the same day."


def _omissions(a: str, b: str, published: str = "2018-12-21", width: int = 20) -> dict[str, str]:
    """The omissions of diffing two one-paragraph accounts: the first ``width`` characters of
    each omitted claim, with its severity."""
    docs = [Document.from_text(text, id=doc_id, published=published) for doc_id, text in (("a", a), ("b", b))]
    return {d.a.text[:width]: d.severity for d in comparer.diff(docs).discrepancies if d.kind == "omission"}


def test_an_omitted_earlier_episode_is_background():
    """A claim dated weeks before the event is background (low), a new fact of the event medium."""
    a = (f"{_RESIGNED} In October, Trump had called Mattis a Democrat in a television interview with 60 Minutes. "
         "On Thursday, Senator Bob Corker said 14 senators had asked Mattis to stay.")
    assert _omissions(a, _RESIGNED, width=12) == {"In October, ": "low", "On Thursday,": "medium"}


def test_an_omitted_claim_about_none_of_the_events_people_is_background():
    """A new fact is medium only about someone or something another account names too."""
    a = (f"{_RESIGNED} On Thursday, the Harbour Trust said 14 volunteers had cleaned the beach at Ostend. "
         "On Thursday, Senator Bob Corker said 14 senators had asked Mattis to stay.")
    assert _omissions(a, _RESIGNED) == {"On Thursday, the Har": "low", "On Thursday, Senator": "medium"}


def test_a_lead_worded_otherwise_is_no_omission():
    """The first sentence of each account sums up the event they all report."""
    a = ("Commissioner Ilse Varga shut the Brightwater crossing on Friday, ending ninety years "
         "of service to Orrin Island. The last boat left at noon with 40 passengers.")
    b = "Boats will no longer sail to Orrin, Varga told a tense public meeting in the harbour hall. Islanders protested outside."
    assert list(_omissions(a, b, published="2021-03-12")) == ["The last boat left a"]
