"""Fetching web pages to compare: bounded, polite, retried, and cached on disk when asked.

Built on requests, imported only when a URL is read: it is the most used maintained HTTP
client for Python, and over urllib3, certifi and charset-normalizer, which the article
extractor needs anyway, it adds one small package (httpx would add four, for async and
HTTP/2 that one page at a time does not use). Each download is bounded in time, size and
redirects; a 429 or 5xx answer is retried a few times with a growing wait.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import time
from collections.abc import Callable
from typing import NamedTuple

from comparer import __version__
from comparer.config import PagesConfig
from comparer.digest import sha1_hex

USER_AGENT = f"comparer/{__version__} (news account comparison; python-requests)"
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_MAX_WAIT = 30.0  # a Retry-After longer than this is not waited for
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w.:-]+)""", re.I)
_SAVED_FROM = "<!-- saved from url=({:04d}){} -->\n"


class FetchError(Exception):
    """A page could not be fetched; the message names the HTTP status or network error."""


class Page(NamedTuple):
    """A fetched page: where it ended up, its media type and its decoded text."""

    url: str
    content_type: str
    text: str
    from_cache: bool = False

    @property
    def is_html(self) -> bool:
        return self.content_type != "text/plain"


def is_url(arg: str) -> bool:
    """An ``http://`` or ``https://`` address (the only kinds comparer fetches)."""
    return arg[:8].lower().startswith(("http://", "https://"))


def fetch(url: str, settings: PagesConfig | None = None, *,
          sleep: Callable[[float], None] = time.sleep) -> Page:
    """Fetch ``url``: revalidate a cached copy, retry 429/5xx, check type and size, save if asked.

    Raises:
        FetchError: the page cannot be had (HTTP error, network error, too big, not a page).
    """
    import requests

    settings = settings or PagesConfig()
    cached = _cached(settings.cache, url) if settings.cache else None
    headers = {"User-Agent": USER_AGENT,
               "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"}
    if cached:
        if cached.get("etag"):
            headers["If-None-Match"] = cached["etag"]
        if cached.get("last_modified"):
            headers["If-Modified-Since"] = cached["last_modified"]
    with requests.Session() as session:
        session.max_redirects = settings.max_redirects
        for attempt in range(settings.retries + 1):
            response = _get(session, url, headers, settings)
            with response:
                if response.status_code in _RETRY_STATUSES and attempt < settings.retries:
                    sleep(_wait(response.headers.get("Retry-After"), attempt, settings.backoff))
                    continue
                if response.status_code == 304 and cached:
                    page = _page_from_cache(settings.cache, url, cached)
                    break
                if response.status_code >= 400 or response.status_code == 304:
                    raise FetchError(f"HTTP {response.status_code} {response.reason or ''}".rstrip())
                content_type, charset = _media_type(response.headers.get("Content-Type", ""))
                if content_type and content_type not in PAGE_TYPES:
                    raise FetchError(f"not a web page (content type {content_type})")
                body = _read_capped(response, settings)
                content_type = content_type or "text/html"
                page = Page(response.url, content_type, _decode(body, charset))
                if settings.cache:
                    try:
                        _store(settings.cache, url, page, response.headers)
                    except OSError as exc:
                        raise FetchError(f"cannot write the page cache in {settings.cache} "
                                         f"({exc.strerror or exc})") from None
                break
    if settings.save_pages:
        try:
            save_page(settings.save_pages, url, page)
        except OSError as exc:
            raise FetchError(f"cannot save the page in {settings.save_pages} ({exc.strerror or exc})") from None
    return page


def _get(session, url: str, headers: dict[str, str], settings: PagesConfig):
    import requests

    try:
        return session.get(url, headers=headers, timeout=settings.timeout, stream=True)
    except requests.TooManyRedirects:
        raise FetchError(f"more than {settings.max_redirects} redirects (a redirect loop?)") from None
    except requests.Timeout:
        raise FetchError(f"no answer within {settings.timeout:g} s") from None
    except requests.ConnectionError as exc:
        raise FetchError(f"network error: {_reason(exc)}") from None
    except requests.RequestException as exc:
        raise FetchError(f"bad request: {_reason(exc)}") from None


def _reason(exc: Exception) -> str:
    """The innermost cause of a requests error, the part that says what happened."""
    while exc.args and isinstance(exc.args[0], Exception):
        exc = exc.args[0]
    inner = getattr(exc, "reason", None)
    text = str(inner if isinstance(inner, Exception) else exc)
    return re.sub(r"^<[^>]+>: ", "", text)


