"""Glossaries (loading TSV/CSV/TBX, finding terms), the terminology rules TM01–TM03 and the
consistency rules CS01–CS02."""

from __future__ import annotations

import os
import bisect
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from qa_tool.checks import select_rules
from qa_tool.checks._consistency import SIGNATURE_BITS, FirstSeen, character_signature, shared_characters
from qa_tool.checks.base import CheckSettings
from qa_tool.engine import check_document
from qa_tool.errors import InputError
from qa_tool.languages import zh
from qa_tool import glossary
from qa_tool.glossary import (
    Rendering,
    RenderingPattern,
    Term,
    TermIndex,
    load_glossary,
    merge_terms,
    read_entries,
    rendering_pattern,
    term_index,
)
from qa_tool.model import Finding, Location, SegmentPair
from qa_tool.normalise import normalise
from qa_tool.readers import ReadOptions, open_input, read_pairs

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "chongqing-fao-news.zh-en.txt"
SAMPLE_GLOSSARY = "zh\ten\n外办\tForeign Affairs Office\n重庆邮电大学\tChongqing University of Posts and Telecommunications\n"


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def pairs_of(*texts: tuple[str, str]) -> list[SegmentPair]:
    return [SegmentPair(f"s{n}", zh, en, Location("doc.txt", line=n)) for n, (zh, en) in enumerate(texts, start=1)]


def findings_of(code: str, texts: list[tuple[str, str]], glossaries: tuple[str, ...] = ()) -> tuple[Finding, ...]:
    settings = CheckSettings(glossaries=glossaries)
    return check_document(pairs_of(*texts), "doc.txt", select_rules([code]), settings).findings


def spanned(finding: Finding) -> tuple[str, str]:
    """(side, text) of the finding's first span."""
    span = finding.spans[0]
    return span.side.value, finding.match


# --- loading: TSV / CSV -------------------------------------------------------------------


def test_tsv_with_header_reads_every_column(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.tsv",
        "zh\ten\tforbidden\tnote\tdnt\n"
        "外办\tForeign Affairs Office; FAO\tForeign Office\tmunicipal office\t\n"
        "微信\tWeChat\t\t\tyes\n",
    )
    office, wechat = load_glossary(path).terms
    assert office.source == "外办" and office.approved_texts == ("Foreign Affairs Office", "FAO")
    assert [r.text for r in office.forbidden] == ["Foreign Office"] and office.note == "municipal office"
    assert not office.do_not_translate and office.line == 2
    assert wechat.do_not_translate and wechat.fixed_forms == ("WeChat",)


@pytest.mark.parametrize(
    "name, text, expected",
    [
        # Without a header the columns are zh, en, forbidden, note.
        ("g.csv", "外办,Foreign Affairs Office,Foreign Office,a note\n", ("外办", ("Foreign Affairs Office",), ("Foreign Office",))),
        # Language-named columns in any order: the Chinese column is found by its code.
        ("g.csv", "en-US,zh-CN\nForeign Affairs Office,外办\n", ("外办", ("Foreign Affairs Office",), ())),
        # Generic names, and a .txt read as tab-separated.
        ("g.txt", "source\ttarget\n外办\tForeign Affairs Office\n", ("外办", ("Foreign Affairs Office",), ())),
        # TICO-style per-row languages: an en→zh row is read reversed.
        (
            "g.csv",
            "stringID,sourceLang,targetLang,sourceString,targetString\n1,en,zh-CN,confirmed cases,确诊病例\n",
            ("确诊病例", ("confirmed cases",), ()),
        ),
        # A quoted CSV cell may hold the delimiter and quotes.
        ("g.csv", 'zh,en\n"""三不""原则","""Three don\'ts"" principle"\n', ('"三不"原则', ('"Three don\'ts" principle',), ())),
    ],
)
def test_delimited_layouts(tmp_path: Path, name: str, text: str, expected: tuple) -> None:
    (term,) = load_glossary(write(tmp_path, name, text)).terms
    assert (term.source, term.approved_texts, tuple(r.text for r in term.forbidden)) == expected


def test_tico_zh_en_termbase(shared_dir: Path) -> None:
    glossary = load_glossary(str(shared_dir / "fixtures/tico19_en_zh/g_zh-CN_en.csv"))
    by_source = {term.source: term for term in glossary.terms}
    assert len(glossary.terms) == 50
    assert by_source["境外输入病例"].approved_texts == ("Cases imported from overseas",)
    assert by_source["呼吸机"].line == 51 and not by_source["呼吸机"].do_not_translate


def test_tico_en_zh_termbase_is_read_reversed(shared_dir: Path) -> None:
    glossary = load_glossary(str(shared_dir / "fixtures/tico19_en_zh/g_en_zh-CN.csv"))
    by_source = {term.source: term for term in glossary.terms}
    # Alternatives in one cell (可传染 : 有传染性) are two Chinese terms with one rendering.
    assert by_source["可传染"].approved_texts == by_source["有传染性"].approved_texts == ("contagious",)
    # "confirmed case" and "confirmed cases" both give 确诊病例: merged into one term.
    assert "confirmed cases" in by_source["确诊病例"].approved_texts
    # A rendering equal to the term is a term kept as written.
    assert by_source["CDC"].do_not_translate
    # A bracketed remark leaves the term and joins the note.
    assert "generic virus group" in by_source["冠状病毒"].note
    assert all("[" not in term.source for term in glossary.terms)


