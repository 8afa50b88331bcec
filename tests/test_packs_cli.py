"""Rule packs through the command line: what `--rules DIR`, `--no-default-pack`, the config's
`packs = [...]` and `qa-tool rules` must do. The tests start running once the options exist
(the command line wires qa_tool.packs.available_rules)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa_tool.cli import cli

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "chongqing-fao-news.zh-en.txt"
HOUSE_PACK = REPO / "examples" / "house-pack"


def _has_rules_option(command: object) -> bool:
    return "--rules" in [option for param in getattr(command, "params", []) for option in param.opts]


check_has_rules = pytest.mark.skipif(
    not _has_rules_option(cli.commands["check"]), reason="`check --rules DIR` is not wired yet"
)
rules_has_rules = pytest.mark.skipif(
    not _has_rules_option(cli.commands["rules"]), reason="`rules --rules DIR` is not wired yet"
)


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), env=env)


def codes_of(result) -> list[str]:
    return [finding["code"] for file in json.loads(result.stdout)["files"] for finding in file["findings"]]


@check_has_rules
def test_check_with_a_house_pack_reports_its_findings() -> None:
    result = run("check", str(SAMPLE), "--rules", str(HOUSE_PACK), "--format", "json")
    assert result.exit_code == 1, result.output
    findings = [f for f in json.loads(result.stdout)["files"][0]["findings"] if f["code"].startswith("HX")]
    assert [(f["code"], f["spans"][0]["text"]) for f in findings][:2] == [("HX02", "center"), ("HX01", "informatization")]
    assert findings[0]["replacement"] == "centre" and findings[0]["category"] == "Locale convention/Spelling"


@check_has_rules
def test_default_pack_runs_without_options_and_finds_nothing_on_the_sample() -> None:
    result = run("check", str(SAMPLE), "--select", "TM90,TM91,NM90", "--format", "json")
    assert result.exit_code == 0, result.output
    assert codes_of(result) == []


@check_has_rules
def test_no_default_pack_leaves_its_rules_out() -> None:
    result = run("check", str(SAMPLE), "--no-default-pack", "--select", "TM90")
    assert result.exit_code == 2
    assert "TM90" in result.stderr


@check_has_rules
def test_rules_option_is_repeatable_and_selects_by_family(tmp_path: Path) -> None:
    second = tmp_path / "second"
    second.mkdir()
    (second / "HY01.yml").write_text(
        (HOUSE_PACK / "HX01.yml").read_text(encoding="utf-8").replace("chinglish-word", "chinglish-word-again"),
        encoding="utf-8",
    )
    result = run("check", str(SAMPLE), "--rules", str(HOUSE_PACK), "--rules", str(second), "--select", "HY", "--format", "json")
    assert sorted(set(codes_of(result))) == ["HY01"]


@check_has_rules
def test_broken_pack_is_one_error_line_and_exit_2(tmp_path: Path) -> None:
    pack = tmp_path / "broken"
    shutil.copytree(HOUSE_PACK, pack)
    rule = pack / "HX01.yml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("tokens:", "tokns:"), encoding="utf-8")
    result = run("check", str(SAMPLE), "--rules", str(pack))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    assert lines[0].startswith(f"qa-tool: error: {rule}:") and "unknown key 'tokns'" in lines[0]


@check_has_rules
def test_config_packs_are_relative_to_the_config_file(tmp_path: Path) -> None:
    shutil.copytree(HOUSE_PACK, tmp_path / "qa" / "house")
    shutil.copy(SAMPLE, tmp_path / "job.txt")
    (tmp_path / ".qa-tool.toml").write_text('packs = ["qa/house"]\n', encoding="utf-8")
    result = run("check", str(tmp_path / "job.txt"), "--select", "HX", "--format", "json")
    assert "HX02" in codes_of(result), result.output


@rules_has_rules
def test_rules_lists_pack_rules_with_their_origin() -> None:
    result = run("rules", "--rules", str(HOUSE_PACK), env={"NO_COLOR": "1", "COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()[:2] in ("HX", "TM", "GR")}
    assert "house-pack" in rows["HX01"] and "std" in rows["TM90"] and "built-in" in rows["GR01"]


@rules_has_rules
def test_rules_show_explains_a_pack_rule_and_its_file() -> None:
    result = run("rules", "--rules", str(HOUSE_PACK), "show", "HX01")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("HX01 chinglish-word")
    assert str(HOUSE_PACK / "HX01.yml") in out and "house-pack" in out
    assert "expanded the connotation of international cooperation" in out and "flagged" in out


@rules_has_rules
def test_rules_markdown_documents_the_default_pack() -> None:
    result = run("rules", "--markdown")
    assert "## TM90" in result.stdout and "`superseded-belt-and-road-name`" in result.stdout
