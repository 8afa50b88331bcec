from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.checks.gr05_runaway_repetition import ends_in_a_loop
from qa_tool.checks.punctuation import end_mark, ends_with_a_mark
from qa_tool.checks.sg06_translation_much_shorter import USUAL_RATIO
from qa_tool.languages.zh import HAN_RUN
from qa_tool.model import Finding, SegmentPair, Severity, Side, Span
from qa_tool.normalise import NormalisedPair
from qa_tool.resources import word_set

NEVER_FINAL_WORDS = "english/never-final-words.txt"
# An English under 60 % of the usual length for its Chinese (SG06's calibration) that stops
# without end punctuation more likely broke off than ended; judged only on sources of some
# length, where one word more or less does not decide.
BROKEN_OFF_SHARE = 0.6
LONG_ENOUGH_TO_JUDGE = 20
_QUOTES_AND_BRACKETS = "\"'“”‘’()[]"


class TranslationCutOff(Rule):
    meta = RuleMeta(
        code="SG07",
        name="translation-cut-off",
        category="Accuracy/Omission",
        severity=Severity.MAJOR,
        summary="The English stops mid-sentence where the Chinese ends a sentence: its end is missing.",
        rationale=(
            "Machine translation sometimes stops before the end of a long sentence (\"...the "
            "growth of residents' income is basically in\"), and a truncated export does the same. "
            "The rule reports an English without end punctuation, where the Chinese ends with a "
            "sentence end or a question, when the English stops on a word no English sentence ends "
            "with (the, and, of: rules/english/never-final-words.txt), on Chinese left in it, on a "
            "machine translation's word piece (\"Kier@@\"), or when it is well under the usual "
            f"length for its Chinese (under {BROKEN_OFF_SHARE:.0%} of about {USUAL_RATIO} letters "
            f"per Chinese character, for sources of {LONG_ENOUGH_TO_JUDGE} characters or more). "
            "Left alone: an English that ends with its own punctuation, whatever its length (SG06 "
            "judges length alone), headings on both sides, and an English that ends in a loop "
            "(GR05). PU04 (opt-in) reports the remaining end-punctuation differences."
        ),
        examples=(
            Example("我们将继续推进改革开放。", "We will continue to promote reform and", True, "stops on 'and'"),
            Example("各地要在今年年底前完成。", "All localities should complete it by a年底", True, "stops on Chinese"),
            Example(
                "居民收入增长和经济增长基本同步，全年粮食产量连续七年保持在一万三千亿斤以上。",
                "Residents' income grew",
                True,
                "far too short for its Chinese",
            ),
            Example("我们将继续推进改革开放。", "We will continue to promote reform and opening up.", False),
            Example("这是我合作的人。", "These are the people I work with", False, "a sentence may end on 'with'"),
            Example("国际合作", "International cooperation and", False, "the Chinese is a heading"),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        stop = broken_off_at(pair.pair)
        if stop is not None:
            word_start, word_end, mark = stop
            yield self.finding(
                pair.pair,
                f"The English stops mid-sentence after '{pair.pair.target[word_start:word_end]}' where the "
                f"Chinese ends with '{mark}': the end of the translation may be missing.",
                spans=(Span(Side.TARGET, word_start, word_end),),
            )


def broken_off_at(pair: SegmentPair) -> tuple[int, int, str] | None:
    """(start, end) of the English's last word and the Chinese end mark, when the English
    broke off before the end of a Chinese sentence; else None."""
    source, target = pair.source, pair.target
    if ends_with_a_mark(target):
        return None
    target_end = end_mark(target)
    if target_end is None:
        return None
    source_end = end_mark(source)
    if source_end is None or source.strip() == target.strip():
        return None
    if not (source_end.ends_sentence or source_end.asks):
        return None
    words = target[: target_end.end].rsplit(None, 1)
    if not words:
        return None
    last = words[-1]
    word_end = target_end.end
    word_start = word_end - len(last)
    bare = last.strip(_QUOTES_AND_BRACKETS).lower()
    broken = bare in word_set(NEVER_FINAL_WORDS) or HAN_RUN.search(last) is not None or "@@" in last
    if not (broken or _short_for_its_source(source, target)) or ends_in_a_loop(target):
        return None
    return word_start, word_end, source[source_end.start : source_end.end]


def _short_for_its_source(source: str, target: str) -> bool:
    characters = sum(len(run) for run in HAN_RUN.findall(source))
    letters = sum(character.isascii() and character.isalpha() for character in target)
    return characters >= LONG_ENOUGH_TO_JUDGE and letters < BROKEN_OFF_SHARE * USUAL_RATIO * characters
