"""gettext PO files and POT templates, read with polib: one pair per entry, msgid as the source
and msgstr as the target, located at the entry's first line with its msgctxt as the unit.

- Plural forms: each msgstr[n] is a pair of its own, with the id ``LINE[n]``. Its source is
  the msgid for form 0 and the msgid_plural for the others, as gettext picks them for n = 1
  and for other numbers in English and most languages (Chinese has one form, msgstr[0]).
- Status: ``#, fuzzy`` is a draft (gettext never uses such a translation), an empty msgstr is
  new, any other msgstr translated (the table is in qa_tool.readers._status). Obsolete entries
  (``#~``) are not read: they are kept for reuse, and no program shows them.
- Notes: the extracted comments (``#.``, the programmer's) and then the translator comments
  (``# ``), one note per line, so a ``# qa-ignore: CODE reason`` comment suppresses findings.
- Direction: a PO file names the language of its msgstr in its ``Language`` header, and
  Poedit the language of its msgid in ``X-Source-Language``; a file that translates into
  Chinese (a usual software catalogue, English msgid) is read with its sides swapped, as
  en→zh XLIFF is, and other languages are an error.
- Encoding: a byte order mark, else --encoding, else the header's ``charset``, else UTF-8
  (a template's ``charset=CHARSET`` placeholder means UTF-8).

polib holds the whole catalogue in memory; PO files are source-code sized.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, BinaryIO, Iterator

from qa_tool.errors import InputError
from qa_tool.model import Location, SegmentPair
from qa_tool.readers import ReadOptions
from qa_tool.readers._direction import is_swapped
from qa_tool.readers._status import PO_STATES, segment_status
from qa_tool.readers._text import numbered_lines, text_encoding

if TYPE_CHECKING:
    import polib

# Where the header names its charset; it is read from the raw bytes before decoding.
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
_HEADER_BYTES = 65536
# polib's words for a line it cannot parse.
_SYNTAX_ERROR_LINE = re.compile(r"\(line (\d+)\)")
FUZZY = "fuzzy"


def read(stream: BinaryIO, name: str, options: ReadOptions) -> Iterator[SegmentPair]:
    catalogue = parse(stream, name, options)
    swapped = is_read_swapped(catalogue, options, name)
    for entry in catalogue:
        if entry.obsolete:
            continue
        location = Location(path=name, line=entry.linenum, unit=entry.msgctxt)
        notes = _lines(entry.comment) + _lines(entry.tcomment)
        if entry.msgid_plural:
            for form, translation in sorted(entry.msgstr_plural.items()):
                original = entry.msgid if form == 0 else entry.msgid_plural
                yield _pair(f"{entry.linenum}[{form}]", original, translation, location, notes, entry.flags, swapped)
        else:
            yield _pair(str(entry.linenum), entry.msgid, entry.msgstr, location, notes, entry.flags, swapped)


def is_read_swapped(catalogue: "polib.POFile", options: ReadOptions, name: str) -> bool:
    """True when the catalogue's msgstr is in the source language (its msgid the target's)."""
    return is_swapped(catalogue.metadata.get("X-Source-Language"), catalogue.metadata.get("Language"), options, name, None)


def parse(stream: BinaryIO, name: str, options: ReadOptions) -> "polib.POFile":
    """The whole catalogue; InputError naming the line polib could not parse."""
    import polib

    text = "".join(line for _, line in numbered_lines(stream, name, _given_encoding(stream, name, options), keep_ends=True))
    # polib opens its argument as a path when a file of that name exists: a line break at the
    # end keeps a one-line "PO file" such as /etc/passwd from naming one.
    if not text.endswith("\n"):
        text += "\n"
    try:
        return polib.pofile(text, encoding="utf-8", wrapwidth=78)
    except (OSError, ValueError, KeyError, IndexError) as error:
        found = _SYNTAX_ERROR_LINE.search(str(error))
        line = int(found.group(1)) if found else None
        detail = "a line that is not PO syntax" if found else f"{type(error).__name__}: {error}"
        raise InputError(f"cannot read the PO file: {detail}", path=name, line=line) from None


def encoding_of(stream: BinaryIO, name: str, options: ReadOptions) -> str:
    """The encoding of a PO file without a byte order mark (see the module docstring)."""
    return _given_encoding(stream, name, options) or "utf-8"


def _given_encoding(stream: BinaryIO, name: str, options: ReadOptions) -> str | None:
    """--encoding, else the header's charset; None when neither names one."""
    if options.encoding:
        return options.encoding
    peek = getattr(stream, "peek", None)
    found = _CHARSET.search(peek(_HEADER_BYTES)[:_HEADER_BYTES] if peek else b"")
    if found is None or found.group(1).upper() == b"CHARSET":
        return None
    charset = found.group(1).decode("ascii")
    try:
        return text_encoding(charset)
    except ValueError as error:
        raise InputError(f"the PO header's charset is unusable: {error}; pass --encoding", path=name) from None


def _lines(comment: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in comment.splitlines() if line.strip())


def status_word(flags: list[str], translation: str) -> str:
    """The PO state of a translation: fuzzy, untranslated or translated."""
    if FUZZY in flags:
        return FUZZY
    return "translated" if translation else "untranslated"


def _pair(
    pair_id: str, original: str, translation: str, location: Location, notes: tuple[str, ...], flags: list[str], swapped: bool
) -> SegmentPair:
    source, target = (translation, original) if swapped else (original, translation)
    return SegmentPair(
        id=pair_id,
        source=source,
        target=target,
        location=location,
        notes=notes,
        status=segment_status(PO_STATES, status_word(flags, translation)),
    )
