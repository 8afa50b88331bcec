"""Spelling rules (SP01–SP03): each case it must catch beside a close one it must leave alone,
the user's dictionaries and variety from the config and the command line."""

from __future__ import annotations

import gc
import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner
from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from qa_tool.checks import select_rules
from qa_tool.checks.base import CheckSettings
from qa_tool.checks.spelling import (
    MIN_PART_COUNT,
    NAMES,
    WORD_COUNTS,
    WORDS,
    Lexicon,
    _base_words,
    _FirstLook,
    _ListedPieces,
    _OneEditSearch,
    _LETTER_RUN,
    _run_looks,
    _runs_holding,
    _word_looks,
    analyse,
    _counts,
    has_unlisted_piece,
    unlisted_pieces,
    lexicon_for,
    lower_listed_words,
)
from qa_tool.cli import cli
from qa_tool.engine import check_document
from qa_tool.model import Location, SegmentPair
from qa_tool.resources import rules_dir


def findings(code: str, *texts: tuple[str, str], settings: CheckSettings = CheckSettings()):
    pairs = [SegmentPair(f"s{n}", zh, en, Location("doc.txt", line=n)) for n, (zh, en) in enumerate(texts, 1)]
    return check_document(pairs, "doc.txt", select_rules([code]), settings).findings


# (English, the word reported or None) — each flagged case sits beside a close one left alone.
SP01_CASES = [
    ("3 millon people", "millon"),
    ("3 million people", None),
    ("the mangement team", "mangement"),
    ("the management team", None),
    ("a new enviroment", "enviroment"),
    ("a new environment", None),
    ("they recieve it", "recieve"),  # transposition
    ("they receive it", None),
    ("the goverment said", "goverment"),
    ("the government said", None),
    ("The Goverment said", "Goverment"),
    ("The Government said", None),
    ("Biden said", None),  # a name one edit from a short, rarer word
    ("Xishuangbanna and Jiuzhaigou", None),  # pinyin
    ("the Ming-qiu Li family", None),  # hyphenated pinyin
    ("they ate jiaozi", None),  # lower-case pinyin of four letters or more
    ("the colour and the color", None),  # both varieties are words
    ("organise and organize", None),
    ("the NGOs and WeChat", None),  # acronyms and mixed case
    ("see www.exmaple.com or mail info@exmaple.com", None),  # addresses
    ("the {userName} and %s", None),  # placeholders
    ("the 3rd and 21st", None),  # ordinals
    ("a microfluidic chip", None),  # unknown, but nothing common is one edit away
    ("the Chongqing's economy", None),  # possessive of a listed name
    ("the governments' plans", None),  # plural possessive
    ("it's not theirs", None),  # contractions
    ("teh end", None),  # under five letters
    ("the diease spread", "diease"),  # splits into syllables (di e a se), but no Chinese reads so
    ("the actuals and the softwares", None),  # regular inflections of common words
    ("the light gets lensed", None),  # a verb made of a common noun
    ("he leades the way", "leades"),  # 'lead' takes -s, not -es
    ("the soup was cookd", "cookd"),  # 'cook' takes -ed, not -d
    ("it formes a peak", "formes"),  # the plural of a rare word (forme) one edit from 'forms'
    ("a left-hander and Law Kwun-chung", None),  # parts of compounds
    ("Methematics is a science", "Methematics"),
    ("Brofen works fast", None),  # a brand one edit from a short word (broken)
]


@pytest.mark.parametrize("english, word", SP01_CASES)
def test_sp01_reports_slips_and_leaves_names_and_codes(english: str, word: str | None) -> None:
    found = [finding.match for finding in findings("SP01", ("中文", english))]
    assert found == ([word] if word else [])


def test_sp01_offers_a_fix_only_for_a_clear_winner() -> None:
    (millon,) = findings("SP01", ("三百万", "3 millon people"))
    assert millon.replacement == "million" and "'million'" in millon.message
    (achive,) = findings("SP01", ("实现", "to achive it"))
    assert achive.replacement is None  # achieve, archive and active are all near


