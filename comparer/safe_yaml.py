"""Reading untrusted YAML (front matter, review files, ``--config``) within bounds.

``yaml.safe_load`` refuses tags that run code, but not the rest of what a hostile or broken file
can do: an invalid date raises ``ValueError`` rather than ``YAMLError``, deep nesting exhausts the
recursion limit, and a few lines of aliases ("billion laughs") expand into gigabytes as soon as the
value is turned into a string. Here the size, the nesting depth and the expanded node count are
checked on the parser's events before anything is built, and every failure becomes one
``YAMLProblem`` that carries its line.
"""

from __future__ import annotations

from typing import Any

import yaml

# The C parser when PyYAML was built with libyaml (the usual wheel): several times faster.
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 64
MAX_NODES = 1_000_000


class YAMLProblem(ValueError):
    """Text that is not YAML comparer accepts; ``line`` is 1-based within the text, or None."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _Loader(_Base):
    """The safe loader, with an invalid timestamp reported as a YAML error at its line."""

    def construct_yaml_timestamp(self, node: Any) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"invalid date {node.value!r} ({exc})", node.start_mark) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def load(text: str, *, max_chars: int, what: str = "YAML") -> Any:
    """Parse ``text`` like ``yaml.safe_load``, refusing what could exhaust memory or the stack.

    >>> load("a: [1, 2]", max_chars=100)
    {'a': [1, 2]}
    >>> try:
    ...     load("date: 2023-02-30", max_chars=100)
    ... except YAMLProblem as exc:
    ...     print(exc.line, exc)
    1 invalid date '2023-02-30' (day is out of range for month)
    """
    if len(text) > max_chars:
        raise YAMLProblem(f"{what} is too large ({len(text):,} characters; at most {max_chars:,})")
    try:
        _check_shape(text, what)
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except YAMLProblem:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise YAMLProblem(str(problem), mark.line + 1 if mark else None) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise YAMLProblem(f"invalid value ({exc})") from None


def _check_shape(text: str, what: str) -> None:
    """Refuse nesting deeper than ``MAX_DEPTH`` or more than ``MAX_NODES`` nodes once aliases expand."""
    sizes: dict[str, int] = {}  # anchor -> expanded node count
    stack: list[list[Any]] = []  # [anchor, count] of each open collection
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            stack.append([event.anchor, 1])
            if len(stack) > MAX_DEPTH:
                raise YAMLProblem(f"{what} is nested deeper than {MAX_DEPTH} levels", _line(event))
            continue
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            anchor, count = stack.pop()
        elif isinstance(event, yaml.ScalarEvent):
            anchor, count = event.anchor, 1
        elif isinstance(event, yaml.AliasEvent):
            anchor, count = None, sizes.get(event.anchor or "", 1)
        else:
            continue
        if anchor is not None:
            sizes[anchor] = count
        if stack:
            stack[-1][1] += count
        if count > MAX_NODES or (stack and stack[-1][1] > MAX_NODES):
            raise YAMLProblem(f"{what} expands to more than {MAX_NODES:,} values (aliases)", _line(event))


def _line(event: Any) -> int | None:
    mark = getattr(event, "start_mark", None)
    return mark.line + 1 if mark is not None else None
