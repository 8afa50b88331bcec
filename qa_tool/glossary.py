"""Glossaries (termbases): loading TSV/CSV and TBX files into terms, and finding those terms in
Chinese text.

A term is a Chinese source form with the English renderings a translator must use (approved),
those they must not use (forbidden), and whether it is a do-not-translate term (a brand or code
that must appear in the English exactly as fixed). Files are read once per path and
modification time; a set of glossaries is merged and compiled into one ``TermIndex`` once.

TSV/CSV columns are found by header name or language (``zh``/``en``, ``zh-CN``/``en-US``,
``source``/``target``, ``sourceString``/``targetString`` with per-row ``sourceLang``/
``targetLang`` as in the TICO-19 termbases, where an en→zh row is read reversed), plus optional
``forbidden``, ``note`` and ``dnt`` columns. Without a header the columns are zh, en,
forbidden, note. A cell may list alternatives separated by ``;`` or `` : `` and carry a
bracketed remark (``冠状病毒 [generic virus group]``), which becomes part of the note.
"""

from __future__ import annotations

import bisect
import itertools
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath
from typing import BinaryIO, Callable, Iterable, Iterator, NamedTuple, Sequence

import ahocorasick
import regex
from lxml import etree

from qa_tool.errors import InputError
from qa_tool.languages.codes import same_language
from qa_tool.languages.zh import WordBoundaries, has_han
from qa_tool.model import quick_init
from qa_tool.normalise import NormalisedPair, TextView, nfkc, to_simplified
from qa_tool.readers._text import numbered_lines
from qa_tool.readers._xml import local_name, parse_events, release
from qa_tool.readers.delimited import choose_delimiter, names_of_language, numbered_records, record_reader
from qa_tool.resources import word_map, word_set
from qa_tool.languages.en import FUNCTION_WORDS

IRREGULAR_PLURALS = "english/irregular-plurals.tsv"
COMPOUND_PREFIXES = "english/compound-prefixes.txt"
CURRENCY_NAMES = "english/currency-names.tsv"