def test_sp01_leaves_lower_case_pinyin_of_the_source() -> None:
    assert [f.match for f in findings("SP01", ("中文", "a shanzhai phone"))] == ["shanzhai"]
    assert not findings("SP01", ("山寨手机", "a shanzhai phone"))


@pytest.mark.parametrize(
    "source, english, word",
    [
        ("主任凯鲁阿米努斯说", "director kerou aminus said", None),  # 阿米努斯: a mi nu, 斯 for s
        ("主任说", "director kerou aminus said", "aminus"),
        ("阿米努", "director aminus said", "aminus"),  # no character of the source stands for the s
    ],
)
def test_sp01_leaves_a_name_read_back_from_its_transliteration(source: str, english: str, word: str | None) -> None:
    assert [f.match for f in findings("SP01", (source, english))] == ([word] if word else [])


def test_sp01_leaves_words_written_in_the_source() -> None:
    assert findings("SP01", ("点击接收", "click recieve"))
    assert not findings("SP01", ("点击Recieve", "click recieve"))


def test_sp01_leaves_a_capitalised_word_the_document_writes_twice() -> None:
    assert len(findings("SP01", ("政府", "The Goverment said."))) == 1
    assert not findings("SP01", ("政府", "The Goverment said."), ("政府", "The Goverment met."))
    # Lower case is never a name: two slips are two findings.
    assert len(findings("SP01", ("政府", "the goverment said."), ("政府", "the goverment met."))) == 2


def test_sp01_accepts_the_user_dictionary_and_glossary_english(tmp_path: Path) -> None:
    text = ("公司", "the mangement")
    assert [f.match for f in findings("SP01", text)] == ["mangement"]
    dictionary = tmp_path / "words.txt"
    dictionary.write_text("# house words\nmangement\n", encoding="utf-8")
    assert not findings("SP01", text, settings=CheckSettings(dictionaries=(str(dictionary),)))
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("zh\ten\n管理\tmangement\n", encoding="utf-8")
    assert not findings("SP01", text, settings=CheckSettings(glossaries=(str(glossary),)))


SP02_CASES = [
    ("a decision of theCentral Government", "theCentral"),
    ("a decision of the Central Government", None),
    ("a Beijingbased company", "Beijingbased"),
    ("a Beijing-based company", None),
    ("they work toearn money", "toearn"),
    ("they work to earn money", None),
    ("more infor mation here", "infor mation"),
    ("more information here", None),
    ("a new supercar and courseware", None),  # closed compounds
    ("They use WeChat, an iPhone and eBay.", None),  # brand names
    ("the Facebook page", None),
    ("underperforming countries", None),  # a function word English writes as a prefix
]


@pytest.mark.parametrize("english, words", SP02_CASES)
def test_sp02_reports_lost_and_added_spaces(english: str, words: str | None) -> None:
    found = [finding.match for finding in findings("SP02", ("中文", english))]
    assert found == ([words] if words else [])


def test_sp02_fixes_a_split_word_and_sp01_does_not_report_its_halves() -> None:
    (split,) = findings("SP02", ("信息", "more infor mation here"))
    assert split.replacement == "information"
    assert not findings("SP01", ("信息", "more infor mation here"))


SP03_CASES = [
    ("en-GB", "the color of the center", ["color", "center"], ["colour", "centre"]),
    ("en-GB", "the colour of the centre", [], []),
    ("en-GB", "a computer program with a license", [], []),  # British uses them too
    ("en-US", "the Colour of the centre", ["Colour", "centre"], ["Color", "center"]),
    ("en-US", "the color of the center", [], []),
    ("en-US", "the programme and the licence", ["programme", "licence"], ["program", "license"]),
    ("en-US", "they travelled and organised", ["travelled", "organised"], ["traveled", "organized"]),
    (None, "the colour and the color", [], []),
]


