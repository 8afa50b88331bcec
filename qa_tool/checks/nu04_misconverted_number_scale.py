from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.checks.number_comparison import NUMBERS, compare, describe, original_text, source_span, target_span
from qa_tool.model import Finding, Severity
from qa_tool.normalise import NormalisedPair


class MisconvertedNumberScale(Rule):
    meta = RuleMeta(
        code="NU04",
        name="misconverted-number-scale",
        category="Accuracy/Mistranslation",
        severity=Severity.MAJOR,
        summary="A 万 or 亿 amount is off by a power of ten in the English (3亿 as 3 billion).",
        rationale=(
            "Chinese counts large numbers in 万 (10,000) and 亿 (100,000,000); English in "
            "thousands, millions and billions, so 1.5万 is 15,000 and 3亿 is 300 million. Slipping "
            "a place in the conversion is a common and costly error. The rule reports a changed "
            "number (see NU01) whose English value is the source value times a power of ten "
            "(10 to 10,000 either way) when either side is written with a scale, and says what "
            "the source amount is. Correct conversions in any form (15 thousand, 0.3 billion) "
            "pass."
        ),
        examples=(
            Example("投资3亿元", "an investment of 3 billion yuan", True, "3亿 is 300 million"),
            Example("1.5万人参加", "1,500 people took part", True, "1.5万 is 15,000"),
            Example("投资3亿元", "an investment of 300 million yuan", False),
            Example("投资3亿元", "an investment of 0.3 billion yuan", False, "the same amount"),
            Example("1.5万人参加", "15 thousand people took part", False),
        ),
        trigger=NUMBERS,
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        for change in compare(pair).changed:
            if not change.scale_slip:
                continue
            source = source_span(pair, change.source.start, change.source.end)
            target = target_span(pair, change.target)
            said, value = original_text(pair, target), describe(change.target)
            # The value is given where the English writes it otherwise ('3bn' (3 billion)).
            said_as = "" if said.replace(",", "") == value.replace(",", "") else f" ({value})"
            yield self.finding(
                pair.pair,
                f"'{original_text(pair, source)}' is {describe(change.source)}, but the English says "
                f"'{said}'{said_as}: the scale was converted wrongly.",
                spans=(target, source),
            )
