"""Named labels replace the one anonymous colour per card: ``labels`` (a name, its folded key,
a colour) and ``posting_labels`` (which applications carry which labels, several each).

Each colour in use becomes a label named after it (the board menu's names: "Red", "Green"...;
a colour the menu never offered becomes "Colour #rrggbb"), carried by the same applications,
and ``postings.label_color`` is dropped. Downgrade gives each application its first label's
colour back.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01
"""

import sqlite3
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The board menu's colours as they were named (desktop.core.labels.PALETTE, copied: a
# migration keeps the names it was written with).
_NAMES = {
    "#ef4444": "Red",
    "#f97316": "Orange",
    "#eab308": "Yellow",
    "#22c55e": "Green",
    "#3b82f6": "Blue",
    "#a855f7": "Purple",
}


def _native_drop_column() -> bool:
    # ALTER TABLE ... DROP COLUMN arrived in SQLite 3.35; it leaves the table (and its 100,000
    # rows, its indexes) in place where a batch rebuild would copy them all.
    return sqlite3.sqlite_version_info >= (3, 35, 0)


def upgrade() -> None:
    op.create_table(
        "labels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("color", sa.String(length=9), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_labels")),
        sa.UniqueConstraint("name_key", name=op.f("uq_labels_name_key")),
    )
    op.create_table(
        "posting_labels",
        sa.Column("posting_id", sa.Integer(), nullable=False),
        sa.Column("label_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["posting_id"],
            ["postings.id"],
            name=op.f("fk_posting_labels_posting_id_postings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["label_id"],
            ["labels.id"],
            name=op.f("fk_posting_labels_label_id_labels"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("posting_id", "label_id", name=op.f("pk_posting_labels")),
    )
    # "Which applications carry this label": the filter's lookup.
    op.create_index("ix_posting_labels_label", "posting_labels", ["label_id", "posting_id"])

    conn = op.get_bind()
    colors = [
        c
        for (c,) in conn.exec_driver_sql(
            "SELECT DISTINCT lower(label_color) FROM postings WHERE label_color IS NOT NULL "
            "AND trim(label_color) != '' ORDER BY 1"
        )
    ]
    for color in colors:
        name = _NAMES.get(color, f"Colour {color}")
        shown = color if len(color) == 7 and color.startswith("#") else "#6b7280"
        label_id = conn.exec_driver_sql(
            "INSERT INTO labels (name, name_key, color) VALUES (?, ?, ?) RETURNING id",
            (name, name.casefold(), shown),
        ).scalar_one()
        conn.exec_driver_sql(
            "INSERT INTO posting_labels (posting_id, label_id) "
            "SELECT id, ? FROM postings WHERE lower(label_color) = ?",
            (label_id, color),
        )
    if _native_drop_column():
        op.execute("ALTER TABLE postings DROP COLUMN label_color")
    else:
        with op.batch_alter_table("postings", schema=None) as batch_op:
            batch_op.drop_column("label_color")


def downgrade() -> None:
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("label_color", sa.String(length=9), nullable=True))
    op.execute(
        "UPDATE postings SET label_color = (SELECT l.color FROM posting_labels AS pl "
        "JOIN labels AS l ON l.id = pl.label_id WHERE pl.posting_id = postings.id "
        "ORDER BY l.name_key LIMIT 1)"
    )
    op.drop_index("ix_posting_labels_label", table_name="posting_labels")
    op.drop_table("posting_labels")
    op.drop_table("labels")
