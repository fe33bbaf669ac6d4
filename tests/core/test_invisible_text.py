"""Invisible and direction-override characters and lone surrogates never reach a stored field
(``raw`` aside), and company names compare on the cleaned form."""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.bounds import bounded
from desktop.core.text import clean_text, name_key, storable_verbatim, without_invisible
from desktop.services import importing, postings
from desktop.services.library import Library
from tests.samples import amazon_document

ZWJ, RLO = "\u200d", "\u202e"


def test_every_format_character_and_surrogate_is_removed() -> None:
    # The pattern lists Unicode's Cf and Cs characters; this catches a list that falls behind.
    invisible = [
        chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in ("Cf", "Cs")
    ]
    assert without_invisible("".join(invisible)) == ""
    assert without_invisible("Ama\u200dzon caf\u00e9 \U0001f600") == "Amazon caf\u00e9 \U0001f600"


def test_clean_text_removes_overrides_and_keeps_word_breaks() -> None:
    assert clean_text(f"Ama{ZWJ}zon {RLO}gnp.exe") == "Amazon gnp.exe"
    assert clean_text("two\u200bwords") == "two words"
    assert clean_text("\ud800") is None
    assert storable_verbatim("a\ud800b") == "a\ufffdb"


def test_names_compare_on_the_cleaned_form() -> None:
    assert name_key(f"Ama{ZWJ}zon") == name_key("amazon ") == name_key(f"{RLO}AMAZON")


def test_bounded_cleans_every_field_but_raw() -> None:
    doc, notes = bounded(
        amazon_document(company=f"Ama{ZWJ}zon", title=f"Engineer{RLO}", raw=f"raw{ZWJ}\udc00")
    )
    assert (doc.company, doc.title, notes) == ("Amazon", "Engineer", ())
    assert doc.raw == f"raw{ZWJ}\ufffd"


def test_a_look_alike_company_is_the_same_company(db: Library) -> None:
    first = postings.create_posting(db, amazon_document()).value
    twin = postings.create_posting(
        db, amazon_document(title="Another", company=f"Ama{ZWJ}zon", url=None)
    ).value
    assert postings.get_posting(db, twin).company == postings.get_posting(db, first).company
    # The form's path (update) cleans too.
    postings.update_posting(db, twin, postings.get_posting(db, twin).with_changes(title=f"A{RLO}b"))
    assert postings.get_posting(db, twin).title == "Ab"
    dup = importing.find_duplicate(db, amazon_document(company=f"{ZWJ}amazon", url=None))
    assert dup is not None and dup.reason == "same company and title"


def test_a_lone_surrogate_in_json_text_is_imported_without_it(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    page = tmp_path / "posting.json"
    page.write_text(
        '{"@context": "https://schema.org", "@type": "JobPosting",'
        ' "title": "Engineer \\ud800", "hiringOrganization": {"name": "Ama\\u200dzon"},'
        ' "description": "Build things \\udfff for people all day long, with care."}',
        encoding="utf-8",
    )
    code = main(["--data-dir", str(data_dir), "import", str(page), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    (doc,) = json.loads(out)
    assert (doc["title"], doc["company"]) == ("Engineer", "Amazon")


def test_the_command_lines_id_bound_is_the_librarys() -> None:
    from desktop.cli import arguments
    from desktop.core import bounds

    assert arguments.MAX_ID == bounds.MAX_ID
