"""One bound on a segment's length for every reader, so no rule meets a text it cannot check in
reasonable time and memory."""

from __future__ import annotations

from typing import Iterable, Iterator

from qa_tool.errors import InputError
from qa_tool.model import SegmentPair

# Generous for real paragraphs (the longest in the dev sets and fixtures is under 2,000
# characters); a longer "segment" is a whole file in one field or a broken export.
DEFAULT_MAX_SEGMENT_CHARS = 100_000


def too_long(what: str, length: int, limit: int, path: str, line: int | None) -> InputError:
    return InputError(
        f"the {what} has {length:,} characters, more than the {limit:,} a segment may have; "
        "split it, or raise --max-segment-chars",
        path=path,
        line=line,
    )


def within_segment_limit(pairs: Iterable[SegmentPair], limit: int) -> Iterator[SegmentPair]:
    """``pairs`` as they come; an InputError naming the pair's line at the first side longer
    than ``limit`` characters."""
    for pair in pairs:
        if len(pair.source) > limit or len(pair.target) > limit:
            side, text = ("source", pair.source) if len(pair.source) > limit else ("target", pair.target)
            where = f" (unit {pair.location.unit})" if pair.location.line is None and pair.location.unit else ""
            raise too_long(side + where, len(text), limit, pair.location.path, pair.location.line)
        yield pair
