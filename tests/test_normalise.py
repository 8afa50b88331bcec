"""Normalised views of a pair (annotations stripped, NFKC, simplified script), their maps back
to the original offsets, and the encoding-damage detector, on cases and on the real sample."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import opencc

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from qa_tool import normalise as normalise_module
from qa_tool.model import Location, SegmentPair
from qa_tool.resources import word_set
from qa_tool.normalise import (
    TextView,
    find_encoding_damage,
    nfkc,
    normalise,
    strip_pinyin_annotations,
    to_simplified,
)

SAMPLE = Path("samples") / "chongqing-fao-news.zh-en.txt"
HAN = regex.compile(r"\p{Han}")


def make_pair(source: str, target: str = "") -> SegmentPair:
    return SegmentPair("1", source, target, Location(path="t"))


@pytest.fixture(scope="module")
def sample_chinese(shared_dir: Path) -> list[str]:
    """The sample's Chinese paragraphs, read as plain lines (any line with a Han character)."""
    lines = (shared_dir / SAMPLE).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if HAN.search(line)]


def removed_texts(view: TextView, original: str) -> list[str]:
    """The stretches of ``original`` that no character of ``view`` stands for."""
    assert view.origin is not None and view.ends is not None
    removed, previous_end = [], 0
    for start, end in zip(view.origin, view.ends):
        if start > previous_end:
            removed.append(original[previous_end:start])
        previous_end = max(previous_end, end)
    if len(original) > previous_end:
        removed.append(original[previous_end:])
    return removed


# --- pinyin annotations -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("服務(wù)高校", "服務高校"),
        ("服務（wù）", "服務"),
        ("服務(wù）", "服務"),
        ("個(gè)體", "個體"),
        ("(私營個(gè)體)", "(私營個體)"),
        ("服務(wu\u0300)高校", "服務高校"),  # decomposed tone mark
        ("綠(lǜ)色", "綠色"),
        ("出國(境)管理", "出國(境)管理"),
        ("(CME)", "(CME)"),
        ("(Group) Co.", "(Group) Co."),
        ("中國(China)", "中國(China)"),
        ("ok (wù)", "ok (wù)"),
        ("服務 (wù)", "服務 (wù)"),
        ("服務(service)", "服務(service)"),
        ("服務(wu)", "服務(wu)"),  # no tone mark
        ("服務(Wù)", "服務(Wù)"),  # not lowercase
        ("服務(zhuàngg)", "服務(zhuàngg)"),  # seven letters
        ("服務(wù", "服務(wù"),  # not closed
        ("", ""),
    ],
)
def test_strip_pinyin_annotations(text: str, expected: str) -> None:
    assert strip_pinyin_annotations(text).text == expected


def test_unannotated_text_is_its_own_view() -> None:
    assert strip_pinyin_annotations("出國(境)管理") == TextView("出國(境)管理", None)


def test_sample_loses_exactly_its_well_formed_annotations(sample_chinese: list[str]) -> None:
    removed: list[str] = []
    left: list[str] = []
    for line in sample_chinese:
        view = strip_pinyin_annotations(line)
        removed += removed_texts(view, line)
        left += regex.findall(r"[(（][^()（）]*[)）]", view.text)
    assert len(removed) == 109
    assert len(set(removed)) == 35
    annotation = regex.compile(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")
    assert all(annotation.fullmatch(text) for text in removed)
    # What stays: real parentheses, and the one annotation inside the damaged stretch.
    assert left == ["(guān)", "(境)", "(私營個體)"]


# --- simplified script --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("重慶郵電大學", "重庆邮电大学"),
        ("譚世賢", "谭世贤"),
        ("魯進", "鲁进"),
        ("二級巡視員", "二级巡视员"),
        ("國際學術交流平臺", "国际学术交流平台"),
    ],
)
def test_to_simplified_on_sample_terms(
    sample_chinese: list[str], traditional: str, simplified: str
) -> None:
    assert any(traditional in strip_pinyin_annotations(line).text for line in sample_chinese)
    view = to_simplified(TextView(traditional))
    assert view.text == simplified
    assert view.original_span(0, len(simplified)) == (0, len(traditional))


