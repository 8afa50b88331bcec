"""Each format's own segment statuses mapped onto the one vocabulary of SegmentState, so
``--status draft`` means the same in a Trados, memoQ, XLIFF or PO file. docs/status.md shows
these tables; a value missing here is kept as written (``raw``) with no normalised state."""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from qa_tool.model import SegmentState, SegmentStatus

NEW, DRAFT, TRANSLATED = SegmentState.NEW, SegmentState.DRAFT, SegmentState.TRANSLATED
REJECTED, REVIEWED, FINAL = SegmentState.REJECTED, SegmentState.REVIEWED, SegmentState.FINAL

# XLIFF 1.2 <target state>. The needs-review-* states say the translation is done and waits
# for review, as Trados's Translated does; needs-adaptation and needs-l10n say it is not done.
XLIFF_1_STATES: Mapping[str, SegmentState] = MappingProxyType({
    "new": NEW,
    "needs-translation": NEW,
    "needs-adaptation": DRAFT,
    "needs-l10n": DRAFT,
    "translated": TRANSLATED,
    "needs-review-translation": TRANSLATED,
    "needs-review-adaptation": TRANSLATED,
    "needs-review-l10n": TRANSLATED,
    "signed-off": REVIEWED,
    "final": FINAL,
})
# XLIFF 1.2 <target state-qualifier> values that say how good a TM match was: an exact match
# is 100 %, a match on the unit id as well (in context) counts as a context match.
XLIFF_1_MATCH_QUALIFIERS: Mapping[str, float] = MappingProxyType({"exact-match": 100.0, "id-match": 101.0})
# XLIFF 2 <segment state>.
XLIFF_2_STATES: Mapping[str, SegmentState] = MappingProxyType({
    "initial": NEW,
    "translated": TRANSLATED,
    "reviewed": REVIEWED,
    "final": FINAL,
})
# Trados Studio's confirmation levels (sdl:seg conf); no conf means Unspecified.
TRADOS_CONFIRMATION_LEVELS: Mapping[str, SegmentState] = MappingProxyType({
    "unspecified": NEW,
    "draft": DRAFT,
    "translated": TRANSLATED,
    "rejectedtranslation": REJECTED,
    "approvedtranslation": REVIEWED,
    "rejectedsignoff": REJECTED,
    "approvedsignoff": FINAL,
})
# memoQ's row statuses (mq:status): the grid's colours, from not started to proofread.
MEMOQ_STATUSES: Mapping[str, SegmentState] = MappingProxyType({
    "notstarted": NEW,
    "partiallyedited": DRAFT,
    "pretranslated": DRAFT,
    "machinetranslated": DRAFT,
    "assembledfromfragments": DRAFT,
    "manuallyconfirmed": TRANSLATED,
    "rejected": REJECTED,
    "reviewer1confirmed": REVIEWED,
    "proofread": FINAL,
    "reviewer2confirmed": FINAL,
})
# gettext PO entries: no msgstr, a "fuzzy" flag, or a translation.
PO_STATES: Mapping[str, SegmentState] = MappingProxyType({
    "untranslated": NEW,
    "fuzzy": DRAFT,
    "translated": TRANSLATED,
})


def segment_status(
    states: Mapping[str, SegmentState],
    raw: str | None,
    locked: bool = False,
    match_percent: float | None = None,
    origin: str | None = None,
) -> SegmentStatus | None:
    """The status of a segment whose file wrote ``raw`` (looked up in ``states`` without regard
    to case); None when the file records nothing at all."""
    if raw is None and not locked and match_percent is None and origin is None:
        return None
    state = None if raw is None else states.get(raw.strip().lower())
    return SegmentStatus(state=state, raw=raw, locked=locked, match_percent=match_percent, origin=origin)


def match_percent(text: str | None) -> float | None:
    """A match percentage as a file writes it ("100", "95.5", " 87 "); None for none or nonsense."""
    if not text:
        return None
    try:
        value = float(text.strip().rstrip("%"))
    except ValueError:
        return None
    return value if 0 <= value < 1000 else None
