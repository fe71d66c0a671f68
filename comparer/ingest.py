"""Reading inputs into ``Document`` values: files, directories, JSONL corpora and stdin.

This is the only module that reads inputs. A problem with one input (or one JSONL
line) becomes an ``InputProblem`` and the others are still read, as ``grep -r`` does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from comparer.config import PagesConfig
from comparer.digest import sha1_hex
from comparer.errors import InputError
from comparer.types import Document, InputProblem

DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_DATE_LINE = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]*\r?\n|[ \t]+)")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SPACES = re.compile(r"\s+")
_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
# Front matter holds a few metadata lines; anything this large is not metadata.
MAX_FRONT_MATTER = 100_000


class _BadDocument(ValueError):
    """A document's content cannot be used; the message says why."""


def load(paths: Iterable[str | os.PathLike[str]], pages: PagesConfig | None = None) -> list[Document]:
    """Read every input and return its documents (``pages``: how web pages are fetched and read).

    Raises:
        InputError: an input could not be read; ``.problems`` names each and
            ``.documents`` holds everything that was read.

    >>> [d.label for d in load(["fixtures/seeds/001_2e6b207091a0e880.txt"])]
    ['001']
    """
    documents, problems = read_inputs(paths, pages)
    if problems:
        raise InputError(problems, documents)
    return documents


def read_inputs(paths: Iterable[str | os.PathLike[str]],
                pages: PagesConfig | None = None) -> tuple[list[Document], list[InputProblem]]:
    """Read every input; return the documents read and the problems met, in input order."""
    documents: list[Document] = []
    problems: list[InputProblem] = []
    pages = pages or PagesConfig()
    for path in paths:
        for item in _read_path(os.fspath(path), pages):
            if isinstance(item, InputProblem):
                problems.append(item)
            else:
                documents.append(item)
    return _with_unique_ids_and_labels(documents), problems


def document_from_text(text: str, *, id: str | None = None, published: str | dt.date | None = None,
                       title: str | None = None, source: str | None = None, url: str | None = None,
                       path: str = "") -> Document:
    """Build a ``Document`` from raw text, reading its front matter or leading ``date`` line.

    Raises:
        ValueError: the front matter is malformed or a date is not ISO.
    """
    body, meta = split_metadata(text)
    published_date = _parse_date(published) if published is not None else meta.get("published")
    doc_id = id or "sha1-" + sha1_hex(text.encode("utf-8"))[:12]
    return Document(id=doc_id, text=body, title=_clean(title if title is not None else meta.get("title", "")),
                    published=published_date, source=source if source is not None else meta.get("source", ""),
                    url=url if url is not None else meta.get("url", ""), path=path)


def split_metadata(text: str) -> tuple[str, dict[str, Any]]:
    """Separate YAML front matter or a ``date YYYY-MM-DD`` line from the body text."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if text.startswith("---") and text[3:4] in ("\n", "\r"):
        end = _FRONT_MATTER_END.search(text, 4)
        if end is None:
            raise _BadDocument("malformed front matter: no closing '---' line")
        from comparer import safe_yaml  # only documents with front matter pay for the YAML parser

        try:
            raw = safe_yaml.load(text[4:end.start()], max_chars=MAX_FRONT_MATTER, what="front matter")
        except safe_yaml.YAMLProblem as exc:
            where = f" at line {exc.line + 1}" if exc.line else ""
            raise _BadDocument(f"malformed front matter{where}: {exc.message}") from None
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise _BadDocument("malformed front matter: expected 'key: value' lines")
        body_start = end.end() + 1 if end.end() < len(text) else end.end()
        return text[body_start:], _metadata(raw)
    match = _DATE_LINE.match(text)
    if match:
        return text[match.end():], {"published": _parse_date(match.group(1))}
    return text, {}


def _metadata(raw: dict[str, Any]) -> dict[str, Any]:
    """Pick comparer's fields out of front matter or a JSONL record."""
    meta: dict[str, Any] = {}
    for key in ("published", "published_time", "date", "published_date", "datePublished"):
        if raw.get(key):
            meta["published"] = _parse_date(raw[key])
            break
    if raw.get("title"):
        meta["title"] = str(raw["title"])
    url = raw.get("url") or raw.get("source_url") or raw.get("link")
    if url:
        meta["url"] = str(url)
    source = raw.get("source") or raw.get("outlet") or raw.get("publisher")
    if source:
        meta["source"] = str(source)
    elif url:
        host = re.match(r"[a-z]+://(?:www\.)?([^/:]+)", str(url))
        meta["source"] = host.group(1) if host else ""
    return meta


