"""The checked file written back as a new file with every finding attached to its unit, where a
translator sees it in their own tool (``qa-tool check FILE --annotate PATH``):

- XLIFF 1.2: ``<note from="qa-tool" priority="2">SG03 major: message (→ "fix")</note>`` in the
  <trans-unit>, after its other XLIFF elements; XLIFF 2: ``<note category="qa-tool"
  priority="2">`` in the <unit>'s <notes>, made before the segments when the unit has none.
  A segmented unit's notes name the segment: ``SG03 major [segment 2]: ...``.
- TMX: ``<note>[qa-tool] SG03 major: ...</note>`` in the <tu>, before its <tuv>s (TMX 1.4
  puts note and prop before tuv; TMX notes have no attribute to say who wrote them).
- TSV/CSV: every record as written plus a last field ``qa_findings`` (the notes joined by
  " | "), which the header names when the file has one. A file without a header has a column
  more then, so checking the copy needs its columns named (a two-column file: source 1,
  target 2); a copy annotated again gains another column.
- JSONL: every object as written plus ``"qa_findings": [{"code", "severity", "message",
  "replacement", "spans"}]``.
- XLSX: a cell in a findings column of every sheet that holds pairs, headed ``qa_findings``
  on a sheet with a header, on the row of each pair with findings (the notes one a line); the
  column after the sheet's last used one, or the sheet's ``qa_findings`` column from an
  earlier run, whose old notes are replaced. Only those sheets' XML changes: every other part
  of the workbook (styles, shared strings, charts, macros) is copied as it is.
- PO: translator comments ``# [qa-tool] SG03 major: ...`` on the entry (``[plural form 1]``
  after the severity for a plural form other than the first), after its own comments. The
  catalogue is written again by polib, so long strings are wrapped at 78 columns as msgmerge
  does; obsolete entries stay.
- DOCX: a Word comment by "qa-tool" per finding, anchored on the pair's target cell (on an
  empty run added to an empty cell), where Word's review pane lists it; comments of an
  earlier run are removed, the reviewers' own stay. python-docx writes the copy: the text,
  tables and every part it does not know are kept.
- Interleaved text and two parallel files have no place for notes: they become TSV with the
  columns id, source, target, qa_findings.

Findings are matched to units by the ids (and lines) the readers give their pairs, computed
by the readers' own functions. Everything else is kept: XML is rewritten by lxml in its own
encoding, with its declaration, comments, CDATA and inline markup; the line-based formats
keep every byte but the added field. Notes that an earlier run added are replaced, so
annotating an annotated file does not pile them up. Priority: 1 critical, 2 major, 3 minor
or neutral. The input is only read, and the copy appears atomically.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Hashable, Iterable, Iterator, Sequence, TextIO

from lxml import etree

from qa_tool.atomic import atomic_binary_writer, atomic_text_writer
from qa_tool.errors import InputError
from qa_tool.export import NOT_XML, TSV_BREAKS
from qa_tool.fixing import pair_key
from qa_tool.model import Finding, SegmentPair, Severity
from qa_tool.readers import ReadOptions, open_input, read_pairs
from qa_tool.readers._text import byte_order_mark, numbered_lines
from qa_tool.readers._xml import local_name as element_name
from qa_tool.readers._xml import namespace_of, parse_tree
from qa_tool.readers.delimited import choose_delimiter, numbered_records, record_reader
from qa_tool.readers.parallel import read_parallel
from qa_tool.readers.tmx import pair_id
from qa_tool.readers.xliff import dialect_of, is_xliff_2, qualified_unit_id
from qa_tool.suppressions import NOTE_SEPARATOR

ANNOTATION_FORMATS = ("tmx", "xliff", "tsv", "csv", "jsonl", "interleaved", "parallel", "xlsx", "docx", "po")
AUTHOR = "qa-tool"
FINDINGS_FIELD = "qa_findings"
TMX_NOTE_PREFIX = f"[{AUTHOR}] "
PRIORITY = {Severity.CRITICAL: "1", Severity.MAJOR: "2", Severity.MINOR: "3", Severity.NEUTRAL: "3"}
TSV_COLUMNS = ("id", "source", "target", FINDINGS_FIELD)

_BOM = "\ufeff"
# A note is read back as a pair note, where "qa-ignore:" would be taken as a suppression (an
# unused-suppression finding quotes one). A non-breaking hyphen looks the same and is inert.
_DIRECTIVE_WORD = re.compile("qa-ignore", re.IGNORECASE)
_INERT_DIRECTIVE_WORD = "qa\u2011ignore"
_XML_DECLARATION = re.compile(r"<\?xml[^>]*\?>\s*")

if TYPE_CHECKING:
    import zipfile

    from qa_tool.readers._table import Table

UnitKey = Hashable


def write_annotated(
    input_paths: Sequence[str],
    format_name: str,
    options: ReadOptions,
    findings: Sequence[Finding],
    destination: str,
) -> int:
    """Write a copy of the checked file to ``destination`` with ``findings`` attached to their
    units (see the module docstring); return how many were attached. ``input_paths`` is the
    file as it was named when checked, or for "parallel" the Chinese file and the English
    file. Findings about other files are left out. InputError when the destination is an
    input, when an input is standard input (it cannot be read twice), or when the copy cannot
    be written."""
    paths = tuple(input_paths)
    _check_paths(paths, format_name, destination)
    name = paths[0]
    own = [finding for finding in findings if finding.location.path == name]
    if format_name == "tmx":
        return _annotate_xml(name, options, own, destination, _annotate_tmx)
    if format_name == "xliff":
        return _annotate_xml(name, options, own, destination, _annotate_xliff)
    if format_name in ("tsv", "csv"):
        return _annotate_delimited(name, format_name, options, own, destination)
    if format_name == "jsonl":
        return _annotate_jsonl(name, options, own, destination)
    if format_name == "xlsx":
        return _annotate_workbook(name, options, own, destination)
    if format_name == "po":
        return _annotate_po(name, options, own, destination)
    if format_name == "docx":
        return _annotate_document(name, options, own, destination)
    with ExitStack() as stack:
        streams = [stack.enter_context(open_input(path)) for path in paths]
        if format_name == "parallel":
            pairs = read_parallel(streams[0], paths[0], streams[1], paths[1], options)
        else:
            pairs = read_pairs(streams[0], name, options, format_name)
        return _write_pairs_as_tsv(pairs, own, destination)


def note_text(finding: Finding, segment: str | None = None, part: str = "segment") -> str:
    """'SG03 major: Chinese left in the English: '邮电大学'.' plus ' (→ "fix")' when there is a
    safe fix, and ' [segment 2]' after the severity for a segment of a segmented unit (' [plural
    form 1]' with ``part`` "plural form")."""
    where = f" [{part} {segment}]" if segment else ""
    return f"{finding.code} {finding.severity.label}{where}: {finding.message}{_fix(finding)}"