def test_duplicates_merge_across_scripts(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", "zh\ten\n外辦\tForeign Affairs Office\n外办\tFAO\n外办\tforeign affairs office\n")
    (term,) = load_glossary(path).terms
    assert term.approved_texts == ("Foreign Affairs Office", "FAO")


def test_contradiction_names_both_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", "zh\ten\tforbidden\n外办\tForeign Office\t\n外办\tForeign Affairs Office\tforeign office\n")
    with pytest.raises(InputError) as raised:
        load_glossary(path)
    assert raised.value.line == 3 and f"{path}:2" in raised.value.message


def test_contradiction_across_glossaries(tmp_path: Path) -> None:
    first = write(tmp_path, "a.tsv", "zh\ten\n外办\tForeign Office\n")
    second = write(tmp_path, "b.tsv", "zh\ten\tforbidden\n外办\tForeign Affairs Office\tForeign Office\n")
    with pytest.raises(InputError) as raised:
        term_index((first, second))
    assert (raised.value.path, raised.value.line) == (second, 2) and f"{first}:2" in raised.value.message


@pytest.mark.parametrize(
    "name, text, line, words",
    [
        ("g.tsv", "zh\ten\n外办\t\n", 2, "no English"),
        ("g.tsv", "zh\ten\n\tForeign Affairs Office\n", 2, "no Chinese"),
        # Headerless, the other way round: the columns must be named.
        ("g.tsv", "Foreign Affairs Office\t外办\n", 1, "other way round"),
        ("g.tsv", "zh\ten\tdnt\n微信\tWeChat\tmaybe\n", 2, "yes or no"),
        ("g.tsv", "term_a\tterm_b\n外办\tFAO\n", 1, "first line has no Chinese"),
        ("g.tsv", "term\tnotes\n外办\tFAO\n", 1, "cannot tell which columns"),
        ("g.tsv", "zh-CN\tzh-TW\ten\n外办\t外辦\tFAO\n", 1, "several columns could hold the zh terms"),
        ("g.csv", "sourceLang,targetLang,sourceString,targetString\nen,fr,office,bureau\n", 2, "en→fr"),
        ("g.csv", 'zh,en\n外办,"Foreign Affairs Office\n', 2, "a quoted field that starts on this line is never closed"),
        ("g.tsv", "zh\ten\n", None, "no terms"),
    ],
)
def test_bad_delimited_glossary_names_file_and_line(tmp_path: Path, name: str, text: str, line: int | None, words: str) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(InputError, match=words) as raised:
        load_glossary(path)
    assert (raised.value.path, raised.value.line) == (path, line)


def test_missing_glossary_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the glossary"):
        load_glossary(str(tmp_path / "missing.tsv"))


def test_glossary_is_read_again_only_when_it_changes(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", "zh\ten\n外办\tFAO\n")
    first = load_glossary(path)
    assert load_glossary(path) is first
    Path(path).write_text("zh\ten\n外办\tForeign Affairs Office\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))
    assert load_glossary(path).terms[0].approved_texts == ("Foreign Affairs Office",)


# --- loading: TBX -------------------------------------------------------------------------

TBX_BASIC = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en-US">
<text><body>
<termEntry id="c1">
  <descrip type="definition">The office for foreign affairs of a city government.</descrip>
  <langSet xml:lang="zh-CN"><tig><term>外办</term></tig></langSet>
  <langSet xml:lang="en-US">
    <tig><term>Foreign Affairs Office</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    <ntig><termGrp><term>Foreign Office</term>
      <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp></ntig>
    <tig><term>FAO</term><termNote type="normativeAuthorization">admittedTerm</termNote></tig>
  </langSet>
  <langSet xml:lang="fr"><tig><term>Bureau des affaires étrangères</term></tig></langSet>
</termEntry>
<termEntry id="c2">
  <note>Brand name: do not translate.</note>
  <langSet xml:lang="zh"><tig><term>iPhone</term></tig></langSet>
  <langSet xml:lang="en"><tig><term>iPhone</term></tig></langSet>
</termEntry>
<termEntry id="c3"><langSet xml:lang="de"><tig><term>Auswärtiges Amt</term></tig></langSet></termEntry>
</body></text>
</martif>
"""

TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Core" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
<conceptEntry id="1">
  <langSec xml:lang="zh-Hans"><termSec><term>方舱医院</term></termSec></langSec>
  <langSec xml:lang="en">
    <termSec><term>modular hospital</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
    <termSec><term>cabin hospital</term>
      <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
  </langSec>
</conceptEntry>
</body></text>
</tbx>
"""


def test_tbx_basic_statuses_languages_and_notes(tmp_path: Path) -> None:
    office, phone = load_glossary(write(tmp_path, "g.tbx", TBX_BASIC)).terms
    assert office.source == "外办" and office.approved_texts == ("Foreign Affairs Office", "FAO")
    assert [r.text for r in office.forbidden] == ["Foreign Office"] and office.forbidden[0].line == 10
    assert "foreign affairs of a city" in office.note and not office.do_not_translate
    assert phone.do_not_translate and phone.fixed_forms == ("iPhone",)


def test_tbx_v3_core(tmp_path: Path) -> None:
    (term,) = load_glossary(write(tmp_path, "g.xml", TBX_V3)).terms
    assert term.approved_texts == ("modular hospital",)
    assert [r.text for r in term.forbidden] == ["cabin hospital"]


@pytest.mark.parametrize(
    "text, words",
    [
        (
            '<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY x "boom">]><martif><text><body/></text></martif>',
            "DTD with entities",
        ),
        ("<?xml version='1.0'?><tmx version='1.4'><body/></tmx>", "must be TBX"),
        ("<martif><text><body><termEntry>\n<langSet></termEntry></body></text></martif>", "not well-formed"),
    ],
)
def test_bad_tbx_is_an_input_error(tmp_path: Path, text: str, words: str) -> None:
    path = write(tmp_path, "g.tbx", text)
    with pytest.raises(InputError, match=words) as raised:
        load_glossary(path)
    assert raised.value.path == path


# --- finding terms ------------------------------------------------------------------------


PROPERTY_TERMS = ("重庆", "重庆邮电大学", "邮电", "大学", "中国", "中国人", "人民银行", "CDC")
PROPERTY_INDEX = TermIndex(
    [Term(source, (Rendering(source, "g.tsv", line),)) for line, source in enumerate(PROPERTY_TERMS, start=2)]
)


def index_of(*rows: tuple[str, str], tmp_path: Path) -> TermIndex:
    text = "zh\ten\n" + "".join(f"{zh}\t{en}\n" for zh, en in rows)
    index = term_index((write(tmp_path, "g.tsv", text),))
    assert index is not None
    return index


@pytest.mark.parametrize(
    "text, found",
    [
        # The longest term wins; the shorter one inside it is not reported.
        ("赴重庆邮电大学调研", ["重庆邮电大学"]),
        ("重庆市和重庆邮电大学", ["重庆", "重庆邮电大学"]),
        # Overlapping terms: the longer one wins even when it starts later (人民银行 over
        # 中国人), and a shorter term at the loser's start still counts (中国).
        ("中国人民银行", ["中国", "人民银行"]),
        # A Latin term does not match inside a longer word, but Chinese has no boundaries.
        ("CDCs和CDC", ["CDC"]),
        ("美国CDC说", ["CDC"]),
        # A space between Chinese and Latin text does not matter.
        ("COVID-19检测中心", ["COVID-19 检测中心"]),
        ("到COVID-19 检测中心去", ["COVID-19 检测中心"]),
        ("COVID-19  检测中心", []),  # one space, not two
        # A trailing Latin gloss in the entry is optional in the text.
        ("艾滋病患者", ["艾滋病（AIDS）"]),
        ("没有术语", []),
    ],
)
def test_term_index_finds_longest_terms(tmp_path: Path, text: str, found: list[str]) -> None:
    index = index_of(
        ("重庆", "Chongqing"),
        ("重庆邮电大学", "Chongqing University of Posts and Telecommunications"),
        ("中国", "China"),
        ("中国人", "Chinese"),
        ("人民银行", "People's Bank"),
        ("CDC", "CDC"),
        ("COVID-19 检测中心", "COVID-19 testing center"),
        ("艾滋病（AIDS）", "AIDS"),
        tmp_path=tmp_path,
    )
    assert [match.term.source for match in index.find(text)] == found


@pytest.mark.parametrize(
    "text, span",
    [
        ("到COVID-19检测中心去", (1, 13)),
        ("到COVID-19 检测中心去", (1, 14)),  # the gap inside the match is in its span
        ("到 COVID-19 检测中心 去", (2, 15)),  # the gaps around it are not
    ],
)
def test_term_index_spans_count_the_gaps_the_text_has(text: str, span: tuple[int, int]) -> None:
    index = TermIndex([Term("COVID-19 检测中心", (Rendering("COVID-19 testing center", "g.tsv", 2),))])
    assert [(match.start, match.end) for match in index.find(text)] == [span]


@pytest.mark.parametrize(
    "entry, zh, found",
    [
        # A traditional entry in traditional text must be written with its own characters; in
        # simplified text it is folded to simplified.
        ("發展", "經濟發展", True),
        ("發展", "经济发展", True),
        ("發展", "頭髮展覽", False),  # 髮 (hair) simplifies to 发 as 發 does
        ("發展中", "經濟發展中", True),  # three characters: told by script alone, not by jieba
        ("發展中", "頭髮展中心", False),
        # A simplified entry finds traditional text.
        ("外办", "市政府外辦主任", True),
        # Two characters must not straddle a word boundary (jieba, in the sentence around).
        ("合同", "双方签订合同。", True),
        ("合同", "修订合同法", True),  # inside one word, 合同法, it is still the term
        ("合同", "我们要结合同类产品。", False),  # 结合 | 同类
        ("合同", "我們要結合同類產品", False),
        ("合同", "结合同类产品。双方签订合同。", True),  # each sentence on its own
        ("头发", "头发展览", True),
        ("发展", "头发展览", False),  # 头发 | 展览
        # One character cannot straddle a boundary.
        ("税", "个税起征点", True),
    ],
)
def test_term_index_reads_the_term_not_a_look_alike(entry: str, zh: str, found: bool) -> None:
    index = TermIndex([Term(entry, (Rendering("x", "g.tsv", 2),))])
    pair = normalise(SegmentPair("s1", zh, "x", Location("doc.txt")))
    assert bool(index.find(pair.source_match.text, pair.source)) == found


def test_the_kept_answer_is_for_the_same_source_too() -> None:
    # Two sources simplify to the same text; the traditional entry is only in the first.
    index = TermIndex([Term("發展", (Rendering("development", "g.tsv", 2),))])
    written = normalise(SegmentPair("s1", "經濟發展", "x", Location("doc.txt")))
    look_alike = normalise(SegmentPair("s2", "經濟髮展", "x", Location("doc.txt")))
    assert written.source_match.text == look_alike.source_match.text
    assert index.find(written.source_match.text, written.source)
    assert not index.find(look_alike.source_match.text, look_alike.source)
    assert index.find(written.source_match.text, written.source)


# Terms of every kind find() treats apart: Han pairs told by jieba, a traditional entry told
# by script, Latin edges, terms across script gaps (held with spaces in their joins, which
# only a text whose white space is all spaces is searched for), a trailing gloss, and
# characters beyond the BMP and lone surrogates, which the automaton reads as four and three
# bytes.
_SEARCHED_TERMS = (
    "合同", "發展", "發展中", "CDC", "COVID-19 检测中心", "艾滋病（AIDS）", "2型(SARS)病", "𠀀中", "\ud800合", "同类产品", "中心"
)
_SEARCHED_INDEX = TermIndex([Term(source, (Rendering("x", "g.tsv", line),)) for line, source in enumerate(_SEARCHED_TERMS, 2)])
_SEARCHED_PIECES = _SEARCHED_TERMS + (
    "的", "。", " ", "\n", "\u3000", "A", "1", "2", "型", "(SARS)", "病", "𠀀", "\ud800", "\udc00", "髮", "類", "COVID-19",
    "检测", "艾滋病", "CDCs", "结", "头", "同类", "展", "展览", "签订", "經濟",
)


def _found_by_brute_force(index: TermIndex, text: str, source) -> list[tuple[int, int, str]]:
    """find() without the automaton or its fast paths: every form looked for at every offset
    of the text without its script gaps, each match judged by _is_term."""
    gaps = glossary._gaps(text)
    searched = glossary._SCRIPT_GAP.sub("", text)
    candidates = []
    for form in index.forms:
        at = searched.find(form)
        while at >= 0:
            start = at + bisect.bisect_right(gaps, at)
            end = at + len(form) - 1 + bisect.bisect_right(gaps, at + len(form) - 1) + 1
            if index._is_term(start, end, form, glossary._Reading(text, source)):
                candidates.append((start, end, form))
            at = searched.find(form, at + 1)
    return [(start, end, index._by_form[form].source) for start, end, form in glossary._longest_first(candidates, lambda *_: True)]


@hypothesis_settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SEARCHED_PIECES), max_size=10), st.booleans())
@example(["结", "合同", "同类"], False)  # a Han pair that straddles jieba's words
@example(["經濟", "髮", "展"], True)  # a traditional entry's look-alike
@example(["頭", "髮", "展", "中心"], True)  # the same, three characters long (not told by jieba)
@example(["CDCs", "CDC"], False)  # a Latin edge inside a word
@example(["到", "COVID-19", " ", "检测", "中心", " ", "去"], False)  # gaps around and inside
@example(["𠀀中", "\ud800合", "\udc00", "中心"], False)  # four- and three-byte characters
@example(["2", " ", "型", " ", "(SARS)", " ", "病"], False)  # spaces in every join
@example(["2", "\n", "型", " ", "(SARS)", "病"], False)  # a gap of other white space
def test_find_agrees_with_a_brute_force_search(pieces: list[str], with_source: bool) -> None:
    text, source = "".join(pieces), None
    if with_source and not any("\ud800" <= character <= "\udfff" for character in text):  # OpenCC refuses surrogates
        pair = normalise(SegmentPair("s1", text, "x", Location("doc.txt")))
        text, source = pair.source_match.text, pair.source
    found = [(match.start, match.end, match.term.source) for match in _SEARCHED_INDEX.find(text, source)]
    assert found == _found_by_brute_force(_SEARCHED_INDEX, text, source)


