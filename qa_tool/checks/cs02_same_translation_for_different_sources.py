from __future__ import annotations

from qa_tool.checks._consistency import (
    SIGNATURE_BITS,
    FirstSeen,
    Places,
    character_signature,
    is_comparable,
    shared_characters,
    target_hash,
)
from qa_tool.checks.base import CheckSettings, Example, Rule, RuleMeta, Scope
from qa_tool.model import Finding, SegmentPair, Severity
from qa_tool.normalise import NormalisedPair

# Shorter translations ("OK", "Cancel", "Thank you", "Open New Tab") rightly stand for several
# different sources.
_MIN_WORDS = 4
# Sources sharing at least this share of their characters (Dice) are rewordings of one
# message (打开复制的链接 / 转到复制的链接: 0.71), which may well share a translation; sources
# for which one translation is wrong share few (0.18 on the development set's one case).
_SAME_MESSAGE = 0.5
_SIGNATURE_MASK = (1 << SIGNATURE_BITS) - 1


class SameTranslationForDifferentSources(Rule):
    meta = RuleMeta(
        code="CS02",
        name="same-translation-for-different-sources",
        category="Fluency/Inconsistency",
        severity=Severity.MINOR,
        summary="Two unrelated Chinese sentences have the same English translation: one is probably wrong.",
        rationale=(
            "When a translation of several words appears for two sources that have little in "
            "common, one of the pairs usually holds a wrong translation-memory match, or its "
            "translation was copied from a neighbouring segment. The later pair is reported, "
            "naming the first. Left alone: translations shorter than "
            f"{_MIN_WORDS} words, which many sources rightly share ('OK', 'Open New Tab'); "
            "sources that share most of their characters (打开复制的链接 and 转到复制的链接 both "
            "'Go to copied link'), which reword one message; translations differing only in "
            "case, punctuation or plural endings count as the same; empty and untranslated "
            "targets are SG01's and SG02's."
        ),
        examples=(
            Example(
                "本店周一至周五营业。",
                "Please fill in your name and address.",
                True,
                "segment 1 has this translation, for another sentence",
                earlier=(("请填写您的姓名和地址。", "Please fill in your name and address."),),
            ),
            Example(
                "转到复制的链接",
                "Go to the copied link",
                False,
                "two wordings of one message",
                earlier=(("打开已复制的链接", "Go to the copied link"),),
            ),
            Example("取消", "Cancel", False, "a short translation many sources share", earlier=(("撤销", "Cancel"),)),
        ),
        scope=Scope.RUN,
    )

    def __init__(self, settings: CheckSettings) -> None:
        super().__init__(settings)
        # hash of the translation → character signature of its first source and where that
        # pair is: a few words, never the texts.
        self._first = FirstSeen(words=(SIGNATURE_BITS + Places.BITS + 63) // 64)
        self._places = Places()

    splits_document_work = True

    def observe(self, pair: NormalisedPair) -> tuple[int, int] | None:
        """(hash of the translation, character signature of the source), or None for a pair not compared."""
        # Split no further than the words that make it long enough.
        if not is_comparable(pair) or len(pair.pair.target.split(None, _MIN_WORDS - 1)) < _MIN_WORDS:
            return None
        return target_hash(pair), character_signature(pair.source_match.text.casefold())

    # A tuple, not a generator, as CS01's.
    def absorb(self, pair: SegmentPair, observed: tuple[int, int] | None) -> tuple[Finding, ...]:
        if observed is None:
            return ()
        translation, signature = observed
        first = self._first.first(translation, self._places.of(pair) << SIGNATURE_BITS | signature)
        if first is None or shared_characters(first & _SIGNATURE_MASK, signature) >= _SAME_MESSAGE:
            return ()
        return (
            self.finding(
                pair,
                f"The same translation is given to a different Chinese sentence at "
                f"{self._places.named(first >> SIGNATURE_BITS, pair)}; check that this translation belongs to this source.",
            ),
        )
