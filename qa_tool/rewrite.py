"""A file written back in its own format with some pairs' English changed, and nothing else.

The file is edited where it stands, not rebuilt: each pair's target is located in the text of
the file (its position found by the same reader functions that read the pair), and only the
characters an edit replaces are written anew, escaped as the format wants. Everything else of
the file keeps its bytes: the XML declaration, attributes and their quotes, notes, comments,
inline tags, character references, CSV quoting, JSON spacing and escapes, line endings, the
byte order mark and the encoding.

Where a target lies in the file:

- TMX: the <seg> of the <tu>'s target-language <tuv>; XLIFF 1.2: the <target> (or a
  segment's <mrk mtype="seg">); XLIFF 2: the <segment>'s <target>. In an XLIFF file that
  translates English into Chinese, the English is the <source>, the text the file is
  translated from, and is not edited (a TMX has no such side: its English is edited). Text inside inline tags that stand for
  native code (ph, bpt, x, sc...) is not the English's and is never edited; text inside
  paired tags (g, hi, pc, mrk) is.
- TSV/CSV: the target's field of the record; JSONL: the string value of the target key;
  PO: the entry's msgstr (msgstr[n] for a plural form), each of its string lines a piece; a
  catalogue whose English is the msgid is not edited; two parallel files: the line of the
  English file; interleaved text: the English paragraph lines the pair joins.

An edit is refused (and said why) when it would cut through markup (a tag, a comment, a
character reference the file does not define), join or split lines or fields (a tab in TSV, a
line break in text), or put in a character the file's encoding cannot hold.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field, replace
from typing import Callable, Iterator, Mapping, Sequence

from lxml import etree

from qa_tool.errors import InputError
from qa_tool.fixing import Edit, PairKey, pair_key
from qa_tool.model import SegmentPair
from qa_tool.readers import ReadOptions, read_pairs
from qa_tool.readers._text import byte_order_mark, chosen_encoding
from qa_tool.readers._xml import parse_tree
from qa_tool.readers.parallel import read_parallel
from qa_tool.suppressions import NOTE_SEPARATOR

REWRITE_FORMATS = ("tmx", "xliff", "tsv", "csv", "jsonl", "po", "interleaved", "parallel")
# Formats with a place for a note on each pair (TSV/CSV only with a notes column).
NOTE_FORMATS = ("tmx", "xliff", "tsv", "csv", "jsonl")

CANNOT_SPLIT_LINES = "would put a line break where the format ends a segment"
CANNOT_SPLIT_FIELDS = "would put a tab or line break in a TSV field"
UNQUOTED_CSV_FIELD = "would put a delimiter, line break or leading quote in an unquoted CSV field"
CDATA_END = "would put ']]>' in a CDATA section"
XLIFF_SOURCE = "the English is this XLIFF file's <source>, the text it is translated from; only <target> is fixed"
PO_MSGID = "the English is this PO file's msgid, which programs look translations up by; only msgstr is fixed"
CROSSES_MARKUP = "would cross markup the text does not show (a tag, a comment, the break between a PO string's lines)"
NOT_LOCATED = "the file writes this target otherwise than it reads (tracked changes?), so it is not edited"


@dataclass(frozen=True, slots=True)
class FileBytes:
    """A file's content and the name it is known by (its path; pairs are located by it)."""

    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Refused:
    """An edit that was not made, and why."""

    key: PairKey
    edit: Edit
    reason: str


@dataclass(frozen=True, slots=True)
class Rewritten:
    """The edited file (for two parallel files: the English one) and the edits not made."""

    data: bytes
    refused: tuple[Refused, ...]


def read_document(files: Sequence[FileBytes], format_name: str, options: ReadOptions) -> Iterator[SegmentPair]:
    """The pairs of a document held in memory, as the CLI reads it from disk (two files for
    the format "parallel", the Chinese first)."""
    streams = [io.BufferedReader(io.BytesIO(file.data)) for file in files]  # type: ignore[arg-type]
    if format_name == "parallel":
        return read_parallel(streams[0], files[0].name, streams[1], files[1].name, options)
    return read_pairs(streams[0], files[0].name, options, format_name)


def rewrite(
    files: Sequence[FileBytes], format_name: str, options: ReadOptions, edits: Mapping[SegmentPair, Sequence[Edit]]
) -> Rewritten:
    """The document's target file with ``edits`` made: for each pair of the document (as read
    from ``files``), edits of its target that do not overlap. The same bytes when every edit
    is refused or there is none. A pair whose target is not found in the file as the pair has
    it refuses its edits."""
    if format_name not in REWRITE_FORMATS:
        raise InputError(f"cannot write format {format_name!r} back (expected one of: {', '.join(REWRITE_FORMATS)})")
    wanted = 2 if format_name == "parallel" else 1
    if len(files) != wanted:
        raise InputError(f"writing {format_name} back takes {wanted} input file(s), got {len(files)}")
    text = _DecodedText.of(files[-1], format_name, options)
    pending = {pair_key(pair): (pair, list(found)) for pair, found in edits.items() if found}
    refused: list[Refused] = []
    raw_edits: list[_RawEdit] = []
    if pending:
        for key, slot in _target_slots(files, format_name, options, text, set(pending)):
            pair, found = pending.get(key, (None, []))
            if pair is not None and (slot.refusal or slot.text() == pair.target):
                del pending[key]
                raw_edits += slot.raw_edits(key, found, refused, text.codec)
    refused += [Refused(key, edit, NOT_LOCATED) for key, (_, found) in pending.items() for edit in found]
    return Rewritten(text.spliced(raw_edits), tuple(refused))


