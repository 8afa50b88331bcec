"""Scratch databases: what a run keeps that grows with the size of its files (findings, the
consistency rules' tables, the pairs the name rules name at the end) goes to a SQLite database in a temporary folder once it passes a
bound, so a million-pair file checks in about the memory of a small one."""

from __future__ import annotations

import pickle
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qa_tool.model import Location, SegmentPair

if TYPE_CHECKING:
    import sqlite3
    import tempfile


# Page cache of each scratch database, in KiB. A million-pair file has seven (its findings, two
# consistency tables, four name rules' pairs), and a cache this much smaller than a spilled
# table hits hardly less often than a larger one: the pages it misses are in the system's file
# cache. 512 KiB cost a 1M-pair check 1.5 MB more than 256, and 256 1.3 MB more than 64, at
# the same speed (241 s against 243 at 1M pairs, 24.32 s against 24.35 at 100k).
CACHE_KIB = 64


class ScratchDatabase:
    """A SQLite database nobody else reads: no journal, no syncing. Its folder is removed
    when the object is collected, or at exit."""

    def __init__(self, purpose: str) -> None:
        # Imported here: most runs never pass a bound, and the two are 5 ms of every start.
        import sqlite3
        import tempfile

        folder = tempfile.TemporaryDirectory(prefix=f"qa-tool-{purpose}-")
        # A document reduced in one thread of a Dask scheduler is reported from another; no
        # connection is ever used by two threads at once.
        self.connection = sqlite3.connect(Path(folder.name, f"{purpose}.sqlite3"), check_same_thread=False)
        self._finalizer = weakref.finalize(self, _remove, self.connection, folder)
        # A small page cache: SQLite's default of 2 MB a database is most of what a spilled
        # table costs in memory, and the pages it would hold are in the system's file cache anyway.
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "temp_store = FILE", f"cache_size = -{CACHE_KIB}"):
            self.connection.execute(f"PRAGMA {pragma}")


def blob(data: bytes) -> bytearray:
    """``data`` to bind as a BLOB: sqlite3 binds a bytearray as it is, where bytes go through
    its adapters first (about 1 µs a value, a third of what a spilled finding's row cost)."""
    return bytearray(data)


def _remove(connection: sqlite3.Connection, folder: tempfile.TemporaryDirectory[str]) -> None:
    try:
        connection.close()
    finally:
        folder.cleanup()


class KeptPairs:
    """Pairs a rule names only once it has seen the whole document (NM05 to NM08 keep
    every place a name or title is written, and report some of them at the end): the first
    HELD in memory, the rest in a scratch database, each known by its number, so the places
    of a million-pair file hold numbers instead of both texts of each pair."""

    # A pair kept costs about a kilobyte. A 10,000-pair file keeps 30 to 70 a rule, all held;
    # a thousand held by each of the name rules were megabytes of a million-pair file's peak.
    HELD = 100
    _BATCH = 64

    def __init__(self) -> None:
        self._held: list[SegmentPair] = []
        self._pending: list[SegmentPair] = []
        self._written = 0
        self._database: ScratchDatabase | None = None

    def __len__(self) -> int:
        return len(self._held) + self._written + len(self._pending)

    def add(self, pair: SegmentPair) -> int:
        """The number ``pair`` is known by from now on."""
        if len(self._held) < self.HELD:
            self._held.append(pair)
            return len(self._held) - 1
        self._pending.append(pair)
        number = len(self) - 1
        if len(self._pending) >= self._BATCH:
            self._write_pending()
        return number

    def __getitem__(self, number: int) -> SegmentPair:
        if number < len(self._held):
            return self._held[number]
        on_disk = number - len(self._held)
        if on_disk >= self._written:
            return self._pending[on_disk - self._written]
        assert self._database is not None
        (blob,) = self._database.connection.execute("SELECT pair FROM kept WHERE number = ?", (on_disk,)).fetchone()
        return unpacked_pair(blob)

    def _write_pending(self) -> None:
        if self._database is None:
            self._database = ScratchDatabase("pairs")
            self._database.connection.execute("CREATE TABLE kept (number INTEGER PRIMARY KEY, pair BLOB)")
        self._database.connection.executemany(
            "INSERT INTO kept VALUES (?, ?)",
            (
                (self._written + offset, packed_pair(pair))
                for offset, pair in enumerate(self._pending)
            ),
        )
        self._written += len(self._pending)
        self._pending.clear()


# A pair as a tuple of plain values: pickling the dataclasses themselves (frozen, slotted) goes
# through Python code for every object, several times slower.
def pair_fields(pair: SegmentPair) -> tuple[Any, ...]:
    location = pair.location
    return (
        pair.id, pair.source, pair.target, location.path, location.line, location.unit,
        pair.notes, pair.source_tags, pair.target_tags, pair.alignment, pair.status,
    )


def pair_from_fields(fields: tuple[Any, ...]) -> SegmentPair:
    return SegmentPair(*fields[:3], Location(*fields[3:6]), *fields[6:])


def packed_pair(pair: SegmentPair) -> bytearray:
    """``pair`` as a scratch database keeps it (a BLOB of its pickled fields)."""
    return blob(pickle.dumps(pair_fields(pair), pickle.HIGHEST_PROTOCOL))


def unpacked_pair(data: bytes) -> SegmentPair:
    return pair_from_fields(pickle.loads(data))
