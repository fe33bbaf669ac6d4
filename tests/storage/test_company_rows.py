"""A company new to the library, met several times in one import, is stored exactly as if its
postings had been saved one after another (the ORM's merge into a stored company)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.posting import CompanyProfile, Funding, FundingRound, H1b, H1bYear, NewsItem
from desktop.services import postings
from desktop.services.library import open_library
from tests.samples import amazon_document

FIRST = CompanyProfile(
    name="Kestrel",
    description="Maps for cyclists.",
    h1b=H1b(None, (H1bYear(2024, 3), H1bYear(2023, 1))),
    funding=Funding("Seed", "$2M", 2_000_000, ("Alpha",), (FundingRound("2023-01-02", "Seed"),)),
    news=(NewsItem("2025-01-01", "Launch", None),),
)
SECOND = CompanyProfile(
    name="Kestrel",
    h1b=H1b("Sponsors.", (H1bYear(2025, 7), H1bYear(2024, 4))),
    funding=Funding(
        "Series A", None, None, ("Beta", "Alpha"), (FundingRound("2025-03-04", "Series A"),)
    ),
    news=(NewsItem("2025-01-01", "Launch", None), NewsItem("2025-06-01", "Hiring", None)),
    data_source="crunchbase",
)


def _documents() -> list:
    return [
        amazon_document(
            title=title, company="Kestrel", industries=industries, company_profile=profile
        )
        for title, industries, profile in (
            ("First", ("Maps",), FIRST),
            ("Second", ("Cycling", "Maps"), SECOND),
            ("Third", (), None),
        )
    ]


def test_a_new_company_met_in_one_batch_is_stored_as_saved_one_by_one(tmp_path: Path) -> None:
    together, apart = open_library(tmp_path / "together"), open_library(tmp_path / "apart")
    postings.create_postings(together, _documents())
    for document in _documents():
        postings.create_postings(apart, [document])
    one_batch = [(d.industries, d.company_profile) for d in postings.all_documents(together)]
    one_by_one = [(d.industries, d.company_profile) for d in postings.all_documents(apart)]
    assert one_batch == one_by_one
    industries, profile = one_batch[0]
    assert industries == ("Maps", "Cycling")
    assert profile is not None and profile.h1b is not None and profile.funding is not None
    assert [(y.year, y.count) for y in profile.h1b.by_year] == [(2025, 7), (2024, 4), (2023, 1)]
    assert profile.funding.investors == ("Alpha", "Beta")
    assert [n.title for n in profile.news] == ["Launch", "Hiring"]
    together.close()
    apart.close()


def test_a_known_company_read_again_with_nothing_new_keeps_what_is_stored(
    tmp_path: Path,
) -> None:
    """An export repeats an employer's data in each posting: reading it again changes nothing
    (and the stored rows are not rewritten), while anything new is still folded in."""
    library = open_library(tmp_path / "library")
    first = _documents()[0]
    postings.create_postings(library, [first])
    postings.create_postings(library, [first.with_changes(title="Again")])
    stored = {(d.title, d.industries, d.company_profile) for d in postings.all_documents(library)}
    assert {(title, industries) for title, industries, _ in stored} == {
        ("First", ("Maps",)),
        ("Again", ("Maps",)),
    }
    profile = next(iter(stored))[2]
    assert profile is not None and profile.description == "Maps for cyclists."
    assert [(y.year, y.count) for y in profile.h1b.by_year] == [(2024, 3), (2023, 1)]
    postings.create_postings(library, [_documents()[1].with_changes(title="Newer")])
    newest = {d.title: d for d in postings.all_documents(library)}["First"]
    assert newest.industries == ("Maps", "Cycling")
    library.close()
