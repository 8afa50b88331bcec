from __future__ import annotations

import re
import string
from typing import Iterator

from qa_tool.checks.base import Characters, Example, FixSafety, Matching, Rule, RuleMeta, any_of
from qa_tool.checks.chinese_numbers import chinese_numeral_value
from qa_tool.checks.literals import find_addresses
from qa_tool.checks.punctuation import MARK_BESIDE_WORD_MARK_OR_SPACE, Quotation, facing, quotations
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair
from qa_tool.resources import word_set

BOUND_PREFIXES = "punctuation/bound-prefixes.txt"
_SPACE_CHARACTERS = " \t\u00a0\u202f"
_SPACE = f"[{_SPACE_CHARACTERS}]"
# Spaces after a word, then a mark that ends there: at the end, before a space, or (',.!?')
# before a closing quotation mark or bracket. An ellipsis (" ...", ". . .") and a smiley
# (" :)") do not end there, or follow a full stop, so they are not matched.
_SPACED_MARK = re.compile(rf"(?<=\S)(?<!\.){_SPACE}+(?:[,!?]|\.(?! \.))(?=$|[\s\"'”’)\]])|(?<=\S){_SPACE}+[;:](?=$|\s)")
# A space, then a mark: searched from the mark, which is rarer than a space.
_CANDIDATE = re.compile(rf"[,.!?;:](?<={_SPACE}.)")
# A clock time with a space at its colon ("9: 30", "9 :30"); only a time when the Chinese
# holds the same one, since "Chapter 3: 30 ways" is not.
_SPACED_TIME = re.compile(rf"(?<![\d.:])(\d{{1,2}})(?:{_SPACE}+:{_SPACE}*|:{_SPACE}+)(\d{{2}})(?![\d.:])")
# A colon with a space before it, or spaces and a digit after it, which every spaced time has:
# searched from colon to colon, where _SPACED_TIME is tried at every character.
_SPACED_COLON = re.compile(rf":(?:(?<={_SPACE}:)|{_SPACE}+\d)")
_CHINESE_TIME = re.compile(r"(\d{1,2}|[零〇一二两三四五六七八九十]{1,3})\s*(?::|[点時时]\s*)(\d{1,2}|[零〇一二三四五六七八九十]{1,3}|半)")
# A hyphen with a space on one side or both, between two words or numbers ("Sino - US",
# "2021 - 2022"); a dash between clauses is the same characters, so the words decide.
_SPACED_HYPHEN = re.compile(rf"(?<![\w:.-])(\w+)(?:{_SPACE}+-{_SPACE}*|{_SPACE}*-{_SPACE}+)(\w+)(?![\w:.-])")
_CHINESE_HYPHEN = re.compile(r"([A-Za-z0-9]*)\s*[-－]\s*([A-Za-z0-9]*)")
# The hyphens every _CHINESE_HYPHEN match holds one of, and the letters and digits before one.
_CHINESE_HYPHEN_MARK = re.compile("[-－]")
_ASCII_LETTERS_AND_DIGITS = frozenset(string.ascii_letters + string.digits)
# A hyphen with a space before or after it, which every spaced hyphen has: found by jumping
# from hyphen to hyphen (the pattern starts with one), where _SPACED_HYPHEN tries each word.
_HYPHEN_BESIDE_SPACE = re.compile(rf"-(?:(?<={_SPACE}-)|{_SPACE})")
_SPACES = frozenset(_SPACE_CHARACTERS)


