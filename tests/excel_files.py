"""Workbooks written the way Excel writes them, for the XLSX tests (ECMA-376 Part 1, 18.2-18.3,
and what Excel 2016-365 put in files saved on Chinese Windows), since openpyxl writes every
string inline and would hide the quirks a real delivery has:

- text cells point into xl/sharedStrings.xml (t="s"); Excel writes no inline strings;
- a Chinese-locale Excel adds <phoneticPr fontId="1" type="noConversion"/> to every shared
  string, and Japanese input leaves <rPh> reading runs that are not part of the text;
- text formatted in part (a bold word) is a rich string of <r> runs, split wherever the
  formatting changes, even inside a word;
- a line break typed in a cell (Alt+Enter) is a bare LF; a CR that came in by pasting is
  written _x000D_ (the OOXML escape, 22.4.2.4 of Part 1);
- rows that hold only formatting stay as <row r="4" spans="1:3"/> with no cells;
- a title merged across the header's width (<mergeCells>) keeps its text in the first cell;
- a formula's last value is cached in <v>, with t="str" for text.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

# A cell: a str is shared text, a list of str is a rich string of runs, an int or float a
# number, ("=", formula, value) a formula with its cached text, None an empty cell.
Cell = object


@dataclass
class Sheet:
    title: str
    rows: dict[int, list[Cell]]
    merged: tuple[str, ...] = ()
    state: str = "visible"
    # Rows written with formatting and no cells.
    formatted_empty_rows: tuple[int, ...] = ()
    dimension: str | None = None


@dataclass
class _Strings:
    items: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)

    def add(self, xml: str) -> int:
        if xml not in self.index:
            self.index[xml] = len(self.items)
            self.items.append(xml)
        return self.index[xml]


def _text_xml(text: str) -> str:
    space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
    return f"<t{space}>{escape(text).replace(chr(13), '_x000D_')}</t>"


def column_name(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _cell_xml(reference: str, value: Cell, strings: _Strings) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        shared = strings.add(f'{_text_xml(value)}<phoneticPr fontId="1" type="noConversion"/>')
        return f'<c r="{reference}" t="s"><v>{shared}</v></c>'
    if isinstance(value, list):
        bold = '<rPr><b/><sz val="11"/></rPr>'
        runs = "".join(f"<r>{bold if number % 2 else ''}{_text_xml(run)}</r>" for number, run in enumerate(value))
        shared = strings.add(runs + '<rPh sb="0" eb="1"><t>ヨミ</t></rPh><phoneticPr fontId="1" type="noConversion"/>')
        return f'<c r="{reference}" t="s"><v>{shared}</v></c>'
    if isinstance(value, tuple):
        _, formula, cached = value
        return f'<c r="{reference}" t="str"><f>{escape(formula)}</f><v>{escape(cached)}</v></c>'
    return f'<c r="{reference}"><v>{value}</v></c>'


def _sheet_xml(sheet: Sheet, strings: _Strings) -> str:
    rows = []
    numbers = sorted(set(sheet.rows) | set(sheet.formatted_empty_rows))
    width = max((len(cells) for cells in sheet.rows.values()), default=1)
    for number in numbers:
        cells = sheet.rows.get(number, [])
        body = "".join(_cell_xml(f"{column_name(i)}{number}", value, strings) for i, value in enumerate(cells))
        rows.append(f'<row r="{number}" spans="1:{width}">{body}</row>' if body else f'<row r="{number}" spans="1:{width}" s="1" customFormat="1"/>')
    last = max(numbers, default=1)
    dimension = sheet.dimension or f"A1:{column_name(width - 1)}{last}"
    merged = (
        f'<mergeCells count="{len(sheet.merged)}">' + "".join(f'<mergeCell ref="{ref}"/>' for ref in sheet.merged) + "</mergeCells>"
        if sheet.merged
        else ""
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" '
        'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">'
        f'<dimension ref="{dimension}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
        '<sheetFormatPr defaultRowHeight="14.25" x14ac:dyDescent="0.2"/>'
        f"<sheetData>{''.join(rows)}</sheetData>{merged}"
        '<phoneticPr fontId="1" type="noConversion"/>'
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
    )


def excel_workbook(*sheets: Sheet) -> bytes:
    """The bytes of an .xlsx holding ``sheets`` as Excel writes them."""
    strings = _Strings()
    sheet_parts = [_sheet_xml(sheet, strings) for sheet in sheets]
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    parts = {
        "[Content_Types].xml": declaration
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f"{overrides}"
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        "</Types>",
        "_rels/.rels": declaration
        + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": declaration
        + '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        + "".join(
            f"<sheet name={quoteattr(sheet.title)} sheetId=\"{n}\""
            + (f' state="{sheet.state}"' if sheet.state != "visible" else "")
            + f' r:id="rId{n}"/>'
            for n, sheet in enumerate(sheets, start=1)
        )
        + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": declaration
        + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, len(sheets) + 1)
        )
        + f'<Relationship Id="rId{len(sheets) + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{len(sheets) + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>",
        "xl/styles.xml": declaration
        + '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><sz val="9"/><name val="等线"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
        '<cellXfs count="2"><xf/><xf fillId="0"/></cellXfs></styleSheet>',
    }
    for number, xml in enumerate(sheet_parts, start=1):
        parts[f"xl/worksheets/sheet{number}.xml"] = xml
    parts["xl/sharedStrings.xml"] = (
        declaration
        + f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings.items)}" '
        f'uniqueCount="{len(strings.items)}">'
        + "".join(f"<si>{item}</si>" for item in strings.items)
        + "</sst>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part_name, xml in parts.items():
            archive.writestr(part_name, xml.encode("utf-8"))
    return buffer.getvalue()
