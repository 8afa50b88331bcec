"""The annotated copy (qa_tool.annotate): findings made by the real engine are attached to the
right units of every format, read back by qa-tool's own readers, and nothing else changes."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Callable

import pytest
from lxml import etree

from qa_tool.annotate import FINDINGS_FIELD, TMX_NOTE_PREFIX, note_text, write_annotated
from qa_tool.checks import BUILTIN_RULES
from qa_tool.engine import check_document
from qa_tool.errors import InputError
from qa_tool.model import Finding, Location, SegmentPair, Severity
from qa_tool.readers import ReadOptions, open_input, read_pairs
from qa_tool.readers.parallel import read_parallel
from qa_tool.suppressions import directives_of

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "chongqing-fao-news.zh-en.txt"
XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_2 = "urn:oasis:names:tc:xliff:document:2.0"

# Pairs the engine reliably flags (Chinese left in the target; a changed number) and one it
# does not, so every test sees units with and without notes.
FLAGGED_CHINESE = ("重庆邮电大学", "Chongqing 邮电大学")
FLAGGED_NUMBER = ("距离30公里", "a distance of 13 kilometers")
CLEAN = ("谢谢。", "Thank you.")


def read_all(path: Path, format_name: str, options: ReadOptions = ReadOptions()) -> list[SegmentPair]:
    with open_input(str(path)) as stream:
        return list(read_pairs(stream, str(path), options, format_name))


def check(
    path: Path, format_name: str, options: ReadOptions = ReadOptions()
) -> tuple[list[SegmentPair], list[Finding]]:
    pairs = read_all(path, format_name, options)
    result = check_document(pairs, str(path), BUILTIN_RULES)
    return pairs, list(result.findings)


def by_pair(findings: list[Finding]) -> dict[tuple[str, int | None], list[Finding]]:
    grouped: dict[tuple[str, int | None], list[Finding]] = {}
    for finding in findings:
        grouped.setdefault((finding.pair.id, finding.location.line), []).append(finding)
    return grouped


def annotate(
    path: Path, format_name: str, destination: Path, options: ReadOptions = ReadOptions()
) -> tuple[list[SegmentPair], list[Finding], int]:
    pairs, findings = check(path, format_name, options)
    attached = write_annotated((str(path),), format_name, options, findings, str(destination))
    return pairs, findings, attached


def added_notes(before: SegmentPair, after: SegmentPair) -> list[str]:
    assert after.notes[: len(before.notes)] == before.notes, "the unit's own notes come first and stay"
    return list(after.notes[len(before.notes) :])


def assert_notes_on_their_units(
    path: Path,
    format_name: str,
    destination: Path,
    expected_note: Callable[[Finding], str],
    options: ReadOptions = ReadOptions(),
) -> list[SegmentPair]:
    """Annotate, read the copy back with the same reader and check that every pair kept its
    texts and its unit gained exactly the notes of its own findings (for a segmented unit,
    the findings of all its segments)."""
    pairs, findings, attached = annotate(path, format_name, destination, options)
    assert findings and attached == len(findings)
    annotated = read_all(destination, format_name, options)
    assert [(p.id, p.source, p.target, p.source_tags, p.target_tags) for p in annotated] == [
        (p.id, p.source, p.target, p.source_tags, p.target_tags) for p in pairs
    ]
    by_unit: dict[str | None, list[Finding]] = {}
    for finding in findings:
        by_unit.setdefault(finding.location.unit or finding.pair.id, []).append(finding)
    with_notes = 0
    for before, after in zip(pairs, annotated):
        expected = [expected_note(finding) for finding in by_unit.get(before.location.unit or before.id, [])]
        assert added_notes(before, after) == expected, before.id
        with_notes += bool(expected)
    assert 0 < with_notes < len(pairs), "the input must have units with and without findings"
    return annotated


def unchanged_apart_from(original: Path, annotated: Path, is_added: Callable[[etree._Element], bool]) -> None:
    """The annotated tree minus the added notes equals the original tree (white space between
    elements aside): attributes, inline markup, other notes, comments, CDATA text."""

    def canonical(path: Path, drop: Callable[[etree._Element], bool]) -> bytes:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, strip_cdata=False)
        root = etree.parse(str(path), parser).getroot()
        for element in [element for element in root.iter() if isinstance(element.tag, str) and drop(element)]:
            element.getparent().remove(element)
        for element in root.iter():
            if element.text is not None and not element.text.strip() and len(element):
                element.text = None
            if element.tail is not None and not element.tail.strip():
                element.tail = None
        return etree.tostring(root, method="c14n")

    assert canonical(annotated, is_added) == canonical(original, lambda element: False)


def local(element: etree._Element) -> str:
    return etree.QName(element).localname


def is_tmx_note(element: etree._Element) -> bool:
    return local(element) == "note" and (element.text or "").startswith(TMX_NOTE_PREFIX)


def is_xliff_note(element: etree._Element) -> bool:
    ours = element.get("from") == "qa-tool" or element.get("category") == "qa-tool"
    return local(element) == "note" and ours


def is_xliff_2_addition(element: etree._Element) -> bool:
    """Our notes, and a <notes> holding only ours (made for them)."""
    if local(element) == "notes":
        return all(is_xliff_note(child) for child in element if isinstance(child.tag, str))
    return is_xliff_note(element)


def segment_note(finding: Finding) -> str:
    unit = finding.location.unit or ""
    return note_text(finding, finding.pair.id[len(unit) + 1 :] if finding.pair.id != unit else None)


def tmx_note(finding: Finding) -> str:
    return TMX_NOTE_PREFIX + note_text(finding)


@pytest.mark.parametrize(
    ("source", "target", "code", "ending"),
    [
        # A fix that deletes the span (the trailing space) says so.
        ("内置的增强型跟踪保护。", "Built-in Enhanced Tracking Protection. ", "GR04", " (→ delete)"),
        # A fix that replaces the span quotes the replacement.
        ("促进重庆经济发展", "the development of Chongqings economy in Chongqing", "GR01", ' (→ "Chongqing\'s")'),
        # No safe fix: the note ends with the message.
        FLAGGED_CHINESE + ("SG03", "'邮电大学'."),
    ],
)
def test_a_note_reads_code_severity_message_and_fix(source: str, target: str, code: str, ending: str) -> None:
    pair = SegmentPair("1", source, target, Location("doc.txt", 1))
    finding = next(f for f in check_document([pair], "doc.txt", BUILTIN_RULES).findings if f.code == code)
    text = note_text(finding)
    assert text.startswith(f"{code} {finding.severity.label}: {finding.message}") and text.endswith(ending)
    assert note_text(finding, "2").startswith(f"{code} {finding.severity.label} [segment 2]: ")


# TMX ---------------------------------------------------------------------------------------

SMALL_TMX = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header srclang="zh-CN" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" creationtool="t" creationtoolversion="1"/>
  <body>
    <!-- a comment between units -->
    <tu tuid="u1" creationdate="20240101T000000Z">
      <prop type="x-origin">news</prop>
      <note>reviewed</note>
      <tuv xml:lang="zh-CN"><seg><bpt i="1">&lt;b&gt;</bpt>{FLAGGED_CHINESE[0]}<ept i="1">&lt;/b&gt;</ept></seg></tuv>
      <tuv xml:lang="en-US"><seg><bpt i="1">&lt;b&gt;</bpt>{FLAGGED_CHINESE[1]}<ept i="1">&lt;/b&gt;</ept></seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="zh-CN"><seg>{FLAGGED_NUMBER[0]}</seg></tuv>
      <tuv xml:lang="en-US"><seg>{FLAGGED_NUMBER[1]}<ph x="1">&lt;br/&gt;</ph></seg></tuv>
    </tu>
    <tu tuid="u3"><tuv xml:lang="zh-CN"><seg>{CLEAN[0]}</seg></tuv><tuv xml:lang="en-US"><seg><![CDATA[{CLEAN[1]}]]></seg></tuv></tu>
  </body>
</tmx>
"""


