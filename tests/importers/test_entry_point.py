"""read_postings: refusals, safety of every field but raw, export round trip, speed."""

from __future__ import annotations

import json
import re
import socket
from dataclasses import fields, is_dataclass

import pytest

from desktop.core.document import to_json
from desktop.core.posting import PostingDocument
from desktop.importers import ImportRefused, ReadResult, read_postings
from tests.importers.support import CAPTURED_AT, FIXTURES, SAMPLES

SHARED = FIXTURES / "jobright-amazon-rl-intern.txt"
MARKUP = re.compile(r"<[A-Za-z/!?]")
UNSAFE = re.compile(r"(?i)\b(?:javascript|vbscript|file|data|http):")


def strings_outside_raw(value, name="") -> list[tuple[str, str]]:
    """Every string in a document but raw, with the field it sits in."""
    if isinstance(value, str):
        return [] if name == "raw" else [(name, value)]
    if isinstance(value, tuple):
        return [s for item in value for s in strings_outside_raw(item, name)]
    if is_dataclass(value):
        return [
            s for f in fields(value) for s in strings_outside_raw(getattr(value, f.name), f.name)
        ]
    return []


def assert_safe(doc: PostingDocument) -> None:
    for field_name, text in strings_outside_raw(doc):
        assert not MARKUP.search(text), (field_name, text)
        assert not UNSAFE.search(text), (field_name, text)
    for link in [doc.url] + [
        n.url for n in (doc.company_profile.news if doc.company_profile else ())
    ]:
        assert link is None or link.startswith(("https://", "mailto:"))


# -- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        ("   \n\t  ", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        (b"\xff\xd8\xff\xe0" + bytes(200), "JPEG image"),
        (b"%PDF-1.7\n" + bytes(range(256)), "PDF"),
        (bytes(range(256)) * 8, "binary"),
        (b"\x00\x01\x02\x03" * 100, "binary"),
        ("short", "too short"),
    ],
)
def test_refuses_with_reason(data, reason):
    with pytest.raises(ImportRefused) as caught:
        read_postings(data, captured_at=CAPTURED_AT)
    assert reason in caught.value.reason
    assert reason in str(caught.value)


def test_refuses_prose_that_is_not_a_posting():
    prose = (
        "The river ran high that spring. My grandmother kept a garden by the water and every "
        "evening we walked along the bank to see how far the flood had come.\n\n"
        "Nobody in the village remembered a year like it. The bakery closed for a week.\n"
    )
    with pytest.raises(ImportRefused, match="does not look like a job posting"):
        read_postings(prose.encode(), captured_at=CAPTURED_AT)


def test_refuses_foreign_json_naming_the_formats_read_and_a_broken_export():
    with pytest.raises(ImportRefused, match="not a format Jobdeck reads") as caught:
        read_postings('{"name": "package", "version": "1.0"}', captured_at=CAPTURED_AT)
    assert "Greenhouse, Lever, Ashby, SmartRecruiters, Workable and Workday" in caught.value.reason
    broken = json.dumps(
        [{"title": "A", "company": "B", "work_model": "Sometimes", "source_format": "manual",
          "captured_at": "2026-01-02T19:38:00+00:00"}]
    )  # fmt: skip
    with pytest.raises(ImportRefused, match="work_model"):
        read_postings(broken, captured_at=CAPTURED_AT)


@pytest.mark.parametrize(
    "value",
    [
        {"title": "Engineer", "company": "Acme", "location": {"city": "Oslo"}},
        {"@type": "JobPosting", "title": "Engineer", "qualifications": "Five years of Go",
         "hiringOrganization": "Acme", "captured_at": "x", "raw": "y"},
    ],
)  # fmt: skip
def test_json_with_title_and_company_is_never_judged_as_an_export(value):
    # A board's record or a schema.org posting shares keys with an export; only an export's
    # own markers make a file one, so the message never sends the user to a broken backup.
    try:
        results = read_postings(json.dumps(value), captured_at=CAPTURED_AT)
    except ImportRefused as refused:
        assert "Jobdeck export" not in refused.reason
    else:
        assert results[0].document.title == "Engineer"
        assert results[0].document.source_format != "jobdeck-json"


def test_refused_is_a_value_error():
    assert issubclass(ImportRefused, ValueError)


# -- decoding ----------------------------------------------------------------------------------


def test_bom_and_cp1252_are_decoded():
    text = SHARED.read_text(encoding="utf-8")
    (with_bom,) = read_postings(b"\xef\xbb\xbf" + text.encode(), captured_at=CAPTURED_AT)
    assert with_bom.document.raw == text
    sample = (SAMPLES / "workday-analyst.txt").read_text(encoding="utf-8") + "Caf\u00e9 perks\n"
    (legacy,) = read_postings(sample.encode("cp1252"), captured_at=CAPTURED_AT)
    assert legacy.document.raw == sample
    assert legacy.document.title == "Senior Financial Analyst"


def test_result_is_frozen():
    (result,) = read_postings(SHARED.read_bytes(), captured_at=CAPTURED_AT)
    assert isinstance(result, ReadResult)
    with pytest.raises(AttributeError):
        result.warnings = ()  # type: ignore[misc]


