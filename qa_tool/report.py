"""The report: per-file results and scores, the run's score and the gate's verdict.
Formatters render this and nothing else."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import chain
from typing import Iterator, Sequence

from qa_tool.checks.base import RuleFactory, RuleMeta
from qa_tool.engine import DocumentResult
from qa_tool.finding_store import FindingKind, kinds_by_segment, kinds_of_each_segment
from qa_tool.metrics import ReferenceScores
from qa_tool.model import Finding, Severity
from qa_tool.segment_filter import SegmentFilter, SkipReason
from qa_tool.suppressions import UNUSED_SUPPRESSION
from qa_tool.scoring import Score, ScoringPolicy, WordBasis, penalty_score


@dataclass(frozen=True)
class FileReport:
    result: DocumentResult
    score: Score
    # The file's findings counted by kind, kinds in the order they first occur: what every
    # count, table and gate of a report reads, counted in the one reading that scores the file
    # (a file's findings may be on disk, and each reading builds them again).
    kinds: Counter[FindingKind]


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
    def finding_count(self) -> int:
        return sum(file.kinds.total() for file in self.files)

    def kinds(self) -> Counter[FindingKind]:
        """The run's findings counted by kind, kinds in the order they first occur."""
        counts: Counter[FindingKind] = Counter()
        for file in self.files:
            counts.update(file.kinds)
        return counts

    @property
    def blocking_count(self) -> int:
        """Findings at or above the gate's severity."""
        return sum(count for kind, count in self.kinds().items() if kind.severity >= self.fail_on)

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
        return not self.total.passed or self.blocking_count > 0

    def segment_penalties(self, file: FileReport) -> dict[str, float]:
        """Penalty points of each segment of one file that has findings, in reading order."""
        return dict(self.each_segment_penalty(file))

    def each_segment_penalty(self, file: FileReport) -> Iterator[tuple[str, float]]:
        """segment_penalties one segment at a time: a million-pair file has tens of thousands,
        and their dictionary was the peak of its report (about 9 MB)."""
        weight = _Weights(self.policy)
        for segment, kinds in kinds_of_each_segment(file.result.findings):
            penalty = 0.0
            for kind in kinds:
                penalty += weight[kind]
            yield segment, penalty

    def count_by_category_and_severity(self) -> dict[str, dict[Severity, int]]:
        """Finding counts by category, then by severity (every severity, 0 where none)."""
        counts: dict[str, dict[Severity, int]] = {}
        for kind, count in self.kinds().items():
            counts.setdefault(kind.category, dict.fromkeys(Severity, 0))[kind.severity] += count
        return counts

    def count_by(self, attribute: str) -> Counter[str]:
        """Finding counts by "severity" (its label), "category" or "code", in the order they first occur."""
        counts: Counter[str] = Counter()
        for kind, count in self.kinds().items():
            value = getattr(kind, attribute)
            counts[value.label if attribute == "severity" else value] += count
        return counts


class _Weights(dict[FindingKind, float]):
    """The weight of each kind of finding under a policy, worked out once a kind."""

    def __init__(self, policy: ScoringPolicy) -> None:
        super().__init__()
        self._policy = policy

    def __missing__(self, kind: FindingKind) -> float:
        weight = self[kind] = self._policy.weight_of(kind.category, kind.severity)
        return weight


def _tallied(findings: Sequence[Finding], weight: _Weights) -> tuple[Counter[FindingKind], list[float]]:
    """Findings counted by kind, and the penalty of each in order: one reading of them."""
    kinds: Counter[FindingKind] = Counter()
    penalties: list[float] = []
    for _, kind in kinds_by_segment(findings):
        kinds[kind] += 1
        penalties.append(weight[kind])
    return kinds, penalties


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

    weight = _Weights(policy)
    tallies = [_tallied(result.findings, weight) for result in results]
    files = tuple(FileReport(r, penalty_score(penalties, size(r), policy), kinds) for r, (kinds, penalties) in zip(results, tallies))
    # Summed finding by finding across the files, as the files' totals summed could differ in the last bit.
    total = penalty_score(chain.from_iterable(penalties for _, penalties in tallies), sum(size(r) for r in results), policy)
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
