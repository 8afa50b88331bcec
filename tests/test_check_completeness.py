"""Completeness: SG06 (an English translation far shorter than its Chinese) and SG07 (an
English that broke off before the end of its Chinese sentence)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from qa_tool.checks import select_rules
from qa_tool.checks.base import CheckSettings
from qa_tool.checks.sg06_translation_much_shorter import _NOT_HAN, most_han_characters
from qa_tool.engine import check_document
from qa_tool.model import Finding, Location, SegmentPair
from qa_tool.readers import ReadOptions, open_input, read_pairs

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "chongqing-fao-news.zh-en.txt"

MEETING = "我们明天上午九点在会议室开会，请大家提前准备好上个季度的销售报告和下个季度的计划。"


def sg06(zh: str, en: str, options: dict | None = None) -> tuple[Finding, ...]:
    settings = CheckSettings(rule_options={"SG06": options} if options else {})
    pair = SegmentPair("s1", zh, en, Location("doc.txt", line=1))
    return check_document([pair], "doc.txt", select_rules(["SG06"]), settings).findings


@pytest.mark.parametrize(
    "zh, en",
    [
        # Omissions as the development set has them: the second half dropped.
        (MEETING, "We will meet tomorrow at nine."),
        ("请在表格中填写您的姓名和地址，然后交给前台的工作人员。", "Please fill in the form."),
        # The translation of another, shorter segment.
        ("多数花粉来自那些靠风来传播花粉的植物。", "This is useful."),
        # A source with more digits and spaces than Chinese characters.
        ("2021 年 1 月 1 日 至 2021 年 12 月 31 日 ， 我们 明天 上午 在 会议室 开会 ， 请 大家 准备 好 上个 季度 的 报告 。", "On 1 January 2021 we meet."),
        # An English original in brackets stands for its Chinese term only, not for the rest.
        ("精炼橄榄杂质油或橄榄果渣油（Refined Olive-Pomace Oil）：是通过溶解法从油渣中提取并经过精炼而得到的橄榄油。", "Refined Olive-Pomace Oil: olive oil."),
    ],
)
def test_flags_a_translation_far_too_short(zh: str, en: str) -> None:
    (finding,) = sg06(zh, en)
    assert not finding.spans and "unusually short" in finding.message


@pytest.mark.parametrize(
    "zh, en",
    [
        (MEETING, "We will meet in the conference room at nine tomorrow morning; please prepare last quarter's "
                  "sales report and next quarter's plan in advance."),
        # Concise but complete.
        ("这个问题我们下次开会的时候再讨论。", "We'll discuss this next meeting."),
        # Too short a source to judge (fewer than 10 Han characters): UI strings are terse.
        ("没有打开的标签页", "No open tabs"),
        # English words the Chinese already has do not count on either side.
        ("由于该病毒是为中东呼吸综合征 (Middle East Respiratory Syndrome, MERS) 开发的药物", "drugs developed for MERS, as it is a virus"),
        # English in brackets after a Chinese term is its original: the English may give it alone.
        ("精炼橄榄杂质油或橄榄果渣油（Refined Olive-Pomace Oil）：是通过溶解法从油渣中提取并经过精炼而得到的橄榄油。", "Refined Olive-Pomace Oil: Olive oil extracted from oil residue by dissolution and refined."),
        ("第十八届“世界饮料创新奖”（World Beverage Innovation Awards）是FoodBev Media与德国纽伦堡国际啤酒、酿酒及饮料工业展览会（Brau Beviale）联合举办的奖项。", "The 18th World Beverage Innovation Awards is an award jointly held by FoodBev Media and Brau Beviale."),
        # Placeholders and numbers count on neither side.
        ("要更新 %2$@ 上 %1$@ 的登录信息吗？请确认这个网站的地址。", "Update login %1$@ for %2$@? Please confirm the address of this site."),
        # Empty and untranslated targets are SG01's and SG02's.
        (MEETING, ""),
        (MEETING, MEETING),
    ],
)
def test_leaves_alone(zh: str, en: str) -> None:
    assert sg06(zh, en) == ()


def test_options_move_the_bounds() -> None:
    concise = ("为什么要这么做？我听到你们问这个问题。", "Why? You ask.")
    assert sg06(*concise)
    assert sg06(*concise, {"min_ratio": 0.5}) == ()
    assert sg06(*concise, {"min_source_characters": 20}) == ()
    short = ("我们都没在这里。", "Here.")
    assert sg06(*short) == () and sg06(*short, {"min_source_characters": 5})
    # Long enough by the default bound, counted on the whole source, and still judged under a
    # higher one.
    long_enough = ("这个问题我们下次开会的时候再讨论。", "We will discuss this question at the next meeting then.")
    assert sg06(*long_enough) == () and sg06(*long_enough, {"min_ratio": 3.0})


def test_no_finding_on_the_sample() -> None:
    with open_input(str(SAMPLE)) as stream:
        pairs = list(read_pairs(stream, str(SAMPLE), ReadOptions()))
    assert check_document(pairs, "sample", select_rules(["SG06"])).findings == ()


@pytest.mark.parametrize(
    "relative",
    ["fixtures/tico19_en_zh/all.en-zh.tmx", "fixtures/xliff_firefoxios_zh-CN/firefox-ios.zh-CN.xliff"],
)
def test_no_finding_on_good_real_files(shared_dir: Path, relative: str) -> None:
    path = str(shared_dir / relative)
    with open_input(path) as stream:
        pairs = list(read_pairs(stream, path, ReadOptions()))
    assert check_document(pairs, path, select_rules(["SG06"])).findings == ()


# --- SG07 translation-cut-off ---------------------------------------------------------------

LIVELIHOOD = "民生保障有力有效，就业规模持续扩大，居民收入增长与经济增长基本同步。"


def sg07(zh: str, en: str) -> list[tuple[str, str]]:
    pair = SegmentPair("s1", zh, en, Location("doc.txt", line=1))
    findings = check_document([pair], "doc.txt", select_rules(["SG07"])).findings
    return [(finding.match, finding.message) for finding in findings]


@pytest.mark.parametrize(
    "zh, en, last",
    [
        (LIVELIHOOD, "Employment expanded, and the growth of residents' income and", "and"),
        (LIVELIHOOD, "Employment expanded, and the growth of the", "the"),
        (LIVELIHOOD, "Employment expanded, and residents' income is basically in line with economic growth, a年底", "a年底"),
        (LIVELIHOOD, "Employment expanded; representatives: Kier@@", "Kier@@"),
        (LIVELIHOOD, "Livelihoods", "Livelihoods"),  # far too short for its Chinese
        ("你们知道这件事的来龙去脉和所有细节吗？", "Do you know the", "the"),
    ],
)
def test_sg07_flags_an_english_that_broke_off(zh: str, en: str, last: str) -> None:
    ((match, message),) = sg07(zh, en)
    assert match == last
    assert message.startswith(f"The English stops mid-sentence after '{last}'") and "may be missing" in message


@pytest.mark.parametrize(
    "zh, en",
    [
        (LIVELIHOOD, "Employment expanded, and residents' income grew in line with the economy."),
        (LIVELIHOOD, "Employment expanded, and residents' income grew in line with the economy"),  # PU04's
        ("这是我合作的人。", "These are the people I work with"),  # a sentence may end on "with"
        ("国际合作与交流", "International cooperation and"),  # the Chinese is a heading
        (LIVELIHOOD, "The growth, the growth, the growth, the growth, the growth"),  # GR05's loop
        ("我们一起努力。", "Together"),  # too short a source to judge by length
    ],
)
def test_sg07_leaves_alone(zh: str, en: str) -> None:
    assert sg07(zh, en) == []


@pytest.mark.parametrize(
    "text, han",
    [
        ("我们明天开会", 6),
        ("中东呼吸综合征 (MERS)", 7),
        ("𠀀𠀁", 2),  # beyond the BMP: four bytes each
        ("café，“好”", 1),
        ("", 0),
    ],
)
def test_sg06_bounds_the_han_characters_from_above(text: str, han: int) -> None:
    # SG06 skips a pair long enough for the bound before counting: it may not undercount.
    assert len(_NOT_HAN.sub("", text)) == han <= most_han_characters(text)


@hypothesis_settings(max_examples=500)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from("中文𠀀。é a1"), max_size=30))
def test_sg06_bound_is_never_below_the_han_count(text: str) -> None:
    assert most_han_characters(text) >= len(_NOT_HAN.sub("", text))


def test_sg06_flags_a_long_source_whatever_script_fills_it() -> None:
    # Sources of few Han characters among many others: the bound lets through what the count flags.
    source = "我们明天上午九点在会议室开会，请大家提前准备好上个季度的销售报告和下个季度的计划。" + "é" * 40
    pair = SegmentPair("1", source, "We will meet.", Location("doc.txt"))
    findings = check_document([pair], "doc.txt", select_rules(["SG06"])).findings
    assert [finding.code for finding in findings] == ["SG06"]
