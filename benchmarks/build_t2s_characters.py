"""Writes rules/chinese/opencc-VERSION-t2s-characters.txt: the characters the installed
OpenCC's traditional-to-simplified conversion (t2s) can change a text by, read from the
dictionaries its t2s configuration names with the opencc_dict tool its package carries. Run
by hand when OpenCC changes: `python benchmarks/build_t2s_characters.py`; qa-tool itself only
reads the file (qa_tool/normalise.py), and only with the OpenCC its name gives installed."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any, Iterator

import opencc

REPO = Path(__file__).resolve().parents[1]
CONFIGURATION = "t2s.json"
HEADER = """# The characters that OpenCC {version}'s traditional-to-simplified conversion (t2s), which the
# matching view of every source goes through, can change a text by: every character a
# dictionary entry of its own changes, and of each longer entry that changes its words (深沈
# to 深沉) and holds none of those, the first of its characters that is an entry of its own,
# else its first. A text holding none of them is met by no entry that changes anything, so it
# comes out of the conversion as it went in, and qa_tool/normalise.py does not convert it.
# Built by benchmarks/build_t2s_characters.py from the dictionaries of OpenCC {version}
# (Apache License 2.0), and read only with that version installed; do not edit by hand.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args()
    version = metadata.version("opencc")
    target = REPO / "rules" / "chinese" / f"opencc-{version}-t2s-characters.txt"
    characters = changing_characters(dictionary_entries())
    target.parent.mkdir(exist_ok=True)
    target.write_text(HEADER.format(version=version) + "".join(f"{character}\n" for character in sorted(characters)), encoding="utf-8")
    print(f"{target.relative_to(REPO)}: {len(characters):,} characters")


def changing_characters(entries: list[tuple[str, str]]) -> set[str]:
    """The characters of ``entries`` (each a key and the text the conversion puts for it) that
    every key changing its text holds one of."""
    keys = {key for key, _ in entries if len(key) == 1}
    changing = {key for key, text in entries if len(key) == 1 and text != key}
    for key, text in entries:
        if len(key) > 1 and text != key and changing.isdisjoint(key):
            changing.add(next((character for character in key if character in keys), key[0]))
    return changing


def dictionary_entries() -> list[tuple[str, str]]:
    """(key, the first of its texts) of every dictionary of the t2s configuration."""
    package = Path(opencc.__file__).resolve().parent / "clib"
    share = package / "share" / "opencc"
    configuration = json.loads((share / CONFIGURATION).read_text(encoding="utf-8"))
    environment = {**os.environ, "LD_LIBRARY_PATH": str(package / "lib64")}
    entries = []
    with tempfile.TemporaryDirectory() as scratch:
        for file_name in _dictionary_files(configuration):
            text = Path(scratch) / f"{file_name}.txt"
            subprocess.run(
                [str(package / "bin" / "opencc_dict"), "-i", str(share / file_name), "-o", str(text), "-f", "ocd2", "-t", "text"],
                check=True,
                env=environment,
            )
            for line in text.read_text(encoding="utf-8").splitlines():
                key, _, texts = line.partition("\t")
                entries.append((key, texts.split(" ")[0]))
    return entries


def _dictionary_files(node: Any) -> Iterator[str]:
    """The dictionary files a configuration names, wherever in it (normalisation, conversion
    chain, groups)."""
    if isinstance(node, dict):
        if node.get("type") == "ocd2":
            yield node["file"]
        for value in node.values():
            yield from _dictionary_files(value)
    elif isinstance(node, list):
        for item in node:
            yield from _dictionary_files(item)


if __name__ == "__main__":
    main()
