"""``qa-tool fix``'s loop: check, apply the fixes, check the fixed text again, until nothing
more can be fixed.

A fix can make another one possible (two overlapping fixes: the second waits for the first;
PU07 offers one quotation at a time) and must not leave a new finding behind, so the fixed
document is checked again after every pass, in memory, with the same rules, at most
MAX_PASSES times (ruff's fix loop does the same). The result is the fixed file, the fixes
made, those left out and why, and the findings of the fixed file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Any, Iterable, Sequence

from qa_tool.checks.base import CheckSettings, Rule, RuleFactory, RuleMeta, Scope
from qa_tool.engine import DocumentResult, check_document
from qa_tool.model import Finding, SegmentPair
from qa_tool.normalise import NormalisedPair
from qa_tool.fixing import Fix, NotApplied, PairFixes, PairKey, fixes_to_apply, pair_key, plan_pair
from qa_tool.readers import ReadOptions
from qa_tool.rewrite import FileBytes, read_document, rewrite
from qa_tool.segment_filter import FilteredPairs, SegmentFilter

# Passes before giving up on fixes that keep making new ones.
MAX_PASSES = 100
NOT_CONVERGED = f"still offered after {MAX_PASSES} passes of fixing (fixes that undo each other?)"


@dataclass(frozen=True)
class FixOutcome:
    """What fixing one document came to."""

    # The document's files, the target file's content fixed (the same bytes when nothing was).
    files: tuple[FileBytes, ...]
    # Every fix made, in the order made; a finding is as it was found in its pass.
    applied: tuple[Fix, ...]
    # Fixes of the fixed file's findings that could not be made, and why.
    not_applied: tuple[NotApplied, ...]
    # The check of the fixed file: the findings that remain.
    result: DocumentResult
    passes: int

    @property
    def changed(self) -> bool:
        return bool(self.applied)

    def applied_by_rule(self) -> Counter[str]:
        return Counter(fix.finding.code for fix in self.applied)


def fix_document(
    files: Sequence[FileBytes],
    format_name: str,
    options: ReadOptions,
    rules: Sequence[RuleFactory],
    settings: CheckSettings = CheckSettings(),
    unsafe: bool = False,
    jobs: int = 1,
    segment_filter: SegmentFilter = SegmentFilter(),
) -> FixOutcome:
    """Fix the document of ``files`` (two for "parallel": the Chinese, then the English) with
    the safe fixes of ``rules``' findings, the suggested ones too when ``unsafe``. Pairs the
    ``segment_filter`` leaves unchecked (locked, approved...) are left as they are."""
    name = files[0].name
    # A pass changes a few pairs: the segment rules' findings on the others are remembered.
    # (Worker processes cannot share the memory, so with jobs every pass checks everything.)
    memory = _Memory()
    remembering = [_Remembered(rule, memory) if _pure(rule) and jobs == 1 else rule for rule in rules]

    def check(current: Sequence[FileBytes]) -> DocumentResult:
        kept = FilteredPairs(read_document(current, format_name, options), segment_filter)
        result = check_document(kept, name, remembering, settings, jobs=jobs)
        return replace(result, skipped=kept.skipped)

    current = tuple(files)
    applied: list[Fix] = []
    result = check(current)
    for passes in range(1, MAX_PASSES + 1):
        plans = _plans(result, unsafe)
        edits = {plan.pair: plan.edits for plan in plans.values() if plan.applied}
        rewritten = rewrite(current, format_name, options, edits)
        refused = {(found.key, found.edit): found.reason for found in rewritten.refused}
        made = [
            fix for key, plan in plans.items() for fix in plan.applied if (key, fix.edit) not in refused
        ]
        left_out = [
            NotApplied(fix, refused[key, fix.edit]) for key, plan in plans.items() for fix in plan.applied
            if (key, fix.edit) in refused
        ]
        if not made:
            not_applied = [item for plan in plans.values() for item in plan.not_applied] + left_out
            return FixOutcome(current, tuple(applied), tuple(not_applied), result, passes)
        applied += made
        current = (*current[:-1], FileBytes(current[-1].name, rewritten.data))
        result = check(current)
    not_converged = [NotApplied(fix, NOT_CONVERGED) for fix in fixes_to_apply(result.findings, unsafe)]
    return FixOutcome(current, tuple(applied), tuple(not_converged), result, MAX_PASSES)


def _pure(rule: RuleFactory) -> bool:
    """True when what the rule makes of a pair depends on the pair alone."""
    return rule.meta.scope is Scope.SEGMENT or getattr(rule, "splits_document_work", False)


def _plans(result: DocumentResult, unsafe: bool) -> dict[PairKey, PairFixes]:
    by_pair: dict[PairKey, list[Fix]] = {}
    for fix in fixes_to_apply(result.findings, unsafe):
        by_pair.setdefault(pair_key(fix.finding.pair), []).append(fix)
    return {key: plan_pair(fixes[0].finding.pair, fixes) for key, fixes in by_pair.items()}


class _Remembered:
    """A segment rule factory whose rules remember their findings on each pair, and a document
    rule factory whose rules remember what they observe of each pair (when observing is a pure
    function of the pair), for every pass of one fix_document."""

    def __init__(self, factory: RuleFactory, memory: _Memory) -> None:
        self.meta: RuleMeta = factory.meta
        self._factory = factory
        self._memory = memory

    def __call__(self, settings: CheckSettings) -> Rule:
        return _RememberingRule(self._factory(settings), self._memory)


class _Memory:
    """What the rules made of each pair, by pair; looked up once per pair, not once per rule."""

    def __init__(self) -> None:
        self._by_pair: dict[SegmentPair, dict[str, Any]] = {}
        self._last: tuple[NormalisedPair | None, dict[str, Any]] = (None, {})

    def of(self, pair: NormalisedPair) -> dict[str, Any]:
        if self._last[0] is not pair:
            self._last = (pair, self._by_pair.setdefault(pair.pair, {}))
        return self._last[1]


class _RememberingRule(Rule):
    def __init__(self, rule: Rule, memory: _Memory) -> None:
        super().__init__(rule.settings)
        self.meta = rule.meta  # type: ignore[misc]
        self._rule = rule
        self._memory = memory

    def check_segment(self, pair: NormalisedPair) -> Iterable[Finding]:
        made = self._memory.of(pair)
        if self.meta.code not in made:
            made[self.meta.code] = list(self._rule.check_segment(pair))
        return made[self.meta.code]

    def observe(self, pair: NormalisedPair) -> Any:
        made = self._memory.of(pair)
        if self.meta.code not in made:
            made[self.meta.code] = self._rule.observe(pair)
        return made[self.meta.code]

    def absorb(self, pair: SegmentPair, observed: Any) -> Iterable[Finding]:
        return self._rule.absorb(pair, observed)

    def finish_document(self) -> Iterable[Finding]:
        return self._rule.finish_document()
