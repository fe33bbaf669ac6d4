"""Columns and indexes for finding duplicates on import: title key, text fingerprint, link.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

import hashlib
import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A frozen copy of desktop.core.fingerprint as it was at this revision, so the backfill below
# never changes when the app's code does.
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_MIN_BODY_CHARS = 120


def _fingerprint(parts: list[str]) -> str | None:
    body = _NOT_WORD.sub("", " ".join(parts).casefold())
    if len(body) < _MIN_BODY_CHARS:
        return None
    return hashlib.sha1(body.encode("utf-8"), usedforsecurity=False).hexdigest()


def upgrade() -> None:
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title_key", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("fingerprint", sa.String(length=40), nullable=True))
        batch_op.create_index("ix_postings_url", ["url"], unique=False)
        batch_op.create_index("ix_postings_company_title", ["company_id", "title_key"], unique=False)
        batch_op.create_index("ix_postings_fingerprint", ["fingerprint"], unique=False)

    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, title, summary, description FROM postings"))
    for posting_id, title, summary, description in rows.fetchall():
        items = connection.execute(
            sa.text(
                "SELECT text FROM posting_items WHERE posting_id = :id "
                "AND kind IN ('responsibility', 'required', 'preferred') ORDER BY "
                "CASE kind WHEN 'responsibility' THEN 0 WHEN 'required' THEN 1 ELSE 2 END, position"
            ),
            {"id": posting_id},
        ).scalars()
        connection.execute(
            sa.text("UPDATE postings SET title_key = :key, fingerprint = :fp WHERE id = :id"),
            {
                "key": " ".join((title or "").casefold().split()),
                "fp": _fingerprint([summary or "", description or "", *items]),
                "id": posting_id,
            },
        )


def downgrade() -> None:
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.drop_index("ix_postings_fingerprint")
        batch_op.drop_index("ix_postings_company_title")
        batch_op.drop_index("ix_postings_url")
        batch_op.drop_column("fingerprint")
        batch_op.drop_column("title_key")
