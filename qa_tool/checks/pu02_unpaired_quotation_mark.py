from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.checks.punctuation import quotations, source_quotes_balanced, straight_double_quotes
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair

_QUOTE_SIGNS = ('"', "“", "”", "‘")


class UnpairedQuotationMark(Rule):
    meta = RuleMeta(
        code="PU02",
        name="unpaired-quotation-mark",
        category="Fluency/Punctuation",
        severity=Severity.MINOR,
        summary="A quotation mark in the English that opens or closes nothing.",
        rationale=(
            "A quotation that is opened and never closed (or closed and never opened) leaves "
            "the reader unsure where the quoted words end; it usually means a mark was lost "
            "while editing. Curly double marks must nest (“ before ”), straight double marks "
            "must come in even numbers, and an opening single mark ‘ needs a ’ after it. Closing "
            "single marks are left alone, because ’ is also the apostrophe (People’s), and so "
            "are straight single marks; inch marks after a digit (a 27\" screen) are not "
            "quotation marks. When the Chinese quotation itself does not close within the "
            "segment, the quotation runs on into the next segment and the English may too: "
            "then nothing is reported."
        ),
        examples=(
            Example("他说“好”。", "He said “fine.", True, "the quotation is never closed"),
            Example("所谓“低阶层”", 'the so-called "lower classes', True, "an odd number of straight marks"),
            Example("他说“好”。", "He said “fine.”", False),
            Example("他说：“我们走吧。", "He said: “Let's go.", False, "the Chinese quotation runs on too"),
            Example("27英寸屏幕", 'a 27" screen', False, "an inch mark"),
            Example("人民的", "the People’s choice", False, "an apostrophe is not a quotation mark"),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        target = pair.pair.target
        if not any(sign in target for sign in _QUOTE_SIGNS) or not source_quotes_balanced(pair.pair.source):
            return
        for quotation in quotations(target):
            if quotation.paired:
                continue
            if quotation.style == "straight":
                # Straight marks do not say which way they face: all of them are shown.
                marks = straight_double_quotes(target)
                yield self.finding(
                    pair.pair,
                    f"The straight quotation marks (\") of the English do not pair up: there are {len(marks)}.",
                    spans=(Span(Side.TARGET, index, index + 1) for index in marks),
                )
            elif target[quotation.start] == "“":
                yield self._lone(pair, quotation.start, "This opening quotation mark '“' is never closed.")
            else:
                yield self._lone(pair, quotation.start, "This closing quotation mark '”' closes nothing: its opening mark is missing.")
        yield from self._unclosed_single_quotes(pair, target)

    def _unclosed_single_quotes(self, pair: NormalisedPair, target: str) -> Iterator[Finding]:
        opening = target.rfind("‘")
        if opening != -1 and "’" not in target[opening:]:
            yield self._lone(pair, opening, "This opening quotation mark '‘' is never closed.")

    def _lone(self, pair: NormalisedPair, index: int, message: str) -> Finding:
        return self.finding(pair.pair, message, spans=(Span(Side.TARGET, index, index + 1),))
