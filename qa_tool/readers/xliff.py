"""XLIFF 1.2 (<trans-unit>, optionally split by <seg-source>) and XLIFF 2.0/2.1 (<unit>/<segment>).

Pairs always run from the source language to the target language of the options: a file
written the other way round (en → zh) is read with its sides swapped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO, Iterable, Iterator

from lxml import etree

from qa_tool.errors import InputError
from qa_tool.model import InlineTag, Location, SegmentPair, SegmentState, SegmentStatus
from qa_tool.readers import ReadOptions
from qa_tool.readers._direction import is_swapped
from qa_tool.readers._status import XLIFF_1_MATCH_QUALIFIERS, XLIFF_1_STATES, XLIFF_2_STATES, segment_status
from qa_tool.readers._xml import flatten_inline, local_name, namespace_of, parse_events, release

_XLIFF_1_NAMESPACES = frozenset({"urn:oasis:names:tc:xliff:document:1.1", "urn:oasis:names:tc:xliff:document:1.2"})
_XLIFF_2_NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"

Events = Iterator[tuple[str, etree._Element]]


@dataclass(frozen=True, slots=True)
class _FileContext:
    """What a <file> tells about the units in it."""

    # Prefix of pair ids, since unit ids need only be unique within one <file>.
    original: str | None
    # True when the file runs target language → source language.
    swapped: bool


def read(stream: BinaryIO, name: str, options: ReadOptions) -> Iterator[SegmentPair]:
    """Yield a pair per translatable unit (per segment where the file segments its units)."""
    events = parse_events(stream, name, options.encoding)
    _, root = next(events)
    if is_xliff_2(root, name):
        yield from _read_xliff_2(events, root, name, options)
    else:
        yield from _read_xliff_1(events, name, options, dialect_of(root)())


class Xliff1Dialect:
    """What one tool writes into XLIFF 1.2 beyond the standard: its own status records, tag
    definitions, comments. This base reads the standard alone; Trados (sdlxliff.py) and memoQ
    (mqxliff.py) extend it. One instance reads one document."""

    def observe(self, element: etree._Element) -> None:
        """Called as each element outside the units ends (headers, definitions); the base
        needs none of them."""

    def is_read(self, unit: etree._Element) -> bool:
        """Whether a <trans-unit> holds a pair to check: not when marked translate="no"."""
        return unit.get("translate") != "no"

    def status(self, unit: etree._Element, target: etree._Element | None, mid: str | None) -> SegmentStatus | None:
        """The status of a unit's segment ``mid`` (None for an unsegmented unit)."""
        return xliff_1_status(unit, target)

    def unit_id(self, unit: etree._Element, original: str | None) -> str:
        """The id of a <trans-unit> in the pairs' locations (and in annotate's matching)."""
        return qualified_unit_id(unit, original)

    def segment_id(self, unit_id: str, mid: str) -> str:
        """The pair id of segment ``mid`` of a segmented unit."""
        return f"{unit_id}:{mid}"

    def completed(
        self, pair: SegmentPair, source: etree._Element | None, target: etree._Element | None
    ) -> SegmentPair:
        """The pair with what the tool keeps outside its text (tag codes, comments)."""
        return pair


def dialect_of(root: etree._Element) -> type[Xliff1Dialect]:
    """The dialect an XLIFF 1.2 document is written in, from the namespaces its root declares."""
    namespaces = set(root.nsmap.values())
    # Imported here: the dialects' modules build on this one.
    from qa_tool.readers import mqxliff, sdlxliff

    if sdlxliff.SDL_NAMESPACE in namespaces:
        return sdlxliff.TradosDialect
    if mqxliff.MEMOQ_NAMESPACE in namespaces:
        return mqxliff.MemoQDialect
    return Xliff1Dialect


