from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, Hashable, Iterator

from qa_tool.checks.base import CheckSettings, Example, Rule, RuleMeta, Scope
from qa_tool.checks.chinese_names import MentionKind, mentions_in
from qa_tool.checks.job_titles import TitleMention, title_mentions
from qa_tool.model import Finding, SegmentPair, Severity, Side, Span
from qa_tool.normalise import NormalisedPair


@dataclass(frozen=True, slots=True)
class SeenTitle:
    """A title rendered somewhere in the document, as the title rules keep it."""

    pair: SegmentPair
    spans: tuple[Span, ...]
    mention: TitleMention
    # The person the title belongs to in the Chinese (副主任周毅, 周毅副主任), if any.
    person: str | None


# A title as one pair shows it: spans, the mention, the person it belongs to (or None).
TitleSeen = tuple[tuple[Span, ...], TitleMention, "str | None"]


def titles_of(pair: NormalisedPair, settings: CheckSettings) -> Iterator[TitleSeen]:
    """The titles of a pair with their renderings and the person each belongs to."""
    mentions = title_mentions(pair.source_match.text, pair.pair.target)
    if not mentions:
        return
    source = pair.source_match.text
    names = {m.chinese for m in mentions_in(pair, settings) if m.kind in (MentionKind.MATCH, MentionKind.PINNED)}
    for mention in mentions:
        person = None
        if mention.placed:
            person = next(
                (name for name in names
                 if source.startswith(name, mention.source_end) or source.endswith(name, 0, mention.source_start)),
                None,
            )
        original = pair.source_match.original_span(mention.source_start, mention.source_end)
        spans = (Span(Side.TARGET, mention.target_start, mention.target_end), Span(Side.SOURCE, *original))
        yield spans, mention, person


def odd_ones_out(
    places: list[SeenTitle], form: Callable[[SeenTitle], Hashable]
) -> Iterator[tuple[SeenTitle, SeenTitle]]:
    """Each place whose ``form`` differs from the document's most frequent one (the first on a
    tie), with a place showing that usual form."""
    counts = Counter(form(place) for place in places)
    if len(counts) < 2:
        return
    order = {}
    for place in places:
        order.setdefault(form(place), place)
    usual = max(counts, key=lambda value: (counts[value], -places.index(order[value])))
    for place in places:
        if form(place) != usual:
            yield place, order[usual]


class InconsistentTitleRendering(Rule):
    meta = RuleMeta(
        code="NM07",
        name="inconsistent-title-rendering",
        category="Terminology/Inconsistent use of terminology",
        severity=Severity.MINOR,
        summary="The same title rendered two ways in a document (Secretary-General and Secretary General).",
        rationale=(
            "A title written two ways makes a reader wonder whether two ranks are meant. The rule "
            "knows which English renders which title from rules/names/titles.tsv and flags, for "
            "one Chinese title in one document, renderings that differ in hyphens or spaces only "
            "(Level-II and Level II, Vice-President and Vice President), and renderings in "
            "different words when they belong to the same person (副主任周毅 as Deputy Director "
            "General, later as Deputy Director). Left alone: different words for the same title "
            "of different people, since organisations fix their own English titles (副主任 of one "
            "office is Deputy Director General, of a committee Vice Chairman); renderings not in "
            "the list, which are not judged at all; and capitals, which NM08 compares."
        ),
        examples=(
            Example(
                "秘书长谭世贤介绍，副秘书长和秘书长出席。",
                "Secretary General Tan Shixian said the deputy and the Secretary-General attended.",
                True,
                "hyphen and space",
            ),
            Example(
                "副主任周毅表示，周毅副主任说",
                "Deputy Director General Zhou Yi said, and Deputy Director Zhou Yi added",
                True,
                "one person, two titles",
            ),
            Example(
                "副主任周毅表示，副主任马勇说",
                "Deputy Director General Zhou Yi said, and Vice Chairman Ma Yong added",
                False,
                "two people, two organisations",
            ),
            Example(
                "二级巡视员马勇表示，二级巡视员鲁进说",
                "Ma Yong, Level-II inspector, said, and Lu Jin, Level-II inspector, added",
                False,
            ),
        ),
        scope=Scope.DOCUMENT,
    )

    def __init__(self, settings: CheckSettings) -> None:
        super().__init__(settings)
        self._by_title: dict[str, list[SeenTitle]] = {}

    splits_document_work = True

    def observe(self, pair: NormalisedPair) -> tuple[TitleSeen, ...]:
        return tuple(titles_of(pair, self.settings))

    def absorb(self, pair: SegmentPair, observed: tuple[TitleSeen, ...]) -> Iterator[Finding]:
        for spans, mention, person in observed:
            self._by_title.setdefault(mention.title, []).append(SeenTitle(pair, spans, mention, person))
        return iter(())

    def finish_document(self) -> Iterator[Finding]:
        for title, places in self._by_title.items():
            by_wording: dict[str, list[SeenTitle]] = {}
            by_person: dict[str, list[SeenTitle]] = {}
            for place in places:
                by_wording.setdefault(place.mention.wording, []).append(place)
                if place.person is not None:
                    by_person.setdefault(place.person, []).append(place)
            for same_words in by_wording.values():
                for place, usual in odd_ones_out(same_words, lambda p: p.mention.separators):
                    yield self._finding(title, place, usual, "")
            for person, same_person in by_person.items():
                for place, usual in odd_ones_out(same_person, lambda p: p.mention.wording):
                    yield self._finding(title, place, usual, f" for {person}")

    def _finding(self, title: str, place: SeenTitle, usual: SeenTitle, whose: str) -> Finding:
        return self.finding(
            place.pair,
            f"{title}{whose} is '{place.mention.written}' here but '{usual.mention.written}' elsewhere "
            f"in the document.",
            spans=place.spans,
            replacement=usual.mention.written,
        )
