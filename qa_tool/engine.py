"""Checking: run the selected rules over a stream of pairs, one document at a time."""

from __future__ import annotations

from collections import deque
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from enum import Enum
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from qa_tool.checks import select_rules
from qa_tool.checks.base import CheckSettings, Rule, RuleFactory, Scope
from qa_tool.finding_store import FindingCollector
from qa_tool.languages.en import word_count
from qa_tool.model import Finding, Location, SegmentPair
from qa_tool.normalise import NormalisedPair, normalise
from qa_tool.packs import available_rules
from qa_tool.schedule import RuleSchedule
from qa_tool.suppressions import SuppressionLedger

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """The findings of one input file and the counts its score needs."""

    path: str
    pair_count: int
    # English words in the targets: the evaluated word count of the score.
    target_words: int
    # Characters of the Chinese sources without pinyin annotations and white space.
    source_chars: int
    # In reading order; past a bound, on disk (qa_tool.finding_store).
    findings: Sequence[Finding]
    # Findings hidden by a qa-ignore note, kept for audit.
    suppressed: Sequence[Finding] = ()
    # Pairs read but not checked, by reason ("locked", "match", "status": segment_filter.SkipReason).
    skipped: dict[str, int] = field(default_factory=dict)

    @property
    def skipped_count(self) -> int:
        return sum(self.skipped.values())


# Pairs read at a time; with --jobs each chunk goes to a worker process: large enough that
# pickling costs little next to checking, small enough that memory stays flat.
CHUNK_PAIRS = 1000
# Findings one rule reports on one segment; past this, one more finding counts the rest, so a
# pathological segment (an MT loop, a line of 100,000 quotation marks) keeps the report small.
MAX_FINDINGS_PER_RULE_AND_SEGMENT = 20
# Past this many, the findings of one rule on one segment are not counted further.
MAX_FINDINGS_COUNTED = 1_000


class Consistency(str, Enum):
    """How far the run-scope rules (the consistency rules) compare pairs."""

    # Within each file, as if it were checked alone.
    FILE = "file"
    # Across every file of the run: a term translated one way in a.xlf and another in b.tmx.
    RUN = "run"


@dataclass(frozen=True)
class DocumentInput:
    """One document of a run: the name its findings are reported under, its pairs in
    order, and the rules to run on it (per-path ignores may leave some out)."""

    name: str
    pairs: Iterable[SegmentPair]
    rules: Sequence[RuleFactory]


def check_document(
    pairs: Iterable[SegmentPair],
    path: str,
    rules: Sequence[RuleFactory],
    settings: CheckSettings = CheckSettings(),
    on_pair: Callable[[], None] | None = None,
    jobs: int = 1,
    use_triggers: bool = True,
) -> DocumentResult:
    """Stream ``pairs`` through every rule; only findings (and the pairs they name) are kept.
    A document checked alone: its consistency rules compare its own pairs."""
    (result,) = check_run([DocumentInput(path, pairs, rules)], settings, on_pair, jobs, Consistency.FILE, use_triggers)
    return result


def check_run(
    documents: Iterable[DocumentInput],
    settings: CheckSettings = CheckSettings(),
    on_pair: Callable[[], None] | None = None,
    jobs: int = 1,
    consistency: Consistency = Consistency.RUN,
    use_triggers: bool = True,
) -> list[DocumentResult]:
    """Check each document in turn, in the order given; with ``Consistency.RUN`` one instance
    of each run-scope rule sees the pairs of every document, so its findings compare files
    (its findings from the end of the run go to the document of the pair they name).

    With ``jobs`` > 1, worker processes normalise a chunk of pairs at a time, run the
    segment-scope rules on it and the document rules' ``observe``; this process reads, and
    absorbs the observations in document order (a document rule that does not split its
    work has this process normalise and check the pairs again). The result is the same as
    with one job.

    A rule runs only on the pairs its trigger fires on (qa_tool/schedule.py); with
    ``use_triggers`` False every rule sees every pair, which gives the same findings, slower."""
    # Run-scope rules by code: one instance each for the whole run.
    shared: dict[str, Rule] | None = {} if consistency is Consistency.RUN else None
    checked: list[_CheckedDocument] = []
    with ExitStack() as stack:
        pool = None
        for document in documents:
            if jobs > 1 and pool is None:
                # Imported here: multiprocessing is 8 ms of the start of a run of one job.
                from concurrent.futures import ProcessPoolExecutor

                _load_tables(document.rules, settings)
                pool = stack.enter_context(ProcessPoolExecutor(max_workers=jobs))
            checked.append(
                _check_chunks(document.pairs, document.name, document.rules, settings, on_pair, pool, shared, use_triggers)
            )
    if shared:
        _finish_run(shared.values(), checked)
    return [document.closed() for document in checked]


