"""Text a translation carries over unchanged: placeholders, web and e-mail addresses, codes
and acronyms. The markup rules compare them between the two sides; the punctuation and
spacing rules step around them (the colon of "https://" is not a colon missing its space)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Hashable, Iterable, Protocol, Sequence, TypeVar

import regex

from qa_tool.model import InlineTag
from qa_tool.resources import word_set


@dataclass(frozen=True, slots=True)
class Literal:
    """One placeholder, address or code found in a text."""

    # As written.
    text: str
    # What the other side must hold for this one to count as kept.
    key: str
    start: int
    end: int


class Keyed(Protocol):
    """Anything compared between the two sides by a key: a Literal, a Markup."""

    @property
    def key(self) -> Hashable: ...


KeyedItem = TypeVar("KeyedItem", bound=Keyed)


def unmatched(items: Sequence[KeyedItem], others: Iterable[Keyed]) -> list[KeyedItem]:
    """The items whose key ``others`` holds fewer times: the surplus of each key, counting
    repeats, as the last such items in ``items``."""
    surplus = Counter(item.key for item in items)
    surplus.subtract(other.key for other in others)
    left = []
    for item in reversed(items):
        if surplus[item.key] > 0:
            surplus[item.key] -= 1
            left.append(item)
    return left[::-1]


# --- placeholders -------------------------------------------------------------------------

# printf (C, Objective-C %@, positional %1$s), Python %(name)s, {{x}}, ${x}, $(NAME), {0},
# {name}, and a name in capitals between number signs (#NAME#, #PRS_ORG#, as templates and
# anonymised text write them). "%%" is an escaped percent sign, matched only so that it is
# skipped; a % after a digit is a percentage ("50%d" is not a placeholder). Tags written in
# the text (<br/>) are markup, compared with the file's inline tags.
_PLACEHOLDER = re.compile(
    r"""
    (?P<escaped>%%)
    | (?<![%\d])%(?:(?P<position>[1-9]\d?)\$)?
      (?P<spec>[-+0\#]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[@diuxXfFeEgGcCsSp])
    | (?<![%\d])%\([A-Za-z_][A-Za-z0-9_]*\)[-+0\#]*\d*(?:\.\d+)?[sdifrx]
    | \{\{\s*[A-Za-z0-9_.\-]+\s*\}\}
    | \$\{[^{}\s]+\}
    | \$\([A-Za-z_][A-Za-z0-9_.\-]*\)
    | \{(?:\d+|[A-Za-z_][A-Za-z0-9_.\-]*)\}
    | \#[A-Z][A-Z0-9_]*\#
    """,
    re.VERBOSE,
)
# Cheap test before the full pattern: every placeholder holds one of these.
PLACEHOLDER_SIGNS = frozenset("%{$#")
_PLACEHOLDER_SIGN = re.compile("[" + re.escape("".join(sorted(PLACEHOLDER_SIGNS))) + "]")
_WHITE_SPACE = re.compile(r"\s+")


def find_placeholders(text: str) -> list[Literal]:
    """The placeholders in ``text`` in order. A printf placeholder without a position gets
    the key of the next one: ``%@ of %@`` has the keys of ``%1$@ of %2$@``, so a translation
    may number them to reorder them."""
    if not _PLACEHOLDER_SIGN.search(text):
        return []
    found = []
    implicit_position = 0
    for match in _PLACEHOLDER.finditer(text):
        if match.group("escaped"):
            continue
        written = match.group()
        if match.group("spec"):
            position = match.group("position")
            if position is None:
                implicit_position += 1
                position = str(implicit_position)
            key = f"%{position}${match.group('spec')}"
        else:
            key = _WHITE_SPACE.sub("", written)
        found.append(Literal(written, key, match.start(), match.end()))
    return found


# --- web and e-mail addresses -------------------------------------------------------------

# An address ends at white space, a quotation mark, Chinese text or Chinese punctuation.
_ADDRESS_BODY = r"[^\s<>\"'“”‘’\p{Han}（）【】「」《》，。；：！？、]+"
_EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
# Punctuation that ends the sentence rather than the address: "see https://x.org/a."
_TRAILING = ".,;:!?'\")]"


@lru_cache(maxsize=None)
def _address_pattern() -> regex.Pattern[str]:
    schemes = "|".join(sorted(word_set("markup/uri-schemes.txt"), key=len, reverse=True))
    return regex.compile(
        rf"(?<![A-Za-z0-9@.])(?:[A-Za-z][A-Za-z0-9+.\-]*://|www\.|(?:{schemes}):){_ADDRESS_BODY}"
        rf"|(?<![A-Za-z0-9._%+\-]){_EMAIL}",
        regex.IGNORECASE,
    )


# Locale parts of an address, which a translation rightly changes: zh.wikipedia.org →
# en.wikipedia.org, /zh-CN/ → /en-US/, ?lang=zh → ?lang=en.
_LOCALE_PART = re.compile(r"(?<=[/.=])(?:zh|en|cn)(?:[-_][a-z]{2,4})?(?=[/.&#?]|$)", re.IGNORECASE)
_SCHEME_AND_HOST = re.compile(r"^(?:[a-z][a-z0-9+.\-]*://)?[^/?#]*", re.IGNORECASE)


def find_addresses(text: str) -> list[Literal]:
    """URLs and e-mail addresses in ``text``. Keys ignore what a correct translation may
    change: the case of the scheme and host, a final slash and the locale parts."""
    if "@" not in text and "www." not in text.lower() and (":" not in text or not _may_hold_scheme(text)):
        return []
    found = []
    for match in _address_pattern().finditer(text):
        address = _without_sentence_punctuation(match.group())
        if "." not in address and ":" not in address.rstrip(":"):
            continue  # "www." alone, or a scheme with nothing after it
        start = match.start()
        found.append(Literal(address, _address_key(address), start, start + len(address)))
    return found


def _may_hold_scheme(text: str) -> bool:
    """Whether ``text``, which holds a colon, may hold an address's scheme: "://" or a listed
    scheme and its colon (mailto:). Most colons are a sentence's, and the address pattern,
    which this spares, reads a text slowly. Text beyond ASCII is always searched, as case
    folding there has surprises (ſ is an s)."""
    return not text.isascii() or "://" in text or _scheme_colon().search(text.lower()) is not None


@lru_cache(maxsize=None)
def _scheme_colon() -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(map(re.escape, word_set("markup/uri-schemes.txt"))) + "):")


def _without_sentence_punctuation(address: str) -> str:
    end = len(address)
    opening, closing = address.count("("), address.count(")")
    while end and address[end - 1] in _TRAILING:
        if address[end - 1] == ")":
            if opening >= closing:
                break  # a parenthesis of the address itself, as in wiki links
            closing -= 1
        end -= 1
    return address[:end]


def _address_key(address: str) -> str:
    key = _SCHEME_AND_HOST.sub(lambda match: match.group().lower(), address, count=1)
    return _LOCALE_PART.sub("{locale}", key).rstrip("/")


# --- codes and acronyms -------------------------------------------------------------------

# A run of Latin letters and digits, hyphens inside; not part of a longer word, a file name
# or a dotted abbreviation ("U.S.", "Fig.2"). What may stand before it is tested after its
# first character, so a search jumps to Latin characters instead of trying every Chinese one.
_TOKEN = re.compile(r"[A-Za-z0-9](?<![A-Za-z0-9_.\-].)[A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?![A-Za-z0-9_\-])")
_UPPER = re.compile(r"[A-Z]")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
# The parts of a code that a translation may join with a hyphen, a dash, a slash or a
# space, or write together: COVID-19, COVID 19, COVID19, MERS- CoV; ISO9001, ISO 9001; the
# words of a name written together, TokenTerminal, Token Terminal.
_CODE_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
_WORD = re.compile(r"[a-z]+")
# A word with two or more capitals, whose capitals may abbreviate it: TikTok for TT. (A
# match takes a whole run of letters, so it starts only where one starts.)
_CAMEL_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]*[A-Z][a-z]+[A-Z][A-Za-z]*")
# A clock time written the French way, 08H00: a number for the number rules, not a code.
_CLOCK_TIME = re.compile(r"[0-9]{1,2}[Hh][0-9]{2}")
# Latin words Chinese writes in capitals as words of its own, which English translates:
# 品质应该OK的 ("the quality is fine"), 胖MM ("fat girls"), 最IN的搭配 ("the trendiest").
LATIN_SLANG = "markup/chinese-latin-slang.txt"
# Characters that make the digits before them a date: RCEP2022年 is the code RCEP and 2022年.
DATE_UNITS = "markup/date-unit-characters.txt"
# A code found run together with the letters of a neighbouring word is long enough to be
# itself and not part of an ordinary word.
MIN_RUN_TOGETHER_CODE = 3
# A code longer than this counts as kept when the English has its letters and digits in
# order with nothing but punctuation and spaces between them: the pattern that allows spaces
# and hyphens between its parts only, compiled for a token of thousands of characters (junk,
# not a code anyone types), takes seconds. Shorter codes, all real ones, are matched by it.
MAX_PATTERN_CODE = 100
_NOT_LETTER_OR_DIGIT = re.compile(r"[^a-z0-9]+")


def find_codes(text: str) -> list[Literal]:
    """Latin tokens that name something and are written the same in any language: two or
    more capitals (WHO, SARS-CoV-2, PowerPoint) or a capital and a digit (N95, ACE2). Lower
    case words, pinyin and single letters (A股) are not codes, nor are tokens inside
    placeholders and addresses ($(PRODUCT_NAME), https://WWW.WHO.INT)."""
    if not _UPPER.search(text):
        return []
    found = []
    slang = word_set(LATIN_SLANG)
    for match in _TOKEN.finditer(text):
        if match.group().islower() or match.group().isdigit():
            continue  # no capital: not a code (2021, covid)
        token, end = _without_date_digits(match.group(), text, match.end())
        capitals = len(_UPPER.findall(token))
        if token in slang or _CLOCK_TIME.fullmatch(token):
            continue
        if capitals >= 2 or (capitals and any(char.isdigit() for char in token)):
            found.append(Literal(token, token.upper(), match.start(), end))
    if found:
        found = _outside(found, protected_spans(text))
    return found


def _outside(codes: list[Literal], spans: list[tuple[int, int]]) -> list[Literal]:
    """The codes (in text order) that overlap none of the spans, in one pass over both."""
    spans = sorted(spans)
    kept = []
    next_span = 0
    # The furthest end of the spans that start before the code ends.
    reach = -1
    for code in codes:
        while next_span < len(spans) and spans[next_span][0] < code.end:
            reach = max(reach, spans[next_span][1])
            next_span += 1
        if reach <= code.start:
            kept.append(code)
    return kept


def _without_date_digits(token: str, text: str, end: int) -> tuple[str, int]:
    """A token of letters then digits that a date character follows (RCEP2022年) as its
    letters alone, with their end: the digits are the date's."""
    if end < len(text) and text[end] in word_set(DATE_UNITS):
        letters = token.rstrip("0123456789")
        if letters != token and len(_UPPER.findall(letters)) >= 2 and letters[-1].isalpha():
            return letters, end - (len(token) - len(letters))
    return token, end


def code_is_kept(code: str, target: str, lower_target: str | None = None) -> bool:
    """Whether the target holds ``code`` in any case and spacing (Covid-19 for COVID-19,
    Token Terminal for TokenTerminal), as a plural or possessive (GPs, WHO's), its Arabic
    number for a Roman one, spelt out as words whose initials make the acronym (World Health
    Organization for WHO), or as one word whose capitals make it (TikTok for TT).
    ``lower_target`` is the target in lower case, when the caller has it already."""
    lower_target = target.lower() if lower_target is None else lower_target
    if len(code) > MAX_PATTERN_CODE:
        if _NOT_LETTER_OR_DIGIT.sub("", code.lower()) in _NOT_LETTER_OR_DIGIT.sub("", lower_target):
            return True
    elif _written_as_is(code, lower_target) or _code_pattern(code).search(lower_target):
        return True
    roman = _ROMAN.get(code)
    if roman is not None and re.search(rf"(?<!\d){roman}(?!\d)", lower_target):
        return True
    if not code.isalpha():
        return False
    if code.isupper() and any("".join(_UPPER.findall(word)) == code for word in _CAMEL_WORD.findall(target)):
        return True
    return _spelt_out(code.lower(), lower_target)


def run_together(code: str, target: str) -> str | None:
    """The word of ``target`` that holds ``code`` as written, run together with the letters
    of a neighbouring word (ChinaUCCA, USSRonaldReagan), if the code is long enough to tell."""
    if len(code) < MIN_RUN_TOGETHER_CODE:
        return None
    # The run of non-space characters around the code's first occurrence (a code has no spaces).
    at = target.find(code)
    if at < 0:
        return None
    start = at
    while start and not target[start - 1].isspace():
        start -= 1
    end = _SPACE.search(target, at + len(code))
    return target[start : end.start() if end else len(target)].strip(_TRAILING + "“”‘’(")


_SPACE = re.compile(r"\s")


# Codes recur within a document, so their patterns are kept; lower-case patterns compile
# several times faster than case-insensitive ones.
@lru_cache(maxsize=16384)
def _code_pattern(code: str) -> re.Pattern[str]:
    parts = r"(?:\s*[-–—/]\s*|\s)?".join(re.escape(part.lower()) for part in _CODE_PART.findall(code))
    return re.compile(rf"(?<![a-z0-9]){parts}{_CODE_END.pattern}")


# How a code ends in the English: as itself, a plural or a possessive, then no letter or digit.
_CODE_END = re.compile(r"(?:['’]?s)?(?![a-z0-9])")
_LETTERS_AND_DIGITS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _written_as_is(code: str, lower_target: str) -> bool:
    """Whether a code of letters and digits (hyphens inside) stands in the English as the
    Chinese writes it, in any case, where its pattern would find it: most codes are, and
    their patterns need not be compiled (a compile costs as much as checking a few hundred
    pairs)."""
    if not _TOKEN.fullmatch(code):
        return False
    lower_code = code.lower()
    at = lower_target.find(lower_code)
    while at != -1:
        if (not at or lower_target[at - 1] not in _LETTERS_AND_DIGITS) and _CODE_END.match(lower_target, at + len(lower_code)):
            return True
        at = lower_target.find(lower_code, at + 1)
    return False


def _spelt_out(acronym: str, lower_target: str) -> bool:
    """Whether consecutive words of the target start with the acronym's letters, with or
    without its function words: "Centers for Disease Control" for CDC, "Do Not Track" for
    DNT, "intensive care unit" for ICU."""
    words = _WORD.findall(lower_target)
    if acronym in "".join(word[0] for word in words):
        return True
    function_words = word_set("english/function-words.txt")
    return acronym in "".join(word[0] for word in words if word not in function_words)


# "&nbsp;" and "&#8212;" in text from HTML: the semicolon belongs to the entity.
_ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Where the placeholders, addresses and HTML entities of ``text`` are: text that follows
    the rules of code, not of English punctuation."""
    spans = [(literal.start, literal.end) for literal in (*find_placeholders(text), *find_addresses(text))]
    if "&" in text:
        spans += [match.span() for match in _ENTITY.finditer(text)]
    return spans


# --- markup: the file's inline tags and tags written in the text --------------------------

@dataclass(frozen=True, slots=True)
class Markup:
    """An inline tag of the file (zero width where it stood) or a tag written in the text
    (<b>, </b>, <br/>), which a translation must carry over like the file's."""

    name: str
    id: str
    # "open", "close" or "standalone".
    kind: str
    start: int
    end: int
    # As a translator sees it in a CAT tool or the text: <g id="1">, <br/>.
    shown: str

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes two tags the same tag; where it stands may move with the word order."""
        return self.name, self.id, self.kind


_TEXT_TAG = re.compile(r"<(?P<closing>/?)(?P<name>[A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*?)?(?P<empty>/?)>")
# HTML elements that never have content or a closing tag.
_VOID_ELEMENTS = frozenset({"br", "hr", "img", "input", "wbr", "meta", "link", "area", "col", "source"})
# Opening and closing halves of one tag, by element name: TMX bpt/ept, XLIFF 1.2 bx/ex,
# XLIFF 2 sc/ec and sm/em; g, hi, pc, mrk and text tags close with their own name.
_TAG_FAMILY = {"ept": "bpt", "ex": "bx", "ec": "sc", "em": "sm"}


def markup(text: str, tags: Iterable[InlineTag]) -> list[Markup]:
    """The file's inline tags of one side and the tags written in its text, in text order."""
    found = [Markup(tag.name, tag.id, tag.kind, tag.position, tag.position, _shown(tag)) for tag in tags]
    if "<" in text:
        for match in _TEXT_TAG.finditer(text):
            name = match.group("name").lower()
            if match.group("closing"):
                kind = "close"
            elif match.group("empty") or name in _VOID_ELEMENTS:
                kind = "standalone"
            else:
                kind = "open"
            found.append(Markup(name, "", kind, match.start(), match.end(), match.group()))
    return sorted(found, key=lambda tag: tag.start)


def _shown(tag: InlineTag) -> str:
    identity = f' id="{tag.id}"' if tag.id else ""
    forms = {"open": f"<{tag.name}{identity}>", "close": f"</{tag.name}{identity}>"}
    shown = forms.get(tag.kind, f"<{tag.name}{identity}/>")
    return f"{shown} ({tag.code})" if tag.code else shown


def misnested_markup(tags: Iterable[Markup]) -> list[Markup]:
    """The closing tags that close something other than the innermost open tag (or nothing),
    then the opening tags never closed. Isolated tags (TMX/XLIFF ``it``) pair with nothing."""
    # Open tags in order (None once closed out of turn), and per (name, id) the indexes of
    # those still open, so each closing tag finds its partner in constant time: a segment of
    # thousands of tags stays linear.
    opened: list[Markup | None] = []
    open_by_key: dict[tuple[str, str], list[int]] = {}
    wrong = []
    for tag in tags:
        if tag.kind == "standalone" or tag.name == "it":
            continue
        if tag.kind == "open":
            open_by_key.setdefault((tag.name, tag.id), []).append(len(opened))
            opened.append(tag)
            continue
        while opened and opened[-1] is None:
            opened.pop()
        partners = open_by_key.get((_TAG_FAMILY.get(tag.name, tag.name), tag.id))
        if partners and partners[-1] == len(opened) - 1:
            partners.pop()
            opened.pop()
            continue
        wrong.append(tag)
        if partners:
            opened[partners.pop()] = None
    return wrong + [tag for tag in opened if tag is not None]
