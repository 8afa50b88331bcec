"""Reading the numbers of a Chinese source (its matching view: NFKC, simplified script).

The source is read strictly: a Chinese numeral is a number only before a listed unit or measure
word (rules/numbers/chinese-units.txt), after 第, in 百分之…, or with digits before 万/亿, so
一流, 统一, 进一步 and 三峡 never count; 一 alone never does (一个 is "a" as often as "one").
Everything numeric is also collected loosely as explained values, so an English number that an
idiom or an approximation (一两个 "one or two") accounts for is never reported as added.
The converter is written here rather than taken from cn2an: it only ever sees numeral spans
this module cut out itself, and a few dozen lines cost no import time.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from functools import cache, lru_cache
from typing import Callable, Iterator, NamedTuple

from qa_tool.checks.number_types import Covered, Kind, Quantity, SourceDate, SourceNumbers, numbers_a_placeholder, value_key
from qa_tool.resources import word_map, word_set

class _NeedsOneOf:
    """A pattern that cannot match without one of ``characters``: a text with none of them is
    not scanned. Testing for a character is a fast search in C; a scan tries the pattern at
    every character, and most sources hold no date or vague number to find."""

    def __init__(self, characters: str, pattern: str) -> None:
        self._characters = characters
        self._pattern = re.compile(pattern)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        for character in self._characters:
            if character in text:
                return self._pattern.finditer(text)
        return iter(())


class _AroundCharacter:
    """What ``pattern.finditer`` finds, for a pattern whose every match holds ``character``
    (the first one after the match's start), with only characters that ``may_lead`` accepts
    before it in the match. Each match is looked for only in the run of such characters before
    an occurrence of the character, found by a search in C: the pattern, opening with an
    optional group or a look behind, would be tried at every character of the text."""

    def __init__(self, character: str, may_lead: Callable[[str], bool], pattern: str) -> None:
        self._character = character
        self._may_lead = may_lead
        self._pattern = re.compile(pattern)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        end = 0
        at = text.find(self._character)
        while at != -1:
            # No match starts before ``start``: one starting there would hold a character
            # before this one that may not lead it, or overlap the match before.
            start = at
            while start > end and self._may_lead(text[start - 1]):
                start -= 1
            for position in range(start, at):
                match = self._pattern.match(text, position)
                if match is not None:
                    yield match
                    end = match.end()
                    break
            at = text.find(self._character, at + 1)


# The financial forms (壹贰叁, 陆, 拾) are left out: outside cheques they are ordinary words
# (着陆 "land", 收拾 "tidy up", 队伍 "team").
_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_SCALES = {"十": 10, "百": 100, "千": 1000}
_LARGE_SCALES = {"万": 10_000, "亿": 100_000_000}
_SCALES = _SMALL_SCALES | _LARGE_SCALES
_NUMERAL_CHARACTERS = "".join(_DIGITS) + "".join(_SCALES)
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def _source_number(decimals: bool) -> re.Pattern[str]:
    # Some tools space digits off from Chinese (10 万只, 2020 年 3 月); 3千米 is 3 km, not 3000 m.
    return re.compile(
        rf"(?P<percent>百分之\s*)?(?:(?P<arabic>{_ARABIC})(?:\s*(?P<scale>(?:[十百万亿]|千(?![米克瓦]))+)"
        # 2万4801 is 24,801 and 1亿2000万 120,000,000: digits after 万 or 亿 are the lower places.
        rf"(?:(?<=[万亿])(?P<lower>\d{{1,4}}(?!\d))(?P<lower_scale>万)?)?)?"
        rf"|(?P<chinese>[{_NUMERAL_CHARACTERS}]+)"
        # 三点五亿 is 350 million: 点 and digits after a numeral may be its decimals (_read_decimals).
        # Without decimals the groups are still there, never matching.
        + r"(?:" + ("" if decimals else "(?!)") + r"点(?P<decimals>[〇零一二三四五六七八九]+)(?P<decimal_scale>[万亿]*))?)"
    )


_SOURCE_NUMBER = _source_number(decimals=True)
_WHOLE_SOURCE_NUMBER = _source_number(decimals=False)
# What a source number holds, as the inside of a character class.
SOURCE_NUMBER_CHARACTERS = rf"\d{_NUMERAL_CHARACTERS}"
_ANY_SOURCE_NUMBER = re.compile(f"[{SOURCE_NUMBER_CHARACTERS}]")
# What requires_numbers looks for: a numeral other than 一, or 一 in a longer run (一一一一年),
# a month (一月), yuan (一块五) or an ordinal (第一次). The pattern opens with the class of every
# numeral, so a search skips in C to the next one.
REQUIRED_NUMERAL = re.compile(rf"[{SOURCE_NUMBER_CHARACTERS}](?:(?<!一)|(?<=第一)|(?<=一)(?:\s*[一月]|[块元]))")
_MONTH_NUMERAL = r"\d{1,2}|十[一二]?|[一二三四五六七八九]"
_DAY_NUMERAL = r"\d{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_DATE_LEADS = frozenset("〇零一二三四五六七八九十年")
_SOURCE_DATE = _AroundCharacter(
    "月",
    lambda character: character in _DATE_LEADS or character.isspace() or character.isdecimal(),
    rf"(?:(?P<year>\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*)?(?P<month>{_MONTH_NUMERAL})\s*月份?"
    rf"(?:\s*(?P<day>{_DAY_NUMERAL})\s*[日号])?",
)
# 2021.6.11, 2022-01-17, 2023/2/11: a date in digits, year first, with no digit or point before
# it. That test follows the century's two digits rather than opening the pattern: a pattern
# opening with a look-behind is tried at every character, one opening with 19 or 20 skips in C
# to the next 1 or 2.
_NUMERIC_DATE = _NeedsOneOf(
    "-./", r"(?P<year>(?:19|20)(?<![\d.]..)\d\d)([-./])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?!\.?\d)"
)
# 3·15晚会, 5·12地震: an event named by its month and day.
_EVENT_DATE = _NeedsOneOf("·•", r"(?<![\d.·•])(?P<month>\d{1,2})\s*[·•]\s*(?P<day>\d{1,2})(?![\d.·•])")
# 三块五毛, 两元五角, 三块五: yuan and tenths of a yuan, one amount (3.5). A bare tenth digit
# counts only before a mark, 钱 or the end: in 100元5个 the 5 is a count of its own.
_YUAN_AND_TENTHS = re.compile(
    r"(?<![0-9〇零一二两三四五六七八九十百千万亿.])(?P<yuan>[0-9]+|[〇零一二两三四五六七八九十百千万]+)[块元]"
    r"(?P<tenths>[1-9一二三四五六七八九])(?:[毛角](?![0-9〇零一二两三四五六七八九十分])|(?=[钱，。、；！？,.;!?\s]|$))"
)
_YEAR = re.compile(r"(?:\d{4}|[〇零一二三四五六七八九]{4})(?:\s*年)?")
# 3至6月: the first month of a range of months (March to June).
_MONTH_RANGE_START = re.compile(rf"(?<![\d{_NUMERAL_CHARACTERS}])(?P<month>{_MONTH_NUMERAL})\s*[至到\-~—–]\s*$")
# 20世纪30年代: the 1930s; 20世纪六七十年代: the 1960s and 1970s.
_CENTURY_DECADE = re.compile(
    rf"(?P<century>\d{{1,2}}|{_DAY_NUMERAL})\s*世纪\s*(?P<decade>\d0|[一二三四五六七八九]{{1,2}}十)\s*年代"
)
# Between the ends of a range (3至5个, 2.6至3.2万, 43或44), the first end takes the second's
# unit and scale.
_RANGE_JOINERS = frozenset("到至-~—–或")
# 三十亿, 一百万, 两万: digits before 万 or 亿 make a number with or without a unit after it;
# 千万 ("by all means"), 万一 ("in case") and 亿万 have none and still need one.
_COUNTED_LARGE = re.compile("[一二两三四五六七八九][十百千]?[万亿]")
# 3,000多亿, 20多万名: the scale after an approximation belongs to the number.
_LARGE_AFTER = re.compile(r"\s*[万亿]+")
# R0, COVID-19, SARS-CoV-2, ARCoV.2, LP700-4, 5G: digits of a name, which the English keeps or drops
# as a name.
_LATIN_BEFORE = re.compile(r"[A-Za-z][A-Za-z0-9]*[-.]?$")
_BARE_SCALES = "百千万亿"
# The head starts where its numeral run starts: tried at every character of a long run, the
# pattern would rescan the run each time.
_VAGUE_SCALED = _NeedsOneOf(
    "几", r"(?<![一二三四五六七八九十])(?P<head>[一二三四五六七八九十]*)几(?P<scale>[十百千万亿]+)"
)
_CODE = re.compile(r"\d{9,}")
_URL_PUNCTUATION = frozenset("/=?&#_")
_GENERATION = re.compile(r"\d0后|\d5后|[五六七八九零]零后")
_CLAUSE_BREAK = re.compile(r"[，,。；;：:（(“\"\s]")
_LIST_COMMA = re.compile("、")
# 江苏、浙江和辽宁三省: the last two items of a list joined by a word.
_LAST_ITEM_JOINER = re.compile("[和与及]")
_LIST_MARKER = re.compile(r"\d{1,2}\s*[.、)]\s*(?!\d)")
_SENTENCE_ENDS = "。；;：:！!？?"
_ORDINAL_MARK = "第"
_APPROXIMATE_UNITS = ("余", "多", "来")
_TENTHS = "成"
_HALF = "半"
# 成 after 一 as a tenth: followed by no Chinese word (增长一成。), or by what follows an amount.
_ONE_TENTH = re.compile("成(?:[半多左以的]|(?![\u3400-\u9fff]))")
_ETC = "等"
_MINUTES_AFTER = re.compile(r":[0-5]\d(?!\d)")
_TWO_DIGIT_YEAR = re.compile(r"\d\d")
# 二月二, 八月十五, 五月初五: a day of the lunar calendar, mostly a festival's name (Dragon
# Head-raising Day, Mid-Autumn Festival) that English does not give as a date.
_LUNAR_DATE_LEADS = frozenset("正腊一二三四五六七八九十")
_LUNAR_DATE = _AroundCharacter(
    "月",
    _LUNAR_DATE_LEADS.__contains__,
    r"(?<![\d〇零一二三四五六七八九十])(?:正|腊|[一二三四五六七八九十]{1,2})月"
    r"(?:初[一二三四五六七八九十]|[一二三四五六七八九十廿]{1,3})(?![日号一二三四五六七八九十])"
)
_CLOCK_UNITS = ("点", "时")
# 6成 (60%), 9点 or 19:06 (a time whose half of the day is known), 十余家 (over ten): a number
# read as another value, as a time or as an approximation.
_READ_OTHERWISE_AFTER = re.compile(rf"\s*[{_TENTHS}{''.join(_CLOCK_UNITS)}:{''.join(_APPROXIMATE_UNITS)}]")
# A date's month or day straight after a digit is part of a longer number (123月).
_NOT_BEFORE_DATE = _NUMERAL_CHARACTERS + "0123456789" + _ORDINAL_MARK


_LONGEST_DIGIT_BY_DIGIT = 20


def digits_of(numeral: str) -> str:
    """A run of Chinese digits as Arabic digits, one for one (一九九八 → '1998')."""
    return "".join(str(_DIGITS[character]) for character in numeral)


# The same few numerals (二, 三, 十, 两, 五十) make most numbers of a text: each is read once.
@lru_cache(maxsize=4096)
def chinese_numeral_value(numeral: str) -> int | None:
    """一百零五 → 105, 三千五 → 3500, 二〇二〇 → 2020 (a year read digit by digit); None when
    the numeral is not one number (三四 "three or four", 十五六 "fifteen or sixteen")."""
    if not any(character in _SCALES for character in numeral):
        # 一九九八 and 二〇二〇 are years; 三四五六(年级) is "three to six", a list.
        digit_by_digit = len(numeral) == 1 or (len(numeral) == 4 and numeral[0] in "一二") or "〇" in numeral or "零" in numeral
        # Read digit by digit, a number is a year or a code: past a phone number's length it is
        # neither (and int() refuses more than 4,300 digits).
        if digit_by_digit and len(numeral) <= _LONGEST_DIGIT_BY_DIGIT:
            return int(digits_of(numeral))
        return None
    total = section = digit = 0
    scale = 1
    after_digit = False
    for character in numeral:
        if character in _DIGITS:
            if after_digit and digit:
                return None
            digit, after_digit = _DIGITS[character], True
        elif character in _SMALL_SCALES:
            scale = _SMALL_SCALES[character]
            section += (digit or (0 if after_digit else 1)) * scale
            digit, after_digit = 0, False
        else:
            scale = _LARGE_SCALES[character]
            section += digit
            if character == "亿":
                total = ((total + section) or 1) * scale
            else:
                total += (section or 1) * scale
            section = digit = 0
            after_digit = False
    # 三千五 is 3500, 一万五 is 15000: a last digit straight after a scale is one place lower.
    if digit and len(numeral) > 1 and numeral[-2] in _SCALES:
        digit *= scale // 10 or 1
    return total + section + digit


@cache
def _units() -> re.Pattern[str]:
    units = sorted(word_set("numbers/chinese-units.txt"), key=len, reverse=True)
    return re.compile(r"\s*(?P<unit>" + "|".join(map(re.escape, units)) + ")")


@cache
def _number_words() -> dict[str, float]:
    return {word: float(value) for word, value in word_map("numbers/chinese-number-words.tsv").items()}


@cache
def _non_quantity_prefixes() -> tuple[str, ...]:
    return tuple(word_set("numbers/non-quantity-prefixes.txt"))


@cache
def _unit_conversions() -> dict[str, tuple[float, ...]]:
    table = word_map("numbers/chinese-unit-conversions.tsv")
    return {unit: tuple(map(float, factors.split())) for unit, factors in table.items()}


@cache
def _demonstratives() -> tuple[str, ...]:
    return tuple(word_set("numbers/demonstratives.txt"))


@cache
def _enumerable_characters() -> frozenset[str]:
    return frozenset(word_set("numbers/enumerable-characters.txt"))


@cache
def _day_parts() -> dict[str, tuple[str, range]]:
    """上午 → ("a.m.", hours 1..11): the half of the day a word gives the hours it applies to."""
    parts = {}
    for word, entry in word_map("numbers/chinese-day-parts.tsv").items():
        meridiem, hours = entry.split()
        first, last = map(int, hours.split("-"))
        parts[word] = (meridiem, range(first, last + 1))
    return parts


@cache
def _day_part_words() -> tuple[str, ...]:
    return tuple(_day_parts())


@cache
def _idiom() -> re.Pattern[str]:
    """The longest listed idiom at a position (one pattern rather than a test of each idiom,
    as every number of a long segment asks)."""
    idioms = sorted(word_set("numbers/chinese-not-quantities.txt"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, idioms)))


def requires_numbers(text: str) -> bool:
    """Whether read_source may find a number the English must give or a date. Not when the only
    numeral is 一 standing alone, the commonest case, which is never required; it counts only in
    a longer run (一一一一年), a month (一月), yuan (一块五) or an ordinal (第一次)."""
    return REQUIRED_NUMERAL.search(text) is not None


class PlainNumbers(NamedTuple):
    """What plain_source_values reads: bounds on read_source's numbers, not the numbers."""

    # Holds the value of every number read_source requires (and of some it does not).
    required: frozenset[float]
    # Values read_source explains (not all of them).
    stated: frozenset[float]


def plain_source_values(text: str) -> PlainNumbers | None:
    """Bounds on the numbers of read_source when each number it requires has the value of its
    numeral as written, without reading units, idioms and lists: None when one may be read
    otherwise (a date, a decade of a century, yuan and tenths (三块五), tenths (6成 is 60%), an
    approximation (十余家) or a time of day). A Chinese numeral is required only when counted
    as read_source counts it (a unit after it, 第 before it, 百分之, digits before 万/亿); one
    that is no number (三四, or a scale with no digit before it, 百年) is neither required nor
    stated. The first end of a range takes the second's unit and scale as read_source gives
    them (3至5万 is 30,000 to 50,000)."""
    if (
        "月" in text
        or "世纪" in text
        or (("块" in text or "元" in text) and _YUAN_AND_TENTHS.search(text))
        or next(_NUMERIC_DATE.finditer(text), None)
        or next(_EVENT_DATE.finditer(text), None)
    ):
        return None
    required: set[float] = set()
    stated: set[float] = set()
    # The numbers read_source reads, in order: a lone 一 is never required.
    matches = []
    for match in _source_numbers(text, 0):
        if match.group() == "一" and not _one_read(text, match):
            stated.add(1.0)
        else:
            matches.append(match)
    for index, match in enumerate(matches):
        if _READ_OTHERWISE_AFTER.match(text, match.end()):
            return None
        second = matches[index + 1] if index + 1 < len(matches) else None
        range_end = second if second is not None and _joined_as_range(text, match, second) else None
        chinese = match.group("chinese")
        if chinese is None:
            value = _arabic_value(match)
            # Digits of a name (COVID-19, 3D) are no quantity.
            following = text[match.end() : match.end() + 1]
            counted = not (_latin_before(text, match.start()) or (following.isascii() and following.isalpha()))
            if range_end is not None and _borrows_scale(match, range_end):
                value *= _scale_of(range_end.group("scale"))
        else:
            value = _chinese_value(match)
            # A scale with no digit before it is never required; after digits (5千米) it may
            # be part of the unit before and not read at all.
            if value is None or chinese[0] in _BARE_SCALES:
                continue
            counted = (
                match.group("percent") is not None
                or _counted_large(match)
                or _units().match(text, match.end()) is not None
                or (range_end is not None and _units().match(text, range_end.end()) is not None)
                or text.endswith(_ORDINAL_MARK, 0, _end_before(text, match.start()))
            )
        key = value_key(value)
        stated.add(key)
        if counted and (value not in (0, 1) or _first_counted(text, match)):
            required.add(key)
    return PlainNumbers(frozenset(required), frozenset(stated))


def _read_decimals(text: str, match: re.Match[str]) -> bool:
    """Whether the 点 after a Chinese numeral is a decimal point: after 百分之 (百分之十二点五),
    before 万 or 亿 (三点五亿) or a unit (二点五倍, 零点八个百分点), but no time of day (晚上八点一刻,
    八点五十, 八点零五分, 晚上八点一个人)."""
    if match.group("percent") is not None or match.group("decimal_scale"):
        return True
    if text.endswith(_day_part_words(), 0, _end_before(text, match.start())):
        return False
    unit = _units().match(text, match.end())
    return unit is not None and unit.group("unit") not in _CLOCK_UNITS


def _chinese_value(match: re.Match[str]) -> float | None:
    """The value of a Chinese numeral with the decimals and scale after it (三点五亿: 350,000,000)."""
    value = chinese_numeral_value(match.group("chinese"))
    decimals = match.group("decimals")
    if value is None or decimals is None:
        return value
    value += float("0." + digits_of(decimals))
    return value * _scale_of(match.group("decimal_scale"))


def _counted_large(match: re.Match[str]) -> bool:
    """Digits before 万 or 亿 (三十亿, 两万, 三点五亿): a number with or without a unit after it."""
    return bool(match.group("decimal_scale")) or _COUNTED_LARGE.search(match.group("chinese")) is not None


def _arabic_value(match: re.Match[str]) -> float:
    """The value of digits with the scale and lower places after them (3万, 2万4801)."""
    value = float(match.group("arabic").replace(",", "")) * _scale_of(match.group("scale") or "")
    if match.group("lower"):
        value += float(match.group("lower")) * _scale_of(match.group("lower_scale") or "")
    return value


def read_source(text: str) -> SourceNumbers:
    explained = {value_key(value) for word, value in _number_words().items() if word in text}
    first_number = _ANY_SOURCE_NUMBER.search(text)
    if first_number is None:
        return SourceNumbers((), (), frozenset(explained))
    # 十几千 "over ten thousand", 几十万 "hundreds of thousands": vague, but of a known size.
    explained.update(
        value_key((chinese_numeral_value(vague.group("head")) or 1) * _scale_of(vague.group("scale")))
        for vague in _VAGUE_SCALED.finditer(text)
    )
    lunar = [match.span() for match in _LUNAR_DATE.finditer(text)]
    dates = _dates(text, explained)
    if lunar:
        in_lunar = Covered(lunar)
        dates = [date for date in dates if date.start not in in_lunar]
    decades = _century_decades(text, explained)
    amounts = _yuan_and_tenths(text, explained)
    required = [_date_year(text, date) for date in dates if date.year is not None] + decades + amounts
    # Most sources hold none of these: their numbers are then not looked up in an empty cover.
    taken_spans = [(date.start, date.end) for date in dates] + [(q.start, q.end) for q in decades + amounts] + lunar
    taken = Covered(taken_spans) if taken_spans else None
    matches = []
    for match in _source_numbers(text, first_number.start()):
        if match.group() == "一" and not _one_read(text, match):
            explained.add(1.0)  # the commonest numeral by far, and never required
        elif taken is None or match.start() not in taken:
            matches.append(match)
    units = [_units().match(text, match.end()) for match in matches]
    borrowed_scales = [1.0] * len(matches)
    for index, (match, following) in enumerate(zip(matches, matches[1:])):
        if _joined_as_range(text, match, following):
            units[index] = units[index] or units[index + 1]
            if _borrows_scale(match, following):
                borrowed_scales[index] = _scale_of(following.group("scale"))
    covered = 0
    listings = _Listings(text)
    for match, unit, borrowed_scale in zip(matches, units, borrowed_scales):
        if match.start() < covered:
            continue  # the 亿 of 3,000多亿, already part of the number before it
        quantity = _quantity(text, match, unit, borrowed_scale, explained, listings)
        if quantity is not None:
            required.append(quantity)
            covered = quantity.end
    return SourceNumbers(tuple(required), tuple(dates), frozenset(explained))


def _one_read(text: str, match: re.Match[str]) -> bool:
    """Whether a lone 一 is read as a number: an ordinal before a unit (_first_counted) or a
    tenth (增长一成, 一成多, 约一成的人: 10%), but not 一成不变 "unchanging" or 一成年 "once grown up"."""
    return match.group() == "一" and (_ONE_TENTH.match(text, match.end()) is not None or _first_counted(text, match))


def _first_counted(text: str, match: re.Match[str]) -> bool:
    """第一季度, 第一次: 一 as an ordinal before a unit, which English gives as "first" or leaves
    out ("its maiden voyage"), but does not turn into "second" (the one 一 that is required; a
    lone 第一, "firstly", is not)."""
    return (
        match.group() == "一"
        and text.endswith(_ORDINAL_MARK, 0, _end_before(text, match.start()))
        and _units().match(text, match.end()) is not None
    )


def _joined_as_range(text: str, first: re.Match[str], second: re.Match[str]) -> bool:
    """Whether two numbers read one after the other are the ends of a range (3至5个, 43或44):
    the first then takes the second's unit and, digits alone, its scale (2.6至3.2万)."""
    return text[first.end() : second.start()].strip() in _RANGE_JOINERS


def _borrows_scale(first: re.Match[str], second: re.Match[str]) -> bool:
    return bool(first.group("arabic")) and not first.group("scale") and bool(second.group("scale"))


def _source_numbers(text: str, start: int) -> Iterator[re.Match[str]]:
    """What _SOURCE_NUMBER.finditer(text, start) finds. Every number starts with a digit or a
    numeral (百 of 百分之 is one), and the pattern matches at each: the next is found by a search
    for that class, which skips in C to it, where the pattern itself, opening with an optional
    group, would be tried at every character."""
    position = start
    while (first := _ANY_SOURCE_NUMBER.search(text, position)) is not None:
        match = _SOURCE_NUMBER.match(text, first.start())
        if match.group("decimals") is not None and not _read_decimals(text, match):
            match = _WHOLE_SOURCE_NUMBER.match(text, first.start())
        yield match
        position = match.end()


def _dates(text: str, explained: set[float]) -> list[SourceDate]:
    dates = []
    for match in _NUMERIC_DATE.finditer(text):
        year, month, day = (int(match.group(part)) for part in ("year", "month", "day"))
        if 1 <= month <= 12 and 1 <= day <= 31:
            explained.update(value_key(part) for part in (year, month, day))
            dates.append(SourceDate(match.start(), match.end(), match.group(), month, day, year))
    for match in _EVENT_DATE.finditer(text):
        month, day = int(match.group("month")), int(match.group("day"))
        if 1 <= month <= 12 and 1 <= day <= 31:
            explained.update((value_key(month), value_key(day)))
            dates.append(SourceDate(match.start(), match.end(), match.group(), month, day, None))
    if "月" not in text:
        return dates
    for match in _SOURCE_DATE.finditer(text):
        month = _small_numeral(match.group("month"))
        day = _small_numeral(match.group("day")) if match.group("day") else None
        year = _small_numeral(match.group("year")) if match.group("year") else None
        if month is None or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
            continue
        if match.start() > 0 and text[match.start() - 1] in _NOT_BEFORE_DATE:
            continue
        explained.update(value_key(part) for part in (month, day, year) if part is not None)
        range_start = None if day is not None else _MONTH_RANGE_START.search(text, max(0, match.start() - 6), match.start())
        first_month = _small_numeral(range_start.group("month")) if range_start is not None else None
        if first_month is not None and 1 <= first_month < month:
            explained.add(value_key(first_month))
            start, end = range_start.span("month")
            dates.append(SourceDate(start, end, text[start:end], first_month, None, None))
        dates.append(SourceDate(match.start(), match.end(), match.group(), month, day, year))
    return dates


def _date_year(text: str, date: SourceDate) -> Quantity:
    """2020年 of 2020年10月30日, which the English must give as well as the month and day."""
    end = _YEAR.match(text, date.start).end()
    return Quantity(date.start, end, text[date.start : end], value_key(date.year or 0), kind=Kind.YEAR)


def _century_decades(text: str, explained: set[float]) -> list[Quantity]:
    if "世纪" not in text:
        return []
    decades = []
    for match in _CENTURY_DECADE.finditer(text):
        century = _small_numeral(match.group("century"))
        numeral = match.group("decade")
        # 六七十 is the sixties and the seventies: each of the two is the decade.
        named = [numeral] if len(numeral) <= 2 else [numeral[0] + numeral[2], numeral[1:]]
        tens = [_small_numeral(decade) for decade in named]
        if century is None or None in tens:
            continue
        years = [value_key((century - 1) * 100 + decade) for decade in tens]
        readings = frozenset(years[1:]) | {value_key(decade) for decade in tens}
        explained.update(readings | {years[0], value_key(century)})
        decades.append(Quantity(match.start(), match.end(), match.group(), years[0], readings, Kind.YEAR))
    return decades


def _yuan_and_tenths(text: str, explained: set[float]) -> list[Quantity]:
    """Amounts of yuan and tenths of a yuan, each one number: 三块五毛 and 三块五 are 3.5."""
    if "块" not in text and "元" not in text:
        return []
    amounts = []
    for match in _YUAN_AND_TENTHS.finditer(text):
        yuan, tenths = _small_numeral(match.group("yuan")), _small_numeral(match.group("tenths"))
        if yuan is None or tenths is None:
            continue
        amount = value_key(yuan + tenths / 10)
        explained.update((amount, value_key(yuan), value_key(tenths * 10)))
        amounts.append(Quantity(match.start(), match.end(), match.group(), amount))
    return amounts


def _small_numeral(numeral: str) -> int | None:
    return int(numeral) if numeral.isdigit() else chinese_numeral_value(numeral)


def _scale_of(scale_characters: str) -> float:
    if not scale_characters:  # most numbers: digits alone
        return 1.0
    return float(math.prod(_SCALES[character] for character in scale_characters))


def _quantity(
    text: str,
    match: re.Match[str],
    unit: re.Match[str] | None,
    borrowed_scale: float,
    explained: set[float],
    listings: _Listings,
) -> Quantity | None:
    """The required number at ``match``, or None when it is no quantity to check (its values
    still go to ``explained``)."""
    chinese, scale_characters = match.group("chinese"), match.group("scale") or ""
    if chinese is not None:
        value = _chinese_value(match)
        if value is None:
            readings = _approximation_readings(chinese)
            if text.startswith("年代", match.end()):  # 六七十年代: the 1960s and 1970s
                decades = {reading for reading in readings if reading % 10 == 0}
                readings |= {value_key(century + decade) for decade in decades for century in (1900, 2000)}
            explained.update(readings)
            return None
        scale_characters = "".join(character for character in chinese + (match.group("decimal_scale") or "") if character in _LARGE_SCALES)
    else:
        value = _arabic_value(match)
        explained.add(value_key(value))
        value *= borrowed_scale
    start, end = match.start(), match.end()
    # 百分之五十 needs no unit; what follows it (百分之百支持) is the next word.
    own_unit = unit if unit is not None and unit.start() == end and match.group("percent") is None else None
    unit_text = own_unit.group("unit") if own_unit is not None else ""
    if own_unit is not None:
        end = own_unit.end()
    before = _end_before(text, start)
    ordinal = text.endswith(_ORDINAL_MARK, 0, before)
    if ordinal:
        start = before - 1
    approximate = unit_text in _APPROXIMATE_UNITS
    if approximate:
        large = _LARGE_AFTER.match(text, end)
        if large is not None:
            value *= _scale_of(large.group().strip())
            scale_characters += large.group().strip()
            end = large.end()
        following = _units().match(text, end)
        end = following.end() if following is not None else end
    # 六成 is 60%, 三成多 over 30%; 三成员 is three members.
    tenths = unit is not None and unit.group("unit") == _TENTHS and not text.startswith("员", unit.end())
    if tenths:
        explained.add(value_key(value))
        value *= 10
        if text.startswith(_HALF, end):  # 两成半 is 25%
            value, end = value + 5, end + 1
        if text.startswith(_APPROXIMATE_UNITS, end):
            approximate, end = True, end + 1
    explained.add(value_key(value))
    percent = match.group("percent") is not None or (unit is not None and unit.group("unit") == "%") or tenths
    counted = unit is not None or ordinal or percent or (chinese is not None and _counted_large(match))
    # Zero is as often "no" (0例 "no cases") or the minutes of a time (8:00) as a figure.
    first = _first_counted(text, match)
    if (value in (0, 1) and not first) or not (counted or chinese is None) or _not_a_quantity(text, match, before, start, end):
        return None
    readings: set[float] = set()
    kind = Kind.PERCENT if percent else Kind.ORDINAL if ordinal else Kind.PLAIN
    if unit_text == "年" and 1000 <= value < 3000 and float(value).is_integer():
        kind = Kind.YEAR
    elif unit_text == "年" and _TWO_DIGIT_YEAR.fullmatch(match.group()):  # 98年: 1998, or 98 years
        readings = {value_key(1900 + value), value_key(2000 + value)}
    elif unit_text == "年代" and value < 100:
        readings = {value_key(1900 + value), value_key(2000 + value)}  # 90年代: the 1990s
    elif _GENERATION.match(text, match.start()):  # 95后: those born after 1995
        readings = {value_key(1900 + value), value_key(2000 + value)}
    elif text.endswith(_ETC, 0, before) and value > 2:  # 耶鲁等3所: Yale and two others
        readings = {value_key(value - 1)}
    conversions = _unit_conversions().get(unit_text, ())
    readings.update(value_key(value * factor) for factor in conversions)  # 10斤: 5 kg
    meridiem = None
    if unit_text in _CLOCK_UNITS or (not unit_text and _MINUTES_AFTER.match(text, match.end())):  # 9点, 19:06
        parts = _day_parts()
        day_part = next((word for word in parts if text.endswith(word, 0, before)), None)
        if day_part is not None and value in parts[day_part][1]:
            meridiem, start = parts[day_part][0], before - len(day_part)
        elif 12 < value < 24:
            meridiem = "p.m."
        if meridiem == "p.m.":
            readings |= {value_key(value - 12 if value > 12 else value + 12)}  # 15点, 下午3点: 3 p.m., 15:00
    explained.update(readings)
    scaled = bool(scale_characters.strip("十百千")) or borrowed_scale != 1
    return Quantity(
        start,
        end,
        text[start:end],
        value_key(value),
        frozenset(readings),
        kind,
        approximate=approximate,
        scaled=scaled,
        droppable=first or chinese == "两" or text.endswith(_demonstratives(), 0, before) or listings.count(before) == value,
        meridiem=meridiem,
    )


def _end_before(text: str, position: int) -> int:
    """Where the text before ``position`` ends, spaces aside. The words before a number are
    read in place (text.endswith(word, 0, before)): copying the text before every number is
    quadratic."""
    before = position
    while before and text[before - 1].isspace():
        before -= 1
    return before


def _latin_before(text: str, position: int) -> bool:
    """Whether a name in Latin letters ends at ``position`` (R0, COVID-19). The search is made
    only when the character before, a dash or dot (and a newline, before which $ matches too)
    aside, is a Latin letter or digit, as it must be: in Chinese text it seldom is."""
    end = position - (text[position - 1 : position] == "\n")
    last = text[end - 1 : end]
    if last in ("-", "."):
        last = text[end - 2 : end - 1]
    return last.isascii() and last.isalnum() and _LATIN_BEFORE.search(text, max(0, position - 12), position) is not None


def _not_a_quantity(text: str, match: re.Match[str], before: int, start: int, end: int) -> bool:
    """Numerals that are no quantity: in names (R0, COVID-19), after a vague or weekday word
    (数十, 星期六), zero words (零星), numerals inside a unit (千克), idioms."""
    chinese = match.group("chinese")
    following = text[match.end() : match.end() + 1]
    if _latin_before(text, match.start()) or (following.isascii() and following.isalpha()):
        return True
    idiom = _idiom().match(text, start)
    if idiom is not None and idiom.end() >= end:
        return True
    if text[match.start() - 1 : match.start()] in _URL_PUNCTUATION:  # zhihu.com/p/60474873
        return True
    if numbers_a_placeholder(text, match.start(), match.end()):
        return True
    if _CODE.fullmatch(match.group()):  # 9787512415812: an ISBN, an order or phone number
        return True
    # 晚上七点 ends with 上 as 上千 does, but it is a time.
    if text.endswith(_non_quantity_prefixes(), 0, before) and not text.endswith(_day_part_words(), 0, before):
        return True
    if chinese is None:
        # 2.本店有仿品吗？: the number of an item in a list, which English layout may drop.
        return (not before or text[before - 1] in _SENTENCE_ENDS) and _LIST_MARKER.match(text, match.start()) is not None
    if not chinese.strip("〇零") and match.group("decimals") is None:  # 百分之零点五 is 0.5%
        return True
    # A scale with no digit before it is a figure of speech far more often than a count: 百年
    # "century-old", 千人 "thousands", 万家 "every household", 百度 "Baidu"; a real count says 一百.
    if chinese[0] in _BARE_SCALES:
        return True
    inside_unit = _units().match(text, match.start())
    return inside_unit is not None and inside_unit.end() > match.end()


class _Listings:
    """江苏、浙江、辽宁3省, 上中下三段: the items listed just before a count of them, which English
    gives by listing them ("Jiangsu, Zhejiang and Liaoning provinces"). The clause breaks, list
    commas and joining words of the text are found once: splitting the clause before every
    number afresh is quadratic in a long clause. They are found when first asked for: most
    sources hold no number that gets this far."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._has_list_comma = "、" in text
        self._breaks: list[int] | None = None
        self._commas: list[int] = []
        self._joiners: list[int] = []

    def count(self, end: int) -> int:
        """How many items the clause ending at ``end`` lists (0 or 1 when it lists none)."""
        # Without a list comma only a run of enumerable characters just before ``end`` lists
        # items: most numbers have none, and the text need not be split.
        if (not end or self._text[end - 1] not in _enumerable_characters()) and not self._has_list_comma:
            return 0
        if self._breaks is None:
            self._breaks = [match.start() for match in _CLAUSE_BREAK.finditer(self._text)]
            self._commas = [match.start() for match in _LIST_COMMA.finditer(self._text)]
            self._joiners = [match.start() for match in _LAST_ITEM_JOINER.finditer(self._text)]
        breaks = bisect_left(self._breaks, end)
        clause_start = self._breaks[breaks - 1] + 1 if breaks else 0
        commas = bisect_left(self._commas, end)
        items = commas - bisect_left(self._commas, clause_start) + 1
        if items > 1:
            # A joining word after the first character of the last item.
            last_item = self._commas[commas - 1] + 1
            return items + (bisect_left(self._joiners, end) > bisect_left(self._joiners, last_item + 1))
        # Each run of enumerable characters lies between two numbers, so all runs are read once.
        run_start = end
        while run_start > clause_start and self._text[run_start - 1] in _enumerable_characters():
            run_start -= 1
        return end - run_start


_LONGEST_APPROXIMATION = 6


def _approximation_readings(numeral: str) -> set[float]:
    """What a run that is not one number may stand for: 三四 3 and 4, 十五六 15 and 16, 三四十 30
    and 40, and each digit alone."""
    readings = {value_key(_DIGITS[character]) for character in numeral if character in _DIGITS}
    # An approximation names two neighbouring numbers in a few characters (七八十万); reading a
    # long run with one character left out at each place would be quadratic in its length.
    if len(numeral) > _LONGEST_APPROXIMATION:
        return readings
    for index in range(len(numeral)):
        value = chinese_numeral_value(numeral[:index] + numeral[index + 1 :])
        if value is not None:
            readings.add(value_key(value))
    return readings
