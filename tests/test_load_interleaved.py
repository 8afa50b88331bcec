import codecs
import io
from pathlib import Path

import pytest

from qa_tool.errors import InputError
from qa_tool.model import Location, SegmentPair
from qa_tool.readers import ReadOptions
from qa_tool.readers.interleaved import looks_interleaved, paragraph_language, read

SAMPLE = "samples/chongqing-fao-news.zh-en.txt"
# Line of the first Chinese paragraph of each of the sample's 11 pairs.
SAMPLE_LINES = [1, 2, 3, 7, 8, 9, 10, 15, 16, 17, 18]

ZH_1 = "符明秋表示,2020年是重郵建校70周年,學校大力實施世界一流學科攀登計劃,不斷拓展國際合作與交流內涵。"
EN_1 = (
    "Fu Mingqiu mentioned that the year 2020 marks the 70th anniversary of the university, which "
    "vigorously implemented a World First-class Climbing Program and continuously expanded the "
    "connotation of international cooperation and exchanges."
)
ZH_2 = "11月3日,市政府外辦二級巡視員魯進赴重慶市民營經濟協會調研,了解該協會基本情況和對外交流、國際合作的現狀和需求。"
EN_2 = (
    "On November 3, Lu Jin, Level-II inspector of the Foreign Affairs Office, went to the Chongqing "
    "Private Economic Association to learn about its basic situation and the status quo and demands "
    "of its foreign exchanges and international cooperation."
)
ZH_3 = "市對外友協辦參加調研。"
EN_3 = "The Chongqing People's Association for Friendship with Foreign Countries participated in the survey."


def read_bytes(data: bytes, name: str = "news.txt", **options: str) -> list[SegmentPair]:
    return list(read(io.BytesIO(data), name, ReadOptions(**options)))


def read_text(text: str, name: str = "news.txt") -> list[SegmentPair]:
    return read_bytes(text.encode("utf-8"), name)


def texts(pairs: list[SegmentPair]) -> list[tuple[str, str]]:
    return [(pair.source, pair.target) for pair in pairs]


@pytest.fixture(scope="module")
def sample_bytes(shared_dir: Path) -> bytes:
    return (shared_dir / SAMPLE).read_bytes()


def test_the_sample_gives_its_eleven_pairs_in_order(sample_bytes: bytes) -> None:
    pairs = read_bytes(sample_bytes, "chongqing.txt")
    assert [pair.id for pair in pairs] == [f"p{k}" for k in range(1, 12)]
    assert [pair.location for pair in pairs] == [Location("chongqing.txt", line) for line in SAMPLE_LINES]
    assert pairs[0].source.startswith("為推動外事資源")
    assert pairs[0].target.startswith("In order to promote foreign affairs")
    assert pairs[6].source.startswith("市政府外辦秘書處")
    assert pairs[6].target.startswith("The Secretariat, Planning and Development Division")
    # Equal runs of plausible lengths: the file pairs them, not the aligner.
    assert all(pair.alignment is None for pair in pairs)


def test_the_sample_paragraphs_are_kept_exactly_as_written(sample_bytes: bytes) -> None:
    lines = sample_bytes.decode("utf-8").splitlines()
    pairs = read_bytes(sample_bytes)
    assert [pair.source for pair in pairs] == [lines[line - 1] for line in SAMPLE_LINES]
    english_lines = [line + count for line, count in zip(SAMPLE_LINES, [3] * 3 + [4] * 8)]
    assert [pair.target for pair in pairs] == [lines[line - 1] for line in english_lines]
    assert "能夠?qū)⑾嚓P(guān)資源" in pairs[4].source


def test_crlf_line_ends_and_a_utf8_bom_read_the_same(sample_bytes: bytes) -> None:
    windows = codecs.BOM_UTF8 + sample_bytes.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    assert read_bytes(windows) == read_bytes(sample_bytes)


def test_blank_lines_between_paragraphs() -> None:
    pairs = read_text(f"\n{ZH_1}\n\n{ZH_2}\n\n\n{EN_1}\n   \n{EN_2}\n\n{ZH_3}\n\n{EN_3}\n")
    assert texts(pairs) == [(ZH_1, EN_1), (ZH_2, EN_2), (ZH_3, EN_3)]
    assert [pair.location.line for pair in pairs] == [2, 4, 11]


def test_a_missing_english_paragraph_gives_a_low_confidence_pair_and_keeps_all_text() -> None:
    pairs = read_text(f"{ZH_1}\n{ZH_2}\n{ZH_3}\n{EN_1}\n{EN_3}\n")
    assert texts(pairs) == [(ZH_1, EN_1), (ZH_2, ""), (ZH_3, EN_3)]
    assert [pair.location.line for pair in pairs] == [1, 2, 3]
    assert pairs[1].alignment is not None and pairs[1].alignment < 0.05
    assert all(pair.alignment is not None for pair in pairs)


