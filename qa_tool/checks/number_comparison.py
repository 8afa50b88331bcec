"""Comparing the numbers of a pair once for all the number rules (NU01–NU05).

Each number the source requires (chinese_numbers.read_source) must be found in the English with
the same value; an unmatched one is paired with an English number nobody in the source
accounts for (same sort: a year with a year, a percentage with a percentage; nearest in
relative position), which makes it a changed number, or else it is missing. Dates are compared
whole first, so a wrong day is one finding about the date. Whatever English digits are left
over were added. The rules share one comparison per pair: the engine runs them one after the
other on the same pair, so the last comparison is kept and reused.

Most pairs are settled before the full comparison, which reads every number word of the
English: a Chinese source whose only numeral is a lone 一 needs nothing of an English without
digits, and when the English digits, read as written, are each a value the source states and
each source number, read as written, is one of them or of the English number words, nothing is
left to report (dates, times of day and approximations excepted); failing that, the same holds
of the source's numbers as read in full. Each shortcut
takes only pairs on which the full comparison finds nothing (tests/test_check_numbers.py).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import defaultdict, deque
from dataclasses import dataclass
from itertools import islice

from qa_tool.checks.base import Matching, any_of
from qa_tool.checks.chinese_numbers import REQUIRED_NUMERAL, plain_source_values, read_source, requires_numbers
from qa_tool.checks.conditions import DIGITS_IN_TARGET
from qa_tool.checks.english_numbers import month_dates, month_name, plain_digit_values, plain_word_values, read_target
from qa_tool.checks.number_types import Covered, Kind, Quantity, SourceDate, SourceNumbers, TargetDate, TargetNumbers, value_key
from qa_tool.model import Side, Span, quick_init
from qa_tool.normalise import NormalisedPair
from qa_tool.resources import word_set

# An approximate source number (十余家, 二十多年) is rendered within these factors of its value.
_APPROXIMATE_RANGE = (0.5, 2.0)
# How far apart a source number and an English one may be and still be one number changed.
_CHANGE_REACH = 100
# Powers of ten a 万/亿 conversion slip can be off by (1.5万 as 1,500 or 150,000; 3亿 as 3 billion).
_SCALE_SLIPS = frozenset({-4, -3, -2, -1, 1, 2, 3, 4})
_DIGIT = re.compile(r"\d")
_DAY_UNITS = ("日", "号")
_SCALE_NAMES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
# Past this many numbers on one side a segment is a table or a dump pasted whole, not text a
# translator renders figure by figure (the dev segments hold at most 15). Reading and comparing
# costs about 10 µs a number, half a second for the 50,000 of a 100,000-character segment, for
# findings nobody reads past the 20 per rule the engine lists; such a pair is not compared.
_MOST_NUMBERS = 1_000
_NUMBER_RUN = re.compile(r"[\d〇零一二两三四五六七八九十百千万亿]+")
# Enclosed and parenthesised numbers (①, ⑵, ⒈, ㈠, ㊀): list markers that NFKC turns into digits.
_ENCLOSED = re.compile("[\u2460-\u24ff\u3220-\u325f\u3280-\u32bf]")


@quick_init
@dataclass(frozen=True, slots=True)
class NumberChange:
    source: Quantity
    target: Quantity

    @property
    def scale_slip(self) -> bool:
        """A 万/亿 or thousand/million conversion off by a power of ten."""
        if not (self.source.scaled or self.target.scaled) or not self.source.value or not self.target.value:
            return False
        # Magnitudes only, and only finite ratios: a sign or a value too large for a float
        # (a run of 400 digits) is not a slip of scale.
        ratio = abs(self.target.value) / abs(self.source.value)
        if not math.isfinite(ratio) or ratio == 0:
            return False
        exponent = math.log10(ratio)
        return round(exponent) in _SCALE_SLIPS and math.isclose(exponent, round(exponent), abs_tol=1e-9)


@quick_init
@dataclass(frozen=True, slots=True)
class DateChange:
    source: SourceDate
    target: TargetDate


@quick_init
@dataclass(frozen=True, slots=True)
class Comparison:
    changed: tuple[NumberChange, ...] = ()
    missing: tuple[Quantity, ...] = ()
    changed_dates: tuple[DateChange, ...] = ()
    # Dates of which the English gives neither the month nor the day.
    missing_dates: tuple[SourceDate, ...] = ()
    added: tuple[Quantity, ...] = ()


_NOTHING = Comparison()
# The pairs a comparison can find anything in (its own first test): digits in the English, or
# in the Chinese a numeral other than a lone 一 (requires_numbers).
NUMBERS = any_of(
    DIGITS_IN_TARGET,
    Matching(Side.SOURCE, REQUIRED_NUMERAL, "digits or Chinese numerals other than a lone 一", matching_view=True),
)
_last: tuple[NormalisedPair, Comparison] | None = None


def compare(pair: NormalisedPair) -> Comparison:
    """The number comparison of ``pair``, computed once however many rules ask."""
    global _last
    last = _last
    if last is not None and last[0] is pair:
        return last[1]
    result = _compare(pair)
    _last = (pair, result)
    return result


def _compare(pair: NormalisedPair) -> Comparison:
    source_text, target_text = pair.source_match.text, pair.target_match.text
    # Without digits in the English only source numbers can be wrong; most pairs stop here.
    target_has_digits = _DIGIT.search(target_text) is not None
    if not target_has_digits and not requires_numbers(source_text):
        return _NOTHING
    if _too_many_numbers(source_text) or _too_many_numbers(target_text):
        return _NOTHING
    # An English without digits has none to read otherwise.
    digits = plain_digit_values(target_text) if target_has_digits else frozenset()
    if digits is not None and _numerals_settle(digits, source_text, target_text):
        return _NOTHING
    source = read_source(source_text)
    if not target_has_digits and not (source.required or source.dates):
        return _NOTHING
    if digits is not None and _digits_settle(source, digits, target_text):
        return _NOTHING
    return _compare_read(pair, source, read_target(target_text))


def _compare_read(pair: NormalisedPair, source: SourceNumbers, target: TargetNumbers) -> Comparison:
    """The comparison of the numbers read from both sides."""
    source_text, target_text = pair.source_match.text, pair.target_match.text
    changed_dates, missing_dates, date_spans = _compare_dates(source, target)
    unmatched = _unmatched(pair, source.required, target.quantities)
    candidates = [
        quantity
        for quantity in target.quantities
        if quantity.kind is not Kind.COUNT
        and not quantity.in_name
        and not (quantity.spelled and quantity.value < 2)
        and quantity.value not in source.explained
        and quantity.readings.isdisjoint(source.explained)
        and quantity.start not in date_spans
    ]
    changed, missing = _half_day_changes(source.required, target.quantities), []
    for quantity in unmatched:
        counterpart = _counterpart(quantity, candidates, len(source_text), len(target_text))
        if counterpart is None:
            if not quantity.droppable:
                missing.append(quantity)
        else:
            candidates.remove(counterpart)
            changed.append(NumberChange(quantity, counterpart))
    added = [quantity for quantity in candidates if not quantity.spelled]
    if any(quantity.kind is Kind.YEAR for quantity in added) and any(
        word in source_text for word in word_set("numbers/relative-years.txt")
    ):
        added = [quantity for quantity in added if quantity.kind is not Kind.YEAR]
    if not (changed or missing or changed_dates or missing_dates or added):
        return _NOTHING
    return Comparison(tuple(changed), tuple(missing), tuple(changed_dates), tuple(missing_dates), tuple(added))


def _numerals_settle(digits: frozenset[float], source_text: str, target_text: str) -> bool:
    """Whether the numbers as written show there is nothing to report, before the source is
    read (plain_source_values): each English digit (``digits``, plain_digit_values) is a value
    the source states, and every number the source requires has the value of an English digit
    or number word (plain_word_values, any value). No source number is then unmatched, so none
    is missing or changed, and no English digit is added."""
    plain = plain_source_values(source_text)
    if plain is None or not digits <= plain.stated:
        return False
    left = plain.required - digits
    if not left:
        return True
    words = plain_word_values(target_text)
    return words is not None and left <= words.values


def _digits_settle(source: SourceNumbers, digits: frozenset[float], target_text: str) -> bool:
    """Whether the values of the English digits (plain_digit_values) show there is nothing to
    report, as in most pairs: each of them is a value the source states, and each source number
    is one of them, or else is the value of a number word of its own or may be dropped (两个 as
    "both", or not said), while no number word is a changed number (plain_word_values: each
    word worth two or more that is no count is a value the source states; the English is then
    read only for its words). The spelled numbers could only match source numbers and are
    never added ones, and nothing multiplies the digits. Dates are compared as the full
    comparison compares them, with the English dates alone (month_dates): a date changed or
    missing, even one the English may give some other way (10/30), is left to it, and so are
    times of day."""
    if any(quantity.meridiem is not None for quantity in source.required):
        return False
    if not digits <= source.explained:
        return False
    if source.dates:
        changed_dates, missing_dates, _ = _compare_dates(source, TargetNumbers((), month_dates(target_text)))
        if changed_dates or missing_dates:
            return False
    left = [quantity for quantity in source.required if quantity.value not in digits]
    if not left:
        return True
    words = plain_word_values(target_text)
    return (
        words is not None
        and words.changeable <= source.explained
        and all(quantity.droppable or quantity.value in words.values for quantity in left)
    )


def _unmatched(pair: NormalisedPair, required: tuple[Quantity, ...], quantities: tuple[Quantity, ...]) -> list[Quantity]:
    """The source numbers whose value no English number has."""
    if not required:
        return []
    values = _Values(quantities)
    return [quantity for quantity in required if not values.give(quantity) and _written_as_number(pair, quantity)]


def _too_many_numbers(text: str) -> bool:
    """Whether ``text`` holds more than _MOST_NUMBERS runs of digits or Chinese numerals (found
    in C, and no further than the first run past the limit). Runs are apart by a character at
    least, so a text shorter than twice the limit holds too few: most pairs stop at its length."""
    if len(text) <= 2 * _MOST_NUMBERS:
        return False
    return next(islice(_NUMBER_RUN.finditer(text), _MOST_NUMBERS, None), None) is not None


def _half_day_changes(required: tuple[Quantity, ...], quantities: tuple[Quantity, ...]) -> list[NumberChange]:
    """Times whose hour the English keeps but puts in the other half of the day (上午10时 as
    "10 p.m."). An English time without a.m. or p.m. is taken as right."""
    if all(quantity.meridiem is None for quantity in required):
        return []
    # Per hour, the first English time at it and the halves of the day it is given in, so that
    # each source time is looked up rather than compared with every English one.
    first_at: dict[float, int] = {}
    halves_at: dict[float, set[str]] = defaultdict(set)
    for index, timed in enumerate(quantities):
        if timed.meridiem is not None:
            for hour in _hours(timed):
                first_at.setdefault(hour, index)
                halves_at[hour].add(timed.meridiem)
    changes = []
    for quantity in required:
        hours = [hour for hour in quantity.values if hour in first_at]
        if quantity.meridiem is None or not hours or any(quantity.meridiem in halves_at[hour] for hour in hours):
            continue
        changes.append(NumberChange(quantity, quantities[min(first_at[hour] for hour in hours)]))
    return changes


def _written_as_number(pair: NormalisedPair, quantity: Quantity) -> bool:
    """False for numbers that only NFKC made (list markers ⑵ ①, ⒈) and for numbers inside
    encoding damage (SG04 reports that): the translator saw no figure there."""
    start, end = pair.source_match.original_span(quantity.start, quantity.end)
    if any(damage.start < end and start < damage.end for damage in pair.source_damage):
        return False
    return not _ENCLOSED.search(pair.pair.source, start, end)


class _Values:
    """The values of the English numbers, sorted once: trying every English number for every
    source number is quadratic when both sides are long."""

    def __init__(self, quantities: tuple[Quantity, ...]) -> None:
        self._set = {value for quantity in quantities for value in quantity.values}
        self._sorted = sorted(self._set)

    def give(self, source: Quantity) -> bool:
        """Whether one of them is ``source``'s value (within the range of an approximation)."""
        if source.approximate:
            low, high = _APPROXIMATE_RANGE
            return any(self._between(low * value, high * value) for value in source.values)
        return not source.values.isdisjoint(self._set)

    def _between(self, low: float, high: float) -> bool:
        index = bisect_left(self._sorted, low)
        return index < len(self._sorted) and self._sorted[index] <= high


