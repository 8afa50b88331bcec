"""Glossary hygiene: what in a termbase makes the glossary rules (TM01–TM03) wrong or deaf.

Each finding names the file and line of an entry: a duplicate, an English both approved and
forbidden, a likely OCR slip ("Ioan" for "loan"), an entry that can never match, an English
that is the Chinese copied, odd casing ("exchange Fund ordinance"). Slips and casing are
judged against the words of the glossaries themselves: "Ioan" is a slip when "loan" is written
elsewhere in them and "Ioan" is not, so brand names written one way throughout stay alone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from qa_tool.glossary import Rendering, Term, TermIndex, read_entries, rendering_pattern
from qa_tool.languages.zh import has_han
from qa_tool.model import Location, SegmentPair
from qa_tool.normalise import normalise
from qa_tool.resources import word_set


@dataclass(frozen=True, slots=True)
class LintFinding:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        place = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{place}: {self.message}"


def lint_glossaries(paths: Sequence[str], thorough: bool = True) -> list[LintFinding]:
    """What is wrong with the glossaries at ``paths``, by file then line. Unreadable files
    raise InputError. ``thorough`` also matches every entry against its own text (one pattern
    per English: the lint command does it, a check run leaves it out)."""
    entries = [entry for path in paths for entry in read_entries(path)]
    words = _Vocabulary(entries)
    findings = list(_repeats_and_contradictions(entries))
    for entry in entries:
        findings += _entry_findings(entry, words)
    if thorough:
        findings += _never_found(entries)
    order = {path: index for index, path in enumerate(dict.fromkeys(paths))}
    findings = list(dict.fromkeys(findings))
    findings.sort(key=lambda finding: (order.get(finding.path, len(order)), finding.line or 0))
    return findings


# --- duplicates and contradictions --------------------------------------------------------


def _repeats_and_contradictions(entries: Iterable[Term]) -> Iterator[LintFinding]:
    """An English a file gives twice for one Chinese term, the second time adding no note of
    its own (a second sense, "quarantine" as noun and as verb, is not a repeat); and an English
    one line approves and another forbids, in any of the files, which `check` refuses to guess
    about. The same entry in two files is not reported: a project glossary may restate a
    house one."""
    first_said: dict[tuple[str, str, bool], Rendering] = {}
    first_in_file: dict[tuple[str, str, str, bool], tuple[Rendering, str]] = {}
    for entry in entries:
        key = entry.key
        for approved, renderings in ((True, entry.approved), (False, entry.forbidden)):
            for rendering in renderings:
                text = rendering.text.casefold()
                opposite = first_said.get((key, text, not approved))
                if opposite is not None:
                    said, other = ("approved", "forbids") if approved else ("forbidden", "approves")
                    yield LintFinding(
                        rendering.path,
                        rendering.line,
                        f"{_pair(entry, rendering)} is {said} here but {_where(opposite, rendering)} {other} it; "
                        "qa-tool check refuses the glossary until one of the two goes",
                    )
                first_said.setdefault((key, text, approved), rendering)
                earlier = first_in_file.setdefault((rendering.path, key, text, approved), (rendering, entry.note))
                first, note = earlier
                if first.line != rendering.line and entry.note in ("", note):
                    said = "approved" if approved else "forbidden"
                    yield LintFinding(
                        rendering.path, rendering.line, f"{_pair(entry, rendering)} repeats line {first.line} ({said} there too)"
                    )


def _pair(entry: Term, rendering: Rendering) -> str:
    return f"'{entry.source}' → '{rendering.text}'"


def _where(earlier: Rendering, rendering: Rendering) -> str:
    if earlier.path != rendering.path or earlier.line is None:
        return earlier.origin
    return "this line" if earlier.line == rendering.line else f"line {earlier.line}"


# --- one entry ----------------------------------------------------------------------------

# Latin words as the slip and casing checks see them: letters and digits, split at spaces,
# hyphens and apostrophes.
_WORD = re.compile(r"[A-Za-z0-9]+")
_HAN_OR_WORD = re.compile(r"[^\W_]")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|（[^（）]*）")
# A capital I among lower-case letters, read from "l" ("reIated", "Ioan").
_INNER_CAPITAL_I = re.compile(r"(?<=[a-z])I(?=[a-z])")
_LEADING_CAPITAL_I = re.compile(r"^I(?=[a-z]{2})")
# 0 or 1 among letters ("c0vid", "pub1ic"), and O among digits ("2O2O").
_DIGIT_AMONG_LETTERS = re.compile(r"(?<=[A-Za-z])[01](?=[A-Za-z])|^[01](?=[a-z]{2})|(?<=[a-z]{2})[01]$")
_LETTER_AMONG_DIGITS = re.compile(r"(?<=[0-9])[Oo]|[Oo](?=[0-9])")
# One capital inside a lower-case word ("diSease"); "nCoV" and "mRNA" have more than one.
_INNER_CAPITAL = re.compile(r"[a-z]+[A-Z][a-z]*")
_CAPITALISED = re.compile(r"[A-Z][a-z]+")
_LOWER = re.compile(r"[a-z]+")
_DIGITS_FOR = str.maketrans({"O": "0", "o": "0"})
# Lower-case ASCII words: no Han, brackets, capitals or digits for a finding to be about.
_PLAIN_LOWER_CASE = re.compile(r"[a-z][a-z '\-]*")


class _Vocabulary:
    """The Latin words of every English in the glossaries, to tell a slip from a word the
    glossaries use on purpose: how often each is written (exactly), and how often each is
    written in lower case."""

    def __init__(self, entries: Sequence[Term]) -> None:
        # One search of all the English, a line apart: no word runs across a line break.
        words = _WORD.findall("\n".join(rendering.text for line in self._distinct_lines(entries) for rendering in line))
        self.written: Counter[str] = Counter(words)
        self.folded: Counter[str] = Counter(map(str.casefold, words))
        self.function_words = word_set("english/function-words.txt") | word_set("english/determiners.txt")

    @staticmethod
    def _distinct_lines(entries: Sequence[Term]) -> Iterator[tuple[Rendering, ...]]:
        # A line with several sources yields one entry per source, each with the line's
        # renderings: count them once.
        seen: set[tuple[str, int | None]] = set()
        for entry in entries:
            if (entry.path, entry.line) not in seen:
                seen.add((entry.path, entry.line))
                yield entry.approved + entry.forbidden

    def elsewhere(self, word: str, own: Counter[str]) -> bool:
        """Whether ``word`` is written (exactly so) in another English than the one counted in ``own``."""
        return self.written[word] > own[word]

    def known_lower(self, word: str, own: Counter[str]) -> bool:
        """Whether ``word`` (lower case) is a word written in lower case elsewhere, or a function word."""
        return word in self.function_words or self.written[word] > own[word]

    def folded_elsewhere(self, word: str, own: Counter[str]) -> bool:
        folded = word.casefold()
        own_folded = sum(count for written, count in own.items() if written.casefold() == folded)
        return self.folded[folded] > own_folded


def _entry_findings(entry: Term, words: _Vocabulary) -> Iterator[LintFinding]:
    if not _HAN_OR_WORD.search(entry.source):
        yield LintFinding(
            entry.path,
            entry.line,
            f"the Chinese term '{entry.source}' has no Chinese characters, letters or digits; it is punctuation, not a term",
        )
    for rendering in entry.approved + entry.forbidden:
        yield from _rendering_findings(entry, rendering, words)


def _rendering_findings(entry: Term, rendering: Rendering, words: _Vocabulary) -> Iterator[LintFinding]:
    text = rendering.text
    if _PLAIN_LOWER_CASE.fullmatch(text):
        return  # most English: lower-case words, which none of the checks below can fault

    def found(message: str) -> LintFinding:
        return LintFinding(rendering.path, rendering.line, message)

    if has_han(text):
        if text == entry.source:
            yield found(f"the English of '{entry.source}' is the Chinese itself; give the English")
        else:
            yield found(f"the English '{text}' of '{entry.source}' holds Chinese characters")
        return
    if not _WORD.search(text):
        yield found(f"the English '{text}' of '{entry.source}' has no letters or digits, so it matches no term")
        return
    if not _WORD.search(_BRACKETED.sub("", text)):
        yield found(f"the English '{text}' of '{entry.source}' is all in brackets")
    own = Counter(_WORD.findall(text))
    slipped: set[str] = set()
    for word in own:
        slip = _ocr_slip(word, own, words)
        if slip is not None:
            slipped.add(word)
            yield found(f"'{word}' in '{text}' looks like an OCR slip for '{slip}'")
    yield from (found(message) for message in _casing(text, own, slipped, words))


def _ocr_slip(word: str, own: Counter[str], words: _Vocabulary) -> str | None:
    """The word ``word`` was probably meant to be, or None. A glossary that writes ``word``
    on another line too means it."""
    if words.elsewhere(word, own):
        return None
    if _LETTER_AMONG_DIGITS.search(word):
        digits = word.translate(_DIGITS_FOR)
        return digits if digits.isdigit() and any(character.isdigit() for character in word) else None
    if _INNER_CAPITAL_I.search(word):
        meant = _INNER_CAPITAL_I.sub("l", word)
        # "reIated" cannot be a name; "LinkedIn" can, unless the glossary writes "Linkedln".
        if _INNER_CAPITAL_I.sub("", word).islower() or words.folded_elsewhere(meant, own):
            return meant
    if _LEADING_CAPITAL_I.search(word):
        meant = "l" + word[1:]
        if words.known_lower(meant, own) and not words.folded_elsewhere(word, own):
            return meant
    if _DIGIT_AMONG_LETTERS.search(word):
        meant = _DIGIT_AMONG_LETTERS.sub(lambda digit: _letter_for(digit.group(), word), word)
        if words.folded_elsewhere(meant, own) or meant.casefold() in words.function_words:
            return meant
    return None


def _letter_for(digit: str, word: str) -> str:
    upper = sum(character.isupper() for character in word) > sum(character.islower() for character in word)
    letter = "o" if digit == "0" else "l"
    return letter.upper() if upper and digit == "0" else letter


def _casing(text: str, own: Counter[str], slipped: set[str], words: _Vocabulary) -> Iterator[str]:
    """Capitals where the glossary itself writes the word in lower case: inside a word
    ("diSease"), or one capitalised word between lower-case ones ("exchange Fund ordinance")."""
    for word in own:
        if word in slipped or not _INNER_CAPITAL.fullmatch(word) or words.elsewhere(word, own):
            continue
        if words.known_lower(word.lower(), own):
            yield f"odd casing: '{word}' in '{text}' (other entries write '{word.lower()}')"
    content = [word for word in _WORD.findall(_BRACKETED.sub(" ", text)) if word.lower() not in words.function_words]
    if len(content) < 3 or not _LOWER.fullmatch(content[0]):
        return
    for word, after in zip(content[1:], content[2:]):
        if _CAPITALISED.fullmatch(word) and _LOWER.fullmatch(after) and words.known_lower(word.lower(), own):
            yield f"odd casing: '{text}' is in lower case but for '{word}' (other entries write '{word.lower()}')"
            return


# --- entries that can never match ---------------------------------------------------------


def _never_found(entries: Sequence[Term]) -> Iterator[LintFinding]:
    """Each Chinese term looked for in its own text, each English in its own text, as the
    glossary rules look for them in a pair: one that is not found there is found nowhere."""
    first_of_key = {entry.key: entry for entry in reversed(entries)}
    index = TermIndex(list(first_of_key.values()))
    for entry in entries:
        view = normalise(SegmentPair("lint", entry.source, "", Location(entry.path))).source_match.text
        if not any(match.term.key == entry.key for match in index.find(view)):
            yield LintFinding(
                entry.path, entry.line, f"the Chinese term '{entry.source}' is not found even in its own text, so it never matches"
            )
        for rendering in entry.approved + entry.forbidden:
            if has_han(rendering.text) or not _WORD.search(rendering.text):
                continue  # said above
            target = normalise(SegmentPair("lint", "", rendering.text, Location(rendering.path))).target_match.text
            if not rendering_pattern((rendering.text,), entry.do_not_translate).found_in(target):
                yield LintFinding(
                    rendering.path,
                    rendering.line,
                    f"the English '{rendering.text}' of '{entry.source}' is not found even in its own text, so it never matches",
                )
