"""Reader for Jobdeck's own JSON export: an array of posting documents, or a single one.

The export is Jobdeck's backup format, so it is read back as written (ids, stages, capture times
and all) and export -> import -> export gives the same documents. A hand-edited or foreign file is
refused with the message from ``from_json`` that names the wrong field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.core import agenda_json
from desktop.core.document import DocumentError, from_json
from desktop.importers.result import ImportRefused, LibraryRecord, ReadResult
from desktop.importers.sanitize import sanitize_document

# Keys only Jobdeck's own documents have. "title" and "company" are not among them: a board's
# or an ATS's job JSON has those too, and is not an export (nor judged by the contract).
_EXPORT_MARKERS = {
    "source_format", "raw", "captured_at", "posted_text", "stage_history", "company_profile",
}  # fmt: skip


def looks_like_export(value: Any) -> bool:
    """Whether parsed JSON is a posting document or a list of them: each object carries at least
    two of the export's own keys, and none is schema.org (``@type``); or it is the library
    record (``jobdeck_library``) an export of a library with no posting holds."""
    items = value if isinstance(value, list) else [value]
    return bool(items) and all(
        agenda_json.is_library_record(item)
        or (
            isinstance(item, Mapping)
            and "@type" not in item
            and len(_EXPORT_MARKERS & item.keys()) >= 2
        )
        for item in items
    )


def read(value: Any) -> list[ReadResult | LibraryRecord]:
    """The documents (and the library record) of a parsed export; raises ImportRefused naming
    the first wrong field."""
    items = value if isinstance(value, list) else [value]
    results: list[ReadResult | LibraryRecord] = []
    for index, item in enumerate(items):
        where = f"posting {index + 1} of {len(items)}: " if len(items) > 1 else ""
        if agenda_json.is_library_record(item):
            try:
                results.append(LibraryRecord(agenda_json.library_from(item, DocumentError)))
            except DocumentError as error:
                where = f"element {index + 1} of {len(items)}: " if len(items) > 1 else ""
                raise ImportRefused(f"the Jobdeck export is not valid: {where}{error}") from None
            continue
        try:
            doc = from_json(item)
        except (DocumentError, ValueError, OverflowError, TypeError) as error:
            # from_json names the field; int() of a NaN or an infinity fails before it can.
            raise ImportRefused(f"the Jobdeck export is not valid: {where}{error}") from None
        # A foreign file could carry markup or javascript: links; an export of ours is already
        # clean and passes through unchanged.
        results.append(ReadResult(sanitize_document(doc)))
    return results
