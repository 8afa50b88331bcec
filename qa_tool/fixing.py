"""Fixes: which findings' replacements to apply, and applying them to a pair's English.

A finding can be fixed when its first span is in the target and the rule offers a
replacement for it; the rule declares whether its replacements are safe (``RuleMeta.fix``,
carried on each finding as ``Finding.safe_fix``) or suggestions to confirm. Within one
pair, fixes are taken in reading order: one that overlaps a fix already taken, or that would
cut through an inline tag, is not applied but reported with the reason. Everything here is
pure: writing the fixed file is qa_tool.rewrite's job.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable, Sequence

from qa_tool.model import Finding, InlineTag, SegmentPair, Side

# Why a fix was not applied.
OVERLAPS = "overlaps another fix in this segment"
TOUCHES_TAG = "would cut through an inline tag"


@dataclass(frozen=True, slots=True)
class Edit:
    """Put ``text`` in place of target characters [start, end) (start == end inserts)."""

    start: int
    end: int
    text: str

    def overlaps(self, later: Edit) -> bool:
        """True when ``later`` (which starts at or after this one) cannot also be made: it
        starts inside this edit, or both start at the same place (two insertions there, or an
        insertion before a change, have no order)."""
        return later.start < self.end or later.start == self.start


@dataclass(frozen=True, slots=True)
class Fix:
    """A finding and the edit that fixes it."""

    finding: Finding
    edit: Edit


@dataclass(frozen=True, slots=True)
class NotApplied:
    fix: Fix
    reason: str


@dataclass(frozen=True, slots=True)
class PairFixes:
    """What fixing one pair comes to: the fixes to make, in target order, and those left out."""

    pair: SegmentPair
    applied: tuple[Fix, ...]
    not_applied: tuple[NotApplied, ...]

    @property
    def edits(self) -> tuple[Edit, ...]:
        """The edits to make, each once (two findings may offer the same)."""
        return tuple(dict.fromkeys(fix.edit for fix in self.applied))

    @property
    def fixed_target(self) -> str:
        return apply_edits(self.pair.target, self.edits)


PairKey = tuple[str, "int | None"]


def pair_key(pair: SegmentPair) -> PairKey:
    """What tells a pair's unit apart in its file: its id, and the line where it starts (ids
    can repeat: a TMX with copied tuids, a spreadsheet with duplicated ids)."""
    return (pair.id, pair.location.line)


def fix_of(finding: Finding) -> Fix | None:
    """The fix a finding offers: its replacement in place of its first span, when that span
    is in the target; None otherwise."""
    if finding.replacement is None or not finding.spans or finding.spans[0].side is not Side.TARGET:
        return None
    span = finding.spans[0]
    return Fix(finding, Edit(span.start, span.end, finding.replacement))


def fixes_to_apply(findings: Iterable[Finding], unsafe: bool = False) -> list[Fix]:
    """The fixes of ``findings`` that are safe, or all that have one when ``unsafe``. A fix
    that would leave the target as it is (the replacement is the text it replaces) is none."""
    chosen = []
    for finding in findings:
        fix = fix_of(finding)
        if fix is None or not (finding.safe_fix or unsafe):
            continue
        if finding.pair.target[fix.edit.start : fix.edit.end] != fix.edit.text:
            chosen.append(fix)
    return chosen


def plan_pair(pair: SegmentPair, fixes: Iterable[Fix]) -> PairFixes:
    """Which of ``fixes`` (all on ``pair``) to make: in target order, the first of any
    overlapping ones; none that would cut through an inline tag. The same edit offered by two
    findings is made once and counts for both."""
    applied: list[Fix] = []
    not_applied: list[NotApplied] = []
    for fix in sorted(fixes, key=lambda fix: (fix.edit.start, fix.edit.end, fix.finding.code)):
        if cuts_through_tag(fix.edit, pair.target_tags):
            not_applied.append(NotApplied(fix, TOUCHES_TAG))
        elif applied and applied[-1].edit == fix.edit:
            applied.append(fix)
        elif applied and applied[-1].edit.overlaps(fix.edit):
            not_applied.append(NotApplied(fix, OVERLAPS))
        else:
            applied.append(fix)
    return PairFixes(pair, tuple(applied), tuple(not_applied))


def cuts_through_tag(edit: Edit, tags: Sequence[InlineTag]) -> bool:
    """True when an inline tag stands strictly inside the edited text, or where an insertion
    would go (the insertion could go before or after it). A tag at either edge of a replaced
    text stays where it is."""
    if edit.start == edit.end:
        return any(tag.position == edit.start for tag in tags)
    return any(edit.start < tag.position < edit.end for tag in tags)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with ``edits`` made; they must not overlap (plan_pair's applied ones)."""
    pieces = []
    position = 0
    for edit in sorted(edits, key=lambda edit: (edit.start, edit.end)):
        if edit.start < position:
            raise ValueError(f"edits overlap at {edit.start}")
        pieces += [text[position : edit.start], edit.text]
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def edits_between(old: str, new: str) -> list[Edit]:
    """The edits that turn ``old`` into ``new``, as small as a character diff finds them, so a
    target edited by hand changes only where it differs (and its inline tags stay put)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        Edit(old_start, old_end, new[new_start:new_end])
        for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes()
        if operation != "equal"
    ]
