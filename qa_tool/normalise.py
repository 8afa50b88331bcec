"""Normalisation: the forms of a pair's text that rules read, each with a map back to the
original offsets, and a detector for encoding damage in the Chinese that no form explains.

The source is shown three ways: as written; without pinyin annotations (``服務(wù)`` → ``服務``,
what a reader sees); and for matching (NFKC, then simplified script), so numbers, names and
glossary terms compare equal whatever script or width they were typed in. A rule finds things
in a view and reports ``view.original_span(...)``, which always points into the text as read.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Iterable, Iterator, Sequence

import opencc
import regex

from qa_tool.languages.zh import PINYIN_ANNOTATION, TONE_MARKS, TONED_LETTERS
from qa_tool.model import SegmentPair, quick_init
from qa_tool.resources import rules_dir, word_set

# The regex module is used where Unicode properties (\p{Han}, \X) are needed; plain character
# classes use stdlib re, which scans them several times faster.


@quick_init
@dataclass(frozen=True, slots=True)
class TextView:
    """A derived form of a text plus a map back to the original's offsets.

    The maps are tuples of ints, or a range where characters map one to one (immutable and
    hashable like the rest of the frozen data).
    ``origin[i]`` is the offset in the ORIGINAL text where view character ``i`` starts, and
    ``origin[len(text)] == len(original)``; ``ends[i]`` is where it ends there. Both are None
    when the view is the original itself, the fast path most texts take.

    ``ends`` is separate because starts alone are ambiguous: after a removed annotation the next
    character starts well past where the previous one ended, and characters expanded from one
    original character (``㎏`` → ``kg``) share a start. It is None when every character ends
    where the next one starts.
    """

    text: str
    origin: tuple[int, ...] | range | None = None
    ends: tuple[int, ...] | None = None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """[start, end) in view offsets → [start, end) in original offsets; end maps so that a
        span covering a removed annotation at its edge does not swallow it."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) is outside a view of {len(self.text)} characters")
        if self.origin is None:
            return start, end
        if start == end:
            return self.origin[start], self.origin[start]
        original_end = self.ends[end - 1] if self.ends is not None else self.origin[end]
        return self.origin[start], original_end


@dataclass(frozen=True, slots=True)
class DamageSpan:
    """Source text the normaliser cannot explain: characters lost or garbled by an encoding."""

    # Original source offsets.
    start: int
    end: int
    # The original text of the span.
    text: str
    # Short, for the message: what was seen there.
    reason: str


class NormalisedPair:
    """The views of one pair that rules read. Each view is made on first use and kept: a pair
    most rules skip never needs its matching views or its damage scan. Read-only by contract,
    like the frozen data around it."""

    __slots__ = ("pair", "_annotations", "_source", "_source_match", "_target", "_target_match", "_source_damage")

    def __init__(self, pair: SegmentPair) -> None:
        self.pair = pair
        self._annotations: list[tuple[int, int]] | None = None
        self._source: TextView | None = None
        self._source_match: TextView | None = None
        self._target: TextView | None = None
        self._target_match: TextView | None = None
        self._source_damage: tuple[DamageSpan, ...] | None = None

    @property
    def source(self) -> TextView:
        """Pinyin annotations stripped: the Chinese a reader sees."""
        if self._source is None:
            self._source = _without(self.pair.source, self._source_annotations())
        return self._source

    @property
    def source_match(self) -> TextView:
        """The source + NFKC + simplified script: for matching numbers, names, glossary terms."""
        if self._source_match is None:
            self._source_match = to_simplified(nfkc(self.source))
        return self._source_match

    @property
    def target(self) -> TextView:
        """The English (annotations are never stripped from English); the original itself normally."""
        if self._target is None:
            self._target = TextView(self.pair.target)
        return self._target

    @property
    def target_match(self) -> TextView:
        """NFKC of the English (full-width digits and letters → ASCII)."""
        if self._target_match is None:
            self._target_match = nfkc(self.target)
        return self._target_match

    @property
    def source_damage(self) -> tuple[DamageSpan, ...]:
        """Spans in original source offsets that the normaliser cannot explain."""
        if self._source_damage is None:
            self._source_damage = _damage(self.pair.source, self._source_annotations())
        return self._source_damage

    def _source_annotations(self) -> list[tuple[int, int]]:
        if self._annotations is None:
            self._annotations = _annotations(self.pair.source)
        return self._annotations


