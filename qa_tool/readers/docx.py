"""Word documents (.docx, .docm): bilingual tables, one pair per row, read with python-docx.

Two layouts are usual: a two-column table, Chinese | English, and a review table, id | source
| target | comment. Their columns are found as in a TSV file (header names such as
source/target/原文/译文, language names such as 中文/English, else positions: two columns
are source and target, three or more id, source and target), per table, from the table's
first row with two cells of text (see qa_tool.readers._table). A pair is located by its table
and row, counted from 1 in document order: the unit ``table 2, row 5``. Only the body's own
tables are read, not tables nested in a cell.

A cell's text is what Word shows with tracked changes accepted: insertions count, deletions
and text moved away do not (python-docx's own cell text leaves out tracked insertions, so the
runs are read here). Paragraphs are joined by a line break, empty paragraphs at the end of a
cell (an Enter pressed after the text) are dropped, a tab is a tab and a manual line break a
line break. Runs split anywhere, even mid-word (Word splits them wherever formatting, spell
checking or revision marks change), join up. A cell merged across columns keeps its text in
its first column and one merged down rows in its first row, as a spreadsheet does, so a
heading merged across the whole width is a title row and no pair.

python-docx parses the whole document part; its size is bounded by the ZIP checks of
qa_tool.readers._zip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, BinaryIO, Iterator

from lxml import etree

from qa_tool.model import Location, SegmentPair
from qa_tool.readers import ReadOptions
from qa_tool.readers._table import Place, Row, Table, open_table
from qa_tool.readers._zip import archive_errors, checked_archive

if TYPE_CHECKING:
    import docx.document

KIND = "DOCX document"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Subtrees whose text is not the cell's visible text: tracked deletions and moves away, nested
# tables (read as their own rows by nobody), text boxes, and field instructions.
_SKIPPED = frozenset(f"{_W}{name}" for name in ("del", "moveFrom", "tbl", "txbxContent", "instrText", "delText"))
_CHARACTERS = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "\u2011"}


def read(stream: BinaryIO, name: str, options: ReadOptions) -> Iterator[SegmentPair]:
    for number, _, table in bilingual_tables(open_document(stream, name), name, options):

        def location(row: int, number: int = number) -> Location:
            return Location(path=name, unit=unit_of(number, row))

        yield from table.pairs(name, options, _place(number), location)


def open_document(stream: BinaryIO, name: str) -> "docx.document.Document":
    """The python-docx document in ``stream``, its archive checked first."""
    import docx

    archive = checked_archive(stream, name, KIND, ".doc")
    with archive, archive_errors(name, KIND):
        return docx.Document(archive.fp)


def bilingual_tables(document: object, name: str, options: ReadOptions) -> Iterator[tuple[int, list, Table]]:
    """(number, python-docx rows, table) for every body table that holds one, in order."""
    with archive_errors(name, KIND):
        tables = list(document.tables)  # type: ignore[attr-defined]
    for number, table in enumerate(tables, start=1):
        rows = list(table.rows)
        found = open_table(_rows(rows, name), name, options, _place(number))
        if found is not None:
            yield number, rows, found


def _place(number: int) -> Place:
    return lambda row: (unit_of(number, row), None)


def unit_of(table: int, row: int) -> str:
    return f"table {table}, row {row}"


def _rows(rows: list, name: str) -> Iterator[Row]:
    with archive_errors(name, KIND):
        for number, row in enumerate(rows, start=1):
            cells = [""] * (row.grid_cols_before or 0)
            for cell in row._tr.tc_lst:
                # A cell that continues a vertical merge shows the text of the cell above it.
                text = "" if cell.vMerge == "continue" else cell_text(cell)
                cells.append(text)
                cells.extend([""] * (cell.grid_span - 1))
            yield number, cells


def cell_text(cell: etree._Element) -> str:
    """The visible text of a <w:tc> (see the module docstring)."""
    paragraphs = ["".join(_text(paragraph)) for paragraph in cell.iterchildren(f"{_W}p")]
    while len(paragraphs) > 1 and not paragraphs[-1]:
        paragraphs.pop()
    return "\n".join(paragraphs)


def _text(element: etree._Element) -> Iterator[str]:
    for child in element:
        if child.tag in _SKIPPED:
            continue
        if child.tag == f"{_W}t":
            yield child.text or ""
        elif child.tag in _CHARACTERS:
            yield _CHARACTERS[child.tag]
        else:
            yield from _text(child)
