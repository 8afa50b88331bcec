"""Facts about English text."""

from __future__ import annotations

import regex

# A word with its inner apostrophes and hyphens: "People's", "state-owned", "COVID-19".
WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*['’]?")


def word_count(text: str) -> int:
    return len(WORD.findall(text))
