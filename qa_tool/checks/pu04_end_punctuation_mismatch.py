from __future__ import annotations

import re
from typing import Iterator

import regex

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.checks.gr05_runaway_repetition import ends_in_a_loop
from qa_tool.checks.punctuation import EndMark, end_mark
from qa_tool.checks.sg07_translation_cut_off import broken_off_at
from qa_tool.model import Finding, Severity, Side, Span
from qa_tool.normalise import NormalisedPair
from qa_tool.resources import word_map

_LAST_WORD = re.compile(r"\S+$")
QUESTION_WORDS = "punctuation/question-words.tsv"
_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’)\]]*\s+")
# Clauses start after these; after a comma, semicolon or dash the clause may go on with a
# subject that came before it ("X, also known as Y, is a new work").
_CLAUSE_BREAK = re.compile(r"([,;—–]|\s-\s)|[:(“\"]")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_CLOSING_BRACKETS = "）)】]〕〗"


def reads_as_question(text: str) -> bool:
    """Whether the last sentence of ``text`` is a direct question: it or a clause of it opens
    with an auxiliary and its subject ("Do you", "..., is there"), or with a question word and
    an auxiliary ("What does", "Why not"), or it ends in a tag (", right"). "He asked if I was
    okay" and "I wonder why he left" are statements."""
    kinds = word_map(QUESTION_WORDS)
    sentences = list(_SENTENCE_BREAK.finditer(text))
    sentence = text[sentences[-1].end() :] if sentences else text
    breaks = list(_CLAUSE_BREAK.finditer(sentence))
    starts = [(0, False)] + [(brk.end(), brk.group(1) is not None) for brk in breaks]
    ends = [brk.start() for brk in breaks] + [len(sentence)]
    clauses = [(sentence[start:end], goes_on) for (start, goes_on), end in zip(starts, ends)]
    if any(_clause_asks(clause, goes_on, kinds) for clause, goes_on in clauses):
        return True
    return kinds.get(clauses[-1][0].strip(" '‘\"“”’)]").lower()) == "tag"


def _clause_asks(clause: str, goes_on: bool, kinds: dict[str, str]) -> bool:
    words = _WORD.findall(clause)
    if not words or not clause.lstrip(" '‘\"“([").startswith(words[0]):
        return False
    first, second = (word.lower().replace("’", "'") for word in (words + [""])[:2])
    if kinds.get(first) == "aux":
        at_sentence_start = not goes_on and (kinds.get(second) == "determiner" or (second != "" and words[1][0].isupper()))
        return kinds.get(second) == "pronoun" or at_sentence_start
    return kinds.get(first) == "wh" and ("'" in first or not second or kinds.get(second) in ("aux", "follow"))


# A post that ends in a smiley or an emoji ends there, whatever the Chinese puts after it.
_SMILEY_END = regex.compile(r"(?:[:;=]-?[()DPp]|\^_\^|[Tt]_[Tt]|XD|\p{Emoji_Presentation})\s*$")


def _ends_in_a_smiley(text: str) -> bool:
    return _SMILEY_END.search(text) is not None


def _inside_brackets(source: str, end: EndMark) -> bool:
    """Whether the end mark closes a remark in brackets (【正版图书，满额减.】): it is the
    remark's, and the English may drop or reword the remark."""
    after = source[end.end :].lstrip()
    return bool(after) and after[0] in _CLOSING_BRACKETS


