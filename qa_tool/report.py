"""The report: per-file results and scores, the run's score and the gate's verdict.
Formatters render this and nothing else."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterator, Sequence

from qa_tool.checks.base import RuleFactory, RuleMeta
from qa_tool.engine import DocumentResult
from qa_tool.metrics import ReferenceScores
from qa_tool.model import Finding, Severity
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
) -> Report:
    def size(result: DocumentResult) -> int:
        return result.source_chars if policy.basis is WordBasis.SOURCE_CHARS else result.target_words

    files = tuple(FileReport(r, score(r.findings, size(r), policy)) for r in results)
    all_findings = [f for r in results for f in r.findings]
    total = score(all_findings, sum(size(r) for r in results), policy)
    return Report(
        files=files,
        total=total,
        signature=policy.signature(len(rules)),
        rules=tuple(rule.meta for rule in rules) + (UNUSED_SUPPRESSION,),
        fail_on=fail_on,
        policy=policy,
        reference=reference,
        baseline_known=baseline_known,
    )
