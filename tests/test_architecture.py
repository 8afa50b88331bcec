"""The stages stay in their rooms: load → normalise → check → score → report.
A module may import only from the stages before it (and from the shared model)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "qa_tool"

# Module (or package) → the qa_tool modules it must never import.
FORBIDDEN = {
    "model": {"readers", "normalise", "checks", "engine", "scoring", "report", "formatters", "cli"},
    "readers": {"normalise", "checks", "engine", "scoring", "report", "formatters", "cli"},
    "normalise": {"readers", "checks", "engine", "scoring", "report", "formatters", "cli"},
    "checks": {"readers", "engine", "scoring", "report", "formatters", "cli"},
    "engine": {"readers", "scoring", "report", "formatters", "cli"},
    "scoring": {"readers", "normalise", "checks", "engine", "report", "formatters", "cli"},
    "formatters": {"readers", "normalise", "engine", "cli"},
    "rule_types": {"readers", "engine", "scoring", "report", "formatters", "cli"},
    "packs": {"readers", "engine", "scoring", "report", "formatters", "cli"},
    # Checking on a cluster builds the report a check builds; reading and rendering stay the caller's.
    "scale": {"readers", "formatters", "cli"},
    # The review's state is pure; its screen only draws it (saving is handed to it).
    "review": {"readers", "normalise", "checks", "engine", "scoring", "report", "formatters", "rewrite", "review_files", "review_app", "cli"},
    "review_app": {"readers", "normalise", "checks", "engine", "scoring", "rewrite", "review_files", "cli"},
}


def imported_stages(path: Path) -> set[str]:
    stages = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("qa_tool."):
            stages.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            stages.update(a.name.split(".")[1] for a in node.names if a.name.startswith("qa_tool."))
    return stages


def modules_of(stage: str) -> list[Path]:
    package = PACKAGE / stage
    return sorted(package.glob("*.py")) if package.is_dir() else [PACKAGE / f"{stage}.py"]


@pytest.mark.parametrize("stage", sorted(FORBIDDEN))
def test_stage_imports_only_earlier_stages(stage: str) -> None:
    for module in modules_of(stage):
        wrong = imported_stages(module) & FORBIDDEN[stage]
        assert not wrong, f"{module.relative_to(PACKAGE.parent)} imports {sorted(wrong)}"


def test_checking_never_prints() -> None:
    for stage in ("checks", "engine", "normalise", "readers", "scoring"):
        for module in modules_of(stage):
            calls = [
                node for node in ast.walk(ast.parse(module.read_text(encoding="utf-8")))
                if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "print"
            ]
            assert not calls, f"{module.name} prints"
