"""existence: words or patterns that must not occur in a text (Vale's ``existence``)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterator

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
    compile_pattern,
    doc,
    exceptions_finder,
    finder_trigger,
    literal_choice,
    located,
    view_of,
)


@dataclass(frozen=True, kw_only=True)
class ExistenceOptions(MatchingOptions):
    tokens: tuple[str, ...] = field(
        default=(), metadata=doc("Words or phrases that must not occur, as written (no regular expression).")
    )
    patterns: tuple[str, ...] = field(
        default=(), metadata=doc("Regular expressions (Python `regex` syntax) that must not match.")
    )
    exceptions: tuple[str, ...] = field(
        default=(), metadata=doc("Phrases, as written, inside which a match is fine ('Peking University').")
    )


@dataclass(frozen=True, slots=True)
class Existence:
    finders: tuple[Finder, ...]
    sides: tuple[Side, ...]
    match_on: MatchOn | None


def compile_existence(options: ExistenceOptions, side: SideName | None, rule_file: RuleFile) -> Existence:
    if not options.tokens and not options.patterns:
        raise rule_file.error("the rule has no tokens and no patterns, so it never matches")
    reads_source = side != "target"
    matching = {"ignorecase": options.ignorecase, "word": options.word}
    exceptions = exceptions_finder(options.exceptions, rule_file, "exceptions", **matching)
    finders = [
        compile_pattern(pattern, rule_file, "patterns", index, on_source=reads_source, **matching)
        for index, pattern in enumerate(options.patterns)
    ]
    if options.tokens:
        finders.insert(0, literal_choice(options.tokens, rule_file, "tokens", **matching)[0])
    return Existence(
        tuple(replace(finder, exceptions=exceptions) for finder in finders), SIDES[side or "target"], options.match_on
    )


class ExistenceRule(PackRule[Existence]):
    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        for side in self.compiled.sides:
            view = view_of(pair, side, self.compiled.match_on)
            for finder in self.compiled.finders:
                for match in finder.finditer(view.text):
                    span, text = located(pair, side, view, *match.span())
                    yield self.finding(pair.pair, self.say(match=text), spans=(span,))


EXISTENCE: RuleType[Existence] = RuleType(
    name="existence",
    summary="Words or patterns that must not occur on a side.",
    options=ExistenceOptions,
    compile=compile_existence,
    rule=ExistenceRule,
    placeholders={"match": "the text found, as written"},
    default_message="'{match}' should not be used here.",
    sides=("target", "source", "both"),
    trigger=lambda compiled: finder_trigger(compiled.finders, compiled.sides, compiled.match_on),
)
