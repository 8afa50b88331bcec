from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from qa_tool.checks._consistency import place_of
from qa_tool.checks.base import Characters, CheckSettings, Example, FixSafety, Rule, RuleMeta, Scope, any_of
from qa_tool.checks.punctuation import Quotation, quotations
from qa_tool.model import Finding, SegmentPair, Severity, Side, Span
from qa_tool.normalise import NormalisedPair

_MARKS = {"curly": ("“", "”"), "straight": ('"', '"')}
_SHOWN = {"curly": "curly (“…”)", "straight": 'straight ("…")'}
# The marks of either style: a target without one has nothing to observe (the rule's trigger).
_DOUBLE_QUOTES = frozenset(mark for marks in _MARKS.values() for mark in marks)


def _segments(count: int) -> str:
    return f"{count} segment" if count == 1 else f"{count} segments"


@dataclass(slots=True)
class _StyleUse:
    """How a document uses one style: enough to report it, none of the text."""

    first_pair: SegmentPair
    first_quotations: tuple[Quotation, ...]
    # Order in which the document first used the style (0 or 1): the tie-breaker.
    order: int
    marks: int = 0
    segments: int = 0
    # Whether a run's files other than the first pair's use the style too.
    in_other_files: bool = False


class MixedQuotationStyle(Rule):
    meta = RuleMeta(
        code="PU07",
        name="mixed-quotation-style",
        category="Fluency/Punctuation",
        severity=Severity.MINOR,
        summary="The English mixes curly (“…”) and straight (\"…\") double quotation marks.",
        rationale=(
            "A document should use one style of quotation marks; a mix shows that parts were "
            "typed, pasted or machine-translated separately, and a reader sees the change. The "
            "style with fewer marks in the document is reported once, at its first segment, "
            "with a fix in the other style; on a tie the style used first wins. Single quotation "
            "marks are not counted, because ' and ’ are also apostrophes, nor are inch marks "
            "(27\"), nor targets that are a copy of the Chinese source."
        ),
        examples=(
            Example(
                "所谓“低阶层”",
                "the so-called “lower classes”",
                True,
                "two segments before use straight marks",
                earlier=(("“美国梦”", 'their "American Dream"'), ("“没有人是一座孤岛。”", '"No man is an island."')),
            ),
            Example(
                "所谓“低阶层”",
                'the so-called "lower classes"',
                False,
                "the same style throughout",
                earlier=(("“美国梦”", 'their "American Dream"'),),
            ),
            Example("“美国梦”", "their “American Dream”", False, "one style in the document"),
        ),
        scope=Scope.RUN,
        fix=FixSafety.SAFE,
        trigger=any_of(Characters(Side.TARGET, _DOUBLE_QUOTES, "double quotation marks")),
    )
    nothing_observed = ()

    def __init__(self, settings: CheckSettings) -> None:
        super().__init__(settings)
        self._uses: dict[str, _StyleUse] = {}

    splits_document_work = True

    def observe(self, pair: NormalisedPair) -> tuple[tuple[str, tuple[Quotation, ...]], ...]:
        """The target's quotations by style (styles it does not use left out)."""
        target = pair.pair.target
        if _DOUBLE_QUOTES.isdisjoint(target) or target.strip() == pair.pair.source.strip():
            return ()
        found = quotations(target)
        by_style = ((style, tuple(quotation for quotation in found if quotation.style == style)) for style in _MARKS)
        return tuple((style, used) for style, used in by_style if used)

    def absorb(self, pair: SegmentPair, observed: tuple[tuple[str, tuple[Quotation, ...]], ...]) -> Iterator[Finding]:
        for style, found in observed:
            self._count(pair, style, found)
        return iter(())

    def _count(self, pair: SegmentPair, style: str, found: tuple[Quotation, ...]) -> None:
        use = self._uses.get(style)
        if use is None:
            use = self._uses[style] = _StyleUse(pair, found, order=len(self._uses))
        use.marks += sum(2 if quotation.paired else 1 for quotation in found)
        use.segments += 1
        use.in_other_files = use.in_other_files or pair.location.path != use.first_pair.location.path

    def finish_document(self) -> Iterator[Finding]:
        if len(self._uses) < 2:
            return
        majority, minority = sorted(self._uses, key=lambda style: (-self._uses[style].marks, self._uses[style].order))
        use, main = self._uses[minority], self._uses[majority]
        target = use.first_pair.target
        first = use.first_quotations[0]
        opening, closing = _MARKS[majority]
        replacement = opening + target[first.start + 1 : first.end - 1] + closing if first.paired else None
        others = f" (and in {_segments(use.segments - 1)} more)" if use.segments > 1 else ""
        yield self.finding(
            use.first_pair,
            f"{_SHOWN[minority].capitalize()} quotation marks here{others}, but {_SHOWN[majority]} ones in "
            f"{_segments(main.segments)} {_where(use, main)} ({main.marks} marks to {use.marks}): use one style.",
            spans=(Span(Side.TARGET, quotation.start, quotation.end) for quotation in use.first_quotations),
            replacement=replacement,
        )


def _where(use: _StyleUse, main: _StyleUse) -> str:
    """Where the document's (or run's) main style is, seen from the first use of the other."""
    here, there = use.first_pair, main.first_pair
    if there.location.path == here.location.path and not (use.in_other_files or main.in_other_files):
        return "of this document"
    return f"of this run, first at {place_of(there, here)}"
