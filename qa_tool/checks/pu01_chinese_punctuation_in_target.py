from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import BEYOND_ASCII, CharacterClass, Example, FixSafety, Rule, RuleMeta, any_of
from qa_tool.checks.literals import find_placeholders
from qa_tool.checks.punctuation import chinese_mark_runs, in_english
from qa_tool.languages.zh import HAN_RUN
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair

class ChinesePunctuationInTarget(Rule):
    meta = RuleMeta(
        code="PU01",
        name="chinese-punctuation-in-target",
        category="Fluency/Punctuation",
        severity=Severity.MINOR,
        summary="Chinese or full-width punctuation (，。、：《》……) left in the English.",
        rationale=(
            "A Chinese mark in English text is wider than the English one, takes no space "
            "after it, and some have no English use at all (、《》「」): it comes from an input "
            "method left in Chinese mode or from pasting. Each run of such marks (and of "
            "full-width letters, digits or spaces) is reported with its English equivalent from "
            "rules/punctuation/zh-en-marks.tsv as the fix; an opening mark and its closing one "
            "around English words (【Nora Books】) are one finding, fixed together; a lone one "
            "whose partner the English lost ('Authentic books】') is to be deleted. Curly "
            "quotation marks, the single ellipsis and the single em dash are English too and "
            "are left alone; so are marks glued to a placeholder the way the source has them "
            "(＃#NUMBER#: the template's or the anonymisation's text, kept as given), marks "
            "next to Chinese characters, which belong to Chinese left in the English (SG03) or "
            "to a Chinese gloss, and a target that is a copy of the source (SG02)."
        ),
        examples=(
            Example("你好，世界。", "Hello，world.", True, "a full-width comma"),
            Example("参见《道德经》。", "See 《Tao Te Ching》.", True, "title marks have no English use"),
            Example("正版图书】", "Authentic books】", True, "a closing bracket whose opening one is gone: delete it"),
            Example("他说：“好。”", "He said: “Fine.”", False, "curly quotes are English marks too"),
            Example("火眼实验室", "the Huo-Yan (火眼，fire eye) laboratory", False, "part of a Chinese gloss"),
        ),
        fix=FixSafety.SAFE,
        trigger=any_of(CharacterClass(Side.TARGET, BEYOND_ASCII, "characters outside ASCII")),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        target = pair.pair.target
        if target.isascii() or target.strip() == pair.pair.source.strip():
            return
        runs = [run.span() for run in chinese_mark_runs(target) if not _touches_han(target, *run.span())]
        if runs:
            glued = _GluedToACopiedPlaceholder(pair.pair.source, target)
            runs = [run for run in runs if not glued(*run)]
        for start, end in _with_pairs_joined(target, runs):
            written = target[start:end]
            if end - start > 2 and written[0] in _CLOSING_OF and written[-1] == _CLOSING_OF[written[0]]:
                inner = written[1:-1]
                shown, fix = f"{written[0]}…{written[-1]}", in_english(written[0]) + inner + in_english(written[-1])
                kind = "quotation marks" if fix[0] in "\"'" else "brackets"
                message = f"'{shown}' are Chinese (full-width) {kind}; English writes '{fix[0]}…{fix[-1]}'."
            elif _unpartnered(target, start, end):
                # Its partner went with the text between them: an English mark would be as lonely.
                fix = ""
                message = f"'{written}' is a Chinese (full-width) mark whose partner the English does not have: delete it."
            else:
                fix = in_english(written)
                message = f"'{written}' is Chinese (full-width) punctuation; English writes '{fix}'."
            yield self.finding(pair.pair, message, spans=(Span(Side.TARGET, start, end),), replacement=fix)


# A full-width opening mark and its closing one around English words are one finding: one
# problem, one fix ("【Nora Books】" → "[Nora Books]").
_CLOSING_OF = {"【": "】", "（": "）", "《": "》", "「": "」", "『": "』", "〔": "〕", "〖": "〗", "［": "］", "〈": "〉"}


_OPENING_OF = {closing: opening for opening, closing in _CLOSING_OF.items()}


def _unpartnered(text: str, start: int, end: int) -> bool:
    """Whether the one mark at [start, end) opens or closes a pair whose other half is in the
    text neither in full width nor in English: a lone '】' left after its words were dropped."""
    if end - start != 1:
        return False
    mark = text[start]
    if mark in _CLOSING_OF:
        partner = _CLOSING_OF[mark]
        return partner not in text[end:] and in_english(partner) not in text[end:]
    if mark in _OPENING_OF:
        partner = _OPENING_OF[mark]
        return partner not in text[:start] and in_english(partner) not in text[:start]
    return False


def _with_pairs_joined(text: str, runs: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The runs, with a run that is one opening mark joined to the closing mark that starts the
    next run (the rest of that run, "【" of "】【", stays a run of its own)."""
    pending = list(reversed(runs))
    while pending:
        start, end = pending.pop()
        closing = _CLOSING_OF.get(text[start]) if end - start == 1 else None
        if closing and pending and text[pending[-1][0]] == closing and "\n" not in text[end : pending[-1][0]]:
            next_start, next_end = pending.pop()
            if next_end - next_start > 1:
                pending.append((next_start + 1, next_end))
            yield start, next_start + 1
        else:
            yield start, end


class _GluedToACopiedPlaceholder:
    """Whether the marks at [start, end) of the target touch a placeholder and the source has
    the same marks glued to it ("＃#NUMBER#" in both): text of the template or the
    anonymisation, kept as it was given. The placeholders are found once per target."""

    def __init__(self, source: str, target: str) -> None:
        self.source, self.target = source, target
        placeholders = find_placeholders(target)
        self.ending_at = {placeholder.end: placeholder for placeholder in placeholders}
        self.starting_at = {placeholder.start: placeholder for placeholder in placeholders}
        self.in_source: dict[str, bool] = {}

    def __call__(self, start: int, end: int) -> bool:
        # The placeholder before the marks comes first in the text, so it is the one looked at.
        placeholder = self.ending_at.get(start) or self.starting_at.get(end)
        if placeholder is None:
            return False
        glued = self.target[min(start, placeholder.start) : max(end, placeholder.end)]
        if glued not in self.in_source:
            self.in_source[glued] = glued in self.source
        return self.in_source[glued]


def _touches_han(text: str, start: int, end: int) -> bool:
    return (start > 0 and HAN_RUN.match(text, start - 1) is not None) or HAN_RUN.match(text, end) is not None
