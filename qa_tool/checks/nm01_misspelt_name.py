from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.checks.chinese_names import MentionKind, mention_spans, mentions_in
from qa_tool.model import Finding, Severity
from qa_tool.normalise import NormalisedPair


class MisspeltName(Rule):
    meta = RuleMeta(
        code="NM01",
        name="misspelt-name",
        category="Accuracy/Mistranslation",
        severity=Severity.MAJOR,
        summary="A Chinese name spelt one or two letters off its pinyin (Fu Minqiu for 符明秋).",
        rationale=(
            "A name one letter off is another person's name, and no spell checker sees it. The "
            "rule starts from the English: a capitalised pair of words whose surname word is a "
            "surname reading (rules/names/surnames.tsv) is read against that surname in the "
            "Chinese and the one or two characters after it, every reading of each character "
            "allowed. It flags the pair when the given name is a near miss (one letter off in a "
            "short name, two in a long one) and is itself pinyin. Accepted as spelt right: tone "
            "marks or none, ü as u, v or yu, the Hanyu apostrophe or none (Xi'an), hyphens, "
            "either order, and the given name in one word or two. Left alone: Wade-Giles, "
            "Cantonese and English names (Chiang Kai-shek, Ma On Shan, John), which are not "
            "pinyin; a near miss of a name the same English also spells right (two people); "
            "names fixed by rules/names/pinned-names.tsv, checked against their renderings "
            "(Tsai Ying-wen for 蔡英文 is flagged, Tsai Ing-wen passes), and names a glossary "
            "fixes, which the glossary rules check."
        ),
        examples=(
            Example("与副校长符明秋进行座谈", "had a discussion with Fu Minqiu, Vice President", True, "Mingqiu"),
            Example("周毅表示", "Zhou Yu said", True, "周毅 is Zhou Yi"),
            Example("蔡英文表示", "Tsai Ying-wen said", True, "pinned as Tsai Ing-wen"),
            Example("与副校长符明秋进行座谈", "had a discussion with Fu Mingqiu, Vice President", False),
            Example("吕小明说", "Lyu Xiaoming said", False, "ü written yu"),
            Example("张西安说", "Xi'an Zhang said", False, "apostrophe, given name first"),
            Example("马鞍山", "Ma On Shan", False, "Cantonese, not pinyin"),
            Example("周毅和周瑜", "Zhou Yi and Zhou Yu", False, "two people"),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        for mention in mentions_in(pair, self.settings):
            if mention.kind is MentionKind.MISSPELT:
                yield self.finding(
                    pair.pair,
                    f"'{mention.written}' does not spell {mention.chinese}: write '{mention.expected}'.",
                    spans=mention_spans(pair, mention),
                    replacement=mention.expected,
                )
