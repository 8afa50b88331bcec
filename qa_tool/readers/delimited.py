"""TSV and CSV: one pair per record, columns found by header name, language or position.

TSV follows the IANA text/tab-separated-values format: no quoting, so a field may hold any
character but a tab or a line break and quotes are kept as written (a QA tool must see the
quotes a translator typed). CSV follows RFC 4180: a quoted field may span lines, and its
record is reported at the physical line where it starts.
"""

from __future__ import annotations

import csv
import itertools
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO, Iterable, Iterator, Sequence

from qa_tool.errors import InputError
from qa_tool.languages.codes import same_language
from qa_tool.model import Location, SegmentPair
from qa_tool.readers import ReadOptions
from qa_tool.readers._text import numbered_lines

_DELIMITER_BY_EXTENSION = {".tsv": "\t", ".tab": "\t", ".csv": ","}
_DELIMITER_WORDS = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}

# Header names compared after _normalized(): case, spaces, '_' and '-' do not matter.
_SOURCE_NAMES = frozenset({"source", "src", "sourcestring", "sourcetext", "sourcesegment", "原文"})
_TARGET_NAMES = frozenset({"target", "tgt", "targetstring", "targettext", "targetsegment", "translation", "译文"})
_ID_NAMES = frozenset({"id", "segmentid", "segid", "stringid", "unitid", "key", "序号", "编号"})
_NOTES_NAMES = frozenset({"notes", "note", "comment", "comments"})
_SOURCE_LANGUAGE_NAMES = frozenset({"sourcelang", "sourcelanguage", "srclang"})
_TARGET_LANGUAGE_NAMES = frozenset({"targetlang", "targetlanguage", "tgtlang"})
_KNOWN_NAMES = (
    _SOURCE_NAMES | _TARGET_NAMES | _ID_NAMES | _NOTES_NAMES | _SOURCE_LANGUAGE_NAMES | _TARGET_LANGUAGE_NAMES
)

# Column or key names that stand for a language, besides language tags themselves.
_LANGUAGE_WORDS = {"chinese": "zh", "english": "en", "中文": "zh", "英文": "en"}
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


def _normalized(name: str) -> str:
    return re.sub(r"[\s_-]+", "", name).casefold()


def _language_named_by(name: str) -> str | None:
    """'zh-CN' → 'zh-CN', 'English' → 'en', 'source' → None."""
    name = name.strip()
    if name.casefold() in _LANGUAGE_WORDS:
        return _LANGUAGE_WORDS[name.casefold()]
    return name if _LANGUAGE_TAG.fullmatch(name) else None


def names_of_language(names: Iterable[str], language: str) -> list[str]:
    """The names (column headers, JSON keys) that stand for ``language``: the one written
    exactly as ``language`` when there is one, else all of them, so more than one name means
    the choice is ambiguous. For 'zh': ['zh'] from zh, zh-CN, en; ['zh-CN', 'zh-TW'] from
    zh-CN, zh-TW, en."""
    matching = [name for name in names if same_language(_language_named_by(name), language)]
    exact = [name for name in matching if name.strip().casefold() == language.strip().casefold()]
    return exact if len(exact) == 1 else matching


@dataclass(frozen=True, slots=True)
class Columns:
    """0-based indexes of the columns each part of a pair comes from."""

    source: int
    target: int
    id: int | None = None
    notes: int | None = None
    source_language: int | None = None
    target_language: int | None = None

    @property
    def needed(self) -> int:
        return 1 + max(self.source, self.target, self.id or 0)


def read(stream: BinaryIO, name: str, options: ReadOptions) -> Iterator[SegmentPair]:
    for line, row, columns, delimiter in _records(stream, name, options):
        yield pair_of_record(row, line, columns, options, name, delimiter)


def target_cells(stream: BinaryIO, name: str, options: ReadOptions) -> Iterator[tuple[int, int]]:
    """(line, 0-based column) of each pair's target, in the order ``read`` yields the pairs:
    where a fixed target is written back."""
    for line, row, columns, _ in _records(stream, name, options):
        yield line, columns.source if _written_in_reverse(row, columns, options, name, line) else columns.target


def note_cells(stream: BinaryIO, name: str, options: ReadOptions) -> Iterator[tuple[int, int | None]]:
    """(line, 0-based column) of each pair's notes, None when the file has no notes column, in
    the order ``read`` yields the pairs: where a qa-ignore note is written."""
    for line, _, columns, _ in _records(stream, name, options):
        yield line, columns.notes


