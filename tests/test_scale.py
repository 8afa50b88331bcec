"""qa_tool.scale: checking on a Dask cluster and on Spark gives the report a single process
gives (qa_tool.engine.check_run, and `qa-tool check --consistency file`), byte for byte in
JSON, on a 2,000-pair benchmark corpus in four documents."""

from __future__ import annotations

import io
import shutil
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa_tool.cli import cli
from qa_tool.engine import Consistency, DocumentInput, by_scope, check_run
from qa_tool.formatters import FORMATTERS
from qa_tool.model import Location, SegmentPair
from qa_tool.packs import load_packs
from qa_tool.readers import ReadOptions, open_input, read_pairs
from qa_tool.report import Report
from qa_tool.scale.tasks import ClusterCheck, document_and_pair, map_partition, reduce_pieces

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DOCUMENTS = 4
# A house rule of the type that does not split its document work (a pack `consistency`
# rule): its document pass runs in the reduce, on the pairs.
HOUSE_RULE = """\
extends: consistency
name: one-of-two
summary: One of two words, or of two ways of writing one.
category: Style/Unidiomatic style
severity: minor
rationale: A test rule.
examples:
  fail: [{zh: 甲, en: which that}]
  pass: [{zh: 甲, en: which which}]
variants: [[which, that], [foreign affairs, Foreign Affairs]]
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The benchmark corpus at 2,000 pairs, its TSV cut into four document files; made of the
    dev sets' sentences when ../shared is there, else of the bundled sample's alone."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from corpus import SAMPLE, Sentence, build_corpus, sentence_pool
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    if SHARED.is_dir():
        pool = sentence_pool(SHARED)
    else:
        with open_input(str(SAMPLE)) as stream:
            pool = {"sample article": [Sentence(pair.source, pair.target) for pair in read_pairs(stream, str(SAMPLE), ReadOptions())]}
    folder = tmp_path_factory.mktemp("corpus")
    built = build_corpus(folder, 2000, seed=3, pool=pool)
    header, *rows = built.files["tsv"].read_text(encoding="utf-8").splitlines(keepends=True)
    documents = []
    for number in range(DOCUMENTS):
        document = folder / f"part-{number}.tsv"
        document.write_text(header + "".join(rows[number::DOCUMENTS]), encoding="utf-8")
        documents.append(document)
    return documents


@pytest.fixture(scope="module")
def pairs(corpus: list[Path]) -> list[SegmentPair]:
    """Every pair of the documents in order; qa-ignore notes on a few: two that hide a
    finding (one of a segment rule, one of a document rule) and one that hides nothing."""
    read: list[SegmentPair] = []
    for document in corpus:
        with open_input(str(document)) as stream:
            read += read_pairs(stream, str(document), ReadOptions())
    found = list(single_process(read, ClusterCheck().rules).findings())
    document_codes = {rule.meta.code for rule in by_scope().document}
    of_segment_rule = next(f for f in found if f.code not in document_codes)
    of_document_rule = next(f for f in found if f.code in document_codes)
    noted = {
        of_segment_rule.segment_id: f"qa-ignore: {of_segment_rule.code} the client's style",
        of_document_rule.segment_id: f"qa-ignore: {of_document_rule.code}",
        next(pair.id for pair in read if pair.id not in {f.segment_id for f in found}): "qa-ignore: GR01",
    }
    return [replace(pair, notes=(noted[pair.id],)) if pair.id in noted else pair for pair in read]


@pytest.fixture(scope="module")
def house_rules(tmp_path_factory: pytest.TempPathFactory) -> tuple:
    pack = tmp_path_factory.mktemp("house")
    (pack / "HX01.yml").write_text(HOUSE_RULE, encoding="utf-8")
    return ClusterCheck().rules + tuple(load_packs([pack]))


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    ) as local, distributed.Client(local) as client:
        yield client


def json_of(report: Report) -> str:
    stream = io.StringIO()
    FORMATTERS["json"](report, stream, False)
    return stream.getvalue()


def single_process(pairs: list[SegmentPair], rules: tuple) -> Report:
    documents: dict[str, list[SegmentPair]] = {}
    for pair in pairs:
        documents.setdefault(pair.location.path, []).append(pair)
    inputs = [DocumentInput(name, document, rules) for name, document in documents.items()]
    return ClusterCheck(rules).report(check_run(inputs, consistency=Consistency.FILE))


def records_of(pairs: list[SegmentPair], notes_as_text: bool = False) -> list[dict]:
    """Pair records; their notes a list, or one string (None without), as a dataframe's
    string column holds them."""
    return [
        {"document": pair.location.path, "id": pair.id, "source": pair.source, "target": pair.target,
         "line": pair.location.line, "unit": pair.location.unit,
         "notes": ("\n".join(pair.notes) or None) if notes_as_text else list(pair.notes)}
        for pair in pairs
    ]


def test_the_single_process_report_is_the_clis(corpus: list[Path], pairs: list[SegmentPair]) -> None:
    result = CliRunner().invoke(cli, ["check", "--consistency", "file", "--format", "json", *map(str, corpus)])
    assert result.exit_code in (0, 1), result.output
    without_notes = [replace(pair, notes=()) for pair in pairs]
    assert result.output.strip() == json_of(single_process(without_notes, ClusterCheck().rules)).strip()


@pytest.mark.parametrize(
    "elements, with_house_rule",
    [("pairs", False), ("records", False), ("records", True)],
    ids=["pairs", "records", "records, with a rule that does not split"],
)
def test_a_dask_bag_on_a_local_cluster_gives_the_single_process_report(
    cluster, pairs: list[SegmentPair], house_rules: tuple, elements: str, with_house_rule: bool
) -> None:
    import dask.bag

    from qa_tool.scale.on_dask import check_bag

    rules = house_rules if with_house_rule else ClusterCheck().rules
    expected = single_process(pairs, rules)
    assert expected.suppressed_count and any(f.code == "QA01" for f in expected.findings())
    assert any(f.code == "HX01" for f in expected.findings()) is with_house_rule
    bag = dask.bag.from_sequence(pairs if elements == "pairs" else records_of(pairs), npartitions=7)
    assert json_of(check_bag(bag, ClusterCheck(rules))) == json_of(expected)


def test_a_dask_dataframe_gives_the_single_process_report(cluster, pairs: list[SegmentPair]) -> None:
    dask_dataframe = pytest.importorskip("dask.dataframe")
    pandas = pytest.importorskip("pandas")

    from qa_tool.scale.on_dask import check_dataframe

    frame = dask_dataframe.from_pandas(pandas.DataFrame(records_of(pairs, notes_as_text=True)), npartitions=5)
    assert json_of(check_dataframe(frame)) == json_of(single_process(pairs, ClusterCheck().rules))


@pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java")
def test_a_spark_dataframe_gives_the_single_process_report(pairs: list[SegmentPair]) -> None:
    pytest.importorskip("pyspark")
    pytest.importorskip("pyarrow")
    from pyspark.sql import SparkSession

    from qa_tool.scale.on_spark import check_dataframe

    spark = (
        SparkSession.builder.master("local[2]").appName("qa-tool-test")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
        .config("spark.pyspark.python", sys.executable).config("spark.pyspark.driver.python", sys.executable)
        .getOrCreate()
    )
    try:
        frame = spark.createDataFrame(records_of(pairs), schema=(
            "document string, id string, source string, target string, line long, unit string, notes array<string>"
        )).orderBy("document", "line")  # a sort: range partitions in order, rows in order in each
        assert json_of(check_dataframe(frame)) == json_of(single_process(pairs, ClusterCheck().rules))
    finally:
        spark.stop()


def test_the_reduce_puts_pieces_back_in_reading_order(pairs: list[SegmentPair]) -> None:
    """A document cut across partitions whose pieces arrive in any order: the first
    translation of a sentence is still the one read first."""
    rules = ClusterCheck().rules
    document = [pair for pair in pairs if pair.location.path == pairs[0].location.path]
    cuts = range(0, len(document), 125)
    check = ClusterCheck(rules)
    pieces = [piece for index, start in enumerate(cuts) for piece in map_partition(document[start : start + 125], (index,), check)]
    assert json_of(check.report([reduce_pieces(reversed(pieces), check)])) == json_of(single_process(document, rules))


@pytest.mark.parametrize(
    "record, document, pair",
    [
        ({"document": "a.tmx", "id": 3, "source": "甲", "target": "A"}, "a.tmx", SegmentPair("3", "甲", "A", Location("a.tmx"))),
        ({"path": "b.tsv", "id": "u1", "source": "甲", "target": "A", "line": 4.0, "unit": float("nan"), "notes": "qa-ignore: GR01"},
         "b.tsv", SegmentPair("u1", "甲", "A", Location("b.tsv", 4), ("qa-ignore: GR01",))),
        ({"document": "c", "path": "c/1.xlf", "id": "u1", "source": "甲", "target": "A", "line": None, "notes": ["x", "y"]},
         "c", SegmentPair("u1", "甲", "A", Location("c/1.xlf"), ("x", "y"))),
        (SegmentPair("u1", "甲", "A", Location("d.po", 9)), "d.po", SegmentPair("u1", "甲", "A", Location("d.po", 9))),
    ],
)
def test_a_record_becomes_a_pair_of_its_document(record, document: str, pair: SegmentPair) -> None:
    assert document_and_pair(record) == (document, pair)


@pytest.mark.parametrize(
    "record, missing",
    [
        ({"id": "1", "source": "甲", "target": "A"}, "document"),
        ({"document": "a", "id": "1", "target": "A"}, "source"),
        ({"document": "a", "id": None, "source": "甲", "target": float("nan")}, "id, target"),
    ],
)
def test_a_record_without_a_required_field_is_refused_by_name(record: dict, missing: str) -> None:
    with pytest.raises(ValueError, match=f"a pair record needs {missing} "):
        document_and_pair(record)