def _counterpart(source: Quantity, candidates: list[Quantity], source_length: int, target_length: int) -> Quantity | None:
    """The unexplained English number that most likely renders ``source``."""
    # Every candidate is tried for every unmatched number: what depends on ``source`` alone is
    # read once, not once per candidate.
    is_year, is_percent = source.kind is Kind.YEAR, source.kind is Kind.PERCENT
    as_year, values = _read_as_year(source), source.values
    fitting = [
        candidate
        for candidate in candidates
        if ((candidate.kind is Kind.YEAR) == is_year or as_year)
        and (candidate.kind is Kind.PERCENT) == is_percent
        and (any(_near(s, t) for s in values for t in candidate.values) or NumberChange(source, candidate).scale_slip)
    ]
    if not fitting:
        return None
    where = source.start / max(source_length, 1)
    return min(fitting, key=lambda candidate: abs(candidate.start / max(target_length, 1) - where))


def _hours(quantity: Quantity) -> frozenset[float]:
    """The values of a number without the minutes of a time (9:30 is 9, or 21)."""
    return quantity.readings | {quantity.value}


def _read_as_year(quantity: Quantity) -> bool:
    """98年 and 90年代 are years or counts (98 years, the 90s): English may write either."""
    return any(1000 <= reading < 3000 for reading in quantity.readings)


