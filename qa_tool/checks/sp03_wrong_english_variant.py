from __future__ import annotations

from functools import cache
from typing import Iterator

import regex

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair
from qa_tool.resources import word_map

BRITISH_AMERICAN = "english/british-american.tsv"
BRITISH_ONLY = "english/british-only.tsv"
_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}_'’\-])\p{Latin}+(?![\p{L}\p{M}\p{N}_])")


def _respelt(word: str, spelling: str) -> str:
    if word.isupper():
        return spelling.upper()
    return spelling[:1].upper() + spelling[1:] if word[:1].isupper() else spelling


class WrongEnglishVariant(Rule):
    meta = RuleMeta(
        code="SP03",
        name="wrong-english-variant",
        category="Fluency/Spelling",
        severity=Severity.MINOR,
        summary="A British spelling in American English or an American one in British English (--variant).",
        rationale=(
            "British and American spellings are both English, so SP01 accepts both; a document "
            "should keep to the one its client wants. This rule runs only when that is known: "
            "`--variant en-GB` or `en-US` on the command line, or `variant = \"en-GB\"` in the "
            "config; without it, it reports nothing. Each spelling of the other variety is "
            "reported with its twin as the fix, from SCOWL's lists of spellings used by one "
            "variety only (rules/english/british-american.tsv: colour/color, organise/organize, "
            "centre/center, travelled/traveled). en-GB means -ise spellings (organise); for "
            "Oxford -ize, ignore the rule or add the words to a dictionary. Left alone in en-GB "
            "text: American spellings British English also uses for another sense (program of "
            "a computer, license the verb, meter the device, check, tire, curb, draft), which "
            "en-US text is still told to use (rules/english/british-only.tsv: programme, "
            "licence, metre, cheque, tyre, kerb, draught)."
        ),
        examples=(
            Example("组织颜色", "organise the colours", True, "with --variant en-US", variant="en-US"),
            Example("组织颜色", "organize the colors", False, "with --variant en-US", variant="en-US"),
            Example("组织颜色", "organize the colors", True, "with --variant en-GB", variant="en-GB"),
            Example("组织颜色", "organise the colours", False, "with --variant en-GB", variant="en-GB"),
            Example("电脑程序", "a computer program", False, "with --variant en-GB: British uses it too", variant="en-GB"),
            Example("项目", "the programme", True, "with --variant en-US", variant="en-US"),
            Example("颜色", "the colour and the color", False, "no variant asked for"),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        variant = self.settings.variant
        if variant is None:
            return
        wanted_name, unwanted_name = ("British", "American") if variant == "en-GB" else ("American", "British")
        respellings = _respellings(variant)
        target = pair.pair.target
        for match in _WORD.finditer(target):
            word = match.group()
            spelling = respellings.get(word.lower())
            if spelling is None:
                continue
            fix = _respelt(word, spelling)
            yield self.finding(
                pair.pair,
                f"{unwanted_name} spelling '{word}' in {variant} English: {wanted_name} '{fix}'.",
                spans=(Span(Side.TARGET, match.start(), match.end()),),
                replacement=fix,
            )


@cache
def _respellings(variant: str) -> dict[str, str]:
    """Unwanted spelling → wanted spelling, for ``variant``."""
    pairs = word_map(BRITISH_AMERICAN)
    if variant == "en-GB":
        return {american: british for british, american in pairs.items()}
    return {**word_map(BRITISH_ONLY), **pairs}
