"""Markup and literals FM01–FM07: inline tags (the file's and those written in the text),
placeholders, addresses and codes, with table-driven cases and the real fixtures."""

from __future__ import annotations

import re
import time
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa_tool.checks.fm01_missing_inline_tag import MissingInlineTag
from qa_tool.checks.literals import _TOKEN, Markup, _code_pattern, _written_as_is, misnested_markup
from qa_tool.checks.fm02_extra_inline_tag import ExtraInlineTag
from qa_tool.checks.fm03_broken_tag_nesting import BrokenTagNesting
from qa_tool.checks.fm04_missing_placeholder import MissingPlaceholder, _broken_form
from qa_tool.checks.fm05_extra_placeholder import ExtraPlaceholder
from qa_tool.checks.fm06_changed_address import ChangedAddress
from qa_tool.checks.fm07_missing_code import MissingCode
from qa_tool.checks.literals import (
    MAX_PATTERN_CODE,
    code_is_kept,
    find_addresses,
    find_codes,
    find_placeholders,
    run_together,
)
from qa_tool.engine import check_document
from qa_tool.model import InlineTag, Location, SegmentPair, Side
from qa_tool.readers import ReadOptions, read_pairs

REPO = Path(__file__).resolve().parents[1]
MARKUP_RULES = (MissingInlineTag, ExtraInlineTag, BrokenTagNesting, MissingPlaceholder, ExtraPlaceholder, ChangedAddress, MissingCode)


def findings_of(rule, zh: str, en: str, source_tags=(), target_tags=()):
    pair = SegmentPair("s1", zh, en, Location("doc.xlf"), source_tags=tuple(source_tags), target_tags=tuple(target_tags))
    return check_document([pair], "doc.xlf", [rule]).findings


def spans_of(rule, zh: str, en: str, source_tags=(), target_tags=()) -> list[list[tuple[str, str]]]:
    """Per finding, the (side, text) of each span."""
    result = []
    for finding in findings_of(rule, zh, en, source_tags, target_tags):
        texts = {Side.SOURCE: zh, Side.TARGET: en}
        result.append([(span.side.value, texts[span.side][span.start : span.end]) for span in finding.spans])
    return result


def tag(name: str, id: str, position: int, kind: str = "standalone", code: str = "") -> InlineTag:
    return InlineTag(name=name, id=id, position=position, kind=kind, code=code)


# --- FM01–FM03 inline tags ----------------------------------------------------------------

BOLD_ZH = (tag("g", "1", 0, "open"), tag("g", "1", 2, "close"))
BOLD_EN = (tag("g", "1", 0, "open"), tag("g", "1", 4, "close"))

