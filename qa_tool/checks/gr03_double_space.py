from __future__ import annotations

import re
from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair

# Two or more spaces between two visible characters (not at either end: that is GR04's).
_SPACES = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")


class DoubleSpace(Rule):
    meta = RuleMeta(
        code="GR03",
        name="double-space",
        category="Fluency/Punctuation",
        severity=Severity.MINOR,
        summary="Two or more spaces in a row inside the English.",
        rationale=(
            "A doubled space is left over from deleting a word or from typewriter habits (two "
            "spaces after a full stop); it shows as a gap in print and breaks searches. Each "
            "run is reported with a single space as the fix. Left alone: spaces at the start "
            "or end of the text (GR04 compares those with the Chinese), tabs and line breaks, "
            "and runs the Chinese itself has as many of (text laid out in columns)."
        ),
        examples=(
            Example("这是数据。", "This is  the data.", True),
            Example("谢谢。谢谢大家。", "Thank you.  Thank you all.", True, "two spaces after a full stop"),
            Example("这是数据。", "This is the data.", False),
            Example("姓名  年龄", "Name  Age", False, "the Chinese has the same layout"),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        target = pair.pair.target
        if "  " not in target and "\u00a0" not in target:
            return
        source_runs = sum(1 for _ in _SPACES.finditer(pair.pair.source))
        runs = list(_SPACES.finditer(target))
        if len(runs) <= source_runs:
            return
        for run in runs:
            yield self.finding(
                pair.pair,
                f"{len(run.group())} spaces in a row.",
                spans=(Span(Side.TARGET, run.start(), run.end()),),
                replacement=" ",
            )
