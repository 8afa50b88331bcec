"""Checking a corpus on a cluster: a map over partitions of pairs and a reduce per document.

``qa_tool.scale.on_dask`` checks a Dask bag or dataframe (``pip install "qa-tool[dask]"``),
``qa_tool.scale.on_spark`` a Spark DataFrame (``pip install "qa-tool[pyspark]"``); both run
the tasks of ``qa_tool.scale.tasks`` and return the report ``qa-tool check --consistency
file`` would build (docs/scale.md). ``ClusterCheck`` says what to check with and how to score."""

from qa_tool.scale.tasks import RECORD_FIELDS, ClusterCheck

__all__ = ["RECORD_FIELDS", "ClusterCheck"]
