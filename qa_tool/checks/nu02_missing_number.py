from __future__ import annotations

import re
from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.checks.number_comparison import NUMBERS, compare, describe, describe_date, ordinal, original_text, source_span
from qa_tool.checks.number_types import Quantity
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair

# Xinhua's English gives a day the Chinese states alone (习近平3日会见……) as its weekday, which
# machine translation guesses, often wrongly: the finding then names the weekday to check.
_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")


class MissingNumber(Rule):
    meta = RuleMeta(
        code="NU02",
        name="missing-number",
        category="Accuracy/Omission",
        severity=Severity.MAJOR,
        summary="A number or date of the Chinese is nowhere in the English.",
        rationale=(
            "A figure that drops out of a translation is information lost. The rule reports a "
            "source number (or a date whose month and day are both absent) that the English "
            "gives in no accepted form (digits, words, ordinals, 'both' or 'twice' for 两, "
            "'a decade' for 十年, a month name for 9月份, '15 per million' for 每一百万) when no "
            "other English number stands in its place (that is NU01's changed number). It reads "
            "the source as strictly as NU01, so idioms (一流, 两轮驱动 as 'drivers', 一场所两高地 as "
            "a name) are not expected as numbers. 两 on its own is only checked for a change: "
            "English often leaves it to the noun (两家机构 'the partners', 这两种药 'the drugs'). "
            "Numbers that only normalisation made (list markers ⑵) or that sit in damaged source "
            "text (SG04) are not expected either, nor are the number of a list item at the start "
            "of a sentence (2.本店…), a count of what was just listed (江苏、浙江、辽宁3省, 上中下三段: "
            "English names the items), a count after a demonstrative (这3所名校 'these universities') "
            "and lunar festival days (二月二). A day of the month given alone (习近平3日会见…) where the "
            "English names a weekday instead, as Xinhua's English does, is reported with that weekday "
            "to check: machine translation guesses it, often wrongly. A side with more than 1,000 "
            "numbers (a table or a whole document pasted as one segment) is not compared by NU01–NU05, as a segment of "
            "real prose holds a few dozen at most; split such a segment to have it checked."
        ),
        examples=(
            Example("这个项目花了五年时间", "This project took a long time.", True, "five years are gone"),
            Example("10月30日,市政府外办调研", "The Foreign Affairs Office made a survey.", True, "the date is gone"),
            Example("习近平3日会见马克龙", "Xi met Macron on Monday", True, "is the 3rd a Monday?"),
            Example("这个项目花了五年时间", "This project took five years.", False),
            Example("两个黑洞在靠近", "Both black holes are approaching.", False, "'both' says two"),
            Example("两家机构宣布了计划", "The partners announced plans.", False, "两 left to the noun"),
            Example("信息化和国际化两轮驱动", "the drivers of informatization and internationalization", False, "两轮 is not counted"),
            Example("自9月份以来", "since September", False, "the month by name"),
            Example("江苏、浙江、辽宁3省", "Jiangsu, Zhejiang and Liaoning provinces", False, "the count is the listing"),
        ),
        trigger=NUMBERS,
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        comparison = compare(pair)
        for quantity in comparison.missing:
            span = source_span(pair, quantity.start, quantity.end)
            weekday = _WEEKDAY.search(pair.target_match.text) if _day_of_month(quantity) else None
            if weekday is None:
                message, spans = f"'{original_text(pair, span)}' ({describe(quantity)}) is not in the English.", (span,)
            else:
                given = Span(Side.TARGET, *pair.target_match.original_span(*weekday.span()))
                message = (
                    f"'{original_text(pair, span)}' (the day of the month) is not in the English, which says "
                    f"'{weekday.group()}': check that the {ordinal(int(quantity.value))} is a {weekday.group()}."
                )
                spans = (given, span)
            yield self.finding(pair.pair, message, spans=spans)
        for date in comparison.missing_dates:
            span = source_span(pair, date.start, date.end)
            yield self.finding(
                pair.pair,
                f"The date '{original_text(pair, span)}' ({describe_date(date.month, date.day)}) is not in the English.",
                spans=(span,),
            )


def _day_of_month(quantity: Quantity) -> bool:
    """3日: a day the Chinese gives without its month (号 is as often a number: 3号线, line 3)."""
    return quantity.text.endswith("日") and quantity.value in _DAYS


_DAYS = frozenset(map(float, range(1, 32)))