@pytest.mark.parametrize(
    "text",
    ["COVID-19 outbreak, 2020: (CME) iPhone ＡＢ１２ ?!", "我们在重庆调研", "乾隆", ""],
)
def test_to_simplified_leaves_english_digits_and_simplified_text_alone(text: str) -> None:
    view = TextView(text)
    assert to_simplified(view) is view


def test_to_simplified_changes_only_the_chinese_in_mixed_text() -> None:
    assert to_simplified(TextView("CME與COVID-19 2020年")).text == "CME与COVID-19 2020年"


class _LengthChangingConverter:
    """Stands in for OpenCC with a phrase that changes length, which its bundled dictionaries
    never do, so the alignment path runs."""

    def convert(self, text: str) -> str:
        return text.replace("臺灣", "台").replace("體", "体育")


@pytest.mark.parametrize(
    ("text", "expected", "found", "original"),
    [
        ("在臺灣讀書", "在台讀書", "讀書", "讀書"),
        ("在臺灣讀書", "在台讀書", "台", "臺灣"),
        ("在臺灣讀書", "在台讀書", "在", "在"),
        ("個體戶", "個体育戶", "体育", "體"),
        ("個體戶", "個体育戶", "戶", "戶"),
    ],
)
def test_to_simplified_aligns_a_length_change(
    monkeypatch: pytest.MonkeyPatch, text: str, expected: str, found: str, original: str
) -> None:
    monkeypatch.setattr(normalise_module, "_traditional_to_simplified", _LengthChangingConverter)
    view = to_simplified(TextView(text))
    assert view.text == expected
    start = view.text.index(found)
    original_start, original_end = view.original_span(start, start + len(found))
    assert text[original_start:original_end] == original


# The conversion is skipped for a text holding none of the characters listed for the installed
# OpenCC (rules/chinese/): it must then be one the conversion leaves as it is.

_CONVERTER = normalise_module._traditional_to_simplified()


def test_the_installed_opencc_has_its_list_of_convertible_characters() -> None:
    # Without one every source is converted: right, but the list is rebuilt for a new version
    # with benchmarks/build_t2s_characters.py.
    assert normalise_module._convertible_characters() is not None


def test_every_character_not_listed_is_left_alone_by_the_conversion() -> None:
    unlisted = [
        chr(code) for code in range(0x80, 0x110000) if not 0xD800 <= code < 0xE000 and not normalise_module._convertible(chr(code))
    ]
    assert len(unlisted) > 1_000_000  # the characters beyond the Basic Multilingual Plane among them
    # A line each: no dictionary entry spans a line break.
    text = "\n".join(unlisted)
    assert _CONVERTER.convert(text) == text


@pytest.mark.parametrize("phrase", ["深沈", "乾燥", "回覆", "瞭然", "英哩", "有序列"])
def test_a_phrase_the_conversion_changes_holds_a_listed_character(phrase: str) -> None:
    # Phrases whose characters each stay as they are alone, but not together (深沈 → 深沉).
    assert normalise_module._convertible(phrase) or _CONVERTER.convert(phrase) == phrase


# Characters of phrases that convert only together, characters the list holds, and common
# simplified ones, so generated texts hold the phrases now and then.
_SCRIPT_MIX = st.text(st.sampled_from("深沈乾燥有序列回覆瞭然英哩藉坏么像的一是不了人在中国與國發"), max_size=12)


def test_a_text_is_convertible_by_any_listed_character_wherever_it_stands() -> None:
    basic_listed, beyond_listed = "乾", next(iter(normalise_module._convertible_characters()[1]))
    beyond_unlisted = "\U0001f600"
    assert not normalise_module._convertible(f"a{beyond_unlisted}b{beyond_unlisted}")
    assert normalise_module._convertible(f"{beyond_unlisted}a{beyond_listed}")
    assert normalise_module._convertible(f"{beyond_unlisted}的{basic_listed}")


