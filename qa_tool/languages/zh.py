"""Facts about Chinese text."""

from __future__ import annotations

import bisect
import warnings
from functools import cache, lru_cache
from pathlib import Path

import regex

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
    simplified), segmenting only the sentences asked about."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._sentence_ends: list[int] | None = None

    def straddle(self, start: int, end: int) -> bool:
        """Whether a word boundary falls inside [start, end) while a word crosses one of its
        ends (结合 | 同类 around 合同): then [start, end) is not a word or words of its own."""
        if self._sentence_ends is None:
            self._sentence_ends = [found.start() for found in _SENTENCE_END.finditer(self._text)]
        ends = self._sentence_ends
        before = bisect.bisect_left(ends, start)
        after = bisect.bisect_left(ends, end)
        sentence_start = ends[before - 1] + 1 if before else 0
        sentence_end = ends[after] if after < len(ends) else len(self._text)
        boundaries = _sentence_boundaries(self._text[sentence_start:sentence_end])
        start, end = start - sentence_start, end - sentence_start
        inside = any(offset in boundaries for offset in range(start + 1, end))
        return inside and not (start in boundaries and end in boundaries)


@lru_cache(maxsize=1024)
def _sentence_boundaries(sentence: str) -> frozenset[int]:
    return frozenset(offset for _, start, end in _segmenter().tokenize(sentence, HMM=False) for offset in (start, end))


@cache
def _segmenter():
    """jieba with its dictionary read into memory: jieba's own start-up would write a cache
    file to the temporary folder, which a checker must not do. About half a second, once,
    and only when a text needs it."""
    with warnings.catch_warnings():
        # jieba imports pkg_resources, which newer setuptools warns about on stderr.
        warnings.simplefilter("ignore")
        import jieba  # noqa: PLC0415 - most runs never segment, and the import costs 0.1 s

    dictionary = Path(jieba.__file__).parent / "dict.txt"
    tokenizer = jieba.Tokenizer(str(dictionary))
    with open(dictionary, "rb") as stream:
        tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(stream)
    tokenizer.initialized = True
    return tokenizer
