from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import CheckSettings, Example, Rule, RuleMeta, original_spans
from qa_tool.glossary import either, rendering_pattern, term_index
from qa_tool.model import Finding, Severity, Side
from qa_tool.normalise import NormalisedPair

_GLOSSARY = "zh\ten\tdnt\niPhone\t\tyes\n微信\tWeChat\tyes\n"


class DoNotTranslateTermChanged(Rule):
    meta = RuleMeta(
        code="TM03",
        name="do-not-translate-term-changed",
        category="Accuracy/Do not translate",
        severity=Severity.MAJOR,
        summary="A do-not-translate glossary term (brand, product, code) is missing or changed in the target.",
        rationale=(
            "Brand and product names, codes and commands must reach the English exactly as "
            "fixed: 'Iphone' or a translated product name is a different name. A glossary marks "
            "such terms with a 'dnt' column (yes), a TBX note saying do not translate, or an "
            "English rendering equal to the Chinese entry (CDC → CDC). The fixed form is the "
            "entry's English rendering, or the term itself when it has none, and must appear "
            "with the same letters and case; a form that differs only in case is reported where "
            "it stands, with the fixed form as the fix. Empty targets are left to SG01."
        ),
        examples=(
            Example("打开iPhone的设置", "Open the settings of the IPHONE", True, "the case changed", glossary=_GLOSSARY),
            Example("用微信付款", "Pay with Weixin", True, "the brand's fixed English form is WeChat", glossary=_GLOSSARY),
            Example("打开iPhone的设置", "Open the iPhone settings", False, glossary=_GLOSSARY),
            Example("用微信付款", "Pay with WeChat", False, glossary=_GLOSSARY),
        ),
    )

    def __init__(self, settings: CheckSettings) -> None:
        super().__init__(settings)
        index = term_index(settings.glossaries)
        # Glossaries without a do-not-translate term give this rule nothing to look for in any pair.
        self._index = index if index is not None and any(term.do_not_translate for term in index.terms) else None

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        target = pair.target_match.text
        if self._index is None or not target.strip():
            return
        reported: set[str] = set()
        for match in self._index.find(pair.source_match.text, pair.source):
            term = match.term
            if not term.do_not_translate or term.source in reported:
                continue
            if rendering_pattern(term.fixed_forms, exact=True).found_in(target):
                continue
            reported.add(term.source)
            fixed = either(term.fixed_forms)
            changed = rendering_pattern(term.fixed_forms).search(target)
            if changed is not None:
                yield self.finding(
                    pair.pair,
                    f"'{changed.group()}' must be written {fixed}, exactly as the glossary fixes it.",
                    spans=original_spans(pair.target_match, Side.TARGET, [changed.span()]),
                    replacement=term.fixed_forms[0],
                )
            else:
                yield self.finding(
                    pair.pair,
                    f"'{term.source}' must stay {fixed} in the translation (do not translate), "
                    "but the translation does not have it.",
                    spans=original_spans(pair.source_match, Side.SOURCE, [(match.start, match.end)]),
                )
