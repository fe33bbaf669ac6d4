"""Application facts: the date the user applied (when they set it themselves), a rating of
1 to 5 and whether they were referred; one row per application that has any of them.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "application_facts",
        sa.Column("posting_id", sa.Integer(), nullable=False),
        sa.Column("applied_at", sa.String(length=32), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("referral", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["posting_id"],
            ["postings.id"],
            name=op.f("fk_application_facts_posting_id_postings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("posting_id", name=op.f("pk_application_facts")),
    )


def downgrade() -> None:
    op.drop_table("application_facts")
