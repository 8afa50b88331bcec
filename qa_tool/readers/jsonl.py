"""JSON Lines: one object per line, such as {"id": "7", "source": "你好", "target": "Hello"}.

When the objects lack the configured default keys, keys named by language ({"zh": ..., "en":
...} or {"zh-CN": ..., "en-US": ...}) are read instead. Blank lines are skipped.
"""

from __future__ import annotations

import json
from typing import BinaryIO, Iterator

from qa_tool.errors import InputError
from qa_tool.model import Location, SegmentPair
from qa_tool.readers import ReadOptions
from qa_tool.readers._text import numbered_lines
from qa_tool.readers.delimited import names_of_language

_DEFAULTS = ReadOptions()
_JSON_TYPE_NAMES = {dict: "an object", list: "an array", str: "a string", bool: "true or false", type(None): "null"}


def read(stream: BinaryIO, name: str, options: ReadOptions) -> Iterator[SegmentPair]:
    for line, text in numbered_lines(stream, name, options.encoding):
        if not text.strip():
            continue
        record = parse_object(text, name, line)
        source_key = _key_for(record, options.source_key, _DEFAULTS.source_key, options.source_lang, name, line)
        target_key = target_key_of(record, options, name, line)
        pair_id = record.get(options.id_key)
        yield SegmentPair(
            id=str(line) if pair_id is None else _id_text(pair_id, options.id_key, name, line),
            source=_string(record[source_key], source_key, name, line),
            target=_string(record[target_key], target_key, name, line),
            location=Location(path=name, line=line),
            notes=_notes(record.get("notes"), name, line),
        )


def target_key_of(record: dict[str, object], options: ReadOptions, name: str, line: int) -> str:
    """The key of the object's target text."""
    return _key_for(record, options.target_key, _DEFAULTS.target_key, options.target_lang, name, line)


def parse_object(text: str, name: str, line: int) -> dict[str, object]:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON: {error.msg} at column {error.colno}", path=name, line=line) from None
    except ValueError:  # Python refuses to convert integers of more than 4300 digits.
        raise InputError("not readable JSON: a number in it is too long", path=name, line=line) from None
    except RecursionError:
        raise InputError("not readable JSON: it is nested too deeply", path=name, line=line) from None
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object {{...}} but found {_type_name(record)}", path=name, line=line)
    return record


def _key_for(record: dict[str, object], key: str, default: str, language: str, name: str, line: int) -> str:
    """``key`` itself, or when the default key is absent, the one key that names ``language``."""
    if key in record:
        return key
    if key == default:
        by_language = names_of_language(record, language)
        if len(by_language) == 1:
            return by_language[0]
        if by_language:
            listing = ", ".join(f'"{found}"' for found in by_language)
            raise InputError(
                f'missing key "{key}", and several keys could be it ({listing}); choose one as the {default} key',
                path=name,
                line=line,
            )
        raise InputError(f'missing key "{key}" (nor is there a "{language}" key)', path=name, line=line)
    raise InputError(f'missing key "{key}"', path=name, line=line)


def _string(value: object, key: str, name: str, line: int) -> str:
    if not isinstance(value, str):
        raise InputError(f'the value of "{key}" is {_type_name(value)}, not a string', path=name, line=line)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        # JSON can escape half a surrogate pair ("\ud83d"), which no output can print.
        raise InputError(
            f'the value of "{key}" contains a broken character (an unpaired \\u{ord(value[error.start]):04x} escape)',
            path=name,
            line=line,
        ) from None
    return value


def _id_text(value: object, key: str, name: str, line: int) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _string(value, key, name, line)


def _notes(value: object, name: str, line: int) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(_string(note, "notes", name, line) for note in value)
    note = _string(value, "notes", name, line)
    return (note,) if note else ()


def _type_name(value: object) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "a number"
    return _JSON_TYPE_NAMES.get(type(value), type(value).__name__)
