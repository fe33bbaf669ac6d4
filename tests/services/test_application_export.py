"""Everything round-trips: the JSON export carries each application's notes, contacts (with
roles), documents (with file hashes), applied_at, rating, referral and labels; importing that export
into another library puts them back."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from desktop.core.application_facts import StoredFacts
from desktop.core.contacts import ContactFields
from desktop.core.document import from_json
from desktop.services import (
    application_facts,
    contacts,
    documents,
    export,
    labels,
    notes,
    postings,
)
from desktop.services.library import Library, open_library
from tests.samples import amazon_document

APPLIED = datetime(2026, 11, 17, 9, 0, tzinfo=UTC)


def _filled(db: Library, tmp_path: Path) -> int:
    posting_id = postings.create_posting(db, amazon_document()).value
    notes.add_note(db, posting_id, "Phone screen with Dana\nnext: onsite", now=APPLIED)
    dana = contacts.add_contact(
        db, ContactFields(name="Dana Reyes", company="Amazon", email="d@amazon.example")
    ).value
    contacts.link_contact(db, dana.id, posting_id, "recruiter")
    contacts.link_contact(db, dana.id, posting_id, "interviewer")
    resume = tmp_path / "resume.pdf"
    resume.write_bytes(b"%PDF resume")
    documents.attach_document(db, posting_id, resume, label="Resume v3", sent_on=date(2026, 11, 2))
    application_facts.set_facts(db, posting_id, StoredFacts(APPLIED, 4, True))
    labels.create_label(db, "Dream job", "#a855f7")
    labels.put_labels(db, [posting_id], ["Dream job", "Remote"])
    return posting_id


def test_the_export_carries_the_application(db: Library, tmp_path: Path) -> None:
    _filled(db, tmp_path)
    (exported,) = json.loads(export.export_json(db))
    assert [n["text"] for n in exported["notes"]] == ["Phone screen with Dana\nnext: onsite"]
    (dana,) = exported["contacts"]
    assert (dana["name"], dana["roles"]) == ("Dana Reyes", ["interviewer", "recruiter"])
    (doc,) = exported["documents"]
    assert doc["label"] == "Resume v3" and len(doc["sha256"]) == 64 and doc["size"] == 11
    assert (exported["rating"], exported["referral"]) == (4, True)
    assert exported["applied_at"] == APPLIED.isoformat()
    assert exported["labels"] == [
        {"name": "Dream job", "color": "#a855f7"},
        {"name": "Remote", "color": "#3b82f6"},
    ]
    assert from_json(exported).application is not None


def test_importing_the_export_elsewhere_restores_it(capsys, db: Library, tmp_path: Path) -> None:
    from tests.cli.test_import_export_cli import run

    _filled(db, tmp_path)
    exported = tmp_path / "export.json"
    exported.write_text(export.export_json(db), encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "other"), "import", str(exported))
    assert code == 0, err
    other = open_library(tmp_path / "other")
    try:
        (posting_id,) = postings.list_posting_ids(other)
        assert [n.text for n in notes.list_notes(other, posting_id)] == [
            "Phone screen with Dana\nnext: onsite"
        ]
        assert sorted(a.role for a in contacts.contacts_of_posting(other, posting_id)) == [
            "interviewer",
            "recruiter",
        ]
        (doc,) = documents.documents_of(other, posting_id)
        assert (doc.label, doc.sent_on) == ("Resume v3", date(2026, 11, 2))
        facts = application_facts.get_facts(other, posting_id)
        assert (facts.applied_at, facts.rating, facts.referral) == (APPLIED, 4, True)
        assert postings.list_posting_ids(other, "onsite") == [posting_id]
        assert [(x.name, x.color) for x in labels.labels_of(other, posting_id)] == [
            ("Dream job", "#a855f7"),
            ("Remote", "#3b82f6"),
        ]
        assert postings.list_posting_ids(other, 'label:"dream job"') == [posting_id]
        assert json.loads(export.export_json(other))[0]["documents"][0]["sha256"] == doc.sha256
    finally:
        other.close()


def test_wrong_labels_in_an_export_are_named(capsys, tmp_path: Path) -> None:
    from tests.cli.test_import_export_cli import run

    doc = json.loads(_one_export(tmp_path))
    doc[0]["labels"] = [{"name": "Remote", "color": "blue"}]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "other"), "import", str(bad))
    assert code == 1 and "labels[0]" in err and "'blue' is not a colour" in err


def _one_export(tmp_path: Path) -> str:
    db = open_library(tmp_path / "first")
    try:
        postings.create_posting(db, amazon_document())
        return export.export_json(db)
    finally:
        db.close()
