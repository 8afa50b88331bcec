"""TMX and XLIFF readers: real fixtures, encodings, language codes, inline markup, segmentation,
direction, hostile and broken XML, streaming."""

from __future__ import annotations

import codecs
import inspect
import io
import time
from pathlib import Path
from types import ModuleType
from typing import Callable

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from qa_tool.errors import InputError
from qa_tool.model import InlineTag, Location, SegmentPair
from qa_tool.readers import ReadOptions, tmx, xliff
from qa_tool.readers._xml import parse_events, release

HAN = regex.compile(r"\p{Han}")
XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_2 = "urn:oasis:names:tc:xliff:document:2.0"


def tmx_text(units: str, declared_encoding: str = "UTF-8") -> str:
    """A TMX 1.4 document whose first unit is on line 4."""
    return (
        f'<?xml version="1.0" encoding="{declared_encoding}"?>\n'
        '<tmx version="1.4"><header srclang="zh-CN" segtype="sentence" o-tmf="x" adminlang="en" '
        'datatype="plaintext" creationtool="test" creationtoolversion="1"/>\n'
        f"<body>\n{units}\n</body></tmx>\n"
    )


def tmx_file(units: str) -> bytes:
    return tmx_text(units).encode("utf-8")


def tu(zh: str | None, en: str | None, zh_code: str = "zh-CN", en_code: str = "en-US", attributes: str = "") -> str:
    variants = [
        f'<tuv xml:lang="{code}"><seg>{text}</seg></tuv>'
        for code, text in ((zh_code, zh), (en_code, en))
        if text is not None
    ]
    return f"<tu{attributes}>{''.join(variants)}</tu>"


def read_tmx(data: bytes, **options: str) -> list[SegmentPair]:
    return list(tmx.read(io.BytesIO(data), "test.tmx", ReadOptions(**options)))


def read_xliff(data: str | bytes, **options: str) -> list[SegmentPair]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return list(xliff.read(io.BytesIO(raw), "test.xlf", ReadOptions(**options)))


# ---------------------------------------------------------------- real fixtures


@pytest.mark.parametrize(
    ("options", "first_source", "first_target"),
    [
        ({}, "这些症状已持续多长时间？", "about how long have these symptoms been going on?"),
        (
            {"source_lang": "en", "target_lang": "zh"},
            "about how long have these symptoms been going on?",
            "这些症状已持续多长时间？",
        ),
    ],
)
def test_real_tmx_gives_every_unit_with_sides_chosen_by_language(
    shared_dir: Path, options: dict[str, str], first_source: str, first_target: str
) -> None:
    pairs = read_tmx((shared_dir / "fixtures/tico19_en_zh/all.en-zh.tmx").read_bytes(), **options)

    assert len(pairs) == 3071
    assert len({pair.id for pair in pairs}) == 3071
    first = pairs[0]
    assert (first.id, first.source, first.target) == ("CMU_1:1", first_source, first_target)
    assert first.location == Location(path="test.tmx", line=3, unit="CMU_1:1")
    assert first.notes == ("http://www.speech.cs.cmu.edu/haitian/text/1600_medical_domain_sentences.en",)


def test_real_tmx_sources_are_chinese(shared_dir: Path) -> None:
    pairs = read_tmx((shared_dir / "fixtures/tico19_en_zh/all.en-zh.tmx").read_bytes())

    assert all(HAN.search(pair.source) for pair in pairs)
    assert pairs[1].target == "and all chest pain should be treated this way especially with your age"
    assert pairs[-1].id == "wiki_9:3071"


def test_real_xliff_is_read_reversed_with_placeholders_kept(shared_dir: Path) -> None:
    path = shared_dir / "fixtures/xliff_firefoxios_zh-CN/firefox-ios.zh-CN.xliff"
    pairs = read_xliff(path.read_bytes())

    assert len(pairs) == 795
    assert len({pair.id for pair in pairs}) == 795
    assert sum(bool(HAN.search(pair.source)) for pair in pairs) > 700
    assert not any(HAN.search(pair.target) for pair in pairs)
    with_placeholder = [pair for pair in pairs if "%@" in pair.source]
    assert len(with_placeholder) == 19
    assert all("%@" in pair.target for pair in with_placeholder)
    preview = next(pair for pair in pairs if pair.id == "Client/3DTouchActions.strings#Preview of %@")
    assert (preview.source, preview.target) == ("%@ 的预览", "Preview of %@")
    assert preview.location == Location(path="test.xlf", line=63, unit="Client/3DTouchActions.strings#Preview of %@")
    assert preview.notes[0].startswith("Accessibility label")


