"""Rule documentation generated from the rules' metadata (``qa-tool rules --markdown``),
so docs/rules.md and ``qa-tool rules`` never say different things."""

from __future__ import annotations

from typing import Iterable

from qa_tool.checks.base import FixSafety, RuleMeta


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def default_label(meta: RuleMeta) -> str:
    """How a rule is chosen: 'on' runs by default, 'opt-in' only when selected."""
    return "on" if meta.on_by_default else "opt-in"


def fix_label(meta: RuleMeta) -> str:
    """' · safe fix' for a rule whose replacements `qa-tool fix` applies unasked, else ''."""
    return " · safe fix" if meta.fix is FixSafety.SAFE else ""


def trigger_label(meta: RuleMeta) -> str:
    """What a pair must hold for the rule to run on it, as a sentence; '' for a rule that runs on
    every pair."""
    return f"Runs only on pairs with {meta.trigger.shown}." if meta.trigger is not None else ""


def rules_markdown(rules: Iterable[RuleMeta]) -> str:
    rules = list(rules)
    lines = [
        "# Rules",
        "",
        "Generated from the rules' metadata by `qa-tool rules --markdown > docs/rules.md`;",
        "do not edit by hand (a test fails when this file is stale). Opt-in rules run only when",
        "selected (`--select NU06`, a family, or `ALL`); see docs/precision.md for why.",
        "",
        "| code | name | MQM category | severity | default | what it catches |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| [{m.code}](#{m.code.lower()}) | `{m.name}` | {m.category} | {m.severity.label} | {default_label(m)} | {_cell(m.summary)} |"
        for m in rules
    ]
    for meta in rules:
        lines += ["", f"## {meta.code}", "", f"**`{meta.name}`** · {meta.category} · {meta.severity.label} · "
                  f"{meta.scope.value} scope · {default_label(meta)}{fix_label(meta)}", "", meta.summary, "", meta.rationale, ""]
        if trigger := trigger_label(meta):
            lines += [trigger, ""]
        lines += ["| zh | en | flagged | why |", "| --- | --- | --- | --- |"]
        lines += [
            f"| {_cell(e.source) or '(empty)'} | {_cell(e.target) or '(empty)'} | {'yes' if e.flagged else 'no'} | {_cell(e.note)} |"
            for e in meta.examples
        ]
    return "\n".join(lines) + "\n"
