from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta, any_of
from qa_tool.checks.conditions import ANGLE_BRACKET_IN_SOURCE, TAGS_IN_SOURCE
from qa_tool.checks.literals import markup, unmatched
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair


class MissingInlineTag(Rule):
    meta = RuleMeta(
        code="FM01",
        name="missing-inline-tag",
        category="Design and markup/Markup tag",
        severity=Severity.MAJOR,
        summary="A tag of the Chinese (bold, link, line break, field) is missing from the English.",
        rationale=(
            "Inline tags stand for formatting and code of the original document: the file's "
            "own (TMX ph, bpt/ept, hi; XLIFF g, x, bx/ex, ph, pc, sc/ec) and tags written in the "
            "text (<b>, <br/>). A tag dropped from the translation loses the bold, the link or "
            "the field when the file is converted back, or breaks the conversion. Tags are "
            "matched by element name, id and kind (opening, closing, standalone), counting "
            "repeats; where a tag stands may change with the word order."
        ),
        examples=(
            Example("<b>注意</b>：请勿触摸脸部", "Note: do not touch your face", True, "the bold tags are gone"),
            Example("第一行<br/>第二行", "First line<br>second line", False, "<br> and <br/> are the same tag"),
            Example("<b>注意</b>：请勿触摸脸部", "<b>Note</b>: do not touch your face", False),
        ),
        trigger=any_of(TAGS_IN_SOURCE, ANGLE_BRACKET_IN_SOURCE),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        source = pair.pair.source
        if not pair.pair.source_tags and "<" not in source:
            return
        missing = unmatched(markup(source, pair.pair.source_tags), markup(pair.pair.target, pair.pair.target_tags))
        if missing:
            shown = ", ".join(tag.shown for tag in missing)
            yield self.finding(
                pair.pair,
                f"The English lacks {'this tag' if len(missing) == 1 else 'these tags'} of the Chinese: {shown}.",
                spans=(Span(Side.SOURCE, tag.start, tag.end) for tag in missing),
            )