def test_tmx_notes_go_into_their_tu_before_the_variants(tmp_path: Path) -> None:
    source = tmp_path / "small.tmx"
    source.write_text(SMALL_TMX, encoding="utf-8")
    destination = tmp_path / "annotated.tmx"
    annotated = assert_notes_on_their_units(source, "tmx", destination, tmx_note)
    # The unit without tuid is found by its position, as the reader names it.
    assert annotated[1].id == "2" and annotated[1].notes
    unchanged_apart_from(source, destination, is_tmx_note)
    for unit in etree.parse(str(destination)).getroot().iter("tu"):
        names = [local(child) for child in unit if isinstance(child.tag, str)]
        assert names == sorted(names, key=lambda name: name == "tuv"), "TMX 1.4: note and prop before tuv"
    text = destination.read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n')
    assert "<![CDATA[Thank you.]]>" in text and "<!-- a comment between units -->" in text
    # Indented like its siblings.
    assert "\n      <note>[qa-tool] SG03 major: " in text


def test_the_real_tmx_fixture(shared_dir: Path, tmp_path: Path) -> None:
    source = shared_dir / "fixtures" / "tico19_en_zh" / "all.en-zh.tmx"
    destination = tmp_path / "annotated.tmx"
    assert_notes_on_their_units(source, "tmx", destination, tmx_note)
    unchanged_apart_from(source, destination, is_tmx_note)


