"""Portal logins: URL, username and whether a password is stored; the password is in the keyring.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "portal_logins",
        sa.Column("posting_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("username", sa.Text(), nullable=False),
        # The keyring entry's name, never the password itself.
        sa.Column("secret_key", sa.String(length=64), nullable=False),
        sa.Column("has_password", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["posting_id"],
            ["postings.id"],
            name=op.f("fk_portal_logins_posting_id_postings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("posting_id", name=op.f("pk_portal_logins")),
        sa.UniqueConstraint("secret_key", name=op.f("uq_portal_logins_secret_key")),
    )


def downgrade() -> None:
    # Dropping the rows does not touch the keyring: entries of logins dropped here stay there.
    op.drop_table("portal_logins")
