from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from sys import intern
from typing import Iterator

from qa_tool.checks._consistency import elsewhere
from qa_tool.checks.base import CheckSettings, Example, Rule, RuleMeta, Scope
from qa_tool.checks.chinese_names import MentionKind, NameMention, mention_spans, mentions_in
from qa_tool.model import Finding, SegmentPair, Severity, Span
from qa_tool.normalise import NormalisedPair
from qa_tool.scratch import KeptPairs

_RENDERED = (MentionKind.MATCH, MentionKind.PINNED)


@dataclass(frozen=True, slots=True)
class _Seen:
    # The pair's number among the rule's KeptPairs.
    pair: int
    spans: tuple[Span, ...]
    written: str


class InconsistentNameSpelling(Rule):
    meta = RuleMeta(
        code="NM05",
        name="inconsistent-name-spelling",
        category="Fluency/Inconsistency",
        severity=Severity.MINOR,
        summary="The same Chinese name spelt two ways in one document (Zhou Yi, ZHOU Yi; Lü Bin, Lyu Bin).",
        rationale=(
            "Each spelling of a name may be acceptable on its own (surname in capitals or not, "
            "Lü or Lyu, Fu Mingqiu or Fu Ming-qiu), but a reader meeting two of them in one "
            "document wonders whether they are two people. The rule collects every correct "
            "rendering of each Chinese name in the document and flags the ones that differ from "
            "the most frequent (the first, on a tie). Left alone: the order of surname and given "
            "name, which NM06 compares; misspellings, which NM01 reports; a surname used alone "
            "after the full name; and different forms of a pinned name (Carrie Lam, Carrie Lam "
            "Cheng Yuet-ngor), which are different on purpose, though each is compared with itself."
        ),
        examples=(
            Example("周毅表示，周毅说", "Zhou Yi said, and ZHOU Yi added", True, "capitals differ"),
            Example("符明秋表示，符明秋说", "Fu Mingqiu said, and Fu Ming-qiu added", True, "hyphen differs"),
            Example("周毅表示，周毅说", "Zhou Yi said, and Zhou Yi added", False),
            Example("林郑月娥表示，林郑月娥说", "Carrie Lam Cheng Yuet-ngor said, and Carrie Lam added", False),
        ),
        scope=Scope.RUN,
    )

    def __init__(self, settings: CheckSettings) -> None:
        super().__init__(settings)
        # (Chinese name, rendering key) → every place it is written, in document order.
        self._seen: dict[tuple[str, str], list[_Seen]] = {}
        self._pairs = KeptPairs()

    splits_document_work = True

    def observe(self, pair: NormalisedPair) -> tuple[tuple[str, str, tuple[Span, ...], str], ...]:
        """(Chinese name, rendering key, spans, English words surname first) of each name rendered."""
        mentions = mentions_in(pair, self.settings)
        if not mentions:
            return ()  # nearly every pair: no generator to start
        return tuple(
            (mention.chinese, mention.key, mention_spans(pair, mention), _in_surname_order(mention))
            for mention in mentions
            if mention.kind in _RENDERED
        )

    def absorb(self, pair: SegmentPair, observed: tuple[tuple[str, str, tuple[Span, ...], str], ...]) -> Iterator[Finding]:
        if observed:
            number = self._pairs.add(pair)
            for chinese, key, spans, written in observed:
                # A name is written a few ways a document: its places share those texts.
                self._seen.setdefault((chinese, key), []).append(_Seen(number, spans, intern(written)))
        return iter(())

    def finish_document(self) -> Iterator[Finding]:
        for (chinese, _), places in self._seen.items():
            counts = Counter(place.written for place in places)
            if len(counts) < 2:
                continue
            usual = max(counts, key=lambda written: (counts[written], -_first(places, written)))
            usual_pair = self._pairs[places[_first(places, usual)].pair]
            for place in places:
                if place.written != usual:
                    here = self._pairs[place.pair]
                    yield self.finding(
                        here,
                        f"{chinese} is written '{place.written}' here but '{usual}' "
                        f"{elsewhere(here, usual_pair)} ({counts[usual]}×).",
                        spans=place.spans,
                        replacement=usual,
                    )


def _in_surname_order(mention: NameMention) -> str:
    """The English words with the surname first: the order is NM06's business, not this rule's."""
    if mention.surname_first is False:
        given, surname = mention.written.rsplit(maxsplit=1)
        return f"{surname} {given}"
    return mention.written


def _first(places: list[_Seen], written: str) -> int:
    return next(index for index, place in enumerate(places) if place.written == written)
