"""Bad input, output and environment: one line naming the file (and line), exit status 2, nothing lost.

Every test runs the real command in its own process on the real bad input.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED, SEEDS

GOOD = SEED["002"]


def comparer(*args, input: bytes | str | None = None, stdin=None, stdout=None, timeout: float = 120,
             code: str | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m comparer ARGS`` (or ``code`` before the command) and capture its output."""
    argv = [sys.executable, "-m", "comparer", *map(str, args)]
    if code is not None:
        argv = [sys.executable, "-c", code + "\nimport sys; from comparer.cli import main; "
                "sys.argv = ['comparer', *sys.argv[1:]]; main()", *map(str, args)]
    kwargs = {"stdin": stdin} if stdin is not None else {"input": input.encode() if isinstance(input, str) else input}
    if stdout is not None:
        return subprocess.run(argv, cwd=ROOT, stdout=stdout, stderr=subprocess.PIPE, timeout=timeout, **kwargs)
    return subprocess.run(argv, cwd=ROOT, capture_output=True, timeout=timeout, **kwargs)


def err(proc: subprocess.CompletedProcess) -> str:
    """stderr, which must be exactly one line."""
    text = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in text
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


def read_ids(proc: subprocess.CompletedProcess) -> list[str]:
    return [d["id"] for d in json.loads(proc.stdout)["documents"]]


def write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


LAUGHS = ("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
          + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)))


# --- 1. one bad date in front matter, a review file or a config ---------------------------------


@pytest.mark.parametrize("value,problem", [
    ("2023-02-30", "day is out of range for month"),
    ("0000-01-01", "year 0 is out of range"),
    ("2023-01-01 25:00:00", "hour must be in 0..23"),
    ("2023-01-01T10:00:00+99:00", "offset must be a timedelta"),
], ids=["feb-30", "year-0", "hour-25", "offset-99"])
def test_issue14_bad_front_matter_date_skips_that_document_only(tmp_path, value, problem):
    """A bad date in front matter raised ValueError from yaml.safe_load and killed the whole run."""
    bad = write(tmp_path / "bad.md", f"---\ntitle: Talks\ndate: {value}\n---\nBiden met Kishida on Friday.\n")
    proc = comparer("claims", bad, GOOD, "--format", "json")
    assert proc.returncode == 2
    line = err(proc)
    assert line.startswith(f"comparer: {bad}: malformed front matter at line 3: invalid date {value!r} (")
    assert problem in line
    assert read_ids(proc) == [GOOD.name]


def test_issue14_bad_date_report_still_writes_its_file_and_index_add_stores_the_rest(tmp_path):
    """`report -o` wrote nothing and `index add` stored nothing when one document had a bad date."""
    bad = write(tmp_path / "bad.md", "---\ndate: 2023-02-30\n---\nBiden met Kishida.\n")
    out = tmp_path / "r.html"
    proc = comparer("report", bad, SEEDS, "--format", "html", "-o", out, "-q")
    assert proc.returncode == 2
    assert err(proc).startswith(f"comparer: {bad}: malformed front matter at line 2")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    store = tmp_path / "s.db"
    proc = comparer("index", "add", bad, SEEDS, "--store", store, "-q", "--format", "json")
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["index"]["documents_in_store"] == 5


def test_issue14_bad_updated_date_in_review_file(tmp_path):
    """`updated: 2023-02-30` in a review file was a traceback."""
    review = write(tmp_path / "r.yaml", "decisions:\n  d-1:\n    status: confirmed\n    updated: 2023-02-30\n")
    before = review.read_bytes()
    proc = comparer("review", "d-1", "--status", "dismissed", "--review", review)
    assert proc.returncode == 2
    assert err(proc) == (f"Error: {review}:4: review file is not valid "
                         f"(invalid date '2023-02-30' (day is out of range for month))")
    assert review.read_bytes() == before