def normalise(pair: SegmentPair) -> NormalisedPair:
    return NormalisedPair(pair)


# --- pinyin annotations -------------------------------------------------------------------

def strip_pinyin_annotations(text: str) -> TextView:
    """``服務(wù)`` → ``服務``. Only well-formed annotations go: ``出國(境)``, ``(CME)``,
    ``中國(China)`` and ``ok (wù)`` stay as written."""
    return _without(text, _annotations(text))


def _annotations(text: str) -> list[tuple[int, int]]:
    if "(" not in text and "（" not in text:
        return []
    return [match.span() for match in PINYIN_ANNOTATION.finditer(text)]


def _without(text: str, annotations: list[tuple[int, int]]) -> TextView:
    if not annotations:
        return TextView(text)
    kept = "".join(text[start:end] for start, end in _between(annotations, len(text)))
    return _rewrite(TextView(text), kept, [(start, end, 0) for start, end in annotations])


def _between(spans: list[tuple[int, int]], length: int) -> Iterator[tuple[int, int]]:
    """The stretches of [0, length) outside ``spans`` (sorted, not overlapping)."""
    done = 0
    for start, end in spans:
        yield done, start
        done = end
    yield done, length


# --- simplified script --------------------------------------------------------------------


@cache
def _traditional_to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _convertible_characters() -> tuple[re.Pattern[str], frozenset[str]] | None:
    """The characters the installed OpenCC's t2s conversion can change a text by (rules/chinese/,
    listed per version of OpenCC): a search for those of the Basic Multilingual Plane and for
    every character beyond it, a class re tests by bitmap and range in one scan, and the set of
    the listed ones beyond it, which a class would compare one by one. None when rules/ has no
    list for this version."""
    listed = f"chinese/opencc-{getattr(opencc, '__version__', 'unknown')}-t2s-characters.txt"
    if not (rules_dir() / listed).is_file():
        return None
    characters = word_set(listed)
    basic = "".join(re.escape(character) for character in sorted(characters) if character <= _LAST_BASIC)
    return re.compile(f"[{basic}{_BEYOND_BASIC}]"), frozenset(character for character in characters if character > _LAST_BASIC)


_LAST_BASIC = "\uffff"
_BEYOND_BASIC = "\U00010000-\U0010ffff"


def _convertible(text: str) -> bool:
    """Whether OpenCC's t2s conversion may change ``text``: False only when it holds none of the
    characters listed for the installed version."""
    listed = _convertible_characters()
    if listed is None:
        return True
    candidates, beyond = listed
    position = 0
    while (candidate := candidates.search(text, position)) is not None:
        character = candidate.group()
        if character <= _LAST_BASIC or character in beyond:
            return True
        position = candidate.end()
    return False


def to_simplified(view: TextView) -> TextView:
    """The view in simplified script (OpenCC t2s, phrase-aware); the map still points into the
    original. OpenCC changes Han characters only, so English and digits stay as they are."""
    text = view.text
    if text.isascii():
        return view
    # Nearly every source is simplified already: one scan for a character the conversion
    # can change settles that in a fraction of the conversion's time.
    if not _convertible(text):
        return view
    converted = _traditional_to_simplified().convert(text)
    if converted == text:
        return view
    if len(converted) == len(text):
        return _replaced_one_to_one(view, converted)
    # OpenCC's own dictionaries keep lengths; a phrase that does not is aligned by its context.
    matcher = difflib.SequenceMatcher(None, text, converted, autojunk=False)
    replacements = []
    view_done = converted_done = 0
    for view_start, converted_start, size in matcher.get_matching_blocks():
        if view_start > view_done or converted_start > converted_done:
            replacements.append((view_done, view_start, converted_start - converted_done))
        view_done, converted_done = view_start + size, converted_start + size
    return _rewrite(view, converted, replacements)


