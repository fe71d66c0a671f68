"""The visible text of an HTML page, for reading saved web articles.

Kept apart from ingest so the HTML parser is only imported when a page is read.
"""

from __future__ import annotations

import html.parser
import re
from typing import Any

_SPACES = re.compile(r"\s+")


class _TextExtractor(html.parser.HTMLParser):
    """Collects the visible text of an HTML page, one block element per line."""

    _BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
               "article", "header", "footer", "blockquote", "title"}
    _HIDDEN = {"script", "style", "noscript", "template", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._hidden = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self._HIDDEN:
            self._hidden += 1
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._HIDDEN and self._hidden:
            self._hidden -= 1
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """Skip a marked section the standard parser does not know (``<![foo[ x ]]>``): it asserts."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find("]]>", i + 3)
            return -1 if end < 0 else end + 3

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._hidden:
            self.parts.append(data)


def visible_text(markup: str) -> tuple[str, str]:
    """The page's <title> and its visible text, one block element per line."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    lines = [_SPACES.sub(" ", line).strip() for line in "".join(parser.parts).split("\n")]
    return parser.title, "\n".join(line for line in lines if line)
