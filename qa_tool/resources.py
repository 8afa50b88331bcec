"""Where the shipped data of rules/ is at run time."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterator

_PACKAGE = Path(__file__).resolve().parent


def rules_dir() -> Path:
    """The data folder: installed as ``qa_tool/rules`` by ``pip install .``; in a source
    checkout or an editable install it is the repository's top-level ``rules/``."""
    installed = _PACKAGE / "rules"
    return installed if installed.is_dir() else _PACKAGE.parent / "rules"


def _data_lines(relative: str) -> Iterator[str]:
    """Lines of a data file under rules/, without blank lines and ``#`` comments."""
    with open(rules_dir() / relative, encoding="utf-8") as stream:
        for line in stream:
            line = line.split("#", 1)[0].strip()
            if line:
                yield line


@lru_cache(maxsize=None)
def word_set(relative: str) -> frozenset[str]:
    """A one-entry-per-line list from rules/, e.g. ``english/function-words.txt``."""
    return frozenset(_data_lines(relative))


@lru_cache(maxsize=None)
def word_map(relative: str) -> dict[str, str]:
    """A two-column tab-separated table from rules/: first column → second column."""
    table: dict[str, str] = {}
    for line in _data_lines(relative):
        key, _, value = line.partition("\t")
        table[key.strip()] = value.strip()
    return table
