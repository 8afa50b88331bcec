"""Findings past the memory bound go to disk and come back as the same findings, in the same
order, as those kept in memory."""

from __future__ import annotations

import gc
import pickle
import tempfile
import threading
from dataclasses import MISSING, fields, replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import qa_tool.finding_store as finding_store
from qa_tool.checks.base import CheckSettings
from qa_tool.engine import check_document
from qa_tool.finding_store import FindingCollector, FindingKind, Findings, kinds_by_segment, reading_order
from qa_tool.model import Finding, InlineTag, Location, SegmentPair, SegmentState, SegmentStatus, Severity, Side, Span
from qa_tool.packs import available_rules
from qa_tool.checks import select_rules
from qa_tool.readers import ReadOptions, open_input, read_pairs
from qa_tool.scratch import KeptPairs, pair_fields, pair_from_fields
from qa_tool.suppressions import SuppressionLedger

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "chongqing-fao-news.zh-en.txt"


def _finding(
    segment: str, code: str = "GR01", line: int | None = 1, spans: tuple[Span, ...] = (), message: str = "m", rule: str = "rule"
) -> Finding:
    pair = SegmentPair(segment, "重庆", "Chongqing", Location("a.tmx", line=line))
    return Finding(code, rule, Severity.MINOR, "Fluency/Grammar", message, pair, spans)


# Findings whose reading-order keys differ in each part of the key, and tie in all of it.
UNSORTED = [
    _finding("b", line=2),
    _finding("a", line=None),
    _finding("é"),  # code points above ASCII, one and two UTF-8 bytes
    _finding("😀"),  # outside the Basic Multilingual Plane: four UTF-8 bytes, sorted above U+FFFF
    _finding("\uffff"),
    _finding("\ud800"),  # a lone surrogate, as a reader may pass one on
    _finding("B"),
    _finding("a", spans=(Span(Side.TARGET, 3, 4),)),
    _finding("a", spans=(Span(Side.SOURCE, 0, 1),)),
    _finding("a", code="CS01"),
    _finding("a", message="n"),
    _finding("a", rule="first"),  # ties with the next in reading order: arrival order is kept
    _finding("a", rule="second"),
    _finding("a", line=10),
    _finding("a", line=9),
]


@pytest.mark.parametrize("spill_after", [0, 3, 1000])
def test_collected_findings_come_back_in_reading_order_held_or_spilled(spill_after: int) -> None:
    collector = FindingCollector(spill_after)
    for finding in UNSORTED:
        collector.append(finding)
    kept, suppressed = collector.settled(SuppressionLedger())
    # Ties keep their order of arrival, as Python's stable sort does.
    assert list(kept) == sorted(UNSORTED, key=reading_order) and list(suppressed) == []
    assert [finding.rule for finding in kept if finding.rule != "rule"] == ["first", "second"]


@pytest.mark.parametrize("spill_after", [0, 3, 1000])
def test_suppressed_findings_and_unused_suppressions_are_settled_alike_held_or_spilled(spill_after: int) -> None:
    ledger = SuppressionLedger()
    ledger.observe(SegmentPair("a", "重庆", "Chongqing", Location("a.tmx", line=1), notes=("qa-ignore: GR01 house style",)))
    ledger.observe(SegmentPair("b", "重庆", "Chongqing", Location("a.tmx", line=2), notes=("qa-ignore: NU01 not here",)))
    collector = FindingCollector(spill_after)
    collector.extend(UNSORTED)
    kept, suppressed = collector.settled(ledger)
    hidden = [f for f in UNSORTED if f.segment_id == "a" and f.code == "GR01"]
    assert list(suppressed) == sorted(hidden, key=reading_order)
    assert [f.code for f in kept if f.code == "QA01"] == ["QA01"]
    assert len(kept) == len(UNSORTED) - len(hidden) + 1


def _pairs_with_findings() -> list[SegmentPair]:
    """The sample article and every rule's documented examples, some with qa-ignore notes
    (hiding findings or nothing) and some without a line (reported by segment id)."""
    with open_input(str(SAMPLE)) as stream:
        pairs = list(read_pairs(stream, str(SAMPLE), ReadOptions()))
    examples = [
        (source, target)
        for rule in available_rules()
        for example in rule.meta.examples
        for source, target in (*example.earlier, (example.source, example.target))
    ]
    notes = {0: ("qa-ignore: PU, SG, GR01 as printed",), 3: ("qa-ignore: NU01 stale",)}
    pairs += [
        SegmentPair(f"e{number}", source, target, Location("examples.txt", line=number if number % 5 else None),
                    notes=notes.get(number % 7, ()))
        for number, (source, target) in enumerate(examples, start=1)
    ]
    return pairs


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_document_checked_with_its_findings_on_disk_reports_what_one_in_memory_does(monkeypatch, jobs: int) -> None:
    pairs = _pairs_with_findings()
    rules = select_rules(rules=available_rules())
    held = check_document(pairs, "sample", rules, CheckSettings(), jobs=jobs)
    monkeypatch.setattr(finding_store, "SPILL_AFTER", 1)
    spilled = check_document(pairs, "sample", rules, CheckSettings(), jobs=jobs)
    assert len(held.findings) > 1 and len(held.suppressed) > 1, "the sample must spill and suppress"
    assert repr(spilled.findings).endswith("on disk>)") and repr(held.findings).startswith("Findings((")
    assert spilled.findings == held.findings and spilled.suppressed == held.suppressed


