"""The HTML report in a real headless Chromium: loads cleanly, counts, filters, runs no document script."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, run_cli

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = ROOT / "build" / "screenshots"
# CI installs Debian's chromium (.ci/run); elsewhere the browser tests need it too, or are skipped.
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                                reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
            "--disable-background-networking", "--disable-component-update"])
        yield chromium
        chromium.close()


def _open(browser, html_path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(html_path.as_uri())
    return page, problems


def _report(tmp_path, corpus, name):
    """The HTML report with every discrepancy (--all), and the JSON report, which has every one."""
    html_path = tmp_path / f"{name}.html"
    assert run_cli("report", corpus, "--format", "html", "--all", "-o", html_path).exit_code == 0
    data = json.loads(run_cli("report", corpus, "--format", "json").stdout)
    return html_path, data


def test_html_report_shows_medium_and_high_unless_all(browser, tmp_path):
    html_path = tmp_path / "default.html"
    assert run_cli("report", SEEDS, "--format", "html", "-o", html_path).exit_code == 0
    data = json.loads(run_cli("report", SEEDS, "--format", "json").stdout)
    shown = [d for d in data["discrepancies"] if d["severity"] != "low"]
    assert len(shown) < len(data["discrepancies"])
    page, problems = _open(browser, html_path)
    assert page.locator("article.disc").count() == len(shown)
    assert not problems


def test_seed_report_loads_counts_and_filters(browser, tmp_path):
    html_path, data = _report(tmp_path, SEEDS, "seeds")
    page, problems = _open(browser, html_path)
    total = len(data["discrepancies"])
    assert total > 0
    assert page.locator("article.disc").count() == total
    assert page.locator("#shown").inner_text() == str(total)
    omissions = sum(1 for d in data["discrepancies"] if d["kind"] == "omission")
    assert omissions > 0
    page.uncheck("input[name=kind][value=omission]")
    assert page.locator("article.disc:visible").count() == total - omissions
    assert page.locator("#shown").inner_text() == str(total - omissions)
    page.uncheck("input[name=severity][value=high]")
    high_not_omission = sum(1 for d in data["discrepancies"] if d["kind"] != "omission" and d["severity"] == "high")
    assert page.locator("article.disc:visible").count() == total - omissions - high_not_omission
    page.check("input[name=kind][value=omission]")
    page.check("input[name=severity][value=high]")
    first = data["discrepancies"][0]["id"]
    assert page.locator(f"#d-{first}").count() == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "report.png"), full_page=False)
    assert (SCREENSHOTS / "report.png").stat().st_size > 10_000
    assert problems == []


def test_document_markup_runs_nothing(browser, tmp_path):
    html_path, data = _report(tmp_path, ROOT / "fixtures" / "markup", "markup")
    page, problems = _open(browser, html_path)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img").count() == 0
    assert "<script>window.__pwned = 1</script>" in page.inner_text("body")
    assert page.locator("article.disc").count() == len(data["discrepancies"])
    assert problems == []
