"""An index on the postings' application deadlines, so the agenda reads the "apply by" dates
of a range of days without reading every posting.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_postings_valid_through", "postings", ["valid_through"])


def downgrade() -> None:
    op.drop_index("ix_postings_valid_through", table_name="postings")
