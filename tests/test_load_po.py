"""gettext PO catalogues: entries, plural forms, status, direction, encodings, the annotated
copy and the export. The catalogue below is written as msgmerge and Poedit write them: a
header with its own comment, strings wrapped over lines at 79 columns (msgmerge --width),
extracted (#.), reference (#:), flag (#,) and previous-msgid (#|) comments, a msgctxt,
escaped quotes and line breaks, plural forms, an untranslated entry and obsolete (#~) ones."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa_tool.annotate import PO_NOTE_PREFIX, note_text, write_annotated
from qa_tool.checks import BUILTIN_RULES
from qa_tool.cli import cli
from qa_tool.engine import check_document
from qa_tool.errors import InputError
from qa_tool.model import Location, SegmentState
from qa_tool.readers import ReadOptions, detect_format, open_input, read_pairs
from test_hostile import assert_error, assert_report, run_check

CATALOGUE = r'''# Chinese messages of the demo application, translated into English.
# This file is distributed under the same license as the demo package.
#
msgid ""
msgstr ""
"Project-Id-Version: demo 1.0\n"
"POT-Creation-Date: 2024-03-01 10:00+0800\n"
"Language: en\n"
"X-Source-Language: zh_CN\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#. The university's full name, shown on the title page.
#: src/title.c:12
msgctxt "title"
msgid "重庆邮电大学"
msgstr "Chongqing 邮电大学"

# qa-ignore: SG06 a deliberately short label
#: src/map.c:40
msgid ""
"距离市中心30公里，交通便利，环境优美，适合“周末”度假。\n"
"请提前预订。"
msgstr ""
"a distance of 13 kilometers from the city centre, easy to reach and "
"beautiful, good for a \"weekend\" break.\n"
"Please book ahead."

#: src/files.c:7
#, fuzzy, c-format
#| msgid "删除了 %d 个文件"
msgid "已删除 %d 个文件"
msgid_plural "已删除 %d 个文件"
msgstr[0] "Deleted %d file"
msgstr[1] "Deleted %d files"

#: src/thanks.c:3
msgid "谢谢。"
msgstr "Thank you."

#: src/new.c:9
msgid "新功能"
msgstr ""

#~ msgid "旧功能"
#~ msgstr "Old feature"
'''


def write_po(tmp_path: Path, text: str = CATALOGUE, name: str = "zh-en.po", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def read_all(path: Path, options: ReadOptions = ReadOptions()) -> list:
    with open_input(str(path)) as stream:
        return list(read_pairs(stream, str(path), options))


def test_entries_plural_forms_notes_and_status(tmp_path: Path) -> None:
    path = write_po(tmp_path)
    pairs = read_all(path)

    assert [(p.id, p.source, p.target) for p in pairs] == [
        ("15", "重庆邮电大学", "Chongqing 邮电大学"),
        (
            "21",
            "距离市中心30公里，交通便利，环境优美，适合“周末”度假。\n请提前预订。",
            'a distance of 13 kilometers from the city centre, easy to reach and beautiful, good for a "weekend" break.\n'
            "Please book ahead.",
        ),
        # One pair per plural form: form 0 translates the msgid, the others the msgid_plural.
        ("31[0]", "已删除 %d 个文件", "Deleted %d file"),
        ("31[1]", "已删除 %d 个文件", "Deleted %d files"),
        ("39", "谢谢。", "Thank you."),
        ("43", "新功能", ""),
    ]
    assert pairs[0].location == Location(str(path), 15, "title")
    assert pairs[1].location == Location(str(path), 21, None)
    assert pairs[0].notes == ("The university's full name, shown on the title page.",)
    assert pairs[1].notes == ("qa-ignore: SG06 a deliberately short label",)
    states = [(p.status.state, p.status.raw) for p in pairs]
    assert states == [
        (SegmentState.TRANSLATED, "translated"),
        (SegmentState.TRANSLATED, "translated"),
        (SegmentState.DRAFT, "fuzzy"),
        (SegmentState.DRAFT, "fuzzy"),
        (SegmentState.TRANSLATED, "translated"),
        (SegmentState.NEW, "untranslated"),
    ]


def test_only_draft_entries_are_checked_with_status_draft(tmp_path: Path) -> None:
    report = assert_report(run_check([write_po(tmp_path)], "--status", "draft"))

    assert report["summary"]["pairs"] == 2


def test_a_catalogue_into_chinese_is_read_the_other_way_round(tmp_path: Path) -> None:
    # The usual software catalogue: English msgid, Chinese msgstr, Language: zh_CN.
    text = 'msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n\nmsgid "Save file"\nmsgstr "保存文件"\n'

    (pair,) = read_all(write_po(tmp_path, text, "zh_CN.po"))

    assert (pair.source, pair.target) == ("保存文件", "Save file")


def test_a_catalogue_of_other_languages_is_one_clear_line(tmp_path: Path) -> None:
    path = write_po(tmp_path, 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "Save"\nmsgstr "Enregistrer"\n', "fr.po")

    assert_error(run_check([path]), str(path), "the file translates ? into fr, but qa-tool is checking zh and en")


def test_a_template_without_charset_reads_as_utf8_with_empty_targets(tmp_path: Path) -> None:
    text = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=CHARSET\\n"\n\nmsgid "谢谢。"\nmsgstr ""\n'

    (pair,) = read_all(write_po(tmp_path, text, "demo.pot"))

    assert (pair.source, pair.target, pair.status.state) == ("谢谢。", "", SegmentState.NEW)


def test_the_header_charset_decides_the_encoding(tmp_path: Path) -> None:
    text = CATALOGUE.replace("charset=UTF-8", "charset=GB18030")
    path = write_po(tmp_path, text, encoding="gb18030")

    assert [p.source for p in read_all(path)] == [p.source for p in read_all(write_po(tmp_path, name="utf8.po"))]
    # A close case: the same bytes declared UTF-8 are an error naming the first bad line.
    wrong = write_po(tmp_path, CATALOGUE, "wrong.po", encoding="gb18030")
    assert_error(run_check([wrong]), f"{wrong}:18", "cannot decode the text as utf-8")


def test_a_po_file_is_known_by_its_content(tmp_path: Path) -> None:
    assert detect_format("messages", CATALOGUE.encode()) == "po"
    # A close case: a TSV that mentions msgid is still TSV.
    assert detect_format("notes", b'key\tmsgid "x"\n') == "tsv"


BROKEN = {
    "not-po-syntax": ('msgid "谢谢。"\nmsgstr "Thank you."\nmsgtxt "oops"\n', 3, "cannot read the PO file"),
    "cut-in-a-keyword": (CATALOGUE[: CATALOGUE.index('msgstr "Thank you."') + 4], 41, "cannot read the PO file"),
    "cut-in-a-character": (CATALOGUE.encode()[: CATALOGUE.encode().index("谢谢".encode()) + 1], 40, "ends in the middle of a utf-8 character"),
    "unknown-charset": (CATALOGUE.replace("charset=UTF-8", "charset=klingon"), None, "the PO header's charset is unusable"),
}


@pytest.mark.parametrize("text, line, message", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_catalogue_is_one_clear_line(tmp_path: Path, text: str | bytes, line: int | None, message: str) -> None:
    path = tmp_path / "broken.po"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())

    assert_error(run_check([path]), str(path) if line is None else f"{path}:{line}", message)


def test_a_huge_msgstr_is_over_the_segment_limit_naming_its_entry(tmp_path: Path) -> None:
    path = write_po(tmp_path, CATALOGUE.replace('msgstr "Thank you."', f'msgstr "{"x" * 100_001}"'))

    assert_error(run_check([path]), f"{path}:39", "the target has 100,001 characters")


def test_a_file_whose_content_is_a_path_is_not_opened(tmp_path: Path) -> None:
    # polib opens its argument as a path when such a file exists.
    secret = tmp_path / "secret.po"
    secret.write_text('msgid "机密"\nmsgstr "SECRET-7f3a"\n', encoding="utf-8")
    path = write_po(tmp_path, str(secret), "pointer.po")

    result = run_check([path], "--from", "po")

    assert "SECRET-7f3a" not in result.stdout + result.stderr
    assert result.exit_code == 2


# ---------------------------------------------------------------- annotated copy and export


def test_annotate_writes_translator_comments_and_replaces_its_own(tmp_path: Path) -> None:
    source = write_po(tmp_path)
    before = source.read_bytes()
    pairs = read_all(source)
    findings = list(check_document(pairs, str(source), BUILTIN_RULES).findings)
    first, second = tmp_path / "first.po", tmp_path / "second.po"

    attached = write_annotated((str(source),), "po", ReadOptions(), findings, str(first))

    assert source.read_bytes() == before
    assert findings and attached == len(findings)
    annotated = read_all(first)
    assert [(p.source, p.target, p.status) for p in annotated] == [(p.source, p.target, p.status) for p in pairs]
    by_line: dict[int, list[str]] = {}
    for finding in findings:
        form = finding.pair.id.partition("[")[2].rstrip("]")
        note = note_text(finding, form if form not in ("", "0") else None, "plural form")
        # A quoted suppression is made inert in a note (a non-breaking hyphen).
        by_line.setdefault(finding.location.line, []).append(PO_NOTE_PREFIX + note.replace("qa-ignore", "qa\u2011ignore"))
    flagged = 0
    for old, new in zip(pairs, annotated):
        assert new.notes[: len(old.notes)] == old.notes, "the entry's own comments come first"
        added = " ".join(new.notes[len(old.notes) :])
        expected = by_line.get(old.location.line, []) if old.id.partition("[")[2] in ("", "0") else []
        for note in expected:
            assert note in added
        flagged += bool(expected)
    assert 0 < flagged < len(pairs)
    # Annotating the copy again replaces the notes instead of adding a second set.
    again = list(check_document(annotated, str(first), BUILTIN_RULES).findings)
    write_annotated((str(first),), "po", ReadOptions(), again, str(second))
    text = second.read_text(encoding="utf-8")
    assert text.count("SG03 major") == first.read_text(encoding="utf-8").count("SG03 major") == 1
    assert "#~ msgid \"旧功能\"" in text


def test_annotate_and_align_through_the_command_line(tmp_path: Path) -> None:
    source = write_po(tmp_path)
    annotated, exported = tmp_path / "annotated.po", tmp_path / "pairs.tsv"

    check = run_check([source], "--annotate", str(annotated))
    align = CliRunner().invoke(cli, ["align", str(source), "-o", str(exported)])

    assert assert_report(check)["summary"]["pairs"] == 6 and "# [qa-tool] SG03" in annotated.read_text(encoding="utf-8")
    assert align.exit_code == 0, align.output
    with exported.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert [row[0] for row in rows[1:]] == ["15", "21", "31[0]", "31[1]", "39", "43"]
    assert rows[2][1] == "距离市中心30公里，交通便利，环境优美，适合“周末”度假。 请提前预订。"


def test_parse_errors_of_the_annotator_are_input_errors(tmp_path: Path) -> None:
    path = tmp_path / "broken.po"
    path.write_text('msgid "a"\nmsgtxt "b"\n', encoding="utf-8")

    with pytest.raises(InputError, match="cannot read the PO file"):
        write_annotated((str(path),), "po", ReadOptions(), [], str(tmp_path / "out.po"))