# --- NFKC ---------------------------------------------------------------------------------

# Characters NFKC leaves alone whatever surrounds them (none decomposes, none composes with a
# neighbour). Chinese text is mostly these, so only the runs between them need per-cluster work.
_NFKC_INERT_RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0x007F),  # ASCII
    (0x00B7, 0x00B7),  # · in transliterated names
    (0x2013, 0x2014),  # – —
    (0x2018, 0x2019),  # ‘ ’
    (0x201C, 0x201D),  # “ ”
    (0x3001, 0x3003),  # 、。〃
    (0x3008, 0x3011),  # 〈〉《》「」『』【】
    (0x3014, 0x301F),  # 〔〕〖〗...
    (0x3400, 0x4DBF),  # CJK Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0x20000, 0x2F7FF),  # CJK Extensions B–I (the compatibility block 2F800– is not inert)
    (0x30000, 0x323AF),  # CJK Extensions G–H
)
_INERT_CLASS = "".join(
    re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
    for low, high in _NFKC_INERT_RANGES
)
_NFKC_ACTIVE_RUN = re.compile(f"[^{_INERT_CLASS}]+")
_GRAPHEME = regex.compile(r"\X")
# Full-width ASCII and the ideographic space: one character each way, and in nearly every
# Chinese text, so they are swapped in one pass before any per-cluster work.
_FULL_WIDTH = {chr(code): unicodedata.normalize("NFKC", chr(code)) for code in (*range(0xFF01, 0xFF5F), 0x3000)}
# Each one present is replaced all at once (most texts hold one or two: ，and （）):
# str.translate with a table of a few entries looks up every character of the text and raises
# KeyError inside for most, three times slower, and replacing match by match calls Python for
# each.
_FULL_WIDTH_CHARACTER = re.compile("[\uff01-\uff5e\u3000]")


def nfkc(view: TextView) -> TextView:
    """NFKC of the view (``２０２０`` → ``2020``, ``㎏`` → ``kg``, ``①`` → ``1``), done per
    grapheme cluster so combining marks stay with their base and the map stays exact."""
    if view.text.isascii() or unicodedata.is_normalized("NFKC", view.text):
        return view
    view = _narrow_full_width(view)
    if unicodedata.is_normalized("NFKC", view.text):
        return view
    return _nfkc_by_cluster(view)


def _narrow_full_width(view: TextView) -> TextView:
    narrowed = view.text
    # After each replacement the next character is looked for from where the last one stood:
    # one scan of the text however often each occurs.
    position = 0
    while (found := _FULL_WIDTH_CHARACTER.search(narrowed, position)) is not None:
        character = found.group()
        narrowed = narrowed.replace(character, _FULL_WIDTH[character])
        position = found.start()
    if narrowed is view.text:
        return view
    return _replaced_one_to_one(view, narrowed)


def _nfkc_by_cluster(view: TextView) -> TextView:
    text = view.text
    pieces: list[str] = []
    replacements: list[tuple[int, int, int]] = []
    done = 0
    for run in _NFKC_ACTIVE_RUN.finditer(text):
        run_start = run.start()
        if run_start > 0 and unicodedata.category(text[run_start]).startswith("M"):
            run_start -= 1  # the mark may compose with the inert character it follows
        for cluster in _GRAPHEME.finditer(text, run_start, run.end()):
            written = cluster.group()
            normalised = unicodedata.normalize("NFKC", written)
            if normalised != written:
                pieces += (text[done : cluster.start()], normalised)
                replacements.append((cluster.start(), cluster.end(), len(normalised)))
                done = cluster.end()
    if not replacements:
        return view
    pieces.append(text[done:])
    return _rewrite(view, "".join(pieces), replacements)


