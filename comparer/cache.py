"""Where comparer keeps what it derives from its own files: compiled patterns, parsed tables.

Paths are plain strings here and in the other modules a diff loads: importing pathlib
costs a short command about 5 ms.
"""

import os


def cache_dir() -> str:
    """``$COMPARER_CACHE_DIR``, else ``comparer`` in the XDG cache folder (``~/.cache/comparer``)."""
    return os.environ.get("COMPARER_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "comparer")


def cache_file(name: str) -> str:
    """The path of ``name`` in the cache folder (which may not exist yet)."""
    return os.path.join(cache_dir(), name)
