"""Markdown as reader tools save a page (Jina Reader, browser "save as Markdown", Obsidian
clippers): a ``Title:`` / ``URL Source:`` / ``Markdown Content:`` header, navigation as lists of
links, ``#`` headings, ``**bold**``. It becomes the plain text the text reader reads, with the
page's title kept aside as a suggestion."""

from __future__ import annotations

import re
from dataclasses import dataclass

_READER_HEADER = re.compile(r"^(?:Title|URL Source|Markdown Content|Published Time):", re.M)
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_ONLY_LINKS = re.compile(r"^\s*(?:[*+-]\s+)?(?:!?\[[^\]]*\]\([^)]*\)\s*[·|]?\s*)+$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^)]*\))*\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`([^`\n]+)`")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")


@dataclass(frozen=True)
class MarkdownPage:
    text: str
    page_title: str | None = None


def looks_like_markdown(text: str) -> bool:
    """A reader tool's header, or Markdown headings together with links or bold text."""
    head = text[:20000]
    if len(_READER_HEADER.findall(head)) >= 2:
        return True
    headings = len(re.findall(r"^#{1,6} \S", head, re.M))
    marks = len(re.findall(r"\*\*\S|\]\(", head))
    return headings >= 2 and marks >= 2


def to_plain(text: str) -> MarkdownPage:
    """The text without Markdown syntax: headings as plain lines (the first ``#`` heading first),
    links as their words, lines that are only links (navigation, buttons) dropped."""
    page_title = None
    out: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.startswith("Title:") and page_title is None and not out:
            page_title = line[6:].strip() or None
            continue
        if line.startswith(("Markdown Content:", "Published Time:")):
            continue
        if line.startswith("URL Source:"):
            out.append(line)
            continue
        if _ONLY_LINKS.match(line) or _RULE.match(line):
            out.append("")
            continue
        heading = _HEADING.match(line)
        if heading is not None:
            line = heading[2]
            if heading[1] != "#" and not line.endswith(":"):
                line += ":"  # a sub-heading stays a heading for the text reader
        line = _IMAGE.sub("", line)
        line = _LINK.sub(r"\1", line)
        line = _STRONG.sub(r"\2", line)
        line = _EMPHASIS.sub(r"\2", line)
        line = _CODE.sub(r"\1", line)
        out.append(line)
    return MarkdownPage("\n".join(out), page_title)


def title_from_page_title(page_title: str | None) -> str | None:
    """A page title without the site's name ("Engineer | Acme Jobs" -> "Engineer")."""
    if not page_title:
        return None
    for separator in (" | ", " – ", " — ", " - ", " · "):
        if separator in page_title:
            return page_title.split(separator)[0].strip() or None
    return page_title.strip() or None
