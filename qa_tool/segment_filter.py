"""Which pairs a run leaves unchecked because of their workflow status: ``--status``,
``--skip-locked`` and ``--skip-matches``. Sits between loading and checking; the counts of
what it left out, by reason, go into the report."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Iterable, Iterator

from qa_tool.model import SegmentPair, SegmentState


class SkipReason(str, Enum):
    """Why a pair was not checked; a pair that has several reasons counts under the first."""

    LOCKED = "locked"
    MATCH = "match"
    STATUS = "status"


@dataclass(frozen=True)
class SegmentFilter:
    # Check only pairs in these states (empty: any state). Pairs whose file records no state
    # (or one qa-tool does not know) are always checked: nothing says they are done.
    states: frozenset[SegmentState] = frozenset()
    skip_locked: bool = False
    # Skip pairs whose translation-memory match is at least this many percent.
    skip_matches: float | None = None

    @property
    def active(self) -> bool:
        return bool(self.states) or self.skip_locked or self.skip_matches is not None

    def reason_to_skip(self, pair: SegmentPair) -> SkipReason | None:
        status = pair.status
        if status is None:
            return None
        if self.skip_locked and status.locked:
            return SkipReason.LOCKED
        if self.skip_matches is not None and status.match_percent is not None and status.match_percent >= self.skip_matches:
            return SkipReason.MATCH
        if self.states and status.state is not None and status.state not in self.states:
            return SkipReason.STATUS
        return None

    def describe(self, reason: SkipReason) -> str:
        """What a reason means under this filter, for the report: 'TM matches of 100% or more'."""
        if reason is SkipReason.LOCKED:
            return "locked"
        if reason is SkipReason.MATCH:
            return f"TM matches of {self.skip_matches:g}% or more"
        return "with a status other than " + " or ".join(state.value for state in sorted(self.states, key=_vocabulary_order))


def _vocabulary_order(state: SegmentState) -> int:
    return list(SegmentState).index(state)


def parse_states(values: Iterable[str]) -> frozenset[SegmentState]:
    """States named by the user ("draft,new" or repeated); ValueError naming a wrong one."""
    states = set()
    for value in values:
        for name in value.split(","):
            name = name.strip().lower()
            if not name:
                continue
            try:
                states.add(SegmentState(name))
            except ValueError:
                known = ", ".join(state.value for state in SegmentState)
                raise ValueError(f"unknown segment status {name!r} (expected one of: {known})") from None
    return frozenset(states)


class FilteredPairs:
    """The pairs a filter lets through, counting those it leaves out by reason as they pass."""

    def __init__(self, pairs: Iterable[SegmentPair], segment_filter: SegmentFilter) -> None:
        self._pairs = pairs
        self._filter = segment_filter
        self.skipped: dict[str, int] = {}

    def __iter__(self) -> Iterator[SegmentPair]:
        # With nothing to filter, the pairs themselves: a generator passing each on would
        # cost a step of its frame a pair.
        if not self._filter.active:
            return iter(self._pairs)
        return self._let_through()

    def _let_through(self) -> Iterator[SegmentPair]:
        for pair in self._pairs:
            reason = self._filter.reason_to_skip(pair)
            if reason is None:
                yield pair
            else:
                self.skipped[reason.value] = self.skipped.get(reason.value, 0) + 1