_NORMALISABLE_PIECES = tuple(piece for piece in _SEARCHED_PIECES if not any("\ud800" <= c <= "\udfff" for c in piece))


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_NORMALISABLE_PIECES), max_size=8).map("".join), min_size=1, max_size=5))
@example(["經濟發展", "經濟髮展"])  # one matching text, two sources: only the first has the entry
def test_prepared_pairs_are_found_as_without_preparing(sources: list[str]) -> None:
    pairs = [normalise(SegmentPair(f"s{number}", source, "x", Location("doc.txt"))) for number, source in enumerate(sources)]
    expected = [TermIndex(_SEARCHED_INDEX.terms).find(pair.source_match.text, pair.source) for pair in pairs]
    index = TermIndex(_SEARCHED_INDEX.terms)
    index.prepare(pairs[:-1])  # the last pair is found as it is asked for
    assert [index.find(pair.source_match.text, pair.source) for pair in pairs] == expected


@pytest.mark.parametrize(
    "source, text, span",
    [
        ("A中B中C中", "到A 中 B中C 中去", (1, 10)),  # more joins than the automaton holds spaced
        ("A中B中C", "到A 中 B 中 C去", (1, 10)),  # as many as it holds
        ("A中B中C", "到A 中\nB 中 C去", (1, 10)),  # any white space
    ],
)
def test_a_term_across_scripts_is_found_across_any_gaps(source: str, text: str, span: tuple[int, int]) -> None:
    index = TermIndex([Term(source, (Rendering("x", "g.tsv", 2),))])
    assert [(match.start, match.end) for match in index.find(text)] == [span]


# Sentences whose words jieba must cut as it always does: ambiguous joins (结合同类, 头发展览),
# a word inside a longer one, Latin letters and digits among Han, and punctuation.
_SEGMENTED = (
    "我们要结合同类产品。",
    "头发展览在市政府外办举行",
    "修订合同法，双方签订合同",
    "新冠病毒的传播途径包括飞沫和密切接触",
    "世卫组织于2020年3月宣布COVID-19为大流行病",
    "个税起征点提高到每月5000元",
    "研究人员在武汉华南海鲜市场发现了病毒学证据",
    "他说：“这是B超和T恤，不是AT&T。”",
)


@pytest.fixture(scope="module")
def jieba_as_shipped():
    """jieba's own tokenizer with its own dictionary loader (in memory: no cache file)."""
    import jieba

    tokenizer = jieba.Tokenizer()
    with open(Path(jieba.__file__).parent / "dict.txt", "rb") as stream:
        tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(stream)
    tokenizer.initialized = True
    return tokenizer


def test_the_dictionary_has_jiebas_words_and_counts(jieba_as_shipped) -> None:
    # jieba also stores every prefix of a word, with no count.
    theirs = {word: count for word, count in jieba_as_shipped.FREQ.items() if count}
    dictionary = zh._dictionary()
    header = next(line for line in (zh.rules_dir() / zh.JIEBA_WORDS).read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    ours = {word: int(count) for first in header.split("\t")[2] for word, count in dictionary.words[first].items()}
    assert {word: count for word, count in ours.items() if count} == theirs
    assert zh._dictionary().total == jieba_as_shipped.total
    assert zh._dictionary().longest == max(map(len, theirs))


@pytest.mark.parametrize("sentence", _SEGMENTED)
def test_segmenting_cuts_words_as_jieba_does(sentence: str, jieba_as_shipped) -> None:
    _assert_cut_as_jieba_cuts(sentence, jieba_as_shipped)


def _assert_cut_as_jieba_cuts(sentence: str, jieba_tokenizer) -> None:
    assert list(zh._cut_as_jieba(sentence)) == list(jieba_tokenizer.cut(sentence, HMM=False))
    theirs = jieba_tokenizer.tokenize(sentence, HMM=False)
    assert zh._sentence_boundaries(sentence) == {offset for _, start, end in theirs for offset in (start, end)}


def test_segmenting_leaves_jieba_unimported() -> None:
    # Importing jieba loads its hidden Markov model too, which the segmenting does not use.
    code = (
        "import sys; from qa_tool.languages import zh; zh._sentence_boundaries('我们要结合同类产品'); "
        "assert 'jieba' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_characters_words_are_read_when_a_word_starting_with_it_is_first_asked_for(jieba_as_shipped) -> None:
    dictionary = zh._Dictionary(zh.rules_dir() / zh.JIEBA_WORDS)
    assert not dictionary.words  # nothing read yet
    assert "结合" in dictionary.words["结"]
    assert list(dictionary.words) == ["结"]
    assert "结合" not in dictionary.words["合"]  # a word is filed under its first character only
    assert int(dictionary.words["合"]["合同"]) == jieba_as_shipped.FREQ["合同"]
    assert int(dictionary.words["同"].get("同类产品", 0)) == (jieba_as_shipped.FREQ.get("同类产品") or 0)
    assert dictionary.words["\u3000"] == {}  # no word starts with it


# Characters of the sentences above with Latin letters, digits, spaces and punctuation, which
# jieba cuts apart from Han and joins among themselves, and characters outside its words'
# range (a full-width letter, Han beyond U+9FD5 and in the extensions), each a word of its own.
_SEGMENTED_CHARACTERS = "".join(sorted(set("".join(_SEGMENTED)))) + "aZ09 \r\n\t\u3000-.%#&+_Ａ鿫㐀𠀀"


@hypothesis_settings(max_examples=300, deadline=None)
@given(
    sentence=st.lists(
        st.sampled_from(_SEGMENTED) | st.text(alphabet=_SEGMENTED_CHARACTERS, max_size=8),
        max_size=6,
    ).map("".join)
)
def test_segmenting_any_text_cuts_words_as_jieba_does(sentence: str, jieba_as_shipped) -> None:
    _assert_cut_as_jieba_cuts(sentence, jieba_as_shipped)


@pytest.mark.parametrize("sentence", _SEGMENTED)
def test_spans_are_left_unsegmented_only_where_no_word_could_cross_them(sentence: str) -> None:
    boundaries = zh._sentence_boundaries(sentence)
    spans = [(start, start + 2) for start in range(len(sentence) - 1)]
    segmented = [
        any(offset in boundaries for offset in range(start + 1, end)) and not (start in boundaries and end in boundaries)
        for start, end in spans
    ]
    assert [zh.WordBoundaries(sentence).straddle(start, end) for start, end in spans] == segmented
    assert True in segmented  # the sentence has a span whose answer needs jieba


def _straddles_by_sentence(text: str, start: int, end: int) -> bool:
    """WordBoundaries.straddle as its docstring says it, without its shortcuts: the whole
    sentence around the span cut by jieba."""
    ends = [found.start() for found in zh._SENTENCE_END.finditer(text)]
    low = max((at + 1 for at in ends if at < start), default=0)
    high = min((at for at in ends if at >= end), default=len(text))
    boundaries = {offset + low for offset in zh._sentence_boundaries(text[low:high])}
    return any(offset in boundaries for offset in range(start + 1, end)) and not (start in boundaries and end in boundaries)


@hypothesis_settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_SEGMENTED) | st.text(alphabet=_SEGMENTED_CHARACTERS + "。，,", min_size=1, max_size=8), min_size=1, max_size=4).map("".join),
    st.data(),
)
@example("我们要结合同类产品，结合同类。", None)
def test_straddling_spans_are_told_as_by_cutting_the_whole_sentence(text: str, data: st.DataObject | None) -> None:
    spans = (
        [(start, end) for start in range(len(text)) for end in range(start + 1, min(len(text), start + 3) + 1)]
        if data is None
        else [(start := data.draw(st.integers(0, len(text) - 1)), data.draw(st.integers(start + 1, min(len(text), start + 4))))]
    )
    for start, end in spans:
        assert zh.WordBoundaries(text).straddle(start, end) == _straddles_by_sentence(text, start, end), (start, end)