def _finish_run(rules: Iterable[Rule], checked: list[_CheckedDocument]) -> None:
    """The run-scope rules' last word, each finding given to the first document that held a
    pair of its path."""
    owner: dict[str, _CheckedDocument] = {}
    for document in checked:
        for path in document.paths:
            owner.setdefault(path, document)
    for rule in rules:
        for finding in _at_most_per_segment(rule.finish_document()):
            owner[finding.location.path].findings.append(finding)


def _load_tables(rules: Sequence[RuleFactory], settings: CheckSettings) -> None:
    """Load what the rules read on first use (pinyin readings, word lists, patterns) by
    checking their documented examples (document rules observing them, as workers will),
    before worker processes are forked: workers then share those pages with this process
    instead of each loading its own copy."""
    examples = [
        SegmentPair(f"example {number}", example.source, example.target, Location("examples"))
        for number, example in enumerate(example for rule in rules for example in rule.meta.examples)
    ]
    chosen = by_scope(rules)
    # Without triggers: every rule reads its examples, so every rule loads its tables.
    _check_chunk(examples, RuleSchedule([rule(settings) for rule in chosen.segment], [rule(settings) for rule in chosen.document], False))


def check_pairs(
    pairs: Iterable[SegmentPair],
    rules: Sequence[RuleFactory] | None = None,
    settings: CheckSettings = CheckSettings(),
    use_triggers: bool = True,
) -> list[Finding]:
    """The findings of the segment-scope ``rules`` (default: the built-in rules and the default
    pack's, as the CLI runs them) on ``pairs``: a pure function of picklable data, so a sharded
    corpus can be checked as a map. Document-scope rules need every pair of a document in
    order: run ``check_document`` with ``by_scope(rules).document`` over each document (the
    reduce step, docs/scale.md)."""
    return _check_chunk(pairs, RuleSchedule([rule(settings) for rule in by_scope(rules).segment], (), use_triggers)).findings


def map_pairs(
    pairs: Iterable[SegmentPair],
    rules: Sequence[RuleFactory] | None = None,
    settings: CheckSettings = CheckSettings(),
    use_triggers: bool = True,
) -> MappedPairs:
    """The map of a check spread over machines (qa_tool.scale): the findings of the
    segment-scope ``rules`` on ``pairs`` (pairs of one document, in order) and, per pair,
    what the document rules that split their work observe in it, with the counts the score
    needs. A pure function of picklable data; ``reduce_document`` takes its result."""
    chosen = by_scope(rules)
    observing = [rule for rule in (factory(settings) for factory in chosen.document) if rule.splits_document_work]
    return _check_chunk(pairs, RuleSchedule([rule(settings) for rule in chosen.segment], observing, use_triggers))


