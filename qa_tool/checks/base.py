"""What a rule is: frozen metadata plus two hooks, one per segment and one at document end."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterable, Iterator, Mapping, Protocol, Sequence

from qa_tool.model import Finding, SegmentPair, Severity, Side, Span

if TYPE_CHECKING:
    from qa_tool.normalise import NormalisedPair, TextView


class FixSafety(str, Enum):
    """What applying a rule's replacement does to the English, so `qa-tool fix` knows which
    fixes it may make unasked."""

    # Cannot change the meaning: punctuation, spacing, quotation style, an apostrophe, a
    # glossary's approved rendering for a forbidden one. Applied by default.
    SAFE = "safe"
    # A likely fix that a person should confirm (a name's spelling, a repeated word). Applied
    # only with --unsafe-fixes.
    SUGGESTION = "suggestion"


class Scope(str, Enum):
    # Each pair is judged on its own.
    SEGMENT = "segment"
    # Findings need the whole document (e.g. a word seen elsewhere in it).
    DOCUMENT = "document"
    # Consistency: pairs are compared across every file of a run (--consistency run, the
    # default) or within each file (--consistency file); otherwise as a document rule.
    RUN = "run"


@dataclass(frozen=True, slots=True)
class Example:
    """A zh/en pair from the rule's docs; ``flagged`` says whether the rule must flag it.
    Every example runs as a test, so the docs cannot drift from the behaviour."""

    source: str
    target: str
    flagged: bool
    # Why this example is (not) flagged, shown in the docs.
    note: str = ""
    # The pair's alignment confidence, for examples of interleaved text.
    alignment: float | None = None
    # A glossary (TSV text with a header, e.g. "zh\ten\n外办\tForeign Affairs Office\n") the
    # example is checked with, for rules that need one.
    glossary: str = ""
    # (zh, en) pairs earlier in the same document, for document-scope rules; only findings on
    # the example's own pair count.
    earlier: tuple[tuple[str, str], ...] = ()
    # The English variety the example is checked with (--variant), for rules that need one.
    variant: str | None = None


class Searcher(Protocol):
    """A compiled pattern of ``re`` or ``regex`` (or anything searching like one): all a
    trigger asks of it."""

    def search(self, string: str, /) -> Any: ...


@dataclass(frozen=True, slots=True)
class SearchedBy:
    """A search function as a trigger's pattern: for a test that is not one compiled pattern,
    or whose pattern is compiled when first asked for."""

    search: Callable[[str], Any]


# CharacterClass members: every character beyond ASCII.
BEYOND_ASCII = r"\x80-\U0010ffff"


@dataclass(frozen=True, slots=True)
class Characters:
    """Present when a side holds any of ``characters``."""

    side: Side
    characters: frozenset[str]
    # What they are, for the docs ("digits", "quotation marks").
    shown: str
    # Look in the side's matching view too (NFKC; the source also in simplified script), for a
    # rule that reads it: ``２`` is a digit there. Otherwise only the text as written is read.
    matching_view: bool = False


@dataclass(frozen=True, slots=True)
class CharacterClass:
    """Present when a side holds a character of ``members``: the inside of a character class of
    ``re`` (``\\d``, BEYOND_ASCII), for sets too large to list."""

    side: Side
    members: str
    shown: str
    matching_view: bool = False


@dataclass(frozen=True, slots=True)
class Literals:
    """Present when a side holds any of ``literals`` (for needles of more than one character)."""

    side: Side
    literals: tuple[str, ...]
    shown: str
    matching_view: bool = False


@dataclass(frozen=True, slots=True)
class Matching:
    """Present when ``pattern`` is found in a side (the rule's own first test, typically)."""

    side: Side
    pattern: Searcher
    shown: str
    matching_view: bool = False


@dataclass(frozen=True, slots=True)
class InlineTags:
    """Present when a side has inline tags (markup the reader took out of the text)."""

    side: Side
    shown: str = "inline tags"


Condition = Characters | CharacterClass | Literals | Matching | InlineTags


@dataclass(frozen=True, slots=True)
class Trigger:
    """What a pair must hold for a rule to have anything to say on it: the engine runs the rule
    only on pairs where any of the ``conditions`` holds (every one, with ``require_all``).

    A condition reads a side's text as written (for the source, with the pinyin annotations the
    reading view drops: every character of that view is there) and, when it says so, the
    side's matching view. A trigger must be exact: on a pair it skips, the rule would have
    found nothing (tests/test_triggers.py runs every rule with and without triggers over the
    fixtures, samples and dev sets)."""

    conditions: tuple[Condition, ...]
    require_all: bool = False

    def __post_init__(self) -> None:
        if not self.conditions:
            raise ValueError("a trigger needs at least one condition (no trigger: the rule always runs)")

    @property
    def shown(self) -> str:
        """The trigger in words, for the rule docs."""
        joint = " and " if self.require_all else " or "
        return joint.join(f"{condition.shown} in the {condition.side.value}" for condition in self.conditions)


def trie_alternation(words: Iterable[str]) -> str:
    """An alternation of ``words`` built as a trie: at each character one branch is followed,
    where a flat alternation would try every word in turn. Where several words match, the
    longest is tried first and the shorter ones on backtracking, as in a flat alternation of
    the words sorted longest first."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}

    def pattern_of(node: dict[str, dict]) -> str:
        branches = [re.escape(character) + pattern_of(child) for character, child in sorted(node.items()) if character]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern_of(root)


def any_of(*conditions: Condition) -> Trigger:
    return Trigger(conditions)


def all_of(*conditions: Condition) -> Trigger:
    return Trigger(conditions, require_all=True)


@dataclass(frozen=True, slots=True)
class RuleMeta:
    # Stable short code by family (SG segment, GR grammar...), used in config and reports.
    code: str
    # kebab-case name of the problem, e.g. "missing-possessive-apostrophe".
    name: str
    # MQM category, "Dimension/Subtype" as in MQM annotations ("Fluency/Grammar").
    category: str
    severity: Severity
    # One line, shown in `qa-tool rules`.
    summary: str
    # One paragraph: why this matters, and what the rule deliberately leaves alone.
    rationale: str
    examples: tuple[Example, ...]
    scope: Scope = Scope.SEGMENT
    # False for a rule whose findings on real text are not precise enough for a default gate
    # (docs/precision.md): it runs only when selected by code, family, name or ALL.
    on_by_default: bool = True
    # Whether the replacements the rule offers are safe to apply unasked.
    fix: FixSafety = FixSafety.SUGGESTION
    # What a pair must hold for the rule to fire; None: it runs on every pair. A document
    # rule's trigger skips its observe only if it splits its work (and says what it observes
    # on a pair it skips, ``Rule.nothing_observed``).
    trigger: Trigger | None = None


@dataclass(frozen=True)
class CheckSettings:
    """What a run tells its rules: the same for every document of the run. Plain data, so it
    can be sent to worker processes (--jobs)."""

    # Glossary files (TSV/CSV/TBX) given with --glossary or in the config, in order.
    glossaries: tuple[str, ...] = ()
    # Per-rule options from the config, by rule code: {"NM01": {"western_order": True}}.
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    # Severity overrides from the config, by rule code.
    severity: Mapping[str, Severity] = field(default_factory=dict)
    # Word lists (one word per line) the spelling rules accept besides their own.
    dictionaries: tuple[str, ...] = ()
    # The English the client wants, "en-GB" or "en-US"; None: either, not checked.
    variant: str | None = None


class RuleFactory(Protocol):
    """What the engine needs of a rule kind: its metadata, and a fresh rule per document.
    A built-in rule class is one; so is a loaded pack rule."""

    meta: RuleMeta

    def __call__(self, settings: CheckSettings) -> "Rule": ...


class Rule:
    """Base of every built-in rule. The engine makes a fresh instance for each document (one
    for the whole run for a run-scope rule comparing files), so a document-scope rule may
    keep its state on ``self``. Rules never print or raise on text:
    they yield findings."""

    meta: ClassVar[RuleMeta]
    # A document rule may split its per-pair work in two: ``observe``, a pure function of one
    # pair returning a small picklable value (run wherever the pair is normalised: in --jobs
    # workers, or in a map over shards), and ``absorb``, which keeps the document's state and
    # judges, pair after pair in document order. Rules that do not split are handed the
    # normalised pair itself.
    splits_document_work: ClassVar[bool] = False
    # What ``observe`` returns on a pair its trigger skips (nothing seen there): ``absorb`` is
    # still handed every pair, with this.
    nothing_observed: ClassVar[Any] = None

    def __init__(self, settings: CheckSettings) -> None:
        self.settings = settings

    @property
    def options(self) -> Mapping[str, Any]:
        """This rule's options from the config (empty when none are set)."""
        return self.settings.rule_options.get(self.meta.code, {})

    def prepare(self, pairs: Sequence[NormalisedPair]) -> None:
        """Called with each run of pairs before any of them is checked, for work done better
        in one sweep than pair by pair (the answers must not change)."""

    def check_segment(self, pair: NormalisedPair) -> Iterable[Finding]:
        return ()

    def observe(self, pair: NormalisedPair) -> Any:
        return pair

    def absorb(self, pair: SegmentPair, observed: Any) -> Iterable[Finding]:
        return self.check_segment(observed)

    def finish_document(self) -> Iterable[Finding]:
        return ()

    def finding(
        self,
        pair: SegmentPair,
        message: str,
        spans: Iterable[Span] = (),
        replacement: str | None = None,
    ) -> Finding:
        return Finding(
            code=self.meta.code,
            rule=self.meta.name,
            severity=self.settings.severity.get(self.meta.code, self.meta.severity),
            category=self.meta.category,
            message=message,
            pair=pair,
            spans=tuple(spans),
            replacement=replacement,
            safe_fix=replacement is not None and self.meta.fix is FixSafety.SAFE,
        )


def original_spans(view: TextView, side: Side, ranges: Iterable[tuple[int, int]]) -> Iterator[Span]:
    """Spans found in a normalised view, pointed back into the original text."""
    for start, end in ranges:
        original_start, original_end = view.original_span(start, end)
        yield Span(side, original_start, original_end)
