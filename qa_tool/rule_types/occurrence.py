"""occurrence: a marker must occur as often in the target as its counterpart in the source, give
or take a tolerance: 《》 book titles against quoted titles, ① list numbers against (1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from qa_tool.model import Finding, Side
from qa_tool.normalise import NormalisedPair
from qa_tool.rule_types.base import (
    Finder,
    MatchingOptions,
    MatchOn,
    PackRule,
    RuleFile,
    RuleType,
    SideName,
    compile_pattern,
    doc,
    located,
    view_of,
)


@dataclass(frozen=True, kw_only=True)
class OccurrenceOptions(MatchingOptions):
    source: str = field(metadata=doc("Regular expression counted in the source."))
    target: str = field(metadata=doc("Regular expression counted in the target."))
    tolerance: int = field(
        default=0, metadata=doc("How far apart the two counts may be without a finding (0: they must be equal).")
    )


@dataclass(frozen=True, slots=True)
class Occurrence:
    source: Finder
    target: Finder
    tolerance: int
    match_on: MatchOn | None


def compile_occurrence(options: OccurrenceOptions, side: SideName | None, rule_file: RuleFile) -> Occurrence:
    if options.tolerance < 0:
        raise rule_file.error(f"'tolerance' must be 0 or more, not {options.tolerance}", "tolerance")
    matching = {"ignorecase": options.ignorecase, "word": options.word}
    return Occurrence(
        compile_pattern(options.source, rule_file, "source", on_source=True, **matching),
        compile_pattern(options.target, rule_file, "target", on_source=False, **matching),
        options.tolerance,
        options.match_on,
    )


class OccurrenceRule(PackRule[Occurrence]):
    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        rule = self.compiled
        source_view = view_of(pair, Side.SOURCE, rule.match_on)
        target_view = view_of(pair, Side.TARGET, rule.match_on)
        source_matches = list(rule.source.finditer(source_view.text))
        target_matches = list(rule.target.finditer(target_view.text))
        if abs(len(source_matches) - len(target_matches)) <= rule.tolerance:
            return
        spans = [located(pair, Side.SOURCE, source_view, *m.span())[0] for m in source_matches]
        spans += [located(pair, Side.TARGET, target_view, *m.span())[0] for m in target_matches]
        message = self.say(source_count=len(source_matches), target_count=len(target_matches), tolerance=rule.tolerance)
        yield self.finding(pair.pair, message, spans=spans)


OCCURRENCE: RuleType[Occurrence] = RuleType(
    name="occurrence",
    summary="A marker must occur as often in the target as its counterpart in the source (with a tolerance).",
    options=OccurrenceOptions,
    compile=compile_occurrence,
    rule=OccurrenceRule,
    placeholders={
        "source_count": "how often `source` matched",
        "target_count": "how often `target` matched",
        "tolerance": "the rule's tolerance",
    },
    default_message="{source_count} in the source but {target_count} in the target.",
)
