from __future__ import annotations

from typing import Iterator

import regex

from qa_tool.checks.base import CheckSettings, Example, Rule, RuleMeta, Scope
from qa_tool.checks.chinese_names import MarkedName, marked_names, mentions_in, name_tables
from qa_tool.checks.job_titles import renders_title
from qa_tool.languages.pinyin import fold, join_syllables, word_readings
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair

_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’\-]*")
# The English may name the person with a pronoun instead.
_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "they", "them", "their"})


class MissingName(Rule):
    meta = RuleMeta(
        code="NM04",
        name="missing-name",
        category="Accuracy/Omission",
        severity=Severity.MINOR,
        summary="A person the Chinese names (副校长符明秋) is not in the English.",
        rationale=(
            "A dropped name loses who said or did something. The rule looks only at names the "
            "Chinese itself marks: a surname and one or two characters next to a job title "
            "(副校长符明秋，周毅副主任), or right before a verb of saying (周毅表示) when the document has "
            "already shown them to be a name (after a title, or spelt in an English). A verb "
            "alone is not enough: 表示 also means 'represents' (蓝三角表示 'the blue triangle "
            "represents'). Characters that are never part of a given name or belong to Western "
            "names written in Chinese (rules/names/name-anchors.tsv) rule a run out. The name is "
            "flagged when the English has neither its surname nor its given name in any "
            "spelling, nor a pinned form. Left alone: an English that refers to the person by a "
            "pronoun (he, she, they) or by the title that stands before the name, which is a "
            "choice, not an omission."
        ),
        examples=(
            Example("与会的有副校长符明秋，", "Attending was the university.", True, "符明秋 is gone"),
            Example("周毅表示，将继续支持。", "The office will continue its support.", True, "a name in the document",
                    earlier=(("副主任周毅率队调研", "Zhou Yi led a team"),)),
            Example("周毅表示，将继续支持。", "The office will continue its support.", False, "not shown to be a name"),
            Example("二级巡视员马勇表示，", "The inspector of the office said that", False, "the title stands for him"),
            Example("副校长符明秋表示，", "She said the office would continue its support.", False, "a pronoun"),
            Example("副校长符明秋表示，", "Fu Mingqiu said the office would continue its support.", False),
            Example("特使詹姆斯表示，", "The envoy said", False, "a Western name"),
        ),
        scope=Scope.DOCUMENT,
    )

    def __init__(self, settings: CheckSettings) -> None:
        super().__init__(settings)
        # Chinese names the document has shown to be names so far.
        self._names: set[str] = set()

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        target = pair.pair.target
        self._names.update(mention.chinese for mention in mentions_in(pair, self.settings))
        names = marked_names(pair.source_match.text, self._names)
        self._names.update(name.chinese for name in names)
        if not names or not target.strip():
            return
        words = {fold(word) for word in _WORD.findall(target)}
        if words & _PRONOUNS:
            return
        for name in names:
            if _spelt(name, words) or (name.title is not None and renders_title(name.title, target)):
                continue
            start, end = pair.source_match.original_span(name.start, name.end)
            yield self.finding(
                pair.pair,
                f"{name.chinese} ({_pinyin(name)}) is named in the Chinese but not in the English.",
                spans=(Span(Side.SOURCE, start, end),),
            )


def _spelt(name: MarkedName, words: set[str]) -> bool:
    """Whether any English word could be the name: a surname or given-name reading, right or
    wrong, or a word of a pinned rendering."""
    tables = name_tables()
    given = name.chinese[len(name.surname) :]
    possible = {fold(reading) for reading in tables.surnames.get(name.surname, ())}
    possible |= {surname for surname, owners in tables.by_misreading.items() if name.surname in owners}
    for reading in word_readings(given):
        possible |= {"".join(reading), *reading}
    for rendering in tables.pinned.get(name.chinese, ()):
        possible |= {fold(word) for word in rendering.split()}
    return not possible.isdisjoint(words)


def _pinyin(name: MarkedName) -> str:
    given = name.chinese[len(name.surname) :]
    readings = word_readings(given)
    surname = name_tables().surnames[name.surname][0].capitalize()
    return f"{surname} {join_syllables(readings[0]).capitalize()}" if readings else surname
