"""The embedded index: add, match, stored clusters and reports, crash safety, concurrent writers."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED, SEEDS, run_cli

REPRINT = ROOT / "fixtures" / "reprints" / "004_reprint.txt"
WORDS = ("harbour council budget storm river bridge station school vote court minister police fire market "
         "festival train airport strike museum hospital factory election protest contract flood road tower "
         "league mayor union port farm bank theatre park library ferry tunnel dam clinic stadium").split()


def write_corpus(path: Path, n: int, tag: str, seed: int = 0) -> list[str]:
    """``n`` distinct short synthetic documents as JSONL; their ids, in order."""
    rng = random.Random(seed)
    ids = []
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            doc_id = f"{tag}-{i:05d}"
            words = " ".join(rng.choice(WORDS) for _ in range(40))
            text = f"Report {tag} number {i} from district {rng.randrange(10**6)}. {words.capitalize()}."
            out.write(json.dumps({"id": doc_id, "text": text}) + "\n")
            ids.append(doc_id)
    return ids


def cli_process(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cli", *map(str, args)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def stored_ids(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {i for (i,) in conn.execute("SELECT id FROM docs")}


def store_contents(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table: the store's content, whatever its file size after WAL checkpoints."""
    with sqlite3.connect(db) as conn:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}"), key=repr) for t in tables}