# ---------------------------------------------------------------- TMX


@pytest.mark.parametrize(
    ("declared", "codec", "bom"),
    [
        ("UTF-8", "utf-8", b""),
        ("UTF-8", "utf-8", codecs.BOM_UTF8),
        ("UTF-16", "utf-16-le", codecs.BOM_UTF16_LE),
        ("UTF-16", "utf-16-be", codecs.BOM_UTF16_BE),
        ("GB18030", "gb18030", b""),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "gb18030-declared"],
)
def test_tmx_encodings_are_detected_from_bom_and_declaration(declared: str, codec: str, bom: bytes) -> None:
    data = bom + tmx_text(tu("中文“引号”", "English"), declared).encode(codec)

    pairs = read_tmx(data)

    assert [(pair.source, pair.target) for pair in pairs] == [("中文“引号”", "English")]


def test_forced_encoding_overrides_a_wrong_declaration() -> None:
    data = tmx_file(tu("中文", "English")).replace("中文".encode(), "中文".encode("gb18030"))

    assert read_tmx(data, encoding="gb18030")[0].source == "中文"
    with pytest.raises(InputError):
        read_tmx(data)


def test_unknown_forced_encoding_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown encoding"):
        read_tmx(tmx_file(tu("中文", "English")), encoding="no-such-codec")


@pytest.mark.parametrize(
    ("zh_code", "en_code"),
    [("zh", "en"), ("zh-Hant", "en-US"), ("ZH-TW", "EN-GB"), ("zh_Hans", "en_us"), ("zh-Hant-HK", "EN")],
)
def test_tmx_language_codes_match_by_primary_subtag(zh_code: str, en_code: str) -> None:
    pairs = read_tmx(tmx_file(tu("中文", "English", zh_code, en_code)))

    assert [(pair.source, pair.target) for pair in pairs] == [("中文", "English")]


def test_tmx_11_lang_attribute() -> None:
    unit = '<tu><tuv lang="EN-US"><seg>Hello</seg></tuv><tuv lang="ZH-CN"><seg>你好</seg></tuv></tu>'

    assert [(pair.source, pair.target) for pair in read_tmx(tmx_file(unit))] == [("你好", "Hello")]


def test_tmx_ids_lines_missing_sides_and_notes() -> None:
    units = "\n".join(
        [
            tu("一", "one", attributes=' tuid="a1"'),
            tu("二", None),
            tu(None, "three only"),
            '<tu><note>unit note</note><prop type="x-origin">ignored</prop><prop type="note">prop note</prop>'
            '<tuv xml:lang="zh"><note>zh note</note><seg>四</seg></tuv>'
            '<tuv xml:lang="de"><note>not ours</note><seg>vier</seg></tuv>'
            '<tuv xml:lang="en"><seg>four</seg></tuv></tu>',
        ]
    )
    pairs = read_tmx(tmx_file(units))

    assert [(pair.id, pair.source, pair.target) for pair in pairs] == [
        ("a1", "一", "one"),
        ("2", "二", ""),
        ("4", "四", "four"),
    ]
    assert [pair.location for pair in pairs] == [
        Location("test.tmx", 4, "a1"),
        Location("test.tmx", 5, None),
        Location("test.tmx", 7, None),
    ]
    assert pairs[2].notes == ("unit note", "prop note", "zh note")


