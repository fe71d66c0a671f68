"""Word lists shipped as data files under ``comparer/data/``: one list per purpose.

A list file holds one entry per line; ``#`` starts a comment. Each file says where
its words came from.
"""

from __future__ import annotations

import functools
import os

_DATA = os.path.join(os.path.dirname(__file__), "data")


@functools.cache
def lines(name: str) -> tuple[str, ...]:
    """The entries of ``comparer/data/<name>.txt``, comments and blank lines removed."""
    with open(os.path.join(_DATA, f"{name}.txt"), encoding="utf-8") as handle:
        out = []
        for line in handle:
            entry = line.split("#", 1)[0].strip()
            if entry:
                out.append(entry)
        return tuple(out)


@functools.cache
def words(name: str) -> frozenset[str]:
    """Every whitespace-separated word of a list file, lower-cased."""
    return frozenset(w.lower() for line in lines(name) for w in line.split())


@functools.cache
def groups(name: str) -> tuple[tuple[frozenset[str], ...], ...]:
    """Lines of ``a b | c d`` groups: each line a tuple of word sets (opposites, grades)."""
    return tuple(tuple(frozenset(w.lower() for w in part.split()) for part in line.split("|"))
                 for line in lines(name))


@functools.cache
def entries(name: str, separator: str = ":") -> tuple[tuple[str, str], ...]:
    """Lines of ``head: rest`` (or another separator), both sides stripped."""
    return tuple((head.strip(), rest.strip()) for head, _, rest in
                 (line.partition(separator) for line in lines(name)))


@functools.cache
def state_abbreviations() -> dict[str, str]:
    """Abbreviation (without its dot) -> US state, from ``data/state_abbreviations.txt``."""
    return {form: state for state, forms in entries("state_abbreviations") for form in forms.split()}
