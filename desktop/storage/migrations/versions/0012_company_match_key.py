"""Each company's match key (``desktop.core.company_match.match_key``): "Amazon.com, Inc." and
"AMAZON" share one, so the re-apply warning and the board's marker find earlier applications
however the employer was written, through an index rather than by reading every company.

Two indexes on the stage history for the Insights figures: (posting_id, at, stage_id) walks
each history in order without the table (flows, when a history began), and (stage_id,
posting_id) counts who entered a stage from the index alone.

The keys are computed with the rules as they are when this revision runs; a later change of the
rules comes with a revision of its own that computes them again.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desktop.core.company_match import match_key

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A nullable column: SQLite adds it in place, without rebuilding the table.
    op.add_column("companies", sa.Column("match_key", sa.Text(), nullable=True))
    bind = op.get_bind()
    last = 0
    while True:  # in chunks: a large library's companies are never all in memory at once
        rows = bind.execute(
            sa.text("SELECT id, name FROM companies WHERE id > :last ORDER BY id LIMIT 1000"),
            {"last": last},
        ).fetchall()
        if not rows:
            break
        bind.execute(
            sa.text("UPDATE companies SET match_key = :key WHERE id = :id"),
            [{"key": match_key(name or ""), "id": company_id} for company_id, name in rows],
        )
        last = rows[-1][0]
    op.create_index("ix_companies_match_key", "companies", ["match_key"])
    op.create_index(
        "ix_stage_changes_posting_at", "stage_changes", ["posting_id", "at", "stage_id"]
    )
    op.create_index("ix_stage_changes_stage_posting", "stage_changes", ["stage_id", "posting_id"])


def downgrade() -> None:
    op.drop_index("ix_stage_changes_stage_posting", table_name="stage_changes")
    op.drop_index("ix_stage_changes_posting_at", table_name="stage_changes")
    op.drop_index("ix_companies_match_key", table_name="companies")
    op.drop_column("companies", "match_key")
