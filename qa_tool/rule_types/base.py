"""What every pack rule type shares: where its keys sit in the YAML file (for errors with a line),
how its patterns are compiled, which view of a pair it reads, and the rule base class.

A rule type is a Python engine that YAML pack rules ``extends`` (as in Vale): the type declares
its keys as a frozen dataclass (the loader validates a file against it and the key reference in
rules/README.md is rendered from it), compiles them once per rule, and makes a fresh rule per
document.
"""

from __future__ import annotations

import itertools
import re
import string
from dataclasses import dataclass, field
from typing import Any, Callable, Generic, Iterable, Iterator, Literal, Mapping, Sequence, TypeVar

import regex

from qa_tool.checks.base import CheckSettings, Matching, Rule, RuleMeta, Scope, Searcher, Trigger
from qa_tool.errors import InputError
from qa_tool.model import Side, Span
from qa_tool.normalise import NormalisedPair, TextView

# Which texts a rule reads: its ``side`` key.
SideName = Literal["source", "target", "both"]
# ``match_on``: the text as written (the source without pinyin annotations), or normalised
# (NFKC; the source also in simplified script, so one pattern finds 一带一路 and 一帶一路).
MatchOn = Literal["written", "normalised"]

SIDES: Mapping[str, tuple[Side, ...]] = {
    "source": (Side.SOURCE,),
    "target": (Side.TARGET,),
    "both": (Side.SOURCE, Side.TARGET),
}

# NOTE: \b means nothing in Chinese: every Han character is a word character, so there is no
# boundary between two of them and `\b一带一路\b` misses "推进一带一路建设". Word boundaries
# here are drawn only where the match starts or ends with a letter or digit of an alphabetic
# script, and only against another such character; Han characters never count.
_ALPHANUMERIC = r"[^\W_\p{Han}]"
_WORD_START = rf"(?:(?={_ALPHANUMERIC})(?<!{_ALPHANUMERIC})|(?!{_ALPHANUMERIC}))"
_WORD_END = rf"(?:(?<={_ALPHANUMERIC})(?!{_ALPHANUMERIC})|(?<!{_ALPHANUMERIC}))"
_ALPHANUMERIC_CHARACTER = regex.compile(_ALPHANUMERIC)
# Up to this many literals, testing each with `in` is faster than the regex module's scan for
# an alternation (five words: 1.7 µs against 11 µs per sentence); beyond, the regex wins.
_FEW_NEEDLES = 12
# A \b or \B escape (not an escaped backslash followed by b).
_BOUNDARY_ESCAPE = regex.compile(r"(?<!\\)(?:\\\\)*\\[bB]")


def doc(text: str) -> dict[str, str]:
    """Field metadata: what an option key means, for the key reference."""
    return {"doc": text}


@dataclass(frozen=True, kw_only=True)
class MatchingOptions:
    """Keys of every type that matches text."""

    ignorecase: bool = field(default=False, metadata=doc("Ignore case (OBOR, obor, Obor)."))
    word: bool = field(
        default=True,
        metadata=doc(
            "Match whole words: a match that starts or ends with a Latin letter or digit must not "
            "continue a word there ('OBOR' is not found in 'corroborated'). Chinese characters "
            "never count, so Chinese is matched anywhere. false: match inside words too."
        ),
    )
    match_on: MatchOn | None = field(
        default=None,
        metadata=doc(
            "written: the text as written (the source without pinyin annotations); normalised: "
            "NFKC (full-width letters and digits as ASCII) and, for the source, simplified script. "
            "Default: normalised for the source (write Chinese patterns in simplified script; "
            "traditional text matches too), written for the target."
        ),
    )


@dataclass(frozen=True, slots=True)
class RuleFile:
    """A pack rule's file and the line of every key and list item in it, so an error found
    after parsing still points at the line that caused it."""

    path: str
    # Key path → 1-based line: () is the file, ("patterns", 2) the third pattern,
    # ("swap", "Peking") the line of that key.
    lines: Mapping[tuple[Any, ...], int]

    def error(self, message: str, *key: Any) -> InputError:
        """An InputError at the line of ``key`` (or of the nearest enclosing key)."""
        for end in range(len(key), -1, -1):
            line = self.lines.get(tuple(key[:end]))
            if line is not None:
                return InputError(message, path=self.path, line=line)
        return InputError(message, path=self.path)


