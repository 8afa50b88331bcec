"""Tab-separated findings for spreadsheets and shell tools: a header line, then one finding
per line in reading order.

Columns: path, line, segment_id, code, severity, category, side, span, replacement,
message. ``line`` is empty when the format has no lines (the segment id then locates the
pair); ``side`` (source/target) and ``span`` are those of the finding's first span, empty for
a finding about the whole segment; ``replacement`` is empty when there is no safe fix (and
when the fix is to delete the span: the message says which).

A field never contains a raw tab or line break: backslash, tab, newline and carriage return
are written as ``\\\\``, ``\\t``, ``\\n`` and ``\\r``, the usual linear-TSV escapes, so every
line is exactly one finding."""

from __future__ import annotations

from typing import TextIO

from qa_tool.model import Finding
from qa_tool.report import Report

COLUMNS = ("path", "line", "segment_id", "code", "severity", "category", "side", "span", "replacement", "message")
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def escape_field(text: str) -> str:
    return text.translate(_ESCAPES)


def row(finding: Finding) -> tuple[str, ...]:
    location = finding.location
    return (
        location.path,
        "" if location.line is None else str(location.line),
        finding.segment_id,
        finding.code,
        finding.severity.label,
        finding.category,
        finding.spans[0].side.value if finding.spans else "",
        finding.match,
        "" if finding.replacement is None else finding.replacement,
        finding.message,
    )


def render(report: Report, stream: TextIO, color: bool) -> None:
    stream.write("\t".join(COLUMNS) + "\n")
    for finding in report.findings():
        stream.write("\t".join(escape_field(field) for field in row(finding)) + "\n")
