"""qa-tool fix: which fixes are made (qa_tool.fixing), the file written back in its own format
with only the fixed text changed (qa_tool.rewrite), the fix loop (qa_tool.autofix) and the
command line."""

from __future__ import annotations

import codecs
import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa_tool.autofix import fix_document
from qa_tool.checks import select_rules
from qa_tool.checks.base import FixSafety
from qa_tool.cli import cli
from qa_tool.engine import check_document
from qa_tool.fixing import (
    OVERLAPS,
    TOUCHES_TAG,
    Edit,
    apply_edits,
    edits_between,
    fix_of,
    fixes_to_apply,
    plan_pair,
)
from qa_tool.model import Finding, InlineTag, Location, SegmentPair, Severity, Side, Span
from qa_tool.packs import available_rules
from qa_tool.readers import ReadOptions
from qa_tool.rewrite import (
    CANNOT_SPLIT_FIELDS,
    CROSSES_MARKUP,
    PO_MSGID,
    XLIFF_SOURCE,
    CANNOT_SPLIT_LINES,
    FileBytes,
    read_document,
    rewrite,
)

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "chongqing-fao-news.zh-en.txt"
TICO_TMX = REPO.parent / "shared" / "fixtures" / "tico19_en_zh" / "all.en-zh.tmx"
OPTIONS = ReadOptions()
DEFAULT_RULES = select_rules(rules=available_rules())


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def pair(target: str, tags: tuple[InlineTag, ...] = ()) -> SegmentPair:
    return SegmentPair("1", "中文", target, Location("x", 1), target_tags=tags)


def finding(code: str, target: str, start: int, end: int, replacement: str | None, safe: bool = True,
            side: Side = Side.TARGET, tags: tuple[InlineTag, ...] = ()) -> Finding:
    return Finding(code, "rule", Severity.MINOR, "Fluency/Punctuation", "m", pair(target, tags),
                   (Span(side, start, end),), replacement, safe_fix=safe)


# ------------------------------------------------------------------------------ which fixes


def test_safe_rules_are_those_whose_fix_cannot_change_the_meaning() -> None:
    safe = {rule.meta.code for rule in available_rules() if rule.meta.fix is FixSafety.SAFE}
    assert safe == {"GR01", "GR03", "GR04", "PU01", "PU05", "PU06", "PU07", "PU08", "TM02", "TM90"}


PACK_RULE = """extends: substitution
name: house-term
summary: A house term.
category: Terminology/Inconsistent with terminology resource
severity: minor
rationale: Why.
swap: {colour: color}
examples:
  fail: [{zh: 颜色, en: colour}]
  pass: [{zh: 颜色, en: color}]
"""


@pytest.mark.parametrize(("declared", "safe"), [("fix: safe\n", True), ("fix: suggestion\n", False), ("", False)])
def test_a_pack_rule_declares_whether_its_fixes_are_safe(tmp_path: Path, declared: str, safe: bool) -> None:
    from qa_tool.packs import load_packs

    (tmp_path / "HX01.yml").write_text(PACK_RULE + declared, encoding="utf-8")
    (rule,) = load_packs([tmp_path])
    (found,) = check_document([SegmentPair("1", "颜色", "the colour", Location("x", 1))], "x", [rule]).findings
    assert found.replacement == "color" and found.safe_fix is safe
    assert (rule.meta.fix is FixSafety.SAFE) is safe


def test_a_pack_rule_with_another_fix_kind_is_refused(tmp_path: Path) -> None:
    from qa_tool.errors import InputError
    from qa_tool.packs import load_packs

    (tmp_path / "HX01.yml").write_text(PACK_RULE + "fix: maybe\n", encoding="utf-8")
    with pytest.raises(InputError, match="'fix' must be safe or suggestion"):
        load_packs([tmp_path])


