"""The importers' entry point: decode the input, tell its format, hand it to the right reader.

Formats are tried from the most to the least specific: Jobdeck's JSON export (or a bare
schema.org JobPosting as JSON), HTML, Jobright-style board text, and plain text as the fallback.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

from desktop.core.dates import aware
from desktop.importers import ats_json, html_page, jobdeck_json, jobright, plain_text
from desktop.importers.decode import decode
from desktop.importers.result import ImportRefused, LibraryRecord, ReadResult
from desktop.importers.sanitize import sanitize_document
from desktop.importers.schema_org import to_document

MIN_POSTING_CHARS = 20


# How JSON starts (an object with a key, an array of objects or strings), and text rarely
# does: "[Remote] Engineer" is a title, '[{"title": ...' is JSON.
_JSON_START = re.compile(r'\s*(?:\{\s*"|\[\s*[{\["\]])')


def _read_json(text: str, captured_at: datetime) -> list[ReadResult | LibraryRecord] | None:
    """Results when the text is JSON Jobdeck understands; None when it is not JSON at all.

    Each posting's ``raw`` is its own part of the input (its array element, its JSON-LD node)
    when the input holds more than one, so a file of a thousand postings is not stored a
    thousand times.

    Text that starts as JSON does but does not parse (an export cut short by ``head -c``, a
    file damaged on the way) is refused as broken JSON, not read as a posting whose company
    is "[".
    """
    try:
        value = json.loads(text)
    except RecursionError:
        return None
    except ValueError as error:
        if _JSON_START.match(text):
            where = (
                f" at line {error.lineno}, column {error.colno}" if hasattr(error, "lineno") else ""
            )
            raise ImportRefused(
                f"the JSON is broken{where} ({getattr(error, 'msg', error)}): "
                "cut short or damaged? Nothing was imported from it"
            ) from None
        return None
    if jobdeck_json.looks_like_export(value):
        return jobdeck_json.read(value)
    found: list[tuple[str, dict]] = []
    for item in ats_json.job_items(value):
        if ats_json.board_format(item) is not None:
            found.append(("board", item))
            continue
        found.extend(("json-ld", node) for node in html_page._walk(item) if _is_posting(node))
    results = []
    for kind, item in found:
        raw = text if len(found) == 1 else json.dumps(item, ensure_ascii=False)
        if kind == "board":
            doc = ats_json.to_document(item, raw=raw, captured_at=captured_at)
        else:
            doc = to_document(item, raw=raw, source_format="json-ld", captured_at=captured_at)
        if doc.title is not None:
            results.append(ReadResult(sanitize_document(doc)))
    if results:
        return results
    raise ImportRefused(f"the JSON is not a format Jobdeck reads; it reads {ats_json.FORMATS}")


def _is_posting(node: object) -> bool:
    return isinstance(node, dict) and html_page._is_job_posting(node)


def read_postings(
    data: bytes | str, *, name: str | None = None, captured_at: datetime
) -> list[ReadResult | LibraryRecord]:
    """The postings in one input (a paste, a dropped text, a file's bytes), and the library
    record of a Jobdeck export of a library with no posting (its tasks of no application).

    ``name`` (a file name) only steers detection: ``.json``/``.html`` files are tried as such
    first. Raises ImportRefused, with the reason in words, for an empty input, binary data, an
    image, or text that is not a job posting. Any other failure inside a reader is a bug; it is
    reported as a refusal too rather than crashing an import of many files.
    """
    text = decode(data) if isinstance(data, bytes) else data
    if not text.strip():
        raise ImportRefused("the input is empty")
    if len(text.strip()) < MIN_POSTING_CHARS:
        raise ImportRefused("the text is too short to be a job posting")
    if "\x00" in text:
        raise ImportRefused("the input is binary data, not text")
    captured_at = aware(captured_at)
    stripped = text.lstrip()
    suffix = (name or "").lower().rsplit(".", 1)[-1] if name and "." in name else ""
    try:
        if stripped[:1] in "[{" or suffix == "json":
            results = _read_json(text, captured_at)
            if results is not None:
                return results
        if html_page.looks_like_html(text) or suffix in ("html", "htm", "xhtml"):
            return html_page.read(text, captured_at=captured_at)
        if jobright.looks_like_jobright(text):
            return [jobright.read(text, captured_at=captured_at)]
        return [plain_text.read(text, captured_at=captured_at)]
    except ImportRefused:
        raise
    except (RecursionError, MemoryError):
        raise ImportRefused("the input is nested or large beyond what Jobdeck can read") from None