class EndPunctuationMismatch(Rule):
    meta = RuleMeta(
        code="PU04",
        name="end-punctuation-mismatch",
        category="Fluency/Punctuation",
        severity=Severity.MINOR,
        summary="The English ends differently from the Chinese: a question without '?', a sentence without an end, a colon turned into a full stop.",
        rationale=(
            "The two sides are compared through the zh→en map of marks, so '。' matches '.' and "
            "'？' matches '?' (a literal comparison fails on every pair). Reported: a Chinese "
            "question whose English is still a direct question ('Do you…', 'What does…', '…, "
            "right') but does not end with '?' ('?!' and '!?' count), or has no end punctuation "
            "at all; a Chinese sentence ending in '。', '？' or '！' whose English has no end "
            "punctuation at all; a Chinese colon whose English ends in a full stop. "
            "Left alone, because translators do them on purpose: a Chinese question the English "
            "turns into a statement or reported speech ('My friends asked me if I was okay.', "
            "'I wonder why he left.'; the words that make a direct question are in "
            "rules/punctuation/question-words.tsv), '！？' rendered with '!', '！' rendered with a "
            "full stop, a statement rendered as a question, a Chinese comma or semicolon at a "
            "segment end (the sentence goes on in the next segment), a Chinese colon after a "
            "heading or caption the English writes with no end punctuation ('Delivery site'), "
            "an ellipsis, an English post ending in a smiley or an emoji, a sentence "
            "end inside a closing bracket (the bracketed remark's), and headings without end "
            "punctuation on either side. A full stop before a closing quotation mark ('.\"') is "
            "the same end as '。”', and a question inside a quotation may become reported "
            "speech when the English does not end in a quotation mark. An English that broke "
            "off mid-sentence is SG07's, one that ends in a loop GR05's. Opt-in: read on WMT22 "
            "machine translation, about three in four of its findings are real, the rest "
            "captions and headings a full stop suits (docs/precision.md)."
        ),
        on_by_default=False,
        examples=(
            Example("您现在有发热吗？", "Do you have a fever now.", True, "the question lost its question mark"),
            Example("您现在有发热吗？", "are you having a fever now", True, "no end punctuation at all"),
            Example("症状如下：", "The symptoms are as follows.", True, "the colon became a full stop"),
            Example("我们将继续推进改革开放。", "We will continue to promote reform and", False, "broken off: SG07 reports it"),
            Example("您现在有发热吗？", "Do you have a fever now?", False),
            Example("真的吗？", "Really?!", False, "?! is a question too"),
            Example("朋友问我，还好吗？", "My friends asked me if I was okay.", False, "the question became reported speech"),
            Example("其中13元的虾饺就一个！？", "Only one shrimp dumpling for 13 yuan!", False, "'！？' is surprise too"),
            Example("做到“外办搭好台，企业唱好戏”。", 'to ensure that "a solid stage for enterprises."', False, "full stop inside the closing quotation mark"),
            Example("太好了！", "That is great.", False, "a toned-down exclamation is a choice"),
            Example("我们能看到从月球反射回来的光，", "We can see the light reflected from the moon.", False, "the sentence ends here in English"),
            Example("国际合作", "International cooperation", False, "a heading on both sides"),
            Example("他问：“你是谁？”", "He asked who I was.", False, "reported speech"),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        source, target = pair.pair.source, pair.pair.target
        source_end, target_end = end_mark(source), end_mark(target)
        if source_end is None or target_end is None or source.strip() == target.strip() or _ends_in_a_smiley(target):
            return
        if source_end.asks:
            if target_end.asks or (source_end.closed and not target_end.closed):
                return
            if "!" in source_end.english and target_end.english.endswith("!"):
                return  # '！？' is surprise as much as a question
            if reads_as_question(target[: target_end.start if target_end.english else target_end.end]):
                wanted = "?"
            elif not target_end.english:
                wanted = None  # a statement in English: '.' or '?' is the translator's call
            else:
                return  # the question became a statement or reported speech
            problem = "a question"
        elif source_end.english.endswith(":"):
            # A full stop closes what the colon opens; no end punctuation at all is the style
            # of a heading or a caption ("Delivery site"), which English writes without a colon.
            if target_end.english != ".":
                return
            wanted, problem = ":", "a colon"
        elif source_end.ends_sentence and not target_end.english and not _inside_brackets(source, source_end):
            wanted, problem = source_end.english[-1], "a sentence end"
        else:
            return
        if not target_end.english and (ends_in_a_loop(target) or broken_off_at(pair.pair) is not None):
            return  # "February, February, February" is GR05's; "...income is basically in" SG07's
        yield self._finding(pair, source_end, target_end, wanted, problem)

    def _finding(self, pair: NormalisedPair, source_end: EndMark, target_end: EndMark, wanted: str | None, problem: str) -> Finding:
        source, target = pair.pair.source, pair.pair.target
        source_mark = source[source_end.start : source_end.end]
        source_span = Span(Side.SOURCE, source_end.start, source_end.end)
        if target_end.english:
            written = target[target_end.start : target_end.end]
            span = Span(Side.TARGET, target_end.start, target_end.end)
            replacement = wanted if wanted and target_end.english in (".", "!") else None
            message = f"The Chinese ends with {problem} ('{source_mark}'), the English with '{written}'."
        else:
            word = _LAST_WORD.search(target, 0, target_end.end)
            start = word.start() if word else target_end.start
            span = Span(Side.TARGET, start, target_end.end)
            # No mark is offered: appended to an English that broke off ("...income has.") it
            # would hide the loss; which mark a complete sentence takes is the translator's.
            message = f"The Chinese ends with {problem} ('{source_mark}'), but the English has no end punctuation."
            return self.finding(pair.pair, message, spans=(span, source_span))
        return self.finding(pair.pair, message, spans=(span, source_span), replacement=replacement)
