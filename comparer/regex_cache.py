"""Compiled regular expressions kept between runs.

The number and date grammars are large alternations: Python's regex compiler
takes about 25 ms per process to build them, as long as diffing two articles.
What the compiler produces (the matching engine's opcode list) depends only on
the pattern, its flags and the interpreter, so it is stored once per interpreter
version in the cache directory and handed straight to the engine on later runs.

Only CPython 3.11+ is served from the cache. Any surprise (another interpreter,
a damaged or foreign file, an engine that refuses the code) falls back to
``re.compile``; the engine checks the opcodes it is given, so the cache can only
save time, never change what a pattern matches.
"""

from __future__ import annotations

import array
import atexit
import marshal
import os
import re
import sys

from comparer.cache import cache_file

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # Python 3.10 or another implementation: compile as usual.
    _sre = None

# (pattern, flags) -> (flags, code, groups, groupindex, indexgroup), as ``_sre.compile`` takes them,
# except that the code is kept as the bytes of an unsigned-int array: far quicker to load than a list.
_entries: dict[tuple[str, int], tuple] | None = None
_added = False
_used: set[tuple[str, int]] = set()
# Beyond this many entries, a rewrite keeps only this process's patterns (old versions' drop out).
_MAX_ENTRIES = 400
# The engine's code units are 32-bit ("I" is 32 bits wide on every platform CPython supports).
_CODE_TYPE = "I"


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - mirrors re.compile
    """``re.compile(pattern, flags)``, served from the cache when it can be."""
    if _sre is None or sys.implementation.name != "cpython":
        return re.compile(pattern, flags)
    flags = int(flags)
    entries = _load()
    _used.add((pattern, flags))
    entry = entries.get((pattern, flags))
    if entry is not None:
        try:
            return _engine(pattern, entry)
        except Exception:  # noqa: BLE001 - a stale or damaged entry: rebuild it below
            pass
    try:
        entry = _build(pattern, flags)
        compiled = _engine(pattern, entry)
    except Exception:  # noqa: BLE001 - private API changed: plain compile, no caching
        return re.compile(pattern, flags)
    _remember(pattern, flags, entry)
    return compiled


def _build(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` hands the engine, as plain marshal-able values."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    ops = array.array(_CODE_TYPE, [int(op) for op in code]).tobytes()
    return (int(flags | parsed.state.flags), ops, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _engine(pattern: str, entry: tuple) -> re.Pattern:
    flags, ops, groups, groupindex, indexgroup = entry
    code = array.array(_CODE_TYPE, ops).tolist()
    return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)


def _cache_file() -> str:
    version = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}-{_sre.CODESIZE}"
    return cache_file(f"regex-{version}.marshal")


def _load() -> dict[tuple[str, int], tuple]:
    global _entries
    if _entries is None:
        try:
            with open(_cache_file(), "rb") as handle:
                loaded = marshal.loads(handle.read())
            _entries = loaded if isinstance(loaded, dict) else {}
        except (OSError, EOFError, ValueError, TypeError):
            _entries = {}
    return _entries


def _remember(pattern: str, flags: int, entry: tuple) -> None:
    global _added
    assert _entries is not None
    _entries[(pattern, flags)] = entry
    if not _added:
        _added = True
        atexit.register(_save)


def _save() -> None:
    """Write the cache once, at exit, and only when this run compiled something new."""
    entries = _entries or {}
    if len(entries) > _MAX_ENTRIES:
        entries = {key: value for key, value in entries.items() if key in _used}
    try:
        from comparer.output import write_atomically

        path = _cache_file()
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_atomically(path, marshal.dumps(entries))
    except (OSError, ValueError):
        pass
