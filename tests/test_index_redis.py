"""The shared index in Redis: a real redis-server on a free loopback port, started and stopped here."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time

import pytest

from comparer.index import FORMAT_VERSION

from tests.conftest import SEED, SEEDS, run_cli
from tests.test_index import REPRINT, cli_process, write_corpus

if not os.environ.get("CI"):  # in CI the [test] extra installs redis: a missing one must fail
    pytest.importorskip("redis")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def redis_server():
    """``(host, port)`` of a fresh redis-server, without persistence, stopped after the module."""
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is not installed (Debian package redis-server; .ci/run installs it)")
        pytest.skip("redis-server is not installed")
    port = _free_port()
    proc = subprocess.Popen([binary, "--save", "", "--appendonly", "no", "--port", str(port), "--bind", "127.0.0.1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                pytest.fail(f"redis-server did not start on port {port}")
            time.sleep(0.05)
        yield "127.0.0.1", port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def url(redis_server, request) -> str:
    """A store URL with a prefix of its own for each test."""
    import hashlib

    host, port = redis_server
    name = request.node.name
    return f"redis://{host}:{port}/0?prefix=t-{name[:30]}-{hashlib.sha1(name.encode()).hexdigest()[:8]}"


@pytest.fixture
def seeded(url) -> str:
    result = run_cli("index", "add", SEEDS, "--store", url, "--format", "json")
    assert result.exit_code == 0, result.output
    return url


def match_json(*args) -> dict:
    result = run_cli("match", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_match_002_names_the_event_of_001_and_002(seeded):
    (found,) = match_json(SEED["002"], "--store", seeded)["matches"]
    assert found["event"]["documents"] == [SEED["001"].name, SEED["002"].name]
    assert found["near_duplicates"][0] == {"id": SEED["002"].name, "score": 1.0, "estimated": 1.0,
                                           "method": "exact"}


def test_match_reprint_of_004_names_004(seeded):
    (found,) = match_json(REPRINT, "--store", seeded)["matches"]
    assert [d["id"] for d in found["near_duplicates"]] == [SEED["004"].name]


def test_same_answers_as_sqlite(seeded, tmp_path):
    db = tmp_path / "s.db"
    run_cli("index", "add", SEEDS, "--store", db)
    for path in (SEED["002"], REPRINT, SEED["000"]):
        a, b = match_json(path, "--store", seeded), match_json(path, "--store", db)
        assert a["matches"] == b["matches"]
    clusters = [json.loads(run_cli("cluster", "--store", s, "--format", "json").stdout)["clusters"]
                for s in (seeded, db)]
    assert clusters[0] == clusters[1]


def test_keys_all_live_under_the_prefix(seeded, redis_server):
    import redis

    host, port = redis_server
    client = redis.Redis(host=host, port=port)
    prefix = seeded.split("prefix=")[1]
    keys = [k.decode() for k in client.scan_iter(match=f"{prefix}*")]
    assert keys and all(k.startswith(prefix + ":") for k in keys)
    assert json.loads(client.hget(f"{prefix}:meta", "scheme"))["num_perm"] == 128
    assert client.hget(f"{prefix}:meta", "format_version") == str(FORMAT_VERSION).encode()


def test_re_adding_is_a_no_op(seeded):
    info = json.loads(run_cli("index", "add", SEEDS, "--store", seeded, "--format", "json").stdout)["index"]
    assert (info["added"], info["already_stored"], info["documents_in_store"]) == (0, 5, 5)


def test_other_scheme_and_unknown_version_are_refused(seeded, redis_server, tmp_path):
    import redis

    config = tmp_path / "c.yaml"
    config.write_text("dedup:\n  shingle_size: 3\n", encoding="utf-8")
    result = run_cli("match", SEED["001"], "--store", seeded, "--config", config)
    assert result.exit_code == 2
    assert "another signature scheme: " in result.stderr and "shingle_size 5 (store) vs 3 (now)" in result.stderr
    host, port = redis_server
    redis.Redis(host=host, port=port).hset(seeded.split("prefix=")[1] + ":meta", "format_version", "7")
    result = run_cli("match", SEED["001"], "--store", seeded)
    assert result.exit_code == 2 and "unknown index format version 7" in result.stderr
    redis.Redis(host=host, port=port).hset(seeded.split("prefix=")[1] + ":meta", "format_version", "1")
    result = run_cli("index", "add", SEED["001"], "--store", seeded)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "built by an earlier comparer (index format version 1" in result.stderr and "rebuild it" in result.stderr


def test_unreachable_redis_is_a_one_line_error():
    port = _free_port()
    result = run_cli("match", SEED["001"], "--store", f"redis://127.0.0.1:{port}/0")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: cannot reach Redis at redis://127.0.0.1:{port}/0")
    assert len(result.stderr.strip().splitlines()) == 1


def test_two_workers_share_one_index(url, tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    ids = write_corpus(a, 400, "a", seed=1) + write_corpus(b, 400, "b", seed=2)
    # the same 50 documents go through both workers: stored once
    with a.open("a", encoding="utf-8") as out:
        out.write("\n".join(b.read_text(encoding="utf-8").splitlines()[:50]) + "\n")
    procs = [cli_process("index", "add", path, "--store", url, "-q") for path in (a, b)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    stats = json.loads(run_cli("index", "stats", "--store", url, "--format", "json").stdout)["index"]
    assert stats["documents"] == len(ids)
    stored = json.loads(run_cli("cluster", "--store", url, "--format", "json").stdout)["documents"]
    assert sorted(d["id"] for d in stored) == sorted(ids)


def _add_after_barrier(url: str, path: str, barrier) -> None:
    """Add one document, holding its first write until the other worker has looked its own up."""
    import comparer
    from comparer.index import add, open_store
    from comparer.index.redis import RedisStore

    insert = RedisStore.insert
    waited = []

    def insert_after_barrier(self, new):
        if not waited:
            waited.append(True)
            barrier.wait(timeout=60)
        return insert(self, new)

    RedisStore.insert = insert_after_barrier
    add(comparer.load([path]), open_store(url))


@pytest.mark.parametrize("first, second", [(SEED["001"], SEED["002"]), (SEED["004"], REPRINT)],
                         ids=["same-event", "near-duplicate"])
def test_two_workers_adding_the_first_two_reports_at_once_start_one_event(url, first, second):
    """Both workers look their report up before either stores it; the second to store joins the first's event."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(2)
    workers = [context.Process(target=_add_after_barrier, args=(url, str(path), barrier)) for path in (first, second)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0, 0]
    clusters = json.loads(run_cli("cluster", "--store", url, "--format", "json").stdout)["clusters"]
    assert [c["documents"] for c in clusters] == [sorted([first.name, second.name])]
    assert clusters[0]["why"] != "no other document reports this event"


