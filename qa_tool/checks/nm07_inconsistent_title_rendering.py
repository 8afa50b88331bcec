from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from sys import intern
from typing import Callable, Hashable, Iterator

from qa_tool.checks._consistency import elsewhere
from qa_tool.checks.base import CheckSettings, Example, Rule, RuleMeta, Scope
from qa_tool.checks.chinese_names import MentionKind, mentions_in
from qa_tool.checks.job_titles import JOB_TITLE_IN_SOURCE, TitleMention, organisation_before, title_mentions
from qa_tool.model import Finding, SegmentPair, Severity, Side, Span
from qa_tool.normalise import NormalisedPair
from qa_tool.scratch import KeptPairs


@dataclass(frozen=True, slots=True)
class SeenTitle:
    """A title rendered somewhere in the document, as the title rules keep it."""

    # The pair's number among the rule's KeptPairs.
    pair: int
    spans: tuple[Span, ...]
    mention: TitleMention
    # The person the title belongs to in the Chinese (副主任周毅, 周毅副主任), if any.
    person: str | None
    # The organisation written before the title (中央军委 of 中央军委主席); empty for a bare
    # title, one after the person's name (周毅副主任), and one whose place is unknown.
    organisation: str


# A title as one pair shows it: spans, the mention, the person it belongs to (or None), the
# organisation before it.
TitleSeen = tuple[tuple[Span, ...], TitleMention, "str | None", str]


def kept_title(number: int, seen: TitleSeen) -> SeenTitle:
    """A title as a title rule keeps it, its texts shared with every place that writes them: a
    document names few titles, people and organisations, and copies of them made up half of
    what each of its thousands of places held."""
    spans, mention, person, organisation = seen
    shared = replace(mention, title=intern(mention.title), written=intern(mention.written))
    return SeenTitle(number, spans, shared, None if person is None else intern(person), intern(organisation))


