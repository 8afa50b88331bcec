"""Report stage: what the formatters show, rendered from hand-made findings."""

from __future__ import annotations

import io
import json

from qa_tool.checks import select_rules
from qa_tool.engine import DocumentResult
from qa_tool.formatters import FORMATTERS
from qa_tool.formatters.human import excerpt
from qa_tool.model import Finding, Location, SegmentPair, Severity, Side, Span
from qa_tool.report import build_report
from qa_tool.scoring import ScoringPolicy

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
