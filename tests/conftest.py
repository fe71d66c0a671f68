"""Shared fixtures: the seed documents and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
SEED = {p.name[:3]: p for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def seed() -> dict[str, Path]:
    """Seed paths by their three-digit prefix: seed["001"]."""
    return SEED


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run_cli(*args: str, input: str | None = None):
    """Run the ``comparer`` command in-process and return click's Result."""
    from cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)
