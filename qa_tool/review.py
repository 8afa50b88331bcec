"""The state of an interactive review (``qa-tool review``): the findings, which of them are in
view, the current one, what the reviewer decided about each and how to take it back. No
input, no output and no screen: the terminal app (qa_tool/review_app.py) only draws this
state and forwards keys to it, so every behaviour can be tested without a terminal.

A decision is about one finding; accepting a fix or editing changes the English of that
finding's pair, which other findings of the pair share. A pair's English is therefore kept
per pair: either the fixes accepted on it (applied to the English as read, so their spans
stay valid) or the text the reviewer typed, which then includes those fixes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from typing import Iterable, Sequence

from qa_tool.fixing import PairFixes, PairKey, fix_of, pair_key, plan_pair
from qa_tool.model import Finding, SegmentPair, Severity

# A pair among all the files reviewed: its file, and its key within the file.
FilePairKey = tuple[str, PairKey]


def file_pair_key(pair: SegmentPair) -> FilePairKey:
    return (pair.location.path, pair_key(pair))


class Action(str, Enum):
    ACCEPTED = "accepted"
    EDITED = "edited"
    IGNORED = "ignored"


@dataclass(frozen=True)
class Decision:
    action: Action
    # Why a finding is ignored, written into its qa-ignore note or remembered in the baseline.
    reason: str = ""


@dataclass(frozen=True)
class Filter:
    """Which findings are in view; None lets every value through."""

    rule: str | None = None
    severity: Severity | None = None
    path: str | None = None

    @property
    def description(self) -> str:
        """"rule GR01, severity major" for the filters set; "" for none."""
        chosen = (("rule", self.rule), ("severity", self.severity.label if self.severity else None), ("file", self.path))
        return ", ".join(f"{name} {value}" for name, value in chosen if value is not None)

    def admits(self, finding: Finding) -> bool:
        return (
            (self.rule is None or finding.code == self.rule)
            and (self.severity is None or finding.severity is self.severity)
            and (self.path is None or finding.location.path == self.path)
        )


FILTER_FIELDS = ("rule", "severity", "path")


@dataclass(frozen=True)
class _PairEdit:
    """How one pair's English differs from the file: fixes accepted on it, or typed text."""

    accepted: tuple[Finding, ...] = ()
    typed: str | None = None


@dataclass(frozen=True)
class _Step:
    """What one decision changed, to put back on undo."""

    index: int
    decision: Decision | None
    key: FilePairKey
    edit: _PairEdit | None


class ReviewRefused(Exception):
    """A key that cannot act on the current finding; the message says why, for the status line."""


def fix_kind(finding: Finding) -> str | None:
    """"safe fix" or "suggestion" for a finding that offers a change to its English, else None."""
    fix = fix_of(finding)
    if fix is None or finding.pair.target[fix.edit.start : fix.edit.end] == fix.edit.text:
        return None
    return "safe fix" if finding.safe_fix else "suggestion"


