"""Facts about English text."""

from __future__ import annotations

import re

# A word with its inner apostrophes and hyphens: "People's", "state-owned", "COVID-19".
# [^\W_] is a letter or a digit (str.isalnum), as \p{L}\p{N} would be, in the faster re module.
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*['’]?")

# The rules/ file of English function words (articles, prepositions, pronouns...), which
# several checks and the glossary matcher read through qa_tool.resources.word_set.
FUNCTION_WORDS = "english/function-words.txt"


def word_count(text: str) -> int:
    return len(WORD.findall(text))