@pytest.mark.parametrize("variant, english, words, fixes", SP03_CASES)
def test_sp03_reports_the_other_variety(variant: str | None, english: str, words: list[str], fixes: list[str]) -> None:
    found = findings("SP03", ("中文", english), settings=CheckSettings(variant=variant))
    assert [f.match for f in found] == words
    assert [f.replacement for f in found] == fixes


def test_lexicon_is_loaded_once_per_dictionary_set(tmp_path: Path) -> None:
    assert lexicon_for(CheckSettings()) is lexicon_for(CheckSettings())
    assert isinstance(lexicon_for(CheckSettings()), Lexicon)
    text = "the mangement"
    assert analyse(text, "", lexicon_for(CheckSettings())) is analyse(text, "", lexicon_for(CheckSettings()))


def test_the_word_lists_are_left_alone_by_the_garbage_collector(tmp_path: Path) -> None:
    """A collection walks every container it tracks; the word lists hold strings only, so they
    need not be walked, with the run's own words added too."""
    dictionary = tmp_path / "house.txt"
    dictionary.write_text("Xishuangbanna\n", encoding="utf-8")
    for lexicon in (lexicon_for(CheckSettings()), lexicon_for(CheckSettings(dictionaries=(str(dictionary),)))):
        assert "the" in lexicon.words and "mangement" not in lexicon.words
        assert not any(gc.is_tracked(words) for words in (lexicon.words, lexicon.common, lexicon.names))
    assert "xishuangbanna" in lexicon.words


def _check(*args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(cli, ["check", *args, "--format", "json"])
    assert result.exit_code in (0, 1, 2), result.output
    return result.exit_code, (json.loads(result.stdout) if result.exit_code != 2 else {"error": result.output})


def _matches(report: dict, code: str) -> list[str]:
    return [f["spans"][0]["text"] for file in report["files"] for f in file["findings"] if f["code"] == code]


@pytest.fixture
def english_file(tmp_path: Path) -> Path:
    path = tmp_path / "pairs.tsv"
    path.write_text("zh\ten\n颜色管理\tthe colour mangement\n", encoding="utf-8")
    return path


def test_cli_variant_and_dictionary_options(english_file: Path, tmp_path: Path) -> None:
    _, report = _check(str(english_file), "--isolated", "--select", "SP")
    assert _matches(report, "SP01") == ["mangement"] and _matches(report, "SP03") == []
    _, report = _check(str(english_file), "--isolated", "--select", "SP", "--variant", "en-US")
    assert _matches(report, "SP03") == ["colour"]
    words = tmp_path / "words.txt"
    words.write_text("mangement\n", encoding="utf-8")
    _, report = _check(str(english_file), "--isolated", "--select", "SP", "--dictionary", str(words))
    assert _matches(report, "SP01") == []


def test_config_variant_and_dictionary_relative_to_the_config(english_file: Path, tmp_path: Path) -> None:
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "words.txt").write_text("mangement\n", encoding="utf-8")
    (tmp_path / ".qa-tool.toml").write_text('select = ["SP"]\nvariant = "en-US"\ndictionary = ["terms/words.txt"]\n', encoding="utf-8")
    _, report = _check(str(english_file))
    assert _matches(report, "SP01") == [] and _matches(report, "SP03") == ["colour"]
    # The command line wins.
    _, report = _check(str(english_file), "--variant", "en-GB")
    assert _matches(report, "SP03") == []


