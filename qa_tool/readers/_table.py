"""Bilingual tables outside delimited files (spreadsheet sheets, tables of a Word document):
rows of cell texts read with the TSV/CSV reader's own column logic (header names, language
names, positions), so every table format finds its columns the same way.

Real tables open with title rows ("Project X glossary" in cells merged across the width),
so a table starts at its first row with two cells that hold text: that row is the header or
the first pair. Rows with neither a source nor a target hold no pair.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator

from qa_tool.errors import InputError
from qa_tool.model import Location, SegmentPair
from qa_tool.readers import ReadOptions
from qa_tool.readers.delimited import Columns, columns_of_first_row, pair_of_record

Row = tuple[int, list[str]]
# Where a row is, for messages: the words naming its table and row, and the line an error
# names (a sheet's row number; None where a document has no lines).
Place = Callable[[int], tuple[str, int | None]]


@dataclass
class Table:
    """A table whose columns are known, with the rows after the one that told them."""

    columns: Columns
    # Row number of the header, None when the table has none (its first row is a pair).
    header_row: int | None
    # The header's cell texts ([] without a header).
    header: list[str]
    rows: Iterator[Row]

    def pairs(
        self, name: str, options: ReadOptions, place: Place, location: Callable[[int], Location]
    ) -> Iterator[SegmentPair]:
        """The pair of every row with content, located by ``location(row number)``."""
        optional = (self.columns.notes, self.columns.source_language, self.columns.target_language)
        width = max([self.columns.needed, *(index + 1 for index in optional if index is not None)])
        for number, cells in self.rows:
            padded = cells + [""] * (width - len(cells))
            # A row with neither source nor target (a section heading in the id column, a
            # row of remarks only) holds no pair.
            if not (padded[self.columns.source].strip() or padded[self.columns.target].strip()):
                continue
            with located_errors(name, place, number):
                pair = pair_of_record(padded, number, self.columns, options, name, location=location(number))
            yield pair


def open_table(rows: Iterator[Row], name: str, options: ReadOptions, place: Place) -> Table | None:
    """The table in ``rows`` with its columns, or None when no row has two cells with text."""
    for number, cells in rows:
        if sum(1 for cell in cells if cell.strip()) < 2:
            continue
        with located_errors(name, place, number):
            columns, is_header = columns_of_first_row(cells, number, options, name)
        if is_header:
            return Table(columns, number, cells, rows)
        return Table(columns, None, [], _chained((number, cells), rows))
    return None


def _chained(first: Row, rest: Iterator[Row]) -> Iterator[Row]:
    yield first
    yield from rest


@contextmanager
def located_errors(name: str, place: Place, number: int) -> Iterator[None]:
    """Re-raises an InputError of the column logic with the table and row it is about."""
    try:
        yield
    except InputError as error:
        if error.path != name:
            raise
        words, line = place(number)
        raise InputError(f"{words}: {error.message}", path=name, line=line) from None
