import codecs
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa_tool.errors import InputError
from qa_tool.model import Location, SegmentPair
from qa_tool.readers import ReadOptions
from qa_tool.readers.delimited import names_of_language, read


def read_text(text: str, name: str = "job.tsv", **options: str) -> list[SegmentPair]:
    return read_bytes(text.encode("utf-8"), name, **options)


def read_bytes(data: bytes, name: str = "job.tsv", **options: str) -> list[SegmentPair]:
    return list(read(io.BytesIO(data), name, ReadOptions(**options)))


def triples(pairs: list[SegmentPair]) -> list[tuple[str, str, str]]:
    return [(pair.id, pair.source, pair.target) for pair in pairs]


def read_error(text: str, name: str = "job.tsv", **options: str) -> InputError:
    with pytest.raises(InputError) as caught:
        read_text(text, name, **options)
    return caught.value


def test_tsv_without_header_uses_line_numbers_as_ids() -> None:
    pairs = read_text("你好\tHello\n谢谢\tThanks\n")
    assert pairs == [
        SegmentPair("1", "你好", "Hello", Location("job.tsv", 1)),
        SegmentPair("2", "谢谢", "Thanks", Location("job.tsv", 2)),
    ]


def test_tsv_with_three_columns_takes_the_first_as_id() -> None:
    assert triples(read_text("s1\t你好\tHello\ns2\t谢谢\tThanks\n")) == [
        ("s1", "你好", "Hello"),
        ("s2", "谢谢", "Thanks"),
    ]


def test_tsv_keeps_quotes_and_spaces_as_written() -> None:
    pairs = read_text('他说："好。"\t"Fine," he said. \n')
    assert triples(pairs) == [("1", '他说："好。"', '"Fine," he said. ')]


def test_csv_with_quotes_and_embedded_newlines_reports_the_starting_line() -> None:
    text = (
        "id,source,target\r\n"
        'a,"第一行\r\n第二行","Line one\r\nline two"\r\n'
        'b,"他说""好""",He said "fine"\r\n'
        'c,"三\n\n行",three\n'
    )
    pairs = read_text(text, "job.csv")
    assert triples(pairs) == [
        ("a", "第一行\r\n第二行", "Line one\r\nline two"),
        ("b", '他说"好"', 'He said "fine"'),
        ("c", "三\n\n行", "three"),
    ]
    assert [pair.location.line for pair in pairs] == [2, 5, 6]


@pytest.mark.parametrize(
    ("first_line", "second_line", "expected"),
    [
        ("source\ttarget", "你好\tHello", [("2", "你好", "Hello")]),
        ("SOURCE\tTarget", "你好\tHello", [("2", "你好", "Hello")]),
        ("src\ttgt", "你好\tHello", [("2", "你好", "Hello")]),
        ("zh\ten", "你好\tHello", [("2", "你好", "Hello")]),
        ("en\tzh", "Hello\t你好", [("2", "你好", "Hello")]),
        ("en-US\tzh-CN", "Hello\t你好", [("2", "你好", "Hello")]),
        ("zh_CN\ten", "你好\tHello", [("2", "你好", "Hello")]),
        ("English\tChinese", "Hello\t你好", [("2", "你好", "Hello")]),
        ("Segment ID\tsourceString\ttargetString", "s9\t你好\tHello", [("s9", "你好", "Hello")]),
        ("key\ttranslation\tsource", "k1\tHello\t你好", [("k1", "你好", "Hello")]),
        ("你好\tHello", "谢谢\tThanks", [("1", "你好", "Hello"), ("2", "谢谢", "Thanks")]),
        ("1\t你好\tHello", "2\t谢谢\tThanks", [("1", "你好", "Hello"), ("2", "谢谢", "Thanks")]),
        ("fr\tde", "谢谢\tThanks", [("1", "fr", "de"), ("2", "谢谢", "Thanks")]),
    ],
)
def test_first_row_is_a_header_only_when_it_names_columns(
    first_line: str, second_line: str, expected: list[tuple[str, str, str]]
) -> None:
    assert triples(read_text(f"{first_line}\n{second_line}\n")) == expected


