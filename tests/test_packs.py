"""Rule packs: broken rule files give one clear error with file and line; each rule type finds
what it should, with spans into the original text; the house pack end to end on the sample."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from qa_tool.checks import BUILTIN_RULES
from qa_tool.checks.base import CheckSettings
from qa_tool.engine import check_document
from qa_tool.errors import InputError
from qa_tool.model import Location, SegmentPair, Severity, Side
from qa_tool.packs import (
    PackRuleFactory,
    available_rules,
    default_pack_dir,
    load_packs,
    origin_of,
    pack_reference_markdown,
)
from qa_tool.normalise import normalise
from qa_tool.readers import ReadOptions, open_input, reader_for
from qa_tool.rule_types.base import RuleFile, literal_choice, searcher
from qa_tool.schedule import RuleSchedule

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "chongqing-fao-news.zh-en.txt"
HOUSE_PACK = REPO / "examples" / "house-pack"

# The keys every rule needs, lines 2 to 9 of a rule file that starts with `extends:`; the
# type's own keys then start on line 10.
HEADER = """\
name: test-rule
summary: A test rule.
category: Style/Unidiomatic style
severity: minor
rationale: Why it matters.
examples:
  fail: [{zh: 甲, en: OBOR}]
  pass: [{zh: 甲, en: Belt and Road}]
