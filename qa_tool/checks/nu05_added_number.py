from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.checks.number_comparison import compare, original_text, target_span
from qa_tool.model import Finding, Severity
from qa_tool.normalise import NormalisedPair


class AddedNumber(Rule):
    meta = RuleMeta(
        code="NU05",
        name="added-number",
        category="Accuracy/Addition",
        severity=Severity.MAJOR,
        summary="A number in digits in the English that nothing in the Chinese accounts for.",
        rationale=(
            "A figure the source does not give is either an addition or a number that belongs "
            "to another segment. The rule reports English digits whose value no Chinese number "
            "has (idioms and vague amounts included: 三四个 accounts for '3 or 4', 头号 for "
            "'number 1') and that no source number was found changed into (NU01). Left alone, "
            "because English adds them freely: digits in names and codes (COVID-19, G20, 3D, "
            "24/7), spelled-out words ('one', 'two', 'a couple'), the minutes of a time (7:00 is "
            "one number), the decade of 六七十年代 (the 1960s), the year of an English date "
            "(October 30, 2020) and any year when the source says 今年, 去年 or another "
            "relative year (rules/numbers/relative-years.txt). Minor: an addition is rarely "
            "harmful on its own, and a changed number is already NU01's finding."
        ),
        examples=(
            Example("我们有很多蛋白质", "we have 2,000 types of proteins", True, "2,000 is not in the source"),
            Example("新冠肺炎疫情", "the COVID-19 outbreak", False, "a number inside a name"),
            Example("有25万种", "there are 250000 types", False, "25万 is 250,000"),
            Example("一两件事", "one or two things", False, "words are left alone"),
            Example("今年世卫组织启动了试验", "In 2020, WHO launched a trial", False, "今年 is a year"),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        for quantity in compare(pair).added:
            span = target_span(pair, quantity)
            yield self.finding(
                pair.pair,
                f"'{original_text(pair, span)}' in the English is not in the Chinese.",
                spans=(span,),
            )
