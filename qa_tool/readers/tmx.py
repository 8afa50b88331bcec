"""TMX 1.1–1.4: one pair per <tu>, its sides picked by the language of each <tuv>."""

from __future__ import annotations

from typing import BinaryIO, Iterator

from lxml import etree

from qa_tool.errors import InputError
from qa_tool.languages.codes import same_language
from qa_tool.model import InlineTag, Location, SegmentPair
from qa_tool.readers import ReadOptions
from qa_tool.readers._xml import flatten_inline, local_name, parse_events, release

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# TMX 1.1 wrote the language as a plain lang attribute.
_TMX11_LANG = "lang"


def read(stream: BinaryIO, name: str, options: ReadOptions) -> Iterator[SegmentPair]:
    """Yield a pair for every <tu> that has a source-language variant, whatever the file's
    srclang says; a missing target-language variant gives an empty target."""
    # Of the ten events a unit, the end of the <tu> alone is read.
    events = parse_events(stream, name, options.encoding, ends_of=("{*}tu",))
    _, root = next(events)
    if local_name(root) != "tmx":
        raise InputError(f"this is not a TMX file: its root element is <{local_name(root)}>, not <tmx>", path=name)
    unit_count = 0
    pair_count = 0
    languages_found: set[str] = set()
    for _, unit in events:
        unit_count += 1
        pair = _pair_of_unit(unit, unit_count, name, options, languages_found)
        release(unit)
        if pair is not None:
            pair_count += 1
            yield pair
    if unit_count and not pair_count:
        found = ", ".join(sorted(languages_found)) or "none (no <tuv> has xml:lang)"
        raise InputError(
            f"no translation unit has a {options.source_lang} variant; languages found: {found}", path=name
        )


def _pair_of_unit(
    unit: etree._Element, ordinal: int, name: str, options: ReadOptions, languages_found: set[str]
) -> SegmentPair | None:
    notes: list[str] = []
    source_variant, target_variant = language_variants(unit, options, languages_found, notes)
    if source_variant is None:
        return None
    source_segment = _segment_and_notes(source_variant, notes)
    target_segment = _segment_and_notes(target_variant, notes)
    source, source_tags = ("", ()) if source_segment is None else flatten_inline(source_segment)
    target, target_tags = ("", ()) if target_segment is None else flatten_inline(target_segment)
    return SegmentPair(
        pair_id(unit, ordinal),
        source,
        target,
        Location(name, unit.sourceline, unit.get("tuid") or None),
        tuple(notes),
        source_tags,
        target_tags,
    )


def pair_id(unit: etree._Element, ordinal: int) -> str:
    """The id of a <tu>'s pair: its tuid, else its 1-based position among the file's <tu>s."""
    return unit.get("tuid") or str(ordinal)


def language_variants(
    unit: etree._Element,
    options: ReadOptions,
    languages_found: set[str] | None = None,
    notes: list[str] | None = None,
) -> tuple[etree._Element | None, etree._Element | None]:
    """A <tu>'s first <tuv> in the source language and its first other <tuv> in the target
    language (None where there is none); adds the languages seen to ``languages_found`` and
    the unit's own notes to ``notes``."""
    source_variant: etree._Element | None = None
    target_variant: etree._Element | None = None
    # One walk of the children for variants and notes: each child visited makes an element
    # object, and a tag-matching iterchildren builds its matcher on every call.
    for child in unit:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag != "tuv" and not tag.endswith("}tuv"):
            if notes is not None:
                _add_note(child, notes)
            continue
        language = child.get(_XML_LANG) or child.get(_TMX11_LANG)
        if language and languages_found is not None:
            languages_found.add(language)
        if source_variant is None and same_language(language, options.source_lang):
            source_variant = child
        elif target_variant is None and same_language(language, options.target_lang):
            target_variant = child
    return source_variant, target_variant


def segment_of(variant: etree._Element | None) -> etree._Element | None:
    """The <seg> of a <tuv>, None when either is missing."""
    return None if variant is None else next(variant.iterchildren("{*}seg"), None)


def _segment_and_notes(variant: etree._Element | None, notes: list[str]) -> etree._Element | None:
    """The <seg> of a <tuv> (None when either is missing), adding the variant's notes to
    ``notes`` in the same walk of its children."""
    if variant is None:
        return None
    segment = None
    for child in variant:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == "seg" or tag.endswith("}seg"):
            if segment is None:
                segment = child
        else:
            _add_note(child, notes)
    return segment


def _add_note(element: etree._Element, notes: list[str]) -> None:
    """A <note>'s text or a <prop type="note">'s value, when it has any."""
    name = local_name(element)
    if name == "note" or (name == "prop" and element.get("type") == "note"):
        text = "".join(element.itertext()).strip()
        if text:
            notes.append(text)
