"""Checking a Spark DataFrame of pairs (``pip install "qa-tool[pyspark]"``).

    from qa_tool.scale.on_spark import check_dataframe

    report = check_dataframe(spark.read.parquet("pairs.parquet"))

The map is ``mapInPandas`` over the frame's partitions (segment rules and what the document
rules observe); the reduce is ``groupBy("document").applyInPandas``, one document a group.
Every executor needs qa-tool installed."""

from __future__ import annotations

import pickle
from typing import TYPE_CHECKING, Iterator

from qa_tool.report import Report
from qa_tool.scale.tasks import ClusterCheck, map_partition, reduce_pieces

if TYPE_CHECKING:
    import pandas
    import pyspark.sql

# A map row: one piece (tasks.Piece) pickled, with its document to group by.
_PIECE_SCHEMA = "document string, piece binary"
# A reduce row: one document's result pickled, with where its first pair stands, to put the
# documents back in the frame's order.
_RESULT_SCHEMA = "partition long, batch long, first_piece long, result binary"


def check_dataframe(frame: pyspark.sql.DataFrame, check: ClusterCheck | None = None) -> Report:
    """The report on a DataFrame whose rows are pair records (``qa_tool.scale.tasks.RECORD_FIELDS``),
    in the frame's order."""
    check = check or ClusterCheck()

    # Closures, not partials: PySpark reads the kind of function from what it is given.
    def map_batches(batches: Iterator[pandas.DataFrame]) -> Iterator[pandas.DataFrame]:
        return _map_batches(batches, check)

    def reduce_document(group: pandas.DataFrame) -> pandas.DataFrame:
        return _reduce_document(group, check)

    pieces = frame.mapInPandas(map_batches, schema=_PIECE_SCHEMA)
    results = pieces.groupBy("document").applyInPandas(reduce_document, schema=_RESULT_SCHEMA)
    rows = sorted(results.collect(), key=lambda row: (row.partition, row.batch, row.first_piece))
    return check.report(pickle.loads(row.result) for row in rows)


def _map_batches(batches: Iterator[pandas.DataFrame], check: ClusterCheck) -> Iterator[pandas.DataFrame]:
    import pandas
    from pyspark import TaskContext

    partition = TaskContext.get().partitionId()
    for batch, records in enumerate(batches):
        pieces = map_partition(records.to_dict("records"), (partition, batch), check)
        yield pandas.DataFrame(
            {"document": [piece.document for piece in pieces], "piece": [pickle.dumps(piece) for piece in pieces]}
        )


def _reduce_document(group: pandas.DataFrame, check: ClusterCheck) -> pandas.DataFrame:
    import pandas

    pieces = [pickle.loads(piece) for piece in group["piece"]]
    partition, batch, first = min(piece.position for piece in pieces)
    result = reduce_pieces(pieces, check)
    return pandas.DataFrame(
        {"partition": [partition], "batch": [batch], "first_piece": [first], "result": [pickle.dumps(result)]}
    )