def test_utf16_stays_utf16_with_its_declaration(tmp_path: Path) -> None:
    source = tmp_path / "wide.tmx"
    source.write_bytes(SMALL_TMX.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))
    destination = tmp_path / "annotated.tmx"
    assert_notes_on_their_units(source, "tmx", destination, tmx_note)
    data = destination.read_bytes()
    assert data.startswith(source.read_bytes()[:2])
    assert data.decode("utf-16").startswith('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE')


# XLIFF 1.2 ---------------------------------------------------------------------------------

SMALL_XLIFF_12 = f"""<?xml version='1.0' encoding='UTF-8'?>
<xliff xmlns="{XLIFF_12}" xmlns:ext="urn:example:ext" version="1.2">
  <file original="a.strings" source-language="zh-CN" target-language="en" datatype="plaintext">
    <body>
      <group id="g">
        <trans-unit id="same">
          <source>{FLAGGED_CHINESE[0]}</source>
          <target state="translated">{FLAGGED_CHINESE[1]}</target>
          <note from="developer">button label</note>
          <alt-trans><target>Chongqing</target></alt-trans>
          <ext:review by="tool"/>
        </trans-unit>
      </group>
      <trans-unit id="locked" translate="no"><source>{FLAGGED_CHINESE[0]}</source><target>{FLAGGED_CHINESE[1]}</target></trans-unit>
      <trans-unit id="clean"><source>{CLEAN[0]}</source><target>{CLEAN[1]}</target></trans-unit>
    </body>
  </file>
  <file original="b.strings" source-language="zh-CN" target-language="en" datatype="plaintext">
    <body>
      <trans-unit id="same"><source>{CLEAN[0]}</source><target>{CLEAN[1]}</target></trans-unit>
      <trans-unit id="split">
        <source>{CLEAN[0]}{FLAGGED_NUMBER[0]}</source>
        <seg-source><mrk mtype="seg" mid="1">{CLEAN[0]}</mrk><mrk mtype="seg" mid="2">{FLAGGED_NUMBER[0]}</mrk></seg-source>
        <target><mrk mtype="seg" mid="1">{CLEAN[1]}</mrk> <mrk mtype="seg" mid="2">{FLAGGED_NUMBER[1]}<x id="1"/></mrk></target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_xliff_12_notes_go_into_their_trans_unit(tmp_path: Path) -> None:
    source = tmp_path / "small.xlf"
    source.write_text(SMALL_XLIFF_12, encoding="utf-8")
    destination = tmp_path / "annotated.xlf"
    annotated = assert_notes_on_their_units(source, "xliff", destination, segment_note)
    # Unit ids repeat across <file>s: the note is on a.strings#same, not on b.strings#same.
    notes = {pair.id: pair.notes for pair in annotated}
    assert notes["b.strings#same"] == () and any(n.startswith("SG03 major") for n in notes["a.strings#same"])
    assert any("[segment 2]" in note for note in notes["b.strings#split:2"])
    unchanged_apart_from(source, destination, is_xliff_note)
    root = etree.parse(str(destination)).getroot()
    unit = next(root.iter(f"{{{XLIFF_12}}}trans-unit"))
    # After the trans-unit's own elements, before the element of another namespace.
    assert [local(child) for child in unit][-2:] == ["note", "review"]
    assert unit[-2].get("from") == "qa-tool" and unit[-2].get("priority") == "2"
    assert destination.read_text(encoding="utf-8").startswith("<?xml version='1.0' encoding='UTF-8'?>\n<xliff ")


def test_the_real_xliff_fixture(shared_dir: Path, tmp_path: Path) -> None:
    source = shared_dir / "fixtures" / "xliff_firefoxios_zh-CN" / "firefox-ios.zh-CN.xliff"
    destination = tmp_path / "annotated.xliff"
    assert_notes_on_their_units(source, "xliff", destination, segment_note)
    unchanged_apart_from(source, destination, is_xliff_note)


# XLIFF 2 ------------------------------------------------------------------------------------

SMALL_XLIFF_2 = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="{XLIFF_2}" xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0" version="2.0" srcLang="zh-CN" trgLang="en">
  <file id="f1" original="doc.txt">
    <unit id="u1">
      <mda:metadata><mda:metaGroup><mda:meta type="k">v</mda:meta></mda:metaGroup></mda:metadata>
      <originalData><data id="d1">&lt;br/&gt;</data></originalData>
      <segment><source>{FLAGGED_CHINESE[0]}<ph id="1" dataRef="d1"/></source><target>{FLAGGED_CHINESE[1]}<ph id="1" dataRef="d1"/></target></segment>
    </unit>
    <unit id="u2">
      <notes>
        <note category="context">a heading</note>
      </notes>
      <segment id="s1"><source>{CLEAN[0]}</source><target>{CLEAN[1]}</target></segment>
      <segment id="s2"><source>{FLAGGED_NUMBER[0]}</source><target>{FLAGGED_NUMBER[1]}</target></segment>
    </unit>
    <unit id="u3"><segment><source>{CLEAN[0]}</source><target>{CLEAN[1]}</target></segment></unit>
  </file>
</xliff>
"""