def _records(stream: BinaryIO, name: str, options: ReadOptions) -> Iterator[tuple[int, list[str], Columns, str]]:
    """Each record that holds a pair, with its line, its columns and the delimiter."""
    lines = numbered_lines(stream, name, options.encoding, keep_ends=True)
    # Read up to the first line with text, to sniff the delimiter from it.
    opening: list[tuple[int, str]] = []
    for number, text in lines:
        opening.append((number, text))
        if text.strip():
            break
    else:
        return
    delimiter = choose_delimiter(name, options.delimiter, opening[-1][1])
    records = record_reader((text for _, text in itertools.chain(opening, lines)), delimiter)
    columns: Columns | None = None
    for line, row in numbered_records(records, name):
        if columns is None:
            columns, is_header = columns_of_first_row(row, line, options, name, delimiter)
            if is_header:
                continue
        yield line, row, columns, delimiter


def choose_delimiter(name: str, chosen: str | None, first_line: str) -> str:
    """The delimiter ``chosen`` (a character or tab/comma/semicolon/pipe), else the extension's,
    else a tab if the first line has one, else a comma."""
    if chosen is not None:
        delimiter = _DELIMITER_WORDS.get(chosen.casefold(), chosen)
        if len(delimiter) != 1 or delimiter in "\r\n\"":
            raise InputError(
                f"the delimiter must be one character other than a quote or line break, not {chosen!r}", path=name
            )
        return delimiter
    by_extension = _DELIMITER_BY_EXTENSION.get(PurePath(name).suffix.lower())
    if by_extension:
        return by_extension
    return "\t" if "\t" in first_line else ","


def record_reader(lines: Iterable[str], delimiter: str) -> Iterator[list[str]]:
    """A csv.reader over the decoded lines (line ends kept): unquoted for TSV, RFC 4180 else."""
    dialect = {"quoting": csv.QUOTE_NONE} if delimiter == "\t" else {"strict": True}
    return csv.reader(lines, delimiter=delimiter, **dialect)  # type: ignore[arg-type]


def numbered_records(records: Iterator[list[str]], name: str) -> Iterator[tuple[int, list[str]]]:
    """Records with content, with the physical line each starts on. csv.reader pulls exactly one
    input line per line_num and the input is numbered from 1 without gaps, so a record starts
    one line after the previous record ended."""
    while True:
        start = records.line_num + 1  # type: ignore[attr-defined]
        try:
            row = next(records)
        except StopIteration:
            return
        except csv.Error as error:
            raise InputError(_csv_problem(str(error)), path=name, line=start) from None
        # Blank lines and rows of empty cells (spreadsheets export trailing ",,,") hold no pair.
        if any(cell.strip() for cell in row):
            yield start, row


def _csv_problem(detail: str) -> str:
    if "unexpected end of data" in detail:
        return "a quoted field that starts on this line is never closed before the end of the file"
    if "expected after" in detail:
        return (
            f"badly quoted field ({detail}): a field that starts with a quote must end with one, "
            "and a quote inside it is written twice"
        )
    if "field larger than field limit" in detail:
        return (
            f"a field is longer than {csv.field_size_limit():,} characters, far more than any segment; "
            "is a line break or quote missing?"
        )
    return f"cannot read this CSV record: {detail}"


def columns_of_first_row(
    row: list[str], line: int, options: ReadOptions, name: str, delimiter: str | None = None
) -> tuple[Columns, bool]:
    """The columns of a table (delimited file, sheet, document table) from its first row with
    content, and whether that row is a header. ``delimiter`` is named in messages when the
    table is a delimited file."""
    chosen = (options.source_column, options.target_column, options.id_column)
    named_by_option = any(column is not None and not column.strip().isdigit() for column in chosen)
    if named_by_option or _looks_like_header(row, options):
        return _columns_from_header(row, line, options, name), True
    return _columns_by_position(row, line, options, name, delimiter), False


def _looks_like_header(row: Sequence[str], options: ReadOptions) -> bool:
    return any(_normalized(cell) in _KNOWN_NAMES for cell in row) or any(
        names_of_language(row, language) for language in (options.source_lang, options.target_lang)
    )


def _columns_from_header(header: list[str], line: int, options: ReadOptions, name: str) -> Columns:
    def chosen_or_named(option: str | None, role: str, names: frozenset[str], language: str | None) -> int | None:
        if option is not None:
            return _index_of_option(option, header, role, name, line)
        found = _first_named(header, names)
        if found is None and language is not None:
            found = _column_of_language(header, language, role, name, line)
        return found

    def required(index: int | None, role: str) -> int:
        if index is None:
            raise InputError(
                f"cannot tell which column is the {role}; the header has: {_listing(header)}. "
                f"Name it with --{role}-field",
                path=name,
                line=line,
            )
        return index

    source = required(chosen_or_named(options.source_column, "source", _SOURCE_NAMES, options.source_lang), "source")
    target = required(chosen_or_named(options.target_column, "target", _TARGET_NAMES, options.target_lang), "target")
    _check_distinct(source, target, name, line)
    return Columns(
        source=source,
        target=target,
        id=chosen_or_named(options.id_column, "id", _ID_NAMES, None),
        notes=_first_named(header, _NOTES_NAMES),
        source_language=_first_named(header, _SOURCE_LANGUAGE_NAMES),
        target_language=_first_named(header, _TARGET_LANGUAGE_NAMES),
    )