def decoded_lines(file: FileBytes, format_name: str, options: ReadOptions) -> list[str]:
    """The file's text in lines with their ends, split as the readers split them."""
    return [line for _, line in _lines(_DecodedText.of(file, format_name, options).text)]


# Decoded text and splicing -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _RawEdit:
    """Put ``text`` in place of characters [start, end) of the decoded file."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _DecodedText:
    """A file's bytes and their text, decoded with a codec that maps each character to its
    own bytes, so that edited text can be spliced into the unchanged bytes around it."""

    data: bytes
    # The byte order mark, kept as it is and not part of ``text``.
    mark: bytes
    codec: str
    text: str

    @classmethod
    def of(cls, file: FileBytes, format_name: str, options: ReadOptions) -> _DecodedText:
        found = byte_order_mark(file.data[:4])
        if found is not None:
            mark, codec = found
        else:
            mark, codec = b"", _codec_without_mark(file, format_name, options)
        try:
            text = file.data[len(mark) :].decode(codec)
        except (UnicodeDecodeError, LookupError) as error:
            raise InputError(f"cannot decode the file as {codec} to write it back: {error}", path=file.name) from None
        return cls(file.data, mark, codec, text)

    def spliced(self, edits: Sequence[_RawEdit]) -> bytes:
        if not edits:
            return self.data
        pieces = [self.mark]
        at_byte, at_char = len(self.mark), 0
        for edit in sorted(edits, key=lambda edit: edit.start):
            kept = len(self.text[at_char : edit.start].encode(self.codec))
            pieces += [self.data[at_byte : at_byte + kept], edit.text.encode(self.codec)]
            at_byte += kept + len(self.text[edit.start : edit.end].encode(self.codec))
            at_char = edit.end
        pieces.append(self.data[at_byte:])
        return b"".join(pieces)


_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _codec_without_mark(file: FileBytes, format_name: str, options: ReadOptions) -> str:
    if format_name == "po":
        from qa_tool.readers.po import encoding_of

        return encoding_of(io.BufferedReader(io.BytesIO(file.data)), file.name, options)  # type: ignore[arg-type]
    if format_name in ("tmx", "xliff"):
        declared = _XML_ENCODING.match(file.data[:256].lstrip())
        return options.encoding or (declared.group(1).decode("ascii") if declared else "utf-8")
    return chosen_encoding(file.data[:4096], options.encoding, file.name)


def _encodable(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


# A target as it lies in the file -------------------------------------------------------------

# Escapes an edit's new text for where it goes; None when the format cannot hold it there,
# with the reason.
Escape = Callable[[str], "str | None"]


@dataclass(frozen=True, slots=True)
class _Piece:
    """Target characters [start, start + len(text)) written at decoded-file offsets
    ``offsets[i]`` (one more offset, where the piece ends). A piece that cannot be edited (a
    character reference the file does not define, an XLIFF 2 <cp>) has no escape."""

    start: int
    text: str
    offsets: Sequence[int]
    escape: Escape | None
    # Why the escape refused, for the report.
    refusal: str = ""

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class _Slot:
    """Where one pair's target lies in the file: its pieces in order; the characters between
    pieces (a paragraph break) and the places where pieces meet (a tag) cannot be edited."""

    pieces: list[_Piece] = field(default_factory=list)
    # Why no edit of this target may be made, when none may.
    refusal: str = ""

    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    def raw_edits(self, key: PairKey, edits: Sequence[Edit], refused: list[Refused], codec: str) -> list[_RawEdit]:
        made = []
        for edit in edits:
            if self.refusal:
                refused.append(Refused(key, edit, self.refusal))
                continue
            piece = self._piece_holding(edit)
            if piece is not None and piece.text[edit.start - piece.start : edit.end - piece.start] == edit.text:
                continue  # the text is as the edit would make it: its bytes stay as written
            if piece is None or piece.escape is None:
                refused.append(Refused(key, edit, CROSSES_MARKUP))
                continue
            escaped = piece.escape(edit.text)
            if escaped is None:
                refused.append(Refused(key, edit, piece.refusal))
            elif not _encodable(escaped, codec):
                refused.append(Refused(key, edit, f"would put a character the file's encoding ({codec}) cannot hold"))
            else:
                start = piece.offsets[edit.start - piece.start]
                made.append(_RawEdit(start, piece.offsets[edit.end - piece.start], escaped))
        return made

    def _piece_holding(self, edit: Edit) -> _Piece | None:
        holding = [piece for piece in self.pieces if piece.start <= edit.start and edit.end <= piece.end]
        # An insertion where two pieces meet could go on either side of what separates them.
        return holding[0] if len(holding) == 1 else None


def _plain_piece(start: int, text: str, at: int, escape: Escape, refusal: str) -> _Piece:
    return _Piece(start, text, range(at, at + len(text) + 1), escape, refusal)


def _target_slots(
    files: Sequence[FileBytes], format_name: str, options: ReadOptions, text: _DecodedText, wanted: set[PairKey]
) -> Iterator[tuple[PairKey, _Slot]]:
    """The key and slot of each pair in ``wanted`` (others may be left out)."""
    if format_name in ("tmx", "xliff"):
        return _xml_slots(files[0], format_name, options, text, wanted)
    if format_name in ("tsv", "csv"):
        return _delimited_slots(files[0], format_name, options, text)
    if format_name == "jsonl":
        return _jsonl_slots(files[0], options, text)
    if format_name == "po":
        return _po_slots(files[0], options, text)
    if format_name == "parallel":
        return _parallel_slots(files, options, text)
    return _interleaved_slots(files[0], options, text)


# Line-based formats ----------------------------------------------------------------------------

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_LINE_END = re.compile(r"(?:\r\n|\r|\n)\Z")


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line with its end) of every line, numbered from 1 by index + 1, split as the
    readers split them (\\n, \\r\\n, a lone \\r)."""
    return [(found.start(), found.group()) for found in _LINE.finditer(text)]


