"""Machine-readable report: one JSON document, stable key order, for CI and scripts."""

from __future__ import annotations

import json
from dataclasses import asdict
from json.encoder import encode_basestring
from typing import Any, Iterable, TextIO

from qa_tool import __version__
from qa_tool.model import Finding, SegmentPair, SegmentState, SegmentStatus, Severity, Side, Span
from qa_tool.report import Report
from qa_tool.scoring import Score
from qa_tool.segment_filter import SegmentFilter


def finding_record(finding: Finding) -> dict[str, Any]:
    pair = finding.pair
    return {
        "code": finding.code,
        "rule": finding.rule,
        "severity": finding.severity.label,
        "category": finding.category,
        "message": finding.message,
        "segment_id": pair.id,
        "location": {"path": pair.location.path, "line": pair.location.line, "unit": pair.location.unit},
        "spans": [
            {
                "side": span.side.value,
                "start": span.start,
                "end": span.end,
                "text": (pair.source if span.side is Side.SOURCE else pair.target)[span.start : span.end],
            }
            for span in finding.spans
        ],
        "replacement": finding.replacement,
        "status": _status_record(pair.status),
    }


def _status_record(status: SegmentStatus | None) -> dict[str, Any] | None:
    """The segment's workflow status as the file records it (docs/status.md), None without one."""
    if status is None:
        return None
    return {
        "state": status.state.value if status.state else None,
        "raw": status.raw,
        "locked": status.locked,
        "match_percent": status.match_percent,
        "origin": status.origin,
    }


def _score_record(score: Score) -> dict[str, Any]:
    record = asdict(score)
    record["quality"] = round(score.quality, 2)
    record["per_1000_words"] = round(score.per_1000_words, 2)
    return record


def report_record(report: Report, findings: bool = True, penalties: bool = True) -> dict[str, Any]:
    """The whole report as JSON-ready data; without ``findings``, each file's list of
    findings is a placeholder string, without ``penalties`` its segment penalties (see render)."""
    return {
        "tool": "qa-tool",
        "version": __version__,
        "signature": report.signature,
        "passed": not report.gate_failed,
        "summary": {
            "files": len(report.files),
            "pairs": report.pair_count,
            "findings": report.finding_count,
            "by_severity": dict(sorted(report.count_by("severity").items())),
            "by_category": dict(sorted(report.count_by("category").items())),
            "score": _score_record(report.total),
            "fail_on": report.fail_on.label,
            "suppressed": report.suppressed_count,
            "baseline_known": report.baseline_known,
            "skipped": report.skipped,
            "segment_filter": _filter_record(report.segment_filter),
        },
        "reference": asdict(report.reference) if report.reference else None,
        "files": [
            {
                "path": file.result.path,
                "pairs": file.result.pair_count,
                "skipped": file.result.skipped,
                "target_words": file.result.target_words,
                "score": _score_record(file.score),
                "segment_penalties": report.segment_penalties(file) if penalties else _placeholder(index, "segment penalties"),
                "findings": [finding_record(f) for f in file.result.findings] if findings else _placeholder(index, "findings"),
            }
            for index, file in enumerate(report.files)
        ],
    }


def _filter_record(segment_filter: SegmentFilter) -> dict[str, Any]:
    return {
        "status": [state.value for state in SegmentState if state in segment_filter.states],
        "skip_locked": segment_filter.skip_locked,
        "skip_matches": segment_filter.skip_matches,
    }


def _placeholder(index: int, part: str) -> str:
    return f"\0{part} of file {index}\0"


# Where a file's findings and segment penalties stand in the report: root → "files" → a file → "findings".
_FINDINGS_DEPTH = 4
_INDENT = 2
_ITEM_PADDING = " " * (_INDENT * _FINDINGS_DEPTH)


def render(report: Report, stream: TextIO, color: bool) -> None:
    """The report, written a finding and a segment penalty at a time: a million-pair file can
    have tens of thousands of findings, and building every record before writing would hold
    them all."""
    outline = _indented(report_record(report, findings=False, penalties=False), "")
    for index, file in enumerate(report.files):
        before, outline = outline.split(json.dumps(_placeholder(index, "segment penalties")), 1)
        stream.write(before)
        entries = report.each_segment_penalty(file)
        _write_items(stream, "{}", (f"{encode_basestring(segment)}: {json.dumps(penalty)}" for segment, penalty in entries))
        before, outline = outline.split(json.dumps(_placeholder(index, "findings")), 1)
        stream.write(before)
        _write_items(stream, "[]", map(FindingItems().item, file.result.findings))
    stream.write(outline + "\n")


_STEP = " " * _INDENT
_LITERALS = {None: "null", True: "true", False: "false"}


