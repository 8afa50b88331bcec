"""Excel workbooks (.xlsx, .xlsm): one pair per row of every visible sheet, its columns found as
in a TSV file (header names such as source/target/原文/译文, language names such as 中文 or
en-US, else positions), read with openpyxl in read-only mode so rows stream from the sheet's
XML instead of being held in memory.

A pair is located by its row (the Location's line) and its target cell in Excel's own
notation (the unit: ``Sheet1!C12``, ``'Q3 review'!C12``), which Excel's Name Box and Go To
take as written. A sheet starts at its first row with two cells holding text (see
qa_tool.readers._table), so a title row above the header is skipped; a sheet with no such row
holds no pairs. Hidden sheets are left out: workbooks keep lookup lists and old versions
there. Formulas count by the value Excel last computed, as a translator sees it.
"""

from __future__ import annotations

import datetime
import re
import warnings
from contextlib import contextmanager
from typing import BinaryIO, Iterator

from qa_tool.model import Location, SegmentPair
from qa_tool.readers import ReadOptions
from qa_tool.readers._table import Place, Row, Table, open_table
from qa_tool.readers._zip import archive_errors, checked_archive

KIND = "XLSX workbook"
# Titles Excel quotes even though they are single words: they read as cell references.
_LIKE_A_CELL = re.compile(r"[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*")
# Excel writes a character XML cannot hold, and a pasted carriage return, as _xHHHH_
# (ECMA-376 Part 1, 22.4.2.4); openpyxl leaves the escapes in the text.
_ESCAPED_CHARACTER = re.compile(r"_x([0-9A-Fa-f]{4})_")


def read(stream: BinaryIO, name: str, options: ReadOptions) -> Iterator[SegmentPair]:
    for title, table in bilingual_sheets(stream, name, options):

        def location(row: int, title: str = title, table: Table = table) -> Location:
            return Location(path=name, line=row, unit=cell_reference(title, table.columns.target, row))

        yield from table.pairs(name, options, _place(title), location)


def bilingual_sheets(stream: BinaryIO, name: str, options: ReadOptions) -> Iterator[tuple[str, Table]]:
    """(title, table) for every visible sheet that holds a table, in workbook order."""
    from openpyxl import load_workbook

    archive = checked_archive(stream, name, KIND, ".xls")
    with archive, _library_call(name):
        workbook = load_workbook(archive.fp, read_only=True, data_only=True, keep_links=False)  # type: ignore[arg-type]
    try:
        for sheet in workbook.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible" or not hasattr(sheet, "iter_rows"):
                continue  # hidden, or a chart sheet
            table = open_table(_rows(sheet, name), name, options, _place(sheet.title))
            if table is not None:
                yield sheet.title, table
    finally:
        workbook.close()


def _rows(sheet: object, name: str) -> Iterator[Row]:
    """(row number, cell texts) of every row, empty ones too."""
    # A sheet's <dimension> may claim far more cells than it has (some writers put the whole
    # grid there), and read-only openpyxl pads every row to it; without it rows are as written.
    with _library_call(name):
        sheet.reset_dimensions()  # type: ignore[attr-defined]
        values = sheet.iter_rows(min_row=1, values_only=True)  # type: ignore[attr-defined]
    number = 0
    while True:
        with _library_call(name):
            row = next(values, None)
        if row is None:
            return
        number += 1
        yield number, [_text(value) for value in row]


@contextmanager
def _library_call(name: str) -> Iterator[None]:
    """A call into openpyxl: its errors become InputError, its warnings are dropped (it warns on
    stderr about parts it leaves out, such as data validation extensions and unknown styles,
    which hold no text to check; a reader reports through InputError only)."""
    with archive_errors(name, KIND), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _text(value: object) -> str:
    """A cell's value as the text a translator sees: 3 for 3.0, TRUE, an ISO date."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, str):
        return _ESCAPED_CHARACTER.sub(lambda found: chr(int(found.group(1), 16)), value) if "_x" in value else value
    return str(value)


def _place(title: str) -> Place:
    return lambda row: (f"sheet {title!r}, row {row}", row)


def column_letters(index: int) -> str:
    """Excel's name of a 0-based column: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def column_index(letters: str) -> int:
    """The 0-based column Excel names ``letters``: A → 0, AA → 26."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def cell_reference(title: str, column: int, row: int) -> str:
    """Sheet1!C12, or 'Q3 review'!C12 for a title Excel quotes (spaces, punctuation)."""
    plain = title.isidentifier() and not _LIKE_A_CELL.fullmatch(title)
    quoted = title if plain else "'" + title.replace("'", "''") + "'"
    return f"{quoted}!{column_letters(column)}{row}"



def sheet_title_of(reference: str) -> str:
    """The sheet title in a reference that ``cell_reference`` made: 'Q3 review'!C12 → Q3 review."""
    sheet = reference.rpartition("!")[0]
    if sheet.startswith("'") and sheet.endswith("'") and len(sheet) >= 2:
        return sheet[1:-1].replace("''", "'")
    return sheet
