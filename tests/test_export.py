import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from qa_tool import __version__
from qa_tool.errors import InputError
from qa_tool.export import TSV_HEADER, write_tmx, write_tsv
from qa_tool.model import Location, SegmentPair
from qa_tool.readers import ReadOptions
from qa_tool.readers.delimited import read as read_tsv
from qa_tool.readers.interleaved import read

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SAFE_PARSER = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)

PAIRS = [
    SegmentPair("p1", "為推動外事資源更好服務(wù)高校發(fā)展", "In order to promote", Location("a.txt", 1)),
    SegmentPair(
        "p2",
        "他說：“A & B < C > D”\n第二段",
        'He said "A & B < C > D"\tand\r\nleft; \'quoted\'',
        Location("a.txt", 2),
        alignment=0.8731,
    ),
    SegmentPair("p3", "市對外友協辦參加調研。", "", Location("a.txt", 4), alignment=0.0047),
    SegmentPair("p<4>&\"", "", "Lone carriage\rreturn and a trailing space ", Location("a.txt", 5), alignment=0.0),
]


def tsv_text_of(pairs: list[SegmentPair]) -> str:
    stream = io.StringIO(newline="")
    assert write_tsv(pairs, stream) == len(pairs)
    return stream.getvalue()


def tsv_rows(pairs: list[SegmentPair]) -> list[list[str]]:
    return [line.split("\t") for line in tsv_text_of(pairs).split("\n")[:-1]]


def read_back_tsv(pairs: list[SegmentPair]) -> list[SegmentPair]:
    """The exported TSV read with qa-tool's own TSV reader, as `qa-tool check` would."""
    data = io.BytesIO(tsv_text_of(pairs).encode("utf-8"))
    return list(read_tsv(data, "pairs.tsv", ReadOptions(delimiter="\t")))


def tmx_root(pairs: list[SegmentPair], source_lang: str = "zh-CN", target_lang: str = "en-US") -> etree._Element:
    stream = io.StringIO()
    assert write_tmx(pairs, stream, source_lang, target_lang) == len(pairs)
    parser = etree.XMLParser(**SAFE_PARSER)
    return etree.fromstring(stream.getvalue().encode("utf-8"), parser)


def tmx_pairs(root: etree._Element) -> list[tuple[str, str, str, str | None]]:
    pairs = []
    for unit in root.iter("tu"):
        segments = {tuv.get(XML_LANG): tuv.findtext("seg") for tuv in unit.iter("tuv")}
        confidence = unit.findtext("prop[@type='x-alignment-confidence']")
        pairs.append((unit.get("tuid"), segments["zh-CN"], segments["en-US"], confidence))
    return pairs


def test_tsv_reads_back_with_qa_tools_reader() -> None:
    assert tsv_rows(PAIRS)[0] == list(TSV_HEADER)
    assert [(p.id, p.source, p.target) for p in read_back_tsv(PAIRS)] == [
        ("p1", PAIRS[0].source, PAIRS[0].target),
        ("p2", "他說：“A & B < C > D” 第二段", 'He said "A & B < C > D" and left; \'quoted\''),
        ("p3", PAIRS[2].source, ""),
        ('p<4>&"', "", "Lone carriage return and a trailing space "),
    ]


def test_tsv_is_plain_lines_without_quoting() -> None:
    assert tsv_text_of(PAIRS[:2]) == (
        "id\tsource\ttarget\talignment\n"
        f"p1\t{PAIRS[0].source}\t{PAIRS[0].target}\t\n"
        'p2\t他說：“A & B < C > D” 第二段\tHe said "A & B < C > D" and left; \'quoted\'\t0.8731\n'
    )


def test_tsv_of_nothing_is_its_header() -> None:
    assert tsv_rows([]) == [list(TSV_HEADER)]


def test_tmx_parses_back_to_the_same_pairs() -> None:
    root = tmx_root(PAIRS)
    assert tmx_pairs(root) == [
        ("p1", PAIRS[0].source, PAIRS[0].target, None),
        ("p2", PAIRS[1].source, PAIRS[1].target, "0.8731"),
        ("p3", PAIRS[2].source, "", "0.0047"),
        ('p<4>&"', "", PAIRS[3].target, "0.0000"),
    ]


def test_tmx_header() -> None:
    root = tmx_root(PAIRS, "zh", "en")
    assert root.tag == "tmx" and root.get("version") == "1.4"
    assert dict(root.find("header").attrib) == {
        "creationtool": "qa-tool",
        "creationtoolversion": __version__,
        "datatype": "plaintext",
        "segtype": "paragraph",
        "adminlang": "en",
        "srclang": "zh",
        "o-tmf": "qa-tool",
    }
    assert [tuv.get(XML_LANG) for tuv in root.iter("tuv")][:2] == ["zh", "en"]


def test_tmx_keeps_notes() -> None:
    pair = SegmentPair("n1", "你好", "Hello", Location("a.txt", 1), notes=("check <this> & that",))
    assert [note.text for note in tmx_root([pair]).iter("note")] == ["check <this> & that"]


def test_tmx_refuses_a_character_xml_cannot_hold() -> None:
    pair = SegmentPair("p9", "你好", "Hello\x0bworld", Location("a.txt", 7))
    with pytest.raises(InputError) as caught:
        write_tmx([pair], io.StringIO(), "zh", "en")
    assert "p9" in caught.value.message and "U+000B" in caught.value.message
    assert (caught.value.path, caught.value.line) == ("a.txt", 7)


def test_the_sample_exports_and_reads_back(shared_dir: Path) -> None:
    with open(shared_dir / "samples/chongqing-fao-news.zh-en.txt", "rb") as stream:
        pairs = list(read(stream, "sample.txt", ReadOptions()))
    assert [(p.id, p.source, p.target) for p in read_back_tsv(pairs)] == [(p.id, p.source, p.target) for p in pairs]
    assert [(unit[0], unit[1], unit[2]) for unit in tmx_pairs(tmx_root(pairs))] == [
        (pair.id, pair.source, pair.target) for pair in pairs
    ]


# Any text a reader can produce: no surrogates; for TSV, no line or field breaks (the export
# turns those into spaces); for XML, none of the characters it cannot hold.
tsv_text = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"),
    max_size=40,
)
xml_text = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\ufffe\uffff").filter(
        lambda character: character in "\t\n\r" or ord(character) >= 0x20
    ),
    max_size=40,
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(tsv_text, tsv_text, tsv_text), max_size=5))
def test_any_text_survives_tsv(texts: list[tuple[str, str, str]]) -> None:
    pairs = [SegmentPair(id, source, target, Location("x.txt")) for id, source, target in texts]
    assert [tuple(row[:3]) for row in tsv_rows(pairs)[1:]] == texts


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(xml_text, xml_text, xml_text), max_size=5))
def test_any_text_survives_tmx(texts: list[tuple[str, str, str]]) -> None:
    pairs = [SegmentPair(id, source, target, Location("x.txt")) for id, source, target in texts]
    assert [unit[:3] for unit in tmx_pairs(tmx_root(pairs))] == texts