def _near(first: float, second: float) -> bool:
    """Within a factor of _CHANGE_REACH: 30 and 13 may be one number mistyped, a million and 150
    are two different numbers."""
    low, high = sorted((abs(first), abs(second)))
    return high <= low * _CHANGE_REACH if low else high <= _CHANGE_REACH


def _compare_dates(
    source: SourceNumbers, target: TargetNumbers
) -> tuple[list[DateChange], list[SourceDate], Covered]:
    """Changed and missing dates, and the English date spans the date comparison accounts for."""
    covered = Covered((t.start, t.end) for t in target.dates)
    if not source.dates:
        return [], [], covered
    # Each English date waits, in order, under its month and under each of its days; one
    # already claimed is skipped when reached, so many dates on both sides stay linear.
    waiting: dict[tuple[int, int | None], deque[int]] = defaultdict(deque)
    for index, date in enumerate(target.dates):
        for day in (None, *date.days):
            waiting[date.month, day].append(index)
    claimed: set[int] = set()
    unresolved = []
    for date in source.dates:
        queue = waiting.get((date.month, date.day), deque())
        while queue and queue[0] in claimed:
            queue.popleft()
        if queue:
            claimed.add(queue.popleft())
        else:
            unresolved.append(date)
    # 新华社12月12日电……于11日开幕: an English "December 11" is the day the source gives alone,
    # not the dateline changed.
    days_alone = {quantity.value for quantity in source.required if quantity.text.endswith(_DAY_UNITS)}
    unclaimed = [
        date
        for index, date in enumerate(target.dates)
        if index not in claimed and not (date.days and set(map(float, date.days)) <= days_alone)
    ]
    changed, missing = [], []
    next_unclaimed = 0
    for date in unresolved:
        candidate = unclaimed[next_unclaimed] if next_unclaimed < len(unclaimed) else None
        if candidate is not None and not (candidate.month == date.month and not candidate.days):
            changed.append(DateChange(date, candidate))
            next_unclaimed += 1
        else:
            missing.append(date)
    if missing:
        found = _DateParts(target)
        missing = [date for date in missing if not found.gives(date)]
    return changed, missing, covered


