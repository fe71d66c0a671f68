"""The Python library API of SPEC.md: load, Document.from_text, diff, cluster, to_dict."""

from __future__ import annotations

import json

import comparer
import comparer.clustering  # noqa: F401  importing the modules must not hide the functions
import comparer.diffing  # noqa: F401
import comparer.reporting  # noqa: F401
from tests.conftest import SEED, SEEDS, run_cli


def test_library_functions_match_the_cli():
    docs = comparer.load([SEED["001"], SEED["002"]])
    report = comparer.diff(docs)
    assert isinstance(report, comparer.Report)
    assert report.exit_code == 1
    cli_json = json.loads(run_cli("diff", SEED["001"], SEED["002"], "--format", "json").stdout)
    assert [d["id"] for d in report.to_dict()["discrepancies"]] == [d["id"] for d in cli_json["discrepancies"]]


def test_cluster_dedup_and_report_from_python():
    docs = comparer.load([SEEDS])
    clusters = comparer.cluster(docs).clusters
    assert sorted(len(c.documents) for c in clusters) == [1, 1, 1, 2]
    assert comparer.dedup(docs).clusters == ()
    report = comparer.report(docs)
    assert len(report.to_dict()["events"]) == 1


def test_document_from_text_and_to_dict_keys():
    doc = comparer.Document.from_text("Rescuers found 12 survivors on Monday.", id="a", published="2024-02-07")
    other = comparer.Document.from_text("Rescuers found 21 survivors on Monday.", id="b", published="2024-02-07")
    data = comparer.diff([doc, other]).to_dict()
    assert set(data) == {"comparer_version", "documents", "errors", "claims", "alignments", "discrepancies"}
    (found,) = data["discrepancies"]
    assert (found["kind"], found["a"]["text"], found["b"]["text"]) == ("number", "12 survivors", "21 survivors")
    assert data["documents"][0]["event_date"] == "2024-02-05"
