"""Trigger conditions (checks/base.py) that several rules share, defined once so each reads the
same way in the docs and the engine tests it once per pair."""

from __future__ import annotations

from qa_tool.checks.base import CharacterClass, Characters, InlineTags
from qa_tool.languages.zh import HAN_CHARACTERS
from qa_tool.model import Side

CHINESE_IN_TARGET = CharacterClass(Side.TARGET, HAN_CHARACTERS, "Chinese characters")
# Any decimal digit (Arabic, full-width, Devanagari...), as the number rules read them.
DIGITS_IN_TARGET = CharacterClass(Side.TARGET, r"\d", "digits", matching_view=True)
TAGS_IN_SOURCE = InlineTags(Side.SOURCE)
TAGS_IN_TARGET = InlineTags(Side.TARGET)
ANGLE_BRACKET_IN_SOURCE = Characters(Side.SOURCE, frozenset("<"), "'<'")
ANGLE_BRACKET_IN_TARGET = Characters(Side.TARGET, frozenset("<"), "'<'")