TAG_CASES = [
    # (rule, zh, en, source tags, target tags, expected number of findings and its message part)
    pytest.param(MissingInlineTag, "注意：小心", "Note: careful", BOLD_ZH, (), "<g id=\"1\">, </g id=\"1\">", id="fm01-both-halves-lost"),
    pytest.param(
        MissingInlineTag, "第一行第二行", "First line second line", (tag("ph", "1", 3, code="<br/>"),), (), "<ph id=\"1\"/> (<br/>)", id="fm01-ph-with-code"
    ),
    pytest.param(MissingInlineTag, "注意：小心", "Note: careful", BOLD_ZH, BOLD_EN, None, id="fm01-kept"),
    # Same name and kind, another id: a different tag.
    pytest.param(MissingInlineTag, "注意", "Note", (tag("x", "1", 0),), (tag("x", "2", 0),), "<x id=\"1\"/>", id="fm01-other-id"),
    # A tag may move with the word order.
    pytest.param(MissingInlineTag, "注意", "Note", (tag("x", "1", 0),), (tag("x", "1", 4),), None, id="fm01-moved"),
    pytest.param(ExtraInlineTag, "注意：小心", "Note: careful", (), BOLD_EN, "<g id=\"1\">, </g id=\"1\">", id="fm02-added"),
    # A repeat counts.
    pytest.param(ExtraInlineTag, "注意", "Note", (tag("x", "1", 0),), (tag("x", "1", 0), tag("x", "1", 4)), "<x id=\"1\"/>", id="fm02-repeat"),
    pytest.param(ExtraInlineTag, "注意", "Note", (tag("x", "1", 0),), (tag("x", "1", 0),), None, id="fm02-same"),
    # bpt/ept that cross another pair.
    pytest.param(
        BrokenTagNesting,
        "粗斜",
        "bold italic",
        (tag("bpt", "1", 0, "open"), tag("bpt", "2", 0, "open"), tag("ept", "2", 2, "close"), tag("ept", "1", 2, "close")),
        (tag("bpt", "1", 0, "open"), tag("bpt", "2", 0, "open"), tag("ept", "1", 4, "close"), tag("ept", "2", 11, "close")),
        "</ept id=\"1\">",
        id="fm03-crossed",
    ),
    # Closing before opening.
    pytest.param(
        BrokenTagNesting, "注意", "Note", BOLD_ZH, (tag("g", "1", 0, "close"), tag("g", "1", 4, "open")), "</g id=\"1\">", id="fm03-close-first"
    ),
    # Reordered pairs that still nest.
    pytest.param(
        BrokenTagNesting,
        "甲乙",
        "B and A",
        (tag("g", "1", 0, "open"), tag("g", "1", 1, "close"), tag("g", "2", 1, "open"), tag("g", "2", 2, "close")),
        (tag("g", "2", 0, "open"), tag("g", "2", 1, "close"), tag("g", "1", 6, "open"), tag("g", "1", 7, "close")),
        None,
        id="fm03-reordered-but-nested",
    ),
    # XLIFF 2 sc/ec pair by id (ec carries its opening's id in startRef, read as its id).
    pytest.param(
        BrokenTagNesting, "注意", "Note", (tag("sc", "1", 0, "open"), tag("ec", "1", 2, "close")), (tag("sc", "1", 0, "open"), tag("ec", "1", 4, "close")), None, id="fm03-sc-ec"
    ),
    # A lost tag is FM01's, not a nesting problem.
    pytest.param(BrokenTagNesting, "注意", "Note", BOLD_ZH, BOLD_EN[:1], None, id="fm03-leaves-missing-to-fm01"),
    # Isolated tags pair with nothing.
    pytest.param(BrokenTagNesting, "注意", "Note", (tag("it", "1", 0, "open"),), (tag("it", "1", 0, "open"),), None, id="fm03-isolated"),
]


@pytest.mark.parametrize("rule, zh, en, source_tags, target_tags, shown", TAG_CASES)
def test_inline_tags(rule, zh: str, en: str, source_tags, target_tags, shown: str | None) -> None:
    findings = findings_of(rule, zh, en, source_tags, target_tags)
    if shown is None:
        assert findings == ()
    else:
        (finding,) = findings
        assert shown in finding.message


def test_missing_tag_points_where_it_stood_in_the_chinese() -> None:
    (finding,) = findings_of(MissingInlineTag, "注意：小心", "Note: careful", BOLD_ZH)
    assert [(span.side, span.start, span.end) for span in finding.spans] == [(Side.SOURCE, 0, 0), (Side.SOURCE, 2, 2)]