def test_notes_column_becomes_notes() -> None:
    pairs = read_text("id\tzh\ten\tComment\n1\t你好\tHello\tqa: ignore[PU01]\n2\t谢谢\tThanks\t\n")
    assert [pair.notes for pair in pairs] == [("qa: ignore[PU01]",), ()]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"source_column": "Chinese Text", "target_column": "ENGLISH TEXT"}, [("2", "你好", "Hello")]),
        ({"source_column": "3", "target_column": "2", "id_column": "1"}, [("n1", "你好", "Hello")]),
        (
            {"source_column": "chinese text", "target_column": "english text", "id_column": "Name"},
            [("n1", "你好", "Hello")],
        ),
    ],
)
def test_columns_chosen_by_name_or_number(options: dict[str, str], expected: list[tuple[str, str, str]]) -> None:
    text = "Name\tEnglish text\tChinese text\nn1\tHello\t你好\n"
    pairs = read_text(text, **options)
    assert triples(pairs[-1:]) == expected


def test_column_numbers_without_header() -> None:
    pairs = read_text("x\tHello\t你好\t备注\n", source_column="3", target_column="2")
    assert triples(pairs) == [("x", "你好", "Hello")]


@pytest.mark.parametrize(
    ("name", "delimiter", "text", "expected"),
    [
        ("job.tab", None, "a,b\tA,B\n", [("1", "a,b", "A,B")]),
        ("job.CSV", None, "a\tb,A\tB\n", [("1", "a\tb", "A\tB")]),
        ("job.txt", None, "a,b\tA,B\n", [("1", "a,b", "A,B")]),
        ("-", None, "\n\na;b,A;B\n", [("3", "a;b", "A;B")]),
        ("job.txt", ";", "a,b;A,B\n", [("1", "a,b", "A,B")]),
        ("job.csv", "tab", "a,b\tA,B\n", [("1", "a,b", "A,B")]),
        ("job.csv", "\\t", "a,b\tA,B\n", [("1", "a,b", "A,B")]),
    ],
)
def test_delimiter_from_option_extension_or_first_line(
    name: str, delimiter: str | None, text: str, expected: list[tuple[str, str, str]]
) -> None:
    options = {"delimiter": delimiter} if delimiter else {}
    assert triples(read_text(text, name, **options)) == expected


def test_blank_lines_and_rows_of_empty_cells_are_skipped() -> None:
    pairs = read_text("a,A\n\n,,\n  \nb,B\n,\n", "job.csv")
    assert [(pair.id, pair.location.line) for pair in pairs] == [("1", 1), ("5", 5)]


