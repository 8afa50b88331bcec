from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import Characters, Example, Rule, RuleMeta, any_of
from qa_tool.checks.punctuation import BRACKETS, source_brackets_balanced, unpaired_brackets
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair


class UnpairedBracket(Rule):
    meta = RuleMeta(
        code="PU03",
        name="unpaired-bracket",
        category="Fluency/Punctuation",
        severity=Severity.MINOR,
        summary="A round or square bracket in the English that opens or closes nothing.",
        rationale=(
            "A parenthesis opened and never closed, closed without being opened, or closed by "
            "the other kind of bracket (\"(CME]\") is a slip a reader notices at once. Round "
            "and square brackets are paired by nesting, a full-width bracket with an ASCII one "
            "(its width is PU01's to report). List markers (\"1)\", \"a)\") and "
            "smileys are not brackets, and when the Chinese brackets do not pair within the "
            "segment either (an aside running over two segments, a half-open interval "
            "\"[0, 1)\"), the English is left alone."
        ),
        trigger=any_of(Characters(Side.TARGET, BRACKETS, "brackets")),
        examples=(
            Example("重庆机电集团（CME）", "Chongqing Machinery & Electronics (CME", True, "never closed"),
            Example("重庆机电集团（CME）", "Chongqing Machinery & Electronics (CME]", True, "closed by the wrong bracket"),
            Example("重庆机电集团（CME）", "Chongqing Machinery & Electronics (CME)", False),
            Example("第一，加强管理", "1) strengthen management", False, "a list marker"),
            Example("区间[0, 1)", "the interval [0, 1)", False, "the Chinese has the same half-open interval"),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        target = pair.pair.target
        unpaired = unpaired_brackets(target)
        if not unpaired or not source_brackets_balanced(pair.pair.source):
            return
        # Few distinct messages, however many brackets: a line of thousands makes each once.
        messages: dict[str, str] = {}
        for indexes in unpaired:
            brackets = "".join([target[index] for index in indexes])
            message = messages.get(brackets)
            if message is None:
                message = messages[brackets] = _message(brackets)
            yield self.finding(pair.pair, message, spans=[Span(Side.TARGET, index, index + 1) for index in indexes])


def _message(brackets: str) -> str:
    if len(brackets) == 2:
        return f"The bracket '{brackets[0]}' is closed by '{brackets[1]}' in the English."
    if brackets[0] in "([（【〔［〖":
        return f"The bracket '{brackets[0]}' is never closed in the English."
    return f"The bracket '{brackets[0]}' closes nothing in the English."
