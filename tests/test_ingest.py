"""Loading documents: every input form of SPEC.md, stable ids, labels, and bad input."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import comparer
from comparer.config import PagesConfig
from comparer.ingest import read_inputs, short_labels
from tests.conftest import SEED, SEEDS


def test_seeds_are_byte_identical_to_shared_seeds():
    shared = SEEDS.parent.parent.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("shared seeds not beside the checkout")
    for path in shared.glob("*.txt"):
        assert (SEEDS / path.name).read_bytes() == path.read_bytes()


def test_front_matter_gives_title_and_published_date():
    doc = comparer.load([SEED["000"]])[0]
    assert doc.published == dt.date(2024, 9, 21)
    # The YAML escape "\_" is a non-breaking space; titles read as plain spaced text.
    assert doc.title == "Readout of President Biden’s Meeting with Prime Minister Kishida of Japan"
    assert doc.source == "whitehouse.gov"
    assert not doc.text.startswith("---")
    assert "title:" not in doc.text


def test_leading_date_line_is_metadata_not_text():
    doc = comparer.load([SEED["001"]])[0]
    assert doc.published == dt.date(2023, 5, 19)
    assert doc.text.startswith("Japanese Prime Minister Fumio Kishida on Thursday")


@pytest.mark.parametrize("name", ["002", "003", "004"], ids=["002", "003", "004"])
def test_documents_without_metadata_have_no_date(name):
    doc = comparer.load([SEED[name]])[0]
    assert doc.published is None
    assert doc.text == SEED[name].read_text(encoding="utf-8")


def test_directory_is_read_recursively_with_stable_ids_and_short_labels(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.txt").write_text("Biden met Kishida on Friday.", encoding="utf-8")
    (tmp_path / "two.md").write_text("Kishida met Biden.", encoding="utf-8")
    (tmp_path / "skip.bin").write_bytes(b"\x00\x01")
    docs = comparer.load([tmp_path])
    assert [d.id for d in docs] == ["a/b/one.txt", "two.md"]
    assert [d.label for d in docs] == ["one", "two"]


def test_seed_labels_are_their_numbers(seeds_dir):
    assert [d.label for d in comparer.load([seeds_dir])] == ["000", "001", "002", "003", "004"]


def test_jsonl_corpus_reads_metadata_and_ignores_unknown_keys(tmp_path):
    corpus = tmp_path / "c.jsonl"
    rows = [{"id": "x1", "text": "A fire broke out.", "title": "Fire", "published": "2020-01-02T10:00:00Z",
             "source": "AP", "cluster": "7"},
            {"id": "x2", "text": "Police said two died.", "url": "https://www.example.com/a"}]
    corpus.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    docs = comparer.load([corpus])
    assert [(d.id, d.title, d.published, d.source) for d in docs] == [
        ("x1", "Fire", dt.date(2020, 1, 2), "AP"), ("x2", "", None, "example.com")]


def test_stdin_text_gets_a_content_hash_id(monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"date 2023-05-19 Biden met Kishida.")))
    docs = comparer.load(["-"])
    assert docs[0].id.startswith("sha1-") and docs[0].published == dt.date(2023, 5, 19)
    again = comparer.Document.from_text("date 2023-05-19 Biden met Kishida.")
    assert again.id == docs[0].id


def test_html_input_all_mode_keeps_visible_text_and_title(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><head><title>Big news</title><script>x()</script></head>"
                    "<body><p>Biden met Kishida.</p><p>They agreed.</p></body></html>", encoding="utf-8")
    doc = comparer.load([page], PagesConfig(html_mode="all"))[0]
    assert doc.title == "Big news"
    assert doc.text == "Biden met Kishida.\nThey agreed."
    article = comparer.load([page])[0]
    assert article.title == "Big news"
    assert article.text == "Biden met Kishida.\n\nThey agreed."


def test_document_from_text_arguments_win_over_metadata():
    doc = comparer.Document.from_text("---\ntitle: A\ndate: 2020-01-01\n---\nBody.", id="x",
                                      published="2021-02-03", title="B")
    assert (doc.id, doc.title, doc.published, doc.text) == ("x", "B", dt.date(2021, 2, 3), "Body.")


def test_same_file_twice_gives_two_documents():
    docs = comparer.load([SEED["001"], SEED["001"]])
    assert [d.label for d in docs] == ["001", "001~2"]
    assert len({d.id for d in docs}) == 2


def test_short_labels_cut_at_separators():
    assert short_labels(["x/a_1.txt", "x/b_1.txt"]) == ["a", "b"]
    assert short_labels(["x/a_1.txt", "y/a_1.txt"]) == ["x/a_1", "y/a_1"]
    assert short_labels(["0020a584ec01"]) == ["0020a584ec01"]


BAD_INPUTS = [
    ("missing", lambda d: d / "nope.txt", "no such file or directory"),
    ("empty-dir", lambda d: (d / "empty").mkdir() or d / "empty", "no documents found"),
    ("binary", lambda d: (d / "b.txt").write_bytes(b"ab\x00cd") and d / "b.txt", "not a text document (NUL byte at 2)"),
    ("bad-utf8", lambda d: (d / "u.txt").write_bytes(b"caf\xe9 au lait") and d / "u.txt",
     "not valid UTF-8 (byte 0xe9 at offset 3)"),
    ("empty-file", lambda d: (d / "e.txt").write_text("  \n") and d / "e.txt", "empty document"),
    ("front-matter", lambda d: (d / "f.md").write_text("---\ntitle: [unclosed\n---\nBody text.\n") and d / "f.md",
     "malformed front matter"),
    ("front-matter-open", lambda d: (d / "g.md").write_text("---\ntitle: x\nBody text.\n") and d / "g.md",
     "no closing '---' line"),
]


@pytest.mark.parametrize("make,message", [(m, msg) for _, m, msg in BAD_INPUTS],
                         ids=[name for name, _, _ in BAD_INPUTS])
def test_bad_input_is_reported_and_the_rest_still_read(tmp_path, make, message):
    bad = make(tmp_path)
    docs, problems = read_inputs([bad, SEED["002"]])
    assert [d.label for d in docs] == ["002"]
    assert len(problems) == 1
    assert problems[0].input == str(bad)
    assert message in problems[0].message
    with pytest.raises(comparer.InputError) as info:
        comparer.load([bad, SEED["002"]])
    assert [d.label for d in info.value.documents] == ["002"]


def test_bad_jsonl_line_is_named_by_line_and_skipped(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "One."}\n{"id": "b", "text": \n{"id": "c"}\n'
                      '{"id": "d", "text": "Four."}\n', encoding="utf-8")
    docs, problems = read_inputs([corpus])
    assert [d.id for d in docs] == ["a", "d"]
    assert [(p.line, p.message.split(" (")[0]) for p in problems] == [
        (2, "not valid JSON"), (3, 'missing "text" string field')]
    assert str(problems[0]).startswith(f"{corpus}:2: not valid JSON")
