"""Reading the numbers of an English target (its matching view: NFKC): digits with their
separators, spelled numbers ("two hundred and fifty thousand", "two and a half million"),
ordinals, Roman numerals after a level word, counts (both, twice, a decade), and dates with a
month name."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Iterator, NamedTuple

from qa_tool.checks.base import trie_alternation
from qa_tool.checks.number_types import Kind, Quantity, TargetDate, TargetNumbers, numbers_a_placeholder, value_key
from qa_tool.resources import word_map, word_set


@dataclass(frozen=True, slots=True)
class _Word:
    value: float
    # unit, tens, scale, ordinal, fraction, measure or count (see english-number-words.tsv).
    kind: str


@cache
def _number_words() -> dict[str, _Word]:
    words = {}
    for word, entry in word_map("numbers/english-number-words.tsv").items():
        value, kind = entry.split()
        words[word] = _Word(float(value), kind)
    return words


@cache
def _months() -> dict[str, int]:
    return {name: int(number) for name, number in word_map("numbers/english-months.tsv").items()}


def _month_alternation() -> str:
    return trie_alternation(_months())


@cache
def month_name(number: int) -> str:
    """The full English name of month ``number`` (the first name listed for it)."""
    return next(name for name, listed in _months().items() if listed == number)


# 3,200; also 3, 200, a thousands separator some systems space like a list's comma (a list
# of numbers, 100, 200, 300, stays a list).
_DIGITS = re.compile(r"(?:\d{1,3}(?:,\d{3})+|(?<!\d, )\d{1,3}, \d{3}(?!\d)(?!, ?\d)|\d+)(?:\.\d+)?|\.\d+")
_FOLD = "fold"
_ASCII_LETTERS = frozenset(string.ascii_letters)


@cache
def _token() -> re.Pattern[str]:
    """Where a number may start: a digit, a decimal point before one, or a whole run of letters
    that is a number word (with "-fold" or not, in any case), a month or Roman numeral
    letters. The words are alternatives of one trie, tried only where a run of letters starts;
    digits are then read in full from where they start."""
    words, months = trie_alternation(_number_words()), _month_alternation()
    return re.compile(
        # Letters fold case as ASCII ("ſix" is no number), while \d is any decimal digit, as
        # the number rules' trigger reads them ("١٠" is ten).
        rf"(?<![A-Za-z])(?:(?ai:{words}(?:{_FOLD})?)|{months}|[IVX]{{1,6}})(?![A-Za-z])|\d|\.(?=\d)"
    )


@cache
def _token_place() -> re.Pattern[str]:
    """In lower-case ASCII text, the character before each place _token may match in the text
    as written: a token's own digit or decimal point, or the character that is no letter before
    a number word, month or Roman numeral letters (any case of them: a place _token may then
    refuse). Opening with that class, the search skips every letter in C, and its trie of
    lower-case words is followed a branch a character; _token, opening with a look behind and
    folding case, is tried at every character and tries every branch."""
    words = trie_alternation(_number_words())
    months = trie_alternation({month.lower() for month in _months()})
    return re.compile(
        rf"[^a-z](?:(?<=\d)|(?<=\.)(?=\d)|(?=(?:{words}(?:{_FOLD})?|{months}|[ivx]{{1,6}})(?![a-z]))(?P<before_word>))"
    )


def _next_token(text: str, lowered: str | None, position: int) -> re.Match[str] | None:
    """What _token().search(text, position) finds. In ASCII text (``lowered`` is its lower
    case) _token is matched only at ``position`` and where _token_place finds a place for it."""
    token_pattern = _token()
    if lowered is None:
        return token_pattern.search(text, position)
    place_pattern = _token_place()
    while (token := token_pattern.match(text, position)) is None:
        place = place_pattern.search(lowered, position)
        if place is None:
            return None
        position = place.end() if place.group("before_word") is not None else place.start()
    return token


def _tokens(text: str) -> Iterator[tuple[str, re.Match[str]]]:
    """("digits" | "word" | "month" | "roman", match) for each token that may be a number."""
    words, months = _number_words(), _months()
    lowered_text = text.lower() if text.isascii() else None
    position = 0
    while (token := _next_token(text, lowered_text, position)) is not None:
        letters = token.group()
        if not letters[0].isalpha():
            if letters == "." and text[token.start() - 1 : token.start()] in _NOT_BEFORE_DECIMAL_POINT:
                position = token.end()  # Fig.2, ARCoV.2: a label, not .2
                continue
            numeric_date = _NUMERIC_DATE.match(text, token.start())
            if numeric_date is not None:
                position = numeric_date.end()
                yield "numeric date", numeric_date
                continue
            clock = _CLOCK.match(text, token.start())
            digits = clock or _DIGITS.match(text, token.start())
            position = digits.end()
            yield "clock" if clock else "digits", digits
            continue
        position = token.end()
        lowered = letters.lower()
        if lowered in words or (lowered.endswith(_FOLD) and lowered[: -len(_FOLD)] in words):
            yield "word", token
        elif letters in months:
            yield "month", token
        elif _VALID_ROMAN.fullmatch(letters):
            yield "roman", token


# 2021.6.11, 2022-01-17: a date in digits, year first (so its order is not in doubt).
_NUMERIC_DATE = re.compile(
    r"(?P<year>(?:19|20)\d\d)(?P<separator>[-./])(?P<month>0?[1-9]|1[0-2])(?P=separator)(?P<day>[0-2]?\d|3[01])(?!\.?\d)"
)
# 7:00, 21:30: a time of day, one number (the hour) whose minutes are part of it.
_CLOCK = re.compile(r"(?P<hour>[01]?\d|2[0-4]):(?P<minute>[0-5]\d)(?!\d)")
_MERIDIEM_AFTER = re.compile(r"\s*(?:(?P<am>a\.?\s?m)|(?P<pm>p\.?\s?m))(?![A-Za-z])\.?", re.IGNORECASE)
_DAYS = r"(?P<first>\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:[-–,&]|and|to|or)\s*(?P<last>\d{1,2})(?:st|nd|rd|th)?)?"
# 30 October, 3 and 4 February, 1–10 January, the 30th of October.
_DAYS_BEFORE_MONTH = re.compile(rf"(?:\bthe\s+)?\b{_DAYS}\s+(?:of\s+)?$")
# October 30, Oct. 30th, February 3 and 4; not a time (March 8:00) or a count (May 5 percent).
_DAYS_AFTER_MONTH = re.compile(rf"\s+(?:the\s+)?{_DAYS}\b(?![:.]\d)(?!\s*(?:%|per|years?|days?))")
_DATE_YEAR = re.compile(r",?\s+[12]\d{3}\b")
_PERCENT_AFTER = re.compile(r"\s*(?:%|per\s?cent\b|percent\b)", re.IGNORECASE)
_LETTERS = re.compile(r"[A-Za-z]+")
_LETTERS_BEFORE = re.compile(r"(?<![A-Za-z])[A-Za-z]+$")
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)(?![A-Za-z])")
# 1990s, 10x, 10k: a letter after the digits that does not make them a name.
_SUFFIX = re.compile(r"(?:s|x|k|K)(?![A-Za-z])")
# 10k, 26 kilobases: thousands.
_THOUSANDS_AFTER = re.compile(r"[kK](?![A-Za-z])|\s*kilo(?!met)", re.IGNORECASE)
# $5bn, RMB 100bn, 300m: a scale abbreviated after the digits.
_SCALE_SUFFIXES = {"m": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12}
_SCALE_SUFFIX = re.compile(r"(?:m|mn|bn|tn)(?![A-Za-z])", re.IGNORECASE)
# 42.000 written with a continental thousands separator.
_DOTTED_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
# 1957–58, 2019-20: the second year of a range, abbreviated.
_YEAR_RANGE_BEFORE = re.compile(r"(?P<century>\d\d)\d\d\s*[-–]\s*$")
# What may stand between the words of one number; _spelled_numbers decides what joins.
_WORD_GAP = re.compile(r"[\s-]*(?:(?:and|of)[\s-]+)?(?:an?[\s-]+)?")
# 14 to 22 million, S$1.2 to S$1.5 billion.
_RANGE_GAP = re.compile(r"\s*(?:[-–]|to|and|or)\s*(?:[A-Z]{0,3}[$€£¥])?")
# 2.5 million, $300+ billion, a 100-billion industry.
_SCALE_GAP = re.compile(r"\+?(?:\s*|-)")
_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an|one|per|every)[\s-]+$", re.IGNORECASE)
_MULTIPLYING = ("scale", "measure")
# The kinds of number words that make a new value with a word next to them.
_JOINING = (*_MULTIPLYING, "tens", "fraction")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_VALID_ROMAN = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})")
# A decimal point right after these is a label's dot (Fig.2), not the start of .25.
_NOT_BEFORE_DECIMAL_POINT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.)]")


# The start of a digit token: a digit, or a decimal point before one. The class opens the
# pattern so that the search skips in C to the next candidate (a pattern opening with \d gets
# no such skip); it takes every character past ASCII, rare in English, which \d then tests.
# It is written as the ASCII characters it leaves out: re compiles [0-9.\x80-\U0010ffff] by
# walking 65,536 code points (8 ms at every start).
_DIGIT_TOKEN_START = re.compile(r"[^\x00-\x2d/:-\x7f](?:(?<=\d)|(?<=\.)(?=\d))")


# Where a digit token starts, what read_target reads otherwise than as its digits: a leading
# decimal point or a label's dot, a date in digits, a clock time (one pattern, one match).
_READ_OTHERWISE = re.compile(rf"\.|{_NUMERIC_DATE.pattern}|{_CLOCK.pattern}")


@cache
def _multiplying_words() -> tuple[str, ...]:
    """The scale and measure words, less those holding another (millions, decades), which
    that one finds in a text."""
    words = {word for word, entry in _number_words().items() if entry.kind in _MULTIPLYING}
    return tuple(sorted(word for word in words if not any(other != word and other in word for other in words)))


def plain_digit_values(text: str) -> frozenset[float] | None:
    """The values of the English numbers in digits when read_target would read each as written
    (its digits, thousands commas and decimals), without reading the rest of the text: None when
    any may be read otherwise (a date in digits, a clock time, a leading decimal point or a
    label's dot, "3, 200", or a scale or measure word anywhere, which may multiply one)."""
    lowered = text.lower()
    for word in _multiplying_words():
        if word in lowered:
            return None
    values = set()
    position = 0
    while (start := _DIGIT_TOKEN_START.search(text, position)) is not None:
        begin = start.start()
        if _READ_OTHERWISE.match(text, begin):
            return None
        digits = _DIGITS.match(text, begin)
        written = digits.group()
        if ", " in written:
            return None
        values.add(value_key(float(written.replace(",", ""))))
        position = digits.end()
    return frozenset(values)


class PlainWords(NamedTuple):
    """What plain_word_values reads: the values of the number words of a text."""

    values: frozenset[float]
    # Those worth two or more of words that are no counts: each may be a changed number
    # unless the source states it.
    changeable: frozenset[float]


# The comparison of a pair asks for the words of its English up to twice (its shortcut before
# the source is read, then the one after): the last text's are kept.
@lru_cache(maxsize=1)
def plain_word_values(text: str) -> PlainWords | None:
    """The values of the number words of ``text`` (whose digits plain_digit_values reads as
    written) when each word is a number of its own: a count ("both", "twice") or any other word
    worth a number, which is no changed number if the source states it (``changeable`` lists
    those worth two or more). None when a word may be anything else: a word that may join
    another into a new value (a scale, a measure, a tens word, a fraction: "two and a half"), a
    Roman numeral read as a number, or a date or time in digits."""
    values = set()
    changeable = set()
    for kind, match in _tokens(text):
        if kind == "word":
            word = _word(match.group())
            if word.kind in _JOINING:
                return None
            value = value_key(word.value)
            values.add(value)
            if word.kind != "count" and value >= 2:
                changeable.add(value)
        elif kind == "roman" and _roman_number(text, match) is not None:
            return None  # a Roman numeral read as a number
        elif kind not in ("digits", "month", "roman"):
            return None  # a date or a time written in digits
    return PlainWords(frozenset(values), frozenset(changeable))


@cache
def _month_names() -> re.Pattern[str]:
    """A month name with no letter after it. The pattern opens with the names' first letters,
    so a search skips in C from one of them to the next; whether a letter stands before a name
    is asked of each one found (a look behind opening the pattern is tried at every character)."""
    return re.compile(rf"{_month_alternation()}(?![A-Za-z])")


def month_dates(text: str) -> list[TargetDate]:
    """The dates read_target reads in ``text`` when it holds no date in digits (whose digits
    plain_digit_values reads as written): one at each month name, a whole run of letters that
    is no number word (no month name is one). A name found after a letter is no date, and no
    name starts inside it: every letter of it has a letter before."""
    return [
        _date(text, match)
        for match in _month_names().finditer(text)
        if text[match.start() - 1 : match.start()] not in _ASCII_LETTERS
    ]


def read_target(text: str) -> TargetNumbers:
    quantities: list[Quantity] = []
    dates: list[TargetDate] = []
    words: list[tuple[re.Match[str], _Word]] = []
    for kind, match in _tokens(text):
        if kind == "word":
            word = _word(match.group())
            if words and not _WORD_GAP.fullmatch(text, words[-1][0].end(), match.start()):
                quantities.extend(_spelled_numbers(text, words))
                words = []
            if not words and word.kind in _MULTIPLYING and _multiplies(text, quantities[-1:], match.start()):
                quantities[-1] = _multiplied(text, quantities[-1], match, word)
                if word.kind == "scale":
                    _share_scale(text, quantities, word.value)
            else:
                words.append((match, word))
            continue
        if words:
            quantities.extend(_spelled_numbers(text, words))
            words = []
        if kind == "numeric date":
            quantities.append(_numeric_date_year(match))
            dates.append(TargetDate(*match.span(), match.group(), int(match.group("month")), (int(match.group("day")),)))
        elif kind == "clock":
            quantities.append(_clock_time(text, match))
        elif kind == "digits":
            quantities.append(_digit_number(text, match))
            if _THOUSANDS_AFTER.match(text, quantities[-1].end):
                _share_scale(text, quantities, 1000)
        elif kind == "month":
            dates.append(_date(text, match))
        else:
            roman = _roman_number(text, match)
            if roman is not None:
                quantities.append(roman)
    quantities.extend(_spelled_numbers(text, words))
    return TargetNumbers(tuple(quantities), tuple(dates))


def _word(letters: str) -> _Word:
    lowered = letters.lower()
    return _number_words().get(lowered) or _number_words()[lowered[: -len(_FOLD)]]


def _numeric_date_year(match: re.Match[str]) -> Quantity:
    """The year of 2021.6.11, which the source's year is matched against."""
    year = match.group("year")
    return Quantity(*match.span("year"), year, value_key(float(year)), kind=Kind.YEAR)


def _clock_time(text: str, match: re.Match[str]) -> Quantity:
    """9:30 is the hour 9 with 30 minutes (九时三十分 says both); 15:00 is also 3 (下午3时)."""
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    readings = {value_key(hour - 12)} if hour > 12 else set()
    meridiem, end = _meridiem(text, match.end())
    if meridiem is None and hour > 12:
        meridiem = "p.m."
    return Quantity(
        match.start(),
        end,
        text[match.start() : end],
        value_key(hour),
        frozenset(readings),
        meridiem=meridiem,
        minutes=value_key(minute) if minute else None,
    )


def _meridiem(text: str, position: int) -> tuple[str | None, int]:
    """("a.m." or "p.m.", where it ends) when one follows ``position``, else (None, position)."""
    after = _MERIDIEM_AFTER.match(text, position)
    if after is None:
        return None, position
    return ("a.m." if after.group("am") else "p.m."), after.end()


def _digit_number(text: str, match: re.Match[str]) -> Quantity:
    written = match.group()
    value = float(written.replace(",", "").replace(" ", ""))
    readings: set[float] = set()
    start, end = match.span()
    kind = Kind.PLAIN
    meridiem, after_meridiem = _meridiem(text, end) if value <= 12 and value.is_integer() else (None, end)
    if meridiem is not None:
        end = after_meridiem
    elif _ORDINAL_SUFFIX.match(text, end):
        kind, end = Kind.ORDINAL, end + 2
    elif (percent := _PERCENT_AFTER.match(text, end)) is not None:
        # The sign or word is part of the number a finding quotes: '6%', not '6'.
        kind, end = Kind.PERCENT, percent.end()
    elif 1000 <= value < 3000 and value.is_integer() and "," not in written:
        kind = Kind.YEAR
    if ", " in written:  # 3, 200 is 3,200, unless it is two numbers of a list
        readings.update(value_key(float(part)) for part in written.split(", "))
    if _DOTTED_THOUSANDS.fullmatch(written):
        readings.add(value_key(float(written.replace(".", ""))))
    if _THOUSANDS_AFTER.match(text, end):
        readings.add(value_key(value * 1000))
    scale_suffix = _SCALE_SUFFIX.match(text, end)
    if scale_suffix is not None:  # $5bn, 300m: the number in millions or billions (300m may be metres)
        readings.add(value_key(value * _SCALE_SUFFIXES[scale_suffix.group().lower()]))
        end = scale_suffix.end()
    year_range = _YEAR_RANGE_BEFORE.search(text, max(0, start - 7), start) if len(written) == 2 else None
    if year_range is not None:
        readings.add(value_key(float(year_range.group("century") + written)))
    before, after = text[start - 1 : start], text[end : end + 1]
    glued_before = (before.isalpha() and not _currency_code_before(text, start)) or (
        before == "-" and text[start - 2 : start - 1].isalpha()
    )
    glued_after = (
        after.isalpha()
        and not _SUFFIX.match(text, end)
        and meridiem is None
        and scale_suffix is None
        and not _unit_symbol_at(text, end)
    )
    # 24/7, 9/11, 0.31/100,000: digits joined by a slash are a code or a ratio.
    slashed = before == "/" or after == "/"
    in_name = glued_before or glued_after or slashed or numbers_a_placeholder(text, start, end)
    return Quantity(
        start, end, text[start:end], value_key(value), frozenset(readings), kind, in_name=in_name, meridiem=meridiem
    )


def _currency_code_before(text: str, position: int) -> bool:
    """RMB399, RM23 million: a currency code glued to the digits, which leaves them an amount."""
    letters = _LETTERS_BEFORE.search(text, max(0, position - 4), position)
    return letters is not None and letters.group() in word_set("numbers/english-currency-codes.txt")


def _unit_symbol_at(text: str, position: int) -> bool:
    """5kg, 100ml: a unit symbol glued to the digits, which leaves them a quantity."""
    letters = _LETTERS.match(text, position)
    return letters is not None and letters.group() in word_set("numbers/english-unit-symbols.txt")


def _multiplies(text: str, previous: list[Quantity], start: int) -> bool:
    """Whether a scale word at ``start`` multiplies the digits just before it (2.5 million)."""
    return (
        bool(previous)
        and not previous[0].spelled
        and previous[0].kind in (Kind.PLAIN, Kind.YEAR)
        and _SCALE_GAP.fullmatch(text, previous[0].end, start) is not None
    )


def _multiplied(text: str, number: Quantity, match: re.Match[str], word: _Word) -> Quantity:
    readings = {value_key(reading * word.value) for reading in number.readings}
    if word.kind == "measure":
        readings |= number.values  # "3 decades" may be 30 years or three of something
    value = value_key(number.value * word.value)
    return Quantity(number.start, match.end(), text[number.start : match.end()], value, frozenset(readings), scaled=True)


def _share_scale(text: str, quantities: list[Quantity], factor: float) -> None:
    """14 to 22 million, 26 to 32 kilobases: the first end of a range may take the scale of the
    second."""
    if len(quantities) < 2:
        return
    first, second = quantities[-2], quantities[-1]
    if first.spelled or first.scaled or not _RANGE_GAP.fullmatch(text, first.end, second.start):
        return
    readings = first.readings | {value_key(value * factor) for value in first.values}
    quantities[-2] = Quantity(first.start, first.end, first.text, first.value, readings, first.kind, scaled=True)


def _spelled_numbers(text: str, words: list[tuple[re.Match[str], _Word]]) -> list[Quantity]:
    """Adjacent number words as numbers: "two hundred and fifty thousand" is one number,
    "one two" two, "twenty-first" an ordinal, "two decades" 20 (or two), "a million" 1,000,000,
    "two and a half million" 2,500,000, "a quarter of a million" 250,000."""
    numbers: list[Quantity] = []
    total = section = 0.0
    start: int | None = None
    end = 0
    previous: _Word | None = None
    scaled = False
    # Other readings: two and a half years may render 两年半 (2), two decades 两个十年 (2).
    readings: set[float] = set()

    def close(kind: Kind = Kind.PLAIN) -> None:
        nonlocal total, section, start, previous, scaled
        if start is not None:
            percent = _PERCENT_AFTER.match(text, end) if kind is Kind.PLAIN else None
            stop = end if percent is None else percent.end()
            value = value_key(total + section)
            kind = kind if percent is None else Kind.PERCENT
            numbers.append(Quantity(start, stop, text[start:stop], value, frozenset(readings), kind, scaled=scaled, spelled=True))
        total = section = 0.0
        start, previous, scaled = None, None, False
        readings.clear()

    def begin(match: re.Match[str], value: float) -> None:
        nonlocal start, section, end
        close()
        start, section, end = match.start(), value, match.end()

    for match, word in words:
        gap = frozenset(text[end : match.start()].replace("-", " ").split()) if start is not None else frozenset()
        plural = match.group().lower().endswith("s")
        if word.kind == "count":
            begin(match, word.value)
            close(Kind.COUNT)
            continue
        if word.kind == "fraction":
            if previous is not None and previous.kind in ("unit", "tens", "scale") and gap == {"and", "a"}:
                readings.add(value_key(total + section))
                section += word.value
            else:
                begin(match, word.value)
        elif word.kind == "measure":
            if previous is not None and previous.kind != "ordinal" and not gap:
                readings.add(value_key(total + section))
                section, total, scaled = (total + section) * word.value, 0.0, True
            else:
                close()
                if not plural:  # "a decade"; "decades" alone says no number
                    begin(match, word.value)
                    close(Kind.COUNT)
                continue
        elif word.kind == "scale":
            joins = previous is not None and (not gap or (previous.kind == "fraction" and gap <= {"of", "a", "an"}))
            if not joins:
                if plural or not _INDEFINITE_BEFORE.search(text, max(0, match.start() - 8), match.start()):
                    close()
                    continue  # "thousands of people", a bare "hundred": no value
                begin(match, 1.0)
            if word.value == 100:
                section = (section or 1.0) * 100
            else:
                total, section = total + (section or 1.0) * word.value, 0.0
            multiplied = {value_key(reading * word.value) for reading in readings}
            readings.clear()
            readings.update(multiplied)
            scaled = True
        else:
            joins = previous is not None and (not gap or (gap == {"and"} and previous.kind == "scale")) and (
                (previous.kind == "tens" and word.value < 10) or (previous.kind == "scale" and word.value < 100)
            )
            if joins:
                section += word.value
            else:
                begin(match, word.value)
        previous, end = word, match.end()
        if word.kind == "ordinal":
            close(Kind.ORDINAL)
    close()
    return numbers


def _date(text: str, match: re.Match[str]) -> TargetDate:
    month = _months()[match.group()]
    start, end = match.span()
    # Oct. 30: an abbreviation's point is part of the date; after a full name it ends the sentence.
    end += match.group() != month_name(month) and text[end : end + 1] == "."
    days: tuple[int, ...] = ()
    before = _DAYS_BEFORE_MONTH.search(text, max(0, start - 24), start)
    after = _DAYS_AFTER_MONTH.match(text, end) if not text[end : end + 1].isalpha() else None
    if before is not None:
        days, start = _days(before), before.start()
    elif after is not None:
        days, end = _days(after), after.end()
    # October 30, 2020: the year belongs to the date (a Chinese date often leaves it implicit).
    year = _DATE_YEAR.match(text, end)
    if year is not None:
        end = year.end()
    return TargetDate(start, end, text[start:end], month, days)


def _days(match: re.Match[str]) -> tuple[int, ...]:
    first = int(match.group("first"))
    last = int(match.group("last")) if match.group("last") else first
    return tuple(day for day in range(first, last + 1) if 1 <= day <= 31) if last >= first else (first, last)


_ROMAN_HEADS = "numbers/roman-numeral-heads.txt"


@cache
def _longest_roman_head() -> int:
    return max(map(len, word_set(_ROMAN_HEADS)), default=0)


def _word_before(text: str, position: int) -> str:
    """The word before ``position``, dashes and spaces aside (Level I, Phase - V), read back no
    further than the longest Roman numeral head: copying all the text before every lone I is
    quadratic. A longer word is cut, and no head either way."""
    end = position
    while end and text[end - 1] in " -":
        end -= 1
    while end and text[end - 1].isspace():
        end -= 1
    return (text[max(0, end - _longest_roman_head() - 1) : end].split() or [""])[-1]


def _roman_number(text: str, match: re.Match[str]) -> Quantity | None:
    letters = match.group()
    if len(letters) == 1 and _word_before(text, match.start()) not in word_set(_ROMAN_HEADS):
        return None  # a lone "I" is the pronoun
    value = 0
    for index, letter in enumerate(letters):
        worth = _ROMAN_VALUES[letter]
        following = _ROMAN_VALUES[letters[index + 1]] if index + 1 < len(letters) else 0
        value += -worth if worth < following else worth
    return Quantity(match.start(), match.end(), letters, value_key(value), spelled=True)
