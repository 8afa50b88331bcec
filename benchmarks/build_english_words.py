"""Rebuilds rules/english/words.txt, names.txt and british-american.tsv from SCOWL
(Spell-Checker Oriented Word Lists, Kevin Atkinson; Debian package ``scowl``, whose word
lists may be used, copied and sold freely with their copyright notice: see the header the
files carry). Run by hand when SCOWL changes: `apt-get install scowl && python
benchmarks/build_english_words.py`; qa-tool itself only reads the files it writes."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

SCOWL = Path("/usr/share/dict/scowl")
# Size 70 is SCOWL's "large" list, what spell checkers ship as their large dictionary; 80 and
# 95 add rare and archaic words, which would hide typos of common ones (the planted-edit
# measure in docs/precision.md).
MAX_SIZE = 70
# Every spelling variety the rules accept as a word: common English, American, British
# (-ise and Oxford -ize) and the two levels of accepted variants (judgement/judgment,
# cancelation, benefitting); not SCOWL's "seldom used" level 3 (leant).
VARIETIES = ("english", "american", "british", "british_z", "variant_1", "variant_2", "british_variant_1", "british_variant_2")
KINDS = ("words", "upper", "proper-names", "abbreviations", "contractions")
# British → American respellings (patterns) tried, in order, to find a British word's twin.
RESPELLINGS = tuple(
    (re.compile(old), new)
    for old, new in (
        ("our", "or"), ("is(?=ation|e|ing|ed|er)", "iz"), ("ys(?=e|ing|ed)", "yz"), ("re(?=s?$|d$)", "er"),
        ("ogue", "og"), ("ll", "l"), ("ae", "e"), ("oe(?!s?$)", "e"), ("ence", "ense"), ("l", "ll"),
        ("mme", "m"), ("eing", "ing"), ("que", "ck"), ("ium", "um"), ("sc", "sk"), ("ould", "old"),
        ("^plough", "plow"), ("aught", "aft"), ("ph", "f"), ("oeu", "eu"), ("^grey", "gray"),
        ("yre", "ire"), ("^kerb", "curb"), ("pt$", "ped"),
    )
)
# Pairs the respellings make that are not one word in two spellings.
NOT_TWINS = frozenset({"haem", "haems", "prise", "prises", "prised", "prising", "nought", "noughts", "fayre", "goey"})
HEADER = """# {what}
# Built by benchmarks/build_english_words.py from SCOWL (size {size}), Copyright 2000-2019 by
# Kevin Atkinson: "Permission to use, copy, modify, distribute and sell these word lists, the
# associated scripts, the output created from the scripts, and its documentation for any
# purpose is hereby granted without fee, provided that the above copyright notice appears in
# all copies and that both that copyright notice and this permission notice appear in
# supporting documentation. Kevin Atkinson makes no representations about the suitability of
# this array for any purpose. It is provided "as is" without express or implied warranty."
# Full notice: http://wordlist.aspell.net/scowl-readme/ (Debian: /usr/share/doc/scowl/copyright).
"""


def _scowl(varieties: tuple[str, ...], kinds: tuple[str, ...]) -> set[str]:
    words: set[str] = set()
    for path in SCOWL.iterdir():
        name, _, size = path.name.rpartition(".")
        variety, _, kind = name.rpartition("-")
        if variety in varieties and kind in kinds and size.isdigit() and int(size) <= MAX_SIZE:
            with path.open(encoding="utf-8") as stream:
                words.update(line.strip() for line in stream)
    # The possessive 's is split off before look-up; a # would start a comment in rules/.
    return {word for word in words if word and not word.endswith("'s") and "#" not in word}


def names_of(words: set[str]) -> set[str]:
    """The capitalised words without a lower-case twin in ``words``: names. They are listed
    apart so that the spelling rules read them without sorting the whole list at start-up."""
    lower_case = {word for word in words if word.islower()}
    return {word for word in words if word[:1].isupper() and word.lower() not in lower_case}


def _respellings(word: str) -> list[str]:
    return [
        word[: match.start()] + new + word[match.end():]
        for old, new in RESPELLINGS
        for match in old.finditer(word)
    ]


def _american_twin(british: str, american: set[str]) -> str | None:
    """The American spelling of a British-only word: one respelling, else two
    (colourising → colorizing)."""
    if british in NOT_TWINS:
        return None
    once = _respellings(british)
    for twin in once + [twice for word in once for twice in _respellings(word)]:
        if twin in american:
            return twin
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", default=str(Path(__file__).resolve().parent.parent / "rules" / "english"))
    out = Path(parser.parse_args().rules)
    words = _scowl(VARIETIES, KINDS)
    names = names_of(words)
    lists = {
        "words.txt": (words - names, "English words in every spelling variety but the names of names.txt: with them, what SP01 and SP02 accept as spelt right."),
        "names.txt": (names, "The words SCOWL writes only capitalised (Beijing, Adrian): names to SP01 and SP02, and words they accept as spelt right."),
    }
    for name, (listed, what) in lists.items():
        (out / name).write_text(
            HEADER.format(what=what, size=MAX_SIZE) + "".join(f"{word}\n" for word in sorted(listed)), encoding="utf-8"
        )
    british = {w for w in _scowl(("british",), ("words",)) if w.islower()}
    american = {w for w in _scowl(("american",), ("words",)) if w.islower()}
    shared = {w for w in _scowl(("english",), ("words",)) if w.islower()}
    pairs = sorted((word, twin) for word in british if (twin := _american_twin(word, american)))
    british_only = sorted((word, twin) for word in british - dict(pairs).keys() if (twin := _american_twin(word, shared)))
    tables = {
        "british-american.tsv": (pairs, "British spelling → American spelling, each used by its variety only (colour, color), for SP03."),
        "british-only.tsv": (british_only, "British spelling → the spelling American English uses, which British English uses too (metre, meter: a device), for SP03 with --variant en-US."),
    }
    for name, (table, what) in tables.items():
        (out / name).write_text(
            HEADER.format(what=what, size=MAX_SIZE) + "".join(f"{b}\t{a}\n" for b, a in table), encoding="utf-8"
        )
    print(f"{len(words)} words, {len(names)} of them names; of {len(british)} British-only words, {len(pairs)} have an American twin and {len(british_only)} a shared one")


if __name__ == "__main__":
    main()
