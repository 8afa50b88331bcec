"""Word documents: bilingual tables read as pairs located by table and row, the annotated copy,
the export and hostile files.

The documents are made with python-docx, then given the markup Word itself writes (WordprocessingML,
ECMA-376 Part 1, 17.3-17.4, as Word 2016-365 saves it):
- runs split mid-word: Word starts a new <w:r> wherever formatting, spell-check marks or a
  revision session id (rsid) change, so "Chong" + "qing" is one word in two runs;
- tracked changes from a reviewer: <w:ins> around inserted runs, <w:del> with <w:delText>
  around deleted ones (17.13.5);
- several paragraphs in one cell, a manual line break <w:br/>, a tab, and the empty paragraph
  left by pressing Enter at the end of a cell;
- merged cells: <w:gridSpan> across columns (a section heading over the whole width) and
  <w:vMerge> down rows (17.4.17, 17.4.84);
- a table nested in a cell, which is layout and no pair;
- a field (a cross-reference) whose instruction text <w:instrText> is not shown.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml import parse_xml

from qa_tool.annotate import note_text, write_annotated
from qa_tool.checks import BUILTIN_RULES
from qa_tool.cli import cli
from qa_tool.engine import check_document
from qa_tool.errors import InputError
from qa_tool.model import Location, SegmentPair
from qa_tool.readers import ReadOptions, detect_format, open_input, read_pairs
from qa_tool.readers.docx import cell_text
from zip_parts import parts_of, zipped
from test_hostile import assert_error, assert_report, run_capped, run_check

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def set_cell_xml(cell: object, paragraphs: str) -> None:
    """Replace the cell's paragraphs with ``paragraphs`` (WordprocessingML, w: prefix)."""
    tc = cell._tc  # type: ignore[attr-defined]
    for paragraph in tc.findall(f"{{{W}}}p"):
        tc.remove(paragraph)
    for element in parse_xml(f'<w:body xmlns:w="{W}">{paragraphs}</w:body>'):
        tc.append(element)


