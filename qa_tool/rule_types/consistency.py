"""consistency: sets of variants of which one document uses only one ("e-mail" or "email").
The first variant a document uses wins; every later use of another variant of the set is a
finding, with the first one as its replacement."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from qa_tool.checks._consistency import Places
from qa_tool.checks.base import CheckSettings, RuleMeta, Scope
from qa_tool.model import Finding, Side
from qa_tool.normalise import NormalisedPair
from qa_tool.rule_types.base import (
    SIDES,
    Finder,
    MatchingOptions,
    MatchOn,
    PackRule,
    RuleFile,
    RuleType,
    SideName,
    doc,
    literal_choice,
    located,
    view_of,
)


@dataclass(frozen=True, kw_only=True)
class ConsistencyOptions(MatchingOptions):
    variants: tuple[tuple[str, ...], ...] = field(
        metadata=doc(
            "A list of sets, each a list of two or more variants as written (`[[e-mail, email], "
            "[organise, organize]]`); a document must use one variant of each set."
        )
    )


@dataclass(frozen=True, slots=True)
class Consistency:
    finder: Finder
    # (set, variant) for each of the pattern's groups, in group order.
    groups: tuple[tuple[int, int], ...]
    variants: tuple[tuple[str, ...], ...]
    side: Side
    match_on: MatchOn | None


def compile_consistency(options: ConsistencyOptions, side: SideName | None, rule_file: RuleFile) -> Consistency:
    if not options.variants:
        raise rule_file.error("'variants' is empty, so the rule never matches", "variants")
    seen: dict[str, int] = {}
    for set_index, variants in enumerate(options.variants):
        keys = [variant.casefold() if options.ignorecase else variant for variant in variants]
        if len(set(keys)) < 2:
            raise rule_file.error(
                "a set needs two or more different variants; with one, the rule never matches", "variants", set_index
            )
        for key, variant in zip(keys, variants):
            if seen.setdefault(key, set_index) != set_index or keys.count(key) > 1:
                raise rule_file.error(f"'{variant}' is listed twice; list each variant in one set, once", "variants", set_index)
    flat = [(set_index, index) for set_index, variants in enumerate(options.variants) for index in range(len(variants))]
    texts = [options.variants[set_index][index] for set_index, index in flat]
    finder, order = literal_choice(texts, rule_file, "variants", ignorecase=options.ignorecase, word=options.word)
    return Consistency(finder, tuple(flat[index] for index in order), options.variants, SIDES[side or "target"][0],
                       options.match_on)


class ConsistencyRule(PackRule[Consistency]):
    def __init__(self, settings: CheckSettings, meta: RuleMeta, message: str, compiled: Consistency) -> None:
        super().__init__(settings, meta, message, compiled)
        # Set → (the variant the document used first, where that pair is).
        self._first: dict[int, tuple[int, int]] = {}
        self._places = Places()

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        rule = self.compiled
        view = view_of(pair, rule.side, rule.match_on)
        for match in rule.finder.finditer(view.text):
            assert match.lastindex is not None  # every variant is a group
            set_index, variant = rule.groups[match.lastindex - 1]
            if set_index not in self._first:
                self._first[set_index] = (variant, self._places.of(pair.pair))
            first, first_place = self._first[set_index]
            if first == variant:
                continue
            span, text = located(pair, rule.side, view, *match.span())
            chosen = rule.variants[set_index][first]
            message = self.say(match=text, first=chosen, first_segment=self._places.named(first_place, pair.pair), replacement=chosen)
            yield self.finding(pair.pair, message, spans=(span,), replacement=chosen)


CONSISTENCY: RuleType[Consistency] = RuleType(
    name="consistency",
    summary="Sets of variants of which a document uses only one; the first one used wins.",
    options=ConsistencyOptions,
    compile=compile_consistency,
    rule=ConsistencyRule,
    placeholders={
        "match": "the later, different variant found, as written",
        "first": "the variant the document used first, as the rule writes it",
        "first_segment": "where that was: 'line 12', or 'segment u3' in a file without lines; "
        "'line 12 of b.tmx' in another file of the run",
        "replacement": "the same as {first}: the fix offered",
    },
    default_message="'{match}' here, but '{first}' in {first_segment}; use one of them throughout.",
    sides=("target", "source"),
    scope=Scope.RUN,
)
