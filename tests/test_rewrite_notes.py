"""qa-ignore notes written into a file in its own format (qa_tool.rewrite.add_notes, used by
`qa-tool review`): the note lands where the reader reads notes, indented like its neighbours,
and nothing else of the file changes; a file with no place for it says so."""

from __future__ import annotations

import pytest

from qa_tool.model import SegmentPair
from qa_tool.readers import ReadOptions
from qa_tool.rewrite import FileBytes, add_notes, holds_notes, read_document
from qa_tool.suppressions import directives_of

NOTE = "qa-ignore: GR01 house style"
OPTIONS = ReadOptions()

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header srclang="zh" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>
  <body>
    <tu tuid="1">
      <prop type="x-origin">mt</prop>
      <tuv xml:lang="zh"><seg>重庆经济</seg></tuv>
      <tuv xml:lang="en"><seg>Chongqings economy</seg></tuv>
    </tu>
    <tu tuid="2"><tuv xml:lang="zh"><seg>谢谢</seg></tuv><tuv xml:lang="en"><seg>Thanks</seg></tuv></tu>
  </body>
</tmx>
"""
XLIFF_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a" source-language="zh" target-language="en" datatype="plaintext">
    <body>
      <trans-unit id="1">
        <source>重庆经济</source>
        <target>Chongqings economy</target>
        <note from="translator">checked</note>
      </trans-unit>
      <trans-unit id="2">
        <source>谢谢</source>
      </trans-unit>
    </body>
  </file>
</xliff>
"""
XLIFF_2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="zh" trgLang="en">
  <file id="f">
    <unit id="1">
      <segment id="s1">
        <source>重庆经济</source>
        <target>Chongqings economy</target>
      </segment>
      <segment id="s2">
        <source>谢谢</source>
        <target>Thanks</target>
      </segment>
    </unit>
    <unit id="2">
      <notes>
        <note>from the client</note>
      </notes>
      <segment>
        <source>再见</source>
        <target>Bye</target>
      </segment>
    </unit>
  </file>
</xliff>
"""
JSONL = (
    '{"id": "1", "zh": "重庆经济", "en": "Chongqings economy"}\n'
    '{"id": "2", "zh": "谢谢", "en": "Thanks", "notes": "checked"}\n'
    '{"id": "3", "zh": "再见", "en": "Bye", "notes": ["a", "b"]}\n'
    '{"id": "4", "zh": "好", "en": "Good", "notes": []}\n'
    '{"id": "5", "zh": "对", "en": "Right", "notes": null}\n'
)
TSV = "id\tzh\ten\tnotes\r\n1\t重庆经济\tChongqings economy\t\r\n2\t谢谢\tThanks\tchecked\r\n"
CSV = 'id,zh,en,notes\n1,重庆经济,Chongqings economy,"said ""ok"""\n2,谢谢,Thanks,\n'


def noted(content: str, format_name: str, wanted: dict[int, list[str]]) -> tuple[str, list[SegmentPair]]:
    """The file with the notes added to its pairs by index, and the pairs left without."""
    files = [FileBytes(f"a.{format_name}", content.encode("utf-8"))]
    pairs = list(read_document(files, format_name, OPTIONS))
    result = add_notes(files, format_name, OPTIONS, {pairs[index]: notes for index, notes in wanted.items()})
    return result.data.decode("utf-8"), list(result.unnoted)


def notes_read_back(content: str, format_name: str) -> list[tuple[str, ...]]:
    return [pair.notes for pair in read_document([FileBytes(f"a.{format_name}", content.encode("utf-8"))], format_name, OPTIONS)]