def _crosses_by_brute_force(text: str, start: int, end: int, first: int, last: int) -> bool:
    """_crossing_word without its bounds per first character: every length up to the
    dictionary's longest word tried at every offset."""
    dictionary = zh._dictionary()
    for inner in range(start + 1, end):
        for outer in range(max(first, inner - dictionary.longest), start):
            if text[outer:inner] in dictionary.words[text[outer]]:
                return True
        for outer in range(end + 1, min(last, inner + dictionary.longest) + 1):
            if text[inner:outer] in dictionary.words[text[inner]]:
                return True
    return False


@pytest.mark.parametrize("sentence", _SEGMENTED)
def test_crossing_words_in_the_sentences_are_found_as_by_a_brute_force_search(sentence: str) -> None:
    for start in range(len(sentence)):
        for end in range(start + 1, min(len(sentence), start + 4) + 1):
            found = zh._dictionary()._crossing_word(sentence, start, end, 0, len(sentence))
            assert found == _crosses_by_brute_force(sentence, start, end, 0, len(sentence)), (start, end)


@hypothesis_settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_SEGMENTED) | st.text(alphabet=_SEGMENTED_CHARACTERS, min_size=1, max_size=8), min_size=1, max_size=4).map("".join),
    st.data(),
)
def test_crossing_words_are_found_as_by_a_brute_force_search(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, min(len(text), start + 4)))
    first, last = data.draw(st.integers(0, start)), data.draw(st.integers(end, len(text)))
    assert zh._dictionary()._crossing_word(text, start, end, first, last) == _crosses_by_brute_force(text, start, end, first, last)


RENDERING_CASES = [
        # Each form the English may use, next to a close text that is not the rendering.
        ("enterprise", "the enterprises' opening", True),
        ("enterprise", "an enterprise's plan", True),
        ("Enterprises", "one enterprise", True),
        ("city", "three cities", True),
        ("virus", "viruses", True),
        ("Close contacts", "a close contact of", True),
        ("Fecal-oral route", "the fecal oral route", True),
        ('"Three staggered" principle', "the “three staggered” principle", True),
        ("host", "a ghost story", False),
        ("host", "hostile", False),
        ("Foreign Affairs Office", "the foreign office", False),
        # Open, hyphenated (hyphen or en dash) and closed compounds, either way round.
        ("cross-border", "crossborder trade", True),
        ("cross-border", "cross border trade", True),
        ("cross border", "cross–border trade", True),
        ("cross-border", "across the border", False),
        ("cooperation", "economic co-operation", True),
        ("co-operation", "economic cooperation", True),
        ("co-operation", "the co-op", False),
        ("e-commerce", "ecommerce platforms", True),
        ("ecommerce", "e-commerce platforms", True),
        ("e-commerce", "commerce platforms", False),
        # A bracketed part dropped or used alone; a bracketed insertion in the English.
        ("Mandatory Provident Fund (MPF) scheme", "the Mandatory Provident Fund scheme", True),
        ("Mandatory Provident Fund (MPF) scheme", "the MPF scheme", True),
        ("Mandatory Provident Fund (MPF) scheme", "the Mandatory Provident Fund (MPF) scheme", True),
        ("Mandatory Provident Fund (MPF) scheme", "the MPF", False),
        ("Mandatory Provident Fund (MPF) scheme", "the provident fund scheme", False),
        ("Deposit Protection Scheme levy", "the Deposit Protection Scheme (DPS) levy", True),
        ("Deposit Protection Scheme levy", "the Deposit Protection Scheme", False),
        ("Banking Ordinance (Cap. 155)", "the Banking Ordinance", True),
        ("Banking Ordinance (Cap. 155)", "the Banking (Amendment) Bill", False),
        # Any word inflected; irregular plurals from rules/english/irregular-plurals.tsv.
        ("letter of credit", "two letters of credit", True),
        ("letter of credit", "a letter of intent", False),
        ("analysis", "their analyses", True),
        ("analyses", "the analysis", True),
        ("analysis", "the analysts", False),
        ("Government fiscal reserves", "the Government's fiscal reserves", True),
        ("Government fiscal reserves", "the Government's reserves", False),
        ("criterion", "the criteria", True),
        ("children", "a child", True),
        ("child", "childish", False),
        # A verb form of any word; an article after a preposition.
        ("spread", "to stop the disease from spreading", True),
        ("quarantine", "to be quarantined for two weeks", True),
        ("transmit", "it is transmitted by droplets", True),
        ("washing hands", "wash hands often", True),
        ("spread", "a spreadsheet", False),
        ("spread of virus", "the spread of the virus", True),
        ("spread of virus", "the spread of their virus", False),
        ("People’s Association", "the People's Association", True),
        ("People's Association", "the Peoples Association", False),  # a misspelling: the name is not there
        # "&" for "and" and back; quotes of either kind on either side; spaces around "/".
        ("Research and Development", "Research & Development", True),
        ("R&D", "R and D", True),
        ("Research and Development", "Research or Development", False),
        ("Children’s Hospital", "the Children's Hospital", True),
        ("Children's Hospital", "the Children’s Hospital", True),
        ("Children's Hospital", "the Children Hospital", True),
        ("Children's Hospital", "the Children's Home", False),
        ("input/output", "input / output", True),
        ("input / output", "input/output", True),
        ("input/output", "input and output", False),
        # A digit or symbol may follow (footnotes, amounts); a rendering may end in a symbol.
        ("Banking Ordinance", "the Banking Ordinance2 says", True),
        ("Banking Ordinance", "the Banking Ordinances", True),
        ("Banking Ordinance", "the Banking Ordinancey", False),
        ("RMB", "RMB500 million", True),
        ("US$", "US$5 billion", True),
        ("US$", "HK$5 billion", False),
        ("COVID-19", "COVID-190", False),
        # Currencies in any form of rules/english/currency-names.tsv.
        ("RMB", "500 million renminbi", True),
        ("yuan", "RMB 500 million", True),
        ("RMB bond", "renminbi bonds", True),
        ("US$", "5 billion US dollars", True),
        ("US dollar", "USD 5 billion", True),
        ("euro", "€5 billion", True),
        ("HK$", "HKD 5 billion", True),
        ("pound sterling", "five pounds sterling", True),
        ("RMB", "HKD 500 million", False),
        ("euro", "Europe", False),
        ("US$", "the USA", False),
]


@pytest.mark.parametrize("rendering, text, matches", RENDERING_CASES)
def test_rendering_variants(rendering: str, text: str, matches: bool) -> None:
    assert bool(rendering_pattern((rendering,)).search(text)) == matches
    assert fresh_pattern(rendering).found_in(text) == matches


def fresh_pattern(rendering: str, exact: bool = False):
    """A rendering's pattern not yet compiled nor kept (``rendering_pattern`` keeps them)."""
    return rendering_pattern.__wrapped__((rendering,), exact)