def _fix(finding: Finding) -> str:
    if finding.replacement is None:
        return ""
    return " (→ delete)" if finding.replacement == "" else f' (→ "{finding.replacement}")'


def _check_paths(paths: tuple[str, ...], format_name: str, destination: str) -> None:
    if format_name not in ANNOTATION_FORMATS:
        raise InputError(f"cannot annotate format {format_name!r} (expected one of: {', '.join(ANNOTATION_FORMATS)})")
    wanted = 2 if format_name == "parallel" else 1
    if len(paths) != wanted:
        raise InputError(f"annotating {format_name} takes {wanted} input file(s), got {len(paths)}")
    for path in paths:
        if path == "-":
            raise InputError("cannot annotate standard input: the copy is made by reading the file again", path=path)
        if _same_file(path, destination):
            raise InputError(
                "the annotated copy would overwrite the checked file; give another path for it", path=destination
            )


def _same_file(first: str, second: str) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:  # one of them does not exist (yet)
        return Path(first).resolve() == Path(second).resolve()


def _grouped(findings: Iterable[Finding], key: Callable[[SegmentPair], UnitKey]) -> dict[UnitKey, list[Finding]]:
    grouped: dict[UnitKey, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(key(finding.pair), []).append(finding)
    return grouped


def _unit_key(pair: SegmentPair) -> UnitKey:
    # Without lines (a Word table's rows), ids from an id column may repeat across tables.
    return (pair.id, pair.location.line, pair.location.unit)


@contextmanager
def _output(destination: str, encoding: str = "utf-8", errors: str = "strict") -> Iterator[TextIO]:
    try:
        with atomic_text_writer(destination, encoding, errors) as stream:
            yield stream
    except OSError as error:
        raise InputError(f"cannot write the annotated file: {error.strerror or error}", path=destination) from None
    except LookupError:
        raise InputError(f"cannot write text in the encoding {encoding!r}", path=destination) from None


def _byte_order_mark(head: bytes) -> str | None:
    """The exact codec a byte order mark names (the copy keeps its byte order), or None."""
    found = byte_order_mark(head)
    return found[1] if found else None


# XML -------------------------------------------------------------------------------------

XmlAnnotator = Callable[[etree._Element, str, list[Finding]], int]


def _annotate_xml(
    name: str, options: ReadOptions, findings: list[Finding], destination: str, annotate: XmlAnnotator
) -> int:
    with open_input(name) as stream:
        data = stream.read()
    tree = parse_tree(data, name, options.encoding)
    attached = annotate(tree.getroot(), name, findings)
    marked_codec = _byte_order_mark(data[:4])
    codec = marked_codec or options.encoding or tree.docinfo.encoding or "utf-8"
    with _output(destination, codec, errors="xmlcharrefreplace") as out:
        if marked_codec:
            out.write(_BOM)
        out.write(_prolog(data, codec))
        out.write(etree.tostring(tree, encoding="unicode"))
        out.write(_epilog(data, codec))
    return attached


def _prolog(data: bytes, codec: str) -> str:
    """The XML declaration exactly as written, with the white space after it (lxml would
    write its own), or "" when the file has none."""
    head = data[:512].decode(codec, errors="ignore").lstrip(_BOM)
    declaration = _XML_DECLARATION.match(head)
    return declaration.group() if declaration else ""


def _epilog(data: bytes, codec: str) -> str:
    """The white space after the root element (lxml drops it), such as the final line break."""
    tail = data[-8:].decode(codec, errors="ignore")
    return tail[len(tail.rstrip()) :]


def _annotate_tmx(root: etree._Element, name: str, findings: list[Finding]) -> int:
    by_unit = _grouped(findings, pair_key)
    attached = 0
    for ordinal, unit in enumerate(list(root.iter("{*}tu")), start=1):
        found = by_unit.get((pair_id(unit, ordinal), unit.sourceline), [])
        stale = [note for note in unit.iterchildren("{*}note") if "".join(note.itertext()).startswith(TMX_NOTE_PREFIX)]
        index = next((i for i, child in enumerate(unit) if _is_named(child, "tuv")), len(unit))
        for offset, finding in enumerate(found):
            note = unit.makeelement(_same_namespace(unit, "note"))
            note.text = _xml_note_text(TMX_NOTE_PREFIX + note_text(finding))
            _insert(unit, index + offset, note)
        _remove_all(stale)
        attached += len(found)
    return attached


def _annotate_xliff(root: etree._Element, name: str, findings: list[Finding]) -> int:
    by_unit = _grouped(findings, lambda pair: (pair.location.unit, pair.location.line))
    version_2 = is_xliff_2(root, name)
    unit_id_of = qualified_unit_id if version_2 else dialect_of(root)().unit_id
    attached = 0
    for file in list(root.iter("{*}file")):
        original = file.get("original")
        for unit in list(file.iter("{*}unit" if version_2 else "{*}trans-unit")):
            unit_id = unit_id_of(unit, original)
            found = by_unit.get((unit_id, unit.sourceline), [])
            notes = [_xliff_note(unit, finding, unit_id, version_2) for finding in found]
            if version_2:
                _replace_xliff_2_notes(unit, notes)
            else:
                _replace_xliff_1_notes(unit, notes)
            attached += len(found)
    return attached


def _xliff_note(unit: etree._Element, finding: Finding, unit_id: str, version_2: bool) -> etree._Element:
    # XLIFF 1.2 says who wrote a note in "from", XLIFF 2 in "category".
    author = "category" if version_2 else "from"
    note = unit.makeelement(_same_namespace(unit, "note"), {author: AUTHOR, "priority": PRIORITY[finding.severity]})
    # A pair of a segmented unit has the id 'unit:segment' (in SDLXLIFF the segment alone).
    segment = finding.pair.id.removeprefix(f"{unit_id}:") if finding.pair.id != unit_id else None
    note.text = _xml_note_text(note_text(finding, segment))
    return note


def _replace_xliff_1_notes(unit: etree._Element, notes: list[etree._Element]) -> None:
    stale = [note for note in unit.iterchildren("{*}note") if note.get("from") == AUTHOR]
    # The trans-unit's own elements come first, then those of other namespaces; notes may
    # follow the target in any order among context-group, prop-group, note and alt-trans.
    own = [index for index, child in enumerate(unit) if _in_namespace_of(unit, child)]
    after = own[-1] + 1 if own else len(unit)
    for offset, note in enumerate(notes):
        _insert(unit, after + offset, note)
    _remove_all(stale)


def _replace_xliff_2_notes(unit: etree._Element, notes: list[etree._Element]) -> None:
    container = next(unit.iterchildren("{*}notes"), None)
    notes_so_far = [] if container is None else list(container.iterchildren("{*}note"))
    stale = [note for note in notes_so_far if note.get("category") == AUTHOR]
    if notes and container is None:
        # <notes> follows the elements of other namespaces, before originalData and the segments.
        before = next((index for index, child in enumerate(unit) if _in_namespace_of(unit, child)), len(unit))
        container = unit.makeelement(_same_namespace(unit, "notes"))
        _insert(unit, before, container)
        outer = _leading_space(container)
        container.text = outer + "  " if outer else None
    for note in notes:
        _insert(container, len(container), note)
    _remove_all(stale)
    if container is not None and not any(isinstance(child.tag, str) for child in container):
        _remove(container)


def _xml_note_text(text: str) -> str:
    text = _DIRECTIVE_WORD.sub(_INERT_DIRECTIVE_WORD, text)
    return NOT_XML.sub(lambda found: f"U+{ord(found.group()):04X}", text)


def _same_namespace(element: etree._Element, local_name: str) -> str:
    namespace = namespace_of(element)
    return f"{{{namespace}}}{local_name}" if namespace else local_name


def _is_named(element: etree._Element, local_name: str) -> bool:
    return isinstance(element.tag, str) and element_name(element) == local_name


def _in_namespace_of(parent: etree._Element, child: etree._Element) -> bool:
    return isinstance(child.tag, str) and namespace_of(child) == namespace_of(parent)


def _leading_space(element: etree._Element) -> str | None:
    """The white space before an element (its previous sibling's tail or its parent's text)."""
    previous = element.getprevious()
    parent = element.getparent()
    text = previous.tail if previous is not None else parent.text if parent is not None else None
    return text if text and not text.strip() else None


def _insert(parent: etree._Element, index: int, element: etree._Element) -> None:
    """Put ``element`` among the children of ``parent`` at ``index``, indented like them."""
    if index < len(parent):
        element.tail = _leading_space(parent[index])
        parent.insert(index, element)
    elif len(parent):
        last = parent[-1]
        element.tail, last.tail = last.tail, _leading_space(last)
        parent.append(element)
    else:
        # The only child: the parent's closing tag goes back to the parent's own indentation.
        element.tail = _leading_space(parent)
        parent.append(element)


def _remove_all(elements: Iterable[etree._Element]) -> None:
    for element in elements:
        _remove(element)


def _remove(element: etree._Element) -> None:
    """Take ``element`` out, and the indentation before it, so its neighbours stay aligned."""
    parent = element.getparent()
    previous = element.getprevious()
    if previous is not None:
        previous.tail = element.tail
    else:
        parent.text = element.tail
    parent.remove(element)


# Line-based formats ----------------------------------------------------------------------


@contextmanager
def _side_by_side(
    name: str, format_name: str, options: ReadOptions, destination: str
) -> Iterator[tuple[Iterator[tuple[int, str]], Iterator[SegmentPair], TextIO]]:
    """The input's numbered lines as written (line ends kept), the reader's pairs of it, and
    the copy to write: in the input's encoding, with its byte order mark when it has one. Text
    of the notes that a legacy encoding cannot hold becomes '?'."""
    with open_input(name) as raw, open_input(name) as again:
        marked_codec = _byte_order_mark(raw.peek(4)[:4])  # type: ignore[attr-defined]
        with _output(destination, marked_codec or options.encoding or "utf-8", errors="replace") as out:
            if marked_codec:
                out.write(_BOM)
            lines = numbered_lines(raw, name, options.encoding, keep_ends=True)
            yield lines, read_pairs(again, name, options, format_name), out


def _annotate_delimited(
    name: str, format_name: str, options: ReadOptions, findings: list[Finding], destination: str
) -> int:
    """A record with content that starts on the line where the reader's next pair starts is
    that pair; the only other record with content is the header."""
    by_pair = _grouped(findings, pair_key)
    delimiter = choose_delimiter(name, options.delimiter or ("\t" if format_name == "tsv" else ","), "")
    attached = 0
    with _side_by_side(name, format_name, options, destination) as (lines, pairs, out):
        pending = next(pairs, None)
        captured: list[str] = []
        records = record_reader(_capturing(lines, captured), delimiter)
        first_captured = 1
        for start, _ in numbered_records(records, name):
            # Lines before the record are blank rows the reader skipped: they stay as they are.
            out.write("".join(captured[: start - first_captured]))
            record = "".join(captured[start - first_captured :])
            captured.clear()
            first_captured = records.line_num + 1  # type: ignore[attr-defined]
            if pending is not None and pending.location.line == start:
                found = by_pair.get(pair_key(pending), ())
                field = NOTE_SEPARATOR.join(note_text(finding) for finding in found)
                attached += len(found)
                pending = next(pairs, None)
            else:
                field = FINDINGS_FIELD
            out.write(_with_last_field(record, field, delimiter))
        out.write("".join(captured))
    return attached


def _capturing(lines: Iterator[tuple[int, str]], captured: list[str]) -> Iterator[str]:
    for _, text in lines:
        captured.append(text)
        yield text


def _with_last_field(record: str, field: str, delimiter: str) -> str:
    body = record.rstrip("\r\n")
    return f"{body}{delimiter}{_field(field, delimiter)}{record[len(body):]}"


def _field(text: str, delimiter: str) -> str:
    if delimiter == "\t":
        return TSV_BREAKS.sub(" ", text)
    if any(character in text for character in (delimiter, '"', "\r", "\n")):
        return '"' + text.replace('"', '""') + '"'
    return text


def _annotate_jsonl(name: str, options: ReadOptions, findings: list[Finding], destination: str) -> int:
    by_pair = _grouped(findings, pair_key)
    attached = 0
    with _side_by_side(name, "jsonl", options, destination) as (lines, pairs, out):
        pending = next(pairs, None)
        for number, text in lines:
            if pending is None or pending.location.line != number:
                out.write(text)  # a blank line
                continue
            found = by_pair.get(pair_key(pending), ())
            out.write(_with_findings_key(text, [_finding_object(finding) for finding in found]))
            attached += len(found)
            pending = next(pairs, None)
    return attached


def _with_findings_key(line: str, value: list[dict[str, object]]) -> str:
    """The object's line with the key added before its closing brace, so the rest stays as
    written; an object that has the key from an earlier run is written anew with it replaced."""
    ending = line[len(line.rstrip("\r\n")) :]
    body = line[: len(line) - len(ending)]
    record = json.loads(body)
    if FINDINGS_FIELD in record:
        record[FINDINGS_FIELD] = value
        return json.dumps(record, ensure_ascii=False) + ending
    content = body.rstrip()
    separator = ", " if record else ""
    added = f"{separator}{json.dumps(FINDINGS_FIELD)}: {json.dumps(value, ensure_ascii=False)}"
    return f"{content[:-1]}{added}}}{body[len(content):]}{ending}"


def _finding_object(finding: Finding) -> dict[str, object]:
    return {
        "code": finding.code,
        "severity": finding.severity.label,
        "message": finding.message,
        "replacement": finding.replacement,
        "spans": [{"side": span.side.value, "start": span.start, "end": span.end} for span in finding.spans],
    }


def _write_pairs_as_tsv(pairs: Iterable[SegmentPair], findings: list[Finding], destination: str) -> int:
    by_pair = _grouped(findings, _unit_key)
    attached = 0
    with _output(destination) as out:
        out.write("\t".join(TSV_COLUMNS) + "\n")
        for pair in pairs:
            found = by_pair.get(_unit_key(pair), ())
            notes = NOTE_SEPARATOR.join(note_text(finding) for finding in found)
            out.write("\t".join(_field(text, "\t") for text in (pair.id, pair.source, pair.target, notes)) + "\n")
            attached += len(found)
    return attached


# Workbooks --------------------------------------------------------------------------------

_SPREADSHEET = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DOCUMENT_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# The most characters an Excel cell holds; longer notes are cut there with an ellipsis.
EXCEL_CELL_CHARACTERS = 32_767
_CELL_REFERENCE = re.compile(r"([A-Z]+)(\d+)")


def _annotate_workbook(name: str, options: ReadOptions, findings: list[Finding], destination: str) -> int:
    import zipfile

    from qa_tool.readers._zip import archive_errors, checked_archive
    from qa_tool.readers.xlsx import KIND, bilingual_sheets, sheet_title_of

    notes: dict[tuple[str, int | None], list[str]] = {}
    for finding in findings:
        key = (sheet_title_of(finding.location.unit or ""), finding.location.line)
        notes.setdefault(key, []).append(_xml_note_text(note_text(finding)))
    noted = {title for title, _ in notes}
    with open_input(name) as stream:
        tables = {title: table for title, table in bilingual_sheets(stream, name, options)}
    with open_input(name) as stream:
        archive = checked_archive(stream, name, KIND, ".xls")
        with archive:
            with archive_errors(name, KIND):
                parts = _sheet_parts(archive, name)
            try:
                with atomic_binary_writer(destination) as raw, zipfile.ZipFile(raw, "w") as copy:
                    for info in archive.infolist():
                        title = parts.get(info.filename)
                        # A sheet without header gains a cell only on a row with findings.
                        if title in tables and (tables[title].header_row is not None or title in noted):
                            data = _with_findings_column(archive.read(info), name, title, tables[title], notes)
                            copy.writestr(_copied_info(info), data)
                        else:
                            with archive.open(info) as part, copy.open(_copied_info(info), "w", force_zip64=True) as out:
                                shutil.copyfileobj(part, out)
            except OSError as error:
                raise InputError(f"cannot write the annotated file: {error.strerror or error}", path=destination) from None
    return sum(1 for finding in findings if sheet_title_of(finding.location.unit or "") in tables)


def _copied_info(info: "zipfile.ZipInfo") -> "zipfile.ZipInfo":
    import zipfile

    copied = zipfile.ZipInfo(info.filename, info.date_time)
    copied.compress_type = info.compress_type
    copied.external_attr = info.external_attr
    return copied


def _sheet_parts(archive: "zipfile.ZipFile", name: str) -> dict[str, str]:
    """Part name (xl/worksheets/sheet1.xml) → sheet title, from the workbook and its relationships."""
    workbook = parse_tree(archive.read("xl/workbook.xml"), name).getroot()
    relationships = parse_tree(archive.read("xl/_rels/workbook.xml.rels"), name).getroot()
    targets = {
        relationship.get("Id"): relationship.get("Target", "")
        for relationship in relationships.iter(f"{{{_PACKAGE_RELATIONSHIPS}}}Relationship")
    }
    parts = {}
    for sheet in workbook.iter(f"{{{_SPREADSHEET}}}sheet"):
        target = targets.get(sheet.get(f"{{{_DOCUMENT_RELATIONSHIPS}}}id"), "")
        # A target is relative to xl/, or absolute from the package root.
        part = target.lstrip("/") if target.startswith("/") else os.path.normpath("xl/" + target)
        parts[part] = sheet.get("name", "")
    return parts


def _with_findings_column(data: bytes, name: str, title: str, table: "Table", notes: dict) -> bytes:
    """The sheet's XML with its findings cells set (see the module docstring)."""
    from qa_tool.readers.xlsx import column_letters

    tree = parse_tree(data, name)
    rows = tree.getroot().findall(f"{{{_SPREADSHEET}}}sheetData/{{{_SPREADSHEET}}}row")
    numbered = []
    last_column = -1
    row_number = 0
    for row in rows:
        row_number = int(row.get("r") or row_number + 1)
        cells = _numbered_cells(row)
        numbered.append((row_number, row, cells))
        last_column = max([last_column, *(column for column, _ in cells)])
    earlier = FINDINGS_FIELD in table.header
    column = table.header.index(FINDINGS_FIELD) if earlier else last_column + 1
    for row_number, row, cells in numbered:
        if row_number == table.header_row:
            text: str | None = FINDINGS_FIELD
        else:
            found = notes.get((title, row_number))
            text = _cell_text("\n".join(found)) if found else None
        _set_cell(row, cells, column, f"{column_letters(column)}{row_number}", text, earlier)
    dimension = tree.getroot().find(f"{{{_SPREADSHEET}}}dimension")
    if dimension is not None and numbered:
        first = dimension.get("ref", "A1").split(":")[0]
        dimension.set("ref", f"{first}:{column_letters(max(last_column, column))}{numbered[-1][0]}")
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=tree.docinfo.standalone)


