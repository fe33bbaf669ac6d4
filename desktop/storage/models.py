"""The SQLite schema as SQLAlchemy 2 typed models.

Companies are shared between postings: the profile a board shows beside a posting (industries,
funding, H1B counts, news) belongs to the company row. Ordered lists (responsibilities, investors,
news ...) are child rows with a ``position`` so the source's order survives.

Times are stored as ISO 8601 text in UTC (``UtcDateTime``) so they sort as text and always come
back time-zone aware.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    TypeDecorator,
    text,
)
from sqlalchemy.engine import Dialect, ExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from desktop.core.bounds import readable_datetime
from desktop.core.company_match import match_key

# Named constraints keep Alembic's batch mode able to find and alter them later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as fixed-width UTC ISO text ("2026-11-23T19:38:00.000000+00:00")."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("Jobdeck stores only time-zone aware datetimes")
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        # A time no Jobdeck could store today reads as unknown rather than breaking the read.
        return readable_datetime(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _match_key_of_name(context: ExecutionContext) -> str:
    return match_key(context.get_current_parameters()["name"] or "")


class Company(Base):
    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    # Case- and space-folded name: "Amazon" and "amazon " are one company.
    name_key: Mapped[str] = mapped_column(Text, unique=True)
    # desktop.core.company_match.match_key of the name, written with every new company (ORM
    # and Core inserts alike): "Amazon.com, Inc." and "AMAZON" share one.
    match_key: Mapped[str | None] = mapped_column(Text, index=True, default=_match_key_of_name)
    description: Mapped[str | None] = mapped_column(Text)
    h1b_note: Mapped[str | None] = mapped_column(Text)
    funding_stage: Mapped[str | None] = mapped_column(Text)
    funding_total: Mapped[str | None] = mapped_column(Text)
    funding_total_usd: Mapped[int | None]
    data_source: Mapped[str | None] = mapped_column(Text)
    # True once any profile data was given, so an export can say "no profile" (null) honestly.
    has_profile: Mapped[bool] = mapped_column(default=False)

    industries: Mapped[list[CompanyIndustry]] = relationship(
        order_by="CompanyIndustry.position", cascade="all, delete-orphan"
    )
    investors: Mapped[list[CompanyInvestor]] = relationship(
        order_by="CompanyInvestor.position", cascade="all, delete-orphan"
    )
    funding_rounds: Mapped[list[FundingRoundRow]] = relationship(
        order_by="FundingRoundRow.position", cascade="all, delete-orphan"
    )
    h1b_counts: Mapped[list[H1bCount]] = relationship(
        order_by="H1bCount.year.desc()", cascade="all, delete-orphan"
    )
    news: Mapped[list[NewsRow]] = relationship(
        order_by="NewsRow.position", cascade="all, delete-orphan"
    )


class CompanyIndustry(Base):
    __tablename__ = "company_industries"

    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)


class CompanyInvestor(Base):
    __tablename__ = "company_investors"

    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)


class FundingRoundRow(Base):
    __tablename__ = "funding_rounds"

    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[str | None] = mapped_column(String(10))
    round_type: Mapped[str | None] = mapped_column(Text)
    amount: Mapped[str | None] = mapped_column(Text)
    amount_usd: Mapped[int | None]


class H1bCount(Base):
    __tablename__ = "h1b_counts"

    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True
    )
    year: Mapped[int] = mapped_column(primary_key=True)
    count: Mapped[int]


class NewsRow(Base):
    __tablename__ = "company_news"

    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[str | None] = mapped_column(String(10))
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)


class Stage(Base):
    __tablename__ = "stages"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    position: Mapped[int]
    color: Mapped[str] = mapped_column(String(9))
    is_closed: Mapped[bool] = mapped_column(default=False)
    # A deleted stage is archived, not removed: the history of every posting that passed
    # through it keeps its name.
    archived: Mapped[bool] = mapped_column(default=False)


class Posting(Base):
    __tablename__ = "postings"
    __table_args__ = (
        Index("ix_postings_stage_order", "stage_id", "stage_order"),
        # Duplicate checks on import: same link, same company and title, same text.
        Index("ix_postings_url", "url"),
        Index("ix_postings_company_title", "company_id", "title_key"),
        Index("ix_postings_fingerprint", "fingerprint"),
        Index("ix_postings_raw_fingerprint", "raw_fingerprint"),
        Index("ix_postings_posted_at", "posted_at"),
        # The agenda's "apply by" dates: a range of them, not every posting.
        Index("ix_postings_valid_through", "valid_through"),
        # The list's filters (storage/filter_sql.py) counted from the index, not the rows.
        Index(
            "ix_postings_filters",
            "stage_id",
            "work_model",
            "employment_type",
            "posted_at",
            "salary_min",
            "salary_max",
            "salary_text",
            "location",
        ),
        # The Insights figures: each posting's employer and stage without reading the posting.
        Index("ix_postings_company_stage", "company_id", "stage_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int | None] = mapped_column(
        ForeignKey("companies.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[str] = mapped_column(Text)
    # Case- and space-folded title, for "same company and title" duplicate checks.
    title_key: Mapped[str] = mapped_column(Text, default="")
    # desktop.core.fingerprint of the body text, or None when there is too little of it.
    fingerprint: Mapped[str | None] = mapped_column(String(40))
    # desktop.core.fingerprint of ``raw``: the received text, which a correction never changes.
    raw_fingerprint: Mapped[str | None] = mapped_column(String(40))
    location: Mapped[str | None] = mapped_column(Text)
    employment_type: Mapped[str | None] = mapped_column(Text)
    work_model: Mapped[str | None] = mapped_column(String(16))
    salary_min: Mapped[float | None]
    salary_max: Mapped[float | None]
    salary_currency: Mapped[str | None] = mapped_column(String(8))
    salary_period: Mapped[str | None] = mapped_column(String(8))
    salary_text: Mapped[str | None] = mapped_column(Text)
    posted_text: Mapped[str | None] = mapped_column(Text)
    posted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    captured_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The application deadline as ISO 8601 text, as precise as the source stated it.
    valid_through: Mapped[str | None] = mapped_column(String(40))
    url: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    source_format: Mapped[str | None] = mapped_column(String(16))
    # The input exactly as received; nothing ever rewrites it.
    raw: Mapped[str] = mapped_column(Text, default="")
    stage_id: Mapped[int] = mapped_column(ForeignKey("stages.id", ondelete="RESTRICT"))
    # Order of the card within its stage column on the board.
    stage_order: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)

    company: Mapped[Company | None] = relationship()
    stage: Mapped[Stage] = relationship()
    items: Mapped[list[PostingItem]] = relationship(
        order_by="(PostingItem.kind, PostingItem.position)", cascade="all, delete-orphan"
    )
    stage_changes: Mapped[list[StageChangeRow]] = relationship(
        order_by="(StageChangeRow.at, StageChangeRow.id)", cascade="all, delete-orphan"
    )


class PostingItem(Base):
    """One line of a posting's lists: a responsibility, a qualification or a benefit."""

    __tablename__ = "posting_items"

    posting_id: Mapped[int] = mapped_column(
        ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class StageChangeRow(Base):
    __tablename__ = "stage_changes"
    __table_args__ = (
        # The Insights figures: each history in order (migration 0012), who entered a stage
        # and when, and the steps between stages (0016).
        Index("ix_stage_changes_posting_at", "posting_id", "at", "stage_id"),
        Index("ix_stage_changes_stage_posting_at", "stage_id", "posting_id", "at"),
        Index(
            "ix_stage_changes_steps",
            "prev_stage_id",
            "stage_id",
            "posting_id",
            sqlite_where=text("prev_stage_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    posting_id: Mapped[int] = mapped_column(
        ForeignKey("postings.id", ondelete="CASCADE"), index=True
    )
    stage_id: Mapped[int] = mapped_column(ForeignKey("stages.id", ondelete="RESTRICT"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    # The stage the history was in before this change (None for its first): kept by triggers
    # in the database (migration 0016), never written here.
    prev_stage_id: Mapped[int | None] = mapped_column(default=None)

    stage: Mapped[Stage] = relationship()


class PortalLogin(Base):
    """An application portal login. Its password lives only in the system keyring."""

    __tablename__ = "portal_logins"

    posting_id: Mapped[int] = mapped_column(
        ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True
    )
    url: Mapped[str] = mapped_column(Text, default="")
    username: Mapped[str] = mapped_column(Text, default="")
    # Name of the keyring entry (desktop.secrets.new_secret_key): random, so two libraries on
    # one machine, or a posting id SQLite reuses, never share a password.
    secret_key: Mapped[str] = mapped_column(String(64), unique=True)
    has_password: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class NoteRow(Base):
    """A note the user wrote about an application (desktop.storage.note_records)."""

    __tablename__ = "notes"
    __table_args__ = (Index("ix_notes_posting_created", "posting_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    posting_id: Mapped[int] = mapped_column(ForeignKey("postings.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class InterviewRow(Base):
    """An interview round of an application; ``starts_at`` is the instant, ``time_zone`` the
    zone it was given in (core.zones names), ``interviewers`` names one per line."""

    __tablename__ = "interviews"
    __table_args__ = (Index("ix_interviews_starts_at", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    posting_id: Mapped[int] = mapped_column(
        ForeignKey("postings.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    time_zone: Mapped[str] = mapped_column(String(64))
    place: Mapped[str] = mapped_column(Text, default="")
    interviewers: Mapped[str] = mapped_column(Text, default="")
    prep_notes: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    # The iCalendar UID: a re-export updates the event in the user's calendar.
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class TaskRow(Base):
    """A task or follow-up: due on a day (``due_on``, in ``time_zone``), at an instant when a
    time was given (``due_at``); linked to an application or free."""

    __tablename__ = "tasks"
    __table_args__ = (
        Index("ix_tasks_done_due", "done_at", "due_on"),
        # A timed task's section is its instant's day in the user's zone (migration 0018).
        Index("ix_tasks_done_due_at", "done_at", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    posting_id: Mapped[int | None] = mapped_column(
        ForeignKey("postings.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(Text)
    due_on: Mapped[str] = mapped_column(String(10))
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    time_zone: Mapped[str] = mapped_column(String(64))
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class FiredReminder(Base):
    """A reminder shown once (core.agenda.Reminder.key): never shown again."""

    __tablename__ = "fired_reminders"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    fired_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SuggestionDecision(Base):
    """A suggestion the user accepted or dismissed (core.agenda.Suggestion.key)."""

    __tablename__ = "suggestion_decisions"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    decision: Mapped[str] = mapped_column(String(16))
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AgendaSetting(Base):
    """One of core.agenda.AgendaSettings' fields, as text; absent means the default."""

    __tablename__ = "agenda_settings"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ContactRow(Base):
    """A person of the job search; belongs to a company (desktop.storage.contact_records)."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="RESTRICT"), index=True
    )
    name: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ApplicationContactRow(Base):
    """A contact's role in one application (a recruiter, an interviewer ...)."""

    __tablename__ = "application_contacts"

    posting_id: Mapped[int] = mapped_column(
        ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(32), primary_key=True)


class ApplicationFactsRow(Base):
    """What the user set about an application (desktop.storage.fact_records)."""

    __tablename__ = "application_facts"

    posting_id: Mapped[int] = mapped_column(
        ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True
    )
    applied_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    rating: Mapped[int | None]
    referral: Mapped[bool | None]


class ApplicationDatesRow(Base):
    """An application's dates the list sorts by, one row per posting, derived from its own rows
    and kept by SQLite triggers (migration 0021): the user's applied-on date else the first
    move to Applied, when it entered its current stage, its latest activity. Stored ISO text
    in UTC, as the rows they come from. Never written by the ORM."""

    __tablename__ = "application_dates"
    # Each date has a second index, (date, posting_id DESC), made by the migration alone
    # (Alembic's comparison cannot read a DESC column: migrations/env_filters.py).
    __table_args__ = (
        Index("ix_application_dates_applied_at", "applied_at"),
        Index("ix_application_dates_stage_since", "stage_since"),
        Index("ix_application_dates_last_activity", "last_activity"),
    )

    posting_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    applied_at: Mapped[str | None] = mapped_column(String(32))
    stage_since: Mapped[str | None] = mapped_column(String(32))
    last_activity: Mapped[str | None] = mapped_column(String(32))


class DocumentRow(Base):
    """A file sent with an application; the file is ``documents/`` + its SHA-256
    (desktop.storage.document_files)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    posting_id: Mapped[int] = mapped_column(
        ForeignKey("postings.id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(Text)
    sent_on: Mapped[str | None] = mapped_column(String(10))
    size: Mapped[int]
    attached_at: Mapped[datetime] = mapped_column(UtcDateTime)


class LabelRow(Base):
    """A named label (desktop.storage.label_records); ``name_key`` is the name as compared."""

    __tablename__ = "labels"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text, unique=True)
    color: Mapped[str] = mapped_column(String(9))


class PostingLabelRow(Base):
    """An application carrying a label."""

    __tablename__ = "posting_labels"
    __table_args__ = (Index("ix_posting_labels_label", "label_id", "posting_id"),)

    posting_id: Mapped[int] = mapped_column(
        ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True
    )
    label_id: Mapped[int] = mapped_column(
        ForeignKey("labels.id", ondelete="CASCADE"), primary_key=True
    )


ITEM_KINDS = ("responsibility", "required", "preferred", "benefit")

__all__ = [
    "ITEM_KINDS",
    "AgendaSetting",
    "ApplicationContactRow",
    "ApplicationFactsRow",
    "Base",
    "Company",
    "CompanyIndustry",
    "CompanyInvestor",
    "ContactRow",
    "DocumentRow",
    "FiredReminder",
    "FundingRoundRow",
    "H1bCount",
    "InterviewRow",
    "LabelRow",
    "NewsRow",
    "NoteRow",
    "Posting",
    "PostingItem",
    "PostingLabelRow",
    "Stage",
    "StageChangeRow",
    "SuggestionDecision",
    "TaskRow",
]
