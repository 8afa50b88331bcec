"""What an English has where a glossary rendering was expected: the phrase that ends in the
rendering's head word and reads most like it ("macro prudent policy" for "macroprudential
policy"), for TM01's message. Asked only once TM01 has found a rendering missing."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from itertools import islice
from typing import Sequence

from qa_tool.glossary import rendering_pattern
from qa_tool.languages.en import FUNCTION_WORDS
from qa_tool.resources import word_set

# How alike (difflib's ratio, 0–1) the words before the head word must be to the rendering's,
# in lower case without spaces: "macro prudent" ~ "macroprudential" is 0.89, "Hongkong
# Monetary" ~ "Hong Kong Monetary" 1.0; "a prudent fiscal" ~ "macroprudential" is 0.76 and
# "foreign" ~ "foreign affairs" 0.67: other words, not a slip of the same ones.
SIMILAR_ENOUGH = 0.8
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# A near miss does not reach back over the end of a clause.
_CLAUSE_END = re.compile(r"[.;:!?]\s")
# How far back from a head word a phrase may start, in characters, and how many head words
# are looked at: a long segment repeating the head word costs no more than a short one.
_REACH = 300
_HEADS_LOOKED_AT = 50
# How far back, in characters a word, the last words of a clause are looked for first.
_CHARACTERS_PER_WORD = 12
_SPACE = re.compile(r"\s")


class NearMisses:
    """What an English has instead of one of ``renderings``: each rendering of two or more
    words as its head word's pattern and the words before it, read once per term rather than
    once per miss."""

    __slots__ = ("_heads",)

    def __init__(self, renderings: Sequence[str]) -> None:
        heads = []
        for rendering in renderings:
            words = _words_outside_brackets(rendering)
            if len(words) >= 2:
                heads.append((rendering_pattern((words[-1],)), "".join(words[:-1]).casefold(), len(words)))
        self._heads = tuple(heads)

    def search(self, text: str) -> tuple[int, int] | None:
        """[start, end) in ``text`` of the phrase most like one of the renderings of two or
        more words: it ends in the rendering's last word (inflected as the glossary rules
        accept it), has at most one word more than the rendering, and its other words are
        spelt nearly as the rendering's; None when there is no such phrase."""
        best: tuple[float, int, int] | None = None
        for head_word, words_before, count in self._heads:
            # The rendering's side is analysed when its head word is first found in this text;
            # each phrase is first measured by the cheap upper bounds of its likeness, which
            # rule most phrases out.
            matcher: SequenceMatcher | None = None
            for head in islice(head_word.finditer(text), _HEADS_LOOKED_AT):
                if matcher is None:
                    matcher = SequenceMatcher(None, autojunk=False)
                    matcher.set_seq2(words_before)
                for start in _phrase_starts(text, head.start(), count + 1):
                    matcher.set_seq1("".join(_WORD.findall(text, start, head.start())).casefold())
                    if matcher.real_quick_ratio() < SIMILAR_ENOUGH or matcher.quick_ratio() < SIMILAR_ENOUGH:
                        continue
                    similarity = matcher.ratio()
                    if similarity >= SIMILAR_ENOUGH and (best is None or similarity > best[0]):
                        best = (similarity, start, head.end())
        return best[1:] if best is not None else None


def _phrase_starts(text: str, head: int, count: int, characters_per_word: int = _CHARACTERS_PER_WORD) -> list[int]:
    """Where the last ``count`` content words before ``head`` in its clause start: a phrase
    starts at a content word ("the coronavirus outbreak" is not nearer). They are looked for
    after a space a few words back first, and from the start of the clause only when that
    holds fewer: a long clause is not read from its start for each head word.
    ``characters_per_word`` sets how far back "a few words" reaches; the tests vary it to
    show the answer does not depend on it."""
    reach = max(0, head - _REACH)
    near = head - characters_per_word * count
    if near > reach:
        space = _SPACE.search(text, near, head)
        if space is not None:
            # No word runs across a space, so the words after it are the clause's last words,
            # unless the clause ends after it.
            starts = _content_word_starts(text, _clause_start(text, space.end(), head), head)
            if len(starts) >= count:
                return starts[-count:]
    return _content_word_starts(text, _clause_start(text, reach, head), head)[-count:]


def _clause_start(text: str, reach: int, head: int) -> int:
    """The end of the last clause ending in [reach, head), else ``reach``."""
    return max((end.end() for end in _CLAUSE_END.finditer(text, reach, head)), default=reach)


def _content_word_starts(text: str, start: int, end: int) -> list[int]:
    function_words = word_set(FUNCTION_WORDS)
    return [word.start() for word in _WORD.finditer(text, start, end) if word.group().casefold() not in function_words]


def _words_outside_brackets(rendering: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(_BRACKETED.sub(" ", rendering)))
