"""English spelling: which words of a translation are not English words, what they should
have been, and which are two words run together or one word split. Shared by SP01 and SP02,
which read the same analysis of a pair (made once per pair).

What counts as a word: SCOWL's large list in every spelling variety (rules/english/words.txt
and names.txt, American and British both), the house list (rules/english/house-words.txt), the user's
dictionaries (``dictionary = [...]`` in the config) and the English of the glossaries.
How common a word is comes from the frequency list symspellpy ships (Google Books counts of
SCOWL words), cut to the common words in rules/english/word-counts.txt; both are read on first
use, once per process.

A zh→en translation is full of words no dictionary holds: pinyin names, transliterations,
acronyms, codes, jargon. So an unknown word is reported only when it looks like a slip: one
edit (a letter added, dropped, changed, or two swapped) away from a common word. A word with
no such neighbour ("Xishuangbanna", "microfluidic") is left alone, and so is a word that is
pinyin, written in the source, all capitals or mixed case, or a capitalised word the
document writes the same way twice (a name)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from typing import Callable, Collection, Iterable, Iterator, Sequence


from qa_tool.checks.base import CheckSettings, Matching, Rule, SearchedBy, any_of
from qa_tool.checks.literals import protected_spans
from qa_tool.errors import InputError
from qa_tool.glossary import term_index
from qa_tool.languages import pinyin
from qa_tool.resources import rules_dir, word_set
from qa_tool.languages.en import FUNCTION_WORDS, folded_words
from qa_tool.model import Side
from qa_tool.normalise import NormalisedPair

WORDS = "english/words.txt"
NAMES = "english/names.txt"
HOUSE_WORDS = "english/house-words.txt"
WORD_COUNTS = "english/word-counts.txt"

# A word: letters, with inner apostrophes and hyphens ("don't", "Beijing-based"); never part
# of a run with digits or underscores (3rd, COVID-19, user_id).
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_WORD = re.compile(
    rf"(?<![\w'’‘\-@/.])[{_LATIN}][{_LATIN}\u0300-\u036f]*(?:['’‘\-][{_LATIN}][{_LATIN}\u0300-\u036f]*)*"
    r"(?![\w@/]|\.\w|['’‘\-]\d)"
)
_ANY_LATIN = re.compile(f"[{_LATIN}]")
# Every run of letters with inner apostrophes and hyphens, for the first look: a text whose
# runs are all known has no unknown word (each word above is one of these runs).
_LETTER_RUN = re.compile(rf"[{_LATIN}\u0300-\u036f]+(?:['’‘\-][{_LATIN}\u0300-\u036f]+)*")
# Unknown pieces of a text looked for one by one (see _runs_holding); past this, every run is read.
_PIECES_SEARCHED = 8
_PINYIN_INITIAL = re.compile("zh|ch|sh|[bpmfdtnlgkhjqxrzcs]")
_PINYIN_FINAL_INITIAL = re.compile(f"(?:{_PINYIN_INITIAL.pattern})$")
# The characters between words (ASCII, Latin-1, general and CJK punctuation), for the first
# look at a text: its pieces of letters are the runs of anything but these and white space.
_NOT_LETTERS = frozenset(
    code for code in (*range(0x100), *range(0x2000, 0x2070), *range(0x3000, 0x3040)) if not chr(code).isalpha()
)
_LETTER_PIECE = re.compile("[^{}\\s]+".format("".join(re.escape(chr(code)) for code in sorted(_NOT_LETTERS))))
# The pieces of an ASCII word (languages.en.folded_words): its digits and apostrophes made spaces.
_LETTERS_ONLY = str.maketrans("0123456789'", " " * 11)
_APOSTROPHES = str.maketrans("’‘", "''")
_POSSESSIVE = re.compile(r"['’‘]s?$")
# Regular endings, each with the stems it follows: a common word with one of them is an
# inflection or a verb made from a noun the lists lack (actuals, softwares, strived, lensed),
# a usage question, not a slip of the keyboard. An ending the stem does not take ("leades",
# "cookd") is a slip, and so is a rare stem's ("formes" of forme is more likely "forms").
_SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh")
_REGULAR_ENDINGS = (
    ("s", lambda stem: not stem.endswith(_SIBILANT_ENDINGS) and not _ends_in_consonant_y(stem)),
    ("es", lambda stem: stem.endswith((*_SIBILANT_ENDINGS, "o"))),
    ("d", lambda stem: stem.endswith("e")),
    ("ed", lambda stem: not stem.endswith("e") and not _ends_in_consonant_y(stem)),
)


def _ends_in_consonant_y(stem: str) -> bool:
    """A stem whose y becomes ie before s and ed (city → cities)."""
    return stem.endswith("y") and stem[-2:-1] not in ("a", "e", "i", "o", "u")


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_LETTER_SET = frozenset(_LETTERS)
# Shorter words are too often abbreviations, units, interjections or foreign words (mins,
# fabs, jins, yaki, bleu): on the news dev set they were mostly not slips.
MIN_LETTERS = 5
# A suggestion must be at least this common (Google Books count): an unknown word one edit
# from a rarer word is more often a name or a foreign word (gurley and hurley, outsale and
# outsole on the news dev set) than a slip.
MIN_SUGGESTION_COUNT = 2_000_000
# The words a run-together or split word is made of must be this common.
MIN_PART_COUNT = 5_000_000
# A word run together after a function word ("toearn") is this long at least, and after a
# name ("Beijingbased") longer still, as is the name: shorter parts make names and compounds
# ("Alipay", "Indo", "Hanbeam").
MIN_RUN_ON_LETTERS = 4
MIN_NAME_RUN_ON_LETTERS = 5
MIN_NAME_LETTERS = 4
# Capitalised words are names far more often than slips; one is reported only when it is one
# edit from a common lower-case word this long and this common ("Goverment", "Enviroment"),
# not from a short or rarer one ("Roald" and road, "Biden" and widen).
MIN_CAPITALISED_SUGGESTION_LETTERS = 8
MIN_CAPITALISED_SUGGESTION_COUNT = 20_000_000
PREFIX_WORDS = "english/prefix-words.txt"
# A suggestion is offered as the fix only when it is this many times as common as the next.
CLEAR_WINNER = 10


# A list of words held as a dict of the words (to None), not a frozenset: the garbage collector
# walks a set whenever it collects the set's generation, touching each of its 130,000 words
# (three or four walks in a run of 10,000 pairs), but leaves alone a dict that holds only
# strings, which can be part of no reference cycle. The lists are cached and shared by every
# lexicon: nothing may write to one (a run's own words go into a copy).
WordSet = dict[str, None]


@dataclass(frozen=True, slots=True)
class SpellingIssue:
    # "misspelt", "run-together" or "split".
    kind: str
    start: int
    end: int
    word: str
    # What was meant: the likeliest words for a misspelling, most common first; the words
    # apart for a run-together word; the word whole for a split one.
    suggestions: tuple[str, ...]
    # The safe fix, when there is one.
    replacement: str | None
    # Whether the word is capitalised: a name that may be written so again in the document.
    capitalised: bool


class Lexicon:
    """The accepted words (lower case) and the frequencies of common ones."""

    def __init__(self, extra_words: Iterable[str] = ()) -> None:
        extra = {word.lower() for word in extra_words}
        # One copy of the 130,000 words unless the run adds its own.
        self.words = _base_words() | dict.fromkeys(extra) if extra else _base_words()
        self.counts = _counts()
        # The words a suggestion may be: listed and common.
        self.common = _listed_of(self.counts, self.words) if extra else _common_base_words()

    @cached_property
    def names(self) -> WordSet:
        """Read only once a word is unknown and has a near miss: most texts never need them."""
        return _names()

    def __contains__(self, word: str) -> bool:
        lower = word.lower()
        if lower in self.words:
            return True
        if "'" not in lower and "’" not in lower and "‘" not in lower:
            return False
        lower = lower.translate(_APOSTROPHES)
        return lower in self.words or _POSSESSIVE.sub("", lower) in self.words

    def count(self, word: str) -> int:
        return self.counts.get(word.lower(), 0)

    @cached_property
    def _sorted_common(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The common words sorted, and the same spelt backwards, sorted: the words that start
        or end a certain way are neighbours there. (Tuples of strings, which the garbage
        collector stops walking, as it would not a list.) The counts file is in alphabetical
        order, so the first sort only reads through its sorted input."""
        return tuple(sorted(self.common)), tuple(sorted(word[::-1] for word in self.common))

    def may_be_part(self, word: str) -> bool:
        """Whether ``word`` (any case) starts or ends a longer word that a split word would
        make (listed, used MIN_PART_COUNT times or more): if not, it is no half of a split
        word. Read from the common words that start or end so, in the sorted lists: an
        unknown word starts or ends few, and the first common enough one settles it."""
        forwards, backwards = self._sorted_common
        counts, lower = self.counts, word.lower()
        return any(counts[listed] >= MIN_PART_COUNT for listed in _longer_starting(forwards, lower)) or any(
            counts[listed[::-1]] >= MIN_PART_COUNT for listed in _longer_starting(backwards, lower[::-1])
        )

    @cached_property
    def _one_edit_search(self) -> _OneEditSearch:
        return _OneEditSearch(self.common, *self._sorted_common)

    def near_misses(self, word: str) -> list[str]:
        """Common words one edit from ``word``, most common first; for a lower-case word,
        not names (a slip of "million" is not "Milton")."""
        lower = word.lower()
        found = self._one_edit_search(lower)
        if found and word.islower():
            found = found.difference(self.names)
        return sorted(found, key=lambda candidate: (-self.counts[candidate], candidate))

    def split(self, word: str) -> tuple[str, str] | None:
        """The two words ``word`` runs together, the likeliest split, or None. Only two
        shapes are read as a lost space: a function word before a common word or another
        function word ("toearn", "ofthe"), and a name before a common lower-case word
        ("Beijingbased"). Two content words together are a closed compound English may well
        write so (supercar, courseware, lockdown) and are left alone."""
        function_words, prefix_words = word_set(FUNCTION_WORDS), word_set(PREFIX_WORDS)
        best, best_count = None, 0
        for cut in range(1, len(word)):
            left, right = word[:cut], word[cut:]
            after_function_word = left.islower() and left in function_words and left not in prefix_words
            after_name = len(left) >= MIN_NAME_LETTERS and left[0].isupper() and left.lower() in self.names
            if not (after_function_word or after_name) or not right.islower() or right not in self.words:
                continue
            if after_name and (right in function_words or len(right) < MIN_NAME_RUN_ON_LETTERS):
                continue
            if right not in function_words and (len(right) < MIN_RUN_ON_LETTERS or right in self.names):
                continue
            weakest = self.count(right) if after_name else min(self.count(left), self.count(right))
            if weakest >= MIN_PART_COUNT and weakest > best_count:
                best, best_count = (left, word[cut:]), weakest
        return best

    def capitalised_near_misses(self, word: str) -> list[str]:
        """Near misses of a capitalised word that make it a slip, not a name."""
        return [
            candidate
            for candidate in self.near_misses(word)
            if len(candidate) >= MIN_CAPITALISED_SUGGESTION_LETTERS
            and self.counts[candidate] >= MIN_CAPITALISED_SUGGESTION_COUNT
            and candidate not in self.names
        ]


