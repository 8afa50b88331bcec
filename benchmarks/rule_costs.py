"""Where the processor time of a check goes: reading, normalising, each rule's hooks and the
engine's own per-pair counting, in µs per pair of the benchmark corpus (benchmarks/corpus.py).

    python benchmarks/rule_costs.py [--corpus FILE | --size 10000] [--glossary-terms 5000] [--repeat 3] [--doc docs/benchmarks.md]

Each pass runs in a fresh process, so caches and word lists start cold as in a real check. It
reads the corpus, then walks it as the engine does with one job and the default rules
(chunks of engine.CHUNK_PAIRS: the chunk's pairs normalised and handed to the rules that
prepare for a chunk (with a glossary, TM01 finds the terms of every source), then each pair's
rule schedule planned from the rules' triggers (qa_tool/schedule.py), the pair given to the
check_segment of the segment rules and the observe of the document rules its triggers fire
for, then the chunk's observations absorbed in order; finish_document at the end). With
--glossary-terms, the check has the termbase-like glossary of that many terms that
glossary_speed.py judges the glossary's cost by, and the table goes to a section of its own.
A rule is timed only on the pairs the engine asks it about; the table says on what share of
the pairs that is. A pair's views are made on first use, so the rule that first reads a
matching view pays for making it. Each hook is timed by the performance counter (reading
the processor-time clock is a system call of about a microsecond, which would swamp the
cheap hooks and slow the code between them), less what timing a hook that does nothing
costs; the rows are then scaled by the pass's processor time over its wall time, so time
the neighbours took on a shared machine is not counted. The median of --repeat passes is kept per row;
the table goes to the "Rule costs" section of docs/benchmarks.md with --doc.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from itertools import islice
from pathlib import Path
from typing import Any, Callable

from corpus import build_corpus, sentence_pool
from doc_sections import RULE_COSTS, RULE_COSTS_WITH_GLOSSARY, write_section

from qa_tool.checks.base import CheckSettings, Rule
from qa_tool.engine import CHUNK_PAIRS, by_scope, source_characters
from qa_tool.languages.en import word_count
from qa_tool.model import SegmentPair
from qa_tool.normalise import NormalisedPair, normalise
from qa_tool.readers import ReadOptions, open_input, read_pairs
from qa_tool.schedule import RuleSchedule
from qa_tool.suppressions import SuppressionLedger

REPO = Path(__file__).resolve().parents[1]
READING = "reading the file"
NORMALISING = "normalising"
PREPARING = "rules preparing a chunk (TM01: glossary terms)"
PLANNING = "engine: trigger tests"
COUNTING = "engine: word counts, suppression notes"
# Calls of an empty hook timed to learn what reading the clock around one call costs.
_CALIBRATION_CALLS = 100_000
# Rows under this share of the total are summed into one line of the table.
_SMALL_SHARE = 0.005
_clock = time.perf_counter_ns


class _Timer:
    """Wall nanoseconds and calls per row (scaled to processor time by ``net``), each call's
    clock reading cost taken off."""

    def __init__(self) -> None:
        self.spent: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()

    def __call__(self, row: str, hook: Callable[..., Any], *arguments: Any) -> Any:
        before = _clock()
        result = hook(*arguments)
        self.spent[row] += _clock() - before
        self.calls[row] += 1
        return result

    def clock_cost(self) -> float:
        """Nanoseconds timing one call adds: an empty hook called directly. A rule timed through
        ``_listed`` keeps the cost of building its list, as the engine pays for taking its
        findings."""
        probe = _Timer()
        for _ in range(_CALIBRATION_CALLS):
            probe("probe", _nothing)
        return probe.spent["probe"] / _CALIBRATION_CALLS

    def net(self, processor_share: float) -> dict[str, float]:
        """Each row less the clock's cost, as processor time (``processor_share``: the pass's
        processor time over its wall time)."""
        cost = self.clock_cost()
        return {row: max(0.0, spent - cost * self.calls[row]) * processor_share for row, spent in self.spent.items()}


def _nothing() -> None:
    return None


def _listed(hook: Callable[..., Any], *arguments: Any) -> list[Any]:
    return list(hook(*arguments))


def _count(pair: SegmentPair, normalised: NormalisedPair, ledger: SuppressionLedger) -> None:
    """What the engine does for each pair besides normalising and the rules."""
    word_count(pair.target)
    source_characters(normalised)
    ledger.observe(pair)


def one_pass(corpus: Path, glossaries: tuple[str, ...] = ()) -> dict[str, Any]:
    """Nanoseconds per row over the whole corpus (wall, until ``net`` scales them), with the counts of pairs and findings,
    and per row the pairs the engine asked it about."""
    timer = _Timer()
    processor_start, wall_start = time.thread_time_ns(), _clock()
    with open_input(str(corpus)) as stream:
        pairs = timer(READING, _listed, read_pairs, stream, str(corpus), ReadOptions())
    chosen = by_scope()
    settings = CheckSettings(glossaries=glossaries)
    segment: list[tuple[str, Rule]] = [(f"{rule.meta.code} check_segment", rule(settings)) for rule in chosen.segment]
    document: list[tuple[str, Rule]] = [(f"{rule.meta.code} observe + absorb", rule(settings)) for rule in chosen.document]
    findings = 0
    ledger = SuppressionLedger()
    schedule = RuleSchedule([rule for _, rule in segment], [rule for _, rule in document])
    row_of = {id(rule): row for row, rule in segment}
    asked: Counter[str] = Counter()
    remaining = iter(pairs)
    while chunk := list(islice(remaining, CHUNK_PAIRS)):
        observations = []
        batch = [timer(NORMALISING, normalise, pair) for pair in chunk]
        timer(PREPARING, schedule.prepare, batch)
        for pair, normalised in zip(chunk, batch):
            plan = timer(PLANNING, schedule.plan, normalised)
            for rule in plan.segment:
                row = row_of[id(rule)]
                asked[row] += 1
                findings += len(timer(row, _listed, rule.check_segment, normalised))
            observed = []
            for (row, rule), observing in zip(document, plan.observe):
                asked[row] += observing
                observed.append(timer(row, rule.observe, normalised) if observing else rule.nothing_observed)
            observations.append(observed)
            timer(COUNTING, _count, pair, normalised, ledger)
        for pair, observed in zip(chunk, observations):
            for (row, rule), value in zip(document, observed):
                findings += len(timer(row, _listed, rule.absorb, pair, value))
    for row, rule in document:
        findings += len(timer(row.replace("observe + absorb", "finish_document"), _listed, rule.finish_document))
    processor_share = (time.thread_time_ns() - processor_start) / (_clock() - wall_start)
    return {"pairs": len(pairs), "findings": findings, "spent": timer.net(processor_share), "asked": dict(asked)}


def _passes(corpus: Path, repeat: int, glossary: Path | None) -> list[dict[str, Any]]:
    """``repeat`` passes, each in its own process."""
    results = []
    glossary_option = [] if glossary is None else ["--glossary", str(glossary)]
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, __file__, "--one-pass", str(corpus), *glossary_option], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise SystemExit(f"a pass failed ({done.returncode}): {done.stderr.strip()}")
        results.append(json.loads(done.stdout))
    return results


def render(passes: list[dict[str, Any]], command: str, corpus_note: str, heading: str = RULE_COSTS, rules_note: str = "default rules") -> str:
    pairs = passes[0]["pairs"]
    rows = {row: statistics.median(one["spent"].get(row, 0.0) for one in passes) for row in passes[0]["spent"]}
    total = sum(rows.values())
    ordered = sorted(rows.items(), key=lambda item: -item[1])
    shown = [(row, spent) for row, spent in ordered if spent >= _SMALL_SHARE * total]
    rest = [spent for _, spent in ordered if spent < _SMALL_SHARE * total]
    load = " / ".join(f"{value:.2f}" for value in os.getloadavg())
    lines = [
        heading,
        "",
        f"`{command}`: {corpus_note}, {pairs:,} pairs, {passes[0]['findings']:,} findings, {rules_note}, one job. "
        "Each row is the processor time of that step per pair of the corpus (its share of the pass's "
        f"processor time), the median of {len(passes)} passes, each in a fresh process (cold caches, word "
        "lists loaded on first use, as in a real check). A rule is timed only on the pairs its "
        "trigger fires on, as the engine asks it; *asked on* gives their share. Work that rules share "
        "is counted to the first rule that asks: NU01 pays for the number comparison NU02–NU05 reuse, "
        "the first rule to read a pair's matching view for making it, TM01's preparing for the terms "
        "the other rules look up. The absolute figures "
        f"follow the machine's load; the shares hold. Load average at the end (1/5/15 min): {load}.",
        "",
        "| step | asked on | µs per pair | share |",
        "| --- | ---: | ---: | ---: |",
    ]
    asked = passes[0]["asked"]
    for row, spent in shown:
        share_asked = f"{asked[row] / pairs:.0%}" if row in asked else "once" if row.endswith("finish_document") else "all"
        lines.append(f"| {row} | {share_asked} | {spent / pairs / 1000:.1f} | {spent / total:.1%} |")
    if rest:
        lines.append(
            f"| {len(rest)} other steps, each under {_SMALL_SHARE:.1%} | | {sum(rest) / pairs / 1000:.1f} | {sum(rest) / total:.1%} |"
        )
    lines.append(f"| **total** | | **{total / pairs / 1000:.1f}** | 100% |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="a corpus file to time (default: build one of --size pairs as TMX)")
    parser.add_argument("--size", type=int, default=10_000, help="pairs of the corpus built")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--glossary-terms", type=int, help="check with glossary_speed.py's termbase-like glossary of this many terms")
    parser.add_argument("--repeat", type=int, default=3, help="passes, each in its own process; the median counts")
    parser.add_argument("--doc", type=Path, help="write the table as a section of this page (docs/benchmarks.md)")
    parser.add_argument("--one-pass", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--glossary", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_pass:
        json.dump(one_pass(args.one_pass, () if args.glossary is None else (str(args.glossary),)), sys.stdout)
        return
    command = " ".join(["python benchmarks/rule_costs.py", *sys.argv[1:]])
    with tempfile.TemporaryDirectory(prefix="qa-rule-costs-") as folder:
        if args.corpus:
            corpus, note = args.corpus, f"{args.corpus.name}"
        else:
            corpus, note = build_corpus(Path(folder), args.size, args.seed).files["tmx"], f"the benchmark TMX (seed {args.seed})"
        if args.glossary_terms is None:
            glossary, heading, rules_note = None, RULE_COSTS, "default rules"
        else:
            glossary, heading = _termbase_like_glossary(Path(folder), args.glossary_terms, args.seed), RULE_COSTS_WITH_GLOSSARY
            rules_note = (
                f"default rules with glossary_speed.py's {args.glossary_terms:,}-term termbase-like glossary "
                f"(seed {args.seed}; reading it, once a run, is not a row)"
            )
        section = render(_passes(corpus, args.repeat, glossary), command, note, heading, rules_note)
    print(section)
    if args.doc:
        write_section(args.doc, heading, section)


def _termbase_like_glossary(folder: Path, terms: int, seed: int) -> Path:
    """The glossary glossary_speed.py judges a glossary's cost by ("real words"), written to ``folder``."""
    # Imported here: glossary_speed imports jieba, which the timed passes must not load.
    from glossary_speed import GLOSSARIES, termbase_terms, write_glossary

    name = "real words"
    fill = next(fill for glossary, fill, _ in GLOSSARIES if glossary == name)
    rows = termbase_terms()
    fill(rows, [sentence for group in sentence_pool().values() for sentence in group], terms, random.Random(f"{seed}:{name}"))
    path = folder / "glossary.tsv"
    write_glossary(path, rows)
    return path


if __name__ == "__main__":
    main()