# -- hostile input ---------------------------------------------------------------------------

HOSTILE_TEXT = """Senior <script>alert(1)</script>Engineer
<b>Evil Corp</b>
Remote

Responsibilities
- Click <a href="javascript:alert(1)">here</a> to apply
- See file:///etc/passwd and http://plain.example/x and <img src=http://tracker.example/p.gif>
- Read &lt;script&gt;alert(2)&lt;/script&gt; twice

Requirements
- <iframe src="https://evil.example"></iframe>Five years of <em>experience</em>
"""

HOSTILE_HTML = """<html><head><script type="application/ld+json">
{"@context": "https://schema.org", "@type": "JobPosting",
 "title": "Engineer <script>alert(1)<\\/script>",
 "url": "javascript:alert(1)",
 "hiringOrganization": {"name": "<img src=http://x.example/a.png onerror=alert(1)>Evil"},
 "description": "<p onclick='x()'>Hi</p><ul><li><a href='file:///etc/passwd'>secrets</a></li></ul><script>steal()<\\/script>",
 "jobBenefits": "<style>body{}</style>Free &lt;b&gt;lunch&lt;/b&gt;"}
</script></head><body></body></html>"""

HOSTILE_EXPORT = json.dumps(
    [
        {
            "title": "<script>alert(1)</script>Engineer",
            "company": "Evil",
            "url": "file:///etc/passwd",
            "description": "Apply at javascript:alert(1) now",
            "company_profile": {
                "name": "Evil",
                "news": [{"date": "2025-01-01", "title": "x", "url": "javascript:void(0)"}],
            },
            "source_format": "manual",
        }
    ]
)


@pytest.mark.parametrize("data", [HOSTILE_TEXT, HOSTILE_HTML, HOSTILE_EXPORT])
def test_hostile_input_leaves_no_markup_or_unsafe_links(data):
    results = read_postings(data, captured_at=CAPTURED_AT)
    assert results
    for result in results:
        assert_safe(result.document)
        if data is not HOSTILE_EXPORT:  # an export's raw is the one it carries
            assert result.document.raw == data


def test_hostile_text_keeps_the_words():
    (result,) = read_postings(HOSTILE_TEXT, captured_at=CAPTURED_AT)
    doc = result.document
    assert doc.title == "Senior Engineer"
    assert doc.responsibilities[0] == "Click here to apply"
    assert doc.qualifications.required == ("Five years of experience",)


# -- JSON export round trip ------------------------------------------------------------------


def test_export_import_round_trip():
    sources = [SHARED, *sorted(SAMPLES.glob("*.txt")), *sorted(SAMPLES.glob("*.html"))]
    documents = []
    for i, path in enumerate(sources):
        for result in read_postings(path.read_bytes(), name=path.name, captured_at=CAPTURED_AT):
            documents.append(result.document.with_changes(id=i + 1, stage="Saved"))
    exported = [to_json(doc) for doc in documents]
    text = json.dumps(exported, ensure_ascii=False)
    results = read_postings(text.encode(), name="export.json", captured_at=CAPTURED_AT)
    assert [to_json(r.document) for r in results] == exported
    single = read_postings(json.dumps(exported[0]), captured_at=CAPTURED_AT)
    assert [to_json(r.document) for r in single] == exported[:1]


# -- no network --------------------------------------------------------------------------------

REMOTE_CONTEXTS = """<html vocab="https://schema.org/" prefix="ex: http://example.invalid/ns#">
<head><script type="application/ld+json">
{"@context": "https://example.invalid/remote-context.jsonld", "@type": "JobPosting",
 "title": "Remote Context Engineer", "hiringOrganization": "Nowhere"}
</script></head>
<body><div typeof="JobPosting"><span property="title">Remote Context Engineer</span>
<link property="ex:thing" href="http://example.invalid/other"/></div></body></html>"""


def test_structured_data_is_read_without_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("an importer tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    (result,) = read_postings(REMOTE_CONTEXTS, captured_at=CAPTURED_AT)
    assert result.document.title == "Remote Context Engineer"
    # RDFa alone (no JSON-LD) runs pyRdfa, which must not fetch its vocabulary either.
    rdfa_only = REMOTE_CONTEXTS.replace("application/ld+json", "text/plain")
    for sample in (rdfa_only, (SAMPLES / "rdfa-posting.html").read_text(encoding="utf-8")):
        assert read_postings(sample, captured_at=CAPTURED_AT)


# -- speed -------------------------------------------------------------------------------------


def test_five_megabytes_of_text_are_read():
    # How long it takes is make bench's (benchmarks/bench_import.py), not a test's.
    body = SHARED.read_text(encoding="utf-8")
    big = body + ("Develop scalable, efficient processes for large scale data analyses\n" * 80_000)
    assert len(big.encode()) > 5_000_000
    assert read_postings(big.encode(), captured_at=CAPTURED_AT)

    one_line = "Senior Engineer\n\nResponsibilities\n" + "word " * 1_100_000
    assert read_postings(one_line, captured_at=CAPTURED_AT)
