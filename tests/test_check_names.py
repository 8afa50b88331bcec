"""Person names and job titles (NM01–NM08): pinyin matching, pinned names, titles, the sample."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from qa_tool.checks import select_rules
from qa_tool.checks.base import CheckSettings
from qa_tool.checks.chinese_names import (
    _CAPITALISED_RUN,
    _CAPITALISED_WORD,
    _anchors,
    _marked_name_matches,
    _marked_names,
    _tokens,
    marked_names,
    name_mentions,
    name_tables,
)
from qa_tool.checks.job_titles import _title_pattern
from qa_tool.engine import check_document
from qa_tool.errors import InputError
from qa_tool.languages.pinyin import edit_distance, fold, is_pinyin
from qa_tool.model import Location, SegmentPair, Side
from qa_tool.normalise import normalise
from qa_tool.readers import ReadOptions, read_pairs
from qa_tool.resources import word_map, word_set
from qa_tool.schedule import RuleSchedule

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "chongqing-fao-news.zh-en.txt"


def pairs_of(*texts: tuple[str, str]) -> list[SegmentPair]:
    return [SegmentPair(f"s{n}", zh, en, Location("doc.txt", line=n)) for n, (zh, en) in enumerate(texts, start=1)]


def findings_of(code: str, *texts: tuple[str, str], settings: CheckSettings = CheckSettings()):
    return check_document(pairs_of(*texts), "doc.txt", select_rules([code]), settings).findings


def target_texts(findings) -> list[str]:
    return [f.pair.target[s.start : s.end] for f in findings for s in f.spans if s.side is Side.TARGET]


def sample_pairs() -> list[SegmentPair]:
    with SAMPLE.open("rb") as stream:
        return list(read_pairs(stream, str(SAMPLE), ReadOptions()))


def sample_findings(pairs: list[SegmentPair]):
    return check_document(pairs, str(SAMPLE), select_rules(["NM"])).findings


def with_target_changed(pairs: list[SegmentPair], marker: str, old: str, new: str) -> list[SegmentPair]:
    """The sample with ``old`` → ``new`` in the one pair whose English contains ``marker``."""
    chosen = [pair for pair in pairs if marker in pair.target]
    assert len(chosen) == 1
    return [replace(pair, target=pair.target.replace(old, new, 1)) if pair is chosen[0] else pair for pair in pairs]


# --- the sample ---------------------------------------------------------------------------


def test_sample_has_no_name_or_title_finding() -> None:
    # Five names, seven titles, traditional script with pinyin annotations: all rendered right.
    assert sample_findings(sample_pairs()) == ()


def test_sample_misspelt_name_in_one_paragraph_is_flagged() -> None:
    pairs = with_target_changed(sample_pairs(), "Fu Mingqiu mentioned", "Fu Mingqiu", "Fu Minqiu")
    findings = sample_findings(pairs)
    assert [f.code for f in findings] == ["NM01"]
    assert target_texts(findings) == ["Fu Minqiu"]
    source_span = next(s for s in findings[0].spans if s.side is Side.SOURCE)
    # The span points into the traditional original, annotations and all.
    assert findings[0].pair.source[source_span.start : source_span.end] == "符明秋"
    assert findings[0].replacement == "Fu Mingqiu"


def test_sample_title_capitalised_two_ways_is_flagged() -> None:
    pairs = with_target_changed(sample_pairs(), "On November 3, Lu Jin", "Level-II inspector", "Level-II Inspector")
    findings = sample_findings(pairs)
    assert [f.code for f in findings] == ["NM08"]
    assert target_texts(findings) == ["Level-II Inspector"]
    assert findings[0].replacement == "Level-II inspector"


def test_tico_memory_has_no_name_or_title_finding(shared_dir: Path) -> None:
    # COVID-19 text with real names (钟南山 Zhong Nanshan, 张峰 Feng Zhang, 谭德塞 Tedros, 马云 Jack
    # Ma) and titles (主任, 总理, 发言人), all rendered right.
    path = shared_dir / "fixtures" / "tico19_en_zh" / "all.en-zh.tmx"
    with path.open("rb") as stream:
        pairs = list(read_pairs(stream, path.name, ReadOptions()))
    assert sum(len(name_mentions(pair.source, pair.target)) for pair in pairs) >= 20
    assert check_document(pairs, "tico", select_rules(["NM"])).findings == ()


# --- NM01 misspelt name -------------------------------------------------------------------


@pytest.mark.parametrize(
    "zh, en, flagged",
    [
        # The given name one letter off.
        ("与副校长符明秋进行座谈", "a discussion with Fu Minqiu", ["Fu Minqiu"]),
        # A one-syllable given name, a different vowel.
        ("周毅率队赴重庆", "Zhou Yu led a team", ["Zhou Yu"]),
        # Given name first, still off.
        ("谭世贤介绍", "Shixia Tan introduced", ["Shixia Tan"]),
        # A pinned name misspelt.
        ("蔡英文表示", "Tsai Ying-wen said", ["Tsai Ying-wen"]),
        # Long misspellings need not be pinyin themselves.
        ("习近平主席", "President Xi Jinpig", ["Xi Jinpig"]),
        ("李文亮医生", "Dr Li Wenliong", ["Li Wenliong"]),
        # Tone marks and ü are spelling choices, not errors.
        ("吕小明说", "Lǚ Xiǎomíng said", []),
        ("吕小明说", "Lv Xiaoming and Lyu Xiaoming said", []),
        # The apostrophe, hyphen and a given name in two words are accepted.
        ("张西安说", "Zhang Xi'an and Zhang Xian and Zhang Xi An", []),
        ("符明秋说", "Fu Ming-qiu said", []),
        # Any reading of a heteronym in a given name (长 chang/zhang).
        ("王长江说", "Wang Changjiang said", []),
        # Two people with near names, both in the Chinese.
        ("周毅和周瑜", "Zhou Yi and Zhou Yu", []),
        # Cantonese and Wade-Giles spellings are not pinyin: no claim about them.
        ("马鞍山", "Ma On Shan", []),
        ("李嘉诚", "Li Ka-shing", []),
        ("马家辉说", "Ma Ka-fai said", []),
        # A Western name written in Chinese characters.
        ("约翰说马克龙", "John said Macron", []),
        # A medicine named syllable by syllable is not a person.
        ("疏风解毒胶囊", "Shu Feng Jie Du capsules", []),
        # Names the quick scan of ASCII text must let through: possessive, hyphen, apostrophe.
        ("与副校长符明秋进行座谈", "Fu Minqiu's talk", ["Fu Minqiu"]),
        ("符明秋说", "as Vice President Fu Minqiu said", ["Fu Minqiu"]),
        ("符明秋说", "Minqiu Fu said", ["Minqiu Fu"]),
        ("蔡英文表示", "(Tsai Ying-wen) said", ["Tsai Ying-wen"]),
        ("符明秋说", "Min-qiu Fu said", ["Min-qiu Fu"]),
        ("符明秋说", "Min'qiu Fu said", ["Min'qiu Fu"]),
        # Text that is not ASCII takes the run pattern alone; a no-break space joins a name too.
        ("符明秋说", "Fu\u00a0Minqiu said “yes”", ["Fu\u00a0Minqiu"]),
    ],
)
def test_misspelt_name(zh: str, en: str, flagged: list[str]) -> None:
    assert target_texts(findings_of("NM01", (zh, en))) == flagged


def _tokens_by_word_pattern(text: str) -> list[tuple[int, int, str]]:
    """The capitalised words of each run, found by the word pattern, possessive 's cut off."""
    words = [
        match
        for run in _CAPITALISED_RUN.finditer(text)
        for match in regex.finditer(_CAPITALISED_WORD, text, pos=run.start(), endpos=run.end())
    ]
    cut = [match.group()[:-2] if match.group().endswith(("'s", "’s")) else match.group() for match in words]
    return [(match.start(), match.start() + len(word), word) for match, word in zip(words, cut)]


