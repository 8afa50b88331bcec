from __future__ import annotations

import operator
import re
from typing import Iterator

import regex

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.checks.gr05_runaway_repetition import MIN_COPIES, REPEATABLE_WORDS
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair
from qa_tool.resources import word_set
from qa_tool.languages.en import FUNCTION_WORDS, folded_words

# A word of letters, then the same word again once or more, each after spaces or tabs (not a
# line break, not punctuation); not part of a longer word, a number or a hyphenated compound
# ("win-win"). The whole run is one match, so "naked naked naked" is seen as three copies.
_REPEATED = re.compile(r"(?<![\w'’\-])([^\W\d_]+)(?:[ \t\u00a0]+\1(?![\w'’\-]))+", re.IGNORECASE)
# Runs of letters: a repeat is two neighbouring runs that casefold alike, which a C-level
# comparison of the list of runs rules out for almost every text before _REPEATED runs.
_LETTER_RUN = re.compile(r"[^\W\d_]+")
# The word just before a repeat: "Low power power line" is a low-power power line.
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t\u00a0]+$")
# A Chinese word of two to four characters said twice for emphasis (不错不错, 超级超级):
# its English may say the word twice too ("good good", "super super").
_SOURCE_EMPHASIS = regex.compile(r"(\p{Han}{2,4})\1")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\n][\"'”’)\]]*)[ \t\u00a0]*$")
SCALE_ADJECTIVES = "english/scale-adjectives.txt"
LATIN_EPITHET_ENDINGS = "english/latin-epithet-endings.txt"
REPEATABLE_AFTER_CLAUSE = "english/repeatable-after-clause.txt"
CLAUSE_OPENERS = "english/clause-openers.txt"
# How far back, in words of the same sentence part, a clause opener may stand: "Where a
# country is is" has it three words back.
_CLAUSE_REACH = 8
_CLAUSE_BREAK = re.compile(r"[^\w\s'’\-]")


class RepeatedWord(Rule):
    meta = RuleMeta(
        code="GR02",
        name="repeated-word",
        category="Fluency/Grammar",
        severity=Severity.MINOR,
        summary="The same word twice in a row (\"the the\", \"status status\").",
        rationale=(
            "A word typed twice is a slip that reading aloud catches and reading silently "
            "skips. Left alone: words English may write twice on purpose (\"had had\", \"that "
            "that\", \"bye bye\"; the list is rules/english/repeatable-words.txt), a verb "
            "doubled after a clause that is its subject (\"what it is is\", \"Where a country "
            "is is\", but not \"the problem is is\"; rules/english/repeatable-after-clause.txt "
            "and clause-openers.txt), names written as a doubled capitalised word (\"Tian Tian\", "
            "\"Bora Bora\", \"A A\"), a name followed by its own common noun (\"the Product "
            "Award award ceremony\"), a sentence that ends without its full stop where the next "
            "one starts with the same word (\"work for life Life is tiring\": a missing stop, "
            "not a repeat, unless the first word is one no sentence ends with, as in \"the "
            "The\"), a noun after a scale adjective that makes a compound modifier with it "
            "(\"low power power line\", 小功率动力线; rules/english/scale-adjectives.txt), the "
            "Latin name of a subspecies that repeats its species (\"Gymnocypris przewalskii "
            "przewalskii\"; rules/english/latin-epithet-endings.txt), a word "
            "said twice for emphasis where the Chinese says its word twice too (\"super super "
            "professional\", 超级超级专业), repeats across a line break or punctuation (\"very, "
            "very\"), any repeat the Chinese itself contains in Latin letters, and three or "
            "more copies in a row, which are GR05's runaway repetition."
        ),
        examples=(
            Example("出于对地位的竞争", "competition for status status", True),
            Example("这个问题", "The the problem", True, "capitalised at the sentence start"),
            Example("他已经和人有过接触", "the people he had had contact with", False, "a correct 'had had'"),
            Example("天天把花粉带到别处", "Tian Tian spreads the pollen elsewhere", False, "a name"),
            Example("非常非常重要", "very, very important", False, "a comma between"),
            Example("小功率动力线", "Low power power line", False, "a compound modifier: low-power power line"),
            Example("动力线", "the power power line", True, "no scale adjective before it"),
            Example("你们真的超级超级专业", "you are really super super professional", False, "the Chinese repeats it too"),
            Example("你们真的超级专业", "you are really super super professional", True),
            Example("为了生活努力拼搏 生活很累", "working for life Life is tiring", False, "a missing full stop"),
            Example("共同构成了", "together constitute the The latest expression", True, "no sentence ends with 'the'"),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        target = pair.pair.target
        if not may_repeat(target):
            return
        for repeat in _REPEATED.finditer(target):
            words = repeat.group().split()
            if len(words) >= MIN_COPIES or words[0].casefold() != words[1].casefold():
                continue  # a loop is GR05's; "İthe ithe" is alike only to the pattern's simple case folding
            if not _is_slip(words[0], words[1], target[: repeat.start()], pair.pair.source):
                continue
            yield self.finding(
                pair.pair,
                f"'{words[0]}' is repeated: '{repeat.group()}'.",
                spans=(Span(Side.TARGET, repeat.start(), repeat.end()),),
                replacement=words[0],
            )


def may_repeat(text: str) -> bool:
    """Whether two neighbouring letter runs of ``text`` casefold alike: false for almost
    every text, and checked at C speed. Runs are split before folding, as folding may turn a
    letter into a letter and a mark ("İ" into "i̇") and so split a run in two. ASCII text
    (most English) is read as GR05's words, which GR05 reads anyway: a repeat the pattern
    finds there is two whole words with only spaces or tabs between them."""
    runs = folded_words(text) if text.isascii() else list(map(str.casefold, _LETTER_RUN.findall(text)))
    # operator.eq compares two strings directly, where str.__eq__ goes through its slot wrapper.
    return any(map(operator.eq, runs, runs[1:]))


def _after_clause_opener(before: str) -> bool:
    """Whether a word that opens a subject clause ("what", "where", "all") stands among the
    last few words of ``before`` with no punctuation after it."""
    part = _CLAUSE_BREAK.split(before[-200:])[-1]
    openers = word_set(CLAUSE_OPENERS)
    return any(word.lower() in openers for word in _LETTER_RUN.findall(part)[-_CLAUSE_REACH:])


def _is_slip(first: str, second: str, before: str, source: str) -> bool:
    """Whether "first second" (the same word twice), after the text ``before``, is a word
    typed twice rather than English that says it twice on purpose."""
    lower = first.lower()
    if lower in word_set(REPEATABLE_WORDS) or f"{first} {second}".lower() in source.lower():
        return False
    if lower in word_set(REPEATABLE_AFTER_CLAUSE) and _after_clause_opener(before):
        return False  # "what it is is", "Where a country is is"
    starts_sentence = _SENTENCE_END.search(before) is not None
    if first[0].isupper() and (second[0].isupper() or not starts_sentence):
        return False  # "Tian Tian"; "the Product Award award ceremony"
    function_word = lower in word_set(FUNCTION_WORDS)
    if first[0].islower() and second[0].isupper() and not function_word:
        return False  # "for life Life is tiring": a sentence without its full stop
    word_before = _WORD_BEFORE.search(before)
    if word_before and word_before.group(1).lower() in word_set(SCALE_ADJECTIVES):
        return False
    if word_before and word_before.group(1).istitle() and lower.endswith(tuple(word_set(LATIN_EPITHET_ENDINGS))):
        return False  # a subspecies that repeats its species: Gymnocypris przewalskii przewalskii
    return function_word or _SOURCE_EMPHASIS.search(source) is None