def _without_end(line: str) -> str:
    return _LINE_END.sub("", line)


def _no_line_breaks(text: str) -> str | None:
    return None if "\n" in text or "\r" in text else text


def _line_piece(start: int, lines: list[tuple[int, str]], number: int) -> _Piece:
    offset, line = lines[number - 1]
    return _plain_piece(start, _without_end(line), offset, _no_line_breaks, CANNOT_SPLIT_LINES)


def _parallel_slots(files: Sequence[FileBytes], options: ReadOptions, text: _DecodedText) -> Iterator[tuple[PairKey, _Slot]]:
    lines = _lines(text.text)
    for pair in read_document(files, "parallel", options):
        if pair.location.line is not None and pair.location.line <= len(lines):
            yield pair_key(pair), _Slot([_line_piece(0, lines, pair.location.line)])


def _interleaved_slots(file: FileBytes, options: ReadOptions, text: _DecodedText) -> Iterator[tuple[PairKey, _Slot]]:
    from qa_tool.readers.interleaved import PARAGRAPH_SEPARATOR, read_with_target_lines

    lines = _lines(text.text)
    stream = io.BufferedReader(io.BytesIO(file.data))  # type: ignore[arg-type]
    for pair, target_lines in read_with_target_lines(stream, file.name, options):
        slot, start = _Slot(), 0
        for number in target_lines:
            piece = _line_piece(start, lines, number)
            slot.pieces.append(piece)
            start = piece.end + len(PARAGRAPH_SEPARATOR)
        yield pair_key(pair), slot


def _delimited_slots(
    file: FileBytes, format_name: str, options: ReadOptions, text: _DecodedText
) -> Iterator[tuple[PairKey, _Slot]]:
    from qa_tool.readers.delimited import target_cells

    for pair, cell, offset, delimiter in _delimited_fields(file, format_name, options, text, target_cells):
        if cell is not None:
            yield pair_key(pair), _Slot([cell.piece(offset, delimiter)])


def _delimited_fields(
    file: FileBytes,
    format_name: str,
    options: ReadOptions,
    text: _DecodedText,
    cells: Callable[[io.BufferedReader, str, ReadOptions], Iterator[tuple[int, int | None]]],
) -> Iterator[tuple[SegmentPair, _RawField | None, int, str]]:
    """Each pair with the field ``cells`` names in its record (None when there is none), the
    offset of the record in the file, and the delimiter."""
    from qa_tool.readers.delimited import choose_delimiter, numbered_records, record_reader

    options = replace(options, delimiter=options.delimiter or ("\t" if format_name == "tsv" else ","))
    delimiter = choose_delimiter(file.name, options.delimiter, "")
    lines = _lines(text.text)
    records = record_reader((line for _, line in lines), delimiter)
    # Where each record starts and ends (csv.reader counts the lines it has read).
    extents = {start: records.line_num for start, _ in numbered_records(records, file.name)}  # type: ignore[attr-defined]
    stream = io.BufferedReader(io.BytesIO(file.data))  # type: ignore[arg-type]
    pairs = read_pairs(io.BufferedReader(io.BytesIO(file.data)), file.name, options, format_name)  # type: ignore[arg-type]
    for (line, column), pair in zip(cells(stream, file.name, options), pairs):
        offset = lines[line - 1][0]
        record = "".join(text for _, text in lines[line - 1 : extents[line]])
        fields = _raw_fields(record, delimiter)
        yield pair, fields[column] if column is not None and column < len(fields) else None, offset, delimiter


@dataclass(frozen=True, slots=True)
class _RawField:
    """A field's content [start, end) in its record, and whether quotes enclose it."""

    start: int
    end: int
    quoted: bool
    record: str

    def piece(self, offset: int, delimiter: str) -> _Piece:
        raw = self.record[self.start : self.end]
        if delimiter == "\t":
            return _plain_piece(0, raw, offset + self.start, _tsv_field, CANNOT_SPLIT_FIELDS)
        if not self.quoted:
            return _plain_piece(0, raw, offset + self.start, _unquoted_csv_field(delimiter), UNQUOTED_CSV_FIELD)
        text, offsets = [], []
        index = 0
        while index < len(raw):
            offsets.append(offset + self.start + index)
            text.append(raw[index])
            index += 2 if raw.startswith('""', index) else 1
        offsets.append(offset + self.end)
        return _Piece(0, "".join(text), offsets, lambda new: new.replace('"', '""'))


def _tsv_field(text: str) -> str | None:
    return None if any(character in text for character in "\t\r\n") else text


def _unquoted_csv_field(delimiter: str) -> Escape:
    # Where the new text starts the field, a quote would open a quoted field; the edit
    # cannot tell, so a quote is refused only at a field's start (see _Slot: the piece is the
    # whole field, and an edit at its start has new text starting there).
    def escape(text: str) -> str | None:
        return None if any(character in text for character in (delimiter, "\r", "\n")) or text.startswith('"') else text

    return escape


