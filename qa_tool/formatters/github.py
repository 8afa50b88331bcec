"""GitHub Actions workflow commands: each finding becomes an annotation on its file and
line (error for critical and major, warning for minor, notice for neutral), in a run of
several files one annotation per file with its score (a warning when under the pass mark),
and a last annotation gives the run's score and the gate's verdict. Plain text on standard output of a step;
no token or API call needed."""

from __future__ import annotations

from typing import TextIO

from qa_tool.model import Finding, Severity
from qa_tool.report import FileReport, Report
from qa_tool.scoring import describe

COMMAND = {
    Severity.NEUTRAL: "notice",
    Severity.MINOR: "warning",
    Severity.MAJOR: "error",
    Severity.CRITICAL: "error",
}


def escape_data(text: str) -> str:
    """A command's message: '%' first, so the escapes it adds are not escaped again."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value, where ':' would end the properties and ',' would start the next."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(command: str, message: str, properties: dict[str, str]) -> str:
    listed = ",".join(f"{name}={escape_property(value)}" for name, value in properties.items())
    return f"::{command}{' ' + listed if listed else ''}::{escape_data(message)}"


def annotation(finding: Finding) -> str:
    properties = {"file": finding.location.path}
    if finding.location.line is not None:
        properties["line"] = str(finding.location.line)
    properties["title"] = f"qa-tool {finding.code} {finding.rule}"
    lines = [finding.message]
    if finding.replacement is not None:
        lines.append(f"Fix: {finding.replacement}")
    unit = f" (unit {finding.location.unit})" if finding.location.unit else ""
    lines.append(f"Segment {finding.segment_id}{unit} · {finding.severity.label} · {finding.category}")
    return workflow_command(COMMAND[finding.severity], "\n".join(lines), properties)


def gate_annotation(report: Report) -> str:
    score = report.total
    count = report.finding_count
    verdict = "FAILED" if report.gate_failed else "PASSED"
    message = (
        f"Score {score.quality:.2f}/100 · {count} finding{'s' if count != 1 else ''} in {report.pair_count} pairs · "
        f"penalty {score.penalty:g} over {score.words} words · {verdict}\n{report.signature}"
    )
    return workflow_command("error" if report.gate_failed else "notice", message, {"title": "qa-tool gate"})


def file_score_annotation(file: FileReport) -> str:
    command = "notice" if file.score.passed else "warning"
    return workflow_command(command, describe(file.score).capitalize(), {"file": file.result.path, "title": "qa-tool score"})


def render(report: Report, stream: TextIO, color: bool) -> None:
    for finding in report.findings():
        stream.write(annotation(finding) + "\n")
    if len(report.files) > 1:
        for file in report.files:
            stream.write(file_score_annotation(file) + "\n")
    stream.write(gate_annotation(report) + "\n")
