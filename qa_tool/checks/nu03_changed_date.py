from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.checks.number_comparison import NUMBERS, compare, describe_date, original_text, source_span, target_span
from qa_tool.model import Finding, Severity
from qa_tool.normalise import NormalisedPair


class ChangedDate(Rule):
    meta = RuleMeta(
        code="NU03",
        name="changed-date",
        category="Accuracy/Mistranslation",
        severity=Severity.MAJOR,
        summary="A Chinese date (10月30日, 9月份) comes out as another month or day in the English.",
        rationale=(
            "A date with the wrong month or day sends readers to the wrong event. Each Chinese "
            "date (月 and 日/号, in Arabic or Chinese digits, 份 allowed, spaced or not) is looked "
            "for in the English as a month name with its day in any usual order (October 30, 30 "
            "October, Oct. 30th, the 30th of October, 3 and 4 February, 1–10 January); dates in "
            "digits year first (2021.6.11, 2022-01-17), events named by their date (3·15晚会) and "
            "ranges of months (3至6月) are read too. "
            "An English date whose day the source gives alone (于11日) is that day, not a changed "
            "dateline. When the "
            "English has a month-name date that is not the source's, the two are reported "
            "together; a date the English lacks altogether is NU02's. Counts of months (三个月) "
            "are not dates, and numeric dates (10/30) are accepted as they are: their order is "
            "ambiguous. A year after the English date (October 30, 2020) belongs to it, since "
            "Chinese news often leaves the year implicit."
        ),
        examples=(
            Example("10月30日,市政府外办调研", "On October 13, the Foreign Affairs Office", True, "the day changed"),
            Example("自9月份以来", "since October", True, "the month changed"),
            Example("10月30日,市政府外办调研", "On October 30, the Foreign Affairs Office", False),
            Example("11月3日,鲁进赴协会调研", "On 3 November, Lu Jin went", False, "day before month"),
            Example("10月30日", "on Oct. 30th", False, "an abbreviation and an ordinal day"),
        ),
        trigger=NUMBERS,
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        for change in compare(pair).changed_dates:
            source = source_span(pair, change.source.start, change.source.end)
            target = target_span(pair, change.target)
            yield self.finding(
                pair.pair,
                f"'{original_text(pair, source)}' is {describe_date(change.source.month, change.source.day)}, "
                f"but the English says '{original_text(pair, target)}'.",
                spans=(target, source),
            )
