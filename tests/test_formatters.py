"""Output formats beyond human and json: jsonl, sarif, junit, github, tsv, html.

Every test renders a report built by hand from the findings below, so what each format must
show is fixed here and does not move when rules change."""

from __future__ import annotations

import dataclasses

import io
import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

from qa_tool.checks.base import Rule, RuleMeta
from qa_tool.engine import DocumentResult
from qa_tool.formatters import FORMATTERS, github, html_format, sarif, tsv
from qa_tool.formatters.json_format import _ITEM_PADDING, FindingItems, _indented, finding_record, report_record
from qa_tool.metrics import ReferenceScores, SegmentScore
from qa_tool.model import Finding, Location, SegmentPair, SegmentState, SegmentStatus, Severity, Side, Span
from qa_tool.report import Report, build_report
from qa_tool.scoring import ScoringPolicy

SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
CHROMIUM = Path("/usr/bin/chromium")


def rule(code: str, name: str, severity: Severity, category: str) -> type[Rule]:
    meta = RuleMeta(code, name, category, severity, f"{name} (summary)", f"{name} (rationale)", ())
    return type(f"Rule{code}", (Rule,), {"meta": meta})


RULES = (
    rule("GR01", "missing-possessive-apostrophe", Severity.MAJOR, "Fluency/Grammar"),
    rule("NM01", "name-order", Severity.MINOR, "Locale convention/Name format"),
    rule("SG01", "empty-target", Severity.CRITICAL, "Accuracy/Omission"),
    rule("SG04", "damaged-source-text", Severity.NEUTRAL, "Source error"),
    rule("TM01", "inconsistent-term", Severity.MINOR, "Terminology/Inconsistent use of terminology"),
)
META = {r.meta.code: r.meta for r in RULES}


def finding(code: str, pair: SegmentPair, message: str, spans: tuple[Span, ...] = (), replacement: str | None = None) -> Finding:
    meta = META.get(code)
    if meta is None:  # a rule the report does not list (e.g. from a plug-in)
        return Finding(code, "unlisted-rule", Severity.MINOR, "Style/Unlisted", message, pair, spans, replacement)
    return Finding(code, meta.name, meta.severity, meta.category, message, pair, spans, replacement)


NEWS_TARGET = "It promotes the development of Chongqings economy."
NEWS = SegmentPair("p1", "促进重庆经济发展。", NEWS_TARGET, Location("news.txt", line=3))
CHONGQINGS = NEWS_TARGET.index("Chongqings")
NAMES_TARGET = "Mr. Xi Jinping and Li Qiang met <script>alert('x')</script> & \"friends\"."
NAMES = SegmentPair("p2", "习近平与李强会面。", NAMES_TARGET, Location("news.txt", line=4))
EMPTY = SegmentPair("p3", "没有译文。", "", Location("news.txt", line=5))
DAMAGED = SegmentPair("7", "能夠?qū)⑾嚓P(guān)资源", "Resources can be shared", Location("memory tm/业务.tmx", unit="u-7"))

FINDINGS_NEWS = (
    finding(
        "GR01", NEWS, "'Chongqings' before a noun reads as a possessive; write 'Chongqing's'.",
        (Span(Side.TARGET, CHONGQINGS, CHONGQINGS + 10),), "Chongqing's",
    ),
    # Overlaps the GR01 span: the page must mark both without nesting tags wrongly.
    finding("TM01", NEWS, "'Chongqings economy' is not the glossary term.", (Span(Side.TARGET, CHONGQINGS, CHONGQINGS + 18),)),
    # Characters that each format must escape: % : , newline, tab, HTML markup.
    finding(
        "NM01", NAMES, "Name order: 100% sure, see: 'Xi Jinping'\nsecond line\twith a tab",
        (Span(Side.TARGET, 4, 14), Span(Side.SOURCE, 0, 3)), "Xi\tJinping",
    ),
    finding("SG01", EMPTY, "The target is empty."),
)
FINDINGS_TM = (
    finding("SG04", DAMAGED, "The source is damaged: '?qū)⑾嚓P(guān)'.", (Span(Side.SOURCE, 2, 13),)),
    # An insertion point (zero width) and a code the report's rule list does not have.
    finding("ZZ99", DAMAGED, "Something is missing here.", (Span(Side.TARGET, 9, 9),), "also "),
)
ALL_FINDINGS = FINDINGS_NEWS + FINDINGS_TM


