"""Precision of each rule on the two zh→en dev sets, and a fixed-seed sample to read by hand.

``ted`` (WMT 2021 MQM, TED talks, expert error spans): a finding counts as confirmed when a
rater marked an error that overlaps its target span (or, for a finding about the whole
segment or a source span, any error in that segment, including omissions, which raters mark
on the source). Raters mark at most five errors per segment and not every error, so
unconfirmed findings must be read by hand before they are called false.

``wmt22`` (WMT22 general test set: news, e-commerce, social, conversation; 18 systems, MQM
segment scores but no spans): every system's translation of every document is checked as
one document, as a translator would check one file per article. Nothing is confirmed
automatically: the script counts findings per rule, writes a reading sheet with a random
sample of at most --sample findings per rule (all of them when there are fewer; the seed is
printed), and compares the mean qa-tool penalty per segment with the raters' system scores
(Pearson and Kendall over the 16 scored systems).

    python benchmarks/dev_precision.py ted [--show 5] [--packs] [--rules DIR]
    python benchmarks/dev_precision.py wmt22 [--sample 30] [--seed 11] [--sheet findings.md]
    python benchmarks/dev_precision.py severities     # the raters' Major/Minor split per rule's kind of error
    python benchmarks/dev_precision.py glossary FILE --glossary TERMS [--glossary ...] [--sheet tm.md]

``glossary`` checks FILE (any format qa-tool reads) with the TM rules and the given glossaries,
counts term occurrences in the Chinese and TM findings per 100 of them, and writes every TM
finding to a reading sheet (or a seeded sample of --sample when there are more).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import math
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Sequence

from qa_tool.checks import BUILTIN_RULES, select_rules
from qa_tool.checks.base import CheckSettings, RuleFactory
from qa_tool.engine import check_document
from qa_tool.glossary import term_index
from qa_tool.model import Finding, Location, SegmentPair, Side
from qa_tool.normalise import normalise
from qa_tool.packs import available_rules, default_pack_dir, load_packs
from qa_tool.readers import ReadOptions, open_input, read_pairs
from qa_tool.scoring import MQM_WEIGHTS

SHARED_DEV = Path(__file__).resolve().parents[2] / "shared" / "dev"


def read_tsv(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))


def documents_of(dev: Path) -> dict[tuple[str, str], list[SegmentPair]]:
    """Every system's targets grouped by (system, document), in segment order."""
    sources = {row["seg_id"]: row for row in read_tsv(dev / "sources.tsv")}
    documents: dict[tuple[str, str], list[SegmentPair]] = defaultdict(list)
    for row in read_tsv(dev / "targets.tsv"):
        source = sources[row["seg_id"]]
        location = Location(f"{row['system']}/{source['doc']}")
        documents[(row["system"], source["doc"])].append(SegmentPair(row["seg_id"], source["source"], row["target"], location))
    return documents


def check_all(documents: dict[tuple[str, str], list[SegmentPair]], rules: Sequence[RuleFactory]) -> list[tuple[str, Finding]]:
    """(system, finding) for every finding, documents in a stable order."""
    found = []
    for (system, doc), pairs in sorted(documents.items()):
        found.extend((system, finding) for finding in check_document(pairs, f"{system}/{doc}", rules).findings)
    return found


def measure_ted(args: argparse.Namespace) -> None:
    rules = BUILTIN_RULES + load_packs(([default_pack_dir()] if args.packs else []) + args.rules)
    dev = args.dev or SHARED_DEV / "mqm_zhen_ted2021"
    marked: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    marked_on_source: set[tuple[str, str]] = set()
    for row in read_tsv(dev / "annotations.tsv"):
        if row["category"] != "No-error" and row["span_side"] == "target":
            marked[(row["system"], row["seg_id"])].append((int(row["span_start"]), int(row["span_end"])))
        elif row["category"] != "No-error" and row["span_side"] == "source":
            marked_on_source.add((row["system"], row["seg_id"]))

    documents = documents_of(dev)
    confirmed: dict[str, int] = defaultdict(int)
    unconfirmed: dict[str, list[str]] = defaultdict(list)
    for system, finding in check_all(documents, rules):
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

    print(f"{sum(map(len, documents.values()))} pairs in {len(documents)} documents\n")
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


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
    spread = math.sqrt(sum((x - mean_x) ** 2 for x in xs) * sum((y - mean_y) ** 2 for y in ys))
    return covariance / spread if spread else float("nan")


