"""Facts about Chinese text."""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path

import regex

from qa_tool.resources import rules_dir

HAN_RUN = regex.compile(r"\p{Han}+")
# Every character \p{Han} matches, as ranges a class of ``re`` can hold (whole blocks, so a
# little wider): for a fast scan that must not miss a Han character.
HAN_CHARACTERS = (
    r"\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    r"\U00016fe0-\U00016fff\U00020000-\U0003ffff"
)


def has_han(text: str) -> bool:
    return HAN_RUN.search(text) is not None

TONED_LETTERS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜḿńňǹ"
# Decomposed text (NFD, as some Mac tools write it) carries the tone as a combining mark.
TONE_MARKS = "\u0304\u0301\u030c\u0300"
_PINYIN_LETTER = rf"(?:[{TONED_LETTERS}]|[a-zü]\u0308?[{TONE_MARKS}]?)"
# A pinyin reading aid after a Han character, 服務(wù): ( or （, 1–6 lowercase pinyin letters
# with at least one tone mark, ) or ）.
PINYIN_ANNOTATION = regex.compile(
    rf"(?<=\p{{Han}})[(（](?=[a-zü\u0308{TONED_LETTERS}{TONE_MARKS}]*[{TONED_LETTERS}{TONE_MARKS}])"
    rf"{_PINYIN_LETTER}{{1,6}}[)）]"
)


# Chinese has no spaces, so whether a short run of characters is a word is told by a
# segmenter. The sentence is the unit segmented: words never cross its end.
_SENTENCE_END = regex.compile(r"[。！？!?；;\n]")