def test_xliff_2_notes_go_into_the_units_notes(tmp_path: Path) -> None:
    source = tmp_path / "small.xlf"
    source.write_text(SMALL_XLIFF_2, encoding="utf-8")
    destination = tmp_path / "annotated.xlf"
    assert_notes_on_their_units(source, "xliff", destination, segment_note)
    unchanged_apart_from(source, destination, is_xliff_2_addition)
    units = {unit.get("id"): unit for unit in etree.parse(str(destination)).getroot().iter(f"{{{XLIFF_2}}}unit")}
    # XLIFF 2 order: other namespaces, notes, originalData, segments.
    assert [local(child) for child in units["u1"]] == ["metadata", "notes", "originalData", "segment"]
    categories = [note.get("category") for note in units["u2"].iter(f"{{{XLIFF_2}}}note")]
    assert categories[0] == "context" and set(categories[1:]) == {"qa-tool"}
    assert units["u3"].find(f"{{{XLIFF_2}}}notes") is None


# Annotating an annotated file ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "format_name", "is_added"),
    [
        ("small.tmx", SMALL_TMX, "tmx", is_tmx_note),
        ("small12.xlf", SMALL_XLIFF_12, "xliff", is_xliff_note),
        ("small2.xlf", SMALL_XLIFF_2, "xliff", is_xliff_2_addition),
    ],
)
def test_notes_of_an_earlier_run_are_replaced_not_piled_up(
    tmp_path: Path, name: str, text: str, format_name: str, is_added: Callable[[etree._Element], bool]
) -> None:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    first, second = tmp_path / f"first-{name}", tmp_path / f"second-{name}"
    annotate(source, format_name, first)
    _, findings, _ = annotate(first, format_name, second)
    root = etree.parse(str(second)).getroot()
    added = [element for element in root.iter("{*}note") if is_added(element)]
    assert len(added) == len(findings)
    unchanged_apart_from(source, second, is_added)


