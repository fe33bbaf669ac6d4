"""Every company gets its match key (``desktop.core.company_match.match_key``, 0012).

Companies made for a contact (``contact_records.company_id_for``) were written without one, so
the re-apply warning and the Insights employers did not find a company first made for a contact
and applied to later (Insights counted its applications under "(no company)"). That insert
writes the key now; this fills it in where it is missing. Only those rows are read: a library
of many companies is not walked.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desktop.core.company_match import match_key

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    while True:  # in chunks: the rows filled leave the query (ix_companies_match_key finds them)
        rows = bind.execute(
            sa.text("SELECT id, name FROM companies WHERE match_key IS NULL LIMIT 1000")
        ).fetchall()
        if not rows:
            break
        bind.execute(
            sa.text("UPDATE companies SET match_key = :key WHERE id = :id"),
            [{"key": match_key(name or ""), "id": company_id} for company_id, name in rows],
        )


def downgrade() -> None:
    # The keys filled in are right under 0018 too: nothing to take back.
    pass