# ASCII text is scanned for a capitalised pair first: its pieces are tried on their own too.
_ASCII_NAME_PIECES = ["Fu", "Xi", "'an", "-qiu", "'s", " ", ",", "1", "a", "-", "'", "Q", "\n"]
_NAME_PIECES = [*_ASCII_NAME_PIECES, "’s", "‐", "\u00a0", "É", "é", "Ǆ", "\u0301"]


@hypothesis_settings(max_examples=500)
@given(st.lists(st.sampled_from(_ASCII_NAME_PIECES), max_size=10) | st.lists(st.sampled_from(_NAME_PIECES), max_size=12))
def test_name_tokens_are_the_words_of_each_capitalised_run(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert [(token.start, token.end, token.text) for token in _tokens(text)] == _tokens_by_word_pattern(text)


@pytest.mark.parametrize("text", ["1Fu Xi said", "a-Fu Xi", "x'Fu Xi", "Fu Xi'an-qiu's Fu", "Fu\nXi Fu", "aFu Xi Q"])
def test_name_tokens_of_ascii_text_are_the_words_of_each_capitalised_run(text: str) -> None:
    assert [(token.start, token.end, token.text) for token in _tokens(text)] == _tokens_by_word_pattern(text)


def test_name_fixed_by_a_glossary_is_left_to_it(tmp_path: Path) -> None:
    # Without the glossary "Zhou Yu" is a misspelling of 周毅; the glossary says it is right.
    glossary = tmp_path / "names.tsv"
    glossary.write_text("zh\ten\n周毅\tZhou Yu\n", encoding="utf-8")
    settings = CheckSettings(glossaries=(str(glossary),))
    assert findings_of("NM01", ("周毅率队", "Zhou Yu led a team")) != ()
    assert findings_of("NM01", ("周毅率队", "Zhou Yu led a team"), settings=settings) == ()


# --- NM02 misread surname, NM03 pinned name -----------------------------------------------


@pytest.mark.parametrize(
    "code, zh, en, flagged, replacement",
    [
        ("NM02", "曾国藩的家书", "Ceng Guofan's letters", ["Ceng Guofan"], "Zeng Guofan"),
        ("NM02", "仇英的画", "a painting by Chou Ying", ["Chou Ying"], "Qiu Ying"),
        # The everyday reading is another surname that is in the Chinese too.
        ("NM02", "区志明和屈志明", "Qu Zhiming and Ou Zhiming", [], None),
        ("NM02", "曾国藩的家书", "Zeng Guofan's letters", [], None),
        # 查理 is Charlie written in Chinese, not a 查; a Chinese 查 still reads Zha.
        ("NM02", "查理和巧克力工厂", "Cha Li and the Chocolate Factory", [], None),
        ("NM02", "查良镛的小说", "the novels of Cha Liangyong", ["Cha Liangyong"], "Zha Liangyong"),
        ("NM03", "蔡英文表示", "Cai Yingwen said", ["Cai Yingwen"], "Tsai Ing-wen"),
        ("NM03", "林郑月娥出席", "Lin Zheng Yue'e attended", ["Lin Zheng Yue'e"], "Carrie Lam"),
        ("NM03", "林郑月娥出席", "Carrie Lam attended", [], None),
        # People known by an English name.
        ("NM03", "美国交通部长赵小兰表示", "Transportation Secretary Elaine Chao said", [], None),
        ("NM03", "美国交通部长赵小兰表示", "Transportation Secretary Zhao Xiaolan said", ["Zhao Xiaolan"], "Elaine Chao"),
        ("NM03", "财政司司长曾俊华表示", "Financial Secretary Zeng Junhua said", ["Zeng Junhua"], "John Tsang"),
        ("NM03", "日本首相岸田文雄表示", "Japanese Prime Minister Fumio Kishida said", [], None),
        ("NM03", "日本首相岸田文雄表示", "Japanese Prime Minister An Tian Wenxiong said", ["An Tian Wenxiong"], "Fumio Kishida"),
        # 孙子 is also "grandson": without a pinyin rendering nothing is said.
        ("NM03", "我的孙子", "my grandson", [], None),
    ],
)
def test_misread_surname_and_pinned_name(code: str, zh: str, en: str, flagged: list[str], replacement) -> None:
    findings = findings_of(code, (zh, en))
    assert target_texts(findings) == flagged
    assert [f.replacement for f in findings] == ([replacement] if flagged else [])


# --- NM04 missing name --------------------------------------------------------------------

INTRODUCED = ("副主任周毅率队调研", "Zhou Yi led a team")


@pytest.mark.parametrize(
    "texts, flagged",
    [
        # A name the document has shown to be one, before a verb of saying.
        ((INTRODUCED, ("周毅表示，将继续支持。", "The office will continue its support.")), True),
        # A title before or after the name marks it on its own.
        ((("与会的有副校长符明秋，", "Attending was the university."),), True),
        ((("周毅副主任表示，", "The office said"),), True),
        # A verb alone does not: 表示 is also "represents".
        ((("周毅表示，将继续支持。", "The office will continue its support."),), False),
        ((("红点表示美国各州， 蓝三角表示加拿大各省。", "the blue triangles represent Canadian provinces"),), False),
        # The name in any spelling, misspelt or in the other order, is not missing.
        ((INTRODUCED, ("周毅表示，将继续支持。", "Yi Zhou said the office would help.")), False),
        ((INTRODUCED, ("周毅表示，将继续支持。", "Zhou Yu said the office would help.")), False),
        # A pronoun or the title stands for the person.
        ((INTRODUCED, ("周毅表示，将继续支持。", "She said the office would help.")), False),
        ((("与会的有副校长符明秋，", "Attending was the vice president."),), False),
        # Not names: a word starting with a surname character, a Western name, no marker.
        ((("副主任高兴地表示，", "The director happily said that"),), False),
        ((("特使詹姆斯表示，", "The office said"),), False),
        ((("原来称联系事件号码，", "formerly Contact Event Numbers"),), False),
        ((INTRODUCED, ("周毅率队赴重庆", "A team went to Chongqing")), False),
        # The surname as Hong Kong, Taiwan, Korea and Vietnam spell it names the person...
        ((("副校长曾志明表示，", "Tsang Chi-ming said the school would help."),), False),
        ((("副部长阮孟雄表示，", "Nguyen Manh Hung said the ministry would help."),), False),
        ((("副部长谢长廷表示，", "Hsieh Chang-ting said the ministry would help."),), False),
        # ...but another surname does not.
        ((("副校长曾志明表示，", "Wong Chi-ming said the school would help."),), True),
        ((("副部长阮孟雄表示，", "Pham Manh Hung said the ministry would help."),), True),
        # A Western name written in Chinese is not a Chinese name gone missing.
        ((("副校长查理表示，", "Charlie said the school would help."),), False),
        ((("副校长查良表示，", "Charlie said the school would help."),), True),
    ],
)
def test_missing_name(texts, flagged: bool) -> None:
    findings = [f for f in findings_of("NM04", *texts) if f.pair.id == f"s{len(texts)}"]
    assert bool(findings) == flagged
    for finding in findings:
        (span,) = finding.spans
        assert span.side is Side.SOURCE
        assert finding.pair.source[span.start : span.end] in {"周毅", "符明秋", "曾志明", "阮孟雄", "查良"}


def test_a_name_repeated_in_the_chinese_is_reported_at_each_place() -> None:
    findings = findings_of("NM04", ("副校长符明秋表示，" * 3 + "副主任周毅表示，" * 2, "The office will continue."))
    assert [f.pair.source[s.start : s.end] for f in findings for s in f.spans] == ["符明秋"] * 3 + ["周毅"] * 2
    assert {f.message for f in findings} == {
        "符明秋 (Fu Mingqiu) is named in the Chinese but not in the English.",
        "周毅 (Zhou Yi) is named in the Chinese but not in the English.",
    }


def test_a_name_after_twenty_thousand_pinyin_words_is_found() -> None:
    assert name_mentions("你好", "Xi " * 20_000) == ()
    assert [(m.chinese, m.written) for m in name_mentions("张伟说", "Xi " * 20_000 + "met Zhang Wei")] == [("张伟", "Zhang Wei")]


@pytest.mark.parametrize(
    "zh, en, missing",
    [
        # 总理强调, 秘书长呼吁: the verb of saying after a title is not a name (Qiang Diao, Hu Yu).
        ("范明正总理强调，", "The premier stressed that the change must go on.", []),
        ("范明正总理强调，", "The change must go on.", ["范明正"]),
        ("秘书长呼吁，各方保持克制。", "The parties were urged to show restraint.", []),
        ("秘书长周毅呼吁，各方保持克制。", "The parties were urged to show restraint.", ["周毅"]),
    ],
)
def test_verb_after_a_title_is_not_a_name(zh: str, en: str, missing: list[str]) -> None:
    findings = findings_of("NM04", (zh, en))
    assert [f.pair.source[s.start : s.end] for f in findings for s in f.spans] == missing


# --- NM05 inconsistent name spelling, NM06 name order (document scope) ---------------------


@pytest.mark.parametrize(
    "texts, flagged",
    [
        ((("周毅表示", "Zhou Yi said"), ("周毅说", "ZHOU Yi added"), ("周毅说", "Zhou Yi agreed")), ["ZHOU Yi"]),
        ((("吕斌表示", "Lü Bin said"), ("吕斌说", "Lyu Bin added")), ["Lyu Bin"]),
        # The order is NM06's, a misspelling NM01's.
        ((("周毅表示", "Zhou Yi said"), ("周毅说", "Yi Zhou added")), []),
        ((("周毅表示", "Zhou Yi said"), ("周毅说", "Zhou Yu added")), []),
        ((("周毅表示", "Zhou Yi said"), ("符明秋说", "Fu Mingqiu added")), []),
    ],
)
def test_inconsistent_name_spelling(texts, flagged: list[str]) -> None:
    assert target_texts(findings_of("NM05", *texts)) == flagged


@pytest.mark.parametrize(
    "options, texts, flagged",
    [
        ({}, (("周毅表示", "Zhou Yi said"), ("周毅说", "Yi Zhou added")), ["Yi Zhou"]),
        # Different people in different orders: scientists abroad write given name first.
        ({}, (("张峰团队", "the Feng Zhang group"), ("钟南山说", "Zhong Nanshan said")), []),
        ({"western_order": True}, (("钟南山说", "Zhong Nanshan said"), ("张峰团队", "the Feng Zhang group")), ["Zhong Nanshan"]),
        ({"western_order": False}, (("张峰团队", "the Feng Zhang group"),), ["Feng Zhang"]),
    ],
)
def test_name_order(options, texts, flagged: list[str]) -> None:
    settings = CheckSettings(rule_options={"NM06": options})
    assert target_texts(findings_of("NM06", *texts, settings=settings)) == flagged


def test_name_order_option_must_be_true_or_false() -> None:
    settings = CheckSettings(rule_options={"NM06": {"western_order": "yes"}})
    with pytest.raises(InputError, match="western_order"):
        findings_of("NM06", ("周毅表示", "Zhou Yi said"), settings=settings)


# --- NM07 title rendering, NM08 title capitals (document scope) ----------------------------


@pytest.mark.parametrize(
    "code, texts, flagged",
    [
        ("NM07", (("秘书长谭世贤介绍", "Secretary General Tan Shixian said"), ("秘书长说", "the Secretary-General added")),
         ["Secretary-General"]),
        ("NM07", (("副主任周毅表示", "Deputy Director General Zhou Yi said"), ("周毅副主任说", "Deputy Director Zhou Yi added")),
         ["Deputy Director"]),
        # Different people, different organisations: different titles are allowed.
        ("NM07", (("副主任周毅表示", "Deputy Director General Zhou Yi said"), ("副主任马勇说", "Vice Chairman Ma Yong added")), []),
        # The same title of one person in other words, not only other hyphens.
        ("NM07", (("秘书长谭世贤介绍", "Secretary-General Tan Shixian said"), ("谭世贤秘书长说", "General Secretary Tan Shixian added")),
         ["General Secretary"]),
        ("NM07", (("习近平总书记指出", "General Secretary Xi Jinping said"), ("习近平总书记强调", "Secretary-General Xi Jinping stressed")),
         ["Secretary-General"]),
        # A title is the whole title: 国家主席 and 中央军委主席 are two posts of one person, and the
        # bare 主席 could be either; 总书记 and 主席 are two titles.
        ("NM07", (("国家主席习近平表示", "President Xi Jinping said"),
                  ("中央军委主席习近平签署命令", "Chairman Xi Jinping of the Central Military Commission signed"),
                  ("习近平主席说", "President Xi Jinping added")), []),
        ("NM07", (("中央军委主席习近平签署命令", "Chairman Xi Jinping of the Central Military Commission signed"),
                  ("中央军委主席习近平说", "President Xi Jinping of the Central Military Commission added")), ["President"]),
        ("NM07", (("习近平总书记指出", "General Secretary Xi Jinping said"), ("习近平主席说", "President Xi Jinping added")), []),
        # A bare title joins the one post the document names.
        ("NM07", (("政府总理周毅出席", "Prime Minister Zhou Yi attended"), ("周毅总理表示", "Premier Zhou Yi said")), ["Premier"]),
        ("NM07", (("政府总理周毅出席", "Prime Minister Zhou Yi attended"), ("周毅总理表示", "Prime Minister Zhou Yi said")), []),
        # One office, whoever holds it (古特雷斯 is not a Chinese name); two offices may differ.
        ("NM07", (("联合国秘书长古特雷斯表示", "UN Secretary-General Guterres said"), ("联合国秘书长说", "the UN General Secretary added")),
         ["General Secretary"]),
        ("NM07", (("联合国秘书长古特雷斯表示", "UN Secretary-General Guterres said"), ("东盟秘书长说", "the ASEAN General Secretary added")),
         []),
        # Different people with the same bare title may hold it in different organisations.
        ("NM07", (("秘书长谭世贤介绍", "Secretary-General Tan Shixian said"), ("秘书长马勇说", "General Secretary Ma Yong added")), []),
        # 会长 and 校长 both "President" in one pair: which is which is unknown, so nothing is kept.
        ("NM07", (("会长和校长", "the President and the President"),), []),
        ("NM08", (("二级巡视员马勇", "Ma Yong, Level-II inspector"), ("二级巡视员鲁进", "Lu Jin, Level-II Inspector")),
         ["Level-II Inspector"]),
        # Before a name a title takes capitals that it does not take elsewhere.
        ("NM08", (("副校长符明秋说", "Vice President Fu Mingqiu said"), ("副校长说", "the vice president added")), []),
        ("NM08", (("市长说", "the Mayor of Ithaca said"), ("市长说", "the mayor added")), []),
        # 医院长期: 医院 + 长期, not the title 院长.
        ("NM08", (("医院长期", "the Vice Dean"), ("副院长说", "the vice dean")), []),
    ],
)
def test_title_consistency(code: str, texts, flagged: list[str]) -> None:
    findings = findings_of(code, *texts)
    assert target_texts(findings) == flagged
    for finding in findings:
        source = next(s for s in finding.spans if s.side is Side.SOURCE)
        assert finding.pair.source[source.start : source.end] in word_map("names/titles.tsv")


# The title rules' trigger (a job title in the source) must let through every pair whose
# Chinese holds a title as the rules read it: in the match view, simplified, annotations gone.
@pytest.mark.parametrize(
    "zh, fires",
    [
        ("秘书长谭世贤介绍", True),
        ("秘書長譚世賢介紹", True),  # traditional script: a title in the match view only
        ("主(zhǔ)席说", True),  # a pinyin annotation splits the title as written
        ("医院长期", True),  # 院长 inside 医院长期: the rules themselves look closer
        ("谭世贤介绍", False),
        ("", False),
    ],
)
def test_title_rules_run_where_the_chinese_holds_a_title(zh: str, fires: bool) -> None:
    rules = [rule(CheckSettings()) for rule in select_rules(["NM07", "NM08"])]
    plan = RuleSchedule([], rules).plan(normalise(SegmentPair("1", zh, "the Secretary-General", Location("doc.txt"))))
    assert plan.observe == (fires, fires)


# Titles, their traditional forms, one split by a pinyin annotation, and text around them.
_TITLE_TEXT = st.lists(
    st.sampled_from([*word_map("names/titles.tsv"), "秘書長", "主(zhǔ)席", "醫院長期", "副", "长", "，", "周毅", "说"]), max_size=6
).map("".join)


@hypothesis_settings(max_examples=300, deadline=None)
@given(_TITLE_TEXT, st.sampled_from(["Secretary-General Tan said", "the vice president", "Deputy Director Zhou Yi"]))
def test_title_rules_see_nothing_where_their_trigger_does_not_fire(zh: str, en: str) -> None:
    """The trigger is exact: where it skips a pair, the rules' full observe finds nothing."""
    rules = [rule(CheckSettings()) for rule in select_rules(["NM07", "NM08"])]
    pair = normalise(SegmentPair("1", zh, en, Location("doc.txt")))
    plan = RuleSchedule([], rules).plan(pair)
    for rule, observes in zip(rules, plan.observe):
        assert observes or rule.observe(pair) == rule.nothing_observed


@hypothesis_settings(max_examples=300, deadline=None)
@given(_TITLE_TEXT)
def test_titles_are_found_as_by_a_flat_alternation_longest_first(zh: str) -> None:
    titles = sorted(word_map("names/titles.tsv"), key=len, reverse=True)
    flat = re.compile("|".join(map(re.escape, titles)))
    assert [match.span() for match in _title_pattern().finditer(zh)] == [match.span() for match in flat.finditer(zh)]


# --- pinyin and the data ------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, folded",
    [("Lǚ", "lu"), ("Lü", "lu"), ("Lv", "lu"), ("Lyu", "lu"), ("Xi'an", "xian"), ("Ming-qiu", "mingqiu"), ("ZHOU", "zhou")],
)
def test_fold(written: str, folded: str) -> None:
    assert fold(written) == folded


