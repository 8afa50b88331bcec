"""Projects: consistency rules comparing the files of one run (check_run), and what the
reports say about several files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa_tool.checks import select_rules
from qa_tool.cli import cli
from qa_tool.engine import Consistency, DocumentInput, check_run
from qa_tool.model import Finding, Location, SegmentPair
from qa_tool.packs import available_rules

REPO = Path(__file__).resolve().parents[1]
HOUSE_PACK = REPO / "examples" / "house-pack"

Texts = list[tuple[str, str]]


def document(name: str, texts: Texts, rules: tuple) -> DocumentInput:
    pairs = [SegmentPair(f"s{n}", zh, en, Location(name, line=n)) for n, (zh, en) in enumerate(texts, start=1)]
    return DocumentInput(name, pairs, rules)


def run_findings(code: str, first: Texts, second: Texts, consistency: Consistency = Consistency.RUN) -> list[Finding]:
    rules = select_rules([code], rules=available_rules([HOUSE_PACK]))
    results = check_run([document("a.txt", first, rules), document("b.txt", second, rules)], consistency=consistency)
    return [finding for result in results for finding in result.findings if finding.code == code]


# Each rule comparing a run's files: a first file, a second that disagrees with it (flagged
# once, in the second file unless said otherwise), and beside it a close second file that agrees.
CASES = [
    pytest.param(
        "CS01", [("添加书签", "Add bookmark")], [("添加书签", "Bookmark this page")], [("添加书籤", "add bookmark.")],
        "b.txt", "line 1 of a.txt", id="CS01",
    ),
    pytest.param(
        "CS02",
        [("请填写您的姓名和地址。", "Please fill in your name and address.")],
        [("本店周一至周五营业。", "Please fill in your name and address.")],
        [("请您填写姓名和地址。", "Please fill in your name and address.")],
        "b.txt", "line 1 of a.txt", id="CS02",
    ),
    pytest.param(
        "NM05", [("周毅表示", "Zhou Yi said")], [("周毅说", "ZHOU Yi added")], [("周毅说", "Zhou Yi added")],
        "b.txt", "at line 1 of a.txt", id="NM05",
    ),
    pytest.param(
        "NM07",
        [("秘书长谭世贤介绍。", "Secretary General Tan Shixian said."), ("秘书长谭世贤说。", "Secretary General Tan Shixian added.")],
        [("秘书长出席。", "The Secretary-General attended.")],
        [("秘书长出席。", "The Secretary General attended.")],
        "b.txt", "at line 1 of a.txt", id="NM07",
    ),
    pytest.param(
        "NM08",
        [("二级巡视员马勇表示", "Ma Yong, Level-II inspector, said"), ("二级巡视员马勇说", "Ma Yong, Level-II inspector, added")],
        [("二级巡视员鲁进说", "Lu Jin, Level-II Inspector, added")],
        [("二级巡视员鲁进说", "Lu Jin, Level-II inspector, added")],
        "b.txt", "at line 1 of a.txt", id="NM08",
    ),
    pytest.param(
        "PU07",
        [("“美国梦”", 'their "American Dream"'), ("“没有人是一座孤岛。”", '"No man is an island."')],
        [("所谓“低阶层”", "the so-called “lower classes”")],
        [("所谓“低阶层”", 'the so-called "lower classes"')],
        "b.txt", "of this run, first at line 1 of a.txt", id="PU07",
    ),
    pytest.param(
        "HX05",
        [("我们拜访了协会", "We visited the Association.")],
        [("协会与会员联系", "the association keeps in touch with its members")],
        [("协会与会员联系", "the Association keeps in touch with its members")],
        "b.txt", "line 1 of a.txt", id="pack-consistency",
    ),
]


@pytest.mark.parametrize(("code", "first", "disagreeing", "agreeing", "flagged_in", "names"), CASES)
def test_a_consistency_rule_compares_the_files_of_a_run(
    code: str, first: Texts, disagreeing: Texts, agreeing: Texts, flagged_in: str, names: str
) -> None:
    (finding,) = run_findings(code, first, disagreeing)
    assert finding.location.path == flagged_in
    assert names in finding.message
    assert run_findings(code, first, agreeing) == []


@pytest.mark.parametrize(("code", "first", "disagreeing", "agreeing", "flagged_in", "names"), CASES)
def test_with_file_consistency_each_file_is_compared_only_with_itself(
    code: str, first: Texts, disagreeing: Texts, agreeing: Texts, flagged_in: str, names: str
) -> None:
    assert run_findings(code, first, disagreeing, Consistency.FILE) == []
    # ...while one file holding both still is.
    rules = select_rules([code], rules=available_rules([HOUSE_PACK]))
    (result,) = check_run([document("a.txt", first + disagreeing, rules)], consistency=Consistency.FILE)
    (finding,) = [f for f in result.findings if f.code == code]
    assert " of a.txt" not in finding.message


def test_a_finding_at_the_end_of_a_run_goes_to_the_file_of_its_pair() -> None:
    # NM05 decides at the end of the run; the odd spelling is in the first file.
    rules = select_rules(["NM05"])
    first = [("周毅说", "ZHOU Yi added")]
    second = [("周毅表示", "Zhou Yi said"), ("周毅说", "Zhou Yi added")]
    a, b = check_run([document("a.txt", first, rules), document("b.txt", second, rules)])
    (finding,) = a.findings
    assert b.findings == () and finding.pair.target == "ZHOU Yi added"
    assert "'Zhou Yi' at line 1 of b.txt (2×)" in finding.message


def test_a_qa_ignore_note_suppresses_a_finding_made_at_the_end_of_the_run() -> None:
    rules = select_rules(["NM05"])
    noted = SegmentPair("s1", "周毅说", "ZHOU Yi added", Location("a.txt", line=1), notes=("qa-ignore: NM05 the client's style",))
    a, _ = check_run([DocumentInput("a.txt", [noted], rules), document("b.txt", [("周毅表示", "Zhou Yi said"), ("周毅说", "Zhou Yi added")], rules)])
    assert a.findings == () and [f.code for f in a.suppressed] == ["NM05"]


def test_pairs_without_lines_are_named_by_segment_and_file() -> None:
    rules = select_rules(["CS01"])
    first = DocumentInput("a.xlf", [SegmentPair("u7", "添加书签", "Add bookmark", Location("a.xlf"))], rules)
    second = DocumentInput("b.xlf", [SegmentPair("u1", "添加书签", "Bookmark it", Location("b.xlf"))], rules)
    _, b = check_run([first, second])
    (finding,) = b.findings
    assert "at segment u7 of a.xlf" in finding.message


def test_a_rule_ignored_for_one_file_neither_reads_nor_flags_it() -> None:
    cs01 = select_rules(["CS01"])
    a, b, c = check_run([
        document("a.txt", [("添加书签", "Add bookmark")], cs01),
        document("b.txt", [("添加书签", "Bookmark this page")], ()),
        document("c.txt", [("添加书签", "Add a bookmark")], cs01),
    ])
    assert b.findings == () and [f.location.path for f in c.findings] == ["c.txt"]
    assert "line 1 of a.txt" in c.findings[0].message


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_gives_the_same_findings_for_any_number_of_jobs(jobs: int) -> None:
    rules = select_rules(["DEFAULT"], rules=available_rules([HOUSE_PACK]))
    texts = [("添加书签", "Add bookmark"), ("周毅表示", "Zhou Yi said"), ("“美国梦”", 'their "American Dream"')] * 700
    others = [("添加书签", "Bookmark this page"), ("周毅说", "ZHOU Yi added"), ("所谓“低阶层”", "the so-called “lower classes”")]
    documents = lambda: [document("a.txt", texts, rules), document("b.txt", others * 3, rules)]  # noqa: E731
    assert check_run(documents(), jobs=jobs) == check_run(documents(), jobs=1)
    assert {f.code for f in check_run(documents(), jobs=jobs)[1].findings} >= {"CS01", "NM05", "PU07"}


# --- the command line on a folder ---------------------------------------------------------

PROJECT = REPO / "tests" / "data" / "project"
PROJECT_FILES = ["c.tsv", "d.jsonl", "drafts/old.tsv", "manual/a.tmx", "manual/b.xlf", "news.txt"]


def check(*args: str):
    return CliRunner().invoke(cli, ["check", *args, "--isolated"])


def report_of(*args: str) -> dict:
    result = check(*args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def files_of(report: dict, folder: Path = PROJECT) -> list[str]:
    return [Path(file["path"]).relative_to(folder).as_posix() for file in report["files"]]


def findings_in(report: dict) -> list[dict]:
    return [finding for file in report["files"] for finding in file["findings"]]


def test_a_folder_is_checked_file_by_file_in_path_order() -> None:
    report = report_of(str(PROJECT))
    # Hidden folders (.backup) and files of no known format (README.md) are not read.
    assert files_of(report) == PROJECT_FILES
    assert report["summary"]["pairs"] == 11


def test_the_one_inconsistency_across_files_is_found_once_naming_both_places() -> None:
    (finding,) = findings_in(report_of(str(PROJECT)))
    assert finding["code"] == "CS01"
    assert (finding["location"]["path"], finding["location"]["line"]) == (str(PROJECT / "manual" / "a.tmx"), 9)
    assert f"at line 3 of {PROJECT / 'c.tsv'};" in finding["message"]


def test_file_consistency_finds_nothing_across_files(tmp_path: Path) -> None:
    assert findings_in(report_of(str(PROJECT), "--consistency", "file")) == []
    shutil.copytree(PROJECT, tmp_path / "project")
    (tmp_path / "project" / ".qa-tool.toml").write_text('consistency = "file"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "project"), "--format", "json"])
    assert json.loads(result.stdout)["summary"]["findings"] == 0
    # The option wins over the config.
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "project"), "--format", "json", "--consistency", "run"])
    assert json.loads(result.stdout)["summary"]["findings"] == 1


@pytest.mark.parametrize(
    ("patterns", "files"),
    [
        (["--exclude", "drafts/"], [f for f in PROJECT_FILES if not f.startswith("drafts/")]),
        (["--exclude", "drafts"], [f for f in PROJECT_FILES if not f.startswith("drafts/")]),
        # Unanchored: any depth; anchored with '/': only at the top of the folder.
        (["--include", "*.tsv"], ["c.tsv", "drafts/old.tsv"]),
        (["--include", "/*.tsv"], ["c.tsv"]),
        (["--include", "manual/**"], ["manual/a.tmx", "manual/b.xlf"]),
        (["--include", "*.tsv", "--exclude", "c.tsv"], ["drafts/old.tsv"]),
        (["--exclude", "*.tsv", "--exclude", "!c.tsv"], [f for f in PROJECT_FILES if f != "drafts/old.tsv"]),
        # Close cases that leave every file in.
        (["--exclude", "/old.tsv"], PROJECT_FILES),
        (["--exclude", "draft/"], PROJECT_FILES),
        (["--include", "*"], PROJECT_FILES),
    ],
)
def test_include_and_exclude_work_as_in_a_gitignore(patterns: list[str], files: list[str]) -> None:
    assert files_of(report_of(str(PROJECT), *patterns)) == files


def test_patterns_that_leave_no_file_are_one_clear_error() -> None:
    result = check(str(PROJECT), "--include", "*.po")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"qa-tool: error: {PROJECT}: the folder holds no file of a format qa-tool reads matching --include/--exclude")


@pytest.mark.parametrize(("option", "pattern"), [("--exclude", "!"), ("--include", "\\")])
def test_a_pattern_a_gitignore_cannot_hold_is_one_clear_error(option: str, pattern: str) -> None:
    result = check(str(PROJECT), option, pattern)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"qa-tool: error: {option} '{pattern}' is not a pattern as a .gitignore writes one")


def test_a_file_named_beside_its_folder_is_read_once() -> None:
    report = report_of(str(PROJECT / "c.tsv"), str(PROJECT))
    assert files_of(report) == ["c.tsv"] + [f for f in PROJECT_FILES if f != "c.tsv"]


def test_a_report_written_into_the_folder_is_not_read_back(tmp_path: Path) -> None:
    shutil.copytree(PROJECT, tmp_path / "project")
    for _ in range(2):
        result = check(str(tmp_path / "project"), "-o", str(tmp_path / "project" / "report.tsv"), "--quiet")
        assert result.exit_code == 1, result.output
    assert files_of(report_of(str(tmp_path / "project"), "--exclude", "report.tsv"), tmp_path / "project") == PROJECT_FILES


def test_a_folder_gives_byte_identical_json_for_any_number_of_jobs() -> None:
    one, two = (check(str(PROJECT), "--format", "json", "--jobs", jobs) for jobs in ("1", "2"))
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout


def test_a_wrong_consistency_in_the_config_is_one_clear_error(tmp_path: Path) -> None:
    shutil.copytree(PROJECT, tmp_path / "project")
    (tmp_path / "project" / ".qa-tool.toml").write_text('consistency = "folder"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "project")])
    assert result.exit_code == 2
    assert "consistency: expected one of file, run, got 'folder'" in result.stderr


@pytest.mark.parametrize("output_format", ["human", "json", "jsonl", "sarif", "junit", "github", "tsv", "html"])
def test_every_report_gives_each_file_its_score_and_the_run_its_own(output_format: str) -> None:
    result = check(str(PROJECT), "--format", output_format, "--no-color")
    assert result.exit_code == 1, result.output
    # The file with the finding: one minor point over 7 target words; the run: over 45.
    assert "85.71" in result.stdout and "97.78" in result.stdout
    # Each clean file has its own score of 100.
    assert result.stdout.count("100.0") >= len(PROJECT_FILES) - 1


def test_spreadsheets_and_po_files_join_a_project_and_templates_stay_out(tmp_path: Path) -> None:
    from excel_files import Sheet, excel_workbook

    project = tmp_path / "project"
    shutil.copytree(PROJECT, project)
    # 打开新标签页 is "Open a new tab" in drafts/old.tsv and manual/a.tmx; the sheet says otherwise.
    (project / "review.xlsx").write_bytes(excel_workbook(Sheet("审校", {1: ["原文", "译文"], 2: ["打开新标签页", "Open new tab page"]})))
    # 添加书签 as in c.tsv: no second finding.
    (project / "ui.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "添加书签"\nmsgstr "Add bookmark"\n',
        encoding="utf-8",
    )
    # A template: empty targets, no translation to check.
    (project / "ui.pot").write_text('msgid ""\nmsgstr ""\n\nmsgid "添加书签"\nmsgstr ""\n', encoding="utf-8")
    report = report_of(str(project))
    assert files_of(report, project) == PROJECT_FILES + ["review.xlsx", "ui.po"]
    by_file = {Path(file["path"]).name: [f["message"] for f in file["findings"]] for file in report["files"]}
    assert by_file["a.tmx"] == [f"The same Chinese is translated differently at line 3 of {project / 'c.tsv'}; use one translation for it."]
    assert by_file["review.xlsx"] == [
        f"The same Chinese is translated differently at line 2 of {project / 'drafts' / 'old.tsv'}; use one translation for it."
    ]
    assert by_file["ui.po"] == []


def test_trados_and_memoq_files_of_one_document_are_compared_with_each_other(tmp_path: Path) -> None:
    # The fixtures of tests/data/cat (see its README): one report translated in Trados and in memoQ.
    cat = REPO / "tests" / "data" / "cat"
    shutil.copy(cat / "annual-report.zh-en.mqxliff", tmp_path / "b.mqxliff")
    trados = (cat / "annual-report.zh-en.sdlxliff").read_text(encoding="utf-8")
    changed = trados.replace('The <g id="pt1">Board</g> approved the plan.', 'The <g id="pt1">directors</g> approved the plan.')
    assert changed != trados
    (tmp_path / "a.sdlxliff").write_text(changed, encoding="utf-8")
    report = report_of(str(tmp_path), "--select", "CS")
    (finding,) = findings_in(report)
    assert (Path(finding["location"]["path"]).name, finding["location"]["line"]) == ("b.mqxliff", 60)
    assert finding["message"] == f"The same Chinese is translated differently at line 8 of {tmp_path / 'a.sdlxliff'}; use one translation for it."
    assert findings_in(report_of(str(tmp_path), "--select", "CS", "--consistency", "file")) == []
    # The Trados and memoQ copies as delivered agree: nothing across them.
    (tmp_path / "a.sdlxliff").write_text(trados, encoding="utf-8")
    assert findings_in(report_of(str(tmp_path), "--select", "CS")) == []


@pytest.mark.parametrize(
    ("config", "options", "files"),
    [
        ('exclude = ["drafts/"]\n', [], [f for f in PROJECT_FILES if not f.startswith("drafts/")]),
        ('include = "*.tsv"\n', [], ["c.tsv", "drafts/old.tsv"]),
        # The command line's patterns come after the config's: '!' takes a file back.
        ('exclude = ["drafts/", "*.tsv"]\n', ["--exclude", "!c.tsv"], [f for f in PROJECT_FILES if not f.startswith("drafts/")]),
        ('include = ["*.tsv"]\n', ["--include", "*.tmx"], ["c.tsv", "drafts/old.tsv", "manual/a.tmx"]),
        # Close case: a config without patterns leaves every file in.
        ('consistency = "run"\n', [], PROJECT_FILES),
    ],
)
def test_the_config_holds_include_and_exclude_patterns(tmp_path: Path, config: str, options: list[str], files: list[str]) -> None:
    project = tmp_path / "project"
    shutil.copytree(PROJECT, project)
    (project / ".qa-tool.toml").write_text(config, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(project), "--format", "json", *options])
    assert result.exit_code in (0, 1), result.output
    assert files_of(json.loads(result.stdout), project) == files


def test_patterns_in_the_config_must_be_text(tmp_path: Path) -> None:
    (tmp_path / ".qa-tool.toml").write_text("exclude = [1]\n", encoding="utf-8")
    shutil.copy(PROJECT / "c.tsv", tmp_path / "c.tsv")
    result = CliRunner().invoke(cli, ["check", str(tmp_path)])
    assert result.exit_code == 2 and "exclude: expected a list of patterns, got [1]" in result.stderr


@pytest.mark.parametrize("value", ['"!"', '["drafts/", "\\\\"]'])
def test_a_pattern_in_the_config_a_gitignore_cannot_hold_names_the_config(tmp_path: Path, value: str) -> None:
    (tmp_path / ".qa-tool.toml").write_text(f"include = {value}\n", encoding="utf-8")
    shutil.copy(PROJECT / "c.tsv", tmp_path / "c.tsv")
    result = CliRunner().invoke(cli, ["check", str(tmp_path)])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"qa-tool: error: {tmp_path / '.qa-tool.toml'}: include: '")
    assert "is not a pattern as a .gitignore writes one" in result.stderr
