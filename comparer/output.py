"""Writing result files: atomically, so a crash never leaves one half-written."""

from __future__ import annotations

import os
import stat

from comparer.errors import ComparerError


class OutputError(ComparerError):
    """The output cannot be written where it was asked for."""


def check_writable(path: str | os.PathLike[str], *, protected: tuple[str, ...] = ()) -> None:
    """Raise ``OutputError`` unless ``path`` can be written, before any work is done for it.

    ``protected`` names files the output must not replace (the inputs, the index store).
    """
    path = os.fspath(path)
    target = os.path.realpath(path)
    if os.path.isdir(target):
        raise OutputError(f"{path}: is a directory; give a file name for the output")
    for other in protected:
        if other and os.path.exists(other) and os.path.exists(target) and os.path.samefile(other, target):
            raise OutputError(f"{path}: is also an input ({other}); choose another output file")
    if os.path.exists(target):
        if not _is_regular(target):
            if not os.access(target, os.W_OK):
                raise OutputError(f"{path}: cannot write (permission denied)")
            return
        if not os.access(target, os.W_OK):
            raise OutputError(f"{path}: cannot write (permission denied)")
    folder = os.path.dirname(target) or "."
    if not os.path.isdir(folder):
        raise OutputError(f"{path}: folder {os.path.dirname(path) or '.'} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{path}: cannot write in folder {os.path.dirname(path) or '.'} (permission denied)")


def write_atomically(path: str | os.PathLike[str], text: str | bytes) -> None:
    """Write ``text`` (or bytes) to ``path`` via a temporary file in the same folder and ``os.replace``.

    A symbolic link is followed (its target is replaced, the link stays); a device or FIFO
    (``/dev/null``, a named pipe) is written directly, since replacing it would destroy it.
    """
    import tempfile  # only when a file is written: stdout output needs none of it

    target = os.path.realpath(os.fspath(path))
    binary = isinstance(text, bytes)
    if os.path.exists(target) and not _is_regular(target):
        with open(target, "wb" if binary else "w", encoding=None if binary else "utf-8") as handle:
            handle.write(text)
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", dir=os.path.dirname(target) or ".")
    try:
        # mkstemp makes the file private; give it the mode a plain open() would have.
        os.chmod(tmp, os.stat(target).st_mode & 0o777 if os.path.exists(target) else 0o666 & ~_umask())
        with os.fdopen(fd, "wb" if binary else "w", encoding=None if binary else "utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _is_regular(path: str) -> bool:
    return stat.S_ISREG(os.stat(path).st_mode)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
