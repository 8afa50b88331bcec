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


def word_count(text: str) -> int:
    """How many WORD matches ``text`` holds."""
    if not text.isascii():
        return len(WORD.findall(text))
    # In ASCII text a WORD is folded_words' words, those a hyphen joins counted once. The
    # engine counts a target's words after GR02 and GR05 have read them: folded_words then
    # has them already, and only the hyphens are left to look at.
    return len(folded_words(text)) - _joining_hyphens(text)


def _joining_hyphens(text: str) -> int:
    """How many hyphens of ASCII ``text`` stand between two letters or digits. Found by jumping
    from hyphen to hyphen: a text holding any has one or two."""
    count = 0
    at = text.find("-", 1)
    while at != -1:
        if text[at - 1].isalnum() and text[at + 1 : at + 2].isalnum():
            count += 1
        at = text.find("-", at + 1)
    return count
