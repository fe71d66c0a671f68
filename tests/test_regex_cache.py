"""The compiled-regex cache saves time and never changes what a pattern matches."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys

import pytest

from comparer import regex_cache

pytestmark = pytest.mark.skipif(regex_cache._sre is None, reason="cache serves CPython 3.11+ only")

# The largest patterns there are, straight from the grammar modules.
_PROBE = """
import re, sys
from comparer.mentions import dates, numbers
for pattern in (numbers._NUMBER, numbers._WORDS_ONLY, dates._DATE):
    assert pattern == re.compile(pattern.pattern, pattern.flags), pattern.pattern[:40]
print(numbers.find_numbers("It cost $1.2 million, about 600 mi (1,000 km) on May 3, 2013.")[0].value)
"""


def _run(cache_dir) -> str:
    env = {**os.environ, "COMPARER_CACHE_DIR": str(cache_dir)}
    done = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True)
    return done.stdout


def _cache_files(cache_dir):
    return sorted(cache_dir.glob("regex-*.marshal"))


def test_first_run_writes_the_cache_and_later_runs_read_it(tmp_path):
    first = _run(tmp_path)
    (path,) = _cache_files(tmp_path)
    entries = marshal.loads(path.read_bytes())
    assert len(entries) >= 3
    written = path.stat().st_mtime_ns
    assert _run(tmp_path) == first
    assert path.stat().st_mtime_ns == written  # nothing new compiled: nothing rewritten


def test_cached_pattern_equals_a_fresh_compile(tmp_path, monkeypatch):
    pattern = r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>km|mi)\b"
    entry = regex_cache._build(pattern, re.IGNORECASE)
    monkeypatch.setattr(regex_cache, "_entries", {(pattern, int(re.IGNORECASE)): entry})
    compiled = regex_cache.compile(pattern, re.IGNORECASE)
    assert compiled == re.compile(pattern, re.IGNORECASE)
    assert compiled.groupindex == {"num": 1, "unit": 2}
    assert compiled.search("about 600 MI away").group("unit") == "MI"


def test_a_damaged_entry_falls_back_to_compiling(monkeypatch):
    pattern = r"a+b"
    bogus = (0, [999, 1, 2, 3], 0, {}, (None,))
    monkeypatch.setattr(regex_cache, "_entries", {(pattern, 0): bogus})
    monkeypatch.setattr(regex_cache, "_added", True)  # no exit hook: the test writes nothing
    compiled = regex_cache.compile(pattern)
    assert compiled == re.compile(pattern)
    assert compiled.fullmatch("aab")


def test_a_damaged_file_is_ignored(tmp_path):
    _run(tmp_path)
    (path,) = _cache_files(tmp_path)
    path.write_bytes(b"\x00not marshal data")
    assert "1200000.0" in _run(tmp_path)
    assert marshal.loads(path.read_bytes())  # rewritten whole