class _OneEditSearch:
    """The words of a list one deletion, transposition, substitution or insertion from a
    word. Deletions and transpositions are few (one a letter) and looked up as made; the other
    two edits put any of 26 letters at each place, so they are made only at the places where a
    listed word starts with the letters before and ends with the letters after (found by
    bisection in the list sorted forwards and backwards): a slip has such places only around
    itself, a name or a term often none, a tenth of the candidates or less. At such a place
    the few listed words that start with the letters before, or end with those after, are
    read where they stand in the sorted lists rather than 26 words made and looked up."""

    def __init__(self, words: WordSet, forwards: Sequence[str], backwards: Sequence[str]) -> None:
        """``forwards`` and ``backwards``: ``words`` sorted, and spelt backwards and sorted."""
        self._listed = words.keys()
        self._forwards = forwards
        self._backwards = backwards

    def __call__(self, word: str) -> set[str]:
        listed, length = self._listed, len(word)
        # Each kind of edit looked up as it is made, not gathered into one set of a few hundred.
        found = listed & [word[:cut] + word[cut + 1 :] for cut in range(length)]
        found |= listed & [word[:cut] + word[cut + 1] + word[cut] + word[cut + 2 :] for cut in range(length - 1)]
        # A listed word starts with word[:cut] for each cut up to ``starting``, and one ends with
        # word[-kept:] for each kept up to ``ending``.
        starting = _longest_start(self._forwards, word)
        ending = _longest_start(self._backwards, word[::-1])
        # Substituting the letter at cut keeps length - cut - 1 letters after it; inserting
        # before it keeps length - cut.
        for cut in range(max(0, length - 1 - ending), min(starting, length - 1) + 1):
            found.update(self._one_letter_between(word[:cut], word[cut + 1 :]))
        for cut in range(max(0, length - ending), min(starting, length) + 1):
            found.update(self._one_letter_between(word[:cut], word[cut:]))
        return found

    def _one_letter_between(self, before: str, after: str) -> Collection[str]:
        """The listed words that are ``before``, one of the 26 letters, and ``after``."""
        length = len(before) + 1 + len(after)
        start, end = _starting_with(self._forwards, before)
        if end - start <= _WORDS_READ:
            return [
                listed
                for listed in self._forwards[start:end]
                if len(listed) == length and listed.endswith(after) and listed[len(before)] in _LETTER_SET
            ]
        start, end = _starting_with(self._backwards, after[::-1])
        if end - start <= _WORDS_READ:
            before_backwards = before[::-1]
            return [
                backwards[::-1]
                for backwards in self._backwards[start:end]
                if len(backwards) == length and backwards.endswith(before_backwards) and backwards[len(after)] in _LETTER_SET
            ]
        return self._listed & [before + letter + after for letter in _LETTERS]


