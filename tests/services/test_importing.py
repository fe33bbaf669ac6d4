"""Importing through the services: duplicates, decisions, company merges, batches."""

from __future__ import annotations

import threading
from pathlib import Path

from desktop.core.posting import CompanyProfile, Funding, FundingRound, H1b, H1bYear
from desktop.services import importing, postings
from desktop.services.library import Library
from tests.conftest import FIXTURES

SAMPLE = FIXTURES / "jobright-amazon-rl-intern.txt"


def _quiet(done: int, total: int, what: str) -> None:
    pass


def test_the_shared_sample_reads_into_one_draft_with_no_duplicate(db: Library) -> None:
    (draft,) = importing.read_file(db, SAMPLE)
    assert draft.document.company == "Amazon"
    assert draft.document.raw == SAMPLE.read_text(encoding="utf-8")
    assert draft.duplicate is None
    assert draft.source == str(SAMPLE)


def test_a_second_copy_is_recognised_and_the_user_decides(db: Library) -> None:
    (first,) = importing.read_file(db, SAMPLE)
    importing.save_draft(db, first.document)
    (again,) = importing.read_file(db, SAMPLE)
    assert again.duplicate is not None
    assert again.duplicate.reason == "same company and title"
    assert again.duplicate.company == "Amazon"

    importing.save_draft(db, again.document, importing.Decision.SKIP, 1)
    assert postings.count_postings(db) == 1
    importing.save_draft(db, again.document, importing.Decision.SAVE_NEW, 1)
    assert postings.count_postings(db) == 2


def test_same_text_under_another_title_is_a_duplicate_too(db: Library) -> None:
    (first,) = importing.read_file(db, SAMPLE)
    importing.save_draft(db, first.document)
    retitled = first.document.with_changes(title="Applied Science Intern (RL)")
    duplicate = importing.find_duplicate(db, retitled)
    assert duplicate is not None and duplicate.reason == "nearly the same text"
    linked = retitled.with_changes(url="https://example.com/job/1")
    importing.save_draft(db, linked, importing.Decision.SAVE_NEW)
    other = postings.all_documents(db)[0].with_changes(title="Other", url=linked.url)
    found = importing.find_duplicate(db, other)
    assert found is not None and found.reason == "same link"


def test_a_posting_corrected_in_the_preview_is_found_when_pasted_again(db: Library) -> None:
    (first,) = importing.read_file(db, SAMPLE)
    # The user fixed every field the reader gave: title, company, link, the whole body.
    corrected = first.document.with_changes(
        title="RL Intern",
        company="Amazon Science",
        url=None,
        summary="Edited.",
        description="Edited by hand.",
        responsibilities=(),
        qualifications=first.document.qualifications.__class__(),
    )
    importing.save_draft(db, corrected)
    (again,) = importing.read_file(db, SAMPLE)
    assert again.duplicate is not None
    assert again.duplicate.reason == "the same text as received"


def test_updating_from_a_newer_copy_merges_company_data_and_keeps_raw_and_stage(
    db: Library,
) -> None:
    (first,) = importing.read_file(db, SAMPLE)
    saved_id = next(iter(importing.save_draft(db, first.document).created))
    profile = first.document.company_profile
    assert profile is not None and profile.h1b is not None and profile.funding is not None
    newer = first.document.with_changes(
        raw="a newer paste",
        benefits=("Housing",),
        company_profile=CompanyProfile(
            name="Amazon",
            h1b=H1b(None, (H1bYear(2026, 20000), H1bYear(2025, 19000))),
            funding=Funding(rounds=(FundingRound("2025-06-01", "Debt", "$1B", 10**9),)),
        ),
    )
    importing.save_draft(db, newer, importing.Decision.UPDATE_EXISTING, saved_id)
    stored = postings.get_posting(db, saved_id)
    assert stored.raw == first.document.raw
    assert stored.benefits == ("Housing",)
    assert stored.stage == "Saved"
    merged = stored.company_profile
    assert merged is not None and merged.h1b is not None and merged.funding is not None
    years = [(y.year, y.count) for y in merged.h1b.by_year]
    assert years[:3] == [(2026, 20000), (2025, 19000), (2024, 21175)]
    assert len(years) == 7
    assert merged.h1b.note == profile.h1b.note  # not given by the newer copy: kept
    assert [r.date for r in merged.funding.rounds][:2] == ["2025-06-01", "2023-01-03"]
    assert merged.funding.total == "$8.11B"
    assert merged.description == profile.description


def test_reading_many_files_lists_refusals_by_name_and_can_stop(
    db: Library, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    report = importing.read_files(db, [SAMPLE, empty, image], _quiet, threading.Event())
    assert len(report.drafts) == 1
    assert len(report.refusals) == 2
    assert "empty.txt" in report.refusals[0]
    assert "photo.png" in report.refusals[1]

    stop = threading.Event()
    stop.set()
    stopped = importing.read_files(db, [SAMPLE], _quiet, stop)
    assert stopped.cancelled and stopped.drafts == []


def test_saving_many_goes_in_batches_and_stops_between_them(db: Library) -> None:
    (draft,) = importing.read_file(db, SAMPLE)
    batch = importing.BATCH_SIZE
    jobs = [
        (draft.document.with_changes(title=f"Copy {i}"), importing.Decision.SAVE_NEW, None)
        for i in range(batch * 5 // 2)
    ]
    stop = threading.Event()

    def progress(done: int, total: int, what: str) -> None:
        if done >= batch:
            stop.set()

    report = importing.save_many(db, jobs, progress, stop)
    assert report.cancelled
    # What was saved before the stop stays saved, and says so.
    assert postings.count_postings(db) == batch == len(report.changes.created)


def test_a_bad_posting_in_a_batch_is_named_and_the_others_are_saved(db: Library) -> None:
    (draft,) = importing.read_file(db, SAMPLE)
    docs = [draft.document.with_changes(title=f"Copy {i}") for i in range(5)]
    docs[2] = docs[2].with_changes(company=None)
    jobs = [(doc, importing.Decision.SAVE_NEW, None) for doc in docs]
    report = importing.save_many(db, jobs, _quiet, threading.Event())
    assert report.failures == ["Copy 2: A posting needs a company."]
    assert postings.count_postings(db) == 4


def test_html_wins_over_text_only_when_it_carries_a_job_posting() -> None:
    assert importing.clipboard_payload("<p>Hi</p>", "Hi there") == "Hi there"
    html = '<script type="application/ld+json">{"@type": "JobPosting"}</script>'
    assert importing.clipboard_payload(html, "text") == html
    assert importing.clipboard_payload("<p>x</p>", "  ") == "<p>x</p>"
