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
    ("colour: red\n", "unknown key 'colour'; valid keys are aliases, capitals, dedup, cluster, align, pages"),
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


HEAVY = ("numpy", "scipy", "datasketch", "yaml", "_yaml", "html.parser", "comparer.html_text", "tabulate")


@pytest.mark.parametrize("args", [["--help"], ["diff", str(SEED["001"]), str(SEED["002"]), "--format", "json"]],
                         ids=["help", "diff"])
def test_help_and_a_two_file_diff_load_no_heavy_module(args):
    """Start-up is most of a short diff: no array library, YAML parser or HTML extractor."""
    code = ("import sys; from comparer.cli import cli\n"
            f"try: cli({args!r})\n"
            "except SystemExit: pass\n"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_a_library_call_writes_no_file_outside_the_paths_it_was_given(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    code = ("import comparer; docs = comparer.load([" + repr(str(SEED["001"])) + ", " + repr(str(SEED["002"]))
            + "]); comparer.diff(docs); comparer.report(docs)")
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"), "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=tmp_path)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["home"]


def test_shipped_json_tables_match_their_yaml_sources():
    from comparer import data

    for name in data.TABLES:
        assert data.load(name) == data.from_source(name), f"run python -m comparer.data after editing {name}.yaml"


def test_version_is_the_package_version_without_package_metadata():
    import comparer

    code = ("import sys, cli; cli.cli(['--version'], standalone_mode=False); "
            "print('importlib.metadata' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == [f"comparer {comparer.__version__}", "False"]


def test_console_entry_exit_statuses(tmp_path):
    def comparer(*args):
        return subprocess.run([sys.executable, "-m", "comparer", *map(str, args)], capture_output=True, text=True,
                              cwd=ROOT, check=False)

    found = comparer("diff", SEED["001"], SEED["002"], "--format", "json")
    assert found.returncode == 1
    assert json.loads(found.stdout)["discrepancies"]
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
