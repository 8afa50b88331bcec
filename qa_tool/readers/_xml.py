"""What the XML readers (TMX, XLIFF) share: a hardened streaming parser and the flattening of
inline markup into plain text plus InlineTag records."""

from __future__ import annotations

import re
from typing import BinaryIO, Iterator

from lxml import etree

from qa_tool.errors import InputError
from qa_tool.model import InlineTag

# Entities are never expanded and nothing is fetched: a file must not make qa-tool read other
# files or the network, nor grow without bound. Comments and processing instructions carry no
# translatable text, and dropping them at parse time keeps them out of segment text (the whole
# tree parsed for writing an annotated copy keeps them, and keeps CDATA sections as written).
_SAFE = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}
_HARDENED = {**_SAFE, "remove_comments": True, "remove_pis": True}
# libxml2 repeats the position at the end of its messages; the InputError carries the line.
_POSITION_SUFFIX = re.compile(r",? line \d+, column \d+$")
# libxml2's error for bytes that are not text in the document's encoding.
_UNDECODABLE_BYTES = "ERR_INVALID_ENCODING"
# libxml2 2.14 (lxml 6.2) stops at a DTD whose entities would expand without bound before
# the root element is reached, with this error instead of letting reject_internal_dtd see it.
_ENTITY_LIMIT = "ERR_RESOURCE_LIMIT"
_DTD_WITH_ENTITIES = (
    "the file declares a DTD with entities; qa-tool does not read DTDs "
    "(they can read local files or expand without bound)"
)
# What lxml says when the parser was given no bytes at all.
_NOTHING_PARSED = "no element found"

# Elements that stand for native code (formatting, placeholders) rather than text, with the
# kind of tag each one is. TMX: ph bpt ept it ut; XLIFF 1.2: x bx ex ph bpt ept it;
# XLIFF 2: ph sc ec sm em. The names mean the same wherever they occur, so one table serves all.
_NATIVE_CODE_KINDS = {
    "ph": "standalone",
    "x": "standalone",
    "ut": "standalone",
    "bpt": "open",
    "bx": "open",
    "sc": "open",
    "sm": "open",
    "ept": "close",
    "ex": "close",
    "ec": "close",
    "em": "close",
}
# An isolated tag says in its pos attribute which half it is (TMX begin/end, XLIFF 1.2 open/close).
_ISOLATED_TAG = "it"
_ISOLATED_KINDS = {"begin": "open", "open": "open", "end": "close", "close": "close"}
# Elements that wrap translatable text: TMX hi, XLIFF 1.2 g and mrk, XLIFF 2 pc and mrk.
_PAIRED = frozenset({"hi", "g", "pc", "mrk"})
# Trados Studio marks comments, tracked changes and search hits with <mrk> in a segment
# (SDLXLIFF): a comment, an insertion or a hit keeps its text and is no markup of the
# translation; a tracked deletion is text that is no longer there.
_TRANSPARENT_MARKERS = frozenset({"x-sdl-comment", "x-sdl-added", "x-sdl-location"})
_DELETED_MARKER = "x-sdl-deleted"
# XLIFF 2 writes a character that XML cannot hold as <cp hex="0007"/>.
_CODE_POINT = "cp"
# ec and em point at their opening tag with startRef when they have no id of their own.
_ID_ATTRIBUTES = ("i", "x", "id", "rid", "startRef")


def parse_events(
    stream: BinaryIO, name: str, encoding: str | None = None, ends_of: tuple[str, ...] | None = None
) -> Iterator[tuple[str, etree._Element]]:
    """Yield ("start" | "end", element) while parsing ``stream`` lazily; the first item is the
    start of the root element. The encoding comes from the BOM or the XML declaration unless
    ``encoding`` overrides it. Malformed XML and a DOCTYPE that declares entities raise
    InputError. Callers ``release`` each element they are done with so memory stays flat.

    With ``ends_of`` (lxml tag patterns, "{*}tu"), the root's start is followed by the ends of
    those elements alone: lxml passes over the other events in C, where each would cost a step
    of the caller's loop. The root's start is then reported when the parser reaches the first
    of those ends, or the end of the document."""
    wanted = {"events": ("start", "end")} if ends_of is None else {"events": ("end",), "tag": ends_of}
    try:
        events = etree.iterparse(stream, encoding=encoding, **wanted, **_HARDENED)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", path=name) from None
    try:
        first = next(events, None)
        root = events.root if first is None else first[1].getroottree().getroot()
        reject_internal_dtd(root, name)
        yield "start", root
        if first is not None and first[0] == "end":
            yield first
        yield from events
    except etree.XMLSyntaxError as error:
        raise _syntax_error(error, events.error_log, name, encoding) from None


def reject_internal_dtd(root: etree._Element, name: str) -> None:
    # Only entities can read files or expand; they are declared in the internal subset. A bare
    # <!DOCTYPE tmx SYSTEM "tmx14.dtd">, common in TMX, is never loaded and shows up here as
    # an internal DTD with no declarations, so it is let through.
    internal = root.getroottree().docinfo.internalDTD
    if internal is not None and next(iter(internal.iterentities()), None) is not None:
        raise InputError(_DTD_WITH_ENTITIES, path=name)


