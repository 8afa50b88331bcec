"""Chinese personal names in a pair, found from the English side: what the NM rules share.

The English decides where to look. A capitalised pair of words whose surname word is a
surname reading from rules/names/surnames.tsv ("Fu Mingqiu", or "Mingqiu Fu") sends us to that
surname in the Chinese; the one or two characters after it are the given name, and their
readings (every heteronym) say whether the English spells it. Western names written in
Chinese characters (约翰, 马克龙) are never looked at unless the English has a pinyin-looking
pair for them, and the English has "John" and "Macron" instead; those that start with a
surname character (查理 Charlie, rules/names/transliterated-names.txt) are not read as
Chinese names at all. Names whose English form is fixed by use (rules/names/pinned-names.tsv: 林郑月娥 Carrie Lam) are checked against those
renderings only.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from functools import cache, lru_cache
from typing import NamedTuple

import regex

from qa_tool.checks.base import CheckSettings, trie_alternation
from qa_tool.checks.job_titles import phrase_pattern, titles_in
from qa_tool.glossary import TermIndex, term_index
from qa_tool.languages.zh import HAN_CHARACTERS
from qa_tool.languages.pinyin import edit_distance, fold, is_pinyin, join_syllables, spellings, word_readings
from qa_tool.model import Side, Span, quick_init
from qa_tool.normalise import NormalisedPair
from qa_tool.resources import word_map, word_set

# A capitalised word, with inner apostrophes and hyphens (Xi'an, Ka-shing); a possessive 's
# is cut off afterwards. Names are looked for only in runs of two or more such words.
_CAPITALISED_WORD = r"\p{Lu}[\p{L}\p{M}]*(?:['’\-‐][\p{L}][\p{L}\p{M}]*)*"
_CAPITALISED_RUN = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\p{{N}}'’\-]){_CAPITALISED_WORD}(?:[ \u00a0]{_CAPITALISED_WORD})+"
)
# What every run holds in ASCII text: a capitalised word, one space, a capital. Most English
# has none, and this plain scan says so faster than the run pattern's. A word is tried only
# from its start, so a long one is read once, not once per letter.
_ASCII_CAPITALISED_PAIR = re.compile(r"[A-Z](?<![A-Za-z'\-].)[A-Za-z'\-]* [A-Z]")
# The runs themselves in ASCII text, with a stdlib pattern searched from capital to capital
# (what may stand before a run is tested after its capital).
_ASCII_WORD_AFTER_CAPITAL = r"[A-Za-z]*(?:['\-][A-Za-z][A-Za-z]*)*"
_ASCII_CAPITALISED_RUN = re.compile(
    rf"[A-Z](?<![A-Za-z0-9'\-].){_ASCII_WORD_AFTER_CAPITAL}(?: [A-Z]{_ASCII_WORD_AFTER_CAPITAL})+"
)
_POSSESSIVE = ("'s", "’s")
_NAME_GAP = (" ", "\u00a0")
_HAN = regex.compile(r"\p{Han}+")
# Given names written in parts (Ka-shing, On Shan) are romanised syllable by syllable.
_SYLLABLE_BREAK = regex.compile(r"[\s\-‐'’]")
# A given name this long that is not pinyin is a misspelling rather than a Cantonese syllable.
_LONG_GIVEN_NAME = 5


class MentionKind(str, Enum):
    # The English spells the name as expected.
    MATCH = "match"
    # The English uses one of the name's pinned renderings.
    PINNED = "pinned"
    # Surname right, given name a near miss ("Fu Minqiu" for 符明秋).
    MISSPELT = "misspelt"
    # Given name right, surname read with its everyday reading ("Ceng Guofan" for 曾国藩).
    MISREAD = "misread"
    # A pinned name spelt in pinyin ("Cai Yingwen" for 蔡英文, pinned as Tsai Ing-wen).
    UNPINNED = "unpinned"


@dataclass(frozen=True, slots=True)
class NameMention:
    """One Chinese name and the English words that render it."""

    chinese: str
    # The surname part of ``chinese``; empty for a pinned rendering.
    surname: str
    # Offsets in the source's match view (simplified, annotations stripped).
    source_start: int
    source_end: int
    # Offsets in the original target.
    target_start: int
    target_end: int
    written: str
    # What the English should say there, in the order the English used.
    expected: str
    kind: MentionKind
    # True/False for pinyin names written surname first/last; None for pinned renderings.
    surname_first: bool | None
    # Equal for two mentions that render the same name the same way up to spelling choices
    # (case, hyphens, order, ü): what consistency is judged on.
    key: str


@quick_init
@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    text: str
    # The pinyin comparison key of the word.
    folded: str


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A surname + given name in the source, read against some English words."""

    surname: str
    given: str
    source_start: int
    # Index of the first English token and how many tokens the name spans.
    first_token: int
    token_count: int
    # The English words, as written, and where they are in the original target.
    written: str
    target_start: int
    target_end: int
    surname_first: bool
    surname_written: str
    given_written: str
    surname_misread: bool
    # Edit distance of the written given name to the closest reading, and that reading.
    distance: int
    reading: tuple[str, ...]

    @property
    def chinese(self) -> str:
        return self.surname + self.given

    @property
    def source_end(self) -> int:
        return self.source_start + len(self.surname) + len(self.given)