TEXT_TAG_CASES = [
    # Tags written in the text are tags too, matched by element and kind.
    (MissingInlineTag, "<b>注意</b>：请勿触摸", "Note: do not touch", [[("source", "<b>"), ("source", "</b>")]]),
    (MissingInlineTag, "第一行<br/>第二行", "First line<br>second line", []),
    (MissingInlineTag, '<a href="/zh/">帮助</a>', '<a href="/en/">Help</a>', []),
    (ExtraInlineTag, "请勿触摸", "Do <b>not</b> touch", [[("target", "<b>"), ("target", "</b>")]]),
    # A stray WebVTT voice tag from the dev set's machine translation.
    (ExtraInlineTag, "同一个国家", "<v>The same country", [[("target", "<v>")]]),
    (BrokenTagNesting, "<b><i>注意</i></b>", "<b><i>Note</b></i>", [[("target", "</b>")]]),
    (BrokenTagNesting, "<b>注意</b>，<i>小心</i>", "<i>Careful</i> and <b>note</b>", []),
    # Not tags: comparisons and angle-bracketed addresses.
    (ExtraInlineTag, "年龄<5岁", "age <5 years, write to <help@who.int>", []),
]


@pytest.mark.parametrize("rule, zh, en, expected", TEXT_TAG_CASES)
def test_tags_written_in_the_text(rule, zh: str, en: str, expected) -> None:
    assert spans_of(rule, zh, en) == expected


# --- FM04/FM05 placeholders ---------------------------------------------------------------

PLACEHOLDER_CASES = [
    # (zh, en, missing from the English, extra in the English)
    ("保存 %@ 上的密码？", "Save the password?", ["%@"], []),
    ("第 %d 个文件，共 %d 个", "File %d of %d", [], []),
    # Numbered to reorder: %@ of %@ has the keys of %1$@ of %2$@.
    ("保存 %2$@ 上 %1$@ 的登录信息？", "Save login %@ for %@?", [], []),
    ("此网站称：%2$@，%1$@", "%1$@ says: %2$@", [], []),
    # Unnumbered ones swapped between types: a crash in the making.
    ("%d 个 %@", "%@ has %d", ["%d", "%@"], ["%@", "%d"]),
    ("已连接 %d 台设备", "%@ device(s) connected", ["%d"], ["%@"]),
    ("已连接设备", "%d device(s) connected", [], ["%d"]),
    ("共 %.1f 秒", "%.2f seconds", ["%.1f"], ["%.2f"]),
    # Other syntaxes.
    ("{0} 个文件", "{0} files", [], []),
    ("{count} 个文件", "files", ["{count}"], []),
    ("欢迎使用 $(PRODUCT_NAME)", "Welcome to Firefox", ["$(PRODUCT_NAME)"], []),
    ("你好 ${user}", "Hello ${name}", ["${user}"], ["${name}"]),
    ("你好 {{ user }}", "Hello {{user}}", [], []),
    ("%(count)d 个文件", "%(count)d files", [], []),
    # Hash-delimited names in capitals (#NAME#, as anonymised or templated text has them).
    ("您的骑手电话是 #PHONENUMBER#，名字叫#NAME#", "Your rider's number is #PHONENUMBER# and the name is #NAME#", [], []),
    ("我又在#PRS_ORG#对面等", "I'm waiting across from #PRS_ORG # again", ["#PRS_ORG#"], []),
    ("我#NAME#打电话跟你们的 staff 说明了", "I called your staff to explain", ["#NAME#"], []),
    # Not placeholders: a Weibo topic, a number sign.
    ("#新冠疫情# 最新消息", "#COVID latest news", [], []),
    ("第#1#号", "No. #1#", [], []),
    # Not placeholders: percentages, an escaped percent sign.
    ("增长了50%左右", "grew by about 50%", [], []),
    ("占 100%%", "100%% of %s", [], ["%s"]),
    ("百分之五十", "50% of the people", [], []),
]


@pytest.mark.parametrize(
    "zh, en, message",
    [
        ("我又在#PRS_ORG#对面等", "I'm waiting across from #PRS_ORG # again", "broken in the English: '#PRS_ORG #'"),
        ("好的，电话是 #PHONENUMBER#", "OK, the phone number is # PHONENUMBER #", "broken in the English: '# PHONENUMBER #'"),
        ("我又在#PRS_ORG#对面", "I'm across the street again at #PRS_ORG", "broken in the English: '#PRS_ORG'"),
        ("{user_name}，你好", "Hello, {user_name", "broken in the English: '{user_name'"),
        # A name that is also an English word is not looked for.
        ("{count} 个文件", "count files", "missing from the English"),
        ("我#NAME#打电话跟你们的 staff 说明了", "I called your staff to explain", "missing from the English"),
    ],
)
def test_fm04_says_when_a_placeholder_is_broken(zh: str, en: str, message: str) -> None:
    (finding,) = findings_of(MissingPlaceholder, zh, en)
    assert message in finding.message


