from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.model import Finding, Severity
from qa_tool.normalise import NormalisedPair


class EmptyTarget(Rule):
    meta = RuleMeta(
        code="SG01",
        name="empty-target",
        category="Accuracy/Omission",
        severity=Severity.CRITICAL,
        summary="The source has text but the English target is empty.",
        rationale=(
            "An empty target is a segment nobody translated: a unit without a <target>, a blank "
            "cell, or a Chinese paragraph with no English after it. The whole meaning is lost, so "
            "it is critical (weight 25, as WMT weighs a non-translation): it fails the gate. Pairs whose source is empty too are left alone."
        ),
        examples=(
            Example("市对外友协参加调研。", "", True, "nothing was translated"),
            Example("市对外友协参加调研。", "   ", True, "white space is not a translation"),
            Example("市对外友协参加调研。", "The Friendship Association took part.", False),
            Example("", "", False, "an empty source needs no translation"),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        if pair.pair.source.strip() and not pair.pair.target.strip():
            yield self.finding(pair.pair, "The target is empty: this segment was not translated.")
