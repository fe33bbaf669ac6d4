"""A one-letter search reads one doclist: the full-text index keeps a prefix index of one letter.

Every search word is a prefix query ("data" also finds "database"), and FTS5 answers a prefix
by merging the doclists of every word it starts. For one letter that is thousands of words: at
100,000 postings "e" took 48 ms and "d" 102 ms to count in SQL, 90-170 ms in the window, where
a whole word takes 6 ms. With ``prefix='1'`` FTS5 also indexes each word under its first letter,
so a one-letter search reads that one doclist (3.5-5 ms). Measured on a copy of the benchmark's
100,000-posting index: 494 -> 544 MB, and filling it took no longer. Two letters and more merge
far fewer words ("da" 6 ms) and get no prefix index of their own (an index per length was
measured before: 63 -> 425 MB).

FTS5 options cannot change in place, so the index is made again from its own rows (the text is
not read again from the postings): about 20 s at 100,000 postings. The facts trigger of 0020
writes into the index by name, so it is dropped first and created again as it was.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = "title, company, location, body, notes, facts"
_TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"
# Migration 0020's trigger, as it wrote it (a migration keeps what it was written with).
_TRIGGER = (
    "CREATE TRIGGER postings_search_facts AFTER UPDATE OF stage_id, work_model ON postings "
    "FOR EACH ROW WHEN OLD.stage_id IS NOT NEW.stage_id OR OLD.work_model IS NOT NEW.work_model "
    "BEGIN UPDATE postings_fts SET facts = "
    "('zzstage' || NEW.stage_id || coalesce(' zzwork' || lower(NEW.work_model), '')) "
    "WHERE rowid = NEW.id; END"
)


def _rebuild(options: str) -> None:
    # The rows wait in a temporary table (outside the library file) while the old index is
    # dropped, so the new one reuses its pages: made beside it, the library file would keep
    # the old index's size as free pages (500 MB at 100,000 postings), and so would backups.
    op.execute("DROP TRIGGER postings_search_facts")
    op.execute(
        f"CREATE TEMP TABLE postings_fts_rows AS SELECT rowid AS id, {_COLUMNS} FROM postings_fts"
    )
    op.execute("DROP TABLE postings_fts")
    op.execute(f"CREATE VIRTUAL TABLE postings_fts USING fts5({_COLUMNS}, {options})")
    op.execute(
        f"INSERT INTO postings_fts (rowid, {_COLUMNS}) "
        f"SELECT id, {_COLUMNS} FROM temp.postings_fts_rows ORDER BY id"
    )
    op.execute("DROP TABLE temp.postings_fts_rows")
    op.execute(_TRIGGER)


def upgrade() -> None:
    _rebuild(f"{_TOKENIZE}, prefix = '1'")


def downgrade() -> None:
    _rebuild(_TOKENIZE)
