"""Scoring: MQM-style penalty points per evaluated word, and the pass/fail verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
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


class WordBasis(str, Enum):
    """What the penalty is divided by. ISO 5060 allows source characters for Chinese."""

    TARGET_WORDS = "target-words"
    SOURCE_CHARS = "source-chars"


@dataclass(frozen=True)
class WeightOverride:
    """A weight that replaces the severity weight for one category (by prefix), at one
    severity or at any (None)."""

    category: str
    severity: Severity | None
    weight: float


# The WMT 2020–2022 MQM weighting (Freitag et al., "Experts, Errors, and Context", 2021):
# major 5, minor 1, minor Fluency/Punctuation 0.1, Non-translation 25. With it, the official
# segment scores of the zh→en TED set in google/wmt-mqm-human-evaluation come out exactly.
WMT_OVERRIDES = (
    WeightOverride("Non-translation", None, 25.0),
    WeightOverride("Fluency/Punctuation", Severity.MINOR, 0.1),
)
PROFILES: Mapping[str, tuple[WeightOverride, ...]] = MappingProxyType({"mqm": (), "wmt": WMT_OVERRIDES})


@dataclass(frozen=True)
class ScoringPolicy:
    weights: Mapping[Severity, float] = field(default_factory=lambda: MQM_WEIGHTS)
    profile: str = "mqm"
    # Optional multipliers by category prefix ("Fluency/Punctuation": 0.5), from the config.
    category_multipliers: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    threshold: float = DEFAULT_THRESHOLD
    basis: WordBasis = WordBasis.TARGET_WORDS

    def weight_of(self, category: str, severity: Severity) -> float:
        for override in PROFILES[self.profile]:
            if category.startswith(override.category) and override.severity in (None, severity):
                return override.weight
        prefixes = [prefix for prefix in self.category_multipliers if category.startswith(prefix)]
        multiplier = self.category_multipliers[max(prefixes, key=len)] if prefixes else 1.0
        return self.weights[severity] * multiplier

    def signature(self, rule_count: int) -> str:
        """Everything a score depends on, so two scores are only compared like for like."""
        weights = "/".join(f"{self.weights[severity]:g}" for severity in Severity)
        multipliers = ",".join(f"{k}*{v:g}" for k, v in sorted(self.category_multipliers.items()))
        return (
            f"qa-tool|profile:{self.profile}|weights(neutral/minor/major/critical):{weights}"
            + (f"|categories:{multipliers}" if multipliers else "")
            + f"|basis:{self.basis.value}|threshold:{self.threshold:g}|rules:{rule_count}|version:{__version__}"
        )


@dataclass(frozen=True, slots=True)
class Score:
    penalty: float
    # The evaluated size: English target words, or Chinese source characters.
    words: int
    per_1000_words: float
    # 100 × (1 − penalty / words), floored at 0.
    quality: float
    passed: bool


def score(findings: Iterable[Finding], words: int, policy: ScoringPolicy) -> Score:
    return penalty_score((policy.weight_of(finding.category, finding.severity) for finding in findings), words, policy)


def penalty_score(penalties: Iterable[float], words: int, policy: ScoringPolicy) -> Score:
    """The score of findings weighing ``penalties`` (each finding's ``policy.weight_of``, in
    reading order: a sum of fractional weights depends on its order in the last bit)."""
    penalty = sum(penalties)
    if words == 0:
        quality = 100.0 if penalty == 0 else 0.0
        per_1000 = 0.0
    else:
        quality = max(0.0, 100.0 * (1.0 - penalty / words))
        per_1000 = 1000.0 * penalty / words
    return Score(penalty, words, per_1000, quality, quality >= policy.threshold)


def describe(score: Score) -> str:
    """A score in one line for a person: 'quality 97.56/100 does not pass: penalty 1 over
    41 words (24.4 per 1,000)'."""
    verdict = "passes" if score.passed else "does not pass"
    return (
        f"quality {score.quality:.2f}/100 {verdict}: penalty {score.penalty:g} over {score.words} words "
        f"({score.per_1000_words:.1f} per 1,000)"
    )
