"""The last word on a document's safety: no markup and no unsafe links outside ``raw``.

Every reader builds its document and passes it through :func:`sanitize_document`, so a reader's
bug cannot leak a ``<script>`` or a ``javascript:`` link into a field the UI shows.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import fields, replace
from typing import Any

import nh3

from desktop.core import bounds
from desktop.core.text import clean_paragraphs, clean_text, safe_link, storable_verbatim

_MARKUP_HINT = re.compile(r"<[A-Za-z/!?]|&[#A-Za-z0-9]{1,32};?")
_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Links a text field may not carry. A link is a scheme glued to its target ("javascript:alert(1)",
# "file:///etc/passwd"); a word followed by a colon and a space is prose ("Big Data: Spark",
# "About:", "FTP: and SFTP:") and stays. http is downgraded to a bare address rather than
# dropped, since the address is still useful text; the others are removed outright.
_UNSAFE_LINK = re.compile(
    r"\b(?:javascript|vbscript|data|file|blob|ftp|smb|about|chrome|ms-[a-z-]+)\s{0,3}:"
    r"(?=[^\s<>\"'])[^\s<>\"']*",
    re.IGNORECASE,
)
_HTTP = re.compile(r"\bhttp://", re.IGNORECASE)
_MULTILINE = {"description"}
_LINKS = {"url"}
_VERBATIM = {"raw"}
# The user's own records (notes keep their lines): checked as the window checks them when they
# are written (storage.application_records), and only ever shown as plain text.
_USERS_OWN = {"application"}


def strip_markup(value: str) -> str:
    """Plain text: tags and comments removed (script and style with their content), entities
    decoded. Text without markup comes back as it was."""
    if not _MARKUP_HINT.search(value):
        return value
    if not value.isascii():
        # nh3 takes UTF-8, which a lone surrogate (a JSON "\\udc00") cannot be: it is removed
        # here, as the cleaning after this removes it from text without markup.
        value = _LONE_SURROGATE.sub("", value)
    for _ in range(3):
        # nh3 escapes what it keeps, so unescape after; a decoded "&lt;b&gt;" is markup again,
        # which the next pass removes.
        value = html.unescape(nh3.clean(value, tags=set(), attributes={}, strip_comments=True))
        if not _TAG_LIKE.search(value):
            return value
    return _TAG_LIKE.sub("‹", value)  # still tag-like after three passes: make it inert


def defuse_links(value: str) -> str:
    """Text with unsafe link schemes removed (javascript:, file:, ...) and http:// dropped."""
    if ":" not in value:
        return value
    value = _UNSAFE_LINK.sub("", value)
    return _HTTP.sub("", value)


# Characters after which a string may need work: markup, entities, and the colon of a link.
_MAY_NEED_WORK = re.compile(r"[<&:]")


def already_plain(value: str) -> bool:
    """Whether :func:`plain` gives ``value`` back as it is, told without running it.

    Most strings read back from Jobdeck's own export are: checking is a few scans in C, where
    cleaning is a dozen steps in Python (``jobdeck import`` of an export spent most of its time
    re-cleaning clean text). ``isprintable`` is False for every control, format (zero-width,
    direction) and separator character but the plain space, so what is left to check is single,
    trimmed spaces, composed characters, and nothing that could be markup or a link.
    """
    return (
        value.isprintable()
        and value.strip(" ") == value != ""
        and "  " not in value
        and not _MAY_NEED_WORK.search(value)
        and unicodedata.is_normalized("NFC", value)
    )


# The ASCII characters ``str.isprintable`` accepts: all but the controls.
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


def all_plain(values: list[str]) -> bool:
    """Whether :func:`already_plain` holds for every one of ``values``, told in a few scans of
    them joined (a document's fifty-odd lines at once, not one by one).

    Exact: a line break is not printable, so the joined text's line breaks are the joins,
    and each rule of ``already_plain`` is seen across them. A value's ends show at a join
    ("\n " is a line that begins with a space; "\n\n" an empty line); "  " and ``<&:`` show
    wherever they are; and NFC composes nothing across a line break, so the joined text is
    normalized exactly when every line is.
    """
    if not values:
        return True
    joined = "\n".join(values)
    if joined.isascii():  # printable unless it holds a control (the joins are the line breaks)
        controls = joined.encode("ascii").translate(None, _PRINTABLE_ASCII)
        printable = len(controls) == len(values) - 1
    else:
        printable = "".join(values).isprintable()
    return (
        printable
        and joined != ""  # one empty value
        and not joined.startswith(("\n", " "))
        and not joined.endswith(("\n", " "))
        and "\n\n" not in joined
        and "\n " not in joined
        and " \n" not in joined
        and "  " not in joined
        and "<" not in joined
        and "&" not in joined
        and ":" not in joined
        and unicodedata.is_normalized("NFC", joined)
    )


def already_paragraphs(value: str) -> bool:
    """Whether :func:`plain_paragraphs` gives ``value`` back as it is: plain lines, with single
    blank lines between paragraphs and none at either end."""
    lines = value.split("\n")
    blank_before = True  # no blank line first
    for line in lines:
        if not line:
            if blank_before:
                return False
            blank_before = True
        elif not already_plain(line):
            return False
        else:
            blank_before = False
    return not blank_before