@pytest.mark.parametrize(
    "rendering, text, exact",
    [
        ("acute respiratory disease", "an Acute respiratory disease.", False),
        ("hand-washing", "frequent hand-washing helps", False),
        ("Mandatory Provident Fund (MPF) scheme", "the MPF scheme", False),
        ("Children's Hospital", "the children's hospital", False),
        ("COVID-19", "COVID-19 cases", True),
        ("WeChat", "(WeChat)", True),
    ],
)
def test_a_rendering_written_as_is_is_found_without_its_pattern(rendering: str, text: str, exact: bool) -> None:
    pattern = fresh_pattern(rendering, exact)
    assert pattern.found_in(text)
    assert pattern._compiled is None


@pytest.mark.parametrize(
    "rendering, text",
    [
        # Written as is, but a letter follows, or one comes before: only the pattern can tell.
        ("virus", "viruses"),
        ("flu", "influenza"),
        ("COVID-19", "COVID-190"),
        # Forms the literal leaves to the pattern: a currency (matched in the forms of
        # rules/english/currency-names.tsv: "US$" has no space), a gap the pattern does not
        # allow (a hyphen before a symbol), a letter outside ASCII (the pattern reads the
        # casefolded "strasse"), a text with İ (lower() lengthens it, so offsets would drift).
        ("US $", "5 US $ bills"),
        ("A-+", "an A-+ grade"),
        ("Zürich office", "the Zürich office"),
        ("Straße", "the Straße"),
        ("(x)", "İ(x)y"),
    ],
)
def test_found_in_agrees_with_the_pattern_where_the_literal_cannot_tell(rendering: str, text: str) -> None:
    assert fresh_pattern(rendering).found_in(text) == bool(rendering_pattern((rendering,)).search(text))


_LITERAL_PIECES = (
    "virus", "Virus", "viruses", "spread", "of", "the", "RMB", "&", "and", "COVID", "19", "-", "—", " ", "  ",
    "(", ")", "MPF", "'s", "’s", "s", "x", "1", "İ", "ſ", "\u212a", "K", "hand", "washing", ".", "/", "_",
)
_LITERAL_RENDERINGS = (
    "virus", "spread of virus", "COVID-19", "RMB", "hand-washing", "MPF scheme", "Virus (MPF)", "R&D", "virus's",
    "input/output", "K virus", "washing hands", "spread-virus", "19 virus", "the virus",
)


@hypothesis_settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(_LITERAL_RENDERINGS),
    st.booleans(),
    st.lists(st.sampled_from(_LITERAL_PIECES + _LITERAL_RENDERINGS), max_size=10),
)
def test_found_in_agrees_with_the_pattern(rendering: str, exact: bool, pieces: list[str]) -> None:
    text = "".join(pieces)
    assert fresh_pattern(rendering, exact).found_in(text) == bool(rendering_pattern((rendering,), exact).search(text))


@pytest.mark.parametrize(
    "fixed, text, matches",
    [
        # A do-not-translate form keeps its letters and case.
        ("WeChat", "on WeChat's app", True),
        ("WeChat", "on Wechat", False),
        ("iPhone", "the iPhone-X line", True),
        ("US$", "US$500", True),
        ("US$", "USD 500", False),
        ("Children’s Hospital", "Children's Hospital", True),
    ],
)
def test_exact_rendering_variants(fixed: str, text: str, matches: bool) -> None:
    assert bool(rendering_pattern((fixed,), exact=True).search(text)) == matches
    assert fresh_pattern(fixed, exact=True).found_in(text) == matches


def same_matches(pattern: RenderingPattern, text: str) -> None:
    """The pattern's search and finditer, which skip to where its openings are, find what the
    plain regex finds from the start of ``text``."""
    plain = re.compile(pattern.pattern, pattern.flags)
    expected = plain.search(text)
    found = pattern.search(text)
    assert (found and (found.span(), found.group())) == (expected and (expected.span(), expected.group()))
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]


RENDERINGS = sorted({rendering for rendering, _, _ in RENDERING_CASES})
TEXTS = sorted({text for _, text, _ in RENDERING_CASES})


@pytest.mark.parametrize("exact", [False, True])
@pytest.mark.parametrize("rendering", RENDERINGS)
def test_searching_from_the_openings_finds_what_the_regex_finds(rendering: str, exact: bool) -> None:
    pattern = rendering_pattern((rendering,), exact=exact)
    for text in TEXTS:
        for variant in (text, text.upper(), f"co e {text} re {text}", text.replace("i", "\u0130").replace("s", "\u017f")):
            same_matches(pattern, variant)


def test_a_match_is_found_after_many_openings() -> None:
    # Each "co" could start "co-operation"; the match after them is still found.
    assert rendering_pattern(("co-operation",)).search("co co " * 10 + "cooperation").span() == (60, 71)


@hypothesis_settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(RENDERINGS), min_size=1, max_size=3),
    st.lists(
        st.sampled_from(["co", "e", "the", "Fund", "office", "US", "$", "-", "(", ")", "'s", "’", " ", "ı", "İ", "ſ", "K", "x"])
        | st.sampled_from(RENDERINGS).map(str.swapcase),
        max_size=10,
    ),
    st.booleans(),
)
def test_openings_never_hide_a_match(renderings: list[str], pieces: list[str], exact: bool) -> None:
    same_matches(rendering_pattern(tuple(renderings), exact=exact), " ".join(pieces))


# Words a compound prefix may be hyphenated after (co-operation, eco-system), inflected at
# their end in each way the patterns allow, and split after every prefix they start with.
_COMPOUND_WORDS = (
    "cooperation", "ecommerce", "precautionary", "community", "replace", "reanalysis", "transmit", "ecosystem",
    "nonentity", "interferon", "multiverse", "preparedness", "co-ordinates", "subcriteria", "recoding",
)


def _compound_variants(word: str) -> list[str]:
    bare = word.replace("-", "")
    endings = ["", "s", "es", "'s", "ies", "ied", "ed", "ing", "ting", "is", "ia"]
    cut = [bare, bare[:-1], bare[:-2], bare[:-3]]
    splits = [bare[:at] + "-" + bare[at:] for at in range(1, 6)] + [bare[:at] + "–" + bare[at:] for at in (2, 3)]
    return [stem + ending for stem in cut for ending in endings] + splits + [bare[:at] for at in range(2, 6)] + [bare[2:], bare.upper()]


@hypothesis_settings(max_examples=400, deadline=None)
@given(st.data())
def test_compound_words_are_found_wherever_the_regex_finds_them(data: st.DataObject) -> None:
    # What a pattern needs a text to hold after the prefix must not keep it from a match.
    word = data.draw(st.sampled_from(_COMPOUND_WORDS))
    pieces = data.draw(st.lists(st.sampled_from(_compound_variants(word) + ["co", "e", "the", " ", "-"]), max_size=6))
    same_matches(fresh_pattern(word), " ".join(pieces))


def test_a_compound_word_is_compiled_only_where_its_text_after_the_prefix_is() -> None:
    pattern = fresh_pattern("co-operation")
    assert pattern.found_in("co and corporation") is False
    assert pattern._compiled is None
    assert pattern.found_in("the co–operations") is True
    # Recoded holds no "coding": what every match holds after a prefix must be in the whole word's start too.
    assert fresh_pattern("recoding").found_in("recoded files") is True


@pytest.mark.parametrize(
    "rendering, words, anchored",
    [
        # Every word's start must be in the text; one of them alone does not open the pattern.
        ("Foreign Affairs Office", "the foreign office", False),
        ("Foreign Affairs Office", "offices of foreign affairs", True),
        ("case fatality rate", "a rate of cases", False),
    ],
)
def test_a_form_needs_each_of_its_words(rendering: str, words: str, anchored: bool) -> None:
    pattern = fresh_pattern(rendering)
    assert (pattern._next_start(words, 0) is not None) == anchored
    pattern.found_in(words)
    assert (pattern._compiled is None) == (not anchored)


def ends_as_a_regex_says(pattern: RenderingPattern, text: str) -> bool:
    return re.search(f"(?:{pattern.pattern})\\Z", text, pattern.flags) is not None


@pytest.mark.parametrize("exact", [False, True])
@pytest.mark.parametrize("rendering", RENDERINGS)
def test_ends_agrees_with_a_search_to_the_end(rendering: str, exact: bool) -> None:
    pattern = rendering_pattern((rendering,), exact=exact)
    for text in TEXTS:
        for variant in (text, text.upper(), f"co e {text}", f"{text} x", text.replace("s", "\u017f")):
            assert pattern.ends(variant) == ends_as_a_regex_says(pattern, variant), variant


