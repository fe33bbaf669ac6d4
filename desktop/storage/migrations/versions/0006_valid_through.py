"""A posting's application deadline (``valid_through`` of the posting document), and a
fingerprint of the text as received, so a posting corrected in the import preview is still
found as a duplicate when the same text is pasted again.

The deadline is kept as the ISO 8601 text the source gave (a date, or a date and time with or
without a zone), since a deadline stated as a day must not become midnight in some zone.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

import hashlib
import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A frozen copy of desktop.core.fingerprint.raw_fingerprint as it is at this revision, so the
# backfill below never changes when the app's code does.
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def _raw_fingerprint(raw: str) -> str | None:
    folded = _NOT_WORD.sub("", raw.casefold())
    if len(folded) < 120:
        return None
    return hashlib.sha1(folded.encode("utf-8"), usedforsecurity=False).hexdigest()


def upgrade() -> None:
    # Nullable columns: SQLite adds them in place, without rebuilding the table or its triggers.
    op.add_column("postings", sa.Column("valid_through", sa.String(length=40), nullable=True))
    op.add_column("postings", sa.Column("raw_fingerprint", sa.String(length=40), nullable=True))
    op.create_index("ix_postings_raw_fingerprint", "postings", ["raw_fingerprint"])
    bind = op.get_bind()
    last = 0
    while True:  # in chunks, so a large library's raw texts are never all in memory at once
        rows = bind.execute(
            sa.text("SELECT id, raw FROM postings WHERE id > :last ORDER BY id LIMIT 500"),
            {"last": last},
        ).fetchall()
        if not rows:
            break
        bind.execute(
            sa.text("UPDATE postings SET raw_fingerprint = :fp WHERE id = :id"),
            [{"fp": _raw_fingerprint(raw or ""), "id": posting_id} for posting_id, raw in rows],
        )
        last = rows[-1][0]


def downgrade() -> None:
    op.drop_index("ix_postings_raw_fingerprint", table_name="postings")
    op.drop_column("postings", "raw_fingerprint")
    op.drop_column("postings", "valid_through")
