from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.checks.punctuation import chinese_mark_runs, in_english
from qa_tool.languages.zh import HAN_RUN
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair

class ChinesePunctuationInTarget(Rule):
    meta = RuleMeta(
        code="PU01",
        name="chinese-punctuation-in-target",
        category="Fluency/Punctuation",
        severity=Severity.MINOR,
        summary="Chinese or full-width punctuation (，。、：《》……) left in the English.",
        rationale=(
            "A Chinese mark in English text is wider than the English one, takes no space "
            "after it, and some have no English use at all (、《》「」): it comes from an input "
            "method left in Chinese mode or from pasting. Each run of such marks (and of "
            "full-width letters, digits or spaces) is reported with its English equivalent from "
            "rules/punctuation/zh-en-marks.tsv as the fix. Curly quotation marks, the single "
            "ellipsis and the single em dash are English too and are left alone; so are marks "
            "next to Chinese characters, which belong to Chinese left in the English (SG03) or "
            "to a Chinese gloss, and a target that is a copy of the source (SG02)."
        ),
        examples=(
            Example("你好，世界。", "Hello，world.", True, "a full-width comma"),
            Example("参见《道德经》。", "See 《Tao Te Ching》.", True, "title marks have no English use"),
            Example("他说：“好。”", "He said: “Fine.”", False, "curly quotes are English marks too"),
            Example("火眼实验室", "the Huo-Yan (火眼，fire eye) laboratory", False, "part of a Chinese gloss"),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        target = pair.pair.target
        if target.isascii() or target.strip() == pair.pair.source.strip():
            return
        for run in chinese_mark_runs(target):
            start, end = run.span()
            if _touches_han(target, start, end):
                continue
            written, fix = run.group(), in_english(run.group())
            yield self.finding(
                pair.pair,
                f"'{written}' is Chinese (full-width) punctuation; English writes '{fix}'.",
                spans=(Span(Side.TARGET, start, end),),
                replacement=fix,
            )


def _touches_han(text: str, start: int, end: int) -> bool:
    return (start > 0 and HAN_RUN.match(text, start - 1) is not None) or HAN_RUN.match(text, end) is not None