def _raw_fields(record: str, delimiter: str) -> list[_RawField]:
    """The fields of one record as written (csv.reader has read it without error): TSV splits
    at tabs, CSV also reads RFC 4180 quotes."""
    body = _without_end(record)
    if delimiter == "\t":
        fields, start = [], 0
        for part in body.split("\t"):
            fields.append(_RawField(start, start + len(part), False, record))
            start += len(part) + 1
        return fields
    fields, index = [], 0
    while True:
        if record.startswith('"', index):
            close = index + 1
            while True:
                close = record.index('"', close)
                if record.startswith('""', close):
                    close += 2
                    continue
                break
            fields.append(_RawField(index + 1, close, True, record))
            index = close + 1
        else:
            ends = [found for found in (record.find(delimiter, index), len(body)) if found >= 0]
            end = min(ends)
            fields.append(_RawField(index, end, False, record))
            index = end
        if index < len(body) and record[index] == delimiter:
            index += 1
            continue
        return fields


def _jsonl_slots(file: FileBytes, options: ReadOptions, text: _DecodedText) -> Iterator[tuple[PairKey, _Slot]]:
    from qa_tool.readers.jsonl import parse_object, target_key_of

    lines = _lines(text.text)
    for pair in read_document([file], "jsonl", options):
        line = pair.location.line
        if line is None:
            continue
        offset, raw = lines[line - 1]
        body = _without_end(raw)
        key = target_key_of(parse_object(body, file.name, line), options, file.name, line)
        found = _json_string_value(body, key)
        if found is not None:
            start, end = found
            yield pair_key(pair), _Slot([_json_string_piece(body[start:end], offset + start)])


_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


def _json_string_value(body: str, key: str) -> tuple[int, int] | None:
    """[start, end) of the string literal (quotes included) that the object on this line
    gives ``key`` (the last one, as json.loads keeps); None when the value is not a string."""
    found = _json_value(body, key)
    return found if found is not None and body.startswith('"', found[0]) else None


def _json_value(body: str, key: str) -> tuple[int, int] | None:
    """[start, end) of the value that the object on this line gives ``key`` (the last one, as
    json.loads keeps); None when it has no such key."""
    index = _SPACE.match(body, 0).end() + 1  # past the "{"
    found = None
    while True:
        index = _SPACE.match(body, index).end()
        if body.startswith("}", index):
            return found
        name, index = json.decoder.scanstring(body, index + 1)  # type: ignore[attr-defined]
        index = _SPACE.match(body, index).end() + 1  # past the ":"
        index = _SPACE.match(body, index).end()
        _, end = _DECODER.raw_decode(body, index)
        if name == key:
            found = (index, end)
        index = _SPACE.match(body, end).end()
        if body.startswith(",", index):
            index += 1


_JSON_ESCAPE = re.compile(r'\\(u[0-9a-fA-F]{4}(?:\\u[0-9a-fA-F]{4})?|.)')


def _json_string_piece(literal: str, at: int) -> _Piece:
    """The characters of a JSON string literal and where each is written (an escape such as
    \\n or a surrogate pair \\ud83d\\ude00 is one character)."""
    text, offsets = [], []
    index = 1
    while index < len(literal) - 1:
        offsets.append(at + index)
        if literal[index] == "\\":
            escape = _JSON_ESCAPE.match(literal, index)
            assert escape is not None
            value = json.loads(f'"{escape.group()}"')
            if len(value) > 1:  # two \u escapes that are not one surrogate pair: the first alone
                escape_end = index + 6
                value = value[0]
            else:
                escape_end = escape.end()
            text.append(value)
            index = escape_end
        else:
            text.append(literal[index])
            index += 1
    offsets.append(at + len(literal) - 1)
    # A file that escapes every non-ASCII character gets new text escaped the same way.
    ascii_only = literal.isascii() and "\\u" in literal
    return _Piece(0, "".join(text), offsets, lambda new: json.dumps(new, ensure_ascii=ascii_only)[1:-1])


_PO_KEYWORD = re.compile(r"msgstr(?:\[(\d+)\])?[ \t]*(?=\")")
_PO_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_PO_CONTINUATION = re.compile(r'[ \t]*(?=")')
_PO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"'}
_PO_ESCAPED = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"})


def _po_slots(file: FileBytes, options: ReadOptions, text: _DecodedText) -> Iterator[tuple[PairKey, _Slot]]:
    """Each entry's msgstr (msgstr[n] for a plural form): its string literals, from the
    keyword's line on, one piece each."""
    from qa_tool.readers.po import is_read_swapped, parse

    catalogue = parse(io.BufferedReader(io.BytesIO(file.data)), file.name, options)  # type: ignore[arg-type]
    swapped = is_read_swapped(catalogue, options, file.name)
    lines = _lines(text.text)
    for entry in catalogue:
        if entry.obsolete:
            continue
        forms = sorted(entry.msgstr_plural) if entry.msgid_plural else [None]
        for form in forms:
            pair_id = str(entry.linenum) if form is None else f"{entry.linenum}[{form}]"
            if swapped:
                yield (pair_id, entry.linenum), _Slot(refusal=PO_MSGID)
            else:
                yield (pair_id, entry.linenum), _po_msgstr(lines, entry.linenum, form)


