from __future__ import annotations

import re
from typing import Iterator

from qa_tool.checks.base import Example, FixSafety, Rule, RuleMeta, any_of
from qa_tool.checks.literals import protected_spans
from qa_tool.checks.punctuation import MARK_BESIDE_WORD_MARK_OR_SPACE, chinese_mark_runs, in_english
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair

# Two marks where English has one: exactly two full stops (three are an ellipsis), a comma or
# semicolon followed by another mark, a colon followed by a mark or doubled at a word's end
# (not "std::"), a full stop after '?' or '!'.
_DOUBLED = re.compile(r"(?<!\.)\.\.(?!\.)|,[,.;:]|;[;,.:]|:[,.;]|::(?=\s|$)|[?!]\.(?!\.)")
_CANDIDATE = re.compile(r"[.,;:?!][.,;:]")


class DoubledPunctuation(Rule):
    meta = RuleMeta(
        code="PU08",
        name="doubled-punctuation",
        category="Fluency/Punctuation",
        severity=Severity.MINOR,
        summary="Two punctuation marks where English has one: '..', ',,', ',.', ';;', '?.'.",
        rationale=(
            "A doubled mark is left over from editing (a full stop typed after one the "
            "sentence already had, a comma before a full stop). Left alone: the three-dot "
            "ellipsis, an abbreviation's full stop followed by a comma or semicolon (\"Co., "
            "Ltd\", \"etc.;\"), '?!' and '!!', ranges and paths (1..10, ../file), "
            "everything inside URLs, e-mail addresses and placeholders, and two marks the "
            "Chinese writes too (a social post's \"好的。。\" as \"OK..\"): the author's style."
        ),
        examples=(
            Example("这就是它的聪明之处。", "This is how clever it is.. It's called obsidian.", True),
            Example("需要合理用水……", "a reasonable flow of water,.", True),
            Example("有限公司", "Chongqing Transportation Holding (Group) Co., Ltd.", False, "abbreviation and comma"),
            Example("等等……", "and so on...", False, "an ellipsis"),
            Example("真的吗？！", "Really?!", False),
        ),
        fix=FixSafety.SAFE,
        trigger=any_of(MARK_BESIDE_WORD_MARK_OR_SPACE),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        target = pair.pair.target
        if not _CANDIDATE.search(target):
            return
        protected: list[tuple[int, int]] | None = None
        source_marks: str | None = None
        for doubled in _DOUBLED.finditer(target):
            start, end = doubled.span()
            if doubled.group() == ".." and _is_range_or_path(target, start, end):
                continue
            source_marks = _marks_in_english(pair.pair.source) if source_marks is None else source_marks
            if doubled.group() in source_marks:
                continue  # the Chinese writes the same two marks ("好的。。"): its author's style
            protected = protected_spans(target) if protected is None else protected
            if any(at < end and start < until for at, until in protected):
                continue
            marks = doubled.group()
            yield self.finding(
                pair.pair,
                f"Doubled punctuation '{marks}'.",
                spans=(Span(Side.TARGET, start, end),),
                replacement=_single(marks),
            )


def _marks_in_english(source: str) -> str:
    """The source with its runs of Chinese marks also given in English ("。。" as "..")."""
    return " ".join([source, *(in_english(run.group()) for run in chinese_mark_runs(source))])


def _is_range_or_path(text: str, start: int, end: int) -> bool:
    before, after = text[start - 1 : start], text[end : end + 1]
    return (before.isdigit() and after.isdigit()) or "/" in (before, after) or "\\" in (before, after)


def _single(marks: str) -> str | None:
    if marks[0] == marks[1]:
        return marks[0]
    if marks[0] == ",":
        return marks[1]  # the comma gives way to the stronger mark after it
    return None