@hypothesis_settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(RENDERINGS), min_size=1, max_size=3),
    st.lists(
        st.sampled_from(["co", "e", "the", "Fund", "office", "US", "$", "-", "(", ")", "'s", "’", " ", "ı", "K", "x"])
        | st.sampled_from(RENDERINGS).map(str.swapcase),
        max_size=8,
    ),
    st.booleans(),
)
def test_ends_never_misses_a_match_at_the_end(renderings: list[str], pieces: list[str], exact: bool) -> None:
    pattern = rendering_pattern(tuple(renderings), exact=exact)
    text = " ".join(pieces)
    assert pattern.ends(text) == ends_as_a_regex_says(pattern, text)


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PROPERTY_TERMS + ("的", "和", "A", " ", "1")), max_size=12))
def test_found_terms_are_real_and_never_overlap(pieces: list[str]) -> None:
    text = "".join(pieces)
    matches = PROPERTY_INDEX.find(text)
    for match in matches:
        assert text[match.start : match.end] == match.term.source
    assert all(first.end <= second.start for first, second in zip(matches, matches[1:]))
    # Every term written into the text is found, or lies in or against a longer one that is.
    for term in PROPERTY_TERMS:
        at = text.find(term)
        if at >= 0 and term != "CDC":
            assert any(m.start < at + len(term) and at < m.end for m in matches)


def test_no_glossary_gives_no_index() -> None:
    assert term_index(()) is None


# --- TM01 ---------------------------------------------------------------------------------


@pytest.fixture
def office_glossary(tmp_path: Path) -> tuple[str, ...]:
    return (
        write(
            tmp_path,
            "g.tsv",
            "zh\ten\tforbidden\tdnt\n"
            "外办\tForeign Affairs Office\tForeign Office\t\n"
            "重庆邮电大学\tChongqing University of Posts and Telecommunications\t\t\n"
            "企业\tenterprise\t\t\n"
            "iPhone\t\t\tyes\n"
            "微信\tWeChat\t\tyes\n",
        ),
    )


@pytest.mark.parametrize(
    "zh, en, flagged_source",
    [
        # The approved rendering is missing: the Chinese term is pointed at.
        ("市政府外办主任", "Director of the municipal foreign bureau", "外办"),
        # Traditional text with pinyin annotations matches the simplified glossary; the span
        # points into the original text (an annotation at its edge stays outside).
        ("重慶郵電(diàn)大學(xué)副校長", "Vice President of Chongqing University", "重慶郵電(diàn)大學"),
        ("各企业", "all companies", "企业"),
    ],
)
def test_tm01_flags_a_missing_rendering(office_glossary: tuple[str, ...], zh: str, en: str, flagged_source: str) -> None:
    (finding,) = findings_of("TM01", [(zh, en)], office_glossary)
    assert spanned(finding) == ("source", flagged_source)


@pytest.mark.parametrize(
    "zh, en",
    [
        ("市政府外办主任", "Director of the FOREIGN AFFAIRS OFFICE"),  # case does not matter
        ("各企业", "the enterprises' opening up"),  # plural possessive
        ("企业的发展", "an enterprise's development"),
        ("市政府外办主任", "Director of the Foreign Office"),  # forbidden: TM02's finding, not TM01's
        ("用微信付款", "Pay with Weixin"),  # do-not-translate: TM03's finding
        ("市政府外办主任", ""),  # empty: SG01's
        ("市政府外办主任", "市政府外办主任"),  # untranslated: SG02's
    ],
)
def test_tm01_leaves_alone(office_glossary: tuple[str, ...], zh: str, en: str) -> None:
    assert findings_of("TM01", [(zh, en)], office_glossary) == ()


BANK_GLOSSARY = (
    "zh\ten\n"
    "強制性公積金計劃\tMandatory Provident Fund (MPF) scheme\n"
    "跨境\tcross-border\n"
    "合同\tcontract\n"
    "人民币\tRMB\n"
    "銀行業條例\tBanking Ordinance (Cap. 155)\n"
)


@pytest.mark.parametrize(
    "zh, en, flagged",
    [
        ("參加強制性公積金計劃", "join an MPF scheme", None),
        ("參加強制性公積金計劃", "join a provident fund", "強制性公積金計劃"),
        ("跨境支付", "crossborder payments", None),
        ("跨境支付", "payments abroad", "跨境"),
        ("根據銀行業條例", "under the Banking Ordinance2", None),
        ("根據銀行業條例", "under the banking law", "銀行業條例"),
        ("人民币500亿元", "50 billion yuan", None),
        ("人民币500亿元", "HK$50 billion", "人民币"),
        ("结合同类产品", "combine similar products", None),
        ("签订合同", "sign the agreement", "合同"),
    ],
)
def test_tm01_on_a_bank_termbase(tmp_path: Path, zh: str, en: str, flagged: str | None) -> None:
    found = findings_of("TM01", [(zh, en)], (write(tmp_path, "bank.tsv", BANK_GLOSSARY),))
    assert [finding.match for finding in found] == ([flagged] if flagged else [])


def test_tm_rules_do_nothing_without_a_glossary() -> None:
    assert findings_of("TM", [("市政府外办主任", "Director of the Foreign Office")]) == ()


def test_tm01_reports_a_repeated_term_once(office_glossary: tuple[str, ...]) -> None:
    assert len(findings_of("TM01", [("外办和外办", "the office and the office")], office_glossary)) == 1


# --- TM02 ---------------------------------------------------------------------------------


def test_tm02_points_at_the_forbidden_rendering_with_a_fix(office_glossary: tuple[str, ...]) -> None:
    (finding,) = findings_of("TM02", [("市政府外办主任", "Director of the foreign offices")], office_glossary)
    assert spanned(finding) == ("target", "foreign offices")
    assert finding.replacement == "Foreign Affairs Office"


@pytest.mark.parametrize(
    "zh, en",
    [
        ("英国外交部", "the British Foreign Office"),  # the term is not in the Chinese
        ("市政府外办主任", "Director of the Foreign Affairs Office"),
    ],
)
def test_tm02_leaves_alone(office_glossary: tuple[str, ...], zh: str, en: str) -> None:
    assert findings_of("TM02", [(zh, en)], office_glossary) == ()


def test_tm02_ignores_forbidden_words_inside_an_approved_rendering(tmp_path: Path) -> None:
    glossary = (write(tmp_path, "g.tsv", "zh\ten\tforbidden\n外办\tForeign Affairs Office\tOffice\n"),)
    assert findings_of("TM02", [("外办", "the Foreign Affairs Office")], glossary) == ()
    (finding,) = findings_of("TM02", [("外办", "the Office")], glossary)
    assert spanned(finding) == ("target", "Office")


# --- TM03 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "zh, en, expected, replacement",
    [
        ("打开iPhone的设置", "Open the IPHONE settings", ("target", "IPHONE"), "iPhone"),
        ("用微信付款", "Pay with Wechat", ("target", "Wechat"), "WeChat"),
        ("用微信付款", "Pay with Weixin", ("source", "微信"), None),
        # Full-width letters in the Chinese are matched through NFKC.
        ("打开ｉＰｈｏｎｅ的设置", "Open the settings", ("source", "ｉＰｈｏｎｅ"), None),
    ],
)
def test_tm03_flags_a_changed_term(office_glossary, zh: str, en: str, expected: tuple[str, str], replacement) -> None:
    (finding,) = findings_of("TM03", [(zh, en)], office_glossary)
    assert spanned(finding) == expected and finding.replacement == replacement


@pytest.mark.parametrize("en", ["Open the iPhone settings", "both iPhones", "the iPhone's settings"])
def test_tm03_accepts_the_fixed_form(office_glossary: tuple[str, ...], en: str) -> None:
    assert findings_of("TM03", [("打开iPhone的设置", en)], office_glossary) == ()



@pytest.mark.parametrize(
    "code, second, zh, en",
    [
        ("TM02", "外办\tForeign Affairs Office\tForeign Office\t\n", "市政府外办主任", "Director of the Foreign Office"),
        ("TM03", "微信\tWeChat\t\tyes\n", "用微信付款", "Pay with Weixin"),
    ],
)
def test_tm02_and_tm03_read_every_glossary_for_their_terms(tmp_path: Path, code: str, second: str, zh: str, en: str) -> None:
    # The first glossary gives these rules nothing to look for; the second does.
    plain = write(tmp_path, "plain.tsv", "zh\ten\n企业\tenterprise\n")
    assert findings_of(code, [(zh, en)], (plain,)) == ()
    more = write(tmp_path, "more.tsv", "zh\ten\tforbidden\tdnt\n" + second)
    (finding,) = findings_of(code, [(zh, en)], (plain, more))
    assert finding.code == code

# --- the sample ---------------------------------------------------------------------------


