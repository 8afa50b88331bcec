from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import CheckSettings, Example, FixSafety, Rule, RuleMeta, original_spans
from qa_tool.glossary import either, rendering_pattern, term_index
from qa_tool.model import Finding, Severity, Side
from qa_tool.normalise import NormalisedPair

_GLOSSARY = "zh\ten\tforbidden\n外办\tForeign Affairs Office\tForeign Office; FAO\n"


class ForbiddenTermUsed(Rule):
    meta = RuleMeta(
        code="TM02",
        name="forbidden-term-used",
        category="Terminology/Inconsistent with terminology resource",
        severity=Severity.MAJOR,
        summary="The target uses a rendering the glossary forbids for a term in the Chinese.",
        rationale=(
            "Glossaries list renderings that must not be used: deprecated or superseded names "
            "(TBX status deprecatedTerm-admn-sts, supersededTerm-admn-sts) or a 'forbidden' "
            "column. A forbidden rendering is reported where it stands, with the approved "
            "rendering as the fix, but only when the Chinese has the term: the same English "
            "words may be right elsewhere. Forbidden words that are part of an approved "
            "rendering in the same target (\"Office\" inside \"Foreign Affairs Office\") are left "
            "alone. Without a glossary the rule does nothing."
        ),
        examples=(
            Example(
                "市政府外办主任",
                "Director of the Foreign Office",
                True,
                "glossary: 外办 → Foreign Affairs Office, forbidden: Foreign Office",
                glossary=_GLOSSARY,
            ),
            Example(
                "市政府外办主任",
                "Director of the Foreign Affairs Office",
                False,
                "the approved rendering",
                glossary=_GLOSSARY,
            ),
            Example(
                "英国外交部",
                "the British Foreign Office",
                False,
                "外办 is not in the Chinese, so 'Foreign Office' may be right",
                glossary=_GLOSSARY,
            ),
        ),
        fix=FixSafety.SAFE,
    )

    def __init__(self, settings: CheckSettings) -> None:
        super().__init__(settings)
        index = term_index(settings.glossaries)
        # Glossaries without a forbidden rendering give this rule nothing to look for in any pair.
        self._index = index if index is not None and any(term.forbidden for term in index.terms) else None

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        if self._index is None:
            return
        target = pair.target_match.text
        reported: set[str] = set()
        for match in self._index.find(pair.source_match.text, pair.source):
            term = match.term
            if not term.forbidden or term.source in reported:
                continue
            reported.add(term.source)
            approved = [found.span() for found in rendering_pattern(term.approved_texts).finditer(target)]
            for found in rendering_pattern(tuple(r.text for r in term.forbidden)).finditer(target):
                start, end = found.span()
                if any(outer_start <= start and end <= outer_end for outer_start, outer_end in approved):
                    continue
                fix = term.approved_texts[0] if term.approved else None
                advice = f"; use {either(term.approved_texts)}" if term.approved else ""
                yield self.finding(
                    pair.pair,
                    f"'{found.group()}' is forbidden by the glossary for '{term.source}'{advice}.",
                    spans=original_spans(pair.target_match, Side.TARGET, [(start, end)]),
                    replacement=fix,
                )
