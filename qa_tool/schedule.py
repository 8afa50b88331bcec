"""Which rules a pair needs: every rule's trigger (checks/base.py Trigger) tested once per pair,
the character conditions of each side in one scan for a class of all their characters, and
the rules to run looked up by which conditions held.

Most rules find nothing in most pairs; asking costs a call, a generator and the rule's own
first test. A pair's conditions are few bits, and the pairs of a file fall into a few dozen
patterns of them, so the rules to run for each pattern are worked out once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

from qa_tool.checks.base import BEYOND_ASCII, CharacterClass, Characters, Condition, InlineTags, Literals, Matching, Rule, Scope
from qa_tool.model import Finding, Side
from qa_tool.normalise import NormalisedPair


@dataclass(frozen=True, slots=True)
class PairPlan:
    """What to ask of one pair: the segment rules to run, and per document rule whether to
    call its ``observe`` (else it gets the rule's ``nothing_observed``)."""

    segment: tuple[Rule, ...]
    observe: tuple[bool, ...]
    document: tuple[Rule, ...] = ()
    # The ``check_segment`` of each of ``segment``, bound once a plan rather than once a pair.
    checks: tuple[Callable[[NormalisedPair], Iterable[Finding]], ...] = field(init=False)
    # What each of ``document`` gets on a pair when it does not observe, in order; and the
    # place and bound ``observe`` of each that does: a pair's observations are the first
    # copied and the second filled in, with no step for a rule that does not observe.
    nothing_observed: tuple[Any, ...] = field(init=False)
    observers: tuple[tuple[int, Callable[[NormalisedPair], Any]], ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "checks", tuple(rule.check_segment for rule in self.segment))
        object.__setattr__(self, "nothing_observed", tuple(rule.nothing_observed for rule in self.document))
        observers = tuple((index, rule.observe) for index, (rule, run) in enumerate(zip(self.document, self.observe)) if run)
        object.__setattr__(self, "observers", observers)

    def observations(self, pair: NormalisedPair) -> tuple[Any, ...]:
        """What each document rule observes in ``pair``, as its trigger calls for."""
        if not self.observers:
            return self.nothing_observed
        observed = list(self.nothing_observed)
        for index, observe in self.observers:
            observed[index] = observe(pair)
        return tuple(observed)


class RuleSchedule:
    """The rules of a chunk with their triggers compiled: ``plan(pair)`` says which to ask."""

    def __init__(self, segment_rules: Sequence[Rule], document_rules: Sequence[Rule], use_triggers: bool = True) -> None:
        self._segment = tuple(segment_rules)
        self.document_rules = tuple(document_rules)
        # A document rule that does not split its work is handed the pair itself to absorb:
        # it observes every pair, whatever its trigger.
        triggers = [
            rule.meta.trigger if use_triggers and (rule.meta.scope is Scope.SEGMENT or rule.splits_document_work) else None
            for rule in (*self._segment, *self.document_rules)
        ]
        conditions = list(dict.fromkeys(condition for trigger in triggers if trigger is not None for condition in trigger.conditions))
        bit = {condition: 1 << index for index, condition in enumerate(conditions)}
        # One attribute a side: an enum member read from its class costs more than the lookup.
        self._source_test = _SideTest(Side.SOURCE, [(c, bit[c]) for c in conditions if c.side is Side.SOURCE])
        self._target_test = _SideTest(Side.TARGET, [(c, bit[c]) for c in conditions if c.side is Side.TARGET])
        # Per rule: the condition bits its trigger reads and whether it needs all of them; None: always run.
        self._needs: list[tuple[int, bool] | None] = [
            None if trigger is None else (sum(bit[c] for c in trigger.conditions), trigger.require_all)
            for trigger in triggers
        ]
        self._always = PairPlan(self._segment, (True,) * len(self.document_rules), self.document_rules)
        self._plans: dict[int, PairPlan] = {}
        # The plans by the rules they run: a file's pairs fall into more patterns of conditions
        # as it grows (737 at 10,000 benchmark pairs, 4,005 at a million) but far fewer sets
        # of rules to run (265, 875), and a plan's bound methods are ~2.7 kB.
        self._plan_of_runs: dict[tuple[bool, ...], PairPlan] = {}
        self._active = any(need is not None for need in self._needs)
        self._preparing = tuple(
            rule for rule in (*self._segment, *self.document_rules) if type(rule).prepare is not Rule.prepare
        )

    def prepare(self, pairs: Sequence[NormalisedPair]) -> None:
        """Hand a run of pairs to the rules that prepare for them, before any is checked."""
        for rule in self._preparing:
            rule.prepare(pairs)

    def plan(self, pair: NormalisedPair) -> PairPlan:
        if not self._active:
            return self._always
        held = self._source_test.held(pair) | self._target_test.held(pair)
        plan = self._plans.get(held)
        if plan is None:
            plan = self._plans[held] = self._plan_for(held)
        return plan

    def _plan_for(self, held: int) -> PairPlan:
        runs = tuple(need is None or (held & need[0] == need[0] if need[1] else held & need[0] != 0) for need in self._needs)
        plan = self._plan_of_runs.get(runs)
        if plan is None:
            count = len(self._segment)
            plan = self._plan_of_runs[runs] = PairPlan(
                tuple(rule for rule, run in zip(self._segment, runs[:count]) if run), runs[count:], self.document_rules
            )
        return plan


class _SideTest:
    """The conditions on one side of a pair: tested on its text as written, then, for those
    still unsettled that read it, on its matching view."""

    def __init__(self, side: Side, conditions: list[tuple[Condition, int]]) -> None:
        self._source = side is Side.SOURCE
        self._tags = sum(bit for condition, bit in conditions if isinstance(condition, InlineTags))
        textual = [(condition, bit) for condition, bit in conditions if not isinstance(condition, InlineTags)]
        self._written = _TextTest(textual)
        self._matching = _TextTest([(condition, bit) for condition, bit in textual if condition.matching_view])

    def held(self, pair: NormalisedPair) -> int:
        if self._source:
            written, tags = pair.pair.source, pair.pair.source_tags
        else:
            written, tags = pair.pair.target, pair.pair.target_tags
        held = self._tags if tags else 0
        held |= self._written.held(written)
        if self._matching.bits & ~held:
            matching = (pair.source_match if self._source else pair.target_match).text
            if matching != written:
                held = self._matching.held(matching, settled=held)
        return held


class _TextTest:
    """Text conditions tested on one text: every character condition in one scan for a class
    of all their characters, then each pattern and literal still unsettled."""

    def __init__(self, conditions: list[tuple[Condition, int]]) -> None:
        self.bits = sum(bit for _, bit in conditions)
        self._listed: dict[str, int] = {}
        for condition, bit in conditions:
            if isinstance(condition, Characters):
                for character in condition.characters:
                    self._listed[character] = self._listed.get(character, 0) | bit
        classes = [(condition.members, bit) for condition, bit in conditions if isinstance(condition, CharacterClass)]
        self._classes = [(_class_pattern(members), bit) for members, bit in classes]
        # Character → the bits of the character conditions it fires, worked out once.
        self._bits_of: dict[str, int] = {}
        # The same scan for ASCII text (most English): a class of a few ASCII characters is
        # tested by bitmap, several times faster than one holding wide ranges of Unicode.
        ascii_characters = [chr(code) for code in range(128)]
        ascii_members = "".join(re.escape(character) for character in ascii_characters if self._classify(character))
        self._any_ascii_character = re.compile(f"[{ascii_members}]") if ascii_members else None
        if any(members == BEYOND_ASCII for members, _ in classes):
            # Every other character is a member: the class of all is the ASCII characters' left out.
            left_out = "".join(re.escape(character) for character in ascii_characters if not self._classify(character))
            self._any_character: re.Pattern[str] | None = re.compile(f"[^{left_out}]" if left_out else "(?s:.)")
        else:
            members = "".join(re.escape(character) for character in sorted(self._listed))
            members += "".join(inside for inside, _ in classes)
            self._any_character = re.compile(f"[{members}]") if members else None
        self._searches = [
            (bit, _search_of(condition)) for condition, bit in conditions if isinstance(condition, (Literals, Matching))
        ]

    def held(self, text: str, settled: int = 0) -> int:
        """The bits of the conditions ``text`` holds, with ``settled`` (bits already known to
        hold, whose searches are not run again)."""
        held = settled
        scan = self._any_ascii_character if text.isascii() else self._any_character
        if scan is not None:
            bits_of = self._bits_of
            for character in set(scan.findall(text)):
                bits = bits_of.get(character)
                if bits is None:
                    bits = bits_of[character] = self._classify(character)
                held |= bits
        for bit, search in self._searches:
            if not held & bit and search(text):
                held |= bit
        return held

    def _classify(self, character: str) -> int:
        bits = self._listed.get(character, 0)
        for pattern, bit in self._classes:
            if pattern.fullmatch(character):
                bits |= bit
        return bits


def _class_pattern(members: str) -> re.Pattern[str]:
    """The character class of ``members``. Python's re walks the code points of a range as it
    compiles one, up to 65,536 of them (7 ms for BEYOND_ASCII, at every start), and none for
    the range a negated class leaves out."""
    return re.compile("[^\\x00-\\x7f]" if members == BEYOND_ASCII else f"[{members}]")


def _search_of(condition: Literals | Matching) -> Callable[[str], Any]:
    if isinstance(condition, Matching):
        return condition.pattern.search
    literals = condition.literals
    return lambda text: any(literal in text for literal in literals)
