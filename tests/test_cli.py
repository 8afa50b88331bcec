"""End to end through the command line (click's runner) on the real bundled sample."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa_tool import __version__
from qa_tool.checks import BUILTIN_RULES
from qa_tool.cli import cli

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "chongqing-fao-news.zh-en.txt"


def run(*args: str, input: bytes | str | None = None, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), input=input, env=env)


@pytest.fixture(scope="module")
def sample_report() -> dict:
    result = run("check", str(SAMPLE), "--format", "json")
    assert result.exit_code == 1, result.output  # the sample's real errors fail the gate
    return json.loads(result.stdout)


def test_sample_reads_eleven_pairs(sample_report: dict) -> None:
    assert sample_report["summary"]["pairs"] == 11
    assert sample_report["files"][0]["pairs"] == 11


def test_sample_findings_are_exactly_the_real_errors(sample_report: dict) -> None:
    findings = [
        (f["code"], f["spans"][0]["text"] if f["spans"] else "", f["replacement"])
        for f in sample_report["files"][0]["findings"]
    ]
    assert findings == [
        ("GR01", "Governments", "Government's"),
        ("SG04", "?qū)⑾嚓P(guān)", None),
        ("GR01", "Chongqings", "Chongqing's"),
        ("GR01", "Peoples", "People's"),
    ]


def test_sample_finding_points_at_its_segment_and_line(sample_report: dict) -> None:
    by_match = {f["spans"][0]["text"]: f for f in sample_report["files"][0]["findings"]}
    chongqings = by_match["Chongqings"]
    assert chongqings["segment_id"] == "p9"
    assert chongqings["location"]["line"] == 16
    assert chongqings["severity"] == "major" and chongqings["category"] == "Fluency/Grammar"


def test_sample_correct_possessives_are_left_alone(sample_report: dict) -> None:
    flagged = {f["spans"][0]["text"] for f in sample_report["files"][0]["findings"] if f["spans"]}
    assert not flagged & {"Party's", "enterprises'", "People's", "Association's", "Affairs"}


def test_shared_sample_is_the_bundled_example(shared_dir: Path) -> None:
    assert (shared_dir / "samples" / SAMPLE.name).read_bytes() == SAMPLE.read_bytes()


def test_human_report_shows_spans_fixes_and_score() -> None:
    result = run("check", str(SAMPLE), env={"NO_COLOR": "1"})
    assert result.exit_code == 1
    out = result.stdout
    for expected in ("Chongqings", "→ Chongqing's", "→ Government's", "→ People's", "SG04", "Score 97.", "FAILED", "qa-tool|weights"):
        assert expected in out
    assert "\x1b[" not in out  # no colour when NO_COLOR is set or output is not a terminal


def test_gate_passes_when_only_the_damage_rule_runs() -> None:
    result = run("check", str(SAMPLE), "--select", "SG", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["passed"] is True


def test_fail_on_severity_fails_the_gate() -> None:
    result = run("check", str(SAMPLE), "--select", "GR01", "--threshold", "0", "--fail-on", "major")
    assert result.exit_code == 1
    result = run("check", str(SAMPLE), "--select", "GR01", "--threshold", "0")
    assert result.exit_code == 0


def test_output_file_is_written(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = run("check", str(SAMPLE), "--format", "json", "-o", str(target))
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["pairs"] == 11
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left


def test_stdin_with_explicit_format() -> None:
    result = run("check", "-", "--from", "tsv", "--format", "json", input="设置\t设置\n关闭\tClose\n".encode())
    assert result.exit_code == 1, result.output  # one major finding in one English word
    report = json.loads(result.stdout)
    assert report["summary"]["pairs"] == 2
    assert [f["code"] for f in report["files"][0]["findings"]] == ["SG02"]


def test_two_plain_files_are_read_as_parallel(tmp_path: Path) -> None:
    (tmp_path / "a.zh").write_text("设置\n关闭\n", encoding="utf-8")
    (tmp_path / "a.en").write_text("\nClose\n", encoding="utf-8")
    result = run("check", str(tmp_path / "a.zh"), str(tmp_path / "a.en"), "--format", "json")
    report = json.loads(result.stdout)
    assert report["summary"]["pairs"] == 2
    assert [f["code"] for f in report["files"][0]["findings"]] == ["SG01"]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.tmx", None, "missing.tmx: no such file"),
        ("broken.tmx", b'<?xml version="1.0"?>\n<tmx version="1.4"><body>\n<tu><tuv xml:lang="zh"><seg>a', "broken.tmx:"),
        ("a.zh", "设置\n关闭\n三\n".encode(), "line"),
        ("bad.jsonl", b'{"source": "a", "target": "b"}\nnot json\n', "bad.jsonl:2:"),
        ("what.bin", b"\x00\x01\x02", "cannot tell the format"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    path = tmp_path / name
    args = ["check", str(path)]
    if content is not None:
        path.write_bytes(content)
    if name == "a.zh":
        (tmp_path / "a.en").write_text("Settings\n", encoding="utf-8")
        args.append(str(tmp_path / "a.en"))
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("qa-tool: error: ")
    assert message in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert result.stderr.count("\n") == 1


def test_unknown_rule_is_a_usage_error() -> None:
    result = run("check", str(SAMPLE), "--select", "ZZ99")
    assert result.exit_code == 2 and "ZZ99" in result.stderr


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.stdout


def test_help_teaches_exit_codes_and_examples() -> None:
    out = run("check", "--help").stdout
    assert "Exit codes" in out and "qa-tool check" in out and "--from" in out


def test_rules_lists_every_rule() -> None:
    out = run("rules", env={"NO_COLOR": "1", "COLUMNS": "200"}).stdout
    for rule in BUILTIN_RULES:
        assert rule.meta.code in out and rule.meta.name in out


def test_rules_show_explains_one_rule() -> None:
    out = run("rules", "show", "GR01").stdout
    assert "missing-possessive-apostrophe" in out and "Chongqings economy" in out


def test_rule_docs_are_generated_and_current() -> None:
    generated = run("rules", "--markdown").stdout
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == generated, (
        "docs/rules.md is stale: run `qa-tool rules --markdown > docs/rules.md`"
    )


def test_align_exports_the_sample_pairs(tmp_path: Path) -> None:
    target = tmp_path / "pairs.tsv"
    result = run("align", str(SAMPLE), "-o", str(target))
    assert result.exit_code == 0, result.output
    import csv

    with target.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream, delimiter="\t"))
    assert rows[0][:3] == ["id", "source", "target"]
    assert len(rows) == 12
    check = run("check", str(target), "--format", "json", "--select", "GR01")
    assert len(json.loads(check.stdout)["files"][0]["findings"]) == 3
