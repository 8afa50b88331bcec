from __future__ import annotations

import re
from typing import Iterator

from qa_tool.checks.base import Characters, Example, Matching, Rule, RuleMeta, any_of
from qa_tool.checks.literals import find_addresses, unmatched
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair


class ChangedAddress(Rule):
    meta = RuleMeta(
        code="FM06",
        name="changed-address",
        category="Accuracy/Mistranslation",
        severity=Severity.MAJOR,
        summary="A URL or e-mail address of the Chinese is not in the English exactly.",
        rationale=(
            "A web or e-mail address must reach the same place in any language; one changed "
            "by a character, cut short or dropped sends the reader nowhere. Each address of the "
            "Chinese must appear in the English as written, except for what a correct "
            "translation changes: the case of the scheme and host, a final slash, and locale "
            "parts (zh.wikipedia.org → en.wikipedia.org, /zh-CN/ → /en-US/). Addresses the "
            "English adds are left alone."
        ),
        trigger=any_of(
            Characters(Side.SOURCE, frozenset("@:"), "'@' or ':'"),
            Matching(Side.SOURCE, re.compile(r"www\.", re.IGNORECASE), "'www.'"),
        ),
        examples=(
            Example("详见 https://tinyurl.com/vqu35cj）", "see https://tinyurl.com/vqu35jc)", True, "two characters swapped"),
            Example("请发邮件至 help@who.int", "Write to us.", True, "the address was dropped"),
            Example("详见 https://tinyurl.com/vqu35cj）", "see https://tinyurl.com/vqu35cj).", False),
            Example("见 https://zh.wikipedia.org/wiki/COVID-19", "see https://en.wikipedia.org/wiki/COVID-19", False, "the language version"),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        source_addresses = find_addresses(pair.pair.source)
        if not source_addresses:
            return
        target_addresses = find_addresses(pair.pair.target)
        missing = unmatched(source_addresses, target_addresses)
        instead = [other.text for other in unmatched(target_addresses, source_addresses)] if missing else []
        hint = f" (the English has '{instead[0]}')" if len(instead) == 1 else ""
        for address in missing:
            yield self.finding(
                pair.pair,
                f"The address '{address.text}' of the Chinese is not in the English{hint}.",
                spans=(Span(Side.SOURCE, address.start, address.end),),
            )
