from __future__ import annotations

import re
from typing import Iterator

import regex

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.model import Finding, Severity
from qa_tool.normalise import NormalisedPair

# The measure: English letters per Chinese (Han) character. Punctuation, digits, spaces and
# placeholders count on neither side, and neither do English words the Chinese already
# contains (names, codes, "MERS"), which are carried over rather than translated.
#
# Calibration on shared/dev/mqm_zhen_ted2021 (WMT 2021 zh→en TED talks, sources.tsv and
# targets.tsv), sources of at least 10 Han characters, over ref-B and the five best-scored
# systems (DIDI-NLP, metricsystem1, metricsystem2, MiSS, IIE-MT; 2,784 pairs): lowest 1.36,
# 0.5th percentile 1.76, 1st 1.84, median 2.78, 99th 4.31. Other text runs longer or
# terser: the lowest ratios are 1.30 on the Firefox iOS UI strings (144 pairs; 标签页 is
# "tab"), 1.38 on the TICO-19 memory (2,949 pairs) and 4.03 on the bundled news sample.
# Below 1.25 the 7,935 dev pairs give 4 findings: a second half dropped, two translations of
# another segment, and a rhetorical question cut to one word.
LOWEST_RATIO = 1.25
# Below this many Han characters one word more or less swings the ratio too far, and
# abbreviations ("CEO" for 首席执行官) dominate.
MIN_SOURCE_CHARACTERS = 10
USUAL_RATIO = 2.8

# Everything but Han characters (CJK unified ideographs, extensions and compatibility forms).
_NOT_HAN = re.compile("[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_NOT_LETTER = re.compile(r"[^A-Za-z]+")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
# English in brackets right after a Chinese term is the term's original (精炼橄榄果渣油（Refined
# Olive-Pomace Oil）): a translation may give only the English, so the gloss counts as that
# much Chinese already translated, and its words in the English as translation.
_GLOSS = regex.compile(r"(?<=[\p{Han}”」》]\s?)[（(]\s*([A-Za-z][A-Za-z0-9 .,;&'’\-]*?)\s*[)）]")
# English text is about four fifths letters: a target this many times the bound long, in
# characters, has letters to spare and is not counted (most pairs stop there).
_PLAINLY_LONG_ENOUGH = 2.5


class TranslationMuchShorter(Rule):
    meta = RuleMeta(
        code="SG06",
        name="translation-much-shorter",
        category="Accuracy/Omission",
        severity=Severity.MAJOR,
        summary="The English is far shorter than any good translation of that much Chinese: part may be missing.",
        rationale=(
            f"English translations of Chinese run about {USUAL_RATIO} letters per Chinese "
            "character, and good translations stayed above 1.3 on the expert-annotated "
            "development set, on UI strings and on a medical translation memory; below "
            f"{LOWEST_RATIO} a clause or sentence has usually been dropped, or the translation "
            "belongs to another segment. The bound is deliberately far out, so concise "
            f"translations pass, and sources of fewer than {MIN_SOURCE_CHARACTERS} Chinese "
            "characters are left alone, as one word swings their ratio. Punctuation, digits "
            "and placeholders are not counted, nor English words the Chinese already contains; "
            "English in brackets after a Chinese term (精炼橄榄果渣油（Refined Olive-Pomace Oil）) "
            "is the term's original, which a translation may give alone, so it counts as that "
            "much Chinese translated. "
            "Empty and untranslated targets are SG01's and SG02's. Options: min_ratio, "
            "min_source_characters."
        ),
        examples=(
            Example(
                "我们明天上午九点在会议室开会，请大家提前准备好上个季度的销售报告和下个季度的计划。",
                "We will meet tomorrow at nine.",
                True,
                "the second half is missing",
            ),
            Example(
                "我们明天上午九点在会议室开会，请大家提前准备好上个季度的销售报告和下个季度的计划。",
                "We will meet in the conference room at nine tomorrow morning; please prepare last quarter's "
                "sales report and next quarter's plan in advance.",
                False,
            ),
            Example("这个问题我们下次开会的时候再讨论。", "We'll discuss this next meeting.", False, "concise, but complete"),
            Example(
                "由于该病毒是为中东呼吸综合征 (Middle East Respiratory Syndrome, MERS) 开发的药物",
                "drugs developed for MERS, as it is a virus",
                False,
                "the English words of the Chinese are not counted",
            ),
            Example(
                "精炼橄榄杂质油或橄榄果渣油（Refined Olive-Pomace Oil）：是通过溶解法从油渣中提取并经过精炼而得到的橄榄油。",
                "Refined Olive-Pomace Oil: olive oil extracted from oil residue by dissolution and refined.",
                False,
                "the English original stands for the Chinese term before it",
            ),
            Example(
                "精炼橄榄杂质油或橄榄果渣油（Refined Olive-Pomace Oil）：是通过溶解法从油渣中提取并经过精炼而得到的橄榄油。",
                "Refined Olive-Pomace Oil: olive oil.",
                True,
                "the definition is missing",
            ),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        ratio = self._letters_per_character(pair)
        if ratio is not None and ratio < self.options.get("min_ratio", LOWEST_RATIO):
            yield self.finding(
                pair.pair,
                f"The English is unusually short for the Chinese ({ratio:.1f} letters per Chinese "
                f"character, where about {USUAL_RATIO} is usual): check that nothing was left out.",
            )

    def _letters_per_character(self, pair: NormalisedPair) -> float | None:
        """None when the source is too short to tell, or the target is empty or a copy."""
        source, target = pair.source_match.text, pair.target_match.text
        if not target.strip() or source.strip() == target.strip():
            return None
        plainly_long_enough = _PLAINLY_LONG_ENOUGH * self.options.get("min_ratio", LOWEST_RATIO)
        # The source holds no more Chinese characters than characters: most targets are
        # plainly long enough for it before its Chinese is counted.
        if len(target) >= plainly_long_enough * len(source):
            return None
        # Nor more than most_han_characters: that bound settles most of the rest before the
        # Chinese is counted.
        fewest_characters = self.options.get("min_source_characters", MIN_SOURCE_CHARACTERS)
        most_chinese = most_han_characters(source)
        if len(target) >= plainly_long_enough * most_chinese or most_chinese < fewest_characters:
            return None
        chinese = len(_NOT_HAN.sub("", source))
        if chinese < fewest_characters:
            return None
        if len(target) >= plainly_long_enough * chinese:
            return None
        letters = len(_NOT_LETTER.sub("", target))
        if _LATIN_WORD.search(source):
            glossed = sum(len(_NOT_LETTER.sub("", gloss)) for gloss in _GLOSS.findall(source))
            carried_over = {word.casefold() for word in _LATIN_WORD.findall(_GLOSS.sub("", source))}
            letters -= sum(len(word) for word in _LATIN_WORD.findall(target) if word.casefold() in carried_over)
            chinese = max(chinese - glossed / USUAL_RATIO, 1)
        return letters / chinese


def most_han_characters(text: str) -> int:
    """At least the Han characters of ``text``, counted in C: each takes three or four bytes in
    UTF-8, two or three more than an ASCII character."""
    return (len(text.encode("utf-8", "surrogatepass")) - len(text)) // 2
