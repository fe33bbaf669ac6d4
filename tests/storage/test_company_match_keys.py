"""companies.match_key: filled for the companies of an older library, written with new ones."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text

from desktop.core.posting import PostingDocument
from desktop.services import postings
from desktop.services.library import open_library
from desktop.storage import migrate
from desktop.storage.database import database_path


def test_upgrading_fills_the_match_key_of_every_known_company(data_dir: Path) -> None:
    engine = create_engine(f"sqlite:///{database_path(data_dir)}")
    migrate.upgrade_to_head(engine, "0006")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO companies (id, name, name_key, has_profile) VALUES "
                "(1, 'Amazon.com, Inc.', 'amazon.com, inc.', 0), (2, 'Meta Platforms', "
                "'meta platforms', 0), (3, 'Metabase', 'metabase', 0)"
            )
        )
    engine.dispose()
    db = open_library(data_dir)
    try:
        with db.querying() as conn:
            keys = conn.execute("SELECT id, match_key FROM companies ORDER BY id").fetchall()
        assert keys == [(1, "amazon"), (2, "meta"), (3, "metabase")]
    finally:
        db.close()


def test_new_companies_get_their_match_key_whichever_way_they_are_saved(data_dir: Path) -> None:
    db = open_library(data_dir)
    try:
        one = postings.create_posting(db, PostingDocument(title="One", company="Zalando SE"))
        postings.create_postings(
            db,
            [
                PostingDocument(title="Two", company="The Walt Disney Company"),
                PostingDocument(title="Three", company="Nestlé S.A."),
            ],
        )
        postings.update_posting(db, one.value, PostingDocument(title="One", company="Siemens AG"))
        with db.querying() as conn:
            keys = conn.execute("SELECT name, match_key FROM companies ORDER BY id").fetchall()
        # Zalando has no posting left and goes; Siemens came through the ORM's path.
        assert sorted(keys) == [
            ("Nestlé S.A.", "nestle"),
            ("Siemens AG", "siemens"),
            ("The Walt Disney Company", "waltdisney"),
        ]
    finally:
        db.close()