@pytest.mark.parametrize(
    "config, message",
    [('variant = "en-AU"\n', "variant: expected one of en-GB, en-US"), ('dictionary = ["missing.txt"]\n', "missing.txt")],
)
def test_bad_variant_or_dictionary_is_a_one_line_error(english_file: Path, tmp_path: Path, config: str, message: str) -> None:
    (tmp_path / ".qa-tool.toml").write_text('select = ["SP"]\n' + config, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(english_file)])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def _word_counts_build() -> ModuleType:
    """benchmarks/build_word_counts.py, which cuts the shipped counts from symspellpy's list."""
    spec = importlib.util.spec_from_file_location("build_word_counts", Path(__file__).resolve().parent.parent / "benchmarks" / "build_word_counts.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_counts_are_symspellpys_common_ones() -> None:
    """rules/english/word-counts.txt is the cut of symspellpy's list that the rules compare
    (as benchmarks/build_word_counts.py writes it)."""
    build = _word_counts_build()
    assert _counts() == build.common_counts(build.symspellpy_counts_text())
    assert (rules_dir() / WORD_COUNTS).read_text(encoding="utf-8") == build.counts_text(_counts())
    assert list(_counts()) == sorted(_counts())  # the order the sorted common words are made from
    assert _counts()["the"] == 23_135_851_162 and "mangement" not in _counts()


@pytest.mark.parametrize(
    "listed, kept",
    [
        ("the 23135851162\nof 13151942776\nzebra 1999999\nyak 12\n", {"the": 23135851162, "of": 13151942776}),
        # out of order: a common word after rare ones is kept all the same
        ("the 23135851162\nyak 12\nzebra 1999999\nof 13151942776\n", {"the": 23135851162, "of": 13151942776}),
        ("the 23135851162\r\nyak 12\r\nof 13151942776\r\n", {"the": 23135851162, "of": 13151942776}),
        ("the 2000000\nof 1999999", {"the": 2000000}),
        ("yak 12\n", {}),
    ],
)
def test_only_common_counts_are_kept(listed: str, kept: dict[str, int]) -> None:
    assert _word_counts_build().common_counts(listed) == kept


def _listed(relative: str) -> list[str]:
    lines = (rules_dir() / relative).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def test_names_are_listed_apart_from_the_other_words() -> None:
    """names.txt holds exactly the capitalised words without a lower-case twin (as
    benchmarks/build_english_words.py writes it): the rules read it as the list of names."""
    words, names = _listed(WORDS), _listed(NAMES)
    lower_case = {word for word in words if word.islower()}
    assert names and all(name[:1].isupper() and name.lower() not in lower_case for name in names)
    assert not [word for word in words if word[:1].isupper() and word.lower() not in lower_case]


@pytest.mark.parametrize(
    "english, unlisted",
    [
        ("The Government's plan, in 2020 (and 2021).", False),
        ("The Goverment's plan.", True),
        ("三百万人", False),  # no Latin letters
        ("The café’s menu — “fresh” dishes", False),  # beyond ASCII, every piece listed
        ("The cafe’s zoonotic menu", True),
        ("a state-owned firm's profit", False),  # the pieces are listed, so are the words they make
        ("Xishuangbanna", True),
    ],
)
def test_a_text_with_every_piece_listed_is_left_to_the_trigger(english: str, unlisted: bool) -> None:
    assert has_unlisted_piece(english) is unlisted


@hypothesis_settings(max_examples=500)
@given(st.text(st.sampled_from("aZ \nÉéÅıİΣσςǅẞK") | st.characters(blacklist_categories=("Cs",)), max_size=40))
@example("ΟΔΟΣ ΣΑΣ")  # a capital sigma's lower case depends on its place in the word
@example("İstanbul and Ǆemal")  # capitals whose lower case is longer or a digraph
def test_the_word_lists_are_lower_cased_as_str_lower_does(text: str) -> None:
    assert lower_listed_words(text) == text.lower()


def test_a_piece_met_before_lets_the_next_unlisted_one_through() -> None:
    pieces = _ListedPieces()
    assert pieces.unlisted_in("the icebergs, kilometers") == set()  # rare, listed: met from now on
    assert pieces.unlisted_in("The icebergs of Xishuangbanna") == {"xishuangbanna"}
    assert pieces.unlisted_in("Xishuangbanna") == {"xishuangbanna"}  # an unlisted piece is never taken for met
    assert pieces.unlisted_in("xishuangbanna") == {"xishuangbanna"}  # the same answer for a new text
    assert pieces.unlisted_in("kilometers (icebergs)") == set()


def test_a_word_met_before_lets_the_next_uncleared_one_through() -> None:
    looks = _FirstLook(_base_words(), lambda word: word[:1].isupper())
    assert looks.uncleared(["the", "icebergs", "zoonotic", "Hubei"]) == {"zoonotic"}
    assert looks.uncleared(["the", "icebergs", "zoonotic"]) == {"zoonotic"}  # an uncleared word is never taken for met
    assert looks.uncleared(["icebergs", "Hubei", "remdesivir"]) == {"remdesivir"}
    assert looks.uncleared(["the", "Hubei"]) == set()


# Words the remembered looks must answer for in any order: common, rare but listed, names,
# acronyms, pinyin, compounds, slips, run-together and split words, accents, contractions.
_MET_WORDS = [
    "the", "government", "Goverment", "goverment", "enviroment", "icebergs", "Hubei", "SARS-CoV",
    "zoonotic", "infor", "mation", "toearn", "theCentral", "Beijingbased", "café", "it's",
    "Xishuangbanna", "diease", "pre-tax", "Jiuzhaigou", "millon", "s", "Milton",
    "1990s", "3rd", "2020", "people's", "Xishuangbanna's", "millon's", "covid19", "COVID-19",
]


@hypothesis_settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_MET_WORDS), min_size=1, max_size=6).map(" ".join), min_size=1, max_size=5))
def test_what_was_met_before_changes_no_answer(texts: list[str]) -> None:
    """The trigger's pieces met and the analysis' cleared words, remembered from text to
    text, give every text the answer of a look that remembers nothing."""
    pieces = _ListedPieces()
    for text in texts:
        assert pieces.unlisted_in(text) == set(re.findall(r"[^\W\d_]+", text.lower())) - _base_words().keys()
    lexicon = Lexicon()
    remembered = [analyse.__wrapped__(text, "", lexicon) for text in texts]
    for text, answer in zip(texts, remembered):
        _run_looks.cache_clear()
        _word_looks.cache_clear()
        assert analyse.__wrapped__(text, "", lexicon) == answer


