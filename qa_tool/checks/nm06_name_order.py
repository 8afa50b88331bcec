from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from sys import intern
from typing import Iterator

from qa_tool.checks.base import CheckSettings, Example, Rule, RuleMeta, Scope
from qa_tool.checks.chinese_names import MentionKind, mention_spans, mentions_in
from qa_tool.errors import InputError
from qa_tool.model import Finding, SegmentPair, Severity, Span
from qa_tool.normalise import NormalisedPair
from qa_tool.scratch import KeptPairs


@dataclass(frozen=True, slots=True)
class _Seen:
    # The pair's number among the rule's KeptPairs.
    pair: int
    spans: tuple[Span, ...]
    chinese: str
    written: str
    surname_first: bool


class NameOrder(Rule):
    meta = RuleMeta(
        code="NM06",
        name="name-order",
        category="Locale convention/Name format",
        severity=Severity.MINOR,
        summary="A Chinese name in the other order than the document's (Yi Zhou after Zhou Yi).",
        rationale=(
            "Chinese names are written surname first in English (Zhou Yi), as in Chinese; "
            "scientific papers, and people who live in the West, put the given name first "
            "(Feng Zhang). Both are right, so without configuration the rule flags only a name "
            "written in both orders in one document, in the order used less for it (the later, "
            "on a tie): there a reader cannot tell which word is the surname. With the option "
            "western_order set (true: given name first, false: surname first) every name spelt "
            "in pinyin in the other order is flagged. Left alone: pinned names (Carrie Lam, "
            "Fei-Fei Li), whose order is part of the fixed form, and names the English misspells, "
            "which NM01 reports."
        ),
        examples=(
            Example("周毅说", "Yi Zhou said", True, "the same name surname first earlier",
                    earlier=(("周毅表示", "Zhou Yi stated"),)),
            Example("周毅表示", "Yi Zhou said", False, "a style of its own",
                    earlier=(("符明秋表示", "Fu Mingqiu said"),)),
            Example("周毅表示", "Zhou Yi said", False, earlier=(("周毅说", "Zhou Yi stated"),)),
            Example("蔡英文表示", "Ing-wen Tsai said", False, "pinned names are not judged here",
                    earlier=(("蔡英文说", "Tsai Ing-wen stated"),)),
        ),
        scope=Scope.DOCUMENT,
    )

    def __init__(self, settings: CheckSettings) -> None:
        super().__init__(settings)
        self._seen: list[_Seen] = []
        self._pairs = KeptPairs()
        if self.options.get("western_order") not in (None, True, False):
            raise InputError("the option western_order of rule NM06 must be true or false")

    splits_document_work = True

    def observe(self, pair: NormalisedPair) -> tuple[tuple[tuple[Span, ...], str, str, bool], ...]:
        """(spans, Chinese name, English words, surname first?) of each name spelt in pinyin."""
        mentions = mentions_in(pair, self.settings)
        if not mentions:
            return ()  # nearly every pair: no generator to start
        return tuple(
            (mention_spans(pair, mention), mention.chinese, mention.written, mention.surname_first)
            for mention in mentions
            if mention.kind is MentionKind.MATCH and mention.surname_first is not None
        )

    def absorb(self, pair: SegmentPair, observed: tuple[tuple[tuple[Span, ...], str, str, bool], ...]) -> Iterator[Finding]:
        if observed:
            number = self._pairs.add(pair)
            # A document writes each name a few ways: its places share those texts.
            self._seen.extend(
                _Seen(number, spans, intern(chinese), intern(written), surname_first)
                for spans, chinese, written, surname_first in observed
            )
        return iter(())

    def finish_document(self) -> Iterator[Finding]:
        configured = self.options.get("western_order")
        by_name: dict[str, list[_Seen]] = {}
        for seen in self._seen:
            by_name.setdefault(seen.chinese, []).append(seen)
        for places in by_name.values():
            if configured is not None:
                surname_first, style = not configured, "the configured style puts"
            else:
                counts = Counter(place.surname_first for place in places)
                if len(counts) < 2:
                    continue
                tie = counts[True] == counts[False]
                surname_first = counts[True] > counts[False] or (tie and places[0].surname_first)
                style = "elsewhere this document puts"
            for place in places:
                if place.surname_first is not surname_first:
                    yield self._finding(place, surname_first, style)

    def _finding(self, place: _Seen, surname_first: bool, style: str) -> Finding:
        if place.surname_first:
            surname, given = place.written.split(maxsplit=1)
        else:
            given, surname = place.written.rsplit(maxsplit=1)
        expected = f"{surname} {given}" if surname_first else f"{given} {surname}"
        first_word = "surname" if surname_first else "given name"
        return self.finding(
            self._pairs[place.pair],
            f"'{place.written}': {style} the {first_word} of {place.chinese} first: '{expected}'.",
            spans=place.spans,
            replacement=expected,
        )
