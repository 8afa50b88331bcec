"""CAT-tool XLIFF: Trados Studio's SDLXLIFF and memoQ's MQXLIFF, read by the XLIFF reader with
their own status records, tag definitions, comments and quirks; filtered by status, written
back with --annotate, exported with align -o, and refused in one line when broken.

Fixtures (tests/data/cat/README.md says where each comes from): two real exports under the
MIT licence (a Trados file with every confirmation level, a memoQ file with history, locks
and matches) and two zh→en files built from the formats' documentation and those exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree

from qa_tool.cli import cli
from qa_tool.model import InlineTag, SegmentPair, SegmentState, SegmentStatus
from qa_tool.readers import ReadOptions, detect_format, open_input, read_pairs, xliff

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "cat"
TRADOS = DATA / "annual-report.zh-en.sdlxliff"
TRADOS_REAL = DATA / "trados-statuses.it-en.sdlxliff"
MEMOQ = DATA / "annual-report.zh-en.mqxliff"
MEMOQ_REAL = DATA / "memoq-export.en-ja.mqxliff"
XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
SDL = "http://sdl.com/FileTypes/SdlXliff/1.0"
NEW, DRAFT, TRANSLATED = SegmentState.NEW, SegmentState.DRAFT, SegmentState.TRANSLATED
REJECTED, REVIEWED, FINAL = SegmentState.REJECTED, SegmentState.REVIEWED, SegmentState.FINAL


def read(path: Path | str, data: bytes | None = None, **options: str) -> list[SegmentPair]:
    # Buffered, as a file is, so the format can be told from the first bytes.
    stream = io.BufferedReader(io.BytesIO(Path(path).read_bytes() if data is None else data))
    return list(read_pairs(stream, str(path), ReadOptions(**options)))


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(arg) for arg in args])


def report_of(*args: str | Path) -> dict:
    result = run("check", *args, "--isolated", "-f", "json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


# --- Trados SDLXLIFF ---------------------------------------------------------------------


def test_trados_segments_are_the_mrk_segments_numbered_as_studio_shows_them() -> None:
    pairs = read(TRADOS)
    assert [(p.id, p.source, p.target) for p in pairs] == [
        ("1", "2023年，公司营业收入为120亿元。", "In 2023, the company's operating revenue was RMB 12 billion."),
        ("2", "净利润同比增长15%。", "Net profit rose 15% year on year."),
        ("3", "董事会批准了该计划。", "The Board approved the plan."),
        ("4", "公司共有员工3,500人。", "The company has 3,000 employees."),
        # Tracked changes read as accepted: "opened" deleted, "launched" inserted.
        ("5", "我们今年新开了三家门店。", "This year we launched three new stores."),
        # An empty <mrk mtype="seg"/> in the target: not translated yet.
        ("6", "本报告未经审计。", ""),
        ("7", "感谢全体员工的努力。", "We thank all our employees for their hard work."),
        ("8", "详情请见第5页。", "For details, see page 5."),
    ]
    # The unit is the trans-unit's GUID alone (the <file>'s original is a full Windows path);
    # the line is the unit's, so two segments of one unit share it.
    assert [(p.location.line, p.location.unit) for p in pairs[:3]] == [
        (6, "6b1f0c52-2d1e-4c59-9a0e-3c1c2f7a0001"),
        (6, "6b1f0c52-2d1e-4c59-9a0e-3c1c2f7a0001"),
        (8, "6b1f0c52-2d1e-4c59-9a0e-3c1c2f7a0002"),
    ]


@pytest.mark.parametrize(
    ("segment", "expected"),
    [
        # A context match (text-match="SourceAndTarget") reads as 101, and it is locked.
        ("1", SegmentStatus(FINAL, "ApprovedSignOff", locked=True, match_percent=101.0, origin="tm")),
        # A plain 100 % TM match; its close case, the same percent copied by auto-propagation
        # (segment 8), is no TM match.
        ("2", SegmentStatus(TRANSLATED, "Translated", match_percent=100.0, origin="tm")),
        ("8", SegmentStatus(TRANSLATED, "Translated", origin="auto-propagated")),
        # Edited from an 87 % match (sdl:prev-origin): the translator's own work now.
        ("3", SegmentStatus(TRANSLATED, "Translated", origin="interactive")),
        ("4", SegmentStatus(DRAFT, "Draft", origin="mt")),
        ("5", SegmentStatus(REJECTED, "RejectedTranslation", origin="interactive")),
        # No conf at all: Studio's "Not Translated".
        ("6", SegmentStatus(NEW, "Unspecified")),
        # A perfect match (origin="document-match") reads as 102.
        ("7", SegmentStatus(TRANSLATED, "Translated", match_percent=102.0, origin="document-match")),
    ],
)
def test_trados_status_comes_from_the_segments_sdl_seg(segment: str, expected: SegmentStatus) -> None:
    statuses = {pair.id: pair.status for pair in read(TRADOS)}
    assert statuses[segment] == expected


def test_trados_inline_tags_take_their_native_code_from_the_tag_definitions() -> None:
    board = read(TRADOS)[2]
    assert board.source_tags == (
        InlineTag("g", "pt1", 0, "open", '<cf bold="True">'),
        InlineTag("g", "pt1", 3, "close", "</cf>"),
        InlineTag("x", "pt2", 10, "standalone", "<tab/>"),
    )
    assert [tag.code for tag in board.target_tags] == ['<cf bold="True">', "</cf>", "<tab/>"]


def test_trados_comments_become_notes_and_their_markers_no_tags() -> None:
    stores = read(TRADOS)[4]
    assert stores.notes == ('Client asked for "launched"; please check the tense.',)
    # Neither the comment nor the tracked changes are markup of the translation.
    assert stores.target_tags == ()


def test_every_trados_confirmation_level_of_a_real_studio_file() -> None:
    pairs = read(TRADOS_REAL, source_lang="it")
    # The file's structure units (translate="no", only <x> tags) are not pairs.
    assert [pair.id for pair in pairs] == [str(number) for number in range(1, 16)]
    levels = [(pair.status.raw, pair.status.state) for pair in pairs if pair.status]
    assert levels[:8] == [
        ("Unspecified", NEW),
        ("Draft", DRAFT),
        ("Translated", TRANSLATED),
        ("RejectedTranslation", REJECTED),
        ("ApprovedTranslation", REVIEWED),
        ("RejectedSignOff", REJECTED),
        ("ApprovedSignOff", FINAL),
        ("Unspecified", NEW),
    ]
    # percent="100" on segments typed (interactive) or copied (auto-propagated) is no TM match.
    assert all(pair.status.match_percent is None for pair in pairs if pair.status)
    assert (pairs[1].target, pairs[8].target) == ("Segment 2", "")


@pytest.mark.parametrize(
    ("attributes", "match_percent"),
    [
        ('origin="tm" percent="95"', 95.0),
        ('origin="tm" percent="100"', 100.0),
        ('origin="tm" percent="100" text-match="SourceAndTarget"', 101.0),
        ('origin="document-match" percent="100"', 102.0),
        # Close cases: the same percent from an origin that is no TM match.
        ('origin="mt" percent="100"', None),
        ('origin="interactive" percent="100"', None),
        ('origin="auto-propagated" percent="100"', None),
        ('origin="tm" percent="n/a"', None),
        ('origin="tm"', None),
    ],
)
def test_trados_match_percent(attributes: str, match_percent: float | None) -> None:
    data = TRADOS.read_bytes().replace(b'conf="Draft" origin="mt" origin-system="Language Weaver"', attributes.encode())
    assert read(TRADOS, data)[3].status.match_percent == match_percent


@pytest.mark.parametrize(
    ("definitions", "expected"),
    [
        ('<sdl:seg id="9" conf="Draft"/>', SegmentStatus(DRAFT, "Draft")),
        # Close case: two definitions for one unsplit unit say nothing about which is its.
        ('<sdl:seg id="9" conf="Draft"/><sdl:seg id="10" conf="Translated"/>', None),
    ],
)
def test_a_trados_unit_not_split_into_segments_takes_its_only_definition(definitions: str, expected: SegmentStatus | None) -> None:
    data = (
        f'<xliff xmlns="{XLIFF_12}" xmlns:sdl="{SDL}" version="1.2"><file source-language="zh-CN" '
        'target-language="en-US" datatype="x-sdlfilterframework2" original="a.docx"><body>'
        '<trans-unit id="u1"><source>你好</source><target>Hello</target>'
        f"<sdl:seg-defs>{definitions}</sdl:seg-defs></trans-unit></body></file></xliff>"
    ).encode()
    (pair,) = read("a.sdlxliff", data)
    assert (pair.id, pair.status) == ("u1", expected)


def test_trados_segment_without_sdl_seg_has_no_status() -> None:
    data = TRADOS.read_bytes().replace(b'<sdl:seg id="4" conf="Draft" origin="mt" origin-system="Language Weaver"/>', b"")
    assert read(TRADOS, data)[3].status is None


# --- memoQ MQXLIFF -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        # Locked rows are written translate="no" as well, and still read.
        ("1", SegmentStatus(TRANSLATED, "ManuallyConfirmed", locked=True, match_percent=101.0)),
        ("2", SegmentStatus(DRAFT, "Pretranslated", match_percent=100.0)),
        ("3", SegmentStatus(REVIEWED, "Reviewer1Confirmed", match_percent=87.0)),
        ("4", SegmentStatus(DRAFT, "PartiallyEdited")),
        ("5", SegmentStatus(REJECTED, "Rejected")),
        ("6", SegmentStatus(NEW, "NotStarted")),
        ("7", SegmentStatus(FINAL, "Proofread", match_percent=102.0)),
        ("8", SegmentStatus(TRANSLATED, "ManuallyConfirmed")),
    ],
)
def test_memoq_status_lock_and_match_come_from_the_row(row: str, expected: SegmentStatus) -> None:
    statuses = {pair.id: pair.status for pair in read(MEMOQ)}
    assert statuses[f"annual-report.docx#{row}"] == expected


def test_memoq_history_is_not_read_and_inline_codes_keep_memoqs_markup() -> None:
    pairs = read(MEMOQ)
    assert len(pairs) == 8
    # Every row keeps an earlier version in <mq:historical-unit>; its target is never the pair's.
    assert not any("旧版本" in pair.target for pair in pairs)
    assert pairs[7].source_tags == (
        InlineTag("ph", "1", 5, "standalone", '<mq:rxt displaytext="{page}" val="{page}" />'),
    )
    assert [tag.code for tag in pairs[2].source_tags] == ["{}", "{}"]


def test_a_real_memoq_export() -> None:
    pairs = read(MEMOQ_REAL, source_lang="en", target_lang="ja")
    assert len(pairs) == 16
    assert [pair.status.match_percent for pair in pairs[11:15]] == [101.0, 100.0, 99.0, None]
    locked = [pair for pair in pairs if pair.status.locked]
    assert [(pair.source, pair.target) for pair in locked] == [("Locked segment", "ロックされたセグメント")]
    assert {pair.status.raw for pair in pairs} == {"ManuallyConfirmed"}


@pytest.mark.parametrize(
    ("unit", "read_as_pair"),
    [
        ('<trans-unit id="1" translate="no" mq:locked="locked">', True),
        # Close cases: translate="no" alone is a unit not to translate, in memoQ as anywhere.
        ('<trans-unit id="1" translate="no">', False),
        ('<trans-unit id="1" translate="no" mq:locked="no">', False),
    ],
)
def test_memoq_reads_a_locked_row_marked_translate_no(unit: str, read_as_pair: bool) -> None:
    data = (
        f'<xliff xmlns="{XLIFF_12}" xmlns:mq="MQXliff" version="1.2"><file source-language="zh-CN" '
        f'target-language="en-US" datatype="x-docx" original="a.docx"><body>{unit}'
        "<source>你好</source><target>Hello</target></trans-unit></body></file></xliff>"
    ).encode()
    assert len(read("a.mqxliff", data)) == int(read_as_pair)


def test_plain_xliff_ignores_memoq_and_trados_attributes_it_does_not_declare() -> None:
    data = (
        f'<xliff xmlns="{XLIFF_12}" version="1.2"><file source-language="zh-CN" target-language="en-US" '
        'datatype="plaintext" original="a.txt"><body><trans-unit id="1" translate="no">'
        "<source>你好</source><target>Hello</target></trans-unit></body></file></xliff>"
    ).encode()
    assert read("a.xlf", data) == []


# --- detection ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["a.sdlxliff", "A.SDLXLIFF", "a.mqxliff", "a.xlf"])
def test_cat_xliff_is_xliff_by_extension(name: str) -> None:
    assert detect_format(name, b"") == "xliff"


@pytest.mark.parametrize("fixture", [TRADOS, MEMOQ])
def test_the_dialect_is_told_by_the_namespaces_not_the_name(fixture: Path) -> None:
    # Renamed .xml, the file is told to be XLIFF by its content and read in its dialect.
    data = fixture.read_bytes()
    assert detect_format("renamed.xml", data[:8192]) == "xliff"
    assert read("renamed.xml", data) == [
        SegmentPair(**{**_fields(pair), "location": pair.location.__class__("renamed.xml", pair.location.line, pair.location.unit)})
        for pair in read(fixture)
    ]


def _fields(pair: SegmentPair) -> dict:
    return {name: getattr(pair, name) for name in SegmentPair.__slots__}


def test_a_plain_xliff_named_sdlxliff_is_read_as_plain_xliff() -> None:
    data = (
        f'<xliff xmlns="{XLIFF_12}" version="1.2"><file source-language="zh-CN" target-language="en-US" '
        'datatype="plaintext" original="a.txt"><body><trans-unit id="1"><source>你好</source>'
        '<target state="translated">Hello</target></trans-unit></body></file></xliff>'
    ).encode()
    (pair,) = read("a.sdlxliff", data)
    assert (pair.id, pair.status) == ("a.txt#1", SegmentStatus(TRANSLATED, "translated"))


# --- status filters, per format, with the skips in the report ----------------------------


@pytest.mark.parametrize(
    ("fixture", "options", "pairs", "skipped"),
    [
        (TRADOS, ["--skip-locked"], 7, {"locked": 1}),
        # 101 (CM), 100 and 102 (PM); the locked CM counts as locked when both are asked for.
        (TRADOS, ["--skip-matches", "100"], 5, {"match": 3}),
        (TRADOS, ["--skip-locked", "--skip-matches", "100"], 5, {"locked": 1, "match": 2}),
        (TRADOS, ["--skip-matches", "101"], 6, {"match": 2}),
        (TRADOS, ["--status", "new,draft"], 2, {"status": 6}),
        (TRADOS, ["--status", "rejected"], 1, {"status": 7}),
        (MEMOQ, ["--skip-locked"], 7, {"locked": 1}),
        (MEMOQ, ["--skip-matches", "100"], 5, {"match": 3}),
        (MEMOQ, ["--skip-matches", "102"], 7, {"match": 1}),
        (MEMOQ, ["--status", "draft"], 2, {"status": 6}),
        (MEMOQ, ["--status", "final,reviewed", "--skip-matches", "101"], 1, {"match": 2, "status": 5}),
        (TRADOS_REAL, ["--source-lang", "it", "--status", "final"], 2, {"status": 13}),
        (MEMOQ_REAL, ["--source-lang", "en", "--target-lang", "ja", "--skip-locked", "--skip-matches", "100"], 5, {"locked": 1, "match": 10}),
    ],
)
def test_status_filters_per_format(fixture: Path, options: list[str], pairs: int, skipped: dict[str, int]) -> None:
    report = report_of(fixture, *options)
    assert (report["summary"]["pairs"], report["summary"]["skipped"]) == (pairs, skipped)
    assert report["files"][0]["skipped"] == skipped


def test_the_human_report_names_what_was_skipped_in_a_trados_file() -> None:
    result = run("check", TRADOS, "--isolated", "--skip-locked", "--skip-matches", "100", "--status", "draft,new,translated")
    # Segment 1 is locked, 2 and 7 are TM matches, 5 was rejected.
    assert f"{TRADOS}   4 pairs, 4 not checked" in result.stdout
    assert "4 pairs not checked: 1 locked, 2 TM matches of 100% or more, 1 with a status other than new or draft or translated" in result.stdout


# --- round trips --------------------------------------------------------------------------


@pytest.mark.parametrize(("fixture", "suffix"), [(TRADOS, ".sdlxliff"), (MEMOQ, ".mqxliff")])
def test_annotate_writes_the_findings_into_a_copy_that_reads_back_the_same(
    tmp_path: Path, fixture: Path, suffix: str
) -> None:
    copy = tmp_path / f"annotated{suffix}"
    result = run("check", fixture, "--isolated", "--annotate", copy)
    assert result.exit_code == 1, result.output
    before, after = read(fixture), read(copy)
    assert [(p.id, p.source, p.target, p.status, p.source_tags, p.target_tags) for p in after] == [
        (p.id, p.source, p.target, p.status, p.source_tags, p.target_tags) for p in before
    ]
    notes = {pair.id.rpartition("#")[2]: [n for n in pair.notes if n not in before_pair.notes] for pair, before_pair in zip(after, before)}
    segment = " [segment 4]" if suffix == ".sdlxliff" else ""
    assert notes["4"] == [f"NU01 major{segment}: '3,500人' is 3500, but the English says '3,000'."]
    assert notes["6"] == ["SG01 critical" + segment.replace("4", "6") + ": The target is empty: this segment was not translated."]
    assert all(not added for row, added in notes.items() if row not in ("4", "6"))
    # The tool's own records are kept as written: the BOM, Trados's segment definitions and
    # comments, memoQ's history.
    written = copy.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf<?xml")
    for marker in (b"<sdl:seg-defs>", b"x-sdl-comment", b"<cmt-defs>", b"mq:historical-unit", b"mq:locked"):
        assert (marker in written) == (marker in fixture.read_bytes())


def test_an_annotated_trados_note_sits_before_the_segment_definitions(tmp_path: Path) -> None:
    copy = tmp_path / "annotated.sdlxliff"
    run("check", TRADOS, "--isolated", "--annotate", copy)
    unit = etree.parse(str(copy)).getroot().find(f".//{{{XLIFF_12}}}trans-unit[@id='6b1f0c52-2d1e-4c59-9a0e-3c1c2f7a0003']")
    assert [etree.QName(child).localname for child in unit] == ["source", "seg-source", "target", "note", "seg-defs"]


@pytest.mark.parametrize("fixture", [TRADOS, MEMOQ])
def test_align_exports_the_pairs_to_tsv_and_tmx(tmp_path: Path, fixture: Path) -> None:
    pairs = read(fixture)
    tsv, tmx = tmp_path / "pairs.tsv", tmp_path / "pairs.tmx"
    assert run("align", fixture, "-o", tsv).exit_code == 0
    assert run("align", fixture, "-o", tmx).exit_code == 0
    with tsv.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[1:] == [[p.id, p.source, p.target, ""] for p in pairs]
    with open_input(str(tmx)) as stream:
        exported = list(read_pairs(stream, str(tmx), ReadOptions()))
    assert [(p.id, p.source, p.target) for p in exported] == [(p.id, p.source, p.target) for p in pairs]


# --- hostile input: one line, exit 2 ------------------------------------------------------


def assert_one_line_error(result: Result, where: str, words: str) -> None:
    assert result.exit_code == 2 and result.stdout == "", result.output
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"qa-tool: error: {where}")
    assert words in result.stderr


@pytest.mark.parametrize(("fixture", "suffix"), [(TRADOS, ".sdlxliff"), (MEMOQ, ".mqxliff")])
def test_a_truncated_file_is_one_line_naming_where(tmp_path: Path, fixture: Path, suffix: str) -> None:
    data = fixture.read_bytes()
    path = tmp_path / f"cut{suffix}"
    path.write_bytes(data[: len(data) // 2])
    assert_one_line_error(run("check", path), f"{path}:", "not well-formed XML")


@pytest.mark.parametrize(("fixture", "suffix"), [(TRADOS, ".sdlxliff"), (MEMOQ, ".mqxliff")])
def test_a_file_in_another_encoding_than_it_declares_is_one_line(tmp_path: Path, fixture: Path, suffix: str) -> None:
    text = fixture.read_text(encoding="utf-8-sig")
    path = tmp_path / f"gb{suffix}"
    path.write_bytes(text.encode("gb18030"))
    assert_one_line_error(run("check", path), f"{path}:", "cannot decode the text in the encoding its XML declaration names")


@pytest.mark.parametrize(("fixture", "suffix", "line"), [(TRADOS, ".sdlxliff", 9), (MEMOQ, ".mqxliff", 85)])
def test_a_huge_segment_is_one_line_naming_its_unit(tmp_path: Path, fixture: Path, suffix: str, line: int) -> None:
    text = fixture.read_text(encoding="utf-8-sig").replace("公司共有员工3,500人。", "公司共有员工3,500人。" + "长" * 100_001)
    path = tmp_path / f"huge{suffix}"
    path.write_text(text, encoding="utf-8")
    assert_one_line_error(run("check", path), f"{path}:{line}", "more than the 100,000 a segment may have")


def test_a_trados_file_declaring_entities_is_refused(tmp_path: Path) -> None:
    text = TRADOS.read_text(encoding="utf-8-sig")
    text = text.replace("?><xliff", '?><!DOCTYPE xliff [<!ENTITY boom "boom">]><xliff', 1)
    path = tmp_path / "entities.sdlxliff"
    path.write_text(text, encoding="utf-8")
    assert_one_line_error(run("check", path), str(path), "declares a DTD with entities")


# --- the status in the reports ------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (SegmentStatus(DRAFT, "Draft", origin="mt"), "Draft · mt"),
        (SegmentStatus(FINAL, "ApprovedSignOff", locked=True, match_percent=101.0, origin="tm"), "ApprovedSignOff · locked · 101% · tm"),
        (SegmentStatus(DRAFT, None, match_percent=99.5), "draft · 99.5%"),
        (SegmentStatus(None, None), ""),
    ],
)
def test_a_status_label_uses_the_files_own_words(status: SegmentStatus, label: str) -> None:
    assert status.label == label


def test_reports_show_each_flagged_segments_status() -> None:
    human = run("check", TRADOS, "--isolated").stdout
    assert "  4  " in human and "[6b1f0c52-2d1e-4c59-9a0e-3c1c2f7a0003]  (Draft · mt)" in human
    findings = report_of(MEMOQ)["files"][0]["findings"]
    assert findings[0]["segment_id"] == "annual-report.docx#4"
    assert findings[0]["status"] == {"state": "draft", "raw": "PartiallyEdited", "locked": False, "match_percent": None, "origin": None}
    html = run("check", TRADOS, "--isolated", "-f", "html").stdout
    assert "[6b1f0c52-2d1e-4c59-9a0e-3c1c2f7a0003] · Draft · mt</span>" in html
    sarif = json.loads(run("check", MEMOQ, "--isolated", "-f", "sarif").stdout)
    assert sarif["runs"][0]["results"][0]["properties"]["status"]["raw"] == "PartiallyEdited"
    # A format without status records says so with null.
    assert all(f["status"] is None for f in report_of(REPO / "examples" / "chongqing-fao-news.zh-en.txt")["files"][0]["findings"])
