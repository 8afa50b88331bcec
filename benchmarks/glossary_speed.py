"""What a large glossary adds to a check: the benchmark corpus (benchmarks/corpus.py) checked
with the default rules, then again with 5,000-term glossaries, every check in its
own process.

    python benchmarks/glossary_speed.py [--size 10000 --size 100000] [--terms 5000] [--repeat 3] [--doc docs/benchmarks.md]

The glossaries are built, not shipped, from --seed. All three start with every term of the
TICO-19 termbases in ../shared (medical terms that occur in the corpus's TICO-19 part) and
are filled up to --terms in three ways:

* *real words*, the one the target is judged by, is shaped like a real termbase: its terms
  are words of jieba's dictionary (the one the tool ships with), in the TICO-19 termbases' mix
  of lengths (about an eighth of two characters; terms longer than the dictionary's words are
  joined from two or three of them), so most never occur in a given text. A term that does
  occur in the corpus gets as its English the word its pairs' English shares most with it
  (by Dice's coefficient), so, as with a real termbase on real translations, the rendering
  is there in many of its pairs (not all: the TICO-19 terms and these give about one
  TM finding per three pairs); the others get made-up English.
* *made-up words*, this benchmark's earlier glossary, kept for comparison, fills up with
  strings of 2 to 6 of the corpus's own characters, a fifth of them two characters long, with
  made-up English. Such strings are rarely words: the longer ones hardly ever occur, and a
  two-character one found in the text mostly straddles a word boundary and is dropped, so it
  adds no finding to the TICO-19 terms'. It was chosen as pessimistic, because its terms
  start with the corpus's commonest characters, which cost the earlier matcher a probe at
  nearly every character.
* *cut from the text* fills up with runs of 2 to 6 characters cut from the corpus's own
  Chinese, with words of their own English as the rendering: every term occurs, often in
  pairs where its rendering is missing, a worst case no real termbase comes near (it gives
  tens of thousands of TM01 findings).

The figures go to the "Glossary matching" section of docs/benchmarks.md, which the other
benchmark scripts keep.
"""

from __future__ import annotations

import argparse
import collections
import csv
import random
import re
import statistics
import sys
import tempfile
from pathlib import Path

import jieba
from corpus import SHARED, build_corpus, sentence_pool
from doc_sections import GLOSSARY_MATCHING, write_section
from processor_time import timed_run

from qa_tool.glossary import load_glossary
from qa_tool.languages.en import FUNCTION_WORDS
from qa_tool.resources import word_set

TERMBASES = sorted((SHARED / "fixtures" / "tico19_en_zh").glob("*.csv"))
# The target: a 5,000-term glossary adds at most this share to a check.
ADDED_SHARE_TARGET = 0.15
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]+")
_WORD = re.compile(r"[A-Za-z]{3,}")


def termbase_terms() -> dict[str, str]:
    """Every TICO-19 term with all the renderings the termbases approve for it, in one cell."""
    renderings: dict[str, dict[str, None]] = {}
    for termbase in TERMBASES:
        for term in load_glossary(str(termbase)).terms:
            renderings.setdefault(term.source, {}).update(dict.fromkeys(term.approved_texts))
    return {source: "; ".join(approved) for source, approved in renderings.items() if approved}


def real_word_terms(rows: dict[str, str], sentences: list, terms: int, rng: random.Random) -> None:
    """Fill ``rows`` up to ``terms`` with words of jieba's dictionary in the TICO-19 termbases'
    mix of lengths, with the English their pairs use most where they occur."""
    lengths = [len(term) for term in rows if _HAN_WORD.fullmatch(term)]
    words_of_length: dict[int, list[str]] = collections.defaultdict(list)
    dictionary = (Path(jieba.__file__).parent / "dict.txt").read_text(encoding="utf-8")
    for word in re.findall(r"^\S+", dictionary, re.MULTILINE):
        if _HAN_WORD.fullmatch(word):
            words_of_length[len(word)].append(word)
    added = []
    while len(rows) < terms:
        length = rng.choice(lengths)
        parts = []
        # Long terms are phrases: joined from words where the dictionary has few that long.
        while length > 4 and len(words_of_length[length]) < 1000:
            part = rng.randint(2, min(4, length - 2))
            parts.append(rng.choice(words_of_length[part]))
            length -= part
        term = "".join([*parts, rng.choice(words_of_length[length])])
        if term not in rows:
            rows[term] = made_up_english(rng)
            added.append(term)
    rows.update(used_renderings(added, sentences))


