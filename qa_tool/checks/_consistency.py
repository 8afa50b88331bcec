"""What the consistency rules (CS) compare: pair texts reduced to what makes two translations
or two sources the same, and how a message names the earlier segment."""

from __future__ import annotations

import re
from array import array
from functools import lru_cache
from hashlib import blake2b
from typing import Iterable, Iterator

from qa_tool.languages.en import ASCII_NOT_WORD, ASCII_NOT_WORD_AS_SPACE
from qa_tool.model import SegmentPair
from qa_tool.normalise import NormalisedPair
from qa_tool.scratch import ScratchDatabase

# Everything but letters and digits: punctuation, symbols, spaces (Han characters are letters).
_NOT_WORD = re.compile(r"[\W_]+")
# The same among ASCII characters (languages.en.ASCII_NOT_WORD) are deleted from an ASCII text
# (most targets) in one pass in C, where the pattern asks each character's Unicode class.
# A final s: Chinese does not mark the plural, so 'Bookmark' and 'Bookmarks' are one choice
# of words in two contexts.
_FINAL_S = re.compile(r"s(?![^\W_])")


def is_comparable(pair: NormalisedPair) -> bool:
    """Empty and untranslated pairs are SG01's and SG02's; comparing them says nothing more."""
    source, target = pair.pair.source.strip(), pair.pair.target.strip()
    return bool(source) and bool(target) and source != target


def source_text(pair: NormalisedPair) -> str:
    """The source as matched (simplified, NFKC), whitespace collapsed."""
    return " ".join(pair.source_match.text.split())


def text_hash(text: str) -> int:
    """A 64-bit hash of ``text`` that is the same in every process and on every machine
    (Python's own str hash is seeded per process), so pairs observed by --jobs workers or by
    the shards of a distributed map compare with each other."""
    return _bytes_hash(text.encode("utf-8", "surrogatepass"))


def target_hash(pair: NormalisedPair) -> int:
    """The text_hash of the pair's reduced target (see _reduced_target)."""
    return _target_hash(pair.target_match.text)


# The engine hands each pair to every rule in turn: CS01 and CS02 hash its reduced target once.
@lru_cache(maxsize=1)
def _target_hash(matched_target: str) -> int:
    if not matched_target.isascii():
        matched_target = _spaced_non_word(matched_target)
    if matched_target.isascii():
        # The ASCII reduction is the UTF-8 of _reduced_target's, which text_hash would encode.
        return _bytes_hash(reduced_ascii_target(matched_target.encode("ascii")))
    return text_hash(_reduced_target(matched_target))


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD_CHARACTER = re.compile(r"[^\W_]")


def _spaced_non_word(text: str) -> str:
    """``text`` with each character beyond ASCII a space, when none of them case-folds to a
    letter or digit (dashes, curly quotes, degree signs: most English that is not ASCII);
    else ``text`` itself. The reduction drops such a character as it drops a space, and ends
    a word before it as a space does (a final s goes), so the spaced text reduces the same,
    by the ASCII reduction, which is many times faster than the full one."""
    present = set(_NON_ASCII.findall(text))
    if not all(map(_folds_to_no_word, present)):
        return text
    for character in present:
        text = text.replace(character, " ")
    return text


@lru_cache(maxsize=4096)
def _folds_to_no_word(character: str) -> bool:
    return _WORD_CHARACTER.search(character.casefold()) is None


def _bytes_hash(data: bytes) -> int:
    return int.from_bytes(blake2b(data, digest_size=8).digest(), "little")


def reduced_ascii_target(matched_target: bytes) -> bytes:
    """_reduced_target of an ASCII text (most targets), as bytes, in a few passes in C where
    _FINAL_S visits every s: each character but a letter or digit becomes a space, so a final
    s is one before a space (one is put at the end), and the spaces then go."""
    spaced = matched_target.lower().translate(ASCII_NOT_WORD_AS_SPACE) + b" "
    return spaced.replace(b"s ", b" ").translate(None, b" ")