def test_spilled_findings_read_like_a_tuple() -> None:
    kept = _spilled(UNSORTED)
    expected = tuple(sorted(UNSORTED, key=reading_order))
    assert len(kept) == len(expected) and kept == expected and expected == kept and kept != expected[1:]
    assert (kept[0], kept[-1], kept[2:4]) == (expected[0], expected[-1], expected[2:4])
    with pytest.raises(IndexError):
        kept[len(expected)]
    assert pickle.loads(pickle.dumps(kept)) == expected


def test_spilled_findings_each_come_back_with_their_own_pair_whichever_pairs_they_share() -> None:
    # A pair's fields are written once for each run of findings naming it and read once for
    # each run of equal ones: pairs that alternate, or differ only past their id and line,
    # must not be taken for one another.
    first = SegmentPair("a", "重庆", "Chongqing", Location("a.tmx", line=1))
    other_text = SegmentPair("a", "重庆", "Chungking", Location("a.tmx", line=1))
    other_notes = replace(first, notes=("qa-ignore: XX01",))
    pairs = [first, other_text, first, other_notes, first, other_text, replace(first, id="b")]
    arrived = [
        Finding("GR01", "rule", Severity.MINOR, "Fluency/Grammar", f"m{number}", pair, (Span(Side.TARGET, 0, number),))
        for number, pair in enumerate(pairs)
    ]
    kept = _spilled(arrived)
    assert [(finding.message, finding.pair) for finding in kept] == [
        (finding.message, finding.pair) for finding in sorted(arrived, key=reading_order)
    ]


_PAIRS = [
    SegmentPair("a", "重庆", "Chongqing", Location("a.tmx", line=1)),
    SegmentPair("a", "重庆", "Chungking", Location("a.tmx", line=1)),
    SegmentPair("b", "外办", "Foreign Affairs Office", Location("a.tmx", line=2)),
]


@given(
    st.lists(st.tuples(st.sampled_from(range(len(_PAIRS))), st.sampled_from(Side), st.integers(0, 3)), max_size=12),
    st.integers(0, 3),
    st.integers(1, 4),
)
def test_spilled_findings_come_back_with_their_pairs_however_the_spills_cut_them(
    made: list[tuple[int, Side, int]], spill_after: int, batch: int
) -> None:
    # A pair is written once for each run of findings naming it, a run perhaps cut between
    # two spills; each finding must come back with its own pair, kind, message and spans.
    arrived = [
        Finding(f"GR0{number % 2}", "rule", Severity(number % 3), "Fluency", f"m{number}", _PAIRS[pair], (Span(side, start, 4),))
        for number, (pair, side, start) in enumerate(made)
    ]
    collector = FindingCollector(spill_after)
    for at in range(0, len(arrived), batch):
        collector.extend(arrived[at : at + batch])
    kept = collector.settled(SuppressionLedger())[0]
    assert [(f, f.pair) for f in kept] == [(f, f.pair) for f in sorted(arrived, key=reading_order)]


def test_the_kinds_of_spilled_findings_are_read_as_those_of_the_findings_themselves() -> None:
    varied = UNSORTED + [
        Finding("PU01", "rule", severity, category, "m", UNSORTED[0].pair)
        for severity in Severity
        for category in ("Fluency/Punctuation", "Accuracy/Mistranslation", "Terminology/Wrong term", "É\ud800")
    ]
    kept = _spilled(varied)
    expected = [(f.segment_id, FindingKind(f.code, f.rule, f.category, f.severity)) for f in sorted(varied, key=reading_order)]
    assert list(kinds_by_segment(kept)) == expected == list(kinds_by_segment(tuple(kept)))
    assert all(type(kind.severity) is Severity for _, kind in kinds_by_segment(kept))