class ReviewSession:
    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings: tuple[Finding, ...] = tuple(findings)
        self._pairs = {file_pair_key(finding.pair): finding.pair for finding in self.findings}
        self.filter = Filter()
        self.decisions: dict[int, Decision] = {}
        self._edits: dict[FilePairKey, _PairEdit] = {}
        self._undo: list[_Step] = []
        # Decisions since the last save; undoing one counts as a change too.
        self.unsaved = 0
        self.position = 0  # index into findings of the current one

    # What is in view ------------------------------------------------------------------

    @property
    def visible(self) -> list[int]:
        return [index for index, finding in enumerate(self.findings) if self.filter.admits(finding)]

    @property
    def current(self) -> Finding | None:
        if self.position < len(self.findings) and self.filter.admits(self.findings[self.position]):
            return self.findings[self.position]
        return None

    def choices(self, field: str) -> list[object]:
        """The values a filter field can take in these findings, in a stable order."""
        if field == "rule":
            return sorted({finding.code for finding in self.findings})
        if field == "severity":
            return sorted({finding.severity for finding in self.findings}, reverse=True)
        if field == "path":
            return list(dict.fromkeys(finding.location.path for finding in self.findings))
        raise ValueError(f"no filter field {field!r}")

    def cycle_filter(self, field: str, step: int = 1) -> None:
        """Move a filter field to its next value (all, then each value in turn, then all)."""
        options: list[object] = [None, *self.choices(field)]
        now = options.index(getattr(self.filter, field))
        self.set_filter(replace(self.filter, **{field: options[(now + step) % len(options)]}))

    def set_filter(self, new: Filter) -> None:
        self.filter = new
        if self.current is None:
            visible = self.visible
            later = [index for index in visible if index > self.position]
            self.position = later[0] if later else (visible[-1] if visible else 0)

    def move(self, step: int) -> None:
        """Go to the next (1) or previous (-1) finding in view; stays at either end."""
        visible = self.visible
        if not visible:
            return
        if self.position not in visible:
            self.set_filter(self.filter)
            return
        at = visible.index(self.position) + step
        self.position = visible[min(max(at, 0), len(visible) - 1)]

    # The English of a pair ------------------------------------------------------------

    def target_of(self, pair: SegmentPair) -> str:
        edit = self._edits.get(file_pair_key(pair))
        if edit is None:
            return pair.target
        if edit.typed is not None:
            return edit.typed
        return _planned(pair, edit.accepted).fixed_target

    def is_changed(self, pair: SegmentPair) -> bool:
        return self.target_of(pair) != pair.target

    def fix_preview(self, finding: Finding) -> str | None:
        """The pair's English with this finding's fix made too, or None when it cannot be."""
        try:
            return self._with_fix(finding)
        except ReviewRefused:
            return None

    def _with_fix(self, finding: Finding) -> str:
        if fix_kind(finding) is None:
            raise ReviewRefused("this finding has no fix to accept: edit the English (e) or ignore it (i)")
        edit = self._edits.get(file_pair_key(finding.pair), _PairEdit())
        if finding in edit.accepted:
            raise ReviewRefused("this fix is accepted already (u undoes it)")
        if edit.typed is not None:
            raise ReviewRefused("the English of this pair was edited by hand: edit it again (e) to change it")
        plan = _planned(finding.pair, (*edit.accepted, finding))
        refusal = next((left.reason for left in plan.not_applied if left.fix.finding == finding), None)
        if refusal is not None:
            raise ReviewRefused(f"this fix {refusal}: edit the English (e) instead")
        return plan.fixed_target

    # Decisions ------------------------------------------------------------------------

    def accept(self) -> None:
        finding = self._require_current()
        self._with_fix(finding)
        edit = self._edits.get(file_pair_key(finding.pair), _PairEdit())
        self._decide(Decision(Action.ACCEPTED), replace(edit, accepted=(*edit.accepted, finding)))

    def edit(self, text: str) -> None:
        finding = self._require_current()
        if text == self.target_of(finding.pair):
            raise ReviewRefused("the English is unchanged")
        edit = self._edits.get(file_pair_key(finding.pair), _PairEdit())
        self._decide(Decision(Action.EDITED), replace(edit, typed=text))

    def check_ignorable(self) -> None:
        """Raise ReviewRefused when the current finding cannot be ignored, before a reason is asked."""
        self._require_current()
        if self._is_accepted():
            raise ReviewRefused("this fix is accepted: undo it (u) before ignoring the finding")

    def ignore(self, reason: str) -> None:
        self.check_ignorable()
        reason = " ".join(reason.split())
        if not reason:
            raise ReviewRefused("say why the finding is to be ignored; the reason is kept with it")
        self._decide(Decision(Action.IGNORED, reason), None)

    def undo(self) -> None:
        if not self._undo:
            raise ReviewRefused("nothing to undo")
        step = self._undo.pop()
        if step.decision is None:
            self.decisions.pop(step.index, None)
        else:
            self.decisions[step.index] = step.decision
        if step.edit is None:
            self._edits.pop(step.key, None)
        else:
            self._edits[step.key] = step.edit
        self.position = step.index
        if self.current is None:
            self.filter = Filter()
        self.unsaved += 1

    def _is_accepted(self) -> bool:
        decision = self.decisions.get(self.position)
        return decision is not None and decision.action is Action.ACCEPTED

    def _require_current(self) -> Finding:
        finding = self.current
        if finding is None:
            raise ReviewRefused("no finding in view")
        return finding

    def _decide(self, decision: Decision, edit: _PairEdit | None) -> None:
        """Record ``decision`` for the current finding and, when given, the pair's new edit;
        then go to the next undecided finding in view."""
        key = file_pair_key(self.findings[self.position].pair)
        self._undo.append(_Step(self.position, self.decisions.get(self.position), key, self._edits.get(key)))
        self.decisions[self.position] = decision
        if edit is not None:
            self._edits[key] = edit
        self.unsaved += 1
        visible = self.visible
        later = [index for index in visible if index > self.position and index not in self.decisions]
        if later:
            self.position = later[0]

    # What saving writes ---------------------------------------------------------------

    def changed_pairs(self) -> dict[FilePairKey, tuple[SegmentPair, str]]:
        """Each pair whose English differs from the file, with its new English."""
        changed = {}
        for key in self._edits:
            pair = self._pairs[key]
            text = self.target_of(pair)
            if text != pair.target:
                changed[key] = (pair, text)
        return changed

    def ignored(self) -> list[tuple[Finding, str]]:
        return [
            (self.findings[index], decision.reason)
            for index, decision in sorted(self.decisions.items())
            if decision.action is Action.IGNORED
        ]

    def saved(self) -> None:
        self.unsaved = 0

    def counts(self) -> dict[Action, int]:
        counted = {action: 0 for action in Action}
        for decision in self.decisions.values():
            counted[decision.action] += 1
        return counted



def _planned(pair: SegmentPair, accepted: Sequence[Finding]) -> PairFixes:
    return plan_pair(pair, [fix for fix in map(fix_of, accepted) if fix is not None])