@pytest.mark.parametrize(
    "word, part",
    [
        ("infor", True),  # information
        ("mation", True),
        ("Govern", True),
        ("ment", True),
        ("zoonotic", False),
        ("remdesivir", False),
        ("hydroxychloroquine", False),
    ],
)
def test_a_split_word_half_starts_or_ends_a_common_word(word: str, part: bool) -> None:
    assert lexicon_for(CheckSettings()).may_be_part(word) is part


_PART_WORDS = sorted(word for word in lexicon_for(CheckSettings()).common if _counts()[word] >= MIN_PART_COUNT)
_RARER_COMMON_WORDS = sorted(word for word in lexicon_for(CheckSettings()).common if _counts()[word] < MIN_PART_COUNT)


@hypothesis_settings(max_examples=300)
@given(
    st.sampled_from(_PART_WORDS + _RARER_COMMON_WORDS).flatmap(
        lambda word: st.tuples(st.integers(0, len(word)), st.integers(0, len(word))).map(lambda cut: word[min(cut) : max(cut)])
    )
    | st.text("abcdeimnorstuxz", min_size=1, max_size=6),
)
@example("zzyzx")  # starts and ends no word
@example("pre")  # starts many words, the first few of them rarer ones
def test_a_part_is_read_as_every_common_enough_word_would_say(piece: str) -> None:
    """may_be_part, read from the sorted common words, against every word used
    MIN_PART_COUNT times or more tried."""
    lower = piece.lower()
    expected = any(len(word) > len(lower) and (word.startswith(lower) or word.endswith(lower)) for word in _PART_WORDS)
    assert lexicon_for(CheckSettings()).may_be_part(piece) is expected


