"""Two line-aligned plain-text files (a.zh + a.en): line N of one translates line N of the other.

Line counting: a final line break ends the last line and does not start another, and empty
lines at the very end of a file are not lines either (editors add and remove them freely), so
"a\\nb\\n\\n" and "a\\nb" both have 2 lines. An empty line before the last text line is an
(empty) segment and keeps its place in the alignment.
"""

from __future__ import annotations

from typing import BinaryIO, Iterator, NoReturn

from qa_tool.errors import InputError
from qa_tool.model import Location, SegmentPair
from qa_tool.readers import ReadOptions
from qa_tool.readers._limits import within_segment_limit
from qa_tool.readers._text import numbered_lines


def read_parallel(
    source: BinaryIO, source_name: str, target: BinaryIO, target_name: str, options: ReadOptions
) -> Iterator[SegmentPair]:
    return within_segment_limit(_read_lines(source, source_name, target, target_name, options), options.max_segment_chars)


def _read_lines(
    source: BinaryIO, source_name: str, target: BinaryIO, target_name: str, options: ReadOptions
) -> Iterator[SegmentPair]:
    source_lines = _text_lines(source, source_name, options.encoding)
    target_lines = _text_lines(target, target_name, options.encoding)
    line = 0
    for line, source_text in source_lines:
        target_line = next(target_lines, None)
        if target_line is None:
            _raise_misaligned(source_name, line + _count(source_lines), target_name, line - 1, line)
        yield SegmentPair(
            id=str(line),
            source=source_text,
            target=target_line[1],
            location=Location(path=source_name, line=line),
        )
    extra = _count(target_lines)
    if extra:
        _raise_misaligned(source_name, line, target_name, line + extra, line + 1)


def _text_lines(stream: BinaryIO, name: str, encoding: str | None) -> Iterator[tuple[int, str]]:
    """The numbered lines of the file without the empty lines at its end; holds back only a
    count of empty lines, so the file is still read lazily."""
    empty_since: int | None = None
    for number, text in numbered_lines(stream, name, encoding):
        if not text:
            if empty_since is None:
                empty_since = number
            continue
        if empty_since is not None:
            yield from ((empty, "") for empty in range(empty_since, number))
            empty_since = None
        yield number, text


def _count(lines: Iterator[tuple[int, str]]) -> int:
    return sum(1 for _ in lines)


def _raise_misaligned(source_name: str, source_count: int, target_name: str, target_count: int, line: int) -> NoReturn:
    longer = source_name if source_count > target_count else target_name
    raise InputError(
        f"{source_name} has {_lines(source_count)} but {target_name} has {target_count}; "
        "the files must be line-aligned",
        path=longer,
        line=line,
    )


def _lines(count: int) -> str:
    return "1 line" if count == 1 else f"{count} lines"