# Line-based formats ---------------------------------------------------------------------------


def findings_field(findings: list[Finding]) -> str:
    return " | ".join(note_text(finding) for finding in findings)


def field_of(pair: SegmentPair, grouped: dict[tuple[str, int | None], list[Finding]]) -> str:
    return findings_field(grouped.get((pair.id, pair.location.line), []))


@pytest.mark.parametrize(
    ("name", "content", "format_name", "has_header"),
    [
        # A header with an id and a notes column, CRLF line ends, a blank row, quotes kept as written.
        (
            "a.tsv",
            "id\tsource\ttarget\tnotes\r\n"
            f"u1\t{FLAGGED_CHINESE[0]}\t{FLAGGED_CHINESE[1]}\tx\r\n\r\n"
            f"u2\t{FLAGGED_NUMBER[0]}\t{FLAGGED_NUMBER[1]} \"ok\"\t\r\n"
            f"u3\t{CLEAN[0]}\t{CLEAN[1]}\t",
            "tsv",
            True,
        ),
        # No header: two columns, ids are line numbers.
        ("b.tsv", "".join("\t".join(pair) + "\n" for pair in (FLAGGED_CHINESE, CLEAN, FLAGGED_NUMBER)), "tsv", False),
        # CSV with a quoted field over two lines, a row of empty cells, a quoted comma.
        (
            "c.csv",
            f'source,target\n{FLAGGED_CHINESE[0]},"Chongqing\n邮电大学"\n,,\n'
            f'{FLAGGED_NUMBER[0]},"a distance, of 13 kilometers"\n{CLEAN[0]},{CLEAN[1]}\n',
            "csv",
            True,
        ),
    ],
)
def test_delimited_files_get_a_findings_field(
    tmp_path: Path, name: str, content: str, format_name: str, has_header: bool
) -> None:
    source = tmp_path / name
    source.write_bytes(content.encode("utf-8"))
    destination = tmp_path / f"annotated-{name}"
    pairs, findings, attached = annotate(source, format_name, destination)
    assert findings and attached == len(findings)
    # A file without a header gains a column, so the copy is read with its columns named.
    options = ReadOptions() if has_header else ReadOptions(source_column="1", target_column="2")
    assert [(p.id, p.source, p.target, p.notes) for p in read_all(destination, format_name, options)] == [
        (p.id, p.source, p.target, p.notes) for p in pairs
    ]
    delimiter = "\t" if format_name == "tsv" else ","
    quoting = {"quoting": csv.QUOTE_NONE} if delimiter == "\t" else {}
    original_rows = list(csv.reader(io.StringIO(content, newline=""), delimiter=delimiter, **quoting))
    annotated_text = destination.read_bytes().decode("utf-8")
    annotated_rows = list(csv.reader(io.StringIO(annotated_text, newline=""), delimiter=delimiter, **quoting))
    grouped = by_pair(findings)
    expected_fields = iter(([FINDINGS_FIELD] if has_header else []) + [field_of(pair, grouped) for pair in pairs])
    for before, after in zip(original_rows, annotated_rows, strict=True):
        if any(cell.strip() for cell in before):
            assert after == before + [next(expected_fields)]
        else:
            assert after == before, "rows without a pair stay as they are"
    assert next(expected_fields, None) is None
    # Line ends stay as written.
    assert annotated_text.count("\r\n") == content.count("\r\n")