def reduce_document(
    path: str,
    mapped: Iterable[tuple[Sequence[SegmentPair], MappedPairs]],
    rules: Sequence[RuleFactory] | None = None,
    settings: CheckSettings = CheckSettings(),
) -> DocumentResult:
    """The reduce: one document as ``map_pairs`` left it, its pieces in document order, each
    with its pairs. The document rules absorb the map's observations instead of normalising
    the pairs again (a rule that does not split its work checks each pair here); the result
    is what ``check_document`` gives for the same pairs and rules."""
    document = [factory(settings) for factory in by_scope(rules).document]
    checked_here = [rule for rule in document if not rule.splits_document_work]
    checked = _CheckedDocument(path)
    for pairs, piece in mapped:
        checked.findings.extend(piece.findings)
        checked.target_words += piece.target_words
        checked.source_chars += piece.source_chars
        for pair, shipped in zip(pairs, piece.observations or [()] * len(pairs)):
            remote = iter(shipped)
            normalised = normalise(pair) if checked_here else None
            observations = [next(remote) if rule.splits_document_work else rule.observe(normalised) for rule in document]
            checked.absorb(pair, document, observations)
    checked.finish(document)
    return checked.closed()


@dataclass(frozen=True, slots=True)
class RulesByScope:
    segment: tuple[RuleFactory, ...]
    document: tuple[RuleFactory, ...]


def by_scope(rules: Sequence[RuleFactory] | None = None) -> RulesByScope:
    """``rules`` (default: the built-in and default pack rules that are on by default) split
    into those that judge each pair alone and those that need the whole document (or run)."""
    chosen = select_rules(rules=available_rules()) if rules is None else tuple(rules)
    return RulesByScope(
        tuple(rule for rule in chosen if rule.meta.scope is Scope.SEGMENT),
        tuple(rule for rule in chosen if rule.meta.scope is not Scope.SEGMENT),
    )


@dataclass(slots=True)
class _ChunkResult:
    findings: list[Finding]
    # Per pair, what each document rule observed (empty when the chunk had none to run).
    observations: list[tuple[Any, ...]]
    target_words: int = 0
    source_chars: int = 0


# What ``map_pairs`` returns and ``reduce_document`` takes.
MappedPairs = _ChunkResult


def _check_chunk(pairs: Iterable[SegmentPair], schedule: RuleSchedule) -> _ChunkResult:
    """Normalise each pair once and give it to the segment rules and to the document rules'
    observe that its triggers call for (the rules of ``schedule``); count what the score needs.
    The pairs are taken CHUNK_PAIRS at a time, each run handed to the rules that prepare for
    it first."""
    result = _ChunkResult([], [])
    findings = result.findings
    document_rules = schedule.document_rules
    remaining = iter(pairs)
    while batch := [NormalisedPair(pair) for pair in islice(remaining, CHUNK_PAIRS)]:
        schedule.prepare(batch)
        for normalised in batch:
            plan = schedule.plan(normalised)
            # Each rule's findings taken as _at_most keeps them, the loop written out: nearly every
            # rule finds nothing, which one step of its iterator says; a generator of the rules'
            # results or a call per rule would cost about a fifth of what asking the rule costs.
            for check in plan.checks:
                found = iter(check(normalised))
                for first in found:
                    findings.extend(_at_most(chain((first,), found)))
                    break
            if document_rules:
                result.observations.append(plan.observations(normalised))
            result.target_words += word_count(normalised.pair.target)
            result.source_chars += source_characters(normalised)
    return result


def source_characters(pair: NormalisedPair) -> int:
    """Characters a reader of the Chinese sees: no pinyin annotations, no white space."""
    text = pair.source.text
    # Unicode makes every white space but the ASCII space a separator or a control character,
    # which are not printable: in a printable text (nearly every one) spaces are all there is.
    if text.isprintable():
        return len(text) - text.count(" ")
    return len("".join(text.split()))


def _at_most(findings: Iterable[Finding]) -> list[Finding]:
    """One rule's ``findings`` on one segment: at most MAX_FINDINGS_PER_RULE_AND_SEGMENT, then
    one that counts the rest. Findings are made as they are asked for, and counting stops at
    MAX_FINDINGS_COUNTED, so a segment of 100,000 stray marks costs no more than a thousand."""
    remaining = iter(findings)
    kept = list(islice(remaining, MAX_FINDINGS_PER_RULE_AND_SEGMENT))
    if len(kept) < MAX_FINDINGS_PER_RULE_AND_SEGMENT:
        return kept  # nearly every call: nothing, or a few findings
    more = sum(1 for _ in islice(remaining, MAX_FINDINGS_COUNTED - MAX_FINDINGS_PER_RULE_AND_SEGMENT))
    if more:
        kept.append(_the_rest(kept[-1], more, counted_all=len(kept) + more < MAX_FINDINGS_COUNTED))
    return kept


