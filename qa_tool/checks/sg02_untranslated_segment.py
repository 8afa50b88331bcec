from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta, any_of
from qa_tool.checks.conditions import CHINESE_IN_TARGET
from qa_tool.languages.zh import has_han
from qa_tool.model import Finding, Severity
from qa_tool.normalise import NormalisedPair


class UntranslatedSegment(Rule):
    meta = RuleMeta(
        code="SG02",
        name="untranslated-segment",
        category="Accuracy/Untranslated text",
        severity=Severity.CRITICAL,
        summary="The target is a copy of the Chinese source.",
        rationale=(
            "CAT tools copy the source into the target as a starting point; a segment still "
            "holding that copy at delivery was never translated: critical, like WMT's "
            "non-translation (weight 25). Only sources with Chinese "
            "characters count: a number, a code or a placeholder such as \"18.0\" or "
            "\"$(PRODUCT_NAME)\" is rightly the same in both languages."
        ),
        examples=(
            Example("添加书签", "添加书签", True, "the Chinese was copied, not translated"),
            Example("添加书签", " 添加书签 ", True, "surrounding white space does not matter"),
            Example("添加书签", "Add to Bookmarks", False),
            Example("18.0", "18.0", False, "no Chinese: identical is correct"),
        ),
        trigger=any_of(CHINESE_IN_TARGET),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        source, target = pair.pair.source.strip(), pair.pair.target.strip()
        if source and source == target and has_han(source):
            yield self.finding(pair.pair, "The target is identical to the Chinese source: it was not translated.")