def compile_pattern(pattern: str, rule_file: RuleFile, *key: Any, ignorecase: bool, word: bool, on_source: bool) -> Finder:
    """A rule's regular expression, checked: it must compile, must not match empty text and,
    when it reads Chinese, must not use \\b."""
    if on_source and _BOUNDARY_ESCAPE.search(pattern):
        raise rule_file.error(
            f"the pattern '{pattern}' reads the Chinese and uses \\b or \\B, which mean nothing there: "
            "every Chinese character counts as a word character, so there is no boundary between two "
            "of them. Leave boundaries to 'word: true' (the default), which bounds Latin letters and "
            "digits only",
            *key,
        )
    flags = regex.IGNORECASE if ignorecase else 0
    try:
        compiled = regex.compile(pattern, flags)
    except regex.error as error:
        raise rule_file.error(f"'{pattern}' is not a valid regular expression: {error}", *key) from None
    if compiled.fullmatch("") is not None:
        raise rule_file.error(f"the pattern '{pattern}' matches empty text, so it would match everywhere", *key)
    return searcher(pattern, flags, word)


def searcher(pattern: str, flags: int, word: bool) -> Finder:
    """A Finder for a valid regular expression, as a whole word when ``word``."""
    plain = regex.compile(pattern, flags)
    # A pattern that is plain text (一带一路) is first looked for with `in`.
    needles = (pattern,) if regex.escape(pattern, literal_spaces=True) == pattern else ()
    lowered = bool(needles) and bool(flags & regex.IGNORECASE)
    needles = tuple(lower_case(needle) for needle in needles) if lowered else needles
    screen = _screen(needles, lowered)
    if not word:
        return Finder(plain, needles=needles, lowered=lowered, screen=screen)
    bounded = regex.compile(f"{_WORD_START}(?:{pattern}){_WORD_END}", flags)
    return Finder(bounded, prefilter=plain, needles=needles, lowered=lowered, screen=screen)


def literal_choice(
    texts: Sequence[str], rule_file: RuleFile, *key: Any, ignorecase: bool, word: bool
) -> tuple[Finder, tuple[int, ...]]:
    """A Finder for any of ``texts`` as written, longest first (so a phrase wins over its
    first word), and the index in ``texts`` of each of its groups: ``order[m.lastindex - 1]``
    is the entry a match ``m`` found."""
    for index, text in enumerate(texts):
        if not text.strip():
            raise rule_file.error("an entry is empty, so it would match everywhere", *key, index)
    forms = [lower_case(text) if ignorecase else text for text in texts]
    order = tuple(sorted(range(len(texts)), key=lambda index: len(forms[index]), reverse=True))
    plain = "|".join(regex.escape(forms[index]) for index in order)
    body = "|".join(f"({_whole(forms[index]) if word else regex.escape(forms[index])})" for index in order)
    return Finder(
        LiteralsPattern(body),
        prefilter=LiteralsPattern(plain) if word else None,
        needles=tuple(forms) if len(forms) <= _FEW_NEEDLES else (),
        lowered=ignorecase,
        screen=_screen(forms, ignorecase),
    ), order


def _screen(literals: Sequence[str], ignorecase: bool) -> Searcher | None:
    """A stdlib search for any of ``literals`` (in lower case when ``ignorecase``, then found
    in any case), None without literals."""
    if not literals:
        return None
    choice = "|".join(re.escape(literal) for literal in literals)
    if ignorecase and all(literal.isascii() for literal in literals):
        lowered = "|".join(re.escape(literal.lower()) for literal in literals)
        return LoweredScreen(re.compile(lowered), re.compile(choice, re.IGNORECASE))
    return re.compile(choice, re.IGNORECASE if ignorecase else 0)


