"""Output formats. Each module has ``render(report, stream, color)`` and only renders."""

from __future__ import annotations

from typing import Callable, TextIO

from qa_tool.formatters import human, json_format
from qa_tool.report import Report

Formatter = Callable[[Report, TextIO, bool], None]

FORMATTERS: dict[str, Formatter] = {
    "human": human.render,
    "json": json_format.render,
}
