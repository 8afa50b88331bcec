"""Acronyms a document defines ("the Mandatory Provident Fund (MPF)") and uses later ("the
MPF"), so TM01 can accept an acronym for the rendering it was defined as."""

from __future__ import annotations

import re

from qa_tool.glossary import rendering_pattern

# "(MPF)", "(the HKMA)", '("DPS")', "(B&R)": two capitals at least, no spaces.
# The look-ahead reads no further than an acronym can reach, so a long run of brackets or
# letters is read once, not once a bracket.
_DEFINED = re.compile(r"\((?:the\s+)?[\"“']?(?P<acronym>(?=[^A-Z\s)]{0,12}[A-Z][^A-Z\s)]{0,12}[A-Z])[A-Z][A-Za-z0-9&.\-]{1,11})[\"”']?\)")
# Words as an acronym is used: "MPF", "MPFs", "MPF's" (the possessive ending is not a word):
# runs of these characters holding two capitals at least, from their first letter or digit.
# A match starts only where a run does: tried inside a run without two capitals, it would
# read to the run's end again from every character.
_WORD_WITH_TWO_CAPITALS = re.compile(r"(?<![A-Za-z0-9&.\-])[A-Za-z0-9&.\-]*[A-Z][A-Za-z0-9&.\-]*[A-Z][A-Za-z0-9&.\-]*")
# How much of the text before a definition is kept: more than any rendering needs.
DEFINITION_REACH = 160
# Acronyms kept per document, the first definitions: a document defining more is not a
# glossary's case, and memory stays bounded (at most ~1 MB a document).
MAX_ACRONYMS = 4096


def acronym_definitions(text: str) -> tuple[tuple[str, str], ...]:
    """(acronym, the text just before it) for each acronym ``text`` defines in brackets."""
    if "(" not in text:
        return ()  # most texts: a definition opens a bracket
    return tuple(
        (found.group("acronym").rstrip("."), text[max(0, found.start() - DEFINITION_REACH) : found.start()].rstrip())
        for found in _DEFINED.finditer(text)
    )


def acronyms_used(text: str) -> tuple[str, ...]:
    """The words of ``text`` that may be acronyms, each also without a plural s."""
    used: dict[str, None] = {}
    # Most texts have no such word, and are answered by one scan.
    for run in _WORD_WITH_TWO_CAPITALS.findall(text):
        word = run.lstrip("&.-").rstrip(".-")
        used[word] = None
        if word.endswith("s"):
            used[word[:-1]] = None
    return tuple(used)


class DefinedAcronyms:
    """The acronyms a document has defined so far, each with the text its first definition
    followed."""

    def __init__(self) -> None:
        self._before: dict[str, str] = {}

    def record(self, definitions: tuple[tuple[str, str], ...]) -> None:
        for acronym, before in definitions:
            if len(self._before) < MAX_ACRONYMS:
                self._before.setdefault(acronym, before)

    def stand_for(self, renderings: tuple[str, ...], acronyms: tuple[str, ...]) -> bool:
        """Whether one of ``acronyms`` was defined right after one of ``renderings``."""
        for acronym in acronyms:
            before = self._before.get(acronym)
            if before is not None and rendering_pattern(renderings).ends(before):
                return True
        return False