def match_json(*args) -> dict:
    result = run_cli("match", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def seeded(tmp_path) -> Path:
    store = tmp_path / "index.db"
    result = run_cli("index", "add", SEEDS, "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["index"]["added"] == 5
    return store


def test_match_002_names_the_event_of_001_and_002(seeded):
    data = match_json(SEED["002"], "--store", seeded)
    (found,) = data["matches"]
    assert found["event"]["documents"] == [SEED["001"].name, SEED["002"].name]
    assert found["event"]["why"]
    # 002 is stored: its stored copy is itself, exactly
    assert found["stored"] is True
    assert found["near_duplicates"] == [{"id": SEED["002"].name, "score": 1.0, "estimated": 1.0, "method": "exact"}]


def test_match_reprint_of_004_names_004_as_near_duplicate(seeded):
    (found,) = match_json(REPRINT, "--store", seeded)["matches"]
    assert found["stored"] is False
    assert [d["id"] for d in found["near_duplicates"]] == [SEED["004"].name]
    assert 0.5 <= found["near_duplicates"][0]["score"] < 1.0
    assert found["event"]["id"] and found["event"]["joined_by"] == "near-duplicate"
    assert SEED["004"].name in found["event"]["documents"]


def test_match_table_view_lists_copies_and_events(seeded):
    result = run_cli("match", REPRINT, "--store", seeded)
    assert result.exit_code == 0
    assert "Near-duplicates in the store" in result.output and "004_2f215c4fcb578318.txt" in result.output


def test_adding_again_is_a_no_op(seeded):
    before = store_contents(seeded)
    result = run_cli("index", "add", SEEDS, "--store", seeded, "--format", "json")
    info = json.loads(result.stdout)["index"]
    assert (info["added"], info["already_stored"], info["documents_in_store"]) == (0, 5, 5)
    assert len(stored_ids(seeded)) == 5
    assert store_contents(seeded) == before


def test_a_new_document_joins_its_event_incrementally(tmp_path):
    store = tmp_path / "s.db"
    assert run_cli("index", "add", SEED["000"], SEED["001"], SEED["003"], "--store", store).exit_code == 0
    result = run_cli("index", "add", SEED["002"], "--store", store, "--format", "json")
    data = json.loads(result.stdout)
    assert data["index"]["new_events"] == 0
    clusters = json.loads(run_cli("cluster", "--store", store, "--format", "json").stdout)["clusters"]
    assert [SEED["001"].name, SEED["002"].name] in [c["documents"] for c in clusters]
    assert len(clusters) == 3


def test_cluster_store_matches_batch_clustering_on_the_seeds(seeded):
    stored = json.loads(run_cli("cluster", "--store", seeded, "--format", "json").stdout)
    batch = json.loads(run_cli("cluster", SEEDS, "--format", "json").stdout)
    assert sorted(c["documents"] for c in stored["clusters"]) == sorted(c["documents"] for c in batch["clusters"])
    assert all(c["why"] for c in stored["clusters"])


def test_cluster_store_with_inputs_adds_them_and_shows_their_events(seeded):
    result = run_cli("cluster", REPRINT, "--store", seeded, "--format", "json")
    assert result.exit_code == 0
    (event,) = json.loads(result.stdout)["clusters"]
    assert event["documents"] == sorted([SEED["004"].name, REPRINT.name])
    assert event["duplicates"] == [sorted([SEED["004"].name, REPRINT.name])]


def test_report_store_diffs_the_stored_events(seeded):
    result = run_cli("report", "--store", seeded, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [e["documents"] for e in data["events"]] == [[SEED["001"].name, SEED["002"].name]]
    assert data["discrepancies"]


def test_cluster_needs_inputs_or_a_store():
    result = run_cli("cluster")
    assert result.exit_code == 2
    assert "--store" in result.stderr


def test_other_scheme_is_refused(seeded, tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text("dedup:\n  num_perm: 64\n", encoding="utf-8")
    result = run_cli("match", SEED["001"], "--store", seeded, "--config", config)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {seeded}: the store was built with another signature scheme: ")
    assert "num_perm 128 (store) vs 64 (now)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_store_of_an_earlier_format_says_to_rebuild_it(seeded):
    """Stores of earlier formats (version 1 held weights, version 2 unstemmed words) are refused, with what to do."""
    from comparer.index import FORMAT_VERSION

    for earlier in range(1, FORMAT_VERSION):
        with sqlite3.connect(seeded) as conn:
            conn.execute("UPDATE meta SET value = ? WHERE name = 'format_version'", (str(earlier),))
        conn.close()
        for args in (("match", SEED["001"]), ("index", "add", SEED["001"]), ("cluster",), ("index", "stats")):
            result = run_cli(*args, "--store", seeded)
            assert result.exit_code == 2
            assert result.stderr == (f"Error: {seeded}: the store was built by an earlier comparer (index format "
                                     f"version {earlier}, this comparer reads version {FORMAT_VERSION}); rebuild "
                                     f"it: comparer index add PATH... --store NEW_STORE\n")


def test_unknown_format_version_is_refused(seeded):
    with sqlite3.connect(seeded) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE name = 'format_version'")
    result = run_cli("index", "add", SEED["001"], "--store", seeded)
    assert result.exit_code == 2
    assert "unknown index format version 99" in result.stderr


@pytest.mark.parametrize("url, message", [("ftp://host/x", "unsupported store"),
                                          ("redis://127.0.0.1:6379/x", "bad database"),
                                          ("redis://127.0.0.1:6379/0?prefix=a:b", "bad key prefix")],
                         ids=["scheme", "database", "prefix"])
def test_bad_store_url_is_one_line_error(url, message):
    result = run_cli("match", SEED["001"], "--store", url)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and message in result.stderr


def test_not_a_store_is_an_error(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    result = run_cli("index", "stats", "--store", junk)
    assert result.exit_code == 2
    assert "not a comparer index" in result.stderr


def test_a_command_closes_its_store_so_the_file_alone_holds_everything(tmp_path):
    """The console entry skips interpreter teardown: the store is closed by the command itself."""
    store = tmp_path / "index.db"
    for args in (("index", "add", SEEDS), ("match", SEED["002"]), ("index", "stats")):
        proc = cli_process(*args, "--store", store, "-q")
        proc.communicate(timeout=120)
        assert proc.returncode in (0, 1)
        assert not (tmp_path / "index.db-wal").exists()
    copy = tmp_path / "copy.db"
    copy.write_bytes(store.read_bytes())
    assert len(stored_ids(copy)) == 5


def test_kill_9_loses_nothing_reported_and_leaves_a_sound_store(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    ids = write_corpus(corpus, 10_000, "crash")
    store = tmp_path / "crash.db"
    proc = cli_process("index", "add", corpus, "--store", store, "--batch-size", "100")
    reported = 0
    deadline = time.monotonic() + 60
    try:
        for line in proc.stderr:
            if line.startswith("comparer: stored "):
                reported = int(line.split()[2])
                if reported >= 600:
                    break
            assert time.monotonic() < deadline, "no progress"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert 600 <= reported < 10_000
    with sqlite3.connect(store) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    present = stored_ids(store)
    assert set(ids[:reported]) <= present
    # the store still takes documents, and finishes the interrupted corpus
    result = run_cli("index", "add", corpus, "--store", store, "--batch-size", "2000", "--format", "json", "-q")
    assert result.exit_code == 0
    assert stored_ids(store) == set(ids)


def test_two_processes_adding_at_once_both_succeed(tmp_path):
    store = tmp_path / "shared.db"
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    ids = write_corpus(a, 1200, "a", seed=1) + write_corpus(b, 1200, "b", seed=2)
    procs = [cli_process("index", "add", path, "--store", store, "--batch-size", "50", "-q") for path in (a, b)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert stored_ids(store) == set(ids)
    with sqlite3.connect(store) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT n FROM counters").fetchone() == (2400,)


def test_library_api_round_trip(tmp_path):
    import comparer
    from comparer.index import add, match, open_store

    store = open_store(str(tmp_path / "lib.db"))
    assert add(comparer.load([SEEDS]), store).added == 5
    report = match(comparer.load([REPRINT]), store)
    assert report.to_dict()["matches"][0]["near_duplicates"][0]["id"] == SEED["004"].name


def test_a_stored_record_reads_back_the_vector_its_document_was_weighed_with(tmp_path):
    """A record keeps counts and document counts, not weights: read back, it weighs them to the same bits."""
    import comparer
    from comparer.config import Config
    from comparer.index import open_store
    from comparer.index.assignment import prepare
    from comparer.index.common import Record, pack_record

    config = Config()
    items = prepare(comparer.load([SEEDS, REPRINT]), open_store(str(tmp_path / "v.db")), config)
    for n, item in enumerate(items):
        df = {f: (i * 7 + n) % 5 for i, f in enumerate(item.features)}
        for extra in (0, 1):
            terms = item.terms(df, 40 + n, extra)
            ids, weights = terms.vector(config.cluster)
            record = Record(pack_record(item.esig, terms))
            read_ids, read = record.vector(config.cluster)
            assert ids.tobytes() == read_ids.tobytes() and weights.tobytes() == read.tobytes()
            assert terms.evidence(config.cluster).tobytes() == record.terms.evidence(config.cluster).tobytes()
            assert record.signature().counts == {f: c for f, c in item.esig.counts.items() if f[:2] == "n:"}


def test_the_index_weighs_features_as_batch_clustering_does(tmp_path):
    """Given the same document counts, a stored vector is the batch TF-IDF row, to the 5 decimals it keeps."""
    import numpy as np

    import comparer
    from comparer.config import Config
    from comparer.events import vectors
    from comparer.index import open_store
    from comparer.index.assignment import prepare
    from comparer.index.common import feature_hash

    config = Config()
    items = prepare(comparer.load([SEEDS]), open_store(str(tmp_path / "w.db")), config)
    matrix, features, df = vectors((item.esig.counts for item in items), config.cluster)
    counts = dict(zip(features, df.tolist()))
    for row, item in enumerate(items):
        ids, weights = item.terms(counts, len(items)).vector(config.cluster)
        batch = matrix[row]
        want = dict(zip((feature_hash(features[c]) for c in batch.indices), batch.data))
        assert sorted(want) == ids.tolist()
        assert np.allclose(weights, [want[i] for i in ids.tolist()], rtol=0, atol=6e-6)


def test_stored_records_keep_what_the_date_comparison_reads():
    """Follow-up look-backs and an undated report's weekday survive storage, so a match weighs
    dates as ``comparer cluster`` does; records without them (older stores) read with defaults."""
    import datetime as dt

    import numpy as np

    from comparer.event_signature import Signature
    from comparer.index.common import Record, Terms, pack_record, signature_of

    sig = Signature({"w:quake": 1.0}, {}, ("Qeshm",), None, dates=(), years=frozenset({2005}),
                    back=((732000, 732030),), back_years=frozenset({2004}), weekday=6)
    terms = Terms(np.array([1], dtype=np.uint64), np.array([1.0]), np.array([0], dtype=np.uint8),
                  np.array([1], dtype=np.uint32), 1)
    when = Record(pack_record(sig, terms)).when
    assert (when.back, when.back_years, when.weekday) == (sig.back, sig.back_years, 6)
    dated = Signature({}, {}, (), dt.date(2008, 9, 10))
    assert Record(pack_record(dated, terms)).when.weekday is None
    older = signature_of({"counts": {}, "names": {}, "places": [], "date": "2008-09-10", "dates": [], "years": []})
    assert (older.back, older.back_years, older.weekday) == ((), frozenset(), None)


def test_find_copies_proposes_the_reprint_by_signature_alone(seeded):
    """The bulk LSH check (no exact verification) finds 004 for its reprint, and 002 (stored) for itself."""
    from comparer.config import Config
    from comparer.index import find_copies, open_store
    from comparer.minhash import signatures

    config = Config()
    store = open_store(str(seeded), config=config)
    sigs = signatures([REPRINT.read_text(encoding="utf-8"), Path(SEED["002"]).read_text(encoding="utf-8")],
                      store.scheme)
    reprint, other = find_copies(sigs, store, config.dedup.threshold)
    assert [doc_id for doc_id, _ in reprint] and all("004" in doc_id for doc_id, _ in reprint)
    assert all(0.0 < score <= 1.0 for _, score in reprint)
    assert len(other) == 1 and "002" in other[0][0] and other[0][1] == 1.0


def test_a_command_reads_its_config_once(seeded, tmp_path, monkeypatch):
    """Adding, matching and reporting share one settings object (and its cached gazetteer)."""
    import comparer.config

    calls = []
    real = comparer.config.load_config
    monkeypatch.setattr(comparer.config, "load_config", lambda path: calls.append(path) or real(path))
    settings = tmp_path / "settings.yaml"
    settings.write_text("align:\n  threshold: 0.25\n", encoding="utf-8")
    result = run_cli("report", SEED["002"], "--store", seeded, "--config", settings, "--format", "json")
    assert result.exit_code == 0, result.output
    assert len(calls) == 1


def test_stored_events_weigh_shared_evidence_as_batch_clustering_does(tmp_path):
    """Rulings of one court share only the court's name: stored one by one, they stay apart as in a
    batch, and the two reports of one ruling still meet."""
    from tests.test_cluster import _RULINGS

    corpus = tmp_path / "rulings.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for key, title, text in _RULINGS:
            out.write(json.dumps({"id": key, "title": title, "text": text}) + "\n")
    store = tmp_path / "rulings.db"
    assert run_cli("index", "add", corpus, "--store", store).exit_code == 0
    stored = json.loads(run_cli("cluster", "--store", store, "--format", "json").stdout)["clusters"]
    batch = json.loads(run_cli("cluster", corpus, "--format", "json").stdout)["clusters"]
    assert sorted(c["documents"] for c in stored) == sorted(c["documents"] for c in batch)
    assert ["salmon1", "salmon2"] in [c["documents"] for c in stored]
    assert len(stored) == 7


def write_topic_corpus(path: Path, events: int = 40, per_event: int = 3, seed: int = 0) -> list[list[str]]:
    """Short reports of ``events`` events, each with names of its own, all drawn from one topic's
    words, written as JSONL in shuffled order; each event's ids.

    Added one at a time, early reports pull later reports of other events into theirs; clustering
    all of them at once keeps more of them apart.
    """
    rng = random.Random(seed)
    rows, truth = [], []
    for e in range(events):
        names = ["".join(rng.choice(s) for s in ("BCDFGKLMNPRSTV", "aeiou", "lnrst", "aeiou", "dkmnrt"))
                 for _ in range(3)]
        topic = rng.sample(WORDS, 6)
        truth.append([])
        for k in range(per_event):
            words = rng.sample(topic, 4) + rng.sample(names, 2) + rng.sample(WORDS, 3)
            rng.shuffle(words)
            rows.append({"id": f"e{e:02d}-{k}", "text": " ".join(words).capitalize() + "."})
            truth[-1].append(rows[-1]["id"])
    rng.shuffle(rows)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return truth


def cluster_parts(*args) -> list[list[str]]:
    result = run_cli("cluster", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return sorted(c["documents"] for c in json.loads(result.stdout)["clusters"])


def test_regroup_stores_the_events_clustering_the_whole_archive_gives(tmp_path):
    corpus, store = tmp_path / "topic.jsonl", tmp_path / "s.db"
    write_topic_corpus(corpus)
    assert run_cli("index", "add", corpus, "--store", store).exit_code == 0
    batch = cluster_parts(corpus)
    added = cluster_parts("--store", store)
    assert added != batch   # one at a time, some reports joined other events
    result = run_cli("index", "regroup", "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)["index"]
    assert cluster_parts("--store", store) == batch
    assert (info["documents"], info["events_before"], info["events_after"]) == (120, len(added), len(batch))
    assert info["documents_moved"] > 0
    with sqlite3.connect(store) as conn:   # the events table agrees with the documents' events
        sizes = dict(conn.execute("SELECT id, size FROM events"))
        counted = dict(conn.execute("SELECT event, count(*) FROM docs GROUP BY event"))
    assert sizes == counted


def test_regroup_keeps_the_ids_of_events_it_leaves_alone_and_later_adds_join_them(seeded):
    before = json.loads(run_cli("cluster", "--store", seeded, "--format", "json").stdout)["clusters"]
    info = json.loads(run_cli("index", "regroup", "--store", seeded, "--format", "json").stdout)["index"]
    after = json.loads(run_cli("cluster", "--store", seeded, "--format", "json").stdout)["clusters"]
    assert info["documents_moved"] == 0
    assert [(c["id"], c["documents"]) for c in after] == [(c["id"], c["documents"]) for c in before]
    assert all(c["why"] for c in after)
    (found,) = match_json(REPRINT, "--store", seeded)["matches"]
    assert SEED["004"].name in found["event"]["documents"]


def regroup_with_a_stale_count(url: str) -> None:
    """Ask the store at ``url`` to regroup as if it held one document fewer than it does: it must refuse."""
    from comparer.index import StoreError, open_store

    store = open_store(url)
    try:
        with pytest.raises(StoreError, match="added while regrouping"):
            store.regroup({SEED["000"].name: "ev-other"}, {"ev-other": {"why": "", "event_date": None,
                                                                        "places": []}}, store.count() - 1)
    finally:
        store.close()


def test_regroup_changes_nothing_when_documents_were_added_meanwhile(seeded):
    before = store_contents(seeded)
    regroup_with_a_stale_count(str(seeded))
    assert store_contents(seeded) == before


def test_regroup_of_a_missing_store_is_an_error_and_creates_nothing(tmp_path):
    store = tmp_path / "typo.db"
    result = run_cli("index", "regroup", "--store", store)
    assert result.exit_code == 2
    assert "no such store" in result.output and str(store) in result.output
    assert not list(tmp_path.iterdir())