# --- map composition ----------------------------------------------------------------------


def _rewrite(view: TextView, text: str, replacements: Sequence[tuple[int, int, int]]) -> TextView:
    """The view of ``text``, made from ``view.text`` by replacing each [start, end) with
    ``size`` characters (in order, not overlapping); the rest maps one to one. The result's map
    points through ``view``'s into the original."""
    starts: Sequence[int] = view.origin if view.origin is not None else range(len(view.text) + 1)
    exact = view.ends is None and all(end - start == size for start, end, size in replacements)
    ends: Sequence[int] = () if exact else _character_ends(view)
    new_starts: list[int] = []
    new_ends: list[int] = []
    done = 0
    for start, end, size in replacements:
        if size == end - start:
            new_starts += starts[done:end]
            new_ends += ends[done:end]
        else:
            # Expanded, contracted or inserted: each new character stands for the whole
            # replaced stretch (inserted ones for nothing: zero width where they sit).
            new_starts += starts[done:start]
            new_starts += [starts[start]] * size
            new_ends += ends[done:start]
            new_ends += [ends[end - 1] if end > start else starts[start]] * size
        done = end
    new_starts += starts[done:]
    new_ends += ends[done:]
    return TextView(text, tuple(new_starts), None if exact else tuple(new_ends))


def _replaced_one_to_one(view: TextView, text: str) -> TextView:
    """The view of ``text``, which has ``view.text``'s length and character i in place of its i."""
    # A range maps one to one in constant memory; a tuple would take tens of bytes per
    # character, hundreds of megabytes for one huge line.
    origin = view.origin if view.origin is not None else range(len(text) + 1)
    return TextView(text, origin, view.ends)


def _character_ends(view: TextView) -> Sequence[int]:
    if view.ends is not None:
        return view.ends
    if view.origin is None:
        return range(1, len(view.text) + 1)
    return view.origin[1:]


# --- encoding damage ----------------------------------------------------------------------

_TONELESS = str.maketrans(TONED_LETTERS, "aaaaeeeeiiiioooouuuuüüüümnnn")
_PINYIN_SYLLABLE = re.compile(r"(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?(?:[aeiouüv]{1,3}(?:ng|n|r)?|ng|n|m)")
# A UTF-8 sequence read as Latin-1 or Windows-1252: a lead byte and its continuation bytes.
_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_MOJIBAKE = (
    rf"(?:[\u00c2-\u00df][{_CONTINUATION}]"
    rf"|[\u00e0-\u00ef][{_CONTINUATION}]{{2}}"
    rf"|[\u00f0-\u00f4][{_CONTINUATION}]{{3}})+"
)
# Typographic punctuation is also 1252 continuation text; a match made only of it is real text.
_TYPOGRAPHIC = frozenset("–—‘’“”•…")
# C0 and C1 controls but tab, line feed and carriage return, which are line structure.
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_SIGNAL = regex.compile(
    r"(?P<replacement>\ufffd+)"
    rf"|(?P<control>[{_CONTROL}]+)"
    rf"|(?P<mojibake>{_MOJIBAKE})"
    rf"|(?P<latin>(?:(?!{_MOJIBAKE})\p{{Latin}}\p{{M}}*)+)"
    r"|(?P<enclosed>[\u2460-\u24ff])"
    r"|(?P<question>\?)"
    r"|(?P<parenthesis>[()（）])"
)
# Without one of these no span can form: the fast path for clean text.
DAMAGE_CHARACTERS = rf"\ufffd{_CONTROL}\u00c2-\u00f4{TONED_LETTERS}{TONE_MARKS}\u2474-\u24b5"
_STRONG_CANDIDATE = re.compile(f"[{DAMAGE_CHARACTERS}]")
# ⑴ ⒈ ⒜: forms a wrong code page puts between Chinese characters; circled ① after Chinese
# is usually real numbering ("如图①所示").
_PARENTHESISED_ENCLOSED = range(0x2474, 0x24B6)
_HAN = regex.compile(r"\p{Han}")
# Damage signals this close (characters between them) belong to one damaged stretch.
_DAMAGE_GAP = 2


