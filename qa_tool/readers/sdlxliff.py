"""Trados Studio's SDLXLIFF: XLIFF 1.2 with an ``sdl:`` namespace, read by the XLIFF reader.

What Trados keeps outside the standard, and how it is read:

- Segments are ``<mrk mtype="seg" mid="N">`` in <seg-source> and <target>; N is the segment
  number Studio shows, so it is the pair id; the trans-unit id, a GUID, is the unit, without
  the <file>'s original (a full Windows path) before it.
- ``<sdl:seg-defs><sdl:seg id="N" conf=... locked=... percent=... origin=... text-match=...>``
  holds each segment's status: the confirmation level (no conf: not translated), the lock,
  and the match. A percent counts as a TM match only when the segment came from a TM
  (origin "tm") or a perfect match ("document-match", read as 102); 100 with
  text-match="SourceAndTarget" is a context match, read as 101. A translation the translator
  typed or edited (origin "interactive"), machine translation, or a repetition copied
  within the document ("auto-propagated") keeps the percent it was written with in the file
  but is no match to skip.
- Inline tags <g id>/<x id> are empty; their native code is in the header's
  ``<tag-defs><tag id><bpt>/<ept>/<ph>/<st>``, which gives InlineTag.code.
- Comments are ``<mrk mtype="x-sdl-comment" sdl:cid>`` around the text they are about, their
  text in ``<doc-info><cmt-defs><cmt-def id><Comments><Comment>``: they become notes of the
  pair (so a comment can hold a qa-ignore). Tracked changes (x-sdl-added, x-sdl-deleted) are
  read as accepted: _xml.flatten_inline keeps insertions and drops deletions.
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from qa_tool.model import InlineTag, SegmentPair, SegmentStatus
from qa_tool.readers._status import TRADOS_CONFIRMATION_LEVELS, match_percent, segment_status
from qa_tool.readers.xliff import Xliff1Dialect

SDL_NAMESPACE = "http://sdl.com/FileTypes/SdlXliff/1.0"
_SDL = f"{{{SDL_NAMESPACE}}}"
_DOC_INFO, _TAG_DEFS, _SEG_DEFS = f"{_SDL}doc-info", f"{_SDL}tag-defs", f"{_SDL}seg-defs"
_COMMENT_ID = f"{_SDL}cid"
# A segment with no conf has not been translated: Studio shows it as "Not Translated".
UNSPECIFIED = "Unspecified"
# Origins whose percent is a translation-memory match (the rest are translations typed,
# edited, machine-made or copied from a repetition).
_MATCH_ORIGINS = frozenset({"tm", "document-match"})
# Trados's perfect match (PM) and context match (CM), on memoQ's scale above 100.
PERFECT_MATCH, CONTEXT_MATCH = 102.0, 101.0
_CONTEXT_MATCH_TEXT = "SourceAndTarget"
# The child of a tag definition that holds the native code of each kind of inline tag.
_CODE_ELEMENTS = {"open": ("bpt",), "close": ("ept",), "standalone": ("ph", "st")}


class TradosDialect(Xliff1Dialect):
    def __init__(self) -> None:
        # tag id → kind ("open", "close", "standalone") → native code.
        self.tag_codes: dict[str, dict[str, str]] = {}
        # comment id → the comments' texts.
        self.comments: dict[str, tuple[str, ...]] = {}

    def observe(self, element: etree._Element) -> None:
        if element.tag == _TAG_DEFS:
            for definition in element.iterchildren(f"{_SDL}tag"):
                self.tag_codes[definition.get("id", "")] = _codes_of(definition)
            element.clear()
        elif element.tag == _DOC_INFO:
            for definition in element.iter(f"{_SDL}cmt-def"):
                texts = ("".join(comment.itertext()).strip() for comment in definition.iter("{*}Comment"))
                self.comments[definition.get("id", "")] = tuple(text for text in texts if text)
            # doc-info also lists every segment's repetitions: nothing to keep.
            element.clear()

    def status(self, unit: etree._Element, target: etree._Element | None, mid: str | None) -> SegmentStatus | None:
        definitions = unit.find(_SEG_DEFS)
        if definitions is None:
            return None
        segments = list(definitions.iterchildren(f"{_SDL}seg"))
        if mid is None:
            # A unit not split into <mrk mtype="seg"> is one segment, if its definitions agree.
            segment = segments[0] if len(segments) == 1 else None
        else:
            segment = next((seg for seg in segments if seg.get("id") == mid), None)
        if segment is None:
            return None
        origin = segment.get("origin")
        return segment_status(
            TRADOS_CONFIRMATION_LEVELS,
            segment.get("conf", UNSPECIFIED),
            locked=segment.get("locked") == "true",
            match_percent=_match_of(segment, origin),
            origin=origin,
        )

    def unit_id(self, unit: etree._Element, original: str | None) -> str:
        # Trados's unit ids are GUIDs, unique without the <file>'s original (a full Windows path).
        return unit.get("id", "")

    def segment_id(self, unit_id: str, mid: str) -> str:
        return mid

    def completed(
        self, pair: SegmentPair, source: etree._Element | None, target: etree._Element | None
    ) -> SegmentPair:
        comments = tuple(
            text
            for side in (source, target)
            if side is not None
            for marker in side.iter("{*}mrk")
            if marker.get(_COMMENT_ID) is not None
            for text in self.comments.get(marker.get(_COMMENT_ID, ""), ())
        )
        if not comments and not (pair.source_tags or pair.target_tags):
            return pair
        return replace(
            pair,
            notes=pair.notes + tuple(dict.fromkeys(comments)),
            source_tags=self._with_codes(pair.source_tags),
            target_tags=self._with_codes(pair.target_tags),
        )

    def _with_codes(self, tags: tuple[InlineTag, ...]) -> tuple[InlineTag, ...]:
        return tuple(
            replace(tag, code=self.tag_codes[tag.id].get(tag.kind, "")) if not tag.code and tag.id in self.tag_codes else tag
            for tag in tags
        )


def _codes_of(definition: etree._Element) -> dict[str, str]:
    codes = {}
    for kind, names in _CODE_ELEMENTS.items():
        for name in names:
            element = definition.find(f"{_SDL}{name}")
            if element is not None:
                codes[kind] = "".join(element.itertext())
                break
    return codes


def _match_of(segment: etree._Element, origin: str | None) -> float | None:
    if origin not in _MATCH_ORIGINS:
        return None
    if origin == "document-match":
        return PERFECT_MATCH
    percent = match_percent(segment.get("percent"))
    if percent == 100 and segment.get("text-match") == _CONTEXT_MATCH_TEXT:
        return CONTEXT_MATCH
    return percent
