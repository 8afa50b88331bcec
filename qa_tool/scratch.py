"""Scratch databases: what a run keeps that grows with the size of its files (findings, the
consistency rules' tables) goes to a SQLite database in a temporary folder once it passes a
bound, so a million-pair file checks in about the memory of a small one."""

from __future__ import annotations

import sqlite3
import tempfile
import weakref
from pathlib import Path


# Page cache of each scratch database, in KiB.
CACHE_KIB = 512


class ScratchDatabase:
    """A SQLite database nobody else reads: no journal, no syncing. Its folder is removed
    when the object is collected, or at exit."""

    def __init__(self, purpose: str) -> None:
        folder = tempfile.TemporaryDirectory(prefix=f"qa-tool-{purpose}-")
        # A document reduced in one thread of a Dask scheduler is reported from another; no
        # connection is ever used by two threads at once.
        self.connection = sqlite3.connect(Path(folder.name, f"{purpose}.sqlite3"), check_same_thread=False)
        self._finalizer = weakref.finalize(self, _remove, self.connection, folder)
        # A small page cache: SQLite's default of 2 MB a database is most of what a spilled
        # table costs in memory, and the pages it would hold are in the system's file cache anyway.
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "temp_store = FILE", f"cache_size = -{CACHE_KIB}"):
            self.connection.execute(f"PRAGMA {pragma}")


def _remove(connection: sqlite3.Connection, folder: tempfile.TemporaryDirectory[str]) -> None:
    try:
        connection.close()
    finally:
        folder.cleanup()