def _numbered_cells(row: etree._Element) -> list[tuple[int, etree._Element]]:
    """(0-based column, <c>) of a row; a cell without an r attribute follows the one before."""
    from qa_tool.readers.xlsx import column_index

    cells = []
    column = -1
    for cell in row.iterchildren(f"{{{_SPREADSHEET}}}c"):
        reference = _CELL_REFERENCE.fullmatch(cell.get("r", ""))
        column = column_index(reference.group(1)) if reference else column + 1
        cells.append((column, cell))
    return cells


def _set_cell(
    row: etree._Element, cells: list[tuple[int, etree._Element]], column: int, reference: str, text: str | None, earlier: bool
) -> None:
    existing = next((cell for at, cell in cells if at == column), None)
    if existing is not None:
        if text is None and earlier:
            row.remove(existing)
            return
        if text is None:
            return
        for child in list(existing):
            existing.remove(child)
        for attribute in ("t", "cm", "vm"):
            existing.attrib.pop(attribute, None)
        cell = existing
    elif text is None:
        return
    else:
        cell = row.makeelement(f"{{{_SPREADSHEET}}}c")
        after = [element for at, element in cells if at < column]
        if after:
            after[-1].addnext(cell)
        else:
            row.insert(0, cell)
    cell.set("r", reference)
    cell.set("t", "inlineStr")
    inline = etree.SubElement(cell, f"{{{_SPREADSHEET}}}is")
    run = etree.SubElement(inline, f"{{{_SPREADSHEET}}}t")
    run.set(_XML_SPACE, "preserve")
    run.text = text


