"""Facts about English text."""

from __future__ import annotations

import re

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
