"""`qa-tool glossary lint`: each flaw it must report, with a close entry it must leave alone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from qa_tool import glossary_lint
from qa_tool.cli import cli
from qa_tool.glossary import Rendering, Term
from qa_tool.glossary_lint import lint_glossaries


def _glossary(tmp_path: Path, rows: str, name: str = "terms.tsv") -> str:
    path = tmp_path / name
    path.write_text("zh\ten\tforbidden\tnote\n" + rows, encoding="utf-8")
    return str(path)


# (rows after the header, line 2 onwards; {line: words the finding must hold}). Each case that
# must be reported stands next to a close one that must not.
CASES = [
    # OCR slips, judged against the glossary's own words.
    ("贷款\tloan\n住房贷款\thousing Ioan\n", {3: "'Ioan' in 'housing Ioan' looks like an OCR slip for 'loan'"}),
    ("所得税\tincome tax\n收入\tIncome\n", {}),  # 'lncome' is no word of the glossary
    ("艾奥纳\tIona\n", {}),  # no 'lona' elsewhere
    ("关联方\treIated party\n", {2: "OCR slip for 'related'"}),  # a capital I no name has there
    ("领英\tLinkedIn\n", {}),  # a name's own capital
    ("委员会\tcommittee\n小组委员会\tsub-c0mmittee\n", {3: "'c0mmittee' in 'sub-c0mmittee' looks like an OCR slip for 'committee'"}),
    ("甲型H1N1流感\tH1N1 influenza\n", {}),
    ("二零二零年\tthe year 2O2O\n", {2: "OCR slip for '2020'"}),
    ("过氧化氢\tH2O2\n", {}),
    ("住房贷款\thousing Ioan\n住房贷款计划\thousing Ioan scheme\n", {}),  # written so throughout: meant
    # Odd casing, where the glossary itself writes the word in lower case.
    ("基金\tfund\n外汇基金条例\texchange Fund ordinance\n", {3: "odd casing: 'exchange Fund ordinance' is in lower case but for 'Fund'"}),
    ("基金\tfund\n外汇基金\tExchange Fund\n", {}),  # title case throughout
    ("政府\tgovernment\n政府首长\thead of Government\n", {}),  # nothing in lower case after it
    ("武汉\twuhan city\n武汉旅行\ttravel to Wuhan city\n", {3: "but for 'Wuhan'"}),
    ("武汉旅行\ttravel to Wuhan city\n", {}),  # a name the glossary never writes in lower case
    ("政府\tgovernment\n特区政府\tthe Government of the Region\n", {}),  # an article before the first word
    ("疾病\tdisease\n传染病\tinfectious diSease\n", {3: "odd casing: 'diSease' in 'infectious diSease' (other entries write 'disease')"}),
    ("新型冠状病毒\tncov\n2019新型冠状病毒\t2019-nCoV\n", {}),  # two capitals: a written form, not a slip
    # An English that is Chinese.
    ("冠状病毒\t冠状病毒\n", {2: "the English of '冠状病毒' is the Chinese itself"}),
    ("疾控中心\tCDC\nCDC\tCDC\n", {}),  # a Latin term kept as written
    ("新冠\tCOVID 新冠\n", {2: "the English 'COVID 新冠' of '新冠' holds Chinese characters"}),
    ("新冠\tCOVID\n", {}),
    # Entries that can never match.
    ("破折号\t—\n", {2: "has no letters or digits"}),
    ("美元\tUS$\n", {}),
    ("强积金\t(MPF)\n", {2: "the English '(MPF)' of '强积金' is all in brackets"}),
    ("强积金\tMandatory Provident Fund (MPF)\n", {}),
    ("——\tdash\n", {2: "the Chinese term '——' has no Chinese characters, letters or digits"}),
    ("COVID-19\tCOVID-19\n", {}),
    ("服務(wù)\tservice\n", {2: "the Chinese term '服務(wù)' is not found even in its own text"}),
    ("服務\tservice\n", {}),
    # Repeats and contradictions.
    ("外办\tForeign Affairs Office\n外办\tforeign affairs office\n", {3: "'外办' → 'foreign affairs office' repeats line 2 (approved there too)"}),
    ("隔离\tquarantine\t\tthe noun\n隔离\tquarantine\t\tthe verb\n", {}),  # a second sense, with its own note
    ("发展 ; 發展\tdevelopment\n", {}),  # one line naming the term in both scripts
    ("外办\tForeign Affairs Office\n外办\tLiaison Office\tForeign Affairs Office\n", {3: "is forbidden here but line 2 approves it"}),
    ("外办\tForeign Affairs Office\tForeign Office\n", {}),
]


@pytest.mark.parametrize(("rows", "expected"), CASES)
def test_lint_reports_the_flaw_and_leaves_the_close_entry_alone(tmp_path: Path, rows: str, expected: dict[int, str]) -> None:
    path = _glossary(tmp_path, rows)
    findings = lint_glossaries([path])
    assert {finding.line for finding in findings} == set(expected), [str(finding) for finding in findings]
    for finding in findings:
        assert finding.path == path
        assert expected[finding.line] in finding.message


def test_same_entry_in_two_files_is_no_repeat_but_a_contradiction_is(tmp_path: Path) -> None:
    house = _glossary(tmp_path, "外办\tForeign Affairs Office\n", "house.tsv")
    project = _glossary(tmp_path, "外办\tForeign Affairs Office\n外办\t\tforeign affairs office\n", "project.tsv")
    (finding,) = lint_glossaries([house, project])
    assert str(finding).startswith(f"{project}:3: '外办' → 'foreign affairs office' is forbidden here but {house}:2 approves it")


def test_cli_lint_prints_one_line_per_finding_and_exits_1(tmp_path: Path) -> None:
    path = _glossary(tmp_path, "贷款\tloan\n住房贷款\thousing Ioan\n")
    result = CliRunner().invoke(cli, ["glossary", "lint", path])
    assert result.exit_code == 1
    assert result.stdout == f"{path}:3: 'Ioan' in 'housing Ioan' looks like an OCR slip for 'loan'\n"
    assert "1 entry to look at in 1 glossary" in result.stderr


def test_cli_lint_of_a_clean_glossary_exits_0(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["glossary", "lint", _glossary(tmp_path, "贷款\tloan\n")])
    assert (result.exit_code, result.stdout) == (0, "")


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        (None, "cannot read the glossary"),
        ("外办\n", "has no English rendering"),
    ],
)
def test_cli_lint_of_an_unreadable_glossary_exits_2_with_one_line(tmp_path: Path, rows: str | None, words: str) -> None:
    path = str(tmp_path / "missing.tsv") if rows is None else _glossary(tmp_path, rows)
    result = CliRunner().invoke(cli, ["glossary", "lint", path])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert words in result.stderr and path in result.stderr and result.stderr.count("\n") == 1


def test_lint_of_the_tico19_termbases_finds_only_their_repeats(shared_dir: Path) -> None:
    """Read by hand: each of these lines restates an earlier entry of the same file with no note
    of its own; everything else in the three termbases is clean."""
    folder = shared_dir / "fixtures/tico19_en_zh"
    findings = lint_glossaries([str(path) for path in sorted(folder.glob("*.csv"))])
    assert [(Path(finding.path).name, finding.line) for finding in findings] == [
        ("g_en_zh-CN.csv", line) for line in (51, 56, 235, 240, 281, 332, 336)
    ]
    assert all("repeats line" in finding.message for finding in findings)


def test_check_warns_about_the_glossary_on_stderr_and_keeps_stdout_for_the_report(tmp_path: Path) -> None:
    rows = "贷款\tloan\n住房贷款\thousing Ioan\n" + "".join(f"外办{index}\toffice\n" * 2 for index in range(6))
    glossary = _glossary(tmp_path, rows)
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("zh\ten\n住房贷款\thousing loan\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(pairs), "--isolated", "--glossary", glossary, "--format", "json"])
    # The slip in the glossary is what fails the gate: TM01 wants 'housing Ioan'.
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["files"][0]["findings"][0]["code"] == "TM01"
    warnings = result.stderr.splitlines()
    assert warnings[0] == f"qa-tool: warning: {glossary}:3: 'Ioan' in 'housing Ioan' looks like an OCR slip for 'loan'"
    assert len(warnings) == 6
    assert warnings[-1].startswith("qa-tool: warning: 2 more in the glossaries; 'qa-tool glossary lint ")


def test_check_with_a_clean_glossary_says_nothing_on_stderr(tmp_path: Path) -> None:
    glossary = _glossary(tmp_path, "住房贷款\thousing loan\n")
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("zh\ten\n住房贷款\thousing loan\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(pairs), "--isolated", "--glossary", glossary, "--format", "json"])
    assert (result.exit_code, result.stderr) == (0, "")


def test_check_still_refuses_a_contradictory_glossary(tmp_path: Path) -> None:
    glossary = _glossary(tmp_path, "外办\tForeign Affairs Office\n外办\t\tForeign Affairs Office\n")
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("zh\ten\n外办\tForeign Affairs Office\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(pairs), "--isolated", "--glossary", glossary])
    assert result.exit_code == 2
    assert "qa-tool: warning:" in result.stderr and "remove one of the two entries" in result.stderr


# Mostly lower-case words, and a few that are not, which the quick pass must not take.
_LOWER_CASE_WORDS = ("loan", "housing", "lona", "fund", "exchange", "ordinance", "of", "the", "c", "i", "o", "l", "Ioan", "c0mmittee", "Fund")


@hypothesis_settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_LOWER_CASE_WORDS), min_size=1, max_size=5),
    st.sampled_from((" ", "-", "'", "  ")),
    st.lists(st.sampled_from(("loan", "Loan", "Ioan", "committee", "fund", "Fund", "Exchange", "ORDINANCE", "2O2O", "Lona")), max_size=6),
)
def test_lower_case_english_is_faulted_by_no_check(words: list[str], gap: str, other_words: list[str]) -> None:
    # The quick pass over plain lower-case English must agree with the checks it skips,
    # whatever the rest of the glossary writes.
    text = gap.join(words)
    entries = [Term("甲", (Rendering(text, "g.tsv", 2),)), Term("乙", (Rendering(" ".join(other_words) or "x", "g.tsv", 3),))]
    quick = [list(glossary_lint._entry_findings(entry, glossary_lint._Vocabulary(entries))) for entry in entries]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(glossary_lint, "_PLAIN_LOWER_CASE", re.compile("(?!)"))
        full = [list(glossary_lint._entry_findings(entry, glossary_lint._Vocabulary(entries))) for entry in entries]
    assert quick == full


def test_the_vocabulary_counts_each_english_apart_and_each_line_once() -> None:
    # Words are found in all the English at once: "loan" ending one English and "Fund"
    # starting the next must not run together, and a line of two sources counts once.
    line = (Rendering("Ioan", "g.tsv", 2),)
    entries = [
        Term("贷款", (Rendering("bank loan", "g.tsv", 1),), path="g.tsv", line=1),
        Term("基金", line, path="g.tsv", line=2),
        Term("基金会", line, path="g.tsv", line=2),
        Term("基", (Rendering("Fund", "g.tsv", 3),), path="g.tsv", line=3),
    ]
    words = glossary_lint._Vocabulary(entries)
    assert words.written == {"bank": 1, "loan": 1, "Ioan": 1, "Fund": 1}
    assert words.folded == {"bank": 1, "loan": 1, "ioan": 1, "fund": 1}
