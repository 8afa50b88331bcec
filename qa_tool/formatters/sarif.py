"""SARIF 2.1.0, the static-analysis exchange format that code-scanning services and IDE
viewers read: one run, qa-tool as the driver with every selected rule described, one result
per finding."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from pathlib import PurePosixPath
from typing import Any, TextIO
from urllib.parse import quote

from qa_tool import __version__
from qa_tool.checks.base import RuleMeta
from qa_tool.formatters.json_format import finding_record, report_record
from qa_tool.model import Finding, Severity
from qa_tool.report import FileReport, Report

SARIF_VERSION = "2.1.0"
SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {
    Severity.NEUTRAL: "note",
    Severity.MINOR: "warning",
    Severity.MAJOR: "error",
    Severity.CRITICAL: "error",
}
# Versioned so that a change of what is hashed never silently matches old fingerprints.
FINGERPRINT_KEY = "qaToolSegmentHash/v1"
_SPACES = re.compile(r"\s+")
# Findings hidden by a qa-ignore note stay in the log, marked, so reviewers can audit them.
SUPPRESSED_IN_SOURCE = {"kind": "inSource", "justification": "qa-ignore note on the segment"}


def rule_descriptor(meta: RuleMeta) -> dict[str, Any]:
    return {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": meta.rationale},
        "defaultConfiguration": {"level": LEVEL[meta.severity]},
        "properties": {
            "category": meta.category,
            "severity": meta.severity.label,
            "scope": meta.scope.value,
            "tags": ["translation", meta.category],
        },
    }


@cache
def artifact_uri(path: str) -> str:
    """The path as a URI reference: relative paths stay relative (code-scanning services
    resolve them against the checkout), absolute ones become file URIs."""
    posix = PurePosixPath(path)
    if posix.is_absolute():
        return posix.as_uri()
    return quote(path, safe="/")


# A segment with several findings is normalised once.
@lru_cache(maxsize=4096)
def _comparable(text: str) -> str:
    """Text as the fingerprint sees it: width variants and spacing changes elsewhere in a
    segment do not make a finding look new."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def fingerprints(findings: list[Finding]) -> list[str]:
    """One stable fingerprint per finding: its rule and the normalised segment it is in,
    never the line, so moving a segment keeps its findings matched to earlier runs. Equal
    findings in one segment are told apart by their order."""
    seen: Counter[str] = Counter()
    result = []
    for finding in findings:
        pair = finding.pair
        key = "\x1f".join(
            (finding.code, _comparable(pair.source), _comparable(pair.target), _comparable(finding.match))
        )
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        seen[digest] += 1
        result.append(f"{digest}:{seen[digest]}")
    return result


def _location(finding: Finding) -> dict[str, Any]:
    location = finding.location
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(location.path)}}
    if location.line is not None:
        # A region with only startLine covers that whole line. Character columns and
        # charOffset/charLength would be offsets into the whole file, which we do not have:
        # a span's offsets are inside the segment's text, after the reader removed escapes
        # and markup. So the region names the line, its snippet quotes the flagged text,
        # and the in-segment offsets go in the result's properties.
        region: dict[str, Any] = {"startLine": location.line}
        if finding.match:
            region["snippet"] = {"text": finding.match}
        physical["region"] = region
    record: dict[str, Any] = {"physicalLocation": physical}
    if location.unit:
        record["logicalLocations"] = [{"name": location.unit, "kind": "element"}]
    return record


def _result(finding: Finding, record: dict[str, Any], rule_index: int | None, fingerprint: str) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.code}
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    result["level"] = LEVEL[finding.severity]
    result["message"] = {"text": finding.message}
    result["locations"] = [_location(finding)]
    result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
    properties = {
        "category": record["category"],
        "severity": record["severity"],
        "segmentId": record["segment_id"],
        "spans": record["spans"],
    }
    if finding.replacement is not None:
        properties["replacement"] = finding.replacement
    if record["status"] is not None:
        properties["status"] = record["status"]
    result["properties"] = properties
    return result


def _file_results(file: FileReport, records: list[dict[str, Any]], rule_index: dict[str, int]) -> list[dict[str, Any]]:
    kept, suppressed = list(file.result.findings), list(file.result.suppressed)
    findings = kept + suppressed
    records = records + [finding_record(finding) for finding in suppressed]
    results = []
    for number, (finding, record, fingerprint) in enumerate(zip(findings, records, fingerprints(findings))):
        result = _result(finding, record, rule_index.get(finding.code), fingerprint)
        if number >= len(kept):
            result["suppressions"] = [SUPPRESSED_IN_SOURCE]
        results.append(result)
    return results


def sarif_log(report: Report) -> dict[str, Any]:
    rule_index = {meta.code: index for index, meta in enumerate(report.rules)}
    summary = report_record(report)
    results = []
    for file, file_record in zip(report.files, summary["files"]):
        results.extend(_file_results(file, file_record.pop("findings"), rule_index))
    return {
        "$schema": SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "qa-tool",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [rule_descriptor(meta) for meta in report.rules],
                    }
                },
                "results": results,
                "properties": {
                    "signature": summary["signature"],
                    "passed": summary["passed"],
                    "summary": summary["summary"],
                    "reference": summary["reference"],
                    "files": summary["files"],
                },
            }
        ],
    }


def render(report: Report, stream: TextIO, color: bool) -> None:
    # Compact on purpose: Python's JSON encoder is only fast without indentation, and a
    # large run's log is read by tools (`jq .` pretty-prints it for a person).
    stream.write(json.dumps(sarif_log(report), ensure_ascii=False, separators=(",", ":")))
    stream.write("\n")
