"""Plain text out of HTML with lxml: block elements become lines, list items become bullets.

Used for a JobPosting's HTML description (whose headings and lists become sections) and for the
visible text of a page without structured data. Scripts, styles and comments never reach the text.
"""

from __future__ import annotations

import html
import re

import lxml.etree
import lxml.html

_BLOCKS = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tr", "ul", "td", "th",
    "title", "body", "option", "label", "button",
}  # fmt: skip
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_PAGE_CHROME = ("nav", "footer", "aside")
_LONE_BULLET = re.compile(r"•[ \t\u00a0]*\n(?:[ \t\u00a0]*\n)*[ \t\u00a0]*(?=\S)")
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "head", "iframe", "object")


def parse(markup: str) -> lxml.html.HtmlElement | None:
    """The document's tree, or None for markup lxml cannot make anything of."""
    if not markup.strip():
        return None
    # Control characters are not allowed in HTML, and lxml refuses to set text holding them
    # (text_of adds line breaks around blocks), so they go before parsing.
    markup = _CONTROL.sub("", markup)
    # lxml refuses str input that declares an encoding, so hand it UTF-8 bytes and say so.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        return lxml.html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None


def text_of(root: lxml.html.HtmlElement, *, page: bool = False) -> str:
    """The tree's visible text, one line per block and "• " before each list item.

    For a whole ``page`` the navigation and footer go too: their links would otherwise be
    taken for the company or the title.
    """
    lxml.etree.strip_elements(root, *_INVISIBLE, with_tail=False)
    if page:
        lxml.etree.strip_elements(root, *_PAGE_CHROME, with_tail=False)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif page and tag == "dt":
            # A fact list (<dt>Created</dt><dd>14/10/2026</dd>) reads as "Created: 14/10/2026".
            element.text = "\n" + (element.text or "")
            element.tail = ": " + (element.tail or "").lstrip()
        elif (
            page
            and tag == "dd"
            and element.getprevious() is not None
            and (element.getprevious().tag == "dt")
        ):
            element.tail = "\n" + (element.tail or "")
        elif tag == "li":
            # The next item's own line break separates items; a second one would make each
            # item a paragraph of its own.
            element.text = "\n• " + (element.text or "")
            if element.tail is not None and not element.tail.strip():
                element.tail = None  # source indentation between items
        elif tag in _BLOCKS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
        elif tag in ("td", "th"):
            element.tail = " " + (element.tail or "")
    # A list item whose text sits in a block of its own (<li><p>Item</p></li>) leaves its bullet
    # alone on a line; the bullet belongs to the item's first line.
    return _LONE_BULLET.sub("• ", root.text_content())


def fragment_text(markup: str) -> str:
    """Plain text of an HTML fragment (a description); text without tags is returned as it is.

    JSON-LD descriptions are often HTML escaped once more ("&lt;p&gt;"), so those are unescaped
    before parsing.
    """
    if "<" not in markup and "&lt;" in markup:
        markup = html.unescape(markup)
    if "<" not in markup:
        return html.unescape(markup)
    root = parse(f"<html><body><div>{markup}</div></body></html>")
    return "" if root is None else text_of(root)
