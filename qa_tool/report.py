"""The report: per-file results and scores, the run's score and the gate's verdict.
Formatters render this and nothing else."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import chain
from typing import Iterator, Sequence

from qa_tool.checks.base import RuleFactory, RuleMeta
from qa_tool.engine import DocumentResult
from qa_tool.metrics import ReferenceScores
from qa_tool.model import Finding, Severity
from qa_tool.segment_filter import SegmentFilter, SkipReason
from qa_tool.suppressions import UNUSED_SUPPRESSION
from qa_tool.scoring import Score, ScoringPolicy, WordBasis, score


@dataclass(frozen=True)
class FileReport:
    result: DocumentResult
    score: Score


@dataclass(frozen=True)
class Report:
    files: tuple[FileReport, ...]
    total: Score
    signature: str
    rules: tuple[RuleMeta, ...]
    # Any finding at or above this severity fails the gate, whatever the score.
    fail_on: Severity
    policy: ScoringPolicy = ScoringPolicy()
    # Reference metrics, when a reference translation was given.
    reference: ReferenceScores | None = None
    # How many findings a baseline accounted for (and hid), when one was given.
    baseline_known: int | None = None
    # Which pairs were left unchecked for their status (--status, --skip-locked, --skip-matches).
    segment_filter: SegmentFilter = SegmentFilter()

    @property
    def suppressed_count(self) -> int:
        return sum(len(file.result.suppressed) for file in self.files)

    def findings(self) -> Iterator[Finding]:
        for file in self.files:
            yield from file.result.findings

    @property
    def pair_count(self) -> int:
        return sum(file.result.pair_count for file in self.files)

    @property
    def skipped(self) -> dict[str, int]:
        """Pairs left unchecked by the segment filter, by reason, over all files."""
        totals: Counter[str] = Counter()
        for file in self.files:
            totals.update(file.result.skipped)
        return {reason.value: totals[reason.value] for reason in SkipReason if totals[reason.value]}

    def skipped_summary(self) -> str:
        """'12 pairs not checked: 5 locked, 7 TM matches of 100% or more', or '' when none were."""
        skipped = self.skipped
        if not skipped:
            return ""
        reasons = ", ".join(f"{count} {self.segment_filter.describe(SkipReason(reason))}" for reason, count in skipped.items())
        total = sum(skipped.values())
        return f"{total} pair{'s' if total != 1 else ''} not checked: {reasons}"

    @property
    def gate_failed(self) -> bool:
        return not self.total.passed or any(f.severity >= self.fail_on for f in self.findings())

    def segment_penalties(self, file: FileReport) -> dict[str, float]:
        """Penalty points of each segment of one file that has findings, in reading order."""
        penalties: dict[str, float] = {}
        for finding in file.result.findings:
            weight = self.policy.weight_of(finding.category, finding.severity)
            penalties[finding.segment_id] = penalties.get(finding.segment_id, 0.0) + weight
        return penalties

    def count_by(self, attribute: str) -> Counter[str]:
        """Finding counts by "severity" (its label) or "category"."""
        if attribute == "severity":
            return Counter(f.severity.label for f in self.findings())
        return Counter(getattr(f, attribute) for f in self.findings())


def build_report(
    results: Sequence[DocumentResult],
    rules: Sequence[RuleFactory],
    policy: ScoringPolicy,
    fail_on: Severity = Severity.CRITICAL,
    reference: ReferenceScores | None = None,
    baseline_known: int | None = None,
    segment_filter: SegmentFilter = SegmentFilter(),
) -> Report:
    def size(result: DocumentResult) -> int:
        return result.source_chars if policy.basis is WordBasis.SOURCE_CHARS else result.target_words

    files = tuple(FileReport(r, score(r.findings, size(r), policy)) for r in results)
    total = score(chain.from_iterable(r.findings for r in results), sum(size(r) for r in results), policy)
    return Report(
        files=files,
        total=total,
        signature=policy.signature(len(rules)),
        rules=tuple(rule.meta for rule in rules) + (UNUSED_SUPPRESSION,),
        fail_on=fail_on,
        policy=policy,
        reference=reference,
        baseline_known=baseline_known,
        segment_filter=segment_filter,
    )
