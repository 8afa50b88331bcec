"""Facts about Chinese text."""

from __future__ import annotations

import regex

HAN_RUN = regex.compile(r"\p{Han}+")


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