@pytest.mark.parametrize("text", ["", "\n\n", "source\ttarget\n", "\ufeffzh\ten\r\n"])
def test_files_without_pairs_read_as_nothing(text: str) -> None:
    assert read_text(text) == []


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + "zh\ten\n你好\tHello\n".encode("utf-8"),
        codecs.BOM_UTF16_LE + "zh\ten\r\n你好\tHello\r\n".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "zh\ten\n你好\tHello\n".encode("utf-16-be"),
    ],
    ids=["utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_encodings_with_bom(data: bytes) -> None:
    assert triples(read_bytes(data)) == [("2", "你好", "Hello")]


def test_forced_encoding() -> None:
    data = "你好\tHello\n".encode("gb18030")
    assert triples(read_bytes(data, encoding="gb18030")) == [("1", "你好", "Hello")]


def test_undecodable_bytes_name_their_line() -> None:
    with pytest.raises(InputError) as caught:
        read_bytes("a\tA\n".encode() + "你好\tHello\n".encode("gb18030"))
    assert (caught.value.path, caught.value.line) == ("job.tsv", 2)


@pytest.mark.parametrize(
    ("text", "name", "options", "line", "words"),
    [
        ("s1\t你好\tHello\ns2\t谢谢\n", "job.tsv", {}, 2, ["at least 3 columns", "has 2"]),
        ("zh\ten\n你好\tHello\n只有中文\n", "job.tsv", {}, 3, ["at least 2 columns", "has 1"]),
        ("zh\ten\n你好\tHello\n", "job.tsv", {"source_column": "chinese"}, 1, ["'chinese'", "'zh', 'en'"]),
        ("id\tnotes\n1\tx\n", "job.tsv", {}, 1, ["which column is the source", "'id', 'notes'"]),
        ("zh-CN\tzh-TW\ten\n", "job.tsv", {}, 1, ["'zh-CN', 'zh-TW'"]),
        ("只有一列\n", "job.tsv", {}, 1, ["one column"]),
        ("\n\n只有一列\n", "job.tsv", {}, 3, ["one column"]),
        ("a\tb\n", "job.tsv", {"source_column": "0"}, 1, ["start at 1"]),
        ("a\tb\n", "job.tsv", {"source_column": "2"}, 1, ["both column 2"]),
        ('id,source,target\n1,"open,x\n2,a,b\n', "job.csv", {}, 2, ["never closed"]),
        ('id,source,target\n1,"Fine," he said,x\n', "job.csv", {}, 2, ["quote"]),
        ("zh,en,sourceLang,targetLang\n你好,Hello,zh,en\nSalut,Hallo,fr,de\n", "job.csv", {}, 3, ["fr→de", "zh→en"]),
    ],
)
def test_errors_name_file_and_line(text: str, name: str, options: dict[str, str], line: int, words: list[str]) -> None:
    error = read_error(text, name, **options)
    assert (error.path, error.line) == (name, line)
    for word in words:
        assert word in error.message


def test_bad_delimiter_option() -> None:
    assert "one character" in read_error("a\tb\n", delimiter="::").message


def test_rows_say_which_language_is_in_which_column() -> None:
    text = (
        "id,sourceLang,targetLang,sourceString,targetString\n"
        "1,en,zh_CN,flu,流感\n"
        "2,zh-Hans,en,病例,case\n"
        "3,,,病毒,virus\n"
    )
    expected = [("1", "流感", "flu"), ("2", "病例", "case"), ("3", "病毒", "virus")]
    assert triples(read_text(text, "terms.csv")) == expected


TICO = Path("fixtures") / "tico19_en_zh"


@pytest.mark.parametrize(
    ("file_name", "count", "known_line", "known"),
    [
        ("f_en-zh_CN.csv", 306, 3, ("2", "急性支气管炎", "acute bronchitis")),
        ("g_en_zh-CN.csv", 337, 4, ("3", "确诊病例", "confirmed cases")),
        ("g_zh-CN_en.csv", 50, 2, ("xx_1151", "境外输入病例", "Cases imported from overseas")),
    ],
)
def test_real_tico19_termbases(
    shared_dir: Path, file_name: str, count: int, known_line: int, known: tuple[str, str, str]
) -> None:
    with open(shared_dir / TICO / file_name, "rb") as stream:
        pairs = list(read(stream, file_name, ReadOptions()))
    assert len(pairs) == count
    by_line = {pair.location.line: pair for pair in pairs}
    assert triples([by_line[known_line]]) == [known]
    assert all(pair.location.path == file_name for pair in pairs)


def test_real_tico19_termbase_read_the_other_way_round(shared_dir: Path) -> None:
    with open(shared_dir / TICO / "f_en-zh_CN.csv", "rb") as stream:
        first = next(read(stream, "f.csv", ReadOptions(source_lang="en-US", target_lang="zh-CN")))
    assert (first.source, first.target) == ("1918 flu", "1918 年流感")


@pytest.mark.parametrize(
    ("names", "language", "expected"),
    [
        (["zh", "zh-CN", "en"], "zh", ["zh"]),
        (["zh-CN", "zh-TW", "en"], "zh", ["zh-CN", "zh-TW"]),
        (["Chinese", "English"], "en-US", ["English"]),
        (["source", "target", "zhuyin"], "zh", []),
    ],
)
def test_names_of_language(names: list[str], language: str, expected: list[str]) -> None:
    assert names_of_language(names, language) == expected


cell_text = st.one_of(
    st.text(st.characters(blacklist_characters="\t\n\r", blacklist_categories=("Cs",))),
    # Quotes, and characters that other tools take for line ends.
    st.lists(st.sampled_from(['"', "'", "\\", " ", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\x00", "中"])).map("".join),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(cell_text, cell_text), max_size=8))
def test_tsv_round_trip(rows: list[tuple[str, str]]) -> None:
    lines = ["id\tsource\ttarget"] + [f"r{number}\t{source}\t{target}" for number, (source, target) in enumerate(rows)]
    pairs = read_text("\n".join(lines) + "\n")
    assert triples(pairs) == [(f"r{number}", source, target) for number, (source, target) in enumerate(rows)]
