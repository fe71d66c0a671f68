"""Data tables shipped with comparer, read from JSON.

The tables are written as YAML (``aliases.yaml``, ``capitals.yaml``: comments say where their
entries come from, and users extend them in the same form with ``--config``). Each is shipped a
second time as the JSON that ``load`` reads, so that a diff needs no YAML parser: importing and
running one costs more than a two-document diff. ``python -m comparer.data`` rebuilds the JSON
after an edit, and a test checks that both forms hold the same table.
"""

from __future__ import annotations

import json
import os
from typing import Any

TABLES = ("aliases", "capitals")
_HERE = os.path.dirname(os.path.abspath(__file__))


def load(name: str) -> Any:
    """The shipped table ``name`` (one of ``TABLES``), as parsed from its YAML source."""
    if name not in TABLES:
        raise ValueError(f"unknown data table {name!r}; choose from {', '.join(TABLES)}")
    with open(os.path.join(_HERE, name + ".json"), encoding="utf-8") as handle:
        return json.load(handle)


def from_source(name: str) -> Any:
    """Table ``name`` read from its YAML source."""
    import yaml

    with open(os.path.join(_HERE, name + ".yaml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def build() -> None:
    """Rewrite every table's JSON from its YAML source."""
    for name in TABLES:
        text = json.dumps(from_source(name), ensure_ascii=False, indent=1) + "\n"
        with open(os.path.join(_HERE, name + ".json"), "w", encoding="utf-8") as handle:
            handle.write(text)
