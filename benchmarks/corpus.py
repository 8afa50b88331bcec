"""Benchmark corpora: real zh→en sentences recombined into N pairs, with errors injected at
fixed rates, written as TMX 1.4, XLIFF 1.2, TSV and PO (the same pairs in every format).

Sentences come from the expert-annotated dev set (each Chinese source with its human
reference ref_B and with every system's output), the TICO-19 TMX and the bundled sample
article. A corpus pair is one of those pairs (10 %) or two of them joined (90 %), so every
sentence stays real text while most pairs are unique. The dev set has about fifteen
translations of each of its 529 sources; a repeated source (or pair of joined sources)
always gets the same one of them, picked by a hash of the sources, as a translation memory
reuses its translation: drawing them freely would make the consistency rules flag a third
of a 1M-pair corpus.

Errors are injected with a seeded generator, so a size and a seed always give the same
files. Each kind is injected into exactly its share of pairs: a pair drawn for a kind is
redrawn until the kind applies to it (a changed number needs a number the source also has).
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, TextIO
from xml.sax.saxutils import escape, quoteattr

from qa_tool.readers import ReadOptions, open_input, read_pairs
from qa_tool.readers.interleaved import read as read_interleaved

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "chongqing-fao-news.zh-en.txt"
SOURCE_LANG, TARGET_LANG = "zh-CN", "en-US"
# Share of corpus pairs made of two pool pairs joined.
JOINED_SHARE = 0.9
# Bump when the corpus content changes, so cached corpora are rebuilt.
GENERATOR_VERSION = 4
CORPUS_FORMATS = ("tmx", "xliff", "tsv", "po")

_NUMBER = re.compile(r"\d+")
# "'s" after a noun; the contractions of "is"/"us" are not possessives.
_POSSESSIVE = re.compile(r"\b(?!(?:it|that|he|she|what|there|here|let|who|where|how)['’]s\b)([A-Za-z]+)['’]s\b", re.IGNORECASE)
# Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Sentence:
    source: str
    target: str


@dataclass(frozen=True, slots=True)
class ErrorKind:
    name: str
    rate: float
    applies: Callable[[Sentence], bool]
    inject: Callable[[Sentence], str]


def _shared_number(sentence: Sentence) -> re.Match[str] | None:
    return next((m for m in _NUMBER.finditer(sentence.target) if m.group() in sentence.source), None)


def _change_number(sentence: Sentence) -> str:
    match = _shared_number(sentence)
    assert match is not None
    changed = match.group()[:-1] + str((int(match.group()[-1]) + 1) % 10)
    return sentence.target[: match.start()] + changed + sentence.target[match.end() :]


ERROR_KINDS = (
    ErrorKind("changed number", 0.02, lambda s: _shared_number(s) is not None, _change_number),
    ErrorKind("possessive without apostrophe", 0.01, lambda s: _POSSESSIVE.search(s.target) is not None,
              lambda s: _POSSESSIVE.sub(r"\1s", s.target, count=1)),
    ErrorKind("full-width comma in English", 0.01, lambda s: ", " in s.target, lambda s: s.target.replace(", ", "，", 1)),
    ErrorKind("empty target", 0.005, lambda s: True, lambda s: ""),
)


@dataclass(frozen=True, slots=True)
class CorpusPair:
    id: str
    source: str
    target: str


@dataclass(frozen=True)
class Corpus:
    """A written corpus: its files by format and what went into it."""

    size: int
    seed: int
    files: dict[str, Path]
    injected: dict[str, int]
    pool_sizes: dict[str, int]
    mean_source_chars: float
    mean_target_chars: float


# What a manifest keeps of a Corpus, besides the seed and generator that made it.
_MANIFEST_KEYS = ("injected", "pool_sizes", "mean_source_chars", "mean_target_chars")


def _clean(text: str) -> str:
    """One line of text: every TSV/PO writer can hold it and XML can too."""
    return " ".join(text.split())


def _usable(source: str, target: str) -> bool:
    return bool(source and target) and not _NOT_XML.search(source + target)


def _read_tsv(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))


def sentence_pool(shared: Path = SHARED, sample: Path = SAMPLE) -> dict[str, list[Sentence]]:
    """The real pairs to recombine, by where they come from."""
    dev = shared / "dev" / "mqm_zhen_ted2021"
    sources = {row["seg_id"]: row for row in _read_tsv(dev / "sources.tsv")}
    raw: dict[str, list[tuple[str, str]]] = {
        "dev set source + ref_B": [(row["source"], row["ref_B"]) for row in sources.values()],
        "dev set source + system outputs": [
            (sources[row["seg_id"]]["source"], row["target"]) for row in _read_tsv(dev / "targets.tsv")
        ],
    }
    tico = shared / "fixtures" / "tico19_en_zh" / "all.en-zh.tmx"
    with open_input(str(tico)) as stream:
        raw["TICO-19 TMX"] = [(p.source, p.target) for p in read_pairs(stream, str(tico), ReadOptions())]
    with open_input(str(sample)) as stream:
        raw["sample article"] = [(p.source, p.target) for p in read_interleaved(stream, str(sample), ReadOptions())]
    pool: dict[str, list[Sentence]] = {}
    for origin, pairs in raw.items():
        cleaned = (Sentence(_clean(source), _clean(target)) for source, target in pairs)
        pool[origin] = [s for s in cleaned if _usable(s.source, s.target)]
    return pool


def corpus_pairs(pool: list[Sentence], size: int, seed: int, injected: dict[str, int]) -> Iterator[CorpusPair]:
    """``size`` pairs recombined from ``pool``; counts the injected errors into ``injected``."""
    rng = random.Random(seed)
    width = len(str(size))
    translations: dict[str, list[str]] = {}
    for sentence in pool:
        translations.setdefault(sentence.source, []).append(sentence.target)

    def translation(source: str, context: str) -> str:
        choices = translations[source]
        return choices[zlib.crc32(f"{seed}\n{context}".encode()) % len(choices)]

    def recombined() -> Sentence:
        first = rng.choice(pool).source
        if rng.random() >= JOINED_SHARE:
            return Sentence(first, translation(first, first))
        second = rng.choice(pool).source
        context = f"{first}\n{second}"
        return Sentence(first + second, f"{translation(first, context + '1')} {translation(second, context + '2')}")

    for index in range(1, size + 1):
        kind = _drawn_kind(rng.random())
        sentence = recombined()
        while kind is not None and not kind.applies(sentence):
            sentence = recombined()
        target = sentence.target
        if kind is not None:
            target = kind.inject(sentence)
            injected[kind.name] = injected.get(kind.name, 0) + 1
        yield CorpusPair(f"u{index:0{width}d}", sentence.source, target)


def _drawn_kind(draw: float) -> ErrorKind | None:
    for kind in ERROR_KINDS:
        if draw < kind.rate:
            return kind
        draw -= kind.rate
    return None


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True, slots=True)
class CorpusFormat:
    extension: str
    header: str
    unit: Callable[[CorpusPair], str]
    footer: str


WRITERS: dict[str, CorpusFormat] = {
    "tmx": CorpusFormat(
        ".tmx",
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        f'  <header creationtool="qa-tool-benchmark" creationtoolversion="{GENERATOR_VERSION}" datatype="plaintext" '
        f'segtype="sentence" adminlang="en" srclang="{SOURCE_LANG}" o-tmf="none"/>\n  <body>\n',
        lambda p: (
            f"    <tu tuid={quoteattr(p.id)}>\n"
            f'      <tuv xml:lang="{SOURCE_LANG}"><seg>{escape(p.source)}</seg></tuv>\n'
            f'      <tuv xml:lang="{TARGET_LANG}"><seg>{escape(p.target)}</seg></tuv>\n    </tu>\n'
        ),
        "  </body>\n</tmx>\n",
    ),
    "xliff": CorpusFormat(
        ".xlf",
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        f'  <file original="corpus" source-language="{SOURCE_LANG}" target-language="{TARGET_LANG}" datatype="plaintext">\n'
        "    <body>\n",
        lambda p: (
            f"      <trans-unit id={quoteattr(p.id)}>\n"
            f"        <source>{escape(p.source)}</source>\n"
            f"        <target>{escape(p.target)}</target>\n      </trans-unit>\n"
        ),
        "    </body>\n  </file>\n</xliff>\n",
    ),
    "tsv": CorpusFormat(".tsv", "id\tsource\ttarget\n", lambda p: f"{p.id}\t{p.source}\t{p.target}\n", ""),
    "po": CorpusFormat(
        ".po",
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: {TARGET_LANG.replace("-", "_")}\\n"\n"X-Source-Language: {SOURCE_LANG.replace("-", "_")}\\n"\n\n',
        lambda p: f"msgctxt {_po_string(p.id)}\nmsgid {_po_string(p.source)}\nmsgstr {_po_string(p.target)}\n\n",
        "",
    ),
}


def build_corpus(directory: Path, size: int, seed: int, pool: dict[str, list[Sentence]] | None = None) -> Corpus:
    """Write (or reuse, when a manifest says the same size, seed and generator made them)
    the corpus files in ``directory``."""
    manifest_path = directory / f"corpus-{size}.json"
    files = {name: directory / f"corpus-{size}{writer.extension}" for name, writer in WRITERS.items()}
    if manifest_path.exists() and all(path.exists() for path in files.values()):
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if (manifest["seed"], manifest["generator"]) == (seed, GENERATOR_VERSION):
            return Corpus(size, seed, files, **{key: manifest[key] for key in _MANIFEST_KEYS})
    pool = pool if pool is not None else sentence_pool()
    flat = [sentence for sentences in pool.values() for sentence in sentences]
    injected: dict[str, int] = {}
    source_chars = target_chars = 0
    directory.mkdir(parents=True, exist_ok=True)
    streams: dict[str, TextIO] = {
        name: path.open("w", encoding="utf-8", newline="\n", buffering=1 << 20) for name, path in files.items()
    }
    try:
        for name, stream in streams.items():
            stream.write(WRITERS[name].header)
        for pair in corpus_pairs(flat, size, seed, injected):
            source_chars += len(pair.source)
            target_chars += len(pair.target)
            for name, stream in streams.items():
                stream.write(WRITERS[name].unit(pair))
        for name, stream in streams.items():
            stream.write(WRITERS[name].footer)
    finally:
        for stream in streams.values():
            stream.close()
    corpus = Corpus(
        size, seed, files, injected, {origin: len(sentences) for origin, sentences in pool.items()},
        source_chars / size, target_chars / size,
    )
    manifest = {"seed": seed, "generator": GENERATOR_VERSION} | {key: getattr(corpus, key) for key in _MANIFEST_KEYS}
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    return corpus
