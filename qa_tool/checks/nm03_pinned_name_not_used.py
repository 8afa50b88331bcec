from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.checks.chinese_names import MentionKind, mention_spans, mentions_in, name_tables
from qa_tool.model import Finding, Severity
from qa_tool.normalise import NormalisedPair


class PinnedNameNotUsed(Rule):
    meta = RuleMeta(
        code="NM03",
        name="pinned-name-not-used",
        category="Locale convention/Name format",
        severity=Severity.MINOR,
        summary="A name known in English by a fixed form is spelt in pinyin (Cai Yingwen for Tsai Ing-wen).",
        rationale=(
            "People from Hong Kong, Macao and Taiwan, overseas Chinese, Koreans and some "
            "historical figures are known in English by a form that is not Hanyu Pinyin: 蔡英文 "
            "is Tsai Ing-wen, 林郑月娥 Carrie Lam, 潘基文 Ban Ki-moon. Spelt in pinyin they are "
            "hard to recognise. The rule flags a name listed in rules/names/pinned-names.tsv "
            "that the English spells in pinyin and not in one of its listed forms. Left alone: "
            "a pinned name the English leaves out or refers to otherwise (nothing to compare), "
            "and names fixed by a glossary, which the glossary rules check."
        ),
        examples=(
            Example("蔡英文表示", "Cai Yingwen said", True, "known as Tsai Ing-wen"),
            Example("林郑月娥出席", "Lin Zheng Yue'e attended", True, "known as Carrie Lam"),
            Example("蔡英文表示", "Tsai Ing-wen said", False),
            Example("马云说", "Ma Yun said", False, "both Jack Ma and Ma Yun are listed"),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        for mention in mentions_in(pair, self.settings):
            if mention.kind is MentionKind.UNPINNED:
                renderings = " or ".join(f"'{r}'" for r in name_tables().pinned[mention.chinese])
                yield self.finding(
                    pair.pair,
                    f"{mention.chinese} is known in English as {renderings}, not '{mention.written}'.",
                    spans=mention_spans(pair, mention),
                    replacement=mention.expected,
                )
