from __future__ import annotations

from qa_tool.checks._consistency import FirstSeen, Places, is_comparable, source_text, target_hash, text_hash
from qa_tool.checks.base import CheckSettings, Example, Rule, RuleMeta, Scope
from qa_tool.model import Finding, SegmentPair, Severity
from qa_tool.normalise import NormalisedPair

# Translations are compared by a 32-bit hash: two different ones agree by chance once in 4·10^9.
_TRANSLATION_BITS = 32
_TRANSLATION_MASK = (1 << _TRANSLATION_BITS) - 1


class InconsistentTranslation(Rule):
    meta = RuleMeta(
        code="CS01",
        name="inconsistent-translation",
        category="Fluency/Inconsistency",
        severity=Severity.MINOR,
        summary="The same Chinese is translated differently elsewhere in the document.",
        rationale=(
            "A repeated sentence, title or UI string should read the same each time it occurs; "
            "two translations make readers wonder whether two things are meant, and one of them "
            "is usually a slip. Sources are compared in simplified script with spacing "
            "collapsed; translations ignoring case, spacing, punctuation and plural endings, "
            "as Chinese does not mark the plural: 'Bookmark' and 'bookmarks.' agree, 'Log in' "
            "and 'Sign in' do not. Each later pair that differs from the first occurrence is "
            "reported once, naming that first segment. Empty and untranslated targets are left "
            "to SG01 and SG02."
        ),
        examples=(
            Example(
                "添加书签",
                "Bookmark this page",
                True,
                "segment 1 translated it 'Add bookmark'",
                earlier=(("添加书签", "Add bookmark"),),
            ),
            Example(
                "添加書籤",
                "add bookmark.",
                False,
                "the same translation: script, case and final punctuation do not count",
                earlier=(("添加书签", "Add Bookmark"),),
            ),
            Example("删除书签", "Delete bookmark", False, "a different source", earlier=(("添加书签", "Add bookmark"),)),
        ),
        scope=Scope.RUN,
    )

    def __init__(self, settings: CheckSettings) -> None:
        super().__init__(settings)
        # hash of the source → a 32-bit hash of its first translation and where that pair is.
        self._first = FirstSeen(words=(Places.BITS + _TRANSLATION_BITS + 63) // 64)
        self._places = Places()

    splits_document_work = True

    def observe(self, pair: NormalisedPair) -> tuple[int, int] | None:
        """(hash of the source, 32-bit hash of its translation), or None for a pair not compared."""
        if not is_comparable(pair):
            return None
        return text_hash(source_text(pair)), target_hash(pair) & _TRANSLATION_MASK

    # A tuple, not a generator: nearly every pair has no finding, and a generator costs its
    # making and a step on each.
    def absorb(self, pair: SegmentPair, observed: tuple[int, int] | None) -> tuple[Finding, ...]:
        if observed is None:
            return ()
        source, translation = observed
        first = self._first.first(source, self._places.of(pair) << _TRANSLATION_BITS | translation)
        if first is None or first & _TRANSLATION_MASK == translation:
            return ()
        return (
            self.finding(
                pair,
                f"The same Chinese is translated differently at {self._places.named(first >> _TRANSLATION_BITS, pair)}; "
                "use one translation for it.",
            ),
        )
