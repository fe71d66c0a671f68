"""Web pages: article extraction, and URLs read through a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import json
import os
import socket
import subprocess
import sys

import pytest

import comparer
from comparer.config import PagesConfig, config_from_dict
from comparer.errors import ConfigError
from comparer.fetch import FetchError, fetch, saved_from
from tests.conftest import ROOT, SEED, run_cli
from tests.page_server import PAGES, PageServer

# Short waits keep the suite fast; the timeout is short only where a test waits for it to pass,
# so that a loaded machine does not fail the others.
FAST = PagesConfig(timeout=5, retries=2, backoff=0.01)
FAST_YAML = "pages:\n  timeout: 5\n  retries: 2\n  backoff: 0.01\n"
SHORT_TIMEOUT = 0.3


@pytest.fixture
def server(monkeypatch):
    """The local page server; any connection to another address fails the test."""
    import urllib3.util.connection

    real = urllib3.util.connection.create_connection

    def loopback_only(address, *args, **kwargs):
        assert address[0] == "127.0.0.1", f"a test tried to reach {address[0]}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(urllib3.util.connection, "create_connection", loopback_only)
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    with PageServer() as running:
        yield running


@pytest.fixture
def fast_config(tmp_path):
    path = tmp_path / "fast.yaml"
    path.write_text(FAST_YAML, encoding="utf-8")
    return path


def test_url_is_read_as_an_article_with_its_metadata(server):
    url = server.url("/pages/asia-wire.html")
    doc = comparer.load([url], FAST)[0]
    assert doc.id == url and doc.path == url
    assert doc.title == "Kishida, Biden agree to work closely on China, confirm cooperation on shared challenges"
    assert str(doc.published) == "2023-05-19"
    assert doc.source == "Asia Wire Daily"
    assert doc.url == "https://asia-wire.example/world/kishida-biden-china"  # the page's canonical address
    assert "Biden is currently in Japan to attend the G7 summit in Hiroshima." in doc.text
    for furniture in ("cookies", "Related stories", "Yen slides", "Great article", "All rights reserved", "Subscribe"):
        assert furniture not in doc.text
    report = comparer.claims([doc])
    assert report.claims and all(doc.text[c.start:c.end] == c.text for c in report.claims)


def test_html_file_offsets_point_into_the_reported_text():
    data = json.loads(run_cli("claims", PAGES / "pacific-courier.html", "--format", "json").output)
    texts = {d["id"]: d for d in data["documents"]}
    doc = comparer.load([PAGES / "pacific-courier.html"])[0]
    assert texts["pacific-courier.html"]["published"] == "2023-05-18"
    for claim in data["claims"]:
        assert doc.text[claim["start"]:claim["end"]] == claim["text"]


def test_page_on_stdin_is_read_as_a_page():
    page = (PAGES / "pacific-courier.html").read_text(encoding="utf-8")
    data = json.loads(run_cli("claims", "-", "--format", "json", input=page).output)
    (doc,) = data["documents"]
    assert doc["title"] == "Biden and Kishida praise the development of the US-Japan alliance in Hiroshima"
    assert doc["path"] == "-" and doc["source"] == "Pacific Courier"


def test_html_mode_all_keeps_every_visible_line():
    article = comparer.load([PAGES / "asia-wire.html"])[0]
    everything = comparer.load([PAGES / "asia-wire.html"], PagesConfig(html_mode="all"))[0]
    assert "We use cookies" in everything.text and "We use cookies" not in article.text
    result = run_cli("claims", PAGES / "asia-wire.html", "--html-mode", "all", "--format", "json")
    assert any("Related stories" in c["text"] for c in json.loads(result.output)["claims"])


def _discrepancies(output: str) -> list[tuple]:
    data = json.loads(output)
    order = [d["id"] for d in data["documents"]]

    def side(span):
        return None if span is None else (order.index(span["document"]), span["start"], span["end"], span["text"])

    return sorted((d["kind"], d["severity"], side(d["a"]), side(d["b"]), d["detail"].replace(order[0], "A")
                   .replace(order[1], "B")) for d in data["discrepancies"])


def test_issue13_diff_of_urls_equals_diff_of_saved_files(server, fast_config):
    """`comparer diff URL URL` finds what the diff of the saved pages finds."""
    files = [PAGES / "asia-wire.html", PAGES / "pacific-courier.html"]
    urls = [server.url(f"/pages/{f.name}") for f in files]
    by_file = run_cli("diff", *files, "--format", "json", "--config", fast_config)
    by_url = run_cli("diff", *urls, "--format", "json", "--config", fast_config)
    assert by_file.exit_code == by_url.exit_code == 1
    assert _discrepancies(by_url.output) and _discrepancies(by_url.output) == _discrepancies(by_file.output)
    labels = [d["label"] for d in json.loads(by_url.output)["documents"]]
    assert len(set(labels)) == 2


@pytest.mark.parametrize("path,message", [
    ("/missing", "HTTP 404 Not Found"),
    ("/loop", "more than 5 redirects (a redirect loop?)"),
    ("/slow", f"no answer within {SHORT_TIMEOUT:g} s"),
    ("/file.bin", "not a web page (content type application/octet-stream)"),
    ("/binary-as-html", "not a text document (NUL byte at 6)"),
    ("/big", "page too large (20,000,000 bytes; the limit is 10,000,000)"),
    ("/big-undeclared", "page too large (more than 10,000,000 bytes)"),
    ("/down", "HTTP 503 Service Unavailable"),
], ids=["404", "redirect-loop", "slow", "binary-file", "binary-as-html", "20MB", "20MB-undeclared", "503"])
def test_failing_url_is_an_input_error_and_the_rest_is_read(server, fast_config, path, message):
    if path == "/slow":
        fast_config.write_text(FAST_YAML.replace("timeout: 5", f"timeout: {SHORT_TIMEOUT}"), encoding="utf-8")
    url = server.url(path)
    result = run_cli("claims", url, SEED["001"], "--format", "json", "--config", fast_config)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"comparer: {url}: {message}"
    data = json.loads(result.stdout)
    assert [d["label"] for d in data["documents"]] == ["001"]
    assert data["errors"] == [{"input": url, "message": message}]


def test_retry_on_5xx_is_bounded(server):
    with pytest.raises(FetchError, match="HTTP 503"):
        fetch(server.url("/down"), FAST)
    assert [p for p, _ in server.requests] == ["/down"] * 3


@pytest.mark.parametrize("path", ["/flaky", "/busy"], ids=["503", "429"])
def test_retry_with_backoff_then_success(server, path):
    waits = []
    page = fetch(server.url(path), PagesConfig(retries=3, backoff=0.25), sleep=waits.append)
    assert "Kishida" in page.text
    assert waits == [0.25, 0.5]  # Retry-After: 0 is shorter than the backoff
    assert len(server.requests) == 3


def test_unreachable_address_names_the_network_error(server):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match=r"^network error: .*[Rr]efused"):
        fetch(f"http://127.0.0.1:{port}/story", FAST)


def test_request_names_comparer_in_its_user_agent(server):
    fetch(server.url("/pages/asia-wire.html"), FAST)
    agent = server.requests[0][1]["User-Agent"]
    assert agent.startswith(f"comparer/{comparer.__version__} ")


def test_redirect_is_followed_and_plain_text_and_charsets_are_read(server):
    moved = fetch(server.url("/moved"), FAST)
    assert moved.url == server.url("/pages/asia-wire.html")
    plain = comparer.load([server.url("/plain.txt")], FAST)[0]
    assert plain.text == "Biden met Kishida in Hiroshima on Thursday." and plain.source == "127.0.0.1"
    latin = fetch(server.url("/latin1"), FAST)
    assert "président a visité Genève" in latin.text


def test_cache_revalidates_with_etag_and_last_modified(server, tmp_path, fast_config):
    cache = tmp_path / "cache"
    url = server.url("/pages/pacific-courier.html")
    first = run_cli("claims", url, "--format", "json", "--cache", cache, "--config", fast_config)
    second = run_cli("claims", url, "--format", "json", "--cache", cache, "--config", fast_config)
    assert first.exit_code == second.exit_code == 0
    assert json.loads(first.output)["claims"] == json.loads(second.output)["claims"]
    (_, plain), (_, conditional) = server.requests
    assert "If-None-Match" not in plain and "If-Modified-Since" not in plain
    assert conditional["If-None-Match"].startswith('"') and conditional["If-Modified-Since"].endswith("GMT")
    assert fetch(url, dataclasses.replace(FAST, cache=str(cache))).from_cache


def test_save_pages_keeps_what_was_compared(server, tmp_path, fast_config):
    saved = tmp_path / "saved"
    url = server.url("/pages/asia-wire.html")
    result = run_cli("claims", url, "--format", "json", "--save-pages", saved, "--config", fast_config)
    assert result.exit_code == 0
    (page,) = saved.iterdir()
    assert page.suffix == ".html" and saved_from(page.read_text(encoding="utf-8")) == url
    again = comparer.load([page])[0]
    fetched = comparer.load([url], FAST)[0]
    assert (again.text, again.title, again.published, again.source) == \
        (fetched.text, fetched.title, fetched.published, fetched.source)


def test_unwritable_cache_is_an_input_error_naming_the_folder(server, tmp_path, fast_config):
    (tmp_path / "file").write_text("a file, not a folder", encoding="utf-8")
    blocker = tmp_path / "file" / "cache"
    url = server.url("/pages/asia-wire.html")
    result = run_cli("claims", url, SEED["001"], "--format", "json", "--cache", blocker, "--config", fast_config)
    assert result.exit_code == 2
    assert result.stderr.strip().startswith(f"comparer: {url}: cannot write the page cache in {blocker} (")
    assert [d["label"] for d in json.loads(result.stdout)["documents"]] == ["001"]


def test_pages_settings_are_checked():
    assert config_from_dict({"pages": {"html_mode": "all"}}).pages.html_mode == "all"
    with pytest.raises(ConfigError, match="pages.html_mode must be one of article, all"):
        config_from_dict({"pages": {"html_mode": "reader"}})
    with pytest.raises(ConfigError, match="unknown key pages.proxy"):
        config_from_dict({"pages": {"proxy": "x"}})


def test_page_without_text_is_an_input_error(tmp_path):
    page = tmp_path / "menu.html"
    page.write_text("<html><head><title>Photos</title></head><body><img src=a.jpg><script>x()</script>"
                    "</body></html>", encoding="utf-8")
    result = run_cli("claims", page, SEED["001"], "--format", "json")
    assert result.exit_code == 2
    assert "no article found in the page (--html-mode all reads all its visible text)" in result.stderr


_MODULES = """
import sys, cli
try:
    cli.cli.main(args=sys.argv[1:], prog_name="comparer")
