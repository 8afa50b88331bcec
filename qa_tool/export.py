"""Writing aligned pairs out (``qa-tool align FILE -o pairs.tsv|pairs.tmx``) so that a person
can inspect an automatic alignment, fix it in a spreadsheet or a CAT tool, and check the
fixed file again.

TSV: a header ``id, source, target, alignment``, then one line per pair, in the IANA
text/tab-separated-values form that qa-tool's TSV reader reads: no quoting, quotes kept as
written. A field cannot hold a tab or a line break there, so each run of them inside a text
(merged paragraphs are joined by a newline) is written as one space: the words survive, and
the file opens cleanly in any spreadsheet. The alignment column is the confidence with 4
decimals, or empty when the file itself paired the texts.

TMX 1.4 (UTF-8): one <tu tuid=id> per pair, its notes as <note>, the confidence as
<prop type="x-alignment-confidence">, then a <tuv> per language. Text is XML-escaped, and a
carriage return is written as &#13; because XML parsers turn a literal one into a newline.
"""

from __future__ import annotations

from typing import Iterable, TextIO
from xml.sax.saxutils import escape, quoteattr

import regex

from qa_tool import __version__
from qa_tool.errors import InputError
from qa_tool.model import SegmentPair

TSV_HEADER = ("id", "source", "target", "alignment")
ALIGNMENT_PROPERTY = "x-alignment-confidence"

# Characters XML 1.0 cannot hold at all, even escaped.
NOT_XML = regex.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\\p{Cs}]")
_TEXT_ENTITIES = {"\r": "&#13;"}
# What a TSV field cannot hold.
TSV_BREAKS = regex.compile(r"[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")


def _alignment_text(alignment: float | None) -> str:
    return "" if alignment is None else f"{alignment:.4f}"


def write_tsv(pairs: Iterable[SegmentPair], stream: TextIO) -> int:
    """Write the pairs as TSV (see the module docstring); return how many were written."""
    stream.write("\t".join(TSV_HEADER) + "\n")
    count = 0
    for pair in pairs:
        fields = (pair.id, pair.source, pair.target, _alignment_text(pair.alignment))
        stream.write("\t".join(TSV_BREAKS.sub(" ", field) for field in fields) + "\n")
        count += 1
    return count


def write_tmx(pairs: Iterable[SegmentPair], stream: TextIO, source_lang: str, target_lang: str) -> int:
    """Write the pairs as a TMX 1.4 document (see the module docstring) to a stream that
    encodes UTF-8, as the XML declaration says; return how many were written. A text with a
    character XML cannot hold raises InputError naming its pair."""
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')
    header = {
        "creationtool": "qa-tool",
        "creationtoolversion": __version__,
        "datatype": "plaintext",
        "segtype": "paragraph",
        "adminlang": "en",
        "srclang": source_lang,
        "o-tmf": "qa-tool",
    }
    stream.write(f"  <header{_attributes(header)}/>\n  <body>\n")
    count = 0
    for pair in pairs:
        _check_xml_characters(pair)
        stream.write(f"    <tu tuid={quoteattr(pair.id)}>\n")
        for note in pair.notes:
            stream.write(f"      <note>{_text(note)}</note>\n")
        if pair.alignment is not None:
            stream.write(
                f'      <prop type="{ALIGNMENT_PROPERTY}">{_alignment_text(pair.alignment)}</prop>\n'
            )
        for language, text in ((source_lang, pair.source), (target_lang, pair.target)):
            stream.write(f"      <tuv xml:lang={quoteattr(language)}><seg>{_text(text)}</seg></tuv>\n")
        stream.write("    </tu>\n")
        count += 1
    stream.write("  </body>\n</tmx>\n")
    return count


def _attributes(values: dict[str, str]) -> str:
    return "".join(f" {name}={quoteattr(value)}" for name, value in values.items())


def _text(text: str) -> str:
    return escape(text, _TEXT_ENTITIES)


def _check_xml_characters(pair: SegmentPair) -> None:
    notes = (("note", note) for note in pair.notes)
    fields = (("id", pair.id), ("source", pair.source), ("target", pair.target), *notes)
    for field, text in fields:
        found = NOT_XML.search(text)
        if found:
            raise InputError(
                f"pair {pair.id}: its {field} contains the control character U+{ord(found.group()):04X}, "
                "which TMX (XML) cannot hold; export to TSV instead, or remove the character",
                path=pair.location.path,
                line=pair.location.line,
            )
