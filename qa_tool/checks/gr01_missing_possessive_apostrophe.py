from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Iterator

import regex

from qa_tool.checks.base import CheckSettings, Example, FixSafety, Rule, RuleMeta, Scope
from qa_tool.languages import pinyin
from qa_tool.languages.zh import HAN_RUN
from qa_tool.model import Finding, SegmentPair, Severity, Side, Span
from qa_tool.normalise import NormalisedPair
from qa_tool.resources import word_map, word_set
from qa_tool.languages.en import FUNCTION_WORDS

# Letters with inner apostrophes: "People's" stays one token, so its stem is seen.
_TOKEN = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’]\p{L}*)?")
# A capitalised word, the spaces after it and the character after those: what the document
# says of a word without its s (a stem seen), and with it (a plural seen).
_CAPITALISED = regex.compile(r"(?<![\p{L}\p{M}'’])(\p{Lu}[\p{L}\p{M}]*(?:['’]\p{L}*)?)(?![\p{L}\p{M}'’])(?=([ \t\u00a0]*)(.?))")
# The same in ASCII text (most English), searched faster: classes of ASCII letters are
# bitmaps, and what may stand before a word is tested after its capital, so a search jumps
# from capital to capital.
_ASCII_CAPITALISED = re.compile(r"([A-Z](?<![A-Za-z'].)[A-Za-z]*(?:'[A-Za-z]*)?)(?![A-Za-z'])(?=([ \t]*)(.?))")
# A whole capitalised word ending in s, then only spaces, then the next word.
_BARE_S_PHRASE = regex.compile(
    r"(?<![\p{L}\p{M}'’])(?P<word>\p{Lu}[\p{L}\p{M}]*s)[ \t\u00a0]+(?P<following>\p{L}[\p{L}\p{M}]*)"
)
# The same in ASCII text, searched from capital to capital (what may stand before the word is
# tested after its capital).
_ASCII_BARE_S_PHRASE = re.compile(r"(?P<word>[A-Z](?<![A-Za-z'].)[A-Za-z]*s)[ \t]+(?P<following>[A-Za-z]+)")
_WORD_BEFORE = regex.compile(r"([\p{L}\p{N}]+)[ \t\u00a0]+$")
_WORD_AFTER = regex.compile(r"[ \t\u00a0]+(\p{L}+)")
# Characters looked at either side of a candidate to match a listed name of up to four words.
_NAME_REACH = 60
# A romanised place or name spans at least two Chinese characters (四川 Sichuan, 湖北 Hubei):
# one syllable matches too much by chance.
_MIN_NAME_CHARACTERS = 2
# Place names and transliterated names of up to four characters (内蒙古, 阿米努斯).
_MAX_NAME_CHARACTERS = 4
_VOWEL = re.compile("[aeiou]")
# Chinese writes the final s of a foreign name with a character read "si" (斯).
_FINAL_S_READING = "si"
IRREGULAR_PLURALS = "english/irregular-plural-possessives.tsv"
PLURAL_PROPER_NAMES = "english/plural-proper-names.txt"
PLURAL_DETERMINERS = "english/plural-determiners.txt"
DETERMINERS = "english/determiners.txt"


@dataclass(frozen=True, slots=True)
class _Candidate:
    pair: SegmentPair
    start: int
    end: int
    word: str
    # The stem is the pinyin of Chinese text in the source (Sichuans, 四川): a name, never a plural.
    named_in_source: bool


# What observe hands absorb: capitalised words, words used as plurals, candidates.
_Observed = tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[int, int, str, bool], ...]]


