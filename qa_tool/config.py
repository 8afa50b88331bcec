"""Project configuration: `.qa-tool.toml`, or `[tool.qa-tool]` in `pyproject.toml`, found from
the input's folder upwards. Command-line options override it. Unknown keys are errors."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from qa_tool.errors import InputError
from qa_tool.model import Severity
from qa_tool.readers.folders import pattern_problem
from qa_tool.segment_filter import parse_states

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAME = ".qa-tool.toml"
PROFILES = ("mqm", "wmt")
WORD_BASES = ("target-words", "source-chars")
CONSISTENCY_SCOPES = ("file", "run")
VARIANTS = ("en-GB", "en-US")


@dataclass(frozen=True)
class Config:
    # Where the values came from (None: built-in defaults).
    path: str | None = None
    select: tuple[str, ...] = ("DEFAULT",)
    ignore: tuple[str, ...] = ()
    # Per-rule severity overrides, by code.
    severity: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))
    # Per-rule options, by code: {"NM01": {"western_order": True}}.
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=lambda: MappingProxyType({}))
    # Glossary files, resolved relative to the config file.
    glossaries: tuple[str, ...] = ()
    # Rule pack folders, resolved relative to the config file.
    packs: tuple[str, ...] = ()
    # Word lists the spelling rules accept (one word per line), relative to the config file.
    dictionaries: tuple[str, ...] = ()
    # The English the client wants (en-GB, en-US), for SP03; None: not checked.
    variant: str | None = None
    profile: str = "mqm"
    weights: Mapping[Severity, float] | None = None
    category_weights: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    threshold: float | None = None
    fail_on: Severity | None = None
    word_basis: str = "target-words"
    # Segment filter (--status, --skip-locked, --skip-matches): status names, as given.
    status: tuple[str, ...] = ()
    skip_locked: bool = False
    skip_matches: float | None = None
    # How far consistency rules compare: "run" (all files checked together) or "file".
    consistency: str = "run"
    # .gitignore-style patterns filtering what a folder given as input yields; the command
    # line's --include/--exclude come after them.
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    # Glob (relative to the config file) → rule selectors ignored for matching inputs.
    per_path_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))

    def ignored_for(self, input_path: str) -> tuple[str, ...]:
        """The selectors ignored for one input file by per-path-ignores."""
        if not self.per_path_ignores or input_path == "-":
            return ()
        base = Path(self.path).parent if self.path else Path.cwd()
        resolved = Path(input_path).resolve()
        try:
            relative = resolved.relative_to(base.resolve()).as_posix()
        except ValueError:
            relative = resolved.as_posix()
        return tuple(
            selector
            for pattern, selectors in self.per_path_ignores.items()
            if fnmatch(relative, pattern)
            for selector in selectors
        )


def discover(start: Path) -> Path | None:
    """The nearest `.qa-tool.toml`, or `pyproject.toml` with a [tool.qa-tool] table, from
    ``start`` (a folder) upwards."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "qa-tool" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"not valid TOML: {error}", path=str(path)) from None
    except OSError as error:
        raise InputError(error.strerror or str(error), path=str(path)) from None


def load_config(path: Path) -> Config:
    table = _read_toml(path)
    if path.name == "pyproject.toml":
        table = table.get("tool", {}).get("qa-tool", {})
    return _parse(table, path)


