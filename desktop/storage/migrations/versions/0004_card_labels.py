"""A colour label per posting (set on its board card); stages archived instead of deleted.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("label_color", sa.String(length=9), nullable=True))
    with op.batch_alter_table("stages", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("archived", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("stages", schema=None) as batch_op:
        batch_op.drop_column("archived")
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.drop_column("label_color")
