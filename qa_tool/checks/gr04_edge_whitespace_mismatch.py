from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import Example, FixSafety, Rule, RuleMeta
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair

# White space in the Chinese that is layout, not part of the string: ideographic spaces (the
# paragraph indent "\u3000\u3000") and space after a sentence's end.
_LAYOUT_SPACE = "\u3000"
_SENTENCE_END = "。？！.?!”」』"


class EdgeWhitespaceMismatch(Rule):
    meta = RuleMeta(
        code="GR04",
        name="edge-whitespace-mismatch",
        category="Fluency/Punctuation",
        severity=Severity.MINOR,
        summary="Space at the start or end of the English that the Chinese lacks, or the reverse.",
        rationale=(
            "Software and subtitle strings are joined to other strings at run time (\"共 \" + "
            "count), so a space or line break at either end of the source is part of the "
            "text, and one added or dropped in the translation shows up as words run together "
            "or a stray gap. Reported: the English starts (ends) with white space and the Chinese "
            "does not, or the Chinese does and the English does not. Left alone: white space "
            "in the Chinese that is layout, not text — the ideographic-space paragraph indent "
            "(\"\u3000\u3000\") and space after a sentence's end — and differences in how much "
            "white space each side has."
        ),
        examples=(
            Example("内置的增强型跟踪保护。", "Built-in Enhanced Tracking Protection. ", True, "the English adds a trailing space"),
            Example("剩余 ", "Remaining", True, "the Chinese string is joined to a number after it"),
            Example("剩余 ", "Remaining ", False),
            Example("\u3000\u3000各企业纷纷表示", "Enterprises agreed", False, "a Chinese paragraph indent"),
            Example("参加调研。 ", "participated in the survey.", False, "space after the sentence's end"),
            Example("参加调研。 ", "participated in the survey. ", False, "space after the sentence's end"),
        ),
        fix=FixSafety.SAFE,
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        source, target = pair.pair.source, pair.pair.target
        if not (source[:1].isspace() or source[-1:].isspace() or target[:1].isspace() or target[-1:].isspace()):
            return
        if not target.strip():
            return  # an empty target is SG01's
        for where, edge in (("start", _leading), ("end", _trailing)):
            source_space, target_space = edge(source), edge(target)
            if bool(source_space) == bool(target_space) or (source_space and _is_layout(source, *source_space)):
                continue
            if target_space:
                start, end = target_space
                yield self.finding(
                    pair.pair,
                    f"The English has white space at its {where} ({_shown(target[start:end])}); the Chinese has none.",
                    spans=(Span(Side.TARGET, start, end),),
                    replacement="",
                )
            else:
                start, end = source_space
                at = 0 if where == "start" else len(target)
                yield self.finding(
                    pair.pair,
                    f"The Chinese has white space at its {where} ({_shown(source[start:end])}); the English has none.",
                    spans=(Span(Side.TARGET, at, at), Span(Side.SOURCE, start, end)),
                    replacement=source[start:end],
                )


def _leading(text: str) -> tuple[int, int] | None:
    end = len(text) - len(text.lstrip())
    return (0, end) if end else None


def _trailing(text: str) -> tuple[int, int] | None:
    start = len(text.rstrip())
    return (start, len(text)) if start < len(text) else None


def _is_layout(source: str, start: int, end: int) -> bool:
    return not source[start:end].strip(_LAYOUT_SPACE) or (start > 0 and source[start - 1] in _SENTENCE_END)


_SPACE_NAMES = {" ": "space", "\t": "tab", "\n": "line break", "\r": "carriage return", "\u00a0": "no-break space"}


def _shown(space: str) -> str:
    counted = [_SPACE_NAMES.get(char, f"U+{ord(char):04X}") for char in space]
    return ", ".join(counted) if len(counted) <= 3 else f"{len(counted)} characters"