def used_renderings(terms: list[str], sentences: list) -> dict[str, str]:
    """For each of ``terms`` that occurs in ``sentences``: the content word of the English
    that goes with it most (Dice's coefficient over the pairs)."""
    sources = "\n".join(sentence.source for sentence in sentences)
    occurring = [term for term in terms if term in sources]
    function_words = word_set(FUNCTION_WORDS)
    words_of = [{word.lower() for word in _WORD.findall(sentence.target)} - function_words for sentence in sentences]
    pairs_with = collections.Counter(word for words in words_of for word in words)
    renderings = {}
    for term in occurring:
        together = collections.Counter(
            word for sentence, words in zip(sentences, words_of) if term in sentence.source for word in words
        )
        with_term = sum(1 for sentence in sentences if term in sentence.source)
        if together:
            renderings[term] = max(together, key=lambda word: (2 * together[word] / (with_term + pairs_with[word]), word))
    return renderings


def made_up_english(rng: random.Random) -> str:
    return " ".join(rng.choice(_MADE_UP_WORDS) for _ in range(rng.randint(1, 3)))


def made_up_terms(rows: dict[str, str], sentences: list, terms: int, rng: random.Random) -> None:
    """Fill ``rows`` up to ``terms`` with made-up terms of the corpus's characters."""
    characters = sorted({character for sentence in sentences for run in _HAN_RUN.findall(sentence.source) for character in run})
    while len(rows) < terms:
        length = 2 if rng.random() < 0.2 else rng.randint(3, 6)
        term = "".join(rng.choice(characters) for _ in range(length))
        rows.setdefault(term, made_up_english(rng))


def cut_terms(rows: dict[str, str], sentences: list, terms: int, rng: random.Random) -> None:
    """Fill ``rows`` up to ``terms`` with runs of the corpus's Chinese and words of their English."""
    while len(rows) < terms:
        sentence = rng.choice(sentences)
        runs = _HAN_RUN.findall(sentence.source)
        words = _WORD.findall(sentence.target)
        if not runs or not words:
            continue
        run = rng.choice(runs)
        length = min(len(run), rng.randint(2, 6))
        start = rng.randint(0, len(run) - length)
        first = rng.randrange(len(words))
        rows.setdefault(run[start : start + length], " ".join(words[first : first + rng.randint(1, 3)]))


_MADE_UP_WORDS = ("deposit", "levy", "ordinance", "scheme", "reserve", "liquidity", "cross-border", "renminbi",
                  "provident", "fund", "exchange", "authority", "settlement", "clearing", "insurance", "premium")