@pytest.mark.parametrize(
    ("made", "unsafe", "chosen"),
    [
        (finding("PU05", "a,b", 1, 2, ", "), False, True),
        # A suggestion waits for --unsafe-fixes...
        (finding("NM01", "Fu Minqiu", 0, 9, "Fu Mingqiu", safe=False), False, False),
        (finding("NM01", "Fu Minqiu", 0, 9, "Fu Mingqiu", safe=False), True, True),
        # ... a finding without a replacement, or with its span in the source, has none...
        (finding("SG04", "a", 0, 1, None), True, False),
        (finding("XX01", "a", 0, 1, "b", side=Side.SOURCE), True, False),
        # ... and a replacement equal to the text it replaces changes nothing.
        (finding("PU06", "a.", 1, 2, "."), True, False),
    ],
)
def test_fixes_to_apply(made: Finding, unsafe: bool, chosen: bool) -> None:
    assert bool(fixes_to_apply([made], unsafe)) is chosen


def test_the_first_of_overlapping_fixes_is_made_and_the_rest_reported() -> None:
    target = "Hello ,,world"
    first = fix_of(finding("PU06", target, 5, 7, ","))
    overlapping = fix_of(finding("PU08", target, 6, 8, ","))
    apart = fix_of(finding("PU05", target, 8, 8, " "))
    plan = plan_pair(pair(target), [overlapping, apart, first])
    assert plan.applied == (first, apart)
    assert [(item.fix, item.reason) for item in plan.not_applied] == [(overlapping, OVERLAPS)]
    assert plan.fixed_target == "Hello,, world"


def test_the_same_edit_from_two_rules_is_made_once() -> None:
    one, other = (fix_of(finding(code, "a  b", 1, 3, " ")) for code in ("GR03", "XX01"))
    plan = plan_pair(pair("a  b"), [one, other])
    assert plan.applied == (one, other) and not plan.not_applied
    assert plan.fixed_target == "a b"


@pytest.mark.parametrize(
    ("start", "end", "position", "cuts"),
    [
        (2, 5, 3, True),  # a tag inside the replaced text
        (2, 5, 2, False),  # a tag at its start stays before the new text
        (2, 5, 5, False),  # and at its end after it
        (4, 4, 4, True),  # an insertion where a tag stands: before it or after it?
        (4, 4, 3, False),
    ],
)
def test_a_fix_that_would_cut_through_a_tag_is_not_made(start: int, end: int, position: int, cuts: bool) -> None:
    tags = (InlineTag("ph", "1", position),)
    made = fix_of(finding("PU06", "abcdefgh", start, end, "X", tags=tags))
    plan = plan_pair(pair("abcdefgh", tags), [made])
    assert [item.reason for item in plan.not_applied] == ([TOUCHES_TAG] if cuts else [])


@given(st.text(max_size=30), st.text(max_size=30))
def test_edits_between_turn_one_text_into_the_other(old: str, new: str) -> None:
    assert apply_edits(old, edits_between(old, new)) == new


def test_edits_between_change_only_what_differs() -> None:
    assert edits_between("the Governments plan", "the Government's plan") == [Edit(14, 14, "'")]


# -------------------------------------------------------------------- writing a file back

