"""Job titles in a pair (副主任, 二级巡视员...) and the English words that render them: what
the title rules share. rules/names/titles.tsv says which English renders which title; a title
is only followed into the English when exactly one title of the pair accepts the words found,
so "President" shared by 会长 and 校长 in one sentence is left alone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from qa_tool.checks.base import Matching, SearchedBy, Trigger, any_of, trie_alternation
from qa_tool.languages.zh import has_han
from qa_tool.model import Side
from qa_tool.resources import word_map, word_set

_SEPARATOR = regex.compile(r"[\s\-‐]+")
_SENTENCE_END = ".!?:;\"“”'‘’("
# Organisation names before a title are rarely longer (全国人大常委会法制工作委员会 aside).
_LONGEST_ORGANISATION = 12
# A title right before a name ("Vice President Fu Mingqiu") is capitalised by English style
# even where the same title after a name is not, so those are compared among themselves.
_NAME_AFTER = regex.compile(r"[ \u00a0]\p{Lu}")


@dataclass(frozen=True, slots=True)
class TitleMention:
    """One title in the Chinese and its rendering in the English."""

    title: str
    # Offsets in the source's match view.
    source_start: int
    source_end: int
    # Offsets in the original target.
    target_start: int
    target_end: int
    written: str
    before_name: bool
    sentence_start: bool
    # Whether the source place is known (see title_mentions).
    placed: bool

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(_SEPARATOR.split(self.written))

    @property
    def wording(self) -> str:
        """The rendering's words in lower case: what tells one rendering from another."""
        return " ".join(self.words).lower()

    @property
    def separators(self) -> tuple[str, ...]:
        return tuple("-" if "-" in gap or "‐" in gap else " " for gap in _SEPARATOR.findall(self.written))


@cache
def _titles() -> dict[str, tuple[str, ...]]:
    table = word_map("names/titles.tsv")
    return {title: tuple(r.strip() for r in renderings.split(";") if r.strip()) for title, renderings in table.items()}


@cache
def _title_pattern() -> re.Pattern[str]:
    """Any title, the longest where they nest. As a trie: the title rules' trigger searches
    every source with it."""
    return re.compile(trie_alternation(_titles()))


@lru_cache(maxsize=512)
def phrase_pattern(phrases: tuple[str, ...]) -> regex.Pattern[str]:
    """Any of ``phrases`` in English as whole words, longest first, case ignored, hyphens and
    spaces between words alike. Unlike a glossary rendering, the last word is not inflected:
    "Tsai Ing-wen's" and "Secretaries General" are not the written forms the rules compare."""
    words = [r"[\s\-‐]+".join(regex.escape(word) for word in _SEPARATOR.split(phrase)) for phrase in phrases]
    alternatives = "|".join(sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}\-])(?:{alternatives})(?![\p{{L}}\p{{N}}\-])", regex.IGNORECASE)


def _renderings_of(titles: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted({rendering for title in titles for rendering in _titles()[title]}))


def _accepting(titles: frozenset[str], wording: str) -> list[str]:
    return [t for t in titles if any(" ".join(_SEPARATOR.split(r)).lower() == wording for r in _titles()[t])]


def _any_title(source: str) -> re.Match[str] | None:
    """titles_in's scan, for the title rules' trigger: where the title pattern finds nothing,
    titles_in finds nothing, and no title rule has anything to say."""
    return _title_pattern().search(source)


# NM07's and NM08's trigger: one condition, tested once per pair for both. Titles are written
# in the match view, so the Chinese is read there too (主任 of 主任 or 主(zhǔ)任).
JOB_TITLE_IN_SOURCE: Trigger = any_of(Matching(Side.SOURCE, SearchedBy(_any_title), "a job title", matching_view=True))


@lru_cache(maxsize=8)
def titles_in(source: str) -> tuple[re.Match[str], ...]:
    """The titles written in ``source`` (a match view), longest first where they nest."""
    return tuple(match for match in _title_pattern().finditer(source) if not _continues_a_word(source, match))


@lru_cache(maxsize=8)
def title_mentions(source: str, target: str) -> tuple[TitleMention, ...]:
    """Titles of ``source`` (a match view) with the English words that render them. A title
    written n times in the Chinese and rendered n times in the English is paired in order;
    otherwise each rendering points at the title's first place and ``placed`` is False."""
    found = titles_in(source)
    if not found:
        return ()
    titles = frozenset(match.group() for match in found)
    renderings: dict[str, list[regex.Match[str]]] = {}
    for rendering in phrase_pattern(_renderings_of(titles)).finditer(target):
        accepting = _accepting(titles, " ".join(_SEPARATOR.split(rendering.group())).lower())
        if len(accepting) == 1:
            renderings.setdefault(accepting[0], []).append(rendering)
    mentions = []
    for title, rendered in renderings.items():
        places = [match for match in found if match.group() == title]
        placed = len(places) == len(rendered)
        for place, rendering in zip(places if placed else [places[0]] * len(rendered), rendered):
            mentions.append(
                TitleMention(title, place.start(), place.end(), rendering.start(), rendering.end(), rendering.group(),
                             _NAME_AFTER.match(target, rendering.end()) is not None,
                             _starts_sentence(target, rendering.start()), placed)
            )
    return tuple(sorted(mentions, key=lambda mention: mention.target_start))


def renders_title(title: str, target: str) -> bool:
    """Whether ``target`` renders ``title`` or the shorter title it ends with (巡视员 for
    二级巡视员, 会长 for 常务副会长): a reference to the person by their title."""
    return phrase_pattern(_renderings_ending(title)).search(target) is not None


@lru_cache(maxsize=1024)
def _renderings_ending(title: str) -> tuple[str, ...]:
    """The renderings of ``title`` and of the shorter titles it ends with."""
    return _renderings_of(frozenset(t for t in _titles() if title.endswith(t)))


def organisation_before(source: str, start: int) -> str:
    """The organisation written right before the title at ``start`` of ``source`` (a match
    view), which makes the whole title: 中央军委 of 中央军委主席, 国家 of 国家主席. It is read back
    to punctuation or to a character that joins words rather than naming an organisation
    (rules/names/title-boundaries.txt: 出席会议的中央军委主席 has 中央军委); empty for a bare title."""
    boundaries = word_set("names/title-boundaries.txt")
    first = start
    while (
        first > 0
        and start - first < _LONGEST_ORGANISATION
        and has_han(source[first - 1])
        and source[first - 1] not in boundaries
    ):
        first -= 1
    return source[first:start]


def _continues_a_word(source: str, match: re.Match[str]) -> bool:
    words = word_set("names/not-title-continuations.txt")
    last = match.end() - 1
    return source[last : last + 2] in words or source[last : last + 3] in words


def _starts_sentence(text: str, offset: int) -> bool:
    before = text[:offset].rstrip()
    return not before or before[-1] in _SENTENCE_END
