"""Facts about English text."""

from __future__ import annotations

import re

# A word with its inner apostrophes and hyphens: "People's", "state-owned", "COVID-19".
# [^\W_] is a letter or a digit (str.isalnum), as \p{L}\p{N} would be, in the faster re module.
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*['’]?")

# The rules/ file of English function words (articles, prepositions, pronouns...), which
# several checks and the glossary matcher read through qa_tool.resources.word_set.
FUNCTION_WORDS = "english/function-words.txt"


# English text is nearly always ASCII, and a word of it is a run of letters and digits that
# an apostrophe or hyphen may join to the next. The text's letters and digits, and its
# joiners, are each read as one bit a byte of a number: a word starts where a letter follows
# no letter, and a joiner with a letter either side joins two runs. A few operations in C on
# the whole text, where counting two-byte patterns scans it four to six times.
_ASCII_LETTER_BITS = bytes(int(code < 128 and chr(code).isalnum()) for code in range(256))
_ASCII_JOINER_BITS = bytes(int(chr(code) in "'-") for code in range(256))
_BYTE = 8


def word_count(text: str) -> int:
    """How many WORD matches ``text`` holds."""
    if not text.isascii():
        return len(WORD.findall(text))
    data = text.encode("ascii")
    letters = int.from_bytes(data.translate(_ASCII_LETTER_BITS), "little")
    runs = (letters & ~(letters << _BYTE)).bit_count()
    if "'" not in text and "-" not in text:
        return runs
    joiners = int.from_bytes(data.translate(_ASCII_JOINER_BITS), "little")
    return runs - (joiners & (letters << _BYTE) & (letters >> _BYTE)).bit_count()