def make_report(files: tuple[tuple[str, tuple[Finding, ...]], ...] = (("news.txt", FINDINGS_NEWS), ("memory tm/业务.tmx", FINDINGS_TM))) -> Report:
    results = [
        DocumentResult(path=path, pair_count=10, target_words=200, source_chars=300, findings=findings)
        for path, findings in files
    ]
    return build_report(results, RULES, ScoringPolicy())


def render(name: str, report: Report | None = None) -> str:
    stream = io.StringIO()
    FORMATTERS[name](make_report() if report is None else report, stream, False)
    return stream.getvalue()


EMPTY_REPORT = (("clean.txt", ()),)
NEW_FORMATS = ("jsonl", "sarif", "junit", "github", "tsv", "html")


# ---------------------------------------------------------------- every format


@pytest.mark.parametrize("name", NEW_FORMATS)
def test_format_is_registered_and_deterministic(name: str) -> None:
    first, second = render(name), render(name)
    assert first == second and first.endswith("\n")


@pytest.mark.parametrize("name", NEW_FORMATS)
def test_format_renders_a_report_without_findings(name: str) -> None:
    assert render(name, make_report(EMPTY_REPORT))


# ---------------------------------------------------------------- jsonl


def test_jsonl_has_one_line_per_finding_then_the_summary() -> None:
    lines = [json.loads(line) for line in render("jsonl").splitlines()]
    assert [line["type"] for line in lines] == ["finding"] * len(ALL_FINDINGS) + ["summary"]
    record = report_record(make_report())
    expected = [f for file in record["files"] for f in file["findings"]]
    assert [{k: v for k, v in line.items() if k != "type"} for line in lines[:-1]] == expected
    summary = lines[-1]
    assert summary["passed"] is False and summary["summary"]["findings"] == len(ALL_FINDINGS)
    assert [file["path"] for file in summary["files"]] == ["news.txt", "memory tm/业务.tmx"]
    assert all("findings" not in file and "score" in file for file in summary["files"])


def test_jsonl_keeps_newlines_inside_one_line() -> None:
    text = render("jsonl")
    assert len(text.splitlines()) == len(ALL_FINDINGS) + 1
    assert "second line" in json.loads(text.splitlines()[2])["message"]


def test_jsonl_of_a_clean_run_is_the_summary_alone() -> None:
    (line,) = render("jsonl", make_report(EMPTY_REPORT)).splitlines()
    assert json.loads(line)["type"] == "summary" and json.loads(line)["passed"] is True


# ---------------------------------------------------------------- sarif


def sarif_log(report: Report | None = None) -> dict:
    return json.loads(render("sarif", report))


@pytest.mark.parametrize("files", [None, EMPTY_REPORT], ids=["findings", "clean"])
def test_sarif_is_valid_against_the_official_schema(files) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema (test extra) validates SARIF")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    log = sarif_log(None if files is None else make_report(files))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft4Validator(schema).iter_errors(log)]
    assert not errors


def test_sarif_schema_catches_a_broken_log() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema (test extra) validates SARIF")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    log = sarif_log()
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert list(jsonschema.Draft4Validator(schema).iter_errors(log))


def test_sarif_describes_every_rule_with_its_default_level() -> None:
    driver = sarif_log()["runs"][0]["tool"]["driver"]
    assert driver["name"] == "qa-tool"
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert list(levels) == [meta.code for meta in make_report().rules]
    assert {code: levels[code] for code in META} == {
        "GR01": "error", "NM01": "warning", "SG01": "error", "SG04": "note", "TM01": "warning",
    }
    gr01 = driver["rules"][0]
    assert gr01["name"] == "missing-possessive-apostrophe"
    assert gr01["shortDescription"]["text"].endswith("(summary)")
    assert gr01["fullDescription"]["text"].endswith("(rationale)")
    assert gr01["properties"]["category"] == "Fluency/Grammar"


@pytest.mark.parametrize(
    "severity, level",
    [(Severity.CRITICAL, "error"), (Severity.MAJOR, "error"), (Severity.MINOR, "warning"), (Severity.NEUTRAL, "note")],
)
def test_sarif_level_follows_severity(severity: Severity, level: str) -> None:
    results = sarif_log()["runs"][0]["results"]
    by_severity = {r["properties"]["severity"]: r["level"] for r in results}
    assert by_severity[severity.label] == level