class _DateParts:
    """What the English says that may give a date's month or day some other way (10/30, on
    the 30th, 6.11 read as a decimal), gathered once for all the source's dates."""

    def __init__(self, target: TargetNumbers) -> None:
        self._months = {date.month for date in target.dates}
        self._values = {value for quantity in target.quantities for value in quantity.values}
        self._texts = {quantity.text for quantity in target.quantities}

    def gives(self, date: SourceDate) -> bool:
        dotted = {f"{date.month}.{date.day}", f"{date.day}.{date.month}"} if date.day is not None else set()
        return (
            date.month in self._months
            or float(date.month) in self._values
            or (date.day is not None and float(date.day) in self._values)
            or not dotted.isdisjoint(self._texts)
        )


def describe_date(month: int, day: int | None) -> str:
    return month_name(month) + (f" {day}" if day is not None else "")


def describe(quantity: Quantity) -> str:
    """A number as a reader says it: 15,000; 300 million; 50%; over 10."""
    value = quantity.value
    if quantity.meridiem is not None:
        return f"{_plain(value - 12 if value > 12 else value)} {quantity.meridiem}"
    if value >= 1_000_000 and quantity.kind is Kind.PLAIN and quantity.scaled:
        scale, name = next((scale, name) for scale, name in _SCALE_NAMES if value >= scale)
        text = f"{_plain(value / scale)} {name}"
    elif quantity.kind is Kind.ORDINAL and float(value).is_integer():
        text = ordinal(int(value))
    else:
        text = _plain(value) if quantity.kind is Kind.YEAR else _grouped(value)
    if quantity.kind is Kind.PERCENT:
        text += "%"
    return f"over {text}" if quantity.approximate else text


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 11th, 22nd."""
    suffix = "th" if 11 <= number % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number:,}{suffix}"


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value_key(value))


def _grouped(value: float) -> str:
    if value < 10_000:
        return _plain(value)
    return f"{int(value):,}" if float(value).is_integer() else f"{value_key(value):,}"


def source_span(pair: NormalisedPair, start: int, end: int) -> Span:
    return Span(Side.SOURCE, *pair.source_match.original_span(start, end))


def target_span(pair: NormalisedPair, quantity: Quantity | TargetDate) -> Span:
    return Span(Side.TARGET, *pair.target_match.original_span(quantity.start, quantity.end))


def original_text(pair: NormalisedPair, span: Span) -> str:
    """The text under ``span`` as the translator wrote it (traditional script, full width)."""
    text = pair.pair.source if span.side is Side.SOURCE else pair.pair.target
    return text[span.start : span.end]
