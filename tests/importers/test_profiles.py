"""Board profiles (desktop/importers/profiles/*.toml) and the label vocabulary: every file reads,
each board is recognised by its own signals and by no other board's, and chrome rules hold."""

from __future__ import annotations

import tomllib

import pytest

from desktop.importers.labels import _VOCABULARY as LABELS
from desktop.importers.labels import label_field
from desktop.importers.profiles import _FOLDER, Chrome, profiles, recognise
from tests.importers.support import FIXTURES

REAL_WORLD = FIXTURES / "real-world"


def test_every_profile_file_reads_and_names_its_board():
    files = sorted(_FOLDER.glob("*.toml"))
    assert len(profiles()) == len(files)
    assert profiles()[0].name == "any"
    for path in files:
        with path.open("rb") as file:
            data = tomllib.load(file)
        assert data["name"], path.name


@pytest.mark.parametrize(
    ("sample", "board"),
    [
        ("01-linkedin-logged-in-chrome.txt", "LinkedIn"),
        ("03-indeed-rating-hourly-contract.txt", "Indeed"),
        ("04-indeed-glued-textcontent.txt", "Indeed"),
        ("06-greenhouse-body-with-form.txt", "Greenhouse"),
        ("15-stepstone-german.txt", "StepStone"),
        ("07-workday-copy.txt", "Workday"),
    ],
)
def test_each_board_is_recognised_by_its_own_signals_only(sample, board):
    lines = (REAL_WORLD / sample).read_text(encoding="utf-8").split("\n")
    names = [p.name for p in recognise(lines) if p.name != "any"]
    assert names == [board]


def test_a_plain_career_page_is_no_board():
    lines = (FIXTURES / "importers" / "greenhouse-backend-crlf.txt").read_text("utf-8").split("\n")
    assert [p.name for p in recognise(lines)] == ["any"]


@pytest.mark.parametrize(
    "line",
    ["Apply now", "Save Data Engineer at Acme", "3.9 out of 5 stars", "1,204 applicants",
     "First Name *", "- Do you have experience with SQL?", "Accept all cookies"],
)  # fmt: skip
def test_shared_chrome_lines(line):
    assert Chrome(recognise([])).is_chrome(line)


@pytest.mark.parametrize(
    "line",
    ["Hybrid", "Full-time", "Apply your SQL skills to real problems", "Save money for customers",
     "Strong SQL", "Experience with Kafka is a plus"],
)  # fmt: skip
def test_content_is_not_chrome(line):
    assert not Chrome(recognise([])).is_chrome(line)


def test_no_label_is_listed_for_two_fields():
    with LABELS.open("rb") as file:
        data = tomllib.load(file)
    seen: dict[str, str] = {}
    for field, names in data.items():
        for name in names:
            assert seen.setdefault(name, field) == field, f"{name!r} is in two fields"
            assert label_field(name.title()) == field or label_field(name) == field