TMX = """<?xml version='1.0' encoding='UTF-8'?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4"><header srclang='zh' adminlang="en" segtype="sentence" o-tmf="x" datatype="plaintext" creationtool="t" creationtoolversion="1"/>
<body>
  <!-- a comment -->
  <tu tuid='1'><note>keep me</note><prop type="x">p</prop>
    <tuv xml:lang="zh-CN"><seg>你好，世界</seg></tuv>
    <tuv xml:lang='en-US'><seg>Hello ,<bpt i="1">&lt;b&gt;</bpt>world<ept i="1">&lt;/b&gt;</ept> &amp; all&#x21;</seg></tuv>
  </tu>
  <tu tuid="2"><tuv xml:lang="zh"><seg>谢谢</seg></tuv><tuv xml:lang="en"><seg>Thanks<![CDATA[ <so> ,much]]></seg></tuv></tu>
</body>
</tmx>
"""
XLIFF_12 = """<?xml version="1.0" encoding="utf-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="a.txt" source-language="zh" target-language="en" datatype="plaintext"><body>
  <trans-unit id="1"><source>你好</source><target state='translated'>Hello ,<g id="1">big ,</g>world</target><note>n</note></trans-unit>
  <trans-unit id="2"><source>谢谢</source><seg-source><mrk mtype="seg" mid="1">谢</mrk><mrk mtype="seg" mid="2">谢</mrk></seg-source>
   <target><mrk mtype="seg" mid="1">Thank ,</mrk> <mrk mtype="seg" mid="2">you ,<x id="2"/>.</mrk></target></trans-unit>
 </body></file>
</xliff>
"""
XLIFF_2 = """<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="en">
 <file id="f1"><unit id="u1"><notes><note>n</note></notes>
  <segment><source>你好</source><target>Hello ,<ph id="1"/>world<cp hex="0007"/> ,x</target></segment>
 </unit></file>
</xliff>
"""
TSV = "id\tsource\ttarget\tnotes\r\n1\t你好\tHello ,world\t\"kept\"\r\n\r\n2\t谢谢\tThanks ,all\tn\r\n"
CSV = 'id,source,target\n1,你好,"Hello ,""you""\nworld"\n2,谢谢,"plain ,text"\n3,再见,Bye now\n'
JSONL = '{"id": "1", "source": "\\u4f60\\u597d", "target": "Hello ,\\"you\\" \\ud83d\\ude00" , "x": [1, 2]}\n\n{"source":"谢谢","target":"Thanks ,all"}\n'
INTERLEAVED = "你好，世界。\n\nHello ,world.\r\n谢谢。\nThanks ,all.\n"
PO = (
    'msgid ""\nmsgstr ""\n"Language: en\\n"\n"X-Source-Language: zh\\n"\n\n# keep\n#, fuzzy\nmsgctxt "c"\n'
    'msgid "你好"\nmsgstr ""\n"Hello ,\\"you\\" "\n",world\\n ,x"\n\nmsgid "一"\nmsgid_plural "多"\nmsgstr[0] "one ,"\n'
)


def edit_every_comma(files: list[FileBytes], format_name: str) -> tuple[bytes, list[str], list[str]]:
    """Remove the space before each ' ,' of every target; the rewritten file, the targets read
    back, and the reasons of refused edits."""
    edits = {}
    for read in read_document(files, format_name, OPTIONS):
        found = [Edit(index, index + 2, ",") for index in range(len(read.target)) if read.target.startswith(" ,", index)]
        if found:
            edits[read] = found
    rewritten = rewrite(files, format_name, OPTIONS, edits)
    fixed = [*files[:-1], FileBytes(files[-1].name, rewritten.data)]
    return rewritten.data, [read.target for read in read_document(fixed, format_name, OPTIONS)], [
        refused.reason for refused in rewritten.refused
    ]


@pytest.mark.parametrize(
    ("name", "text", "format_name", "expected_text", "targets", "refusals"),
    [
        (
            "a.tmx", TMX, "tmx",
            TMX.replace("Hello ,<bpt", "Hello,<bpt").replace(" <so> ,much", " <so>,much"),
            ["Hello,world & all!", "Thanks <so>,much"], [],
        ),
        (
            "a.xlf", XLIFF_12, "xliff",
            XLIFF_12.replace("Hello ,<g", "Hello,<g").replace("big ,<", "big,<").replace("Thank ,<", "Thank,<")
            .replace("you ,<x", "you,<x"),
            ["Hello,big,world", "Thank,", "you,."], [],
        ),
        (
            # The comma before <cp> cannot go: its space is before a character written as markup.
            "b.xlf", XLIFF_2, "xliff", XLIFF_2.replace("Hello ,<ph", "Hello,<ph").replace("/> ,x", "/>,x"),
            ["Hello,world\x07,x"], [],
        ),
        ("a.tsv", TSV, "tsv", TSV.replace(" ,", ","), ["Hello,world", "Thanks,all"], []),
        ("a.csv", CSV, "csv", CSV.replace(" ,", ","), ['Hello,"you"\nworld', "plain,text", "Bye now"], []),
        ("a.jsonl", JSONL, "jsonl", JSONL.replace('o ,', "o,").replace("s ,", "s,"), ['Hello,"you" \U0001F600', "Thanks,all"], []),
        ("a.txt", INTERLEAVED, "interleaved", INTERLEAVED.replace(" ,", ","), ["Hello,world.", "Thanks,all."], []),
        (
            # The space that ends one line of a PO string and the comma that starts the next
            # are one edit across the line break: not made.
            "a.po", PO, "po", PO.replace('Hello ,', "Hello,").replace("\\n ,x", "\\n,x").replace("one ,", "one,"),
            ['Hello,"you" ,world\n,x', "one,"], [CROSSES_MARKUP],
        ),
    ],
)
def test_only_the_edited_text_changes(
    name: str, text: str, format_name: str, expected_text: str, targets: list[str], refusals: list[str]
) -> None:
    data, read_back, refused = edit_every_comma([FileBytes(name, text.encode())], format_name)
    assert data.decode() == expected_text
    assert read_back == targets
    assert refused == refusals