# Past this many listed words starting (or ending) as a one-letter edit must, making the 26
# words and looking them up costs less than reading them.
_WORDS_READ = 64


def _starting_with(ordered: Sequence[str], start: str) -> tuple[int, int]:
    """Where the words of ``ordered`` (sorted) that start with ``start`` stand: together, from
    ``start`` itself up to the first word past every continuation of it."""
    first = bisect_left(ordered, start)
    return first, bisect_left(ordered, start + "\U0010ffff", first)


def _longest_start(ordered: Sequence[str], word: str) -> int:
    """How many first letters of ``word`` a word of ``ordered`` (sorted) shares at most: the
    words that start as ``word`` does sort around it, so one of its two neighbours is such a
    word."""
    at = bisect_left(ordered, word)
    return max(_shared_start(word, neighbour) for neighbour in ordered[max(at - 1, 0) : at + 1]) if ordered else 0


def _shared_start(word: str, other: str) -> int:
    shared = 0
    for letter, other_letter in zip(word, other):
        if letter != other_letter:
            break
        shared += 1
    return shared


def _longer_starting(ordered: Sequence[str], start: str) -> Iterator[str]:
    """The words of ``ordered`` (sorted) that are ``start`` and more: they follow it, together."""
    at = bisect_right(ordered, start)
    while at < len(ordered) and ordered[at].startswith(start):
        yield ordered[at]
        at += 1