class MissingPossessiveApostrophe(Rule):
    meta = RuleMeta(
        code="GR01",
        name="missing-possessive-apostrophe",
        category="Fluency/Grammar",
        severity=Severity.MINOR,
        summary="A capitalised name + s before a noun, where a possessive 's is meant.",
        rationale=(
            "Names that end up in English with a bare s before a noun (\"Chongqings economy\", "
            "\"Municipal Governments decision\") are possessives that lost their apostrophe, a "
            "slip spell checkers miss because \"Governments\" is a word. The rule flags a "
            "capitalised word ending in s, without an apostrophe, followed directly by a lower-case "
            "content word, when there is evidence the s is not a plural: the word without its s "
            "is the pinyin of Chinese characters of the source (\"Sichuans\" for 四川, \"Hubeis\" "
            "for 湖北; a name, even at the start of a sentence and even if the English never writes "
            "it without the s), or the document also uses the word without the s where it ends "
            "a name or stands alone (\"Chongqing\", \"People's Government participated\"; not "
            "\"Twin\" in \"Twin Moon\"). Irregular plurals (Peoples, Childrens, Womens) before "
            "any noun are always flagged. Left alone: correct plural names and names that end in "
            "s (United States, Foreign Affairs, Brussels, the Geminids; the list is "
            "rules/english/plural-proper-names.txt), a foreign name whose Chinese writes the s "
            "(阿米努斯 Aminus), plurals inside a Title Case name (\"Italian Medicines Agency\"), "
            "words the document uses as plurals elsewhere (before punctuation or a function "
            "word: \"Chicken McNuggets, no Chicken McNuggets sauce\"), words followed by a "
            "function word (\"Peoples of the world\"), by a past-tense verb, an adverb "
            "(\"Reporters recently learned\") or a verb and its object (\"the Awards recognize "
            "the best\"), plurals after a number or a plural determiner (\"many Apps\", \"Three "
            "Rivers\"), plural subjects opening a sentence or following a colon (\"Governments "
            "agreed\"), and acronym plurals (GPs, NGOs)."
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
            Example("四川经济发展迅速", "Sichuans economy grew fast.", True, "四川 is Sichuan: a name, not a plural"),
            Example("经济发展迅速", "Sichuans economy grew fast.", False, "no evidence the s is not a plural"),
            Example("阿米努斯团队", "the Aminus team", False, "斯 writes the name's own s"),
            Example("很多App", "many Apps cooperate, and one App", False, "a plural after 'many'"),
        ),
        scope=Scope.DOCUMENT,
        fix=FixSafety.SAFE,
    )

    def __init__(self, settings: CheckSettings) -> None:
        super().__init__(settings)
        self._vocabulary: set[str] = set()
        self._plurals: set[str] = set()
        self._candidates: list[_Candidate] = []

    splits_document_work = True

    def observe(self, pair: NormalisedPair) -> _Observed:
        """The target's capitalised words; the bare-s words it uses as plurals (before
        punctuation, a function word or a verb); and each bare-s word before a noun as
        (start, end, word, whether its stem romanises Chinese of the source)."""
        text = pair.pair.target
        function_words = word_set(FUNCTION_WORDS)
        irregular = word_map(IRREGULAR_PLURALS)
        capitalised, plurals, spaced_s_word = _capitalised_words(text)
        candidates = []
        for phrase in _bare_s_phrases(text) if spaced_s_word else ():
            word, following = phrase.group("word"), phrase.group("following")
            if not _has_bare_s_shape(word):
                continue
            if {word.lower(), following.lower()} & function_words:
                plurals.add(word)
                continue
            if following[0].isupper() and word not in irregular:
                continue  # inside a Title Case name: "Italian Medicines Agency", "Clinical Trials Registry"
            if _is_listed_plural_name(text, phrase.start("word"), phrase.end("word")):
                continue
            # The pinyin of the source's Chinese: a stem among it is a name (Sichuans, 四川).
            stem = _pinyin_stem(word)
            named_in_source = stem is not None and _romanises_a_source_name(stem, pair.pair.source)
            if not named_in_source and word.endswith(("ss", "us", "is")):
                continue  # "Paris", "Campus", "Congress": the s is the word's own
            if not named_in_source and _reads_as_plural(text, phrase):
                plurals.add(word)
                continue
            candidates.append((phrase.start("word"), phrase.end("word"), word, named_in_source))
        return capitalised, tuple(plurals), tuple(candidates)

    def absorb(self, pair: SegmentPair, observed: _Observed) -> Iterator[Finding]:
        capitalised, plurals, candidates = observed
        self._vocabulary.update(capitalised)
        # Most pairs have neither: the tests save a call and a generator on each.
        if plurals:
            self._plurals.update(plurals)
        if candidates:
            self._candidates.extend(_Candidate(pair, *candidate) for candidate in candidates)
        return iter(())

    def finish_document(self) -> Iterator[Finding]:
        irregular = word_map(IRREGULAR_PLURALS)
        for candidate in self._candidates:
            fix = irregular.get(candidate.word)
            if fix is None and candidate.named_in_source:
                fix = candidate.word[:-1] + "'s"
            elif fix is None and candidate.word not in self._plurals:
                # The document uses the word as a plural elsewhere ("the Tiananmen Mothers."):
                # then it is one here too, a name or a noun before a noun.
                fix = self._possessive_with_stem_seen(candidate.word)
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
    if text[start:end] not in _plural_name_words():
        return False  # every name tried holds the word
    names = word_set(PLURAL_PROPER_NAMES)
    before = _TOKEN.findall(text[max(0, start - _NAME_REACH) : start])[-3:]
    words = before + [text[start:end]] + _TOKEN.findall(text[end : end + _NAME_REACH])[:3]
    index = len(before)
    return any(
        " ".join(words[first:last]) in names
        for first in range(index + 1)
        for last in range(index + 1, min(len(words), first + 4) + 1)
    )


@cache
def _plural_name_words() -> frozenset[str]:
    return frozenset(word for name in word_set(PLURAL_PROPER_NAMES) for word in name.split(" "))


