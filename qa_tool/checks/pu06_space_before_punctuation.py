from __future__ import annotations

import re
from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.checks.literals import find_addresses
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair

# Spaces after a word, then a mark that ends there: at the end, before a space, or (',.!?')
# before a closing quotation mark or bracket. An ellipsis (" ...", ". . .") and a smiley
# (" :)") do not end there, or follow a full stop, so they are not matched.
_SPACED_MARK = re.compile(r"(?<=\S)(?<!\.)[ \t\u00a0\u202f]+(?:[,!?]|\.(?! \.))(?=$|[\s\"'”’)\]])|(?<=\S)[ \t\u00a0\u202f]+[;:](?=$|\s)")
_CANDIDATE = re.compile(r"[ \t\u00a0\u202f][,.!?;:]")


class SpaceBeforePunctuation(Rule):
    meta = RuleMeta(
        code="PU06",
        name="space-before-punctuation",
        category="Fluency/Punctuation",
        severity=Severity.MINOR,
        summary="A space before a comma, full stop, semicolon, colon, question or exclamation mark.",
        rationale=(
            "English sets these marks against the word before them; a space there (\"from 40 "
            "to 400 .\", \"Why ?\") is left over from editing or from French spacing. Left "
            "alone: a spaced ellipsis (\"and so ...\"), smileys, a space an inline tag stands "
            "in (the tag may hold an image or a field), and a mark after a URL or e-mail "
            "address, where a space keeps the mark out of the address."
        ),
        examples=(
            Example("从40到400不等。", "varies from 40 to 400 .", True),
            Example("为什么？", "Why ?", True),
            Example("为什么？", "Why?", False),
            Example("等等……", "and so on ...", False, "a spaced ellipsis"),
            Example("访问 www.who.int。", "Visit www.who.int .", False, "the space keeps the full stop out of the address"),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        target = pair.pair.target
        if not _CANDIDATE.search(target):
            return
        spaced = list(_SPACED_MARK.finditer(target))
        if not spaced:
            return
        tag_positions = {tag.position for tag in pair.pair.target_tags}
        address_ends = {address.end for address in find_addresses(target)}
        for match in spaced:
            start, end = match.span()
            if start in address_ends or any(start <= position < end for position in tag_positions):
                continue
            mark = target[end - 1]
            yield self.finding(
                pair.pair,
                f"A space before '{mark}'.",
                spans=(Span(Side.TARGET, start, end),),
                replacement=mark,
            )