except SystemExit:
    pass
print(sorted({m.split(".")[0] for m in sys.modules} & {"trafilatura", "lxml", "requests", "urllib3"}),
      file=sys.stderr)
"""


@pytest.mark.parametrize("args,loaded", [
    (["--help"], "[]"),
    (["diff", str(SEED["001"]), str(SEED["002"]), "-q"], "[]"),
    (["claims", str(PAGES / "asia-wire.html"), "-q"], "['lxml', 'trafilatura', 'urllib3']"),
], ids=["help", "text-diff", "html-file"])
def test_extractor_and_http_client_load_only_when_needed(args, loaded):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _MODULES, *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=60)
    assert done.stderr.strip().splitlines()[-1] == loaded


def test_report_shows_each_sources_url_title_outlet_and_date():
    result = run_cli("report", PAGES, "--format", "markdown", "-q")
    row = next(line for line in result.output.splitlines() if line.startswith("| asia "))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells == ["asia", "Kishida, Biden agree to work closely on China, confirm cooperation on shared challenges",
                     "Asia Wire Daily", "2023-05-19", "2023-05-18", "https://asia-wire.example/world/kishida-biden-china"]
    page = run_cli("report", PAGES, "--format", "html", "-q").output
    assert '<a href="https://asia-wire.example/world/kishida-biden-china" rel="noreferrer">' in page


def test_only_web_addresses_become_links_in_the_html_report():
    from comparer.views.html_report import _link

    assert _link("javascript:alert(1)") == "javascript:alert(1)"
    assert _link('https://x.example/"><script>') == ('<a href="https://x.example/&quot;&gt;&lt;script&gt;" '
                                                     'rel="noreferrer">https://x.example/&quot;&gt;&lt;script&gt;</a>')
