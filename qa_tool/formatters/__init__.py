"""Output formats. Each module has ``render(report, stream, color)`` and only renders."""

from __future__ import annotations

from importlib import import_module
from typing import Callable, Iterator, Mapping, TextIO

from qa_tool.report import Report

Formatter = Callable[[Report, TextIO, bool], None]


class _Formatters(Mapping[str, Formatter]):
    """Each format's ``render``, its module imported when the format is first asked for: a run
    writes one or two formats, and importing the others (rich for the terminal's among them)
    took 30 ms of the 0.5 s a 10-pair check starts in."""

    _MODULES = {
        "human": "human",
        "json": "json_format",
        "jsonl": "jsonl_format",
        "sarif": "sarif",
        "junit": "junit",
        "github": "github",
        "tsv": "tsv",
        "html": "html_format",
    }

    def __getitem__(self, name: str) -> Formatter:
        render: Formatter = import_module(f"{__name__}.{self._MODULES[name]}").render
        return render

    def __iter__(self) -> Iterator[str]:
        return iter(self._MODULES)

    def __len__(self) -> int:
        return len(self._MODULES)


FORMATTERS: Mapping[str, Formatter] = _Formatters()