def _wait(retry_after: str | None, attempt: int, backoff: float) -> float:
    """Seconds to wait before retrying: the server's Retry-After (in seconds), else backoff doubling."""
    wait = backoff * 2 ** attempt
    if retry_after and retry_after.strip().isdigit():
        wait = max(wait, float(retry_after))
    return min(wait, _MAX_WAIT)


def _media_type(header: str) -> tuple[str, str]:
    parts = [p.strip() for p in header.split(";")]
    charset = next((p.split("=", 1)[1].strip("\"' ") for p in parts[1:] if p.lower().startswith("charset=")), "")
    return parts[0].lower(), charset


def _read_capped(response, settings: PagesConfig) -> bytes:
    """The body, stopped at ``max_bytes`` and at ``timeout`` seconds for the whole download."""
    import requests

    cap = settings.max_bytes
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > cap:
        raise FetchError(f"page too large ({int(declared):,} bytes; the limit is {cap:,})")
    deadline = time.monotonic() + settings.timeout
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_content(65536):
            size += len(chunk)
            if size > cap:
                raise FetchError(f"page too large (more than {cap:,} bytes)")
            if time.monotonic() > deadline:
                raise FetchError(f"download took longer than {settings.timeout:g} s")
            chunks.append(chunk)
    except requests.RequestException as exc:
        raise FetchError(f"network error while reading: {_reason(exc)}") from None
    return b"".join(chunks)


def _decode(body: bytes, charset: str) -> str:
    """Text of the page: the declared charset (header, else <meta>), else UTF-8, else Windows-1252."""
    nul = body.find(b"\x00")
    if nul >= 0:
        raise FetchError(f"not a text document (NUL byte at {nul})")
    if not charset:
        meta = _META_CHARSET.search(body[:4096])
        charset = meta.group(1).decode("ascii") if meta else ""
    try:
        codecs.lookup(charset or "utf-8")
    except LookupError:
        charset = ""
    try:
        return body.decode(charset or "utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")


# --- the page cache and saved pages ---------------------------------------------------------


def _entry(folder: str, url: str) -> str:
    return os.path.join(folder, sha1_hex(url.encode("utf-8"))[:24])


def _cached(folder: str, url: str) -> dict | None:
    try:
        with open(_entry(folder, url) + ".json", encoding="utf-8") as handle:
            meta = json.load(handle)
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) and meta.get("url") == url else None


def _page_from_cache(folder: str, url: str, meta: dict) -> Page:
    try:
        with open(_entry(folder, url) + ".html", encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise FetchError(f"cached copy unreadable ({exc}); remove it from {folder}") from None
    return Page(meta.get("final_url") or url, meta.get("content_type") or "text/html", text, from_cache=True)


def _store(folder: str, url: str, page: Page, headers) -> None:
    """Keep the page and its validators; a later fetch sends a conditional request."""
    from comparer.output import write_atomically

    meta = {"url": url, "final_url": page.url, "content_type": page.content_type,
            "etag": headers.get("ETag", ""), "last_modified": headers.get("Last-Modified", ""),
            "fetched": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    os.makedirs(folder, exist_ok=True)
    entry = _entry(folder, url)
    write_atomically(entry + ".html", page.text)
    write_atomically(entry + ".json", json.dumps(meta, indent=1))


def save_page(folder: str, url: str, page: Page) -> str:
    """Write a fetched page (UTF-8) as a browser saves one, its address in a leading comment."""
    from comparer.output import write_atomically

    slug = re.sub(r"[^A-Za-z0-9.]+", "-", re.sub(r"^[a-z]+://(www\.)?", "", url, flags=re.I)).strip("-.")
    suffix = ".txt" if page.content_type == "text/plain" else ".html"
    path = os.path.join(folder, f"{slug[:80]}-{sha1_hex(url.encode('utf-8'))[:8]}{suffix}")
    os.makedirs(folder, exist_ok=True)
    header = _SAVED_FROM.format(len(page.url), page.url) if suffix == ".html" else ""
    write_atomically(path, header + page.text)
    return path


def saved_from(markup: str) -> str:
    """The address in a page's leading "saved from url" comment (browsers and comparer write it)."""
    match = re.match(r"\s*<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", markup[:2200])
    return match.group(1) if match and is_url(match.group(1)) else ""