@dataclass(frozen=True, slots=True)
class _Signal:
    start: int
    end: int
    # What was seen, as the message names it.
    label: str
    strong: bool


def find_encoding_damage(text: str) -> tuple[DamageSpan, ...]:
    """Stretches of a Chinese source that look garbled by an encoding round trip, in original
    offsets. Precision first: a span needs a strong signal (U+FFFD, pinyin torn from its
    annotation, control characters, UTF-8 read as Latin-1, ⑾ right after a Han character);
    weak ones ('?', a lone Latin letter, parentheses, other enclosed numbers) only widen a span
    when within two characters of it, so ``你好吗?我很好``, ``买A股`` and ``①加强管理`` pass."""
    return _damage(text, _annotations(text))


def _damage(text: str, annotations: list[tuple[int, int]]) -> tuple[DamageSpan, ...]:
    unexplained = list(_between(annotations, len(text)))
    if not any(_STRONG_CANDIDATE.search(text, start, end) for start, end in unexplained):
        return ()
    signals = [signal for start, end in unexplained for signal in _signals(text, start, end)]
    strong = [signal for signal in signals if signal.strong]
    kept = [
        signal for signal in signals if signal.strong or any(_gap(signal, near) <= _DAMAGE_GAP for near in strong)
    ]
    groups = _groups(kept)
    return tuple(_damage_span(text, group) for group in groups if any(signal.strong for signal in group))


def _signals(text: str, start: int, end: int) -> Iterable[_Signal]:
    for match in _SIGNAL.finditer(text, start, end):
        kind, seen = match.lastgroup, match.group()
        at, until = match.span()
        if kind == "replacement":
            yield _Signal(at, until, "'\ufffd' (replacement character)", True)
        elif kind == "control":
            yield _Signal(at, until, "control characters", True)
        elif kind == "mojibake":
            if not _TYPOGRAPHIC.issuperset(seen[1:]):
                yield _Signal(at, until, f"UTF-8 read as Latin-1 '{seen}'", True)
        elif kind == "latin":
            letters = unicodedata.normalize("NFC", seen)
            if any(letter in TONED_LETTERS for letter in letters):
                torn_pinyin = _PINYIN_SYLLABLE.fullmatch(letters.translate(_TONELESS)) is not None
                yield _Signal(at, until, "tone-marked letters", torn_pinyin)
            elif len(letters) == 1:
                yield _Signal(at, until, f"a stray '{seen}'", False)
        elif kind == "enclosed":
            after_han = at > 0 and _HAN.match(text, at - 1) is not None
            yield _Signal(at, until, f"'{seen}'", after_han and ord(seen) in _PARENTHESISED_ENCLOSED)
        elif kind == "question":
            yield _Signal(at, until, "'?'", False)
        else:
            yield _Signal(at, until, "parentheses", False)


def _gap(first: _Signal, second: _Signal) -> int:
    return max(first.start - second.end, second.start - first.end, 0)


def _groups(signals: list[_Signal]) -> Iterable[list[_Signal]]:
    group: list[_Signal] = []
    for signal in signals:
        if group and signal.start - group[-1].end > _DAMAGE_GAP:
            yield group
            group = []
        group.append(signal)
    if group:
        yield group


def _damage_span(text: str, group: list[_Signal]) -> DamageSpan:
    start, end = group[0].start, group[-1].end
    labels = list(dict.fromkeys(signal.label for signal in group))
    seen = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
    return DamageSpan(start, end, text[start:end], f"{seen} inside Chinese text")
