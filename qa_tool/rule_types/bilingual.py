"""bilingual: when the source matches one pattern, the target must (or must not) match another,
which may reuse the source match's named groups (Okapi CheckMate's pattern pairs, Xbench's
checklists): source ``(?P<n>\\d+)周年``, target ``{n}(?:st|nd|rd|th) anniversary``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator, Literal

import regex

from qa_tool.model import Finding, Side, Span
from qa_tool.normalise import NormalisedPair
from qa_tool.rule_types.base import (
    MatchingOptions,
    MatchOn,
    PackRule,
    RuleFile,
    RuleType,
    SideName,
    Finder,
    compile_pattern,
    doc,
    located,
    searcher,
    view_of,
)

# {name} in the target pattern, but not the property names of \p{Han}, \P{L} or \N{...}.
_PLACEHOLDER = regex.compile(r"(?<!\\[pPN])\{([^\W\d]\w*)\}")
# The placeholders every bilingual message offers; a named group may not take one of these names.
_PLACEHOLDERS = {
    "source_match": "the source text that matched `source`, as written",
    "match": "the target text that matched `target` (with `target_must: not-match`; else empty)",
}


@dataclass(frozen=True, kw_only=True)
class BilingualOptions(MatchingOptions):
    source: str = field(
        metadata=doc("Regular expression for the source; its named groups `(?P<name>...)` can be used in `target`.")
    )
    target: str = field(
        metadata=doc(
            "Regular expression for the target; `{name}` stands for the text the source's group "
            "`name` matched, matched literally (its special characters are escaped)."
        )
    )
    target_must: Literal["match", "not-match"] = field(
        default="match",
        metadata=doc(
            "match: for each source match the target must match `target` (else a finding on the "
            "source match); not-match: every target match is a finding."
        ),
    )


@dataclass(frozen=True, slots=True)
class Bilingual:
    source: Finder
    # The target pattern with {name} placeholders, ready for the source's values.
    target_template: str
    flags: int
    word: bool
    must_match: bool
    match_on: MatchOn | None
    names: tuple[str, ...]


def compile_bilingual(options: BilingualOptions, side: SideName | None, rule_file: RuleFile) -> Bilingual:
    flags = regex.IGNORECASE if options.ignorecase else 0
    source = compile_pattern(options.source, rule_file, "source", ignorecase=options.ignorecase, word=options.word, on_source=True)
    names = tuple(sorted(source.pattern.groupindex))
    for name in names:
        if name in _PLACEHOLDERS:
            raise rule_file.error(f"the group name '{name}' is taken by the message placeholder {{{name}}}; rename the group", "source")
    for used in _PLACEHOLDER.findall(options.target):
        if used not in source.pattern.groupindex:
            known = ", ".join(names) or "none"
            raise rule_file.error(
                f"the target pattern uses {{{used}}}, but the source pattern has no group of that name "
                f"(its named groups: {known}); write literal braces as \\{{ and \\}}",
                "target",
            )
    # A stand-in for every placeholder shows a bad target pattern now, not on the first match.
    compile_pattern(_PLACEHOLDER.sub("x", options.target), rule_file, "target", ignorecase=options.ignorecase,
                    word=False, on_source=False)
    return Bilingual(source, options.target, flags, options.word, options.target_must == "match", options.match_on, names)


@lru_cache(maxsize=4096)
def _target_finder(template: str, values: tuple[tuple[str, str], ...], flags: int, word: bool) -> Finder:
    by_name = dict(values)
    return searcher(_PLACEHOLDER.sub(lambda found: regex.escape(by_name[found.group(1)]), template), flags, word)


class BilingualRule(PackRule[Bilingual]):
    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        rule = self.compiled
        source_view = view_of(pair, Side.SOURCE, rule.match_on)
        matches = list(rule.source.finditer(source_view.text))
        if not matches:
            return
        target_view = view_of(pair, Side.TARGET, rule.match_on)
        # Source matches that ask the same of the target are one finding.
        by_target: dict[Finder, list[regex.Match[str]]] = defaultdict(list)
        for match in matches:
            values = tuple((name, match.group(name) or "") for name in rule.names)
            by_target[_target_finder(rule.target_template, values, rule.flags, rule.word)].append(match)
        for target, source_matches in by_target.items():
            source_spans = [located(pair, Side.SOURCE, source_view, *m.span()) for m in source_matches]
            fields = {name: source_matches[0].group(name) or "" for name in rule.names}
            fields["source_match"] = source_spans[0][1]
            if rule.must_match:
                if target.search(target_view.text) is None:
                    yield self.finding(pair.pair, self.say(match="", **fields), spans=_spans(source_spans))
                continue
            for found in target.finditer(target_view.text):
                span, text = located(pair, Side.TARGET, target_view, *found.span())
                yield self.finding(pair.pair, self.say(match=text, **fields), spans=(span, *_spans(source_spans)))


def _spans(located_matches: Iterable[tuple[Span, str]]) -> tuple[Span, ...]:
    return tuple(span for span, _ in located_matches)


BILINGUAL: RuleType[Bilingual] = RuleType(
    name="bilingual",
    summary="If the source matches a pattern, the target must (or must not) match another, reusing named groups.",
    options=BilingualOptions,
    compile=compile_bilingual,
    rule=BilingualRule,
    placeholders={**_PLACEHOLDERS, "<group name>": "the text a named group of `source` matched"},
    # What is wrong depends on the patterns, so every bilingual rule says it in its own words.
    default_message=None,
    extra_placeholders=lambda compiled: compiled.names,
)