def test_paragraphs_the_aligner_merges_are_joined_with_a_newline() -> None:
    pairs = read_text(f"{ZH_1}\n{ZH_2}\n{ZH_3}\n{EN_1}\n{EN_2} {EN_3}\n")
    assert texts(pairs) == [(ZH_1, EN_1), (f"{ZH_2}\n{ZH_3}", f"{EN_2} {EN_3}")]
    assert [pair.id for pair in pairs] == ["p1", "p2"]


def test_equal_runs_of_implausible_lengths_go_to_the_aligner() -> None:
    # Two Chinese and two English paragraphs, but the short Chinese one comes first and the
    # long English one first: pairing them in order would be wrong, so the aligner decides.
    pairs = read_text(f"{ZH_3}\n{ZH_1}\n{EN_1}\n{EN_3}\n")
    assert all(pair.alignment is not None for pair in pairs)
    assert "".join(pair.source for pair in pairs).replace("\n", "") == ZH_3 + ZH_1
    assert "".join(pair.target for pair in pairs).replace("\n", "") == EN_1 + EN_3


def test_chinese_at_the_end_without_english_gets_an_empty_target() -> None:
    pairs = read_text(f"{ZH_1}\n{EN_1}\n{ZH_2}\n{ZH_3}\n")
    assert texts(pairs) == [(ZH_1, EN_1), (ZH_2, ""), (ZH_3, "")]
    assert [pair.alignment for pair in pairs] == [None, 0.0, 0.0]
    assert [pair.location.line for pair in pairs] == [1, 3, 4]


def test_english_before_any_chinese_gets_an_empty_source() -> None:
    pairs = read_text(f"{EN_3}\n{ZH_1}\n{EN_1}\n")
    assert texts(pairs) == [("", EN_3), (ZH_1, EN_1)]
    assert pairs[0].location.line == 1
    assert pairs[0].alignment == 0.0


def test_a_line_without_letters_joins_the_run_it_stands_in() -> None:
    # The leading year joins the Chinese run, the closing rule the English one; the aligner
    # then merges each with its neighbour.
    pairs = read_text(f"2020\n{ZH_1}\n{EN_1}\n***\n")
    assert texts(pairs) == [(f"2020\n{ZH_1}", f"{EN_1}\n***")]


def test_an_empty_file_gives_no_pairs() -> None:
    assert read_text("") == []
    assert read_text("\n \n") == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("為推動外事資源更好服務(wù)高校發(fā)展", "zh"),
        ("Level-II inspector 二级巡视员", "zh"),
        ("COVID-19疫情", "zh"),
        ("Chongqing University of Posts and Telecommunications (重庆邮电大学)", "zh"),  # 6 Han, 6 words
        ("The Chongqing University of Posts and Telecommunications (重庆邮电大学)", "en"),
        ("Zhou Yi said that the Foreign Affairs Office would continue.", "en"),
        ("2020-10-30", None),
        ("* * *", None),
    ],
)
def test_paragraph_language(text: str, language: str | None) -> None:
    assert paragraph_language(text) == language


def test_other_languages_than_chinese_to_english_are_refused() -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(f"{ZH_1}\n{EN_1}\n".encode(), "news.txt", source_lang="en", target_lang="zh")
    assert caught.value.path == "news.txt"


def test_undecodable_bytes_name_their_line() -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(f"{ZH_1}\n{EN_1}\n".encode() + b"\xff\xfe broken\n")
    assert caught.value.line == 3


def test_the_sample_head_looks_interleaved(sample_bytes: bytes) -> None:
    assert looks_interleaved(sample_bytes[:4096].decode("utf-8", errors="ignore"))


@pytest.mark.parametrize(
    "head",
    [
        f"{ZH_1}\n{ZH_2}\n",  # Chinese only
        f"{EN_1}\n{EN_2}\n",  # English only
        f"{ZH_1}\t{EN_1}\n{ZH_2}\t{EN_2}\n",  # TSV
        f'{{"source": "{ZH_1}", "target": "{EN_1}"}}\n{{"source": "{ZH_2}", "target": "{EN_2}"}}\n',  # JSONL
        f'<?xml version="1.0"?>\n<tmx>\n<seg>{ZH_1}</seg>\n<seg>{EN_1}</seg>\n',  # XML
        f"你好,{EN_1}\n谢谢,{EN_2}\n",  # CSV: each line mixes both languages
        f"{EN_1}\n{ZH_1}\n",  # English before Chinese only
        "",
    ],
)
def test_other_heads_do_not_look_interleaved(head: str) -> None:
    assert not looks_interleaved(head)


def test_alternating_single_lines_look_interleaved() -> None:
    assert looks_interleaved(f"{ZH_1}\n{EN_1}\n\n{ZH_2}\n{EN_2}\n")
