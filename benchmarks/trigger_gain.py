"""What rule triggers save: a file checked with the default rules (built-in and default pack),
once with triggers and once without, in this process, slice by slice in turn so both meet the
same load; processor time, the best of --repeat per slice. The findings must be the same.

    python benchmarks/trigger_gain.py FILE [--repeat 3] [--slice 2000] [--doc docs/benchmarks.md]

Also counted: the rule calls (segment rules' check_segment, document rules' observe) that the
triggers leave out. The figures go to the "Rule triggers" section of docs/benchmarks.md, which
the other benchmark scripts keep.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from doc_sections import RULE_TRIGGERS, write_section

from qa_tool.checks.base import CheckSettings
from qa_tool.engine import by_scope, check_document
from qa_tool.normalise import normalise
from qa_tool.readers import ReadOptions, read_pairs
from qa_tool.schedule import RuleSchedule


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--slice", type=int, default=2000, help="pairs checked at a time, each way in turn")
    parser.add_argument("--doc", type=Path, help="write the figures to this page's Rule triggers section")
    args = parser.parse_args()
    with args.file.open("rb") as stream:
        pairs = list(read_pairs(stream, str(args.file), ReadOptions()))
    chosen = by_scope()
    rules = chosen.segment + chosen.document
    slices = [pairs[start : start + args.slice] for start in range(0, len(pairs), args.slice)]
    check_document(slices[0], "warm-up", rules)  # word lists and patterns load on first use
    best = {True: [float("inf")] * len(slices), False: [float("inf")] * len(slices)}
    for round_ in range(args.repeat):
        for number, part in enumerate(slices):
            results = {}
            # Taking turns first, so the caches one run fills for these pairs favour neither.
            for use_triggers in (False, True) if (round_ + number) % 2 == 0 else (True, False):
                started = time.process_time()
                results[use_triggers] = check_document(part, str(args.file), rules, use_triggers=use_triggers)
                best[use_triggers][number] = min(best[use_triggers][number], time.process_time() - started)
            if results[True] != results[False]:
                raise SystemExit(f"triggers changed the findings of pairs {number * args.slice}-{(number + 1) * args.slice}")
    asked, made = _calls(pairs, chosen)
    without, with_triggers = sum(best[False]), sum(best[True])
    section = "\n".join(
        [
            RULE_TRIGGERS,
            "",
            f"`python benchmarks/trigger_gain.py {args.file.name}`: {len(pairs):,} pairs, the default rules, "
            f"processor time in one process (best of {args.repeat} per slice of {args.slice:,}; load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores); the findings are the same both ways.",
            "",
            "| | seconds | pairs/s | rule calls |",
            "| --- | ---: | ---: | ---: |",
            f"| without triggers | {without:.2f} | {len(pairs) / without:,.0f} | {asked:,} |",
            f"| with triggers | {with_triggers:.2f} | {len(pairs) / with_triggers:,.0f} | {made:,} |",
            "",
            f"Triggers leave out {1 - made / asked:.0%} of the rule calls and make the check "
            f"{without / with_triggers:.2f}× as fast: most rules already end on their own first test, so "
            "a call left out saves the call and that test, not the rule's work.",
            "",
        ]
    )
    print(section)
    if args.doc:
        write_section(args.doc, RULE_TRIGGERS, section)


def _calls(pairs: list, chosen) -> tuple[int, int]:
    """Rule calls without triggers and with them, over ``pairs``."""
    settings = CheckSettings()
    schedule = RuleSchedule([rule(settings) for rule in chosen.segment], [rule(settings) for rule in chosen.document])
    asked = len(pairs) * (len(chosen.segment) + len(chosen.document))
    made = 0
    for pair in pairs:
        plan = schedule.plan(normalise(pair))
        made += len(plan.segment) + sum(plan.observe)
    return asked, made


if __name__ == "__main__":
    main()
