"""Files the user asked for (exports, calendars, zips, printed logs), written whole.

One rule for every such file: owner-only, written beside the target and renamed when complete
(``storage.library_files.replacing``), and a failure named with the file it concerns.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from desktop.services.errors import WriteFailed
from desktop.storage import library_files


@contextlib.contextmanager
def writing(
    target: Path, mode: str = "wb", encoding: str | None = "utf-8", newline: str | None = None
) -> Iterator[IO[Any]]:
    """An owner-only file object that becomes ``target`` when the block ends cleanly (an earlier
    ``target`` is untouched otherwise). Raises ``WriteFailed`` naming ``target`` and the reason
    for any ``OSError`` in the block; other exceptions propagate after the partial file is gone."""
    try:
        with library_files.replacing(target, mode, encoding=encoding, newline=newline) as out:
            yield out
    except OSError as error:
        raise WriteFailed(f"Cannot write {target}: {error.strerror or error}") from None
