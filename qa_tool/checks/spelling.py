"""English spelling: which words of a translation are not English words, what they should
have been, and which are two words run together or one word split. Shared by SP01 and SP02,
which read the same analysis of a pair (made once per pair).

What counts as a word: SCOWL's large list in every spelling variety (rules/english/words.txt,
American and British both), the house list (rules/english/house-words.txt), the user's
dictionaries (``dictionary = [...]`` in the config) and the English of the glossaries.
How common a word is comes from the frequency list symspellpy ships (Google Books counts of
SCOWL words); both are read on first use, once per process.

A zh→en translation is full of words no dictionary holds: pinyin names, transliterations,
acronyms, codes, jargon. So an unknown word is reported only when it looks like a slip: one
edit (a letter added, dropped, changed, or two swapped) away from a common word. A word with
no such neighbour ("Xishuangbanna", "microfluidic") is left alone, and so is a word that is
pinyin, written in the source, all capitals or mixed case, or a capitalised word the
document writes the same way twice (a name)."""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import regex

from qa_tool.checks.base import CheckSettings
from qa_tool.checks.literals import protected_spans
from qa_tool.errors import InputError
from qa_tool.glossary import term_index
from qa_tool.languages import pinyin
from qa_tool.resources import word_set

WORDS = "english/words.txt"
HOUSE_WORDS = "english/house-words.txt"
_FREQUENCY_FILE = "frequency_dictionary_en_82_765.txt"