def _reduced_target(matched_target: str) -> str:
    """The target without case, spacing, punctuation or final s: 'fever, cough and' and
    'Fever, cough, and' are one wording punctuated two ways, 'time bound' and 'timebound' one
    spelling spaced two ways."""
    return _words_only(_FINAL_S.sub("", matched_target.casefold()))


def _words_only(text: str) -> str:
    if text.isascii():
        return text.encode("ascii").translate(None, ASCII_NOT_WORD).decode("ascii")
    return _NOT_WORD.sub("", text)


# Bits of a character signature: the low bits of each code point, so Latin letters and digits
# keep a bit each and Han characters spread over all of them.
SIGNATURE_BITS = 128


def character_signature(text: str) -> int:
    """The characters of ``text`` reduced to the set of the low 7 bits of their code points,
    as a 128-bit mask, to compare sources without keeping them; two sentences rarely share
    many by chance. Each value has a bit of its own, in an order of this module's choosing:
    only the counts of set and shared bits are read (``shared_characters``)."""
    # All in C, where a set of the values and a sum of their bits call Python for each
    # character: the values present mark their bytes of a row of all the values, which is
    # then read as a binary numeral (value v is bit SIGNATURE_BITS - 1 - v).
    values = text.encode("utf-16-le", "surrogatepass")[::2].translate(_BIT_NUMBER)
    row = _VALUES.translate(bytes.maketrans(values, _PRESENT * len(values))).translate(_PRESENT_AS_DIGIT)
    return int(row, 2)


# The signature bit's number for each low byte of a code point.
_BIT_NUMBER = bytes(low_byte & (SIGNATURE_BITS - 1) for low_byte in range(256))
_VALUES = bytes(range(SIGNATURE_BITS))
# A byte no value takes, marking the values present.
_PRESENT = bytes([SIGNATURE_BITS])
_PRESENT_AS_DIGIT = bytes(ord("1" if byte == SIGNATURE_BITS else "0") for byte in range(256))


def shared_characters(first: int, second: int) -> float:
    """How much two character signatures overlap (Dice coefficient, 0–1)."""
    total = first.bit_count() + second.bit_count()
    return 2 * (first & second).bit_count() / total if total else 1.0


_WORD_BITS = 64
_WORD_MASK = (1 << _WORD_BITS) - 1


