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
# How much of a file's start is read to find its encoding.
_SNIFF_BYTES = 4096
# NULs on one byte parity in at least one UTF-16 code unit in this many mean UTF-16 (see
# _utf16_by_nul_bytes): a line of 60 Chinese characters has one, for its line break.
_NUL_SHARE = 64
# Fewer UTF-16 code units than this are too short to call English UTF-16 rather than UTF-8.
_MOSTLY_ASCII_UNITS = 16
# Encodings whose line breaks are not the byte 0x0A, so lines cannot be split before decoding.
_WIDE = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})
_NEEDS_BYTE_ORDER = frozenset({"utf-16", "utf-32"})
# Undecodable bytes in UTF-16/32 become this lone surrogate, which strict decoding never
# yields, so the line that holds them can be named.
_UNDECODABLE = "\udcff"
_MARK_UNDECODABLE = "qa_tool.mark_undecodable"
codecs.register_error(_MARK_UNDECODABLE, lambda error: (_UNDECODABLE, error.end))


# The exact codec of each byte order mark, for writing a file back with the same mark (checked
# longest first: the UTF-32 LE mark starts with the UTF-16 LE one).
_EXACT_CODECS_OF_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def byte_order_mark(head: bytes) -> tuple[bytes, str] | None:
    """The byte order mark ``head`` starts with and the exact codec (byte order included) of
    the text after it; None without one."""
    return next(((mark, codec) for mark, codec in _EXACT_CODECS_OF_BOMS if head.startswith(mark)), None)


def _encoding_from_bom(head: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def _utf16_by_nul_bytes(head: bytes) -> str | None:
    """The UTF-16 byte order ("utf-16-le" or "utf-16-be") that the NUL bytes of ``head``
    show, for a file without a BOM; None when they show none.

    Every ASCII character (tab, line break, English letter) is a NUL and a byte in UTF-16, the
    NUL second in little-endian and first in big-endian. Damage does not favour one parity, so
    a guess needs bytes that UTF-16 decodes, NULs on one parity in one code unit of
    _NUL_SHARE or more and few on the other (Han characters U+xx00 put some there), and
    either bytes that UTF-8 cannot decode or, for English that UTF-8 decodes too, NULs in
    nearly every code unit of a long enough stretch. A UTF-8 file with stray NULs stays UTF-8;
    anything less certain stays UTF-8 and fails with a hint when it is not."""
    units = len(head) // 2
    on_even = head[0 : 2 * units : 2].count(0)
    on_odd = head[1 : 2 * units : 2].count(0)
    for encoding, nuls, others in (("utf-16-le", on_odd, on_even), ("utf-16-be", on_even, on_odd)):
        if nuls < 2 or others * 4 > nuls or nuls * _NUL_SHARE < units or not _decodes(head, encoding):
            continue
        mostly_ascii = units >= _MOSTLY_ASCII_UNITS and nuls * 10 >= units * 9
        if mostly_ascii or not _decodes(head, "utf-8"):
            return encoding
    return None


def _decodes(head: bytes, encoding: str) -> bool:
    try:
        # Not final: a character cut off by the end of the sample is no error.
        codecs.getincrementaldecoder(encoding)("strict").decode(head)
    except UnicodeDecodeError:
        return False
    return True


def text_encoding(encoding: str) -> str:
    """The canonical name of ``encoding``; ValueError unless it is a text encoding (bytes to
    str): Python also knows rot13, hex, base64 and zlib as codecs, which decode nothing here."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise ValueError(f"unknown encoding {encoding!r}") from None
    # CodecInfo marks the bytes-to-bytes and str-to-str codecs; str.encode refuses them the same way.
    if not getattr(info, "_is_text_encoding", True):
        raise ValueError(f"{encoding!r} is not a text encoding (use one such as utf-8, gb18030 or big5)")
    return info.name


def chosen_encoding(head: bytes, encoding: str | None, name: str) -> str:
    """The BOM's encoding, else ``encoding`` (given or sniffed as UTF-16), else UTF-8."""
    try:
        canonical = text_encoding(encoding) if encoding is not None else None
    except ValueError as error:
        raise InputError(str(error), path=name) from None
    from_bom = _encoding_from_bom(head)
    if from_bom is not None:
        return from_bom
    if encoding is None:
        return _utf16_by_nul_bytes(head) or "utf-8"
    if canonical in _NEEDS_BYTE_ORDER:
        # Python's utf-16 and utf-32 decoders take the byte order from a BOM only.
        sniffed = _utf16_by_nul_bytes(head) if canonical == "utf-16" else None
        if sniffed is None:
            raise InputError(
                f"the file has no byte order mark (BOM), so its {encoding} byte order is unknown; "
                f"pass --encoding {canonical}-le or {canonical}-be",
                path=name,
            )
        return sniffed
    return encoding


def numbered_lines(
    stream: BinaryIO, name: str, encoding: str | None = None, keep_ends: bool = False
) -> Iterator[tuple[int, str]]:
    """Yield (1-based line number, line) lazily. The encoding comes from a BOM, else
    ``encoding``, else UTF-16 when the NUL bytes say so, else UTF-8; undecodable bytes raise
    InputError naming their line. Newlines \\n, \\r\\n and \\r all end a line."""
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream)  # type: ignore[arg-type]
    chosen = chosen_encoding(buffered.peek(_SNIFF_BYTES)[:_SNIFF_BYTES], encoding, name)
    if codecs.lookup(chosen).name in _WIDE:
        raw_lines: Iterator[str] = io.TextIOWrapper(buffered, encoding=chosen, errors=_MARK_UNDECODABLE, newline="")
    else:
        raw_lines = _decode_each_line(buffered, name, chosen, given=encoding is not None)
    number = 0
    for raw in raw_lines:
        for line in _LONE_CR.split(raw) if "\r" in raw else (raw,):
            number += 1
            if _UNDECODABLE in line:
                raise InputError(
                    f"cannot decode the text as {chosen}: this line has bytes that are not {chosen} "
                    "(is the file cut short, or in another encoding?)",
                    path=name,
                    line=number,
                )
            yield number, line if keep_ends else line.rstrip("\r\n")


def _decode_each_line(buffered: BinaryIO, name: str, encoding: str, given: bool) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    hint = "" if given else "; if it is GB18030, Big5 or UTF-16 without a BOM, pass --encoding"
    number = 0
    for number, raw in enumerate(buffered, start=1):
        try:
            yield decoder.decode(raw)
        except UnicodeDecodeError as error:
            raise InputError(
                f"cannot decode the text as {encoding} ({error.reason} at byte {error.start + 1} of the line){hint}",
                path=name,
                line=number,
            ) from None
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        # The decoder holds back the start of a character until its last byte comes.
        raise InputError(
            f"the file ends in the middle of a {encoding} character: it may have been cut short{hint}",
            path=name,
            line=number,
        ) from None