def _po_msgstr(lines: list[tuple[int, str]], first_line: int, form: int | None) -> _Slot:
    slot = _Slot()
    index = first_line - 1
    while index < len(lines):
        keyword = _PO_KEYWORD.match(lines[index][1])
        if keyword and (keyword.group(1) is None if form is None else keyword.group(1) == str(form)):
            break
        index += 1
    else:
        return slot
    start = keyword.end()
    while index < len(lines):
        offset, line = lines[index]
        literal = _PO_STRING.match(line, start)
        if literal is None:
            break
        piece = _po_string_piece(literal.group(1), offset + literal.start(1), slot.pieces[-1].end if slot.pieces else 0)
        if piece.text:  # msgstr "" before the lines of a long string
            slot.pieces.append(piece)
        index += 1
        if index < len(lines):
            continuation = _PO_CONTINUATION.match(lines[index][1])
            start = continuation.end() if continuation else 0
    return slot


def _po_string_piece(raw: str, at: int, start: int) -> _Piece:
    """The characters of a PO string literal's content and where each is written (an escape
    such as \\n is one character)."""
    text, offsets = [], []
    index = 0
    while index < len(raw):
        offsets.append(at + index)
        if raw[index] == "\\" and index + 1 < len(raw):
            text.append(_PO_ESCAPES.get(raw[index + 1], raw[index + 1]))
            index += 2
        else:
            text.append(raw[index])
            index += 1
    offsets.append(at + len(raw))
    return _Piece(start, "".join(text), offsets, lambda new: new.translate(_PO_ESCAPED))


# XML ---------------------------------------------------------------------------------------------

_XML_TOKEN = re.compile(
    r"""<!--.*?-->
      | <!\[CDATA\[(?P<cdata>.*?)\]\]>
      | <\?.*?\?>
      | <!DOCTYPE(?:[^\[>]|\[.*?\])*>
      | </(?P<end>[^\s>]+)\s*>
      | <(?P<start>[^\s/>]+)(?P<attributes>(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(?P<empty>/)?>""",
    re.S | re.X,
)
_REFERENCE = re.compile(r"&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([^;&\s]+));")
_PREDEFINED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
# Inline elements whose content is native code, not text of the segment (as readers/_xml.py).
_NATIVE_CODE = frozenset({"ph", "x", "ut", "bpt", "bx", "sc", "sm", "ept", "ex", "ec", "em", "it"})
_CODE_POINT = "cp"


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    # "start", "end", "empty" (a self-closing element), "text", "cdata" or "other" (comment,
    # processing instruction, DOCTYPE).
    kind: str
    name: str = ""


def _xml_tokens(text: str) -> list[_Token]:
    """The document's markup and text in order; the document is well-formed (lxml parsed it)."""
    tokens = []
    index = 0
    while index < len(text):
        opening = text.find("<", index)
        if opening < 0:
            opening = len(text)
        if opening > index:
            tokens.append(_Token(index, opening, "text"))
        if opening == len(text):
            break
        found = _XML_TOKEN.match(text, opening)
        if found is None:
            raise ValueError(f"unexpected markup at {opening}")
        if found.group("start"):
            kind = "empty" if found.group("empty") else "start"
            tokens.append(_Token(opening, found.end(), kind, found.group("start").rpartition(":")[2]))
        elif found.group("end"):
            tokens.append(_Token(opening, found.end(), "end", found.group("end").rpartition(":")[2]))
        elif found.group("cdata") is not None:
            tokens.append(_Token(opening, found.end(), "cdata"))
        else:
            tokens.append(_Token(opening, found.end(), "other"))
        index = found.end()
    return tokens


def _xml_text_escape(document: str) -> Escape:
    """Escapes new text as XML text, writing quotation marks as references when the document
    writes them so (a TMX exported with &quot; keeps its style where a fix adds a '"')."""
    table = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
    for mark, reference in (('"', "&quot;"), ("'", "&apos;")):
        if reference in document:
            table[mark] = reference
    translation = str.maketrans(table)
    return lambda new: new.translate(translation)


def _cdata_text(new: str) -> str | None:
    return None if "]]>" in new or "\r" in new else new


