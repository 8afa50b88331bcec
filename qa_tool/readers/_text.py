"""Decoding line-based inputs (TSV/CSV, JSONL, plain text) from a binary stream."""

from __future__ import annotations

import codecs
import io
import re
from typing import BinaryIO, Iterator

from qa_tool.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# An old-Mac line end: a CR not followed by LF.
_LONE_CR = re.compile(r"(?<=\r)(?!\n|\Z)")


def _encoding_from_bom(head: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def _is_ascii_compatible(encoding: str) -> bool:
    return codecs.lookup(encoding).name not in {"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}


def numbered_lines(
    stream: BinaryIO, name: str, encoding: str | None = None, keep_ends: bool = False
) -> Iterator[tuple[int, str]]:
    """Yield (1-based line number, line) lazily. The encoding comes from a BOM, else
    ``encoding``, else UTF-8; undecodable bytes raise InputError naming their line.
    Newlines \\n, \\r\\n and \\r all end a line."""
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream)  # type: ignore[arg-type]
    chosen = _encoding_from_bom(buffered.peek(4)[:4]) or encoding or "utf-8"
    try:
        ascii_compatible = _is_ascii_compatible(chosen)
    except LookupError:
        raise InputError(f"unknown encoding {chosen!r}", path=name) from None
    if ascii_compatible:
        raw_lines = _decode_each_line(buffered, name, chosen, given=encoding is not None)
    else:
        raw_lines = io.TextIOWrapper(buffered, encoding=chosen, newline="")
    number = 0
    for raw in raw_lines:
        for line in _LONE_CR.split(raw) if "\r" in raw else (raw,):
            number += 1
            yield number, line if keep_ends else line.rstrip("\r\n")


def _decode_each_line(buffered: BinaryIO, name: str, encoding: str, given: bool) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    for number, raw in enumerate(buffered, start=1):
        try:
            yield decoder.decode(raw)
        except UnicodeDecodeError as error:
            hint = "" if given else "; if it is GB18030, Big5 or UTF-16 without a BOM, pass --encoding"
            raise InputError(
                f"cannot decode the text as {encoding} ({error.reason} at byte {error.start + 1} of the line){hint}",
                path=name,
                line=number,
            ) from None