def _cell_text(text: str) -> str:
    if len(text) <= EXCEL_CELL_CHARACTERS:
        return text
    return text[: EXCEL_CELL_CHARACTERS - 1] + "…"


# PO catalogues ----------------------------------------------------------------------------

PO_NOTE_PREFIX = f"[{AUTHOR}] "


def _annotate_po(name: str, options: ReadOptions, findings: list[Finding], destination: str) -> int:
    from qa_tool.readers.po import encoding_of, parse

    by_entry: dict[int | None, list[Finding]] = {}
    for finding in findings:
        by_entry.setdefault(finding.location.line, []).append(finding)
    with open_input(name) as stream:
        marked_codec = _byte_order_mark(stream.peek(4)[:4])  # type: ignore[attr-defined]
        codec = encoding_of(stream, name, options)
        catalogue = parse(stream, name, options)
    attached = 0
    for entry in catalogue:
        # polib wraps a long comment over lines: the notes of an earlier run are all the lines
        # from the first one it wrote, since notes are added after the translator's own.
        lines = entry.tcomment.splitlines()
        own = lines[: next((at for at, line in enumerate(lines) if line.startswith(PO_NOTE_PREFIX)), len(lines))]
        for finding in [] if entry.obsolete else by_entry.get(entry.linenum, []):
            form = finding.pair.id.partition("[")[2].rstrip("]")
            note = note_text(finding, form if form not in ("", "0") else None, "plural form")
            own.append(PO_NOTE_PREFIX + _xml_note_text(note).replace("\r", " ").replace("\n", " "))
            attached += 1
        entry.tcomment = "\n".join(own)
    with _output(destination, marked_codec or codec, errors="replace") as out:
        if marked_codec:
            out.write(_BOM)
        out.write(str(catalogue))
    return attached


