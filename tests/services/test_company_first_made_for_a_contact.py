"""A company first made for a contact, and applied to later, is the same employer for the
re-apply warning and the Insights figures as one made with a posting (it once had no match key:
the warning missed it and Insights counted its applications under "(no company)")."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from desktop.core.contacts import ContactFields
from desktop.core.posting import PostingDocument, StageChange
from desktop.services import contacts, insights, postings, reapply
from desktop.services.library import Library, open_library
from desktop.storage import migrate
from desktop.storage.database import database_path

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _applied(db: Library, company: str) -> int:
    history = (
        StageChange("Saved", NOW - timedelta(days=9)),
        StageChange("Applied", NOW - timedelta(days=8)),
        StageChange("Rejected", NOW - timedelta(days=2)),
    )
    doc = PostingDocument(
        title="Backend Engineer", company=company, stage="Rejected", stage_history=history
    )
    return postings.create_posting(db, doc, now=history[0].at).value


def _employers(db: Library) -> list[tuple[str, int]]:
    figures = insights.insights(db, now=NOW)
    return [(c.company, c.responses.applied) for c in figures.companies]


def test_a_contacts_company_applied_to_later_is_found(db: Library) -> None:
    contacts.add_contact(db, ContactFields(name="Jane Roe", company="Hooli Inc."))
    earlier = _applied(db, "hooli inc.")  # the same company row (same name key)
    warning = reapply.check(db, "Hooli", "Data Engineer", now=NOW)
    assert warning is not None and [a.posting_id for a in warning.earlier] == [earlier]
    assert "Hooli" in warning.text and "Rejected" in warning.text
    assert _employers(db) == [("Hooli Inc.", 1)]


def test_upgrading_fills_the_missing_keys(data_dir: Path) -> None:
    db = open_library(data_dir)
    contacts.add_contact(db, ContactFields(name="Jane Roe", company="Hooli Inc."))
    earlier = _applied(db, "Hooli Inc.")
    db.close()
    path = database_path(data_dir)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # back to the schema before the keys were filled
        config = migrate.alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0018")
    engine.dispose()
    with sqlite3.connect(path) as conn:  # as the contact's insert wrote it then
        conn.execute("UPDATE companies SET match_key = NULL")
    db = open_library(data_dir)  # upgrades to the head
    try:
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT name, match_key FROM companies").fetchall() == [
                ("Hooli Inc.", "hooli")
            ]
        warning = reapply.check(db, "HOOLI", now=NOW)
        assert warning is not None and [a.posting_id for a in warning.earlier] == [earlier]
        assert _employers(db) == [("Hooli Inc.", 1)]
    finally:
        db.close()
