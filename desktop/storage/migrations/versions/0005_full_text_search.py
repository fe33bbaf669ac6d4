"""Full-text search (FTS5) over each posting's title, company, location and text.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # rowid is the posting id. Kept in step by desktop/storage/search_index.py on every write.
    op.execute(
        "CREATE VIRTUAL TABLE postings_fts USING fts5("
        "title, company, location, body, tokenize = 'unicode61 remove_diacritics 2')"
    )
    op.execute(
        "INSERT INTO postings_fts (rowid, title, company, location, body) "
        "SELECT p.id, p.title, coalesce(c.name, ''), coalesce(p.location, ''), "
        "coalesce(p.summary, '') || ' ' || coalesce(p.description, '') || ' ' || "
        "coalesce((SELECT group_concat(i.text, ' ') FROM posting_items i "
        "WHERE i.posting_id = p.id), '') "
        "FROM postings p LEFT JOIN companies c ON c.id = p.company_id"
    )
    op.create_index("ix_postings_posted_at", "postings", ["posted_at"])


def downgrade() -> None:
    op.drop_index("ix_postings_posted_at", "postings")
    op.execute("DROP TABLE postings_fts")
