"""Notes on applications, and the search index gains a column for them.

The search box finds a posting by its notes as by its own text: the full-text index
(``postings_fts``, one row per posting) gets a ``notes`` column. FTS5 tables cannot gain a
column, so the index is made again and filled from the postings and their notes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FILL = (
    "INSERT INTO postings_fts (rowid, title, company, location, body{notes_column}) "
    "SELECT p.id, p.title, coalesce(c.name, ''), coalesce(p.location, ''), "
    "coalesce(p.summary, '') || ' ' || coalesce(p.description, '') || ' ' || "
    "coalesce((SELECT group_concat(i.text, ' ') FROM posting_items i "
    "WHERE i.posting_id = p.id), ''){notes_value} "
    "FROM postings p LEFT JOIN companies c ON c.id = p.company_id"
)
_TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"


def upgrade() -> None:
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("posting_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["posting_id"],
            ["postings.id"],
            name=op.f("fk_notes_posting_id_postings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notes")),
    )
    op.create_index("ix_notes_posting_created", "notes", ["posting_id", "created_at"])
    op.execute("DROP TABLE postings_fts")
    op.execute(
        f"CREATE VIRTUAL TABLE postings_fts USING fts5(title, company, location, body, "
        f"notes, {_TOKENIZE})"
    )
    # No notes exist yet: the new column starts empty.
    op.execute(_FILL.format(notes_column=", notes", notes_value=", ''"))


def downgrade() -> None:
    op.execute("DROP TABLE postings_fts")
    op.execute(
        f"CREATE VIRTUAL TABLE postings_fts USING fts5(title, company, location, body, {_TOKENIZE})"
    )
    op.execute(_FILL.format(notes_column="", notes_value=""))
    op.drop_index("ix_notes_posting_created", table_name="notes")
    op.drop_table("notes")