class _XmlPieces:
    """The pieces of an element's text, read from its tokens as readers/_xml.flatten_inline
    reads the element (native-code elements are tags; a <cp> is one character)."""

    def __init__(self, text: str, escape: Escape) -> None:
        self.text = text
        self.escape = escape
        self.slot = _Slot()
        self.length = 0

    def add(self, piece: _Piece) -> None:
        self.slot.pieces.append(piece)
        self.length = piece.end

    def walk(self, tokens: list[_Token], first: int, last: int) -> None:
        """Read tokens[first:last] (an element's content)."""
        index = first
        while index < last:
            token = tokens[index]
            if token.kind == "text":
                self.add_text(token.start, token.end)
            elif token.kind == "cdata":
                self.add_literal(token.start + len("<![CDATA["), token.end - len("]]>"), _cdata_text, CDATA_END)
            elif token.name == _CODE_POINT and token.kind in ("start", "empty"):
                # A character XML cannot hold, written as markup: one character no edit may touch.
                self.add(_Piece(self.length, _code_point(self.text[token.start : token.end]), (token.start, token.end), None))
                if token.kind == "start":
                    index = _matching_end(tokens, index)
            elif token.kind == "start" and token.name in _NATIVE_CODE:
                index = _matching_end(tokens, index)
            index += 1

    def add_literal(self, start: int, end: int, escape: Escape, refusal: str) -> None:
        """Characters written as themselves, but for line ends: XML reads \\r\\n and a lone \\r
        as \\n."""
        text, offsets = [], []
        index = start
        while index < end:
            offsets.append(index)
            if self.text.startswith("\r\n", index):
                text.append("\n")
                index += 2
            else:
                character = self.text[index]
                text.append("\n" if character == "\r" else character)
                index += 1
        offsets.append(end)
        if text:
            self.add(_Piece(self.length, "".join(text), offsets, escape, refusal))

    def add_text(self, start: int, end: int) -> None:
        """Text with references: a predefined entity or character reference is one character;
        an entity the file does not define stays as written and cannot be edited."""
        text, offsets = [], []
        index = start

        def flush() -> None:
            if text:
                self.add(_Piece(self.length, "".join(text), [*offsets, index], self.escape))
                text.clear()
                offsets.clear()

        while index < end:
            character = self.text[index]
            if character == "&":
                reference = _REFERENCE.match(self.text, index, end)
                assert reference is not None
                hexadecimal, decimal, entity = reference.groups()
                if entity is not None and entity not in _PREDEFINED:
                    flush()
                    self.add(_Piece(self.length, reference.group(), (index, reference.end()), None))
                else:
                    offsets.append(index)
                    if entity is not None:
                        text.append(_PREDEFINED[entity])
                    else:
                        text.append(chr(int(hexadecimal, 16) if hexadecimal else int(decimal)))
                index = reference.end()
            elif self.text.startswith("\r\n", index):
                offsets.append(index)
                text.append("\n")
                index += 2
            else:
                offsets.append(index)
                text.append("\n" if character == "\r" else character)
                index += 1
        flush()


_HEX_ATTRIBUTE = re.compile(r"""\shex\s*=\s*["']([^"']*)["']""")


def _code_point(start_tag: str) -> str:
    # As readers/_xml.py reads it: a broken code is U+FFFD.
    found = _HEX_ATTRIBUTE.search(start_tag)
    try:
        return chr(int(found.group(1) if found else "", 16))
    except (ValueError, OverflowError):
        return "\N{REPLACEMENT CHARACTER}"


def _matching_end(tokens: list[_Token], index: int) -> int:
    """The index of the end token of the element that starts at tokens[index]."""
    depth = 0
    for position in range(index, len(tokens)):
        kind = tokens[position].kind
        if kind == "start":
            depth += 1
        elif kind == "end":
            depth -= 1
            if depth == 0:
                return position
    raise ValueError("unclosed element")


def _xml_slots(
    file: FileBytes, format_name: str, options: ReadOptions, text: _DecodedText, wanted: set[PairKey]
) -> Iterator[tuple[PairKey, _Slot]]:
    tree = parse_tree(file.data, file.name, options.encoding)
    root = tree.getroot()
    tokens = _xml_tokens(text.text)
    start_tokens = _start_tokens(root, tokens)
    found = _tmx_targets(root, options) if format_name == "tmx" else _xliff_targets(root, file.name, options)
    escape = _xml_text_escape(text.text)
    for key, element, refusal in found:
        if element is None or key not in wanted:
            continue
        if refusal:
            yield key, _Slot(refusal=refusal)
            continue
        start = start_tokens[element]
        pieces = _XmlPieces(text.text, escape)
        if tokens[start].kind == "start":
            pieces.walk(tokens, start + 1, _matching_end(tokens, start))
        yield key, pieces.slot


def _start_tokens(root: etree._Element, tokens: list[_Token]) -> dict[etree._Element, int]:
    """The index in ``tokens`` of each element's start tag (the n-th element in document
    order is the n-th start tag)."""
    opening_tokens = [index for index, token in enumerate(tokens) if token.kind in ("start", "empty")]
    elements = [element for element in root.iter() if isinstance(element.tag, str)]
    return {element: opening_tokens[number] for number, element in enumerate(elements)}


# Where each pair's English lies in an XML file, or why it is not to be edited.
_XmlTargets = Iterator[tuple[PairKey, "etree._Element | None", str]]


def _tmx_targets(root: etree._Element, options: ReadOptions) -> _XmlTargets:
    from qa_tool.readers.tmx import language_variants, pair_id, segment_of

    for ordinal, unit in enumerate(root.iter("{*}tu"), start=1):
        source, target = language_variants(unit, options)
        if source is not None:
            yield (pair_id(unit, ordinal), unit.sourceline), segment_of(target), ""


def _xliff_targets(root: etree._Element, name: str, options: ReadOptions) -> _XmlTargets:
    """The <target> of each pair; in a file translated from English, the English is the
    <source>, which is not edited (XLIFF_SOURCE)."""
    from qa_tool.readers._direction import is_swapped
    from qa_tool.readers.xliff import is_xliff_2

    version_2 = is_xliff_2(root, name)
    swapped_2 = version_2 and is_swapped(root.get("srcLang"), root.get("trgLang"), options, name, root.sourceline)
    swapped_files: dict[etree._Element, bool] = {}
    for file, unit, segments in _xliff_segments(root, name):
        if file not in swapped_files:
            swapped_files[file] = swapped_2 or (
                not version_2
                and is_swapped(file.get("source-language"), file.get("target-language"), options, name, file.sourceline)
            )
        for pair_id, source, target, _ in segments:
            swapped = swapped_files[file]
            yield (pair_id, unit.sourceline), source if swapped else target, XLIFF_SOURCE if swapped else ""


