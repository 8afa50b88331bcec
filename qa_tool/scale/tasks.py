"""The work of a distributed check, whatever runs it: pair records turned into pairs, the
map over one partition, the reduce of one document, and the report of the whole.

The map normalises each pair once, runs the segment rules and what the document rules
observe; the reduce gives each document's pairs, in order, with those observations to the
document rules, which keep the document's state. Pairs travel to the reduce with their
observations because findings name their pair (and qa-ignore notes are read from it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby, islice
from typing import Any, Iterable, Mapping

from qa_tool.checks import select_rules
from qa_tool.checks.base import CheckSettings, RuleFactory
from qa_tool.engine import CHUNK_PAIRS, DocumentResult, MappedPairs, map_pairs, reduce_document
from qa_tool.model import Location, SegmentPair, Severity
from qa_tool.packs import available_rules
from qa_tool.report import Report, build_report
from qa_tool.scoring import ScoringPolicy

# The fields of a pair record (a dict, a bag element, a dataframe row): document, id, source
# and target are required (document may be left out when path names it); path (the file the
# pair is from; default: the document), line and unit locate it; notes are a string or a list
# of strings (qa-ignore notes are honoured).
RECORD_FIELDS = ("document", "id", "source", "target", "path", "line", "unit", "notes")


@dataclass(frozen=True, slots=True)
class Piece:
    """Consecutive pairs of one document in one partition, as the map left them."""

    document: str
    # Where it stands in the collection (partition, piece within it; the Spark map adds its
    # batch): sorting by it puts a document's pieces in reading order.
    position: tuple[int, ...]
    pairs: tuple[SegmentPair, ...]
    mapped: MappedPairs


@dataclass(frozen=True)
class ClusterCheck:
    """What a check on a cluster runs and how it scores it; by default, what ``qa-tool
    check`` does. Each document is checked alone, as ``--consistency file`` checks a file."""

    rules: tuple[RuleFactory, ...] = field(default_factory=lambda: select_rules(rules=available_rules()))
    # Glossaries, rule options, severities: what a config file would set.
    settings: CheckSettings = CheckSettings()
    policy: ScoringPolicy = ScoringPolicy()
    # The gate fails on any finding of this severity or above.
    fail_on: Severity = Severity.CRITICAL

    def report(self, results: Iterable[DocumentResult]) -> Report:
        """The documents' findings and scores, as ``qa-tool check`` reports them."""
        return build_report(list(results), self.rules, self.policy, self.fail_on)


def map_partition(records: Iterable[SegmentPair | Mapping[str, Any]], position: tuple[int, ...], check: ClusterCheck) -> list[Piece]:
    """The map over one partition (or one batch of it) at ``position`` in the collection: its
    pairs, a run of one document at a time."""
    pieces: list[Piece] = []
    for document, run in groupby(map(document_and_pair, records), key=lambda item: item[0]):
        pairs = (pair for _, pair in run)
        while chunk := tuple(islice(pairs, CHUNK_PAIRS)):
            pieces.append(Piece(document, (*position, len(pieces)), chunk, map_pairs(chunk, check.rules, check.settings)))
    return pieces


def reduce_pieces(pieces: Iterable[Piece], check: ClusterCheck) -> DocumentResult:
    """The reduce of one document, from its pieces in any order."""
    ordered = sorted(pieces, key=lambda piece: piece.position)
    pairs_mapped = ((piece.pairs, piece.mapped) for piece in ordered)
    return reduce_document(ordered[0].document, pairs_mapped, check.rules, check.settings)


def document_and_pair(record: SegmentPair | Mapping[str, Any]) -> tuple[str, SegmentPair]:
    """A record's document and pair; a SegmentPair's document is the path it names."""
    if isinstance(record, SegmentPair):
        return record.location.path, record
    missing = [name for name in ("id", "source", "target") if _absent(record.get(name))]
    document = record.get("document")
    path = record.get("path")
    if _absent(document) and _absent(path):
        missing.append("document")
    if missing:
        raise ValueError(f"a pair record needs {', '.join(missing)} (fields: {', '.join(RECORD_FIELDS)}): {dict(record)!r:.200}")
    path = str(document if _absent(path) else path)
    line, unit = record.get("line"), record.get("unit")
    location = Location(path, None if _absent(line) else int(line), None if _absent(unit) else str(unit))
    pair = SegmentPair(str(record["id"]), str(record["source"]), str(record["target"]), location, _notes(record.get("notes")))
    return (path if _absent(document) else str(document)), pair


def _absent(value: Any) -> bool:
    """None, or a dataframe's missing value: NaN, which is not equal to itself, or pandas.NA,
    whose comparisons give NA, which has no truth value."""
    if value is None:
        return True
    try:
        return bool(value != value)
    except TypeError:
        return True


def _notes(value: Any) -> tuple[str, ...]:
    """One note (a string) or several (a list, a tuple, an array); none when absent (None,
    NaN, pandas.NA)."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable):
        return tuple(str(note) for note in value)
    return ()
