from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.checks.number_comparison import NUMBERS, compare, describe, original_text, source_span, target_span
from qa_tool.model import Finding, Severity
from qa_tool.normalise import NormalisedPair


class ChangedNumber(Rule):
    meta = RuleMeta(
        code="NU01",
        name="changed-number",
        category="Accuracy/Mistranslation",
        severity=Severity.MAJOR,
        summary="A number of the Chinese comes out as a different number in the English.",
        rationale=(
            "A wrong figure is the error a reader cannot detect and a reviewer always marks. "
            "Every number of the source (Arabic, full-width or Chinese digits, with 万/亿, "
            "percentages, ranges, ordinals, years) must be in the English with the same value, "
            "in digits, words, an ordinal or a Roman numeral (二级 as Level-II). When it is not, "
            "and the English has a number nearby in value that no source number accounts for "
            "(a year for a year, a percentage for a percentage), the two are reported together. "
            "Chinese numerals count only before a unit or measure word (rules/numbers/"
            "chinese-units.txt) or with digits before 万/亿, so 一流, 统一, 进一步 and 三峡 are left "
            "alone, and so is 一 (一个 is 'a' as often as 'one'; as an ordinal before a unit, "
            "第一季度, it may be left out but not changed) and a scale without a digit (百年 "
            "'century-old', 千人 'thousands', 百度 'Baidu'). Decimals in words are read as such "
            "(百分之十二点五, 三点五亿, 二点五倍), but 点 after a time-of-day word or before minutes "
            "ends a time (晚上八点, 八点五十分). Vague amounts (数十, 几百, 上千, 一两个), weekdays "
            "(星期六), listed idioms (万岁, 第二天), digits of names (R0, COVID-19, LP700-4) and of "
            "placeholders ({2}: FM04's), links and long codes have no value to check; approximations "
            "(十余家, 二十多年) may be rounded. Conversions English makes are accepted: 六成 as 60% (一成 "
            "and 两成半 too, but not 一成不变), "
            "21时 as 9 p.m., 98年 as 1998, 95后 as 'born after 1995', 10斤 as 5 kg. A clock time "
            "whose half of the day the source says (上午, 晚上; 21时) is reported when the English "
            "puts it in the other half (上午10时 as '10 p.m.'). Wrong 万/亿 conversions are NU04's "
            "findings and changed dates NU03's."
        ),
        examples=(
            Example("距离30公里", "a distance of 13 kilometers", True, "30 became 13"),
            Example("有三个黑洞", "there are four black holes", True, "spelled numbers are compared too"),
            Example("距离30公里", "a distance of thirty kilometers", False, "the same number in words"),
            Example("2020年是建校70周年", "2020 marks the 70th anniversary", False, "a year and an ordinal"),
            Example("二級巡視員", "Level-II inspector", False, "a Chinese level as a Roman numeral"),
            Example("十余家企业", "over ten enterprises", False, "an approximation"),
            Example("世界一流学科", "World First-class disciplines", False, "一流 is not a number"),
            Example("上午10时开会", "the meeting at 10 p.m.", True, "morning became evening"),
            Example("占比超六成", "more than 60% of sales", False, "成 counts tenths"),
        ),
        trigger=NUMBERS,
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        for change in compare(pair).changed:
            if change.scale_slip:
                continue
            source = source_span(pair, change.source.start, change.source.end)
            target = target_span(pair, change.target)
            yield self.finding(
                pair.pair,
                f"'{original_text(pair, source)}' is {describe(change.source)}, but the English says "
                f"'{original_text(pair, target)}'.",
                spans=(target, source),
            )