@pytest.mark.parametrize(
    ("content", "format_name", "index", "before", "after"),
    [
        # TMX: before the first <tuv>, after the <prop>, indented as the <tuv> is.
        (TMX, "tmx", 0, '      <tuv xml:lang="zh"><seg>重庆经济',
         f'      <note>{NOTE}</note>\n      <tuv xml:lang="zh"><seg>重庆经济'),
        # A unit on one line stays on one line.
        (TMX, "tmx", 1, '<tu tuid="2"><tuv', f'<tu tuid="2"><note>{NOTE}</note><tuv'),
        # XLIFF 1.2: after the <target>, before the translator's note.
        (XLIFF_12, "xliff", 0, "<target>Chongqings economy</target>\n",
         f"<target>Chongqings economy</target>\n        <note>{NOTE}</note>\n"),
        # ... or after the <source> of a unit without a target.
        (XLIFF_12, "xliff", 1, "<source>谢谢</source>\n", f"<source>谢谢</source>\n        <note>{NOTE}</note>\n"),
        # XLIFF 2: a <notes> made before the first segment of a unit without one.
        (XLIFF_2, "xliff", 0, '    <unit id="1">\n      <segment id="s1">',
         f'    <unit id="1">\n      <notes>\n        <note>{NOTE}</note>\n      </notes>\n      <segment id="s1">'),
        # ... or a <note> after the last one of its <notes>.
        (XLIFF_2, "xliff", 2, "<note>from the client</note>\n",
         f"<note>from the client</note>\n        <note>{NOTE}</note>\n"),
        # JSONL: a key added at the end of the object; a line added to a string; an item to a list.
        (JSONL, "jsonl", 0, '"en": "Chongqings economy"}', f'"en": "Chongqings economy", "notes": "{NOTE}"}}'),
        (JSONL, "jsonl", 1, '"notes": "checked"}', f'"notes": "checked\\n{NOTE}"}}'),
        (JSONL, "jsonl", 2, '"notes": ["a", "b"]}', f'"notes": ["a", "b", "{NOTE}"]}}'),
        (JSONL, "jsonl", 3, '"notes": []}', f'"notes": ["{NOTE}"]}}'),
        # TSV/CSV: the notes field, after what it holds.
        (TSV, "tsv", 0, "Chongqings economy\t\r\n", f"Chongqings economy\t{NOTE}\r\n"),
        (TSV, "tsv", 1, "Thanks\tchecked\r\n", f"Thanks\tchecked | {NOTE}\r\n"),
        (CSV, "csv", 0, '"said ""ok"""\n', f'"said ""ok"" | {NOTE}"\n'),
        (CSV, "csv", 1, "Thanks,\n", f"Thanks,{NOTE}\n"),
    ],
)
def test_a_note_goes_where_the_reader_reads_it_and_nothing_else_changes(
    content: str, format_name: str, index: int, before: str, after: str
) -> None:
    assert content.count(before) == 1
    written, unnoted = noted(content, format_name, {index: [NOTE]})
    assert unnoted == []
    assert written == content.replace(before, after)
    notes = notes_read_back(written, format_name)
    assert any(directive.covers("GR01") for directive in directives_of(SegmentPair("x", "", "", None, notes=notes[index])))
    others = notes_read_back(content, format_name)
    # Only the unit's own pairs gain the note (both segments of a segmented XLIFF unit do).
    changed = [i for i, (old, new) in enumerate(zip(others, notes)) if old != new]
    assert index in changed and len(changed) <= 2


@pytest.mark.parametrize(
    ("content", "format_name", "index", "note"),
    [
        (JSONL, "jsonl", 4, NOTE),  # "notes": null is no place for text
        (TSV.replace("\tnotes", "\tremark"), "tsv", 0, NOTE),  # no notes column
        (TSV, "tsv", 0, "qa-ignore: GR01 a\ttab"),  # a tab would split the field
        (CSV, "csv", 1, "qa-ignore: GR01 client, 2024"),  # a comma in an unquoted field
    ],
)
def test_a_note_without_a_place_is_not_written(content: str, format_name: str, index: int, note: str) -> None:
    written, unnoted = noted(content, format_name, {index: [note]})
    assert written == content
    assert len(unnoted) == 1


def test_the_notes_of_two_segments_of_one_unit_go_to_the_unit_once() -> None:
    written, unnoted = noted(XLIFF_2, "xliff", {0: [NOTE, "qa-ignore: PU07 quotes"], 1: [NOTE]})
    assert unnoted == []
    assert written.count(NOTE) == 1 and written.count("qa-ignore: PU07 quotes") == 1
    assert written.count("<notes>") == 2


def test_several_notes_in_one_tsv_field_are_read_apart() -> None:
    written, _ = noted(TSV, "tsv", {1: [NOTE, "qa-ignore: PU07 client's quotes"]})
    notes = notes_read_back(written, "tsv")[1]
    found = directives_of(SegmentPair("x", "", "", None, notes=notes))
    assert [directive.codes for directive in found] == [("GR01",), ("PU07",)]


def test_markup_in_a_reason_is_escaped_and_a_character_the_encoding_lacks_is_a_reference() -> None:
    latin = TMX.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace("重庆经济", "Chongqing").replace("谢谢", "merci")
    files = [FileBytes("a.tmx", latin.encode("latin-1"))]
    pairs = list(read_document(files, "tmx", OPTIONS))
    result = add_notes(files, "tmx", OPTIONS, {pairs[0]: ["qa-ignore: GR01 <b> & 重庆"]})
    written = result.data.decode("latin-1")
    assert "<note>qa-ignore: GR01 &lt;b&gt; &amp; &#37325;&#24198;</note>" in written
    assert read_document([FileBytes("a.tmx", result.data)], "tmx", OPTIONS).__next__().notes == ("qa-ignore: GR01 <b> & 重庆",)


@pytest.mark.parametrize(
    ("content", "format_name", "holds"),
    [
        (TMX, "tmx", True), (XLIFF_12, "xliff", True), (JSONL, "jsonl", True), (TSV, "tsv", True), (CSV, "csv", True),
        (TSV.replace("\tnotes", "\tremark"), "tsv", False),
        ("你好。\n\nHello.\n", "interleaved", False),
    ],
)
def test_which_documents_hold_notes(content: str, format_name: str, holds: bool) -> None:
    assert holds_notes([FileBytes(f"a.{format_name}", content.encode("utf-8"))], format_name, OPTIONS) is holds


def test_no_notes_leave_every_byte() -> None:
    for content, format_name in ((TMX, "tmx"), (XLIFF_2, "xliff"), (JSONL, "jsonl"), (CSV, "csv")):
        assert noted(content, format_name, {})[0] == content