def test_a_po_file_translated_into_chinese_keeps_its_english_msgid() -> None:
    text = 'msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n\nmsgid "Hello ,world"\nmsgstr "你好"\n'
    data, targets, refused = edit_every_comma([FileBytes("a.po", text.encode())], "po")
    assert data == text.encode() and targets == ["Hello ,world"] and refused == [PO_MSGID]


def test_an_xliff_file_translated_from_english_keeps_its_english_source() -> None:
    text = XLIFF_12.replace('source-language="zh" target-language="en"', 'source-language="en" target-language="zh"')
    text = text.replace("<source>你好</source>", "<source>Hello ,world</source>").replace(">Hello ,<g", ">你好<g")
    files = [FileBytes("a.xlf", text.encode())]
    read = next(iter(read_document(files, "xliff", OPTIONS)))
    assert read.target == "Hello ,world"
    rewritten = rewrite(files, "xliff", OPTIONS, {read: [Edit(5, 7, ",")]})
    assert rewritten.data == text.encode() and [refused.reason for refused in rewritten.refused] == [XLIFF_SOURCE]


def test_parallel_files_fix_the_english_file() -> None:
    files = [FileBytes("a.zh", "你好\r\n谢谢\r\n".encode()), FileBytes("a.en", b"Hello ,world\r\nThanks\r\n")]
    data, targets, refused = edit_every_comma(files, "parallel")
    assert data == b"Hello,world\r\nThanks\r\n" and targets == ["Hello,world", "Thanks"] and not refused


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-8-sig", "gb18030"])
def test_the_encoding_and_byte_order_mark_are_kept(codec: str) -> None:
    declared = {"utf-16": "UTF-16", "utf-16-be": "UTF-16", "utf-8-sig": "UTF-8", "gb18030": "GB18030"}[codec]
    text = TMX.replace("encoding='UTF-8'", f"encoding='{declared}'").replace("\n", "\r\n")
    data = (codecs.BOM_UTF16_BE if codec == "utf-16-be" else b"") + text.encode(codec)
    fixed, targets, _ = edit_every_comma([FileBytes("a.tmx", data)], "tmx")
    expected = text.replace("Hello ,<bpt", "Hello,<bpt").replace(" <so> ,much", " <so>,much")
    assert fixed == (codecs.BOM_UTF16_BE if codec == "utf-16-be" else b"") + expected.encode(codec)
    assert targets[0] == "Hello,world & all!"


@pytest.mark.parametrize(
    ("name", "text", "format_name", "new", "reason"),
    [
        ("a.tsv", "source\ttarget\n你好\tHello\n", "tsv", "a\tb", CANNOT_SPLIT_FIELDS),
        ("a.txt", "你好。\nHello.\n", "interleaved", "a\nb", CANNOT_SPLIT_LINES),
    ],
)
def test_an_edit_the_format_cannot_hold_is_refused(name: str, text: str, format_name: str, new: str, reason: str) -> None:
    files = [FileBytes(name, text.encode())]
    (read,) = read_document(files, format_name, OPTIONS)
    rewritten = rewrite(files, format_name, OPTIONS, {read: [Edit(0, 1, new)]})
    assert rewritten.data == text.encode()
    assert [refused.reason for refused in rewritten.refused] == [reason]


