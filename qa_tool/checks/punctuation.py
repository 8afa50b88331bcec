"""What the punctuation rules share: the zh→en map of marks (rules/punctuation/zh-en-marks.tsv),
the end punctuation of a text read through it, and the pairing of quotation marks and
brackets."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import Iterator, NamedTuple

from qa_tool.checks.base import Matching
from qa_tool.model import Side
from qa_tool.resources import word_map

MARKS_TABLE = "punctuation/zh-en-marks.tsv"

# Closing quotation marks and brackets of either language: a sentence's end punctuation
# may stand inside them ("。”", '?"', ".)"). An opening curly mark at the very end can only be
# a closing one typed the wrong way round ("era. “"), which PU02 reports.
CLOSERS = "”“’‘\"'）)】]」』》〉〕〗"
# The English marks PU05, PU06 and PU08 read, and the spaces PU06 reads before them.
SPACING_MARKS = ",;:.?!"
SPACES_BEFORE_MARKS = " \t\u00a0\u202f"
# A mark with a letter or one of these marks after it (PU05's glued word, PU08's doubled mark) or
# a space before it (PU06): one search a pair, shared by the three rules' triggers, settles
# about 95 pairs in 100, where each rule searched the text for its own.
MARK_BESIDE_WORD_MARK_OR_SPACE = Matching(
    Side.TARGET,
    re.compile(rf"[{SPACING_MARKS}](?:(?=[A-Za-z.,;:])|(?<=[{SPACES_BEFORE_MARKS}].))"),
    "a mark before a letter or mark, or after a space",
)
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


def ends_with_a_mark(text: str) -> bool:
    """Whether ``text`` ends with punctuation (closers after it allowed): whether its end_mark
    has marks. Nearly every text does, which two strips tell without reading the marks."""
    last = text.rstrip().rstrip(CLOSERS + " ")[-1:]
    return last != "" and last in _ENDING_MARKS


# --- quotation marks and brackets ---------------------------------------------------------

_STRAIGHT_DOUBLE = '"'
_STRAIGHT_DOUBLE_MARK = re.compile('"')
_DOUBLE_MARK = re.compile('[“”"]')
_CURLY_DOUBLE_MARK = re.compile("[“”]")
# A mark after a space or one of these and before a word opens a quotation; a mark after a
# word or one of the others and before a space or one of them closes one.
_OPENS_AFTER = "([{<—–-/‘“"
_CLOSES_BEFORE = ".,;:!?)]}>—–-…’”"
_ENDS_WORD = ".,;:!?)]…’'”%"


class Quotation(NamedTuple):
    """A quotation in double quotation marks, or a lone mark when ``end - start == 1`` and
    ``paired`` is False. (A named tuple: a text of thousands of marks makes as many, and a
    frozen dataclass takes several times as long to make.)"""

    start: int
    end: int
    # "curly" (“ ”), "straight" (") or "mixed": marks of two styles, or curly ones the wrong
    # way round (”…“).
    style: str
    paired: bool
    # For a lone mark: whether it opens a quotation (or closes one).
    opens: bool = True


def straight_double_quotes(text: str) -> list[int]:
    """Offsets of the straight double quotation marks, without inch and second marks
    (27" screen, 5'6"): a mark after a digit is one only when that leaves an even count."""
    positions = [mark.start() for mark in _STRAIGHT_DOUBLE_MARK.finditer(text)]
    if len(positions) % 2:
        after_digit = [index for index in positions if index and text[index - 1].isdigit()]
        if len(after_digit) % 2:
            positions = [index for index in positions if index not in after_digit]
    return positions


def facing(text: str, index: int) -> str | None:
    """Which way the mark at ``index`` faces by the text around it: "open" (a space before it,
    a word after it), "close" (a word before it, a space after it), or None."""
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if (before.isspace() or before in _OPENS_AFTER) and (after.isalnum() or after in "‘“'…"):
        return "open"
    if (after.isspace() or after in _CLOSES_BEFORE) and (before.isalnum() or before in _ENDS_WORD):
        return "close"
    return None


def quotations(text: str) -> list[Quotation]:
    """The double quotations of ``text``, in order of their opening mark. Marks are paired by
    nesting, whatever their style. A straight mark faces the way the text around it says; one
    that says nothing either way closes the quotation left open, if there is one, and opens one
    if not. A curly mark faces the way it is drawn, or the way the text says when that leaves
    no more marks unmatched (”Made in Vietnam“ is one quotation with its marks the wrong way
    round, not two lone marks). A mark left over is a lone Quotation; a straight mark after a
    digit that would close nothing is an inch or second mark (a 27" screen)."""
    if '"' not in text and "“" not in text and "”" not in text:
        return []
    if '"' in text:
        straight = set(straight_double_quotes(text))
        marks = [mark.start() for mark in _DOUBLE_MARK.finditer(text) if mark.group() != '"' or mark.start() in straight]
    else:
        marks = [mark.start() for mark in _CURLY_DOUBLE_MARK.finditer(text)]
    as_drawn = _pair(text, marks, curly_by_context=False)
    if all(quotation.style != "mixed" and quotation.paired for quotation in as_drawn):
        return as_drawn
    if not any(facing(text, match.start()) == _TURNED[match.group()] for match in _MAY_BE_TURNED.finditer(text)):
        return as_drawn  # the text turns no curly mark round: read by context, they pair the same
    by_context = _pair(text, marks, curly_by_context=True)
    return by_context if _unmatched(by_context) <= _unmatched(as_drawn) else as_drawn


def _pair(text: str, marks: list[int], curly_by_context: bool) -> list[Quotation]:
    found: list[Quotation] = []
    opened: list[int] = []
    for index in marks:
        mark = text[index]
        # A curly mark faces the way it is drawn unless read by context.
        direction = facing(text, index) if mark == '"' or curly_by_context else None
        if mark != '"' and not direction:
            direction = "open" if mark == "“" else "close"
        if direction == "open" or (direction is None and not opened):
            opened.append(index)
        elif opened:
            opening = opened.pop()
            found.append(Quotation(opening, index + 1, _PAIR_STYLE.get((text[opening], mark), "mixed"), True))
        elif not (mark == '"' and index and text[index - 1].isdigit()):
            found.append(Quotation(index, index + 1, _LONE_STYLE[mark], False, opens=False))
    # Made from tuples: a text of thousands of lone marks makes as many.
    found += map(Quotation._make, [(index, index + 1, _LONE_STYLE[text[index]], False, True) for index in opened])
    return sorted(found, key=_START)


_START = attrgetter("start")
# The curly marks that the text around them may turn round: only after a word or a mark that
# ends one can "“" face "close" (see facing), only after a space, the start or a mark that
# opens a quotation can "”" face "open".
_MAY_BE_TURNED = re.compile(rf"(?<=[^\s{re.escape(_OPENS_AFTER)}])“|(?:^|(?<=[\s{re.escape(_OPENS_AFTER)}]))”")
_TURNED = {"“": "close", "”": "open"}


def _unmatched(found: list[Quotation]) -> int:
    return sum(1 for quotation in found if quotation.style == "mixed" or not quotation.paired)


# The style of a quotation by its opening and closing marks ("mixed" for any other pair), and
# of a lone mark.
_PAIR_STYLE = {('"', '"'): "straight", ("“", "”"): "curly"}
_LONE_STYLE = {'"': "straight", "“": "curly", "”": "curly"}


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
# ":(" and ":-(": a sad smiley opens nothing.
_SAD_SMILEY = re.compile(r"(?:^|\s)[:;]-?$")
# Full-width brackets are brackets too: "（especially the brain)" pairs, and its '（' is PU01's.
_FULL_WIDTH_BRACKETS = str.maketrans("（）【】〔〕［］〖〗", "()[][][][]")
# Every character the bracket pairing reads, ASCII and full-width: PU03's trigger.
BRACKETS = frozenset("()[]").union(map(chr, _FULL_WIDTH_BRACKETS))
# The two patterns above match at most six characters before a bracket (" viii" and a final
# newline), so they are searched for in that many only: a search of the whole text before
# every bracket is quadratic in a long run of them. Neither matches unless the character
# before the bracket is one of these, which is tested first.
_LOOKBACK = 8
_SMILEY_ENDS = frozenset(":;-\n")
_LIST_ITEM_OR_SMILEY_ENDS = _SMILEY_ENDS | frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def unpaired_brackets(text: str) -> list[tuple[int, ...]]:
    """The round and square brackets, full-width ones too, that do not pair: a lone bracket
    as ``(index,)``, an opening one closed by the other kind ("(]") as ``(opening, closing)``.
    List items ("1)", "a)") and smileys are not brackets."""
    text = text.translate(_FULL_WIDTH_BRACKETS)
    if not _BRACKET.search(text):
        return []
    opened: list[int] = []
    unpaired: list[tuple[int, ...]] = []
    for match in _BRACKET.finditer(text):
        index = match.start()
        char = text[index]
        before = text[index - 1] if index else "\n"
        if char == "(":
            if not (before in _SMILEY_ENDS and _SAD_SMILEY.search(text, max(index - _LOOKBACK, 0), index)):
                opened.append(index)
        elif char == "[":
            opened.append(index)
        elif opened:
            opening = opened.pop()
            if text[opening] != _BRACKETS[char]:
                unpaired.append((opening, index))
        elif not (
            char == ")"
            and before in _LIST_ITEM_OR_SMILEY_ENDS
            and _LIST_ITEM_OR_SMILEY.search(text, max(index - _LOOKBACK, 0), index)
        ):
            unpaired.append((index,))
    return sorted(unpaired + [(index,) for index in opened])


def source_brackets_balanced(source: str) -> bool:
    return not unpaired_brackets(source)
