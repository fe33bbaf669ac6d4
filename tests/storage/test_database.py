"""Opening the library file: fresh files, migrations, pragmas, and files from the future."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.storage import migrate
from desktop.storage.database import (
    DatabaseError,
    SchemaTooNewError,
    database_path,
    open_database,
)


def _revision(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_a_fresh_file_is_created_at_the_newest_schema(data_dir: Path) -> None:
    db = open_database(data_dir)
    db.close()
    assert database_path(data_dir).exists()
    assert _revision(database_path(data_dir)) == migrate.head_revision()


def test_a_fresh_library_has_the_default_stages_in_order(data_dir: Path) -> None:
    db = open_database(data_dir)
    with db.reading() as session:
        names = session.execute(text("SELECT name FROM stages ORDER BY position")).scalars().all()
    db.close()
    assert names[:6] == ["Saved", "Applied", "Screening", "Interviewing", "Offer", "Accepted"]
    assert set(names[6:]) == {"Rejected", "Withdrawn", "Ghosted"}


def test_every_connection_uses_wal_full_sync_foreign_keys_and_a_busy_timeout(
    data_dir: Path,
) -> None:
    db = open_database(data_dir)
    with db.reading() as session:
        pragmas = {
            name: session.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    db.close()
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 5000,
    }


def test_an_existing_file_at_each_earlier_revision_upgrades_to_head(data_dir: Path) -> None:
    revisions = [s.revision for s in migrate._script().walk_revisions()]
    for base in revisions[1:]:  # every revision but head; none while there is only one
        folder = data_dir / base
        folder.mkdir()
        from sqlalchemy import create_engine

        engine = create_engine(f"sqlite:///{database_path(folder)}")
        migrate.upgrade_to_head(engine, base)
        engine.dispose()
        open_database(folder).close()
        assert _revision(database_path(folder)) == migrate.head_revision()


def test_reopening_keeps_what_was_stored(data_dir: Path) -> None:
    from desktop.services.postings import create_posting, get_posting
    from tests.samples import amazon_document

    db = open_database(data_dir)
    saved = create_posting(db, amazon_document())
    db.close()
    db = open_database(data_dir)
    assert get_posting(db, saved.value).title == amazon_document().title
    db.close()


def test_a_file_from_a_newer_jobdeck_is_refused_and_left_untouched(data_dir: Path) -> None:
    open_database(data_dir).close()
    path = database_path(data_dir)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00d_from_the_future'")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = path.read_bytes()
    siblings = sorted(p.name for p in data_dir.iterdir())

    with pytest.raises(SchemaTooNewError) as refused:
        open_database(data_dir)

    message = str(refused.value)
    assert "newer version of Jobdeck" in message
    assert "f00d_from_the_future" in message
    assert "left untouched" in message
    assert path.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == siblings


def test_a_file_that_is_not_a_database_gets_a_clear_error(data_dir: Path) -> None:
    database_path(data_dir).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseError, match="not a readable Jobdeck database"):
        open_database(data_dir)


def test_upgrading_a_revision_0001_file_keeps_its_postings_and_fills_new_columns(
    data_dir: Path,
) -> None:
    from sqlalchemy import create_engine

    from desktop.services.postings import get_posting, list_postings

    engine = create_engine(f"sqlite:///{database_path(data_dir)}")
    migrate.upgrade_to_head(engine, "0001")
    body = "Design and evaluate reinforcement learning models for delivery routing. " * 3
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO companies (id, name, name_key, has_profile) "
                "VALUES (1, 'Amazon', 'amazon', 0)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO postings (id, company_id, title, summary, raw, stage_id, stage_order,"
                " created_at, updated_at) VALUES (1, 1, '  RL   Intern ', :body, 'raw text', 1, 1,"
                " '2026-11-23T19:38:00.000000+00:00', '2026-11-23T19:38:00.000000+00:00')"
            ),
            {"body": body},
        )
        conn.execute(
            text(
                "INSERT INTO posting_items (posting_id, kind, position, text) "
                "VALUES (1, 'benefit', 0, 'Equity')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO stage_changes (id, posting_id, stage_id, at) "
                "VALUES (1, 1, 1, '2026-11-23T19:38:00.000000+00:00')"
            )
        )
    engine.dispose()

    db = open_database(data_dir)
    with db.reading() as session:
        key, fingerprint = session.execute(
            text("SELECT title_key, fingerprint FROM postings WHERE id = 1")
        ).one()
    assert key == "rl intern"
    assert fingerprint is not None and len(fingerprint) == 40
    assert [row.title for row in list_postings(db)] == ["  RL   Intern "]
    upgraded = get_posting(db, 1)
    assert upgraded.raw == "raw text"
    # Rebuilding tables in batch mode must not cascade-delete the rows that point at them.
    assert upgraded.benefits == ("Equity",)
    assert [change.stage for change in upgraded.stage_history] == ["Saved"]
    db.close()


def test_the_models_and_the_migrations_describe_the_same_schema(data_dir: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from desktop.storage.models import Base

    db = open_database(data_dir)
    from desktop.storage.migrations.env_filters import include_name

    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        differences = compare_metadata(context, Base.metadata)
    db.close()
    assert differences == []


def test_the_head_revision_constant_is_alembics_head() -> None:
    # open_database skips Alembic for a file at HEAD_REVISION: it must be the real head.
    assert migrate.head_revision() == migrate.HEAD_REVISION