def test_issue14_bad_timestamp_in_config(tmp_path):
    """An invalid timestamp in --config was a traceback."""
    config = write(tmp_path / "c.yaml", "cluster:\n  threshold: 2023-02-30\n")
    proc = comparer("claims", GOOD, "--config", config)
    assert proc.returncode == 2
    assert err(proc) == (f"Error: {config}: config is not valid YAML at line 2 "
                         f"(invalid date '2023-02-30' (day is out of range for month))")


# --- 2. review decisions are not lost ----------------------------------------------------------


def test_issue14_concurrent_reviews_are_all_kept(tmp_path):
    """Ten `comparer review` at once each said "confirmed", yet the file kept 2 to 5 of them."""
    review = tmp_path / "r.yaml"
    ids = [f"d-{i:02d}" for i in range(10)]
    known = "".join(f"  {i}: 'number: x'\n" for i in ids)
    write(review, f"comparer_review: 1\ndecisions: {{}}\nknown:\n{known}")
    argv = [sys.executable, "-m", "comparer"]
    procs = [subprocess.Popen([*argv, "review", i, "--status", "confirmed", "--review", str(review)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for i in ids]
    assert [p.wait(timeout=120) for p in procs] == [0] * 10
    import yaml

    saved = yaml.safe_load(review.read_text(encoding="utf-8"))
    assert sorted(saved["decisions"]) == ids
    assert sorted(saved["known"]) == ids


def test_issue14_review_during_a_report_survives_the_report(tmp_path):
    """A review recorded while `report --review` ran was erased when the report saved the file."""
    from comparer.review import open_review

    review = tmp_path / "r.yaml"
    assert comparer("report", SEEDS, "--review", review, "--format", "json", "-q").returncode == 0
    target = sorted(open_review(review).known)[0]
    book = open_review(review)  # what a running report holds
    assert comparer("review", target, "--status", "dismissed", "--review", review).returncode == 0
    book.known["d-new"] = "entity: shown by the report"
    book.save()
    after = open_review(review)
    assert after.decisions[target].status == "dismissed"
    assert "d-new" in after.known


# --- 3. stored, then thrown away -----------------------------------------------------------------


@pytest.mark.parametrize("store", ["", ":memory:"], ids=["empty", "memory"])
def test_issue14_store_that_keeps_nothing_is_refused(store):
    """`index add --store ''` said "stored 436 of 436 documents" and kept nothing."""
    proc = comparer("index", "add", GOOD, "--store", store)
    assert proc.returncode == 2
    assert err(proc) == f"Error: store {store!r}: give a file path; an in-memory SQLite store would keep nothing"


@pytest.mark.parametrize("command", [["match", GOOD], ["index", "stats"]], ids=["match", "stats"])
def test_issue14_match_and_stats_do_not_create_a_store(tmp_path, command):
    """`match` and `stats` on a mistyped path created a new store."""
    store = tmp_path / "typo.db"
    proc = comparer(*command, "--store", store)
    assert proc.returncode == 2
    assert err(proc) == (f"Error: {store}: no such store; create one with "
                         f"'comparer index add PATH... --store {store}'")
    assert not store.exists()


def test_issue14_unrelated_sqlite_database_is_left_alone(tmp_path):
    """An unrelated SQLite database silently got comparer's tables."""
    db = tmp_path / "app.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE users (name TEXT)")
    conn.close()
    proc = comparer("index", "add", GOOD, "--store", db)
    assert proc.returncode == 2
    assert err(proc) == f"Error: {db}: not a comparer index (it holds other tables: users); give another file"
    with sqlite3.connect(db) as conn:
        assert [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["users"]
    conn.close()


# --- 4. -o replaces only what it should ----------------------------------------------------------


def test_issue14_output_through_a_symlink_writes_its_target(tmp_path):
    """A symlink given to -o became a regular file."""
    target = write(tmp_path / "real.json", "old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    proc = comparer("claims", GOOD, "--format", "json", "-o", link, "-q")
    assert proc.returncode == 0
    assert link.is_symlink()
    assert read_ids(subprocess.CompletedProcess([], 0, target.read_bytes(), b"")) == [GOOD.name]


def test_issue14_output_to_a_fifo_is_written_directly(tmp_path):
    """A device or FIFO given to -o was replaced by a regular file (as root, even /dev/null)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    proc = comparer("claims", GOOD, "--format", "json", "-o", fifo, "-q")
    reader.join(timeout=60)
    assert proc.returncode == 0
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert json.loads(got[0])["documents"][0]["id"] == GOOD.name


def test_issue14_output_to_dev_null_keeps_the_device():
    proc = comparer("claims", GOOD, "-o", os.devnull, "-q")
    assert proc.returncode == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_issue14_output_naming_an_input_or_the_store_is_refused(tmp_path):
    """-o naming an input or the store overwrote it: the index was destroyed and the exit status was 0."""
    doc = write(tmp_path / "a.txt", GOOD.read_text(encoding="utf-8"))
    before = doc.read_bytes()
    proc = comparer("claims", doc, "-o", doc)
    assert proc.returncode == 2
    assert err(proc) == f"Error: {doc}: is also an input ({doc}); choose another output file"
    assert doc.read_bytes() == before
    store = tmp_path / "s.db"
    assert comparer("index", "add", doc, "--store", store, "-q").returncode == 0
    proc = comparer("match", GOOD, "--store", store, "-o", store)
    assert proc.returncode == 2
    assert err(proc) == f"Error: {store}: is also an input ({store}); choose another output file"
    assert comparer("index", "stats", "--store", store, "-q").returncode == 0


# --- 5. JSONL is split at "\n" only ---------------------------------------------------------------


def test_issue14_jsonl_with_unicode_line_breaks_inside_strings(tmp_path):
    """A raw U+2028 or U+0085 in a string lost records and gave line 6 of a 5-line file."""
    rows = [{"id": "a", "text": "Biden met\u2028Kishida in Hiroshima."},
            {"id": "b", "text": "Talks\u0085resumed on Friday."},
            {"id": "c", "text": "Leaders agreed\u2029on sanctions."},
            {"id": "d", "text": "Officials said talks would continue."}]
    lines = [json.dumps(r, ensure_ascii=False) for r in rows] + ["{broken"]
    corpus = write(tmp_path / "c.jsonl", "\n".join(lines) + "\n")
    proc = comparer("claims", corpus, "--format", "json")
    assert proc.returncode == 2
    assert err(proc).startswith(f"comparer: {corpus}:5: not valid JSON")
    assert read_ids(proc) == ["a", "b", "c", "d"]


# --- 6. no traceback on a single bad input -------------------------------------------------------


def test_issue14_jsonl_nested_too_deeply(tmp_path):
    corpus = write(tmp_path / "c.jsonl", '{"id": "a", "text": "Fine words here."}\n'
                   + "[" * 100_000 + "]" * 100_000 + "\n")
    proc = comparer("claims", corpus, "--format", "json")
    assert proc.returncode == 2
    assert err(proc) == f"comparer: {corpus}:2: not usable JSON (nested too deeply)"
    assert read_ids(proc) == ["a"]


def test_issue14_jsonl_id_of_5000_digits(tmp_path):
    corpus = write(tmp_path / "c.jsonl", '{"id": "a", "text": "Fine words here."}\n'
                   + '{"id": ' + "9" * 5000 + ', "text": "Big id."}\n')
    proc = comparer("claims", corpus, "--format", "json")
    assert proc.returncode == 2
    assert err(proc) == f"comparer: {corpus}:2: not usable JSON (Exceeds the limit (4300 digits) for integer string conversion)"
    assert read_ids(proc) == ["a"]


@pytest.mark.parametrize("fmt", ["json", "table", "yaml"])
def test_issue14_lone_surrogate(tmp_path, fmt):
    """A lone surrogate (JSON "\\ud800") was a UnicodeEncodeError on output."""
    corpus = write(tmp_path / "c.jsonl", '{"id": "a", "text": "Fine words here."}\n'
                   '{"id": "b", "text": "Broken \\ud800 text."}\n')
    proc = comparer("claims", corpus, "--format", fmt)
    assert proc.returncode == 2
    assert err(proc) == (f"comparer: {corpus}:2: \"text\" holds a lone surrogate \\ud800 at character 7 "
                         f"(not valid Unicode)")
    assert b"Fine words here." in proc.stdout


def test_issue14_front_matter_nested_3000_deep(tmp_path):
    bad = write(tmp_path / "bad.md", "---\ntitle: " + "[" * 3000 + "]" * 3000 + "\n---\nText here.\n")
    proc = comparer("claims", bad, GOOD, "--format", "json")
    assert proc.returncode == 2
    assert err(proc).startswith(f"comparer: {bad}: malformed front matter at line 2: ")
    assert read_ids(proc) == [GOOD.name]


def test_issue14_html_with_an_unknown_marked_section_is_read(tmp_path):
    """`<![foo[ x ]]>` made the HTML parser raise AssertionError."""
    page = write(tmp_path / "p.html", "<html><body><p>Biden met Kishida.<![foo[ x ]]> Talks went on.</p></body></html>")
    proc = comparer("claims", page, GOOD, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    claims = json.loads(proc.stdout)["claims"]
    assert [c["text"] for c in claims if c["document"] == "p.html"] == ["Biden met Kishida.", "Talks went on."]


def test_issue14_known_given_as_a_list_in_a_review_file(tmp_path):
    review = write(tmp_path / "r.yaml", "decisions: {}\nknown: [a, b]\n")
    proc = comparer("review", "a", "--status", "confirmed", "--review", review)
    assert proc.returncode == 2
    assert err(proc) == (f"Error: {review}: not a comparer review file "
                         f"(expected 'decisions:' and 'known:' mappings)")


def test_issue14_stdin_closed():
    """`claims - <&-` was a traceback."""
    code = "import os; os.close(0)"
    proc = subprocess.run([sys.executable, "-c", code + "\nimport sys; sys.stdin = None\n"
                           "from comparer.cli import main; sys.argv = ['comparer', 'claims', '-', "
                           f"{str(GOOD)!r}, '--format', 'json']; main()"],
                          cwd=ROOT, capture_output=True, timeout=60)
    assert proc.returncode == 2
    assert err(proc) == "comparer: <stdin>: standard input is closed"
    assert read_ids(proc) == [GOOD.name]


def test_issue14_stdin_closed_by_the_shell():
    proc = subprocess.run(f"{sys.executable} -m comparer claims - {GOOD} --format json <&-", shell=True,
                          cwd=ROOT, capture_output=True, timeout=60)
    assert proc.returncode == 2
    assert err(proc) == "comparer: <stdin>: standard input is closed"
    assert read_ids(proc) == [GOOD.name]


def test_issue14_redis_url_with_an_unknown_option():
    """`redis://host/0?foo=bar` was a TypeError."""
    proc = comparer("index", "stats", "--store", "redis://127.0.0.1:1/0?foo=bar")
    assert proc.returncode == 2
    assert err(proc) == ("Error: unknown option 'foo' in store URL 'redis://127.0.0.1:1/0?foo=bar': "
                         "only ?prefix=NAME is understood")


# --- 7. output and environment errors, found before the work ---------------------------------------


def test_issue14_output_into_a_missing_folder(tmp_path):
    out = tmp_path / "nodir" / "out.json"
    proc = comparer("claims", GOOD, "-o", out)
    assert proc.returncode == 2
    assert err(proc) == f"Error: {out}: folder {out.parent} does not exist"
    assert proc.stdout == b""


def test_issue14_output_into_a_read_only_folder():
    if os.access("/proc/sys", os.W_OK):
        pytest.skip("no read-only folder on this machine")
    proc = comparer("claims", GOOD, "-o", "/proc/sys/out.json")
    assert proc.returncode == 2
    assert err(proc) == "Error: /proc/sys/out.json: cannot write in folder /proc/sys (permission denied)"


def test_issue14_stdout_to_dev_full():
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with open("/dev/full", "wb") as full:
        proc = comparer("claims", GOOD, "--format", "json", stdout=full)
    assert proc.returncode == 2
    assert err(proc) == "Error: cannot write to standard output (No space left on device)"


def test_issue14_review_file_in_a_missing_folder():
    """`report --review /nodir/r.yaml` failed after the whole report was computed."""
    proc = comparer("report", GOOD, "--review", "/nodir/r.yaml")
    assert proc.returncode == 2
    assert err(proc) == "Error: /nodir/r.yaml: folder /nodir does not exist"
    assert proc.stdout == b""


def test_issue14_review_file_in_an_unwritable_folder():
    if os.access("/proc/sys", os.W_OK):
        pytest.skip("no read-only folder on this machine")
    proc = comparer("review", "d-1", "--status", "confirmed", "--review", "/proc/sys/r.yaml")
    assert proc.returncode == 2
    assert err(proc) == "Error: /proc/sys/r.yaml: cannot write in folder /proc/sys (permission denied)"


# --- 8. memory bombs ---------------------------------------------------------------------------------


def test_issue14_billion_laughs_in_front_matter(tmp_path):
    """A billion-laughs alias as `title` reached 8 GB in two minutes."""
    bad = write(tmp_path / "bad.md", "---\n" + LAUGHS + "title: *i\n---\nText here.\n")
    started = time.monotonic()
    proc = comparer("claims", bad, GOOD, "--format", "json", timeout=60)
    assert time.monotonic() - started < 30
    assert proc.returncode == 2
    assert err(proc).startswith(f"comparer: {bad}: malformed front matter at line ")
    assert "expands to more than 1,000,000 values (aliases)" in err(proc)
    assert read_ids(proc) == [GOOD.name]


def test_issue14_billion_laughs_in_a_review_file(tmp_path):
    review = write(tmp_path / "r.yaml", LAUGHS + "known: {x: *i}\n")
    proc = comparer("review", "x", "--status", "confirmed", "--review", review, timeout=60)
    assert proc.returncode == 2
    assert "review file is not valid (review file expands to more than 1,000,000 values (aliases))" in err(proc)


def test_issue14_huge_front_matter_is_refused(tmp_path):
    bad = write(tmp_path / "bad.md", "---\ntitle: " + "x" * 200_000 + "\n---\nText here.\n")
    proc = comparer("claims", bad, GOOD, "--format", "json")
    assert proc.returncode == 2
    assert err(proc) == (f"comparer: {bad}: malformed front matter: front matter is too large "
                         f"(200,008 characters; at most 100,000)")
    assert read_ids(proc) == [GOOD.name]


# --- 9. long text costs time in proportion to its length ------------------------------------------


def test_issue14_long_paragraph_is_split_in_linear_time():
    """A 2 MB paragraph took 21.5 s: every sentence end rescanned the quotes and the rest of the paragraph."""
    from comparer.segment import split_claims

    sentence = 'The minister said "we will see" on Monday; the U.S. team had agreed (after talks; late). '

    def seconds(size: int) -> float:
        text = (sentence * (size // len(sentence) + 1))[:size]
        started = time.perf_counter()
        split_claims(text)
        return time.perf_counter() - started

    small, large = seconds(200_000), seconds(1_600_000)
    assert large < 2.0
    assert large < 8 * small * 3  # linear, with room for a noisy machine (quadratic would be 64x)


def test_issue14_a_very_long_sentence_is_cut_at_clause_boundaries(tmp_path):
    """Claims of thousands of words made diffs quadratic in sentence length."""
    words = " ".join(f"word{i}" + ("," if i % 50 == 49 else "") for i in range(1000))
    doc = write(tmp_path / "long.txt", f"Officials said {words}.\n\nA short claim follows.\n")
    proc = comparer("claims", doc, "--format", "json")
    assert proc.returncode == 0
    text = doc.read_text(encoding="utf-8")
    claims = json.loads(proc.stdout)["claims"]
    assert [len(c["text"].split()) for c in claims] == [252, 300, 300, 150, 4]
    assert [c.get("cut", False) for c in claims] == [True, True, True, True, False]
    assert all(c["text"].endswith((",", ".")) for c in claims)
    assert all(text[c["start"]:c["end"]] == c["text"] for c in claims)
    table = comparer("claims", doc).stdout.decode()
    assert "claims #1, #2, #3, #4 are parts of sentences longer than 300 words, cut at clause boundaries" \
        in " ".join(table.split())  # the note wraps to the terminal


# --- weak spots ------------------------------------------------------------------------------------


def _slow_input(tmp_path: Path) -> Path:
    """A corpus that takes some seconds to cluster, so that a signal arrives mid-run."""
    rows = [json.dumps({"id": f"d{i}", "text": GOOD.read_text(encoding="utf-8")}) for i in range(3000)]
    return write(tmp_path / "slow.jsonl", "\n".join(rows) + "\n")


@pytest.mark.parametrize("signum,status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["int", "term"])
def test_issue14_signals_exit_as_shells_expect(tmp_path, signum, status):
    """SIGINT exited with status 1 ("Aborted!"), which README defines as "discrepancies found"."""
    corpus = _slow_input(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "comparer", "cluster", str(corpus), "-o",
                             str(tmp_path / "out.json")], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    started = proc.stderr.readline()  # the progress label: the inputs are read, the work is under way
    assert started.startswith(b"Clustering")
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == status
    assert stderr.decode().strip().splitlines()[-1] == (
        "comparer: interrupted" if signum == signal.SIGINT else "comparer: terminated")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slow.jsonl"]


def test_issue14_sigterm_while_writing_leaves_no_temporary_file(tmp_path):
    """SIGTERM during a write left `.NAME.xxxx` temporary files behind."""
    out = tmp_path / "out.json"
    code = "import os, signal; os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGTERM)"
    proc = comparer("claims", GOOD, "--format", "json", "-o", out, code=code)
    assert proc.returncode == 143
    assert err(proc) == "comparer: terminated"
    assert list(tmp_path.iterdir()) == []


def test_issue14_read_only_store_is_read(tmp_path):
    """A store that cannot be written could not even be read by `match` and `stats`."""
    store = tmp_path / "s.db"
    assert comparer("index", "add", SEEDS, "--store", store, "-q").returncode == 0
    # As root every file is writable: make the command see the store as a read-only user would.
    code = ("import os; _access = os.access\n"
            "os.access = lambda p, m, **k: False if (m & os.W_OK and str(p).startswith("
            f"{str(tmp_path)!r})) else _access(p, m, **k)")
    os.chmod(store, 0o444)
    proc = comparer("match", GOOD, "--store", store, "--format", "json", code=code)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["matches"][0]["stored_id"] == GOOD.name
    proc = comparer("index", "stats", "--store", store, "--format", "json", code=code)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["index"]["documents"] == 5


def test_issue14_redis_password_is_not_echoed():
    proc = comparer("index", "stats", "--store", "redis://:hunter2@127.0.0.1:1/0")
    assert proc.returncode == 2
    assert "hunter2" not in proc.stderr.decode()
    assert err(proc).startswith("Error: cannot reach Redis at redis://:***@127.0.0.1:1/0: ")


def test_issue14_redacted_store_url():
    from comparer.index.redis import redacted

    assert redacted("redis://user:pw@host:6379/0?prefix=x") == "redis://user:***@host:6379/0?prefix=x"
    assert redacted("redis://host:6379/0") == "redis://host:6379/0"


def test_issue14_repeated_ids_stay_unique(tmp_path):
    """Ids `a`, `a`, `a~2` gave two documents with the id `a~2`."""
    corpus = write(tmp_path / "c.jsonl", "".join(json.dumps({"id": i, "text": f"Claim number {n}."}) + "\n"
                                                 for n, i in enumerate(["a", "a", "a~2"])))
    proc = comparer("claims", corpus, "--format", "json")
    assert proc.returncode == 0
    assert read_ids(proc) == ["a", "a~3", "a~2"]


def test_issue14_utf16_with_a_bom_is_read(tmp_path):
    """UTF-16 with a byte order mark was refused as "NUL byte at 3"."""
    doc = write(tmp_path / "w.txt", "\ufeffBiden met Kishida in Hiroshima on Friday.\r\n".encode("utf-16-le"))
    proc = comparer("claims", doc, "--format", "json")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["claims"][0]["text"] == "Biden met Kishida in Hiroshima on Friday."


def test_issue14_huge_number_is_null_not_infinity_in_json(tmp_path):
    """1e308 km became `Infinity`, which is not JSON."""
    doc = write(tmp_path / "n.txt", "The road is " + "9" * 400 + " km long.\n")
    proc = comparer("claims", doc, "--format", "json")
    assert proc.returncode == 0
    assert b"Infinity" not in proc.stdout
    numbers = [m for m in json.loads(proc.stdout)["claims"][0]["mentions"] if m["kind"] == "number"]
    assert numbers[0]["value"] is None


def test_issue14_markdown_escapes_raw_html(tmp_path):
    doc = write(tmp_path / "x.txt", "Officials said <script>alert(1)</script> was found.\n")
    proc = comparer("claims", doc, "--format", "markdown")
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_issue14_terminal_escapes_in_ids_are_shown_not_obeyed(tmp_path):
    corpus = write(tmp_path / "c.jsonl", json.dumps({"id": "evil\x1b[2J", "text": "A claim here."}) + "\n"
                   + json.dumps({"id": "bad\x1b[31m"}) + "\n")
    proc = comparer("claims", corpus)
    assert proc.returncode == 2
    assert b"\x1b" not in proc.stdout + proc.stderr
    assert "evil\\x1b[2J" in proc.stdout.decode()


def test_issue14_damaged_scheme_record_is_named(tmp_path):
    """A damaged scheme record read "unknown index format version '1' (this comparer reads version 1)"."""
    store = tmp_path / "s.db"
    assert comparer("index", "add", GOOD, "--store", store, "-q").returncode == 0
    with sqlite3.connect(store) as conn:
        conn.execute("UPDATE meta SET value = '{broken' WHERE name = 'scheme'")
    conn.close()
    proc = comparer("index", "stats", "--store", store)
    assert proc.returncode == 2
    assert err(proc) == (f"Error: {store}: damaged store record: the signature scheme is not a JSON object; "
                         f"use a new store")


def test_issue14_sigkill_while_writing_leaves_no_temporary_file(tmp_path):
    """SIGKILL during a write left a `.NAME.xxxx` file; now the file has no name until it is whole."""
    script = ("import sys; from comparer.output import write_atomically; data = b'x' * 400_000_000; "
              "print('writing', flush=True); write_atomically(sys.argv[1], data)")
    target = tmp_path / "out.bin"
    proc = subprocess.Popen([sys.executable, "-c", script, str(target)], stdout=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout.readline().strip() == b"writing"
    time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert [p.name for p in tmp_path.iterdir() if p.name != "out.bin"] == []
