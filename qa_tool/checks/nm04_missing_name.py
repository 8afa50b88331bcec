from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import regex

from qa_tool.checks.base import CheckSettings, Example, Rule, RuleMeta, Scope
from qa_tool.checks.chinese_names import MarkedName, marked_names, mentions_in, name_tables
from qa_tool.checks.job_titles import renders_title
from qa_tool.languages.pinyin import fold, join_syllables, word_readings
from qa_tool.model import Finding, SegmentPair, Severity, Side, Span
from qa_tool.normalise import NormalisedPair

_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’\-]*")
# The English may name the person with a pronoun instead.
_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "they", "them", "their"})


@dataclass(frozen=True, slots=True)
class _Marked:
    """A name the Chinese marks, as one pair shows it."""

    chinese: str
    # Next to a job title (else only before a verb of saying).
    by_title: bool
    # The English does not spell it (nor its title, nor a pronoun for it).
    left_out: bool
    # Original source offsets.
    start: int
    end: int
    pinyin: str


class MissingName(Rule):
    meta = RuleMeta(
        code="NM04",
        name="missing-name",
        category="Accuracy/Omission",
        severity=Severity.MAJOR,
        summary="A person the Chinese names (副校长符明秋) is not in the English.",
        rationale=(
            "A dropped name loses who said or did something. The rule looks only at names the "
            "Chinese itself marks: a surname and one or two characters next to a job title "
            "(副校长符明秋，周毅副主任), or right before a verb of saying (周毅表示) when the document has "
            "already shown them to be a name (after a title, or spelt in an English). A verb "
            "alone is not enough: 表示 also means 'represents' (蓝三角表示 'the blue triangle "
            "represents'). Characters that are never part of a given name or belong to Western "
            "names written in Chinese (rules/names/name-anchors.tsv) rule a run out, and so does "
            "a verb of saying after a title (总理强调 is the premier stressing, not a Qiang Diao). "
            "The name is flagged when the English has neither its surname nor its given name in "
            "any spelling, nor a pinned form. Any spelling includes the surname outside pinyin as "
            "Hong Kong, Taiwan, Korean and Vietnamese names write it (曾俊华 John Tsang, 阮 "
            "Nguyen: rules/names/surname-romanisations.tsv). Left alone: an English that refers to the person by a "
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
            Example("财政司司长曾俊华表示，", "Financial Secretary John Tsang said", False, "a Cantonese spelling"),
            Example("范明正总理强调，", "The premier stressed that", False, "强调 is a verb"),
        ),
        scope=Scope.DOCUMENT,
    )

    def __init__(self, settings: CheckSettings) -> None:
        super().__init__(settings)
        # Chinese names the document has shown to be names so far.
        self._names: set[str] = set()

    splits_document_work = True

    def observe(self, pair: NormalisedPair) -> tuple[tuple[str, ...], tuple[_Marked, ...]]:
        """The names the English renders, and each name the Chinese marks with whether the
        English leaves it out."""
        mentions = mentions_in(pair, self.settings)
        # Nearly every pair renders no name: no generator to start.
        rendered = tuple(mention.chinese for mention in mentions) if mentions else ()
        names = marked_names(pair.source_match.text)
        if not names:
            return rendered, ()
        target = pair.pair.target
        written = _WORD.findall(target)
        words = {fold(word) for word in written}
        capitalised = {fold(word) for word in written if word[0].isupper()}
        # A pronoun may stand for the name; an empty target is SG01's.
        judged = bool(target.strip()) and not words & _PRONOUNS
        marked = []
        # A name or title repeated in the Chinese is looked for in the English once.
        left_out_by_name: dict[tuple[str, str, str | None], bool] = {}
        pinyin_by_name: dict[tuple[str, str], str] = {}
        for name in names:
            key = (name.chinese, name.surname, name.title)
            if key not in left_out_by_name:
                left_out_by_name[key] = judged and not (
                    _spelt(name, words, capitalised) or (name.title is not None and renders_title(name.title, target))
                )
            left_out = left_out_by_name[key]
            if left_out and key[:2] not in pinyin_by_name:
                pinyin_by_name[key[:2]] = _pinyin(name)
            start, end = pair.source_match.original_span(name.start, name.end)
            marked.append(_Marked(name.chinese, name.title is not None, left_out, start, end, pinyin_by_name[key[:2]] if left_out else ""))
        return rendered, tuple(marked)

    def absorb(self, pair: SegmentPair, observed: tuple[tuple[str, ...], tuple[_Marked, ...]]) -> Iterator[Finding]:
        rendered, marked = observed
        self._names.update(rendered)
        # Nearly every pair marks no name: no generator to start for it.
        return self._left_out(pair, marked) if marked else iter(())

    def _left_out(self, pair: SegmentPair, marked: tuple[_Marked, ...]) -> Iterator[Finding]:
        # A name marked only by a verb of saying counts once the document has shown it is a name.
        names = [name for name in marked if name.by_title or name.chinese in self._names]
        self._names.update(name.chinese for name in names)
        for name in names:
            if name.left_out:
                yield self.finding(
                    pair,
                    f"{name.chinese} ({name.pinyin}) is named in the Chinese but not in the English.",
                    spans=(Span(Side.SOURCE, name.start, name.end),),
                )


def _spelt(name: MarkedName, words: set[str], capitalised: set[str]) -> bool:
    """Whether any English word could be the name: a surname or given-name reading, right or
    wrong, a word of a pinned rendering, or a capitalised word spelling the surname outside
    pinyin (Tsang for 曾, Nguyen for 阮: capitalised, since To and So are English words too)."""
    tables = name_tables()
    if not tables.romanisations.get(name.surname, frozenset()).isdisjoint(capitalised):
        return True
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
