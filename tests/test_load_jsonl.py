import codecs
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa_tool.errors import InputError
from qa_tool.model import Location, SegmentPair
from qa_tool.readers import ReadOptions
from qa_tool.readers.jsonl import read


def read_text(text: str, **options: str) -> list[SegmentPair]:
    return read_bytes(text.encode("utf-8"), **options)


def read_bytes(data: bytes, **options: str) -> list[SegmentPair]:
    return list(read(io.BytesIO(data), "job.jsonl", ReadOptions(**options)))


def triples(pairs: list[SegmentPair]) -> list[tuple[str, str, str]]:
    return [(pair.id, pair.source, pair.target) for pair in pairs]


def test_default_keys_with_and_without_id() -> None:
    text = '{"id": "s1", "source": "你好", "target": "Hello"}\n\n  \n{"source": "谢谢", "target": "Thanks"}\n'
    assert read_text(text) == [
        SegmentPair("s1", "你好", "Hello", Location("job.jsonl", 1)),
        SegmentPair("4", "谢谢", "Thanks", Location("job.jsonl", 4)),
    ]


def test_numeric_id_becomes_text() -> None:
    assert triples(read_text('{"id": 17, "source": "一", "target": "one"}')) == [("17", "一", "one")]


def test_custom_keys() -> None:
    text = '{"key": "k", "zh": "not used", "original": "你好", "translation": "Hello"}\n'
    pairs = read_text(text, source_key="original", target_key="translation", id_key="key")
    assert triples(pairs) == [("k", "你好", "Hello")]


@pytest.mark.parametrize(
    ("record", "options"),
    [
        ({"zh": "你好", "en": "Hello"}, {}),
        ({"en-US": "Hello", "zh-CN": "你好"}, {}),
        ({"zh_Hans": "你好", "EN": "Hello"}, {}),
        ({"Chinese": "你好", "English": "Hello"}, {}),
        ({"zh": "你好", "zh-pinyin": "nǐ hǎo", "en": "Hello"}, {}),
        ({"zh-TW": "你好", "en-GB": "Hello"}, {"source_lang": "zh-TW", "target_lang": "en-GB"}),
        ({"source": "你好", "en": "Hello"}, {}),
    ],
)
def test_language_codes_as_keys(record: dict[str, str], options: dict[str, str]) -> None:
    assert triples(read_text(json.dumps(record, ensure_ascii=False), **options)) == [("1", "你好", "Hello")]


@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        ("qa: ignore[PU01]", ("qa: ignore[PU01]",)),
        (["first", "second"], ("first", "second")),
        ("", ()),
        ([], ()),
    ],
)
def test_notes(notes: object, expected: tuple[str, ...]) -> None:
    record = {"source": "一", "target": "one", "notes": notes}
    assert [pair.notes for pair in read_text(json.dumps(record))] == [expected]


GOOD = '{"source": "一", "target": "one"}\n'


@pytest.mark.parametrize(
    ("bad_line", "words"),
    [
        ('{"source": "二", "target": "two"', ["not valid JSON", "column"]),
        ("source\ttarget", ["not valid JSON"]),
        ('["二", "two"]', ["JSON object", "an array"]),
        ('"二"', ["JSON object", "a string"]),
        ('{"target": "two"}', ['missing key "source"', '"zh"']),
        ('{"source": "二"}', ['missing key "target"']),
        ('{"zh-CN": "二", "zh-TW": "二", "en": "two"}', ['"zh-CN", "zh-TW"']),
        ('{"source": "二", "target": 2}', ['"target" is a number']),
        ('{"source": null, "target": "two"}', ['"source" is null']),
        ('{"source": ["二"], "target": "two"}', ['"source" is an array']),
        ('{"id": true, "source": "二", "target": "two"}', ['"id" is true or false']),
        ('{"source": "二", "target": "two", "notes": {"a": 1}}', ['"notes" is an object']),
        ('{"source": "二", "target": "two", "notes": ["ok", 3]}', ['"notes" is a number']),
        ('{"source": "二", "target": "\\ud83d two"}', ["unpaired \\ud83d"]),
        pytest.param("[" * 100_000, ["nested too deeply"], id="deep-nesting"),
        pytest.param(
            '{"source": "二", "target": "two", "n": ' + "9" * 5000 + "}", ["number", "too long"], id="huge-number"
        ),
    ],
)
def test_bad_lines_name_their_line(bad_line: str, words: list[str]) -> None:
    text = GOOD + "\n" + bad_line + "\n" + GOOD
    with pytest.raises(InputError) as caught:
        read_text(text)
    assert (caught.value.path, caught.value.line) == ("job.jsonl", 3)
    for word in words:
        assert word in caught.value.message


def test_a_custom_key_has_no_language_fallback() -> None:
    with pytest.raises(InputError) as caught:
        read_text('{"zh": "二", "en": "two"}', source_key="src")
    assert (caught.value.line, caught.value.message) == (1, 'missing key "src"')


def test_brackets_inside_strings_are_text() -> None:
    text = json.dumps({"source": "[" * 100_000, "target": "two"})
    assert triples(read_text(text)) == [("1", "[" * 100_000, "two")]


def test_utf8_bom_and_crlf() -> None:
    data = codecs.BOM_UTF8 + '{"source": "一", "target": "one"}\r\n{"source": "二", "target": "two"}\r\n'.encode()
    assert triples(read_bytes(data)) == [("1", "一", "one"), ("2", "二", "two")]


def test_empty_file() -> None:
    assert read_text("") == []


any_text = st.text(st.characters(blacklist_categories=("Cs",)))
hard_text = st.lists(
    # Emoji (with a ZWJ sequence), RTL text and marks, combining marks, separators JSON does not escape.
    st.sampled_from(["😀", "👩🏽‍💻", "שלום", "مرحبا", "\u200f", "e\u0301", "\u0308", "\u2028", "\x85", "\x00", "\r\n", "中文"])
).map("".join)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.one_of(any_text, hard_text), st.one_of(any_text, hard_text)), max_size=6),
    st.booleans(),
)
def test_jsonl_round_trip(rows: list[tuple[str, str]], ensure_ascii: bool) -> None:
    text = "".join(
        json.dumps({"id": f"r{number}", "source": source, "target": target}, ensure_ascii=ensure_ascii) + "\n"
        for number, (source, target) in enumerate(rows)
    )
    assert triples(read_text(text)) == [(f"r{number}", source, target) for number, (source, target) in enumerate(rows)]
