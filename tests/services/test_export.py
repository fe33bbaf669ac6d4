"""Export follows the posting-document contract exactly."""

from __future__ import annotations

import csv
import io
import json

import pytest

from desktop.core.document import from_json
from desktop.services import export, postings
from desktop.services.library import Library
from tests.samples import amazon_document

CONTRACT_KEYS = [
    "id",
    "title",
    "company",
    "location",
    "employment_type",
    "work_model",
    "salary",
    "posted_text",
    "posted_at",
    "captured_at",
    "valid_through",
    "url",
    "summary",
    "description",
    "industries",
    "responsibilities",
    "qualifications",
    "benefits",
    "company_profile",
    "source_format",
    "raw",
    "stage",
    "stage_history",
]


def test_json_export_has_every_contract_key_in_order(db: Library) -> None:
    saved = postings.create_posting(db, amazon_document())
    (exported,) = json.loads(export.export_json(db))
    assert list(exported) == CONTRACT_KEYS
    assert exported["id"] == saved.value
    assert exported["stage"] == "Saved"
    assert exported["company_profile"]["funding"]["rounds"][0] == {
        "date": "2023-01-03",
        "type": "Post Ipo Debt",
        "amount": "$8B",
        "amount_usd": 8000000000,
    }
    assert exported["posted_at"].endswith("+00:00")


def test_json_export_reads_back_to_the_same_document(db: Library) -> None:
    postings.create_posting(db, amazon_document())
    (exported,) = json.loads(export.export_json(db))
    assert from_json(exported) == postings.all_documents(db)[0]


def test_csv_export_has_a_header_and_one_row_per_posting_and_defuses_formulas(
    db: Library,
) -> None:
    postings.create_posting(db, amazon_document())
    postings.create_posting(db, amazon_document(title='=HYPERLINK("http://x")'))
    rows = list(csv.DictReader(io.StringIO(export.export_csv(db))))
    assert len(rows) == 2
    assert rows[0]["company"] == "Amazon"
    assert rows[0]["industries"] == "Artificial Intelligence (AI); Delivery; E-Commerce; Retail"
    assert rows[1]["title"].startswith("'=")


def test_the_application_deadline_is_stored_and_exported_as_the_source_gave_it(
    db: Library,
) -> None:
    for deadline in ("2027-01-31", "2026-01-20T09:00:00", "2026-12-07T23:59:00+00:00"):
        saved = postings.create_posting(
            db, amazon_document().with_changes(valid_through=deadline, raw=deadline)
        )
        exported = [d for d in json.loads(export.export_json(db)) if d["id"] == saved.value]
        assert exported[0]["valid_through"] == deadline
        assert from_json(exported[0]).valid_through == deadline


def test_an_employer_read_once_is_exported_whole_with_each_of_its_postings(
    db: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One posting a chunk: the employer's data is read with the first and reused by the
    # others (an export reads each company once); every posting still carries all of it.
    from desktop.storage import posting_documents

    monkeypatch.setattr(posting_documents, "CHUNK", 1)
    for title in ("Intern A", "Intern B", "Intern C"):
        postings.create_posting(db, amazon_document().with_changes(title=title))
    exported = json.loads(export.export_json(db))
    assert [doc["title"] for doc in exported] == ["Intern A", "Intern B", "Intern C"]
    profiles = [doc["company_profile"] for doc in exported]
    assert profiles[0]["funding"]["rounds"] and profiles[0]["h1b"]["by_year"]
    assert profiles[1] == profiles[0] == profiles[2]
    assert {doc["company"] for doc in exported} == {"Amazon"}
    assert len({tuple(doc["industries"]) for doc in exported}) == 1 and exported[0]["industries"]
