"""Output formats. Each module has ``render(report, stream, color)`` and only renders."""

from __future__ import annotations

from typing import Callable, TextIO

from qa_tool.formatters import github, html_format, human, json_format, jsonl_format, junit, sarif, tsv
from qa_tool.report import Report

Formatter = Callable[[Report, TextIO, bool], None]

FORMATTERS: dict[str, Formatter] = {
    "human": human.render,
    "json": json_format.render,
    "jsonl": jsonl_format.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
    "tsv": tsv.render,
    "html": html_format.render,
}