"""
OWN = 10


def existence(own: str) -> str:
    return "extends: existence\n" + HEADER + own


def write_pack(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def load_error(folder: Path, *more: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        load_packs([folder, *more])
    return caught.value


# (rule file name, its text, expected line (None: about the whole file), words the message must have)
BROKEN_RULES = [
    pytest.param("HX01.yml", existence("tokens: [OBOR\n"), OWN + 1, "not valid YAML", id="bad-yaml"),
    pytest.param("HX01.yml", "", None, "empty", id="empty-file"),
    pytest.param("HX01.yml", "- a list\n", 1, "must be a table", id="not-a-table"),
    pytest.param("HX01.yml", existence("tokns: [OBOR]\n"), OWN, "unknown key 'tokns' for existence rules; did you mean 'tokens'", id="unknown-key"),
    pytest.param("HX01.yml", existence("patterns: ['a', '(unclosed']\n"), OWN, "not a valid regular expression", id="bad-regex"),
    pytest.param("HX01.yml", existence("patterns:\n  - ok\n  - '(unclosed'\n"), OWN + 2, "'(unclosed' is not a valid", id="bad-regex-item-line"),
    pytest.param("HX01.yml", existence("side: source\npatterns: ['\\b一带一路\\b']\n"), OWN + 1, "'\\b一带一路\\b' reads the Chinese and uses \\b or \\B, which mean nothing", id="word-boundary-on-chinese"),
    pytest.param("HX01.yml", existence("patterns: ['x*']\n"), OWN, "matches empty text", id="pattern-matches-empty"),
    pytest.param("HX01.yml", existence("tokens: []\n"), 1, "never matches", id="empty-token-list"),
    pytest.param("HX01.yml", existence("tokens: [OBOR, ' ']\n"), OWN, "an entry is empty", id="blank-token"),
    pytest.param("HX01.yml", existence("tokens: OBOR\n"), OWN, "'tokens' must be a list of texts, not 'OBOR'", id="string-for-list"),
    pytest.param("HX01.yml", existence("tokens: [OBOR]\nignorecase: perhaps\n"), OWN + 1, "'ignorecase' must be true or false, not 'perhaps'", id="bad-bool"),
    pytest.param("HX01.yml", existence("tokens: [OBOR, 2019]\n"), OWN, "each entry of 'tokens' must be text, not the number 2019", id="number-for-text"),
    pytest.param("HX01.yml", existence("tokens: [OBOR]\nside: sideways\n"), OWN + 1, "'side' must be source, target or both", id="bad-side"),
    pytest.param("HX01.yml", existence("tokens: [OBOR]\nscope: document\n"), OWN + 1, "existence rules have segment scope", id="scope-disagrees"),
    pytest.param("HX01.yml", existence("tokens: [OBOR]\nmessage: 'Use {replacment}.'\n"), OWN + 1, "{replacment}, which existence rules do not offer", id="unknown-placeholder"),
    pytest.param("HX01.yml", existence("tokens: [OBOR]\nmessage: 'Use {match!r}.'\n"), OWN + 1, "'{match!r}' is not a plain placeholder", id="placeholder-conversion"),
    pytest.param("HX01.yml", existence("tokens: [OBOR]\nmessage: 'Use {match.'\n"), OWN + 1, "the message cannot be read", id="unclosed-placeholder"),
    pytest.param("HX01.yml", existence("tokens: [OBOR]\ntokens: [BRI]\n"), OWN + 1, "'tokens' is given twice (also on line 10)", id="duplicate-key"),
    pytest.param("HX01.yml", existence("tokens: &words [OBOR]\npatterns: *words\n"), OWN, "anchors and aliases", id="yaml-alias"),
    pytest.param("HX01.yml", existence("tokens: [OBOR]\n").replace("severity: minor", "severity: urgent"), 5, "'severity' must be neutral, minor, major or critical", id="bad-severity"),
    pytest.param("HX01.yml", existence("tokens: [OBOR]\n").replace("name: test-rule", "name: Test Rule"), 2, "must be kebab-case", id="name-not-kebab"),
    pytest.param("HX01.yml", existence("tokens: [OBOR]\n").replace("summary: A test rule.\n", ""), None, "need the key 'summary'", id="missing-key"),
    pytest.param("HX01.yml", existence("tokens: [OBOR]\n").replace("  pass: [{zh: 甲, en: Belt and Road}]\n", ""), 7, "non-empty list under 'pass'", id="no-pass-example"),
    pytest.param("HX01.yml", existence("tokens: [OBOR]\n").replace("{zh: 甲, en: OBOR}", "{zh: 甲, english: OBOR}"), 8, "unknown key 'english' in an example", id="bad-example-key"),
    pytest.param("HX01.yml", existence("tokens: [OBOR]\n").replace("{zh: 甲, en: OBOR}", "{zh: 甲}"), 8, "no 'en' text", id="example-without-en"),
    pytest.param("HX01.yml", "extends: forbidden\n" + HEADER, 1, "unknown rule type 'forbidden'", id="unknown-type"),
    pytest.param("HX01.yml", HEADER, None, "no 'extends' key", id="no-extends"),
    pytest.param("hx1.yml", existence("tokens: [OBOR]\n"), None, "two capital letters and two digits", id="file-name-not-a-code"),
    pytest.param("HX01.yml", "extends: substitution\n" + HEADER + "swap: {}\n", OWN, "swap table is empty", id="empty-swap"),
    pytest.param("HX01.yml", "extends: substitution\n" + HEADER + "swap:\n  OBOR: OBOR\n", OWN + 1, "changes nothing", id="swap-to-itself"),
    pytest.param("HX01.yml", "extends: substitution\n" + HEADER + "swap:\n  OBOR: no\n", OWN + 1, "YAML reads yes, no, on and off as true or false", id="yaml-boolean-for-text"),
    pytest.param("HX01.yml", "extends: consistency\n" + HEADER + "variants:\n  - [email, email]\n", OWN + 1, "two or more different variants", id="consistency-one-variant"),
    pytest.param("HX01.yml", "extends: consistency\n" + HEADER + "variants: [[a, b], [b, c]]\n", OWN, "'b' is listed twice", id="consistency-variant-twice"),
    pytest.param("HX01.yml", "extends: bilingual\n" + HEADER + "message: m\nsource: '(?P<n>\\d+)'\ntarget: '{m}'\n", OWN + 2, "uses {m}, but the source pattern has no group of that name", id="bilingual-unknown-group"),
    pytest.param("HX01.yml", "extends: bilingual\n" + HEADER + "source: '一带一路'\ntarget: 'Belt'\n", None, "need a 'message'", id="bilingual-without-message"),
    pytest.param("HX01.yml", "extends: bilingual\n" + HEADER + "message: m\nside: target\nsource: 'a'\ntarget: 'b'\n", OWN + 1, "'side' does not apply to bilingual rules", id="side-on-bilingual"),
    pytest.param("HX01.yml", "extends: occurrence\n" + HEADER + "source: 'a'\ntarget: 'b'\ntolerance: -1\n", OWN + 2, "'tolerance' must be 0 or more", id="negative-tolerance"),
    pytest.param("HX01.yml", "extends: occurrence\n" + HEADER + "source: 'a'\ntarget: 'b'\ntolerance: true\n", OWN + 2, "'tolerance' must be a whole number, not true", id="bool-for-number"),
    pytest.param("HX01.yml", "extends: glossary\n" + HEADER + "glossary: missing.tsv\n", OWN, "the glossary file 'missing.tsv' is not there", id="missing-glossary"),
    pytest.param("HX01.yml", "extends: glossary\n" + HEADER + "glossary: empty.tsv\n", OWN, "cannot be used, so the rule would never match: the glossary holds no terms", id="empty-glossary"),
    pytest.param("HX01.yml", "extends: glossary\n" + HEADER + "glossary: terms.tsv\nchecks: [forbidden]\n", OWN + 1, "never matches", id="glossary-check-without-terms"),
    pytest.param("HX01.yml", "extends: glossary\n" + HEADER + "glossary: terms.tsv\nchecks: [spelling]\n", OWN + 1, "'checks' must be", id="unknown-glossary-check"),
    pytest.param("SG01.yml", existence("tokens: [OBOR]\n"), None, "already used by the built-in rule SG01 empty-target", id="code-of-a-built-in-rule"),
    pytest.param("HX01.yml", existence("tokens: [OBOR]\n").replace("name: test-rule", "name: empty-target"), None, "the name 'empty-target' is already used by the built-in rule SG01", id="name-of-a-built-in-rule"),
    pytest.param("HX01.yml", b"extends: existence\nname: \xff\n", 2, "not UTF-8", id="not-utf8"),
]


@pytest.mark.parametrize("file_name, text, line, words", BROKEN_RULES)
def test_broken_rule_is_one_clear_error(tmp_path: Path, file_name: str, text: str | bytes, line: int | None, words: str) -> None:
    pack = write_pack(tmp_path / "house", {"empty.tsv": "", "terms.tsv": "zh\ten\n外办\tForeign Affairs Office\n"})
    rule = pack / file_name
    if isinstance(text, bytes):
        rule.write_bytes(text)
    else:
        rule.write_text(text, encoding="utf-8")
    error = load_error(pack)
    assert words in error.message, str(error)
    assert error.path == str(rule)
    if line is not None:
        assert error.line == line, str(error)
    assert str(error).startswith(f"{rule}:")


def test_same_code_in_two_packs_names_both_files(tmp_path: Path) -> None:
    first = write_pack(tmp_path / "first", {"HX01.yml": existence("tokens: [OBOR]\n")})
    second = write_pack(tmp_path / "second", {"HX01.yml": existence("tokens: [BRI]\n").replace("test-rule", "other-rule")})
    error = load_error(first, second)
    assert error.path == str(second / "HX01.yml")
    assert f"the code HX01 is already used by {first / 'HX01.yml'}" in error.message


def test_same_name_in_two_packs_names_both_files(tmp_path: Path) -> None:
    first = write_pack(tmp_path / "first", {"HX01.yml": existence("tokens: [OBOR]\n")})
    second = write_pack(tmp_path / "second", {"HX02.yml": existence("tokens: [BRI]\n")})
    error = load_error(first, second)
    assert error.path == str(second / "HX02.yml")
    assert f"the name 'test-rule' is already used by {first / 'HX01.yml'}" in error.message


@pytest.mark.parametrize(
    "files, words",
    [
        pytest.param({}, "has no rules", id="no-rules"),
        pytest.param({"HX01.yaml": existence("tokens: [OBOR]\n")}, "rename it to end in .yml", id="yaml-extension"),
    ],
)
def test_broken_pack_folder(tmp_path: Path, files: dict[str, str], words: str) -> None:
    assert words in load_error(write_pack(tmp_path / "house", files)).message


def test_missing_pack_folder(tmp_path: Path) -> None:
    error = load_error(tmp_path / "nowhere")
    assert error.path == str(tmp_path / "nowhere") and "no such rule pack folder" in error.message


def test_two_folders_with_one_pack_name(tmp_path: Path) -> None:
    first = write_pack(tmp_path / "a" / "house", {"HX01.yml": existence("tokens: [OBOR]\n")})
    second = write_pack(tmp_path / "b" / "house", {"HX02.yml": existence("tokens: [BRI]\n").replace("test-rule", "other")})
    assert "two rule packs are named 'house'" in load_error(first, second).message


def test_bad_line_in_a_pack_glossary_points_into_the_glossary(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "house", {
        "terms.tsv": "zh\ten\n外办\tForeign Affairs Office\n\tNo Chinese\n",
        "HX01.yml": "extends: glossary\n" + HEADER + "glossary: terms.tsv\n",
    })
    error = load_error(pack)
    assert error.path == str(pack / "terms.tsv") and error.line == 3


# --- loading what is right ----------------------------------------------------------------


def test_pack_rule_metadata_and_origin(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "house", {
        "HX02.yml": existence("tokens: [BRI]\nlink: https://example.org/bri\n").replace("test-rule", "second-rule").replace("severity: minor", "severity: critical"),
        "HX01.yml": existence("tokens: [OBOR]\n"),
    })
    first, second = load_packs([pack, pack])  # a folder given twice is read once
    assert [first.meta.code, second.meta.code] == ["HX01", "HX02"]
    assert second.meta.severity is Severity.CRITICAL and second.meta.category == "Style/Unidiomatic style"
    assert second.meta.rationale == "Why it matters. More: https://example.org/bri"
    assert second.link == "https://example.org/bri" and second.rule_type == "existence"
    assert [(e.source, e.target, e.flagged) for e in first.meta.examples] == [("甲", "OBOR", True), ("甲", "Belt and Road", False)]
    assert str(first.origin) == f"house pack ({pack / 'HX01.yml'})"
    assert origin_of(first) == str(first.origin) and origin_of(BUILTIN_RULES[0]) == "built-in"
    renamed = load_packs([pack], ["acme"])
    assert renamed[0].origin.pack == "acme"


def test_available_rules_are_built_ins_then_packs() -> None:
    with_default = available_rules([HOUSE_PACK])
    assert with_default[: len(BUILTIN_RULES)] == BUILTIN_RULES
    packs = [rule for rule in with_default if isinstance(rule, PackRuleFactory)]
    assert {rule.origin.pack for rule in packs} == {"std", "house-pack"}
    without_default = available_rules([HOUSE_PACK], default_pack=False)
    assert {rule.meta.code[:2] for rule in without_default[len(BUILTIN_RULES):]} == {"HX"}


def test_document_example_is_judged_on_its_last_pair(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "house", {"HX01.yml": "extends: consistency\n" + HEADER.replace(
        "  fail: [{zh: 甲, en: OBOR}]", "  fail:\n    - document: [{zh: 甲, en: email}, {zh: 乙, en: e-mail}]\n      note: first wins",
    ) + "variants: [[email, e-mail]]\n"})
    (rule,) = load_packs([pack])
    example = rule.meta.examples[0]
    assert (example.earlier, example.source, example.target, example.note) == ((("甲", "email"),), "乙", "e-mail", "first wins")


# --- what each type finds -----------------------------------------------------------------


def findings(rule_text: str, tmp_path: Path, *texts: tuple[str, str], extra: dict[str, str] | None = None):
    pack = write_pack(tmp_path / "house", {"HX01.yml": rule_text, **(extra or {})})
    pairs = [SegmentPair(f"s{n}", zh, en, Location("doc.txt", line=n)) for n, (zh, en) in enumerate(texts, start=1)]
    return check_document(pairs, "doc.txt", load_packs([pack])).findings


def spans_text(finding) -> list[tuple[str, str]]:
    return [(span.side.value, (finding.pair.source if span.side is Side.SOURCE else finding.pair.target)[span.start:span.end])
            for span in finding.spans]


# (the type's own keys, (zh, en), the texts of the expected findings' first spans)
TYPE_CASES = [
    # whole words: OBOR is not in "corroborated", but is in "OBOR-related"
    pytest.param(existence("tokens: [OBOR]\n"), ("甲", "It corroborated OBOR-related news."), ["OBOR"], id="token-whole-word"),
    pytest.param(existence("tokens: [OBOR]\nword: false\nignorecase: true\n"), ("甲", "It corroborated it."), ["obor"], id="token-inside-words"),
    pytest.param(existence("tokens: [OBOR]\nignorecase: true\n"), ("甲", "Obor and obor"), ["Obor", "obor"], id="token-ignorecase"),
    # a Chinese token is found between other Chinese characters: no boundaries there
    pytest.param(existence("side: source\ntokens: [一带一路]\n"), ("推进一带一路建设", "x"), ["一带一路"], id="han-token-inside-han-text"),
    # the source is matched in simplified script; the span points at the traditional original
    pytest.param(existence("side: source\ntokens: [一带一路]\n"), ("推進一帶一路建設", "x"), ["一帶一路"], id="traditional-source"),
    pytest.param(existence("side: source\ntokens: [一带一路]\nmatch_on: written\n"), ("推進一帶一路建設", "x"), [], id="written-source"),
    # a pinyin annotation is not part of what the rule reads, but spans still point at the original
    pytest.param(existence("side: source\ntokens: [服务高校]\n"), ("更好服務(wù)高校發(fā)展", "x"), ["服務(wù)高校"], id="annotated-source"),
    pytest.param(existence("side: both\npatterns: ['\\d+%']\n"), ("增长5%", "grew 5%"), ["5%", "5%"], id="both-sides"),
    pytest.param(existence("tokens: [Peking]\nexceptions: [Peking University]\n"), ("甲", "Peking University in Peking"), ["Peking"], id="exception-phrase"),
    # substitution: the right form is never flagged inside itself
    pytest.param("extends: substitution\n" + HEADER + "swap: {Office: Foreign Affairs Office}\n", ("甲", "the Foreign Affairs Office and the Office"), ["Office"], id="right-form-not-flagged"),
    pytest.param("extends: substitution\n" + HEADER + "swap: {One Belt One Road: Belt and Road, One Belt: Belt}\n", ("甲", "One Belt One Road"), ["One Belt One Road"], id="longest-wins"),
    # bilingual: the captured number is reused literally, its dot escaped
    pytest.param("extends: bilingual\n" + HEADER + "message: '{n} missing'\nsource: '(?P<n>\\d+\\.\\d+)%'\ntarget: '{n}'\n", ("增长1.5%", "grew 1x5 percent"), ["1.5%"], id="capture-escaped"),
    pytest.param("extends: bilingual\n" + HEADER + "message: '{n} missing'\nsource: '(?P<n>\\d+)%'\ntarget: '{n}'\n", ("增长15%", "grew 150 percent"), ["15%"], id="capture-whole-number"),
    pytest.param("extends: bilingual\n" + HEADER + "message: '{n} missing'\nsource: '(?P<n>\\d+)%'\ntarget: '{n}'\n", ("增长１５%和15%", "grew 15 percent"), [], id="capture-full-width-digits"),
    pytest.param("extends: bilingual\n" + HEADER + "message: m\nsource: '日元'\ntarget: 'RMB|renminbi'\ntarget_must: not-match\nignorecase: true\n", ("十亿日元", "1 billion RMB"), ["RMB"], id="target-must-not-match"),
    pytest.param("extends: occurrence\n" + HEADER + "source: '《[^》]+》'\ntarget: '\"[^\"]+\"'\n", ("《论语》和《孟子》", 'the "Analects" and Mencius'), ["《论语》"], id="occurrence-differs"),
    pytest.param("extends: occurrence\n" + HEADER + "source: '《[^》]+》'\ntarget: '\"[^\"]+\"'\ntolerance: 1\n", ("《论语》和《孟子》", 'the "Analects" and Mencius'), [], id="occurrence-within-tolerance"),
]


@pytest.mark.parametrize("rule_text, pair, expected", TYPE_CASES)
def test_rule_type_finds(tmp_path: Path, rule_text: str, pair: tuple[str, str], expected: list[str]) -> None:
    found = findings(rule_text, tmp_path, pair)
    assert [spans_text(f)[0][1] for f in found] == expected
    assert all(f.code == "HX01" and f.rule == "test-rule" and f.category == "Style/Unidiomatic style" for f in found)


@pytest.mark.parametrize("rule_text, pair, expected", TYPE_CASES)
def test_rule_type_finds_the_same_without_its_trigger(tmp_path: Path, rule_text: str, pair: tuple[str, str], expected: list[str]) -> None:
    rules = load_packs([write_pack(tmp_path / "house", {"HX01.yml": rule_text})])
    pairs = [SegmentPair("s1", *pair, Location("doc.txt", line=1))]
    assert check_document(pairs, "doc.txt", rules).findings == check_document(pairs, "doc.txt", rules, use_triggers=False).findings


# (the type's own keys, (zh, en), whether the rule is asked about the pair)
TRIGGER_CASES = [
    pytest.param(existence("tokens: [OBOR]\nignorecase: true\n"), ("甲", "the Obor plan"), True, id="literal-any-case"),
    pytest.param(existence("tokens: [OBOR]\n"), ("甲", "the obor plan"), False, id="literal-exact-case"),
    pytest.param(existence("tokens: [OBOR]\n"), ("甲", "the Belt and Road"), False, id="literal-absent"),
    pytest.param(existence("side: source\ntokens: [一带一路]\n"), ("推進一帶一路建設", "x"), True, id="traditional-source"),
    pytest.param(existence("side: source\ntokens: [服务高校]\n"), ("更好服務(wù)高校發(fā)展", "x"), True, id="annotated-source"),
    pytest.param(existence("tokens: [OBOR]\nmatch_on: normalised\n"), ("甲", "ＯＢＯＲ countries"), True, id="normalised-target"),
    pytest.param(existence("patterns: ['\\d+%']\n"), ("甲", "no number"), True, id="pattern-always-runs"),
    pytest.param(existence("side: source\ntokens: [一带一路]\nmatch_on: written\n"), ("甲", "x"), True, id="written-source-always-runs"),
    pytest.param("extends: substitution\n" + HEADER + "swap: {Peking: Beijing}\n", ("北京", "in Beijing"), False, id="substitution"),
]


@pytest.mark.parametrize("rule_text, pair, asked", TRIGGER_CASES)
def test_literal_rules_run_only_where_a_literal_is(tmp_path: Path, rule_text: str, pair: tuple[str, str], asked: bool) -> None:
    (factory,) = load_packs([write_pack(tmp_path / "house", {"HX01.yml": rule_text})])
    plan = RuleSchedule([factory(CheckSettings())], []).plan(normalise(SegmentPair("s1", *pair, Location("doc.txt"))))
    assert bool(plan.segment) is asked


def test_substitution_offers_the_right_form(tmp_path: Path) -> None:
    (found,) = findings("extends: substitution\n" + HEADER + "swap: {OBOR: Belt and Road}\n", tmp_path, ("甲", "OBOR countries"))
    assert found.replacement == "Belt and Road" and found.message == "'OBOR' should be 'Belt and Road'."


def test_bilingual_reports_one_finding_per_missing_value_with_every_source_span(tmp_path: Path) -> None:
    rule = "extends: bilingual\n" + HEADER + "message: '{n} is not in the English ({source_match})'\nsource: '(?P<n>\\d+)年'\ntarget: '{n}'\n"
    (found,) = findings(rule, tmp_path, ("2019年和2019年，2020年", "in 2020"))
    assert found.message == "2019 is not in the English (2019年)"
    assert spans_text(found) == [("source", "2019年"), ("source", "2019年")]


def test_consistency_first_variant_wins_across_the_document(tmp_path: Path) -> None:
    rule = "extends: consistency\n" + HEADER + "variants: [[e-mail, email], [organise, organize]]\nignorecase: true\n"
    found = findings(rule, tmp_path, ("甲", "Send an e-mail."), ("乙", "Email us and organise it."), ("丙", "email, E-mail, organize"))
    assert [(f.segment_id, f.match, f.replacement) for f in found] == [
        ("s2", "Email", "e-mail"), ("s3", "email", "e-mail"), ("s3", "organize", "organise"),
    ]
    assert found[0].message == "'Email' here, but 'e-mail' in line 1; use one of them throughout."


def test_glossary_rule_reports_under_its_own_code_and_severity(tmp_path: Path) -> None:
    glossary = {"terms.tsv": "zh\ten\tforbidden\n外办\tForeign Affairs Office\tFAO\n"}
    rule = "extends: glossary\n" + HEADER.replace("minor", "critical") + "glossary: terms.tsv\nmessage: 'House: {details} [{match} → {replacement}]'\n"
    found = findings(rule, tmp_path, ("市政府外办", "the FAO"), ("市政府外办", "the city office"), extra=glossary)
    assert [(f.code, f.severity, f.match, f.replacement) for f in found] == [
        ("HX01", Severity.CRITICAL, "FAO", "Foreign Affairs Office"), ("HX01", Severity.CRITICAL, "外办", None),
    ]
    assert found[0].message.startswith("House: 'FAO' is forbidden by the glossary for '外办'") and found[0].message.endswith("[FAO → Foreign Affairs Office]")


# (glossary, pairs, how many of them its rule flags): terms whose forms share characters (the rule is
# asked only when the source holds them all) and terms that share none (it is asked when the
# source holds the last character of a form). The pairs write the terms in traditional or
# full-width script, with pinyin annotations or a space at a script gap, which the glossary
# reads through and the trigger must too.
GLOSSARY_TRIGGER_CASES = [
    pytest.param(
        "zh\ten\tforbidden\n一带一路\tBelt and Road\tOBOR\n",
        [("推进一带一路建设", "one belt one road"), ("推進一帶一路建設", "the OBOR"), ("一帶(dài)一路(lù)", "x"),
         ("一带一路", "Belt and Road"), ("带路", "x"), ("一路", "x")],
        3,
        id="one-term",
    ),
    pytest.param(
        "zh\ten\tforbidden\tdnt\n一带一路\tBelt and Road\tOBOR\t\n外办\tForeign Affairs Office\tFAO\t\n"
        "iPhone手机\tiPhone\t\tyes\nＡＰＰ\tapp\t\t\n",
        [("市政府外辦", "the FAO"), ("用 iPhone 手机", "with a phone"), ("iPhone手机", "an iphone"), ("下载ＡＰＰ", "download it"),
         ("推進一帶一路建設", "x"), ("外(wài)办(bàn)", "the office"), ("办", "x")],
        6,
        id="terms-without-a-shared-character",
    ),
]


@pytest.mark.parametrize("glossary, texts, flagged", GLOSSARY_TRIGGER_CASES)
def test_a_glossary_rule_trigger_changes_no_finding(tmp_path: Path, glossary: str, texts: list[tuple[str, str]], flagged: int) -> None:
    rule = "extends: glossary\n" + HEADER + "glossary: terms.tsv\n"
    pack = write_pack(tmp_path / "house", {"HX01.yml": rule, "terms.tsv": glossary})
    rules = load_packs([pack])
    (factory,) = [rule for rule in rules if rule.meta.code == "HX01"]
    assert factory.meta.trigger is not None
    pairs = [SegmentPair(f"s{n}", zh, en, Location("doc.txt", line=n)) for n, (zh, en) in enumerate(texts, start=1)]
    triggered = check_document(pairs, "doc.txt", rules).findings
    assert triggered == check_document(pairs, "doc.txt", rules, use_triggers=False).findings
    assert len({finding.segment_id for finding in triggered if finding.code == "HX01"}) == flagged


def test_severity_override_from_the_config_applies_to_pack_rules(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "house", {"HX01.yml": existence("tokens: [OBOR]\n")})
    pairs = [SegmentPair("s1", "甲", "OBOR", Location("doc.txt", line=1))]
    settings = CheckSettings(severity={"HX01": Severity.MAJOR})
    (found,) = check_document(pairs, "doc.txt", load_packs([pack]), settings).findings
    assert found.severity is Severity.MAJOR


# --- the shipped packs --------------------------------------------------------------------


def sample_pairs() -> list[SegmentPair]:
    with open_input(str(SAMPLE)) as stream:
        return list(reader_for("interleaved")(stream, str(SAMPLE), ReadOptions()))


def test_default_pack_finds_nothing_on_the_sample() -> None:
    assert check_document(sample_pairs(), "sample", load_packs([default_pack_dir()])).findings == ()


def test_house_pack_end_to_end_on_the_sample() -> None:
    result = check_document(sample_pairs(), "sample", BUILTIN_RULES + load_packs([default_pack_dir(), HOUSE_PACK]))
    house = [(f.code, f.segment_id, f.match, f.replacement) for f in result.findings if f.code.startswith("HX")]
    assert house == [
        ("HX02", "p2", "center", "centre"),
        ("HX01", "p3", "informatization", None),
        ("HX02", "p3", "internationalization", "internationalisation"),
        ("HX01", "p3", "connotation", None),
        ("HX02", "p4", "organized", "organised"),
        ("HX02", "p5", "analyzed", "analysed"),
        ("HX05", "p9", "the Association", "the association"),
        ("HX05", "p9", "the Association", "the association"),
        ("HX05", "p10", "the Association", "the association"),
        ("HX05", "p10", "the Association", "the association"),
        ("HX04", "p11", "對外友協", None),
    ]
    built_in = {f.code for f in result.findings if not f.code.startswith("HX")}
    assert {"GR01", "SG04"} <= built_in


def test_pack_rules_render_in_the_rule_docs() -> None:
    from qa_tool.docs import rules_markdown

    markdown = rules_markdown(rule.meta for rule in load_packs([default_pack_dir(), HOUSE_PACK]))
    assert "## TM90" in markdown and "`superseded-belt-and-road-name`" in markdown and "## HX05" in markdown


def test_readme_key_reference_is_current() -> None:
    readme = (REPO / "rules" / "README.md").read_text(encoding="utf-8")
    assert pack_reference_markdown() in readme, "regenerate the key reference: python -c 'from qa_tool.packs import pack_reference_markdown as p; print(p())'"


def test_every_data_file_under_rules_is_documented() -> None:
    readme = (REPO / "rules" / "README.md").read_text(encoding="utf-8")
    data_files = [p.relative_to(REPO / "rules").as_posix() for p in (REPO / "rules").glob("*/*") if p.parent.name != "std"]
    assert data_files and [name for name in data_files if f"`{name}`" not in readme] == []

# --- the fast matching paths agree with the plain definition -------------------------------

_ALPHABET = "abAB1 -一带"


def test_a_literal_finder_compiles_its_regex_only_when_a_text_may_hold_a_literal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pack rule's literals are searched by the regex module only once its screen has let a
    text through: building the finder compiles nothing, so a small file whose texts hold none
    of them never pays for it."""
    compiled: list[str] = []
    compile_regex = regex.compile
    monkeypatch.setattr(regex, "compile", lambda pattern, *args: compiled.append(pattern) or compile_regex(pattern, *args))
    finder, _ = literal_choice(["Peking", "Canton"], RuleFile("HX01.yml", {(): 1}), "swap", ignorecase=False, word=True)
    assert compiled == []
    assert [m.span() for m in finder.finditer("Canton fair in Peking")] == [(0, 6), (15, 21)]
    assert len(compiled) == 2  # the prefilter without boundaries, then the bounded pattern
    list(finder.finditer("Peking again"))
    assert len(compiled) == 2


@settings(max_examples=300, deadline=None)
@given(
    tokens=st.lists(st.text(_ALPHABET, min_size=1, max_size=4).filter(str.strip), min_size=1, max_size=4, unique=True),
    text=st.text(_ALPHABET, max_size=30),
    ignorecase=st.booleans(),
    word=st.booleans(),
)
def test_literal_finder_agrees_with_one_bounded_regex(tokens: list[str], text: str, ignorecase: bool, word: bool) -> None:
    """Needles, the prefilter, lower-casing and per-word boundaries are speed-ups only: the
    spans are those of one regex with the boundaries written around the whole alternation."""
    finder, _ = literal_choice(tokens, RuleFile("HX01.yml", {(): 1}), "tokens", ignorecase=ignorecase, word=word)
    body = "|".join(regex.escape(token) for token in sorted(tokens, key=len, reverse=True))
    reference = searcher(body, regex.IGNORECASE if ignorecase else 0, word)
    assert [m.span() for m in finder.finditer(text)] == [m.span() for m in reference.pattern.finditer(text)]
