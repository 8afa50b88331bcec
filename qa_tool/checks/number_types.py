"""What the number rules (NU01–NU05) read from each side of a pair: quantities and dates with
offsets into the matching view they were read from. Values are floats keyed by ``value_key``;
a number that can be read several ways (``two decades``: 2 or 20; 90年代: 90 or 1990) carries
all its readings."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

from qa_tool.model import quick_init


def numbers_a_placeholder(text: str, start: int, end: int) -> bool:
    """Whether the digits at [start, end) number a placeholder ({2}, %2$s): FM04 and FM05
    compare those, so the number rules do not read them."""
    return (text[start - 1 : start], text[end : end + 1]) in _PLACEHOLDER_EDGES


_PLACEHOLDER_EDGES = frozenset({("{", "}"), ("%", "$")})


class Kind(str, Enum):
    PLAIN = "plain"
    PERCENT = "percent"
    YEAR = "year"
    ORDINAL = "ordinal"
    # English words that say a number without being a numeral (both, twice, a dozen): they
    # satisfy a source number but are never an added one.
    COUNT = "count"


# A named tuple, not a frozen dataclass: a frozen dataclass sets each of its thirteen fields
# through object.__setattr__, about 3 µs a number (1.9 µs with model.quick_init), where a tuple
# is made in one step (0.9 µs); the number rules make one for every number they read. Its tuple behaviour (indexing, equality
# with a plain tuple of the same values) is accepted: nothing reads a Quantity as a tuple.
class Quantity(NamedTuple):
    start: int
    end: int
    # As written: the numeral with its unit in Chinese ("十余家"), the number in English.
    text: str
    # The reading messages give.
    value: float
    # Other readings it may stand for (two decades: also 2; 90年代: also 1990).
    readings: frozenset[float] = frozenset()
    kind: Kind = Kind.PLAIN
    # 十余家, 二十多年: the English may round it ("over ten", "a dozen").
    approximate: bool = False
    # Written with a scale (万, 亿; thousand, million, billion): where scale slips happen.
    scaled: bool = False
    # English digits that belong to a name or code (COVID-19, 3D, 24/7): they match a source
    # number but are never reported as changed or added.
    in_name: bool = False
    # Spelled out in English ("four"), as opposed to written in digits.
    spelled: bool = False
    # A source number English often leaves to the noun (两家机构 "the partners", 两组 "these
    # groups", 昨今两天 "today and yesterday"): checked when changed, not reported when absent.
    droppable: bool = False
    # A time of day on a 12-hour clock: "a.m." or "p.m." (上午10时, 21时; "10 p.m."), else None.
    meridiem: str | None = None
    # The minutes of an English clock time (9:30): they match 30分, but a number that only the
    # source's minutes explain is still the hour, free to be a changed one.
    minutes: float | None = None

    @property
    def values(self) -> frozenset[float]:
        return self.readings | {self.value} | ({self.minutes} if self.minutes else set())


@quick_init
@dataclass(frozen=True, slots=True)
class SourceDate:
    """A Chinese date (2020年10月30日, 10月30日, 9月份)."""

    start: int
    end: int
    text: str
    month: int
    day: int | None
    year: int | None


@quick_init
@dataclass(frozen=True, slots=True)
class TargetDate:
    """An English date with a month name (October 30, 30 Oct., 3 and 4 February, September)."""

    start: int
    end: int
    text: str
    month: int
    # Several for a list or range of days ("1–10 January").
    days: tuple[int, ...]


@quick_init
@dataclass(frozen=True, slots=True)
class SourceNumbers:
    required: tuple[Quantity, ...]
    dates: tuple[SourceDate, ...]
    # Keys of every value the source states, idioms and vague amounts included: an English
    # number with one of these values is accounted for.
    explained: frozenset[float]


@quick_init
@dataclass(frozen=True, slots=True)
class TargetNumbers:
    quantities: tuple[Quantity, ...]
    dates: tuple[TargetDate, ...]


# Whole floats below this in magnitude print exactly in 12 significant digits: their key is themselves.
_EXACT_WHOLE = 1e12


def value_key(value: float) -> float:
    """Equal numbers compare equal however they were computed (0.3 × 10⁹, 3 × 10⁸)."""
    # Most values are whole (counts, years, percentages): formatting one and reading it back,
    # about half a microsecond, gives the same float. Chinese numerals and dates are read as
    # ints, which below the same bound convert exactly.
    if value.__class__ is float and value.is_integer() and -_EXACT_WHOLE < value < _EXACT_WHOLE:
        return value
    if value.__class__ is int and -_EXACT_WHOLE < value < _EXACT_WHOLE:
        return float(value)
    return float(f"{value:.12g}")


class Covered:
    """The positions a set of half-open spans covers, each asked in logarithmic time: trying
    every span for every number is quadratic in a long text full of both."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(span for span in spans if span[0] < span[1]):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def __contains__(self, position: int) -> bool:
        index = bisect_right(self._starts, position) - 1
        return index >= 0 and position < self._ends[index]
