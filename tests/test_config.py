"""Configuration: discovery, validation with clear errors, and precedence of the command line."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa_tool.checks import BUILTIN_RULES, select_rules
from qa_tool.cli import cli
from qa_tool.config import Config, discover, load_config
from qa_tool.errors import InputError
from qa_tool.model import Severity

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "chongqing-fao-news.zh-en.txt"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder holding a copy of the sample two levels down."""
    docs = tmp_path / "docs" / "news"
    docs.mkdir(parents=True)
    (docs / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    return tmp_path


def run_json(*args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(cli, ["check", *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def codes(report: dict) -> list[str]:
    return [f["code"] for file in report["files"] for f in file["findings"]]


def test_discovered_from_the_input_folder_upwards(project: Path) -> None:
    (project / ".qa-tool.toml").write_text('ignore = ["GR01"]\n', encoding="utf-8")
    found = discover(project / "docs" / "news")
    assert found == project / ".qa-tool.toml"
    _, report = run_json(str(project / "docs" / "news" / SAMPLE.name))
    assert "GR01" not in codes(report) and "SG04" in codes(report)


def test_pyproject_table_is_used_when_it_has_one(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.qa-tool]\nthreshold = 0\nfail-on = "critical"\n', encoding="utf-8")
    status, report = run_json(str(project / "docs" / "news" / SAMPLE.name))
    assert status == 0 and report["passed"] is True


def test_pyproject_without_a_table_is_skipped(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.other]\nx = 1\n', encoding="utf-8")
    assert discover(project / "docs") is None


def test_command_line_wins_over_config(project: Path) -> None:
    # The sample scores 99.39 with the defaults.
    (project / ".qa-tool.toml").write_text("threshold = 99.5\n", encoding="utf-8")
    sample = str(project / "docs" / "news" / SAMPLE.name)
    assert run_json(sample)[0] == 1
    assert run_json(sample, "--threshold", "99")[0] == 0
    assert run_json(sample, "--isolated")[0] == 0


def test_severity_override_and_weights(project: Path) -> None:
    (project / ".qa-tool.toml").write_text(
        '[severity]\nGR01 = "minor"\n[weights]\nminor = 2\n', encoding="utf-8"
    )
    _, report = run_json(str(project / "docs" / "news" / SAMPLE.name))
    assert {f["severity"] for file in report["files"] for f in file["findings"] if f["code"] == "GR01"} == {"minor"}
    # 3 GR01 now minor × 2, plus PU07 (minor) × 2
    assert report["summary"]["score"]["penalty"] == 8.0
    assert "weights(neutral/minor/major/critical):0/2/5/25" in report["signature"]


def test_per_path_ignores(project: Path) -> None:
    (project / ".qa-tool.toml").write_text('[per-path-ignores]\n"docs/news/*.txt" = ["SG"]\n', encoding="utf-8")
    _, report = run_json(str(project / "docs" / "news" / SAMPLE.name))
    assert codes(report) == ["GR01", "PU07", "GR01", "GR01"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("colour = 1\n", "unknown key 'colour'"),
        ("threshold = 101\n", "threshold: expected a number from 0 to 100"),
        ('fail-on = "fatal"\n', "fail-on: expected neutral, minor, major or critical"),
        ("select = 3\n", "select: expected a list of strings"),
        ('profile = "lisa"\n', "profile: expected one of mqm, wmt"),
        ("[severity]\nGR01 = 5\n", "severity.GR01"),
        ("threshold = \n", "not valid TOML"),
    ],
)
def test_bad_config_names_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / ".qa-tool.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        load_config(path)


def test_bad_config_is_one_error_line_and_exit_2(project: Path) -> None:
    (project / ".qa-tool.toml").write_text("colour = 1\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(project / "docs" / "news" / SAMPLE.name)])
    assert result.exit_code == 2
    assert result.stderr.startswith("qa-tool: error: ") and "colour" in result.stderr
    assert "Traceback" not in result.output


def test_glossary_paths_are_relative_to_the_config(tmp_path: Path) -> None:
    path = tmp_path / ".qa-tool.toml"
    path.write_text('glossaries = ["terms/house.tsv"]\n', encoding="utf-8")
    assert load_config(path).glossaries == (str(tmp_path / "terms" / "house.tsv"),)


def test_defaults() -> None:
    config = Config()
    assert config.select == ("DEFAULT",) and config.fail_on is None and config.profile == "mqm"
    assert Severity.CRITICAL not in config.severity.values()


def _with_opt_in(code: str):
    """The built-in rules with ``code`` turned into an opt-in rule."""
    return tuple(
        type(rule.__name__, (rule,), {"meta": replace(rule.meta, on_by_default=False)}) if rule.meta.code == code else rule
        for rule in BUILTIN_RULES
    )


@pytest.mark.parametrize(
    "select, chosen",
    [
        (("DEFAULT",), False),  # the default set leaves an opt-in rule out
        (("ALL",), True),
        (("NU",), True),  # a family names its opt-in rules too
        (("NU05",), True),
        (("added-number",), True),
        (("DEFAULT", "NU05"), True),
    ],
)
def test_opt_in_rules_run_only_when_selected(select: tuple[str, ...], chosen: bool) -> None:
    rules = _with_opt_in("NU05")
    codes = {rule.meta.code for rule in select_rules(select, rules=rules)}
    assert ("NU05" in codes) is chosen
    assert "NU01" in codes or select in {("NU05",), ("added-number",)}
