"""What the Office readers (XLSX, DOCX) share: their files are ZIP archives of XML parts, and
an archive is checked before any part is inflated, so a zip bomb is refused in bounded memory.

The sizes an archive declares for its parts are read from its central directory. Python's
zipfile never inflates a part beyond its declared size (it stops there and fails the CRC), so
declared sizes bound the memory of every later read. The limits follow Apache POI's
ZipSecureFile: a part may inflate to at most 100 times its compressed size (POI's minimum
inflate ratio of 0.01), checked only for parts over a megabyte, since tiny parts compress
wildly without harm. On top of that, no part may inflate past MAX_PART_BYTES nor the whole
archive past MAX_TOTAL_BYTES: far more than any real workbook or document holds (a sheet of a
million rows of two short sentences is about 150 MB of XML), far less than would exhaust a
machine. Office Open XML forbids DTDs in its parts (ECMA-376 Part 2, 8.1.4), so a part that
starts with one is refused before a parser sees it.
"""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
import zlib
from contextlib import contextmanager
from typing import BinaryIO, Iterator

from qa_tool.errors import InputError

MAX_PART_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 100
# Parts at most this large may compress at any ratio (an empty sheet of styles compresses 200:1).
RATIO_CHECKED_ABOVE = 1024 * 1024
MAX_PARTS = 10_000
# How much of an XML part's start is read to find a DOCTYPE: it may only follow the
# declaration, comments and white space.
_PROLOG_BYTES = 4096
# The first bytes of an OLE2 compound file: an old .xls/.doc, or an Office file saved with a
# password (its encrypted package is stored in one).
_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def checked_archive(stream: BinaryIO, name: str, kind: str, legacy_extension: str) -> zipfile.ZipFile:
    """The ZIP archive in ``stream`` (made seekable first when it is a pipe), its declared
    sizes checked; InputError naming ``kind`` (e.g. "XLSX workbook") otherwise."""
    stream = seekable(stream)
    head = stream.read(len(_OLE2_SIGNATURE))
    stream.seek(0)
    if head == _OLE2_SIGNATURE:
        raise InputError(
            f"cannot read the {kind}: the file is an older binary Office file ({legacy_extension}) or a "
            "password-protected one; save it without a password in the newer format",
            path=name,
        )
    try:
        archive = zipfile.ZipFile(stream)
    except zipfile.BadZipFile:
        raise InputError(f"cannot read the {kind}: the file is not a ZIP archive, or one that is damaged or cut short", path=name) from None
    except (OSError, ValueError, EOFError) as error:
        raise InputError(f"cannot read the {kind}: a damaged ZIP archive ({error})", path=name) from None
    try:
        check_sizes(archive, name, kind)
        for info in archive.infolist():
            if info.filename.endswith((".xml", ".rels")):
                _refuse_dtd(archive, info, name, kind)
    except BaseException:
        archive.close()
        raise
    return archive


def check_sizes(archive: zipfile.ZipFile, name: str, kind: str) -> None:
    """InputError unless every part and the whole archive stay within the limits above."""
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise InputError(f"the {kind} holds {len(infos):,} parts, more than the {MAX_PARTS:,} qa-tool reads", path=name)
    total = 0
    for info in infos:
        if info.file_size > MAX_PART_BYTES:
            raise _bomb(name, kind, f"its part {info.filename} would inflate to {info.file_size:,} bytes")
        if info.file_size > RATIO_CHECKED_ABOVE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise _bomb(name, kind, f"its part {info.filename} would inflate {ratio:,} times")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise _bomb(name, kind, f"its parts would inflate to over {MAX_TOTAL_BYTES:,} bytes")


def _bomb(name: str, kind: str, detail: str) -> InputError:
    return InputError(f"refused to open the {kind}: {detail} (a zip bomb, or far larger than any real one)", path=name)


def _refuse_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, kind: str) -> None:
    try:
        with archive.open(info) as part:
            prolog = part.read(_PROLOG_BYTES)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError, ValueError) as error:
        raise InputError(f"cannot read part {info.filename} of the {kind}: {error}", path=name) from None
    if b"<!DOCTYPE" in prolog.upper():
        raise InputError(
            f"part {info.filename} of the {kind} declares a DTD, which Office files never do; "
            "qa-tool does not read DTDs (they can read local files or expand without bound)",
            path=name,
        )


def seekable(stream: BinaryIO) -> BinaryIO:
    """``stream`` itself when it can seek, else its bytes copied to a temporary file (a ZIP
    archive is read from its end), so standard input works too without being held in memory."""
    try:
        if stream.seekable():
            return stream
    except (AttributeError, ValueError, OSError):
        pass
    copy = tempfile.TemporaryFile()
    shutil.copyfileobj(stream, copy)
    copy.seek(0)
    return copy


@contextmanager
def archive_errors(name: str, kind: str) -> Iterator[None]:
    """Turns what a damaged part makes zipfile or an XML parser raise into an InputError; for
    the few library calls that read parts, never around qa-tool's own logic."""
    try:
        yield
    except InputError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
        raise InputError(f"cannot read the {kind}: a damaged ZIP archive ({error})", path=name) from None
    except (KeyError, ValueError, TypeError, AttributeError, IndexError, LookupError, SyntaxError, OSError, io.UnsupportedOperation) as error:
        # SyntaxError covers xml.etree's ParseError and lxml's XMLSyntaxError; LookupError an
        # XML declaration naming an unknown encoding.
        raise InputError(f"cannot read the {kind}: a damaged or unexpected part ({type(error).__name__}: {error})", path=name) from None