def kendall(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Kendall's tau-b (ties in either ranking count as neither concordant nor discordant)."""
    concordant = discordant = ties_x = ties_y = 0
    for (x1, y1), (x2, y2) in itertools.combinations(zip(xs, ys), 2):
        dx, dy = x1 - x2, y1 - y2
        if dx == 0 and dy == 0:
            continue
        if dx == 0:
            ties_x += 1
        elif dy == 0:
            ties_y += 1
        elif (dx > 0) == (dy > 0):
            concordant += 1
        else:
            discordant += 1
    pairs = concordant + discordant
    return (concordant - discordant) / math.sqrt((pairs + ties_x) * (pairs + ties_y)) if pairs else float("nan")


def sheet_entry(number: int, system: str, finding: Finding) -> str:
    """One finding as a reader needs it: the rule's words, what it points at, both sides."""
    pair = finding.pair
    pointed = [f"{span.side.value} «{(pair.source if span.side is Side.SOURCE else pair.target)[span.start:span.end]}»" for span in finding.spans]
    fix = f" → {finding.replacement}" if finding.replacement is not None else ""
    return (
        f"### {number}. {finding.code} · {system} · seg {pair.id} ({pair.location.path})\n"
        f"- message: {finding.message}{fix}\n- points at: {', '.join(pointed) or 'the whole segment'}\n"
        f"- zh: {pair.source}\n- en: {pair.target}\n- verdict: \n"
    )


def measure_wmt22(args: argparse.Namespace) -> None:
    dev = args.dev or SHARED_DEV / "wmt22_general_zhen"
    # The rules a default run uses (opt-in ones only with --select ALL).
    selectors = [part for value in args.select for part in value.split(",") if part.strip()]
    rules = select_rules(selectors or ["DEFAULT"], rules=available_rules(args.rules))
    documents = documents_of(dev)
    found = check_all(documents, rules)
    by_rule: dict[str, list[tuple[str, Finding]]] = defaultdict(list)
    for system, finding in found:
        by_rule[finding.code].append((system, finding))

    pair_count = sum(map(len, documents.values()))
    print(f"{pair_count} pairs in {len(documents)} documents (system × doc); {len(found)} findings\n")
    print("| rule | findings |\n| --- | --- |")
    for code, items in sorted(by_rule.items(), key=lambda item: (-len(item[1]), item[0])):
        print(f"| {code} | {len(items)} |")

    lines = [f"# WMT22 zh→en: findings to read (seed {args.seed}, at most {args.sample} per rule)\n"]
    for code, items in sorted(by_rule.items()):
        # A generator per rule, so one rule's sample does not move when another's count does.
        rng = random.Random(f"{args.seed}:{code}")
        chosen = items if len(items) <= args.sample else rng.sample(items, args.sample)
        lines.append(f"## {code}: {len(chosen)} of {len(items)}\n")
        lines.extend(sheet_entry(number, system, finding) for number, (system, finding) in enumerate(chosen, 1))
    if args.sheet:
        args.sheet.write_text("\n".join(lines), encoding="utf-8")
        print(f"\nreading sheet: {args.sheet}")

    penalty: Counter[str] = Counter()
    for system, finding in found:
        penalty[system] += MQM_WEIGHTS[finding.severity]
    human: dict[str, list[float]] = defaultdict(list)
    segments: Counter[str] = Counter()
    for row in read_tsv(dev / "targets.tsv"):
        segments[row["system"]] += 1
        if row["mqm_avg_score"]:
            human[row["system"]].append(float(row["mqm_avg_score"]))
    scored = sorted(system for system in human if len(human[system]) == segments[system])
    ours = [-penalty[system] / segments[system] for system in scored]
    theirs = [sum(human[system]) / len(human[system]) for system in scored]
    print(f"\nsystem level, {len(scored)} MQM-scored systems: mean qa-tool penalty per segment against mean MQM")
    print(f"Pearson {pearson(ours, theirs):.2f}, Kendall tau-b {kendall(ours, theirs):.2f}")
    for system, mine, human_score in sorted(zip(scored, ours, theirs), key=lambda item: item[2]):
        print(f"  {system:20} qa-tool {mine:7.3f}   MQM {human_score:7.3f}")


# Annotations that stand for a rule's kind of error better than its whole MQM category: number
# rules are judged on error spans that hold a digit (target) or a numeral (source, omissions).
_NUMBER_SPAN = re.compile(r"[0-9〇零一二两三四五六七八九十百千万亿]")
_KIND_OF_ERROR = {
    "NU": lambda row: bool(_NUMBER_SPAN.search(row["span_text"])),
}
# The raters of the TED set never marked a missing possessive apostrophe (no target of theirs
# writes "Xs noun" where another writes "X's noun" and a rater marked it); MQM files the slip
# under the orthographic categories, so those stand for it.
_PROXY_CATEGORIES = {"GR01": ("Fluency/Punctuation", "Fluency/Spelling")}
# Fewer annotations than this say too little: the next wider evidence is used (the whole
# category for a number rule), else the default stays.
_ENOUGH = 20


def _graded(annotations: list[dict[str, str]], categories: tuple[str, ...], kind) -> Counter[str]:
    return Counter(row["severity"] for row in annotations if row["category"] in categories and kind(row))


def measure_severities(args: argparse.Namespace) -> None:
    """How the TED raters graded each rule's kind of error (Major and Minor counts) and the
    severity that follows: the majority grade when at least _ENOUGH annotations say so."""
    dev = args.dev or SHARED_DEV / "mqm_zhen_ted2021"
    annotations = [row for row in read_tsv(dev / "annotations.tsv") if row["severity"] in {"Major", "Minor"}]
    print("| rule | default | rater evidence | Major | Minor | share Major | the evidence says |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for rule in select_rules(["ALL"], rules=available_rules()):
        meta = rule.meta
        categories = _PROXY_CATEGORIES.get(meta.code, (meta.category,))
        kind = _KIND_OF_ERROR.get(meta.code[:2])
        graded, evidence = Counter(), " + ".join(categories)
        if kind is not None:
            graded, evidence = _graded(annotations, categories, kind), f"{evidence} (number spans)"
        if graded.total() < _ENOUGH:
            graded, evidence = _graded(annotations, categories, lambda row: True), " + ".join(categories)
        total = graded.total()
        share = f"{graded['Major'] / total:.0%}" if total else "n/a"
        says = ("major" if graded["Major"] > graded["Minor"] else "minor") if total >= _ENOUGH else "too little"
        print(f"| {meta.code} | {meta.severity.label} | {evidence} | {graded['Major']} | {graded['Minor']} | {share} | {says} |")


def measure_glossary(args: argparse.Namespace) -> None:
    glossaries = tuple(str(path) for path in args.glossary)
    with open_input(str(args.file)) as stream:
        pairs = list(read_pairs(stream, str(args.file), ReadOptions()))
    index = term_index(glossaries)
    occurrences = 0
    for pair in pairs:
        normalised = normalise(pair)
        occurrences += len(index.find(normalised.source_match.text, normalised.source)) if index is not None else 0
    findings = check_document(pairs, str(args.file), select_rules(["TM"]), CheckSettings(glossaries=glossaries)).findings
    by_rule = Counter(finding.code for finding in findings)
    per_hundred = f"{100 * len(findings) / occurrences:.1f}" if occurrences else "n/a"
    print(f"{len(pairs)} pairs, {occurrences} term occurrences in the Chinese, {len(findings)} TM findings "
          f"({per_hundred} per 100 occurrences): " + ", ".join(f"{code} {count}" for code, count in sorted(by_rule.items())))
    chosen = list(findings)
    if len(chosen) > args.sample:
        chosen = [findings[at] for at in sorted(random.Random(args.seed).sample(range(len(findings)), args.sample))]
    if args.sheet:
        lines = [f"# TM findings to read: {len(chosen)} of {len(findings)} (seed {args.seed})\n"]
        lines.extend(sheet_entry(number, args.file.name, finding) for number, finding in enumerate(chosen, 1))
        args.sheet.write_text("\n".join(lines), encoding="utf-8")
        print(f"reading sheet: {args.sheet}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sets = parser.add_subparsers(dest="set", required=True)
    ted = sets.add_parser("ted", help="WMT 2021 TED talks with expert error spans")
    ted.add_argument("dev", nargs="?", type=Path)
    ted.add_argument("--show", type=int, default=5, help="unconfirmed findings to print per rule")
    ted.add_argument("--packs", action="store_true", help="also run the default rule pack (rules/std)")
    ted.add_argument("--rules", action="append", type=Path, default=[], help="also run this rule pack folder; repeatable")
    ted.set_defaults(measure=measure_ted)
    wmt22 = sets.add_parser("wmt22", help="WMT22 general test set (news and more), one file per document")
    wmt22.add_argument("dev", nargs="?", type=Path)
    wmt22.add_argument("--sample", type=int, default=30, help="findings per rule on the reading sheet")
    wmt22.add_argument("--seed", type=int, default=11)
    wmt22.add_argument("--sheet", type=Path, help="write the reading sheet (Markdown) here")
    wmt22.add_argument("--select", action="append", default=[], help="rule selectors as in qa-tool check, comma-separated or repeated (default: DEFAULT)")
    wmt22.add_argument("--rules", action="append", type=Path, default=[], help="also run this rule pack folder; repeatable")
    wmt22.set_defaults(measure=measure_wmt22)
    severities = sets.add_parser("severities", help="how the TED raters grade each rule's kind of error")
    severities.add_argument("dev", nargs="?", type=Path)
    severities.set_defaults(measure=measure_severities)
    glossary = sets.add_parser("glossary", help="TM findings of a file against glossaries, to read by hand")
    glossary.add_argument("file", type=Path)
    glossary.add_argument("--glossary", action="append", type=Path, required=True, help="a glossary file; repeatable")
    glossary.add_argument("--sample", type=int, default=1000, help="at most this many findings on the reading sheet")
    glossary.add_argument("--seed", type=int, default=12)
    glossary.add_argument("--sheet", type=Path, help="write the reading sheet (Markdown) here")
    glossary.set_defaults(measure=measure_glossary)
    args = parser.parse_args()
    args.measure(args)


if __name__ == "__main__":
    main()
