"""Tab-separated findings for spreadsheets and shell tools: a header line, one finding per
line in reading order, then the scores: in a run of several files one line per file, and
last the run's score, each with the code ``SCORE``, the file's path (empty for the run) and
the score in words as the message ("quality 97.56/100 does not pass: penalty 1 over 41
words (24.4 per 1,000)"). ``grep -v SCORE`` keeps the findings alone.

Columns: path, line, segment_id, code, severity, category, side, span, replacement,
message. ``line`` is empty when the format has no lines (the segment id then locates the
pair); ``side`` (source/target) and ``span`` are those of the finding's first span, empty for
a finding about the whole segment; ``replacement`` is empty when there is no safe fix (and
when the fix is to delete the span: the message says which).

A field never contains a raw tab or line break: backslash, tab, newline and carriage return
are written as ``\\\\``, ``\\t``, ``\\n`` and ``\\r``, the usual linear-TSV escapes, so every
line is exactly one finding."""

from __future__ import annotations

from itertools import chain
from typing import TextIO

from qa_tool.model import Finding
from qa_tool.report import Report
from qa_tool.scoring import Score, describe

# The code of a score line, which no rule has.
SCORE_CODE = "SCORE"
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


def score_row(path: str, score: Score) -> tuple[str, ...]:
    return (path, "", "", SCORE_CODE, "", "", "", "", "", describe(score))


def render(report: Report, stream: TextIO, color: bool) -> None:
    stream.write("\t".join(COLUMNS) + "\n")
    file_scores = [score_row(file.result.path, file.score) for file in report.files] if len(report.files) > 1 else []
    rows = chain(map(row, report.findings()), file_scores, [score_row("", report.total)])
    for fields in rows:
        stream.write("\t".join(escape_field(field) for field in fields) + "\n")