def parse_tree(data: bytes, name: str, encoding: str | None = None) -> etree._ElementTree:
    """The whole document as a tree, with its comments, processing instructions and CDATA,
    for writing a copy of it; hardened, and with the same errors, as ``parse_events``."""
    try:
        parser = etree.XMLParser(encoding=encoding, strip_cdata=False, **_SAFE)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", path=name) from None
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise _syntax_error(error, parser.error_log, name, encoding) from None
    reject_internal_dtd(root, name)
    return root.getroottree()


def _syntax_error(
    error: etree.XMLSyntaxError, log: etree._ListErrorLog, name: str, encoding: str | None
) -> InputError:
    # The first fatal entry is the cause; lxml sometimes raises a later, vaguer one
    # ("no element found" for an undefined entity).
    fatal = log.filter_from_fatals()
    if fatal and fatal[0].type_name == _UNDECODABLE_BYTES:
        told = f"as {encoding}" if encoding else "in the encoding its XML declaration names (UTF-8 if none)"
        hint = "" if encoding else "; if it is GB18030 or Big5 without a declaration saying so, pass --encoding"
        return InputError(f"cannot decode the text {told}: invalid bytes{hint}", path=name, line=fatal[0].line or None)
    if fatal and fatal[0].type_name == _ENTITY_LIMIT and "entity" in fatal[0].message:
        return InputError(_DTD_WITH_ENTITIES, path=name)
    message, line = (fatal[0].message, fatal[0].line) if fatal else (error.msg, error.lineno)
    detail = _POSITION_SUFFIX.sub("", message.strip())
    if not fatal and detail == _NOTHING_PARSED:
        detail = "the file is empty"
    return InputError(f"the file is not well-formed XML: {detail}", path=name, line=line or None)


def release(element: etree._Element) -> None:
    """Drop a finished element's content and the siblings before it, which were released
    already, so a long file does not pile up in memory."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def local_name(element: etree._Element) -> str:
    """The element's name without its namespace: '{urn:...:1.2}trans-unit' → 'trans-unit'."""
    return element.tag.rpartition("}")[2]


def namespace_of(element: etree._Element) -> str | None:
    """The element's namespace URI, None without one. Read up to the tag's last '}': a URI may
    hold a '}' itself, which etree.QName refuses."""
    namespace, brace, _ = element.tag.rpartition("}")
    return namespace[1:] if brace else None


def flatten_inline(element: etree._Element) -> tuple[str, tuple[InlineTag, ...]]:
    """The plain text of a <seg>, <source> or <target> and the inline tags taken out of it.
    Native code (ph, bpt, x, sc...) leaves the text and becomes one tag; a paired element
    (hi, g, pc, mrk) keeps its text and becomes an open and a close tag."""
    if len(element) == 0:
        return element.text or "", ()
    flattened = _Flattened()
    flattened.walk(element)
    return "".join(flattened.pieces), tuple(flattened.tags)


class _Flattened:
    __slots__ = ("pieces", "length", "tags")

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.length = 0
        self.tags: list[InlineTag] = []

    def add_text(self, text: str | None) -> None:
        if text:
            self.pieces.append(text)
            self.length += len(text)

    def add_tag(self, element: etree._Element, name: str, kind: str, code: str = "") -> None:
        self.tags.append(InlineTag(name=name, id=_tag_id(element), position=self.length, kind=kind, code=code))

    def walk(self, element: etree._Element) -> None:
        self.add_text(element.text)
        for child in element:
            if isinstance(child.tag, str):
                self.add_element(child)
            else:
                # An entity reference a DTD we did not load would define: keep it as written.
                self.add_text(child.text)
            self.add_text(child.tail)

    def add_element(self, child: etree._Element) -> None:
        name = local_name(child)
        if name in _NATIVE_CODE_KINDS:
            self.add_tag(child, name, _NATIVE_CODE_KINDS[name], "".join(child.itertext()))
        elif name == _ISOLATED_TAG:
            kind = _ISOLATED_KINDS.get(child.get("pos", ""), "standalone")
            self.add_tag(child, name, kind, "".join(child.itertext()))
        elif name == "mrk" and child.get("mtype") == _DELETED_MARKER:
            pass  # a tracked deletion: its text is no longer in the translation
        elif name in _PAIRED and not _is_segment_marker(child) and child.get("mtype") not in _TRANSPARENT_MARKERS:
            self.add_tag(child, name, "open")
            self.walk(child)
            self.add_tag(child, name, "close")
        elif name == _CODE_POINT:
            self.add_text(_code_point(child))
        else:
            # Segment markers, Trados's comment and insertion markers and elements we do not
            # know: their text is still text.
            self.walk(child)


def _tag_id(element: etree._Element) -> str:
    for attribute in _ID_ATTRIBUTES:
        value = element.get(attribute)
        if value is not None:
            return value
    return ""


def _is_segment_marker(element: etree._Element) -> bool:
    """XLIFF 1.2 <mrk mtype="seg"> delimits a sentence; it is structure, not markup."""
    return element.get("mtype") == "seg"


def _code_point(element: etree._Element) -> str:
    # A broken code is shown as U+FFFD rather than dropped, so the segment still looks damaged.
    try:
        return chr(int(element.get("hex", ""), 16))
    except (ValueError, OverflowError):
        return "\N{REPLACEMENT CHARACTER}"