@pytest.mark.parametrize("zh, en, missing, extra", PLACEHOLDER_CASES)
def test_placeholders(zh: str, en: str, missing: list[str], extra: list[str]) -> None:
    assert [f.match for f in findings_of(MissingPlaceholder, zh, en)] == missing
    assert [f.match for f in findings_of(ExtraPlaceholder, zh, en)] == extra


def test_placeholder_keys_number_unnumbered_printf() -> None:
    assert [p.key for p in find_placeholders("%@ of %d and %1$@")] == ["%1$@", "%2$d", "%1$@"]


# --- FM06 addresses -----------------------------------------------------------------------

ADDRESS_CASES = [
    ("详见 https://tinyurl.com/vqu35cj）", "see https://tinyurl.com/vqu35jc)", ["https://tinyurl.com/vqu35cj"]),
    ("请发邮件至 help@who.int", "Write to us.", ["help@who.int"]),
    ("请发邮件至 help@who.int。", "Write to help@who.int.", []),
    # Sentence punctuation after an address is not part of it.
    ("详见 https://tinyurl.com/vqu35cj）", "see https://tinyurl.com/vqu35cj).", []),
    ("（https://mp.weixin.qq.com/s/UlBi-HX_rHPXa1qHA2bhdA）。", "(https://mp.weixin.qq.com/s/UlBi-HX_rHPXa1qHA2bhdA).", []),
    # A parenthesis of the address itself.
    ("见 https://en.wikipedia.org/wiki/Python_(language)", "see https://en.wikipedia.org/wiki/Python_(language).", []),
    # What a correct translation changes: locale parts, host case, a final slash.
    ("见 https://zh.wikipedia.org/wiki/COVID-19", "see https://en.wikipedia.org/wiki/COVID-19", []),
    ("见 https://support.mozilla.org/zh-CN/kb/x", "see https://support.mozilla.org/en-US/kb/x", []),
    ("访问 www.WHO.int/", "visit www.who.int", []),
    # A path is not a locale: case matters there.
    ("访问 https://x.org/A", "visit https://x.org/a", ["https://x.org/A"]),
    ("在地址栏输入 about:config", "type about:config in the address bar", []),
    ("在地址栏输入 about:config", "type about:settings in the address bar", ["about:config"]),
]


@pytest.mark.parametrize("zh, en, expected", ADDRESS_CASES)
def test_fm06_changed_address(zh: str, en: str, expected: list[str]) -> None:
    assert [f.match for f in findings_of(ChangedAddress, zh, en)] == expected


def test_fm06_names_the_address_the_english_has_instead() -> None:
    (finding,) = findings_of(ChangedAddress, "详见 https://tinyurl.com/vqu35cj", "see https://tinyurl.com/vqu35jc")
    assert "https://tinyurl.com/vqu35jc" in finding.message and finding.spans[0].side is Side.SOURCE


@pytest.mark.parametrize(
    "text, addresses",
    [
        # ASCII text with a colon is searched only where it may hold a scheme: these must be.
        ("type about:config here", ["about:config"]),
        ("call TEL:+86-23-1234 now", ["TEL:+86-23-1234"]),
        ("see urn:isbn:0451450523.", ["urn:isbn:0451450523"]),
        ("FTP://files.example.org/a: the file", ["FTP://files.example.org/a"]),
        ("Note: nothing here, at 10:30", []),
        # Text beyond ASCII is always searched.
        ("见 https://who.int：详情", ["https://who.int"]),
    ],
)
def test_addresses_behind_a_colon(text: str, addresses: list[str]) -> None:
    assert [a.text for a in find_addresses(text)] == addresses


