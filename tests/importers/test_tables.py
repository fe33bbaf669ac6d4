"""Tables of applications read as people save them: encodings, delimiters, quoted newlines,
Markdown tables and Excel workbooks."""

from __future__ import annotations

import io
from datetime import datetime

import pytest

from desktop.importers import ImportRefused
from desktop.importers.tables import read_table

ROWS = [
    ["Company", "Title", "Notes"],
    ["Zürich Äpfel AG", "Café Manager", "first line\nsecond line"],
    ["Ørsted & Co", "Analyst", "plain"],
]


def _delimited(delimiter: str) -> str:
    def quoted(cell: str) -> str:
        return f'"{cell}"' if ("\n" in cell or delimiter in cell) else cell

    return "\r\n".join(delimiter.join(quoted(c) for c in row) for row in ROWS) + "\r\n"


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"], ids=["utf8", "bom", "utf16", "1252"]
)
def test_every_encoding_and_delimiter_reads_the_same_table(delimiter: str, encoding: str) -> None:
    data = _delimited(delimiter).encode(encoding)
    table = read_table(data, "applications.csv")
    assert table.header == ("Company", "Title", "Notes")
    assert [row.cells for row in table.rows] == [tuple(r) for r in ROWS[1:]]
    assert [row.number for row in table.rows] == [2, 3]  # the header is row 1


def test_tsv_by_its_name_even_when_cells_hold_commas() -> None:
    data = b"Company\tTitle\nSmith, Jones & Co\tClerk, junior\n"
    table = read_table(data, "export.tsv")
    assert table.kind == "TSV"
    assert table.rows[0].cells == ("Smith, Jones & Co", "Clerk, junior")


def test_commas_in_notes_do_not_fool_the_delimiter_of_a_semicolon_file() -> None:
    data = b"Firma;Stelle;Notizen\nAcme;Dev;a, b, c, d, e, f\nBeta;Ops;x, y, z\n"
    table = read_table(data, "bewerbungen.csv")
    assert table.header == ("Firma", "Stelle", "Notizen")
    assert table.rows[0].cells == ("Acme", "Dev", "a, b, c, d, e, f")


def test_markdown_table_with_its_surrounding_text() -> None:
    text = (
        "# Tracker\n\nSome words.\n\n| # | Company | Role |\n|---|:---|---:|\n"
        "| 1 | Acme \\| Sons | Dev |\n| 2 | Beta | Ops |\n\nAfter the table.\n"
    )
    table = read_table(text.encode(), "applications.md")
    assert table.kind == "Markdown"
    assert table.header == ("#", "Company", "Role")
    assert [row.cells for row in table.rows] == [("1", "Acme | Sons", "Dev"), ("2", "Beta", "Ops")]


def test_a_markdown_file_without_a_table_is_refused_with_the_reason() -> None:
    with pytest.raises(ImportRefused, match="no table"):
        read_table(b"# Just notes\n\nNothing tabular here.\n", "notes.md")


def test_excel_workbook_dates_and_numbers_become_text() -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Company", "Title", "Date Applied", "Salary"])
    sheet.append(["Acme", "Dev", datetime(2026, 9, 3), 65000])
    sheet.append([None, None, None, None])
    sheet.append(["Beta", "Ops", datetime(2026, 9, 4, 15, 30), "50k"])
    out = io.BytesIO()
    book.save(out)
    table = read_table(out.getvalue(), "tracker.xlsx")
    assert table.kind == "Excel"
    assert [row.cells for row in table.rows] == [
        ("Acme", "Dev", "2026-09-03", "65000"),
        ("Beta", "Ops", "2026-09-04T15:30:00", "50k"),
    ]
    assert [row.number for row in table.rows] == [2, 4]  # the blank row 3 keeps its number


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "a.csv", "empty"),
        (b"Company,Title\n", "a.csv", "no rows"),
        (b"just one column\nof text\n", "a.csv", "single column"),
        (b"PK\x03\x04 not really a workbook", "a.xlsx", "cannot be opened"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "a.csv", "PNG"),
    ],
)
def test_what_is_not_a_table_is_refused_by_name(data: bytes, name: str, reason: str) -> None:
    with pytest.raises(ImportRefused, match=reason):
        read_table(data, name)