class SpaceBeforePunctuation(Rule):
    meta = RuleMeta(
        code="PU06",
        name="space-before-punctuation",
        category="Fluency/Punctuation",
        severity=Severity.MINOR,
        summary=(
            "A space before a comma, full stop, semicolon, colon, question or exclamation mark, or where "
            "English has none: inside a time (9: 30), just inside quotation marks (\" Smart City \"), "
            "around the hyphen of a compound (Sino - US)."
        ),
        rationale=(
            "English sets these marks against the word before them; a space there (\"from 40 "
            "to 400 .\", \"Why ?\") is left over from editing, from French spacing, or from a "
            "tokenised Chinese source copied mark by mark. The same source spacing gives times "
            "with a spaced colon, quotations with a space inside the marks and compounds with "
            "a spaced hyphen. A time is reported only when the Chinese holds the same time "
            "(9:30, 9点30分, 九点半), since \"Chapter 3: 30 ways\" is no time; spaces inside quotation "
            "marks only where every mark of the segment pairs and faces the way it is drawn; a "
            "spaced hyphen only after a combining form that never stands alone (Sino, Indo, "
            "anti, non...: rules/punctuation/bound-prefixes.txt; not after a capitalised word, "
            "where it is part of a name) or between the same number or code the Chinese joins "
            "with a hyphen (2021-2022, 救援-2021), since \" - \" between clauses or in a headline "
            "(\"Opens - Rolling News\") is a dash. Left alone: a spaced ellipsis (\"and so ...\"), "
            "smileys, a space an inline tag stands in (the tag may hold an image or a field), a "
            "mark after a URL or e-mail address, where a space keeps the mark out of the "
            "address, and a range of times (16:10 - 16:30)."
        ),
        examples=(
            Example("从40到400不等。", "varies from 40 to 400 .", True),
            Example("为什么？", "Why ?", True),
            Example("为什么？", "Why?", False),
            Example("上午9:30开会", "The meeting is at 9: 30 a.m.", True, "a spaced time"),
            Example("注意：30人", "Note: 30 people", False, "a colon before a number, not a time"),
            Example("“智慧城市”", 'the " Smart City " plan', True, "spaces inside the quotation marks"),
            Example("中美关系", "Sino - US relations", True, "a compound broken apart"),
            Example("开幕 - 滚动新闻", "Summit Opens - Rolling News", False, "a dash in a headline"),
            Example("等等……", "and so on ...", False, "a spaced ellipsis"),
            Example("访问 www.who.int。", "Visit www.who.int .", False, "the space keeps the full stop out of the address"),
        ),
        fix=FixSafety.SAFE,
        # Each part of the check reads only texts holding its mark: a spaced mark, a colon (a
        # time), a double quotation mark, a hyphen beside a space.
        trigger=any_of(
            MARK_BESIDE_WORD_MARK_OR_SPACE,
            Characters(Side.TARGET, frozenset(':"“'), "colons or double quotation marks"),
            Matching(Side.TARGET, _HYPHEN_BESIDE_SPACE, "a hyphen beside a space"),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        target = pair.pair.target
        times = list(self._spaced_times(pair)) if ":" in target and _SPACED_COLON.search(target) else []
        yield from times
        yield from self._spaced_marks(pair, [span for finding in times for span in finding.spans])
        if '"' in target or "“" in target:
            yield from self._spaces_inside_quotations(pair)
        if _HYPHEN_BESIDE_SPACE.search(target):
            yield from self._spaced_hyphens(pair)

    def _spaced_marks(self, pair: NormalisedPair, times: list[Span]) -> Iterator[Finding]:
        target = pair.pair.target
        if not _CANDIDATE.search(target):
            return
        spaced = list(_SPACED_MARK.finditer(target))
        if not spaced:
            return
        tag_positions = {tag.position for tag in pair.pair.target_tags}
        address_ends = {address.end for address in find_addresses(target)}
        for match in spaced:
            start, end = match.span()
            if start in address_ends or any(start <= position < end for position in tag_positions):
                continue
            if any(time.start <= start < time.end for time in times):
                continue
            mark = target[end - 1]
            yield self.finding(
                pair.pair,
                f"A space before '{mark}'.",
                spans=(Span(Side.TARGET, start, end),),
                replacement=mark,
            )

    def _spaced_times(self, pair: NormalisedPair) -> Iterator[Finding]:
        target = pair.pair.target
        spaced = list(_SPACED_TIME.finditer(target))
        if not spaced:
            return
        chinese_times = {(_value(hour), _value(minute)) for hour, minute in _CHINESE_TIME.findall(pair.source_match.text)}
        for time in spaced:
            hour, minute = time.groups()
            if (int(hour), int(minute)) in chinese_times:
                yield self.finding(
                    pair.pair,
                    f"A space inside the time '{time.group()}'.",
                    spans=(Span(Side.TARGET, time.start(), time.end()),),
                    replacement=f"{hour}:{minute}",
                )

    def _spaces_inside_quotations(self, pair: NormalisedPair) -> Iterator[Finding]:
        target = pair.pair.target
        found = quotations(target)
        # Only where every mark pairs and faces the way it is drawn: a lone mark or one drawn
        # the wrong way round ('"Lamp“, also known as ”Chinese') can make the pairing read the
        # text between two quotations as one.
        if any(quotation.style == "mixed" or not quotation.paired or _drawn_against_the_text(target, quotation) for quotation in found):
            return
        for quotation in found:
            inside = target[quotation.start + 1 : quotation.end - 1]
            if not inside.strip():
                continue
            after_opening = len(inside) - len(inside.lstrip())
            before_closing = len(inside) - len(inside.rstrip())
            spans, sides = [], []
            if after_opening:
                spans.append(Span(Side.TARGET, quotation.start + 1, quotation.start + 1 + after_opening))
                sides.append("after the opening mark")
            if before_closing:
                spans.append(Span(Side.TARGET, quotation.end - 1 - before_closing, quotation.end - 1))
                sides.append("before the closing mark")
            if spans:
                yield self.finding(pair.pair, f"A space inside the quotation marks, {' and '.join(sides)}.", spans=spans)

    def _spaced_hyphens(self, pair: NormalisedPair) -> Iterator[Finding]:
        target = pair.pair.target
        spaced = _spaced_hyphen_matches(target)
        if not spaced:
            return
        prefixes = word_set(BOUND_PREFIXES)
        chinese_compounds = _ChineseCompounds(_chinese_hyphen_matches(pair.source_match.text))
        for hyphen in spaced:
            left, right = hyphen.groups()
            prefixed = left.lower() in prefixes and not _name_before(target, hyphen.start())
            if prefixed or chinese_compounds.join(left, right):
                yield self.finding(
                    pair.pair,
                    f"A spaced hyphen inside the compound '{hyphen.group()}': English writes '{left}-{right}'.",
                    spans=(Span(Side.TARGET, hyphen.start(), hyphen.end()),),
                    replacement=f"{left}-{right}",
                )


def _spaced_hyphen_matches(text: str) -> list[re.Match[str]]:
    """What _SPACED_HYPHEN.finditer(text) finds, tried only at the word before each hyphen
    beside a space: each match holds one such hyphen and starts where the word before it does,
    while the pattern itself is tried at every character of the text."""
    found: list[re.Match[str]] = []
    for hyphen in _HYPHEN_BESIDE_SPACE.finditer(text):
        start = hyphen.start()
        while start and text[start - 1] in _SPACES:
            start -= 1
        while start and (text[start - 1].isalnum() or text[start - 1] == "_"):  # \w, as re reads it
            start -= 1
        # The matches do not overlap: one may not start inside the one before.
        if found and start < found[-1].end():
            continue
        match = _SPACED_HYPHEN.match(text, start)
        if match is not None:
            found.append(match)
    return found


def _chinese_hyphen_matches(text: str) -> list[tuple[str, str]]:
    """What _CHINESE_HYPHEN.findall(text) finds, tried only at the letters, digits and white
    space before each hyphen: each match holds one hyphen and starts where that run does,
    while the pattern itself is tried at every character of the text (most sources hold no
    hyphen at all)."""
    found: list[tuple[str, str]] = []
    end = 0  # the matches do not overlap: one may not start inside the one before
    for hyphen in _CHINESE_HYPHEN_MARK.finditer(text):
        start = hyphen.start()
        while start > end and text[start - 1].isspace():  # \s, as re reads it
            start -= 1
        while start > end and text[start - 1] in _ASCII_LETTERS_AND_DIGITS:
            start -= 1
        match = _CHINESE_HYPHEN.match(text, start)
        if match is not None:
            found.append((match.group(1), match.group(2)))
            end = match.end()
    return found


def _value(number: str) -> int | None:
    if number == "半":
        return 30
    return int(number) if number.isdigit() else chinese_numeral_value(number)


def _drawn_against_the_text(text: str, quotation: Quotation) -> bool:
    opening, closing = text[quotation.start], text[quotation.end - 1]
    return (opening == "“" and facing(text, quotation.start) == "close") or (
        closing == "”" and facing(text, quotation.end - 1) == "open"
    )


def _name_before(text: str, end: int) -> bool:
    """Whether a capitalised word and white space end at ``end``: a capitalised word before a
    bound prefix makes it part of a name ("Wei Sino - Chen Bao"). Read back from ``end``, so
    a text of many hyphens is not searched from its start for each."""
    word_end = end
    while word_end and text[word_end - 1].isspace():
        word_end -= 1
    if word_end == end:
        return False
    start = word_end
    while start and "a" <= text[start - 1] <= "z":
        start -= 1
    return start > 0 and "A" <= text[start - 1] <= "Z"


class _ChineseCompounds:
    """The compounds the Chinese writes with a hyphen, as (before, after) pairs."""

    def __init__(self, compounds: list[tuple[str, str]]) -> None:
        self.pairs = set(compounds)
        self.afters = {after for _, after in compounds}

    def join(self, left: str, right: str) -> bool:
        """Whether the Chinese writes the same compound with a hyphen: both sides the same
        (2021-2022, F-35), or the same number after a name (和平救援-2021 for "Peace Rescue -
        2021"). A Chinese hyphen before a number alone may be a dash ("近了-40000年前", "closer
        - 40000 years ago")."""
        if (left, right) in self.pairs:
            return True
        return right in self.afters and left[:1].isupper() and any(char.isdigit() for char in right)
