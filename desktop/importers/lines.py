"""Line-level helpers the text readers share: bullets, wrapped lines, paragraphs.

Everything here is linear in the input: one pass over the lines, regexes anchored to a line start
with bounded repetition, so a 5 MB paste stays fast.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from desktop.core.text import clean_text

_BULLET = re.compile(
    r"^\s{0,40}(?:[•·\-\*–—▪◦●○■□➢►▶✓✔➤→»◆◇]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)](?=\s))\s{0,10}"
)
_SENTENCE_END = ".!?:;"


def split_lines(text: str) -> list[str]:
    """The text's lines, CRLF and no-break spaces normalised, each cleaned ("" for a blank)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [clean_text(line) or "" for line in text.split("\n")]


def _emoji_bullet(line: str) -> int:
    """The length of an emoji or pictograph used as a bullet ("🏖️ 25 days ..."), else 0."""
    end = 0
    while end < min(len(line), 8) and (
        unicodedata.category(line[end]) == "So" or line[end] in "\ufe0f\u200d"
    ):
        end += 1
    return end if end and end < len(line) and line[end] == " " else 0


def strip_bullet(line: str) -> tuple[str, bool]:
    """The line without its bullet glyph, emoji or number, and whether it had one."""
    if (emoji := _emoji_bullet(line)) and line[emoji + 1 :].strip():
        return line[emoji + 1 :].strip(), True
    match = _BULLET.match(line)
    if match is None or match.end() == len(line):
        return line, False
    # "-5% churn" or "1.5x" is not a bullet: a bullet is followed by a space or by a letter.
    rest = line[match.end() :]
    if match.group(0).strip() in "-*" and not line[match.end() - 1].isspace():
        return line, False
    return rest.strip(), True


def is_continuation(previous: str, line: str) -> bool:
    """Whether a line continues the previous one (the source wrapped it mid-sentence).

    A wrapped line starts in lower case after a line that did not end a sentence; "iOS" or
    "eBay" start in lower case but are names, not continuations.
    """
    if not previous or not line or previous[-1] in _SENTENCE_END:
        return False
    first = line.split(" ", 1)[0]
    if not first[:1].islower():
        return previous[-1] in ",-–(&/" or previous.endswith((" and", " or", " the", " of"))
    return not any(ch.isupper() for ch in first[1:])


def join_wrapped(lines: Iterable[str]) -> list[str]:
    """Lines with the ones the source wrapped mid-sentence joined back; blank lines dropped."""
    out: list[str] = []
    for line in lines:
        if not line:
            continue
        if out and is_continuation(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def list_items(lines: Iterable[str]) -> list[str]:
    """Items of a list section: one per bullet or per line, wrapped lines joined to their item."""
    items: list[str] = []
    in_bullets = False
    for line in lines:
        if not line:
            continue
        text, bulleted = strip_bullet(line)
        if bulleted:
            in_bullets = True
            items.append(text)
        elif items and is_continuation(items[-1], text):
            items[-1] = f"{items[-1]} {text}"
        else:
            # In a bulleted list a bare line that is not a new sentence belongs to the last item.
            if in_bullets and items and text[:1].islower():
                items[-1] = f"{items[-1]} {text}"
            else:
                items.append(text)
    return items


def paragraph(lines: Iterable[str]) -> str | None:
    """Lines as one paragraph of clean text."""
    return clean_text(" ".join(line for line in lines if line))


def first_paragraph(lines: list[str]) -> list[str]:
    """The lines up to the first blank line after some text: a description's opening paragraph,
    which is its overview; the rest is the description."""
    out: list[str] = []
    for line in lines:
        if line:
            out.append(line)
        elif out:
            break
    return out
