"""Where the engine keeps a document's findings: in memory up to a bound, past it in a
temporary SQLite database, read back in reading order as often as a report needs them. A
million-pair file can have a hundred thousand findings, each naming its pair with both
texts; on disk they cost the run no memory."""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from itertools import groupby
from typing import Any, Callable, Iterable, Iterator, NamedTuple, overload

from qa_tool.model import Finding, SegmentPair, Severity, Side, Span
from qa_tool.scratch import ScratchDatabase, blob, packed_pair, unpacked_pair
from qa_tool.suppressions import SuppressionLedger

# Findings held in memory before a document's findings go to disk: about a megabyte and a
# half, more than most documents ever have (a 10,000-pair file of the benchmark has 848).
SPILL_AFTER = 1_000



class FindingKind(NamedTuple):
    """What a report counts and weighs a finding by (its score, its counts, its gate): a
    document's findings are of a few dozen kinds."""

    code: str
    rule: str
    category: str
    severity: Severity


def kinds_by_segment(findings: Sequence[Finding]) -> Iterator[tuple[str, FindingKind]]:
    """The segment id and kind of each of ``findings``, in their order: findings on disk are
    read from their columns, without building each finding again."""
    if isinstance(findings, Findings):
        return findings.kinds_by_segment()
    return ((f.pair.id, FindingKind(f.code, f.rule, f.category, f.severity)) for f in findings)


def kinds_of_each_segment(findings: Sequence[Finding]) -> Iterator[tuple[str, list[FindingKind]]]:
    """Each segment id with the kinds of its findings in their order, the segments in the
    order of their first finding (a segment id met again further on, as two pairs with one id
    are, joins its first). Findings on disk are grouped by the database, so a file's tens of
    thousands of segments are never held at once."""
    if isinstance(findings, Findings):
        return findings.kinds_of_each_segment()
    grouped: dict[str, list[FindingKind]] = {}
    for segment, kind in kinds_by_segment(findings):
        grouped.setdefault(segment, []).append(kind)
    return iter(grouped.items())


def reading_order(finding: Finding) -> tuple[int, str, int, str, str]:
    """How a report lists a document's findings: by line, segment, first span, code, message."""
    line = finding.location.line or 0
    first = finding.spans[0].start if finding.spans else -1
    return (line, finding.segment_id, first, finding.code, finding.message)


class Findings(Sequence[Finding]):
    """Findings in reading order: a tuple's worth held in memory, or a range of rows of a
    spilled document's database, built into findings again on each reading."""

    def __init__(self, held: Iterable[Finding] = (), *, rows: tuple[_Spill, int, int] | None = None) -> None:
        self._held = tuple(held)
        # On disk: the database, the first row and the number of rows.
        self._rows = rows

    def __len__(self) -> int:
        return len(self._held) if self._rows is None else self._rows[2]

    def __iter__(self) -> Iterator[Finding]:
        if self._rows is None:
            return iter(self._held)
        spill, first, count = self._rows
        return spill.read(first, count)

    def kinds_by_segment(self) -> Iterator[tuple[str, FindingKind]]:
        if self._rows is None:
            return kinds_by_segment(self._held)
        spill, first, count = self._rows
        return spill.read_kinds(first, count)

    def kinds_of_each_segment(self) -> Iterator[tuple[str, list[FindingKind]]]:
        if self._rows is None:
            return kinds_of_each_segment(self._held)
        spill, first, count = self._rows
        return spill.read_kinds_of_each_segment(first, count)

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Finding, ...]: ...
    def __getitem__(self, index: int | slice) -> Finding | tuple[Finding, ...]:
        if self._rows is None:
            return self._held[index]
        if isinstance(index, slice):
            return tuple(self)[index]
        spill, first, count = self._rows
        position = range(count)[index]  # an IndexError past the end, as a tuple would raise
        return next(spill.read(first + position, 1))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Findings, tuple, list)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to tuples, which hash by content

    def __repr__(self) -> str:
        return f"Findings({self._held!r})" if self._rows is None else f"Findings(<{len(self):,} on disk>)"

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (to a Dask or Spark driver) as the findings themselves, not the database.
        return (Findings, (tuple(self),))


