"""No input makes read_postings raise anything but ImportRefused, and what it returns is safe."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.importers import ImportRefused, read_postings
from tests.importers.support import CAPTURED_AT, FIXTURES, SAMPLES
from tests.importers.test_entry_point import assert_safe

SEEDS = [
    (FIXTURES / "jobright-amazon-rl-intern.txt").read_text(encoding="utf-8"),
    *(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))),
    *(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.html"))),
]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read(data) -> None:
    try:
        results = read_postings(data, captured_at=CAPTURED_AT)
    except ImportRefused:
        return
    for result in results:
        assert_safe(result.document)


@FUZZ
@given(st.text())
def test_random_text(text):
    _read(text)


@FUZZ
@given(st.binary())
def test_random_bytes(data):
    _read(data)


@st.composite
def mutated(draw):
    """A sample with a slice cut out, a slice repeated, and random text spliced in."""
    text = draw(st.sampled_from(SEEDS))
    n = len(text)
    a, b = sorted(draw(st.lists(st.integers(0, n), min_size=2, max_size=2)))
    cut = text[:a] + text[b:]
    at = draw(st.integers(0, len(cut)))
    noise = draw(st.text(max_size=40))
    repeat = draw(st.sampled_from(["", text[a:b][:200]]))
    return cut[:at] + noise + repeat + cut[at:]


@FUZZ
@given(mutated())
def test_mutated_samples(text):
    _read(text)


@FUZZ
@given(mutated(), st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]))
def test_mutated_samples_as_bytes(text, encoding):
    _read(text.encode(encoding, "replace"))


@FUZZ
@given(
    st.lists(
        st.sampled_from(
            [
                "Responsibilities",
                "Qualification",
                "Required",
                "Preferred",
                "Benefits",
                "Company",
                "H1B Sponsorship",
                "Funding",
                "Recent News",
                "Current Stage",
                "Total Funding",
                "Key Investors",
                "2025 (12)",
                "2023-01-03Seed· $1M",
                "$8.11BKey Investors",
                "Acme · 2 days ago",
                "Engineer",
                "• item",
                "",
                "Company data provided by crunchbase",
                "<b>x</b>",
                "javascript:alert(1)",
                "2025-12-31",
                "Remote",
                "$1 - $2 per hour",
                "Nice to have:",
                "[",
                "{",
            ]
        ),
        max_size=40,
    )
)
def test_shuffled_structure(lines):
    _read("\n".join(lines))


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(
        st.sampled_from(
            ["title", "company", "raw", "source_format", "qualifications", "captured_at",
             "salary", "company_profile", "@type", "name", "baseSalary", "description", "x"]
        ),
        children,
        max_size=6,
    ),
    max_leaves=20,
)  # fmt: skip


@FUZZ
@given(_JSON)
def test_random_json(value):
    import json

    _read(json.dumps(value))
