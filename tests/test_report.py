"""Report stage: what the formatters show, rendered from hand-made findings."""

from __future__ import annotations

import io
import json
from collections import Counter
from dataclasses import replace

from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from qa_tool.checks import select_rules
from qa_tool.engine import DocumentResult
from qa_tool.finding_store import FindingCollector, Findings
from qa_tool.formatters import FORMATTERS
from qa_tool.formatters.human import excerpt
from qa_tool.model import Finding, Location, SegmentPair, Severity, Side, Span
from qa_tool.report import build_report
from qa_tool.scoring import ScoringPolicy, score
from qa_tool.suppressions import SuppressionLedger

TARGET = "x" * 100 + " the development of Chongqings economy. " + "y" * 100
PAIR = SegmentPair("p10", "促进重庆经济快速、健康发展", TARGET, Location("news.txt", line=16))
START = TARGET.index("Chongqings")
FINDING = Finding(
    "GR01", "missing-possessive-apostrophe", Severity.MAJOR, "Fluency/Grammar",
    "'Chongqings' before a noun reads as a possessive without its apostrophe; write 'Chongqing's'.",
    PAIR, (Span(Side.TARGET, START, START + 10),), "Chongqing's",
)


def report(*findings: Finding):
    result = DocumentResult("news.txt", 1, 50, 13, findings)
    return build_report([result], select_rules(), ScoringPolicy())


def render(name: str, *findings: Finding, color: bool = False) -> str:
    stream = io.StringIO()
    FORMATTERS[name](report(*findings), stream, color)
    return stream.getvalue()


def test_excerpt_cuts_around_the_span_and_marks_it() -> None:
    text = excerpt(TARGET, [FINDING.spans[0]])
    assert text.plain.startswith("…") and text.plain.rstrip().endswith("…")
    assert "Chongqings economy" in text.plain
    assert len(text.plain) < 130
    highlighted = [text.plain[s.start : s.end] for s in text.spans]
    assert highlighted == ["Chongqings"]


def test_excerpt_of_a_side_without_spans_is_a_preview() -> None:
    assert excerpt("short text", []).plain == "short text"
    assert excerpt("a\nb", []).plain == "a ⏎ b"


def test_human_report_groups_by_segment_and_shows_the_fix() -> None:
    out = render("human", FINDING)
    assert "p10" in out and "news.txt:16" in out
    assert "GR01" in out and "major" in out and "→ Chongqing's" in out
    assert "Score 90.00" in out  # 5 points over 50 words
    assert "\x1b[" not in out


def test_human_report_colours_only_when_asked() -> None:
    assert "\x1b[" in render("human", FINDING, color=True)


def test_json_report_carries_spans_with_their_text() -> None:
    record = json.loads(render("json", FINDING))
    (finding,) = record["files"][0]["findings"]
    assert finding["spans"] == [{"side": "target", "start": START, "end": START + 10, "text": "Chongqings"}]
    assert finding["location"] == {"path": "news.txt", "line": 16, "unit": None}
    assert record["summary"]["by_severity"] == {"major": 1}
    assert record["summary"]["score"]["quality"] == 90.0
    assert record["files"][0]["segment_penalties"] == {"p10": 5.0}
    assert record["passed"] is False


def test_empty_report_passes() -> None:
    record = json.loads(render("json"))
    assert record["passed"] is True and record["summary"]["findings"] == 0


def _weights(findings, policy: ScoringPolicy) -> list[float]:
    return [policy.weight_of(finding.category, finding.severity) for finding in findings]


def test_the_run_penalty_sums_its_findings_in_order_across_files_not_the_files_penalties() -> None:
    # Under the wmt profile a minor punctuation finding weighs 0.1: summed file by file, these
    # weights come out a last bit away from the same weights summed in one run.
    policy = ScoringPolicy(profile="wmt")
    punctuation = Finding("PU01", "p", Severity.MINOR, "Fluency/Punctuation", "m", PAIR)
    first = (replace(FINDING, severity=Severity.MINOR), punctuation)
    second = (punctuation, FINDING)
    results = [DocumentResult(name, 1, 50, 13, findings) for name, findings in (("a.txt", first), ("b.txt", second))]
    built = build_report(results, select_rules(), policy)
    in_one_run = sum(_weights(first + second, policy))
    assert in_one_run != sum(_weights(first, policy)) + sum(_weights(second, policy)), "the case must tell the sums apart"
    assert built.total.penalty == in_one_run
    assert [file.score.penalty for file in built.files] == [sum(_weights(first, policy)), sum(_weights(second, policy))]


_KINDS = st.tuples(
    st.sampled_from(["GR01", "PU01", "TM01"]),
    st.sampled_from(["one", "other"]),
    st.sampled_from(["Fluency/Punctuation", "Fluency/Grammar", "Terminology", "Non-translation"]),
    st.sampled_from(list(Severity)),
)


@hypothesis_settings(max_examples=60, deadline=None)
@given(
    files=st.lists(st.lists(st.tuples(st.sampled_from(["s1", "s2", "s3"]), _KINDS), max_size=12), min_size=1, max_size=3),
    profile=st.sampled_from(["mqm", "wmt"]),
    fail_on=st.sampled_from(list(Severity)),
    on_disk=st.booleans(),
)
def test_a_report_counts_and_scores_as_reading_every_finding_would(files, profile, fail_on, on_disk) -> None:
    """Counts, gate, scores and segment penalties, as counted once by kind, against each
    worked out from the findings themselves."""
    policy = ScoringPolicy(profile=profile, category_multipliers={"Fluency": 0.3})
    documents = []
    for number, file in enumerate(files):
        findings = [
            Finding(code, rule, severity, category, "m", SegmentPair(segment, "中", "x", Location(f"{number}.txt")))
            for segment, (code, rule, category, severity) in file
        ]
        documents.append(findings)
    results = [
        DocumentResult(f"{number}.txt", 3, 40, 9, _on_disk(findings) if on_disk else tuple(findings))
        for number, findings in enumerate(documents)
    ]
    built = build_report(results, select_rules(), policy, fail_on)
    every = [finding for findings in documents for finding in findings]
    assert built.finding_count == len(every)
    assert list(built.count_by("severity").items()) == list(Counter(f.severity.label for f in every).items())
    for attribute in ("category", "code"):
        assert list(built.count_by(attribute).items()) == list(Counter(getattr(f, attribute) for f in every).items())
    assert built.count_by_category_and_severity() == {
        category: {severity: sum(1 for f in every if (f.category, f.severity) == (category, severity)) for severity in Severity}
        for category in {f.category for f in every}
    }
    assert built.blocking_count == sum(1 for f in every if f.severity >= fail_on)
    assert built.gate_failed is (not built.total.passed or any(f.severity >= fail_on for f in every))
    assert built.total == score(every, 40 * len(files), policy)
    for file, findings in zip(built.files, documents):
        assert file.score == score(findings, 40, policy)
        penalties: dict[str, float] = {}
        for finding in findings:
            penalties[finding.segment_id] = penalties.get(finding.segment_id, 0.0) + policy.weight_of(finding.category, finding.severity)
        assert list(built.segment_penalties(file).items()) == list(penalties.items())


def _on_disk(findings: list[Finding]) -> Findings:
    """``findings`` in the order given, as a spilled document holds them."""
    collector = FindingCollector(0)
    collector.extend(
        replace(finding, pair=replace(finding.pair, location=Location(finding.location.path, line=line)))
        for line, finding in enumerate(findings, start=1)
    )
    kept, _ = collector.settled(SuppressionLedger())
    return kept