def test_tmx_notes_come_unit_first_then_source_then_target_wherever_they_stand() -> None:
    """The unit's children and each variant's are walked once for variants, segments and notes
    together: a note's place among them does not change the order notes are given in."""
    unit = (
        '<tu><tuv xml:lang="en"><note>en note</note><seg>five</seg><seg>not the segment</seg></tuv>'
        "<note>unit note after the variants</note>"
        '<tuv xml:lang="zh"><seg>五</seg><prop type="note">zh prop</prop></tuv>'
        '<prop type="note">  </prop></tu>'
    )

    (pair,) = read_tmx(tmx_file(unit))

    assert (pair.source, pair.target) == ("五", "five")
    assert pair.notes == ("unit note after the variants", "zh prop", "en note")


def test_tmx_without_source_language_names_the_languages_found() -> None:
    units = tu(None, "Hello") + '<tu><tuv xml:lang="de"><seg>Hallo</seg></tuv></tu>'

    with pytest.raises(InputError, match=r"no translation unit has a zh variant; languages found: de, en-US"):
        read_tmx(tmx_file(units))


def test_tmx_with_no_units_gives_no_pairs() -> None:
    assert read_tmx(tmx_file("")) == []


@pytest.mark.parametrize(
    ("segment", "text", "tags"),
    [
        ('按<ph x="1">&lt;b/&gt;</ph>确定', "按确定", [InlineTag("ph", "1", 1, "standalone", "<b/>")]),
        (
            '<bpt i="1">&lt;b&gt;</bpt>粗体<ept i="1">&lt;/b&gt;</ept>文字',
            "粗体文字",
            [InlineTag("bpt", "1", 0, "open", "<b>"), InlineTag("ept", "1", 2, "close", "</b>")],
        ),
        (
            'a<hi x="2" type="bold">bold</hi>c',
            "aboldc",
            [InlineTag("hi", "2", 1, "open"), InlineTag("hi", "2", 5, "close")],
        ),
        (
            '<it pos="begin" x="3">&lt;i&gt;</it>斜体<it pos="end">&lt;/i&gt;</it>',
            "斜体",
            [InlineTag("it", "3", 0, "open", "<i>"), InlineTag("it", "", 2, "close", "</i>")],
        ),
        ("x<ut>{\\b}</ut>y", "xy", [InlineTag("ut", "", 1, "standalone", "{\\b}")]),
        (
            'a<hi x="1">b<ph x="2">&lt;br/&gt;</ph>c</hi>d',
            "abcd",
            [
                InlineTag("hi", "1", 1, "open"),
                InlineTag("ph", "2", 2, "standalone", "<br/>"),
                InlineTag("hi", "1", 3, "close"),
            ],
        ),
        ("前<!-- a comment -->后", "前后", []),
    ],
)
def test_tmx_inline_markup_is_taken_out_of_the_text(segment: str, text: str, tags: list[InlineTag]) -> None:
    (pair,) = read_tmx(tmx_file(tu(segment, segment)))

    assert (pair.source, list(pair.source_tags)) == (text, tags)
    assert (pair.target, list(pair.target_tags)) == (text, tags)


# XML 1.0 allows tab, newline, carriage return and everything from U+0020 except surrogates
# (the utf-8 codec already leaves those out), U+FFFE and U+FFFF.
_XML_CHARACTERS = st.characters(codec="utf-8", exclude_characters="\ufffe\uffff").filter(
    lambda char: char in "\t\n\r" or char >= " "
)


@settings(max_examples=60, deadline=None)
@given(zh=st.text(_XML_CHARACTERS, max_size=40), en=st.text(_XML_CHARACTERS, max_size=40))
def test_any_text_written_by_lxml_reads_back_unchanged(zh: str, en: str) -> None:
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", srclang="zh")
    unit = etree.SubElement(etree.SubElement(root, "body"), "tu")
    for code, text in (("zh", zh), ("en", en)):
        variant = etree.SubElement(unit, "tuv", {"{http://www.w3.org/XML/1998/namespace}lang": code})
        etree.SubElement(variant, "seg").text = text

    (pair,) = read_tmx(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))

    assert (pair.source, pair.target) == (zh, en)


# ---------------------------------------------------------------- XLIFF 1.2