class FindingCollector:
    """A document's findings as they arrive, in any order; ``settled`` sorts them."""

    def __init__(self, spill_after: int | None = None) -> None:
        self._spill_after = SPILL_AFTER if spill_after is None else spill_after
        self._held: list[Finding] = []
        self._spill: _Spill | None = None

    def append(self, finding: Finding) -> None:
        self.extend((finding,))

    def extend(self, findings: Iterable[Finding]) -> None:
        self._held.extend(findings)
        if len(self._held) > self._spill_after:
            self._move_to_disk()

    def _move_to_disk(self) -> None:
        if self._spill is None:
            self._spill = _Spill()
        self._spill.add(self._held)
        self._held = []

    def settled(self, ledger: SuppressionLedger) -> tuple[Findings, Findings]:
        """(kept, suppressed) in reading order, as the ledger of the document's suppressions
        sorts them (the findings reporting unused suppressions are kept)."""
        if self._spill is None:
            kept, suppressed = ledger.settle(self._held)
            kept.sort(key=reading_order)
            suppressed.sort(key=reading_order)
            return Findings(kept), Findings(suppressed)
        spill, self._spill = self._spill, None
        spill.add(self._held)
        self._held = []
        if ledger.has_directives:
            spill.mark_suppressed(ledger.suppresses)
        spill.add(ledger.unused())
        return spill.sorted()


