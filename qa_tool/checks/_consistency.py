"""What the consistency rules (CS) compare: pair texts reduced to what makes two translations
or two sources the same, and how a message names the earlier segment."""

from __future__ import annotations

import re

from qa_tool.model import SegmentPair
from qa_tool.normalise import NormalisedPair

# Everything but letters and digits: punctuation, symbols, spaces (Han characters are letters).
_NOT_WORD = re.compile(r"[\W_]+")
# A final s: Chinese does not mark the plural, so 'Bookmark' and 'Bookmarks' are one choice
# of words in two contexts.
_FINAL_S = re.compile(r"s(?![^\W_])")


def is_comparable(pair: NormalisedPair) -> bool:
    """Empty and untranslated pairs are SG01's and SG02's; comparing them says nothing more."""
    source, target = pair.pair.source.strip(), pair.pair.target.strip()
    return bool(source) and bool(target) and source != target


def source_text(pair: NormalisedPair) -> str:
    """The source as matched (simplified, NFKC), whitespace collapsed."""
    return " ".join(pair.source_match.text.split())


class _LastTarget:
    """The engine hands each pair to every rule in turn: CS01 and CS02 reduce its target once."""

    pair: NormalisedPair | None = None
    text = ""


def target_text(pair: NormalisedPair) -> str:
    """The target without case, spacing, punctuation or final s: 'fever, cough and' and
    'Fever, cough, and' are one wording punctuated two ways, 'time bound' and 'timebound' one
    spelling spaced two ways."""
    if _LastTarget.pair is not pair:
        _LastTarget.pair, _LastTarget.text = pair, _NOT_WORD.sub("", _FINAL_S.sub("", pair.target_match.text.casefold()))
    return _LastTarget.text


def character_signature(text: str) -> bytes:
    """The characters of ``text`` reduced to the distinct low bytes of their code points (a
    few dozen bytes), to compare sources without keeping them; two sentences rarely share
    many by chance."""
    return bytes(set(text.encode("utf-16-le", "surrogatepass")[::2]))


def shared_characters(first: bytes, second: bytes) -> float:
    """How much two character signatures overlap (Dice coefficient, 0–1)."""
    total = len(first) + len(second)
    return 2 * len(set(first) & set(second)) / total if total else 1.0


def where(pair: SegmentPair) -> int | str:
    """What a rule keeps to name a pair later: its line, else its id (an int costs less than
    a formatted name, and most formats have lines)."""
    return pair.location.line if pair.location.line is not None else pair.id


def named(place: int | str) -> str:
    """'line 30' or 'segment u12': where an earlier pair of the same document is."""
    return f"line {place}" if isinstance(place, int) else f"segment {place}"
