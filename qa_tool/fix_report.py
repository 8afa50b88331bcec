"""What ``qa-tool fix`` tells the user: a unified diff of each fixed file (changed words
highlighted on a terminal) and a summary of the fixes made and the findings left."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from typing import Iterator, Sequence, TextIO

from qa_tool.autofix import FixOutcome
from qa_tool.fixing import fixes_to_apply
from qa_tool.readers import ReadOptions
from qa_tool.rewrite import FileBytes, decoded_lines

# A word, a run of white space, or one other character: the units a changed line is compared in.
_WORD = re.compile(r"\w+|\s+|[^\w\s]")


def diff_lines(before: FileBytes, after: FileBytes, format_name: str, options: ReadOptions) -> list[str]:
    """The unified diff of a fixed file, as text lines with their line ends (a changed line
    without one gets one, so the diff stays one line per line)."""
    old = decoded_lines(before, format_name, options)
    new = decoded_lines(after, format_name, options)
    lines = difflib.unified_diff(old, new, f"a/{before.name}", f"b/{after.name}", n=1)
    return [line if line.endswith(("\n", "\r")) else line + "\n" for line in lines]


def write_diff(lines: Sequence[str], stream: TextIO, color: bool) -> None:
    """Write the diff; on a terminal, removed lines red and added lines green, with the words
    that differ between a removed line and the added line that replaces it in reverse video."""
    if not color:
        stream.write("".join(line.rstrip("\r\n") + "\n" for line in lines))
        return
    from rich.console import Console

    console = Console(file=stream, force_terminal=True, highlight=False, soft_wrap=True)
    for text in _coloured(lines):
        console.print(text)


def _coloured(lines: Sequence[str]) -> Iterator[object]:
    from rich.text import Text

    index = 0
    while index < len(lines):
        line = lines[index].rstrip("\r\n")
        if line.startswith(("---", "+++")):
            yield Text(line, style="bold")
        elif line.startswith("@@"):
            yield Text(line, style="cyan")
        elif line.startswith("-"):
            removed = _run(lines, index, "-")
            added = _run(lines, index + len(removed), "+")
            for number, old in enumerate(removed):
                new = added[number] if number < len(added) else None
                yield _highlighted(old, new, "red") if new is not None else Text(old, style="red")
            for number, new in enumerate(added):
                old = removed[number] if number < len(removed) else None
                yield _highlighted(new, old, "green") if old is not None else Text(new, style="green")
            index += len(removed) + len(added)
            continue
        elif line.startswith("+"):
            yield Text(line, style="green")
        else:
            yield Text(line)
        index += 1


def _run(lines: Sequence[str], start: int, mark: str) -> list[str]:
    run = []
    for line in lines[start:]:
        if not line.startswith(mark) or line.startswith(("---", "+++")):
            break
        run.append(line.rstrip("\r\n"))
    return run


def _highlighted(line: str, other: str, colour: str) -> object:
    """``line`` (its +/- mark first) in ``colour``, the words that ``other`` lacks reversed."""
    from rich.text import Text

    words, other_words = _WORD.findall(line[1:]), _WORD.findall(other[1:])
    text = Text(line[0], style=colour)
    matcher = difflib.SequenceMatcher(None, words, other_words, autojunk=False)
    for operation, start, end, _, _ in matcher.get_opcodes():
        style = colour if operation == "equal" else f"bold reverse {colour}"
        text.append("".join(words[start:end]), style=style)
    return text


def summary_lines(name: str, outcome: FixOutcome, unsafe: bool, writing: bool) -> Iterator[str]:
    """'examples/a.txt: fixed 4 (GR01 3, PU07 1); 1 finding remains', then a line for each
    fix that could not be made, and a hint when suggestions were left for --unsafe-fixes."""
    verb = "fixed" if writing else "would fix"
    remaining = len(outcome.result.findings)
    by_rule = outcome.applied_by_rule()
    counts = f" ({_counts(by_rule)})" if by_rule else ""
    passes = f" in {outcome.passes - 1} passes" if outcome.passes > 2 else ""
    yield f"{name}: {verb} {_findings(len(outcome.applied))}{counts}{passes}; {_findings(remaining)} {'remains' if remaining == 1 else 'remain'}"
    for item in outcome.not_applied:
        finding = item.fix.finding
        yield f"  {finding.location} {finding.code}: fix not applied: {item.reason}"
    if not unsafe:
        suggested = len(fixes_to_apply(outcome.result.findings, unsafe=True)) - len(
            fixes_to_apply(outcome.result.findings)
        )
        if suggested:
            yield f"  {_findings(suggested)} {'has' if suggested == 1 else 'have'} a suggested fix: --unsafe-fixes applies {'it' if suggested == 1 else 'them'}"


def _counts(by_rule: Counter[str]) -> str:
    return ", ".join(f"{code} {count}" for code, count in sorted(by_rule.items()))


def _findings(count: int) -> str:
    return f"{count} finding" if count == 1 else f"{count} findings"