class _Spill:
    """One document's findings in a scratch database, removed with the last Findings that
    reads it (or at exit)."""

    def __init__(self) -> None:
        self._database = ScratchDatabase("findings")
        self._connection = self._database.connection
        # Each kind of finding with its number in the kind column, numbered in order of arrival.
        self._kind_numbers: dict[tuple[str, str, str, Severity], int] = {}
        # The pair the last finding named, with its number in the pairs table: a pair's
        # findings arrive together, and its fields are written once for them all.
        self._last_pair: tuple[SegmentPair | None, int] = (None, -1)
        # The sort key columns follow reading_order; texts are compared as UTF-8 bytes, whose
        # order is that of code points, as Python compares strings.
        self._connection.execute(
            "CREATE TABLE arrived (seq INTEGER PRIMARY KEY, line INTEGER, segment BLOB, first INTEGER, "
            "code BLOB, message BLOB, suppressed INTEGER DEFAULT 0, kind INTEGER, finding BLOB, pair INTEGER)"
        )
        self._connection.execute("CREATE TABLE pairs (number INTEGER PRIMARY KEY, pair BLOB)")

    def add(self, findings: Iterable[Finding]) -> None:
        pairs: list[tuple[int, bytearray]] = []
        self._connection.executemany(
            "INSERT INTO arrived (line, segment, first, code, message, kind, finding, pair) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            self._rows(findings, pairs),
        )
        self._connection.executemany("INSERT INTO pairs VALUES (?, ?)", pairs)

    def _rows(self, findings: Iterable[Finding], pairs: list[tuple[int, bytearray]]) -> Iterator[tuple[Any, ...]]:
        """The rows of ``findings``, with each pair they name first added to ``pairs``."""
        numbers = self._kind_numbers
        pair, pair_number = self._last_pair
        for finding in findings:
            if finding.pair is not pair:
                pair, pair_number = finding.pair, pair_number + 1
                pairs.append((pair_number, packed_pair(pair)))
            # The columns of reading_order, read here without building its tuple.
            spans = finding.spans
            code, message = finding.code, finding.message
            kind = numbers.setdefault((code, finding.rule, finding.category, finding.severity), len(numbers))
            yield (
                pair.location.line or 0, _encoded(pair.id), spans[0].start if spans else -1, _encoded(code),
                _encoded(message), kind, blob(_packed(finding)), pair_number,
            )
        self._last_pair = (pair, pair_number)

    def mark_suppressed(self, suppresses: Callable[[str, str], bool]) -> None:
        # One statement: SQLite asks ``suppresses`` of each row where it stands.
        self._connection.create_function("suppresses", 2, lambda segment, code: suppresses(_text(segment), _text(code)))
        self._connection.execute("UPDATE arrived SET suppressed = 1 WHERE suppresses(segment, code)")

    def sorted(self) -> tuple[Findings, Findings]:
        """The kept findings, then the suppressed, each in reading order (the order of
        arrival among equals, as a stable sort keeps it)."""
        # SQLite gives the rows of CREATE TABLE ... AS SELECT ... ORDER BY their rowids in that
        # order; read() relies on it (the spill_after=0 tests would see it change).
        self._connection.execute(
            "CREATE TABLE ordered AS SELECT segment, kind, finding, pair FROM arrived "
            "ORDER BY suppressed, line, segment, first, code, message, seq"
        )
        (suppressed,) = self._connection.execute("SELECT count(*) FROM arrived WHERE suppressed").fetchone()
        (total,) = self._connection.execute("SELECT count(*) FROM arrived").fetchone()
        self._connection.execute("DROP TABLE arrived")
        kept = total - suppressed
        return Findings(rows=(self, 1, kept)), Findings(rows=(self, 1 + kept, suppressed))

    def read(self, first: int, count: int) -> Iterator[Finding]:
        rows = self._connection.execute(
            "SELECT kind, finding, ordered.pair, pairs.pair FROM ordered JOIN pairs ON pairs.number = ordered.pair "
            "WHERE ordered.rowid >= ? AND ordered.rowid < ? ORDER BY ordered.rowid",
            (first, first + count),
        )
        kinds = list(self._kind_numbers)
        # The findings of a segment are read together: they share one pair, built once.
        pair, pair_number = None, -1
        for kind, packed, number, pair_blob in rows:
            if number != pair_number:
                pair, pair_number = unpacked_pair(pair_blob), number
            code, rule, category, severity = kinds[kind]
            message, spans, replacement, safe_fix = pickle.loads(packed)
            yield Finding(
                code, rule, severity, category, message, pair,
                tuple([Span(_SIDES[side], start, end) for side, start, end in spans]), replacement, safe_fix,
            )

    def read_kinds(self, first: int, count: int) -> Iterator[tuple[str, FindingKind]]:
        rows = self._connection.execute(
            "SELECT segment, kind FROM ordered WHERE rowid >= ? AND rowid < ? ORDER BY rowid", (first, first + count)
        )
        kinds = [FindingKind(*kind) for kind in self._kind_numbers]
        return ((_text(segment), kinds[kind]) for segment, kind in rows)

    def read_kinds_of_each_segment(self, first: int, count: int) -> Iterator[tuple[str, list[FindingKind]]]:
        # Each row after the rows of its segment's first finding, SQLite sorting on disk.
        rows = self._connection.execute(
            "SELECT segment, kind, MIN(rowid) OVER (PARTITION BY segment) AS segment_first FROM ordered "
            "WHERE rowid >= ? AND rowid < ? ORDER BY segment_first, rowid",
            (first, first + count),
        )
        kinds = [FindingKind(*kind) for kind in self._kind_numbers]
        for _, segment_rows in groupby(rows, key=lambda row: row[2]):
            rows_of_segment = list(segment_rows)
            yield _text(rows_of_segment[0][0]), [kinds[kind] for _, kind, _ in rows_of_segment]


def _encoded(text: str) -> bytearray:
    """``text`` as a BLOB column holds it (``scratch.blob``), encoded straight into one."""
    return bytearray(text, "utf-8", "surrogatepass")


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogatepass")


# A finding but its kind (the kind column's number) and its pair, as a tuple of plain values:
# its message, its spans with each side as its number in _SIDES, its replacement.
def _packed(finding: Finding) -> bytes:
    return pickle.dumps(
        (
            finding.message,
            tuple([(_SIDE_NUMBERS[span.side], span.start, span.end) for span in finding.spans]),
            finding.replacement, finding.safe_fix,
        ),
        pickle.HIGHEST_PROTOCOL,
    )


_SIDES = tuple(Side)
_SIDE_NUMBERS = {side: number for number, side in enumerate(_SIDES)}
