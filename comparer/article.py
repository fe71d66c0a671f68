"""The article of a web page as a reader sees it: body, headline, date, author, outlet, address.

An adapter over trafilatura (a maintained extractor that scores best of the open ones on
article-extraction benchmarks), imported only when a page is read, since it loads lxml and
a date parser. Two steps on top of it, both about what a reader of the page sees:

- an article whose body the page splits into several containers of one class (between
  them an advertisement or a podcast player) is read whole: trafilatura keeps one part;
- the headline and the standfirst (the page's description) that open the extracted text
  are metadata, not the body's first claims: left in, they align with the body's own lead.

comparer's offsets point into the text built here, so a claim is always found at its
offsets in the document text comparer reports.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from comparer.errors import ComparerError

_SPACES = re.compile(r"[ \t\u00a0]+")
_ANY_SPACE = re.compile(r"\s+")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_WORD = re.compile(r"\w+")
# lxml refuses a str that declares its encoding; the text is decoded already.
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
# Where the parts of a split body are not: forms (newsletter sign-ups), asides, figures, page
# header and footer, navigation, and comment sections.
_NOT_BODY = frozenset({"form", "aside", "figure", "figcaption", "footer", "nav", "header"})
_ANCHOR_CHARS = 80  # a paragraph long enough to locate the body in the page
_PART_CHARS = 40  # shorter paragraphs of another part are taken for captions or labels
_MAX_LINK_SHARE = 0.5  # a paragraph mostly of link text lists other articles
_MAX_LINKED_BLOCK = 0.8  # an extracted block all of link text is a list of other articles
_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "span", "a", "figcaption", "td", "dt", "dd",
           "blockquote", "label", "strong", "em", "b", "section", "ul", "ol")


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


class PageUnreadable(ValueError):
    """The extractor failed on this page (untrusted markup): a problem of this input only."""


def read_article(markup: str, url: str = "") -> Article:
    """Extract the article of an HTML page; an empty ``text`` when the page holds none.

    ``url`` is where the page came from (it helps the extractor and is the fallback address).

    Raises:
        ExtractorMissing: trafilatura cannot be imported.
        PageUnreadable: the extractor failed on the page.
    """
    try:
        from trafilatura import bare_extraction
    except ImportError as exc:
        raise ExtractorMissing(
            f"reading the article of an HTML page needs trafilatura ({exc}); "
            "reinstall comparer, or use --html-mode all for all visible text") from None
    markup = _XML_DECLARATION.sub("", markup, count=1)
    try:
        found = bare_extraction(markup, url=url or None, with_metadata=True, include_comments=False,
                                include_tables=True, favor_recall=True)
    except Exception as exc:  # a third-party parser on untrusted markup: lose this page, not the run
        raise PageUnreadable(f"the article extractor failed on the page ({type(exc).__name__}: {exc})") from None
    if found is None:
        return Article("", url=url)
    lines = [_SPACES.sub(" ", line).strip() for line in (found.text or "").split("\n")]
    paragraphs = _read_page(markup, [line for line in lines if line])
    paragraphs = _without_headline(paragraphs, found.title or "", found.description or "")
    # Blank lines between paragraphs: a heading without a full stop stays its own claim.
    return Article(text="\n\n".join(paragraphs), title=_line(found.title),
                   published=_day(found.date), author=_line(found.author),
                   source=_line(found.sitename), url=_line(found.url) or url)


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _without_headline(paragraphs: list[str], title: str, description: str) -> list[str]:
    """Drop opening paragraphs that repeat the headline (or part of it) or the standfirst."""
    title, description = _words(title), _words(description)
    while len(paragraphs) > 1:
        first = _words(paragraphs[0])
        # The headline with a few words around it ("Opinion", the outlet), never a paragraph
        # that goes on after words that happen to be the headline's.
        if first and (first == description or (title and f" {first} " in f" {title} ")
                      or (title and first.startswith(title) and len(first) <= len(title) + 40)):
            paragraphs = paragraphs[1:]
        else:
            break
    return paragraphs


def _read_page(markup: str, paragraphs: list[str]) -> list[str]:
    """The extracted paragraphs, with the other parts of a split body, less what lies outside it."""
    import lxml.etree
    import lxml.html  # installed with trafilatura

    try:
        tree = lxml.html.fromstring(markup)
    except (ValueError, lxml.etree.ParserError):
        return paragraphs
    anchor = _anchor(tree, paragraphs)
    if anchor is None:
        return paragraphs
    wrappers = {anchor, *anchor.iterancestors()}
    container = _container(anchor)
    if container is not None:
        paragraphs = _whole_body(tree, container, wrappers, paragraphs)
    return _in_body(tree, wrappers, paragraphs)


def _whole_body(tree, container, wrappers: set, paragraphs: list[str]) -> list[str]:
    """Add the paragraphs of the other parts of a body split into containers of one class."""
    parts = [e for e in tree.iter(container.tag) if e.get("class") == container.get("class")]
    if len(parts) < 2:
        return paragraphs
    known = {_words(p) for p in paragraphs}
    whole: list[str] = []
    for part in parts:
        if part is container:
            whole.extend(paragraphs)
            continue
        if _outside_body(part, wrappers):
            continue
        for element in part.iter("p"):
            text = _ANY_SPACE.sub(" ", element.text_content()).strip()
            words = _words(text)
            if (len(text) < _PART_CHARS or words in known or _outside_body(element, wrappers)
                    or _link_share(element, text) > _MAX_LINK_SHARE):
                continue
            whole.append(text)
            known.add(words)
    return whole


def _in_body(tree, wrappers: set, paragraphs: list[str]) -> list[str]:
    """Drop extracted paragraphs that the page only holds in furniture: a form, an aside, the
    page header, a comment section, or a list of links (the extractor keeps some of those)."""
    where: dict[str, list] = {}
    for element in tree.iter(*_BLOCKS):
        words = _words(element.text_content())
        if words:
            where.setdefault(words, []).append(element)
    kept = []
    for paragraph in paragraphs:
        found = where.get(_words(paragraph), ())
        if found and all(_outside_body(e, wrappers) or _link_share(e, _ANY_SPACE.sub(" ", e.text_content()).strip())
                         > _MAX_LINKED_BLOCK for e in found):
            continue
        kept.append(paragraph)
    return kept


def _anchor(tree, paragraphs: list[str]):
    """The page paragraph that the first long extracted paragraph is: where the body is."""
    by_words: dict[str, object] = {}
    for element in tree.iter("p"):
        by_words.setdefault(_words(element.text_content()), element)
    for paragraph in paragraphs:
        if len(paragraph) >= _ANCHOR_CHARS and _words(paragraph) in by_words:
            return by_words[_words(paragraph)]
    return None


def _container(anchor):
    """The nearest element with a class around the body's paragraph (within three levels)."""
    container = anchor.getparent()
    for _ in range(3):
        if container is None or container.get("class"):
            break
        container = container.getparent()
    return container if container is not None and container.get("class") else None


def _outside_body(element, wrappers: set) -> bool:
    """Inside furniture that does not also wrap the article body (some pages are one big form)."""
    for ancestor in element.iterancestors():
        if ancestor in wrappers:
            continue
        if ancestor.tag in _NOT_BODY:
            return True
        name = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}".lower()
        if "comment" in name:
            return True
    return False


def _link_share(element, text: str) -> float:
    linked = sum(len(_ANY_SPACE.sub(" ", a.text_content()).strip()) for a in element.iter("a"))
    return linked / max(1, len(text))


def _line(value: object) -> str:
    return _SPACES.sub(" ", str(value)).strip() if value else ""


def _day(value: object) -> str:
    match = _ISO_DAY.match(str(value or ""))
    return match.group() if match else ""
