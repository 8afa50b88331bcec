"""Scoring: MQM-style penalty points per evaluated word, and the pass/fail verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Iterable, Mapping

from qa_tool import __version__
from qa_tool.model import Finding, Severity

# MQM 2.0 default severity multipliers (neutral 0, minor 1, major 5, critical 25).
MQM_WEIGHTS: Mapping[Severity, float] = MappingProxyType(
    {Severity.NEUTRAL: 0.0, Severity.MINOR: 1.0, Severity.MAJOR: 5.0, Severity.CRITICAL: 25.0}
)
# A delivery passes at a quality score of 99 or more: at most 10 penalty points per 1,000
# words, i.e. one major error per 500 words. A strict publication default; set it per project.
DEFAULT_THRESHOLD = 99.0


@dataclass(frozen=True)
class ScoringPolicy:
    weights: Mapping[Severity, float] = field(default_factory=lambda: MQM_WEIGHTS)
    threshold: float = DEFAULT_THRESHOLD

    def signature(self, rule_count: int) -> str:
        """Everything a score depends on, so two scores are only compared like for like."""
        weights = "/".join(f"{self.weights[severity]:g}" for severity in Severity)
        return (
            f"qa-tool|weights(neutral/minor/major/critical):{weights}|words:target-en"
            f"|threshold:{self.threshold:g}|rules:{rule_count}|version:{__version__}"
        )


@dataclass(frozen=True, slots=True)
class Score:
    penalty: float
    words: int
    per_1000_words: float
    # 100 × (1 − penalty / words), floored at 0.
    quality: float
    passed: bool


def score(findings: Iterable[Finding], words: int, policy: ScoringPolicy) -> Score:
    penalty = sum(policy.weights[finding.severity] for finding in findings)
    if words == 0:
        quality = 100.0 if penalty == 0 else 0.0
        per_1000 = 0.0
    else:
        quality = max(0.0, 100.0 * (1.0 - penalty / words))
        per_1000 = 1000.0 * penalty / words
    return Score(penalty, words, per_1000, quality, quality >= policy.threshold)
