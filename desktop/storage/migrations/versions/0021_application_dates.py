"""The list sorts by Applied on, Days in stage and Last activity from an index.

These dates were worked out per posting (a few subqueries each), so sorting the whole list by
one of them read every posting's history: 0.4-1.2 s at 100,000 postings. ``application_dates``
holds them, one narrow row per posting, each column indexed:

- ``applied_at``: the user's own applied-on date (application facts), else the first move to
  the stage named Applied (as ``core.application_facts`` reads it);
- ``stage_since``: when the posting entered its current stage (its latest change into it);
- ``last_activity``: the latest stage change, note written, document attached or task done.

Times are the stored ISO text in UTC, copied as they are. The rows are derived data kept by
SQLite triggers, so no write path can miss them (the ORM, the bulk import's ``executemany``,
a move, a backdated or corrected date, an imported history, a deleted posting put back by
Undo, a renamed stage): a posting's row is worked out again from its own rows (index probes)
whenever one of them changes. No foreign key, so deleting a posting (and putting it back:
storage/posting_removal.py copies what cascades) leaves the triggers in charge of the row.

A later migration that rebuilds one of these tables in batch mode (copy, drop, rename) drops
its triggers with it and must create them again (tests/storage/test_application_dates.py
checks they are all there).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A posting's dates from its own rows, ``{p}`` being its id (NEW.posting_id, p.id, ...);
# the rules of storage/posting_list.py as they were when this was written.
_APPLIED = (
    "coalesce((SELECT f.applied_at FROM application_facts AS f WHERE f.posting_id = {p}), "
    "(SELECT min(a.at) FROM stage_changes AS a WHERE a.posting_id = {p} AND a.stage_id IN "
    "(SELECT s.id FROM stages AS s WHERE lower(s.name) = 'applied')))"
)
_SINCE = (
    "(SELECT max(h.at) FROM stage_changes AS h WHERE h.posting_id = {p} "
    "AND h.stage_id = (SELECT q.stage_id FROM postings AS q WHERE q.id = {p}))"
)
_LATEST = (
    "nullif(max("
    "coalesce((SELECT max(h.at) FROM stage_changes AS h WHERE h.posting_id = {p}), ''), "
    "coalesce((SELECT max(n.created_at) FROM notes AS n WHERE n.posting_id = {p}), ''), "
    "coalesce((SELECT max(d.attached_at) FROM documents AS d WHERE d.posting_id = {p}), ''), "
    "coalesce((SELECT max(t.done_at) FROM tasks AS t WHERE t.posting_id = {p}), '')), '')"
)


def _again(posting: str) -> str:
    """The statement that works out one posting's row again."""
    return (
        f"UPDATE application_dates SET applied_at = {_APPLIED.format(p=posting)}, "
        f"stage_since = {_SINCE.format(p=posting)}, "
        f"last_activity = {_LATEST.format(p=posting)} WHERE posting_id = {posting};"
    )


# The rows a posting's dates are read from: table -> the columns that matter besides posting_id.
_SOURCES = {
    "stage_changes": "stage_id, at",
    "application_facts": "applied_at",
    "notes": "created_at",
    "documents": "attached_at",
    "tasks": "done_at",
}

_ROW_POSTING = "application_dates.posting_id"

TRIGGERS = {
    # A new posting gets its row, blank: its history, notes... come after it (a posting put
    # back by Undo too) and each fills it in.
    "application_dates_posting_added": (
        "AFTER INSERT ON postings FOR EACH ROW BEGIN "
        "INSERT OR REPLACE INTO application_dates (posting_id) VALUES (NEW.id); END"
    ),
    "application_dates_posting_deleted": (
        "AFTER DELETE ON postings FOR EACH ROW BEGIN "
        "DELETE FROM application_dates WHERE posting_id = OLD.id; END"
    ),
    # Moved: when it entered its (new) stage.
    "application_dates_posting_moved": (
        "AFTER UPDATE OF stage_id ON postings FOR EACH ROW "
        f"WHEN OLD.stage_id IS NOT NEW.stage_id BEGIN {_again('NEW.id')} END"
    ),
    # A stage named Applied (any case) named otherwise, or the other way round: the applied
    # dates of the postings that passed through it.
    "application_dates_stage_renamed": (
        "AFTER UPDATE OF name ON stages FOR EACH ROW "
        "WHEN lower(OLD.name) IS NOT lower(NEW.name) "
        "AND (lower(OLD.name) = 'applied' OR lower(NEW.name) = 'applied') BEGIN "
        # Qualified: inside the rule's subqueries a bare posting_id would be their own column.
        f"UPDATE application_dates SET applied_at = {_APPLIED.format(p=_ROW_POSTING)} "
        "WHERE posting_id IN (SELECT c.posting_id FROM stage_changes AS c "
        "WHERE c.stage_id = NEW.id); END"
    ),
}
for _table, _columns in _SOURCES.items():
    TRIGGERS[f"application_dates_{_table}_added"] = (
        f"AFTER INSERT ON {_table} FOR EACH ROW BEGIN {_again('NEW.posting_id')} END"
    )
    TRIGGERS[f"application_dates_{_table}_deleted"] = (
        f"AFTER DELETE ON {_table} FOR EACH ROW BEGIN {_again('OLD.posting_id')} END"
    )
    TRIGGERS[f"application_dates_{_table}_changed"] = (
        f"AFTER UPDATE OF posting_id, {_columns} ON {_table} FOR EACH ROW BEGIN "
        f"{_again('NEW.posting_id')} {_again('OLD.posting_id')} END"
    )


def upgrade() -> None:
    op.create_table(
        "application_dates",
        sa.Column("posting_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("applied_at", sa.String(length=32), nullable=True),
        sa.Column("stage_since", sa.String(length=32), nullable=True),
        sa.Column("last_activity", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("posting_id", name=op.f("pk_application_dates")),
    )
    op.execute(
        "INSERT INTO application_dates (posting_id, applied_at, stage_since, last_activity) "
        f"SELECT p.id, {_APPLIED.format(p='p.id')}, {_SINCE.format(p='p.id')}, "
        f"{_LATEST.format(p='p.id')} FROM postings AS p"
    )
    # Each date twice: walked down, (date, id) gives the newest posting first among equal dates
    # (an import's history often shares one day); walked up, (date, id DESC) does.
    for column in ("applied_at", "stage_since", "last_activity"):
        op.create_index(f"ix_application_dates_{column}", "application_dates", [column])
        op.create_index(
            f"ix_application_dates_{column}_up",
            "application_dates",
            [column, sa.text("posting_id DESC")],
        )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("application_dates")
