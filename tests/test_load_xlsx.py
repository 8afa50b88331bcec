"""Excel workbooks: pairs with their sheet, row and cell, the annotated copy, the export, and
hostile archives. The workbooks are written as Excel writes them (tests/excel_files.py)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from excel_files import Sheet, excel_workbook
from qa_tool.annotate import FINDINGS_FIELD, note_text, write_annotated
from qa_tool.checks import BUILTIN_RULES
from qa_tool.cli import cli
from qa_tool.engine import check_document
from qa_tool.errors import InputError
from qa_tool.model import Location, SegmentPair
from qa_tool.readers import ReadOptions, detect_format, open_input, read_pairs
from qa_tool.readers._zip import MAX_PART_BYTES
from qa_tool.readers.xlsx import cell_reference, column_index, column_letters, sheet_title_of
from zip_parts import parts_of, zipped
from test_hostile import assert_error, assert_report, run_capped, run_check

FLAGGED_CHINESE = ("重庆邮电大学", "Chongqing 邮电大学")
FLAGGED_NUMBER = ("距离30公里", "a distance of 13 kilometers")
CLEAN = ("谢谢。", "Thank you.")

# A client's review workbook: a merged title row, an id/source/target/remarks header in
# Chinese, a word split into two rich-text runs, a pasted CR, an empty formatted row, a
# formula, a hidden sheet of old text, a second sheet without header, and a sheet of
# instructions in one column.
REVIEW = (
    Sheet(
        "Q3 review",
        {
            1: ["2024年第三季度 中英对照"],
            2: ["序号", "原文", "译文", "Comment"],
            3: [1, [FLAGGED_CHINESE[0][:3], FLAGGED_CHINESE[0][3:]], ["Chongqing 邮", "电大学"], "客户已确认"],
            5: [2, FLAGGED_NUMBER[0], FLAGGED_NUMBER[1]],
            6: [3, "第一行\r\n第二行", "Line one\r\nline two"],
            7: [4, "你好", ("=", 'B7&"!"', "Hello!")],
        },
        merged=("A1:D1",),
        formatted_empty_rows=(4, 8),
    ),
    Sheet("旧版", {1: ["原文", "译文"], 2: ["旧", "Old"]}, state="hidden"),
    Sheet("Sheet2", {1: list(CLEAN), 2: ["三", 3]}),
    Sheet("说明", {1: ["请在译文列填写英文。"], 3: ["Do not edit the source column."]}),
)


def write_workbook(tmp_path: Path, *sheets: Sheet, name: str = "review.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(excel_workbook(*sheets))
    return path


def read_all(path: Path, options: ReadOptions = ReadOptions()) -> list[SegmentPair]:
    with open_input(str(path)) as stream:
        return list(read_pairs(stream, str(path), options))


def test_pairs_come_with_sheet_row_and_target_cell(tmp_path: Path) -> None:
    path = write_workbook(tmp_path, *REVIEW)
    name = str(path)

    assert read_all(path) == [
        SegmentPair("1", *FLAGGED_CHINESE, Location(name, 3, "'Q3 review'!C3"), notes=("客户已确认",)),
        SegmentPair("2", *FLAGGED_NUMBER, Location(name, 5, "'Q3 review'!C5")),
        SegmentPair("3", "第一行\r\n第二行", "Line one\r\nline two", Location(name, 6, "'Q3 review'!C6")),
        SegmentPair("4", "你好", "Hello!", Location(name, 7, "'Q3 review'!C7")),
        # No header: two columns are source and target, the cell names the pair.
        SegmentPair("Sheet2!B1", *CLEAN, Location(name, 1, "Sheet2!B1")),
        SegmentPair("Sheet2!B2", "三", "3", Location(name, 2, "Sheet2!B2")),
    ]


@pytest.mark.parametrize(
    ("header", "source", "target"),
    [
        (["English", "中文"], "你好", "Hello."),  # language names, the target first
        (["en-US", "zh-CN"], "你好", "Hello."),  # language tags
        (["Target", "Source"], "你好", "Hello."),
        # A close case: no header at all, so position decides (source first).
        (["Hello.", "你好"], "Hello.", "你好"),
    ],
)
def test_columns_are_found_as_in_tsv(tmp_path: Path, header: list[str], source: str, target: str) -> None:
    path = write_workbook(tmp_path, Sheet("S", {1: header, 2: ["Hello.", "你好"]}))

    assert [(pair.source, pair.target) for pair in read_all(path)][-1] == (source, target)


def test_an_ambiguous_header_names_its_sheet_and_row(tmp_path: Path) -> None:
    path = write_workbook(tmp_path, Sheet("S", {1: ["标题"], 2: ["zh-CN", "zh-TW", "en"], 3: ["一", "一", "One"]}))

    with pytest.raises(InputError, match=r"sheet 'S', row 2: several columns could be the source") as error:
        read_all(path)
    assert error.value.line == 2


def test_a_workbook_is_known_by_its_content_without_an_extension(tmp_path: Path) -> None:
    data = excel_workbook(*REVIEW)

    assert detect_format("upload.bin", data[:8192]) == "xlsx"
    result = CliRunner().invoke(cli, ["check", "-", "--from", "xlsx", "--format", "json"], input=data)
    assert assert_report(result)["summary"]["pairs"] == 6


def test_cell_references_follow_excel() -> None:
    assert [column_letters(index) for index in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert [column_index(letters) for letters in ("A", "Z", "AA", "ZZ", "AAA")] == [0, 25, 26, 701, 702]
    for title, reference in [
        ("Sheet1", "Sheet1!C12"),
        ("工作表1", "工作表1!C12"),
        ("Q3 review", "'Q3 review'!C12"),
        ("Bob's", "'Bob''s'!C12"),
        ("2024", "'2024'!C12"),  # starts with a digit
        ("AB12", "'AB12'!C12"),  # reads as a cell
    ]:
        assert cell_reference(title, 2, 12) == reference
        assert sheet_title_of(reference) == title


def test_a_folder_walk_skips_the_owner_file_excel_keeps_while_a_workbook_is_open(tmp_path: Path) -> None:
    write_workbook(tmp_path, *REVIEW)
    # Excel writes ~$review.xlsx beside an open workbook: the user's name, not a workbook.
    (tmp_path / "~$review.xlsx").write_bytes(b"\x06Editor" + bytes(155))

    assert assert_report(run_check([tmp_path]))["summary"]["pairs"] == 6


# ---------------------------------------------------------------- annotated copy and export


def checked(path: Path) -> tuple[list[SegmentPair], list]:
    pairs = read_all(path)
    return pairs, list(check_document(pairs, str(path), BUILTIN_RULES).findings)


def cells_of(path: Path, part: str) -> dict[str, str]:
    """Cell reference → text of a sheet part, shared and inline strings resolved."""
    from lxml import etree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(path) as archive:
        shared = [
            "".join(t.text or "" for t in si.iter(f"{main}t") if t.getparent().tag != f"{main}rPh")
            for si in etree.fromstring(archive.read("xl/sharedStrings.xml")).iter(f"{main}si")
        ]
        sheet = etree.fromstring(archive.read(part))
    cells = {}
    for cell in sheet.iter(f"{main}c"):
        if cell.get("t") == "s":
            cells[cell.get("r")] = shared[int(cell.findtext(f"{main}v"))]
        elif cell.get("t") == "inlineStr":
            cells[cell.get("r")] = "".join(t.text or "" for t in cell.iter(f"{main}t"))
        else:
            cells[cell.get("r")] = cell.findtext(f"{main}v")
    return cells


def test_annotate_adds_a_findings_column_and_changes_nothing_else(tmp_path: Path) -> None:
    source = write_workbook(tmp_path, *REVIEW)
    before = source.read_bytes()
    pairs, findings = checked(source)
    destination = tmp_path / "annotated.xlsx"

    attached = write_annotated((str(source),), "xlsx", ReadOptions(), findings, str(destination))

    assert source.read_bytes() == before
    assert findings and attached == len(findings)
    cells = cells_of(destination, "xl/worksheets/sheet1.xml")
    expected = {"E2": FINDINGS_FIELD}
    for pair in pairs[:4]:
        notes = [note_text(f) for f in findings if f.pair == pair]
        if notes:
            expected[f"E{pair.location.line}"] = "\n".join(notes)
    assert {reference: text for reference, text in cells.items() if reference.startswith("E")} == expected
    assert {"E3", "E5"} <= set(expected) and "E7" not in expected
    # Every other cell, and every other part byte for byte.
    original = cells_of(source, "xl/worksheets/sheet1.xml")
    assert {reference: text for reference, text in cells.items() if not reference.startswith("E")} == original
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(destination) as new:
        assert new.namelist() == old.namelist()
        for part in old.namelist():
            if part != "xl/worksheets/sheet1.xml":
                assert new.read(part) == old.read(part), part
    # The copy reads back as the same pairs.
    assert [(p.id, p.source, p.target, p.notes) for p in read_all(destination)] == [
        (p.id, p.source, p.target, p.notes) for p in pairs
    ]


def test_annotating_an_annotated_copy_replaces_its_findings(tmp_path: Path) -> None:
    source = write_workbook(tmp_path, *REVIEW)
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    _, findings = checked(source)
    write_annotated((str(source),), "xlsx", ReadOptions(), findings, str(first))
    # The number is fixed in the copy's shared strings; its old note must go.
    with zipfile.ZipFile(first) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"].replace(b"of 13 kilometers", b"of 30 kilometers")
    with zipfile.ZipFile(first, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    _, again = checked(first)

    write_annotated((str(first),), "xlsx", ReadOptions(), again, str(second))

    cells = cells_of(second, "xl/worksheets/sheet1.xml")
    assert [reference for reference in cells if reference.startswith(("E", "F"))] == ["E2", "E3"]
    assert cells["E3"].startswith("SG03 major")


def test_annotate_and_align_through_the_command_line(tmp_path: Path) -> None:
    source = write_workbook(tmp_path, *REVIEW)
    annotated, exported = tmp_path / "annotated.xlsx", tmp_path / "pairs.tsv"

    check = run_check([source], "--annotate", str(annotated))
    align = CliRunner().invoke(cli, ["align", str(source), "-o", str(exported)])

    assert assert_report(check)["summary"]["pairs"] == 6 and annotated.exists()
    assert align.exit_code == 0, align.output
    with exported.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0][:3] == ["id", "source", "target"]
    assert [row[1:3] for row in rows[1:]] == [[p.source.replace("\r\n", " "), p.target.replace("\r\n", " ")] for p in read_all(source)]


# ---------------------------------------------------------------- hostile workbooks




GOOD = excel_workbook(Sheet("S", {1: ["原文", "译文"], 2: list(FLAGGED_CHINESE)}))


def _with_part(name: str, data: bytes) -> bytes:
    return zipped({**parts_of(GOOD), name: data})


HOSTILE = {
    "truncated": (GOOD[: len(GOOD) // 2], "not a ZIP archive, or one that is damaged or cut short"),
    "not-a-zip": (b"source\ttarget\n", "cannot read the XLSX workbook: the file is not a ZIP archive"),
    "old-binary-xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "an older binary Office file (.xls) or a password-protected one"),
    "no-workbook-part": (zipped({"hello.txt": b"hi"}), "cannot read the XLSX workbook"),
    "shared-strings-in-gb18030": (
        _with_part("xl/sharedStrings.xml", parts_of(GOOD)["xl/sharedStrings.xml"].decode().encode("gb18030")),
        "cannot read the XLSX workbook",
    ),
    # Found by the fuzzer: the XML parser's LookupError for an unknown encoding.
    "part-in-an-unknown-encoding": (
        _with_part("xl/sharedStrings.xml", parts_of(GOOD)["xl/sharedStrings.xml"].replace(b"UTF-8", b"QTF-8")),
        "cannot read the XLSX workbook",
    ),
    "dtd-with-entities": (
        _with_part(
            "xl/sharedStrings.xml",
            b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaa">]>' + parts_of(GOOD)["xl/sharedStrings.xml"].split(b"?>", 1)[1],
        ),
        "declares a DTD",
    ),
}


@pytest.mark.parametrize("data, message", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_broken_workbook_is_one_clear_line(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(data)

    assert_error(run_check([path]), str(path), message)


def test_a_damaged_part_is_one_clear_line(tmp_path: Path) -> None:
    # The sheet's deflated bytes are flipped in the middle: zlib or the CRC check fails.
    data = bytearray(GOOD)
    with zipfile.ZipFile(io.BytesIO(GOOD)) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + info.compress_size // 2
    data[start : start + 8] = bytes(8)
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data))

    assert_error(run_check([path]), str(path), "cannot read part xl/worksheets/sheet1.xml of the XLSX workbook")


def test_a_huge_cell_is_over_the_segment_limit_naming_its_row(tmp_path: Path) -> None:
    path = write_workbook(tmp_path, Sheet("S", {1: ["原文", "译文"], 2: list(CLEAN), 3: ["长" * 100_001, "Long."]}))

    assert_error(run_check([path]), f"{path}:3", "the source has 100,001 characters")


@pytest.mark.parametrize(
    ("size", "message"),
    [
        (MAX_PART_BYTES + 1, "would inflate to 268,435,457 bytes"),  # over the size limit
        (50 * 1024 * 1024, "would inflate 1,0"),  # within it, but 1,000 times its packed size
    ],
    ids=["size", "ratio"],
)
def test_a_zip_bomb_is_refused_in_bounded_memory(tmp_path: Path, size: int, message: str) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts_of(GOOD).items():
            archive.writestr(name, data)
        with archive.open("xl/sharedStrings2.xml", "w", force_zip64=True) as part:
            chunk = b" " * (1024 * 1024)
            for _ in range(size // len(chunk)):
                part.write(chunk)
            part.write(b" " * (size % len(chunk)))

    result = run_capped([path])

    assert result.exit_code == 2 and result.stdout == "" and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"qa-tool: error: {path}: refused to open the XLSX workbook"), result.stderr
    assert message in result.stderr and "zip bomb" in result.stderr
