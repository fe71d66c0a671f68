"""comparer report and review: events, ordering, review decisions that survive re-runs."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from tests.conftest import ROOT, SEED, SEEDS, run_cli


@pytest.fixture(scope="module")
def seeds_report():
    result = run_cli("report", SEEDS, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _label(report, doc_id):
    return next(d["label"] for d in report["documents"] if d["id"] == doc_id)


def test_seeds_have_one_two_source_event_and_three_single_source_events(seeds_report):
    (event,) = seeds_report["events"]
    assert sorted(_label(seeds_report, i) for i in event["documents"]) == ["001", "002"]
    singles = sorted(_label(seeds_report, s["document"]) for s in seeds_report["single_source_events"])
    assert singles == ["000", "003", "004"]


def test_entity_swap_comes_first(seeds_report):
    (event,) = seeds_report["events"]
    by_id = {d["id"]: d for d in seeds_report["discrepancies"]}
    first = by_id[event["discrepancies"][0]]
    assert first["kind"] == "entity" and first["severity"] == "high"
    assert {first["a"]["text"], first["b"]["text"]} == {"North Korea", "South Korea"}
    severities = [by_id[i]["severity"] for i in event["discrepancies"]]
    order = {"high": 0, "medium": 1, "low": 2}
    assert severities == sorted(severities, key=order.get)


def test_claim_matrix_counts_sources(seeds_report):
    (event,) = seeds_report["events"]
    rows = event["matrix"]
    assert any(r["sources"] == 2 for r in rows) and any(r["sources"] == 1 for r in rows)
    for row in rows:
        assert row["sources"] == sum(1 for ids in row["claims"].values() if ids)


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "yaml", "html"])
def test_report_every_format(fmt):
    result = run_cli("report", SEEDS, "--format", fmt)
    assert result.exit_code == 0
    assert "North Korea" in result.stdout


def _entity_id(report):
    return next(d["id"] for d in report["discrepancies"]
                if d["kind"] == "entity" and "North Korea" in (d["a"]["text"], d["b"]["text"]))


def test_review_round_trip_survives_rerun_and_unrelated_edit(tmp_path, seeds_report):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    decisions = tmp_path / "review.yaml"
    first = json.loads(run_cli("report", corpus, "--format", "json", "--review", decisions).stdout)
    target = _entity_id(first)
    assert next(d for d in first["discrepancies"] if d["id"] == target)["review"] == {"status": "open", "note": ""}

    result = run_cli("review", target, "--status", "dismissed", "--note", "checked with the ministry",
                     "--review", decisions)
    assert result.exit_code == 0, result.output
    again = json.loads(run_cli("report", corpus, "--format", "json", "--review", decisions).stdout)
    assert next(d for d in again["discrepancies"] if d["id"] == target)["review"] == {
        "status": "dismissed", "note": "checked with the ministry"}

    copy_002 = corpus / SEED["002"].name
    copy_002.write_text(copy_002.read_text(encoding="utf-8") + "\nThe weather in Hiroshima was mild that week.\n",
                        encoding="utf-8")
    edited = json.loads(run_cli("report", corpus, "--format", "json", "--review", decisions).stdout)
    swap = next(d for d in edited["discrepancies"] if d["id"] == target)
    assert {swap["a"]["text"], swap["b"]["text"]} == {"North Korea", "South Korea"}
    assert swap["review"]["status"] == "dismissed"

    open_only = json.loads(run_cli("report", corpus, "--format", "json", "--review", decisions,
                                   "--open-only").stdout)
    assert target not in {d["id"] for d in open_only["discrepancies"]}
    assert len(open_only["discrepancies"]) == len(edited["discrepancies"]) - 1


def test_ids_do_not_depend_on_input_order():
    forward = json.loads(run_cli("diff", SEED["001"], SEED["002"], "--format", "json").stdout)
    backward = json.loads(run_cli("diff", SEED["002"], SEED["001"], "--format", "json").stdout)
    assert {d["id"] for d in forward["discrepancies"]} == {d["id"] for d in backward["discrepancies"]}


def test_review_keeps_other_entries_and_rejects_unknown_ids(tmp_path):
    decisions = tmp_path / "review.yaml"
    report = json.loads(run_cli("report", SEEDS, "--format", "json", "--review", decisions).stdout)
    ids = [d["id"] for d in report["discrepancies"]]
    assert run_cli("review", ids[0], "--status", "confirmed", "--review", decisions).exit_code == 0
    assert run_cli("review", ids[1], "--status", "needs-check", "--review", decisions).exit_code == 0
    stored = yaml.safe_load(decisions.read_text(encoding="utf-8"))
    assert {k: v["status"] for k, v in stored["decisions"].items()} == {ids[0]: "confirmed", ids[1]: "needs-check"}
    assert set(ids) <= set(stored["known"])

    typo = ids[0][:-1] + ("0" if ids[0][-1] != "0" else "1")
    result = run_cli("review", typo, "--status", "dismissed", "--review", decisions)
    assert result.exit_code == 2
    assert f"unknown discrepancy id {typo!r}; did you mean {ids[0]}" in result.stderr
    assert yaml.safe_load(decisions.read_text(encoding="utf-8")) == stored


def test_review_before_any_report_explains_what_to_do(tmp_path):
    result = run_cli("review", "d-123", "--status", "dismissed", "--review", tmp_path / "r.yaml")
    assert result.exit_code == 2
    assert "run 'comparer report PATH... --review" in result.stderr


def test_html_escapes_document_markup(tmp_path):
    out = tmp_path / "r.html"
    result = run_cli("report", ROOT / "fixtures" / "markup", "--format", "html", "-o", out)
    assert result.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__pwned" in page
    assert "http://" not in page and "https://" not in page
