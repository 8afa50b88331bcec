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
# an apostrophe or hyphen may join to the next. Each byte mapped to "a" (letter or digit),
# "c" (joiner) or " " (anything else), the words are counted by a few scans in C, in about
# half the time the regular expression takes.
_ASCII_WORD_CLASSES = bytes(
    ord("a") if code < 128 and chr(code).isalnum() else ord("c") if chr(code) in "'-" else ord(" ") for code in range(256)
)


def word_count(text: str) -> int:
    """How many WORD matches ``text`` holds."""
    if not text.isascii():
        return len(WORD.findall(text))
    classes = text.encode("ascii").translate(_ASCII_WORD_CLASSES)
    runs = classes.count(b" a") + classes.count(b"ca") + classes.startswith(b"a")
    if b"c" not in classes:
        return runs
    # A joiner between two runs makes them one word ("state-owned"); none of these patterns
    # can overlap itself, so each count is exact.
    joined = classes.count(b"ac") - classes.count(b"acc") - classes.count(b"ac ") - classes.endswith(b"ac")
    return runs - joined