class WordBoundaries:
    """jieba's words in a text (simplified script reads best: jieba's dictionary is
    simplified), segmenting only the runs or sentences asked about, and only when a dictionary word
    could cross the span asked about: most spans are answered by a few dictionary look-ups."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._sentence_ends: list[int] | None = None
        self._runs: list[tuple[int, int]] | None = None

    def straddle(self, start: int, end: int) -> bool:
        """Whether a word boundary falls inside [start, end) while a word crosses one of its
        ends (结合 | 同类 around 合同): then [start, end) is not a word or words of its own."""
        # Such a crossing word is a dictionary word ending inside the span or starting inside
        # it, or a run of Latin letters or digits (jieba's only other words are single
        # characters); without one, segmenting cannot find one.
        if not (_LATIN_AT_EDGE.search(self._text[start:end]) or _dictionary().crosses(self._text, start, end)):
            return False
        # jieba cuts each run of its word characters on its own, so a span inside one run is
        # told by cutting that run alone (a clause), not the whole sentence.
        low, high = self._run_holding(start, end) or self._sentence_holding(start, end)
        boundaries = _sentence_boundaries(self._text[low:high])
        start, end = start - low, end - low
        inside = any(offset in boundaries for offset in range(start + 1, end))
        return inside and not (start in boundaries and end in boundaries)

    def _run_holding(self, start: int, end: int) -> tuple[int, int] | None:
        """[low, high) of the run of word characters that holds [start, end), if one does."""
        if self._runs is None:
            self._runs = [found.span() for found in _WORD_RUN.finditer(self._text)]
        at = bisect.bisect_right(self._runs, (start, len(self._text))) - 1
        return self._runs[at] if at >= 0 and self._runs[at][1] >= end else None

    def _sentence_holding(self, start: int, end: int) -> tuple[int, int]:
        if self._sentence_ends is None:
            self._sentence_ends = [found.start() for found in _SENTENCE_END.finditer(self._text)]
        ends = self._sentence_ends
        before = bisect.bisect_left(ends, start)
        after = bisect.bisect_left(ends, end)
        return ends[before - 1] + 1 if before else 0, ends[after] if after < len(ends) else len(self._text)


# jieba joins Latin letters and digits into one word; a span that starts or ends with one
# may be crossed by such a run.
_LATIN_AT_EDGE = re.compile(r"^[a-zA-Z0-9]|[a-zA-Z0-9]$")


@lru_cache(maxsize=1024)
def _sentence_boundaries(sentence: str) -> frozenset[int]:
    lengths = map(len, _cut_as_jieba(sentence))
    return frozenset(itertools.accumulate(lengths, initial=0)) if sentence else frozenset()


def _cut_as_jieba(sentence: str) -> Iterator[str]:
    """``sentence`` cut into words as jieba cuts it without its hidden Markov model (its
    ``cut(sentence, HMM=False)``; jieba itself is not imported, as its import also loads that
    model): runs of the characters its words are made of are cut by its dictionary, and any
    other character is a word of its own, but for a CR LF pair."""
    for block in _WORD_RUN.split(sentence):
        if _WORD_RUN.match(block):
            yield from _dictionary().cut(block)
        else:
            for piece in _SPACE.split(block):
                if _SPACE.match(piece):
                    yield piece
                else:
                    yield from piece


# The characters jieba's words are made of (its re_han_default), and the spaces it keeps
# whole (its re_skip_default).
_WORD_CHARACTERS = r"\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-"
_WORD_RUN = re.compile(f"([{_WORD_CHARACTERS}]+)")
_SPACE = re.compile(r"(\r\n|\s)")
# A word jieba joins to a neighbouring one of its kind when its path leaves it alone.
_LATIN_OR_DIGIT = re.compile("[a-zA-Z0-9]")


# Windows whose crossing words are kept (a few megabytes at most), then forgotten all at once.
CROSSINGS_KEPT = 16_384


class _Dictionary:
    """jieba's dictionary as words and their counts, each first character's words read from
    the file only when a text first asks about a word starting with it (most files never ask
    about most characters). jieba's own loader also stores every prefix of every word (to stop
    looking for longer words early), which costs three times as long to build; here a word is
    looked for at each length up to the longest word instead."""

    def __init__(self, path: Path) -> None:
        # rules/chinese/jieba-words.txt: header comments, then the total, the longest word's
        # length and the characters words start with, then a line of words and counts for each
        # of those characters. A line is decoded and split only when its character is asked.
        with open(path, "rb") as stream:
            # Any line ending: a copy checked out with CR LF reads the same.
            lines = stream.read().splitlines()
        head = next(index for index, line in enumerate(lines) if not line.startswith(b"#"))
        total, longest, firsts = lines[head].decode("utf-8").split("\t")
        self.total, self.longest = int(total), int(longest)
        self.words = _WordsByFirst(dict(zip(firsts, lines[head + 1 :])))
        self._crossings: dict[tuple[str, int, int], bool] = {}

    def crosses(self, text: str, start: int, end: int) -> bool:
        """Whether a dictionary word of ``text`` crosses ``start`` or ``end`` and ends or starts
        inside [start, end)."""
        # jieba cuts words only inside runs of the characters its words are made of.
        before = _LAST_BREAK.match(text, max(0, start - self.longest), start)
        first = before.end() if before else max(0, start - self.longest)
        after = _BREAK.search(text, end, end + self.longest)
        last = after.start() if after else min(len(text), end + self.longest)
        # The look-ups read no character outside [low, high), so the answer is the window's,
        # kept for the clauses a file repeats.
        low, high = max(first, start + 1 - self.longest), min(last, end - 1 + self.longest)
        window = (text[low:high], start - low, end - low)
        known = self._crossings.get(window)
        if known is None:
            if len(self._crossings) >= CROSSINGS_KEPT:
                self._crossings.clear()
            known = self._crossings[window] = self._crossing_word(text, start, end, first, last)
        return known

    def _crossing_word(self, text: str, start: int, end: int, first: int, last: int) -> bool:
        words, longest_from = self.words, self.words.longest
        # Shortest words first: a short word is likelier than a long one, and one settles it.
        for inner in range(start + 1, end):
            starting_inside = words[text[inner]]
            for outer in range(end + 1, min(last, inner + longest_from[text[inner]]) + 1):
                if text[inner:outer] in starting_inside:
                    return True
            for outer in range(start - 1, max(first, inner - self.longest) - 1, -1):
                # Most characters start no word nearly as long as the dictionary's longest.
                if inner - outer <= longest_from[text[outer]] and text[outer:inner] in words[text[outer]]:
                    return True
        return False

    def cut(self, run: str) -> Iterator[str]:
        """A run of word characters cut as jieba does: along the likeliest path through the
        graph of its dictionary words (each word's chance its count over the total), each
        Latin letter or digit the path leaves as a word of its own joined to those beside it."""
        # The route from each offset to the run's end: (its log-likelihood, where its first
        # word ends), worked out backwards, with jieba's arithmetic and tie-breaking.
        route = {len(run): (0.0, 0)}
        log_total = math.log(self.total)
        words_by_first, longest_from = self.words, self.words.longest
        for start in range(len(run) - 1, -1, -1):
            # The words starting here, each looked up once for both whether it is a word and its
            # count. The character alone is the fallback, counted once as jieba counts a word of
            # count 0 (log 1 = 0).
            words = words_by_first[run[start]]
            best = (-log_total + route[start + 1][0], start)
            found = False
            for end in range(start + 1, min(len(run), start + longest_from[run[start]]) + 1):
                count = words.get(run[start:end])
                if count is not None:
                    step = (math.log(int(count) or 1) - log_total + route[end][0], end - 1)
                    if not found or step > best:
                        best, found = step, True
            route[start] = best
        start, joined = 0, ""
        while start < len(run):
            end = route[start][1] + 1
            word = run[start:end]
            if len(word) == 1 and _LATIN_OR_DIGIT.match(word):
                joined += word
            else:
                if joined:
                    yield joined
                    joined = ""
                yield word
            start = end
        if joined:
            yield joined


class _WordsByFirst(dict[str, dict[str, str]]):
    """First character → the dictionary's words starting with it, each with its count as
    written (only a segmented sentence's words need theirs as a number), made when first asked
    for; and in ``longest``, the length of the longest of them."""

    def __init__(self, lines_by_first: dict[str, bytes]) -> None:
        super().__init__()
        self._lines = lines_by_first
        self.longest = _LongestByFirst(self)

    def __missing__(self, first: str) -> dict[str, str]:
        line = self._lines.get(first)
        words = self[first] = _words_and_counts(line) if line is not None else {}
        self.longest[first] = max(map(len, words), default=0)
        return words


class _LongestByFirst(dict[str, int]):
    """First character → the length of the longest dictionary word starting with it (0 when
    none does), stored when its words are read."""

    def __init__(self, words: _WordsByFirst) -> None:
        super().__init__()
        self._words = words

    def __missing__(self, first: str) -> int:
        self._words[first]  # reading the words stores their longest
        return self[first]


def _words_and_counts(line: bytes) -> dict[str, str]:
    words, _, counts = line.decode("utf-8").partition("\t")
    return dict(zip(words.split(" "), counts.split(" "), strict=True))


# A character jieba never puts in a word: its words are cut from runs of the others.
_BREAK = re.compile(f"[^{_WORD_CHARACTERS}]")
_LAST_BREAK = re.compile(f"(?s:.*)[^{_WORD_CHARACTERS}]")


@cache
def _dictionary() -> _Dictionary:
    """jieba's dictionary read into memory, once, and only when a text needs it: jieba's own
    start-up would write a cache file to the temporary folder, which a checker must not do."""
    return _Dictionary(rules_dir() / JIEBA_WORDS)


# jieba's dict.txt as the check reads it, rebuilt by benchmarks/build_jieba_words.py.
JIEBA_WORDS = "chinese/jieba-words.txt"