def titles_of(pair: NormalisedPair, settings: CheckSettings) -> Iterator[TitleSeen]:
    """The titles of a pair with their renderings, the person each belongs to and the
    organisation that makes it a whole title."""
    mentions = title_mentions(pair.source_match.text, pair.pair.target)
    if not mentions:
        return
    source = pair.source_match.text
    names = {m.chinese for m in mentions_in(pair, settings) if m.kind in (MentionKind.MATCH, MentionKind.PINNED)}
    for mention in mentions:
        person, organisation = None, ""
        if mention.placed:
            before = next((name for name in names if source.endswith(name, 0, mention.source_start)), None)
            person = before or next((name for name in names if source.startswith(name, mention.source_end)), None)
            if before is None:
                organisation = organisation_before(source, mention.source_start)
        original = pair.source_match.original_span(mention.source_start, mention.source_end)
        spans = (Span(Side.TARGET, mention.target_start, mention.target_end), Span(Side.SOURCE, *original))
        yield spans, mention, person, organisation


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
        severity=Severity.MAJOR,
        summary="The same title rendered two ways in a document (Secretary-General and General Secretary).",
        rationale=(
            "A title written two ways makes a reader wonder whether two ranks are meant. The rule "
            "knows which English renders which title from rules/names/titles.tsv and flags, for "
            "one Chinese title in one document, renderings that differ in hyphens or spaces only "
            "(Level-II and Level II, Vice-President and Vice President), and renderings in "
            "different words of one post: the same person's (副主任周毅 as Deputy Director General, "
            "later as Deputy Director; 秘书长谭世贤 as Secretary-General, later as General "
            "Secretary), or the same office's (联合国秘书长 twice, whoever holds it). A title is the "
            "whole title, the organisation written before it included: 国家主席 (President) and "
            "中央军委主席 (Chairman of the Central Military Commission) are two posts of one person, "
            "and a bare 习近平主席 is compared with neither when the document names both; "
            "总书记 and 主席 are two titles. Left alone: different words for the same bare title "
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
                "秘书长谭世贤介绍，谭世贤秘书长说",
                "Secretary-General Tan Shixian said, and General Secretary Tan Shixian added",
                True,
                "one person, two renderings of one title",
            ),
            Example(
                "国家主席习近平表示，中央军委主席习近平说，习近平主席说",
                "President Xi Jinping said, Chairman Xi Jinping of the Central Military Commission said, "
                "President Xi Jinping added",
                False,
                "two posts of one person",
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
        scope=Scope.RUN,
        trigger=JOB_TITLE_IN_SOURCE,
    )
    nothing_observed: tuple[TitleSeen, ...] = ()

    def __init__(self, settings: CheckSettings) -> None:
        super().__init__(settings)
        self._by_title: dict[str, list[SeenTitle]] = {}
        self._pairs = KeptPairs()

    splits_document_work = True

    def observe(self, pair: NormalisedPair) -> tuple[TitleSeen, ...]:
        return tuple(titles_of(pair, self.settings))

    def absorb(self, pair: SegmentPair, observed: tuple[TitleSeen, ...]) -> Iterator[Finding]:
        if observed:
            number = self._pairs.add(pair)
            for seen in observed:
                place = kept_title(number, seen)
                self._by_title.setdefault(place.mention.title, []).append(place)
        return iter(())

    def finish_document(self) -> Iterator[Finding]:
        for title, places in self._by_title.items():
            by_wording: dict[str, list[SeenTitle]] = {}
            by_person: dict[str, list[SeenTitle]] = {}
            by_office: dict[str, list[SeenTitle]] = {}
            for place in places:
                by_wording.setdefault(place.mention.wording, []).append(place)
                if place.person is not None:
                    by_person.setdefault(place.person, []).append(place)
                elif len(place.organisation) >= _SHORTEST_OFFICE:
                    by_office.setdefault(place.organisation, []).append(place)
            for same_words in by_wording.values():
                for place, usual in odd_ones_out(same_words, lambda p: p.mention.separators):
                    yield self._finding(title, place, usual, "")
            for person, same_person in by_person.items():
                for same_post in _posts(same_person):
                    for place, usual in odd_ones_out(same_post, lambda p: p.mention.wording):
                        yield self._finding(title, place, usual, f" for {person}")
            for organisation, same_office in by_office.items():
                for place, usual in odd_ones_out(same_office, lambda p: p.mention.wording):
                    yield self._finding(organisation + title, place, usual, "")

    def _finding(self, title: str, place: SeenTitle, usual: SeenTitle, whose: str) -> Finding:
        here = self._pairs[place.pair]
        return self.finding(
            here,
            f"{title}{whose} is '{place.mention.written}' here but '{usual.mention.written}' "
            f"{elsewhere(here, self._pairs[usual.pair])}.",
            spans=place.spans,
            replacement=usual.mention.written,
        )


# An organisation of one character is too often the tail of some other word (国 of 共和国).
_SHORTEST_OFFICE = 2


def _posts(places: list[SeenTitle]) -> list[list[SeenTitle]]:
    """One person's places of one title, split by the post they name. A title is the whole
    title, organisation included: 国家主席 (President) and 中央军委主席 (Chairman of the Central
    Military Commission) are two posts of one person, rendered differently on purpose. Two
    organisations are one post when one ends the other (越南政府总理 and 政府总理). A bare title
    (习近平主席) joins the post when the document names only one; among several it could be
    any of them and is not compared."""
    organisations = sorted({place.organisation for place in places if place.organisation}, key=len)
    groups: list[set[str]] = []
    for organisation in organisations:
        joined = [group for group in groups if any(organisation.endswith(shorter) for shorter in group)]
        groups = [group for group in groups if group not in joined] + [{organisation}.union(*joined)]
    if len(groups) <= 1:
        return [places]
    return [[place for place in places if place.organisation in group] for group in groups]
