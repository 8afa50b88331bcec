"""Checking: run the selected rules over a stream of pairs, one document at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from qa_tool.checks.base import CheckSettings, RuleFactory
from qa_tool.languages.en import word_count
from qa_tool.model import Finding, SegmentPair
from qa_tool.normalise import normalise
from qa_tool.suppressions import SuppressionLedger


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """The findings of one input file and the counts its score needs."""

    path: str
    pair_count: int
    # English words in the targets: the evaluated word count of the score.
    target_words: int
    # Characters of the Chinese sources without pinyin annotations and white space.
    source_chars: int
    findings: tuple[Finding, ...]
    # Findings hidden by a qa-ignore note, kept for audit.
    suppressed: tuple[Finding, ...] = ()


def check_document(
    pairs: Iterable[SegmentPair],
    path: str,
    rules: Sequence[RuleFactory],
    settings: CheckSettings = CheckSettings(),
    on_pair: Callable[[], None] | None = None,
) -> DocumentResult:
    """Stream ``pairs`` through every rule; only findings (and the pairs they name) are kept."""
    active = [rule(settings) for rule in rules]
    ledger = SuppressionLedger()
    findings: list[Finding] = []
    pair_count = target_words = source_chars = 0
    for pair in pairs:
        pair_count += 1
        target_words += word_count(pair.target)
        normalised = normalise(pair)
        # Characters a reader of the Chinese sees: no pinyin annotations, no white space.
        source_chars += len("".join(normalised.source.text.split()))
        ledger.observe(pair)
        for rule in active:
            findings.extend(rule.check_segment(normalised))
        if on_pair is not None:
            on_pair()
    for rule in active:
        findings.extend(rule.finish_document())
    kept, suppressed = ledger.settle(findings)
    kept.sort(key=_reading_order)
    return DocumentResult(path, pair_count, target_words, source_chars, tuple(kept), tuple(suppressed))


def _reading_order(finding: Finding) -> tuple[int, int, str]:
    line = finding.location.line or 0
    first = finding.spans[0].start if finding.spans else -1
    return (line, first, finding.code)
