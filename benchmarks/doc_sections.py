"""docs/benchmarks.md is written by several scripts: run.py writes the page, fuzz.py its
"## Fuzzing" section, glossary_speed.py its "## Glossary matching" section,
spelling_measures.py its "## Spelling rules" section, rule_costs.py its "## Rule costs" and
"## Rule costs with a glossary" sections and trigger_gain.py its "## Rule triggers" section. Each keeps what the others wrote."""

from __future__ import annotations

from pathlib import Path

from qa_tool.atomic import atomic_text_writer

FUZZING = "## Fuzzing"
GLOSSARY_MATCHING = "## Glossary matching"
SPELLING = "## Spelling rules"
RULE_COSTS = "## Rule costs"
RULE_COSTS_WITH_GLOSSARY = "## Rule costs with a glossary"
RULE_TRIGGERS = "## Rule triggers"
# Sections other scripts own, kept in this order after run.py's page.
_OWN_SECTIONS = (RULE_COSTS, RULE_TRIGGERS, GLOSSARY_MATCHING, RULE_COSTS_WITH_GLOSSARY, SPELLING, FUZZING)


def _split(text: str) -> tuple[str, dict[str, str]]:
    """The page before its owned sections, and each owned section it has (from its heading to
    the next owned heading or the end)."""
    starts = sorted((at + 1, heading) for heading in _OWN_SECTIONS if (at := text.find("\n" + heading + "\n")) != -1)
    if not starts:
        return text, {}
    sections = {}
    for (start, heading), (end, _) in zip(starts, [*starts[1:], (len(text), "")]):
        sections[heading] = text[start:end].rstrip("\n") + "\n"
    return text[: starts[0][0]], sections


def write_page(path: Path, page: str) -> None:
    """Write ``page`` (run.py's), keeping the owned sections the file already has."""
    kept = _split(path.read_text(encoding="utf-8"))[1] if path.exists() else {}
    _write(path, page, kept)


def write_section(path: Path, heading: str, section: str) -> None:
    """Write ``section`` (starting with ``heading``) in place of the old one."""
    page, kept = _split(path.read_text(encoding="utf-8")) if path.exists() else ("# Benchmarks\n", {})
    _write(path, page, kept | {heading: section})


def _write(path: Path, page: str, sections: dict[str, str]) -> None:
    text = page.rstrip("\n") + "\n"
    for heading in _OWN_SECTIONS:
        if heading in sections:
            text += "\n" + sections[heading].rstrip("\n") + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_text_writer(path) as stream:
        stream.write(text)
