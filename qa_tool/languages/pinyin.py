"""Hanyu Pinyin as names are written in English: readings of characters, folding of the
spellings a writer may choose (tone marks, ü as u/v/yu, apostrophes, hyphens), and whether a
word is pinyin at all.

Only pypinyin's table of single-character readings is used, loaded on first use and on its
own: importing the package also loads its phrase dictionary and segmenter (about 0.35 s and
55 MB in every process and --jobs worker, measured here), which character readings never need."""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from functools import cache, lru_cache
from itertools import product
from pathlib import Path

from qa_tool.resources import word_set

# Every way of writing the same pinyin name folds to one key: lower case, no tone marks,
# ü/v/yu after l and n as u, no apostrophes or hyphens (Xi'an, Ming-qiu).
_SEPARATORS = re.compile(r"['’\-‐\s]")
_NO_MARKS = {0x0308: None, 0x0304: None, 0x0301: None, 0x030C: None, 0x0300: None}


def fold(word: str) -> str:
    """The comparison key of a pinyin spelling: ``Lǚ`` ``Lü`` ``Lv`` ``Lyu`` → ``lu``,
    ``Xi'an`` → ``xian``, ``Ming-qiu`` → ``mingqiu``."""
    plain = word if word.isascii() else unicodedata.normalize("NFD", word).translate(_NO_MARKS)
    folded = plain.lower()
    if not folded.isalpha():
        folded = _SEPARATORS.sub("", folded)
    folded = folded.replace("v", "u")
    return folded[0] + folded[2:] if folded.startswith(("lyu", "nyu")) else folded


@cache
def _syllable_word() -> re.Pattern[str]:
    syllables = sorted(word_set("names/pinyin-syllables.txt"), key=len, reverse=True)
    return re.compile(f"(?:{'|'.join(syllables)})+")


def is_pinyin(folded: str) -> bool:
    """Whether a folded word splits into pinyin syllables (``mingqiu`` yes, ``kashing`` and
    ``tsai`` no): what tells a romanised Chinese name from Wade-Giles, Cantonese or English."""
    return _syllable_word().fullmatch(folded) is not None


@cache
def _character_table() -> dict[int, str]:
    """pypinyin's code point → "reading,reading" table: its module pypinyin/pinyin_dict.py run
    without the package's __init__ (which would load everything else); through the package
    if a future layout moves that module."""
    package = importlib.util.find_spec("pypinyin")
    location = Path(next(iter(package.submodule_search_locations or ()), "")) / "pinyin_dict.py" if package else None
    if location is None or not location.is_file():
        from pypinyin.constants import PINYIN_DICT

        return PINYIN_DICT
    spec = importlib.util.spec_from_file_location("qa_tool.languages._pypinyin_table", location)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.pinyin_dict


@lru_cache(maxsize=4096)
def character_readings(character: str) -> tuple[str, ...]:
    """Every reading of one Han character, toneless (``明`` → ming, meng); empty when unknown."""
    toned = _character_table().get(ord(character), "")
    return tuple(dict.fromkeys(fold(reading) for reading in toned.split(",") if reading))


@lru_cache(maxsize=4096)
def word_readings(word: str) -> tuple[tuple[str, ...], ...]:
    """Every reading of a short word, one syllable per character (heteronyms combined):
    ``明秋`` → (ming, qiu), (meng, qiu)."""
    return tuple(product(*(character_readings(character) for character in word)))


@lru_cache(maxsize=4096)
def spellings(word: str) -> frozenset[str]:
    """Every reading of ``word`` written as one folded word: ``明秋`` → mingqiu, mengqiu."""
    return frozenset("".join(reading) for reading in word_readings(word))


def join_syllables(syllables: tuple[str, ...]) -> str:
    """One written word of syllables, with the Hanyu apostrophe before a, o or e (Xi'an)."""
    return syllables[0] + "".join(("'" if syllable[0] in "aoe" else "") + syllable for syllable in syllables[1:])


def edit_distance(first: str, second: str, limit: int) -> int:
    """Levenshtein distance, or ``limit + 1`` as soon as it must exceed ``limit``."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    previous = list(range(len(second) + 1))
    for row, letter in enumerate(first, start=1):
        current = [row]
        for column, other in enumerate(second, start=1):
            current.append(min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + (letter != other)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]
