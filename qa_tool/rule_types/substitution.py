"""substitution: a table of wrong → right words; the right one is offered as the replacement."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterator

import regex

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
    exceptions_finder,
    finder_trigger,
    literal_choice,
    located,
    view_of,
)


@dataclass(frozen=True, kw_only=True)
class SubstitutionOptions(MatchingOptions):
    swap: dict[str, str] = field(
        metadata=doc(
            "Wrong → right, as written (no regular expressions): `OBOR: Belt and Road`. A wrong form "
            "inside one of the right forms is not flagged, so `Office: Foreign Affairs Office` "
            "leaves 'Foreign Affairs Office' alone."
        )
    )
    exceptions: tuple[str, ...] = field(
        default=(), metadata=doc("Phrases, as written, inside which a wrong form is fine ('Peking University').")
    )


@dataclass(frozen=True, slots=True)
class Substitution:
    finder: Finder
    # The right form for each of the pattern's groups, in group order.
    replacements: tuple[str, ...]
    sides: tuple[Side, ...]
    match_on: MatchOn | None


def compile_substitution(options: SubstitutionOptions, side: SideName | None, rule_file: RuleFile) -> Substitution:
    if not options.swap:
        raise rule_file.error("the swap table is empty, so the rule never matches", "swap")
    wrong, right = list(options.swap), list(options.swap.values())
    for bad, good in options.swap.items():
        if (bad.casefold() == good.casefold()) if options.ignorecase else bad == good:
            raise rule_file.error(f"'{bad}' → '{good}' changes nothing", "swap", bad)
    matching = {"ignorecase": options.ignorecase, "word": options.word}
    finder, order = literal_choice(wrong, rule_file, "swap", **matching)
    kept = [*options.exceptions, *(good for good in right if good.strip())]
    exceptions = exceptions_finder(kept, rule_file, "exceptions", **matching)
    return Substitution(
        replace(finder, exceptions=exceptions), tuple(right[index] for index in order), SIDES[side or "target"],
        options.match_on,
    )


class SubstitutionRule(PackRule[Substitution]):
    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        for side in self.compiled.sides:
            view = view_of(pair, side, self.compiled.match_on)
            for match in self.compiled.finder.finditer(view.text):
                replacement = self.compiled.replacements[_group(match)]
                span, text = located(pair, side, view, *match.span())
                yield self.finding(
                    pair.pair, self.say(match=text, replacement=replacement), spans=(span,), replacement=replacement
                )


def _group(match: regex.Match[str]) -> int:
    assert match.lastindex is not None  # every alternative is a group
    return match.lastindex - 1


SUBSTITUTION: RuleType[Substitution] = RuleType(
    name="substitution",
    summary="Wrong → right table; the right form is offered as the replacement.",
    options=SubstitutionOptions,
    compile=compile_substitution,
    rule=SubstitutionRule,
    placeholders={"match": "the wrong form found, as written", "replacement": "the right form from the table"},
    default_message="'{match}' should be '{replacement}'.",
    sides=("target", "source", "both"),
    trigger=lambda compiled: finder_trigger((compiled.finder,), compiled.sides, compiled.match_on),
)