def write_glossary(path: Path, rows: dict[str, str]) -> tuple[int, int]:
    """Write ``rows`` as a zh/en TSV; (terms, terms of two characters)."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter="\t", lineterminator="\n")
        writer.writerow(["zh", "en"])
        writer.writerows(rows.items())
    return len(rows), sum(1 for term in rows if len(term) == 2)


def timed_checks(corpus: Path, options: list[list[str]], repeat: int) -> list[tuple[float, str]]:
    """For each of ``options`` (extra arguments): the median CPU seconds (user + system) of
    ``qa-tool check`` over ``repeat`` runs, and the last run's finding count. The checks run
    in turns, one of each per round, so a neighbour's load falls on all of them alike; CPU
    time, not wall time: on a shared machine the wall clock measures the neighbours."""
    seconds: list[list[float]] = [[] for _ in options]
    found = ["?"] * len(options)
    for _ in range(repeat):
        for at, extra in enumerate(options):
            command = [sys.executable, "-m", "qa_tool", "check", str(corpus), "--isolated", "--format", "json", "--jobs", "1", *extra]
            spent, done = timed_run(command)
            if done.returncode not in (0, 1):
                raise SystemExit(f"qa-tool check failed ({done.returncode}): {done.stderr.strip()}")
            seconds[at].append(spent)
            count = re.search(r'"findings": (\d+)', done.stdout)
            found[at] = count.group(1) if count else "?"
    return [(statistics.median(times), count) for times, count in zip(seconds, found)]


# The glossaries measured: (name, how it is filled up, the largest corpus it is measured on).
# The first is the one judged; the worst case's findings would take most of an hour to
# report on a large corpus, and say nothing more.
GLOSSARIES = (
    ("real words", real_word_terms, None),
    ("made-up words", made_up_terms, None),
    ("cut from the text", cut_terms, 10_000),
)


def section_text(sizes: list[int], terms: int, repeat: int, seed: int, rows: list, added: dict[int, float]) -> str:
    """The "Glossary matching" section of docs/benchmarks.md for these measurements: ``rows``
    of (pairs, check, CPU seconds, share added, findings), and the share the judged glossary
    adds per corpus size."""
    verdicts = "; ".join(
        f"on {size:,} pairs it adds {share:.0%} ({'met' if share <= ADDED_SHARE_TARGET else 'NOT met'})"
        for size, share in added.items()
    )
    return "\n".join([
        GLOSSARY_MATCHING,
        "",
        f"`python benchmarks/glossary_speed.py {' '.join(f'--size {size}' for size in sizes)} --terms {terms} "
        f"--repeat {repeat} --seed {seed}`: the benchmark corpus (TSV) checked with the default rules, one job, "
        f"median CPU seconds (user + system) of {repeat} runs, without a glossary and with each of three "
        f"{terms:,}-term glossaries (see the script): every TICO-19 term, then real words of jieba's dictionary in the "
        "termbases' mix of lengths with the English their pairs use (the termbase-like one), made-up strings of the "
        "corpus's characters (the earlier benchmark's glossary), or runs cut from the corpus's own Chinese "
        "(the worst case, measured on corpora of up to 10,000 pairs).",
        "",
        "| pairs | check | CPU seconds | added | findings |",
        "| ---: | --- | ---: | ---: | ---: |",
        *(f"| {size} | {label} | {seconds:.2f} | {share} | {findings} |" for size, label, seconds, share, findings in rows),
        "",
        f"Target: a {terms:,}-term termbase-like glossary adds at most {ADDED_SHARE_TARGET:.0%}: {verdicts}.",
        "",
        "The judged glossary was the made-up one until the matcher was reworked; its strings of common characters "
        "are not a termbase's terms (they are rarely words), so real words in a real termbase's mix of lengths took "
        "its place. The made-up strings add no finding of their own (a two-character one mostly straddles a word "
        "boundary), so its row is close to the cost of the TICO-19 terms alone, whose findings on this corpus are "
        "many (for 疾病, the commonest, the termbases approve only 'sickness' and 'illness').",
        "",
        "Where the added time goes. Once per process: the glossary read, merged, linted and compiled into one "
        "Aho-Corasick automaton, and the index of jieba's dictionary (rules/chinese/jieba-words.txt) when a "
        "two-character term is first found, each first character's words and counts read when a word starting "
        "with it is first looked for; so the share falls as the corpus grows. Per "
        "pair: one pass of the automaton over the Chinese (as written: a term across scripts is also held with a "
        "space in its joins); for each two-character candidate that no longer term covers, a few dictionary "
        "look-ups for a word crossing its edges, and jieba's segmentation of the sentence only when there is one; "
        "for each term found, its renderings looked for in the English as plain text first, and the rendering "
        "pattern (compiled only when the plain text is not found) tried only where a match can start; for each "
        "miss, the near-miss search and acronym credit of TM01; and every finding reported, counted and scored "
        "in one reading of the findings.",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, action="append", help="corpus pairs (repeatable; default 10000)")
    parser.add_argument("--terms", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each check; the median counts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--doc", type=Path, help="write the table as a section of this page (docs/benchmarks.md)")
    args = parser.parse_args()
    sizes = args.size or [10_000]
    rows = []
    added: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="qa-glossary-bench-") as folder:
        workdir = Path(folder)
        pool = sentence_pool()
        sentences = [sentence for group in pool.values() for sentence in group]
        glossaries = []
        for name, fill, largest in GLOSSARIES:
            terms = termbase_terms()
            fill(terms, sentences, args.terms, random.Random(f"{args.seed}:{name}"))
            glossary = workdir / f"glossary-{len(glossaries)}.tsv"
            written, two_characters = write_glossary(glossary, terms)
            label = f"{written:,}-term glossary, {name} ({two_characters:,} of two characters)"
            glossaries.append((label, glossary, largest))
        for size in sizes:
            path = build_corpus(workdir, size, args.seed, pool).files["tsv"]
            measured = [(label, glossary) for label, glossary, largest in glossaries if largest is None or size <= largest]
            (without, findings), *with_glossaries = timed_checks(
                path, [[], *(["--glossary", str(glossary)] for _, glossary in measured)], args.repeat
            )
            rows.append((f"{size:,}", "default rules", without, "", findings))
            for (label, _), (seconds, findings) in zip(measured, with_glossaries):
                rows.append((f"{size:,}", f"+ {label}", seconds, f"{seconds / without - 1:+.0%}", findings))
                added.setdefault(size, seconds / without - 1)
    section = section_text(sizes, args.terms, args.repeat, args.seed, rows, added)
    print(section)
    if args.doc:
        write_section(args.doc, GLOSSARY_MATCHING, section)


if __name__ == "__main__":
    main()