def _parse_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _ISO_DATE.match(str(value).strip())
    if not match:
        raise _BadDocument(f"date {value!r} is not an ISO date (YYYY-MM-DD)")
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        raise _BadDocument(f"date {value!r} is not a valid calendar date") from None


def _clean(title: str) -> str:
    return _SPACES.sub(" ", title.replace("\u00a0", " ")).strip()


# --- reading paths -------------------------------------------------------------------------


def _read_path(arg: str, pages: PagesConfig) -> Iterator[Document | InputProblem]:
    if arg == "-":
        yield from _read_stdin(pages)
        return
    if arg[:8].lower().startswith(("http://", "https://")):
        yield from _read_url(arg, pages)
        return
    path = os.path.normpath(arg)
    if os.path.isdir(path):
        yield from _read_directory(arg, pages)
    elif os.path.exists(path):
        yield from _read_file(path, os.path.basename(path), pages)
    else:
        yield InputProblem(arg, "no such file or directory")


def _read_directory(arg: str, pages: PagesConfig) -> Iterator[Document | InputProblem]:
    """Every document file under ``arg``, in name order, skipping hidden files and folders."""
    # Only a folder needs walking: reading the files named on a command line does without pathlib.
    from pathlib import Path

    path = Path(arg)
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
                   and not any(part.startswith(".") for part in p.relative_to(path).parts))
    if not files:
        yield InputProblem(arg, f"no documents found (looked for {', '.join(DOCUMENT_SUFFIXES)})")
        return
    for file in files:
        yield from _read_file(str(file), file.relative_to(path).as_posix(), pages)


def _read_stdin(pages: PagesConfig) -> Iterator[Document | InputProblem]:
    stream = sys.stdin
    if stream is None:  # started with standard input closed (``<&-``)
        yield InputProblem("<stdin>", "standard input is closed")
        return
    try:
        data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read().encode()
    except (OSError, ValueError) as exc:
        yield InputProblem("<stdin>", f"cannot read standard input ({getattr(exc, 'strerror', None) or exc})")
        return
    try:
        text = _decode(data)
    except _BadDocument as exc:
        yield InputProblem("<stdin>", str(exc))
        return
    if text.lstrip().startswith("{"):
        yield from _read_jsonl(text, "<stdin>")
    elif _HTML_START.match(text):  # a page piped in: curl URL | comparer claims -
        doc_id = "sha1-" + sha1_hex(text.encode("utf-8"))[:12]
        yield from _html_document(text, "<stdin>", doc_id=doc_id, path="-", mode=pages.html_mode)
    else:
        yield from _one_document(text, "<stdin>", doc_id=None, path="-")


def _read_file(path: str, rel: str, pages: PagesConfig) -> Iterator[Document | InputProblem]:
    name = path
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        yield InputProblem(name, f"cannot read ({exc.strerror})")
        return
    try:
        text = _decode(data)
    except _BadDocument as exc:
        yield InputProblem(name, str(exc))
        return
    suffix = os.path.splitext(path)[1].lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(text, name)
    elif suffix == ".json":
        yield from _read_json(text, name)
    elif suffix in (".html", ".htm"):
        yield from _html_document(text, name, doc_id=rel, path=name, mode=pages.html_mode)
    else:
        yield from _one_document(text, name, doc_id=rel, path=name)