class FirstSeen:
    """What was first recorded under each key of a document, in a flat table of 64-bit words
    (open addressing): about 16 bytes per word of a record where a dict of tuples takes
    ~200, so the consistency rules stay small on million-pair files; past MEMORY_RECORDS
    keys, on disk (_FirstSeenOnDisk). Keys are hashes, so two texts can share one by chance
    (about 1 in 10^7 pairs of a million-pair file): the price is a missed or a spurious
    finding that rarely."""

    _INITIAL_SLOTS = 1 << 10
    # Past this many keys a document goes to disk, when the table next has to grow (at three
    # quarters of 2^16 slots: 49,152 keys, one to two megabytes of slots).
    MEMORY_RECORDS = 1 << 15

    def __init__(self, words: int) -> None:
        # A record is ``words`` 64-bit words (each value given must fit), kept as bytes: one
        # int.to_bytes or int.from_bytes moves a whole record where word by word each takes a
        # Python step.
        self._record_bytes = words * _WORD_BITS // 8
        self._size = 0
        self._on_disk: _FirstSeenOnDisk | None = None
        self._allocate(self._INITIAL_SLOTS)

    def _allocate(self, slots: int) -> None:
        self._mask = slots - 1
        # Repeating a one-word array allocates once; array("Q", bytes(n)) would also build the bytes.
        self._keys = array("Q", [0]) * slots
        self._records = bytearray(slots * self._record_bytes)

    def first(self, key: int, record: int) -> int | None:
        """The record first kept under ``key``; None after keeping ``record`` as the first."""
        key = (key & _WORD_MASK) or 1  # 0 marks an empty slot
        if self._on_disk is not None:
            return self._on_disk.first(key, record)
        # The probe and the record's store written out: this runs twice a pair, and the calls cost
        # about a seventh of it.
        keys, mask, size = self._keys, self._mask, self._record_bytes
        slot = key & mask
        while (held := keys[slot]) != key:
            if not held:
                break
            slot = (slot + 1) & mask
        else:
            return int.from_bytes(self._records[slot * size : (slot + 1) * size], "little")
        keys[slot] = key
        self._records[slot * size : (slot + 1) * size] = record.to_bytes(size, "little")
        self._size += 1
        if 4 * self._size > 3 * len(self._keys):
            if self._size > self.MEMORY_RECORDS:
                self._on_disk = _FirstSeenOnDisk(self._record_bytes, self._kept())
                self._allocate(1)
            else:
                self._grow()
        return None

    def _kept(self) -> Iterator[tuple[int, int]]:
        return ((key, self._record(slot)) for slot, key in enumerate(self._keys) if key)

    def _record(self, slot: int) -> int:
        size = self._record_bytes
        return int.from_bytes(self._records[slot * size : (slot + 1) * size], "little")

    def _grow(self) -> None:
        old_keys, old_records, size = self._keys, self._records, self._record_bytes
        self._allocate(2 * len(old_keys))
        keys, records, mask = self._keys, self._records, self._mask
        # first()'s probe, written out as there (a call a key cost a third of a growth): the
        # two must probe alike, or a key kept before a growth would not be found after it.
        # The keys moved are distinct, so each goes to the first empty slot.
        for old_slot, key in enumerate(old_keys):
            if key:
                slot = key & mask
                while keys[slot]:
                    slot = (slot + 1) & mask
                keys[slot] = key
                records[slot * size : (slot + 1) * size] = old_records[old_slot * size : (old_slot + 1) * size]