def is_xliff_2(root: etree._Element, name: str) -> bool:
    """True for XLIFF 2.x, False for 1.x; InputError for any other root element or version."""
    if local_name(root) != "xliff":
        raise InputError(f"this is not an XLIFF file: its root element is <{local_name(root)}>, not <xliff>", path=name)
    namespace = namespace_of(root)
    version = root.get("version", "")
    if namespace == _XLIFF_2_NAMESPACE or (namespace is None and version.startswith("2")):
        return True
    if namespace in _XLIFF_1_NAMESPACES or namespace is None:
        return False
    raise InputError(
        f"unsupported XLIFF version {version or '?'} (namespace {namespace}); qa-tool reads XLIFF 1.2 and 2.x",
        path=name,
    )


def _read_xliff_1(events: Events, name: str, options: ReadOptions, dialect: Xliff1Dialect) -> Iterator[SegmentPair]:
    context = _FileContext(original=None, swapped=False)
    for event, element in events:
        tag = local_name(element)
        if event == "start":
            if tag == "file":
                languages = element.get("source-language"), element.get("target-language")
                swapped = _is_swapped(element, *languages, name, options)
                context = _FileContext(original=element.get("original"), swapped=swapped)
        elif tag == "trans-unit":
            if dialect.is_read(element):
                yield from _pairs_of_trans_unit(element, context, name, dialect)
            release(element)
        elif tag in ("group", "file"):
            release(element)
        else:
            dialect.observe(element)


def _read_xliff_2(events: Events, root: etree._Element, name: str, options: ReadOptions) -> Iterator[SegmentPair]:
    swapped = _is_swapped(root, root.get("srcLang"), root.get("trgLang"), name, options)
    context = _FileContext(original=None, swapped=swapped)
    for event, element in events:
        tag = local_name(element)
        if event == "start":
            if tag == "file":
                context = _FileContext(original=element.get("original"), swapped=swapped)
        elif tag == "unit":
            if element.get("translate") != "no":
                yield from _pairs_of_unit(element, context, name)
            release(element)
        elif tag in ("group", "file"):
            release(element)


def _is_swapped(
    element: etree._Element, source_lang: str | None, target_lang: str | None, name: str, options: ReadOptions
) -> bool:
    return is_swapped(source_lang, target_lang, options, name, element.sourceline)


def _pairs_of_trans_unit(
    unit: etree._Element, context: _FileContext, name: str, dialect: Xliff1Dialect
) -> Iterator[SegmentPair]:
    unit_id = dialect.unit_id(unit, context.original)
    children = _Children(unit)
    whole_target = children.first("target")
    notes = _texts(children.notes)
    for pair_id, source, target, mid in _segments_of_trans_unit(children, unit_id, dialect):
        status = dialect.status(unit, whole_target, mid)
        pair = _pair(pair_id, unit_id, unit.sourceline, source, target, notes, context, name, status)
        yield dialect.completed(pair, source, target)


def trans_unit_segments(
    unit: etree._Element, unit_id: str, dialect: Xliff1Dialect
) -> Iterator[tuple[str, etree._Element | None, etree._Element | None, str | None]]:
    """The pairs of an XLIFF 1.2 <trans-unit> as (pair id, source element, target element,
    segment mid): the unit itself (mid None), or one per <mrk mtype="seg"> of its
    <seg-source>, its target the <target>'s <mrk> of the same mid."""
    return _segments_of_trans_unit(_Children(unit), unit_id, dialect)


def _segments_of_trans_unit(
    children: _Children, unit_id: str, dialect: Xliff1Dialect
) -> Iterator[tuple[str, etree._Element | None, etree._Element | None, str | None]]:
    source = children.first("source")
    target = children.first("target")
    segmented_source = children.first("seg-source")
    segments = [] if segmented_source is None else list(_segment_markers(segmented_source))
    if not segments:
        yield unit_id, source, target, None
        return
    targets_by_mid = {} if target is None else {marker.get("mid"): marker for marker in _segment_markers(target)}
    for marker in segments:
        mid = marker.get("mid", "")
        yield dialect.segment_id(unit_id, mid), marker, targets_by_mid.get(mid), mid