def review_document() -> bytes:
    document = docx.Document()
    document.add_paragraph("审校意见表")
    review = document.add_table(rows=6, cols=4)
    for column, text in enumerate(["ID", "Source", "Target", "Comment"]):
        review.cell(0, column).text = text
    # A word split into runs with an rsid change, and a reviewer's tracked edit.
    review.cell(1, 0).text = "A-1"
    review.cell(1, 1).text = "重庆邮电大学"
    set_cell_xml(
        review.cell(1, 2),
        '<w:p><w:r><w:t>Chong</w:t></w:r><w:r w:rsidR="00A1B2C3"><w:rPr><w:b/></w:rPr><w:t>qing</w:t></w:r>'
        '<w:r><w:t xml:space="preserve"> </w:t></w:r>'
        '<w:del w:id="1" w:author="Reviewer" w:date="2024-03-01T10:00:00Z"><w:r><w:delText>Univ.</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="Reviewer" w:date="2024-03-01T10:00:00Z"><w:r><w:t>邮电大学</w:t></w:r></w:ins></w:p>',
    )
    review.cell(1, 3).text = "术语"
    review.cell(2, 0).text = "A-2"
    review.cell(2, 1).text = "距离30公里"
    # Two paragraphs with a line break and a tab, then the empty paragraph of a final Enter.
    set_cell_xml(
        review.cell(2, 2),
        "<w:p><w:r><w:t>a distance of 13</w:t></w:r><w:r><w:br/><w:t>kilometers</w:t></w:r></w:p>"
        "<w:p><w:r><w:tab/><w:t>(see </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
        '<w:r><w:instrText xml:space="preserve"> REF _Ref1 \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Table 1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>)</w:t></w:r></w:p><w:p/>',
    )
    # A section heading merged across the whole width: no pair.
    review.cell(3, 0).merge(review.cell(3, 3)).text = "第二节"
    review.cell(4, 0).text = "B-1"
    review.cell(4, 1).text = "谢谢。"
    review.cell(4, 2).text = "Thank you."
    # The comment merged down two rows stays with its first row.
    review.cell(4, 3).merge(review.cell(5, 3)).text = "两行共用"
    review.cell(5, 0).text = "B-2"
    review.cell(5, 1).text = "你好"
    review.cell(5, 2).text = "Hello"
    document.add_paragraph("附：双栏对照")
    pairs = document.add_table(rows=2, cols=2)
    pairs.cell(0, 0).text = "重庆市"
    pairs.cell(0, 1).text = "Chongqing Municipality"
    pairs.cell(1, 0).text = "版面"
    pairs.cell(1, 1).text = "Layout"
    pairs.cell(1, 1).add_table(rows=1, cols=2).cell(0, 0).text = "嵌套表格"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_document(tmp_path: Path, data: bytes | None = None, name: str = "review.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(review_document() if data is None else data)
    return path


def read_all(path: Path, options: ReadOptions = ReadOptions()) -> list[SegmentPair]:
    with open_input(str(path)) as stream:
        return list(read_pairs(stream, str(path), options))


def test_pairs_come_with_table_and_row(tmp_path: Path) -> None:
    path = write_document(tmp_path)
    name = str(path)

    assert read_all(path) == [
        SegmentPair("A-1", "重庆邮电大学", "Chongqing 邮电大学", Location(name, None, "table 1, row 2"), notes=("术语",)),
        SegmentPair(
            "A-2", "距离30公里", "a distance of 13\nkilometers\n\t(see Table 1)", Location(name, None, "table 1, row 3")
        ),
        SegmentPair("B-1", "谢谢。", "Thank you.", Location(name, None, "table 1, row 5"), notes=("两行共用",)),
        SegmentPair("B-2", "你好", "Hello", Location(name, None, "table 1, row 6")),
        # No header: two columns are source and target; the nested table is not read.
        SegmentPair("table 2, row 1", "重庆市", "Chongqing Municipality", Location(name, None, "table 2, row 1")),
        SegmentPair("table 2, row 2", "版面", "Layout", Location(name, None, "table 2, row 2")),
    ]


def test_a_table_with_language_headers_and_the_target_first(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    for column, text in enumerate(["English", "中文"]):
        table.cell(0, column).text = text
    table.cell(1, 0).text, table.cell(1, 1).text = "Hello.", "你好。"
    buffer = io.BytesIO()
    document.save(buffer)

    (pair,) = read_all(write_document(tmp_path, buffer.getvalue()))

    assert (pair.source, pair.target, pair.location.unit) == ("你好。", "Hello.", "table 1, row 2")


def test_an_ambiguous_header_names_its_table_and_row(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for column, text in enumerate(["zh-CN", "zh-TW", "en"]):
        table.cell(0, column).text = text
    buffer = io.BytesIO()
    document.save(buffer)

    with pytest.raises(InputError, match=r"table 1, row 1: several columns could be the source"):
        read_all(write_document(tmp_path, buffer.getvalue()))


def test_a_document_without_tables_has_no_pairs(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("只有正文。")
    buffer = io.BytesIO()
    document.save(buffer)
    path = write_document(tmp_path, buffer.getvalue())

    assert_error(run_check([path]), str(path), "no zh/en pairs found: looked for tables with zh and en columns")


def test_a_document_is_known_by_its_content(tmp_path: Path) -> None:
    data = review_document()

    assert detect_format("upload", data[:8192]) == "docx"
    result = CliRunner().invoke(cli, ["check", "-", "--from", "docx", "--format", "json"], input=data)
    assert assert_report(result)["summary"]["pairs"] == 6


# ---------------------------------------------------------------- annotated copy and export


def qa_comments(path: Path) -> list[tuple[str, str]]:
    """(text of the target cell a qa-tool comment is anchored on, comment text), in order."""
    document = docx.Document(str(path))
    texts = {comment.comment_id: comment.text for comment in document.comments if comment.author == "qa-tool"}
    anchored = []
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for start in cell._tc.iter(f"{{{W}}}commentRangeStart"):
                    identifier = int(start.get(f"{{{W}}}id"))
                    if identifier in texts:
                        anchored.append((cell_text(cell._tc), texts[identifier]))
    return anchored


def test_annotate_writes_word_comments_on_the_target_cells(tmp_path: Path) -> None:
    source = write_document(tmp_path)
    before = source.read_bytes()
    pairs = read_all(source)
    findings = list(check_document(pairs, str(source), BUILTIN_RULES).findings)
    destination = tmp_path / "annotated.docx"

    attached = write_annotated((str(source),), "docx", ReadOptions(), findings, str(destination))

    assert source.read_bytes() == before
    assert findings and attached == len(findings)
    expected = [(pair.target, note_text(f)) for pair in pairs for f in findings if f.pair == pair]
    assert qa_comments(destination) == expected
    assert {f.pair.id for f in findings} >= {"A-1", "A-2"}
    # The copy reads back as the same pairs.
    assert [(p.id, p.source, p.target, p.notes) for p in read_all(destination)] == [
        (p.id, p.source, p.target, p.notes) for p in pairs
    ]


def test_annotating_again_replaces_qa_tool_comments_and_keeps_the_reviewers(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    for row, (zh, en) in enumerate([("中文", "English"), ("重庆邮电大学", "Chongqing 邮电大学"), ("谢谢。", "")]):
        table.cell(row, 0).text, table.cell(row, 1).text = zh, en
    document.add_comment(table.cell(1, 0).paragraphs[0].runs, text="请核对校名", author="Reviewer", initials="R")
    source, first, second = tmp_path / "review.docx", tmp_path / "first.docx", tmp_path / "second.docx"
    document.save(str(source))

    for old, new in ((source, first), (first, second)):
        pairs = read_all(old)
        findings = list(check_document(pairs, str(old), BUILTIN_RULES).findings)
        write_annotated((str(old),), "docx", ReadOptions(), findings, str(new))

    comments = [(c.author, c.text) for c in docx.Document(str(second)).comments]
    assert comments[0] == ("Reviewer", "请核对校名")
    assert sorted(text.split(":")[0] for author, text in comments if author == "qa-tool") == ["SG01 critical", "SG03 major"]
    # The empty target gained an empty run to hold its comment, and is still empty.
    assert [(cell, text.split(":")[0]) for cell, text in qa_comments(second)] == [
        ("Chongqing 邮电大学", "SG03 major"),
        ("", "SG01 critical"),
    ]
    assert [(p.source, p.target) for p in read_all(second)] == [(p.source, p.target) for p in read_all(source)]


def test_annotate_and_align_through_the_command_line(tmp_path: Path) -> None:
    source = write_document(tmp_path)
    annotated, exported = tmp_path / "annotated.docx", tmp_path / "pairs.tmx"

    check = run_check([source], "--annotate", str(annotated))
    align = CliRunner().invoke(cli, ["align", str(source), "-o", str(exported)])

    assert assert_report(check)["summary"]["pairs"] == 6 and qa_comments(annotated)
    assert align.exit_code == 0, align.output
    with open_input(str(exported)) as stream:
        exported_pairs = list(read_pairs(stream, str(exported), ReadOptions()))
    assert [(p.id, p.source, p.target) for p in exported_pairs] == [(p.id, p.source, p.target) for p in read_all(source)]


# ---------------------------------------------------------------- hostile documents




GOOD = review_document()
DOCUMENT_XML = parts_of(GOOD)["word/document.xml"]

HOSTILE = {
    "truncated": (GOOD[: len(GOOD) // 2], "cannot read the DOCX document: the file is not a ZIP archive"),
    "old-binary-doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "an older binary Office file (.doc)"),
    "a-workbook-named-docx": (zipped({"xl/workbook.xml": b"<workbook/>"}), "cannot read the DOCX document"),
    "document-cut-short": (
        zipped({**parts_of(GOOD), "word/document.xml": DOCUMENT_XML[: len(DOCUMENT_XML) // 2]}),
        "cannot read the DOCX document",
    ),
    "document-in-gb18030": (
        zipped({**parts_of(GOOD), "word/document.xml": DOCUMENT_XML.decode().encode("gb18030")}),
        "cannot read the DOCX document",
    ),
    # Found by the fuzzer: python-docx meets a root element other than <w:document>.
    "document-with-another-root": (
        zipped({**parts_of(GOOD), "word/document.xml": DOCUMENT_XML.replace(b"<w:document ", b"<w:documentx ").replace(b"</w:document>", b"</w:documentx>")}),
        "cannot read the DOCX document",
    ),
    "dtd-with-entities": (
        zipped({**parts_of(GOOD), "word/document.xml": b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x "y">]>' + DOCUMENT_XML.split(b"?>", 1)[1]}),
        "declares a DTD",
    ),
}


@pytest.mark.parametrize("data, message", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_broken_document_is_one_clear_line(tmp_path: Path, data: bytes, message: str) -> None:
    path = write_document(tmp_path, data, "broken.docx")

    assert_error(run_check([path]), str(path), message)


def test_a_huge_cell_is_over_the_segment_limit_naming_its_table_and_row(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "谢谢。", "Thank you."
    table.cell(1, 0).text, table.cell(1, 1).text = "长" * 100_001, "Long."
    buffer = io.BytesIO()
    document.save(buffer)
    path = write_document(tmp_path, buffer.getvalue())

    assert_error(run_check([path]), str(path), "the source (unit table 1, row 2) has 100,001 characters")


def test_a_zip_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts_of(GOOD).items():
            if name != "word/document.xml":
                archive.writestr(name, data)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(DOCUMENT_XML[:-len("</w:document>")])
            for _ in range(300):
                part.write(b"<w:p/>" * (1024 * 1024 // 6))
            part.write(b"</w:document>")

    result = run_capped([path])

    assert result.exit_code == 2 and result.stdout == "" and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"qa-tool: error: {path}: refused to open the DOCX document"), result.stderr
    assert "word/document.xml would inflate to" in result.stderr
