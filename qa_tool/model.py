"""The data every stage passes on: pairs in, findings out. Pure dataclasses, no behaviour
beyond small derived values, and no imports from the rest of the package; ``quick_init``
makes the most often built of them faster to make."""

from __future__ import annotations

from dataclasses import MISSING, dataclass, fields
from enum import Enum, IntEnum
from inspect import Parameter, signature
from types import MemberDescriptorType
from typing import TypeVar

_Frozen = TypeVar("_Frozen", bound=type)


def quick_init(cls: _Frozen) -> _Frozen:
    """Give a frozen, slotted dataclass an ``__init__`` that stores each field through its
    slot's own setter. The generated one calls ``object.__setattr__`` per field (the class's
    own refuses), about 1.8 times as slow: 2.2 against 1.2 µs for a SegmentPair, and a pair,
    its location and its views are made for every pair read. Same parameters and defaults;
    instances stay frozen, as only the class's ``__setattr__`` refuses. A class whose generated
    ``__init__`` does more than store its fields in order (a default factory, a field left out
    or keyword-only, an init-only variable, a ``__post_init__``) or has no slots is refused."""
    declared = fields(cls)
    generated = [(parameter.name, parameter.kind, parameter.default) for parameter in signature(cls.__init__).parameters.values()][1:]
    plain = [(field.name, Parameter.POSITIONAL_OR_KEYWORD, Parameter.empty if field.default is MISSING else field.default) for field in declared]
    slotted = all(isinstance(getattr(cls, field.name, None), MemberDescriptorType) for field in declared)
    if generated != plain or hasattr(cls, "__post_init__") or not slotted:
        raise TypeError(f"{cls.__qualname__}: quick_init serves only a slotted dataclass whose __init__ just stores its fields")
    # Names no field can take, as the generated __init__'s own are.
    namespace = {f"__quick_set_{field.name}": getattr(cls, field.name).__set__ for field in declared}
    namespace.update({f"__quick_default_{field.name}": field.default for field in declared if field.default is not MISSING})
    parameters = "".join(
        f", {field.name}" if field.default is MISSING else f", {field.name}=__quick_default_{field.name}" for field in declared
    )
    body = "".join(f"\n    __quick_set_{field.name}(__quick_self, {field.name})" for field in declared)
    exec(f"def __init__(__quick_self{parameters}) -> None:{body}", namespace)  # noqa: S102 - the code is built here
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    cls.__init__ = init
    return cls


class Side(str, Enum):
    SOURCE = "source"
    TARGET = "target"


class Severity(IntEnum):
    """MQM severities; the order is what ``--fail-on`` compares."""

    NEUTRAL = 0
    MINOR = 1
    MAJOR = 2
    CRITICAL = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {text!r} (expected one of: {choices})") from None


@quick_init
@dataclass(frozen=True, slots=True)
class Location:
    """Where a pair lives in its input file, so a translator can find it."""

    path: str
    # 1-based line where the pair starts, for formats that have lines (all but a few XML writers).
    line: int | None = None
    # The format's own unit id (TMX tuid, XLIFF trans-unit/unit id) when there is one.
    unit: str | None = None

    def __str__(self) -> str:
        text = self.path
        if self.line is not None:
            text += f":{self.line}"
        if self.unit:
            text += f" [{self.unit}]"
        return text


@dataclass(frozen=True, slots=True)
class InlineTag:
    """An inline markup element (TMX ph/bpt/ept/it/hi/ut, XLIFF g/x/ph/bx/ex...) removed from
    the text and kept here, so markup checks can compare source and target tags."""

    # Element name as written: "ph", "bpt", "g", "x", "pc", "sc"...
    name: str
    # The element's id/i/x attribute, empty when it has none.
    id: str
    # Character offset in the pair's text where the tag stood (zero width).
    position: int
    # "open", "close" or "standalone"; a paired element (g, hi, pc) yields an open and a close.
    kind: str = "standalone"
    # The native code the tag carried (ph/bpt/ept content such as "<br/>"), for messages.
    code: str = ""


class SegmentState(str, Enum):
    """Where a segment stands in a CAT tool's workflow, one vocabulary for every format that
    records it (XLIFF state, Trados confirmation level, memoQ status, PO fuzzy flag); the
    mapping of each format's own values is in docs/status.md."""

    # Nothing translated yet, or a target the tool itself does not count as a translation.
    NEW = "new"
    # A translation nobody has confirmed: edited, pre-translated from a TM or MT, fuzzy.
    DRAFT = "draft"
    # Confirmed by the translator.
    TRANSLATED = "translated"
    # Sent back by a reviewer.
    REJECTED = "rejected"
    # Approved by a (first) reviewer.
    REVIEWED = "reviewed"
    # Signed off: the last step of the workflow.
    FINAL = "final"


@dataclass(frozen=True, slots=True)
class SegmentStatus:
    """What the file records about a segment's workflow, for --status, --skip-locked and
    --skip-matches. Formats without such records give pairs no status at all."""

    # The normalised state; None when the file's value is not one qa-tool knows.
    state: SegmentState | None = None
    # The value as the file wrote it ("Draft", "needs-review-translation", "fuzzy"), for messages.
    raw: str | None = None
    # True when the CAT tool locks the segment against editing.
    locked: bool = False
    # Translation-memory match the target came from, in percent; above 100 for context
    # matches (memoQ writes 101 and 102, Trados context and perfect matches read as 101 and 102).
    match_percent: float | None = None
    # Where the target came from, as the file names it ("tm", "mt", "interactive"...).
    origin: str | None = None

    @property
    def label(self) -> str:
        """How a report shows it, in the file's own words: 'Translated · locked · 101% · tm'."""
        parts = [self.raw or (self.state.value if self.state else "")]
        if self.locked:
            parts.append("locked")
        if self.match_percent is not None:
            parts.append(f"{self.match_percent:g}%")
        parts.append(self.origin or "")
        return " · ".join(part for part in parts if part)


@quick_init
@dataclass(frozen=True, slots=True)
class SegmentPair:
    """One aligned Chinese source and English target, as read from the file."""

    id: str
    source: str
    target: str
    location: Location
    notes: tuple[str, ...] = ()
    source_tags: tuple[InlineTag, ...] = ()
    target_tags: tuple[InlineTag, ...] = ()
    # Confidence (0..1) of an automatic alignment made by qa-tool (interleaved text);
    # None when the file itself pairs source and target.
    alignment: float | None = None
    # The segment's workflow status, for formats that record one (XLIFF, SDLXLIFF, MQXLIFF, PO).
    status: SegmentStatus | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets [start, end) into one side's original text."""

    side: Side
    start: int
    end: int


@quick_init
@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place. Output formats only render these."""

    code: str
    rule: str
    severity: Severity
    category: str
    message: str
    # The pair the finding is about, so every output can show and locate it.
    pair: SegmentPair
    spans: tuple[Span, ...] = ()
    # The text to put in place of the first span, when the rule knows it.
    replacement: str | None = None
    # True when the rule declares its replacement safe: applying it cannot change the
    # meaning (`qa-tool fix` applies it unasked); False for a suggestion to confirm.
    safe_fix: bool = False

    @property
    def segment_id(self) -> str:
        return self.pair.id

    @property
    def location(self) -> Location:
        return self.pair.location

    @property
    def match(self) -> str:
        """The text of the first span ("" for a finding about the whole segment)."""
        if not self.spans:
            return ""
        span = self.spans[0]
        text = self.pair.source if span.side is Side.SOURCE else self.pair.target
        return text[span.start : span.end]
