from __future__ import annotations

from collections import Counter
from qa_tool.checks.conditions import ANGLE_BRACKET_IN_TARGET, TAGS_IN_TARGET
from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta, any_of
from qa_tool.checks.literals import markup, misnested_markup
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair


class BrokenTagNesting(Rule):
    meta = RuleMeta(
        code="FM03",
        name="broken-tag-nesting",
        category="Design and markup/Markup tag",
        severity=Severity.MAJOR,
        summary="The English has the Chinese's paired tags, but in an order where they no longer nest.",
        rationale=(
            "Paired tags (g, hi, pc, bpt/ept, bx/ex, sc/ec, <b>…</b>) may move with the word "
            "order, but each must still close after it opens and inside the tag around it: a "
            "closing tag before its opening one, or <b><i></b></i>, makes the converted "
            "document invalid. Only reported when the English has exactly the Chinese's tags "
            "(a missing or extra tag is FM01's or FM02's) and the Chinese's own tags nest."
        ),
        examples=(
            Example("<b><i>注意</i></b>", "<b><i>Note</b></i>", True, "the tags cross"),
            Example("<b>注意</b>，<i>小心</i>", "<i>Careful</i> and <b>note</b>", False, "reordered, still nested"),
        ),
        trigger=any_of(TAGS_IN_TARGET, ANGLE_BRACKET_IN_TARGET),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        source, target = pair.pair.source, pair.pair.target
        if not pair.pair.target_tags and "<" not in target:
            return
        target_markup = markup(target, pair.pair.target_tags)
        wrong = misnested_markup(target_markup)
        if not wrong:
            return
        source_markup = markup(source, pair.pair.source_tags)
        if misnested_markup(source_markup) or Counter(t.key for t in source_markup) != Counter(t.key for t in target_markup):
            return
        shown = ", ".join(tag.shown for tag in wrong)
        yield self.finding(
            pair.pair,
            f"The tags of the English do not nest: {shown} {'is' if len(wrong) == 1 else 'are'} out of order.",
            spans=(Span(Side.TARGET, tag.start, tag.end) for tag in wrong),
        )
