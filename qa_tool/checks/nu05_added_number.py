from __future__ import annotations

import re
from functools import cache
from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.checks.chinese_numbers import chinese_numeral_value, digits_of, read_source
from qa_tool.checks.number_comparison import NUMBERS, compare, original_text, source_span, target_span
from qa_tool.checks.number_types import Kind, Quantity, value_key
from qa_tool.model import Finding, Severity
from qa_tool.normalise import NormalisedPair
from qa_tool.resources import word_map

_NUMERAL = r"(?:\d+|[〇零一二两三四五六七八九十百千]+)"
# An amount starts where its numeral run starts: tried inside a long run, the pattern would
# rescan the run at every character.
_RUN_START = r"(?<![\d〇零一二两三四五六七八九十百千])"
# 十九届, 第十二次, 六中: the number a body has of its own, written straight before its name.
_BODY_NUMBER = re.compile(rf"{_NUMERAL}[届次中]?$")
_BODY_NUMBER_REACH = 8
_ENGLISH_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)", re.IGNORECASE)
# CPC, Hunan, Provincial: capitalised words English puts between an ordinal and the body.
_QUALIFIERS = r"(?:[A-Z][\w'-]*\s+){0,2}"
_MONEY_TAIL = "钱"
# How far before a year an event name written before it (Expo 2020) may start.
_EVENT_NAME_REACH = 40
# 三四五六(年级): numbers listed digit after digit, which an English may run together ('Grade 3456').
_LISTED_DIGITS = re.compile("[〇零一二三四五六七八九]{4,}")


def _names(value: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in value.split(";") if name.strip())


@cache
def _money_units() -> tuple[dict[str, float], dict[str, tuple[float, bool]]]:
    """Units worth a yuan or more, and fractions of a yuan with whether a bare numeral before
    them is money."""
    whole, fractions = {}, {}
    for unit, entry in word_map("numbers/chinese-money-units.tsv").items():
        value, _, mark = entry.partition(" ")
        if float(value) >= 1:
            whole[unit] = float(value)
        else:
            fractions[unit] = (float(value), mark.strip() == "alone")
    return whole, fractions


@cache
def _money_amount() -> re.Pattern[str]:
    whole, fractions = _money_units()
    return re.compile(
        rf"{_RUN_START}(?:(?P<whole>{_NUMERAL})\s*(?P<whole_unit>{'|'.join(map(re.escape, whole))})\s*)?"
        rf"(?P<tenths>{_NUMERAL})\s*(?P<unit>{'|'.join(map(re.escape, fractions))})(?P<tail>{_MONEY_TAIL})?"
    )


@cache
def _english_names(relative: str) -> dict[str, tuple[str, ...]]:
    return {chinese: _names(english) for chinese, english in word_map(relative).items()}


def _value(numeral: str) -> float | None:
    return float(numeral) if numeral.isdigit() else chinese_numeral_value(numeral)


def _money_values(source: str) -> set[float]:
    """五毛 as 0.5 (yuan) or 50 (cents), 三块五毛 as 3.5 or 350."""
    values: set[float] = set()
    whole_units, fractions = _money_units()
    if not any(unit in source for unit in fractions):
        return values
    for match in _money_amount().finditer(source):
        tenths = _value(match.group("tenths"))
        fraction, alone = fractions[match.group("unit")]
        whole = _value(match.group("whole")) if match.group("whole") else None
        if tenths is None or not (alone or whole is not None or match.group("tail")):
            continue
        yuan = tenths * fraction + (whole or 0) * whole_units.get(match.group("whole_unit") or "", 0)
        values |= {value_key(yuan), value_key(yuan * 100)}
    return values


def _unnumbered_bodies(source: str) -> set[str]:
    """The English names of the bodies the source names without a number of their own."""
    names = set()
    for chinese, english in _english_names("numbers/numbered-bodies.tsv").items():
        start = source.find(chinese)
        while start != -1:
            if not _BODY_NUMBER.search(source, max(0, start - _BODY_NUMBER_REACH), start):
                names.update(english)
                break
            start = source.find(chinese, start + 1)
    return names


def _alternation(names: set[str]) -> str:
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