def _xliff_segments(root: etree._Element, name: str) -> Iterator[tuple[etree._Element, etree._Element, list]]:
    """Each unit the reader reads, with its <file> and its segments as the reader reads them."""
    from qa_tool.readers.xliff import dialect_of, is_xliff_2, qualified_unit_id, trans_unit_segments, unit_segments

    version_2 = is_xliff_2(root, name)
    dialect = None if version_2 else dialect_of(root)()
    for file in root.iter("{*}file"):
        original = file.get("original")
        for unit in file.iter("{*}unit" if version_2 else "{*}trans-unit"):
            if dialect is None:
                if unit.get("translate") == "no":
                    continue
                segments = unit_segments(unit, qualified_unit_id(unit, original))
            else:
                if not dialect.is_read(unit):
                    continue
                segments = trans_unit_segments(unit, dialect.unit_id(unit, original), dialect)
            yield file, unit, list(segments)


# Notes -------------------------------------------------------------------------------------
#
# A note is added to a pair's unit where its reader reads notes, in the file's own way: TMX a
# <note> in the <tu> before its <tuv>s; XLIFF 1.2 a <note> after the <target> (or <source>);
# XLIFF 2 a <note> at the end of the unit's <notes>, made before the segments when there is
# none; JSONL the "notes" value (a string gains a line, a list an item, a missing key is
# added); TSV/CSV the notes column's field (" | " before an addition to a field with text).
# A new element is indented like the one it stands beside. The notes of several segments of
# one XLIFF unit go to that unit. Nothing else changes.


@dataclass(frozen=True, slots=True)
class Noted:
    """The file with the notes added, and the pairs whose notes had no place."""

    data: bytes
    unnoted: tuple[SegmentPair, ...]



def holds_notes(files: Sequence[FileBytes], format_name: str, options: ReadOptions) -> bool:
    """True when the document has a place for a note on each pair."""
    if format_name not in NOTE_FORMATS:
        return False
    if format_name in ("tsv", "csv"):
        from qa_tool.readers.delimited import note_cells

        stream = io.BufferedReader(io.BytesIO(files[0].data))  # type: ignore[arg-type]
        return next((column is not None for _, column in note_cells(stream, files[0].name, options)), False)
    return True


def add_notes(
    files: Sequence[FileBytes], format_name: str, options: ReadOptions, notes: Mapping[SegmentPair, Sequence[str]]
) -> Noted:
    """The document's file with ``notes`` (one line of text each) added to their pairs' units.
    The pairs are as read from ``files``."""
    wanted = {pair_key(pair): (pair, list(texts)) for pair, texts in notes.items() if texts}
    if not wanted or format_name not in NOTE_FORMATS:
        return Noted(files[-1].data, tuple(pair for pair, _ in wanted.values()))
    text = _DecodedText.of(files[-1], format_name, options)
    if format_name in ("tmx", "xliff"):
        raw_edits, placed = _xml_notes(files[0], format_name, options, text, wanted)
    elif format_name == "jsonl":
        raw_edits, placed = _jsonl_notes(files[0], options, text, wanted)
    else:
        raw_edits, placed = _delimited_notes(files[0], format_name, options, text, wanted)
    unnoted = tuple(pair for key, (pair, _) in wanted.items() if key not in placed)
    return Noted(text.spliced(raw_edits), unnoted)


NoteRequest = Mapping[PairKey, "tuple[SegmentPair, list[str]]"]


def _xml_notes(
    file: FileBytes, format_name: str, options: ReadOptions, text: _DecodedText, wanted: NoteRequest
) -> tuple[list[_RawEdit], set[PairKey]]:
    tree = parse_tree(file.data, file.name, options.encoding)
    root = tree.getroot()
    tokens = _xml_tokens(text.text)
    start_tokens = _start_tokens(root, tokens)
    units: dict[etree._Element, list[PairKey]] = {}
    for key, unit in _tmx_units(root) if format_name == "tmx" else _xliff_units(root, file.name):
        if key in wanted:
            units.setdefault(unit, []).append(key)
    place = _tmx_note_place if format_name == "tmx" else _xliff_note_place
    escape = _xml_text_escape(text.text)
    raw_edits, placed = [], set()
    for unit, keys in units.items():
        texts = list(dict.fromkeys(note for key in keys for note in wanted[key][1]))
        notes = [_note_element(unit, "note", _xml_note_content(note, escape, text.codec)) for note in texts]
        found = place(unit, notes, _XmlLayout(text.text, tokens, start_tokens))
        if found is not None:
            raw_edits.append(found)
            placed.update(keys)
    return raw_edits, placed


def _tmx_units(root: etree._Element) -> Iterator[tuple[PairKey, etree._Element]]:
    from qa_tool.readers.tmx import pair_id

    for ordinal, unit in enumerate(root.iter("{*}tu"), start=1):
        yield (pair_id(unit, ordinal), unit.sourceline), unit


def _xliff_units(root: etree._Element, name: str) -> Iterator[tuple[PairKey, etree._Element]]:
    for _, unit, segments in _xliff_segments(root, name):
        for pair_id, *_ in segments:
            yield (pair_id, unit.sourceline), unit


