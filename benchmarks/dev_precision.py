"""Precision of each rule on the expert-annotated zh→en dev set (WMT 2021 MQM, TED talks).

Every system's translation of every talk is checked as one document. A finding counts as
confirmed when a human rater marked an error that overlaps its target span (or, for a
finding about the whole segment or a source span, any error in that segment, including
omissions, which raters mark on the source). Raters mark at most five
errors per segment and not every error, so unconfirmed findings must be read by hand
before they are called false: the script prints a sample of them.

    python benchmarks/dev_precision.py [../shared/dev/mqm_zhen_ted2021] [--show 5] [--packs] [--rules DIR]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import defaultdict
from pathlib import Path

from qa_tool.checks import BUILTIN_RULES
from qa_tool.engine import check_document
from qa_tool.model import Location, SegmentPair, Side
from qa_tool.packs import default_pack_dir, load_packs

DEFAULT_DEV = Path(__file__).resolve().parents[2] / "shared" / "dev" / "mqm_zhen_ted2021"


def read_tsv(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dev", nargs="?", type=Path, default=DEFAULT_DEV)
    parser.add_argument("--show", type=int, default=5, help="unconfirmed findings to print per rule")
    parser.add_argument("--packs", action="store_true", help="also run the default rule pack (rules/std)")
    parser.add_argument("--rules", action="append", type=Path, default=[], help="also run this rule pack folder; repeatable")
    args = parser.parse_args()
    rules = BUILTIN_RULES + load_packs(([default_pack_dir()] if args.packs else []) + args.rules)

    sources = {row["seg_id"]: row for row in read_tsv(args.dev / "sources.tsv")}
    marked: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    marked_on_source: set[tuple[str, str]] = set()
    for row in read_tsv(args.dev / "annotations.tsv"):
        if row["category"] != "No-error" and row["span_side"] == "target":
            marked[(row["system"], row["seg_id"])].append((int(row["span_start"]), int(row["span_end"])))
        elif row["category"] != "No-error" and row["span_side"] == "source":
            marked_on_source.add((row["system"], row["seg_id"]))

    documents: dict[tuple[str, str], list[SegmentPair]] = defaultdict(list)
    for row in read_tsv(args.dev / "targets.tsv"):
        source = sources[row["seg_id"]]
        pair = SegmentPair(row["seg_id"], source["source"], row["target"], Location(f"{row['system']}/{source['doc']}"))
        documents[(row["system"], source["doc"])].append(pair)

    confirmed: dict[str, int] = defaultdict(int)
    unconfirmed: dict[str, list[str]] = defaultdict(list)
    pair_count = 0
    for (system, doc), pairs in sorted(documents.items()):
        pair_count += len(pairs)
        for finding in check_document(pairs, f"{system}/{doc}", rules).findings:
            errors = marked.get((system, finding.segment_id), [])
            targets = [s for s in finding.spans if s.side is Side.TARGET]
            if targets:
                hit = any(s.start < end and start < s.end for s in targets for start, end in errors)
            else:
                hit = bool(errors) or (system, finding.segment_id) in marked_on_source
            if hit:
                confirmed[finding.code] += 1
            else:
                unconfirmed[finding.code].append(f"{system} {finding.segment_id}: {finding.message} | {finding.pair.target[:120]}")

    print(f"{pair_count} pairs in {len(documents)} documents\n")
    print("| rule | findings | overlap a marked error | precision (lower bound) |")
    print("| --- | --- | --- | --- |")
    for rule in rules:
        code = rule.meta.code
        total = confirmed[code] + len(unconfirmed[code])
        precision = f"{confirmed[code] / total:.2f}" if total else "n/a"
        print(f"| {code} {rule.meta.name} | {total} | {confirmed[code]} | {precision} |")
    rng = random.Random(0)
    for code, items in sorted(unconfirmed.items()):
        print(f"\n{code}: {len(items)} not marked by raters; a sample:")
        for item in rng.sample(items, min(args.show, len(items))):
            print("  " + item)


if __name__ == "__main__":
    main()
