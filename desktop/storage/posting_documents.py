"""Stored postings read back as posting documents, in plain SQL on ``sqlite3``.

Every read of a whole posting goes through here: the detail pane of the selected posting, a
posting read back for ``--json``, and the export of the whole library. Plain SQL rather than
the ORM because the window shows the selected posting right after its first paint, before
SQLAlchemy (a quarter of a second to import) is needed for anything, and because an export of
100,000 postings builds no ORM object at all. A chunk of postings is read with one query per
table, so the work grows with the postings read, not with the queries made.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from desktop.core.bounds import readable_amount, readable_datetime
from desktop.core.company import stored_profile
from desktop.core.posting import (
    CompanyProfile,
    FundingRound,
    H1bYear,
    NewsItem,
    PostingDocument,
    Qualifications,
    Salary,
    StageChange,
)

CHUNK = 500  # postings read together (well under SQLite's limit of bound parameters)
# Employers kept while the whole library is read (about 2 KB each): 25,000 companies of a
# 100,000-posting library were read 100,000 times, one chunk at a time, without them.
_COMPANIES_KEPT = 50_000

_POSTINGS = (
    "SELECT p.id, p.title, p.company_id, p.location, p.employment_type, p.work_model, "
    "p.salary_min, p.salary_max, p.salary_currency, p.salary_period, p.salary_text, "
    "p.posted_text, p.posted_at, p.captured_at, p.valid_through, p.url, p.summary, "
    "p.description, p.source_format, p.raw, s.name "
    "FROM postings AS p JOIN stages AS s ON s.id = p.stage_id WHERE p.id IN ({marks})"
)
_COMPANIES = (
    "SELECT id, name, description, h1b_note, funding_stage, funding_total, funding_total_usd, "
    "data_source FROM companies WHERE id IN ({marks})"
)


_Companies = dict[int, tuple[str, tuple[str, ...], CompanyProfile | None]]


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


def _grouped(conn: sqlite3.Connection, sql: str, ids: Sequence[int]) -> dict[int, list[Any]]:
    """Rows of ``sql`` (whose first column is the owner's id) grouped by that id, in order."""
    groups: dict[int, list[Any]] = defaultdict(list)
    for owner, *rest in conn.execute(sql.format(marks=_marks(ids)), list(ids)):
        groups[owner].append(rest)
    return groups


def read_documents(conn: sqlite3.Connection, ids: Sequence[int]) -> list[PostingDocument]:
    """The documents of the postings with these ids, in that order (an id not stored is left
    out). Run in one read transaction, so the postings are read as one snapshot."""
    documents: list[PostingDocument] = []
    companies: _Companies = {}
    for start in range(0, len(ids), CHUNK):
        documents += _read_chunk(conn, list(ids[start : start + CHUNK]), companies)
    return documents


def read_document(conn: sqlite3.Connection, posting_id: int) -> PostingDocument | None:
    """The document of one stored posting, or None when there is none with that id."""
    found = read_documents(conn, [posting_id])
    return found[0] if found else None


_NEXT_IDS = "SELECT id FROM postings WHERE id > ? ORDER BY id LIMIT ?"


def iter_documents(conn: sqlite3.Connection) -> Iterator[PostingDocument]:
    """Every posting's document in id order, a chunk at a time (memory stays flat), all read
    from one snapshot: ``conn`` is held in one read transaction until the last is read."""
    conn.execute("BEGIN")  # one read transaction: one snapshot, however long the reading
    try:
        # A chunk's ids are read as the chunk is (a seek down the table's key): reading every
        # id first walked the whole table once more, a third of an export of 100,000.
        last = 0
        companies: _Companies = {}  # an employer's postings are spread over the library
        while ids := [pid for (pid,) in conn.execute(_NEXT_IDS, (last, CHUNK))]:
            if len(companies) > _COMPANIES_KEPT:
                companies.clear()
            yield from _read_chunk(conn, ids, companies)
            last = ids[-1]
    finally:
        conn.rollback()


def _read_chunk(
    conn: sqlite3.Connection, ids: list[int], companies: _Companies | None = None
) -> list[PostingDocument]:
    """The documents of ``ids`` (one query per table). ``companies`` holds employers already
    read (by id) and gains those read here: a whole-library read reads each only once."""
    rows = {row[0]: row for row in conn.execute(_POSTINGS.format(marks=_marks(ids)), ids)}
    items = _grouped(
        conn,
        "SELECT posting_id, kind, text FROM posting_items WHERE posting_id IN ({marks}) "
        "ORDER BY posting_id, kind, position",
        ids,
    )
    history = _grouped(
        conn,
        "SELECT c.posting_id, s.name, c.at FROM stage_changes AS c "
        "JOIN stages AS s ON s.id = c.stage_id WHERE c.posting_id IN ({marks}) "
        "ORDER BY c.posting_id, c.at, c.id",
        ids,
    )
    if companies is None:
        companies = {}
    company_ids = sorted({row[2] for row in rows.values()} - companies.keys() - {None})
    if company_ids:
        companies.update(_companies(conn, company_ids))
    return [
        _document(rows[i], items.get(i, []), history.get(i, []), companies)
        for i in ids
        if i in rows
    ]


def _document(
    row: Sequence[Any], items: list[list[Any]], history: list[list[Any]], companies: _Companies
) -> PostingDocument:
    (posting_id, title, company_id, location, employment_type, work_model) = row[:6]
    (salary_min, salary_max, currency, period, salary_text) = row[6:11]
    (posted_text, posted_at, captured_at, valid_through, url, summary) = row[11:17]
    (description, source_format, raw, stage) = row[17:21]
    lists: dict[str, list[str]] = defaultdict(list)
    for kind, text in items:
        lists[kind].append(text)
    has_salary = any(v is not None for v in (salary_min, salary_max, salary_text))
    name, industries, profile = companies.get(company_id, (None, (), None))
    return PostingDocument(
        id=posting_id,
        title=title,
        company=name,
        location=location,
        employment_type=employment_type,
        work_model=work_model,
        salary=Salary(
            readable_amount(salary_min), readable_amount(salary_max), currency, period, salary_text
        )
        if has_salary
        else None,
        posted_text=posted_text,
        posted_at=readable_datetime(posted_at),
        captured_at=readable_datetime(captured_at),
        valid_through=valid_through,
        url=url,
        summary=summary,
        description=description,
        industries=industries,
        responsibilities=tuple(lists["responsibility"]),
        qualifications=Qualifications(tuple(lists["required"]), tuple(lists["preferred"])),
        benefits=tuple(lists["benefit"]),
        company_profile=profile,
        source_format=source_format,
        raw=raw,
        stage=stage,
        stage_history=tuple(
            StageChange(stage_name, at)
            for stage_name, stored in history
            if (at := readable_datetime(stored)) is not None
        ),
    )


def _companies(conn: sqlite3.Connection, ids: list[int]) -> _Companies:
    """Each company's name, industries and profile (None when nothing is known of it)."""
    industries = _grouped(
        conn,
        "SELECT company_id, name FROM company_industries WHERE company_id IN ({marks}) "
        "ORDER BY company_id, position",
        ids,
    )
    investors = _grouped(
        conn,
        "SELECT company_id, name FROM company_investors WHERE company_id IN ({marks}) "
        "ORDER BY company_id, position",
        ids,
    )
    rounds = _grouped(
        conn,
        "SELECT company_id, date, round_type, amount, amount_usd FROM funding_rounds "
        "WHERE company_id IN ({marks}) ORDER BY company_id, position",
        ids,
    )
    h1b = _grouped(
        conn,
        "SELECT company_id, year, count FROM h1b_counts WHERE company_id IN ({marks}) "
        "ORDER BY company_id, year DESC",
        ids,
    )
    news = _grouped(
        conn,
        "SELECT company_id, date, title, url FROM company_news WHERE company_id IN ({marks}) "
        "ORDER BY company_id, position",
        ids,
    )
    found = {}
    for row in conn.execute(_COMPANIES.format(marks=_marks(ids)), ids):
        company_id, name, description, h1b_note, stage, total, total_usd, data_source = row
        counts = h1b.get(company_id, [])
        company_rounds = rounds.get(company_id, [])
        company_investors = investors.get(company_id, [])
        company_news = news.get(company_id, [])
        profile = stored_profile(
            name,
            description=description,
            h1b_note=h1b_note,
            h1b_years=[H1bYear(year, count) for year, count in counts],
            funding_stage=stage,
            funding_total=total,
            funding_total_usd=total_usd,
            investors=[investor for (investor,) in company_investors],
            rounds=[FundingRound(*r) for r in company_rounds],
            news=[NewsItem(*n) for n in company_news],
            data_source=data_source,
        )
        names = tuple(industry for (industry,) in industries.get(company_id, []))
        found[company_id] = (name, names, profile)
    return found
