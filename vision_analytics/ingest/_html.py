"""HTML bodies to readable text (Beautiful Soup does the parsing)."""

from __future__ import annotations

import re
import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

__all__ = ["html_to_text"]

_BLOCKS = ("p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table",
           "blockquote", "pre", "hr")
_BLANKS = re.compile(r"\n[ \t\xa0]*(?:\n[ \t\xa0]*){2,}")
_SPACES = re.compile(r"[ \t\xa0]+")


def html_to_text(html: str) -> str:
    """Visible text of an HTML body, one line per block, scripts and styles dropped.

    Examples
    --------
    >>> html_to_text("<p>Hello <b>Dana</b></p><p>Could you price it?</p><script>x()</script>")
    'Hello Dana\\n\\nCould you price it?'
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "head", "title", "meta", "noscript"]):
        tag.decompose()
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    text = soup.get_text()
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    text = "\n".join(lines)
    return _BLANKS.sub("\n\n", text).strip()