# Word documents ---------------------------------------------------------------------------

_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_COMMENT_MARKERS = frozenset(f"{_WORD}{name}" for name in ("commentRangeStart", "commentRangeEnd", "commentReference"))


def _annotate_document(name: str, options: ReadOptions, findings: list[Finding], destination: str) -> int:
    from qa_tool.readers.docx import bilingual_tables, open_document

    by_unit = _grouped(findings, lambda pair: pair.location.unit)
    with open_input(name) as stream:
        document = open_document(stream, name)
    _remove_own_comments(document)
    attached = 0
    for number, rows, table in bilingual_tables(document, name, options):
        for row_number, row in enumerate(rows, start=1):
            found = by_unit.get(f"table {number}, row {row_number}", [])
            if not found:
                continue
            runs = _target_runs(row, table.columns.target)
            for finding in found:
                document.add_comment(runs, text=_xml_note_text(note_text(finding)), author=AUTHOR, initials="QA")
                attached += 1
    try:
        with atomic_binary_writer(destination) as out:
            document.save(out)
    except OSError as error:
        raise InputError(f"cannot write the annotated file: {error.strerror or error}", path=destination) from None
    return attached


def _target_runs(row: object, column: int) -> list:
    """The runs of the cell at grid ``column`` of a python-docx row; a new empty run when the
    cell has none (an empty target), since a comment is anchored on runs."""
    cells = row.cells  # type: ignore[attr-defined]
    cell = cells[min(max(column - (row.grid_cols_before or 0), 0), len(cells) - 1)]  # type: ignore[attr-defined]
    runs = [run for paragraph in cell.paragraphs for run in paragraph.runs]
    return runs or [cell.paragraphs[0].add_run()]


def _remove_own_comments(document: object) -> None:
    """Take out the comments an earlier run wrote, with their anchors in the text."""
    # python-docx can add comments but not remove them: its comments element is edited here.
    comments = document.comments._comments_elm  # type: ignore[attr-defined]
    ids = set()
    for comment in list(comments.iterchildren(f"{_WORD}comment")):
        if comment.get(f"{_WORD}author") == AUTHOR:
            ids.add(comment.get(f"{_WORD}id"))
            comments.remove(comment)
    if not ids:
        return
    body = document.element.body  # type: ignore[attr-defined]
    for marker in [m for m in body.iter(*_COMMENT_MARKERS) if m.get(f"{_WORD}id") in ids]:
        parent = marker.getparent()
        if marker.tag == f"{_WORD}commentReference" and parent.tag == f"{_WORD}r":
            # The run that holds the reference mark holds nothing else but its formatting.
            parent.getparent().remove(parent)
        else:
            parent.remove(marker)
