from __future__ import annotations

import re
from typing import Iterator

import regex

from qa_tool.checks.base import Example, FixSafety, Rule, RuleMeta
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair

# Two or more spaces between two visible characters (not at either end: that is GR04's).
_SPACES = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")
# Chinese runs its words together, so a space next to Chinese text separates items: the
# fields of a product title (正版图书 闪电发货), a headline from its date.
_SOURCE_SEPARATOR = regex.compile(r"(?<=\p{Han})[ \u00a0\u3000]+(?=\S)|(?<=\S)[ \u00a0\u3000]+(?=\p{Han})")
# What starts a new item in English: a capital, a digit or an opening bracket or quote.
_ITEM_START = regex.compile(r"[\p{Lu}\p{N}(\[“‘【「《]")


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
            "runs the Chinese itself has as many of (text laid out in columns), and runs before "
            "a new item (a capital, a digit, an opening bracket) up to the number of spaces "
            "the Chinese puts between items: Chinese has no spaces between words, so a space "
            "there separates the fields of a product title or a headline from its date "
            "(正版图书 闪电发货 → \"Genuine Books  Lightning Delivery\")."
        ),
        examples=(
            Example("这是数据。", "This is  the data.", True),
            Example("谢谢。谢谢大家。", "Thank you.  Thank you all.", True, "two spaces after a full stop"),
            Example("这是数据。", "This is the data.", False),
            Example("姓名  年龄", "Name  Age", False, "the Chinese has the same layout"),
            Example("【正版图书 闪电发货】", "[Genuine Books  Lightning Delivery]", False, "the Chinese separates the items"),
            Example("【正版图书闪电发货】", "[Genuine Books  Lightning Delivery]", True, "no separator in the Chinese"),
            Example("【正版图书 闪电发货】", "[Genuine books  lightning delivery]", True, "not before a new item"),
        ),
        fix=FixSafety.SAFE,
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        target = pair.pair.target
        if "  " not in target and "\u00a0" not in target:
            return
        source = pair.pair.source
        source_runs = sum(1 for _ in _SPACES.finditer(source))
        runs = list(_SPACES.finditer(target))
        if len(runs) <= source_runs:
            return
        separators = sum(1 for _ in _SOURCE_SEPARATOR.finditer(source))
        for run in runs:
            if separators and _ITEM_START.match(target, run.end()):
                separators -= 1
                continue
            yield self.finding(
                pair.pair,
                f"{len(run.group())} spaces in a row.",
                spans=(Span(Side.TARGET, run.start(), run.end()),),
                replacement=" ",
            )