@cache
def _base_words() -> WordSet:
    house = "\n".join(word_set(HOUSE_WORDS))
    # Lower-cased and split whole: a loop over the 130,000 words would take three times as long.
    return dict.fromkeys(lower_listed_words(f"{_listed_words(WORDS)}\n{_listed_words(NAMES)}\n{house}").split())


_ASCII_BYTES = bytes(range(128))


def lower_listed_words(text: str) -> str:
    """``text.lower()``, quicker for a long text of ASCII with a few letters beyond it (the
    word lists: a few hundred in a million), for which str.lower asks the Unicode tables of
    every character. Its UTF-8 bytes are lower-cased instead, which changes ASCII letters only,
    once each letter beyond ASCII that has a lower case is replaced by it (its bytes stand for
    nothing else in UTF-8)."""
    encoded = text.encode()
    beyond_ascii = set(encoded.translate(None, _ASCII_BYTES).decode())
    capitals = [letter for letter in beyond_ascii if letter.lower() != letter]
    if "\u03a3" in capitals:  # a capital sigma's lower case depends on where it stands (σ, ς)
        return text.lower()
    for capital in capitals:
        encoded = encoded.replace(capital.encode(), capital.lower().encode())
    return encoded.lower().decode()


@cache
def _common_base_words() -> WordSet:
    """The listed words used MIN_SUGGESTION_COUNT times or more: an eighth of the list, and
    nearly every word of a text. A look-up in this smaller set stays in the processor's
    caches; one in the whole list, amid the other rules' data, mostly waits for memory."""
    return _listed_of(_counts(), _base_words())


def _listed_of(words: Iterable[str], listed: WordSet) -> WordSet:
    return dict.fromkeys(word for word in words if word in listed)


@cache
def _names() -> WordSet:
    """Words the list writes only capitalised (lower case here): names (Beijing, Adrian)."""
    return dict.fromkeys(_listed_words(NAMES).lower().split())


def _listed_words(relative: str) -> str:
    """A word list of rules/english (words.txt, names.txt, word-counts.txt) without its
    comments: one word a line (words have no spaces), with its count in word-counts.txt."""
    with open(rules_dir() / relative, encoding="utf-8") as stream:
        text = stream.read()
    start = 0
    while text.startswith("#", start):  # the header
        start = text.index("\n", start) + 1
    listed = text[start:]
    if "#" in listed:  # a comment added further down
        listed = "\n".join(line for line in listed.split("\n") if not line.startswith("#"))
    return listed


