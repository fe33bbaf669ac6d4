"""An index on the open tasks' due instants, so the agenda finds a timed task by the instant
it is due (which day that is depends on the user's zone, not on the day stored in the task's
own zone) a section at a time, without reading every open task.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_tasks_done_due_at", "tasks", ["done_at", "due_at"])


def downgrade() -> None:
    op.drop_index("ix_tasks_done_due_at", table_name="tasks")
