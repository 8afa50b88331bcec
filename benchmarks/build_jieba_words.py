"""Rebuilds rules/chinese/jieba-words.txt from the dictionary jieba ships (dict.txt: a word,
its count and its part of speech a line), keeping what the word-boundary check reads of it:
the words, their counts, the total of the counts and the length of the longest word. Run by
hand when jieba changes: `python benchmarks/build_jieba_words.py`; tests/test_check_terms.py
checks the file against jieba's own loader. jieba is MIT-licensed: the file carries its notice."""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

import jieba

from qa_tool.languages.zh import JIEBA_WORDS
from qa_tool.resources import rules_dir

NOTICE = """# jieba's dictionary (its dict.txt) as the word-boundary check of the glossary rules reads it.
# After these comments: the total of its counts, the length of its longest word and every
# character a word starts with (a TAB between them; the first two are not worked out at every
# check), then one line for each of those characters in that order: its words separated by
# spaces, a TAB and their counts in the same order. A text's characters pick the lines read,
# so a short file never reads most of them. A word listed twice keeps its last count and
# counts twice in the total, as in jieba's own loader. Built by benchmarks/build_jieba_words.py;
# do not edit by hand. Only these header lines are comments: C# is a word.
#
# jieba: The MIT License (MIT)
#
# Copyright (c) 2013 Sun Junyi
#
# Permission is hereby granted, free of charge, to any person obtaining a copy of
# this software and associated documentation files (the "Software"), to deal in
# the Software without restriction, including without limitation the rights to
# use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
# the Software, and to permit persons to whom the Software is furnished to do so,
# subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
# FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
# COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
# IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
# CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def jieba_counts(dictionary: Path) -> tuple[dict[str, int], int]:
    """The words of jieba's dict.txt with their counts, and the total of the counts."""
    fields = dictionary.read_text(encoding="utf-8").split()
    counts = list(map(int, fields[1::3]))
    return dict(zip(fields[0::3], counts, strict=True)), sum(counts)


def words_file(frequencies: dict[str, int], total: int) -> str:
    by_first = [
        (first, list(words))
        for first, words in itertools.groupby(sorted(frequencies.items()), key=lambda item: item[0][0])
    ]
    firsts = "".join(first for first, _ in by_first)
    lines = [
        f"{' '.join(word for word, _ in words)}\t{' '.join(str(count) for _, count in words)}\n"
        for _, words in by_first
    ]
    return NOTICE + f"{total}\t{max(map(len, frequencies))}\t{firsts}\n" + "".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=rules_dir() / JIEBA_WORDS)
    output = parser.parse_args().output
    frequencies, total = jieba_counts(Path(jieba.__file__).parent / "dict.txt")
    written = output.with_suffix(".tmp")
    written.write_text(words_file(frequencies, total), encoding="utf-8", newline="\n")
    written.replace(output)


if __name__ == "__main__":
    main()
