"""Checking a Dask bag or dataframe of pairs (``pip install "qa-tool[dask]"``).

    import dask.bag as db
    from qa_tool.scale.on_dask import check_bag

    report = check_bag(db.from_sequence(pairs, npartitions=16))
    report.total.quality, list(report.findings())

Each partition is a map task (segment rules and what the document rules observe); each
document is then one reduce task, given its pieces from every partition that holds its
pairs. With a ``distributed.Client`` open, the tasks run on its cluster."""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING, Any, Iterable

import dask
from dask import delayed

from qa_tool.engine import DocumentResult
from qa_tool.report import Report
from qa_tool.scale.tasks import ClusterCheck, Piece, map_partition, reduce_pieces

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas


def check_bag(bag: dask.bag.Bag, check: ClusterCheck | None = None) -> Report:
    """The report on a bag of SegmentPairs (each in the document of the path it names) or of
    pair records (``qa_tool.scale.tasks.RECORD_FIELDS``), in the bag's order."""
    return _check_partitions(bag.to_delayed(), check or ClusterCheck())


def check_dataframe(frame: dask.dataframe.DataFrame, check: ClusterCheck | None = None) -> Report:
    """The report on a dataframe whose rows are pair records, in the frame's order."""
    return _check_partitions([delayed(_records)(part) for part in frame.to_delayed()], check or ClusterCheck())


def _records(part: pandas.DataFrame) -> list[dict[str, Any]]:
    return part.to_dict("records")


def _check_partitions(partitions: Iterable[Any], check: ClusterCheck) -> Report:
    # The map's pieces stay where they were made (on the workers, with a cluster) until the
    # reduce of their document asks for them.
    mapped = dask.persist(*[delayed(map_partition)(part, (index,), check) for index, part in enumerate(partitions)])
    documents = dask.compute(*[delayed(_documents_of)(pieces) for pieces in mapped])
    in_reading_order = list(dict.fromkeys(name for names in documents for name in names))
    reduced = [
        delayed(_reduce_document)(
            [delayed(_pieces_of)(pieces, name) for pieces, names in zip(mapped, documents) if name in names], check
        )
        for name in in_reading_order
    ]
    return check.report(dask.compute(*reduced))


def _documents_of(pieces: list[Piece]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(piece.document for piece in pieces))


def _reduce_document(pieces_by_partition: list[list[Piece]], check: ClusterCheck) -> DocumentResult:
    return reduce_pieces(chain.from_iterable(pieces_by_partition), check)


def _pieces_of(pieces: list[Piece], document: str) -> list[Piece]:
    return [piece for piece in pieces if piece.document == document]
