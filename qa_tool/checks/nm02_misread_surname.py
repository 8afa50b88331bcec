from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.checks.chinese_names import MentionKind, mention_spans, mentions_in, surname_rendering
from qa_tool.model import Finding, Severity
from qa_tool.normalise import NormalisedPair


class MisreadSurname(Rule):
    meta = RuleMeta(
        code="NM02",
        name="misread-surname",
        category="Accuracy/Mistranslation",
        severity=Severity.MAJOR,
        summary="A surname spelt with its everyday reading (Ceng Guofan for 曾国藩, Zeng).",
        rationale=(
            "Some characters are read one way as a word and another as a surname: 曾 ceng/Zeng, "
            "单 dan/Shan, 解 jie/Xie, 仇 chou/Qiu, 区 qu/Ou, 朴 pu/Piao, 查 cha/Zha. Dictionaries "
            "and machine translation give the everyday reading, which names someone else. The "
            "rule flags an English pair whose given name matches the Chinese exactly and whose "
            "surname is such a wrong reading (rules/names/surname-misreadings.tsv). Left alone: "
            "surnames with two readings in use (乐 Yue or Le, 覃 Qin or Tan), a pair that is "
            "another person's name in the same Chinese (屈志明 Qu Zhiming), and Western names "
            "written in Chinese that start with a surname character (查理 is Charlie, not a 查; "
            "rules/names/transliterated-names.txt)."
        ),
        examples=(
            Example("曾国藩的家书", "the family letters of Ceng Guofan", True, "曾 as a surname is Zeng"),
            Example("单田芳说", "Dan Tianfang said", True, "单 as a surname is Shan"),
            Example("曾国藩的家书", "the family letters of Zeng Guofan", False),
            Example("乐嘉说", "Le Jia said", False, "乐 is Yue or Le as a surname"),
            Example("查理和巧克力工厂", "Cha Li and the Chocolate Factory", False, "查理 is Charlie"),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        for mention in mentions_in(pair, self.settings):
            if mention.kind is MentionKind.MISREAD:
                surname = mention.surname
                yield self.finding(
                    pair.pair,
                    f"'{mention.written}': as a surname {surname} is read '{surname_rendering(surname)}'; "
                    f"write '{mention.expected}'.",
                    spans=mention_spans(pair, mention),
                    replacement=mention.expected,
                )