def _indented(value: Any, padding: str) -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=_INDENT)`` writes it, its
    inner lines indented by ``padding`` more: json indents with a pure-Python encoder, several
    times slower than writing the containers here and each string with json's C function."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is int:
        return int.__repr__(value)
    if kind is bool or value is None:
        return _LITERALS[value]
    inner = padding + _STEP
    if kind is dict and value and all(type(key) is str for key in value):
        items = [f"{inner}{encode_basestring(key)}: {_indented(item, inner)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + padding + "}"
    if kind in (list, tuple) and value:
        return "[\n" + ",\n".join(inner + _indented(item, inner) for item in value) + "\n" + padding + "]"
    return json.dumps(value, ensure_ascii=False, indent=_INDENT).replace("\n", "\n" + padding)


# The paddings of a finding's parts: its keys, its location's and spans' keys, a span's keys.
_KEY_PADDING = _ITEM_PADDING + _STEP
_PART_PADDING = _KEY_PADDING + _STEP
_SPAN_KEY_PADDING = _PART_PADDING + _STEP


class FindingItems:
    """Findings as ``_indented(finding_record(finding), _ITEM_PADDING)`` writes them, without
    building their records: a large file's report is mostly its findings, and the records'
    dictionaries and the walk through them cost twice what writing a finding's few fields
    does. What findings share is written once: the lines of a kind (its code, rule, severity
    and category; a report has a few dozen kinds) and those of a pair (its id, location and
    status: a segment's findings come together)."""

    def __init__(self) -> None:
        self._kinds: dict[tuple[str, str, Severity, str], str] = {}
        self._pair: SegmentPair | None = None
        self._pair_lines = ("", "")

    def item(self, finding: Finding) -> str:
        key = _KEY_PADDING
        kind = (finding.code, finding.rule, finding.severity, finding.category)
        opening = self._kinds.get(kind)
        if opening is None:
            opening = self._kinds[kind] = (
                f'{{\n{key}"code": {_indented(finding.code, key)},\n{key}"rule": {_indented(finding.rule, key)},\n'
                f'{key}"severity": {_indented(finding.severity.label, key)},\n{key}"category": {_indented(finding.category, key)},\n'
            )
        pair = finding.pair
        if pair is not self._pair:
            self._pair, self._pair_lines = pair, _pair_lines(pair)
        location, status = self._pair_lines
        return (
            f'{opening}{key}"message": {_indented(finding.message, key)},\n{location}'
            f'{key}"spans": {_spans_item(finding.spans, pair)},\n{key}"replacement": {_indented(finding.replacement, key)},\n'
            f"{status}"
        )


def _pair_lines(pair: SegmentPair) -> tuple[str, str]:
    """A finding's lines that its pair fixes: its id and location, and its status to the end."""
    location = pair.location
    key, part = _KEY_PADDING, _PART_PADDING
    return (
        f'{key}"segment_id": {_indented(pair.id, key)},\n'
        f'{key}"location": {{\n{part}"path": {_indented(location.path, part)},\n{part}"line": {_indented(location.line, part)},\n'
        f'{part}"unit": {_indented(location.unit, part)}\n{key}}},\n',
        f'{key}"status": {_indented(_status_record(pair.status), key)}\n{_ITEM_PADDING}}}',
    )


_SIDE_VALUES = {side: encode_basestring(side.value) for side in Side}


def _spans_item(spans: tuple[Span, ...], pair: SegmentPair) -> str:
    if not spans:
        return "[]"
    part, inner = _PART_PADDING, _SPAN_KEY_PADDING
    items = [
        f'{part}{{\n{inner}"side": {_SIDE_VALUES[span.side]},\n{inner}"start": {_indented(span.start, inner)},\n'
        f'{inner}"end": {_indented(span.end, inner)},\n'
        f'{inner}"text": {_indented((pair.source if span.side is Side.SOURCE else pair.target)[span.start : span.end], inner)}\n'
        f"{part}}}"
        for span in spans
    ]
    return "[\n" + ",\n".join(items) + "\n" + _KEY_PADDING + "]"


def _write_items(stream: TextIO, brackets: str, items: Iterable[str]) -> None:
    """A list or object of a file record (its findings, its segment penalties) as json.dumps
    indents it, an item at a time: written with the outline, every item's text would be held
    and joined, about 130 bytes a segment penalty (10 MB for the 76,000 entries of a million
    benchmark pairs) and far more a finding."""
    padding = _ITEM_PADDING
    separator = brackets[0] + "\n"
    for item in items:
        stream.write(separator + padding + item)
        separator = ",\n"
    if separator == ",\n":
        stream.write("\n" + " " * (_INDENT * (_FINDINGS_DEPTH - 1)) + brackets[1])
    else:
        stream.write(brackets)