XLIFF_12_TWO_FILES = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="{XLIFF_12}" version="1.2">
  <file original="a.strings" source-language="zh-CN" target-language="en-US" datatype="plaintext">
    <body>
      <trans-unit id="greeting">
        <source>点击<g id="1">这里</g><x id="2"/>继续</source>
        <target>Click <g id="1">here</g><x id="2"/> to continue</target>
        <note>Button text</note>
        <note>Max 20 characters</note>
      </trans-unit>
      <trans-unit id="skipped" translate="no"><source>不译</source><target>no</target></trans-unit>
      <group id="g1">
        <trans-unit id="untranslated"><source>未翻译</source></trans-unit>
      </group>
    </body>
  </file>
  <file original="b.strings" source-language="zh" target-language="en">
    <body>
      <trans-unit id="greeting">
        <source>名称<ph id="1">%s</ph></source>
        <target>Name <ph id="1">%s</ph></target>
        <alt-trans><source>别的</source><target>other</target></alt-trans>
      </trans-unit>
      <trans-unit id="para">
        <source>第一句。第二句。</source>
        <seg-source><mrk mtype="seg" mid="1">第一句。</mrk><mrk mtype="seg" mid="2">第二<g id="5">句</g>。</mrk></seg-source>
        <target><mrk mtype="seg" mid="1">First.</mrk><mrk mtype="seg" mid="2">Second <g id="5">one</g>.</mrk></target>
      </trans-unit>
      <trans-unit id="half">
        <source>甲。乙。</source>
        <seg-source><mrk mtype="seg" mid="1">甲。</mrk><mrk mtype="seg" mid="2">乙。</mrk></seg-source>
        <target><mrk mtype="seg" mid="1">A.</mrk></target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_xliff_12_units_files_notes_and_missing_targets() -> None:
    pairs = read_xliff(XLIFF_12_TWO_FILES)

    assert [(pair.id, pair.source, pair.target) for pair in pairs] == [
        ("a.strings#greeting", "点击这里继续", "Click here to continue"),
        ("a.strings#untranslated", "未翻译", ""),
        ("b.strings#greeting", "名称", "Name "),
        ("b.strings#para:1", "第一句。", "First."),
        ("b.strings#para:2", "第二句。", "Second one."),
        ("b.strings#half:1", "甲。", "A."),
        ("b.strings#half:2", "乙。", ""),
    ]
    assert pairs[0].notes == ("Button text", "Max 20 characters")
    assert pairs[0].location == Location("test.xlf", 5, "a.strings#greeting")
    assert pairs[4].location == Location("test.xlf", 24, "b.strings#para")


def test_xliff_12_inline_tags() -> None:
    greeting, _, placeholder, _, second_sentence, *_ = read_xliff(XLIFF_12_TWO_FILES)

    assert greeting.source_tags == (
        InlineTag("g", "1", 2, "open"),
        InlineTag("g", "1", 4, "close"),
        InlineTag("x", "2", 4, "standalone"),
    )
    assert greeting.target_tags == (
        InlineTag("g", "1", 6, "open"),
        InlineTag("g", "1", 10, "close"),
        InlineTag("x", "2", 10, "standalone"),
    )
    assert placeholder.source_tags == (InlineTag("ph", "1", 2, "standalone", "%s"),)
    assert second_sentence.target_tags == (InlineTag("g", "5", 7, "open"), InlineTag("g", "5", 10, "close"))


def test_xliff_12_without_namespace() -> None:
    document = XLIFF_12_TWO_FILES.replace(f' xmlns="{XLIFF_12}"', "")

    assert [pair.id for pair in read_xliff(document)] == [pair.id for pair in read_xliff(XLIFF_12_TWO_FILES)]


_CHILD_NAMES = ["source", "target", "seg-source", "note", "alt-trans"]


