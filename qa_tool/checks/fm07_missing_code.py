from __future__ import annotations

import string
from typing import Iterator

from qa_tool.checks.base import Characters, Example, Rule, RuleMeta, any_of
from qa_tool.checks.literals import code_is_kept, find_codes, run_together
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair


class MissingCode(Rule):
    meta = RuleMeta(
        code="FM07",
        name="missing-code",
        category="Accuracy/Omission",
        severity=Severity.MAJOR,
        summary="A code or acronym of the Chinese (CME, COVID-19, ACE2, ISO) is not in the English.",
        rationale=(
            "Latin codes, acronyms and product names inside Chinese text are written the same "
            "in English, so one missing from the translation was dropped or mistyped. A code "
            "here is a Latin token with two capitals (WHO, SARS-CoV-2, PowerPoint) or a capital "
            "and a digit (N95, ACE2); single letters (A股), lower-case words and pinyin are not "
            "codes, and placeholders and addresses are FM04's and FM06's. Nor are Latin words "
            "Chinese writes as its own and English translates (OK, MM for 美眉, IN for trendy; "
            "rules/markup/chinese-latin-slang.txt), clock times written 08H00, or the digits of "
            "a date run on to a code (RCEP2022年 is RCEP and the year). The English counts as "
            "keeping a code when it has it in any case, spacing or hyphenation (Covid-19, COVID "
            "19, Token Terminal for TokenTerminal), as a plural or possessive (GPs, WHO's), a "
            "Roman numeral as its Arabic number, an acronym spelt out in words whose initials "
            "make it (World Health Organization for WHO, intensive care unit for ICU), or one "
            "word whose capitals make it (TikTok for TT). A code the English has only run "
            "together with a neighbouring word (\"ChinaUCCA\") is reported as such."
        ),
        trigger=any_of(Characters(Side.SOURCE, frozenset(string.ascii_uppercase), "capital Latin letters", matching_view=True)),
        examples=(
            Example("重庆机电集团（CME）", "Chongqing Machinery Group", True, "the acronym was dropped"),
            Example("ACE2 受体", "the ACE receptor", True, "the digit was dropped"),
            Example("重庆机电集团（CME）", "Chongqing Machinery & Electronics Holding (CME)", False),
            Example("新冠肺炎（COVID-19）", "the Covid-19 pandemic", False, "the case may differ"),
            Example("世卫组织（WHO）", "the World Health Organization", False, "spelt out"),
            Example("A股市场", "the A-share market", False, "a single letter is not a code"),
            Example("品质应该OK的", "the quality should be fine", False, "a word Chinese borrows, translated"),
            Example("中国UCCA尤伦斯当代艺术中心", "the ChinaUCCA Ullens Center", True, "run together with 'China'"),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        view = pair.source_match
        codes = find_codes(view.text)
        if not codes:
            return
        target = pair.target_match.text
        lower_target = target.lower()
        reported: set[str] = set()
        # A code repeated in the Chinese is looked for in the English once.
        kept: dict[str, bool] = {}
        for code in codes:
            if code.key in reported:
                continue
            if code.text not in kept:
                kept[code.text] = code_is_kept(code.text, target, lower_target)
            if kept[code.text]:
                continue
            reported.add(code.key)
            start, end = view.original_span(code.start, code.end)
            joined = run_together(code.text, target)
            message = (
                f"'{code.text}' of the Chinese is in the English only run together with a neighbouring word: '{joined}'."
                if joined
                else f"'{code.text}' of the Chinese is not in the English."
            )
            yield self.finding(pair.pair, message, spans=(Span(Side.SOURCE, start, end),))
