"""Golden outputs: what each command prints on the seeds, in every format, compared exactly.

The files under ``fixtures/golden/`` hold what the program printed. After a change that is
meant to change the output, regenerate them and read the difference before committing it:

    COMPARER_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "fixtures" / "golden"
FORMATS = ("table", "markdown", "json", "csv", "yaml", "html")
RUNS = {
    "diff-001-002": ("diff", "fixtures/seeds/001_2e6b207091a0e880.txt", "fixtures/seeds/002_7b42c846425dec63.txt"),
    "report-seeds": ("report", "fixtures/seeds"),
    "cluster-seeds": ("cluster", "fixtures/seeds"),
    "claims-002": ("claims", "fixtures/seeds/002_7b42c846425dec63.txt"),
}
CASES = [(name, fmt) for name in RUNS for fmt in FORMATS
         if not (fmt == "html" and RUNS[name][0] not in ("diff", "report"))]


def _printed(name: str, fmt: str) -> str:
    # A fixed terminal width, and paths relative to the checkout, so the output is the same anywhere.
    env = {**os.environ, "COLUMNS": "120", "LINES": "40"}
    proc = subprocess.run([sys.executable, "-m", "comparer", *RUNS[name], "--format", fmt, "--quiet"],
                          cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", check=False)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout


@pytest.mark.parametrize("name,fmt", CASES, ids=[f"{n}.{f}" for n, f in CASES])
def test_golden_output(name, fmt):
    path = GOLDEN / f"{name}.{fmt}"
    printed = _printed(name, fmt)
    if os.environ.get("COMPARER_UPDATE_GOLDEN"):
        path.write_text(printed, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with COMPARER_UPDATE_GOLDEN=1"
    assert printed == path.read_text(encoding="utf-8")