@settings(max_examples=80, deadline=None)
@given(
    children=st.lists(
        st.tuples(st.sampled_from(_CHILD_NAMES), st.sampled_from(["", XLIFF_12, "urn:other"])), max_size=7
    )
)
def test_a_units_children_by_name_are_what_find_gives(children: list[tuple[str, str]]) -> None:
    """The one walk of a unit's children finds what a find("{*}name") per name finds, and
    every note in order, whatever the namespaces, repeats and order of the children."""
    unit = etree.Element(f"{{{XLIFF_12}}}trans-unit")
    for number, (name, namespace) in enumerate(children):
        etree.SubElement(unit, f"{{{namespace}}}{name}" if namespace else name).text = str(number)
    unit.append(etree.Entity("nbsp"))

    walked = xliff._Children(unit)

    for name in _CHILD_NAMES:
        assert walked.first(name) is unit.find(f"{{*}}{name}")
    assert walked.notes == list(unit.iterchildren("{*}note"))


def test_xliff_12_without_original_uses_the_unit_id() -> None:
    document = f"""<xliff xmlns="{XLIFF_12}" version="1.2"><file source-language="zh" datatype="x"><body>
    <trans-unit id="7"><source>七</source><target>seven</target></trans-unit></body></file></xliff>"""

    assert [(pair.id, pair.location.unit) for pair in read_xliff(document)] == [("7", "7")]


# ---------------------------------------------------------------- XLIFF 2

XLIFF_2_DOCUMENT = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="{XLIFF_2}" version="2.0" srcLang="zh-Hans" trgLang="en">
  <file id="f1" original="app.json">
    <unit id="u1">
      <notes><note category="context">Shown on the start page</note></notes>
      <originalData><data id="d1">&lt;br/&gt;</data></originalData>
      <segment id="s1">
        <source>欢迎<pc id="1">回来</pc><ph id="2" dataRef="d1"/></source>
        <target>Welcome <pc id="1">back</pc><ph id="2" dataRef="d1"/></target>
      </segment>
      <ignorable><source> </source></ignorable>
      <segment>
        <source>再见<cp hex="0007"/></source>
        <target>Bye<sc id="3"/>!<ec startRef="3"/></target>
      </segment>
    </unit>
    <group id="g">
      <unit id="u2"><segment><source>只有原文</source></segment></unit>
      <unit id="u3" translate="no"><segment><source>不译</source></segment></unit>
    </group>
  </file>