def _parse(table: Mapping[str, Any], path: Path) -> Config:
    where = str(path)
    parser = _Parser(where)
    known = {
        "select", "ignore", "severity", "rules", "glossaries", "packs", "profile", "weights",
        "category-weights", "threshold", "fail-on", "word-basis", "per-path-ignores", "status", "skip-locked",
        "skip-matches", "consistency", "include", "exclude",
        "dictionary", "variant",
    }
    for key in table:
        if key not in known:
            raise InputError(f"unknown key {key!r} (known keys: {', '.join(sorted(known))})", path=where)
    base = path.parent
    values: dict[str, Any] = {"path": where}
    if "select" in table:
        values["select"] = parser.strings(table["select"], "select")
    if "ignore" in table:
        values["ignore"] = parser.strings(table["ignore"], "ignore")
    if "severity" in table:
        severities = parser.table(table["severity"], "severity")
        values["severity"] = {code: parser.severity(value, f"severity.{code}") for code, value in severities.items()}
    if "rules" in table:
        rules = parser.table(table["rules"], "rules")
        values["rules"] = {code: parser.table(options, f"rules.{code}") for code, options in rules.items()}
    if "glossaries" in table:
        values["glossaries"] = tuple(str(base / name) for name in parser.strings(table["glossaries"], "glossaries"))
    if "packs" in table:
        values["packs"] = tuple(str(base / name) for name in parser.strings(table["packs"], "packs"))
    if "dictionary" in table:
        values["dictionaries"] = tuple(str(base / name) for name in parser.strings(table["dictionary"], "dictionary"))
    if "variant" in table:
        values["variant"] = parser.choice(table["variant"], "variant", VARIANTS)
    if "profile" in table:
        values["profile"] = parser.choice(table["profile"], "profile", PROFILES)
    if "weights" in table:
        weights = parser.table(table["weights"], "weights")
        values["weights"] = {
            parser.severity(name, f"weights.{name}"): parser.number(value, f"weights.{name}")
            for name, value in weights.items()
        }
    if "category-weights" in table:
        multipliers = parser.table(table["category-weights"], "category-weights")
        values["category_weights"] = {
            name: parser.number(value, f"category-weights.{name}") for name, value in multipliers.items()
        }
    if "threshold" in table:
        values["threshold"] = parser.number(table["threshold"], "threshold", upper=100.0)
    if "fail-on" in table:
        values["fail_on"] = parser.severity(table["fail-on"], "fail-on")
    if "word-basis" in table:
        values["word_basis"] = parser.choice(table["word-basis"], "word-basis", WORD_BASES)
    if "status" in table:
        values["status"] = parser.statuses(table["status"], "status")
    if "skip-locked" in table:
        values["skip_locked"] = parser.boolean(table["skip-locked"], "skip-locked")
    if "skip-matches" in table:
        values["skip_matches"] = parser.number(table["skip-matches"], "skip-matches")
    if "consistency" in table:
        values["consistency"] = parser.choice(table["consistency"], "consistency", CONSISTENCY_SCOPES)
    for key in ("include", "exclude"):
        if key in table:
            values[key] = parser.patterns(table[key], key)
    if "per-path-ignores" in table:
        ignores = parser.table(table["per-path-ignores"], "per-path-ignores")
        values["per_path_ignores"] = {
            pattern: parser.strings(selectors, f"per-path-ignores.{pattern}") for pattern, selectors in ignores.items()
        }
    return Config(**values)


@dataclass(frozen=True)
class _Parser:
    """Checks one value's type and says which key was wrong."""

    where: str

    def fail(self, key: str, expected: str, value: object) -> InputError:
        return InputError(f"{key}: expected {expected}, got {value!r}", path=self.where)

    def strings(self, value: object, key: str) -> tuple[str, ...]:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return tuple(value)
        raise self.fail(key, "a list of strings", value)

    def patterns(self, value: object, key: str) -> tuple[str, ...]:
        """A list of patterns: a single string is one pattern, as a comma may be part of one."""
        patterns = [value] if isinstance(value, str) else value
        if not isinstance(patterns, list) or not all(isinstance(item, str) for item in patterns):
            raise self.fail(key, "a list of patterns", value)
        problem = pattern_problem(patterns)
        if problem is not None:
            raise InputError(f"{key}: {problem}", path=self.where)
        return tuple(patterns)

    def table(self, value: object, key: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, "a table", value)
        return value

    def number(self, value: object, key: str, upper: float | None = None) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise self.fail(key, "a number of 0 or more", value)
        if upper is not None and value > upper:
            raise self.fail(key, f"a number from 0 to {upper:g}", value)
        return float(value)

    def boolean(self, value: object, key: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, "true or false", value)
        return value

    def statuses(self, value: object, key: str) -> tuple[str, ...]:
        names = self.strings(value, key)
        try:
            parse_states(names)
        except ValueError as error:
            raise InputError(f"{key}: {error}", path=self.where) from None
        return names

    def severity(self, value: object, key: str) -> Severity:
        try:
            return Severity.parse(str(value))
        except ValueError:
            raise self.fail(key, "neutral, minor, major or critical", value) from None

    def choice(self, value: object, key: str, choices: tuple[str, ...]) -> str:
        if value not in choices:
            raise self.fail(key, f"one of {', '.join(choices)}", value)
        return str(value)
