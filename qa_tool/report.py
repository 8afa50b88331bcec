"""The report: per-file results and scores, the run's score and the gate's verdict.
Formatters render this and nothing else."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterator, Sequence

from qa_tool.checks.base import RuleFactory, RuleMeta
from qa_tool.engine import DocumentResult
from qa_tool.model import Finding, Severity
from qa_tool.scoring import Score, ScoringPolicy, score


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

    def findings(self) -> Iterator[Finding]:
        for file in self.files:
            yield from file.result.findings

    @property
    def pair_count(self) -> int:
        return sum(file.result.pair_count for file in self.files)

    @property
    def gate_failed(self) -> bool:
        return not self.total.passed or any(f.severity >= self.fail_on for f in self.findings())

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
) -> Report:
    files = tuple(FileReport(r, score(r.findings, r.target_words, policy)) for r in results)
    all_findings = [f for r in results for f in r.findings]
    total = score(all_findings, sum(r.target_words for r in results), policy)
    return Report(
        files=files,
        total=total,
        signature=policy.signature(len(rules)),
        rules=tuple(rule.meta for rule in rules),
        fail_on=fail_on,
    )