def _columns_by_position(row: list[str], line: int, options: ReadOptions, name: str, delimiter: str | None) -> Columns:
    """No header: 2 columns are source, target; 3 or more are id, source, target."""
    width = len(row)
    if width < 2 and options.source_column is None and options.target_column is None:
        raise InputError(
            f"found one column only{_shown(delimiter)}; each line needs a source and a target",
            path=name,
            line=line,
        )
    wide = width >= 3
    source = _index_of_option(options.source_column or ("2" if wide else "1"), row, "source", name, line)
    target = _index_of_option(options.target_column or ("3" if wide else "2"), row, "target", name, line)
    _check_distinct(source, target, name, line)
    if options.id_column is not None:
        id_index: int | None = _index_of_option(options.id_column, row, "id", name, line)
    else:
        id_index = 0 if wide and 0 not in (source, target) else None
    return Columns(source=source, target=target, id=id_index)


def _index_of_option(option: str, header: Sequence[str], role: str, name: str, line: int) -> int:
    """A 1-based column number, or a header name compared without regard to case."""
    option = option.strip()
    if option.isdigit():
        if int(option) < 1:
            raise InputError(
                f"column numbers start at 1, but the {role} column is given as {option}", path=name, line=line
            )
        return int(option) - 1
    for index, cell in enumerate(header):
        if cell.strip().casefold() == option.casefold():
            return index
    raise InputError(
        f"there is no {role} column named {option!r}; the header has: {_listing(header)}", path=name, line=line
    )


def _first_named(header: Sequence[str], names: frozenset[str]) -> int | None:
    return next((index for index, cell in enumerate(header) if _normalized(cell) in names), None)


def _column_of_language(header: list[str], language: str, role: str, name: str, line: int) -> int | None:
    matching = names_of_language(header, language)
    if len(matching) > 1:
        raise InputError(
            f"several columns could be the {role} ({_listing(matching)}); choose one with --{role}-field",
            path=name,
            line=line,
        )
    return header.index(matching[0]) if matching else None


def _check_distinct(source: int, target: int, name: str, line: int) -> None:
    if source == target:
        raise InputError(f"the source and the target are both column {source + 1}", path=name, line=line)


def pair_of_record(
    row: list[str],
    line: int,
    columns: Columns,
    options: ReadOptions,
    name: str,
    delimiter: str | None = None,
    location: Location | None = None,
) -> SegmentPair:
    """The pair in one record of a table; its id is the id column's, else the location's unit,
    else the line."""
    location = location or Location(path=name, line=line)
    if len(row) < columns.needed:
        raise InputError(
            f"expected at least {columns.needed} columns but this line has {len(row)}{_shown(delimiter)}",
            path=name,
            line=line,
        )
    source, target = row[columns.source], row[columns.target]
    if _written_in_reverse(row, columns, options, name, line):
        source, target = target, source
    pair_id = row[columns.id].strip() if columns.id is not None else ""
    notes = _cell(row, columns.notes).strip()
    return SegmentPair(
        id=pair_id or location.unit or str(line),
        source=source,
        target=target,
        location=location,
        notes=(notes,) if notes else (),
    )


def _cell(row: list[str], index: int | None) -> str:
    return row[index] if index is not None and index < len(row) else ""


def _written_in_reverse(row: list[str], columns: Columns, options: ReadOptions, name: str, line: int) -> bool:
    """Termbases such as TICO-19 say per row which language each column holds; a row written
    from the target language to the source language is read the other way round. An empty
    language cell matches any language."""
    row_source = _cell(row, columns.source_language).strip()
    row_target = _cell(row, columns.target_language).strip()

    def written(first: str, second: str) -> bool:
        return (not row_source or same_language(row_source, first)) and (
            not row_target or same_language(row_target, second)
        )

    if written(options.source_lang, options.target_lang):
        return False
    if written(options.target_lang, options.source_lang):
        return True
    raise InputError(
        f"this row is {row_source or '?'}→{row_target or '?'} but the check is "
        f"{options.source_lang}→{options.target_lang}",
        path=name,
        line=line,
    )


def _listing(names: Iterable[str]) -> str:
    return ", ".join(repr(name) for name in names)


def _shown(delimiter: str | None) -> str:
    """' (delimiter tab)' for messages about a delimited file; "" for other tables."""
    if delimiter is None:
        return ""
    return f" (delimiter {'tab' if delimiter == chr(9) else repr(delimiter)})"