class _FirstSeenOnDisk:
    """FirstSeen's records in a scratch database, written in batches in key order. A Bloom
    filter in memory (a byte a key) answers most keys never seen without reading the disk:
    nearly every pair of a large file is new, and only repeats and at most about one new key
    in 30 are looked up."""

    # Keys held before a write: the batch costs about 100 bytes a key in memory, and a smaller
    # one writes each page of the table more often.
    _BATCH = 4_096
    # Filter bits per key at least: past that the filter doubles, rebuilt from the keys on
    # disk. One megabyte holds a million keys. The filter is most of what a spilled table
    # keeps in memory, and grows with the file: at 16 bits a key the two tables of a
    # million-pair file held 4 MB, for a false alarm (one read of the disk) in 200 new keys
    # instead of 30 at worst.
    _BITS_PER_KEY = 8
    _INITIAL_BITS = 1 << 23

    def __init__(self, record_bytes: int, kept: Iterable[tuple[int, int]]) -> None:
        self._bytes = record_bytes
        self._database = ScratchDatabase("first-seen")
        self._connection = self._database.connection
        # Keys are unsigned 64-bit words; SQLite's integer keys are signed.
        self._connection.execute("CREATE TABLE first (key INTEGER PRIMARY KEY, record BLOB)")
        self._pending: dict[int, int] = {}
        self._count = 0
        self._filter_size(self._INITIAL_BITS)
        for key, record in kept:
            self.first(key, record)

    def _filter_size(self, bits: int) -> None:
        self._filter = bytearray(bits // 8)
        self._filter_mask = bits - 1

    def first(self, key: int, record: int) -> int | None:
        if self._seen_before(key):
            known = self._pending.get(key)
            if known is not None:
                return known
            row = self._connection.execute("SELECT record FROM first WHERE key = ?", (_signed(key),)).fetchone()
            if row is not None:
                return int.from_bytes(row[0], "little")
        self._pending[key] = record
        self._count += 1
        if len(self._pending) >= self._BATCH:
            self._write_pending()
        if self._count * self._BITS_PER_KEY > 8 * len(self._filter):
            self._write_pending()
            self._filter_size(2 * 8 * len(self._filter))
            for (signed,) in self._connection.execute("SELECT key FROM first"):
                self._seen_before(signed & _WORD_MASK)
        return None

    def _seen_before(self, key: int) -> bool:
        """Whether the filter has ``key`` (it may say so of a key never seen); sets it. Three
        probes, by double hashing on the halves of the key (itself a hash)."""
        filter_, mask, step = self._filter, self._filter_mask, (key >> 32) | 1
        first, second, third = key & mask, (key + step) & mask, (key + 2 * step) & mask
        first_flag, second_flag, third_flag = 1 << (first & 7), 1 << (second & 7), 1 << (third & 7)
        first, second, third = first >> 3, second >> 3, third >> 3
        if filter_[first] & first_flag and filter_[second] & second_flag and filter_[third] & third_flag:
            return True
        filter_[first] |= first_flag
        filter_[second] |= second_flag
        filter_[third] |= third_flag
        return False

    def _write_pending(self) -> None:
        # In key order, each page of the table is written once a batch.
        size = self._bytes
        self._connection.executemany(
            "INSERT INTO first VALUES (?, ?)",
            sorted((_signed(key), record.to_bytes(size, "little")) for key, record in self._pending.items()),
        )
        self._pending.clear()


def _signed(word: int) -> int:
    return word - (1 << _WORD_BITS) if word >> (_WORD_BITS - 1) else word


class Places:
    """Where pairs are, as numbers a FirstSeen record can hold: the file (its position among
    the files seen, for rules comparing the files of a run) above a 32-bit spot in it, a
    line as itself or an id (for pairs without a line) by its position in a list kept here."""

    _SPOT_BITS = 32
    # Files told apart: far more than a run holds; the bits above fit any FirstSeen record.
    _FILE_BITS = 24
    BITS = _FILE_BITS + _SPOT_BITS
    _ID = 1 << (_SPOT_BITS - 1)
    _SPOT_MASK = (1 << _SPOT_BITS) - 1

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._files: dict[str, int] = {}
        self._paths: list[str] = []

    def of(self, pair: SegmentPair) -> int:
        file = self._files.get(pair.location.path)
        if file is None:
            file = self._files[pair.location.path] = len(self._paths)
            self._paths.append(pair.location.path)
        line = pair.location.line
        if line is not None and line < self._ID:
            return file << self._SPOT_BITS | line
        self._ids.append(pair.id)
        return file << self._SPOT_BITS | self._ID | (len(self._ids) - 1)

    def named(self, place: int, here: SegmentPair) -> str:
        """Where an earlier pair is, seen from the pair ``here``: 'line 30' or 'segment u12' in
        the same file, 'line 30 of b.tmx' in another file of the run."""
        spot, file = place & self._SPOT_MASK, place >> self._SPOT_BITS
        spot_name = f"segment {self._ids[spot ^ self._ID]}" if spot & self._ID else f"line {spot}"
        path = self._paths[file]
        return spot_name if path == here.location.path else f"{spot_name} of {path}"


def place_of(pair: SegmentPair, here: SegmentPair) -> str:
    """Where ``pair`` is, seen from the pair ``here``, as Places.named says it."""
    spot_name = f"line {pair.location.line}" if pair.location.line is not None else f"segment {pair.id}"
    return spot_name if pair.location.path == here.location.path else f"{spot_name} of {pair.location.path}"


def elsewhere(here: SegmentPair, there: SegmentPair) -> str:
    """Where a rule saw the usual form it compares ``here`` with: 'elsewhere in the document'
    when that is in the same file, else that place: 'at line 40 of b.tmx'."""
    return "elsewhere in the document" if there.location.path == here.location.path else f"at {place_of(there, here)}"
