"""The list's plain SQL: how many match, their ids in order (empty values last), their rows."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.core.listing import SortKey
from desktop.core.posting import Salary
from desktop.storage import fts_query, posting_list, posting_records
from desktop.storage.database import Database
from tests.samples import amazon_document
from tests.storage.conftest import NOW


def _fill(store: Database) -> list[int]:
    docs = [
        amazon_document(title="Robotics intern", url=None, salary=Salary(50, 60, "USD", "hour")),
        amazon_document(title="Data engineer", url=None, location=None, salary=None),
        amazon_document(title="Applied scientist", url=None, salary=Salary(max=200000)),
    ]
    with store.writing() as session:
        return posting_records.insert_postings(session, docs, NOW)


def test_counts_and_ids_follow_the_search_and_the_sort(store: Database) -> None:
    robotics, data, applied = _fill(store)
    with store.querying() as conn:
        assert posting_list.count_matching(conn) == 3
        assert posting_list.count_matching(conn, "robot") == 1
        assert posting_list.count_matching(conn, "", at_most=2) == 2
        by_title = posting_list.list_ids(conn, "", SortKey.TITLE, descending=False)
        by_salary = posting_list.list_ids(conn, "", SortKey.SALARY, descending=False)
        by_salary_down = posting_list.list_ids(conn, "", SortKey.SALARY, descending=True)
        page = posting_list.list_ids(conn, "", SortKey.TITLE, False, offset=1, limit=1)
    assert by_title == [applied, data, robotics]
    assert by_salary == [robotics, applied, data]  # no salary: last, whichever the direction
    assert by_salary_down == [applied, robotics, data]
    assert page == [data]


def test_rows_carry_what_the_list_shows(store: Database) -> None:
    robotics, data, _applied = _fill(store)
    with store.querying() as conn:
        rows = posting_list.rows_by_id(conn, [robotics, data])
    assert rows[robotics].salary_shown == "50 - 60 USD per hour"
    assert rows[data].salary is None and rows[data].location is None
    assert rows[robotics].stage == "Saved" and rows[robotics].company == "Amazon"


def test_a_search_reads_its_matches_once_and_leaves_no_snapshot_behind(store: Database) -> None:
    robotics, data, applied = _fill(store)
    with store.querying() as conn:
        # Every match (few), or the first page of many: the same answer as the plain reads.
        whole = posting_list.count_and_first_ids(
            conn, "robot", SortKey.TITLE, False, page=1, whole_up_to=10
        )
        paged = posting_list.count_and_first_ids(
            conn, "amazon", SortKey.TITLE, False, page=2, whole_up_to=2
        )
        filtered = posting_list.count_and_first_ids(
            conn, "amazon location:seattle", SortKey.TITLE, False, page=5, whole_up_to=5
        )
        assert not conn.in_transaction
        assert conn.execute("SELECT count(*) FROM temp.search_hits").fetchone()[0] == 0
    assert whole == (1, [robotics])
    assert paged == (3, [applied, data])
    assert filtered[0] == posting_list.count_matching(conn, "amazon location:seattle")
    # A posting saved after a search is found by the next one (no read transaction was kept).
    with store.writing() as session:
        (later,) = posting_records.insert_postings(
            session, [amazon_document(title="Robotics researcher", url=None)], NOW
        )
    with store.querying() as conn:
        assert posting_list.count_and_first_ids(
            conn, "robotics", SortKey.TITLE, False, page=5, whole_up_to=5
        ) == (2, [robotics, later])


def test_a_search_answers_the_same_whichever_way_its_page_is_found(store: Database) -> None:
    # Nine postings, newest last; "amazon" is in all of them, "robotics" in three, "rare" in
    # the oldest only: with a page of one, the list's first marked postings (FIRST_PAGES_MARKED
    # per page) hold the page of a common word but not of "rar" (the matches table then).
    titles = ["Rare robotics role", *(f"Engineer {n}" for n in range(6)), "Robotics", "Robotics"]
    docs = [
        amazon_document(title=title, url=None, posted_at=NOW - timedelta(days=len(titles) - n))
        for n, title in enumerate(titles)
    ]
    with store.writing() as session:
        posting_records.insert_postings(session, docs, NOW)
    with store.querying() as conn:
        searches = ("amazon", "robotics", "robot", "rare", "rar", "engineer", "amazon robotics")
        for search in (*searches, "nothing", "amazon location:seattle"):
            for sort in (SortKey.POSTED, SortKey.TITLE):
                for page, whole_up_to in ((1, 0), (2, 1), (1, 3), (3, 20)):
                    found = posting_list.count_and_first_ids(
                        conn, search, sort, True, page=page, whole_up_to=whole_up_to
                    )
                    # The plain reads, every word asked of the index (none left out).
                    count = posting_list.count_matching(conn, search, leave_out=frozenset())
                    ids = posting_list.list_ids(conn, search, sort, True, leave_out=frozenset())
                    assert found == (count, ids if count <= whole_up_to else ids[:page])
                    assert posting_list.count_matching(conn, search) == count
                    paged = posting_list.list_ids(conn, search, sort, True, limit=page)
                    assert paged == ids[:page]
        assert not conn.in_transaction
        assert conn.execute("SELECT count(*) FROM temp.search_hits").fetchone()[0] == 0


def test_a_word_in_every_posting_is_left_out_until_a_posting_without_it_is_saved(
    store: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    robotics, data, applied = _fill(store)  # all three at Amazon, none with "zeta"

    def searched(search: str) -> tuple[int, list[int]]:
        with store.querying() as conn:
            return posting_list.count_and_first_ids(
                conn, search, SortKey.TITLE, False, page=2, whole_up_to=2
            )

    with store.querying() as conn:
        words = fts_query.whole_words(conn, "amazon robotics zeta amaz saved")
        assert words.everywhere == {"amazon"}  # "amaz": not a whole word
        # "saved" names a stage: it finds the postings in it too, more than its text tells.
        assert words.shares == {"amazon": 1, "robotics": 1 / 3, "zeta": 0, "amaz": 0}
    assert searched("amazon") == (3, [applied, data])
    assert searched("amazon robotics") == (1, [robotics])
    assert searched("amazon location:seattle") == searched("location:seattle")
    with store.writing() as session:
        (zeta,) = posting_records.insert_postings(
            session,
            [amazon_document(title="Zeta analyst", company="Zeta", summary="Zeta", url=None)],
            NOW,
        )
    with store.querying() as conn:
        assert conn.execute(  # the new posting's text holds no "amazon" at all
            "SELECT count(*) FROM postings_fts WHERE postings_fts MATCH 'amazon'"
        ).fetchone() == (3,)
        assert fts_query.whole_words(conn, "amazon").everywhere == set()
    assert searched("amazon") == (3, [applied, data])  # Zeta's posting does not match
    assert searched("amaz") == (3, [applied, data])
    assert searched("zeta") == (1, [zeta])
    assert searched("") == (4, [applied, data])
    # A posting without the word older than the newest ones looked at first is found too.
    with store.writing() as session:
        (later,) = posting_records.insert_postings(
            session, [amazon_document(title="Amazon later", url=None)], NOW
        )
    monkeypatch.setattr(fts_query, "SAMPLE", 1)
    with store.querying() as conn:
        # The newest posting holds it: counted in all, it is in four postings of five.
        assert fts_query.whole_words(conn, "amazon") == fts_query.WholeWords(
            frozenset(), {"amazon": 4 / 5}
        )
    assert searched("amazon") == (4, [later, applied])