class LiteralsPattern:
    """A regex pattern of escaped literals, compiled when first searched: it cannot fail to
    compile, and a rule whose trigger never fires (most pack rules on a small file) never
    searches it. The default pack's took 17 ms of a 10-pair check's start."""

    __slots__ = ("_source", "_compiled")

    def __init__(self, source: str) -> None:
        self._source = source
        self._compiled: regex.Pattern[str] | None = None

    @property
    def compiled(self) -> regex.Pattern[str]:
        if self._compiled is None:
            self._compiled = regex.compile(self._source)
        return self._compiled

    def search(self, text: str, pos: int = 0) -> regex.Match[str] | None:
        return self.compiled.search(text, pos)

    def finditer(self, text: str, pos: int = 0) -> Iterator[regex.Match[str]]:
        return self.compiled.finditer(text, pos)


@dataclass(frozen=True, slots=True)
class LoweredScreen:
    """A search in any case for ASCII literals. On ASCII text (nearly all English) it is an
    exact search of the text in lower case: there, a letter matches another in any case just
    when both are the same in lower case, and re's IGNORECASE search, which scans for no first
    character when the literals begin with letters, takes about three times as long."""

    exact: re.Pattern[str]
    any_case: re.Pattern[str]

    def search(self, text: str) -> re.Match[str] | None:
        return self.exact.search(text.lower()) if text.isascii() else self.any_case.search(text)


def _whole(text: str) -> str:
    """A literal as a whole word: the boundaries go only on edges that are letters or digits,
    so they cost nothing where they cannot apply, and the engine can still skip ahead."""
    escaped = regex.escape(text)
    if _ALPHANUMERIC_CHARACTER.match(text[0]):
        escaped = f"(?<!{_ALPHANUMERIC}){escaped}"
    if _ALPHANUMERIC_CHARACTER.match(text[-1]):
        escaped = f"{escaped}(?!{_ALPHANUMERIC})"
    return escaped


def lower_case(text: str) -> str:
    """``text`` in lower case, character for character (İ would become two characters)."""
    return (text.replace("\u0130", "I") if "\u0130" in text else text).lower()


@dataclass(frozen=True, slots=True)
class Finder:
    """A compiled search, built to be cheap on the text it does not match (nearly all text)."""

    pattern: regex.Pattern[str] | LiteralsPattern
    # The pattern without its word boundaries, searched first: every match is one of its
    # matches, and without the boundary lookarounds the engine skips ahead to a literal
    # (some forty times faster on text without a match).
    prefilter: regex.Pattern[str] | LiteralsPattern | None = None
    # Literals one of which every match contains, tested with `in` before any regex.
    needles: tuple[str, ...] = ()
    # The pattern is in lower case and searches the lower-cased text: the regex module's
    # IGNORECASE search is about ten times slower than an exact one.
    lowered: bool = False
    # Phrases inside which a match does not count ("Peking University").
    exceptions: Finder | None = None
    # Found in every text the finder matches in (its literals; in any case when it ignores
    # case), for the rule's trigger; None when the pattern is not a literal. A stdlib search:
    # it scans a plain alternation about twice as fast as the regex module.
    screen: Searcher | None = None

    def finditer(self, text: str) -> Iterator[regex.Match[str]]:
        """Matches in ``text``; their spans are offsets in ``text`` (a lower-cased search keeps
        them), but read the matched text from ``text``, not from the match."""
        subject = lower_case(text) if self.lowered else text
        if self.needles and not any(needle in subject for needle in self.needles):
            return
        start = 0
        if self.prefilter is not None:
            first_candidate = self.prefilter.search(subject)
            if first_candidate is None:
                return
            start = first_candidate.start()
        matches = self.pattern.finditer(subject, start)
        first = next(matches, None)
        if first is None:
            return
        allowed = [found.span() for found in self.exceptions.finditer(text)] if self.exceptions else []
        for match in itertools.chain((first,), matches):
            if not within(*match.span(), allowed):
                yield match

    def search(self, text: str) -> regex.Match[str] | None:
        return next(self.finditer(text), None)


