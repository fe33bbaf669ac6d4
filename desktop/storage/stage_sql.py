"""The stages in use, in plain SQL on ``sqlite3``: the board's columns with their numbers of
postings, and one stage found by its name.

Apart from ``pipeline_sql`` (moves, timelines, applications) so that ``jobdeck stages`` and
``list --stage`` load neither those nor their types.
"""

from __future__ import annotations

import sqlite3

from desktop.core.stages import StageInfo
from desktop.storage.record_errors import StageMissing

_STAGE_COLUMNS = "s.id, s.name, s.color, s.is_closed, s.position"
_POSTINGS_IN_STAGE = "(SELECT count(*) FROM postings AS p WHERE p.stage_id = s.id)"


def stages_with_counts(conn: sqlite3.Connection) -> list[StageInfo]:
    """The stages in use (not archived), in board order, each with its number of postings."""
    rows = conn.execute(
        f"SELECT {_STAGE_COLUMNS}, {_POSTINGS_IN_STAGE} "
        "FROM stages AS s WHERE NOT s.archived ORDER BY s.position"
    )
    return [
        StageInfo(stage_id, name, color, bool(closed), position, count)
        for stage_id, name, color, closed, position, count in rows
    ]


def stage_named(conn: sqlite3.Connection, name: str) -> StageInfo:
    """The stage in use with this name, ignoring case and spacing. Raises StageMissing."""
    wanted = " ".join(name.split()).casefold()
    names = conn.execute(
        "SELECT s.id, s.name FROM stages AS s WHERE NOT s.archived ORDER BY s.position"
    )
    for stage_id, stage_name in names:  # a dozen rows; casefold knows every alphabet
        if " ".join(stage_name.split()).casefold() == wanted:
            # Only this stage's postings are counted (``jobdeck list --stage Offer`` and
            # ``move`` ask for one stage: counting all 100,000 postings' took longer than
            # listing the stage's).
            row = conn.execute(
                f"SELECT {_STAGE_COLUMNS}, {_POSTINGS_IN_STAGE} FROM stages AS s WHERE s.id = ?",
                (stage_id,),
            ).fetchone()
            return StageInfo(row[0], row[1], row[2], bool(row[3]), row[4], row[5])
    raise StageMissing(f"There is no stage named {name!r}.")