@pytest.mark.parametrize("word, pinyin", [("mingqiu", True), ("xian", True), ("kashing", False), ("tsai", False), ("john", False)])
def test_is_pinyin(word: str, pinyin: bool) -> None:
    assert is_pinyin(word) is pinyin


@pytest.mark.parametrize("first, second, limit, distance", [("mingqiu", "minqiu", 2, 1), ("yi", "yu", 1, 1), ("abc", "xyz", 1, 2)])
def test_edit_distance(first: str, second: str, limit: int, distance: int) -> None:
    assert edit_distance(first, second, limit) == distance


def test_surname_table_is_pinyin_and_large() -> None:
    tables = name_tables()
    assert len([s for s in tables.surnames if len(s) == 1]) >= 400
    assert {"欧阳", "司马", "诸葛", "尉迟", "万俟", "单于"} <= set(tables.surnames)
    syllables = word_set("names/pinyin-syllables.txt")
    for surname, readings in tables.surnames.items():
        for reading in readings:
            # Compound surnames are two syllables.
            assert is_pinyin(fold(reading)) and (len(surname) > 1 or fold(reading) in syllables), surname
    for surname, wrong in tables.by_misreading.items():
        assert not set(wrong) & set(tables.by_reading.get(surname, ())), surname


def test_importing_the_rules_does_not_load_pypinyin() -> None:
    # pypinyin costs a quarter of a second; `qa-tool --help` must not pay for it.
    code = "import sys, qa_tool.cli, qa_tool.checks; print('pypinyin' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stdout.strip() == "False"


