"""Input formats → a stream of SegmentPair. One module per format; this module picks one.

Every reader is a function ``read(stream, name, options) -> Iterator[SegmentPair]`` that takes
a binary stream (a file or stdin) and the name to show in messages, yields pairs lazily, and
raises ``InputError`` (with the file and line or unit) for anything it cannot read.
"""

from __future__ import annotations

import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import BinaryIO, Callable, Iterator

from qa_tool.errors import InputError
from qa_tool.model import SegmentPair
from qa_tool.readers._limits import DEFAULT_MAX_SEGMENT_CHARS, within_segment_limit

Reader = Callable[[BinaryIO, str, "ReadOptions"], Iterator[SegmentPair]]


@dataclass(frozen=True)
class ReadOptions:
    """How to read a file; the CLI fills these from its options."""

    # Languages of the pair to check, matched by primary subtag (zh matches zh-CN, ZH-TW, zh_Hans).
    source_lang: str = "zh"
    target_lang: str = "en"
    # Encoding of line-based files without a BOM (default UTF-8; undecodable text is an error).
    encoding: str | None = None
    # TSV/CSV: column names or 1-based indexes for source/target/id; None = detect from header.
    source_column: str | None = None
    target_column: str | None = None
    id_column: str | None = None
    # TSV/CSV: field delimiter; None = from extension, then sniffing.
    delimiter: str | None = None
    # JSONL: keys of the objects.
    source_key: str = "source"
    target_key: str = "target"
    id_key: str = "id"
    # The longest source or target, in characters; a longer one is an input error.
    max_segment_chars: int = DEFAULT_MAX_SEGMENT_CHARS


FORMATS = ("tmx", "xliff", "tsv", "csv", "jsonl", "interleaved", "xlsx", "docx", "po")


def what_a_pair_is(format_name: str, options: ReadOptions) -> str:
    """What a reader of ``format_name`` looks for, for the error when a file holds none."""
    source, target = options.source_lang, options.target_lang
    return {
        "tmx": f"<tu> units with <tuv> variants in {source} and {target}",
        "xliff": "<trans-unit> or <unit> elements with a <source>",
        "tsv": f"rows with {source} and {target} columns",
        "csv": f"rows with {source} and {target} columns",
        "jsonl": f'JSON objects with "{options.source_key}" and "{options.target_key}"',
        "interleaved": f"{source} paragraphs followed by their {target}",
        "parallel": f"lines of the {source} file and the {target} file",
        "xlsx": f"visible sheets with {source} and {target} columns",
        "docx": f"tables with {source} and {target} columns",
        "po": "entries with a msgid (obsolete #~ entries are not read)",
    }[format_name]

_EXTENSIONS = {
    ".tmx": "tmx",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".sdlxliff": "xliff",
    ".mqxliff": "xliff",
    ".mxliff": "xliff",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".docx": "docx",
    ".docm": "docx",
    ".po": "po",
    ".pot": "po",
}
# A ZIP archive's first local headers name its first parts: Office writes [Content_Types].xml
# and the main parts early, so the folder of the main part tells a workbook from a document.
_ZIP_SIGNATURE = b"PK\x03\x04"
_OFFICE_FOLDERS = ((b"xl/", "xlsx"), (b"word/", "docx"))
# A PO file's first entry, its header: msgid "" (comments and a msgctxt may come before it).
_PO_ENTRY = re.compile(r'^(?:msgctxt|msgid)[ \t]+"', re.MULTILINE)
# How much of a file's start is read to tell its format when the extension does not.
SNIFF_BYTES = 8192
# Extensions of plain text that a folder's walk reads when the content shows a format
# (interleaved bilingual text has no extension of its own).
SNIFFED_EXTENSIONS = (".txt",)
# Extensions of templates, files of sources waiting for a translation (gettext .pot): read
# when named, left out of a folder's walk, where their empty targets would be findings.
TEMPLATE_EXTENSIONS = (".pot",)


def known_extensions() -> tuple[str, ...]:
    """The extensions (lower case, with the dot) whose format is known from the name alone."""
    return tuple(sorted(_EXTENSIONS))


def detect_format(name: str, head: bytes) -> str | None:
    """The format of a file from its extension, else from its first bytes; None if unknown."""
    suffix = PurePath(name.lower()).suffix
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    if head.startswith(_ZIP_SIGNATURE):
        return next((format_name for folder, format_name in _OFFICE_FOLDERS if folder in head), None)
    text = _decode_head(head).lstrip("\ufeff \t\r\n")
    if text.startswith(("#", "msgid", "msgctxt")) and _PO_ENTRY.search(text):
        return "po"
    if text.startswith("<"):
        if "<tmx" in text:
            return "tmx"
        if "<xliff" in text:
            return "xliff"
        return None
    if text.startswith("{"):
        return "jsonl"
    first_line = text.split("\n", 1)[0]
    if "\t" in first_line:
        return "tsv"
    from qa_tool.readers.interleaved import looks_interleaved

    if looks_interleaved(text):
        return "interleaved"
    return None


def _decode_head(head: bytes) -> str:
    for bom, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore")
    return head.decode("utf-8", errors="ignore")


def reader_for(format_name: str) -> Reader:
    """The read function of a format (modules are imported only when used)."""
    if format_name == "tmx":
        from qa_tool.readers import tmx as module
    elif format_name == "xliff":
        from qa_tool.readers import xliff as module
    elif format_name in ("tsv", "csv"):
        from qa_tool.readers import delimited as module
    elif format_name == "jsonl":
        from qa_tool.readers import jsonl as module
    elif format_name == "interleaved":
        from qa_tool.readers import interleaved as module
    elif format_name == "xlsx":
        from qa_tool.readers import xlsx as module
    elif format_name == "docx":
        from qa_tool.readers import docx as module
    elif format_name == "po":
        from qa_tool.readers import po as module
    else:
        raise InputError(f"unknown input format {format_name!r} (expected one of: {', '.join(FORMATS)})")
    return module.read


@contextmanager
def open_input(path: str) -> Iterator[BinaryIO]:
    """A peekable binary stream for a path, or for stdin when the path is '-'."""
    if path == "-":
        yield sys.stdin.buffer
        return
    try:
        stream = open(path, "rb")
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path=path) from None
    except OSError as error:
        raise InputError(error.strerror or str(error), path=path) from None
    with stream:
        yield stream


def format_of(stream: BinaryIO, name: str) -> str:
    """The format of a peekable stream: from the name's extension, else from its first bytes."""
    peek = getattr(stream, "peek", None)
    head = peek(SNIFF_BYTES)[:SNIFF_BYTES] if peek else b""
    format_name = detect_format(name, head)
    if format_name is None:
        raise InputError(f"cannot tell the format of the file; pass --from with one of: {', '.join(FORMATS)}", path=name)
    return format_name


def read_pairs(
    stream: BinaryIO, name: str, options: ReadOptions, format_name: str | None = None
) -> Iterator[SegmentPair]:
    """Pairs from one bilingual file, its format given or detected."""
    format_name = format_name or format_of(stream, name)
    if format_name in ("tsv", "csv") and options.delimiter is None:
        options = replace(options, delimiter="\t" if format_name == "tsv" else ",")
    return within_segment_limit(reader_for(format_name)(stream, name, options), options.max_segment_chars)
