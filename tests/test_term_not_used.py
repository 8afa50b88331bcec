"""TM01 beyond matching: the near miss its message quotes, and acronyms the document defined."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from qa_tool.checks import select_rules
from qa_tool.checks.acronyms import _DEFINED, MAX_ACRONYMS, DefinedAcronyms, acronym_definitions, acronyms_used
from qa_tool.checks.base import CheckSettings
from qa_tool.checks import near_miss as near_miss_module
from qa_tool.checks.near_miss import NearMisses
from qa_tool.engine import check_document
from qa_tool.model import Finding, Location, SegmentPair

GLOSSARY = (
    "zh\ten\n"
    "宏观审慎政策\tmacroprudential policy\n"
    "外办\tForeign Affairs Office\n"
    "货币政策\tmonetary policy\n"
    "金管局\tHong Kong Monetary Authority\n"
    "检疫\tquarantine\n"
    "疫情爆发\tnovel coronavirus outbreak\n"
)


def tm01(tmp_path: Path, texts: list[tuple[str, str]], glossary: str = GLOSSARY) -> tuple[Finding, ...]:
    path = tmp_path / "glossary.tsv"
    path.write_text(glossary, encoding="utf-8")
    pairs = [SegmentPair(f"s{n}", zh, en, Location("doc.txt", line=n)) for n, (zh, en) in enumerate(texts, start=1)]
    return check_document(pairs, "doc.txt", select_rules(["TM01"]), CheckSettings(glossaries=(str(path),))).findings


# (Chinese, English, the near miss quoted, or None): each quoted one next to a close English
# whose phrase is not the rendering's.
NEAR_MISSES = [
    ("实施宏观审慎政策", "to apply a macro prudent policy", "macro prudent policy"),
    ("实施宏观审慎政策", "to apply a prudent fiscal policy", None),  # same head word, other words
    ("市政府外办主任", "Director of the Foreign Afairs Office", "Foreign Afairs Office"),
    ("市政府外办主任", "Director of the municipal foreign office", None),  # a word short: another rendering
    ("金管局发言人", "a spokesman for the Hong Kong Monetry Authorities", "Hong Kong Monetry Authorities"),
    ("金管局发言人", "a spokesman for the central bank authority", None),
    ("疫情爆发", "anger over the coronavirus outbreak", "coronavirus outbreak"),  # from a content word
    ("货币政策", "fiscal policy", None),  # another policy, not a slip
    ("检疫", "quarantaine", None),  # one-word renderings have no head word to anchor on
    ("实施宏观审慎政策", "prudent measures. Policy", None),  # not across the end of a clause
]


@pytest.mark.parametrize(("zh", "en", "quoted"), NEAR_MISSES)
def test_tm01_quotes_a_near_miss_and_only_one(tmp_path: Path, zh: str, en: str, quoted: str | None) -> None:
    (finding,) = tm01(tmp_path, [(zh, en)])
    if quoted is None:
        assert "found" not in finding.message
        assert len(finding.spans) == 1
        return
    assert finding.message.endswith(f", which the translation does not use (found '{quoted}').")
    target_span = finding.spans[1]
    assert (target_span.side.value, en[target_span.start : target_span.end]) == ("target", quoted)


def test_tm01_names_every_approved_rendering(tmp_path: Path) -> None:
    (finding,) = tm01(tmp_path, [("外办", "the bureau")], "zh\ten\n外办\tForeign Affairs Office; FAO\n")
    assert finding.message == "'外办' is in the glossary as 'Foreign Affairs Office' or 'FAO', which the translation does not use."


# Words, function words, spaces of several kinds, clause ends and an apostrophe: what decides
# where a phrase before a head word may start.
_PHRASE_PIECES = st.sampled_from(["macro", "prudent", "the", "of", "policy", "Children’s", "x", " ", "  ", "\n", ". ", "; ", ",", "-", "’", "A1"])


@settings(max_examples=400)
# A quick look reaching further back than a phrase may: no content word within reach.
@example(["x "] * 10 + ["macro"] + [" "] * 300 + ["policy"], 325, 3, 105)
@given(st.lists(_PHRASE_PIECES, max_size=300), st.integers(0, 1200), st.integers(1, 8), st.integers(1, 60))
def test_phrase_starts_are_the_clauses_last_content_words(pieces: list[str], head: int, count: int, characters_per_word: int) -> None:
    # The quick look a few words back, however few characters it allows a word, must give
    # what reading the clause from its start gives.
    text = "".join(pieces)
    head = min(head, len(text))
    reach = max(0, head - near_miss_module._REACH)
    whole_clause = near_miss_module._content_word_starts(text, near_miss_module._clause_start(text, reach, head), head)
    assert near_miss_module._phrase_starts(text, head, count, characters_per_word) == whole_clause[-count:]


def test_near_miss_looks_at_a_bounded_number_of_head_words() -> None:
    text = "the policy " * 20_000 + "macro prudent policy"
    near_misses = NearMisses(("macroprudential policy",))
    assert near_misses.search(text) is None
    assert near_misses.search("macro prudent policy " + text) == (0, 20)


# --- acronyms the document defined ----------------------------------------------------------

FUND = "zh\ten\n强积金\tMandatory Provident Fund\n存保计划\tDeposit Protection Scheme\n"
DEFINED = ("推出强积金", "the Mandatory Provident Fund (MPF) was launched")

# (earlier pairs, the later pair's English for 强积金供款): each accepted use next to a close
# one that must still be flagged.
ACRONYM_CASES = [
    ([DEFINED], "MPF contributions", False),
    ([], "MPF contributions", True),  # never defined
    ([("推出强积金", "the Mandatory Provident Fund was launched")], "MPF contributions", True),
    ([("推出强积金", "the Mandatory Provident Fund (MPF) was launched")], "the MPF's contributions", False),
    ([("推出强积金", "the Mandatory Provident Fund (MPF) was launched")], "MPFs contributions", False),
    ([("推出强积金", "the Mandatory Provident Fund (MPF) was launched")], "mpf contributions", True),  # not the acronym
    ([("推出存保计划", "the Deposit Protection Scheme (MPF) was launched")], "MPF contributions", True),  # defined as another term
    ([("推出", "a provident fund (MPF) was launched")], "MPF contributions", True),  # not as the rendering
    ([("推出强积金", 'the Mandatory Provident Fund ("MPF") was launched')], "MPF contributions", False),
    ([("推出强积金", "the Mandatory Provident Funds (MPF)")], "MPF contributions", False),  # inflected as the matcher allows
    ([("推出强积金", "the Mandatory Provident Fund (MPF)"), ("其他", "other text")], "MPF contributions", False),
    ([("推出强积金", "the Mandatory Provident Fund (MPF) and the DPS")], "the DPS contributions", True),
]


ACRONYMS_USED = [
    ("MPF contributions", ("MPF",)),
    ("the MPFs and the MPF's", ("MPFs", "MPF")),
    ("B&R and U.S. and COVID-19.", ("B&R", "U.S", "COVID-19")),
    ("-HKMA- and .DPS.", ("HKMA", "DPS")),
    ("McDonald and iPhone", ("McDonald",)),
    ("Mandatory Provident Fund", ()),  # one capital a word
    ("mpf, A, 2020, I-O", ("I-O",)),
    ("", ()),
]


@pytest.mark.parametrize(("text", "expected"), ACRONYMS_USED)
def test_acronyms_used_are_words_with_two_capitals(text: str, expected: tuple[str, ...]) -> None:
    assert acronyms_used(text) == expected


@given(st.lists(st.sampled_from(["(", ")", "（", "MPF", "the ", '"', "Fund", " ", "B&R", "x"]), max_size=8))
def test_a_text_without_an_opening_bracket_defines_no_acronym(pieces: list[str]) -> None:
    # acronym_definitions answers such a text without a search: the search must find nothing there.
    text = "".join(pieces).replace("(", "")
    assert _DEFINED.search(text) is None and acronym_definitions(text) == ()


def test_acronym_definitions_in_brackets() -> None:
    assert acronym_definitions("the Mandatory Provident Fund (MPF)") == (("MPF", "the Mandatory Provident Fund"),)


@pytest.mark.parametrize(("earlier", "en", "flagged"), ACRONYM_CASES)
def test_tm01_accepts_an_acronym_defined_earlier_in_the_document(
    tmp_path: Path, earlier: list[tuple[str, str]], en: str, flagged: bool
) -> None:
    last = f"s{len(earlier) + 1}"
    findings = tm01(tmp_path, [*earlier, ("强积金供款", en)], FUND)
    assert [finding.segment_id for finding in findings if finding.segment_id == last] == ([last] if flagged else [])


def test_tm01_definition_must_come_first(tmp_path: Path) -> None:
    findings = tm01(tmp_path, [("强积金供款", "MPF contributions"), DEFINED, ("强积金供款", "MPF contributions")], FUND)
    assert [finding.segment_id for finding in findings] == ["s1"]


def test_tm01_definition_is_of_its_own_file(tmp_path: Path) -> None:
    path = tmp_path / "glossary.tsv"
    path.write_text(FUND, encoding="utf-8")
    settings = CheckSettings(glossaries=(str(path),))
    rules = select_rules(["TM01"])
    check_document([SegmentPair("a1", *DEFINED, Location("a.txt", 1))], "a.txt", rules, settings)
    later = check_document([SegmentPair("b1", "强积金供款", "MPF contributions", Location("b.txt", 1))], "b.txt", rules, settings)
    assert [finding.segment_id for finding in later.findings] == ["b1"]


def test_tm01_acronyms_are_the_same_with_workers(tmp_path: Path) -> None:
    path = tmp_path / "glossary.tsv"
    path.write_text(FUND, encoding="utf-8")
    settings = CheckSettings(glossaries=(str(path),))
    texts = [("强积金供款", "MPF contributions"), DEFINED] + [("强积金供款", "MPF contributions")] * 2500
    pairs = [SegmentPair(f"s{n}", zh, en, Location("doc.txt", line=n)) for n, (zh, en) in enumerate(texts, start=1)]
    one = check_document(pairs, "doc.txt", select_rules(["TM01"]), settings)
    two = check_document(pairs, "doc.txt", select_rules(["TM01"]), settings, jobs=2)
    assert [f.segment_id for f in one.findings] == [f.segment_id for f in two.findings] == ["s1"]


def test_defined_acronyms_stay_bounded() -> None:
    defined = DefinedAcronyms()
    defined.record(tuple((f"A{number}B", "Mandatory Provident Fund") for number in range(MAX_ACRONYMS + 100)))
    assert defined.stand_for(("Mandatory Provident Fund",), ("A0B",))
    assert not defined.stand_for(("Mandatory Provident Fund",), (f"A{MAX_ACRONYMS}B",))
