"""Facts about Chinese text."""

from __future__ import annotations

import regex

HAN_RUN = regex.compile(r"\p{Han}+")


def has_han(text: str) -> bool:
    return HAN_RUN.search(text) is not None