_ADDRESS_PIECES = ["a", "Z", ":", "//", "/", ".", "@", "www", "WWW", "mailto", "TEL", "data", "x1", " ", "-", "ſ", "K", "é"]


@given(st.lists(st.sampled_from(_ADDRESS_PIECES), max_size=10))
def test_the_colon_test_never_hides_an_address(pieces: list[str]) -> None:
    # Compared with the search the colon test spares, not with the pattern's bare matches:
    # those include "www.:", which loses its colon and dot as sentence punctuation.
    text = "".join(pieces)
    with patch("qa_tool.checks.literals._may_hold_scheme", return_value=True):
        searched = find_addresses(text)
    assert find_addresses(text) == searched


def test_addresses_stop_at_chinese_text() -> None:
    assert [a.text for a in find_addresses("访问www.who.int了解，或写信至help@who.int。")] == ["www.who.int", "help@who.int"]


# --- FM07 codes ---------------------------------------------------------------------------

CODE_CASES = [
    ("重庆机电集团（CME）", "Chongqing Machinery Group", ["CME"]),
    ("ACE2 受体", "the ACE receptor", ["ACE2"]),
    # A typo in the source code is a real difference.
    ("甲型 H1N1 流感(HI1N1 influenza A)", "H1N1 influenza A", ["HI1N1"]),
    ("世界卫生组织 (WTO) 宣布", "the World Health Organization (WHO) declared", ["WTO"]),
    ("重庆机电集团（CME）", "Chongqing Machinery & Electronics Holding (CME)", []),
    # Case, spacing and hyphenation may differ.
    ("新冠肺炎（COVID-19）", "the Covid-19 pandemic", []),
    ("COVID19 检测", "COVID-19 tests", []),
    ("感染 MERS-CoV 的孕妇", "cases of MERS- CoV infection", []),
    ("ISO9001 认证", "ISO 9001 certification", []),
    ("SARS-CoV-2 病毒", "the SARS-COV-2 virus", []),
    # Plurals and possessives.
    ("全科医生（GP）", "over 500 GPs", []),
    ("WHO 的建议", "WHO's advice", []),
    # Spelt out, with or without its function words; a Roman numeral as its number.
    ("世卫组织（WHO）", "the World Health Organization", []),
    ("美国疾控中心（CDC）", "the Centers for Disease Control and Prevention", []),
    ("请勿跟踪（DNT）", "a Do Not Track signal", []),
    ("重症监护室（ICU）", "the intensive care unit", []),
    ("II 型糖尿病", "type 2 diabetes", []),
    # Not codes: single letters, lower case Latin, pinyin, placeholders and addresses.
    ("A股市场", "the A-share market", []),
    ("使用 iPhone 和 mp3", "on a phone", []),
    ("欢迎使用 $(PRODUCT_NAME)", "Welcome", []),
    ("访问 https://WWW.WHO.INT", "visit the website", []),
    # Full-width letters are read as ASCII.
    ("ＷＨＯ 宣布", "WHO declared", []),
    # Latin words Chinese writes as its own, which English translates (markup/chinese-latin-slang.txt).
    ("品质应该OK的", "the quality should be fine", []),
    ("胖MM也可以尝试", "fat girls can try it too", []),
    ("这可是夏季最IN的搭配", "the trendiest match of the summer", []),
    ("这可是夏季最VIP的搭配", "the best match of the summer", ["VIP"]),
    # A name written together may be written apart; a camel-case word's capitals abbreviate it.
    ("TokenTerminal 数据显示", "According to Token Terminal", []),
    ("TokenTerminal 数据显示", "According to Token data", ["TokenTerminal"]),
    ("字节的 TT 是 Meta 的对手", "ByteDance's TikTok is a rival of Meta", []),
    ("字节的 TT 是 Meta 的对手", "ByteDance's app is a rival of Meta", ["TT"]),
    # Digits a date character follows are the date's: RCEP2022年 is RCEP and 2022年.
    ("RCEP2022年生效", "RCEP took effect in 2022", []),
    ("RCEP2022年生效", "the agreement took effect in 2022", ["RCEP"]),
    ("CN1连接器", "the connector", ["CN1"]),
    # A clock time written 08H00 is a number, not a code.
    ("会议08H00开始", "the meeting starts at 08:00", []),
]


