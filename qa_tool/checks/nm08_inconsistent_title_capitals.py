from __future__ import annotations

from typing import Iterator

from qa_tool.checks._consistency import elsewhere
from qa_tool.checks.base import CheckSettings, Example, Rule, RuleMeta, Scope
from qa_tool.checks.job_titles import JOB_TITLE_IN_SOURCE
from qa_tool.checks.nm07_inconsistent_title_rendering import SeenTitle, TitleSeen, kept_title, odd_ones_out, titles_of
from qa_tool.model import Finding, SegmentPair, Severity
from qa_tool.normalise import NormalisedPair
from qa_tool.scratch import KeptPairs


class InconsistentTitleCapitals(Rule):
    meta = RuleMeta(
        code="NM08",
        name="inconsistent-title-capitals",
        category="Fluency/Inconsistency",
        severity=Severity.MINOR,
        summary="The same title capitalised two ways in a document (Level-II inspector, Level-II Inspector).",
        rationale=(
            "House styles differ on capitals in titles, but one document should follow one. The "
            "rule compares the capitals of each rendering of a title from rules/names/titles.tsv "
            "with the other renderings in the same words, and flags the ones that differ from "
            "the most frequent (the first, on a tie). Compared apart, because English style "
            "treats them apart: a title right before a name (Vice President Fu Mingqiu), which "
            "is capitalised even where the same title after a name is not. Ignored: the capital "
            "of a sentence's first word, and one-word titles (Director, Mayor, Professor), which "
            "writers capitalise by formality and position (the Mayor of Ithaca, the mayor said) "
            "too freely for a difference to mean a slip."
        ),
        examples=(
            Example(
                "二级巡视员马勇表示，二级巡视员鲁进说",
                "Ma Yong, Level-II inspector, said, and Lu Jin, Level-II Inspector, added",
                True,
            ),
            Example(
                "二级巡视员马勇表示，二级巡视员鲁进说",
                "Ma Yong, Level-II inspector, said, and Lu Jin, Level-II inspector, added",
                False,
            ),
            Example(
                "副校长符明秋说，副校长也说",
                "Vice President Fu Mingqiu said, and the vice president added",
                False,
                "before a name titles take capitals",
            ),
            Example(
                "副校长说，副校长也说",
                "The vice president said. Vice president and staff agreed",
                False,
                "a sentence's first word",
            ),
            Example("市长说，市长也说", "the Mayor of Ithaca said and the mayor agreed", False, "one-word title"),
        ),
        scope=Scope.RUN,
        trigger=JOB_TITLE_IN_SOURCE,
    )
    nothing_observed: tuple[TitleSeen, ...] = ()

    def __init__(self, settings: CheckSettings) -> None:
        super().__init__(settings)
        self._groups: dict[tuple[str, str, bool], list[SeenTitle]] = {}
        self._pairs = KeptPairs()

    splits_document_work = True

    def observe(self, pair: NormalisedPair) -> tuple[TitleSeen, ...]:
        """The pair's titles of two words or more (capitals of one word say nothing)."""
        return tuple(seen for seen in titles_of(pair, self.settings) if len(seen[1].words) >= 2)

    def absorb(self, pair: SegmentPair, observed: tuple[TitleSeen, ...]) -> Iterator[Finding]:
        if observed:
            number = self._pairs.add(pair)
            for seen in observed:
                place = kept_title(number, seen)
                key = (place.mention.title, place.mention.wording, place.mention.before_name)
                self._groups.setdefault(key, []).append(place)
        return iter(())

    def finish_document(self) -> Iterator[Finding]:
        for (title, _, _), places in self._groups.items():
            # A sentence's first word says nothing about the style: its capital is compared
            # only when every place has the word inside a sentence.
            skip_first = any(place.mention.sentence_start for place in places)
            for place, usual in odd_ones_out(places, lambda p: _capitals(p, skip_first)):
                here = self._pairs[place.pair]
                yield self.finding(
                    here,
                    f"{title} is capitalised '{place.mention.written}' here but '{usual.mention.written}' "
                    f"{elsewhere(here, self._pairs[usual.pair])}.",
                    spans=place.spans,
                    replacement=usual.mention.written,
                )


def _capitals(place: SeenTitle, skip_first: bool) -> tuple[bool, ...]:
    capitals = tuple(word[:1].isupper() for word in place.mention.words)
    return capitals[1:] if skip_first else capitals