@pytest.mark.parametrize(
    ("codec", "options"),
    [
        ("utf-8-sig", ReadOptions()),  # the byte order mark stays
        ("utf-16", ReadOptions()),  # UTF-16 stays UTF-16, in its byte order
        ("utf-16-be", None),  # big-endian with its mark
        ("gb18030", ReadOptions(encoding="gb18030")),  # a legacy encoding named by the user
    ],
)
def test_a_delimited_copy_keeps_the_encoding(tmp_path: Path, codec: str, options: ReadOptions | None) -> None:
    content = "source\ttarget\n" + "\t".join(FLAGGED_CHINESE) + "\n"
    source = tmp_path / "pairs.tsv"
    source.write_bytes(("\ufeff" + content).encode(codec) if options is None else content.encode(codec))
    options = options or ReadOptions()
    destination = tmp_path / "annotated.tsv"
    _, findings, attached = annotate(source, "tsv", destination, options)
    assert attached == len(findings) > 0
    data = destination.read_bytes()
    assert data[:2] == source.read_bytes()[:2]
    text = data.decode("utf-16" if codec.startswith("utf-16") else codec)
    row = "\t".join(FLAGGED_CHINESE) + "\t" + findings_field(findings)
    assert text.splitlines() == ["source\ttarget\tqa_findings", row]
    assert [(p.source, p.target) for p in read_all(destination, "tsv", options)] == [FLAGGED_CHINESE]


def test_jsonl_objects_get_a_findings_key_and_keep_the_rest_as_written(tmp_path: Path) -> None:
    lines = [
        f'{{"id": "a", "source": "{FLAGGED_CHINESE[0]}", "target": "{FLAGGED_CHINESE[1]}", "n": 1e5}}',
        "",
        f'{{"source":"{FLAGGED_NUMBER[0]}","target":"{FLAGGED_NUMBER[1]}"}}  ',
        json.dumps({"id": 7, "source": CLEAN[0], "target": CLEAN[1], "notes": ["ok"]}, ensure_ascii=False),
    ]
    source = tmp_path / "pairs.jsonl"
    source.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    destination = tmp_path / "annotated.jsonl"
    pairs, findings, attached = annotate(source, "jsonl", destination)
    assert findings and attached == len(findings)
    assert read_all(destination, "jsonl") == [
        SegmentPair(p.id, p.source, p.target, Location(str(destination), p.location.line), p.notes) for p in pairs
    ]
    grouped = by_pair(findings)
    written = destination.read_bytes().decode("utf-8").split("\r\n")
    assert written[1] == "" and written[-1] == ""
    for pair, line, original in zip(pairs, [written[0], written[2], written[3]], [lines[0], lines[2], lines[3]]):
        head = original.rstrip()[:-1]
        assert line.startswith(head), "the object is kept as written up to its closing brace"
        expected = [
            {
                "code": f.code,
                "severity": f.severity.label,
                "message": f.message,
                "replacement": f.replacement,
                "spans": [{"side": s.side.value, "start": s.start, "end": s.end} for s in f.spans],
            }
            for f in grouped.get((pair.id, pair.location.line), [])
        ]
        assert json.loads(line)[FINDINGS_FIELD] == expected
    assert '"n": 1e5' in written[0]


