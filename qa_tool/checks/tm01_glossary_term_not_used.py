from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import CheckSettings, Example, Rule, RuleMeta, original_spans
from qa_tool.checks.near_miss import near_miss
from qa_tool.glossary import either, rendering_pattern, term_index
from qa_tool.model import Finding, Severity, Side
from qa_tool.normalise import NormalisedPair

_GLOSSARY = "zh\ten\n外办\tForeign Affairs Office\n重庆邮电大学\tChongqing University of Posts and Telecommunications\n"


class GlossaryTermNotUsed(Rule):
    meta = RuleMeta(
        code="TM01",
        name="glossary-term-not-used",
        category="Terminology/Inconsistent with terminology resource",
        severity=Severity.MINOR,
        summary="A glossary term is in the Chinese, but none of its approved English renderings is in the target.",
        rationale=(
            "A glossary (--glossary, TSV/CSV/TBX) fixes how recurring names and terms are "
            "translated, so readers meet one name for one thing. The Chinese is searched in its "
            "simplified form, so a simplified glossary also finds traditional text; when terms "
            "overlap the longest wins (重庆邮电大学, not 重庆). The English may use any approved "
            "rendering in any case, singular or plural, possessive, with spaces or hyphens. "
            "The message names the approved renderings and quotes what the English has instead "
            "when a phrase ends in the same head word and reads nearly alike (\"found 'macro "
            "prudent policy'\" for macroprudential policy). "
            "Without a glossary the rule does nothing. Left to other rules: terms whose target "
            "uses a forbidden rendering (TM02), do-not-translate terms (TM03), and empty or "
            "untranslated targets (SG01, SG02)."
        ),
        examples=(
            Example(
                "市政府外办主任",
                "Director of the municipal foreign office",
                True,
                "glossary: 外办 → Foreign Affairs Office",
                glossary=_GLOSSARY,
            ),
            Example(
                "市政府外辦主任",
                "Director of the Foreign Affairs Office",
                False,
                "traditional 外辦 matches the simplified glossary entry",
                glossary=_GLOSSARY,
            ),
            Example(
                "重庆邮电大学副校长",
                "Vice President of Chongqing University of Posts and Telecommunications",
                False,
                "the longer term 重庆邮电大学 is matched, not 重庆 inside it",
                glossary="zh\ten\n重庆\tChongqing Municipality\n重庆邮电大学\tChongqing University of Posts and Telecommunications\n",
            ),
            Example("市政府外办主任", "Director of the municipal foreign office", False, "no glossary given"),
        ),
    )

    def __init__(self, settings: CheckSettings) -> None:
        super().__init__(settings)
        self._index = term_index(settings.glossaries)

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        target = pair.target_match.text
        if self._index is None or not target.strip() or pair.pair.source.strip() == pair.pair.target.strip():
            return
        reported: set[str] = set()
        for match in self._index.find(pair.source_match.text, pair.source):
            term = match.term
            if term.do_not_translate or not term.approved or term.source in reported:
                continue
            if rendering_pattern(term.approved_texts).search(target):
                continue
            if term.forbidden and rendering_pattern(tuple(r.text for r in term.forbidden)).search(target):
                continue  # TM02 reports the forbidden rendering, with the approved one as its fix
            reported.add(term.source)
            spans = [*original_spans(pair.source_match, Side.SOURCE, [(match.start, match.end)])]
            found = near_miss(term.approved_texts, target)
            instead = ""
            if found is not None:
                spans += original_spans(pair.target_match, Side.TARGET, [found])
                instead = f" (found '{pair.pair.target[spans[-1].start : spans[-1].end]}')"
            yield self.finding(
                pair.pair,
                f"'{term.source}' is in the glossary as {either(term.approved_texts)}, "
                f"which the translation does not use{instead}.",
                spans=spans,
            )
