from __future__ import annotations

import re
from typing import Iterator

import regex

from qa_tool.checks.base import Characters, Example, Rule, RuleMeta, any_of
from qa_tool.checks.literals import PLACEHOLDER_SIGNS, find_placeholders, unmatched
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair


# The name inside a placeholder's delimiters: PRS_ORG in #PRS_ORG#, user_name in {user_name}.
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*[A-Za-z0-9]")


class MissingPlaceholder(Rule):
    meta = RuleMeta(
        code="FM04",
        name="missing-placeholder",
        category="Design and markup/Markup tag",
        severity=Severity.MAJOR,
        summary="A placeholder of the Chinese (%@, %1$s, {0}, {name}, $(NAME), ${x}, {{x}}, #NAME#) is missing from the English.",
        rationale=(
            "A placeholder is filled in by the program at run time: one missing from the "
            "translation drops the name, number or link it stands for, and with printf-style "
            "formats it can crash the program. Placeholders are compared as a multiset; "
            "printf ones by position and type, so '%@ of %@' matches '%2$@ 的 %1$@' in reverse "
            "order, while '%d' does not match '%@'. A name in capitals between number signs "
            "(#NAME#, #PRS_ORG#) is a placeholder too, and one written apart (\"#PRS_ORG #\") "
            "is no longer one: the finding then says how the English broke it. A percent sign after a number (50%) and '%%' are not "
            "placeholders, nor is a Weibo topic in Chinese (#新冠疫情#)."
        ),
        examples=(
            Example("保存 %@ 上的密码？", "Save the password?", True, "the site name is gone"),
            Example("第 %d 个文件，共 %d 个", "File %d of %d", False),
            Example("保存 %2$@ 上 %1$@ 的登录信息？", "Save login %@ for %@?", False, "numbered to reorder"),
            Example("增长了50%左右", "grew by about 50%", False, "a percentage"),
            Example("我又在#PRS_ORG#对面等", "I'm waiting across from #PRS_ORG # again", True, "written apart"),
        ),
        trigger=any_of(Characters(Side.SOURCE, PLACEHOLDER_SIGNS, "placeholder signs (%{$#)")),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        source_placeholders = find_placeholders(pair.pair.source)
        if not source_placeholders:
            return
        target = pair.pair.target
        # A placeholder repeated in the Chinese is looked for in the English once.
        broken_forms: dict[str, str | None] = {}
        for placeholder in unmatched(source_placeholders, find_placeholders(target)):
            if placeholder.text not in broken_forms:
                broken_forms[placeholder.text] = _broken_form(placeholder.text, target)
            broken = broken_forms[placeholder.text]
            yield self.finding(
                pair.pair,
                f"The placeholder '{placeholder.text}' of the Chinese is broken in the English: '{broken}'."
                if broken
                else f"The placeholder '{placeholder.text}' of the Chinese is missing from the English.",
                spans=(Span(Side.SOURCE, placeholder.start, placeholder.end),),
            )


def _broken_form(placeholder: str, target: str) -> str | None:
    """The placeholder's name in the English with its delimiters spaced apart or lost
    ("# PRS_ORG #", "#PRS_ORG"), if it is there."""
    name = _NAME.search(placeholder)
    if name is None or not (name.group().isupper() or "_" in name.group()):
        return None  # "{count}" and the word "count" are not to be confused
    # Every placeholder syntax has delimiters around its name: #, {}, $(), %().
    delimiters = re.escape("".join(sorted(set(placeholder[: name.start()] + placeholder[name.end() :]))))
    # A match starts where a run of delimiters and spaces starts, or where the last one ended
    # (\G): the leftmost match is the same, and a long run is not rescanned from each of its
    # characters. (regex's \s leaves out the separators U+001C-U+001F, which re's includes.)
    space = r"\s\x1c-\x1f"
    pattern = (
        rf"(?:(?<![{delimiters}{space}])|\G)[{delimiters}{space}]*(?<![A-Za-z0-9]){regex.escape(name.group())}"
        rf"(?![A-Za-z0-9])(?:[{space}]*[{delimiters}]+)?"
    )
    for found in regex.finditer(pattern, target):
        written = found.group().strip()
        if written != placeholder:
            return written
    return None
