"""English mechanics GR02–GR05: repeated words, doubled spaces, white space at the edges,
runaway repetition."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from qa_tool.checks.gr02_repeated_word import _REPEATED, RepeatedWord, may_repeat
from qa_tool.checks.gr03_double_space import DoubleSpace
from qa_tool.checks.gr04_edge_whitespace_mismatch import EdgeWhitespaceMismatch
from qa_tool.checks.gr05_runaway_repetition import (
    _SOURCE_REPEAT,
    MAX_SOURCE_REPEAT_LETTERS,
    MAX_UNIT_WORDS,
    MIN_COPIES,
    RunawayRepetition,
    _loops,
    ends_in_a_loop,
)
from qa_tool.engine import check_document
from qa_tool.languages.en import FOLDED_WORD as _WORD
from qa_tool.languages.en import folded_words
from qa_tool.model import Location, SegmentPair, Side
from qa_tool.readers import ReadOptions, read_pairs

REPO = Path(__file__).resolve().parents[1]
MECHANICS_RULES = (RepeatedWord, DoubleSpace, EdgeWhitespaceMismatch, RunawayRepetition)


def findings_of(rule, zh: str, en: str):
    pair = SegmentPair("s1", zh, en, Location("doc.txt", line=1))
    return check_document([pair], "doc.txt", [rule]).findings


def found(rule, zh: str, en: str) -> list[tuple[str, str | None]]:
    return [(finding.match, finding.replacement) for finding in findings_of(rule, zh, en)]


# --- GR02 repeated-word -------------------------------------------------------------------

GR02_CASES = [
    ("出于对地位的竞争", "competition for status status motivates", [("status status", "status")]),
    # Capitalised at a sentence start, then lower case: still a slip.
    ("这个问题", "The the problem", [("The the", "The")]),
    ("一本书", "it is a a book", [("a a", "a")]),
    # Before punctuation.
    ("那个", "they saw the the.", [("the the", "the")]),
    # Repeats the quick reject must let through: a tab or several spaces between, a digit or
    # an apostrophe next to the pair, text beyond ASCII.
    ("地位", "status\tstatus 2", [("status\tstatus", "status")]),
    ("地位", "for  status   status, 2's", [("status   status", "status")]),
    ("地位", "it's status status", [("status status", "status")]),
    ("地位", "the “status status”", [("status status", "status")]),
    # Words English writes twice on purpose (rules/english/repeatable-words.txt).
    ("他已经和人有过接触", "the people he had had contact with", []),
    ("他说那是错的", "he said that that was wrong", []),
    ("一个国家的位置", "Where a country is is a sort of average", []),
    ("它所做的", "All it does does harm to the soil", []),
    ("他们确实做了", "they do do the work", []),
    # A doubled verb with no clause before it to be its subject is a slip.
    ("问题是它失败了", "The problem is is that it fails", [("is is", "is")]),
    ("一个国家在哪里", "Where is it, and the country is is big", [("is is", "is")]),
    ("依兰", "what we see is ylang ylang", []),
    # Doubled capitalised words are names or initials.
    ("天天把花粉带到别处", "Tian Tian spreads the pollen", []),
    ("侯赛因", "Hussein A A, et al", []),
    # Punctuation, a line break or a hyphen between.
    ("非常非常重要", "very, very important", []),
    ("第一段", "the end of the\nthe next paragraph", []),
    ("双赢", "a win-win deal", []),
    # Part of a longer word.
    ("主题", "the theme", []),
    # The Chinese itself has the repeat in Latin letters.
    ("波拉波拉岛（bora bora）", "the island of bora bora", []),
    # A run of three or more copies is GR05's runaway repetition, not one slip per pair.
    ("裸鲤数量锐减", "the number of naked naked naked naked fish", []),
    # A compound modifier after a scale adjective: a low-power power line.
    ("小功率动力线 中大功率动力线", "Low power power line Medium and high power power line", []),
    ("动力线", "the power power line", [("power power", "power")]),
    # A subspecies repeats its species' epithet after the genus.
    ("青海湖裸鲤", "fishing Gymnocypris przewalskii przewalskii in the lake", []),
    ("裸鲤", "fishing the przewalskii przewalskii in the lake", [("przewalskii przewalskii", "przewalskii")]),
    ("海芋", "Echinacea japonicus japonicus", [("japonicus japonicus", "japonicus")]),
    # The Chinese says its word twice for emphasis (ABAB), so may the English.
    ("你们真的超级超级专业", "you are really super super professional", []),
    ("不错不错，品质应该OK的", "Good good, the quality is fine", []),
    ("你们真的超级专业", "you are really super super professional", [("super super", "super")]),
    # ... but not a function word: 和和美美 is not "and and".
    ("一生幸福，和和美美的", "a lifetime of happiness, and and beautiful", [("and and", "and")]),
    # A sentence that lost its full stop, the next starting with the same word.
    ("为了生活努力拼搏 生活很累但要继续", "working hard for life Life is tiring", []),
    ("为了生活努力拼搏", "working hard for life life", [("life life", "life")]),
    # No sentence ends with "the".
    ("共同构成了浙大精神", "together constitute the The latest expression", [("the The", "the")]),
    # A name and then its own common noun.
    ("数字产品奖颁奖仪式", "the Excellent Digital Product Award award ceremony", []),
    ("奖", "the Award award.", []),
    ("颁奖", "Award award ceremony", [("Award award", "Award")]),
]


@pytest.mark.parametrize("zh, en, expected", GR02_CASES)
def test_gr02_repeated_word(zh: str, en: str, expected) -> None:
    assert found(RepeatedWord, zh, en) == expected


def test_gr02_span_covers_both_words() -> None:
    (finding,) = findings_of(RepeatedWord, "竞争", "for status status now")
    assert (finding.spans[0].side, finding.spans[0].start, finding.spans[0].end) == (Side.TARGET, 4, 17)


# --- GR03 double-space --------------------------------------------------------------------

GR03_CASES = [
    ("这是数据。", "This is  the data.", [("  ", " ")]),
    # Typewriter spacing after a full stop.
    ("谢谢。谢谢大家。", "Thank you.  Thank you all.", [("  ", " ")]),
    ("这是数据。", "This   is the  data.", [("   ", " "), ("  ", " ")]),
    # A no-break space next to a space.
    ("这是数据。", "This is\u00a0 the data.", [("\u00a0 ", " ")]),
    ("这是数据。", "This is the data.", []),
    # At the edges: GR04's.
    ("这是数据。", "  This is the data.  ", []),
    # Tabs and line breaks are layout.
    ("姓名\t年龄", "Name\t\tAge", []),
    ("第一段\n\n第二段", "First.\n\nSecond.", []),
    # The Chinese has the same runs: text laid out in columns.
    ("姓名  年龄", "Name  Age", []),
    # A space in Chinese separates items; the English may mark the same break with two.
    ("【正版图书 闪电发货】", "[Genuine Books  Lightning Delivery]", []),
    ("美三航母集结 最强大武器罕见访问关岛 2022-01-17 多维", "Carriers Rally  Weapons Visit Guam  2022-01-17  Duowei", []),
    ("【正版图书闪电发货】", "[Genuine Books  Lightning Delivery]", [("  ", " ")]),
    # ... one at most per separator, and only before a new item.
    ("【正版图书 闪电发货】", "[Genuine  Books  Lightning Delivery]", [("  ", " ")]),
    ("【正版图书 闪电发货】", "[Genuine books  lightning delivery]", [("  ", " ")]),
    # A closing quote is no new item: the Chinese " 。 ”" spacing leaves a real gap.
    ("注意防寒保暖 。 ”", "keep warm.  ”", [("  ", " ")]),
]


@pytest.mark.parametrize("zh, en, expected", GR03_CASES)
def test_gr03_double_space(zh: str, en: str, expected) -> None:
    assert found(DoubleSpace, zh, en) == expected


# --- GR04 edge-whitespace-mismatch --------------------------------------------------------

GR04_CASES = [
    # The English adds white space at an end: the fix removes it.
    ("内置的增强型跟踪保护。", "Built-in Enhanced Tracking Protection. ", [(" ", "")]),
    ("内置的增强型跟踪保护。", " Built-in Enhanced Tracking Protection.", [(" ", "")]),
    ("内置的增强型跟踪保护。", "Built-in Enhanced Tracking Protection.\n", [("\n", "")]),
    # The Chinese string is joined to a number after it: the English lost the space. The fix
    # inserts it where the zero-width span stands.
    ("剩余 ", "Remaining", [("", " ")]),
    ("\t备注", "Note", [("", "\t")]),
    ("剩余 ", "Remaining ", []),
    ("剩余 ", "Remaining  ", []),
    # Layout in the Chinese: the ideographic-space paragraph indent, space after a sentence.
    ("\u3000\u3000各企业纷纷表示", "Enterprises agreed", []),
    ("参加调研。 ", "participated in the survey.", []),
    ("参加调研。 ", "participated in the survey. ", []),
    ("内置的增强型跟踪保护。", "Built-in Enhanced Tracking Protection.", []),
    # An empty target is SG01's.
    ("剩余 ", "  ", []),
]


@pytest.mark.parametrize("zh, en, expected", GR04_CASES)
def test_gr04_edge_whitespace_mismatch(zh: str, en: str, expected) -> None:
    assert found(EdgeWhitespaceMismatch, zh, en) == expected


def test_gr04_lost_space_points_at_both_sides() -> None:
    (finding,) = findings_of(EdgeWhitespaceMismatch, "剩余 ", "Remaining")
    assert [(span.side, span.start, span.end) for span in finding.spans] == [(Side.TARGET, 9, 9), (Side.SOURCE, 2, 3)]


# --- GR05 runaway-repetition -------------------------------------------------------------

GR05_CASES = [
    ("益肝明目", "and the and the and the end", [("and the and the and the", "and the")]),
    ("民有民治民享", "of the people of the people of the people", [("of the people of the people of the people", "of the people")]),
    # Punctuation between the copies does not matter to a loop.
    ("益肝明目", "The liver, the liver, the liver, and more", [("The liver, the liver, the liver", "The liver")]),
    ("裸鲤数量锐减", "the number of naked naked naked naked fish", [("naked naked naked naked", "naked")]),
    # Two copies are GR02's, or deliberate.
    ("益肝明目", "The liver, the liver, and more", []),
    ("非常非常重要", "very, very important", []),
    # Three different units, not one unit three times.
    ("民有民治民享", "of the people, by the people, for the people", []),
    # The Chinese says it three times itself.
    ("听起来就像，叮，叮，叮。", "It sounds like ding, ding, ding.", []),
    ("加油加油加油", "come on, come on, come on!", []),
    ("听起来就像，叮。", "It sounds like ding, ding, ding.", [("ding, ding, ding", "ding")]),
    # Words English repeats on purpose.
    ("哈哈", "ha ha ha, very funny", []),
    # Numbers are not a loop.
    ("增长2.2%–2.2%", "growth of 2.2%–2.2%–2.2%", []),
    # Two loops in one segment are two findings; an overlapping one keeps its own copies.
    (
        "小功率动力线 中大功率动力线",
        "Low power power power line and high power power power power line",
        [("power power power", "power"), ("power power power power", "power")],
    ),
    (
        "编码器电缆",
        "Cable Large Cable Large Cable Large Power Large Power Large Power Large",
        [("Cable Large Cable Large Cable Large", "Cable Large"), ("Power Large Power Large Power Large", "Power Large")],
    ),
]


@pytest.mark.parametrize("zh, en, expected", GR05_CASES)
def test_gr05_runaway_repetition(zh: str, en: str, expected) -> None:
    assert found(RunawayRepetition, zh, en) == expected


def test_gr05_time_grows_with_the_words_not_their_square() -> None:
    # A long loop and a long text without one: one comparison pass per unit length each.
    looped = "the stomach, " * 20_000
    (finding,) = findings_of(RunawayRepetition, "胃经", looped)
    assert finding.replacement == "the stomach" and finding.match == looped.rstrip(", ")
    assert findings_of(RunawayRepetition, "胃经", " ".join(f"word{n}" for n in range(100_000))) == ()


# --- the real sample and fixtures ---------------------------------------------------------


def read(path: Path) -> list[SegmentPair]:
    with path.open("rb") as stream:
        return list(read_pairs(stream, path.name, ReadOptions()))


def test_sample_has_no_mechanics_finding() -> None:
    pairs = read(REPO / "examples" / "chongqing-fao-news.zh-en.txt")
    assert check_document(pairs, "sample", MECHANICS_RULES).findings == ()


def test_firefox_trailing_space_is_the_only_finding(shared_dir: Path) -> None:
    # The English string ends "...ads, and popups. " and its Chinese does not: a stray space
    # that shows in the app.
    pairs = read(shared_dir / "fixtures" / "xliff_firefoxios_zh-CN" / "firefox-ios.zh-CN.xliff")
    findings = check_document(pairs, "firefox", MECHANICS_RULES).findings
    assert [(f.code, f.segment_id, f.match) for f in findings] == [
        ("GR04", "Client/Localizable.strings#CoverSheet.v24.ETP.Description", " ")
    ]


def test_tico_repeats_are_the_real_ones(shared_dir: Path) -> None:
    pairs = read(shared_dir / "fixtures" / "tico19_en_zh" / "all.en-zh.tmx")
    findings = check_document(pairs, "tico", MECHANICS_RULES).findings
    # "some heavy heavy person" in a transcribed consultation; "had had contact" is correct.
    assert [(f.code, f.match) for f in findings] == [("GR02", "heavy heavy")]


_TRICKY_PIECES = ["the", "The", "THE", "ſ", "s", "S", "ß", "SS", "İ", "i", "K", "\u212a", " ", "\t", "\n", ",", "-", "'", "’", "1", "É", "é", "\u00a0"]


@hypothesis_settings(max_examples=500)
@given(st.lists(st.sampled_from(_TRICKY_PIECES), max_size=12))
def test_gr02_prefilter_never_hides_a_repeat_the_pattern_finds(pieces: list[str]) -> None:
    # GR02 skips texts in which no two neighbouring letter runs casefold alike: that must be
    # a superset of the repeats the rule reports, words the pattern (case-insensitive, with
    # Unicode's special foldings) pairs and that casefold alike.
    text = "".join(pieces)
    if any(len({word.casefold() for word in repeat.group().split()[:2]}) == 1 for repeat in _REPEATED.finditer(text)):
        assert may_repeat(text)


@hypothesis_settings(max_examples=500)
@given(st.lists(st.sampled_from(_TRICKY_PIECES), max_size=12))
def test_gr05_reads_ascii_words_as_the_unicode_pattern_does(pieces: list[str]) -> None:
    # ASCII text is split by a bytes translation, any other by the pattern: the words must be the same.
    text = "".join(pieces)
    assert list(folded_words(text)) == _WORD.findall(text.casefold())


@hypothesis_settings(max_examples=500)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_gr05_splits_ascii_text_into_the_words_the_pattern_finds(text: str) -> None:
    # Any ASCII text, punctuation and apostrophes included, splits into the pattern's words.
    assert list(folded_words(text)) == _WORD.findall(text.casefold())


@hypothesis_settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from("aZ9'' ,-_"), max_size=30))
def test_gr05_keeps_only_apostrophes_between_letters_or_digits_in_ascii_words(text: str) -> None:
    # Runs of apostrophes, apostrophes at either end and next to punctuation split words (the
    # apostrophe is in the alphabet twice to make runs of it likely).
    assert list(folded_words(text)) == _WORD.findall(text.casefold())


# Loops the quick reject must let through: it skips a text unless some MIN_COPIES × unit
# words in a row are all words the text holds MIN_COPIES times or more.
GR05_LOOPS_AMONG_RARE_WORDS = [
    # Each copy's words are there three times and no more, next to words said once.
    ("once upon a time the liver the liver the liver and then", (4, 10, 2)),
    # A unit of the longest length, between words said once.
    (" ".join(["start"] + [f"w{n}x" for n in range(MAX_UNIT_WORDS)] * 3 + ["end"]), (1, 1 + 3 * MAX_UNIT_WORDS, MAX_UNIT_WORDS)),
    # A unit that holds one word twice: the run is still all words said three times or more.
    ("so the cat the dog the cat the dog the cat the dog", (1, 13, 4)),
    # The loop opens and closes the text.
    ("ding ding ding", (0, 3, 1)),
]


@pytest.mark.parametrize("text, loop", GR05_LOOPS_AMONG_RARE_WORDS)
def test_gr05_quick_reject_lets_loops_through(text: str, loop: tuple[int, int, int]) -> None:
    assert _loops(text.split()) == [loop]


def _first_loop_by_brute_force(words: list[str]) -> tuple[int, int] | None:
    """(first word, unit) of the earliest loop, shortest unit first, by comparing copies."""
    for first in range(len(words)):
        for unit in range(1, MAX_UNIT_WORDS + 1):
            copies = [words[first + copy * unit : first + (copy + 1) * unit] for copy in range(MIN_COPIES)]
            if len(copies[-1]) == unit and all(copy == copies[0] for copy in copies):
                return first, unit
    return None


@hypothesis_settings(max_examples=500)
@given(st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f", "g"]), max_size=40))
def test_gr05_finds_the_loop_brute_force_finds(words: list[str]) -> None:
    expected = _first_loop_by_brute_force(words)
    loops = _loops(words)
    assert (loops[0][0], loops[0][2]) == expected if expected else loops == []


@pytest.mark.parametrize(
    "text, ends",
    [
        ("Three hot searches: February, February, February, February", True),
        ("Xinhua news agency Xinhua news agency Xinhua news agency Xinhua news", True),  # a copy cut short
        ("stomach, stomach, stomach, and then the rest of a long sentence goes on here", False),
        ("A sentence without a loop", False),
    ],
)
def test_gr05_tells_whether_a_text_ends_in_a_loop(text: str, ends: bool) -> None:
    assert ends_in_a_loop(text) is ends


@pytest.mark.parametrize(
    "source, repeats",
    [
        ("加油加油加油", True),
        ("叮，叮，叮", True),
        ("ABCABCABC", True),
        ("Tick, tick, tick", True),
        ("A" * 20_000, True),
        ("ABCABC", False),
        # A Latin unit longer than any word said three times is not looked for.
        ("abcdefghijklmnopqrstuvwxyzABCDE" * 3, False),
    ],
)
def test_gr05_reads_a_repeat_in_the_chinese(source: str, repeats: bool) -> None:
    assert MAX_SOURCE_REPEAT_LETTERS < len("abcdefghijklmnopqrstuvwxyzABCDE")
    assert (_SOURCE_REPEAT.search(source) is not None) is repeats
