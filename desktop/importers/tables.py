"""Tables of applications as people keep them: CSV, TSV, Excel (.xlsx) and Markdown tables.

Bytes in, a header and its rows out, each row with the number a spreadsheet shows for it (the
header is row 1), so a bad row can be named. Text is decoded as every reader decodes it (UTF-8
with or without a BOM, UTF-16 with one, Windows-1252); the delimiter is sniffed; a quoted cell
keeps its newlines. openpyxl is imported only when an .xlsx file is read.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import PurePath

from desktop.importers.decode import decode
from desktop.importers.result import ImportRefused

TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".xlsx", ".md", ".markdown")
_DELIMITERS = ",;\t|"
_XLSX_MAGIC = b"PK\x03\x04"
# A Markdown table's separator row: "|---|:---:|", pipes at the ends optional.
_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


@dataclass(frozen=True)
class TableRow:
    number: int  # as a spreadsheet numbers it: the header is row 1
    cells: tuple[str, ...]

    def cell(self, column: int) -> str:
        """The cell's text, stripped; "" past the row's end."""
        return self.cells[column].strip() if column < len(self.cells) else ""


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[TableRow, ...]
    kind: str  # "CSV" | "TSV" | "Excel" | "Markdown": said back to the user


def is_table_name(name: str) -> bool:
    """Whether a file's name says it is a table (by its suffix)."""
    return PurePath(name).suffix.lower() in TABLE_SUFFIXES


def read_table(data: bytes, name: str) -> Table:
    """The table in a file's bytes. ``name`` (the file's name) tells .xlsx from text.

    Raises ImportRefused: not a table, an empty one, a workbook that cannot be opened.
    """
    suffix = PurePath(name).suffix.lower()
    if suffix == ".xlsx" or data.startswith(_XLSX_MAGIC):
        return _read_xlsx(data)
    text = decode(data)
    if suffix in (".md", ".markdown") or _markdown_table_lines(text):
        lines = _markdown_table_lines(text)
        if lines:
            return _from_rows([(n, cells) for n, cells in lines], "Markdown")
        if suffix in (".md", ".markdown"):
            raise ImportRefused("the Markdown file holds no table (a | header | row and |---|)")
    return _read_delimited(text, tab=suffix in (".tsv", ".tab"))


def _from_rows(numbered: Sequence[tuple[int, Sequence[str]]], kind: str) -> Table:
    """The first non-empty row is the header; empty rows are dropped (their numbers stay)."""
    rows = [(n, tuple(cells)) for n, cells in numbered if any(c.strip() for c in cells)]
    if not rows:
        raise ImportRefused("the table is empty")
    (_, header), *body = rows
    if not body:
        raise ImportRefused("the table has a header but no rows")
    return Table(
        tuple(h.strip() for h in header), tuple(TableRow(n, cells) for n, cells in body), kind
    )


def _read_delimited(text: str, *, tab: bool) -> Table:
    sample = text[:65536]
    delimiter = "\t" if tab else _likeliest_delimiter(sample)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    numbered: list[tuple[int, Sequence[str]]] = []
    try:
        for cells in reader:
            # The row's number: the line the record started on, counting quoted newlines, as
            # a spreadsheet shows rows (one record, one row).
            numbered.append((len(numbered) + 1, cells))
    except csv.Error as error:
        reason = f"the table cannot be read near row {len(numbered) + 1}: {error}"
        raise ImportRefused(reason) from None
    table = _from_rows(numbered, "TSV" if delimiter == "\t" else "CSV")
    if len(table.header) < 2:
        raise ImportRefused(
            "the file has a single column: not a table of applications (is it a posting?)"
        )
    return table


def _likeliest_delimiter(sample: str) -> str:
    """The sniffed delimiter when the header line holds it, else the one the header line holds
    most of: headers rarely hold a comma of their own, while the sniffer can be misled by the
    commas of a notes column."""
    first = sample.split("\n", 1)[0]
    try:
        sniffed = csv.Sniffer().sniff(sample[:8192], _DELIMITERS).delimiter
    except csv.Error:
        sniffed = ""
    most = max(_DELIMITERS, key=first.count)
    return sniffed if sniffed and first.count(sniffed) >= first.count(most) else most


def _split_markdown(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells = re.split(r"(?<!\\)\|", body)
    return [cell.strip().replace("\\|", "|") for cell in cells]


def _markdown_table_lines(text: str) -> list[tuple[int, list[str]]]:
    """The first pipe table's header and rows with their line numbers, or [] when none."""
    lines = text.splitlines()
    for index in range(1, len(lines)):
        if _MD_SEPARATOR.match(lines[index]) and "|" in lines[index - 1]:
            found = [(index, _split_markdown(lines[index - 1]))]
            for number, line in enumerate(lines[index + 1 :], start=index + 2):
                if "|" not in line:
                    break
                found.append((number, _split_markdown(line)))
            # Row numbers of a Markdown table: the header 1, then each row in turn.
            return [(n, cells) for n, (_, cells) in enumerate(found, start=1)]
    return []


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat() if value.time() != time() else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(data: bytes) -> Table:
    import zipfile

    try:
        import openpyxl  # an Excel reader is loaded only when a workbook is read
    except ImportError:  # pragma: no cover - a broken install
        raise ImportRefused("Excel files need openpyxl, which is not installed") from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportRefused(f"the Excel workbook cannot be opened ({error})") from None
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise ImportRefused("the Excel workbook has no sheet")
        numbered = [
            (number, [_cell_text(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()
    return _from_rows(numbered, "Excel")
