from __future__ import annotations

import re
from typing import Iterator

from qa_tool.checks.base import Example, FixSafety, Rule, RuleMeta, any_of
from qa_tool.checks.literals import protected_spans
from qa_tool.checks.punctuation import MARK_BESIDE_WORD_MARK_OR_SPACE
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair

# A mark glued to the next word. Each form is narrow enough to skip what is right without a
# space: decimals and thousands (3.5, 1,000) and times (10:30) have digits; abbreviations
# (U.S., e.g., Ph.D.) have one letter between periods or a capital before one; domains and
# file names (baidu.com, Node.js) go on in lower case; "x,y" and "N,N-" are single letters.
# The pattern opens with the class of every mark and looks back at the mark it took, so a
# search jumps from mark to mark in C instead of trying each form at every character.
_GLUED = re.compile(
    r"""
    [,;:.?!]
    (?: (?<=[,;])(?=[A-Za-z])
      | (?<=[A-Za-z]{2}:)(?=[A-Za-z]{2})
      | (?<=[a-z]{2}[.?!])(?=[A-Z][a-z])
    )
    """,
    re.VERBOSE,
)
_SINGLE_LETTERS = re.compile(r"(?<![A-Za-z])[A-Za-z][,;][A-Za-z](?![A-Za-z])")


class MissingSpaceAfterPunctuation(Rule):
    meta = RuleMeta(
        code="PU05",
        name="missing-space-after-punctuation",
        category="Fluency/Punctuation",
        severity=Severity.MINOR,
        summary="No space after a comma, semicolon, colon or sentence end before the next word.",
        rationale=(
            "Chinese punctuation takes no space after it, and translators who type English the "
            "same way glue words together (\"Co.,Ltd\", \"poetic.These\", \"Note:this\"). "
            "Reported: a comma or semicolon directly before a letter; a colon between two "
            "words; a full stop, question or exclamation mark between a lower-case word and a "
            "capitalised one. Left alone: decimals, thousands and times (3.5, 1,000, 10:30), "
            "abbreviations (U.S., e.g., i.e., Ph.D.), domain and file names (baidu.com, "
            "Node.js), coordinates (x,y), and everything inside URLs, e-mail addresses, "
            "placeholders and HTML entities (&nbsp;)."
        ),
        examples=(
            Example("谢谢。谢谢大家。", "Thank you.Thank you all.", True, "a full stop glued to the next sentence"),
            Example("重庆机电控股（集团）有限公司", "Chongqing Machinery & Electronics Holding (Group) Co.,Ltd", True),
            Example("重庆机电控股（集团）有限公司", "Chongqing Machinery & Electronics Holding (Group) Co., Ltd", False),
            Example("在美国", "in the U.S. and e.g. in Europe", False, "abbreviations"),
            Example("3.5小时，10:30", "3.5 hours, at 10:30", False, "a decimal and a time"),
            Example("请写信至 help@who.int", "write to help@who.int,or call", True, "the comma after the address"),
            Example("访问 https://www.who.int", "visit https://www.who.int:8080/a", False, "inside a URL"),
        ),
        fix=FixSafety.SAFE,
        trigger=any_of(MARK_BESIDE_WORD_MARK_OR_SPACE),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        target = pair.pair.target
        found = list(_GLUED.finditer(target))
        protected = protected_spans(target) if found else []
        for glued in found:
            at = glued.start()
            if any(start <= at < end for start, end in protected) or _SINGLE_LETTERS.match(target, at - 1):
                continue
            mark, following = glued.group(), _next_word(target, at + 1)
            yield self.finding(
                pair.pair,
                f"No space after '{mark}' before '{following}'.",
                spans=(Span(Side.TARGET, at, at + 1),),
                replacement=mark + " ",
            )


_WORD = re.compile(r"[A-Za-z]+")


def _next_word(text: str, at: int) -> str:
    word = _WORD.match(text, at)
    return word.group() if word else text[at : at + 1]
