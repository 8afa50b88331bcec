"""Measures of the spelling rules (SP01, SP02) that docs/precision.md and docs/benchmarks.md
quote. Reads ../shared/ beside the checkout.

    python benchmarks/spelling_measures.py plant --words 1000 --seed 14
    python benchmarks/spelling_measures.py names
    python benchmarks/spelling_measures.py cost --size 10000 --repeat 3

plant: one-letter edits (insert, delete, substitute, transpose, a quarter each) in common,
correctly spelt words of the WMT22 references, each in its own sentence: how many the rules
catch, and what they flag in the same sentences left untouched.
names: the rules on the TICO-19 memory and the bundled sample; no pinyin may be flagged.
cost: a default check of the benchmark corpus (benchmarks/corpus.py) against the same with
SP01 and SP02 selected too: the command line's processor time (user + system, the least of
--repeat runs; wall time on a shared machine measures the neighbours), and the same on the
bundled example, whose difference is the fixed start-up cost; written as the "Spelling
rules" section of docs/benchmarks.md with --doc.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import string
import sys
import tempfile
from pathlib import Path

from corpus import build_corpus
from doc_sections import SPELLING, write_section
from processor_time import timed_run

from qa_tool.checks import select_rules
from qa_tool.checks.base import CheckSettings
from qa_tool.checks.spelling import MIN_LETTERS, MIN_SUGGESTION_COUNT, lexicon_for
from qa_tool.engine import check_document
from qa_tool.languages import pinyin
from qa_tool.model import Location, SegmentPair
from qa_tool.readers import ReadOptions, open_input, read_pairs

SHARED = Path(__file__).resolve().parents[2] / "shared"
RULES = ["SP01", "SP02"]
EDITS = ("insert", "delete", "substitute", "transpose")
# Words edited: common ones (those the rules suggest) long enough that a deletion leaves a
# word the rules read.
_WORD = re.compile(r"(?<![A-Za-z'’-])[a-z]+(?![A-Za-z'’-])")


def _edit(word: str, kind: str, rng: random.Random) -> str:
    at = rng.randrange(len(word) - (1 if kind == "transpose" else 0))
    if kind == "insert":
        return word[:at] + rng.choice(string.ascii_lowercase) + word[at:]
    if kind == "delete":
        return word[:at] + word[at + 1 :]
    if kind == "substitute":
        return word[:at] + rng.choice(string.ascii_lowercase.replace(word[at], "")) + word[at + 1 :]
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def _findings(pairs: list[SegmentPair], name: str):
    return check_document(pairs, name, select_rules(RULES), CheckSettings()).findings


def plant(args: argparse.Namespace) -> None:
    lexicon = lexicon_for(CheckSettings())
    with open(SHARED / "dev" / "wmt22_general_zhen" / "sources.tsv", encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    places = [
        (row, match)
        for row in rows
        for match in _WORD.finditer(row["reference"])
        if len(match.group()) > MIN_LETTERS and match.group() in lexicon and lexicon.count(match.group()) >= MIN_SUGGESTION_COUNT
    ]
    rng = random.Random(args.seed)
    chosen = rng.sample(places, args.words)
    pairs, planted = [], []
    for number, (row, match) in enumerate(chosen):
        kind = EDITS[number % len(EDITS)]
        edited = match.group()
        while edited == match.group():  # a transposition of a doubled letter changes nothing
            edited = _edit(match.group(), kind, rng)
        text = row["reference"]
        pairs.append(SegmentPair(f"p{number}", row["source"], text[: match.start()] + edited + text[match.end() :], Location("planted")))
        planted.append((kind, match.group(), edited, match.start(), match.start() + len(edited)))
    untouched = _findings([SegmentPair(f"u{n}", row["source"], row["reference"], Location("untouched")) for n, (row, _) in enumerate(chosen)], "untouched")
    hits: dict[str, list] = {}
    for finding in _findings(pairs, "planted"):
        hits.setdefault(finding.pair.id, []).append(finding)
    counts = {kind: [0, 0, 0] for kind in EDITS}  # caught, non-words, caught non-words
    missed = []
    for pair, (kind, word, edited, start, end) in zip(pairs, planted):
        hit = any(span.start < end and start < span.end for finding in hits.get(pair.id, []) for span in finding.spans)
        real_word = edited in lexicon
        counts[kind][0] += hit
        counts[kind][1] += not real_word
        counts[kind][2] += hit and not real_word
        if not hit:
            missed.append(f"{word}→{edited}{' (a word)' if real_word else ''}")
    print(f"{args.words} planted one-letter edits (seed {args.seed}) in words of {MIN_LETTERS + 1}+ letters used {MIN_SUGGESTION_COUNT:,}+ times:\n")
    print("| edit | planted | caught | edits that are not words | caught of those |\n| --- | --- | --- | --- | --- |")
    share = args.words // len(EDITS)
    for kind, (caught, nonwords, caught_nonwords) in counts.items():
        print(f"| {kind} | {share} | {caught} | {nonwords} | {caught_nonwords} |")
    caught, nonwords, caught_nonwords = (sum(column) for column in zip(*counts.values()))
    print(f"| all | {args.words} | {caught} ({caught / args.words:.1%}) | {nonwords} | {caught_nonwords} ({caught_nonwords / max(nonwords, 1):.1%}) |\n")
    print(f"missed: {', '.join(missed)}")
    print(f"flagged in the {args.words} sentences as written: {len(untouched)}: {', '.join(f.match for f in untouched)}")


def names(args: argparse.Namespace) -> None:
    for path in (SHARED / "fixtures" / "tico19_en_zh" / "all.en-zh.tmx", SHARED / "samples" / "chongqing-fao-news.zh-en.txt"):
        with open_input(str(path)) as stream:
            pairs = list(read_pairs(stream, str(path), options=ReadOptions()))
        words = [finding.match for finding in _findings(pairs, path.name)]
        as_pinyin = [word for word in words if pinyin.is_pinyin(pinyin.fold(word))]
        print(f"{path.name}: {len(pairs)} pairs, {len(words)} findings ({', '.join(words) or 'none'}); pinyin among them: {len(as_pinyin)}")


def cost(args: argparse.Namespace) -> None:
    sample = Path(__file__).resolve().parents[1] / "examples" / "chongqing-fao-news.zh-en.txt"
    with tempfile.TemporaryDirectory() as folder:
        corpus = build_corpus(Path(folder), args.size, args.seed)
        command = [sys.executable, "-m", "qa_tool", "check", "--isolated", "--quiet", "--select"]
        selects = ("DEFAULT", "DEFAULT,SP01,SP02")
        least = {(path, select): float("inf") for path in (corpus.files["tmx"], sample) for select in selects}
        for _ in range(args.repeat):
            for path, select in least:
                least[path, select] = min(least[path, select], timed_run(command + [select, str(path)])[0])
    base, spelling = (least[corpus.files["tmx"], select] for select in selects)
    start_up = least[sample, selects[1]] - least[sample, selects[0]]
    load = " / ".join(f"{value:.2f}" for value in os.getloadavg())
    verdict = "met" if spelling - base < base / 10 else "not met"
    lines = [
        SPELLING,
        "",
        f"`python benchmarks/spelling_measures.py cost --size {args.size} --repeat {args.repeat}`: a "
        f"{args.size:,}-pair TMX corpus (seed {args.seed}) checked by the command line, processor time "
        f"(user + system), the least of {args.repeat} runs, the two selections taking turns. SP01 and "
        "SP02 are opt-in; selected, they cost this much more, the word lists' loading (once per "
        f"process) included. Load average at the end (1/5/15 min, 2 cores): {load}; on a shared "
        "machine the ratio moves with the neighbours, by several points from run to run.",
        "",
        "| rules | processor time | over the default check |",
        "| --- | --- | --- |",
        f"| DEFAULT | {base:.2f} s | – |",
        f"| DEFAULT, SP01, SP02 | {spelling:.2f} s | {(spelling - base) / base:+.1%} |",
        "",
        f"The target, under 10 %, is {verdict} in this run. Of the difference, {start_up:.2f} s is "
        f"fixed, whatever the corpus size: the same check of the bundled example (examples/{sample.name}) "
        "costs that much more, nearly all of it reading the word list and the counts.",
    ]
    print("\n".join(lines))
    if args.doc:
        write_section(args.doc, SPELLING, "\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(required=True)
    planting = commands.add_parser("plant", help="recall on planted one-letter edits")
    planting.add_argument("--words", type=int, default=1000)
    planting.add_argument("--seed", type=int, default=14)
    planting.set_defaults(measure=plant)
    commands.add_parser("names", help="pinyin names of TICO-19 and the sample").set_defaults(measure=names)
    costing = commands.add_parser("cost", help="time over a default check of the benchmark corpus")
    costing.add_argument("--size", type=int, default=10000)
    costing.add_argument("--seed", type=int, default=1)
    costing.add_argument("--repeat", type=int, default=3)
    costing.add_argument("--doc", type=Path, help="write the figures as a section of this page (docs/benchmarks.md)")
    costing.set_defaults(measure=cost)
    args = parser.parse_args()
    args.measure(args)


if __name__ == "__main__":
    main()
