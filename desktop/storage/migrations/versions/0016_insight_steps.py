"""Each stage change knows the stage its history was in before it (``prev_stage_id``), so the
Insights page counts the flows between stages from an index instead of ordering every history
(``lag()`` over 100,000 histories took over a second; the index answers in tens of ms).

The column is derived data kept by triggers in SQLite itself, so no write path can miss it:
the ORM, the bulk import's ``executemany``, a card move, a backdated change, a deleted posting.
A change added after the others (a move, an import) gets its predecessor by one index probe;
after any other insert, a delete, or a change of a row's posting, stage or time, the rows of
that posting are given their predecessor again (a history has a handful of rows). A new
posting's first row costs the triggers' WHEN probes only. Ties in time go by id, as ``lag()``.

Also: who entered a stage and when, from the index alone ((stage_id, posting_id, at) replaces
(stage_id, posting_id)), and the postings' employer and stage from a narrow index
(company_id, stage_id): the postings table itself holds whole descriptions, and reading 100,000
of its rows for two numbers took over a second.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The rows of one posting (``{posting}``: NEW.posting_id or OLD.posting_id) each get the stage of
# the row just before them in time (then id); the first gets NULL.
_RENUMBER = """
    UPDATE stage_changes SET prev_stage_id = (
        SELECT p.stage_id FROM stage_changes AS p
        WHERE p.posting_id = stage_changes.posting_id
          AND (p.at < stage_changes.at OR (p.at = stage_changes.at AND p.id < stage_changes.id))
        ORDER BY p.at DESC, p.id DESC LIMIT 1)
    WHERE posting_id = {posting};
"""

# NEW is the last of its posting's changes (time, then id): what a move or an import writes.
_LAST = (
    "NOT EXISTS (SELECT 1 FROM stage_changes WHERE posting_id = NEW.posting_id "
    "AND (at > NEW.at OR (at = NEW.at AND id > NEW.id)))"
)

TRIGGERS = {
    # The usual case, a change added after the others: only it needs its predecessor (one
    # index probe), the rows before it keep theirs.
    "stage_changes_prev_after_append": (
        "AFTER INSERT ON stage_changes FOR EACH ROW "
        # A posting's first change has no predecessor: spare the update.
        "WHEN EXISTS (SELECT 1 FROM stage_changes "
        f"WHERE posting_id = NEW.posting_id AND id != NEW.id) AND {_LAST} "
        "BEGIN UPDATE stage_changes SET prev_stage_id = ("
        "SELECT p.stage_id FROM stage_changes AS p WHERE p.posting_id = NEW.posting_id "
        "AND p.id != NEW.id AND (p.at < NEW.at OR (p.at = NEW.at AND p.id < NEW.id)) "
        "ORDER BY p.at DESC, p.id DESC LIMIT 1) WHERE id = NEW.id; END"
    ),
    # A change dated before others (backdated): the posting's rows are given theirs again.
    "stage_changes_prev_after_insert": (
        f"AFTER INSERT ON stage_changes FOR EACH ROW WHEN NOT {_LAST} "
        f"BEGIN {_RENUMBER.format(posting='NEW.posting_id')} END"
    ),
    "stage_changes_prev_after_delete": (
        "AFTER DELETE ON stage_changes FOR EACH ROW "
        "WHEN EXISTS (SELECT 1 FROM stage_changes WHERE posting_id = OLD.posting_id) "
        f"BEGIN {_RENUMBER.format(posting='OLD.posting_id')} END"
    ),
    "stage_changes_prev_after_update": (
        # Not OF prev_stage_id: the triggers' own updates do not fire it again.
        "AFTER UPDATE OF posting_id, stage_id, at ON stage_changes FOR EACH ROW "
        f"BEGIN {_RENUMBER.format(posting='NEW.posting_id')}"
        f"{_RENUMBER.format(posting='OLD.posting_id')} END"
    ),
}


def upgrade() -> None:
    # A nullable column: SQLite adds it in place. No foreign key: a copy of stage_id.
    op.add_column("stage_changes", sa.Column("prev_stage_id", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE stage_changes SET prev_stage_id = w.prev FROM ("
        "SELECT id, lag(stage_id) OVER (PARTITION BY posting_id ORDER BY at, id) AS prev "
        "FROM stage_changes) AS w WHERE w.id = stage_changes.id AND w.prev IS NOT NULL"
    )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.create_index(
        "ix_stage_changes_steps",
        "stage_changes",
        ["prev_stage_id", "stage_id", "posting_id"],
        sqlite_where=sa.text("prev_stage_id IS NOT NULL"),
    )
    op.drop_index("ix_stage_changes_stage_posting", table_name="stage_changes")
    op.create_index(
        "ix_stage_changes_stage_posting_at", "stage_changes", ["stage_id", "posting_id", "at"]
    )
    op.create_index("ix_postings_company_stage", "postings", ["company_id", "stage_id"])


def downgrade() -> None:
    op.drop_index("ix_postings_company_stage", table_name="postings")
    op.drop_index("ix_stage_changes_stage_posting_at", table_name="stage_changes")
    op.create_index("ix_stage_changes_stage_posting", "stage_changes", ["stage_id", "posting_id"])
    op.drop_index("ix_stage_changes_steps", table_name="stage_changes")
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_column("stage_changes", "prev_stage_id")
