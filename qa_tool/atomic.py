"""Writing output files so that a reader never sees half a file and inputs are never touched."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TextIO


@contextmanager
def atomic_text_writer(path: str | Path, encoding: str = "utf-8", errors: str = "strict") -> Iterator[TextIO]:
    """Open a temporary file beside ``path``; rename it over ``path`` only if the block
    finishes without an exception, else remove it. ``errors`` says what becomes of a
    character the encoding cannot hold, as in ``open``."""
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(handle, "w", encoding=encoding, errors=errors, newline="") as stream:
            yield stream
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