def test_issue14_match_and_stats_create_no_redis_index(url, redis_server):
    """`match` and `stats` on a mistyped prefix made a new, empty index."""
    import redis

    for command in (["match", SEED["001"]], ["index", "stats"]):
        result = run_cli(*command, "--store", url)
        assert result.exit_code == 2
        prefix = url.split("prefix=")[1]
        assert result.stderr.strip() == (f"Error: {url}: no index under the prefix {prefix!r}; create one with "
                                         f"'comparer index add PATH... --store URL'")
    host, port = redis_server
    assert redis.Redis(host=host, port=port).keys(url.split("prefix=")[1] + ":*") == []


def test_issue14_redis_password_is_not_echoed_in_the_store_field(url, redis_server):
    """A Redis password was echoed in the JSON `store` field and in error messages."""
    import redis

    host, port = redis_server
    redis.Redis(host=host, port=port).execute_command("ACL", "SETUSER", "editor", "on", ">hunter2", "~*", "&*",
                                                     "+@all")
    secret = url.replace("redis://", "redis://editor:hunter2@")
    result = run_cli("index", "add", SEED["001"], "--store", secret, "--format", "json")
    assert result.exit_code == 0, result.output
    assert "hunter2" not in result.output
    assert json.loads(result.stdout)["index"]["store"] == url.replace("redis://", "redis://editor:***@")
    result = run_cli("index", "stats", "--store", secret, "--format", "json")
    assert "hunter2" not in result.output


def test_regroup_stores_what_batch_clustering_gives_as_sqlite_does(url, tmp_path):
    from tests.test_index import cluster_parts, write_topic_corpus

    corpus, db = tmp_path / "topic.jsonl", tmp_path / "s.db"
    write_topic_corpus(corpus, seed=1)
    for store in (url, db):
        assert run_cli("index", "add", corpus, "--store", store).exit_code == 0
    batch = cluster_parts(corpus)
    assert cluster_parts("--store", url) != batch
    infos = [json.loads(run_cli("index", "regroup", "--store", s, "--format", "json").stdout)["index"]
             for s in (url, db)]
    assert cluster_parts("--store", url) == cluster_parts("--store", db) == batch
    assert [{k: v for k, v in i.items() if k not in ("store", "seconds")} for i in infos][0] == \
        {k: v for k, v in infos[1].items() if k not in ("store", "seconds")}
    a, b = (json.loads(run_cli("cluster", "--store", s, "--format", "json").stdout)["clusters"] for s in (url, db))
    assert a == b   # the same event ids and whys


def test_regroup_refused_when_a_worker_adds_meanwhile_changes_nothing(seeded, redis_server):
    import redis

    from tests.test_index import regroup_with_a_stale_count

    host, port = redis_server
    prefix = seeded.split("prefix=")[1]
    client = redis.Redis(host=host, port=port)
    before = {k: client.dump(k) for k in client.scan_iter(match=f"{prefix}:*")}
    regroup_with_a_stale_count(seeded)
    assert {k: client.dump(k) for k in client.scan_iter(match=f"{prefix}:*")} == before
