from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import regex

from qa_tool.checks.base import CheckSettings, Example, Rule, RuleMeta, Scope
from qa_tool.model import Finding, SegmentPair, Severity, Side, Span
from qa_tool.normalise import NormalisedPair
from qa_tool.resources import word_map, word_set

# Letters with inner apostrophes: "People's" stays one token, so its stem is seen.
_TOKEN = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’]\p{L}*)?")
_CAPITALISED = regex.compile(r"\p{Lu}[\p{L}\p{M}]*(?:['’]\p{L}*)?")
# A whole capitalised word ending in s, then only spaces, then the next word.
_BARE_S_PHRASE = regex.compile(
    r"(?<![\p{L}\p{M}'’])(?P<word>\p{Lu}[\p{L}\p{M}]*s)[ \t\u00a0]+(?P<following>\p{L}[\p{L}\p{M}]*)"
)
# Characters looked at either side of a candidate to match a listed name of up to four words.
_NAME_REACH = 60
_APOSTROPHES = ("'", "’")


@dataclass(frozen=True, slots=True)
class _Candidate:
    pair: SegmentPair
    start: int
    end: int
    word: str


class MissingPossessiveApostrophe(Rule):
    meta = RuleMeta(
        code="GR01",
        name="missing-possessive-apostrophe",
        category="Fluency/Grammar",
        severity=Severity.MAJOR,
        summary="A capitalised name + s before a noun, where a possessive 's is meant.",
        rationale=(
            "Names that end up in English with a bare s before a noun (\"Chongqings economy\", "
            "\"Municipal Governments decision\") are possessives that lost their apostrophe, a "
            "slip spell checkers miss because \"Governments\" is a word. The rule flags a "
            "capitalised word ending in s, without an apostrophe, followed directly by a lower-case "
            "content word, when the document also uses the word without the s (\"Chongqing\", "
            "\"Government\"): that is the evidence the s is not a plural. Irregular plurals "
            "(Peoples, Childrens, Womens) before any noun are always flagged. Left alone: correct "
            "plural names (United States, Foreign Affairs, Quest Diagnostics; the list is "
            "rules/english/plural-proper-names.txt), plurals inside a Title Case name (\"Italian "
            "Medicines Agency\"), words followed by a function word (\"Peoples of the world\") "
            "or a past-tense verb, plural subjects opening a sentence or following a colon "
            "(\"Governments agreed\"), and acronym plurals (GPs, NGOs)."
        ),
        examples=(
            Example("促进重庆经济发展", "the development of Chongqings economy in Chongqing", True, "Chongqing appears too"),
            Example("重庆市对外友协", "Chongqing Peoples Association for Friendship", True, "Peoples is never a bare plural"),
            Example("促进重庆经济发展", "the development of Chongqing's economy in Chongqing", False),
            Example("市政府外办", "Foreign Affairs Office and Foreign Affair", False, "a listed plural name"),
            Example("美国政府", "The United States government and the State Council met.", False, "a listed plural name"),
            Example("各企业", "the enterprises' opening up, as an enterprise", False, "the apostrophe is there"),
            Example("各国政府", "Governments agreed. The Government said so.", False, "a plural subject starting a sentence"),
            Example("美国人", "if Americans want their American Dream", False, "a listed people"),
            Example("全科医生", "over 500 GPs each week; one GP", False, "an acronym's plural"),
            Example("意大利药品管理局", "the Italian Medicines Agency and a Medicine", False, "inside a Title Case name"),
        ),
        scope=Scope.DOCUMENT,
    )

    def __init__(self, settings: CheckSettings) -> None:
        super().__init__(settings)
        self._vocabulary: set[str] = set()
        self._candidates: list[_Candidate] = []

    splits_document_work = True

    def observe(self, pair: NormalisedPair) -> tuple[tuple[str, ...], tuple[tuple[int, int, str], ...]]:
        """The target's capitalised words, and each bare plural before a noun as (start, end, word)."""
        text = pair.pair.target
        function_words = word_set("english/function-words.txt")
        irregular = word_map("english/irregular-plural-possessives.tsv")
        candidates = []
        for phrase in _BARE_S_PHRASE.finditer(text, overlapped=True):
            word, following = phrase.group("word"), phrase.group("following")
            if not _is_bare_s_name(word) or {word.lower(), following.lower()} & function_words:
                continue
            if following[0].islower() and (following.endswith("ed") or _starts_sentence(text, phrase.start())):
                continue  # "the Governments agreed", "Enterprises agreed": a plural subject
            if following[0].isupper() and word not in irregular:
                continue  # inside a Title Case name: "Italian Medicines Agency", "Clinical Trials Registry"
            if _is_listed_plural_name(text, phrase.start("word"), phrase.end("word")):
                continue
            candidates.append((phrase.start("word"), phrase.end("word"), word))
        # Stems are looked up with their capital, so only capitalised words need keeping.
        return tuple(_CAPITALISED.findall(text)), tuple(candidates)

    def absorb(
        self, pair: SegmentPair, observed: tuple[tuple[str, ...], tuple[tuple[int, int, str], ...]]
    ) -> Iterator[Finding]:
        capitalised, candidates = observed
        self._vocabulary.update(capitalised)
        self._candidates.extend(_Candidate(pair, start, end, word) for start, end, word in candidates)
        return iter(())

    def finish_document(self) -> Iterator[Finding]:
        irregular = word_map("english/irregular-plural-possessives.tsv")
        for candidate in self._candidates:
            fix = irregular.get(candidate.word) or self._possessive_with_stem_seen(candidate.word)
            if fix is None:
                continue
            yield self.finding(
                candidate.pair,
                f"'{candidate.word}' before a noun reads as a possessive without its apostrophe; write '{fix}'.",
                spans=(Span(Side.TARGET, candidate.start, candidate.end),),
                replacement=fix,
            )

    def _possessive_with_stem_seen(self, word: str) -> str | None:
        stem = word[:-1]
        if {stem, stem + "'s", stem + "’s"} & self._vocabulary:
            return stem + "'s"
        return None

def _is_listed_plural_name(text: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) is part of a listed name of up to four words."""
    names = word_set("english/plural-proper-names.txt")
    before = _TOKEN.findall(text[max(0, start - _NAME_REACH) : start])[-3:]
    words = before + [text[start:end]] + _TOKEN.findall(text[end : end + _NAME_REACH])[:3]
    index = len(before)
    return any(
        " ".join(words[first:last]) in names
        for first in range(index + 1)
        for last in range(index + 1, min(len(words), first + 4) + 1)
    )


def _starts_sentence(text: str, offset: int) -> bool:
    before = text[:offset].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:\n"


def _is_bare_s_name(word: str) -> bool:
    return (
        len(word) > 2
        and word[0].isupper()
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and not word[-2].isupper()  # an acronym's plural: "GPs", "HCoVs", "NGOs"
        and not any(mark in word for mark in _APOSTROPHES)
    )