def test_an_edit_across_markup_the_pair_does_not_show_is_refused() -> None:
    # A comment splits the text without a tag: the edit across it is refused, not the comment dropped.
    text = TMX.replace("Hello ,<bpt", "Hello <!-- c -->,<bpt")
    files = [FileBytes("a.tmx", text.encode())]
    read = next(iter(read_document(files, "tmx", OPTIONS)))
    rewritten = rewrite(files, "tmx", OPTIONS, {read: [Edit(5, 7, ",")]})
    assert rewritten.data == text.encode() and [refused.reason for refused in rewritten.refused] == [CROSSES_MARKUP]


_TEXT = st.text(st.sampled_from(list("ab ,.&<>\"'\\;\t中“”\u00e9\U0001F600")), max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(_TEXT, min_size=1, max_size=3),
    st.sampled_from(["tmx", "xliff", "csv", "jsonl", "tsv"]),
    st.data(),
)
def test_any_edit_reads_back_as_made_and_leaves_other_pairs_alone(
    targets: list[str], format_name: str, data: st.DataObject
) -> None:
    if format_name == "tsv":
        targets = [target.replace("\t", " ") for target in targets]
    files = [FileBytes(f"a.{format_name}", _document(format_name, targets))]
    pairs = list(read_document(files, format_name, OPTIONS))
    assert [read.target for read in pairs] == targets
    chosen = data.draw(st.integers(0, len(pairs) - 1))
    old = pairs[chosen].target
    start = data.draw(st.integers(0, len(old)))
    end = data.draw(st.integers(start, len(old)))
    new = data.draw(_TEXT)
    if format_name == "tsv":
        new = new.replace("\t", " ")
    rewritten = rewrite(files, format_name, OPTIONS, {pairs[chosen]: [Edit(start, end, new)]})
    expected = list(targets)
    if not rewritten.refused:
        expected[chosen] = old[:start] + new + old[end:]
    after = list(read_document([FileBytes(files[0].name, rewritten.data)], format_name, OPTIONS))
    assert [read.target for read in after] == expected
    assert [read.source for read in after] == [read.source for read in pairs]


def _document(format_name: str, targets: list[str]) -> bytes:
    from xml.sax.saxutils import escape

    if format_name == "tmx":
        units = "".join(
            f'<tu><tuv xml:lang="zh"><seg>中{n}</seg></tuv><tuv xml:lang="en"><seg>{escape(t)}</seg></tuv></tu>\n'
            for n, t in enumerate(targets)
        )
        return f'<?xml version="1.0"?>\n<tmx version="1.4"><header/><body>\n{units}</body></tmx>\n'.encode()
    if format_name == "xliff":
        units = "".join(
            f'<trans-unit id="{n}"><source>中{n}</source><target>{escape(t)}</target></trans-unit>\n'
            for n, t in enumerate(targets)
        )
        return (
            '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="f" '
            f'source-language="zh" target-language="en"><body>\n{units}</body></file></xliff>'
        ).encode()
    if format_name == "csv":
        rows = "".join(f'中{n},"{t.replace(chr(34), chr(34) * 2)}"\r\n' for n, t in enumerate(targets))
        return ("source,target\r\n" + rows).encode()
    if format_name == "tsv":
        return ("source\ttarget\n" + "".join(f"中{n}\t{t}\n" for n, t in enumerate(targets))).encode()
    return "".join(json.dumps({"source": f"中{n}", "target": t}) + "\n" for n, t in enumerate(targets)).encode()