@quick_init
@dataclass(frozen=True, slots=True)
class Rendering:
    """One English rendering and the glossary line that gives it."""

    text: str
    path: str
    line: int | None

    @property
    def origin(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path


@quick_init
@dataclass(frozen=True, slots=True)
class Term:
    # The Chinese term as the glossary writes it.
    source: str
    approved: tuple[Rendering, ...]
    forbidden: tuple[Rendering, ...] = ()
    # The fixed form (the approved rendering, else the source itself) must appear exactly.
    do_not_translate: bool = False
    note: str = ""
    path: str = ""
    line: int | None = None

    @property
    def key(self) -> str:
        """The form the term is matched by: NFKC, simplified script."""
        return matching_form(self.source)

    @property
    def approved_texts(self) -> tuple[str, ...]:
        return tuple(rendering.text for rendering in self.approved)

    @property
    def fixed_forms(self) -> tuple[str, ...]:
        """For a do-not-translate term: what must appear in the English, as written."""
        return self.approved_texts or (self.source,)


@dataclass(frozen=True, slots=True)
class Glossary:
    path: str
    # One per source form, duplicates merged, in file order.
    terms: tuple[Term, ...]


@quick_init
@dataclass(frozen=True, slots=True)
class TermMatch:
    """A glossary term found in a view of the source: [start, end) in that view's offsets."""

    start: int
    end: int
    term: Term


def either(texts: Sequence[str]) -> str:
    """"'A'", "'A' or 'B'", "'A', 'B' or 'C'": renderings as a message names them."""
    quoted = [f"'{text}'" for text in texts]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


@lru_cache(maxsize=65536)
def matching_form(text: str) -> str:
    return to_simplified(nfkc(TextView(" ".join(text.split())))).text


# --- loading ------------------------------------------------------------------------------


def load_glossary(path: str) -> Glossary:
    """The glossary at ``path`` (TSV, CSV or TBX, told by extension, then content), read
    again only when the file changes. Unreadable or contradictory files raise InputError."""
    return _load(*_version(path))


def read_entries(path: str) -> tuple[Term, ...]:
    """The entries of the glossary at ``path`` as written, one per source form of each line,
    duplicates and contradictions kept (for `qa-tool glossary lint`); unreadable files raise
    InputError."""
    return _entries(*_version(path))


def _version(path: str) -> tuple[str, int, int]:
    """(path, modification time, size): what the caches of a glossary file are keyed by, so
    a file is read again only when it changes."""
    try:
        status = os.stat(path)
    except OSError as error:
        raise InputError(f"cannot read the glossary: {error.strerror or error}", path=path) from None
    return path, status.st_mtime_ns, status.st_size


@lru_cache(maxsize=32)
def _entries(path: str, modified: int, size: int) -> tuple[Term, ...]:
    try:
        with open(path, "rb") as stream:
            return tuple(_read_tbx(stream, path) if _is_tbx(path, stream) else _read_delimited(stream, path))
    except OSError as error:
        raise InputError(f"cannot read the glossary: {error.strerror or error}", path=path) from None


@lru_cache(maxsize=32)
def _load(path: str, modified: int, size: int) -> Glossary:
    terms = merge_terms(_entries(path, modified, size))
    if not terms:
        raise InputError("the glossary holds no terms (a Chinese term and its English on each line)", path=path)
    return Glossary(path, terms)


def _is_tbx(path: str, stream: BinaryIO) -> bool:
    suffix = PurePath(path).suffix.lower()
    if suffix in (".tbx", ".xml"):
        return True
    if suffix in (".tsv", ".tab", ".csv", ".txt"):
        return False
    head = stream.read(512)
    stream.seek(0)
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def merge_terms(rows: Iterable[Term]) -> tuple[Term, ...]:
    """Rows with the same source form become one term with all their renderings. A rendering
    one row approves and another forbids is a contradiction: InputError naming both lines."""
    # Most source forms have one row, which is its own merged term when it names no rendering
    # twice (case aside) and forbids none it approves: such a row is kept as it is, and merged
    # only when a second row with its form comes.
    merged: dict[str, Term | _MergedTerm] = {}
    for row in rows:
        key = row.key
        entry = merged.get(key)
        if entry is None:
            if _merged_already(row):
                merged[key] = row
                continue
            merged[key] = entry = _MergedTerm(row)
        elif isinstance(entry, Term):
            earlier = entry
            merged[key] = entry = _MergedTerm(earlier)
            entry.add(earlier)
        entry.add(row)
    return tuple(entry if isinstance(entry, Term) else entry.term() for entry in merged.values())


def _merged_already(row: Term) -> bool:
    """Whether ``row`` alone merges into a term equal to it."""
    approved = {rendering.text.casefold() for rendering in row.approved}
    forbidden = {rendering.text.casefold() for rendering in row.forbidden}
    return len(approved) == len(row.approved) and len(forbidden) == len(row.forbidden) and approved.isdisjoint(forbidden)


@dataclass(slots=True)
class _MergedTerm:
    first: Term
    approved: dict[str, Rendering] = field(default_factory=dict)
    forbidden: dict[str, Rendering] = field(default_factory=dict)
    notes: dict[str, None] = field(default_factory=dict)
    do_not_translate: bool = False

    def add(self, row: Term) -> None:
        for rendering in row.approved:
            self._check_not_in(rendering, self.forbidden, "approved", "forbids")
            self.approved.setdefault(rendering.text.casefold(), rendering)
        for rendering in row.forbidden:
            self._check_not_in(rendering, self.approved, "forbidden", "approves")
            self.forbidden.setdefault(rendering.text.casefold(), rendering)
        if row.note:
            self.notes[row.note] = None
        self.do_not_translate |= row.do_not_translate

    def _check_not_in(self, rendering: Rendering, other: dict[str, Rendering], said: str, other_says: str) -> None:
        earlier = other.get(rendering.text.casefold())
        if earlier is not None:
            raise InputError(
                f"'{self.first.source}' → '{rendering.text}' is {said} here, but {earlier.origin} "
                f"{other_says} it; remove one of the two entries",
                path=rendering.path,
                line=rendering.line,
            )

    def term(self) -> Term:
        return Term(
            source=self.first.source,
            approved=tuple(self.approved.values()),
            forbidden=tuple(self.forbidden.values()),
            do_not_translate=self.do_not_translate,
            note="; ".join(self.notes),
            path=self.first.path,
            line=self.first.line,
        )


# Alternatives inside one cell, and remarks in square brackets after a term.
_ALTERNATIVES = re.compile(r"\s*(?:[;；]|\s:\s)\s*")
_REMARK = re.compile(r"\s*\[([^\]]*)\]")
# What a cell with alternatives or a remark holds at least one of.
_MARK = re.compile(r"[\[;；:]")


def _alternatives(cell: str) -> tuple[list[str], list[str]]:
    """'新冠肺炎 [short] : COVID-19' → (['新冠肺炎', 'COVID-19'], ['short'])."""
    if not _MARK.search(cell):
        text = cell.strip()
        return ([text] if text else []), []  # most cells: one text, no remark
    remarks = [remark.strip() for remark in _REMARK.findall(cell) if remark.strip()]
    texts = [text.strip() for text in _ALTERNATIVES.split(_REMARK.sub("", cell))]
    return [text for text in texts if text], remarks


# --- TSV / CSV ----------------------------------------------------------------------------

# Header names compared after _header_key(): case, spaces, '_' and '-' do not matter.
_SOURCE_NAMES = frozenset({"source", "src", "sourcestring", "sourceterm", "sourcetext", "term", "原文", "术语"})
_TARGET_NAMES = frozenset(
    {"target", "tgt", "targetstring", "targetterm", "targettext", "translation", "approved", "rendering", "译文"}
)
_FORBIDDEN_NAMES = frozenset({"forbidden", "forbiddenterms", "donotuse", "deprecated", "avoid", "禁用"})
_NOTE_NAMES = frozenset({"note", "notes", "comment", "comments", "description", "definition", "备注"})
_DNT_NAMES = frozenset({"dnt", "donottranslate", "notranslate"})
_SOURCE_LANGUAGE_NAMES = frozenset({"sourcelang", "sourcelanguage", "srclang"})
_TARGET_LANGUAGE_NAMES = frozenset({"targetlang", "targetlanguage", "tgtlang"})
_KNOWN_NAMES = (
    _SOURCE_NAMES | _TARGET_NAMES | _FORBIDDEN_NAMES | _NOTE_NAMES | _DNT_NAMES | _SOURCE_LANGUAGE_NAMES
    | _TARGET_LANGUAGE_NAMES
)
_YES = frozenset({"1", "y", "yes", "true", "x", "dnt", "✓", "是"})
_NO = frozenset({"", "0", "n", "no", "false", "否"})


def _header_key(name: str) -> str:
    return re.sub(r"[\s_-]+", "", name).casefold()


@dataclass(frozen=True, slots=True)
class _Columns:
    zh: int
    en: int
    forbidden: int | None = None
    note: int | None = None
    dnt: int | None = None
    source_language: int | None = None
    target_language: int | None = None


def _read_delimited(stream: BinaryIO, path: str) -> Iterator[Term]:
    lines = numbered_lines(stream, path, keep_ends=True)
    opening: list[str] = []
    for _, text in lines:
        opening.append(text)
        if text.strip():
            break
    else:
        return
    # A .txt glossary is tab-separated, as spreadsheet "text" exports are.
    delimiter = choose_delimiter(path, "\t" if PurePath(path).suffix.lower() == ".txt" else None, opening[-1])
    records = record_reader(itertools.chain(opening, (text for _, text in lines)), delimiter)
    columns: _Columns | None = None
    for line, row in numbered_records(records, path):
        if columns is None:
            if any(_header_key(cell) in _KNOWN_NAMES for cell in row) or _language_columns(row):
                columns = _columns_from_header(row, path, line)
                continue
            if not any(has_han(cell) for cell in row):
                raise InputError(
                    "the first line has no Chinese; if it is a header, name the columns zh and en "
                    "(or source and target)",
                    path,
                    line,
                )
            columns = _Columns(zh=0, en=1, forbidden=2, note=3)
        yield from _terms_of_row(row, columns, path, line)


def _language_columns(header: Sequence[str]) -> bool:
    return bool(names_of_language(header, "zh") or names_of_language(header, "en"))


def _columns_from_header(header: list[str], path: str, line: int) -> _Columns:
    keys = [_header_key(cell) for cell in header]

    def named(names: frozenset[str]) -> int | None:
        return next((index for index, key in enumerate(keys) if key in names), None)

    def of_language(language: str) -> int | None:
        matching = names_of_language(header, language)
        if len(matching) > 1:
            raise InputError(f"several columns could hold the {language} terms: {', '.join(matching)}", path, line)
        return header.index(matching[0]) if matching else None

    zh = of_language("zh")
    zh = named(_SOURCE_NAMES) if zh is None else zh
    en = of_language("en")
    en = named(_TARGET_NAMES) if en is None else en
    if zh is None or en is None or zh == en:
        raise InputError(
            f"cannot tell which columns hold the Chinese term and its English; the header has: "
            f"{', '.join(repr(cell) for cell in header)}. Name them zh and en (or source and target)",
            path,
            line,
        )
    return _Columns(
        zh=zh,
        en=en,
        forbidden=named(_FORBIDDEN_NAMES),
        note=named(_NOTE_NAMES),
        dnt=named(_DNT_NAMES),
        source_language=named(_SOURCE_LANGUAGE_NAMES),
        target_language=named(_TARGET_LANGUAGE_NAMES),
    )


def _cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def _terms_of_row(row: list[str], columns: _Columns, path: str, line: int) -> Iterator[Term]:
    zh_cell, en_cell = _cell(row, columns.zh), _cell(row, columns.en)
    if _written_en_to_zh(row, columns, path, line):
        zh_cell, en_cell = en_cell, zh_cell
    sources, source_remarks = _alternatives(zh_cell)
    renderings, rendering_remarks = _alternatives(en_cell)
    forbidden, _ = _alternatives(_cell(row, columns.forbidden))
    if not sources:
        raise InputError("this line has no Chinese term", path, line)
    if any(has_han(text) for text in renderings) and not any(has_han(text) for text in sources):
        raise InputError(
            f"the Chinese term is expected in column {columns.zh + 1} and its English in column "
            f"{columns.en + 1}, but this line has them the other way round; give the file a header "
            "(zh, en) to say which is which",
            path,
            line,
        )
    do_not_translate = columns.dnt is not None and _flag(_cell(row, columns.dnt), path, line)
    if not renderings and not forbidden and not do_not_translate:
        raise InputError(f"'{zh_cell}' has no English rendering", path, line)
    note = "; ".join(filter(None, [_cell(row, columns.note), *source_remarks, *rendering_remarks]))
    approved = tuple(Rendering(text, path, line) for text in renderings)
    forbidden_renderings = tuple(Rendering(text, path, line) for text in forbidden)
    for source in sources:
        yield Term(
            source=source,
            approved=approved,
            forbidden=forbidden_renderings,
            # A rendering that is the source itself ("CDC" → "CDC") is a term kept as written.
            do_not_translate=do_not_translate or (len(renderings) == 1 and renderings[0] == source),
            note=note,
            path=path,
            line=line,
        )


def _written_en_to_zh(row: list[str], columns: _Columns, path: str, line: int) -> bool:
    """A row whose language cells say en→zh is read reversed; empty cells match anything."""
    if columns.source_language is None and columns.target_language is None:
        return False  # most glossaries: no language columns
    source_language, target_language = _cell(row, columns.source_language), _cell(row, columns.target_language)

    def written(first: str, second: str) -> bool:
        return (not source_language or same_language(source_language, first)) and (
            not target_language or same_language(target_language, second)
        )

    if written("zh", "en"):
        return False
    if written("en", "zh"):
        return True
    raise InputError(
        f"this entry is {source_language or '?'}→{target_language or '?'}; a zh→en glossary needs Chinese and English",
        path,
        line,
    )


def _flag(cell: str, path: str, line: int) -> bool:
    value = cell.casefold()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise InputError(f"the do-not-translate column says {cell!r}; write yes or no", path, line)


# --- TBX ----------------------------------------------------------------------------------

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ENTRY = frozenset({"termEntry", "conceptEntry"})
_LANGUAGE_SECTION = frozenset({"langSet", "langSec"})
_TERM_SECTION = frozenset({"tig", "ntig", "termSec"})
_STATUS_TYPES = frozenset({"administrativeStatus", "normativeAuthorization"})
# Statuses (administrativeStatus with its -admn-sts suffix removed, or normativeAuthorization)
# that tell a translator not to use a term.
_FORBIDDEN_STATUSES = frozenset({"deprecatedterm", "supersededterm", "deprecated", "superseded"})
_NOTE_ELEMENTS = frozenset({"note", "descrip", "admin", "termNote", "transac", "transacNote"})
_DO_NOT_TRANSLATE = re.compile(r"\bdo[\s-]*not[\s-]*translate\b|\bDNT\b|\bnot translatable\b", re.IGNORECASE)


def _read_tbx(stream: BinaryIO, path: str) -> Iterator[Term]:
    events = parse_events(stream, path)
    _, root = next(events)
    if local_name(root) not in ("martif", "tbx"):
        raise InputError(
            f"a glossary in XML must be TBX (a <martif> or <tbx> root), not <{local_name(root)}>", path, root.sourceline
        )
    for event, element in events:
        if event == "end" and local_name(element) in _ENTRY:
            yield from _terms_of_entry(element, path)
            release(element)


def _terms_of_entry(entry: etree._Element, path: str) -> Iterator[Term]:
    chinese: list[tuple[str, int | None]] = []
    approved: list[Rendering] = []
    forbidden: list[Rendering] = []
    for section in entry.iter():
        if not isinstance(section.tag, str) or local_name(section) not in _LANGUAGE_SECTION:
            continue
        language = section.get(_XML_LANG) or ""
        if not (same_language(language, "zh") or same_language(language, "en")):
            continue
        for term_section in section.iter():
            if not isinstance(term_section.tag, str) or local_name(term_section) not in _TERM_SECTION:
                continue
            text, line, allowed = _term_of_section(term_section, path)
            if not text:
                continue
            if same_language(language, "zh"):
                chinese.append((text, line))
            else:
                (approved if allowed else forbidden).append(Rendering(text, path, line))
    if not chinese or not (approved or forbidden):
        return  # a concept without Chinese or English says nothing about zh→en
    do_not_translate = any(_DO_NOT_TRANSLATE.search(note) for note in _notes(entry))
    note = "; ".join(note for note in _notes(entry) if not _DO_NOT_TRANSLATE.search(note))
    for text, line in chinese:
        yield Term(
            source=text,
            approved=tuple(approved),
            forbidden=tuple(forbidden),
            do_not_translate=do_not_translate or [r.text for r in approved] == [text],
            note=note,
            path=path,
            line=line,
        )


def _term_of_section(term_section: etree._Element, path: str) -> tuple[str, int | None, bool]:
    """(term text, its line, whether its status allows it) of a tig/ntig/termSec."""
    text, line, allowed = "", term_section.sourceline, True
    for child in term_section.iter():
        if not isinstance(child.tag, str):
            continue
        name = local_name(child)
        if name == "term":
            text, line = " ".join("".join(child.itertext()).split()), child.sourceline
        elif name in _STATUS_TYPES or (name == "termNote" and child.get("type") in _STATUS_TYPES):
            status = "".join(child.itertext()).strip()
            allowed = _header_key(status.removesuffix("-admn-sts")) not in _FORBIDDEN_STATUSES
    return text, line, allowed


def _notes(entry: etree._Element) -> Iterator[str]:
    for element in entry.iter():
        if not isinstance(element.tag, str) or local_name(element) not in _NOTE_ELEMENTS:
            continue
        if element.get("type") in _STATUS_TYPES:
            continue
        text = " ".join("".join(element.itertext()).split())
        if text:
            yield text


# --- finding terms ------------------------------------------------------------------------

# Latin letters and digits: a term that starts or ends with one must not continue a word
# ("CDC" is not in "CDCs"); Chinese has no word boundaries, so Han terms match anywhere.
_WORD_CHARACTER = re.compile(r"[A-Za-z0-9]")
# A trailing Latin gloss in parentheses: 艾滋病（AIDS）, 新冠肺炎 (COVID-19).
_TRAILING_GLOSS = re.compile(r"\s*[(（][\x20-\x7e]+[)）]$")
# A space between Latin text and Chinese (COVID-19 检测), which does not tell terms apart;
# written to start with the space, so a scan skips other characters quickly.
_SCRIPT_GAP = re.compile(r"\s(?:(?<=[\x21-\x7e]\s)(?=[^\x00-\x7f])|(?<=[^\x00-\x7f]\s)(?=[\x21-\x7e]))")
# Before two characters that a script gap may separate: a term holding them may span a gap.
_SCRIPT_JOIN = re.compile(r"(?=[\x21-\x7e][^\x00-\x7f]|[^\x00-\x7f][\x21-\x7e])")
# The most script joins a term may have for the automaton to hold it with a space in each
# subset of them (2 ** joins - 1 spaced forms); a longer mix of scripts has every text
# searched without its gaps instead.
SPACED_JOINS = 4


class TermIndex:
    """All terms of a set of glossaries, compiled once into an Aho-Corasick automaton, which
    finds every occurrence of every term in one pass over a text, however large the glossary.

    Terms are matched in simplified script, so a simplified glossary finds traditional text
    and the other way round; but where the text and the glossary entry are both traditional,
    the text must have the entry's own characters (發展 is not in 頭髮展覽, although both
    simplify to 发展). A Han entry of two characters must not straddle a word boundary that
    jieba finds (合同 is not in 结合同类产品, 结合 | 同类); one character cannot straddle one."""

    def __init__(self, terms: Sequence[Term]) -> None:
        self.terms = tuple(terms)
        by_form: dict[str, Term] = {}
        # For a term written in traditional script: its form as written (NFKC) per matched form.
        written: dict[str, str] = {}
        for bare in (False, True):
            for term in self.terms:
                form, as_written = _matched_forms(term, bare)
                if form and form not in by_form:
                    by_form[form] = term
                    if as_written != form:
                        written[form] = as_written
        self._by_form = by_form
        self._written = written
        # The forms whose matches need a look at their surroundings: one with a Latin letter or
        # digit at an edge must not continue a word, and two Han characters must be a word.
        self._latin_edged = frozenset(
            form for form in by_form if _WORD_CHARACTER.match(form[0]) or _WORD_CHARACTER.match(form[-1])
        )
        self._han_pairs = frozenset(form for form in by_form if len(form) == 2 and _HAN_PAIR.fullmatch(form))
        # The forms whose matches _is_term looks at; most matches are terms as they are found.
        self._looked_at = self._latin_edged | self._han_pairs | frozenset(written)
        # A term across scripts is also held with a space in each subset of its joins, so a
        # text whose only white space is the space (nearly every text) is searched as it is;
        # any other white space may be a script gap, and such a text is searched without its
        # gaps (where the spaced forms cannot match). Without such a term gaps do not matter.
        joins = {form: [found.start() + 1 for found in _SCRIPT_JOIN.finditer(form)] for form in by_form}
        self._spans_scripts = any(joins.values())
        self._every_text_gapped = any(len(offsets) > SPACED_JOINS for offsets in joins.values())
        spaced = () if self._every_text_gapped else (
            (variant, form) for form, offsets in joins.items() for variant in _spaced(form, offsets)
        )
        self._automaton = _automaton(itertools.chain(((form, form) for form in by_form), spaced))
        # (text, source text, matches) of the last call, replaced whole so a thread never
        # reads one pair's texts with another's matches.
        self._last: tuple[str | None, str | None, tuple[TermMatch, ...]] = (None, None, ())
        # (text, source text) → matches, of the pairs last prepared; replaced whole.
        self._prepared: dict[tuple[str, str | None], tuple[TermMatch, ...]] = {}

    @property
    def forms(self) -> tuple[str, ...]:
        """What the automaton finds: each match of ``find`` is one of these in its text."""
        return tuple(self._by_form)

    def find(self, text: str, source: TextView | None = None) -> tuple[TermMatch, ...]:
        """Terms in ``text`` (a matching view: NFKC, simplified), longest first: a term inside
        or overlapping a longer one is not reported (重庆邮电大学 hides 重庆). Sorted by
        position. ``source`` is the view ``text`` was simplified from (a pair's ``source``),
        which tells a traditional entry from its simplified look-alikes; without it, script
        is not told apart. The last answer is kept, as every term rule asks about the same
        pair in turn."""
        source_text = None if source is None else source.text
        prepared = self._prepared.get((text, source_text))
        if prepared is not None:
            return prepared
        last_text, last_source, last_matches = self._last
        if text == last_text and source_text == last_source:
            return last_matches
        automaton = self._automaton
        matches = () if automaton is None else self._search(automaton, text, source)
        self._last = (text, source_text, matches)
        return matches

    def prepare(self, pairs: Sequence[NormalisedPair]) -> None:
        """Find the terms of each pair's source at once, for ``find`` to read until the next
        call: one sweep over a chunk of sources keeps the automaton and jieba's words in the
        processor's caches, where a search between each pair's rules finds them evicted
        (0.7 s less over 100,000 pairs)."""
        automaton = self._automaton
        if automaton is None:
            return
        self._prepared = {
            (pair.source_match.text, pair.source.text): self._search(automaton, pair.source_match.text, pair.source)
            for pair in pairs
        }

    def _search(self, automaton: ahocorasick.Automaton, text: str, source: TextView | None) -> tuple[TermMatch, ...]:
        # Terms are held without script gaps, so the text is searched without them too,
        # and each match is moved back past the gaps before it.
        gaps = _gaps(text) if self._spans_scripts and (self._every_text_gapped or not text.isprintable()) else []
        searched = _without_gaps(text, gaps) if gaps else text
        encoded = _encoded(searched)
        candidates: list[tuple[int, int, str]] = []
        # Matches come in the order of their last byte: each is turned into a character
        # offset by decoding only the bytes since the one before, not the whole prefix.
        bytes_read, characters_read = 0, 0
        for last_byte, (form, length) in automaton.iter(encoded.decode("latin-1")):
            if last_byte >= bytes_read:
                characters_read += len(_decoded(encoded[bytes_read : last_byte + 1]))
                bytes_read = last_byte + 1
            last = characters_read - 1
            start = last + 1 - length
            if gaps:
                start, last = start + bisect.bisect_right(gaps, start), last + bisect.bisect_right(gaps, last)
            candidates.append((start, last + 1, form))
        if not candidates:
            return ()  # most texts
        looked_at = self._looked_at
        reading: _Reading | None = None

        def is_term(start: int, end: int, form: str) -> bool:
            nonlocal reading
            if form not in looked_at:
                return True
            if reading is None:
                reading = _Reading(text, source)
            return self._is_term(start, end, form, reading)

        by_form = self._by_form
        return tuple([TermMatch(start, end, by_form[form]) for start, end, form in _longest_first(candidates, is_term)])

    def _is_term(self, start: int, end: int, form: str, reading: _Reading) -> bool:
        """Whether the match of ``form`` at [start, end) of the reading's text is the term: a
        form not among ``_looked_at`` always is."""
        if form in self._latin_edged and not _stands_alone(reading.text, start, end):
            return False
        written_form = self._written.get(form)
        if written_form is not None and not reading.may_be(start, end, written_form):
            return False
        return not (form in self._han_pairs and reading.straddles(start, end))


# Two Han characters: the short entries whose match is checked against jieba's words.
_HAN_PAIR = regex.compile(r"\p{Han}{2}")


def _matched_forms(term: Term, bare: bool) -> tuple[str, str]:
    """(the form the automaton holds, the same as written in the glossary's script) of a term, or
    of the term without a trailing Latin gloss when ``bare``; ("", "") when it has no such
    form."""
    form = _without_script_gaps(term.key)
    if bare and not form.endswith(_GLOSS_END):
        return "", ""  # most terms: no gloss to leave out
    written = _without_script_gaps(nfkc(TextView(" ".join(term.source.split()))).text)
    if bare:
        written, form = _TRAILING_GLOSS.sub("", written), _TRAILING_GLOSS.sub("", form)
        if form == _without_script_gaps(term.key):
            return "", ""
    return form, written


# What a form with a trailing gloss ends with (NFKC has narrowed a full-width bracket).
_GLOSS_END = ")"


class _Reading:
    """What one ``find`` learns about its text, each part made when first needed: the source
    in its own script (NFKC only) and jieba's words."""

    def __init__(self, text: str, source: TextView | None) -> None:
        self.text = text
        self._source = source
        self._written: str | None = None
        self._words: WordBoundaries | None = None

    def may_be(self, start: int, end: int, entry: str) -> bool:
        """Whether [start, end) of the simplified text can be the traditional ``entry``: it is
        written so, or written in simplified script (then the entry is folded to match)."""
        if self._source is None:
            return True
        if self._written is None:
            self._written = nfkc(self._source).text
        if len(self._written) != len(self.text):
            return True  # a phrase OpenCC rewrote to another length: offsets do not line up
        written = _without_script_gaps(self._written[start:end])
        return written == entry or written == _without_script_gaps(self.text[start:end])

    def straddles(self, start: int, end: int) -> bool:
        if self._words is None:
            self._words = WordBoundaries(self.text)
        return self._words.straddle(start, end)


def _stands_alone(text: str, start: int, end: int) -> bool:
    if _WORD_CHARACTER.match(text, start) and start > 0 and _WORD_CHARACTER.match(text, start - 1):
        return False
    return not (_WORD_CHARACTER.match(text, end - 1) and _WORD_CHARACTER.match(text, end))


def _longest_first(
    candidates: list[tuple[int, int, str]], is_term: Callable[[int, int, str], bool]
) -> list[tuple[int, int, str]]:
    """The (start, end, form) candidates that are terms (``is_term``) and that no longer (or,
    as long, earlier) term overlaps, sorted by position. A candidate is asked about only when
    no term kept so far overlaps it (a quarter of the Han pairs found lie inside a longer
    term, and need no segmenting); one that is not a term hides nothing. The spans kept so
    far never overlap, so only the two beside a new one's start can overlap it: a text of
    thousands of matches is not compared pair by pair."""
    starts: list[int] = []
    kept: list[tuple[int, int, str]] = []
    for candidate in sorted(candidates, key=lambda span: (span[0] - span[1], span[0])):
        start, end, form = candidate
        place = bisect.bisect_right(starts, start)
        if (place and kept[place - 1][1] > start) or (place < len(kept) and kept[place][0] < end):
            continue
        if not is_term(start, end, form):
            continue
        starts.insert(place, start)
        kept.insert(place, candidate)
    return kept


def _encoded(text: str) -> bytes:
    """``text`` in UTF-8, as the automaton reads it: a form's bytes start with a character's
    first byte, which no other byte of a character can be, so every match starts and ends
    where characters do."""
    return text.encode("utf-8", "surrogatepass")


def _decoded(data: bytes) -> str:
    return data.decode("utf-8", "surrogatepass")


def _without_gaps(text: str, gaps: list[int]) -> str:
    """``text`` without the script gaps ``_gaps`` found in it."""
    pieces, at = [], 0
    for taken, gap in enumerate(gaps):
        pieces.append(text[at : gap + taken])
        at = gap + taken + 1
    pieces.append(text[at:])
    return "".join(pieces)


def _gaps(text: str) -> list[int]:
    """Where the script gaps of ``text`` were: the offset, in the text without them, of the
    character that followed each."""
    return [found.start() - taken for taken, found in enumerate(_SCRIPT_GAP.finditer(text))]


def _without_script_gaps(text: str) -> str:
    """Chinese is written with or without a space before and after Latin text (COVID-19 检测,
    COVID-19检测); such spaces do not tell terms apart."""
    return text if text.isalnum() else _SCRIPT_GAP.sub("", text)  # a run of Han has no gap


def _spaced(form: str, joins: list[int]) -> Iterator[str]:
    """``form`` with a space before each offset of a non-empty subset of ``joins``."""
    for count in range(1, len(joins) + 1):
        for chosen in itertools.combinations(joins, count):
            pieces = [form[start:end] for start, end in zip((0, *chosen), (*chosen, len(form)))]
            yield " ".join(pieces)


def _automaton(keys: Iterable[tuple[str, str]]) -> ahocorasick.Automaton | None:
    """An automaton that reports each text of ``keys`` (text, form) where it ends, with its
    form and its length as its value; None when there are none. It reads text as UTF-8 bytes,
    one byte a character of a string (``_encoded``): its states keep their next characters in
    a list, so a first state with a child for each of thousands of Chinese characters would be
    searched through at every character of the text. In UTF-8 a Chinese character is three bytes, after the first
    each one of 64, so no state has many children, and the states a text passes through are
    fewer and closer together than with four bytes a character."""
    automaton = ahocorasick.Automaton()
    for key, form in keys:
        automaton.add_word(_encoded(key).decode("latin-1"), (form, len(key)))
    if not len(automaton):
        return None
    automaton.make_automaton()
    return automaton


# Patterns are made when a term is first found and kept: a glossary of thousands of terms
# has one to three per term (approved, forbidden, fixed).
@lru_cache(maxsize=65536)
def rendering_pattern(renderings: tuple[str, ...], exact: bool = False) -> RenderingPattern:
    """A pattern for any of ``renderings`` in English text (a matching view: NFKC), as whole
    words (a digit or symbol may follow: "Ordinance2", "RMB500"), with straight or curly quotes
    on either side and any spacing around "/". Unless ``exact``, also:

    * case ignored; any word singular or plural, possessive or not (letters of credit,
      analyses, the Government's reserves, criteria from rules/english/irregular-plurals.tsv);
    * words open, hyphenated (hyphen or dash) or closed (cross-border, cross border,
      crossborder), and a closed word of rules/english/compound-prefixes.txt hyphenated
      (cooperation, co-operation);
    * a bracketed part of the rendering dropped, or an acronym in brackets used for the words
      before it ("Mandatory Provident Fund (MPF) scheme": "Mandatory Provident Fund scheme",
      "MPF scheme"); a bracketed insertion in the English between two words ("Deposit
      Protection Scheme (DPS) levy");
    * "&" for "and" and back; a currency in any form of rules/english/currency-names.tsv
      ("RMB", "renminbi", "yuan").

    An ``exact`` pattern (a do-not-translate form) keeps case and words, but the last word may
    still be plural or possessive, and words may be joined by spaces or hyphens."""
    forms = [
        variant
        for text in renderings
        for variant in ((_plain(text),) if exact else _bracket_variants(_plain(text)))
        if _RENDERING_TOKEN.search(variant)
    ]
    variants = [_rendering_regex(form, exact) for form in forms]
    alternatives = sorted({variant.regex for variant in variants}, key=len, reverse=True)
    heads_per_form = None if any(not variant.heads for variant in variants) else frozenset(v.heads for v in variants)
    openings = None if any(not variant.opening for variant in variants) else frozenset(v.opening for v in variants)
    literals = tuple(filter(None, (_Literal.of(form, exact) for form in forms)))
    return RenderingPattern("|".join(alternatives) or "(?!)", 0 if exact else re.IGNORECASE, heads_per_form, literals, openings)


class RenderingPattern:
    """A rendering's pattern, compiled when a text may hold it: every match holds all the
    texts of one of its ``heads_per_form`` (the lower-case letters each word of a form of the
    rendering starts with, and for a word that may be split after a compound prefix, the
    letters every match holds after it), so a text without all of one form's is answered without
    compiling, which is most texts for a term whose English is missing (a text holding one
    of its words but not the others is common). Every match also starts with one of its
    ``openings`` (None when one form's start is not known), so the pattern is tried only
    from the first of them in the text, not at every character before it."""

    __slots__ = ("pattern", "flags", "heads_per_form", "literals", "openings", "_compiled")

    def __init__(
        self,
        pattern: str,
        flags: int,
        heads_per_form: frozenset[tuple[str, ...]] | None,
        literals: tuple[_Literal, ...] = (),
        openings: frozenset[str] | None = None,
    ) -> None:
        self.pattern = pattern
        self.flags = flags
        self.heads_per_form = heads_per_form
        # Forms written as plain text: where one of them is in a text, the pattern matches
        # without being compiled, which is most texts that hold a term's English.
        self.literals = literals
        self.openings = openings
        self._compiled: re.Pattern[str] | None = None

    def search(self, text: str) -> re.Match[str] | None:
        start = self._next_start(text, 0)
        if start is None:
            return None
        regex = self._regex()
        if self.openings is None:
            return regex.search(text, start)
        # A match is tried where an opening is, a few times; a text that has an opening at
        # every few words is searched from the next one instead.
        for _ in range(_OPENINGS_TRIED):
            found = regex.match(text, start)
            if found is not None:
                return found
            start = self._next_opening(text, start + 1)
            if start is None:
                return None
        return regex.search(text, start)

    def found_in(self, text: str) -> bool:
        """Whether ``search`` finds a match in ``text``."""
        lowered = _lowered(text)
        if lowered is not None:
            for literal in self.literals:
                if literal.in_text(text, lowered):
                    return True
            if not self._heads_in(lowered):
                return False  # most texts of a term whose English is missing
        return self.search(text) is not None

    def ends(self, text: str) -> bool:
        """Whether a match ends where ``text`` does (a search for the pattern followed by \\Z,
        without compiling a second pattern: each place a match may start is tried whole)."""
        start = self._next_start(text, 0)
        while start is not None:
            if self._regex().fullmatch(text, start) is not None:
                return True
            start = self._next_opening(text, start + 1) if start < len(text) else None
        return False

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        start = self._next_start(text, 0)
        return iter(()) if start is None else self._regex().finditer(text, start)

    def _next_start(self, text: str, start: int) -> int | None:
        """Where, from ``start`` on, a match of ``text`` may start (looking from there finds what
        a search from the beginning finds: look-behinds still read the text before it); None
        when none can."""
        if self.heads_per_form is not None:
            lowered = _lowered(text)
            if lowered is not None and not self._heads_in(lowered):
                return None
        return self._next_opening(text, start)

    def _heads_in(self, lowered: str) -> bool:
        """Whether ``lowered`` (a text in lower case) holds all the heads of one form, as every
        match does (True when they are not known)."""
        if self.heads_per_form is None:
            return True
        holds = lowered.__contains__
        return any(all(map(holds, heads)) for heads in self.heads_per_form)

    def _next_opening(self, text: str, start: int) -> int | None:
        """The first opening of ``text`` from ``start`` on (``start`` itself when the openings
        are not known); the word starts, which do not depend on ``start``, are tested once a
        text, by _next_start."""
        if self.openings is None:
            return start
        lowered = _lowered(text)
        if lowered is None:
            return start
        first = -1
        for opening in self.openings:
            at = lowered.find(opening, start)
            if at >= 0 and (first < 0 or at < first):
                first = at
        return first if first >= 0 else None

    def _regex(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled


@dataclass(frozen=True, slots=True)
class _Literal:
    """A form of a rendering as its pattern's plainest match: the form's own words and gaps
    (lower-case, unless exact), which a match of the pattern needs only the form's boundaries
    around."""

    text: str
    exact: bool
    lead: re.Pattern[str]
    trail: re.Pattern[str]

    @staticmethod
    def of(form: str, exact: bool) -> _Literal | None:
        """The form as a literal, or None when its pattern may not match it as written: a
        currency (matched by a pattern of its own), a gap the pattern does not allow, or a
        letter outside ASCII (which re.IGNORECASE and lower() fold differently)."""
        tokens = list(_RENDERING_TOKEN.finditer(form))
        if not form.isascii() or (not exact and any(_currency_at(tokens, at) for at in range(len(tokens)))):
            return None
        for before, after in zip(tokens, tokens[1:]):
            if not _piece(_gap(before, after, form, exact)).fullmatch(form, before.end(), after.start()):
                return None
        written = form[tokens[0].start() : tokens[-1].end()]
        return _Literal(
            written if exact else written.lower(), exact, _piece(_lead(tokens[0].group())), _piece(_trail(tokens[-1].group()))
        )

    def in_text(self, text: str, lowered: str) -> bool:
        """Whether the literal stands in ``text`` between its boundaries (``lowered`` is
        ``text`` in lower case, of the same length)."""
        searched = text if self.exact else lowered
        at = searched.find(self.text)
        while at >= 0:
            if self.lead.match(text, at) and self.trail.match(text, at + len(self.text)):
                return True
            at = searched.find(self.text, at + 1)
        return False


@lru_cache(maxsize=64)
def _piece(pattern: str) -> re.Pattern[str]:
    """A piece of rendering patterns on its own: the gaps and boundaries, a handful in all."""
    return re.compile(pattern)




def _lowered(text: str) -> str | None:
    """``text`` in lower case, offset for offset, where an ASCII letter of a pattern can match
    only what lowers to it; None when the text has a letter that re.IGNORECASE folds otherwise.
    The last answer is kept: every term of a pair is looked for in the same English."""
    global _last_lowered
    last_text, lowered = _last_lowered
    if text != last_text:
        folds_aside = not text.isascii() and any(letter in text for letter in _CASE_FOLDS_ASIDE)
        lowered = None if folds_aside else text.lower()
        _last_lowered = (text, lowered)  # replaced whole: threads never see half of it
    return lowered


# Letters re.IGNORECASE matches to an ASCII letter that lower() does not turn into it (U+0130
# is also the one character lower() makes two of). Looked for one by one: a search for a
# class of non-ASCII letters reads a text several times slower.
_CASE_FOLDS_ASIDE = "\u0130\u0131\u017f\u212a"
_last_lowered: tuple[str, str | None] = ("", "")
# How many openings a search tries a match at before it searches on from the next.
_OPENINGS_TRIED = 4


# A rendering is read as words (letters and digits, with inner apostrophes: Children’s),
# bracketed parts and single symbols; spaces, hyphens and dashes are the gaps between them.
_RENDERING_TOKEN = re.compile(r"(?P<bracket>\([^()]*\))|(?P<word>[^\W_]+(?:['’][^\W_]+)*)|(?P<symbol>[^\s\-‐‑‒–—])")
_DASHES = "\\-‐-–"
_SPACE = r"[\s\u00a0]"
# Between two words of an inexact rendering: a hyphen or dash, spaces (perhaps around a
# bracketed insertion), or nothing (a closed compound).
_WORD_GAP = rf"[\s\u00a0{_DASHES}]*(?:\([^()\n]{{1,40}}\)\s+)?"
_EXACT_WORD_GAP = rf"[\s\u00a0{_DASHES}]+"
_QUOTE_CLASSES = {quote: "['‘’`]" for quote in "'‘’`"} | {quote: '["“”„]' for quote in '"“”„'}
_AND = "(?:and|&)"
_ARTICLES = frozenset({"a", "an", "the"})
_ARTICLE = rf"(?:(?:the|an?){_SPACE}+)?"
# An acronym in brackets (MPF, HKMA, B&R): at least two capitals, no spaces.
_ACRONYM = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z0-9&.]*")
_POSSESSIVE = "(?:['’]s?)?"


def _plain(text: str) -> str:
    """The rendering as English text is matched: NFKC (full-width brackets and symbols
    narrowed), with brackets written as round ones."""
    return unicodedata.normalize("NFKC", text).strip().translate(_SQUARE_TO_ROUND)


_SQUARE_TO_ROUND = str.maketrans("[]", "()")


def _bracket_variants(text: str) -> tuple[str, ...]:
    """The rendering, without its bracketed parts, and with each bracketed acronym in place of
    the words it stands for."""
    brackets = [found for found in _RENDERING_TOKEN.finditer(text) if found.group("bracket")]
    if not brackets:
        return (text,)
    variants = {text, _squeezed(_without_bracketed(text))}
    for bracket in brackets:
        inside = bracket.group()[1:-1].strip()
        if not _ACRONYM.fullmatch(inside):
            continue
        before = text[: bracket.start()]
        kept = _without_bracketed(_expanded_words_cut(before, inside))
        variants.add(_squeezed(f"{kept} {inside} {_without_bracketed(text[bracket.end() :])}"))
    return tuple(variants)


def _without_bracketed(text: str) -> str:
    return _RENDERING_TOKEN.sub(lambda found: "" if found.group("bracket") else found.group(), text)


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def _expanded_words_cut(before: str, acronym: str) -> str:
    """``before`` without the words ``acronym`` stands for: the fewest last words whose
    initials spell it (function words may be left out of it), else all of them."""
    words = before.split()
    letters = "".join(character for character in acronym if character.isalpha()).casefold()
    function_words = word_set(FUNCTION_WORDS)
    for count in range(1, len(words) + 1):
        tail = words[-count:]
        initials = "".join(word[0] for word in tail if word[0].isalpha()).casefold()
        content = "".join(word[0] for word in tail if word[0].isalpha() and word.casefold() not in function_words).casefold()
        if letters in (initials, content):
            return " ".join(words[:-count])
    return ""


class _FormPattern(NamedTuple):
    regex: str
    # The lower-case texts every match holds: each token's start where it is known, and what
    # a word that may be split after a compound prefix holds after it (empty when none is).
    heads: tuple[str, ...]
    # The lower-case text every match starts with ("" when it is not known).
    opening: str


def _rendering_regex(text: str, exact: bool) -> _FormPattern:
    """The pattern of one form of a rendering, with what every match of it holds."""
    tokens = list(_RENDERING_TOKEN.finditer(text))
    pieces: list[str] = []
    heads: list[str] = []
    opening = ""
    guarded = [True, True]  # whether the first and the last piece need a word boundary
    at = 0
    while at < len(tokens):
        token = tokens[at]
        if at:
            pieces.append(_gap(tokens[at - 1], token, text, exact))
        currency = None if exact else _currency_at(tokens, at)
        if currency is None:
            regex, head, held = _token_regex(token, exact=exact, last=at == len(tokens) - 1)
            pieces.append(regex)
            heads += [piece for piece in (head, held) if piece]
            opening = head if at == 0 else opening
            at += 1
            continue
        guarded[0] = guarded[0] and at > 0
        at, forms = currency
        guarded[1] = at < len(tokens)
        pieces.append("(?:" + "|".join(forms) + ")")
    lead = _lead(tokens[0].group()) if guarded[0] else ""
    return _FormPattern(lead + "".join(pieces) + (_trail(tokens[-1].group()) if guarded[1] else ""), tuple(dict.fromkeys(heads)), opening)


def _lead(first: str) -> str:
    """Before a rendering that starts with a letter or digit, no letter, digit or _."""
    return r"(?<!\w)" if first[0].isalnum() else ""


def _trail(last: str) -> str:
    """After a rendering that ends in a letter no letter may follow, but a digit or symbol
    may (a footnote "Ordinance2", "RMB500"); after one that ends in a digit, no digit."""
    if last[-1].isalpha() or last[-1] == ")":
        return r"(?![^\W\d_])"
    return r"(?!\d)" if last[-1].isdigit() else ""


def _currency_at(tokens: list[re.Match[str]], at: int) -> tuple[int, tuple[str, ...]] | None:
    """(the index after, the patterns of its forms) when a currency form starts at ``at``."""
    forms_of, longest = _currency_forms()
    for count in range(min(longest, len(tokens) - at), 0, -1):
        forms = forms_of.get(tuple(token.group().casefold() for token in tokens[at : at + count]))
        if forms is not None:
            return at + count, forms
    return None


@lru_cache(maxsize=1)
def _currency_forms() -> tuple[dict[tuple[str, ...], tuple[str, ...]], int]:
    """Each form of rules/english/currency-names.tsv as its tokens → the patterns of all the
    forms of its currency (each bounded as a whole word on its own), and the most tokens a
    form has."""
    forms_of: dict[tuple[str, ...], tuple[str, ...]] = {}
    for forms in word_map(CURRENCY_NAMES).values():
        written = [form.strip() for form in forms.split(" ; ") if form.strip()]
        patterns = tuple(_currency_form_regex(form) for form in written)
        for form in written:
            forms_of[tuple(token.group().casefold() for token in _RENDERING_TOKEN.finditer(form))] = patterns
    return forms_of, max(map(len, forms_of), default=0)


def _currency_form_regex(form: str) -> str:
    tokens = list(_RENDERING_TOKEN.finditer(form))
    body = "".join(
        (_gap(tokens[at - 1], token, form, False) if at else "") + _token_regex(token, exact=False, last=False)[0]
        for at, token in enumerate(tokens)
    )
    lead = r"(?<![^\W\d_])" if form[0].isalpha() else ""
    return lead + body + _trail(form)


def _gap(before: re.Match[str], after: re.Match[str], text: str, exact: bool) -> str:
    written = text[before.end() : after.start()]
    if before.group("word") and after.group("word"):
        if exact:
            return _EXACT_WORD_GAP
        function_word = before.group().casefold()
        if function_word in word_set(FUNCTION_WORDS) and function_word not in _ARTICLES:
            return _WORD_GAP + _ARTICLE  # "spread of virus" in "the spread of the virus"
        return _WORD_GAP
    if "/" in (before.group(), after.group()) or "&" in (before.group(), after.group()) or written:
        return _SPACE + "*"
    return ""


def _token_regex(token: re.Match[str], *, exact: bool, last: bool) -> tuple[str, str, str]:
    """A token's pattern, the lower-case text every match of it starts with, and another that
    every match holds further on ("" when there is none)."""
    word = token.group("word")
    if word is None:
        symbol = token.group()
        return (_AND, "", "") if symbol == "&" and not exact else (_escaped(symbol), _literal_head(symbol), "")
    if exact:
        return _escaped(word) + ("(?:['’]s?|s)?" if last and word[-1].isalpha() else ""), _literal_head(word), ""
    return _word_regex(word)


def _escaped(word: str) -> str:
    return "".join(_QUOTE_CLASSES.get(character) or re.escape(character) for character in word)


def _literal_head(text: str) -> str:
    """The lower-case ASCII start of ``text`` that its pattern matches as written (quotes
    match several characters, and non-ASCII letters fold in ways lower() does not see)."""
    head = []
    for character in text:
        if character in _QUOTE_CLASSES or not character.isascii():
            break
        head.append(character.lower())
    return "".join(head)


@lru_cache(maxsize=16384)
def _word_regex(word: str) -> tuple[str, str, str]:
    """A word of an inexact rendering in any number, possessive or not, or as a verb; "and"
    also as "&". With the lower-case text every match of it starts with, and for a word that
    may be hyphenated after a compound prefix, the text every match holds after the prefix
    ("" for others): "co" tells little, "operat" much."""
    lower = word.casefold()
    if lower == "and":
        return _AND, "", ""
    stem = re.sub(r"['’]s$|(?<=s)['’]$", "", word)
    if not stem.isalpha() or stem.casefold() in word_set(FUNCTION_WORDS):
        return _escaped(stem) + (_POSSESSIVE if stem != word else ""), _literal_head(stem), ""
    inflected, head = _inflected(stem)
    prefixes = _compound_prefixes(stem)
    if not prefixes:
        return inflected, head, ""
    after_prefixes = [_inflected(stem[len(prefix) :]) for prefix in prefixes]
    prefixed = [re.escape(stem[: len(prefix)]) + f"[{_DASHES}]" + after[0] for prefix, after in zip(prefixes, after_prefixes)]
    return "(?:" + "|".join([inflected, *prefixed]) + ")", head[: min(map(len, prefixes))], _held_by_all(head, [after[1] for after in after_prefixes])


def _held_by_all(whole: str, after_prefixes: list[str]) -> str:
    """The longest after-prefix start (what every match after one prefix starts with) that
    every other after-prefix start and ``whole`` (the unsplit word's start) contain, so every
    match of the word holds it; "" when there is none."""
    held = [text for text in after_prefixes if text in whole and all(text in other for other in after_prefixes)]
    return max(held, key=len, default="")


def _compound_prefixes(word: str) -> list[str]:
    """The prefixes of rules/english/compound-prefixes.txt a closed word starts with, when a
    word of four letters or more follows (e-commerce and eco-mmerce are both tried: a wrong
    split matches nothing)."""
    lower = word.casefold()
    return [prefix for prefix in _prefixes_longest_first() if lower.startswith(prefix) and len(lower) - len(prefix) >= 4]


@lru_cache(maxsize=1)
def _prefixes_longest_first() -> tuple[str, ...]:
    return tuple(sorted(word_set(COMPOUND_PREFIXES), key=len, reverse=True))


@lru_cache(maxsize=1)
def _irregular_plurals() -> dict[str, str]:
    return {singular.casefold(): plural.casefold() for singular, plural in word_map(IRREGULAR_PLURALS).items()}


def _inflected(word: str) -> tuple[str, str]:
    """A content word in any number, possessive, or as a verb in -s, -ed or -ing (spread,
    spreading; quarantine, quarantined; transmit, transmitted), whichever of these the
    glossary wrote."""
    lower = word.casefold()
    irregular = _irregular_plurals()
    forms = {lower} | ({irregular[lower]} if lower in irregular else set())
    forms |= {singular for singular, plural in irregular.items() if plural == lower}
    stems = set(forms)
    if lower.endswith("ies") and len(lower) > 4:
        stems.add(lower[:-3] + "y")
    elif lower.endswith("s") and not lower.endswith("ss"):
        stems.add(lower[:-1])
        if lower.endswith(("ses", "xes", "zes", "hes")):
            stems.add(lower[:-2])  # viruses, boxes, matches; enterprises keeps its e
        if lower.endswith("ses"):
            stems.add(lower[:-3] + "sis")  # analyses
    for ending in ("ing", "ed"):
        base = lower[: -len(ending)]
        if lower.endswith(ending) and len(base) >= 4:
            # washing → wash; making → make; transmitted → transmit
            stems |= {base, base + "e"} | ({base[:-1]} if base[-1] == base[-2] else set())
    patterns = []
    heads = []
    for stem in sorted(stems, key=len, reverse=True):
        heads.append(stem[:-2] if stem.endswith("sis") else stem[:-1] if stem.endswith(("y", "e")) else stem)
        if stem in forms and stem in irregular.values():
            patterns.append(re.escape(stem))
        elif stem.endswith("sis"):
            patterns.append(re.escape(stem[:-2]) + "(?:is|es)")
        elif stem.endswith("y") and len(stem) > 2 and stem[-2] not in "aeiou":
            patterns.append(re.escape(stem[:-1]) + "(?:y|ies|ied|ying)")
        elif stem.endswith("e"):
            patterns.append(re.escape(stem[:-1]) + "(?:e[sd]?|ing)")
        else:
            doubled = f"{re.escape(stem[-1])}?" if _CONSONANT_VOWEL_CONSONANT.search(stem) else ""
            patterns.append(re.escape(stem) + f"(?:e?s|{doubled}(?:ed|ing))?")
    return "(?:" + "|".join(patterns) + ")" + _POSSESSIVE, _literal_head(os.path.commonprefix(heads))


# A word whose last consonant is doubled before -ed and -ing (transmit, plan; not wash, open).
_CONSONANT_VOWEL_CONSONANT = re.compile(r"(?:^|[^aeiou])[aeiou][b-df-hj-np-tvz]$")


def term_index(paths: Sequence[str]) -> TermIndex | None:
    """The merged index of the glossaries at ``paths`` (None when there are none), rebuilt only
    when one of the files changes."""
    if not paths:
        return None
    return _index(tuple(map(_version, paths)))


@lru_cache(maxsize=8)
def _index(versions: tuple[tuple[str, int, int], ...]) -> TermIndex:
    glossaries = [_load(*version) for version in versions]
    if len(glossaries) == 1:
        return TermIndex(glossaries[0].terms)  # merged already
    return TermIndex(merge_terms(term for glossary in glossaries for term in glossary.terms))
