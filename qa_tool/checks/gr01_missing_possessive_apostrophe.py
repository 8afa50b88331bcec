from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import regex

from qa_tool.checks.base import Example, Rule, RuleMeta, Scope
from qa_tool.model import Finding, SegmentPair, Severity, Side, Span
from qa_tool.normalise import NormalisedPair
from qa_tool.resources import word_map, word_set

# Letters with inner apostrophes: "People's" stays one token, so its stem is seen.
_TOKEN = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’]\p{L}*)?")
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
            "capitalised word ending in s, without an apostrophe, followed directly by a content "
            "word, when the document also uses the word without the s (\"Chongqing\", "
            "\"Government\"): that is the evidence the s is not a plural. Irregular plurals "
            "(Peoples, Childrens, Womens) before a noun are always flagged. Plural names that "
            "are correct (United States, Foreign Affairs, Telecommunications; the list is "
            "rules/english/plural-proper-names.txt), words followed by a function word "
            "(\"Peoples of the world\") and plural subjects opening a sentence (\"Governments "
            "agreed\") are left alone."
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
        ),
        scope=Scope.DOCUMENT,
    )

    def __init__(self) -> None:
        self._vocabulary: set[str] = set()
        self._candidates: list[_Candidate] = []

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        text = pair.pair.target
        tokens = list(_TOKEN.finditer(text))
        self._vocabulary.update(token.group() for token in tokens)
        function_words = word_set("english/function-words.txt")
        for index, token in enumerate(tokens[:-1]):
            word, following = token.group(), tokens[index + 1]
            if not _is_bare_s_name(word) or {word.lower(), following.group().lower()} & function_words:
                continue
            if _starts_sentence(text, token.start()) and following.group()[0].islower():
                continue  # "Enterprises agreed": a plural subject, not a possessive
            if following.group().endswith("ed") and following.group()[0].islower():
                continue  # "the Governments agreed": a verb follows, so the s is a plural
            if text[token.end() : following.start()].strip():
                continue  # punctuation between: "Chongqings, economy" is not a possessive phrase
            if self._is_listed_plural_name(tokens, index):
                continue
            self._candidates.append(_Candidate(pair.pair, token.start(), token.end(), word))
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

    @staticmethod
    def _is_listed_plural_name(tokens: list[regex.Match[str]], index: int) -> bool:
        names = word_set("english/plural-proper-names.txt")
        words = [token.group() for token in tokens[max(0, index - 3) : index + 1]]
        return any(" ".join(words[start:]) in names for start in range(len(words)))


def _starts_sentence(text: str, offset: int) -> bool:
    before = text[:offset].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?\n"


def _is_bare_s_name(word: str) -> bool:
    return (
        len(word) > 2
        and word[0].isupper()
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and not word.isupper()
        and not any(mark in word for mark in _APOSTROPHES)
    )
