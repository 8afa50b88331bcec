from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import CharacterClass, Example, Rule, RuleMeta, any_of
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import DAMAGE_CHARACTERS, NormalisedPair


class DamagedSourceText(Rule):
    meta = RuleMeta(
        code="SG04",
        name="damaged-source-text",
        category="Source error",
        severity=Severity.NEUTRAL,
        summary="The Chinese source holds encoding damage the normaliser cannot explain.",
        rationale=(
            "Text copied through the wrong encoding leaves '?' for lost characters, tone-marked "
            "pinyin torn from its annotation, and stray symbols such as '⑾' between Chinese "
            "characters. The translator cannot know what the damaged words said, so the English "
            "there may be a guess. It is a source error: reported so someone restores the source, "
            "but weighted neutral so it does not lower the translation's score. Legitimate Latin "
            "in Chinese (COVID-19, CME, A股, 卡拉OK) and list numbering (①) are left alone."
        ),
        trigger=any_of(CharacterClass(Side.SOURCE, DAMAGE_CHARACTERS, "signs of encoding damage")),
        examples=(
            Example("能夠?qū)⑾嚓P(guān)資源", "so that relevant resources can be", True, "characters lost in an encoding round trip"),
            Example("能够将相关资源", "so that relevant resources can be", False),
            Example("COVID-19疫情以来", "since the COVID-19 outbreak", False, "Latin letters that belong there"),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        for damage in pair.source_damage:
            yield self.finding(
                pair.pair,
                f"The source is damaged here ({damage.reason}): '{damage.text}'. Restore the source text and check the translation.",
                spans=(Span(Side.SOURCE, damage.start, damage.end),),
            )