def sample_pairs() -> list[SegmentPair]:
    with open_input(str(SAMPLE)) as stream:
        return list(read_pairs(stream, str(SAMPLE), ReadOptions()))


def test_sample_has_no_term_or_consistency_finding_by_default() -> None:
    assert check_document(sample_pairs(), "sample", select_rules(["TM", "CS", "SG06"])).findings == ()


def test_sample_uses_its_glossary(tmp_path: Path) -> None:
    settings = CheckSettings(glossaries=(write(tmp_path, "sample.tsv", SAMPLE_GLOSSARY),))
    assert check_document(sample_pairs(), "sample", select_rules(["TM"]), settings).findings == ()


def test_sample_with_a_changed_name_is_flagged(tmp_path: Path) -> None:
    settings = CheckSettings(glossaries=(write(tmp_path, "sample.tsv", SAMPLE_GLOSSARY),))
    pairs = sample_pairs()
    first = pairs[0]
    changed = SegmentPair(
        first.id,
        first.source,
        first.target.replace("Chongqing University of Posts and Telecommunications", "Chongqing Telecom University"),
        first.location,
    )
    findings = check_document([changed, *pairs[1:]], "sample", select_rules(["TM"]), settings).findings
    assert [(f.code, f.segment_id, f.match) for f in findings] == [("TM01", first.id, "重慶郵電大學")]


def test_tico_glossary_over_the_tico_memory(shared_dir: Path) -> None:
    tico = shared_dir / "fixtures/tico19_en_zh"
    with open_input(str(tico / "all.en-zh.tmx")) as stream:
        pairs = list(read_pairs(stream, "tico.tmx", ReadOptions()))
    settings = CheckSettings(glossaries=(str(tico / "g_zh-CN_en.csv"),))
    findings = check_document(pairs, "tico.tmx", select_rules(["TM"]), settings).findings
    flagged = {(f.segment_id, f.match) for f in findings}
    # "mean incubation period" is not the glossary's "Average incubation period".
    assert ("PubMed_7:268", "平均潜伏期") in flagged
    # 密切接触者 → "Close contacts" is found as "close contact" (singular).
    close_contacts = {p.id for p in pairs if "密切接触者" in p.source and "close contact" in p.target.lower()}
    assert close_contacts and not {(pair_id, "密切接触者") for pair_id in close_contacts} & flagged


# --- CS01 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "texts, flagged",
    [
        # A later pair with another translation is reported, not the first.
        ([("添加书签", "Add bookmark"), ("添加书签", "Bookmark this page")], ["s2"]),
        # Each divergent later pair is reported; a pair agreeing with the first is not.
        ([("登录", "Log in"), ("登录", "Sign in"), ("登录", "log in."), ("登录", "Sign In")], ["s2", "s4"]),
        # Case, spacing, punctuation, quote style and plural endings do not make a difference.
        ([("书签", "Bookmarks"), ("书签", "bookmark")], []),
        ([("我们卖苹果、梨和桃子。", "We sell apples, pears and peaches."), ("我们卖苹果、梨和桃子。", "we sell apples, pears, and peaches")], []),
        ([("添加书签", "It’s time bound"), ("添加书签", "it's timebound")], []),
        # The script of the Chinese does not make a difference either.
        ([("添加书签", "Add bookmark"), ("添加書籤", "Bookmark this page")], ["s2"]),
        # Empty and untranslated targets are other rules' findings.
        ([("添加书签", "Add bookmark"), ("添加书签", ""), ("添加书签", "添加书签")], []),
        ([("添加书签", "Add bookmark"), ("删除书签", "Delete bookmark")], []),
    ],
)
def test_cs01(texts: list[tuple[str, str]], flagged: list[str]) -> None:
    findings = findings_of("CS01", texts)
    assert [f.segment_id for f in findings] == flagged
    assert all("at line 1;" in f.message and not f.spans for f in findings)


# --- CS02 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "texts, flagged",
    [
        # A translation repeated for an unrelated sentence: a wrong match or a copy.
        ([("请填写您的姓名和地址。", "Please fill in your name and address."), ("本店周一至周五营业。", "Please fill in your name and address")], ["s2"]),
        # Rewordings of one message may share a translation.
        ([("打开已复制的链接", "Go to copied link"), ("转到复制的链接", "Go to copied link")], []),
        # Sources that differ only in punctuation, spacing or case.
        ([("第三步：保存文件", "Step 3: save the file"), ("第三步: 保存文件 ", "Step 3: save the file")], []),
        # Short translations are shared by many sources.
        ([("取消", "Cancel"), ("撤销", "Cancel")], []),
        ([("好", "OK then, fine"), ("可以", "OK then, fine")], []),
        ([("请填写您的姓名和地址。", "Please fill in your name."), ("本店周一至周五营业。", "")], []),
    ],
)
def test_cs02(texts: list[tuple[str, str]], flagged: list[str]) -> None:
    assert [f.segment_id for f in findings_of("CS02", texts)] == flagged


def test_consistency_state_is_per_document() -> None:
    rules = select_rules(["CS01"])
    check_document(pairs_of(("添加书签", "Add bookmark")), "a.txt", rules)
    assert check_document(pairs_of(("添加书签", "Bookmark this page")), "b.txt", rules).findings == ()


def _signature_as_a_set(text: str) -> set[int]:
    """The character signature by its definition: the low 7 bits of each code point (of each
    UTF-16 unit, as a surrogate pair is two)."""
    units = text.encode("utf-16-le", "surrogatepass")
    return {units[index] % SIGNATURE_BITS for index in range(0, len(units), 2)}


def test_each_signature_value_has_a_bit_of_its_own_within_the_signature() -> None:
    bits = [character_signature(chr(value)) for value in range(SIGNATURE_BITS)]
    assert all(bit.bit_count() == 1 and bit < 1 << SIGNATURE_BITS for bit in bits)
    assert len(set(bits)) == SIGNATURE_BITS
    assert character_signature("") == 0
    # A value's bit is the same whatever else the text holds.
    assert character_signature("".join(map(chr, range(SIGNATURE_BITS)))) == sum(bits)


@hypothesis_settings(max_examples=300)
@given(st.text(), st.text())
def test_character_signatures_count_what_the_character_sets_share(first: str, second: str) -> None:
    first_set, second_set = _signature_as_a_set(first), _signature_as_a_set(second)
    first_signature, second_signature = character_signature(first), character_signature(second)
    assert first_signature.bit_count() == len(first_set)
    assert (first_signature & second_signature).bit_count() == len(first_set & second_set)
    total = len(first_set) + len(second_set)
    assert shared_characters(first_signature, second_signature) == (2 * len(first_set & second_set) / total if total else 1.0)


# Texts heavy in what the ASCII reduction turns on: final s, case, spacing and punctuation.
_REDUCIBLE = st.text(alphabet=st.sampled_from("sSaZ09 \t\n,.'_-") | st.characters(max_codepoint=127))
# The same with characters beyond ASCII: some the reduction drops as it drops a space (dash,
# quotes, a zero-width space, a combining accent, which folds to itself), some that fold to
# letters or digits (ß, the Kelvin sign, a long s, a superscript two, the Greek iota subscript).
_MOSTLY_ASCII = st.text(alphabet=st.sampled_from("sSaZ09 \t,._-—–“”’°\u200b\u0301ßKſ²\u0345é"))


@hypothesis_settings(max_examples=500)
@given(_REDUCIBLE | _MOSTLY_ASCII | st.text())
def test_a_target_hash_is_the_hash_of_the_reduced_target_whatever_the_text(text: str) -> None:
    from qa_tool.checks._consistency import _reduced_target, _target_hash, reduced_ascii_target, text_hash

    # The ASCII fast path against the full reduction it stands for.
    if text.isascii():
        assert reduced_ascii_target(text.encode("ascii")) == _reduced_target(text).encode("ascii")
    assert _target_hash(text) == text_hash(_reduced_target(text))


@pytest.mark.parametrize(
    "text, spaced",
    [
        ("Fever—cough, “Bookmarks” 5°", "Fever cough,  Bookmarks  5 "),
        ("Bookmarks\u200b", "Bookmarks "),
        ("Café—bookmarks", "Café—bookmarks"),  # é is a letter: the whole text takes the full reduction
        ("Bookmark\u212a", "Bookmark\u212a"),  # the Kelvin sign folds to k
        ("Bookmark²", "Bookmark²"),  # a digit
        ("Bookmark\u0345", "Bookmark\u0345"),  # no letter itself, but folds to the letter iota
    ],
)
def test_only_characters_that_fold_to_no_letter_or_digit_are_spaced(text: str, spaced: str) -> None:
    from qa_tool.checks._consistency import _spaced_non_word

    assert _spaced_non_word(text) == spaced