_EDIT_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _every_one_edit_in(word: str, words: dict[str, None]) -> set[str]:
    """The one-edit search made the plain way: every deletion, transposition, substitution
    and insertion, each looked up."""
    halves = [(word[:cut], word[cut:]) for cut in range(len(word) + 1)]
    edits = {left + right[1:] for left, right in halves if right}
    edits |= {left + right[1] + right[0] + right[2:] for left, right in halves if len(right) > 1}
    edits |= {left + letter + right[1:] for left, right in halves if right for letter in _EDIT_LETTERS}
    edits |= {left + letter + right for left, right in halves for letter in _EDIT_LETTERS}
    return edits & words.keys()


@pytest.mark.parametrize(
    "word, near",
    [
        ("enviroment", {"environment"}),  # a letter dropped inside
        ("nvironment", {"environment"}),  # at the start
        ("environmen", {"environment"}),  # at the end
        ("xenvironment", {"environment"}),  # a letter added at the start
        ("environmentx", {"environment"}),  # at the end
        ("envirnoment", {"environment"}),  # two swapped
        ("environmant", {"environment"}),  # one changed
        ("aenvironment", {"environment"}),
        ("ot", {"of", "to", "on", "or", "it", "at", "not", "out", "o", "t"}),  # substitutions at either end
        ("remdesivir", set()),
    ],
)
def test_the_one_edit_search_finds_an_edit_at_any_place(word: str, near: set[str]) -> None:
    words = dict.fromkeys(["environment", "of", "to", "on", "or", "it", "at", "not", "out", "o", "t", "remedies"])
    search = _OneEditSearch(words, sorted(words), sorted(listed[::-1] for listed in words))
    assert search(word) == near == _every_one_edit_in(word, words)


_COMMON_FOR_EDITS = sorted(lexicon_for(CheckSettings()).common)


@hypothesis_settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(_COMMON_FOR_EDITS),
    st.lists(st.tuples(st.sampled_from(("insert", "delete", "substitute", "transpose")), st.integers(0, 30), st.sampled_from("abcdeéz")), max_size=2),
)
def test_the_one_edit_search_finds_what_every_edit_looked_up_finds(common: str, edits: list[tuple[str, int, str]]) -> None:
    # Words zero, one or two edits from a common word: around the places a slip is.
    word = common
    for kind, place, letter in edits:
        at = place % (len(word) + 1)
        if kind == "insert":
            word = word[:at] + letter + word[at:]
        elif kind == "delete":
            word = word[:at] + word[at + 1 :]
        elif kind == "substitute":
            word = word[:at] + letter + word[at + 1 :]
        else:
            word = word[:at] + word[at + 1 : at + 2] + word[at : at + 1] + word[at + 2 :]
    lexicon = lexicon_for(CheckSettings())
    assert lexicon._one_edit_search(word) == _every_one_edit_in(word, lexicon.common)


@pytest.mark.parametrize(
    "before, after",
    [
        ("environ", "ent"),  # few listed words start so: read forwards
        ("", "ironment"),  # every word starts with "": read backwards
        ("", ""),  # every word starts and ends so: the 26 one-letter words looked up
        ("qqq", "zzz"),  # none
    ],
)
def test_one_letter_between_reads_the_sorted_lists_as_the_26_words_looked_up_would(before: str, after: str) -> None:
    _assert_one_letter_between_looks_up_the_26_words(lexicon_for(CheckSettings()).common, before, after)


# More words starting with "o" than are read forwards, so "o" + letter + "clock" is read backwards.
_MANY_O_WORDS = ["o" + first + second for first in "abc" for second in "abcdefghijklmnopqrstuvwxyz"]