@cache
def _counts() -> dict[str, int]:
    """Word → how often it is used, of the words used MIN_SUGGESTION_COUNT times or more:
    every count the rules compare is at least that, so a rarer word may count 0. Read from
    rules/english/word-counts.txt, cut from symspellpy's list by
    benchmarks/build_word_counts.py."""
    fields = iter(_listed_words(WORD_COUNTS).split())
    return {word: int(count) for word, count in zip(fields, fields)}


def has_unlisted_piece(text: str) -> bool:
    """Whether ``text`` holds Latin letters and a piece of letters the shipped word lists lack:
    a text without one has no unknown word, whatever words the run adds (dictionaries,
    glossaries), so the spelling rules have nothing to say on it."""
    return bool(_listed_pieces().unlisted_in(text))


def unlisted_pieces(text: str) -> frozenset[str]:
    """The pieces of letters of ``text`` (lower case) that the shipped word lists lack; none
    for a text without Latin letters."""
    return _listed_pieces().unlisted_in(text)


class _ListedPieces:
    """Which pieces of letters (lower case) the shipped word lists lack. A text's pieces are
    first looked up among the pieces already met: the common words to begin with, then every
    listed piece a text brings (the same words recur from pair to pair). That set stays small
    enough for the processor's caches, where the whole list's look-ups, amid the other rules'
    data, mostly wait for memory; only a text with a piece not met yet looks in the whole list.
    Nothing is ever added but listed pieces and words of ASCII text made of them alone (1990s,
    people's), so the answer is the whole list's. The answer for
    the last text is kept, as the trigger asks first and the analysis again."""

    def __init__(self) -> None:
        self._listed = _base_words()
        self._met = set(_common_base_words())
        # How many words that are not a piece themselves (digits, apostrophes) _met holds.
        self._words_met = 0
        self._last_text: str | None = None
        self._last_unlisted: frozenset[str] = frozenset()

    def unlisted_in(self, text: str) -> frozenset[str]:
        if text == self._last_text:
            return self._last_unlisted
        if text.isascii():
            # GR02 and GR05 read the same words of the same target (folded_words keeps them):
            # a word of only listed pieces is met as a whole (1990s, don't, people's).
            words = folded_words(text)
            unlisted = frozenset() if self._met.issuperset(words) else self._unlisted_of_words(words)
        else:
            pieces = _LETTER_PIECE.findall(text.lower())
            # Nearly every text once the document's words are met: all its pieces were.
            unlisted = frozenset() if self._met.issuperset(pieces) else self._unmet_unlisted(text, pieces)
        self._last_text, self._last_unlisted = text, unlisted
        return unlisted

    def _unlisted_of_words(self, words: Iterable[str]) -> frozenset[str]:
        """The unlisted pieces of ASCII words (letters and digits with inner apostrophes, lower
        case), some not met yet."""
        unlisted: set[str] = set()
        for word in set(words).difference(self._met):
            alone = word.isalpha()
            pieces = [word] if alone else word.translate(_LETTERS_ONLY).split()
            unmet = [piece for piece in pieces if piece not in self._met and piece not in self._listed]
            if unmet:
                unlisted.update(unmet)
                continue
            self._met.update(pieces)
            if not alone and self._words_met < MAX_REMEMBERED:  # a bound on memory: past it, such words are split again
                self._met.add(word)
                self._words_met += 1
        return frozenset(unlisted)

    def _unmet_unlisted(self, text: str, pieces: list[str]) -> frozenset[str]:
        unmet = set(pieces).difference(self._met)
        listed = self._listed.keys() & unmet
        self._met |= listed
        unlisted = unmet.difference(listed)
        return frozenset(unlisted) if unlisted and _ANY_LATIN.search(text) is not None else frozenset()


@cache
def _listed_pieces() -> _ListedPieces:
    return _ListedPieces()


# SP01's and SP02's trigger: one condition, tested once per pair for both.
UNLISTED_WORD = any_of(Matching(Side.TARGET, SearchedBy(has_unlisted_piece), "a word outside the English word lists"))


class SpellingRule(Rule):
    """A rule that reads the spelling analysis of each pair (SP01, SP02): the analysis and
    the run's lexicon are made once, whichever rule asks first."""

    @cached_property
    def _lexicon(self) -> Lexicon:
        return lexicon_for(self.settings)

    def issues(self, pair: NormalisedPair) -> tuple[SpellingIssue, ...]:
        return analyse(pair.pair.target, pair.pair.source, self._lexicon)


