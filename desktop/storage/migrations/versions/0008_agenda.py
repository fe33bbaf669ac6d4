"""The agenda: interview rounds, tasks and follow-ups, the reminders already shown, the
suggestions the user decided on, and the agenda's settings.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "interviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("posting_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("starts_at", sa.String(length=32), nullable=False),
        sa.Column("ends_at", sa.String(length=32), nullable=True),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("interviewers", sa.Text(), nullable=False),
        sa.Column("prep_notes", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["posting_id"],
            ["postings.id"],
            name=op.f("fk_interviews_posting_id_postings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews")),
        sa.UniqueConstraint("uid", name=op.f("uq_interviews_uid")),
    )
    op.create_index("ix_interviews_starts_at", "interviews", ["starts_at"])
    op.create_index(op.f("ix_interviews_posting_id"), "interviews", ["posting_id"])
    op.create_table(
        "tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("posting_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("due_on", sa.String(length=10), nullable=False),
        sa.Column("due_at", sa.String(length=32), nullable=True),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("done_at", sa.String(length=32), nullable=True),
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["posting_id"],
            ["postings.id"],
            name=op.f("fk_tasks_posting_id_postings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tasks")),
        sa.UniqueConstraint("uid", name=op.f("uq_tasks_uid")),
    )
    op.create_index("ix_tasks_done_due", "tasks", ["done_at", "due_on"])
    op.create_index(op.f("ix_tasks_posting_id"), "tasks", ["posting_id"])
    op.create_table(
        "fired_reminders",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("fired_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_fired_reminders")),
    )
    op.create_table(
        "suggestion_decisions",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("decided_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_suggestion_decisions")),
    )
    op.create_table(
        "agenda_settings",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_agenda_settings")),
    )


def downgrade() -> None:
    op.drop_table("agenda_settings")
    op.drop_table("suggestion_decisions")
    op.drop_table("fired_reminders")
    op.drop_index(op.f("ix_tasks_posting_id"), table_name="tasks")
    op.drop_index("ix_tasks_done_due", table_name="tasks")
    op.drop_table("tasks")
    op.drop_index(op.f("ix_interviews_posting_id"), table_name="interviews")
    op.drop_index("ix_interviews_starts_at", table_name="interviews")
    op.drop_table("interviews")
