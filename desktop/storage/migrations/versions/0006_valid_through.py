"""A posting's application deadline (``valid_through`` of the posting document).

Kept as the ISO 8601 text the source gave (a date, or a date and time with or without a zone),
since a deadline stated as a day must not become midnight in some zone.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A nullable column: SQLite adds it in place, without rebuilding the table or its triggers.
    op.add_column("postings", sa.Column("valid_through", sa.String(length=40), nullable=True))


def downgrade() -> None:
    op.drop_column("postings", "valid_through")