def lexicon_for(settings: CheckSettings) -> Lexicon:
    """The lexicon of a run: shipped words, the config's dictionaries, the glossaries' English."""
    return _lexicon(tuple(settings.dictionaries), tuple(settings.glossaries))


@lru_cache(maxsize=4)
def _lexicon(dictionaries: tuple[str, ...], glossaries: tuple[str, ...]) -> Lexicon:
    extra: set[str] = set()
    for path in dictionaries:
        extra.update(_dictionary_words(path))
    index = term_index(glossaries)
    if index is not None:
        for term in index.terms:
            for text in (*term.approved_texts, *(term.fixed_forms if term.do_not_translate else ())):
                extra.update(match.group() for match in _WORD.finditer(text))
    return Lexicon(extra)


def _dictionary_words(path: str) -> list[str]:
    """A user dictionary: one word per line, ``#`` comments and blank lines ignored."""
    try:
        with open(path, encoding="utf-8") as stream:
            return [word for line in stream if (word := line.split("#", 1)[0].strip())]
    except UnicodeDecodeError:
        raise InputError("a dictionary must be UTF-8 text, one word per line", path=path) from None
    except OSError as error:
        raise InputError(f"cannot read the dictionary: {error.strerror or error}", path=path) from None


def _is_code(word: str) -> bool:
    """An acronym or a mixed-case code (NGO, WeChat, iPhone, mRNA): a capital after the first
    letter."""
    return any(letter.isupper() for letter in word[1:])


def _is_pinyin(word: str) -> bool:
    folded = pinyin.fold(word)
    return folded.isascii() and folded.isalpha() and pinyin.is_pinyin(folded)


def _may_romanise(word: str) -> bool:
    """Whether ``word`` is pinyin syllables, the last perhaps a consonant alone (aminus: a mi
    nu s): only such a word can spell Chinese of the source, a look that is cheaper than
    reading the source."""
    return _is_pinyin(word) or _is_pinyin(_PINYIN_FINAL_INITIAL.sub("", pinyin.fold(word)))


def romanises(folded: str, source: str) -> bool:
    """Whether ``folded`` spells the pinyin of consecutive Han characters of ``source``
    (jiaozi and 饺子): a Chinese word kept in the English, or a foreign name read back from
    its Chinese transliteration, whose last character may stand for a consonant alone
    (aminus and 阿米努斯, as 斯 stands for s, 克 for k). Without them a lower-case word that
    happens to split into syllables (diease: di e a se) is an English slip."""
    han = [character for character in source if "\u4e00" <= character <= "\u9fff"]
    reachable = [(start, 0) for start in range(len(han))]
    seen = set()
    while reachable:
        at, done = reachable.pop()
        if done == len(folded):
            return True
        if at >= len(han) or (at, done) in seen:
            continue
        seen.add((at, done))
        for reading in pinyin.character_readings(han[at]):
            if folded.startswith(reading, done):
                reachable.append((at + 1, done + len(reading)))
            elif done and _initial(reading) == folded[done:]:
                return True
    return False


def _initial(reading: str) -> str:
    """The consonant a pinyin syllable starts with ("" for a vowel): what a transliteration's
    closing character stands for."""
    match = _PINYIN_INITIAL.match(reading)
    return match.group() if match else ""


def _keeps_case(word: str, suggestion: str) -> str:
    return suggestion[:1].upper() + suggestion[1:] if word[:1].isupper() else suggestion


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(left < end and start < right for left, right in spans)


@lru_cache(maxsize=64)
def analyse(target: str, source: str, lexicon: Lexicon) -> tuple[SpellingIssue, ...]:
    """The spelling issues of one English text (made once per pair: SP01 and SP02 both ask).
    Most words are known, so each is first looked up alone; the rest of the work is for the
    few that are not."""
    # Every piece of letters known: no word can be unknown (a word is such a piece, or pieces
    # joined by apostrophes and hyphens, which leave it alone or stand for a known piece).
    unlisted = unlisted_pieces(target)
    if not unlisted:
        return ()
    # A word the word alone clears (a name, pinyin, a compound) matters no more unless it may
    # be half of a split word, which only a lower-case word without a hyphen can be. A run of
    # listed pieces is always cleared (as above), so an ASCII text (most English) finds only
    # the runs around its unlisted pieces, without reading the rest of it.
    runs = _runs_holding(target, unlisted) if target.isascii() else _LETTER_RUN.findall(target)
    if not _run_looks(lexicon).uncleared(runs):
        return ()
    # Nor, of the unknown words proper, does one the word alone clears that starts or ends no
    # word it could be split from (zoonotic, remdesivir): most unknown lower-case words.
    if not _word_looks(lexicon).uncleared(_WORD.findall(target)):
        return ()
    words = list(_WORD.finditer(target))
    known = [match.group() in lexicon for match in words]
    if any(mark in target for mark in "%{$#@/&<:"):
        protected = protected_spans(target)
        kept = [index for index, match in enumerate(words) if not _inside(*match.span(), protected)]
        words, known = [words[index] for index in kept], [known[index] for index in kept]
    source_words = {word.lower() for word in re.findall(r"[A-Za-z][A-Za-z'’\-]*", source)}
    issues: list[SpellingIssue] = []
    taken: set[int] = set()
    for index, match in enumerate(words):
        if index in taken or known[index] and (index + 1 == len(words) or known[index + 1]):
            continue
        split = _split_word(target, words, index, lexicon, source_words)
        if split is not None:
            issues.append(split)
            taken.add(index + 1)
        elif not known[index]:
            issues.extend(_word_issues(match.group(), match.start(), lexicon, source_words, source))
    return tuple(issues)


