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
    folder = os.path.dirname(target) or "."
    mode = os.stat(target).st_mode & 0o777 if os.path.exists(target) else 0o666 & ~_umask()
    if _write_unnamed(folder, target, text, mode):
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", dir=folder)
    try:
        # mkstemp makes the file private; give it the mode a plain open() would have.
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb" if binary else "w", encoding=None if binary else "utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _write_unnamed(folder: str, target: str, text: str | bytes, mode: int) -> bool:
    """Write through a file that has no name until it is complete (Linux ``O_TMPFILE``).

    A process killed while writing (even by SIGKILL, which nothing can catch) then leaves no
    temporary file behind: the file gets a name only to be renamed over the target at once.
    Returns False where the system or file system cannot do this, for the named-file way.
    """
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return False
    try:
        fd = os.open(folder, flag | os.O_WRONLY, mode)
    except OSError:
        return False
    import secrets

    data = text if isinstance(text, bytes) else text.encode("utf-8")
    named = os.path.join(folder, f".{os.path.basename(target)}.{secrets.token_hex(4)}")
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fchmod(fd, mode)
        os.fsync(fd)
        os.link(f"/proc/self/fd/{fd}", named, follow_symlinks=True)
    except OSError:
        os.close(fd)
        return False
    os.close(fd)
    try:
        os.replace(named, target)
    except BaseException:
        os.unlink(named)
        raise
    return True


def _is_regular(path: str) -> bool:
    return stat.S_ISREG(os.stat(path).st_mode)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
