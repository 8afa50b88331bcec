"""Rule documentation generated from the rules' metadata (``qa-tool rules --markdown``),
so docs/rules.md and ``qa-tool rules`` never say different things."""

from __future__ import annotations

from typing import Iterable

from qa_tool.checks.base import RuleMeta


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_markdown(rules: Iterable[RuleMeta]) -> str:
    rules = list(rules)
    lines = [
        "# Rules",
        "",
        "Generated from the rules' metadata by `qa-tool rules --markdown > docs/rules.md`;",
        "do not edit by hand (a test fails when this file is stale).",
        "",
        "| code | name | MQM category | severity | what it catches |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| [{m.code}](#{m.code.lower()}) | `{m.name}` | {m.category} | {m.severity.label} | {_cell(m.summary)} |"
        for m in rules
    ]
    for meta in rules:
        lines += ["", f"## {meta.code}", "", f"**`{meta.name}`** · {meta.category} · {meta.severity.label} · "
                  f"{meta.scope.value} scope", "", meta.summary, "", meta.rationale, "", "| zh | en | flagged | why |",
                  "| --- | --- | --- | --- |"]
        lines += [
            f"| {_cell(e.source) or '(empty)'} | {_cell(e.target) or '(empty)'} | {'yes' if e.flagged else 'no'} | {_cell(e.note)} |"
            for e in meta.examples
        ]
    return "\n".join(lines) + "\n"
