"""Check stage: every rule's documented examples, table-driven cases per rule, the registry."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path
import re

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

import qa_tool
import qa_tool.checks
from qa_tool.checks import BUILTIN_RULES, select_rules
from qa_tool.checks.base import CheckSettings, Example
from qa_tool.checks.gr01_missing_possessive_apostrophe import (
    _ASCII_CAPITALISED,
    _BARE_S_PHRASE,
    _CAPITALISED,
    _bare_s_phrases,
    _capitalised_words,
    _name_readings,
    _reads_si,
    _romanises_a_source_name,
)
from qa_tool.languages.zh import HAN_RUN
from qa_tool.engine import check_document
from qa_tool.errors import InputError
from qa_tool.model import Location, SegmentPair, Side
from qa_tool.packs import available_rules
from qa_tool.readers import ReadOptions, open_input, read_pairs


def pairs_of(*texts: tuple[str, str], alignment: float | None = None) -> list[SegmentPair]:
    return [
        SegmentPair(f"s{n}", zh, en, Location("doc.txt", line=n), alignment=alignment)
        for n, (zh, en) in enumerate(texts, start=1)
    ]


def findings_of(code: str, *texts: tuple[str, str], alignment: float | None = None):
    rules = select_rules([code])
    return check_document(pairs_of(*texts, alignment=alignment), "doc.txt", rules).findings


EXAMPLES = [
    pytest.param(rule.meta.code, example, id=f"{rule.meta.code}-{n}-{'flag' if example.flagged else 'pass'}")
    for rule in BUILTIN_RULES
    for n, example in enumerate(rule.meta.examples)
]


@pytest.mark.parametrize("code, example", EXAMPLES)
def test_documented_example_behaves_as_documented(code: str, example: Example, tmp_path) -> None:
    settings = CheckSettings()
    if example.glossary:
        glossary = tmp_path / "glossary.tsv"
        glossary.write_text(example.glossary, encoding="utf-8")
        settings = CheckSettings(glossaries=(str(glossary),))
    if example.variant:
        settings = CheckSettings(variant=example.variant)
    pairs = pairs_of(*example.earlier, (example.source, example.target), alignment=example.alignment)
    result = check_document(pairs, "doc.txt", select_rules([code]), settings)
    findings = [finding for finding in result.findings if finding.pair is pairs[-1]]
    assert bool(findings) == example.flagged, [f.message for f in findings]


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=lambda rule: rule.meta.code)
def test_rule_metadata_is_complete(rule) -> None:
    meta = rule.meta
    assert re.fullmatch(r"[A-Z]{2}\d\d", meta.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", meta.name)
    assert "/" in meta.category or meta.category == "Source error"
    assert meta.summary and len(meta.rationale) > 80
    assert any(e.flagged for e in meta.examples) and any(not e.flagged for e in meta.examples)
    assert rule.__module__.rsplit(".", 1)[-1].startswith(meta.code.lower() + "_")


def test_every_rule_module_is_registered_once() -> None:
    modules = {
        name for _, name, _ in pkgutil.iter_modules(qa_tool.checks.__path__) if re.match(r"[a-z]{2}\d\d_", name)
    }
    registered = [rule.__module__.rsplit(".", 1)[-1] for rule in BUILTIN_RULES]
    assert sorted(registered) == sorted(modules)
    codes = [rule.meta.code for rule in BUILTIN_RULES]
    assert codes == sorted(set(codes))


@pytest.mark.parametrize(
    "select, ignore, expected",
    [
        (["ALL"], [], {rule.meta.code for rule in BUILTIN_RULES}),
        (["SG"], ["SG05"], {rule.meta.code for rule in BUILTIN_RULES if rule.meta.code.startswith("SG")} - {"SG05"}),
        (["missing-possessive-apostrophe"], [], {"GR01"}),
        (["gr01", "SG01"], [], {"GR01", "SG01"}),
    ],
)
def test_select_and_ignore(select, ignore, expected) -> None:
    assert {rule.meta.code for rule in select_rules(select, ignore)} == expected


def test_unknown_selector_is_an_error() -> None:
    with pytest.raises(InputError, match="XX01"):
        select_rules(["XX01"])


# (document as (zh, en) pairs, expected (matched text, replacement) findings)
GR01_CASES = [
    pytest.param(
        [("重庆经济", "the development of Chongqings economy."), ("重庆", "Chongqing is a city.")],
        [("Chongqings", "Chongqing's")],
        id="stem-in-another-segment",
    ),
    pytest.param(
        [("市委、市政府决策", "the CPC Committee and the Municipal Governments decision"), ("市政府", "People's Government")],
        [("Governments", "Government's")],
        id="plural-of-a-noun-seen-singular",
    ),
    pytest.param([("妇联", "the Womens Federation")], [("Womens", "Women's")], id="irregular-plural"),
    pytest.param([("各国人民", "Peoples of the world, the People's Republic")], [], id="followed-by-function-word"),
    pytest.param([("菲律宾经济", "Philippines economy and the Philippine islands")], [], id="listed-plural-country"),
    pytest.param([("重庆邮电大学", "Posts and Telecommunications, Telecommunication")], [], id="listed-plural-word"),
    pytest.param([("其经济", "Its economy grew; it was strong.")], [], id="function-word-its"),
    pytest.param([("使用指纹访问登录信息", "access Logins now, or a Login")], [], id="adverb-follows"),
    pytest.param([("党管外事", "the Party's management, and enterprises' development")], [], id="apostrophes-present"),
    pytest.param([("重庆", "Chongqings, economy and Chongqing")], [], id="punctuation-between"),
    pytest.param([("企业", "Enterprises agreed. Enterprise is key.")], [], id="plural-subject-starts-sentence"),
    pytest.param([("重庆经济", "CHONGQINGS ECONOMY and CHONGQING")], [], id="all-capitals-heading"),
    pytest.param([("各国政府", "the Governments agreed, and the Government")], [], id="past-tense-verb-follows"),
    pytest.param([("美国人", "if Americans want the American Dream")], [], id="listed-demonym"),
    pytest.param([("全科医生", "over 500 urban GPs each week, and one GP")], [], id="acronym-plural"),
    pytest.param([("注意：数字", "Note: Figures correspond to the Figure")], [], id="plural-subject-after-colon"),
    pytest.param([("约翰斯·霍普金斯大学", "Johns Hopkins University, said John")], [], id="listed-name"),
    pytest.param([("麦当劳餐厅", "the McDonalds restaurant of McDonald")], [("McDonalds", "McDonald's")], id="camel-case-name"),
    pytest.param([("武汉经济", "the growth of Wuhans economy in Wuhan")], [("Wuhans", "Wuhan's")], id="pinyin-place-ending-in-an"),
    # The stem is the pinyin of the source's Chinese: a name, flagged with no other evidence,
    # at a sentence start and when the word ends in "is".
    pytest.param([("四川经济发展迅速", "Sichuans economy grew fast.")], [("Sichuans", "Sichuan's")], id="pinyin-stem-in-source"),
    pytest.param([("经济发展迅速", "Sichuans economy grew fast.")], [], id="pinyin-stem-not-in-source"),
    pytest.param([("湖北经济", "the growth of Hubeis economy")], [("Hubeis", "Hubei's")], id="pinyin-stem-ending-in-i"),
    pytest.param([("巴黎经济", "the growth of Paris economy")], [], id="name-ending-in-is"),
    # 斯 writes the s of a foreign name.
    pytest.param([("阿米努斯团队", "the Aminus team")], [], id="transliterated-final-s"),
    pytest.param([("阿米努团队", "the Aminus team")], [("Aminus", "Aminu's")], id="transliterated-name-without-s"),
    # An interjection's reading without a vowel (嗯 n) is never part of a name.
    pytest.param([("吗嗯好", "the Mans report")], [], id="vowelless-reading"),
    pytest.param([("马努好", "the Manus report")], [("Manus", "Manu's")], id="name-of-two-syllables"),
    # A verb and its object, an adverb, a plural determiner or a number: a plural.
    pytest.param([("学生会号召抵制", "Student Unions urge a boycott. The Student Union is large.")], [], id="verb-and-object-follow"),
    pytest.param([("学生会抵制计划", "Student Unions boycott plan. The Student Union is large.")], [("Unions", "Union's")], id="noun-follows"),
    pytest.param([("记者近日获悉", "(Reporter Zhang) Reporters recently learned that")], [], id="adverb-follows"),
    pytest.param([("记者报道", "the Reporters recent report. The Reporter said")], [("Reporters", "Reporter's")], id="adjective-follows"),
    pytest.param([("很多App", "many Apps cooperate with Meta, and one App")], [], id="plural-determiner-before"),
    pytest.param([("三江源", "the Three Rivers source area and the River")], [], id="number-before"),
    pytest.param([("App广告", "the Apps advertising and one App")], [("Apps", "App's")], id="no-determiner-before"),
    # The document uses the word as a plural elsewhere.
    pytest.param([("麦乐鸡", "Chicken McNuggets, no Chicken McNuggets sauce. A McNugget")], [], id="plural-used-elsewhere"),
    pytest.param([("麦乐鸡", "no Chicken McNuggets sauce. A McNugget")], [("McNuggets", "McNugget's")], id="plural-used-only-before-nouns"),
    # The singular only as a modifier inside a Title Case name is no evidence.
    pytest.param([("双子座流星雨", "the Twins meteor rain and the Twin Moon meteor")], [], id="stem-only-inside-a-name"),
    pytest.param([("双子座流星雨", "the Twins meteor rain and the Twin")], [("Twins", "Twin's")], id="stem-ends-a-name"),
    # Names that end in s.
    pytest.param([("布鲁塞尔峰会", "the Brussels summit, as Brussel is spelt in Dutch")], [], id="listed-name-ending-in-s"),
    pytest.param([("双子座流星雨", "the Geminids meteor shower, one Geminid")], [], id="listed-meteor-shower"),
    # Phrases a quick reject must let through: a tab or no-break space after the word, an
    # irregular plural before a capital, a word of a listed name used outside it.
    pytest.param([("重庆经济", "Chongqings\teconomy in Chongqing")], [("Chongqings", "Chongqing's")], id="tab-after-the-word"),
    pytest.param([("重庆经济", "Chongqings\u00a0economy in Chongqing")], [("Chongqings", "Chongqing's")], id="no-break-space-after"),
    pytest.param([("人民协会", "Peoples Association")], [("Peoples", "People's")], id="irregular-plural-before-a-capital"),
    pytest.param([("各州经济", "the States economy and the State")], [("States", "State's")], id="word-of-a-listed-name-alone"),
]


@pytest.mark.parametrize("document, expected", GR01_CASES)
def test_gr01_missing_possessive_apostrophe(document, expected) -> None:
    findings = findings_of("GR01", *document)
    assert [(f.match, f.replacement) for f in findings] == expected
    for finding in findings:
        assert finding.spans[0].side is Side.TARGET


_BARE_S_PIECES = ["Sichuan", "s", "S", "'", "’", " ", "\t", "\u00a0", "\n", "economy", "É", "\u0301", ",", "1"]


@hypothesis_settings(max_examples=500)
@given(st.lists(st.sampled_from(_BARE_S_PIECES), max_size=10))
def test_gr01_reads_bare_s_phrases_only_where_a_word_in_s_has_spaces_after(pieces: list[str]) -> None:
    text = "".join(pieces)
    if _BARE_S_PHRASE.search(text):
        assert _capitalised_words(text)[2]


@hypothesis_settings(max_examples=500)
@given(st.lists(st.sampled_from(["Sichuan", "s", "S", "'", "a", " ", "\t", "\n", ",", "1", "-", "_"]), max_size=12))
def test_gr01_reads_ascii_text_as_the_unicode_pattern_does(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _ASCII_CAPITALISED.findall(text) == _CAPITALISED.findall(text)


@hypothesis_settings(max_examples=500)
@given(st.lists(st.sampled_from(["Ones", "Is", "s", "S", "'", "a", " ", "\t", "\n", ",", "1", "-", "Ü", "\u00a0"]), max_size=12))
def test_gr01_finds_the_bare_s_phrases_the_unicode_pattern_finds(pieces: list[str]) -> None:
    # ASCII text is searched with an ASCII pattern, from each match's start on.
    text = "".join(pieces)
    expected = [(phrase.span(), phrase.groupdict()) for phrase in _BARE_S_PHRASE.finditer(text, overlapped=True)]
    assert [(phrase.span(), phrase.groupdict()) for phrase in _bare_s_phrases(text)] == expected


def _romanised_names(source: str) -> set[str]:
    """Every name _romanises_a_source_name accepts, spelt out: each reading of each run of two
    to four characters that no character read "si" follows."""
    names: set[str] = set()
    for run in HAN_RUN.finditer(source):
        characters = run.group()
        for start in range(len(characters)):
            spelt = _name_readings(characters[start])
            for end in range(start + 1, min(start + 4, len(characters))):
                spelt = tuple(before + reading for before in spelt for reading in _name_readings(characters[end]))
                if end + 1 == len(characters) or not _reads_si(characters[end + 1]):
                    names.update(spelt)
    return names


# Heteronyms (长 chang/zhang, 重 chong/zhong), 斯 (si), 嗯 (no vowel), syllables that run
# into each other (西安 xian / 先 xian), and what breaks a run.
_NAME_CHARACTERS = "四川湖北重庆长沙西安先阿米努斯嗯马 a，"


@pytest.mark.parametrize(
    "stem, source, named",
    [
        ("sichuan", "四川经济", True),
        ("sichuanjing", "四川经济", True),  # three characters
        ("sichuanjingji", "四川经济发展", True),  # four
        ("sichuanjingjifa", "四川经济发展", False),  # five are too many
        ("si", "四川", False),  # one character is too few
        ("zhongqing", "重庆", True),  # any reading of a heteronym
        ("xian", "西安", True),
        ("aminu", "阿米努斯团队", False),  # 斯 writes the name's own s
        ("aminu", "阿米努团队", True),
        ("sichuan", "四，川", False),  # a run is unbroken
        ("man", "吗嗯好", False),  # 嗯 has no reading with a vowel
    ],
)
def test_gr01_reads_a_stem_as_a_name_of_the_source(stem: str, source: str, named: bool) -> None:
    assert _romanises_a_source_name(stem, source) is named


@hypothesis_settings(max_examples=500)
@given(st.text(alphabet=_NAME_CHARACTERS, max_size=12), st.data())
def test_gr01_reads_the_names_that_spelling_out_every_reading_finds(source: str, data: st.DataObject) -> None:
    names = _romanised_names(source)
    stem = data.draw(st.sampled_from(sorted(names)) if names else st.just("sichuan"))
    for tried in (stem, stem[:-1], stem + "n", stem + "an"):
        assert _romanises_a_source_name(tried, source) is (tried in names)


SG03_CASES = [
    pytest.param("Chongqing 邮电大学 and 重庆", ["邮电大学", "重庆"], id="two-runs"),
    pytest.param("Chongqing University", [], id="clean"),
    pytest.param("Full-width comma，here", [], id="punctuation-is-not-han"),
    pytest.param('"Wuhan pneumonia" (武汉(漢)肺炎/武肺), or', [], id="nested-gloss"),
    pytest.param("a gloss (重庆) then 邮电 bare", ["邮电"], id="gloss-then-bare"),
    pytest.param("an unclosed (重庆 parenthesis", ["重庆"], id="unclosed-parenthesis"),
]


@pytest.mark.parametrize("target, expected", SG03_CASES)
def test_sg03_chinese_in_target(target: str, expected: list[str]) -> None:
    assert [f.match for f in findings_of("SG03", ("重庆邮电大学", target))] == expected


@pytest.mark.parametrize(
    "target, expected",
    [
        # A Han character used as a symbol: reported as that symbol, with the English one.
        ("Starry Sky Date丨The Geminids", [("丨", "|")]),
        ("Xinhua All Media + 丨 Beijing", [("丨", "|")]),
        # Inside Chinese text it is Chinese left untranslated, like the rest of the run.
        ("the column 星空有约丨双子座 here", [("星空有约丨双子座", None)]),
    ],
)
def test_sg03_han_symbol_is_reported_as_a_symbol(target: str, expected) -> None:
    found = findings_of("SG03", ("星空有约丨双子座流星雨", target))
    assert [(f.match, f.replacement) for f in found] == expected


@pytest.mark.parametrize(
    "source, target, flagged",
    [("设置", "", True), ("设置", "\t\n", True), ("设置", "Settings", False), ("", "", False), ("  ", "", False)],
)
def test_sg01_empty_target(source: str, target: str, flagged: bool) -> None:
    assert bool(findings_of("SG01", (source, target))) is flagged


@pytest.mark.parametrize(
    "source, target, flagged",
    [
        ("设置", "设置", True),
        ("设置%@", "设置%@", True),
        ("$(PRODUCT_NAME)", "$(PRODUCT_NAME)", False),
        ("18.0", "18.0", False),
        ("设置", "Settings", False),
    ],
)
def test_sg02_untranslated_segment(source: str, target: str, flagged: bool) -> None:
    assert bool(findings_of("SG02", (source, target))) is flagged


@pytest.mark.parametrize("alignment, flagged", [(None, False), (0.9, False), (0.5, False), (0.49, True), (0.0, True)])
def test_sg05_uncertain_alignment(alignment: float | None, flagged: bool) -> None:
    assert bool(findings_of("SG05", ("设置", "Settings"), alignment=alignment)) is flagged


def test_sg04_points_at_the_damage_in_the_original_source() -> None:
    source = "提供服務(wù),能夠?qū)⑾嚓P(guān)資源精準推介"
    (finding,) = findings_of("SG04", (source, "so that relevant resources can be introduced"))
    span = finding.spans[0]
    assert span.side is Side.SOURCE
    assert source[span.start : span.end] == "?qū)⑾嚓P(guān)"


@pytest.mark.parametrize(
    "note, code, hidden",
    [
        ("qa-ignore: GR01 house style", "GR01", True),
        ("QA-IGNORE: gr01", "GR01", True),
        ("qa-ignore: SG, GR01 reason", "SG03", True),  # a family covers its codes
        ("qa-ignore: GR02", "GR01", False),
        ("reviewed; qa-ignore: SG03 glossed on purpose", "SG03", True),
        ("qa-ignore GR01", "GR01", False),  # the colon is part of the directive
        ("qa-ignore: GR01 house style | qa-ignore: PU07 client's quotes", "PU07", True),  # two in one cell
        ("qa-ignore: GR01 house style, not qa-ignore PU07", "PU07", False),  # a mention without a colon
    ],
)
def test_suppression_directives(note: str, code: str, hidden: bool) -> None:
    from qa_tool.suppressions import directives_of

    pair = SegmentPair("s1", "重庆", "Chongqing", Location("t"), notes=(note,))
    assert any(d.covers(code) for d in directives_of(pair)) is hidden


def test_two_directives_in_one_note_are_quoted_apart() -> None:
    from qa_tool.suppressions import directives_of

    note = "checked | qa-ignore: GR01 house style | qa-ignore: PU07 client's quotes"
    pair = SegmentPair("s1", "重庆", "Chongqing", Location("t"), notes=(note,))
    assert [d.text for d in directives_of(pair)] == ["qa-ignore: GR01 house style", "qa-ignore: PU07 client's quotes"]


def test_a_map_over_shards_and_a_document_pass_find_what_one_run_finds() -> None:
    # The map/reduce split of docs/scale.md: segment rules per shard, document rules per document.
    sample = Path(__file__).resolve().parents[1] / "examples" / "chongqing-fao-news.zh-en.txt"
    with open_input(str(sample)) as stream:
        pairs = list(read_pairs(stream, str(sample), ReadOptions()))
    whole = check_document(pairs, str(sample), qa_tool.by_scope().segment + qa_tool.by_scope().document).findings
    shards = [pairs[:4], pairs[4:7], pairs[7:]]
    mapped = [finding for shard in shards for finding in qa_tool.check_pairs(shard)]
    reduced = check_document(pairs, str(sample), qa_tool.by_scope().document).findings
    key = lambda finding: (finding.segment_id, finding.code, finding.message)  # noqa: E731
    assert sorted(mapped + list(reduced), key=key) == sorted(whole, key=key)
    assert {finding.code for finding in mapped} == {"SG04"} and {finding.code for finding in reduced} == {"GR01", "PU07"}


def test_the_package_exposes_the_api_without_importing_the_rules_up_front() -> None:
    code = "import sys, qa_tool; print('qa_tool.engine' in sys.modules, callable(qa_tool.check_pairs))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True"]
    with pytest.raises(AttributeError):
        qa_tool.no_such_thing  # noqa: B018


def test_chunks_sent_to_workers_carry_every_field_of_a_pair() -> None:
    from dataclasses import fields

    from qa_tool.engine import _packed, _unpacked
    from qa_tool.model import InlineTag

    pair = SegmentPair(
        "u7", "重庆", "Chongqing", Location("a.tmx", line=3, unit="u7"), notes=("qa-ignore: GR01",),
        source_tags=(InlineTag("ph", "1", 0),), target_tags=(InlineTag("ph", "1", 2, code="<br/>"),), alignment=0.5,
    )
    columns = _packed([pair, SegmentPair("2", "a", "b", Location("b.txt"))])
    assert len(columns) == len(fields(SegmentPair)) - 1 + len(fields(Location))
    assert _unpacked(columns) == [pair, SegmentPair("2", "a", "b", Location("b.txt"))]


def _document_rule_pairs() -> list[SegmentPair]:
    sample = Path(__file__).resolve().parents[1] / "examples" / "chongqing-fao-news.zh-en.txt"
    with open_input(str(sample)) as stream:
        pairs = list(read_pairs(stream, str(sample), ReadOptions()))
    examples = [
        SegmentPair(f"e{number}", source, target, Location("examples.txt", line=number))
        for number, (source, target) in enumerate(
            (pair for rule in qa_tool.by_scope(BUILTIN_RULES).document for example in rule.meta.examples
             for pair in (*example.earlier, (example.source, example.target))),
            start=1,
        )
    ]
    return pairs + examples


@pytest.mark.parametrize("rule", qa_tool.by_scope(BUILTIN_RULES).document, ids=lambda rule: rule.meta.code)
def test_document_rules_observe_each_pair_alone(rule) -> None:
    # --jobs workers (and shards of a distributed map) observe with fresh rule instances; the
    # main process absorbs in order. So an observation must not depend on what the rule has
    # absorbed, and must survive pickling.
    import pickle

    from qa_tool.normalise import normalise

    assert rule.splits_document_work, "a built-in document rule that does not split makes --jobs normalise twice"
    seasoned, fresh = rule(CheckSettings()), rule(CheckSettings())
    for pair in _document_rule_pairs():
        normalised = normalise(pair)
        observed = seasoned.observe(normalised)
        assert fresh.observe(normalised) == observed
        assert pickle.loads(pickle.dumps(observed)) == observed
        list(seasoned.absorb(pair, observed))


def test_jobs_give_the_same_findings_when_a_document_rule_does_not_split() -> None:
    # The house pack's consistency rule keeps the older path: this process normalises too.
    house = Path(__file__).resolve().parents[1] / "examples" / "house-pack"
    rules = qa_tool.by_scope(available_rules([house])).document + qa_tool.by_scope(available_rules([house])).segment
    assert not all(rule(CheckSettings()).splits_document_work for rule in qa_tool.by_scope(rules).document)
    pairs = _document_rule_pairs()
    one = check_document(pairs, "doc.txt", rules)
    two = check_document(pairs, "doc.txt", rules, jobs=2)
    assert one == two and one.findings


@pytest.mark.parametrize("jobs", [1, 2])
def test_one_rule_reports_at_most_20_findings_a_segment_and_counts_the_rest(jobs: int) -> None:
    flooded = SegmentPair("s1", "你好。", "Hello" + "。x" * 45, Location("doc.txt", line=1))
    normal = SegmentPair("s2", "你好。", "Hello。x", Location("doc.txt", line=2))

    findings = check_document([flooded, normal], "doc.txt", select_rules(["PU01"]), jobs=jobs).findings

    flooded_findings = [f for f in findings if f.segment_id == "s1"]
    assert len(flooded_findings) == 21
    (summary,) = [f for f in flooded_findings if not f.spans]
    assert summary.message.startswith("25 more PU01 findings in this segment are not listed")
    assert [f.segment_id for f in findings].count("s2") == 1


def test_counting_a_flood_of_findings_stops_at_a_thousand() -> None:
    flooded = SegmentPair("s1", "你好。", "Hello" + "。x" * 5_000, Location("doc.txt", line=1))

    findings = check_document([flooded], "doc.txt", select_rules(["PU01"])).findings

    assert len(findings) == 21
    (summary,) = [f for f in findings if not f.spans]
    assert summary.message.startswith("At least 980 more PU01 findings in this segment are not listed")
