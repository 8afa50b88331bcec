from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta, any_of
from qa_tool.checks.conditions import ANGLE_BRACKET_IN_TARGET, TAGS_IN_TARGET
from qa_tool.checks.literals import markup, unmatched
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair
from qa_tool.resources import word_set

# Special tokens a machine-translation model writes like tags: <unk> for a word it could not
# produce (often an emoji), <url> for an address it replaced.
MT_TOKENS = "markup/mt-special-tokens.txt"


class ExtraInlineTag(Rule):
    meta = RuleMeta(
        code="FM02",
        name="extra-inline-tag",
        category="Design and markup/Markup tag",
        severity=Severity.MAJOR,
        summary="The English has a tag the Chinese does not have.",
        rationale=(
            "A tag in the translation that the source lacks (copied twice, or taken from "
            "another segment) adds formatting or code the original never had, or makes the "
            "file fail to convert back. The file's inline tags and tags written in the text "
            "are matched by element name, id and kind, counting repeats. A model's special "
            "token (<unk>, <url>; rules/markup/mt-special-tokens.txt) is reported as what it "
            "is: text the machine translation lost."
        ),
        examples=(
            Example("请勿触摸脸部", "Do <b>not</b> touch your face", True, "bold the Chinese does not have"),
            Example("<i>柳叶刀</i>报道", "<i>The Lancet</i> reported", False),
            Example("喜欢甜品的一定要试试😋", "dessert lovers must try it <unk>", True, "an emoji the MT lost"),
        ),
        trigger=any_of(TAGS_IN_TARGET, ANGLE_BRACKET_IN_TARGET),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        target = pair.pair.target
        if not pair.pair.target_tags and "<" not in target:
            return
        extra = unmatched(markup(target, pair.pair.target_tags), markup(pair.pair.source, pair.pair.source_tags))
        machine_tokens = word_set(MT_TOKENS)
        tokens, tags = [], []
        for tag in extra:
            (tokens if tag.name.lower() in machine_tokens else tags).append(tag)
        reports = (
            (tags, f"The English has {'a tag' if len(tags) == 1 else 'tags'} the Chinese does not have"),
            (tokens, "The English has a machine-translation token where text was lost"),
        )
        for found, saying in reports:
            if found:
                yield self.finding(
                    pair.pair,
                    f"{saying}: {', '.join(tag.shown for tag in found)}.",
                    spans=(Span(Side.TARGET, tag.start, tag.end) for tag in found),
                )