FIXTURES = sorted(
    path
    for path in [*(REPO / "tests" / "data").rglob("*"), *(REPO.parent / "shared" / "fixtures").glob("*/*")]
    if path.suffix in (".tmx", ".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".tsv", ".csv", ".jsonl", ".po", ".txt")
)
# Fixtures in other languages than zh → en.
FIXTURE_LANGUAGES = {
    "memoq-export.en-ja.mqxliff": ("en", "ja"),
    "trados-statuses.it-en.sdlxliff": ("it", "en"),
    # Read in its own direction, so that its <target>s are the edited side.
    "firefox-ios.zh-CN.xliff": ("en", "zh"),
}
# Trados keeps a tracked deletion inside the target; the reader leaves it out, so that target
# is not edited.
WRITTEN_OTHERWISE = {"annual-report.zh-en.sdlxliff": 1}


@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: path.name)
def test_an_insertion_in_every_target_of_a_real_file_changes_nothing_else(path: Path) -> None:
    from qa_tool.readers import detect_format

    data = path.read_bytes()
    format_name = detect_format(path.name, data[:8192]) or "interleaved"
    source_lang, target_lang = FIXTURE_LANGUAGES.get(path.name, ("zh", "en"))
    options = ReadOptions(source_lang=source_lang, target_lang=target_lang)
    files = [FileBytes(str(path), data)]
    pairs = list(read_document(files, format_name, options))
    mark = 'Q"Q'
    edits = {read: [Edit(len(read.target), len(read.target), mark)] for read in pairs if read.target}
    rewritten = rewrite(files, format_name, options, edits)
    assert len(rewritten.refused) == WRITTEN_OTHERWISE.get(path.name, 0)
    refused = {refused.key for refused in rewritten.refused}
    after = list(read_document([FileBytes(str(path), rewritten.data)], format_name, options))
    assert [read.target for read in after] == [
        read.target if not read.target or (read.id, read.location.line) in refused else read.target + mark
        for read in pairs
    ]
    text, original = rewritten.data.decode("utf-8"), data.decode("utf-8")
    for written in ('Q"Q', "Q&quot;Q", 'Q""Q', 'Q\\"Q'):
        text = text.replace(written, "")
    assert text == original


CLEAN = {
    "tmx": '<?xml version="1.0" encoding="UTF-16"?>\r\n<tmx version="1.4"><header srclang="zh"/><body>\r\n'
    '<tu tuid="1"><note>n</note><tuv xml:lang="zh"><seg>谢谢。</seg></tuv><tuv xml:lang="en"><seg>Thank you.</seg></tuv></tu>\r\n'
    "</body></tmx>\r\n",
    "xlf": '<?xml version="1.0"?>\r\n<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="zh" '
    'trgLang="en"><file id="f"><unit id="1"><segment><source>谢谢。</source><target>Thank you.</target></segment>'
    "</unit></file></xliff>\r\n",
    "tsv": "\ufeffsource\ttarget\r\n谢谢。\tThank you.\r\n",
    "csv": 'source,target\r\n谢谢。,"Thank you."\r\n',
    "jsonl": '{"source": "\\u8c22\\u8c22\\u3002", "target": "Thank you."}\r\n',
    "txt": "谢谢。\r\nThank you.\r\n",
    "po": 'msgid ""\r\nmsgstr ""\r\n"Language: en\\n"\r\n"X-Source-Language: zh\\n"\r\n\r\nmsgid "谢谢。"\r\nmsgstr ""\r\n"Thank "\r\n"you."\r\n',
}


