from __future__ import annotations

from collections import Counter
from typing import Iterator, Sequence

import regex

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.languages.en import FOLDED_WORD, folded_words
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair
from qa_tool.resources import word_set

# A loop repeats a unit of up to this many words; longer units are whole sentences said
# again, which are rarer and better seen by a reader.
MAX_UNIT_WORDS = 12
# Three copies in a row: two are GR02's repeated word, or a deliberate "very, very".
MIN_COPIES = 3
# The Chinese says something three times itself (叮，叮，叮; 哈哈哈; 加油加油加油): so may the
# English. A Latin unit is at most MAX_SOURCE_REPEAT_LETTERS long: no word said three times is
# longer, and an unbounded one is tried at every length from every letter of a long run of
# letters, which is quadratic in the run.
MAX_SOURCE_REPEAT_LETTERS = 30
_SOURCE_REPEAT = regex.compile(
    rf"(\p{{Han}}{{1,6}}|\p{{Latin}}{{1,{MAX_SOURCE_REPEAT_LETTERS}}})(?:[\p{{P}}\p{{Z}}\s]*\1){{2,}}", regex.IGNORECASE
)
REPEATABLE_WORDS = "english/repeatable-words.txt"


class RunawayRepetition(Rule):
    meta = RuleMeta(
        code="GR05",
        name="runaway-repetition",
        category="Accuracy/Addition",
        severity=Severity.MAJOR,
        summary="A word or phrase said three or more times in a row: a machine-translation loop.",
        rationale=(
            "Neural machine translation sometimes falls into a loop and repeats a word or a "
            "phrase until its output runs out (\"the liver, the liver, the liver, ...\", \"Xinhua "
            "news agency Xinhua news agency Xinhua news agency\"): the copies add nothing the "
            "Chinese says, and the rest of the sentence is often lost with them. The rule "
            "flags a unit of one to "
            f"{MAX_UNIT_WORDS} words repeated {MIN_COPIES} or more times in a row, whatever "
            "spaces or punctuation lie between the copies, once per loop, with one copy as the "
            "fix. Left alone: two copies (GR02's repeated word, or a deliberate \"very, very\"), "
            "words English may repeat on purpose (\"ha ha ha\", \"no no no\"; "
            "rules/english/repeatable-words.txt), and repeats the Chinese makes itself "
            "(叮，叮，叮 → \"ding, ding, ding\"). The check compares each word with the word a "
            "unit's length further on, so its time grows linearly with the segment."
        ),
        examples=(
            Example("益肝明目", "The liver, the liver, the liver, the liver", True, "a loop"),
            Example("陆乐说的", "said Lu Lu Lu", True, "a name stuck in a loop"),
            Example("新华社西宁电", "Xinhua news agency Xinhua news agency Xinhua news agency", True),
            Example("益肝明目", "The liver, the liver", False, "two copies are GR02's, or deliberate"),
            Example("听起来就像，叮，叮，叮。", "It sounds like ding, ding, ding.", False, "the Chinese repeats it"),
            Example("哈哈", "ha ha ha", False, "a word English repeats on purpose"),
            Example("民有民治民享", "of the people, by the people, for the people", False, "not one unit repeated"),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        target = pair.pair.target
        # Most texts have no loop: look for one in plain strings, and find where the words
        # are only when there is.
        if not _loops(folded_words(target)) or _SOURCE_REPEAT.search(pair.pair.source):
            return
        words = list(FOLDED_WORD.finditer(target))
        for first, end, unit in _loops([word.group().casefold() for word in words]):
            folded_unit = words[first].group().casefold()
            if unit == 1 and folded_unit in word_set(REPEATABLE_WORDS):
                continue
            start, stop = words[first].start(), words[end - 1].end()
            once = target[start : words[first + unit - 1].end()]
            yield self.finding(
                pair.pair,
                f"'{once}' is said {(end - first) // unit} times in a row, a machine-translation loop.",
                spans=(Span(Side.TARGET, start, stop),),
                replacement=once,
            )


def ends_in_a_loop(text: str) -> bool:
    """Whether ``text`` ends inside a machine-translation loop (its last loop runs to its last
    words, give or take a copy cut short): then the loop, not the missing end, is its trouble."""
    words = folded_words(text)
    loops = _loops(words)
    return bool(loops) and loops[-1][1] + loops[-1][2] >= len(words)


def _loops(words: Sequence[str]) -> list[tuple[int, int, int]]:
    """(first word, end word, unit length) of each run of MIN_COPIES or more copies of a unit
    of words that holds a letter, not overlapping, the earliest and then the shortest unit
    first. For each unit length the words are compared with those a unit further on at C
    speed: a run of (copies - 1) × unit equal pairs is a loop."""
    # Every word of a unit is in each of its copies: a loop of a unit of n words is a run of
    # MIN_COPIES × n words in a row that the text holds MIN_COPIES times or more. Most texts
    # hold no such word, or no run of MIN_COPIES ("the ... the ... the"), and stop here; a
    # quarter repeat fewer than MIN_COPIES - 1 words at all, which a set tells before counting.
    if len(words) - len(set(words)) < MIN_COPIES - 1:
        return []
    often = {word for word, count in Counter(words).items() if count >= MIN_COPIES}
    in_often = bytes(map(often.__contains__, words))
    if b"\x01" * MIN_COPIES not in in_often:
        return []
    longest_run = max(map(len, in_often.split(b"\x00")))
    found = []
    for unit in range(1, min(MAX_UNIT_WORDS, longest_run // MIN_COPIES) + 1):
        same = bytes(map(str.__eq__, words, words[unit:]))
        needed = b"\x01" * ((MIN_COPIES - 1) * unit)
        start = same.find(needed)
        while start != -1:
            stop = same.find(b"\x00", start)
            stop = len(same) if stop == -1 else stop
            # Words start..stop+unit repeat with this period; whole copies are counted below.
            found.append((start, stop + unit, unit))
            start = same.find(needed, stop)
    loops: list[tuple[int, int, int]] = []
    for first, end, unit in sorted(found, key=lambda loop: (loop[0], loop[2])):
        # A loop that overlaps the one before keeps its copies after it, if enough are left.
        first = max(first, loops[-1][1]) if loops else first
        copies = (end - first) // unit
        if copies >= MIN_COPIES and any(not word.isdigit() for word in words[first : first + unit]):
            loops.append((first, first + copies * unit, unit))
    return loops
