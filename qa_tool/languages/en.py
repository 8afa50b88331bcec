"""Facts about English text."""

from __future__ import annotations

import re
from functools import lru_cache

# A word with its inner apostrophes and hyphens: "People's", "state-owned", "COVID-19".
# [^\W_] is a letter or a digit (str.isalnum), as \p{L}\p{N} would be, in the faster re module.
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*['’]?")

# The rules/ file of English function words (articles, prepositions, pronouns...), which
# several checks and the glossary matcher read through qa_tool.resources.word_set.
FUNCTION_WORDS = "english/function-words.txt"

# ASCII characters other than letters and digits, and a bytes translation making each a space:
# ASCII text (most English) is split into words in C by it, several times faster than
# str.translate or a pattern asking each character's Unicode class.
ASCII_NOT_WORD = bytes(code for code in range(128) if not chr(code).isalnum())
ASCII_NOT_WORD_AS_SPACE = bytes.maketrans(ASCII_NOT_WORD, b" " * len(ASCII_NOT_WORD))


# A word of letters or digits with inner apostrophes ("can't"), as folded_words reads it.
FOLDED_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# The same words in ASCII text (most English) are split in C: each character but a letter or
# digit (or an apostrophe, which then joins only between letters or digits) made a space.
_ASCII_SPACED_BUT_APOSTROPHE = bytes.maketrans(ASCII_NOT_WORD.replace(b"'", b""), b" " * (len(ASCII_NOT_WORD) - 1))


# GR02, GR05, SG07 and the spelling trigger read the same target in turn: its words are kept
# until the next text.
@lru_cache(maxsize=1)
def folded_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` (letters and digits, inner apostrophes), case folded."""
    if not text.isascii():
        return tuple(FOLDED_WORD.findall(text.casefold()))
    lowered = text.encode("ascii").lower()
    if b"'" not in lowered:
        return tuple(lowered.translate(ASCII_NOT_WORD_AS_SPACE).decode("ascii").split())
    # An apostrophe is inside a word only between two letters or digits: one of a run of
    # them, or next to a space (one is put at each end), goes too.
    spaced = " " + lowered.translate(_ASCII_SPACED_BUT_APOSTROPHE).decode("ascii") + " "
    return tuple(spaced.replace("''", "  ").replace(" '", "  ").replace("' ", "  ").split())


# English text is nearly always ASCII, and a word of it is a run of letters and digits that
# an apostrophe or hyphen may join to the next. The text's letters and digits, and its
# joiners, are each read as one bit a byte of a number: a word starts where a letter follows
# no letter, and a joiner with a letter either side joins two runs. A few operations in C on
# the whole text, where counting two-byte patterns scans it four to six times.
_ASCII_LETTER_BITS = bytes(int(code < 128 and chr(code).isalnum()) for code in range(256))
_ASCII_JOINER_BITS = bytes(int(chr(code) in "'-") for code in range(256))
_BITS_PER_BYTE = 8


def word_count(text: str) -> int:
    """How many WORD matches ``text`` holds."""
    if not text.isascii():
        return len(WORD.findall(text))
    data = text.encode("ascii")
    letters = int.from_bytes(data.translate(_ASCII_LETTER_BITS), "little")
    runs = (letters & ~(letters << _BITS_PER_BYTE)).bit_count()
    if "'" not in text and "-" not in text:
        return runs
    joiners = int.from_bytes(data.translate(_ASCII_JOINER_BITS), "little")
    return runs - (joiners & (letters << _BITS_PER_BYTE) & (letters >> _BITS_PER_BYTE)).bit_count()