@pytest.mark.parametrize("suffix", sorted(CLEAN))
def test_a_file_with_nothing_to_fix_comes_back_byte_for_byte(tmp_path: Path, suffix: str) -> None:
    clean = tmp_path / f"clean.{suffix}"
    clean.write_bytes(CLEAN[suffix].encode("utf-16" if suffix == "tmx" else "utf-8"))
    out = tmp_path / f"out.{suffix}"
    result = run("fix", str(clean), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == clean.read_bytes()


def test_parallel_files_with_nothing_to_fix_come_back_byte_for_byte(tmp_path: Path) -> None:
    chinese, english, out = tmp_path / "a.zh", tmp_path / "a.en", tmp_path / "out.en"
    chinese.write_bytes("谢谢。\r\n再见。\r\n".encode())
    english.write_bytes(b"Thank you.\r\nGoodbye.")
    assert run("fix", str(chinese), str(english), "-o", str(out)).exit_code == 0
    assert out.read_bytes() == english.read_bytes()


# --------------------------------------------------------------------- fixing real documents


def finding_keys(findings: tuple[Finding, ...] | list[Finding]) -> Counter:
    return Counter((found.code, found.segment_id, found.match) for found in findings)


def assert_fixed_cleanly(path: Path, format_name: str) -> None:
    """Fixing leaves none of the fixed findings and makes no new one, and checking the fixed
    file as a user would (from disk, through the reader) agrees."""
    files = [FileBytes(str(path), path.read_bytes())]
    before = check_document(read_document(files, format_name, OPTIONS), str(path), DEFAULT_RULES).findings
    outcome = fix_document(files, format_name, OPTIONS, DEFAULT_RULES)
    after = check_document(read_document(outcome.files, format_name, OPTIONS), str(path), DEFAULT_RULES).findings
    fixed = finding_keys([fix.finding for fix in outcome.applied])
    assert outcome.applied
    assert not finding_keys(after) & fixed, "a fixed finding came back"
    assert not finding_keys(after) - finding_keys(before), "fixing made a new finding"
    assert finding_keys(after) == finding_keys(outcome.result.findings)


def test_fixing_the_bundled_example() -> None:
    assert_fixed_cleanly(SAMPLE, "interleaved")


@pytest.mark.skipif(not TICO_TMX.is_file(), reason="../shared/fixtures is not beside this checkout")
def test_fixing_the_tico19_memory() -> None:
    # The memory runs English → Chinese; the reader pairs it zh → en all the same, so its
    # English is what is fixed.
    assert_fixed_cleanly(TICO_TMX, "tmx")


# ---------------------------------------------------------------------------- command line


def test_fix_writes_the_fixed_copy_and_summarises(tmp_path: Path) -> None:
    out = tmp_path / "fixed.txt"
    result = run("fix", str(SAMPLE), "-o", str(out))
    assert result.exit_code == 1, result.output  # the damaged source (SG04) remains
    assert "fixed 4 findings (GR01 3, PU07 1)" in result.stderr and "1 finding remains" in result.stderr
    fixed = out.read_text(encoding="utf-8")
    assert "Municipal Government's decision" in fixed and "Chongqing People's Association" in fixed
    assert SAMPLE.read_text(encoding="utf-8").replace("Governments", "Government's") != fixed


def test_fix_diff_writes_nothing(tmp_path: Path) -> None:
    copy = tmp_path / "sample.txt"
    copy.write_bytes(SAMPLE.read_bytes())
    result = run("fix", str(copy), "--diff")
    assert result.exit_code == 1
    assert "-Chongqing Peoples Association" in result.stdout and "+Chongqing People's Association" in result.stdout
    assert "would fix 4 findings" in result.stderr
    assert copy.read_bytes() == SAMPLE.read_bytes() and sorted(tmp_path.iterdir()) == [copy]


def test_fix_diff_highlights_changed_words_on_a_terminal() -> None:
    result = run("fix", str(SAMPLE), "--diff", "--color")
    assert "\x1b[1;7;32mPeople's" in result.stdout


def test_fix_in_place_keeps_a_backup_unless_told(tmp_path: Path) -> None:
    copy = tmp_path / "sample.txt"
    copy.write_bytes(SAMPLE.read_bytes())
    assert run("fix", str(copy), "--in-place").exit_code == 1
    assert (tmp_path / "sample.txt.orig").read_bytes() == SAMPLE.read_bytes()
    assert "People's" in copy.read_text(encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_bytes(SAMPLE.read_bytes())
    assert run("fix", str(other), "--in-place", "--no-backup").exit_code == 1
    assert not (tmp_path / "other.txt.orig").exists()


def test_fix_with_nothing_to_fix_exits_0_and_keeps_every_byte(tmp_path: Path) -> None:
    clean = tmp_path / "clean.tsv"
    clean.write_bytes(b"\xef\xbb\xbfsource\ttarget\r\n\xe8\xb0\xa2\xe8\xb0\xa2\tThank you.\r\n")
    result = run("fix", str(clean), "--in-place")
    assert result.exit_code == 0, result.output
    assert "fixed 0 findings; 0 findings remain" in result.stderr
    assert not (tmp_path / "clean.tsv.orig").exists()
    out = tmp_path / "out.tsv"
    assert run("fix", str(clean), "-o", str(out)).exit_code == 0
    assert out.read_bytes() == clean.read_bytes()


def test_fix_several_files_into_a_folder(tmp_path: Path) -> None:
    first, second = tmp_path / "a.tsv", tmp_path / "b.jsonl"
    first.write_text("source\ttarget\n你好\tHello ,world\n", encoding="utf-8")
    second.write_text('{"source": "你好", "target": "Hello ,world"}\n', encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = run("fix", str(first), str(second), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "a.tsv").read_text(encoding="utf-8") == "source\ttarget\n你好\tHello, world\n"
    assert (out / "b.jsonl").read_text(encoding="utf-8") == '{"source": "你好", "target": "Hello, world"}\n'


def test_fix_select_and_ignore_choose_the_rules(tmp_path: Path) -> None:
    source = tmp_path / "a.tsv"
    source.write_text("source\ttarget\n你好\tHello ,world，ok\n", encoding="utf-8")
    result = run("fix", str(source), "--diff", "--select", "PU01")
    assert "+你好\tHello ,world, ok" in result.stdout or "+你好\tHello ,world,ok" in result.stdout
    result = run("fix", str(source), "--diff", "--ignore", "PU01")
    assert "，" in result.stdout.splitlines()[-1]


def test_fix_leaves_a_locked_segment_alone_unless_told(tmp_path: Path) -> None:
    # Segment 1 of this Trados file is locked (signed off); segment 2 is only translated.
    source = tmp_path / "report.sdlxliff"
    original = (REPO / "tests" / "data" / "cat" / "annual-report.zh-en.sdlxliff").read_bytes()
    source.write_bytes(
        original.replace(b"In 2023, the company", b"In 2023,  the company").replace(b"Net profit rose", b"Net profit  rose")
    )
    def fixed_unit(*options: str) -> str:
        result = run("fix", str(source), "--diff", "--isolated", "--select", "GR03", *options)
        return next(line for line in result.stdout.splitlines() if line.startswith("+<trans-unit"))

    assert "In 2023,  the company" in fixed_unit() and "Net profit rose" in fixed_unit()
    assert "In 2023, the company" in fixed_unit("--no-skip-locked")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "say where the fixes go"),
        (("--diff", "--in-place"), "say where the fixes go"),
        (("--diff", "--no-backup"), "--no-backup goes with --in-place"),
    ],
)
def test_fix_usage_errors(args: tuple[str, ...], message: str) -> None:
    result = run("fix", str(SAMPLE), *args)
    assert result.exit_code == 2 and message in result.stderr


def test_fix_never_writes_over_an_input_without_in_place(tmp_path: Path) -> None:
    copy = tmp_path / "sample.txt"
    copy.write_bytes(SAMPLE.read_bytes())
    result = run("fix", str(copy), "-o", str(copy))
    assert result.exit_code == 2 and "never writes over its inputs" in result.stderr
    assert copy.read_bytes() == SAMPLE.read_bytes()


def test_fix_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "a.tmx"
    broken.write_text("<tmx><body><tu>", encoding="utf-8")
    result = run("fix", str(broken), "-o", str(tmp_path / "out.tmx"))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "a.tmx" in result.stderr
    assert not (tmp_path / "out.tmx").exists()


def test_the_readme_diff_example_is_what_fix_prints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ qa-tool fix pairs.tsv --diff\n", 1)[1].split("```", 1)[0]
    diff = [line for line in shown.splitlines() if not line.startswith("pairs.tsv: ")]
    original = [line[1:] for line in diff[3:] if line.startswith((" ", "-"))]
    (tmp_path / "pairs.tsv").write_text("\n".join(original) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("fix", "pairs.tsv", "--diff")
    assert result.stdout + result.stderr == shown
