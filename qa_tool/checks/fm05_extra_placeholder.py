from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import Characters, Example, Rule, RuleMeta, any_of
from qa_tool.checks.literals import PLACEHOLDER_SIGNS, find_placeholders, unmatched
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair


class ExtraPlaceholder(Rule):
    meta = RuleMeta(
        code="FM05",
        name="extra-placeholder",
        category="Design and markup/Markup tag",
        severity=Severity.MAJOR,
        summary="The English has a placeholder the Chinese does not have, or one of another type.",
        rationale=(
            "The program fills in only the placeholders the original string has: an extra one "
            "in the translation shows up as raw code ('{name}') or, with printf-style formats, "
            "reads a value that is not there and can crash the program; '%d' where the source "
            "has '%@' reads the value as the wrong type. Placeholders are compared as in FM04."
        ),
        examples=(
            Example("已连接设备", "%d device(s) connected", True, "the count is not in the Chinese"),
            Example("已连接 %d 台设备", "%@ device(s) connected", True, "another type"),
            Example("已连接 %d 台设备", "%d device(s) connected", False),
        ),
        trigger=any_of(Characters(Side.TARGET, PLACEHOLDER_SIGNS, "placeholder signs (%{$#)")),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        target_placeholders = find_placeholders(pair.pair.target)
        if not target_placeholders:
            return
        for placeholder in unmatched(target_placeholders, find_placeholders(pair.pair.source)):
            yield self.finding(
                pair.pair,
                f"The placeholder '{placeholder.text}' in the English is not in the Chinese.",
                spans=(Span(Side.TARGET, placeholder.start, placeholder.end),),
            )