class _Children:
    """The child elements of a unit or segment by name (without namespace): the first of each,
    and every <note> in order. One walk of the children: a find("{*}target") costs several times what
    visiting a child does, and a unit is asked for three or four of them."""

    __slots__ = ("_first", "notes")

    def __init__(self, element: etree._Element) -> None:
        self._first: dict[str, etree._Element] = {}
        self.notes: list[etree._Element] = []
        for child in element:
            if isinstance(child.tag, str):
                name = local_name(child)
                if name == "note":
                    self.notes.append(child)
                self._first.setdefault(name, child)

    def first(self, name: str) -> etree._Element | None:
        return self._first.get(name)


def xliff_1_status(unit: etree._Element, target: etree._Element | None) -> SegmentStatus | None:
    """XLIFF 1.2: the <target>'s state and state-qualifier, and the unit's approved="yes",
    which the standard defines as final (it wins over the state)."""
    state = None if target is None else target.get("state")
    qualifier = None if target is None else target.get("state-qualifier")
    match = None if qualifier is None else XLIFF_1_MATCH_QUALIFIERS.get(qualifier)
    status = segment_status(XLIFF_1_STATES, state, match_percent=match, origin=qualifier)
    if unit.get("approved") == "yes":
        raw = "approved" if state is None else f"{state}, approved"
        return SegmentStatus(state=SegmentState.FINAL, raw=raw, match_percent=match, origin=qualifier)
    return status


def _segment_markers(element: etree._Element) -> Iterator[etree._Element]:
    return (marker for marker in element.iter("{*}mrk") if marker.get("mtype") == "seg")


def _pairs_of_unit(unit: etree._Element, context: _FileContext, name: str) -> Iterator[SegmentPair]:
    unit_id = qualified_unit_id(unit, context.original)
    notes = _texts(unit.iterfind("{*}notes/{*}note"))
    for pair_id, source, target, segment in unit_segments(unit, unit_id):
        status = segment_status(XLIFF_2_STATES, segment.get("state"))
        yield _pair(pair_id, unit_id, unit.sourceline, source, target, notes, context, name, status)


def unit_segments(
    unit: etree._Element, unit_id: str
) -> Iterator[tuple[str, etree._Element | None, etree._Element | None, etree._Element]]:
    """The pairs of an XLIFF 2 <unit> as (pair id, source, target, <segment>): one per
    <segment>, named by the unit alone when it has one."""
    segments = list(unit.iterchildren("{*}segment"))
    for ordinal, segment in enumerate(segments, start=1):
        pair_id = unit_id if len(segments) == 1 else f"{unit_id}:{segment.get('id') or ordinal}"
        children = _Children(segment)
        yield pair_id, children.first("source"), children.first("target"), segment


def qualified_unit_id(unit: etree._Element, original: str | None) -> str:
    """A unit's id made unique across the document by the ``original`` of its <file>; pairs
    of a segmented unit add ":<segment id>" to it."""
    unit_id = unit.get("id", "")
    return f"{original}#{unit_id}" if original else unit_id


def _pair(
    pair_id: str,
    unit_id: str,
    line: int | None,
    source: etree._Element | None,
    target: etree._Element | None,
    notes: tuple[str, ...],
    context: _FileContext,
    name: str,
    status: SegmentStatus | None = None,
) -> SegmentPair:
    source_text, source_tags = _flatten(source)
    target_text, target_tags = _flatten(target)
    if context.swapped:
        source_text, source_tags, target_text, target_tags = target_text, target_tags, source_text, source_tags
    return SegmentPair(
        id=pair_id,
        source=source_text,
        target=target_text,
        location=Location(path=name, line=line, unit=unit_id),
        notes=notes,
        source_tags=source_tags,
        target_tags=target_tags,
        status=status,
    )


def _flatten(element: etree._Element | None) -> tuple[str, tuple[InlineTag, ...]]:
    return ("", ()) if element is None else flatten_inline(element)


def _texts(elements: Iterable[etree._Element]) -> tuple[str, ...]:
    texts = ("".join(element.itertext()).strip() for element in elements)
    return tuple(text for text in texts if text)
