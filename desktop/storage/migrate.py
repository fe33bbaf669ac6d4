"""Alembic, driven from code: the app brings its file to the newest schema at start-up."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _script().get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def is_known_revision(revision: str) -> bool:
    return any(script.revision == revision for script in _script().walk_revisions())


def upgrade_to_head(engine: Engine, revision: str = "head") -> None:
    """Apply every migration the file lacks, in one transaction per migration."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