def test_jsonl_findings_of_an_earlier_run_are_replaced(tmp_path: Path) -> None:
    source = tmp_path / "pairs.jsonl"
    source.write_text(
        "".join(json.dumps({"source": s, "target": t}, ensure_ascii=False) + "\n" for s, t in (FLAGGED_CHINESE, CLEAN)),
        encoding="utf-8",
    )
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    annotate(source, "jsonl", first)
    _, findings, _ = annotate(first, "jsonl", second)
    records = [json.loads(line) for line in second.read_text(encoding="utf-8").splitlines()]
    assert [len(record[FINDINGS_FIELD]) for record in records] == [
        sum(1 for f in findings if f.pair.id == str(line)) for line in (1, 2)
    ]


def test_interleaved_text_becomes_tsv_with_findings(tmp_path: Path) -> None:
    destination = tmp_path / "annotated.tsv"
    pairs, findings, attached = annotate(SAMPLE, "interleaved", destination)
    assert findings and attached == len(findings)
    grouped = by_pair(findings)
    with destination.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == ["id", "source", "target", FINDINGS_FIELD]
    assert [row[0] for row in rows[1:]] == [pair.id for pair in pairs]
    assert [row[3] for row in rows[1:]] == [field_of(p, grouped) for p in pairs]
    # qa-tool reads the copy back as TSV.
    assert [p.source for p in read_all(destination, "tsv")] == [p.source.replace("\n", " ") for p in pairs]


def test_parallel_files_become_tsv_with_findings(tmp_path: Path) -> None:
    chinese, english = tmp_path / "doc.zh", tmp_path / "doc.en"
    chinese.write_text("\n".join((FLAGGED_CHINESE[0], CLEAN[0], FLAGGED_NUMBER[0])) + "\n", encoding="utf-8")
    english.write_text("\n".join((FLAGGED_CHINESE[1], CLEAN[1], FLAGGED_NUMBER[1])) + "\n", encoding="utf-8")
    with open_input(str(chinese)) as zh, open_input(str(english)) as en:
        pairs = list(read_parallel(zh, str(chinese), en, str(english), ReadOptions()))
    findings = list(check_document(pairs, str(chinese), BUILTIN_RULES).findings)
    destination = tmp_path / "annotated.tsv"
    attached = write_annotated((str(chinese), str(english)), "parallel", ReadOptions(), findings, str(destination))
    assert findings and attached == len(findings)
    grouped = by_pair(findings)
    rows = [line.split("\t") for line in destination.read_text(encoding="utf-8").splitlines()]
    assert rows[1:] == [[p.id, p.source, p.target, field_of(p, grouped)] for p in pairs]


# Notes are inert, inputs are safe -------------------------------------------------------------


def test_a_quoted_suppression_in_a_note_does_not_become_a_suppression(tmp_path: Path) -> None:
    # An unused qa-ignore note gives a QA01 finding whose message quotes the directive; the
    # note carrying that message must not act as a second directive when the copy is checked.
    xliff = SMALL_XLIFF_12.replace(
        '<note from="developer">button label</note>', '<note from="developer">qa-ignore: GR01 house style</note>'
    )
    source = tmp_path / "ignored.xlf"
    source.write_text(xliff, encoding="utf-8")
    destination = tmp_path / "annotated.xlf"
    _, findings, _ = annotate(source, "xliff", destination)
    assert [f.code for f in findings].count("QA01") == 1
    annotated = read_all(destination, "xliff")
    assert sum(len(directives_of(pair)) for pair in annotated) == 1
    _, again = check(destination, "xliff")
    assert [f.code for f in again].count("QA01") == 1


def test_characters_xml_cannot_hold_are_named_in_the_note(tmp_path: Path) -> None:
    source = tmp_path / "small.tmx"
    source.write_text(SMALL_TMX, encoding="utf-8")
    pairs = read_all(source, "tmx")
    finding = Finding("SG99", "test", Severity.MINOR, "Other", "a bell \x07 here", pairs[2])
    destination = tmp_path / "annotated.tmx"
    assert write_annotated((str(source),), "tmx", ReadOptions(), [finding], str(destination)) == 1
    assert read_all(destination, "tmx")[2].notes == (f"{TMX_NOTE_PREFIX}SG99 minor: a bell U+0007 here",)