def test_checking_a_name_reads_only_pypinyins_character_table() -> None:
    # The package's __init__ also loads its phrase dictionary and segmenter (~0.35 s, ~55 MB per process).
    code = (
        "import sys\n"
        "from qa_tool.checks import select_rules\n"
        "from qa_tool.engine import check_pairs\n"
        "from qa_tool.model import Location, SegmentPair\n"
        "found = check_pairs([SegmentPair('1', '副校长符明秋说', 'Vice President Fu Minqiu said', Location('t.txt'))], select_rules(['NM01']))\n"
        "print([f.code for f in found], 'pypinyin' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stdout.strip() == "['NM01'] False"


def test_character_readings_come_through_the_package_if_its_layout_changes(monkeypatch, tmp_path: Path) -> None:
    import importlib.machinery

    from qa_tool.languages import pinyin

    moved = importlib.machinery.ModuleSpec("pypinyin", None, is_package=True)
    moved.submodule_search_locations = [str(tmp_path)]  # no pinyin_dict.py there
    monkeypatch.setattr(pinyin.importlib.util, "find_spec", lambda name: moved)
    pinyin._character_table.cache_clear()
    try:
        assert pinyin._character_table()[ord("明")].split(",")[0] == "míng"
    finally:
        pinyin._character_table.cache_clear()


@cache
def _marked_name_pattern_as_written() -> regex.Pattern[str]:
    """The marked-name pattern as one flat regex alternation of each list, longest first."""
    tables = name_tables()
    compound = sorted((s for s in tables.surnames if len(s) > 1), key=len, reverse=True)
    single = "".join(s for s in tables.surnames if len(s) == 1)
    titles = sorted(word_map("names/titles.tsv"), key=len, reverse=True)
    verbs = sorted(_anchors()["speech"], key=len, reverse=True)
    return regex.compile(
        rf"(?:(?P<title>{'|'.join(titles)})|(?<=^|[，。；：、！？“”\"\s（(]))"
        rf"(?P<surname>{'|'.join(compound)}|[{single}])(?P<given>\p{{Han}}{{1,2}}?)"
        rf"(?=(?P<verb>{'|'.join(verbs)})|(?P<title_after>{'|'.join(titles)})|[，。；、,;])"
    )


# Titles, surnames, verbs and breaks, given characters, white space of either module's \s,
# and characters of the Han class that are not \p{Han} (an unassigned ideograph, a radical
# gap), which the fast pattern takes as given names.
_MARKED_NAME_PIECES = [
    "副校长", "校长", "副主任", "主任", "主席", "副主席", "总理", "二级巡视员", "巡视员", "周", "符", "欧阳", "司马", "马",
    "毅", "明秋", "明", "表示", "指出", "强调", "，", "。", "、", ",", " ", "\u3000", "\x1c", "\x1f", "\n", "来", "克",
    "\U0002ffff", "\u2e9a", "\u9fff", "a",
]


@hypothesis_settings(deadline=None)  # the first example compiles both patterns
@given(st.lists(st.sampled_from(_MARKED_NAME_PIECES), max_size=10))
def test_marked_names_found_by_the_fast_pattern_are_those_of_the_pattern_as_written(pieces: list[str]) -> None:
    text = "".join(pieces)
    expected = [(match.span(), match.groupdict()) for match in _marked_name_pattern_as_written().finditer(text)]
    assert [(match.span(), match.groupdict()) for match in _marked_name_matches(text)] == expected


@pytest.mark.parametrize(
    "source, names",
    [
        ("副校长符明秋表示，", ["符明秋"]),
        ("周毅副主任指出，", ["周毅"]),
        ("\x1f周毅表示", []),  # no break before the surname to \p{White_Space}
        ("\u3000周毅表示", ["周毅"]),
        ("副主任周\U0002ffff表示", []),  # an unassigned ideograph is no given name
        ("副主任周\U0002ffff表示，校长欧阳明表示，", ["欧阳明"]),
        # What the quick screen of a source must let through: a name at the start, after a
        # break and after a title, each before a verb, a title and a break.
        ("周毅表示", ["周毅"]),
        ("周毅副主任", ["周毅"]),
        ("他说，周毅表示", ["周毅"]),
        ("他说 欧阳明表示", ["欧阳明"]),
        ("主任周毅，", ["周毅"]),
        ("主任欧阳明秋。", ["欧阳明秋"]),
        ("他说周毅表示", []),  # no break or title before the surname
        ("主任周表示", []),  # no given name
        # What the first scan (a verb or a title anywhere) must let through: a verb alone, a
        # title alone, and a title that continues a word, which the later tests rule out.
        ("，周毅认为", ["周毅"]),
        ("，周毅主任", ["周毅"]),
        ("医院长期，周毅。", []),
        ("周毅，马勇。", []),
    ],
)
def test_marked_names_need_a_han_given_name_and_a_break_or_title_before(source: str, names: list[str]) -> None:
    assert [name.chinese for name in marked_names(source)] == names


@hypothesis_settings(deadline=None)
@given(st.lists(st.sampled_from([*_MARKED_NAME_PIECES, "认为", "院长", "医院长期", "会长", "介绍"]), max_size=10))
def test_marked_names_first_scan_drops_only_sources_without_a_name(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert marked_names(text) == _marked_names(text)