def test_sarif_result_points_at_its_rule_line_and_span() -> None:
    run = sarif_log()["runs"][0]
    results = run["results"]
    assert [r["ruleId"] for r in results] == [f.code for f in ALL_FINDINGS]
    for result in results:
        if "ruleIndex" in result:
            assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    gr01 = results[0]
    location = gr01["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "news.txt"
    assert location["region"] == {"startLine": 3, "snippet": {"text": "Chongqings"}}
    assert gr01["properties"]["spans"] == [{"side": "target", "start": CHONGQINGS, "end": CHONGQINGS + 10, "text": "Chongqings"}]
    assert gr01["properties"]["replacement"] == "Chongqing's"
    assert gr01["message"]["text"].startswith("'Chongqings' before a noun")


def test_sarif_without_a_line_names_the_unit_and_has_no_region() -> None:
    damaged = sarif_log()["runs"][0]["results"][4]
    location = damaged["locations"][0]
    assert "region" not in location["physicalLocation"]
    assert location["logicalLocations"] == [{"name": "u-7", "kind": "element"}]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "memory%20tm/%E4%B8%9A%E5%8A%A1.tmx"
    assert damaged["properties"]["segmentId"] == "7"


def test_sarif_keeps_suppressed_findings_marked_as_suppressed() -> None:
    hidden = finding("GR01", NAMES, "Hidden by a qa-ignore note.", (Span(Side.TARGET, 0, 3),))
    result = DocumentResult(
        path="news.txt", pair_count=1, target_words=20, source_chars=9,
        findings=FINDINGS_NEWS[:1], suppressed=(hidden,),
    )
    results = sarif_log(build_report([result], RULES, ScoringPolicy()))["runs"][0]["results"]
    assert [("suppressions" in r, r["message"]["text"]) for r in results] == [
        (False, FINDINGS_NEWS[0].message), (True, "Hidden by a qa-ignore note."),
    ]
    assert results[1]["suppressions"] == [sarif.SUPPRESSED_IN_SOURCE]


def test_sarif_result_of_an_unlisted_rule_has_no_rule_index() -> None:
    unlisted = sarif_log()["runs"][0]["results"][5]
    assert unlisted["ruleId"] == "ZZ99" and "ruleIndex" not in unlisted


@pytest.mark.parametrize(
    "path, uri",
    [
        ("news.txt", "news.txt"),
        ("dir with space/a#b.tmx", "dir%20with%20space/a%23b.tmx"),
        ("/abs/path/x.xliff", "file:///abs/path/x.xliff"),
        ("译文/文件.txt", "%E8%AF%91%E6%96%87/%E6%96%87%E4%BB%B6.txt"),
    ],
)
def test_sarif_artifact_uri(path: str, uri: str) -> None:
    assert sarif.artifact_uri(path) == uri


def fingerprint_of(pair: SegmentPair, code: str = "GR01") -> str:
    return sarif.fingerprints([finding(code, pair, "m", (Span(Side.TARGET, 0, 2),))])[0]


def test_sarif_fingerprint_survives_a_move_and_respacing() -> None:
    moved = SegmentPair("p9", NEWS.source, NEWS.target.replace(" ", "  "), Location("news.txt", line=40))
    assert fingerprint_of(moved) == fingerprint_of(NEWS)


@pytest.mark.parametrize(
    "changed",
    [
        SegmentPair("p1", NEWS.source, NEWS.target.replace("development", "growth"), NEWS.location),
        SegmentPair("p1", "促进重庆经济。", NEWS.target, NEWS.location),
    ],
    ids=["target-edited", "source-edited"],
)
def test_sarif_fingerprint_changes_with_the_text(changed: SegmentPair) -> None:
    assert fingerprint_of(changed) != fingerprint_of(NEWS)


def test_sarif_fingerprint_depends_on_the_rule_and_numbers_repeats() -> None:
    assert fingerprint_of(NEWS, "GR01") != fingerprint_of(NEWS, "TM01")
    same = finding("GR01", NEWS, "m", (Span(Side.TARGET, 0, 2),))
    first, second = sarif.fingerprints([same, same])
    assert first.endswith(":1") and second.endswith(":2") and first[:-2] == second[:-2]


# ---------------------------------------------------------------- junit


def junit_root(report: Report | None = None) -> etree._Element:
    return etree.fromstring(render("junit", report).encode("utf-8"))


def test_junit_has_a_suite_per_file_and_a_case_per_rule() -> None:
    root = junit_root()
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["news.txt", "memory tm/业务.tmx", "all files"]
    names = [case.get("name") for case in suites[0].findall("testcase")]
    assert names == [f"{meta.code} {meta.name}" for meta in make_report().rules] + ["score"]
    assert names[:5] == [
        "GR01 missing-possessive-apostrophe", "NM01 name-order", "SG01 empty-target",
        "SG04 damaged-source-text", "TM01 inconsistent-term",
    ]
    # The second file also has the finding of a rule the report does not list.
    assert suites[1].findall("testcase")[-2].get("name") == "ZZ99 unlisted-rule"


def test_junit_failures_are_findings_with_severity_as_type() -> None:
    news = junit_root().find("testsuite")
    cases = {case.get("name").split()[0]: case for case in news.findall("testcase")}
    (failure,) = cases["GR01"].findall("failure")
    assert failure.get("type") == "major"
    assert failure.get("message").startswith("'Chongqings' before a noun")
    assert "news.txt:3 segment p1" in failure.text and "fix: Chongqing's" in failure.text
    assert "flagged (en 31–41): Chongqings" in failure.text
    assert cases["SG04"].find("failure") is None  # a rule without findings passes
    assert cases["SG01"].find("failure").get("type") == "critical"
    # Score 100 × (1 − (5 + 1 + 1 + 25) / 200) = 84: this file fails its score case.
    assert cases["score"].find("failure").get("type") == "score"
    assert news.get("tests") == str(len(make_report().rules) + 1) and news.get("failures") == "5"


def test_junit_totals_and_passing_score_case() -> None:
    root = junit_root(make_report(EMPTY_REPORT))
    (suite,) = root.findall("testsuite")
    assert suite.find("testcase[@name='score']/failure") is None
    assert root.get("tests") == str(len(make_report().rules) + 1) and root.get("failures") == "0"
    # Four rules and the score in news.txt, two rules in the TM file, the run's score.
    assert junit_root().get("failures") == str(5 + 2 + 1)


def test_junit_scores_a_run_of_several_files_in_a_suite_of_its_own() -> None:
    run = junit_root().findall("testsuite")[-1]
    properties = {p.get("name"): p.get("value") for p in run.find("properties")}
    assert properties["files"] == "2" and properties["findings"] == "6" and properties["passed"] == "false"
    (case,) = run.findall("testcase")
    assert case.get("name") == "score" and case.find("failure").get("message").startswith("quality ")
    assert (run.get("tests"), run.get("failures")) == ("1", "1")
    # One file: its own score case is the run's, no suite is added.
    assert [s.get("name") for s in junit_root(make_report(EMPTY_REPORT)).findall("testsuite")] == ["clean.txt"]


def test_junit_replaces_characters_xml_cannot_carry() -> None:
    pair = SegmentPair("c1", "源\x0b文", "tar\x00get\x1b", Location("ctl.txt", line=1))
    report = make_report((("ctl.txt", (finding("GR01", pair, "bad \x08 char"),)),))
    failure = junit_root(report).find(".//failure")
    assert failure.get("message") == "bad \ufffd char"
    assert "源\ufffd文" in failure.text and "tar\ufffdget\ufffd" in failure.text


# ---------------------------------------------------------------- github


@pytest.mark.parametrize(
    "text, data, prop",
    [
        ("plain", "plain", "plain"),
        ("100%", "100%25", "100%25"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("see: a, b", "see: a, b", "see%3A a%2C b"),
        ("%0A", "%250A", "%250A"),  # an escape already in the text is not taken as one
    ],
)
def test_github_escaping(text: str, data: str, prop: str) -> None:
    assert github.escape_data(text) == data
    assert github.escape_property(text) == prop


def test_github_one_annotation_per_finding_then_the_gate() -> None:
    lines = render("github").splitlines()
    assert len(lines) == len(ALL_FINDINGS) + 2 + 1
    assert lines[0] == (
        "::error file=news.txt,line=3,title=qa-tool GR01 missing-possessive-apostrophe::"
        "'Chongqings' before a noun reads as a possessive; write 'Chongqing's'.%0A"
        "Fix: Chongqing's%0ASegment p1 · major · Fluency/Grammar"
    )
    assert lines[-1].startswith("::error title=qa-tool gate::Score ")
    assert "FAILED" in lines[-1]
    # Each file's score, on the file, before the gate: 100 × (1 − 32/200) = 84; 100 × (1 − 1/200) = 99.5.
    assert lines[-3] == "::warning file=news.txt,title=qa-tool score::Quality 84.00/100 does not pass: penalty 32 over 200 words (160.0 per 1,000)"
    assert lines[-2].startswith("::notice file=memory tm/业务.tmx,title=qa-tool score::Quality 99.50/100 passes")


@pytest.mark.parametrize(
    "index, command",
    [(0, "error"), (1, "warning"), (2, "warning"), (3, "error"), (4, "notice"), (5, "warning")],
)
def test_github_command_follows_severity(index: int, command: str) -> None:
    assert render("github").splitlines()[index].startswith(f"::{command} ")


def test_github_escapes_the_message_and_omits_an_unknown_line() -> None:
    lines = render("github").splitlines()
    assert "::Name order: 100%25 sure, see: 'Xi Jinping'%0Asecond line\twith a tab%0AFix: Xi\tJinping" in lines[2]
    assert lines[4].startswith("::notice file=memory tm/业务.tmx,title=qa-tool SG04 damaged-source-text::")
    assert "(unit u-7)" in lines[4]


def test_github_gate_is_a_notice_when_it_passes() -> None:
    (gate,) = render("github", make_report(EMPTY_REPORT)).splitlines()
    assert gate.startswith("::notice title=qa-tool gate::Score 100.00/100 · 0 findings") and "PASSED" in gate


# ---------------------------------------------------------------- tsv


def unescape(field: str) -> str:
    table = {"\\\\": "\\", "\\t": "\t", "\\n": "\n", "\\r": "\r"}
    out, index = [], 0
    while index < len(field):
        pair = field[index : index + 2]
        if pair in table:
            out.append(table[pair])
            index += 2
        else:
            out.append(field[index])
            index += 1
    return "".join(out)


def test_tsv_has_a_header_and_one_line_per_finding() -> None:
    lines = render("tsv").split("\n")
    assert lines[-1] == ""
    header, *rows, first_score, second_score, run_score = lines[:-1]
    assert header.split("\t") == list(tsv.COLUMNS)
    assert len(rows) == len(ALL_FINDINGS)
    assert first_score.split("\t") == ["news.txt", "", "", "SCORE", "", "", "", "", "",
                                       "quality 84.00/100 does not pass: penalty 32 over 200 words (160.0 per 1,000)"]
    assert second_score.startswith("memory tm/业务.tmx\t\t\tSCORE\t") and second_score.endswith("quality 99.50/100 passes: penalty 1 over 200 words (5.0 per 1,000)")
    assert run_score.startswith("\t\t\tSCORE\t") and "quality 91.75/100 does not pass" in run_score
    assert all(len(row.split("\t")) == len(tsv.COLUMNS) for row in rows)
    first = dict(zip(tsv.COLUMNS, rows[0].split("\t")))
    assert first == {
        "path": "news.txt", "line": "3", "segment_id": "p1", "code": "GR01", "severity": "major",
        "category": "Fluency/Grammar", "side": "target", "span": "Chongqings", "replacement": "Chongqing's",
        "message": "'Chongqings' before a noun reads as a possessive; write 'Chongqing's'.",
    }


def test_tsv_of_one_file_ends_with_the_run_score_alone() -> None:
    *_, last = render("tsv", make_report(EMPTY_REPORT)).splitlines()
    assert last.split("\t")[3:] == ["SCORE", "", "", "", "", "", "quality 100.00/100 passes: penalty 0 over 200 words (0.0 per 1,000)"]
    assert render("tsv", make_report(EMPTY_REPORT)).count("SCORE") == 1


def test_tsv_escapes_round_trip_and_empty_fields() -> None:
    rows = [dict(zip(tsv.COLUMNS, row.split("\t"))) for row in render("tsv").splitlines()[1:]]
    assert unescape(rows[2]["message"]) == FINDINGS_NEWS[2].message
    assert unescape(rows[2]["replacement"]) == "Xi\tJinping"
    assert rows[3]["side"] == rows[3]["span"] == rows[3]["replacement"] == ""
    assert rows[4]["line"] == "" and rows[4]["segment_id"] == "7"


@pytest.mark.parametrize("text", ["a\\tb", "back\\slash\t\n\r", "\\", "plain"])
def test_tsv_escape_is_reversible(text: str) -> None:
    escaped = tsv.escape_field(text)
    assert "\t" not in escaped and "\n" not in escaped and unescape(escaped) == text


# ---------------------------------------------------------------- html


def page(report: Report | None = None) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(render("html", report))


def test_html_is_byte_identical_for_the_same_report() -> None:
    assert render("html", make_report()).encode() == render("html", make_report()).encode()


def test_html_loads_nothing_from_outside() -> None:
    text = render("html")
    assert "default-src 'none'" in text
    tree = page()
    assert not tree.xpath("//*[@src] | //link | //img | //iframe | //object")
    assert "http://" not in text and "https://" not in text


def test_html_escapes_all_text() -> None:
    text = render("html")
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"friends\"" in text
    assert len(page().xpath("//script")) == 1


def test_html_summary_shows_score_verdict_signature_and_counts() -> None:
    tree = page()
    report = make_report()
    assert tree.get_element_by_id("verdict").text_content() == "FAILED"
    assert tree.get_element_by_id("quality").text_content() == f"{report.total.quality:.2f}"
    assert report.signature in tree.xpath("string(//p[@class='signature'])")
    assert tree.xpath("string(//p[@class='reasons'])") == (
        "Gate failed: the score is under the pass mark of 99; 1 finding at critical or worse."
    )
    clean = page(make_report(EMPTY_REPORT))
    assert clean.get_element_by_id("verdict").text_content() == "PASSED"
    assert not clean.xpath("//p[@class='reasons'] | //article") and clean.xpath("//p[@class='clean']")
    rows = {
        row.xpath("string(th)"): [cell.text_content() for cell in row.xpath("td")]
        for row in tree.xpath("//table[@class='counts']//tr[th[@scope='row']]")
    }
    # columns: critical, major, minor, neutral, total
    assert rows["Fluency/Grammar"] == ["·", "1", "·", "·", "1"]
    assert rows["Source error"] == ["·", "·", "·", "1", "1"]
    assert rows["total"] == ["1", "1", "3", "1", "6"]


def test_html_summary_notes_suppressions_baseline_and_reference() -> None:
    hidden = finding("GR01", NAMES, "Hidden.", ())
    result = DocumentResult(
        path="news.txt", pair_count=1, target_words=20, source_chars=9, findings=(), suppressed=(hidden, hidden),
    )
    reference = ReferenceScores(
        segments=3, bleu=41.5, bleu_signature="nrefs:1|bleu-sig", chrf=60.25, chrf_signature="chrf-sig",
        ter=48.0, ter_signature="ter-sig", outliers=(SegmentScore("p2", "news.txt:4", 12.5),),
    )
    tree = page(build_report([result], RULES, ScoringPolicy(), reference=reference, baseline_known=7))
    assert tree.xpath("string(//p[@class='notes'])") == (
        "2 findings suppressed by qa-ignore notes · 7 known findings hidden by the baseline"
    )
    rows = [[cell.text_content() for cell in row] for row in tree.xpath("//table[@class='reference']//tr")]
    assert rows == [
        ["BLEU", "41.50", "nrefs:1|bleu-sig"], ["chrF++", "60.25", "chrf-sig"], ["TER", "48.00", "ter-sig"],
        ["lowest chrF++", "12.50", "p2 · news.txt:4"],
    ]
    assert not page().xpath("//p[@class='notes'] | //table[@class='reference']")


def test_html_filters_list_severities_and_the_rules_found() -> None:
    tree = page()
    severities = tree.xpath("//input[@name='severity']/@value")
    assert severities == ["critical", "major", "minor", "neutral"]
    assert tree.xpath("//input[@name='rule']/@value") == ["GR01", "NM01", "SG01", "SG04", "TM01", "ZZ99"]


def test_html_shows_each_segment_side_by_side_with_its_findings() -> None:
    tree = page()
    segments = tree.xpath("//article[@class='segment']")
    assert [s.xpath("string(.//span[@class='segment-id'])") for s in segments] == ["p1", "p2", "p3", "7"]
    first = segments[0]
    assert first.xpath("string(.//div[@lang='zh']/p)") == NEWS.source
    assert first.xpath("string(.//div[@lang='en']/p)") == NEWS.target
    items = first.xpath(".//li[@class='finding']")
    assert [(li.get("data-code"), li.get("data-severity")) for li in items] == [("GR01", "major"), ("TM01", "minor")]
    assert items[0].xpath("string(.//p[@class='fix'])") == "Fix: Chongqings → Chongqing's"
    assert segments[2].xpath("string(.//div[@lang='en'])").endswith("(empty)")


def test_html_marks_overlapping_spans_without_losing_text() -> None:
    marks = page().xpath("(//article)[1]//div[@lang='en']//mark")
    assert [(m.text, m.get("data-code"), m.get("data-finding")) for m in marks] == [
        ("Chongqings", "GR01 TM01", "f1 f2"),
        (" economy", "TM01", "f2"),
    ]
    assert marks[0].get("class") == "sev-major"


@pytest.mark.parametrize(
    "text, spans, expected",
    [
        ("abc", [], "abc"),
        ("a<b", [(1, 2)], 'a<mark class="sev-minor" data-code="X" data-finding="f1" title="X">&lt;</mark>b'),
        ("abc", [(3, 3)], 'abc<mark class="sev-minor point" data-code="X" data-finding="f1" title="X"></mark>'),
        ("abc", [(-5, 99)], '<mark class="sev-minor" data-code="X" data-finding="f1" title="X">abc</mark>'),
    ],
    ids=["no-spans", "escaped-span", "insertion-point", "clamped"],
)
def test_html_marked_text(text: str, spans: list[tuple[int, int]], expected: str) -> None:
    marks = [html_format.Mark("f1", "X", Severity.MINOR, start, end) for start, end in spans]
    assert html_format.marked_text(text, marks) == expected


# ---------------------------------------------------------------- html in a browser

FINDING_COUNT = len(ALL_FINDINGS)


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render("html"), encoding="utf-8")
    return path


def dump_dom(url: str, profile: Path) -> lxml_html.HtmlElement:
    """The page's DOM after its script ran, from Debian's headless Chromium."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
        "--dump-dom", url,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return lxml_html.fromstring(done.stdout)


@pytest.mark.parametrize(
    "fragment, visible, segments",
    [
        ("", FINDING_COUNT, 4),
        ("#severity=minor,neutral&rule=TM01,SG04,GR01", 2, 2),
        ("#f3", FINDING_COUNT, 4),  # a plain anchor is not a filter
    ],
)
def test_html_filters_in_a_browser(report_page: Path, tmp_path: Path, fragment: str, visible: int, segments: int) -> None:
    tree = dump_dom(report_page.as_uri() + fragment, tmp_path / "profile")
    assert tree.xpath("string(//body/@data-visible)") == str(visible)
    assert len(tree.xpath("//li[@class='finding'][not(@hidden)]")) == visible
    assert len(tree.xpath("//article[@class='segment'][not(@hidden)]")) == segments
    assert tree.get_element_by_id("shown").text_content() == f"Showing {visible} of {FINDING_COUNT} findings"
    shown_marks = tree.xpath("//mark[not(contains(@class, 'off'))]")
    hidden_ids = set(tree.xpath("//li[@class='finding'][@hidden]/@id"))
    assert all(set(m.get("data-finding").split()) - hidden_ids for m in shown_marks)


# Measures, in the report as a browser lays it out, the Chinese of a source side against the
# same text in Noto Sans CJK SC, draws it in the side's font list and in that font, and tells
# whether the font is installed at all: its Latin letters are proportional, so with it a font
# list ending in monospace measures differently.
CJK_PROBE = """<script>
(() => {
  const canvas = document.createElement("canvas").getContext("2d");
  const width = (font, text) => { canvas.font = font; return canvas.measureText(text).width; };
  const latin = "iiiiiiWWWWWW";
  const body = document.body.dataset;
  body.cjkInstalled = width('16px "Noto Sans CJK SC", monospace', latin) !== width("16px monospace", latin);
  const side = document.querySelector('.side.source[lang="zh"] p');
  const measured = (family) => {
    const span = document.createElement("span");
    if (family) span.style.fontFamily = family;
    span.textContent = "中文字体测试";
    side.appendChild(span);
    const found = span.getBoundingClientRect().width;
    span.remove();
    return found;
  };
  body.zhWidth = measured(null);
  body.notoWidth = measured('"Noto Sans CJK SC"');
  body.sansWidth = measured("sans-serif");
  body.zhFontSize = getComputedStyle(side).fontSize;
  const drawn = (family) => {
    const board = document.createElement("canvas");
    board.width = 120; board.height = 40;
    const context = board.getContext("2d");
    context.font = `32px ${family}`;
    context.fillText("中文", 0, 32);
    return board.toDataURL();
  };
  body.zhDrawnAsNoto = drawn(getComputedStyle(side).fontFamily) === drawn('"Noto Sans CJK SC"');
})();
</script>
"""


def test_html_shows_chinese_in_a_cjk_font(tmp_path: Path) -> None:
    page_with_probe = tmp_path / "report.html"
    page_with_probe.write_text(render("html").replace("</body>", CJK_PROBE + "</body>"), encoding="utf-8")
    body = dump_dom(page_with_probe.as_uri(), tmp_path / "profile").xpath("//body")[0]
    if body.get("data-cjk-installed") != "true":
        pytest.skip("Noto Sans CJK is not installed (apt-get install -y fonts-noto-cjk)")
    size = float(body.get("data-zh-font-size").removesuffix("px"))
    # The report's font list picks the CJK font, and its glyphs are full-width squares, one em
    # each, where a missing glyph would be a narrower box.
    assert float(body.get("data-zh-width")) == pytest.approx(float(body.get("data-noto-width")))
    assert float(body.get("data-zh-width")) == pytest.approx(6 * size, abs=0.5)
    # Drawn in the report's font list, the characters are Noto Sans CJK's, pixel for pixel.
    assert body.get("data-zh-drawn-as-noto") == "true"


def test_html_names_cjk_fonts_for_chinese_of_either_script() -> None:
    assert ':lang(zh) { font-family: "Noto Sans CJK SC",' in html_format.STYLE
    assert ':lang(zh-TW), :lang(zh-HK), :lang(zh-MO) { font-family: "Noto Sans CJK TC",' in html_format.STYLE
    for font in ("Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Microsoft JhengHei"):
        assert f'"{font}"' in html_format.STYLE


@pytest.mark.parametrize(
    "files",
    [
        (("clean.txt", ()),),
        (("news.txt", FINDINGS_NEWS), ("clean.txt", ()), ("memory tm/业务.tmx", FINDINGS_TM)),
        # Segment ids the penalties must escape as json.dumps does, and one id reported twice apart.
        (("ids.txt", tuple(
            finding("SG01", SegmentPair(segment, "没有译文。", "", Location("ids.txt", line=line)), "The target is empty.")
            for line, segment in enumerate(['say "hi"\\', "业务\u2028", "\t", 'say "hi"\\'])
        )),),
    ],
)
def test_json_written_a_finding_at_a_time_is_the_whole_record_dumped(files) -> None:
    report = make_report(files)
    assert render("json", report) == json.dumps(report_record(report), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize(
    "value",
    [
        {"message": 'quotes " and \\ and\nnew line, 中文, \u2028', "line": 7, "unit": None, "fix": True, "safe": False},
        {"spans": [{"side": "source", "start": 0, "end": 2}], "empty": [], "none": {}, "pair": ("a", 1)},
        {"score": 98.07, "nan": float("nan"), "big": 10**20, "nested": [[[]], [{"a": []}]]},
        {1: "a key that is not a string", "b": [None, -1.5]},
        [],
        "text",
    ],
)
@pytest.mark.parametrize("padding", ["", "        "])
def test_json_records_are_written_as_json_indents_them(value, padding: str) -> None:
    assert _indented(value, padding) == json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + padding)


_TEXTS = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
_STATUSES = st.none() | st.builds(
    SegmentStatus, st.none() | st.sampled_from(SegmentState), st.none() | _TEXTS, st.booleans(),
    st.none() | st.floats(0, 102), st.none() | _TEXTS,
)


@st.composite
def _findings(draw: st.DrawFn) -> Finding:
    source, target = draw(_TEXTS), draw(_TEXTS)
    location = Location(draw(_TEXTS), draw(st.none() | st.integers(1, 10**6)), draw(st.none() | _TEXTS))
    pair = SegmentPair(draw(_TEXTS), source, target, location, status=draw(_STATUSES))
    spans = draw(st.lists(st.builds(Span, st.sampled_from(Side), st.integers(0, 12), st.integers(0, 12)), max_size=3))
    severity = draw(st.sampled_from(Severity))
    return Finding(draw(_TEXTS), draw(_TEXTS), severity, draw(_TEXTS), draw(_TEXTS), pair, tuple(spans), draw(st.none() | _TEXTS))


@given(st.lists(_findings(), min_size=1, max_size=4), st.data())
def test_findings_written_straight_are_their_records_indented(findings: list[Finding], data: st.DataObject) -> None:
    # Findings share pairs and parts of their kinds, as a segment's findings do, and are
    # written one after another: what the writer keeps of one must not leak into the next.
    shared = [
        dataclasses.replace(
            finding,
            **{part: getattr(data.draw(st.sampled_from(findings)), part) for part in ("pair", "code", "rule", "severity", "category")},
        )
        for finding in findings
    ]
    items = FindingItems()
    assert [items.item(finding) for finding in shared] == [_indented(finding_record(f), _ITEM_PADDING) for f in shared]
