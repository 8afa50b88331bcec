"""Score stage: the MQM formula on hand-checked figures, the threshold and the signature."""

from __future__ import annotations

import pytest

from qa_tool import __version__
from qa_tool.model import Finding, Location, SegmentPair, Severity
from qa_tool.scoring import DEFAULT_THRESHOLD, MQM_WEIGHTS, ScoringPolicy, score

PAIR = SegmentPair("s1", "中文", "English", Location("t"))


def findings(*severities: Severity) -> list[Finding]:
    return [Finding("XX01", "x", severity, "Fluency/Grammar", "m", PAIR) for severity in severities]


def test_three_majors_and_a_neutral_over_724_words() -> None:
    # 3 × 5 + 0 = 15 points; 100 × (1 − 15/724) = 97.928...; 15/724 × 1000 = 20.718...
    result = score(findings(Severity.MAJOR, Severity.MAJOR, Severity.MAJOR, Severity.NEUTRAL), 724, ScoringPolicy())
    assert result.penalty == 15
    assert result.quality == pytest.approx(97.928, abs=1e-3)
    assert result.per_1000_words == pytest.approx(20.718, abs=1e-3)
    assert result.passed is False


@pytest.mark.parametrize(
    "severities, words, quality, passed",
    [
        ([], 100, 100.0, True),
        ([Severity.MINOR], 100, 99.0, True),  # exactly at the threshold passes
        ([Severity.MINOR, Severity.MINOR], 100, 98.0, False),
        ([Severity.CRITICAL] * 5, 100, 0.0, False),  # 125 points over 100 words: floored at 0
        ([], 0, 100.0, True),
        ([Severity.MINOR], 0, 0.0, False),
    ],
)
def test_quality_score(severities, words, quality, passed) -> None:
    result = score(findings(*severities), words, ScoringPolicy())
    assert result.quality == pytest.approx(quality)
    assert result.passed is passed


def test_default_weights_are_mqm_2() -> None:
    assert [MQM_WEIGHTS[s] for s in Severity] == [0, 1, 5, 25]
    assert DEFAULT_THRESHOLD == 99.0


def test_signature_names_everything_the_score_depends_on() -> None:
    signature = ScoringPolicy(threshold=95).signature(rule_count=6)
    assert signature == (
        f"qa-tool|weights(neutral/minor/major/critical):0/1/5/25|words:target-en|threshold:95|rules:6|version:{__version__}"
    )