@dataclass(frozen=True, slots=True)
class NameTables:
    # Surname → its readings as written in the table (ü kept), for messages.
    surnames: dict[str, tuple[str, ...]]
    # Folded reading → surnames read so; and folded wrong reading → surnames misread so.
    by_reading: dict[str, tuple[str, ...]]
    by_misreading: dict[str, tuple[str, ...]]
    # Pinned name → accepted English renderings.
    pinned: dict[str, tuple[str, ...]]
    # Surname → its spellings outside pinyin (Cantonese, Wade-Giles, Korean...), folded.
    romanisations: dict[str, frozenset[str]]


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _index(table: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for surname, readings in table.items():
        for reading in readings:
            index.setdefault(fold(reading), []).append(surname)
    return {reading: tuple(surnames) for reading, surnames in index.items()}


@cache
def name_tables() -> NameTables:
    surnames = {surname: _split(readings) for surname, readings in word_map("names/surnames.tsv").items()}
    misreadings = {surname: _split(readings) for surname, readings in word_map("names/surname-misreadings.tsv").items()}
    pinned = {name: _split(renderings) for name, renderings in word_map("names/pinned-names.tsv").items()}
    romanisations = {
        surname: frozenset(map(fold, _split(spellings)))
        for surname, spellings in word_map("names/surname-romanisations.tsv").items()
    }
    return NameTables(surnames, _index(surnames), _index(misreadings), pinned, romanisations)


@cache
def _pinned_pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(name_tables().pinned, key=len, reverse=True))))


