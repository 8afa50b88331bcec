from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta, any_of
from qa_tool.checks.conditions import CHINESE_IN_TARGET
from qa_tool.languages.zh import HAN_RUN
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair
from qa_tool.resources import word_map

# Han characters that Chinese text uses as symbols (丨 as a bar between a column name and a
# headline): left in English they are a symbol to replace, not text left untranslated.
HAN_SYMBOLS = "english/han-symbols.tsv"


class ChineseInTarget(Rule):
    meta = RuleMeta(
        code="SG03",
        name="chinese-in-target",
        category="Accuracy/Untranslated text",
        severity=Severity.MAJOR,
        summary="Chinese characters left in the English target.",
        rationale=(
            "Han characters in an English target are text that was skipped or pasted in by "
            "mistake; an English reader cannot read them. Each run of Han characters is "
            "reported with its position. Chinese inside parentheses is a deliberate gloss "
            "(\"the Huo-Yan (火眼) laboratory\") and is left alone, and a target that is a whole "
            "copy of the source is left to SG02, so the same problem is not reported twice. A "
            "Han character that Chinese uses as a symbol (丨 as a bar in \"新华全媒+丨\", 〇 as a "
            "zero; rules/english/han-symbols.tsv) is reported as that symbol, with the English "
            "one as the fix."
        ),
        examples=(
            Example("重庆邮电大学", "Chongqing 邮电大学", True, "part of the name was left in Chinese"),
            Example("重庆邮电大学", "Chongqing University of Posts and Telecommunications", False),
            Example("添加书签", "添加书签", False, "a full copy is SG02's finding"),
            Example("火眼实验室", "the Huo-Yan (Chinese: 火眼) laboratory", False, "a gloss in parentheses"),
            Example("星空有约丨双子座流星雨", "Starry Sky Date丨The Geminids", True, "a bar written as 丨: write |"),
        ),
        trigger=any_of(CHINESE_IN_TARGET),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        source, target = pair.pair.source, pair.pair.target
        if source.strip() == target.strip():
            return
        depth = _ParenthesisDepth(target)
        for run in HAN_RUN.finditer(target):
            if depth.encloses(run.start(), run.end()):
                continue
            symbol = word_map(HAN_SYMBOLS).get(run.group())
            if symbol is not None:
                yield self.finding(
                    pair.pair,
                    f"'{run.group()}' is a Chinese character used as a symbol; write '{symbol}'.",
                    spans=(Span(Side.TARGET, run.start(), run.end()),),
                    replacement=symbol,
                )
                continue
            yield self.finding(
                pair.pair,
                f"Chinese left in the English: '{run.group()}'.",
                spans=(Span(Side.TARGET, run.start(), run.end()),),
            )


class _ParenthesisDepth:
    """Whether spans of one text, asked left to right, stand inside parentheses (opened before
    them, closed somewhere after): counted as the spans advance, so a text with thousands of
    Chinese runs is read once, not once per run."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._counted_to = 0
        self._opened = 0
        self._last_close = max(text.rfind(")"), text.rfind("）"))

    def encloses(self, start: int, end: int) -> bool:
        between = self._text[self._counted_to : start]
        self._opened += between.count("(") + between.count("（") - between.count(")") - between.count("）")
        self._counted_to = start
        return self._opened > 0 and self._last_close >= end