@dataclass(frozen=True)
class _XmlLayout:
    """Where elements stand in the decoded file, to insert markup beside them."""

    text: str
    tokens: list[_Token]
    start_tokens: dict[etree._Element, int]

    def start(self, element: etree._Element) -> int:
        return self.tokens[self.start_tokens[element]].start

    def end(self, element: etree._Element) -> int:
        index = self.start_tokens[element]
        if self.tokens[index].kind == "start":
            index = _matching_end(self.tokens, index)
        return self.tokens[index].end

    def indent(self, element: etree._Element) -> str:
        """The white space just before ``element``'s start tag ("" when there is none)."""
        index = self.start_tokens[element]
        before = self.tokens[index - 1] if index else None
        if before is None or before.kind != "text":
            return ""
        space = self.text[before.start : before.end]
        return space if not space.strip() else ""


def _children_named(unit: etree._Element, *names: str) -> list[etree._Element]:
    namespace = etree.QName(unit).namespace
    return [
        child for child in unit
        if isinstance(child.tag, str) and etree.QName(child).localname in names and etree.QName(child).namespace == namespace
    ]


def _tmx_note_place(unit: etree._Element, notes: list[str], layout: _XmlLayout) -> _RawEdit | None:
    # TMX 1.4: <tu> holds (note | prop)* before its tuv+.
    variants = _children_named(unit, "tuv")
    if not variants:
        return None
    first = variants[0]
    indent = layout.indent(first)
    at = layout.start(first)
    return _RawEdit(at, at, "".join(note + indent for note in notes))


def _xliff_note_place(unit: etree._Element, notes: list[str], layout: _XmlLayout) -> _RawEdit | None:
    if etree.QName(unit).localname == "trans-unit":
        # XLIFF 1.2: notes may follow source, seg-source and target, among the other extras.
        anchors = _children_named(unit, "source", "seg-source", "target")
        if not anchors:
            return None
        indent = layout.indent(anchors[-1])
        at = layout.end(anchors[-1])
        return _RawEdit(at, at, "".join(indent + note for note in notes))
    containers = _children_named(unit, "notes")
    if containers:
        existing = _children_named(containers[0], "note")
        if not existing:
            return None
        indent = layout.indent(existing[-1])
        at = layout.end(existing[-1])
        return _RawEdit(at, at, "".join(indent + note for note in notes))
    # XLIFF 2: <notes> comes after the elements of other namespaces, before originalData and
    # the segments.
    following = _children_named(unit, "originalData", "segment", "ignorable")
    if not following:
        return None
    indent = layout.indent(following[0])
    inner = indent + "  " if indent else ""
    at = layout.start(following[0])
    container = _qualified(unit, "notes")
    return _RawEdit(at, at, f"<{container}>{''.join(inner + note for note in notes)}{indent}</{container}>{indent}")


def _note_element(unit: etree._Element, local_name: str, content: str) -> str:
    name = _qualified(unit, local_name)
    return f"<{name}>{content}</{name}>"


def _qualified(unit: etree._Element, local_name: str) -> str:
    """``local_name`` with the prefix the unit's own tag has, if any."""
    return f"{unit.prefix}:{local_name}" if unit.prefix else local_name


def _xml_note_content(note: str, escape: Escape, codec: str) -> str:
    return escape(note).encode(codec, "xmlcharrefreplace").decode(codec)


def _jsonl_notes(
    file: FileBytes, options: ReadOptions, text: _DecodedText, wanted: NoteRequest
) -> tuple[list[_RawEdit], set[PairKey]]:
    from qa_tool.readers.jsonl import parse_object

    lines = _lines(text.text)
    raw_edits, placed = [], set()
    for pair in read_document([file], "jsonl", options):
        key = pair_key(pair)
        if key not in wanted or pair.location.line is None:
            continue
        texts = wanted[key][1]
        offset, raw = lines[pair.location.line - 1]
        body = _without_end(raw)
        record = parse_object(body, file.name, pair.location.line)
        ascii_only = not _encodable("".join(texts), text.codec)

        def literal(note: str) -> str:
            return json.dumps(note, ensure_ascii=ascii_only)

        value = _json_value(body, "notes")
        if value is None:
            # A member added after the last one, before the closing brace.
            close = len(body.rstrip()) - 1
            added = f'{", " if record else ""}"notes": {literal(chr(10).join(texts))}'
        elif isinstance(record["notes"], str):
            # More lines of the note, before its closing quote.
            close = value[1] - 1
            added = literal("".join(f"\n{note}" for note in texts))[1:-1]
        elif isinstance(record["notes"], list):
            # More items, before the closing bracket.
            close = value[1] - 1
            added = f"{', ' if record['notes'] else ''}{', '.join(map(literal, texts))}"
        else:
            continue
        raw_edits.append(_RawEdit(offset + close, offset + close, added))
        placed.add(key)
    return raw_edits, placed


def _delimited_notes(
    file: FileBytes, format_name: str, options: ReadOptions, text: _DecodedText, wanted: NoteRequest
) -> tuple[list[_RawEdit], set[PairKey]]:
    from qa_tool.readers.delimited import note_cells

    raw_edits, placed = [], set()
    for pair, cell, offset, delimiter in _delimited_fields(file, format_name, options, text, note_cells):
        key = pair_key(pair)
        if key not in wanted or cell is None:
            continue
        piece = cell.piece(offset, delimiter)
        added = NOTE_SEPARATOR.join(wanted[key][1])
        if piece.text.strip():
            added = NOTE_SEPARATOR + added
        escaped = piece.escape(added) if piece.escape is not None else None
        if escaped is None or not _encodable(escaped, text.codec):
            continue
        at = piece.offsets[len(piece.text)]
        raw_edits.append(_RawEdit(at, at, escaped))
        placed.add(key)
    return raw_edits, placed