def plain(value: str | None) -> str | None:
    """One clean, safe line of text."""
    if value is None or already_plain(value):
        return value
    return clean_text(defuse_links(strip_markup(value)))


def plain_paragraphs(value: str | None) -> str | None:
    """Clean, safe multi-line text."""
    if value is None or already_paragraphs(value):
        return value
    return clean_paragraphs(defuse_links(strip_markup(value)))


def _safe_link(value: str) -> str | None:
    return safe_link(strip_markup(value))


def _verbatim(value: str) -> str:
    return value


def _cleaner(name: str) -> Callable[[str], str | None] | None:
    """How a text field named ``name`` is cleaned; None for the user's own records."""
    if name in _USERS_OWN:
        return None
    if name in _VERBATIM:
        return _verbatim
    if name in _LINKS:
        return _safe_link
    return plain_paragraphs if name in _MULTILINE else plain


def _clean_value(clean: Callable[[str], str | None], value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, tuple):
        return _clean_items(clean, value)
    if hasattr(type(value), "__dataclass_fields__") and not isinstance(value, type):
        return _clean_dataclass(value)
    return value


def _clean_items(clean: Callable[[str], str | None], value: tuple[Any, ...]) -> tuple[Any, ...]:
    """A tuple's items cleaned, those that clean away dropped; ``value`` itself when no item
    changed."""
    cleaned = []
    same = True
    for item in value:
        new = _clean_value(clean, item)
        if new is None:
            same = False
            continue
        if new is not item:
            same = False
        cleaned.append(new)
    if same:
        return value
    result = tuple(cleaned)
    return value if result == value else result


@functools.cache
def _text_fields(cls: type) -> tuple[tuple[str, bool, Callable[[str], str | None] | None], ...]:
    """A dataclass's fields as (name, required, cleaner), looked up once per class."""
    return tuple((f.name, f.default is f.default_factory, _cleaner(f.name)) for f in fields(cls))


def _clean_dataclass(obj: Any) -> Any:
    changes = {}
    for name, required, clean in _text_fields(type(obj)):
        if clean is None:  # the user's own records: checked when they are written
            continue
        value = getattr(obj, name)
        if value is None:
            continue
        cleaned = _clean_value(clean, value)
        # A required text field (a company's name) that cleans away keeps a readable
        # placeholder.
        if required and cleaned is None and isinstance(value, str):
            cleaned = "Unknown"
        if cleaned is not value:
            changes[name] = cleaned
    # Most of what Jobdeck's own export holds is clean already: no copy is made of it then.
    return replace(obj, **changes) if changes else obj


def _texts(obj: Any, lines: list[str], paragraphs: list[str], links: list[str]) -> None:
    """Gather the text of a dataclass's fields (and its parts') by how each is cleaned: one
    line, paragraphs, a link; ``raw`` and the user's own records are left out. The same walk
    as ``_clean_dataclass``'s."""
    for name, _required, clean in _text_fields(type(obj)):
        if clean is None or clean is _verbatim:
            continue
        value = getattr(obj, name)
        if value is None:
            continue
        if clean is plain and type(value) is str:  # the usual field: one line
            lines.append(value)
        else:
            _gather(clean, value, lines, paragraphs, links)


def _gather(
    clean: Callable[[str], str | None],
    value: Any,
    lines: list[str],
    paragraphs: list[str],
    links: list[str],
) -> None:
    if isinstance(value, str):
        (lines if clean is plain else paragraphs if clean is plain_paragraphs else links).append(
            value
        )
    elif isinstance(value, tuple):
        for item in value:
            _gather(clean, item, lines, paragraphs, links)
    elif hasattr(type(value), "__dataclass_fields__") and not isinstance(value, type):
        _texts(value, lines, paragraphs, links)


def _already_clean(doc: Any) -> bool:
    """Whether cleaning would give every field of ``doc`` back as it is (``_clean_dataclass``
    returning ``doc`` itself), told from its text gathered and checked at once."""
    lines: list[str] = []
    paragraphs: list[str] = []
    links: list[str] = []
    _texts(doc, lines, paragraphs, links)
    for text in paragraphs:  # already_paragraphs: no blank line first, last or twice running
        if not text or text[0] == "\n" or text[-1] == "\n" or "\n\n\n" in text:
            return False
        lines += [line for line in text.split("\n") if line]
    return all_plain(lines) and all(_safe_link(link) is link for link in links)


def sanitize_document(doc: Any) -> Any:
    """The document with every field but ``raw`` made clean, plain and link-safe.

    Clean text holds no invisible characters either (plain text is printable; cleaning removes
    them), so when ``raw`` and the user's own records hold none too, the document is vouched
    for to ``core.bounds``: the save's check then need not walk it again.
    """
    # Most of what Jobdeck's own export holds is clean already: told at once, not field by
    # field (``jobdeck import`` of an export spent a tenth of its time here).
    cleaned = doc if _already_clean(doc) else _clean_dataclass(doc)
    raw = getattr(cleaned, "raw", "")
    application = getattr(cleaned, "application", None)
    if (not isinstance(raw, str) or storable_verbatim(raw) is raw) and (
        application is None or bounds.without_invisible_text(application) is application
    ):
        bounds.vouch_scrubbed(cleaned)
    return cleaned