@pytest.mark.parametrize("words", [["o'clock", "oaclock"], ["o'clock", "oaclock", *_MANY_O_WORDS]])
def test_one_letter_between_finds_only_a_letter_between(words: list[str]) -> None:
    _assert_one_letter_between_looks_up_the_26_words(dict.fromkeys(words), "o", "clock")


@hypothesis_settings(max_examples=300, deadline=None)
@given(st.sampled_from(_COMMON_FOR_EDITS), st.integers(0, 30), st.integers(0, 30))
def test_one_letter_between_finds_the_listed_words_around_any_place(common: str, cut: int, kept: int) -> None:
    # The letters before and after a place of a common word, so that listed words surround it.
    before, rest = common[: cut % (len(common) + 1)], common[cut % (len(common) + 1) :]
    _assert_one_letter_between_looks_up_the_26_words(lexicon_for(CheckSettings()).common, before, rest[len(rest) - kept % (len(rest) + 1) :])


def _assert_one_letter_between_looks_up_the_26_words(words: dict[str, None], before: str, after: str) -> None:
    search = _OneEditSearch(words, sorted(words), sorted(word[::-1] for word in words))
    looked_up = {before + letter + after for letter in "abcdefghijklmnopqrstuvwxyz"} & words.keys()
    assert sorted(search._one_letter_between(before, after)) == sorted(looked_up)


def _runs_holding_by_regex(text: str, pieces: set[str]) -> set[str]:
    return {run for run in _LETTER_RUN.findall(text) if pieces & set(re.split("['’‘-]", run.lower()))}


@pytest.mark.parametrize(
    "text, pieces, runs",
    [
        ("The Goverment's plan.", {"goverment"}, {"Goverment's"}),
        ("a state-owned Xishuangbanna-based firm", {"xishuangbanna"}, {"Xishuangbanna-based"}),
        ("x--cd-ab'ef -ab ab- x'-ab", {"ab"}, {"cd-ab'ef", "ab"}),  # doubled and loose marks join nothing
        ("abab cab aba", {"ab"}, set()),  # inside a longer piece: not that piece
        ("AB ab Ab", {"ab"}, {"AB", "ab", "Ab"}),  # written in any case
    ],
)
def test_the_runs_of_an_ascii_text_are_found_around_its_unlisted_pieces(text: str, pieces: set[str], runs: set[str]) -> None:
    assert _runs_holding(text, pieces) == runs == _runs_holding_by_regex(text, pieces)


@hypothesis_settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from("abAB'- .x"), max_size=30), st.sets(st.sampled_from(["a", "ab", "b", "ba", "x", "abx"]), max_size=3))
def test_the_runs_around_the_pieces_are_those_the_pattern_finds(text: str, pieces: set[str]) -> None:
    assert _runs_holding(text, pieces) == _runs_holding_by_regex(text, pieces)


def test_past_a_few_unlisted_pieces_every_run_is_read() -> None:
    pieces = frozenset(f"zq{letter}" for letter in "abcdefghij")
    text = " ".join(sorted(pieces)) + " the state-owned firm's plan"
    assert sorted(_runs_holding(text, pieces)) == sorted(_LETTER_RUN.findall(text))
    assert _runs_holding(text, frozenset(sorted(pieces)[:3])) == {"zqa", "zqb", "zqc"}


@hypothesis_settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_MET_WORDS + ["-", "'", "--", "Goverment's", "x-Hubei", "'s"]), min_size=1, max_size=8).map(" ".join))
def test_the_analysis_answers_as_a_look_at_every_run_does(text: str) -> None:
    """Whether a text has a run the word alone does not clear, looked for only around its
    unlisted pieces, is the answer of a look at every run of the text."""
    lexicon = Lexicon()
    every_run = bool(_run_looks(lexicon).uncleared(_LETTER_RUN.findall(text)))
    assert every_run is bool(_run_looks(lexicon).uncleared(_runs_holding(text, unlisted_pieces(text)))) or not text.isascii()