# A word: letters, with inner apostrophes and hyphens ("don't", "Beijing-based"); never part
# of a run with digits or underscores (3rd, COVID-19, user_id).
_WORD = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_'’\-@/.])\p{Latin}[\p{Latin}\p{M}]*(?:['’\-]\p{Latin}[\p{Latin}\p{M}]*)*(?![\p{L}\p{M}\p{N}_@/]|\.\w|['’\-]\p{N})"
)
_POSSESSIVE = re.compile(r"['’]s?$")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Shorter words are too often abbreviations, interjections or units (pH, km, hmm).
MIN_LETTERS = 4
# A suggestion must be at least this common (Google Books count): rarer words are more often
# a near miss of a name than the word meant.
MIN_SUGGESTION_COUNT = 1_000_000
# The parts of a run-together word must be common words, and each at least this long, unless
# it is one of the one- or two-letter words below ("alot" is "a lot").
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
MIN_CAPITALISED_SUGGESTION_LETTERS = 6
MIN_CAPITALISED_SUGGESTION_COUNT = 20_000_000
FUNCTION_WORDS = "english/function-words.txt"
# A suggestion is offered as the fix only when it is this many times as common as the next.
CLEAR_WINNER = 10
# Lower-case pinyin of at least this many letters is a Chinese word kept in the English
# (jiaozi, mala); shorter, it is as likely an English slip (wen for when).
MIN_LOWER_PINYIN = 4


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
        self.words = _base_words() | {word.lower() for word in extra_words}
        self.names = _names()
        self.counts = _counts()

    def __contains__(self, word: str) -> bool:
        lower = word.lower().replace("’", "'")
        return lower in self.words or _POSSESSIVE.sub("", lower) in self.words

    def count(self, word: str) -> int:
        return self.counts.get(word.lower(), 0)

    def near_misses(self, word: str) -> list[str]:
        """Common words one edit from ``word``, most common first; for a lower-case word,
        not names (a slip of "million" is not "Milton")."""
        lower = word.lower()
        found = {
            candidate: self.counts[candidate]
            for candidate in _one_edit(lower)
            if self.counts.get(candidate, 0) >= MIN_SUGGESTION_COUNT
            and candidate in self.words
            and not (word.islower() and candidate in self.names)
        }
        return sorted(found, key=lambda candidate: (-found[candidate], candidate))

    def split(self, word: str) -> tuple[str, str] | None:
        """The two words ``word`` runs together, the likeliest split, or None. Only two
        shapes are read as a lost space: a function word before a common word or another
        function word ("toearn", "ofthe"), and a name before a common lower-case word
        ("Beijingbased"). Two content words together are a closed compound English may well
        write so (supercar, courseware, lockdown) and are left alone."""
        function_words = word_set(FUNCTION_WORDS)
        best, best_count = None, 0
        for cut in range(1, len(word)):
            left, right = word[:cut], word[cut:]
            after_function_word = left.islower() and left in function_words
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


def _one_edit(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion from ``word``."""
    halves = [(word[:cut], word[cut:]) for cut in range(len(word) + 1)]
    return {
        *(left + right[1:] for left, right in halves if right),
        *(left + right[1] + right[0] + right[2:] for left, right in halves if len(right) > 1),
        *(left + letter + right[1:] for left, right in halves if right for letter in _LETTERS),
        *(left + letter + right for left, right in halves for letter in _LETTERS),
    }


@cache
def _base_words() -> frozenset[str]:
    return frozenset(word.lower() for word in word_set(WORDS) | word_set(HOUSE_WORDS))


@cache
def _names() -> frozenset[str]:
    """Words the lists write only capitalised (lower case here): names (Beijing, Adrian)."""
    written = word_set(WORDS)
    return frozenset(word.lower() for word in written if word[:1].isupper() and word.lower() not in written)


@cache
def _counts() -> dict[str, int]:
    """symspellpy's word → count list, read from its package folder without importing the
    package (which would build nothing we use)."""
    spec = importlib.util.find_spec("symspellpy")
    folder = Path(next(iter(spec.submodule_search_locations or ()))) if spec else None
    counts: dict[str, int] = {}
    if folder is None or not (folder / _FREQUENCY_FILE).is_file():
        return counts
    with open(folder / _FREQUENCY_FILE, encoding="utf-8") as stream:
        for line in stream:
            word, _, count = line.partition(" ")
            counts[word] = int(count)
    return counts


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


def _keeps_case(word: str, suggestion: str) -> str:
    return suggestion[:1].upper() + suggestion[1:] if word[:1].isupper() else suggestion


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(left < end and start < right for left, right in spans)


@lru_cache(maxsize=64)
def analyse(target: str, source: str, lexicon: Lexicon) -> tuple[SpellingIssue, ...]:
    """The spelling issues of one English text (made once per pair: SP01 and SP02 both ask)."""
    if not target.isascii() and not regex.search(r"[A-Za-z]", target):
        return ()
    protected = protected_spans(target) if any(mark in target for mark in "%{$#@/&<:") else []
    source_words = {word.lower() for word in re.findall(r"[A-Za-z][A-Za-z'’\-]*", source)}
    words = [match for match in _WORD.finditer(target) if not _inside(*match.span(), protected)]
    issues: list[SpellingIssue] = []
    taken: set[int] = set()
    for index, match in enumerate(words):
        if index in taken:
            continue
        word = match.group()
        split = _split_word(target, words, index, lexicon, source_words)
        if split is not None:
            issues.append(split)
            taken.add(index + 1)
            continue
        issues.extend(_word_issues(word, match.start(), lexicon, source_words))
    return tuple(issues)


def _split_word(
    target: str, words: list[regex.Match[str]], index: int, lexicon: Lexicon, source_words: set[str]
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


def _word_issues(word: str, start: int, lexicon: Lexicon, source_words: set[str]) -> Iterator[SpellingIssue]:
    if word in lexicon or word.lower() in source_words:
        return
    if "-" in word:
        if _is_pinyin(word):
            return  # Ming-qiu, Xi-an
        offset = start
        for part in word.split("-"):
            yield from _word_issues(part, offset, lexicon, source_words)
            offset += len(part) + 1
        return
    bare = _POSSESSIVE.sub("", word)
    if len(bare) < MIN_LETTERS or not bare.isalpha():
        return
    camel = _camel_case_join(bare, lexicon)
    if camel is not None:
        yield SpellingIssue("run-together", start, start + len(bare), bare, camel, None, False)
        return
    if _is_code(bare) or bare.lower() in source_words:
        return
    capitalised = bare[0].isupper()
    if _is_pinyin(bare) and (capitalised or len(bare) >= MIN_LOWER_PINYIN):
        return
    near = lexicon.capitalised_near_misses(bare) if capitalised else lexicon.near_misses(bare)
    parts = lexicon.split(bare)
    if parts is not None and (not near or lexicon.count(near[0]) < min(lexicon.count(part) for part in parts)):
        yield SpellingIssue("run-together", start, start + len(bare), bare, parts, None, capitalised)
        return
    if not near:
        return
    suggestions = tuple(_keeps_case(bare, candidate) for candidate in near[:3])
    clear = len(near) == 1 or lexicon.count(near[0]) >= CLEAR_WINNER * lexicon.count(near[1])
    yield SpellingIssue("misspelt", start, start + len(bare), bare, suggestions, suggestions[0] if clear else None, capitalised)


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