def _at_most_per_segment(findings: Iterable[Finding]) -> list[Finding]:
    """One rule's ``findings`` on any segments of a document (a document rule's last word), at
    most MAX_FINDINGS_PER_RULE_AND_SEGMENT per segment, each segment over it closed by a
    finding that counts the rest."""
    kept: list[Finding] = []
    counts: dict[tuple[str, str], int] = {}
    last: dict[tuple[str, str], Finding] = {}
    for finding in findings:
        segment = (finding.location.path, finding.segment_id)  # a run-scope rule's findings span files
        seen = counts[segment] = counts.get(segment, 0) + 1
        if seen <= MAX_FINDINGS_PER_RULE_AND_SEGMENT:
            kept.append(finding)
        last[segment] = finding
    kept += [
        _the_rest(last[segment], count - MAX_FINDINGS_PER_RULE_AND_SEGMENT, counted_all=True)
        for segment, count in counts.items()
        if count > MAX_FINDINGS_PER_RULE_AND_SEGMENT
    ]
    return kept


def _the_rest(example: Finding, more: int, counted_all: bool) -> Finding:
    """The finding that stands for ``more`` findings like ``example`` left out of its segment."""
    how_many = f"{more:,} more" if counted_all else f"At least {more:,} more"
    return replace(
        example,
        message=f"{how_many} {example.code} findings in this segment are not listed "
        f"(at most {MAX_FINDINGS_PER_RULE_AND_SEGMENT} a rule is); fix these and check again.",
        spans=(),
        replacement=None,
    )


@dataclass(slots=True)
class _CheckedDocument:
    """A document whose pairs are all checked, open for the run-scope rules' last findings."""

    path: str
    pair_count: int = 0
    target_words: int = 0
    source_chars: int = 0
    findings: FindingCollector = field(default_factory=FindingCollector)
    ledger: SuppressionLedger = field(default_factory=SuppressionLedger)
    # The paths its pairs name (one, unless pairs were gathered from several files).
    paths: set[str] = field(default_factory=set)

    def absorb(self, pair: SegmentPair, rules: Sequence[Rule], observations: Sequence[Any]) -> None:
        """The document's next pair, in document order, with what each of ``rules`` observed in it."""
        self.pair_count += 1
        self.paths.add(pair.location.path)
        self.ledger.observe(pair)
        # The rules' findings taken as in _check_chunk.
        for rule, observed in zip(rules, observations):
            found = iter(rule.absorb(pair, observed))
            for first in found:
                self.findings.extend(_at_most(chain((first,), found)))
                break

    def finish(self, rules: Iterable[Rule]) -> None:
        """The last word of ``rules``, once every pair is absorbed."""
        for rule in rules:
            self.findings.extend(_at_most_per_segment(rule.finish_document()))

    def closed(self) -> DocumentResult:
        kept, suppressed = self.findings.settled(self.ledger)
        return DocumentResult(self.path, self.pair_count, self.target_words, self.source_chars, kept, suppressed)


def _rule_for(factory: RuleFactory, settings: CheckSettings, shared: dict[str, Rule] | None) -> Rule:
    """A fresh rule for one document, or the run's one instance of a run-scope rule."""
    if shared is None or factory.meta.scope is not Scope.RUN:
        return factory(settings)
    if factory.meta.code not in shared:
        shared[factory.meta.code] = factory(settings)
    return shared[factory.meta.code]


