"""Line-delimited JSON: one finding per line, then one summary line, for streaming tools
(``jq -c``, log shippers, ``grep``) that want a record per problem rather than one tree.

Every line is a JSON object with a ``"type"``:

- ``"finding"``: the fields of a finding in the JSON report (code, rule, severity,
  category, message, segment_id, location with path/line/unit, spans with their text,
  replacement), in reading order, file after file;
- ``"summary"``: always the last line, also for a run without findings: the JSON report's
  header (tool, version, signature, passed, summary with the run's score) and ``files`` with
  each file's path, pair and word counts and score, without the findings repeated.

A consumer that only wants problems filters ``type == "finding"``; one that only wants the
verdict reads the last line.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from qa_tool.formatters.json_format import finding_record, report_record
from qa_tool.report import Report


def _write_line(stream: TextIO, record: dict[str, Any]) -> None:
    stream.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
    stream.write("\n")


def render(report: Report, stream: TextIO, color: bool) -> None:
    for file in report.files:
        for finding in file.result.findings:
            _write_line(stream, {"type": "finding", **finding_record(finding)})
    summary = report_record(report, findings=False)
    for file_record in summary["files"]:
        del file_record["findings"]
    _write_line(stream, {"type": "summary", **summary})
