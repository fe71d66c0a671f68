"""The article of a web page as a reader sees it: body, headline, date, author, outlet, address.

An adapter over trafilatura (a maintained extractor that scores best of the open ones on
article-extraction benchmarks), imported only when a page is read, since it loads lxml and
a date parser. comparer's offsets point into the text built here, so a claim is always
found at its offsets in the document text comparer reports.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from comparer.errors import ComparerError

_SPACES = re.compile(r"[ \t\u00a0]+")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class Article(NamedTuple):
    """What a page's article holds: the body (paragraphs separated by blank lines) and metadata."""

    text: str
    title: str = ""
    published: str = ""
    author: str = ""
    source: str = ""
    url: str = ""


class ExtractorMissing(ComparerError):
    """The article extractor is not installed."""


def read_article(markup: str, url: str = "") -> Article:
    """Extract the article of an HTML page; an empty ``text`` when the page holds none.

    ``url`` is where the page came from (it helps the extractor and is the fallback address).

    Raises:
        ExtractorMissing: trafilatura cannot be imported.
    """
    try:
        from trafilatura import bare_extraction
    except ImportError as exc:
        raise ExtractorMissing(
            f"reading the article of an HTML page needs trafilatura ({exc}); "
            "reinstall comparer, or use --html-mode all for all visible text") from None
    found = bare_extraction(markup, url=url or None, with_metadata=True, include_comments=False,
                            include_tables=True, favor_precision=False, deduplicate=False)
    if found is None:
        return Article("", url=url)
    return Article(text=_paragraphs(found.text or ""), title=_line(found.title),
                   published=_day(found.date), author=_line(found.author),
                   source=_line(found.sitename), url=_line(found.url) or url)


def _paragraphs(text: str) -> str:
    """One paragraph per extracted line, separated by blank lines (headings stay their own claim)."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


def _line(value: object) -> str:
    return _SPACES.sub(" ", str(value)).strip() if value else ""


def _day(value: object) -> str:
    match = _ISO_DAY.match(str(value or ""))
    return match.group() if match else ""