def test_findings_about_another_file_are_left_out(tmp_path: Path) -> None:
    source = tmp_path / "small.tmx"
    source.write_text(SMALL_TMX, encoding="utf-8")
    _, findings = check(source, "tmx")
    elsewhere = tmp_path / "copy.tmx"
    elsewhere.write_text(SMALL_TMX, encoding="utf-8")
    destination = tmp_path / "annotated.tmx"
    assert write_annotated((str(elsewhere),), "tmx", ReadOptions(), findings, str(destination)) == 0
    assert all(not pair.notes or pair.notes == ("reviewed",) for pair in read_all(destination, "tmx"))


@pytest.mark.parametrize("format_name", ["tmx", "xliff", "tsv", "jsonl"])
def test_the_input_is_never_modified(tmp_path: Path, format_name: str) -> None:
    content = {
        "tmx": SMALL_TMX,
        "xliff": SMALL_XLIFF_12,
        "tsv": "\t".join(FLAGGED_CHINESE) + "\n",
        "jsonl": json.dumps(dict(zip(("source", "target"), FLAGGED_CHINESE)), ensure_ascii=False) + "\n",
    }[format_name]
    source = tmp_path / f"input.{format_name}"
    source.write_text(content, encoding="utf-8")
    os.utime(source, (1_000_000_000, 1_000_000_000))
    before = source.read_bytes(), source.stat().st_mtime_ns
    annotate(source, format_name, tmp_path / f"output.{format_name}")
    assert (source.read_bytes(), source.stat().st_mtime_ns) == before


def test_the_destination_may_not_be_the_input(tmp_path: Path) -> None:
    source = tmp_path / "small.tmx"
    source.write_text(SMALL_TMX, encoding="utf-8")
    (tmp_path / "link.tmx").symlink_to(source)
    _, findings = check(source, "tmx")
    for destination in (source, tmp_path / "." / "small.tmx", tmp_path / "link.tmx"):
        with pytest.raises(InputError, match="overwrite the checked file"):
            write_annotated((str(source),), "tmx", ReadOptions(), findings, str(destination))
    chinese = tmp_path / "doc.zh"
    chinese.write_text("你好\n", encoding="utf-8")
    with pytest.raises(InputError, match="overwrite the checked file"):
        write_annotated((str(chinese), str(source)), "parallel", ReadOptions(), [], str(source))
    assert source.read_text(encoding="utf-8") == SMALL_TMX


@pytest.mark.parametrize(
    ("paths", "format_name", "message"),
    [
        (("-",), "tsv", "standard input"),
        (("a.zh",), "parallel", "takes 2 input file"),
        (("a.tmx",), "doc", "cannot annotate format"),
    ],
)
def test_inputs_that_cannot_be_annotated(
    tmp_path: Path, paths: tuple[str, ...], format_name: str, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        write_annotated(paths, format_name, ReadOptions(), [], str(tmp_path / "out"))


def test_a_dtd_with_entities_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "hostile.tmx"
    hostile = SMALL_TMX.replace('<!DOCTYPE tmx SYSTEM "tmx14.dtd">', '<!DOCTYPE tmx [<!ENTITY x "y">]>')
    source.write_text(hostile, encoding="utf-8")
    destination = tmp_path / "annotated.tmx"
    with pytest.raises(InputError, match="DTD with entities"):
        write_annotated((str(source),), "tmx", ReadOptions(), [], str(destination))
    assert not destination.exists()


def test_an_unwritable_destination_is_an_input_error(tmp_path: Path) -> None:
    source = tmp_path / "small.tmx"
    source.write_text(SMALL_TMX, encoding="utf-8")
    with pytest.raises(InputError, match="cannot write the annotated file"):
        write_annotated((str(source),), "tmx", ReadOptions(), [], str(tmp_path / "missing" / "out.tmx"))