class _SourceAccounts:
    """What the source accounts for beyond the numbers compare() matched: money in tenths of a
    yuan, the year of a named event, a body's ordinal, and a date's month and day written as
    one dotted figure. Read only for pairs with an added number."""

    def __init__(self, pair: NormalisedPair) -> None:
        source = pair.source_match.text
        self._target = pair.target_match.text
        self._money = _money_values(source)
        events = {name for chinese, english in _english_names("numbers/named-events.tsv").items() if chinese in source for name in english}
        self._event_after = re.compile(rf"\s+(?i:{_alternation(events)})\b") if events else None
        self._event_before = re.compile(rf"\b(?i:{_alternation(events)})\s+$") if events else None
        bodies = _unnumbered_bodies(source)
        self._body_after = re.compile(rf"\s+{_QUALIFIERS}(?i:{_alternation(bodies)})\b") if bodies else None
        self._dotted_dates = {
            text
            for date in read_source(source).dates
            if date.day is not None
            for text in (f"{date.month}.{date.day}", f"{date.day}.{date.month}")
        }

    def account_for(self, quantity: Quantity) -> bool:
        return (
            not self._money.isdisjoint(quantity.values)
            or self._in_event_name(quantity)
            or self._body_ordinal(quantity)
            or quantity.text in self._dotted_dates
        )

    def _in_event_name(self, quantity: Quantity) -> bool:
        if quantity.kind is not Kind.YEAR or self._event_after is None or self._event_before is None:
            return False
        return bool(
            self._event_after.match(self._target, quantity.end)
            or self._event_before.search(self._target, max(0, quantity.start - _EVENT_NAME_REACH), quantity.start)
        )

    def _body_ordinal(self, quantity: Quantity) -> bool:
        return (
            self._body_after is not None
            and _ENGLISH_ORDINAL.fullmatch(quantity.text) is not None
            and self._body_after.match(self._target, quantity.end) is not None
        )


class AddedNumber(Rule):
    meta = RuleMeta(
        code="NU05",
        name="added-number",
        category="Accuracy/Addition",
        severity=Severity.MAJOR,
        summary="A number in digits in the English that nothing in the Chinese accounts for.",
        rationale=(
            "A figure the source does not give is either an addition or a number that belongs "
            "to another segment. The rule reports English digits whose value no Chinese number "
            "has (idioms and vague amounts included: 三四个 accounts for '3 or 4', 头号 for "
            "'number 1') and that no source number was found changed into (NU01). Left alone, "
            "because English adds them freely: digits in names and codes (COVID-19, G20, 3D, "
            "24/7), spelled-out words ('one', 'two', 'a couple'), the minutes of a time (7:00 is "
            "one number), the decade of 六七十年代 (the 1960s), the year of an English date "
            "(October 30, 2020) and any year when the source says 今年, 去年 or another "
            "relative year (rules/numbers/relative-years.txt). Also accounted for: money in "
            "tenths of a yuan (五毛 as '50 cents', rules/numbers/chinese-money-units.tsv), the "
            "year in the name of an event the source names (北京冬奥会, 'the Beijing 2022 Winter "
            "Olympics', rules/numbers/named-events.tsv), the ordinal of a Party or state body the "
            "source names without one (全会, 'the 19th Central Committee', "
            "rules/numbers/numbered-bodies.tsv) and the month and day of a source date written "
            "as one figure (2021.6.11 as '6.11. 2021'). English digits that copy a list of Chinese "
            "digits run together (三四五六年级, grades 3 to 6, as 'Grade 3456') are reported as "
            "such, with the list. Major, as expert raters grade additions "
            "(docs/precision.md): a figure the source does not give misinforms; a changed number "
            "is NU01's finding, not this one's."
        ),
        examples=(
            Example("我们有很多蛋白质", "we have 2,000 types of proteins", True, "2,000 is not in the source"),
            Example("新冠肺炎疫情", "the COVID-19 outbreak", False, "a number inside a name"),
            Example("有25万种", "there are 250000 types", False, "25万 is 250,000"),
            Example("一两件事", "one or two things", False, "words are left alone"),
            Example("今年世卫组织启动了试验", "In 2020, WHO launched a trial", False, "今年 is a year"),
            Example("骂你五毛", "call you the 50 cents", False, "五毛 is 0.5 yuan, 50 cents"),
            Example("迎接党的二十大", "to welcome the 21st National Congress", True, "二十大 is the 20th"),
        ),
        trigger=NUMBERS,
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        added = compare(pair).added
        if not added:
            return
        accounts = _SourceAccounts(pair)
        for quantity in added:
            if accounts.account_for(quantity):
                continue
            span = target_span(pair, quantity)
            written = original_text(pair, span)
            listed = _listed_digits(pair, written)
            if listed is None:
                yield self.finding(pair.pair, f"'{written}' in the English is not in the Chinese.", spans=(span,))
                continue
            listed_span = source_span(pair, listed.start(), listed.end())
            yield self.finding(
                pair.pair,
                f"'{written}' runs together the numbers that '{original_text(pair, listed_span)}' lists "
                f"({', '.join(written)}): write them apart.",
                spans=(span, listed_span),
            )


def _listed_digits(pair: NormalisedPair, written: str) -> re.Match[str] | None:
    """The run of the source's Chinese digits that ``written`` (English digits) copies digit for
    digit, if one does: 三四五六年级 ('grades 3 to 6') as 'Grade 3456'."""
    if not written.isdigit() or len(written) < 4:
        return None
    return next(
        (run for run in _LISTED_DIGITS.finditer(pair.source_match.text) if digits_of(run.group()) == written),
        None,
    )