@settings(max_examples=500)
@given(_SCRIPT_MIX.filter(bool))
def test_a_text_passed_over_is_one_the_conversion_leaves_alone(text: str) -> None:
    if not normalise_module._convertible(text):
        assert _CONVERTER.convert(text) == text
        assert to_simplified(TextView(text)).text == text


def test_the_list_is_what_the_installed_opencc_dictionaries_give() -> None:
    benchmarks = Path(__file__).resolve().parents[1] / "benchmarks"
    sys.path.insert(0, str(benchmarks))
    try:
        import build_t2s_characters as build
    finally:
        sys.path.remove(str(benchmarks))
    try:
        entries = build.dictionary_entries()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("the installed OpenCC carries no opencc_dict tool to read its dictionaries with")
    assert build.changing_characters(entries) == word_set(f"chinese/opencc-{opencc.__version__}-t2s-characters.txt")


# --- NFKC ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "found", "original"),
    [
        ("２０２０年", "2020年", "2020", "２０２０"),
        ("重量5㎏。", "重量5kg。", "kg", "㎏"),
        ("重量5㎏。", "重量5kg。", "g", "㎏"),
        ("重量5㎏。", "重量5kg。", "。", "。"),
        ("①加强管理", "1加强管理", "1", "①"),
        ("买Ａ股，好", "买A股,好", ",", "，"),
        ("cafe\u0301好", "café好", "é", "e\u0301"),
        ("cafe\u0301好", "café好", "好", "好"),
        ("全角　空格", "全角 空格", "空格", "空格"),
    ],
)
def test_nfkc_maps_back(text: str, expected: str, found: str, original: str) -> None:
    view = nfkc(TextView(text))
    assert view.text == expected
    start = view.text.index(found)
    original_start, original_end = view.original_span(start, start + len(found))
    assert text[original_start:original_end] == original


@pytest.mark.parametrize("text", ["plain English", "我们在重庆调研。", "“一场所两高地”·《人民日报》"])
def test_nfkc_leaves_normalised_text_alone(text: str) -> None:
    view = TextView(text)
    assert nfkc(view) is view


def test_nfkc_inert_characters_really_are() -> None:
    for low, high in normalise_module._NFKC_INERT_RANGES:
        for code in range(low, high + 1):
            character = chr(code)
            assert unicodedata.normalize("NFKC", character) == character, hex(code)
            assert not unicodedata.category(character).startswith("M"), hex(code)


# --- maps back to the original ------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "original"),
    [
        (0, 2, "服務"),  # the annotation after the span is not swallowed
        (2, 4, "高校"),
        (1, 3, "務(wù)高"),
        (0, 4, "服務(wù)高校"),
        (2, 2, ""),
    ],
)
def test_original_span_around_a_removed_annotation(start: int, end: int, original: str) -> None:
    text = "服務(wù)高校"
    original_start, original_end = strip_pinyin_annotations(text).original_span(start, end)
    assert text[original_start:original_end] == original


