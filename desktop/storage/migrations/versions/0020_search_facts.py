"""The search finds a posting by its stage and work model: the full-text index gains ``facts``.

Typing "remote" finds the postings whose work model is Remote, "applied" those in the stage
Applied, besides every posting whose text holds the word (``storage/fts_query.py``). The index
(``postings_fts``) gets a ``facts`` column with the posting's stage (by id: a renamed stage
rewrites nothing) and work model as tokens: "zzstage2 zzworkremote". FTS5 tables cannot gain a
column, so the index is made again from its own rows (the text is not read again from the
postings; about 25 s at 100,000 postings).

A trigger rewrites a posting's facts whenever its stage or work model changes, whichever way
(a move, a deleted stage's cards moved, an import's update, an edit, an undo), so no write path
can miss it; the writes that make a posting's index row read the facts from its row
(``storage/search_index.py``, ``storage/posting_removal.py``).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"
_TEXT_COLUMNS = "title, company, location, body, notes"
# The facts of a postings row ``{row}`` (p, NEW); copied from storage.fts_query.FACTS_OF_POSTING
# (a migration keeps what it was written with).
_FACTS = "('zzstage' || {row}.stage_id || coalesce(' zzwork' || lower({row}.work_model), ''))"
TRIGGER = (
    "CREATE TRIGGER postings_search_facts AFTER UPDATE OF stage_id, work_model ON postings "
    "FOR EACH ROW WHEN OLD.stage_id IS NOT NEW.stage_id OR OLD.work_model IS NOT NEW.work_model "
    f"BEGIN UPDATE postings_fts SET facts = {_FACTS.format(row='NEW')} WHERE rowid = NEW.id; END"
)


def _rebuild(columns: str, facts: str) -> None:
    op.execute("ALTER TABLE postings_fts RENAME TO postings_fts_old")
    op.execute(f"CREATE VIRTUAL TABLE postings_fts USING fts5({columns}, {_TOKENIZE})")
    op.execute(
        f"INSERT INTO postings_fts (rowid, {columns}) "
        f"SELECT f.rowid, {', '.join('f.' + c for c in _TEXT_COLUMNS.split(', '))}{facts} "
        "FROM postings_fts_old AS f JOIN postings AS p ON p.id = f.rowid"
    )
    op.execute("DROP TABLE postings_fts_old")


def upgrade() -> None:
    _rebuild(f"{_TEXT_COLUMNS}, facts", ", " + _FACTS.format(row="p"))
    op.execute(TRIGGER)


def downgrade() -> None:
    op.execute("DROP TRIGGER postings_search_facts")
    _rebuild(_TEXT_COLUMNS, "")