@pytest.mark.parametrize("zh, en, expected", CODE_CASES)
def test_fm07_missing_code(zh: str, en: str, expected: list[str]) -> None:
    assert [f.match for f in findings_of(MissingCode, zh, en)] == expected


@pytest.mark.parametrize(
    "en, messages",
    [
        # A model's special token is text the translation lost, not a stray tag.
        ("It's been 2 hours since 19:06 <unk> <unk>", ["machine-translation token where text was lost: <unk>, <unk>."]),
        ("see the link <url>, and <b>this</b>", ["machine-translation token where text was lost: <url>.", "tags the Chinese does not have: <b>, </b>."]),
        ("see <b>this</b>", ["tags the Chinese does not have: <b>, </b>."]),
    ],
)
def test_fm02_tells_a_machine_translation_token_from_a_tag(en: str, messages: list[str]) -> None:
    found = findings_of(ExtraInlineTag, "到 19:06 就下单 2 小时了😅", en)
    assert [finding.message.split("has ", 1)[1].removeprefix("a ") for finding in found] == messages


def test_fm07_says_when_a_code_is_run_together_with_a_word() -> None:
    (finding,) = findings_of(MissingCode, "美国海军“里根”号（USS Ronald Reagan）航母", "the USSRonaldReagan carrier")
    assert finding.match == "USS" and "'USSRonaldReagan'" in finding.message
    # A short code inside a word is only a coincidence of letters.
    (finding,) = findings_of(MissingCode, "最IT的搭配", "the wittiest match")
    assert "not in the English" in finding.message


_CODES = st.from_regex(r"[A-Za-z0-9]{1,4}(?:-[A-Za-z0-9]{1,3}){0,2}", fullmatch=True)


@given(_CODES, st.lists(st.sampled_from(["covid", "-19", "19", "s", "'s", "’s", " ", "-", "x", "a1", "b"]), max_size=8))
def test_a_code_written_as_is_is_one_its_pattern_finds(code: str, parts: list[str]) -> None:
    # The code among bits of English words: where it is found without compiling its pattern,
    # the pattern finds it too.
    lower_target = "".join(parts[:4]) + code.lower() + "".join(parts[4:])
    if _written_as_is(code, lower_target):
        assert _code_pattern(code).search(lower_target)


def test_fm07_reports_a_repeated_code_once() -> None:
    assert len(findings_of(MissingCode, "CME 与 CME 合作", "they cooperated")) == 1


@pytest.mark.parametrize(
    "text, codes",
    [
        ("SARS-CoV-2 与 2019-nCoV、N95、PowerPoint", ["SARS-CoV-2", "2019-nCoV", "N95", "PowerPoint"]),
        ("A股、iPhone、U.S.、Fig.2", []),
        ("RCEP2022年、08H00、OK、ACE2受体", ["RCEP", "ACE2"]),
        # Tokens without a capital are skipped unread; one capital among them still counts.
        ("covid-19、2021、mRNA、h1N1、x-Ray-2", ["mRNA", "h1N1", "x-Ray-2"]),
    ],
)
def test_find_codes(text: str, codes: list[str]) -> None:
    assert [code.text for code in find_codes(text)] == codes


