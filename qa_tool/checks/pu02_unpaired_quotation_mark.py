from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from qa_tool.checks.base import Characters, Example, Rule, RuleMeta, any_of
from qa_tool.checks.punctuation import quotations, source_quotes_balanced
from qa_tool.model import Finding, SegmentPair, Severity, Side, Span
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
            "while editing. Double marks pair by nesting, whatever their style: each faces the "
            "way the text around it says (a space before it and a word after it: it opens), else "
            "the way a curly mark is drawn. A quotation opened in one style and closed in the "
            "other ('\"Hanston”') or with curly marks the wrong way round ('”Made in Vietnam“') is "
            "one finding pointing at both marks, not two lone marks. A quotation mark before the "
            "ending of a possessive or contraction (Suning“s, didn‘t) or before a shortened decade "
            "(‘90s) is reported as the "
            "apostrophe it stands for. An opening "
            "single mark ‘ needs a ’ after it; closing single marks are left alone, because ’ is "
            "also the apostrophe (People’s), and so are straight single marks ('90s, rock 'n' "
            "roll); inch marks after a digit (a 27\" screen) are not quotation marks. When the "
            "Chinese quotation itself does not close within the segment, the quotation runs on "
            "into the next segment and the English may too: then nothing is reported."
        ),
        examples=(
            Example("他说“好”。", "He said “fine.", True, "the quotation is never closed"),
            Example("所谓“低阶层”", 'the so-called "lower classes', True, "a straight mark left open"),
            Example("到“汉斯顿”净水器店", 'to the "Hanston” store', True, "opened straight, closed curly"),
            Example("他说“好”。", "He said “fine.”", False),
            Example("他说：“我们走吧。", "He said: “Let's go.", False, "the Chinese quotation runs on too"),
            Example("27英寸屏幕", 'a 27" screen', False, "an inch mark"),
            Example("人民的", "the People’s choice", False, "an apostrophe is not a quotation mark"),
        ),
        trigger=any_of(Characters(Side.TARGET, frozenset(_QUOTE_SIGNS), "quotation marks")),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        target = pair.pair.target
        if not any(sign in target for sign in _QUOTE_SIGNS) or not source_quotes_balanced(pair.pair.source):
            return
        for quotation in quotations(target):
            if quotation.style == "mixed":
                opening, closing = target[quotation.start], target[quotation.end - 1]
                yield self.finding(
                    pair.pair,
                    f"This quotation opens with '{opening}' and closes with '{closing}': the marks do not match.",
                    spans=(Span(Side.TARGET, quotation.start, quotation.start + 1), Span(Side.TARGET, quotation.end - 1, quotation.end)),
                )
            elif not quotation.paired:
                yield self._lone(pair.pair, quotation.start, quotation.opens)
        opening = target.rfind("‘")
        if opening != -1 and "’" not in target[opening:]:
            yield self._lone(pair.pair, opening, opens=True)

    def _lone(self, pair: SegmentPair, index: int, opens: bool) -> Finding:
        target = pair.target
        message = _lone_message(target[index], opens, _APOSTROPHE_PLACE.match(target, index) is not None)
        return self.finding(pair, message, spans=(Span(Side.TARGET, index, index + 1),))


# Few distinct messages, however many marks: a line of thousands makes each once.
@lru_cache(maxsize=64)
def _lone_message(mark: str, opens: bool, apostrophe: bool) -> str:
    if apostrophe:
        return f"The quotation mark '{mark}' stands inside a word: an apostrophe (’) is meant there."
    if opens:
        return f"This opening quotation mark '{mark}' is never closed."
    return f"This closing quotation mark '{mark}' closes nothing: its opening mark is missing."


# A mark between a word and the ending of a possessive or contraction (Suning“s, didn‘t), or
# before the shortened decade or word that takes an apostrophe (‘90s, ‘til, ‘em).
_APOSTROPHE_PLACE = re.compile(r"(?<=[A-Za-z]).(?:s|t|d|m|re|ve|ll)\b|.(?:\d\ds|til|em|cause|bout)\b")
