import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa_tool.align import (
    MATCH_PRIORS,
    AlignedGroup,
    align,
    align_lengths,
    anchors,
    plausible_pairs,
    source_length,
    target_length,
)

SAMPLE = "samples/chongqing-fao-news.zh-en.txt"
# (Chinese paragraphs, English paragraphs) of each block of the sample, in order.
SAMPLE_BLOCKS = ((3, 3), (4, 4), (4, 4))


def sample_blocks(shared_dir: Path) -> list[tuple[list[str], list[str]]]:
    lines = [line for line in (shared_dir / SAMPLE).read_text(encoding="utf-8").splitlines() if line.strip()]
    blocks, start = [], 0
    for chinese, english in SAMPLE_BLOCKS:
        blocks.append((lines[start : start + chinese], lines[start + chinese : start + chinese + english]))
        start += chinese + english
    return blocks


def shape(groups: list[AlignedGroup]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(group.source, group.target) for group in groups]


def one_to_one(count: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [((k,), (k,)) for k in range(count)]


def chinese(length: int, start: str = "") -> str:
    return start + "調" * (length - len(start))


def english(length: int, start: str = "") -> str:
    words = [start] if start else []
    while len("".join(words)) < length:
        words.append("survey")
    return " ".join(words)


@pytest.mark.parametrize("block", range(len(SAMPLE_BLOCKS)))
def test_sample_blocks_align_one_to_one_with_confidence(shared_dir: Path, block: int) -> None:
    source, target = sample_blocks(shared_dir)[block]
    groups = align(source, target)
    assert shape(groups) == one_to_one(len(source))
    assert all(group.confidence > 0.5 for group in groups)


def test_a_deleted_english_paragraph_gives_a_one_to_zero_group_with_low_confidence(shared_dir: Path) -> None:
    source, target = sample_blocks(shared_dir)[0]
    groups = align(source, [target[0], target[2]])
    assert shape(groups) == [((0,), (0,)), ((1,), ()), ((2,), (1,))]
    assert groups[1].confidence < 0.05
    assert groups[0].confidence > 0.5 and groups[2].confidence > 0.5


def test_a_split_english_paragraph_gives_a_one_to_two_group(shared_dir: Path) -> None:
    source, target = sample_blocks(shared_dir)[1]
    first, second = target[1].split(" At the same time, ")
    groups = align(source, [target[0], first, "At the same time, " + second, *target[2:]])
    assert shape(groups) == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), (4,))]


def test_two_chinese_paragraphs_in_one_english_give_a_two_to_one_group(shared_dir: Path) -> None:
    source, target = sample_blocks(shared_dir)[2]
    groups = align(source, [target[0], target[1] + " " + target[2], target[3]])
    assert shape(groups) == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]


def test_shared_numbers_and_names_decide_what_lengths_get_wrong() -> None:
    # The middle Chinese paragraph is untranslated; by length the third one looks untranslated
    # instead, but the year and COVID-19 say otherwise.
    source = [chinese(50, "2019年"), chinese(55), chinese(45, "COVID-19")]
    target = [english(225, "In 2019"), english(250, "the COVID-19 outbreak")]
    by_length = align_lengths([source_length(text) for text in source], [target_length(text) for text in target])
    assert shape(by_length) == [((0,), (0,)), ((1,), (1,)), ((2,), ())]
    assert shape(align(source, target)) == [((0,), (0,)), ((1,), ()), ((2,), (1,))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("符明秋表示,2020年是重郵建校70周年", {"2020", "70"}),
        ("the year 2020 marks the 70th anniversary", {"2020", "70"}),
        ("COVID-19疫情", {"covid-19", "19"}),
        ("Chongqing Machinery & Electronics (CME)", {"chongqing", "machinery", "electronics", "cme"}),
        ("服務(wù)發(fā)展", set()),  # pinyin reading aids are not names
        ("２０２０年", {"2020"}),
        ("1,000 人", {"1000"}),
        ("3.50 and 07", {"3.50", "7"}),
        ("00", {"0"}),
        ("0" + "9" * 5000, {"9" * 5000}),  # longer than int() converts
    ],
)
def test_anchors(text: str, expected: set[str]) -> None:
    assert anchors(text) == expected


@pytest.mark.parametrize(
    ("text", "length"),
    [("服務(wù)發(fā)展", 4), ("出國(境)管理", 7), ("COVID-19 疫情", 10)],
)
def test_chinese_length_leaves_out_pinyin_reading_aids_and_spaces(text: str, length: int) -> None:
    assert source_length(text) == length


def test_english_length_counts_characters_other_than_spaces() -> None:
    assert target_length("Zhou Yi  said.\n") == 11


def test_plausible_pairs(shared_dir: Path) -> None:
    for source, target in sample_blocks(shared_dir):
        assert plausible_pairs(source, target)
    source, target = sample_blocks(shared_dir)[1]
    assert not plausible_pairs(source, [target[3], target[1], target[2], target[0]])


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ([], [], []),
        (["中文"], [], [((0,), ())]),
        ([], ["English"], [((), (0,))]),
    ],
)
def test_empty_sides(source: list[str], target: list[str], expected: list) -> None:
    assert shape(align(source, target)) == expected


def test_a_long_run_with_a_block_of_missing_paragraphs_widens_its_band() -> None:
    # English exactly 4.5 times as long as its Chinese, but the first 30 English paragraphs
    # are missing: the path runs up to 24 cells off the diagonal, outside the first band (8).
    lengths = random.Random(3)
    source_lengths = [lengths.randint(20, 200) for _ in range(150)]
    target_lengths = [round(4.5 * length) for length in source_lengths][30:]
    groups = align_lengths(source_lengths, target_lengths)
    shifted = [group for group in groups if group.source and group.target and group.target[0] == group.source[0] - 30]
    assert len(shifted) >= 115
    assert all(group.target for group in groups[-100:])


def test_lengths_cannot_be_negative() -> None:
    with pytest.raises(ValueError):
        align_lengths([3, -1], [4])


@settings(max_examples=150, deadline=None)
@given(
    source=st.lists(st.integers(min_value=0, max_value=2000), max_size=25),
    target=st.lists(st.integers(min_value=0, max_value=2000), max_size=25),
)
def test_groups_cover_every_paragraph_once_in_order(source: list[int], target: list[int]) -> None:
    groups = align_lengths(source, target)
    assert [k for group in groups for k in group.source] == list(range(len(source)))
    assert [k for group in groups for k in group.target] == list(range(len(target)))
    for group in groups:
        assert (len(group.source), len(group.target)) in MATCH_PRIORS
        assert 0.0 <= group.confidence <= 1.0