_UNICODE_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                 (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _decode(data: bytes) -> str:
    for bom, encoding in _UNICODE_BOMS:  # a byte order mark names its encoding: Windows tools write UTF-16
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise _BadDocument(f"not valid {encoding.upper()} (byte offset {exc.start})") from None
            nul = text.find("\x00")
            if nul >= 0:
                raise _BadDocument(f"not a text document (NUL character at {nul})")
            return text
    nul = data.find(b"\x00")
    if nul >= 0:
        raise _BadDocument(f"not a text document (NUL byte at {nul})")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _BadDocument(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None


def _one_document(text: str, name: str, *, doc_id: str | None, path: str,
                  **fields: Any) -> Iterator[Document | InputProblem]:
    yield from _checked(name, lambda: document_from_text(text, id=doc_id, path=path, **fields))


def _checked(name: str, build: Callable[[], Document]) -> Iterator[Document | InputProblem]:
    """The document ``build`` reads, or the one-line problem that stops it: unreadable, empty, or
    metadata that is not valid Unicode."""
    try:
        doc = build()
    except _BadDocument as exc:
        yield InputProblem(name, str(exc))
        return
    if not doc.text.strip():
        yield InputProblem(name, "empty document (no text)")
        return
    for key in ("title", "source", "url"):  # YAML's "\ud800" escape gives half a UTF-16 pair
        value = getattr(doc, key)
        bad = _lone_surrogate(value)
        if bad is not None:
            yield InputProblem(name, f"{key} holds a lone surrogate \\u{ord(value[bad]):04x} (not valid Unicode)")
            return
    yield doc


def _read_jsonl(text: str, name: str) -> Iterator[Document | InputProblem]:
    seen_any = False
    # Lines end at "\n" only: JSON strings may hold U+2028 or U+0085 raw, which str.splitlines splits at.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        seen_any = True
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputProblem(name, f"not valid JSON ({exc.msg} at column {exc.colno})", line=number)
            continue
        except RecursionError:
            yield InputProblem(name, "not usable JSON (nested too deeply)", line=number)
            continue
        except ValueError as exc:  # e.g. an integer beyond Python's digit limit
            yield InputProblem(name, f"not usable JSON ({str(exc).split(':')[0]})", line=number)
            continue
        yield from _record(record, name, number)
    if not seen_any:
        yield InputProblem(name, "empty document (no JSON lines)")


def _read_json(text: str, name: str) -> Iterator[Document | InputProblem]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if "\n{" in text:  # JSON Lines saved with a .json suffix
            yield from _read_jsonl(text, name)
            return
        yield InputProblem(name, f"not valid JSON ({exc.msg} at line {exc.lineno})")
        return
    except RecursionError:
        yield InputProblem(name, "not usable JSON (nested too deeply)")
        return
    except ValueError as exc:
        yield InputProblem(name, f"not usable JSON ({str(exc).split(':')[0]})")
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records, start=1):
        yield from _record(record, name, index if isinstance(data, list) else None)


def _record(record: Any, name: str, number: int | None) -> Iterator[Document | InputProblem]:
    if not isinstance(record, dict):
        yield InputProblem(name, "expected a JSON object with a \"text\" field", line=number)
        return
    text = record.get("text")
    if not isinstance(text, str):
        yield InputProblem(name, "missing \"text\" string field", line=number)
        return
    if not text.strip():
        yield InputProblem(name, "empty \"text\"", line=number)
        return
    for key in ("text", "id", "title", "source", "url", "published"):
        value = record.get(key)
        bad = _lone_surrogate(value) if isinstance(value, str) else None
        if bad is not None and isinstance(value, str):
            yield InputProblem(name, f"\"{key}\" holds a lone surrogate \\u{ord(value[bad]):04x} "
                                     f"at character {bad} (not valid Unicode)", line=number)
            return
    raw_id = record.get("id")
    doc_id = str(raw_id) if raw_id not in (None, "") else None
    try:
        meta = _metadata(record)
        doc = document_from_text(text, id=doc_id, published=meta.get("published"),
                                 title=meta.get("title"), source=meta.get("source"), url=meta.get("url"),
                                 path=name)
    except _BadDocument as exc:
        yield InputProblem(name, str(exc), line=number)
        return
    yield doc


def _read_url(url: str, pages: PagesConfig) -> Iterator[Document | InputProblem]:
    """A web page: fetched (bounded, retried, cached if asked), then read as a page or plain text."""
    from comparer.fetch import FetchError, fetch

    try:
        page = fetch(url, pages)
    except FetchError as exc:
        yield InputProblem(url, str(exc))
        return
    if page.is_html:
        yield from _html_document(page.text, url, doc_id=url, path=url, mode=pages.html_mode, url=page.url)
    else:
        yield from _one_document(page.text, url, doc_id=url, path=url, url=page.url, source=_host(page.url))


def html_document(markup: str, *, id: str, path: str = "", url: str = "", mode: str = "article") -> Document:
    """Read an HTML page as a reader does (``mode="article"``) or as all its visible text (``"all"``).

    ``url`` is where the page came from; a page saved with a "saved from url" comment gives its own.

    Raises:
        ValueError: the page holds no article (or no text).
    """
    from comparer.fetch import saved_from

    url = url or saved_from(markup)
    if mode == "all":
        return document_from_text(_html_to_text(markup), id=id, path=path, url=url or None,
                                  source=_host(url) if url else None)
    from comparer.article import PageUnreadable, read_article

    try:
        article = read_article(markup, url)
    except PageUnreadable as exc:
        raise _BadDocument(str(exc)) from None
    if not article.text.strip():
        raise _BadDocument("no article found in the page (--html-mode all reads all its visible text)")
    return Document(id=id, text=article.text, title=_clean(article.title),
                    published=_parse_date(article.published) if article.published else None,
                    source=article.source or _host(article.url or url), url=article.url or url, path=path)


def _html_document(markup: str, name: str, *, doc_id: str, path: str, mode: str,
                   url: str = "") -> Iterator[Document | InputProblem]:
    yield from _checked(name, lambda: html_document(markup, id=doc_id, path=path, url=url, mode=mode))


def _host(url: str) -> str:
    host = re.match(r"[a-z]+://(?:www\.)?([^/:?#]+)", url, re.I)
    return host.group(1).lower() if host else ""


def _lone_surrogate(value: str) -> int | None:
    """Where ``value`` holds half a UTF-16 pair (JSON's ``"\\ud800"``), which no output can encode."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def _html_to_text(markup: str) -> str:
    """Visible text of an HTML page, with its <title> as front matter so it becomes the title."""
    from comparer.html_text import visible_text

    title, body = visible_text(markup)
    title = _clean(title)
    if title:
        import yaml

        return "---\n" + yaml.safe_dump({"title": title}, allow_unicode=True) + "---\n" + body
    return body


# --- ids and labels --------------------------------------------------------------------------


def _with_unique_ids_and_labels(documents: list[Document]) -> list[Document]:
    """Make ids unique (the same file given twice stays two documents) and give short labels."""
    seen: dict[str, int] = {}
    taken = {doc.id for doc in documents}  # a suffixed id must not be one that an input already has
    unique: list[Document] = []
    for doc in documents:
        count = seen.get(doc.id, 0) + 1
        if count == 1:
            seen[doc.id] = count
            unique.append(doc)
            continue
        while f"{doc.id}~{count}" in taken:
            count += 1
        seen[doc.id] = count
        taken.add(f"{doc.id}~{count}")
        unique.append(dataclasses.replace(doc, id=f"{doc.id}~{count}"))
    labels = short_labels([d.id for d in unique])
    return [dataclasses.replace(d, label=label) for d, label in zip(unique, labels)]


def short_labels(ids: list[str]) -> list[str]:
    """Shortest unique prefixes of ids, cut at "_", "-", "." or "/" boundaries (at most 16 chars).

    A repeated input keeps its "~N" suffix: ``001`` and ``001~2``.

    >>> short_labels(["001_2e6b.txt", "002_7b42.txt", "001_2e6b.txt~2"])
    ['001', '002', '001~2']
    """
    bases = [re.sub(r"~\d+$", "", i) for i in ids]
    repeats = [i[len(b):] for i, b in zip(ids, bases)]
    distinct = sorted(set(bases))
    stems = [re.sub(r"\.(txt|md|html?|jsonl?)$", "", b) for b in distinct]
    names = [s.rsplit("/", 1)[-1] for s in stems]
    if len(set(names)) < len(names):  # same file names in different folders: show the folders
        return [(b if len(b) <= 24 else "…" + b[-23:]) + r
                for b, r in zip((re.sub(r"\.(txt|md|html?|jsonl?)$", "", b) for b in bases), repeats)]
    stems = names
    tokens = [re.split(r"(?<=[^_\-./])(?=[_\-./])", s) for s in stems]

    def prefix(t: list[str], depth: int) -> str:
        return "".join(t[:depth])

    # How many ids start the same way at each depth: counted once per depth, so that labelling
    # stays linear in the number of ids (a JSONL corpus may hold 100,000 of them).
    counts: list[Counter[str]] = [Counter()]

    def shared(t: list[str], depth: int) -> int:
        while len(counts) <= depth:
            d = len(counts)
            counts.append(Counter(prefix(other, d) for other in tokens))
        return counts[depth][prefix(t, depth)]

    labels = []
    for mine in tokens:
        # The fewest leading parts that no other id starts with the same way.
        depth = next((d for d in range(1, len(mine) + 1) if shared(mine, d) == 1), len(mine))
        labels.append(prefix(mine, depth)[:24])
    if len(set(labels)) < len(labels):
        labels = distinct
    by_base = dict(zip(distinct, labels))
    return [by_base[b] + r for b, r in zip(bases, repeats)]
