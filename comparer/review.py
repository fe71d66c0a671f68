"""Review decisions on discrepancies, kept in a YAML file that survives re-runs.

The file maps discrepancy ids (stable across re-reads, input order and unrelated
edits) to a status and a note. ``comparer report --review FILE`` also records the
ids it showed under ``known``, so that ``comparer review`` can check an id and
suggest the closest ones. Every write is atomic: a crash leaves the old file or
the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from comparer import safe_yaml
from comparer.errors import ComparerError
from comparer.output import write_atomically

STATUSES = ("confirmed", "dismissed", "needs-check")
OPEN = "open"
FORMAT_VERSION = 1
# A review file of 100,000 discrepancies is about 20 MB.
MAX_CHARS = 50_000_000


class ReviewError(ComparerError):
    """A review file cannot be read or a decision cannot be recorded."""


@dataclass(frozen=True, slots=True)
class Decision:
    """An editor's decision on one discrepancy."""

    status: str
    note: str = ""
    updated: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "note": self.note}


@dataclass(slots=True)
class ReviewBook:
    """Decisions by discrepancy id, plus the ids (and one-line summaries) last reported."""

    path: Path
    decisions: dict[str, Decision] = field(default_factory=dict)
    known: dict[str, str] = field(default_factory=dict)
    decided: dict[str, Decision] = field(default_factory=dict)  # decisions made since the file was read

    def status(self, discrepancy_id: str) -> Decision:
        return self.decisions.get(discrepancy_id, Decision(OPEN))

    def decide(self, discrepancy_id: str, status: str, note: str | None = None) -> Decision:
        """Record a decision; an unknown id raises ``ReviewError`` naming the closest ids."""
        if status not in STATUSES:
            raise ReviewError(f"unknown status {status!r}; choose from {', '.join(STATUSES)}")
        if discrepancy_id not in self.known and discrepancy_id not in self.decisions:
            raise ReviewError(self._unknown_message(discrepancy_id))
        previous = self.decisions.get(discrepancy_id)
        kept_note = previous.note if previous and note is None else (note or "")
        decision = Decision(status, kept_note, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
        self.decisions[discrepancy_id] = decision
        self.decided[discrepancy_id] = decision
        return decision

    def _unknown_message(self, discrepancy_id: str) -> str:
        ids = sorted(set(self.known) | set(self.decisions))
        if not ids:
            return (f"unknown discrepancy id {discrepancy_id!r}: {self.path} lists no discrepancies yet; "
                    f"run 'comparer report PATH... --review {self.path}' first")
        close = difflib.get_close_matches(discrepancy_id, ids, n=3, cutoff=0.3)
        close += [i for i in ids if i.startswith(discrepancy_id) and i not in close][:3]
        hint = f"; did you mean {', '.join(close[:3])}?" if close else f"; {self.path} lists {len(ids)} ids"
        return f"unknown discrepancy id {discrepancy_id!r}{hint}"

    def to_yaml(self) -> str:
        data = {
            "comparer_review": FORMAT_VERSION,
            "decisions": {i: {"status": d.status, "note": d.note, "updated": d.updated}
                          for i, d in sorted(self.decisions.items())},
            "known": dict(sorted(self.known.items())),
        }
        return ("# comparer review decisions: edit statuses here or with 'comparer review'.\n"
                + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))

    def save(self) -> None:
        """Write the file, keeping what other processes recorded since it was read.

        The folder is locked while the file is re-read, merged and replaced, so that reviews
        recorded at once (or while a report runs) are all kept.
        """
        try:
            with _locked(self.path):
                if self.path.exists():
                    on_disk = open_review(self.path)
                    self.decisions = {**on_disk.decisions, **self.decided}
                    self.known = {**on_disk.known, **self.known}
                write_atomically(self.path, self.to_yaml())
        except OSError as exc:
            raise ReviewError(f"{self.path}: cannot write review file ({exc.strerror or exc})") from None


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder of ``path`` (the file itself is replaced, so it cannot hold one)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no advisory locks
        yield
        return
    fd = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def open_review(path: str | Path) -> ReviewBook:
    """Read a review file (``yaml.safe_load``); a missing file is an empty book."""
    path = Path(path)
    if not path.exists():
        return ReviewBook(path)
    try:
        raw = safe_yaml.load(path.read_text(encoding="utf-8"), max_chars=MAX_CHARS, what="review file")
    except UnicodeDecodeError:
        raise ReviewError(f"{path}: cannot read review file (not UTF-8 text)") from None
    except OSError as exc:
        raise ReviewError(f"{path}: cannot read review file ({exc.strerror or exc})") from None
    except safe_yaml.YAMLProblem as exc:
        raise ReviewError(f"{path}:{exc.line}: review file is not valid ({exc.message})" if exc.line
                          else f"{path}: review file is not valid ({exc.message})") from None
    if raw is None:
        return ReviewBook(path)
    if (not isinstance(raw, dict) or not isinstance(raw.get("decisions", {}) or {}, dict)
            or not isinstance(raw.get("known", {}) or {}, dict)):
        raise ReviewError(f"{path}: not a comparer review file (expected 'decisions:' and 'known:' mappings)")
    version = raw.get("comparer_review", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        raise ReviewError(f"{path}: review file format {version!r} is not supported (expected {FORMAT_VERSION})")
    decisions = {}
    for key, entry in (raw.get("decisions") or {}).items():
        if not isinstance(entry, dict) or entry.get("status") not in (*STATUSES, OPEN):
            raise ReviewError(f"{path}: decision {key!r} needs a status, one of {', '.join(STATUSES)}")
        decisions[str(key)] = Decision(entry["status"], _plain(entry.get("note")), _plain(entry.get("updated")))
    known = {str(k): _plain(v) for k, v in (raw.get("known") or {}).items()}
    return ReviewBook(path, decisions, known)


def _plain(value: Any) -> str:
    """A note, date or summary as text (YAML reads an unquoted date as a date)."""
    return "" if value is None else str(value)