# The token pattern as first written, its lookbehind first: the pattern that tests the
# lookbehind after the first character must find the same tokens.
_TOKEN_AS_WRITTEN = re.compile(r"(?<![A-Za-z0-9_.\-])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![A-Za-z0-9_\-])")


@given(st.lists(st.sampled_from(["A", "b", "1", "-", "_", ".", " ", "年", "\n", "CME", "x-2"]), max_size=12))
def test_code_tokens_are_those_of_the_pattern_as_written(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert [m.span() for m in _TOKEN.finditer(text)] == [m.span() for m in _TOKEN_AS_WRITTEN.finditer(text)]
    assert bool(_TOKEN.fullmatch(text)) == bool(_TOKEN_AS_WRITTEN.fullmatch(text))


def _broken_form_by_searching_everywhere(placeholder: str, target: str) -> str | None:
    """_broken_form as it was written first: a match may start anywhere in a run of
    delimiters and spaces."""
    name = re.search(r"[A-Za-z][A-Za-z0-9_.\-]*[A-Za-z0-9]", placeholder)
    if name is None or not (name.group().isupper() or "_" in name.group()):
        return None
    delimiters = re.escape("".join(sorted(set(placeholder[: name.start()] + placeholder[name.end() :]))))
    pattern = rf"[{delimiters}\s]*(?<![A-Za-z0-9]){re.escape(name.group())}(?![A-Za-z0-9])(?:\s*[{delimiters}]+)?"
    for found in re.finditer(pattern, target):
        if found.group().strip() != placeholder:
            return found.group().strip()
    return None


@given(
    st.sampled_from(["#A_B#", "{A_B}", "$(AB)", "%(A_B)s", "{{ AB }}"]),
    st.lists(st.sampled_from(["#", "{", "}", "$", "(", ")", "%", "s", " ", "\n", "\x1d", "A", "AB", "A_B", "x"]), max_size=12),
)
def test_a_broken_placeholder_is_found_where_a_search_from_everywhere_finds_it(placeholder: str, parts: list[str]) -> None:
    target = "".join(parts)
    assert _broken_form(placeholder, target) == _broken_form_by_searching_everywhere(placeholder, target)


def test_a_broken_placeholder_after_a_long_run_of_spaces_is_found() -> None:
    assert _broken_form("#PRS_ORG#", " " * 20_000 + "# PRS_ORG #") == "# PRS_ORG #"
    assert _broken_form("#PRS_ORG#", "#" * 20_000 + " PRS_ORG") == "#" * 20_000 + " PRS_ORG"


def test_codes_inside_thousands_of_placeholders_are_not_codes() -> None:
    assert find_codes("#NAME#" * 20_000) == []
    assert [code.text for code in find_codes("#NAME# WHO " * 10_000)] == ["WHO"] * 10_000


def test_a_code_longer_than_any_real_one_is_kept_when_its_letters_and_digits_are() -> None:
    code = "A1B2" * 5_000
    assert len(code) > MAX_PATTERN_CODE
    assert code_is_kept(code, "the " + "a1-b2 " * 5_000)
    assert not code_is_kept(code, "the " + "a1b2" * 4_999)
    assert code_is_kept("ACE2", "the ace-2 receptor") and not code_is_kept("ACE2", "the ac e2 receptor")


@pytest.mark.parametrize(
    ("code", "target", "word"),
    [
        ("UCCA", "the ChinaUCCA Ullens Center", "ChinaUCCA"),
        ("UCCA", "(ChinaUCCA), and UCCAx", "ChinaUCCA"),
        ("UCCA", "UCCA", "UCCA"),
        ("UCCA", "line\nXUCCA\tnext", "XUCCA"),
        ("UCCA", "no code here", None),
        ("UC", "ChinaUC", None),
    ],
)
def test_a_code_run_together_is_shown_with_its_whole_word(code: str, target: str, word: str | None) -> None:
    assert run_together(code, target) == word


def test_a_code_run_together_in_a_long_word_is_found_once() -> None:
    assert run_together("UCCA", "x" * 20_000 + "UCCA") == "x" * 20_000 + "UCCA"
    assert run_together("UCCA", "x" * 20_000) is None


# --- the real sample and fixtures ---------------------------------------------------------


def read(path: Path) -> list[SegmentPair]:
    with path.open("rb") as stream:
        return list(read_pairs(stream, path.name, ReadOptions()))


def test_sample_has_no_markup_finding() -> None:
    # Its English adds "(CME)" and "COVID-19", which the Chinese does not have: not an error.
    pairs = read(REPO / "examples" / "chongqing-fao-news.zh-en.txt")
    assert check_document(pairs, "sample", MARKUP_RULES).findings == ()


def test_firefox_placeholders_all_match(shared_dir: Path) -> None:
    # 57 strings with %@, %1$@, %d, %s or $(PRODUCT_NAME), several reordered with positions
    # in Chinese ("保存 %2$@ 上 %1$@ 的登录信息？"): none is lost, added or retyped.
    pairs = read(shared_dir / "fixtures" / "xliff_firefoxios_zh-CN" / "firefox-ios.zh-CN.xliff")
    assert sum(1 for pair in pairs if find_placeholders(pair.source)) == 57
    assert check_document(pairs, "firefox", MARKUP_RULES).findings == ()


def test_tico_codes_missing_from_the_english_are_real(shared_dir: Path) -> None:
    pairs = read(shared_dir / "fixtures" / "tico19_en_zh" / "all.en-zh.tmx")
    findings = check_document(pairs, "tico", MARKUP_RULES).findings
    assert [(f.code, f.match) for f in findings] == [
        ("FM07", "CoV-HKU9"),  # the English glues it: "batCoV-HKU9"
        ("FM07", "NBA"),  # the English says "They"
        ("FM07", "R0"),  # the English says "it"
        ("FM07", "HI1N1"),  # a typo in the Chinese for H1N1
        ("FM07", "WTO"),  # the Chinese names the World Health Organization "WTO", three times
        ("FM07", "WTO"),
        ("FM07", "WTO"),
    ]


def _misnested_by_scanning(tags: list[Markup]) -> list[Markup]:
    """The plain quadratic reading of misnesting, as an oracle: each closing tag looks for its
    partner among all the tags still open."""
    family = {"ept": "bpt", "ex": "bx", "ec": "sc", "em": "sm"}
    opened: list[Markup] = []
    wrong = []
    for tag in tags:
        if tag.kind == "standalone" or tag.name == "it":
            continue
        if tag.kind == "open":
            opened.append(tag)
            continue
        partners = [i for i, o in enumerate(opened) if o.id == tag.id and family.get(tag.name, tag.name) == o.name]
        if partners and partners[-1] == len(opened) - 1:
            opened.pop()
            continue
        wrong.append(tag)
        if partners:
            del opened[partners[-1]]
    return wrong + opened


_TAGS = st.builds(
    lambda name, tag_id, kind, start: Markup(name, tag_id, kind, start, start, name),
    st.sampled_from(["g", "bpt", "ept", "bx", "ex", "it", "b"]),
    st.sampled_from(["", "1", "2"]),
    st.sampled_from(["open", "close", "standalone"]),
    st.integers(0, 50),
)


@given(st.lists(_TAGS, max_size=30))
def test_misnesting_is_found_as_a_full_scan_finds_it(tags: list[Markup]) -> None:
    assert misnested_markup(tags) == _misnested_by_scanning(tags)


def test_misnesting_of_thousands_of_tags_takes_linear_time() -> None:
    tags = [Markup("g", "", "open", n, n, "<g>") for n in range(20_000)]
    tags += [Markup("x", "", "close", n, n, "</x>") for n in range(20_000)]
    started = time.perf_counter()
    assert len(misnested_markup(tags)) == 40_000
    assert time.perf_counter() - started < 1.0
