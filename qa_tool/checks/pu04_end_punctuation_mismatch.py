from __future__ import annotations

import re
from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.checks.punctuation import EndMark, end_mark
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair

_LAST_WORD = re.compile(r"\S+$")


class EndPunctuationMismatch(Rule):
    meta = RuleMeta(
        code="PU04",
        name="end-punctuation-mismatch",
        category="Fluency/Punctuation",
        severity=Severity.MINOR,
        summary="The English ends differently from the Chinese: a question without '?', a sentence without an end, a lost colon.",
        rationale=(
            "The two sides are compared through the zh→en map of marks, so '。' matches '.' and "
            "'？' matches '?' (a literal comparison fails on every pair). Reported: a Chinese "
            "question whose English does not end with '?' ('?!' and '!?' count); a Chinese "
            "sentence ending in '。', '？' or '！' whose English has no end punctuation at all; a "
            "Chinese colon whose English ends in a full stop or nothing. Left alone, because "
            "translators do them on purpose: '！' rendered with a full stop, a statement "
            "rendered as a question, a Chinese comma or semicolon at a segment end (the "
            "sentence goes on in the next segment), an ellipsis, and headings without end "
            "punctuation on either side. A full stop before a closing quotation mark ('.\"') is "
            "the same end as '。”', and a question inside a quotation may become reported "
            "speech when the English does not end in a quotation mark."
        ),
        examples=(
            Example("您现在有发热吗？", "Do you have a fever now.", True, "the question lost its question mark"),
            Example("您现在有发热吗？", "are you having a fever now", True, "no end punctuation at all"),
            Example("症状如下：", "The symptoms are as follows.", True, "the colon became a full stop"),
            Example("您现在有发热吗？", "Do you have a fever now?", False),
            Example("真的吗？", "Really?!", False, "?! is a question too"),
            Example("做到“外办搭好台，企业唱好戏”。", 'to ensure that "a solid stage for enterprises."', False, "full stop inside the closing quotation mark"),
            Example("太好了！", "That is great.", False, "a toned-down exclamation is a choice"),
            Example("我们能看到从月球反射回来的光，", "We can see the light reflected from the moon.", False, "the sentence ends here in English"),
            Example("国际合作", "International cooperation", False, "a heading on both sides"),
            Example("他问：“你是谁？”", "He asked who I was.", False, "reported speech"),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        source, target = pair.pair.source, pair.pair.target
        source_end, target_end = end_mark(source), end_mark(target)
        if source_end is None or target_end is None or source.strip() == target.strip():
            return
        if source_end.asks:
            if target_end.asks or (source_end.closed and not target_end.closed):
                return
            wanted, problem = "?", "a question"
        elif source_end.english.endswith(":"):
            if target_end.english not in ("", "."):
                return
            wanted, problem = ":", "a colon"
        elif source_end.ends_sentence and not target_end.english:
            wanted, problem = source_end.english[-1], "a sentence end"
        else:
            return
        yield self._finding(pair, source_end, target_end, wanted, problem)

    def _finding(self, pair: NormalisedPair, source_end: EndMark, target_end: EndMark, wanted: str, problem: str) -> Finding:
        source, target = pair.pair.source, pair.pair.target
        source_mark = source[source_end.start : source_end.end]
        source_span = Span(Side.SOURCE, source_end.start, source_end.end)
        if target_end.english:
            written = target[target_end.start : target_end.end]
            span = Span(Side.TARGET, target_end.start, target_end.end)
            replacement = wanted if target_end.english in (".", "!") else None
            message = f"The Chinese ends with {problem} ('{source_mark}'), the English with '{written}'."
        else:
            word = _LAST_WORD.search(target, 0, target_end.end)
            start = word.start() if word else target_end.start
            span = Span(Side.TARGET, start, target_end.end)
            replacement = None if target_end.closed else target[start : target_end.end] + wanted
            message = f"The Chinese ends with {problem} ('{source_mark}'), but the English has no end punctuation."
        return self.finding(pair.pair, message, spans=(span, source_span), replacement=replacement)