@pytest.mark.parametrize(("start", "end"), [(-1, 1), (2, 1), (0, 5)])
def test_original_span_rejects_spans_outside_the_view(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        strip_pinyin_annotations("服務(wù)高校").original_span(start, end)


@pytest.mark.parametrize(
    ("found", "original"),
    [
        ("符明秋", "符明秋"),
        ("重庆邮电大学", "重慶郵電大學"),
        ("服务高校发展", "服務(wù)高校發(fā)展"),
        ("10月30日", "10月30日"),
        ("二级巡视员", "二級巡視員"),
        ("鲁进", "魯進"),
        ("(私营个体)", "(私營個(gè)體)"),
    ],
)
def test_sample_match_view_maps_back(sample_chinese: list[str], found: str, original: str) -> None:
    hits = []
    for line in sample_chinese:
        view = normalise(make_pair(line)).source_match
        for match in regex.finditer(regex.escape(found), view.text):
            start, end = view.original_span(*match.span())
            hits.append(line[start:end])
    assert hits and set(hits) == {original}


def test_sample_reader_view_characters_are_original_characters(sample_chinese: list[str]) -> None:
    for line in sample_chinese:
        view = normalise(make_pair(line)).source
        for index, character in enumerate(view.text):
            start, end = view.original_span(index, index + 1)
            assert line[start:end] == character


def test_sample_match_view_characters_come_from_their_original_characters(sample_chinese: list[str]) -> None:
    for line in sample_chinese:
        view = normalise(make_pair(line)).source_match
        for index, character in enumerate(view.text):
            start, end = view.original_span(index, index + 1)
            # In the one place NFKC expands ("⑾" → "(11)"), each new character stands for "⑾".
            assert character in to_simplified(nfkc(TextView(line[start:end]))).text


# --- normalise ----------------------------------------------------------------------------


def test_normalise_keeps_the_identity_fast_path() -> None:
    normalised = normalise(make_pair("我们在重庆调研,了解需求。", "We surveyed Chongqing."))
    assert normalised.source.origin is None
    assert normalised.source_match.origin is None
    assert normalised.target.origin is None
    assert normalised.target_match.origin is None
    assert normalised.source_damage == ()


def test_normalise_target_match_is_nfkc_of_the_english() -> None:
    normalised = normalise(make_pair("二〇二〇年", "In ２０２０ (wù)"))
    assert normalised.target.text == "In ２０２０ (wù)"
    assert normalised.target_match.text == "In 2020 (wù)"
    assert normalised.target_match.original_span(3, 7) == (3, 7)


def test_normalise_source_views_of_an_annotated_pair() -> None:
    normalised = normalise(make_pair("服務(wù)高校發(fā)展，２０２０年", "serve"))
    assert normalised.source.text == "服務高校發展，２０２０年"
    assert normalised.source_match.text == "服务高校发展,2020年"
    start = normalised.source_match.text.index("2020")
    assert normalised.source_match.original_span(start, start + 4) == (15, 19)


# --- encoding damage ----------------------------------------------------------------------


def test_sample_has_exactly_one_damaged_stretch(sample_chinese: list[str]) -> None:
    damage = [span for line in sample_chinese for span in find_encoding_damage(line)]
    assert [span.text for span in damage] == ["?qū)⑾嚓P(guān)"]
    (span,) = damage
    line = next(line for line in sample_chinese if span.text in line)
    assert line[span.start : span.end] == span.text
    assert "'?'" in span.reason and "tone-marked" in span.reason and "⑾" in span.reason
    assert normalise(make_pair(line)).source_damage == (span,)


@pytest.mark.parametrize(
    "text",
    [
        "COVID-19疫情",
        "CME集团",
        "他说OK",
        "买A股",
        "X光",
        "B超",
        "T恤",
        "卡拉OK",
        "5G网络",
        "(CME)",
        "①加强管理",
        "⑴ 第一条",
        "如图①所示",
        "你好吗?我很好",
        "iPhone手机",
        "服務(wù)高校",
        "服務（wù）高校",
        "汉语拼音（Hànyǔ Pīnyīn）",
        "去café喝咖啡",
        "Pokémon精灵",
        "Gdańsk市",
        "他说……好——是",
        "第一行\n第二行\t制表",
        "",
    ],
)
def test_legitimate_text_is_not_damage(text: str) -> None:
    assert find_encoding_damage(text) == ()


@pytest.mark.parametrize(
    ("text", "damaged", "reason"),
    [
        ("能夠將jiāng相關資源", "jiāng", "tone-marked"),
        ("服務(wù高校", "(wù", "tone-marked"),
        ("中\ufffd文", "\ufffd", "replacement character"),
        ("中\x01文", "\x01", "control"),
        ("中\x85文", "\x85", "control"),
        ("标题ä¸\xadæ–‡好", "ä¸\xadæ–‡", "UTF-8 read as Latin-1"),
        ("中文Ã©好", "Ã©", "UTF-8 read as Latin-1"),
        ("第⑴条", "⑴", "⑴"),
        ("能夠?qū)⑾嚓P(guān)資源", "?qū)⑾嚓P(guān)", "stray 'P'"),
        ("能?? wù 相", "?? wù", "'?'"),
    ],
)
def test_damage_is_found(text: str, damaged: str, reason: str) -> None:
    (span,) = find_encoding_damage(text)
    assert (span.text, text[span.start : span.end]) == (damaged, damaged)
    assert reason in span.reason


def test_damage_far_apart_gives_two_spans() -> None:
    damage = find_encoding_damage("甲wù乙丙丁戊己庚\ufffd辛")
    assert [span.text for span in damage] == ["wù", "\ufffd"]


# --- properties ---------------------------------------------------------------------------

_INTERESTING = list(
    "()（）?？ūāǖńḿàé\u0301\u0300\u0308\u0323⑾①⑴㎏ﷺＡ２，　\ufffd\x01\x85ÃÂ©€æ–‡"
    "服務重慶郵體發臺灣中\u05d0\u0627\ue000😀\u200d\u1100\u1161\u11a8가"
)
_TOKENS = ["服務", "(wù)", "（gè）", "(境)", "?", "qū", "⑾", "P", "e\u0301", "㎏", "CME", "２０", "， ", "臺灣"]
_TEXT = st.one_of(
    st.text(
        st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(_INTERESTING)),
        max_size=40,
    ),
    st.lists(st.sampled_from(_TOKENS), max_size=12).map("".join),
)