def _capitalised_words(text: str) -> tuple[tuple[str, ...], set[str], bool]:
    """The capitalised words of ``text`` that end a name or stand alone, and those ending in
    s that nothing but punctuation follows ("the Tiananmen Mothers."), which the text uses as
    plurals. In "the Twin Moon meteor" or "Genuine Book Lightning Delivery", "Twin" and "Book"
    are modifiers inside a Title Case name and say nothing about whether "Twins" or "Books"
    elsewhere lost an apostrophe. Stems are looked up with their capital, so only
    capitalised words need keeping. Last, whether a word ending in s has spaces after it:
    every word _BARE_S_PHRASE finds is one, so most texts need not be searched for them."""
    standing_alone, plurals, spaced_s_word = [], set(), False
    for word, spaces, after in (_ASCII_CAPITALISED if text.isascii() else _CAPITALISED).findall(text):
        # Each test made once a word: this loop runs for every capitalised word of every target.
        final_s = word[-1] == "s"
        if spaces:
            if final_s:
                spaced_s_word = True
            if after.isupper():
                continue
        standing_alone.append(word)
        if final_s and not (after.isalnum() or after in "'’"):
            plurals.add(word)
    return tuple(standing_alone), plurals, spaced_s_word


def _bare_s_phrases(text: str) -> Iterator[re.Match[str] | regex.Match[str]]:
    """What _BARE_S_PHRASE.finditer(text, overlapped=True) finds: a match at each position
    where one starts, however the one before ends."""
    if not text.isascii():
        yield from _BARE_S_PHRASE.finditer(text, overlapped=True)
        return
    position = 0
    while (phrase := _ASCII_BARE_S_PHRASE.search(text, position)) is not None:
        yield phrase
        position = phrase.start() + 1


def _reads_as_plural(text: str, phrase: re.Match[str] | regex.Match[str]) -> bool:
    """Whether the bare-s word of ``phrase`` reads as a plural subject or noun rather than a
    possessive, by the words around it: a verb or an adverb after it ("the Governments
    agreed", "Reporters recently learned", "the Awards recognize the best"), a plural subject
    opening a sentence ("Enterprises agreed"), a number or a plural determiner before it
    ("many Apps", "Three Rivers")."""
    following = phrase.group("following")
    if following[0].islower() and (following.endswith("ed") or _starts_sentence(text, phrase.start())):
        return True
    after = _WORD_AFTER.match(text, phrase.end())
    after_word = after.group(1).lower() if after else ""
    if after_word in word_set(DETERMINERS):
        return True  # a noun is not followed by "the": the word after the plural is a verb
    if following.endswith("ly") and (after_word.endswith("ed") or after_word in word_set(FUNCTION_WORDS)):
        return True  # an adverb ("recently learned", "mainly into"), not "only airport"
    before = _WORD_BEFORE.search(text[max(0, phrase.start() - _NAME_REACH) : phrase.start()])
    return before is not None and (before.group(1).isdigit() or before.group(1).lower() in word_set(PLURAL_DETERMINERS))


def _romanises_a_source_name(stem: str, source: str) -> bool:
    """Whether ``stem`` (folded) is the pinyin of a run of two to four Chinese characters in
    ``source`` (四川 sichuan, 湖北 hubei; any reading of a heteronym) that no character read "si"
    follows: 斯 writes the s of a foreign name (阿米努斯 Aminus), so that English s is the
    name's own. Readings without a vowel (n, ng, m for 嗯 and 呣) are interjections, never in
    a name, and would let common words pass for pinyin. The stem's letters are followed through
    the readings, where spelling out every reading of every run took half a millisecond for a
    long source."""
    for run in HAN_RUN.finditer(source):
        characters = run.group()
        for start in range(len(characters) - _MIN_NAME_CHARACTERS + 1):
            if _spells_from(stem, 0, characters, start, start):
                return True
    return False


def _spells_from(stem: str, spelt: int, characters: str, start: int, at: int) -> bool:
    """Whether the readings of characters[at:] continue ``stem`` from its ``spelt`` letters to
    its end within a name of characters[start:] (two to four characters, no "si" after)."""
    last = at + 1 == len(characters) or at - start + 1 == _MAX_NAME_CHARACTERS
    for reading in _name_readings(characters[at]):
        if not stem.startswith(reading, spelt):
            continue
        through = spelt + len(reading)
        if through == len(stem):
            if at > start and (at + 1 == len(characters) or not _reads_si(characters[at + 1])):
                return True
        elif not last and _spells_from(stem, through, characters, start, at + 1):
            return True
    return False


@lru_cache(maxsize=4096)
def _name_readings(character: str) -> tuple[str, ...]:
    return tuple(filter(_VOWEL.search, pinyin.character_readings(character)))


def _reads_si(character: str) -> bool:
    return _FINAL_S_READING in pinyin.character_readings(character)


def _pinyin_stem(word: str) -> str | None:
    """``word`` less its s, folded, if that could be pinyin ("Sichuans" → sichuan)."""
    stem = pinyin.fold(word[:-1])
    return stem if len(stem) >= 2 and stem.isascii() and stem.isalpha() and pinyin.is_pinyin(stem) else None


def _starts_sentence(text: str, offset: int) -> bool:
    before = text[:offset].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:\n"


def _has_bare_s_shape(word: str) -> bool:
    """Whether a capitalised word ending in s (as _BARE_S_PHRASE finds them, without an
    apostrophe) is long enough to judge and no acronym's plural ("GPs", "HCoVs", "NGOs")."""
    return len(word) > 2 and not word[-2].isupper()
