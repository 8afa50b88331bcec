import codecs
import io
from pathlib import Path

import pytest

from qa_tool.errors import InputError
from qa_tool.model import Location, SegmentPair
from qa_tool.readers import ReadOptions
from qa_tool.readers.parallel import read_parallel


def read_both(source: bytes, target: bytes, **options: str) -> list[SegmentPair]:
    return list(read_parallel(io.BytesIO(source), "a.zh", io.BytesIO(target), "a.en", ReadOptions(**options)))


def triples(pairs: list[SegmentPair]) -> list[tuple[str, str, str]]:
    return [(pair.id, pair.source, pair.target) for pair in pairs]


def test_lines_pair_up_in_order(tmp_path: Path) -> None:
    (tmp_path / "a.zh").write_text("你好\n谢谢\n", encoding="utf-8")
    (tmp_path / "a.en").write_text("Hello\nThanks\n", encoding="utf-8")
    with open(tmp_path / "a.zh", "rb") as source, open(tmp_path / "a.en", "rb") as target:
        pairs = list(read_parallel(source, "a.zh", target, "a.en", ReadOptions()))
    assert pairs == [
        SegmentPair("1", "你好", "Hello", Location("a.zh", 1)),
        SegmentPair("2", "谢谢", "Thanks", Location("a.zh", 2)),
    ]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (b"\xe4\xb8\x80\n\xe4\xba\x8c\n", b"one\ntwo"),
        (b"\xe4\xb8\x80\r\n\xe4\xba\x8c\r\n", b"one\ntwo\n"),
        (b"\xe4\xb8\x80\r\xe4\xba\x8c\r", b"one\r\ntwo\r\n\r\n"),
        (b"\xe4\xb8\x80\n\xe4\xba\x8c\n\n\n", b"one\ntwo\n"),
        (codecs.BOM_UTF8 + b"\xe4\xb8\x80\n\xe4\xba\x8c", codecs.BOM_UTF16_LE + "one\r\ntwo\r\n".encode("utf-16-le")),
    ],
    ids=["final-newline-on-one-side", "crlf", "old-mac-cr", "trailing-empty-lines", "boms"],
)
def test_line_ends_and_trailing_empty_lines_do_not_count(source: bytes, target: bytes) -> None:
    assert triples(read_both(source, target)) == [("1", "一", "one"), ("2", "二", "two")]


def test_inner_empty_lines_keep_their_place() -> None:
    pairs = read_both("一\n\n三\n".encode(), b"one\n\nthree\n")
    assert triples(pairs) == [("1", "一", "one"), ("2", "", ""), ("3", "三", "three")]


def test_empty_files_give_no_pairs() -> None:
    assert read_both(b"", b"\n") == []


@pytest.mark.parametrize(
    ("source", "target", "path", "line", "message"),
    [
        (b"a\nb\nc\nd\n", b"A\nB\n", "a.zh", 3, "a.zh has 4 lines but a.en has 2; the files must be line-aligned"),
        (b"a\n", b"A\nB\nC\n\n", "a.en", 2, "a.zh has 1 line but a.en has 3; the files must be line-aligned"),
        (b"", b"A\n", "a.en", 1, "a.zh has 0 lines but a.en has 1; the files must be line-aligned"),
        (b"a\n\nb\n", b"A\nB\n", "a.zh", 3, "a.zh has 3 lines but a.en has 2; the files must be line-aligned"),
    ],
)
def test_files_of_different_length_are_refused(
    source: bytes, target: bytes, path: str, line: int, message: str
) -> None:
    with pytest.raises(InputError) as caught:
        read_both(source, target)
    assert (caught.value.path, caught.value.line, caught.value.message) == (path, line, message)


def test_pairs_come_lazily_before_a_length_error() -> None:
    pairs = read_parallel(io.BytesIO(b"a\nb\n"), "a.zh", io.BytesIO(b"A\n"), "a.en", ReadOptions())
    assert next(pairs).target == "A"
    with pytest.raises(InputError):
        next(pairs)


def test_forced_encoding_applies_to_both_files() -> None:
    pairs = read_both("你好\n".encode("gb18030"), b"Hello\n", encoding="gb18030")
    assert triples(pairs) == [("1", "你好", "Hello")]


def test_undecodable_target_line_is_named() -> None:
    with pytest.raises(InputError) as caught:
        read_both(b"a\nb\n", b"A\n\xff\n")
    assert (caught.value.path, caught.value.line) == ("a.en", 2)