def exceptions_finder(phrases: Sequence[str], rule_file: RuleFile, *key: Any, ignorecase: bool, word: bool) -> Finder | None:
    return literal_choice(phrases, rule_file, *key, ignorecase=ignorecase, word=word)[0] if phrases else None


def message_fields(template: str) -> list[str]:
    """The placeholder names a message template uses; ValueError when it is malformed."""
    fields = []
    for _, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if spec or conversion or not name.isidentifier():
            shown = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            raise ValueError(f"'{{{shown}}}' is not a plain placeholder")
        fields.append(name)
    return fields


def finder_trigger(finders: Sequence[Finder], sides: Sequence[Side], match_on: MatchOn | None) -> Trigger | None:
    """The trigger of a rule that reports what ``finders`` match on ``sides``: a screen of one
    found in a side. None (the rule always runs) when a finder has no screen, or when the rule
    reads the source as written: taking a pinyin annotation out can join a literal that the
    text as written splits, and only the matching view is read without annotations."""
    screens = [finder.screen for finder in finders if finder.screen is not None]
    if len(screens) < len(finders) or (Side.SOURCE in sides and match_on == "written"):
        return None
    return Trigger(
        tuple(
            Matching(side, screen, "a form it lists", matching_view=side is Side.SOURCE or match_on == "normalised")
            for side in sides
            for screen in screens
        )
    )


def view_of(pair: NormalisedPair, side: Side, match_on: MatchOn | None) -> TextView:
    """The view a rule matches on. By default the source is normalised (so simplified patterns
    find traditional text) and the target is as written (NFKC would turn '，' into ',')."""
    if side is Side.SOURCE:
        return pair.source if match_on == "written" else pair.source_match
    return pair.target_match if match_on == "normalised" else pair.target


def within(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(outer_start <= start and end <= outer_end for outer_start, outer_end in spans)


def located(pair: NormalisedPair, side: Side, view: TextView, start: int, end: int) -> tuple[Span, str]:
    """A match in ``view`` as a span of the original text, and the original text it covers."""
    original_start, original_end = view.original_span(start, end)
    text = pair.pair.source if side is Side.SOURCE else pair.pair.target
    return Span(side, original_start, original_end), text[original_start:original_end]


CompiledT = TypeVar("CompiledT")


class PackRule(Rule, Generic[CompiledT]):
    """A rule made from a YAML file: the type's logic with the file's metadata, message and
    compiled keys. One instance per document, like a built-in rule."""

    def __init__(self, settings: CheckSettings, meta: RuleMeta, message: str, compiled: CompiledT) -> None:
        super().__init__(settings)
        # NOTE: pack rules share their type's class, so the metadata lives on the instance.
        self.meta = meta  # type: ignore[misc]
        self.message = message
        self.compiled = compiled

    def say(self, **values: object) -> str:
        """The rule's message with its placeholders filled (the loader checked their names)."""
        return self.message.format_map(values)


@dataclass(frozen=True)
class RuleType(Generic[CompiledT]):
    """One rule type: its YAML keys, how they compile, and the rule that runs them."""

    name: str
    # One line for the docs: what a rule of this type finds.
    summary: str
    # Frozen dataclass of the type's own keys: field types are checked, metadata["doc"] documents.
    options: type
    # (options, side, rule file) → the compiled form the rule reads; raises rule_file.error(...).
    compile: Callable[[Any, SideName | None, RuleFile], CompiledT]
    rule: type[PackRule[CompiledT]]
    # Message placeholders → what they hold.
    placeholders: Mapping[str, str]
    # None: every rule of the type must give its own ``message``.
    default_message: str | None
    # Values the common ``side`` key may take, the default first; () = the type reads both
    # sides in its own way and has no ``side``.
    sides: tuple[SideName, ...] = ()
    scope: Scope = Scope.SEGMENT
    # Placeholders a compiled rule adds to ``placeholders`` (the named groups of a pattern).
    extra_placeholders: Callable[[CompiledT], Iterable[str]] = lambda compiled: ()
    # What a pair must hold for a compiled rule to find anything (RuleMeta.trigger); None: always run.
    trigger: Callable[[CompiledT], Trigger | None] = lambda compiled: None