def test_the_ascii_reduction_drops_case_spacing_punctuation_and_final_s() -> None:
    from qa_tool.checks._consistency import reduced_ascii_target

    assert reduced_ascii_target(b"Fever, cough, and Bookmarks.") == b"fevercoughandbookmark"
    assert reduced_ascii_target(b"class_s s's") == b"clas"


@hypothesis_settings(max_examples=60)
@given(st.lists(st.tuples(st.integers(min_value=-(2**63), max_value=2**64), st.integers(min_value=0, max_value=2**96)), max_size=3000))
def test_first_seen_keeps_the_first_record_of_each_key_like_a_dict(entries: list[tuple[int, int]]) -> None:
    # Enough keys to make the table grow several times; keys are compared as 64-bit words, as hashes are.
    index, expected = FirstSeen(words=2), {}
    for key, record in entries:
        word = key & (2**64 - 1) or 1
        assert index.first(key, record) == expected.get(word)
        expected.setdefault(word, record)


@pytest.mark.parametrize(
    "memory_records, filter_bits",
    [(1 << 30, 1 << 24), (100, 1 << 24), (100, 1 << 10)],  # in memory; on disk; on disk, the filter doubling
    ids=["memory", "disk", "disk-filter-grows"],
)
def test_first_seen_on_disk_keeps_the_first_record_of_each_key_like_a_dict(monkeypatch, memory_records: int, filter_bits: int) -> None:
    from qa_tool.checks._consistency import _FirstSeenOnDisk

    monkeypatch.setattr(FirstSeen, "MEMORY_RECORDS", memory_records)
    monkeypatch.setattr(_FirstSeenOnDisk, "_INITIAL_BITS", filter_bits)
    monkeypatch.setattr(_FirstSeenOnDisk, "_BATCH", 64)
    generator = random.Random(7)
    edges = [0, 1, 2**63 - 1, 2**63, 2**64 - 1, 2**64, -1]
    keys = [generator.getrandbits(64) for _ in range(2000)] + edges
    index, expected = FirstSeen(words=3), {}
    for step in range(6000):
        key = generator.choice(keys) if step % 3 else generator.getrandbits(64)
        record = generator.getrandbits(192)
        word = key & (2**64 - 1) or 1
        assert index.first(key, record) == expected.get(word)
        expected.setdefault(word, record)
    assert (index._on_disk is not None) is (memory_records < len(expected))  # noqa: SLF001


def test_a_spilled_first_seen_filter_costs_about_a_byte_a_key(monkeypatch) -> None:
    # The filter is what a spilled table keeps in memory and it grows with the file: at most a
    # byte a key once it has doubled (two bytes, just after a doubling), never the two to four
    # of 16 bits a key.
    from qa_tool.checks._consistency import _FirstSeenOnDisk

    monkeypatch.setattr(FirstSeen, "MEMORY_RECORDS", 100)
    monkeypatch.setattr(_FirstSeenOnDisk, "_INITIAL_BITS", 1 << 10)
    generator = random.Random(11)
    index = FirstSeen(words=1)
    for count in range(1, 20_001):
        index.first(generator.getrandbits(64), count)
        if count % 5_000 == 0:
            on_disk = index._on_disk  # noqa: SLF001
            assert on_disk is not None and count <= len(on_disk._filter) <= 2 * count  # noqa: SLF001


def test_consistency_names_an_earlier_pair_without_a_line_by_its_id() -> None:
    pairs = [SegmentPair(f"u{n}", "添加书签", en, Location("doc.xlf")) for n, en in enumerate(["Add bookmark", "Bookmark it"])]
    (finding,) = check_document(pairs, "doc.xlf", select_rules(["CS01"])).findings
    assert "segment u0" in finding.message


# --- bounded work on a long segment ---------------------------------------------------------


def _glossary_seconds(repeats: int, glossary: str) -> float:
    texts = [("你好", "Hello"), ("病毒。" * repeats, "Note (" + "-(" * repeats + "a" * repeats)]
    started = time.perf_counter()
    findings_of("TM01", texts, (glossary,))
    return time.perf_counter() - started


def test_a_term_repeated_through_a_long_segment_costs_time_linear_in_its_length(tmp_path: Path) -> None:
    # Each match once decoded the whole text before it and was compared with every match kept,
    # and the acronym patterns read a long run again from each character: a 90,000-character
    # segment took minutes. Ten times the text may take ten times as long, not a hundred.
    glossary = write(tmp_path, "g.tsv", "zh\ten\n病毒\tvirus\n")
    _glossary_seconds(100, glossary)  # load the glossary and jieba's dictionary once
    short = max(_glossary_seconds(3_000, glossary), 0.02)
    long = _glossary_seconds(30_000, glossary)
    if long > 40 * short:  # a busy machine can stall one run
        long = min(long, _glossary_seconds(30_000, glossary))
    assert long <= 40 * short


def test_one_glossary_is_indexed_with_its_terms_as_merged(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", "zh\ten\n外辦\tForeign Affairs Office\n外办\tFAO; fao\n外办\tforeign affairs office\n新冠肺炎\tCOVID-19\n")
    assert term_index((path,)).terms == merge_terms(read_entries(path)) == load_glossary(path).terms


def test_merging_merged_terms_changes_nothing(shared_dir: Path) -> None:
    # What indexing one glossary's terms as they are relies on.
    for path in sorted((shared_dir / "fixtures").glob("tico19_*/*.csv")):
        terms = load_glossary(str(path)).terms
        assert merge_terms(terms) == terms


_CELL_PIECES = ("新冠肺炎", "COVID-19", " ", "  ", ";", "；", " : ", ":", "[short]", "[", "]", "a", "\t")


@hypothesis_settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CELL_PIECES), max_size=8))
def test_a_cell_without_marks_is_read_as_the_full_reading_reads_it(pieces: list[str]) -> None:
    cell = "".join(pieces)
    quick = glossary._alternatives(cell)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(glossary, "_MARK", re.compile(""))  # every cell read in full
        assert glossary._alternatives(cell) == quick


@pytest.mark.parametrize("source", ["艾滋病（AIDS）", "新冠肺炎 (COVID-19)", "COVID-19 检测", "冠状病毒", "CDC", "(注)", "注)"])
def test_a_term_without_a_gloss_has_no_bare_form(source: str) -> None:
    term = Term(source, (Rendering("x", "g.tsv", 2),))
    quick = glossary._matched_forms(term, bare=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(glossary, "_GLOSS_END", "")  # every form looked at in full
        assert glossary._matched_forms(term, bare=True) == quick


def _merged_row_by_row(rows: list[Term]) -> tuple[Term, ...]:
    """merge_terms without its shortcut: every row added to its form's merged term."""
    merged: dict[str, glossary._MergedTerm] = {}
    for row in rows:
        merged.setdefault(row.key, glossary._MergedTerm(row)).add(row)
    return tuple(entry.term() for entry in merged.values())


_RENDERING_TEXTS = st.sampled_from(["virus", "Virus", "VIRUS", "germ", "bug"])


@st.composite
def _rows(draw: st.DrawFn) -> list[Term]:
    rows = []
    for line in range(draw(st.integers(1, 6))):
        renderings = lambda: tuple(Rendering(text, "g.tsv", line) for text in draw(st.lists(_RENDERING_TEXTS, max_size=3)))  # noqa: E731
        rows.append(Term(
            draw(st.sampled_from(["病毒", "病 毒", "細菌", "细菌"])), renderings(), renderings(), draw(st.booleans()),
            draw(st.sampled_from(["", "note", "other"])), "g.tsv", line,
        ))
    return rows


def _merged_or_refused(merge, rows: list[Term]) -> tuple[Term, ...] | str:
    try:
        return merge(rows)
    except InputError as error:
        return str(error)


@given(_rows())
def test_rows_kept_as_merged_merge_as_every_row_added_would(rows: list[Term]) -> None:
    # Same terms, and the same refusal (the first contradiction in file order).
    assert _merged_or_refused(merge_terms, rows) == _merged_or_refused(_merged_row_by_row, rows)


def test_a_row_that_repeats_or_contradicts_itself_is_still_merged() -> None:
    repeated = Term("病毒", (Rendering("virus", "g.tsv", 2), Rendering("Virus", "g.tsv", 2)), path="g.tsv", line=2)
    assert merge_terms([repeated])[0].approved == (Rendering("virus", "g.tsv", 2),)
    contradicting = Term("病毒", (Rendering("virus", "g.tsv", 2),), (Rendering("VIRUS", "g.tsv", 2),), path="g.tsv", line=2)
    with pytest.raises(InputError, match="approves it"):
        merge_terms([contradicting])
