"""Rebuilds rules/english/word-counts.txt from the frequency list symspellpy ships
(``frequency_dictionary_en_82_765.txt``: Google Books counts of SCOWL words, MIT licence):
its words used often enough for the spelling rules to compare (MIN_SUGGESTION_COUNT times or
more), a sixth of the list, so that a run reads that much and no more. Run by hand when
symspellpy's list changes: `pip install symspellpy && python benchmarks/build_word_counts.py`."""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path

from qa_tool.checks.spelling import MIN_SUGGESTION_COUNT, WORD_COUNTS
from qa_tool.resources import rules_dir

FREQUENCY_FILE = "frequency_dictionary_en_82_765.txt"

HEADER = f"""# How often each English word is used, for the spelling rules (SP01, SP02): Google Books counts
# of SCOWL words, cut from symspellpy's frequency_dictionary_en_82_765.txt to the words used
# {MIN_SUGGESTION_COUNT:,} times or more, in alphabetical order, one "word count" a line. Rebuilt by
# benchmarks/build_word_counts.py: do not edit. symspellpy's licence:
#
# MIT License
#
# Copyright (c) 2025 mmb L (Python port https://github.com/mammothb/symspellpy)
# Copyright (c) 2021 Wolf Garbe (Original C# implementation https://github.com/wolfgarbe/SymSpell)
#
# Permission is hereby granted, free of charge, to any person obtaining a copy
# of this software and associated documentation files (the "Software"), to deal
# in the Software without restriction, including without limitation the rights
# to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
# copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
# FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
# AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
# LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
# OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
# SOFTWARE.
"""


def symspellpy_counts_text() -> str:
    """symspellpy's word → count list, read from its package folder without importing it."""
    spec = importlib.util.find_spec("symspellpy")
    folder = Path(next(iter(spec.submodule_search_locations or ()))) if spec else None
    if folder is None or not (folder / FREQUENCY_FILE).is_file():
        raise ModuleNotFoundError(f"symspellpy's {FREQUENCY_FILE} is needed: pip install 'symspellpy>=6.7'")
    return (folder / FREQUENCY_FILE).read_text(encoding="utf-8")


def common_counts(listed: str) -> dict[str, int]:
    """The words of a ``word count`` list used MIN_SUGGESTION_COUNT times or more, in its order."""
    fields = iter(listed.split())
    return {word: number for word, count in zip(fields, fields) if (number := int(count)) >= MIN_SUGGESTION_COUNT}


def counts_text(counts: dict[str, int]) -> str:
    """The file: the words in alphabetical order (code point order, as Python sorts), so that
    the rules' sorted list of the common words comes from sorted input, a pass rather than a
    sort at every start."""
    return HEADER + "".join(f"{word} {counts[word]}\n" for word in sorted(counts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=rules_dir() / WORD_COUNTS)
    output = parser.parse_args().output
    counts = common_counts(symspellpy_counts_text())
    written = output.with_suffix(".tmp")
    written.write_text(counts_text(counts), encoding="utf-8", newline="\n")
    written.replace(output)
    print(f"{len(counts)} words used {MIN_SUGGESTION_COUNT:,} times or more")


if __name__ == "__main__":
    main()
