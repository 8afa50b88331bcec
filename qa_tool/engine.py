"""Checking: run the selected rules over a stream of pairs, one document at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from qa_tool.checks.base import CheckSettings, RuleFactory
from qa_tool.languages.en import word_count
from qa_tool.model import Finding, SegmentPair
from qa_tool.normalise import normalise


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """The findings of one input file and the counts its score needs."""

    path: str
    pair_count: int
    # English words in the targets: the evaluated word count of the score.
    target_words: int
    source_chars: int
    findings: tuple[Finding, ...]


def check_document(
    pairs: Iterable[SegmentPair],
    path: str,
    rules: Sequence[RuleFactory],
    settings: CheckSettings = CheckSettings(),
    on_pair: Callable[[], None] | None = None,
) -> DocumentResult:
    """Stream ``pairs`` through every rule; only findings (and the pairs they name) are kept."""
    active = [rule(settings) for rule in rules]
    findings: list[Finding] = []
    pair_count = target_words = source_chars = 0
    for pair in pairs:
        pair_count += 1
        target_words += word_count(pair.target)
        source_chars += len(pair.source)
        normalised = normalise(pair)
        for rule in active:
            findings.extend(rule.check_segment(normalised))
        if on_pair is not None:
            on_pair()
    for rule in active:
        findings.extend(rule.finish_document())
    findings.sort(key=_reading_order)
    return DocumentResult(path, pair_count, target_words, source_chars, tuple(findings))


def _reading_order(finding: Finding) -> tuple[int, int, str]:
    line = finding.location.line or 0
    first = finding.spans[0].start if finding.spans else -1
    return (line, first, finding.code)
