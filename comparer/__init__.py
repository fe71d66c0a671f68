"""comparer: compare news accounts of one event, find copies, flag discrepancies.

>>> import comparer
>>> docs = comparer.load(["fixtures/seeds"])
>>> report = comparer.claims(docs)
>>> report.to_dict()["documents"][1]["event_date"]
'2023-05-18'
"""

from comparer.errors import ComparerError, ConfigError, InputError
from comparer.types import Alignment, Claim, Cluster, Discrepancy, Document, Mention, Report, Span

__version__ = "0.1.0"

__all__ = [
    "Alignment", "Claim", "Cluster", "ComparerError", "Config", "ConfigError", "Discrepancy", "Document",
    "InputError", "Mention", "Report", "Span", "claims", "cluster", "dedup", "diff", "load", "load_config",
    "read_inputs", "report",
]

_LAZY = {
    "load": ("comparer.ingest", "load"),
    "read_inputs": ("comparer.ingest", "read_inputs"),
    "Config": ("comparer.config", "Config"),
    "load_config": ("comparer.config", "load_config"),
    "claims": ("comparer.pipeline", "claims"),
    "diff": ("comparer.diffing", "diff"),
    "cluster": ("comparer.clustering", "cluster"),
    "dedup": ("comparer.clustering", "dedup"),
    "report": ("comparer.reporting", "build_report"),
}


def __getattr__(name: str):
    """Import the heavier parts on first use, so that ``comparer --help`` stays fast."""
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'comparer' has no attribute {name!r}")
