from __future__ import annotations

import re
from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair
from qa_tool.resources import word_set

# A word of letters, spaces or tabs (not a line break, not punctuation), and the same word
# again; not part of a longer word, a number or a hyphenated compound ("win-win").
_REPEATED = re.compile(r"(?<![\w'’\-])([^\W\d_]+)[ \t\u00a0]+(\1)(?![\w'’\-])", re.IGNORECASE)
# Runs of letters: a repeat is two neighbouring runs that casefold alike, which a C-level
# comparison of the list of runs rules out for almost every text before _REPEATED runs.
_LETTER_RUN = re.compile(r"[^\W\d_]+")
REPEATABLE_WORDS = "english/repeatable-words.txt"


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
            "that\", \"what it is is\", \"bye bye\"; the list is rules/english/"
            "repeatable-words.txt), names written as a doubled capitalised word (\"Tian Tian\", "
            "\"Bora Bora\", \"A A\"), repeats across a line break or punctuation (\"very, very\"), "
            "and any repeat the Chinese itself contains in Latin letters."
        ),
        examples=(
            Example("出于对地位的竞争", "competition for status status", True),
            Example("这个问题", "The the problem", True, "capitalised at the sentence start"),
            Example("他已经和人有过接触", "the people he had had contact with", False, "a correct 'had had'"),
            Example("天天把花粉带到别处", "Tian Tian spreads the pollen elsewhere", False, "a name"),
            Example("非常非常重要", "very, very important", False, "a comma between"),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        target = pair.pair.target
        runs = _LETTER_RUN.findall(target.casefold())
        if not any(map(str.__eq__, runs, runs[1:])):
            return
        repeatable = word_set(REPEATABLE_WORDS)
        for repeat in _REPEATED.finditer(target):
            first, second = repeat.group(1), repeat.group(2)
            if first.lower() in repeatable or (first[0].isupper() and second[0].isupper()):
                continue
            if repeat.group().lower() in pair.pair.source.lower():
                continue
            yield self.finding(
                pair.pair,
                f"'{first}' is repeated: '{repeat.group()}'.",
                spans=(Span(Side.TARGET, repeat.start(), repeat.end()),),
                replacement=first,
            )
