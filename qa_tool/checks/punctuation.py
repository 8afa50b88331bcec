"""What the punctuation rules share: the zh→en map of marks (rules/punctuation/zh-en-marks.tsv),
the end punctuation of a text read through it, and the pairing of quotation marks and
brackets."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from qa_tool.resources import word_map

MARKS_TABLE = "punctuation/zh-en-marks.tsv"

# Closing quotation marks and brackets of either language: a sentence's end punctuation
# may stand inside them ("。”", '?"', ".)").
CLOSERS = "”’\"'）)】]」』》〉〕〗"
# Marks that can end a sentence or a clause, in either language.
_ENDING_MARKS = "。．？！：；，、…—.?!:;,"


def _marks() -> dict[str, str]:
    return word_map(MARKS_TABLE)


# Full-width forms of ASCII and the ideographic space, typed with a Chinese input method in
# full-width mode; their English is their NFKC form.
_FULL_WIDTH = "[\uff01-\uff5e\u3000]"


@lru_cache(maxsize=None)
def _chinese_mark() -> re.Pattern[str]:
    keys = sorted(_marks(), key=len, reverse=True)
    return re.compile("|".join([*(re.escape(key) for key in keys), _FULL_WIDTH]))


@lru_cache(maxsize=None)
def _chinese_mark_run() -> re.Pattern[str]:
    return re.compile(f"(?:{_chinese_mark().pattern})+")


def chinese_mark_runs(text: str) -> Iterator[re.Match[str]]:
    """Runs of Chinese marks (the table's, two-character ones whole) and full-width forms."""
    return _chinese_mark_run().finditer(text)


# Texts end in few distinct runs of marks ("。", "？”", "……"), so their English is kept.
@lru_cache(maxsize=1024)
def in_english(marks: str) -> str:
    """``marks`` with each Chinese or full-width mark replaced by its English one."""
    return _chinese_mark().sub(lambda match: _english_of(match.group()), marks)


def _english_of(mark: str) -> str:
    mapped = _marks().get(mark)
    return mapped if mapped is not None else unicodedata.normalize("NFKC", mark)


@dataclass(frozen=True, slots=True)
class EndMark:
    """The punctuation a text ends with, read as English marks."""

    # The marks in English ("?", "?!", "...", "." for "。"); "" when the text ends in a word.
    english: str
    # [start, end) of the marks as written; for "", of the last character before the closers.
    start: int
    end: int
    # Whether closing quotation marks or brackets follow the marks.
    closed: bool

    @property
    def asks(self) -> bool:
        return "?" in self.english

    @property
    def ends_sentence(self) -> bool:
        """A full stop, question or exclamation mark; an ellipsis trails off instead."""
        return self.english[-1:] in (".", "?", "!") and not self.english.endswith("..")


def end_mark(text: str) -> EndMark | None:
    """How ``text`` ends, through the zh→en map; None for a text of white space only."""
    body = text.rstrip()
    closed_body = body.rstrip(CLOSERS + " ")
    if not closed_body:
        return None
    closed = len(closed_body) < len(body)
    last = len(closed_body)
    start = len(closed_body.rstrip(_ENDING_MARKS))
    if start == last:
        return EndMark("", last - 1, last, closed)
    return EndMark(in_english(closed_body[start:]), start, last, closed)


# --- quotation marks and brackets ---------------------------------------------------------

_STRAIGHT_DOUBLE = '"'
_STRAIGHT_DOUBLE_MARK = re.compile('"')
_CURLY_DOUBLE_MARK = re.compile("[“”]")


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation in double quotation marks, or a lone mark when ``end - start == 1`` and
    ``paired`` is False."""

    start: int
    end: int
    # "curly" (“ ”) or "straight" (").
    style: str
    paired: bool


def straight_double_quotes(text: str) -> list[int]:
    """Offsets of the straight double quotation marks, without inch and second marks
    (27" screen, 5'6"): a mark after a digit is one only when that leaves an even count."""
    positions = [mark.start() for mark in _STRAIGHT_DOUBLE_MARK.finditer(text)]
    if len(positions) % 2:
        after_digit = [index for index in positions if index and text[index - 1].isdigit()]
        if len(after_digit) % 2:
            positions = [index for index in positions if index not in after_digit]
    return positions


def quotations(text: str) -> list[Quotation]:
    """The double quotations of ``text``, in order of their opening mark. Curly marks pair by
    nesting; straight ones pair in order, first with second, third with fourth. A mark left
    over is a lone Quotation."""
    found: list[Quotation] = []
    if "“" in text or "”" in text:
        opened: list[int] = []
        for mark in _CURLY_DOUBLE_MARK.finditer(text):
            index = mark.start()
            if mark.group() == "“":
                opened.append(index)
            elif opened:
                found.append(Quotation(opened.pop(), index + 1, "curly", True))
            else:
                found.append(Quotation(index, index + 1, "curly", False))
        found += [Quotation(index, index + 1, "curly", False) for index in opened]
    if _STRAIGHT_DOUBLE in text:
        straight = straight_double_quotes(text)
        for first, second in zip(straight[0::2], straight[1::2]):
            found.append(Quotation(first, second + 1, "straight", True))
        if len(straight) % 2:
            found.append(Quotation(straight[-1], straight[-1] + 1, "straight", False))
    return sorted(found, key=lambda quotation: quotation.start)


_SOURCE_QUOTE_PAIRS = (("“", "”"), ("「", "」"), ("『", "』"), ("‘", "’"))


def source_quotes_balanced(source: str) -> bool:
    """Whether every quotation of the Chinese opens and closes inside it. When it does not,
    the quotation runs over several segments, and so may the English one."""
    return source.count(_STRAIGHT_DOUBLE) % 2 == 0 and all(
        source.count(opening) == source.count(closing) for opening, closing in _SOURCE_QUOTE_PAIRS
    )


_BRACKETS = {")": "(", "]": "["}
_BRACKET = re.compile(r"[()\[\]]")
# "1)", "a)", "iv)" opening a list item, and smileys: a ")" that closes nothing by design.
_LIST_ITEM_OR_SMILEY = re.compile(r"(?:(?:^|[\s(])(?:[0-9]{1,2}|[A-Za-z]|[ivx]{2,4})|[:;]-?)$")
_SOURCE_BRACKETS = str.maketrans("（）【】〔〕［］〖〗", "()[][][][]")


def unpaired_brackets(text: str) -> list[tuple[int, ...]]:
    """The round and square brackets that do not pair: a lone bracket as ``(index,)``, an
    opening one closed by the other kind ("(]") as ``(opening, closing)``. List items ("1)",
    "a)") and smileys are not brackets."""
    if not _BRACKET.search(text):
        return []
    opened: list[int] = []
    unpaired: list[tuple[int, ...]] = []
    for match in _BRACKET.finditer(text):
        index, char = match.start(), match.group()
        if char in "([":
            opened.append(index)
        elif opened:
            opening = opened.pop()
            if text[opening] != _BRACKETS[char]:
                unpaired.append((opening, index))
        elif not (char == ")" and _LIST_ITEM_OR_SMILEY.search(text, 0, index)):
            unpaired.append((index,))
    return sorted(unpaired + [(index,) for index in opened])


def source_brackets_balanced(source: str) -> bool:
    return not unpaired_brackets(source.translate(_SOURCE_BRACKETS))