def test_spilled_findings_settled_in_one_thread_read_in_another() -> None:
    # A Dask scheduler reduces a document in a worker thread and reports it from another.
    settled: list[Findings] = []
    worker = threading.Thread(target=lambda: settled.append(_spilled(UNSORTED)))
    worker.start()
    worker.join()
    (kept,) = settled
    assert kept == tuple(sorted(UNSORTED, key=reading_order))
    assert pickle.loads(pickle.dumps(kept)) == kept


def _spilled(findings: list[Finding]) -> Findings:
    collector = FindingCollector(0)
    collector.extend(findings)
    return collector.settled(SuppressionLedger())[0]


def _every_field_pair() -> SegmentPair:
    return SegmentPair(
        "u7", "重庆", "Chongqing", Location("a.tmx", line=3, unit="u7"), notes=("qa-ignore: GR01",),
        source_tags=(InlineTag("ph", "1", 0),), target_tags=(InlineTag("ph", "1", 2, code="<br/>"),), alignment=0.5,
        status=SegmentStatus(SegmentState.DRAFT, "Draft", True, 101.0, "tm"),
    )


def test_the_pair_with_every_field_sets_every_field_the_disk_must_keep() -> None:
    # pair_fields lists the fields by hand: a field added later must fail here until it is listed.
    pair = _every_field_pair()
    for record in (pair, pair.location):
        unset = [f.name for f in fields(record) if f.default is not MISSING and getattr(record, f.name) == f.default]
        assert not unset, f"{type(record).__name__} fields left at their default: {unset}"
    assert pair_from_fields(pair_fields(pair)) == pair


def test_every_field_of_a_finding_survives_the_disk() -> None:
    pair = _every_field_pair()
    finding = Finding("NU01", "changed-number", Severity.MAJOR, "Accuracy", "m", pair,
                      (Span(Side.SOURCE, 0, 1), Span(Side.TARGET, 2, 3)), "Chong", True)
    collector = FindingCollector(0)
    collector.append(finding)
    assert tuple(collector.settled(SuppressionLedger())[0]) == (finding,)


def test_the_spilled_findings_folder_goes_with_the_last_findings_that_read_it(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    collector = FindingCollector(0)
    collector.extend(UNSORTED)
    kept, suppressed = collector.settled(SuppressionLedger())
    assert [folder.name.startswith("qa-tool-findings-") for folder in tmp_path.iterdir()] == [True]
    del kept, collector
    gc.collect()
    assert list(tmp_path.iterdir()), "the suppressed findings still read it"
    del suppressed
    gc.collect()
    assert not list(tmp_path.iterdir())


def test_findings_equal_a_tuple_and_compare_with_nothing_else() -> None:
    assert Findings() == () and Findings(UNSORTED[:2]) == tuple(UNSORTED[:2]) and Findings() != "()"


@pytest.mark.parametrize("held", [0, 1, 1000])
def test_kept_pairs_come_back_by_number_held_pending_or_on_disk(monkeypatch, held: int) -> None:
    monkeypatch.setattr(KeptPairs, "HELD", held)
    monkeypatch.setattr(KeptPairs, "_BATCH", 3)
    pairs = [finding.pair for finding in UNSORTED] + [_every_field_pair()]
    kept = KeptPairs()
    numbers = [kept.add(pair) for pair in pairs]
    assert numbers == list(range(len(pairs))) and len(kept) == len(pairs)
    # The last pairs are still waiting for a batch when the first are on disk.
    assert [kept[number] for number in reversed(numbers)] == pairs[::-1]


def test_kept_pairs_hold_a_bounded_number_in_memory_however_many_are_kept() -> None:
    # Each held pair costs about a kilobyte, for each of three rules.
    pair = _every_field_pair()
    kept = KeptPairs()
    for number in range(5 * KeptPairs.HELD + 7):
        assert kept.add(pair) == number
        assert len(kept._held) + len(kept._pending) <= KeptPairs.HELD + KeptPairs._BATCH <= 200  # noqa: SLF001
    assert kept[len(kept) - 1] == pair and kept[0] == pair


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_name_rules_report_the_same_with_their_pairs_on_disk(monkeypatch, jobs: int) -> None:
    pairs = _pairs_with_findings()
    rules = select_rules(["NM05", "NM06", "NM07", "NM08"])
    held = check_document(pairs, "sample", rules, CheckSettings(), jobs=jobs)
    monkeypatch.setattr(KeptPairs, "HELD", 0)
    monkeypatch.setattr(KeptPairs, "_BATCH", 2)
    on_disk = check_document(pairs, "sample", rules, CheckSettings(), jobs=jobs)
    assert {"NM05", "NM06", "NM07", "NM08"} <= {finding.code for finding in held.findings}
    assert on_disk.findings == held.findings