@cache
def _transliterated_pattern() -> re.Pattern[str]:
    names = sorted(word_set("names/transliterated-names.txt"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


def _transliterated(source: str) -> tuple[tuple[int, int], ...]:
    """Where ``source`` writes a Western name that starts with a surname character (查理)."""
    return tuple(match.span() for match in _transliterated_pattern().finditer(source))


def surname_rendering(surname: str) -> str:
    return name_tables().surnames[surname][0].capitalize()


def mention_spans(pair: NormalisedPair, mention: NameMention) -> tuple[Span, Span]:
    """Where a mention is: the English words, then the Chinese name (original offsets)."""
    source_start, source_end = pair.source_match.original_span(mention.source_start, mention.source_end)
    return Span(Side.TARGET, mention.target_start, mention.target_end), Span(Side.SOURCE, source_start, source_end)


@dataclass(frozen=True, slots=True)
class _Answer:
    """The pair asked about last and its mentions: every NM rule asks about the same pair in
    turn, and comparing identities is cheaper than hashing the texts again. The glossary
    index is kept for the run's settings: asking for it checks the glossary files' dates."""

    pair: NormalisedPair | None
    settings: CheckSettings | None
    mentions: tuple[NameMention, ...]
    index: TermIndex | None


# Read and replaced whole, so rules asking in threads (a Dask scheduler) never mix two pairs.
_last_answer = _Answer(None, None, (), None)


def mentions_in(pair: NormalisedPair, settings: CheckSettings) -> tuple[NameMention, ...]:
    """The names of a pair, with the names its glossaries fix left to the glossary rules."""
    global _last_answer
    last = _last_answer
    if last.settings is settings:
        if last.pair is pair:
            return last.mentions
        index = last.index
    else:
        index = term_index(settings.glossaries)
    source = pair.source_match.text
    fixed = tuple((match.start, match.end) for match in index.find(source, pair.source)) if index is not None else ()
    mentions = name_mentions(source, pair.pair.target, fixed)
    _last_answer = _Answer(pair, settings, mentions, index)
    return mentions


def name_mentions(source: str, target: str, fixed: tuple[tuple[int, int], ...] = ()) -> tuple[NameMention, ...]:
    """The Chinese names of ``source`` (a match view: simplified) that ``target`` renders or
    misspells, in target order; names inside a ``fixed`` source span (a glossary term) are
    not looked at."""
    tables = name_tables()
    tokens = _tokens(target)
    # One search settles nearly every source (no pinned name), at half the cost of starting
    # an iteration; the names are then found from the first one on.
    first_pinned = _pinned_pattern().search(source)
    pinned = (
        []
        if first_pinned is None
        else [(match.group(), match.start()) for match in _pinned_pattern().finditer(source, first_pinned.start())]
    )
    if not tokens and not pinned:
        return ()
    mentions = _pinned_mentions(pinned, tokens, target, tables)
    candidates = _candidates(source, target, tokens, tables) if len(tokens) > 1 else []
    if candidates:
        taken = fixed + _transliterated(source) + tuple((start, start + len(name)) for name, start in pinned)
        candidates = [c for c in candidates if not any(start <= c.source_start < end for start, end in taken)]
        mentions += _pinyin_mentions(candidates)
    return tuple(sorted(mentions, key=lambda mention: mention.target_start))


def _tokens(target: str) -> list[_Token]:
    """The capitalised words of ``target`` that stand next to another one."""
    ascii = target.isascii()
    if ascii and not _ASCII_CAPITALISED_PAIR.search(target):
        return []
    tokens = []
    for run in (_ASCII_CAPITALISED_RUN if ascii else _CAPITALISED_RUN).finditer(target):
        start = run.start()
        # A run is its words, each after one space or no-break space.
        for word in run.group().replace("\u00a0", " ").split(" "):
            text = word[:-2] if word.endswith(_POSSESSIVE) else word
            tokens.append(_Token(start, start + len(text), text, _folded_word(text)))
            start += len(word) + 1
    return tokens


# The same capitalised words (The, China, United States) recur across a document.
_folded_word = lru_cache(maxsize=4096)(fold)


def _occurrences(text: str, word: str) -> list[int]:
    found, start = [], text.find(word)
    while start >= 0:
        found.append(start)
        start = text.find(word, start + 1)
    return found


def _adjacent(tokens: list[_Token], index: int, target: str) -> bool:
    """Whether token ``index`` and the next one are separated by exactly one space."""
    following = index + 1
    return (
        following < len(tokens)
        and tokens[following].start == tokens[index].end + 1
        and target[tokens[index].end] in _NAME_GAP
    )


# --- names pinned to a rendering ----------------------------------------------------------


def _pinned_mentions(
    pinned: list[tuple[str, int]], tokens: list[_Token], target: str, tables: NameTables
) -> list[NameMention]:
    """Mentions of pinned names: a pinned rendering, else the name spelt in pinyin, else a
    near miss of a pinned rendering."""
    mentions: list[NameMention] = []
    for name, start in pinned:
        renderings = tables.pinned[name]
        found = list(phrase_pattern(renderings).finditer(target))
        for match in found:
            written = match.group()
            mentions.append(
                NameMention(name, "", start, start + len(name), match.start(), match.end(), written, written,
                            MentionKind.PINNED, None, fold(written))
            )
        if not found:
            mentions += _pinyin_of_pinned(name, start, renderings[0], tokens, target)
            mentions += _misspelt_pinned(name, start, renderings, tokens, target)
    return _unique(mentions)


def _pinyin_of_pinned(name: str, start: int, rendering: str, tokens: list[_Token], target: str) -> list[NameMention]:
    """Runs of two to four capitalised words that spell the whole pinned name in pinyin
    (Cai Yingwen, Lin Zheng Yue'e)."""
    spelt = spellings(name)
    mentions = []
    for first in range(len(tokens)):
        last = first
        while last - first < 3 and _adjacent(tokens, last, target):
            last += 1
            if fold(target[tokens[first].start : tokens[last].end]) in spelt:
                written = target[tokens[first].start : tokens[last].end]
                mentions.append(
                    NameMention(name, "", start, start + len(name), tokens[first].start, tokens[last].end, written,
                                rendering, MentionKind.UNPINNED, None, fold(written))
                )
    return mentions


def _misspelt_pinned(
    name: str, start: int, renderings: tuple[str, ...], tokens: list[_Token], target: str
) -> list[NameMention]:
    """Runs of capitalised words one or two letters off a pinned rendering ("Tsai Ying-wen"),
    with at least one word spelt right, so an unrelated name is not taken for it."""
    mentions = []
    for rendering in renderings:
        words = [fold(word) for word in rendering.split()]
        if len(words) < 2:
            continue
        for first in range(len(tokens) - len(words) + 1):
            if not all(_adjacent(tokens, index, target) for index in range(first, first + len(words) - 1)):
                continue
            window = tokens[first : first + len(words)]
            seen = [token.folded for token in window]
            if not any(word == written for word, written in zip(words, seen)):
                continue
            if 0 < edit_distance("".join(seen), "".join(words), _limit("".join(words))) <= _limit("".join(words)):
                written = target[window[0].start : window[-1].end]
                mentions.append(
                    NameMention(name, "", start, start + len(name), window[0].start, window[-1].end, written,
                                rendering, MentionKind.MISSPELT, None, fold(rendering))
                )
    return mentions


def _unique(mentions: list[NameMention]) -> list[NameMention]:
    """One mention per English span (a name written twice in the source is one name)."""
    seen: set[tuple[int, int]] = set()
    kept = []
    for mention in mentions:
        if (mention.target_start, mention.target_end) not in seen:
            seen.add((mention.target_start, mention.target_end))
            kept.append(mention)
    return kept


# --- names in pinyin ----------------------------------------------------------------------


def _limit(expected: str) -> int:
    """How many letters a near miss may be off: one in a short name, two in a long one."""
    return 1 if len(expected) <= 5 else 2


def _candidates(source: str, target: str, tokens: list[_Token], tables: NameTables) -> list[_Candidate]:
    """Every reading of adjacent capitalised words as a surname + given name of the source:
    surname first or last, and a given name in one word or in two (Fu Ming Qiu). Words inside
    a longer run of pinyin words (Shu Feng Jie Du, a medicine written syllable by syllable)
    are not a name."""
    surnames = [token.folded in tables.by_reading or token.folded in tables.by_misreading for token in tokens]
    if not any(surnames):
        return []
    candidates: list[_Candidate] = []
    runs = _pinyin_runs(tokens, target)
    run_lengths = Counter(runs)
    for index in range(len(tokens) - 1):
        if not _adjacent(tokens, index, target):
            continue
        shapes = [(2, True), (2, False)]
        if _adjacent(tokens, index + 1, target):
            shapes.append((3, True))
        for count, surname_first in shapes:
            if not surnames[index if surname_first else index + count - 1]:
                continue
            if runs[index] == runs[index + count - 1] and run_lengths[runs[index]] > count:
                continue
            candidates += _read_against(source, target, tokens, index, count, surname_first, tables)
    return candidates


def _pinyin_runs(tokens: list[_Token], target: str) -> list[int]:
    """A run number per token: adjacent pinyin words share one; any other word has its own."""
    runs, run = [], 0
    for index, token in enumerate(tokens):
        runs.append(run)
        joined = _adjacent(tokens, index, target) and is_pinyin(token.folded) and is_pinyin(tokens[index + 1].folded)
        run += 0 if joined else 1
    return runs


def _read_against(
    source: str, target: str, tokens: list[_Token], first: int, count: int, surname_first: bool, tables: NameTables
) -> list[_Candidate]:
    window = tokens[first : first + count]
    surname_token = window[0] if surname_first else window[-1]
    given_tokens = window[1:] if surname_first else window[:-1]
    exact = tables.by_reading.get(surname_token.folded, ())
    misread = tables.by_misreading.get(surname_token.folded, ())
    given_written = " ".join(token.text for token in given_tokens)
    folded_given = fold(given_written)
    found = []
    for surname, surname_misread in [(s, False) for s in exact] + [(s, True) for s in misread]:
        for start in _occurrences(source, surname):
            after = start + len(surname)
            for size in (1, 2):
                given = source[after : after + size]
                if len(given) < size or not _HAN.fullmatch(given):
                    break
                distance, reading = _closest_reading(given, folded_given)
                found.append(
                    _Candidate(surname, given, start, first, count, target[window[0].start : window[-1].end],
                               window[0].start, window[-1].end, surname_first, surname_token.text,
                               given_written, surname_misread, distance, reading)
                )
    return found


def _closest_reading(given: str, folded: str) -> tuple[int, tuple[str, ...]]:
    readings = word_readings(given)
    if not readings:
        return 99, ()
    if folded in spellings(given):
        return 0, next(reading for reading in readings if "".join(reading) == folded)
    scored = [(edit_distance(folded, "".join(reading), 2), reading) for reading in readings]
    return min(scored, key=lambda item: item[0])


def _pinyin_mentions(candidates: list[_Candidate]) -> list[NameMention]:
    """Exact readings first (longest English first), then misread surnames, then near misses,
    each English word serving one name. A near miss of a name the English also spells right
    is another person, not a misspelling, and is left alone."""
    consumed: set[int] = set()
    spelt_right: set[str] = set()
    mentions: list[NameMention] = []

    def claim(candidate: _Candidate) -> bool:
        words = set(range(candidate.first_token, candidate.first_token + candidate.token_count))
        if words & consumed:
            return False
        consumed.update(words)
        return True

    exact = [c for c in candidates if c.distance == 0 and not c.surname_misread]
    for candidate in sorted(exact, key=lambda c: (-c.token_count, -len(c.given))):
        if claim(candidate):
            spelt_right.add(candidate.chinese)
            mentions.append(_mention(candidate, MentionKind.MATCH, candidate.written))
    for candidate in candidates:
        if candidate.distance == 0 and candidate.surname_misread and claim(candidate):
            expected = _ordered(surname_rendering(candidate.surname), candidate.given_written, candidate.surname_first)
            mentions.append(_mention(candidate, MentionKind.MISREAD, expected))
    near = [c for c in candidates if _is_near_miss(c) and c.chinese not in spelt_right]
    for candidate in sorted(near, key=lambda c: c.distance):
        if claim(candidate):
            given = join_syllables(candidate.reading).capitalize()
            expected = _ordered(candidate.surname_written, given, candidate.surname_first)
            mentions.append(_mention(candidate, MentionKind.MISSPELT, expected))
    return mentions


def _is_near_miss(candidate: _Candidate) -> bool:
    """A given name one or two letters off that is still pinyin (Minqiu), or long and written
    in one piece (Jinpig): short non-pinyin syllables and given names in parts are other
    romanisations (Ma On Shan, Ka-shing), not misspellings."""
    if candidate.surname_misread or not candidate.reading:
        return False
    if not 0 < candidate.distance <= _limit("".join(candidate.reading)):
        return False
    folded = fold(candidate.given_written)
    if is_pinyin(folded):
        return len(folded) > 1
    return len(folded) >= _LONG_GIVEN_NAME and not _SYLLABLE_BREAK.search(candidate.given_written)


def _ordered(surname: str, given: str, surname_first: bool) -> str:
    return f"{surname} {given}" if surname_first else f"{given} {surname}"


def _mention(candidate: _Candidate, kind: MentionKind, expected: str) -> NameMention:
    key = fold(name_tables().surnames[candidate.surname][0]) + "|" + "".join(candidate.reading)
    return NameMention(candidate.chinese, candidate.surname, candidate.source_start, candidate.source_end, candidate.target_start,
                       candidate.target_end, candidate.written, expected, kind, candidate.surname_first, key)


# --- names the Chinese marks as names -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class MarkedName:
    """A name the Chinese itself marks as one: next to a job title or before a verb of saying."""

    chinese: str
    surname: str
    start: int
    end: int
    # The job title right before or after it, if any.
    title: str | None


@cache
def _anchors() -> dict[str, frozenset[str]]:
    return {kind: frozenset(value.split()) for kind, value in word_map("names/name-anchors.tsv").items()}


class _MarkedNamePatterns(NamedTuple):
    fast: re.Pattern[str]
    # What a match of ``fast`` holds from its surname on, and that after a break or a title:
    # a source holding none of the three has no marked name. Opening with a class or a trie,
    # the searches skip in C to a break or a title; ``fast``, opening with an alternation of a
    # trie and a look behind, is tried at every character.
    at_start: re.Pattern[str]
    after_break: re.Pattern[str]
    after_title: re.Pattern[str]


_BREAKS = "，。；：、！？“”\"\\s（("


@cache
def _marked_name_pieces() -> tuple[str, str, str, str]:
    """Compound surnames, single ones (as a class's inside), titles and verbs of saying, the
    lists as tries."""
    tables = name_tables()
    return (
        trie_alternation(s for s in tables.surnames if len(s) > 1),
        "".join(s for s in tables.surnames if len(s) == 1),
        trie_alternation(word_map("names/titles.tsv")),
        trie_alternation(_anchors()["speech"]),
    )


def _marked_name_pattern(after_break: str, han: str) -> str:
    """A surname and one or two given characters (of ``han``) after a title or ``after_break``,
    before a verb of saying, a title or a break."""
    compound, single, titles, verbs = _marked_name_pieces()
    return (
        rf"(?:(?P<title>{titles})|{after_break})"
        rf"(?P<surname>{compound}|[{single}])(?P<given>{han}{{1,2}}?)"
        rf"(?=(?P<verb>{verbs})|(?P<title_after>{titles})|[，。；、,;])"
    )


@cache
def _marked_name_patterns() -> _MarkedNamePatterns:
    """The marked-name pattern in stdlib re, whose scan of a text is several times faster,
    with the titles and verbs as tries; its given characters are those of the Han class
    (languages.zh), which holds a few characters more than \\p{Han}."""
    compound, single, titles, verbs = _marked_name_pieces()
    # The screens take any character beyond ASCII for a given one, a wider class than the Han
    # class ``fast`` reads (so they still find whatever it finds) that re compiles without
    # walking the Han ranges code point by code point: 7 ms less, and on the 10k corpus they
    # pass the same sources.
    named = rf"(?:{compound}|[{single}])[^\x00-\x7f]{{1,2}}(?:{verbs}|{titles}|[，。；、,;])"
    return _MarkedNamePatterns(
        # re's \s holds \x1c-\x1f too, which is no white space to \p{White_Space} (regex's \s).
        re.compile(_marked_name_pattern(rf"(?<![^{_BREAKS}])(?<![\x1c-\x1f])", f"[{HAN_CHARACTERS}]")),
        re.compile(named),
        re.compile(rf"[{_BREAKS}]{named}"),
        re.compile(rf"(?:{titles}){named}"),
    )


@cache
def _exact_marked_name_pattern() -> regex.Pattern[str]:
    """The same with \\p{Han}, for a text where a given name the re pattern finds holds one of
    the Han class's few characters more. Compiled when such a text first comes (the regex
    module takes about 12 ms over it, a microsecond a pair of a 10,000-pair file)."""
    return regex.compile(_marked_name_pattern(rf"(?<=^|[{_BREAKS}])", r"\p{Han}"))


def _marked_name_matches(source: str) -> list[re.Match[str]] | list[regex.Match[str]]:
    """What _exact_marked_name_pattern finds in ``source``. The re pattern of
    _marked_name_patterns finds the same when each given name it finds is Han: it tries the
    same ways of matching in the same order, and only a given character outside \\p{Han} lets
    one of them match where the other fails."""
    patterns = _marked_name_patterns()
    if not (
        patterns.at_start.match(source) or patterns.after_break.search(source) or patterns.after_title.search(source)
    ):
        return []
    found = list(patterns.fast.finditer(source))
    if all(_HAN.fullmatch(match.group("given")) for match in found):
        return found
    return list(_exact_marked_name_pattern().finditer(source))


@cache
def _speech_verb_pattern() -> re.Pattern[str]:
    """Any verb of saying: one scan of a source, jumping between the characters the verbs
    start with, where testing each verb scans the source once per verb. An empty list (an
    edited name-anchors.tsv) matches nothing, as no verb would."""
    verbs = sorted(_anchors()["speech"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, verbs)) if verbs else "(?!)")


@cache
def _speech_verb_or_title_pattern() -> re.Pattern[str]:
    """Any verb of saying or job title, as one trie: a single scan of a source that holds
    neither (six in seven of the benchmark's) settles it, where the verbs' scan and the
    titles' (titles_in) take one each. A title here may still continue a word (titles_in
    leaves those out), so what this finds is then looked at as before."""
    return re.compile(trie_alternation([*_anchors()["speech"], *word_map("names/titles.tsv")]))


def marked_names(source: str) -> tuple[MarkedName, ...]:
    """Names in ``source`` (a match view) that the Chinese marks as names: a surname and one
    or two given characters next to a job title (副校长符明秋，and 周毅副主任), or right before a
    verb of saying (周毅表示; their ``title`` is None). 表示 alone also means "represents", so a
    caller takes a name marked only by a verb when the document has already shown it is one."""
    if not _speech_verb_or_title_pattern().search(source):
        return ()
    return _marked_names(source)


def _marked_names(source: str) -> tuple[MarkedName, ...]:
    """marked_names without its first scan."""
    anchors = _anchors()
    if not _speech_verb_pattern().search(source) and not titles_in(source):
        return ()
    found = []
    transliterated = _transliterated(source)
    for match in _marked_name_matches(source):
        if any(start <= match.start("surname") < end for start, end in transliterated):
            continue
        title, given = match.group("title") or match.group("title_after"), match.group("given")
        if title is None and match.group("verb") is None:
            continue
        if any(character in anchors["not-given"] or character in anchors["transliteration"] for character in given):
            continue
        # 总理强调: the "name" after a title is the verb of saying that follows it.
        if match.group("surname") + given in anchors["speech"]:
            continue
        found.append(
            MarkedName(match.group("surname") + given, match.group("surname"), match.start("surname"), match.end("given"), title)
        )
    return tuple(found)
