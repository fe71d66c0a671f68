"""Docs that stay true: every command has help, the README names every command and detector kind."""

from __future__ import annotations

import click
import pytest

from cli import cli
from comparer.types import DISCREPANCY_KINDS
from tests.conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield prefix + (name,)
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))


COMMANDS = list(_commands(cli))


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_every_command_has_help_and_is_in_the_readme(command):
    result = run_cli(*command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output and len(result.output.splitlines()) > 4
    assert f"comparer {' '.join(command)}" in README


@pytest.mark.parametrize("kind", DISCREPANCY_KINDS)
def test_every_discrepancy_kind_is_documented(kind):
    assert f"`{kind}`" in README


def test_readme_opens_with_the_two_commands():
    blocks = README.split("```sh\n")[1:3]
    first, second = (b.split("```")[0].strip() for b in blocks)
    assert "comparer " in first and "fixtures/" in first
    assert "pytest" in second