def _check_chunks(
    pairs: Iterable[SegmentPair],
    path: str,
    rules: Sequence[RuleFactory],
    settings: CheckSettings,
    on_pair: Callable[[], None] | None,
    pool: ProcessPoolExecutor | None,
    shared: dict[str, Rule] | None,
    use_triggers: bool,
) -> _CheckedDocument:
    chosen = by_scope(rules)
    segment = [rule(settings) for rule in chosen.segment]
    document = [_rule_for(rule, settings, shared) for rule in chosen.document]
    # With workers, the workers normalise each pair; when every document rule splits its work,
    # they observe for the document rules too and this process only reads and absorbs.
    remote_observing = pool is not None and all(rule.splits_document_work for rule in document)
    in_flight: deque[tuple[list[SegmentPair], Future[_ChunkResult] | None, _ChunkResult | None]] = deque()
    window = 2 * (pool._max_workers if pool is not None else 0)  # noqa: SLF001 - the pool's own size
    checked = _CheckedDocument(path)
    findings = checked.findings
    # One schedule for the document's chunks checked here: its plans and what it learnt of
    # characters carry over from chunk to chunk.
    schedule = RuleSchedule(segment if pool is None else (), document, use_triggers)

    def settle(chunk: list[SegmentPair], remote: Future[_ChunkResult] | None, local: _ChunkResult | None) -> None:
        done = remote.result() if remote is not None else None
        counted = done if remote_observing else local
        assert counted is not None
        for result in (done, local):
            if result is not None:
                findings.extend(result.findings)
        checked.target_words += counted.target_words
        checked.source_chars += counted.source_chars
        for pair, observations in zip(chunk, counted.observations or [()] * len(chunk)):
            checked.absorb(pair, document, observations)
            if on_pair is not None:
                on_pair()

    stream = iter(pairs)
    while chunk := list(islice(stream, CHUNK_PAIRS)):
        remote = local = None
        if pool is None:
            local = _check_chunk(chunk, schedule)
        else:
            observed_remotely = chosen.document if remote_observing else ()
            remote = pool.submit(_check_packed, _packed(chunk), chosen.segment, observed_remotely, settings, use_triggers)
            if not remote_observing:
                local = _check_chunk(chunk, schedule)
        in_flight.append((chunk, remote, local))
        while len(in_flight) > window:
            settle(*in_flight.popleft())
    while in_flight:
        settle(*in_flight.popleft())
    checked.finish(rule for rule in document if shared is None or rule not in shared.values())
    return checked


# A chunk sent to a worker as columns of plain values: pickling a SegmentPair (frozen, slotted,
# with a Location inside) and loading it again cost ~21 µs a pair, columns of strings ~3.
_PackedChunk = tuple[tuple[Any, ...], ...]


def _packed(chunk: list[SegmentPair]) -> _PackedChunk:
    return (
        tuple(pair.id for pair in chunk),
        tuple(pair.source for pair in chunk),
        tuple(pair.target for pair in chunk),
        tuple(pair.location.path for pair in chunk),
        tuple(pair.location.line for pair in chunk),
        tuple(pair.location.unit for pair in chunk),
        tuple(pair.notes for pair in chunk),
        tuple(pair.source_tags for pair in chunk),
        tuple(pair.target_tags for pair in chunk),
        tuple(pair.alignment for pair in chunk),
        tuple(pair.status for pair in chunk),
    )


def _unpacked(columns: _PackedChunk) -> list[SegmentPair]:
    return [SegmentPair(*fields[:3], Location(*fields[3:6]), *fields[6:]) for fields in zip(*columns)]


def _check_packed(
    columns: _PackedChunk,
    segment_rules: Sequence[RuleFactory],
    document_rules: Sequence[RuleFactory],
    settings: CheckSettings,
    use_triggers: bool,
) -> _ChunkResult:
    """A worker's share of a chunk: the segment rules' findings and, for document rules that
    split their work, their observations."""
    return _check_chunk(
        _unpacked(columns),
        RuleSchedule([rule(settings) for rule in segment_rules], [rule(settings) for rule in document_rules], use_triggers),
    )