def _runs_holding(text: str, pieces: frozenset[str]) -> Collection[str]:
    """The runs of letters of an ASCII ``text`` (as _LETTER_RUN finds them) that hold one of
    ``pieces``, pieces of letters in lower case: a run is letters joined by single apostrophes
    or hyphens between letters, so it reaches from a piece back and on over such joins. With
    more than a few pieces, every run: one pass of the pattern then costs less than a search
    per piece, and a long text of unknown pieces stays linear."""
    if len(pieces) > _PIECES_SEARCHED:
        return _LETTER_RUN.findall(text)
    lowered = text.lower()
    runs = set()
    # Places in text order, each run walked once: a place inside the run found last is skipped
    # (a long hyphenated chain of one piece would otherwise be walked back once per place).
    reached = 0
    for at in sorted(at for piece in pieces for at in _whole_places(lowered, piece)):
        if at < reached:
            continue
        start = at
        while start >= 2 and lowered[start - 1] in "'-" and lowered[start - 2].isalpha():
            start -= 2
            while start and lowered[start - 1].isalpha():
                start -= 1
        run = _LETTER_RUN.match(text, start)
        assert run is not None  # start is a letter
        runs.add(run.group())
        reached = run.end()
    return runs


def _whole_places(lowered: str, piece: str) -> Iterator[int]:
    """Where ``piece`` stands in ``lowered`` as a whole piece (no letter on either side)."""
    at = lowered.find(piece)
    while at >= 0:
        end = at + len(piece)
        if (at == 0 or not lowered[at - 1].isalpha()) and (end == len(lowered) or not lowered[end].isalpha()):
            yield at
        at = lowered.find(piece, end)


class _FirstLook:
    """The words of a text, as written, that a test of the word alone does not clear. Listed
    words need no test; the words a test cleared are remembered, as names and terms recur in
    every segment of a document, and so are the listed words met, as _ListedPieces does: a
    text of words met before costs a set difference with sets small enough for the
    processor's caches, and only the words not met yet are looked up in the whole list."""

    def __init__(self, listed: WordSet, clears: Callable[[str], bool]) -> None:
        self._listed = listed
        self._clears = clears
        self._met_listed: set[str] = set()
        self._cleared: set[str] = set()

    def uncleared(self, words: Iterable[str]) -> set[str]:
        # Two differences, not one of two sets: set.difference walks every set after the first.
        pending = set(words).difference(self._met_listed).difference(self._cleared)
        if not pending:
            return pending  # nearly every text once the document's words are met
        unlisted = pending.difference(self._listed)
        self._met_listed |= pending.difference(unlisted)
        cleared = {word for word in unlisted if self._clears(word)}
        if len(self._cleared) < MAX_REMEMBERED:  # a bound on memory; past it, words are tested again
            self._cleared |= cleared
        return unlisted - cleared


# How many cleared words a first look remembers, as many as _judge does.
MAX_REMEMBERED = 1 << 16


@lru_cache(maxsize=4)
def _run_looks(lexicon: Lexicon) -> _FirstLook:
    """Runs of letters that are listed or that the run alone clears: a name, pinyin, a compound
    (only a lower-case word without a hyphen may be half of a split word)."""

    def clears(run: str) -> bool:
        if run.lower() in lexicon.words or run in lexicon:
            return True
        return (run[0].isupper() or not run.isalpha()) and _judge(run, lexicon) is None

    return _FirstLook(lexicon.words, clears)


