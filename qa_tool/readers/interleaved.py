"""Interleaved bilingual text: a run of Chinese paragraphs, then the run of English paragraphs
that translates it, then the next Chinese run, and so on.

A paragraph is a non-blank line (blank lines may also separate paragraphs). Its language is
decided by counting: a paragraph with at least as many Han characters as Latin words is
Chinese (so "Level-II inspector 二级巡视员" and "COVID-19疫情" are Chinese); one with Latin
words and fewer Han characters is English; one with neither (a number, a rule of dashes)
belongs to the run it stands in.

Each Chinese run is paired with the English run after it. Runs with as many paragraphs on
both sides, all of plausible lengths, pair 1:1 in order (alignment None: the file pairs
them). Otherwise the aligner groups them and every pair carries its confidence; paragraphs
it merges are joined with a newline. Text never disappears: a Chinese run with no English
after it gives pairs with an empty target, English before any Chinese gives pairs with an
empty source (alignment 0.0: nothing was found to pair them with), so the empty-text checks
report them. Paragraph text is kept exactly as written.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import BinaryIO, Iterable, Iterator

import regex

from qa_tool.align import align, plausible_pairs
from qa_tool.readers._limits import too_long
from qa_tool.errors import InputError
from qa_tool.languages.codes import same_language
from qa_tool.model import Location, SegmentPair
from qa_tool.readers import ReadOptions
from qa_tool.readers._text import numbered_lines

_HAN_RUN = regex.compile(r"\p{Han}+")
_LATIN_WORD = regex.compile(r"\p{Latin}+")
# Where a file that is not plain interleaved text shows itself in its first characters.
_STRUCTURED_START = ("<", "{", "[")
_CHINESE = "zh"
# What joins the paragraphs the aligner puts in one pair.
PARAGRAPH_SEPARATOR = "\n"
_ENGLISH = "en"


@dataclass(frozen=True, slots=True)
class _Paragraph:
    line: int
    text: str


def paragraph_language(text: str) -> str | None:
    """"zh", "en", or None for a paragraph with neither Han characters nor Latin words."""
    # Counted in C: findall on a 50 MB paragraph would build millions of small strings.
    han = len(text) - len(_HAN_RUN.sub("", text))
    words = _LATIN_WORD.subn("", text)[1]
    if han and han >= words:
        return _CHINESE
    return _ENGLISH if words else None


def looks_interleaved(head: str) -> bool:
    """True when the start of a file reads as interleaved text: plain lines (no tabs, no
    markup or JSON), some Chinese, some English without any Han character, and somewhere
    a Chinese paragraph followed by an English one."""
    lines = [line for line in head.lstrip("\ufeff").splitlines() if line.strip()]
    if not lines or lines[0].lstrip().startswith(_STRUCTURED_START) or any("\t" in line for line in lines):
        return False
    languages = [paragraph_language(line) for line in lines]
    has_pure_english = any(
        language == _ENGLISH and not _HAN_RUN.search(line) for line, language in zip(lines, languages)
    )
    known = [language for language in languages if language]
    chinese_then_english = any(
        (before, after) == (_CHINESE, _ENGLISH) for before, after in itertools.pairwise(known)
    )
    return has_pure_english and chinese_then_english


def read(stream: BinaryIO, name: str, options: ReadOptions) -> Iterator[SegmentPair]:
    """Pairs p1, p2, ... located at the line of their first Chinese paragraph (of their first
    English paragraph when they have no Chinese)."""
    return (pair for pair, _ in read_with_target_lines(stream, name, options))


def read_with_target_lines(
    stream: BinaryIO, name: str, options: ReadOptions
) -> Iterator[tuple[SegmentPair, tuple[int, ...]]]:
    """The pairs of ``read``, each with the lines of the paragraphs its target joins: where a
    fixed target is written back."""
    if not (same_language(options.source_lang, _CHINESE) and same_language(options.target_lang, _ENGLISH)):
        raise InputError(
            "interleaved text is read as Chinese paragraphs followed by their English translation; "
            f"the languages asked for are {options.source_lang} → {options.target_lang}",
            path=name,
        )
    numbers = itertools.count(1)
    lines = numbered_lines(stream, name, options.encoding)
    # Paragraphs are bounded before the aligner reads them, as pairs are after.
    for source_run, target_run in _run_pairs(_runs(_paragraphs(lines, name, options.max_segment_chars))):
        for source, target, alignment in _pair_runs(source_run, target_run):
            first = (source or target)[0]
            pair = SegmentPair(
                id=f"p{next(numbers)}",
                source=PARAGRAPH_SEPARATOR.join(paragraph.text for paragraph in source),
                target=PARAGRAPH_SEPARATOR.join(paragraph.text for paragraph in target),
                location=Location(path=name, line=first.line),
                alignment=alignment,
            )
            yield pair, tuple(paragraph.line for paragraph in target)


def _paragraphs(lines: Iterable[tuple[int, str]], name: str, limit: int) -> Iterator[_Paragraph]:
    for number, line in lines:
        if len(line) > limit:
            raise too_long("paragraph", len(line), limit, name, number)
        if line.strip():
            yield _Paragraph(number, line)


def _runs(paragraphs: Iterable[_Paragraph]) -> Iterator[tuple[str, list[_Paragraph]]]:
    """(language, paragraphs) of each run; a paragraph of no language joins the run it stands
    in, or the first run when it comes before any other."""
    language: str | None = None
    run: list[_Paragraph] = []
    for paragraph in paragraphs:
        detected = paragraph_language(paragraph.text)
        if detected is not None and detected != language:
            if language is not None:
                yield language, run
                run = []
            language = detected
        run.append(paragraph)
    if run:
        yield language or _CHINESE, run


def _run_pairs(
    runs: Iterable[tuple[str, list[_Paragraph]]],
) -> Iterator[tuple[list[_Paragraph], list[_Paragraph]]]:
    """(Chinese run, English run) pairs; either side may be empty at the start or the end."""
    pending_source: list[_Paragraph] | None = None
    for language, run in runs:
        if language == _CHINESE:
            if pending_source is not None:
                yield pending_source, []
            pending_source = run
        else:
            yield pending_source or [], run
            pending_source = None
    if pending_source is not None:
        yield pending_source, []


def _pair_runs(
    source: list[_Paragraph], target: list[_Paragraph]
) -> Iterator[tuple[list[_Paragraph], list[_Paragraph], float | None]]:
    if not source or not target:
        for paragraph in source:
            yield [paragraph], [], 0.0
        for paragraph in target:
            yield [], [paragraph], 0.0
        return
    source_texts = [paragraph.text for paragraph in source]
    target_texts = [paragraph.text for paragraph in target]
    if len(source) == len(target) and plausible_pairs(source_texts, target_texts):
        for source_paragraph, target_paragraph in zip(source, target):
            yield [source_paragraph], [target_paragraph], None
        return
    for group in align(source_texts, target_texts):
        yield [source[k] for k in group.source], [target[k] for k in group.target], group.confidence
