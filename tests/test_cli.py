"""The command line: formats, errors, exit codes and help."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import yaml

from tests.conftest import ROOT, SEED, run_cli


def test_claims_json_has_documents_and_claims_with_mentions():
    result = run_cli("claims", SEED["001"], "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["documents"][0]["published"] == "2023-05-19"
    assert data["documents"][0]["event_date"] == "2023-05-18"
    assert data["errors"] == []
    assert all({"id", "document", "start", "end", "text", "mentions"} <= set(c) for c in data["claims"])


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "yaml", "html"])
def test_claims_every_format(fmt):
    result = run_cli("claims", SEED["004"], "--format", fmt)
    assert result.exit_code == 0
    assert "1,000 km" in result.output
    if fmt == "yaml":
        assert yaml.safe_load(result.output)["documents"][0]["id"] == SEED["004"].name
    if fmt == "html":
        assert result.output.startswith("<!DOCTYPE html>")


def test_output_file_is_written(tmp_path):
    out = tmp_path / "claims.json"
    result = run_cli("claims", SEED["002"], "--format", "json", "-o", out)
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["documents"][0]["id"] == SEED["002"].name


def test_bad_input_exits_2_names_file_and_keeps_the_rest(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfd bad")
    result = run_cli("claims", bad, SEED["002"], "--format", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [d["label"] for d in data["documents"]] == ["002"]
    assert data["errors"] == [{"input": str(bad), "message": "not valid UTF-8 (byte 0xff at offset 0)"}]
    assert result.stderr.strip() == f"comparer: {bad}: not valid UTF-8 (byte 0xff at offset 0)"


def test_bad_jsonl_line_error_names_the_line(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "Fine."}\nnot json\n', encoding="utf-8")
    result = run_cli("claims", corpus, "--format", "json")
    assert result.exit_code == 2
    assert result.stderr.strip().startswith(f"comparer: {corpus}:2: not valid JSON")
    assert [d["id"] for d in json.loads(result.stdout)["documents"]] == ["a"]


@pytest.mark.parametrize("content,message", [
    ("aliases: [unclosed", "config is not valid YAML at line 2 (did not find expected ',' or ']')"),
    ("colour: red\n", "unknown key 'colour'; valid keys are aliases, capitals, dedup, cluster, align"),
    ("dedup:\n  threshold: 1.5\n", "dedup.threshold must be in [0.0, 1.0], got 1.5"),
    ("aliases:\n  place: [x]\n", "aliases.place must map canonical names to lists of aliases"),
], ids=["yaml", "unknown-key", "range", "shape"])
def test_malformed_config_is_one_line_error_exit_2(tmp_path, content, message):
    config = tmp_path / "c.yaml"
    config.write_text(content, encoding="utf-8")
    result = run_cli("claims", SEED["002"], "--config", config)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {config}: {message}"
    assert result.stdout == ""


@pytest.mark.parametrize("command", [[], ["claims"]], ids=["group", "claims"])
def test_help(command):
    result = run_cli(*command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_help_is_fast_and_imports_nothing_heavy():
    code = ("import sys, cli; cli.cli(['--help'], standalone_mode=False); "
            "print(sorted(m for m in ('datasketch', 'numpy', 'rapidfuzz', 'yaml', 'tabulate') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]")


def test_a_two_file_diff_loads_no_module_it_does_not_need(tmp_path):
    """Start-up is most of a short diff: no YAML parser (tables are cached), no pathlib, no dataclasses."""
    args = [str(SEED["001"]), str(SEED["002"]), "--format", "json"]
    code = ("import sys; [sys.modules.pop(m, None) for m in ('pathlib', 'dataclasses')]; import cli\n"
            f"try: cli.cli(['diff', *{args!r}])\n"
            "except SystemExit: pass\n"
            "print(sorted(m for m in ('pathlib', 'dataclasses', 'yaml', 'tabulate', 'numpy', 'datasketch', "
            "'csv', 'tempfile') if m in sys.modules))")
    env = {**os.environ, "COMPARER_CACHE_DIR": str(tmp_path)}
    for _ in range(2):  # the first run fills the cache
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env,
                             cwd=ROOT).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_version_is_the_package_version_without_package_metadata():
    import comparer

    code = ("import sys, cli; cli.cli(['--version'], standalone_mode=False); "
            "print('importlib.metadata' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == [f"comparer {comparer.__version__}", "False"]


def test_console_entry_keeps_output_status_and_exit_handlers_when_it_skips_teardown(tmp_path):
    env = {**os.environ, "COMPARER_CACHE_DIR": str(tmp_path / "cache")}

    def comparer(*args):
        return subprocess.run([sys.executable, "-m", "cli", *map(str, args)], capture_output=True, text=True,
                              env=env, cwd=ROOT, check=False)

    found = comparer("diff", SEED["001"], SEED["002"], "--format", "json")
    assert found.returncode == 1
    assert json.loads(found.stdout)["discrepancies"]
    assert list((tmp_path / "cache").glob("regex-*"))  # written by an exit handler
    assert comparer("diff", SEED["003"], SEED["003"]).returncode == 0
    trouble = comparer("diff", SEED["001"], tmp_path / "missing.txt", "--format", "json")
    assert trouble.returncode == 2
    assert "missing.txt" in trouble.stderr
    assert json.loads(trouble.stdout)["errors"]


@pytest.mark.parametrize("width", [80, 120])
def test_tables_wrap_to_the_terminal_width(width, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(width))
    for args in (["claims", SEED["004"]], ["diff", SEED["001"], SEED["002"]]):
        result = run_cli(*args)
        assert max(len(line) for line in result.stdout.splitlines()) <= width