@lru_cache(maxsize=4)
def _word_looks(lexicon: Lexicon) -> _FirstLook:
    """Words that are known, or that the word alone clears and that start or end no word they
    could be split from."""

    def clears(word: str) -> bool:
        return word in lexicon or _judge(word, lexicon) is None and not (word.isalpha() and lexicon.may_be_part(word))

    return _FirstLook(lexicon.words, clears)


def _split_word(
    target: str, words: list[re.Match[str]], index: int, lexicon: Lexicon, source_words: set[str]
) -> SpellingIssue | None:
    """One word written in two ("infor mation"): two words a single space apart, one of them
    unknown, that together are a common word."""
    if index + 1 >= len(words):
        return None
    first, second = words[index], words[index + 1]
    if target[first.end() : second.start()] != " " or not (first.group().isalpha() and second.group().isalpha()):
        return None
    left, right = first.group(), second.group()
    if right[:1].isupper() or left in lexicon and right in lexicon:
        return None
    if {left.lower(), right.lower()} & source_words:
        return None
    whole = left + right
    if lexicon.count(whole) < MIN_PART_COUNT or whole.lower() not in lexicon.words:
        return None
    return SpellingIssue("split", first.start(), second.end(), f"{left} {right}", (whole,), whole, left[:1].isupper())


def _word_issues(word: str, start: int, lexicon: Lexicon, source_words: set[str], source: str) -> Iterator[SpellingIssue]:
    verdict = _judge(word, lexicon)
    if verdict is None:
        return
    kind, bare, suggestions, replacement, capitalised, may_romanise = verdict
    if word.lower() in source_words or bare.lower() in source_words:
        return
    if may_romanise and romanises(bare.lower(), source):
        return
    yield SpellingIssue(kind, start, start + len(bare), bare, suggestions, replacement, capitalised)


# What a word is, whatever its sentence: (kind, the word without a possessive, suggestions,
# replacement, capitalised, whether it may spell Chinese of the source).
_Verdict = tuple[str, str, tuple[str, ...], "str | None", bool, bool]


@lru_cache(maxsize=1 << 16)
def _judge(word: str, lexicon: Lexicon) -> _Verdict | None:
    """The part of the judgement that depends on the word alone, made once per word: names
    and terms recur in every segment of a document."""
    if word in lexicon or "-" in word:
        return None  # a compound's parts: names (Kwun-chung), foreign words (tamago-yaki), left-hander
    bare = _POSSESSIVE.sub("", word)
    if len(bare) < MIN_LETTERS or not bare.isalpha():
        return None
    camel = _camel_case_join(bare, lexicon)
    if camel is not None:
        return "run-together", bare, camel, None, False, False
    if _is_code(bare):
        return None
    capitalised = bare[0].isupper()
    if capitalised and _is_pinyin(bare):
        return None
    if not capitalised:
        near = lexicon.near_misses(bare)
    elif len(bare) >= MIN_CAPITALISED_SUGGESTION_LETTERS - 1:
        near = lexicon.capitalised_near_misses(bare)
    else:
        near = []  # no suggestion long enough is one edit away
    parts = lexicon.split(bare)
    if parts is not None and (not near or lexicon.count(near[0]) < min(lexicon.count(part) for part in parts)):
        return "run-together", bare, parts, None, capitalised, _may_romanise(bare)
    if not near:
        return None
    if _is_regular_inflection(bare.lower(), lexicon.common):
        return None
    suggestions = tuple(_keeps_case(bare, candidate) for candidate in near[:3])
    clear = len(near) == 1 or lexicon.count(near[0]) >= CLEAR_WINNER * lexicon.count(near[1])
    return "misspelt", bare, suggestions, suggestions[0] if clear else None, capitalised, _may_romanise(bare)


def _is_regular_inflection(lower: str, common: WordSet) -> bool:
    """Whether ``lower`` is a common word with an ending it regularly takes (lens → lensed)."""
    return any(
        lower.endswith(ending) and (stem := lower[: -len(ending)]) in common and takes(stem)
        for ending, takes in _REGULAR_ENDINGS
    )


def _camel_case_join(word: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """A lower-case word glued to a capitalised one ("theCentral", "ofChina"): two words that
    lost their space. Brand names start with a capital (WeChat) or a one-letter prefix
    (iPhone, eBay) and are left alone."""
    match = re.fullmatch(r"([a-z]{2,})([A-Z][a-z]+)", word)
    if match is None:
        return None
    left, right = match.groups()
    if lexicon.count(left) >= MIN_PART_COUNT and left in lexicon.words and right in lexicon:
        return left, right
    return None