def assert_maps_into(view: TextView, original: str) -> None:
    if view.origin is None:
        assert view.text == original
        return
    origin, length = view.origin, len(original)
    assert len(origin) == len(view.text) + 1 and origin[-1] == length
    assert all(0 <= offset <= length for offset in origin)
    assert all(a <= b for a, b in zip(origin, origin[1:]))
    if view.ends is not None:
        assert len(view.ends) == len(view.text)
        assert all(start <= end <= length for start, end in zip(origin, view.ends))
        assert all(a <= b for a, b in zip(view.ends, view.ends[1:]))
    for start in range(len(view.text) + 1):
        for end in range(start, min(start + 3, len(view.text)) + 1):
            original_start, original_end = view.original_span(start, end)
            assert 0 <= original_start <= original_end <= length


@settings(deadline=None)
@given(_TEXT)
def test_views_always_map_inside_the_original(text: str) -> None:
    stripped = strip_pinyin_annotations(text)
    assert_maps_into(stripped, text)
    assert_maps_into(nfkc(TextView(text)), text)
    assert_maps_into(to_simplified(TextView(text)), text)
    normalised = normalise(make_pair(text, text))
    for view in (normalised.source, normalised.source_match, normalised.target, normalised.target_match):
        assert_maps_into(view, text)


@settings(deadline=None)
@given(_TEXT)
def test_stripped_view_is_the_original_without_some_stretches(text: str) -> None:
    view = strip_pinyin_annotations(text)
    if view.origin is not None:
        assert all(text[start] == character for start, character in zip(view.origin, view.text))


@settings(deadline=None)
@given(_TEXT)
def test_nfkc_view_is_nfkc(text: str) -> None:
    assert nfkc(TextView(text)).text == unicodedata.normalize("NFKC", text)


@settings(deadline=None)
@given(st.text(st.sampled_from("，（）２Ａ　中a ")))
def test_full_width_narrowing_replaces_every_full_width_character(text: str) -> None:
    # nfkc's first step, checked alone: the per-cluster step after it would mend a miss.
    narrowed = normalise_module._narrow_full_width(TextView(text))
    assert narrowed.text == "".join(unicodedata.normalize("NFKC", character) for character in text)
    assert_maps_into(narrowed, text)


@settings(deadline=None)
@given(_TEXT)
def test_damage_spans_lie_inside_the_text(text: str) -> None:
    previous_end = 0
    for span in find_encoding_damage(text):
        assert previous_end <= span.start < span.end <= len(text)
        assert span.text == text[span.start : span.end] and span.reason
        previous_end = span.end
