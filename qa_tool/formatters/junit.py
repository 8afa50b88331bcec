"""JUnit XML, which every CI server can show as a test report: one <testsuite> per input
file, one <testcase> per file × rule (a rule without findings is a passing test case), one
<failure> per finding with its severity as the type, and a "score" test case per file that
fails when that file's score is under the pass mark. A run of several files ends with an
"all files" suite whose one "score" test case is the run's score, the one the gate reads.

``failures`` counts failed test cases, not findings, as JUnit readers expect; the finding
count is in each suite's properties. No timestamps or durations, so the same report gives
the same file."""

from __future__ import annotations

from collections import defaultdict
from typing import TextIO

import regex
from lxml import etree

from qa_tool.model import Finding, Side
from qa_tool.report import FileReport, Report
from qa_tool.scoring import Score, describe

# XML 1.0 cannot carry most control characters (or lone surrogates), and translation files
# do contain them; they become U+FFFD rather than making the report unwritable.
_NOT_XML = regex.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
SIDE_LABEL = {Side.SOURCE: "zh", Side.TARGET: "en"}
SCORE_CASE = "score"
# The suite of a run of several files that holds its score over them all.
RUN_SUITE = "all files"


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def failure_details(finding: Finding) -> str:
    pair = finding.pair
    lines = [f"{finding.location} segment {pair.id}", f"zh: {pair.source}", f"en: {pair.target}"]
    for span in finding.spans:
        text = (pair.source if span.side is Side.SOURCE else pair.target)[span.start : span.end]
        lines.append(f"flagged ({SIDE_LABEL[span.side]} {span.start}–{span.end}): {text}")
    if finding.replacement is not None:
        lines.append(f"fix: {finding.replacement}")
    lines.append(f"{finding.code} {finding.rule} · {finding.severity.label} · {finding.category}")
    return xml_text("\n".join(lines))


def _suite(report: Report, file: FileReport) -> etree._Element:
    path = file.result.path
    by_code: dict[str, list[Finding]] = defaultdict(list)
    for finding in file.result.findings:
        by_code[finding.code].append(finding)
    names = {meta.code: meta.name for meta in report.rules}
    names.update((kind.code, kind.rule) for kind in file.kinds if kind.code not in names)
    codes = [meta.code for meta in report.rules] + sorted(set(by_code) - {meta.code for meta in report.rules})

    suite = etree.Element("testsuite", name=xml_text(path))
    properties = etree.SubElement(suite, "properties")
    for name, value in (
        ("findings", str(len(file.result.findings))),
        ("pairs", str(file.result.pair_count)),
        *((f"skipped_{reason}", str(count)) for reason, count in file.result.skipped.items()),
        ("quality", f"{file.score.quality:.2f}"),
        ("passed", str(file.score.passed).lower()),
        ("signature", report.signature),
    ):
        etree.SubElement(properties, "property", name=name, value=value)
    failed = 0
    for code in codes:
        case = etree.SubElement(suite, "testcase", classname=xml_text(path), name=xml_text(f"{code} {names[code]}"))
        for finding in by_code.get(code, ()):
            failure = etree.SubElement(case, "failure", message=xml_text(finding.message), type=finding.severity.label)
            failure.text = failure_details(finding)
        failed += code in by_code
    failed += _score_case(suite, path, file.score)
    _close_suite(suite, len(codes) + 1, failed)
    return suite


def _score_case(suite: etree._Element, classname: str, score: Score) -> int:
    """The "score" test case, failed when the score is under the pass mark; 1 if it failed."""
    case = etree.SubElement(suite, "testcase", classname=xml_text(classname), name=SCORE_CASE)
    if score.passed:
        etree.SubElement(case, "system-out").text = describe(score)
        return 0
    failure = etree.SubElement(case, "failure", message=describe(score), type="score")
    failure.text = describe(score)
    return 1


def _close_suite(suite: etree._Element, tests: int, failed: int) -> None:
    suite.set("tests", str(tests))
    suite.set("failures", str(failed))
    suite.set("errors", "0")
    suite.set("skipped", "0")


def _run_suite(report: Report) -> etree._Element:
    """The run's score over all its files, as a suite of one test case."""
    suite = etree.Element("testsuite", name=RUN_SUITE)
    properties = etree.SubElement(suite, "properties")
    for name, value in (
        ("files", str(len(report.files))),
        ("findings", str(sum(len(file.result.findings) for file in report.files))),
        ("pairs", str(report.pair_count)),
        ("quality", f"{report.total.quality:.2f}"),
        ("passed", str(report.total.passed).lower()),
        ("signature", report.signature),
    ):
        etree.SubElement(properties, "property", name=name, value=value)
    _close_suite(suite, 1, _score_case(suite, RUN_SUITE, report.total))
    return suite


def junit_tree(report: Report) -> etree._Element:
    root = etree.Element("testsuites", name="qa-tool")
    root.extend(_suite(report, file) for file in report.files)
    if len(report.files) > 1:
        root.append(_run_suite(report))
    for total in ("tests", "failures", "errors"):
        root.set(total, str(sum(int(suite.get(total, "0")) for suite in root)))
    return root


def render(report: Report, stream: TextIO, color: bool) -> None:
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(etree.tostring(junit_tree(report), encoding="unicode", pretty_print=True))
