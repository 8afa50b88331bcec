"""Writing output files so that a reader never sees half a file and inputs are never touched."""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, BinaryIO, Iterator, TextIO


@contextmanager
def atomic_text_writer(path: str | Path, encoding: str = "utf-8", errors: str = "strict") -> Iterator[TextIO]:
    """Open a temporary file beside ``path``; rename it over ``path`` only if the block
    finishes without an exception, else remove it. ``errors`` says what becomes of a
    character the encoding cannot hold, as in ``open``. The file gets the permissions
    ``path`` had, or those of any new file. An existing path that is not a regular file
    (/dev/null, a pipe) is written directly: renaming over it would replace the device."""
    with _atomic(path, "w", encoding=encoding, errors=errors, newline="") as stream:
        yield stream


@contextmanager
def atomic_binary_writer(path: str | Path) -> Iterator[BinaryIO]:
    """As ``atomic_text_writer``, for bytes (an annotated workbook)."""
    with _atomic(path, "wb") as stream:
        yield stream


# What a command that writes over its input (fix --in-place, a review's save) keeps the
# input as, beside it, unless told not to.
BACKUP_SUFFIX = ".orig"


def write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` as the whole file ``path``, atomically."""
    with atomic_binary_writer(path) as stream:
        stream.write(data)


@contextmanager
def _atomic(path: str | Path, mode: str, **options: str) -> Iterator[IO]:
    target = Path(path)
    if target.exists() and not target.is_file():
        with open(target, mode, **options) as stream:
            yield stream
        return
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(handle, mode, **options) as stream:
            yield stream
        # mkstemp makes the file private (0600); a report is shared like any file the user writes.
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        # The umask can only be read by setting it; it is put back at once.
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