</xliff>
"""


def test_xliff_2_units_segments_notes_and_tags() -> None:
    pairs = read_xliff(XLIFF_2_DOCUMENT)

    assert [(pair.id, pair.source, pair.target) for pair in pairs] == [
        ("app.json#u1:s1", "欢迎回来", "Welcome back"),
        ("app.json#u1:2", "再见\a", "Bye!"),
        ("app.json#u2", "只有原文", ""),
    ]
    assert pairs[0].notes == ("Shown on the start page",)
    assert pairs[0].location == Location("test.xlf", 4, "app.json#u1")
    assert pairs[0].source_tags == (
        InlineTag("pc", "1", 2, "open"),
        InlineTag("pc", "1", 4, "close"),
        InlineTag("ph", "2", 4, "standalone"),
    )
    assert pairs[1].target_tags == (InlineTag("sc", "3", 3, "open"), InlineTag("ec", "3", 4, "close"))


# ---------------------------------------------------------------- direction


def _reverse_languages(document: str) -> str:
    return (
        document.replace(
            'source-language="zh-CN" target-language="en-US"', 'source-language="en-US" target-language="zh-CN"'
        )
        .replace('source-language="zh" target-language="en"', 'source-language="en" target-language="zh"')
        .replace('srcLang="zh-Hans" trgLang="en"', 'srcLang="en" trgLang="zh-Hans"')
    )


@pytest.mark.parametrize("document", [XLIFF_12_TWO_FILES, XLIFF_2_DOCUMENT], ids=["1.2", "2.0"])
def test_xliff_written_the_other_way_round_is_read_swapped(document: str) -> None:
    as_written = read_xliff(document)
    reversed_file = read_xliff(_reverse_languages(document))

    assert [(pair.source, pair.target, pair.source_tags, pair.target_tags) for pair in reversed_file] == [
        (pair.target, pair.source, pair.target_tags, pair.source_tags) for pair in as_written
    ]


def test_xliff_without_languages_is_taken_as_written() -> None:
    document = (
        f'<xliff xmlns="{XLIFF_2}" version="2.0"><file id="f"><unit id="u">'
        "<segment><source>A</source><target>B</target></segment></unit></file></xliff>"
    )

    assert [(pair.source, pair.target) for pair in read_xliff(document)] == [("A", "B")]


def test_xliff_in_other_languages_is_an_input_error() -> None:
    document = XLIFF_12_TWO_FILES.replace(
        'source-language="zh" target-language="en"', 'source-language="de" target-language="fr"'
    )

    with pytest.raises(InputError, match="translates de into fr") as caught:
        read_xliff(document)
    assert caught.value.line == 17


# ---------------------------------------------------------------- broken and hostile input

_TRUNCATED_TMX = tmx_file(tu("一", "one") + "\n" + tu("二", "two"))[:-40]


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (_TRUNCATED_TMX, "not well-formed XML", 5),
        (tmx_file(tu("不&nbsp;间断", "x")), "Entity 'nbsp' not defined", 4),
        (tmx_file("<tu><tuv xml:lang='zh'><seg>a</tuv></tu>"), "mismatch", 4),
        (b"", "not well-formed XML", None),
        (b"zh\ten\n", "not well-formed XML", 1),
    ],
    ids=["truncated", "undefined-entity", "mismatched-tags", "empty", "not-xml"],
)
def test_malformed_xml_is_an_input_error_with_its_line(data: bytes, message: str, line: int | None) -> None:
    with pytest.raises(InputError, match=message) as caught:
        read_tmx(data)
    assert (caught.value.path, caught.value.line) == ("test.tmx", line)


_HOSTILE_DOCUMENTS = {
    tmx: "<tmx version='1.4'><body><tu><tuv xml:lang='zh'><seg>{reference}</seg></tuv></tu></body></tmx>",
    xliff: f"<xliff xmlns='{XLIFF_12}' version='1.2'><file source-language='zh'><body>"
    "<trans-unit id='1'><source>{reference}</source></trans-unit></body></file></xliff>",
}


def _entity_attack(kind: str, secret: Path) -> tuple[str, str]:
    """The DOCTYPE declarations and the reference that would use them."""
    if kind == "xxe":
        return f'<!ENTITY xxe SYSTEM "{secret.as_uri()}">', "&xxe;"
    levels = "".join(f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10))
    return '<!ENTITY lol0 "lol">' + levels, "&lol9;"


@pytest.mark.parametrize("module", [tmx, xliff], ids=["tmx", "xliff"])
@pytest.mark.parametrize("kind", ["xxe", "billion-laughs"])
def test_a_dtd_with_entities_is_rejected_before_anything_is_read(tmp_path: Path, module: ModuleType, kind: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    declarations, reference = _entity_attack(kind, secret)
    body = _HOSTILE_DOCUMENTS[module].format(reference=reference)
    document = f'<?xml version="1.0"?>\n<!DOCTYPE x [{declarations}]>\n{body}'.encode()

    pairs: list[SegmentPair] = []
    started = time.perf_counter()
    with pytest.raises(InputError, match="declares a DTD with entities") as caught:
        pairs.extend(module.read(io.BytesIO(document), "test", ReadOptions()))

    assert time.perf_counter() - started < 1
    assert pairs == []
    assert "TOP-SECRET" not in str(caught.value)


def test_an_external_doctype_is_not_fetched_and_is_allowed() -> None:
    data = tmx_file(tu("中&nbsp;文", "English")).replace(
        b"<tmx ", b'<!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd">\n<tmx ', 1
    )

    (pair,) = read_tmx(data)

    assert pair.source == "中&nbsp;文"


@pytest.mark.parametrize(
    ("reader", "data", "message"),
    [
        (read_tmx, f'<xliff xmlns="{XLIFF_12}" version="1.2"/>'.encode(), "not a TMX file"),
        (read_xliff, tmx_file(""), "not an XLIFF file"),
        (read_xliff, b'<xliff xmlns="urn:example:xliff:3" version="3.0"/>', "unsupported XLIFF version 3.0"),
    ],
)
def test_wrong_kind_of_xml_is_an_input_error(
    reader: Callable[[bytes], list[SegmentPair]], data: bytes, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        reader(data)


@pytest.mark.parametrize(
    ("data", "root"),
    [
        (b"<tmx><body><tu/></body></tmx>", "tmx"),
        (b'<tmx xmlns="urn:example"><body><tu/></body></tmx>', "{urn:example}tmx"),
        (b"<xliff><tu/></xliff>", "xliff"),  # a root left out, reported at the first <tu>
        (b"<xliff><file/></xliff>", "xliff"),  # ... or at the end, when none follows
    ],
)
def test_with_the_ends_of_some_elements_the_root_still_comes_first(data: bytes, root: str) -> None:
    events = list(parse_events(io.BytesIO(data), "test.xml", ends_of=("{*}tu",)))

    assert events[0][0] == "start" and events[0][1].tag == root
    assert [(event, element.tag.rpartition("}")[2]) for event, element in events[1:]] == (
        [("end", "tu")] if b"<tu/>" in data else []
    )


def test_a_tmx_root_after_only_its_first_unit_is_still_refused() -> None:
    with pytest.raises(InputError, match="not a TMX file: its root element is <tmxx>"):
        read_tmx(b"<tmxx><body>" + tu("一", "one").encode() + b"</body></tmxx>")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                tu("一", "one"),
                tu("<hi>二</hi>", "<bpt i='1'>&lt;b&gt;</bpt>two<ept i='1'>&lt;/b&gt;</ept>"),
                tu("三", None, attributes=' tuid="t3"'),
                tu(None, "four"),
                '<tu><note>a note</note><prop type="note">a prop</prop>'
                '<tuv xml:lang="zh"><note>v</note><seg>五</seg></tuv><tuv xml:lang="en"><seg>five</seg></tuv></tu>',
                "<!-- a comment --><tu><tuv xml:lang='zh'><seg>六<ph>x</ph></seg></tuv></tu>",
            ]
        ),
        max_size=8,
    )
)
def test_tmx_pairs_are_those_of_every_unit_ending(units: list[str]) -> None:
    """Reading only the units' events gives what walking every element's events gives."""
    data = tmx_file("\n".join([tu("零", "zero"), *units]))  # one unit with a source at least
    events = parse_events(io.BytesIO(data), "test.tmx")
    next(events)
    every_unit = [element for event, element in events if event == "end" and element.tag == "tu"]
    expected = [
        tmx._pair_of_unit(unit, ordinal, "test.tmx", ReadOptions(), set()) for ordinal, unit in enumerate(every_unit, 1)
    ]

    assert read_tmx(data) == [pair for pair in expected if pair is not None]


# ---------------------------------------------------------------- streaming


class CountingStream(io.BytesIO):
    """Remembers how far the parser has read."""

    furthest = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.furthest = max(self.furthest, self.tell())
        return chunk


@pytest.mark.parametrize(
    ("module", "data"),
    [
        (tmx, tmx_file("\n".join(tu(f"句子{n}", f"sentence {n}") for n in range(20_000)))),
        (
            xliff,
            (
                f'<xliff xmlns="{XLIFF_12}" version="1.2"><file source-language="zh" target-language="en"><body>'
                + "".join(
                    f'<trans-unit id="{n}"><source>句子{n}</source><target>s {n}</target></trans-unit>'
                    for n in range(20_000)
                )
            ).encode(),  # never closed: reading to the end would fail
        ),
    ],
    ids=["tmx", "xliff"],
)
def test_the_first_pair_comes_before_the_file_is_read(module: ModuleType, data: bytes) -> None:
    stream = CountingStream(data)

    pairs = module.read(stream, "big", ReadOptions())
    assert inspect.isgenerator(pairs)
    first = next(pairs)

    assert first.source == "句子0"
    assert stream.furthest < len(data) / 4


def test_released_units_do_not_pile_up_under_their_parent() -> None:
    events = parse_events(io.BytesIO(tmx_file("\n".join(tu("一", "one") for _ in range(50)))), "test.tmx")
    _, root = next(events)
    for event, element in events:
        if event == "end" and element.tag == "tu":
            release(element)
            assert len(element) == 0
            assert element.getprevious() is None
    assert len(root.find("body")) == 1
