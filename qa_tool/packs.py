"""Rule packs: folders of YAML rules (``rules/<pack>/<CODE>.yml``) that translators write and
tune without Python. Each file extends a rule type (qa_tool/rule_types/) and is validated
strictly when loaded: an unknown key, a wrong type, a bad pattern, a code taken twice or a rule
that could never match is one InputError naming the file, the line and what was expected.

The default pack ``std`` ships in the package (rules/std/); ``load_packs`` reads any folders.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Literal, Mapping, Sequence

import yaml
from yaml.constructor import SafeConstructor

from qa_tool.checks import BUILTIN_RULES
from qa_tool.checks.base import CheckSettings, Example, FixSafety, Rule, RuleFactory, RuleMeta, Scope
from qa_tool.errors import InputError
from qa_tool.model import Severity
from qa_tool.resources import rules_dir
from qa_tool.rule_types import RULE_TYPES
from qa_tool.rule_types.base import MatchingOptions, PackRule, RuleFile, RuleType, SideName, doc, message_fields

DEFAULT_PACK = "std"
# Codes as built-in rules have them: a family of two capitals, two digits.
_CODE = re.compile(r"[A-Z]{2}\d{2}")
_KEBAB = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
# LibYAML's parser when PyYAML was built with it (several times faster); both build the same
# nodes, with line marks, and nothing but plain YAML types.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, kw_only=True)
class Header:
    """The keys every pack rule has, whatever its type."""

    extends: str = field(metadata=doc("The rule type: " + ", ".join(f"`{name}`" for name in RULE_TYPES) + "."))
    name: str = field(metadata=doc("kebab-case name of the problem, e.g. `superseded-belt-and-road-name`."))
    summary: str = field(metadata=doc("One line: what the rule catches (shown by `qa-tool rules`)."))
    category: str = field(metadata=doc("MQM category, `Dimension/Subtype`, e.g. `Terminology/Inconsistent with terminology resource`."))
    severity: Literal["neutral", "minor", "major", "critical"] = field(metadata=doc("Default severity (the config may override it)."))
    rationale: str = field(metadata=doc("One paragraph: why this is wrong, and what the rule deliberately leaves alone."))
    message: str | None = field(
        default=None,
        metadata=doc("What a finding says, with `{placeholders}` (see each type); `{{` and `}}` are literal braces. Default: the type's message."),
    )
    side: SideName | None = field(
        default=None, metadata=doc("Which text the rule reads, for the types that read one: `source`, `target` or `both`.")
    )
    scope: Literal["segment", "document", "run"] | None = field(
        default=None,
        metadata=doc(
            "Fixed by the type (consistency: run, which also accepts `document`, as it was called before runs "
            "compared files; the others: segment); if given it must agree."
        ),
    )
    link: str | None = field(default=None, metadata=doc("Where to read more (a URL), appended to the rationale."))
    fix: Literal["safe", "suggestion"] = field(
        default="suggestion",
        metadata=doc(
            "Whether `qa-tool fix` makes the rule's replacements unasked: `safe` when one cannot change the "
            "meaning (a forbidden rendering for its approved one), `suggestion` when a person should confirm it "
            "(made only with `--unsafe-fixes`)."
        ),
    )


# The `scope` values a rule file may give for a type's scope.
_SCOPE_NAMES = {Scope.SEGMENT: ("segment",), Scope.DOCUMENT: ("document",), Scope.RUN: ("run", "document")}

# `examples` is read on its own: a table of two lists of examples.
_EXAMPLES_KEY = "examples"


@dataclass(frozen=True, slots=True)
class PackOrigin:
    """Where a pack rule was defined."""

    pack: str
    path: str

    def __str__(self) -> str:
        return f"{self.pack} pack ({self.path})"


@dataclass(frozen=True, eq=False)
class PackRuleFactory:
    """A loaded pack rule: a RuleFactory like a built-in rule class, plus where it came from."""

    meta: RuleMeta
    origin: PackOrigin
    # The rule type it extends ("existence", ...).
    rule_type: str
    link: str | None
    _rule: type[PackRule[Any]] = field(repr=False)
    _message: str = field(repr=False)
    _compiled: Any = field(repr=False)

    def __call__(self, settings: CheckSettings) -> Rule:
        return self._rule(settings, self.meta, self._message, self._compiled)


def default_pack_dir() -> Path:
    """The shipped pack ``std``: rules/std in a checkout, qa_tool/rules/std when installed."""
    return rules_dir() / DEFAULT_PACK


def available_rules(
    folders: Sequence[Path | str] = (),
    *,
    default_pack: bool = True,
    origin_names: Sequence[str] | None = None,
) -> tuple[RuleFactory, ...]:
    """The built-in rules, then the default pack's (unless ``default_pack`` is False) and those
    of ``folders``, in code order within each group. ``origin_names`` names ``folders``'s packs."""
    packs: list[Path | str] = [default_pack_dir()] if default_pack else []
    names: list[str] | None = None
    if origin_names is not None:
        names = ([DEFAULT_PACK] if default_pack else []) + list(origin_names)
    return BUILTIN_RULES + load_packs([*packs, *folders], names)


def load_packs(
    folders: Sequence[Path | str],
    origin_names: Sequence[str] | None = None,
    *,
    builtin: Sequence[RuleFactory] = BUILTIN_RULES,
) -> tuple[PackRuleFactory, ...]:
    """The rules of every ``<folder>/*.yml``, sorted by code. A pack's name is its folder's name
    unless ``origin_names`` gives one per folder. A folder given twice is read once. A code or
    name used by a built-in rule or by another pack rule is an error naming both."""
    if origin_names is not None and len(origin_names) != len(folders):
        raise ValueError("origin_names needs one name per folder")
    taken = _Taken(builtin)
    pack_folders: dict[str, Path] = {}
    read: set[Path] = set()
    factories: list[PackRuleFactory] = []
    for index, folder in enumerate(Path(f) for f in folders):
        if not folder.is_dir():
            raise InputError("no such rule pack folder (a pack is a folder of CODE.yml files)", path=str(folder))
        if folder.resolve() in read:
            continue
        read.add(folder.resolve())
        pack = origin_names[index] if origin_names is not None else folder.resolve().name
        if pack in pack_folders:
            raise InputError(f"two rule packs are named '{pack}': this folder and {pack_folders[pack]}", path=str(folder))
        pack_folders[pack] = folder
        for factory in _load_pack(folder, pack):
            taken.claim(factory)
            factories.append(factory)
    return tuple(sorted(factories, key=lambda factory: factory.meta.code))


def origin_of(rule: RuleFactory) -> str:
    """'built-in', or the pack and file a pack rule comes from: for `qa-tool rules` and docs."""
    return str(rule.origin) if isinstance(rule, PackRuleFactory) else "built-in"


# --- loading one pack ---------------------------------------------------------------------


class _Taken:
    """Codes and names in use, and by which rule, so a clash names both places."""

    def __init__(self, builtin: Iterable[RuleFactory]) -> None:
        self.codes: dict[str, str] = {}
        self.names: dict[str, str] = {}
        for rule in builtin:
            where = f"the built-in rule {rule.meta.code} {rule.meta.name} ({getattr(rule, '__module__', '?')})"
            self.codes[rule.meta.code] = self.names[rule.meta.name] = where

    def claim(self, factory: PackRuleFactory) -> None:
        code, name = factory.meta.code, factory.meta.name
        if code in self.codes:
            raise InputError(
                f"the code {code} is already used by {self.codes[code]}; give this rule a code of its own "
                "(rename the file)",
                path=factory.origin.path,
            )
        if name in self.names:
            raise InputError(f"the name '{name}' is already used by {self.names[name]}", path=factory.origin.path)
        where = f"{factory.origin.path}"
        self.codes[code] = self.names[name] = where


def _load_pack(folder: Path, pack: str) -> list[PackRuleFactory]:
    misnamed = sorted(folder.glob("*.yaml"))
    if misnamed:
        raise InputError("pack rules are .yml files: rename it to end in .yml", path=str(misnamed[0]))
    files = sorted(folder.glob("*.yml"))
    if not files:
        raise InputError("the rule pack has no rules: put one CODE.yml file per rule in it", path=str(folder))
    return [load_rule(path, pack) for path in files]


def load_rule(path: Path, pack: str) -> PackRuleFactory:
    """One pack rule file, validated; its code is its file name."""
    where = str(path)
    code = path.stem
    if not _CODE.fullmatch(code):
        raise InputError(
            f"the file name must be the rule's code, two capital letters and two digits (e.g. HX01.yml), not '{path.name}'",
            path=where,
        )
    reader = _Reader(where)
    root = reader.table(_compose(path), (), "a rule file")
    extends_node = root.get("extends")
    if extends_node is None:
        raise reader.error(f"the rule has no 'extends' key: say which rule type it is ({', '.join(RULE_TYPES)})", None)
    extends = reader.convert(extends_node, str, ("extends",), "'extends'")
    rule_type = RULE_TYPES.get(extends)
    if rule_type is None:
        raise reader.error(f"unknown rule type '{extends}' (expected one of: {', '.join(RULE_TYPES)})", extends_node)
    _refuse_unknown_keys(reader, root, rule_type)
    header = reader.instance(Header, root, rule_type.name)
    options = reader.instance(rule_type.options, root, rule_type.name)
    rule_file = RuleFile(where, reader.lines)
    side = _side(rule_file, header, rule_type)
    if header.scope is not None and header.scope not in _SCOPE_NAMES[rule_type.scope]:
        raise rule_file.error(
            f"{rule_type.name} rules have {rule_type.scope.value} scope; remove 'scope' or set it to {rule_type.scope.value}",
            "scope",
        )
    if not _KEBAB.fullmatch(header.name):
        raise rule_file.error(f"the name '{header.name}' must be kebab-case: lower-case words joined by '-'", "name")
    compiled = rule_type.compile(options, side, rule_file)
    message = _message(rule_file, header, rule_type, compiled)
    examples = _examples(reader, root.get(_EXAMPLES_KEY))
    rationale = header.rationale.strip() + (f" More: {header.link}" if header.link else "")
    meta = RuleMeta(
        code=code,
        name=header.name,
        category=header.category,
        severity=Severity.parse(header.severity),
        summary=" ".join(header.summary.split()),
        rationale=" ".join(rationale.split()),
        examples=examples,
        scope=rule_type.scope,
        fix=FixSafety(header.fix),
        trigger=rule_type.trigger(compiled),
    )
    return PackRuleFactory(meta, PackOrigin(pack, where), rule_type.name, header.link, rule_type.rule, message, compiled)


def _compose(path: Path) -> yaml.Node:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the rule: {error.strerror or error}", path=str(path)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError("not UTF-8 text; save the file as UTF-8", path=str(path), line=line) from None
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = " ".join(filter(None, [error.context, error.problem]))
        raise InputError(f"not valid YAML: {problem}", path=str(path), line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError as error:
        raise InputError(f"not valid YAML: {error}", path=str(path)) from None
    if node is None:
        raise InputError("the file is empty: a rule needs at least extends, name, summary, ...", path=str(path))
    _refuse_aliases(node, str(path))
    return node


def _refuse_aliases(root: yaml.Node, path: str) -> None:
    """Aliases (*name) make one node appear in many places: a few lines can stand for billions
    of values, and errors could not point at one line. Rule files do without them."""
    seen: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            raise InputError(
                "anchors and aliases (&name, *name) are not supported in rule files; write the value out",
                path=path,
                line=node.start_mark.line + 1,
            )
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            pending += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            pending += node.value


def _refuse_unknown_keys(reader: _Reader, root: Mapping[str, yaml.Node], rule_type: RuleType[Any]) -> None:
    known = [f.name for f in dataclasses.fields(Header)] + [f.name for f in dataclasses.fields(rule_type.options)]
    known.append(_EXAMPLES_KEY)
    for key in root:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise reader.error(
                f"unknown key '{key}' for {rule_type.name} rules; {hint}(expected: {', '.join(known)})",
                reader.lines[(key,)],
            )


def _side(rule_file: RuleFile, header: Header, rule_type: RuleType[Any]) -> SideName | None:
    if header.side is None:
        return rule_type.sides[0] if rule_type.sides else None
    if not rule_type.sides:
        raise rule_file.error(
            f"'side' does not apply to {rule_type.name} rules: they read both texts in their own way; remove it",
            "side",
        )
    if header.side not in rule_type.sides:
        raise rule_file.error(
            f"{rule_type.name} rules read one side at a time: 'side' must be {' or '.join(rule_type.sides)}",
            "side",
        )
    return header.side


def _message(rule_file: RuleFile, header: Header, rule_type: RuleType[Any], compiled: Any) -> str:
    template = header.message if header.message is not None else rule_type.default_message
    if template is None:
        raise rule_file.error(f"{rule_type.name} rules need a 'message' saying what is wrong")
    offered = [name for name in rule_type.placeholders if name.isidentifier()]
    offered += list(rule_type.extra_placeholders(compiled))
    try:
        used = message_fields(template)
    except ValueError as error:
        raise rule_file.error(
            f"the message cannot be read ({error}): write {{name}} for a placeholder and "
            "{{ or }} for a literal brace",
            "message",
        ) from None
    for name in used:
        if name not in offered:
            raise rule_file.error(
                f"the message uses {{{name}}}, which {rule_type.name} rules do not offer "
                f"(they offer: {', '.join('{' + n + '}' for n in offered)})",
                "message",
            )
    return template


def _examples(reader: _Reader, node: yaml.Node | None) -> tuple[Example, ...]:
    """``examples: {fail: [...], pass: [...]}``; each example is ``{zh, en, note}`` or
    ``{document: [{zh, en}, ...], note}``, judged on the document's last pair."""
    if node is None:
        raise reader.error(
            "the rule has no 'examples': give at least one under 'fail' (flagged) and one under 'pass'", None
        )
    table = reader.table(node, (_EXAMPLES_KEY,), "'examples'")
    for key in table:
        if key not in ("fail", "pass"):
            raise reader.error(f"unknown key '{key}' in 'examples' (expected: fail, pass)", table[key])
    examples = []
    for verdict in ("fail", "pass"):
        items = table.get(verdict)
        if items is None or not isinstance(items, yaml.SequenceNode) or not items.value:
            at = items if items is not None else reader.lines[(_EXAMPLES_KEY,)]
            raise reader.error(f"'examples' needs a non-empty list under '{verdict}'", at)
        for index, item in enumerate(items.value):
            examples.append(_example(reader, item, (_EXAMPLES_KEY, verdict, index), flagged=verdict == "fail"))
    return tuple(examples)


def _example(reader: _Reader, node: yaml.Node, key: tuple[Any, ...], flagged: bool) -> Example:
    item = reader.table(node, key, "an example")
    note = reader.convert(item["note"], str, (*key, "note"), "'note'") if "note" in item else ""
    if "document" in item:
        _only(reader, item, ("document", "note"), "an example with a document")
        document = item["document"]
        if not isinstance(document, yaml.SequenceNode) or not document.value:
            raise reader.error("'document' must be a list of {zh, en} pairs, one or more", document)
        pairs = []
        for n, pair in enumerate(document.value):
            _only(reader, reader.table(pair, (*key, "document", n), "a pair"), ("zh", "en"), "a pair")
            pairs.append(_pair(reader, pair, (*key, "document", n)))
    else:
        _only(reader, item, ("zh", "en", "note"), "an example")
        pairs = [_pair(reader, node, key)]
    (source, target), earlier = pairs[-1], tuple(pairs[:-1])
    return Example(source, target, flagged, note, earlier=earlier)


def _pair(reader: _Reader, node: yaml.Node, key: tuple[Any, ...]) -> tuple[str, str]:
    item = reader.table(node, key, "a pair")
    for side in ("zh", "en"):
        if side not in item:
            raise reader.error(f"the example has no '{side}' text (an empty text is written \"\")", node)
    return (
        reader.convert(item["zh"], str, (*key, "zh"), "'zh'"),
        reader.convert(item["en"], str, (*key, "en"), "'en'"),
    )


def _only(reader: _Reader, item: Mapping[str, yaml.Node], allowed: Sequence[str], what: str) -> None:
    for key, value in item.items():
        if key not in allowed:
            raise reader.error(f"unknown key '{key}' in {what} (expected: {', '.join(allowed)})", value)


# --- YAML values by declared type ---------------------------------------------------------


class _Reader:
    """Turns YAML nodes into the values a dataclass declares, checking each one's type and
    remembering every key's line for later errors."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.lines: dict[tuple[Any, ...], int] = {(): 1}
        self._constructor = SafeConstructor()

    def error(self, message: str, at: yaml.Node | int | None) -> InputError:
        line = at if isinstance(at, int) or at is None else at.start_mark.line + 1
        return InputError(message, path=self.path, line=line if line is not None else self.lines[()])

    def table(self, node: yaml.Node, key: tuple[Any, ...], what: str) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.error(f"{what} must be a table of 'key: value' lines, not {self._kind(node)}", node)
        result: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            name = self._scalar(key_node)
            if not isinstance(name, str):
                raise self.error(f"the key {_shown(name)} must be text: put it in quotes", key_node)
            if name in result:
                first = self.lines[(*key, name)]
                raise self.error(f"'{name}' is given twice (also on line {first}); keep one", key_node)
            self.lines[(*key, name)] = key_node.start_mark.line + 1
            result[name] = value_node
        return result

    def instance(self, cls: type, root: Mapping[str, yaml.Node], type_name: str) -> Any:
        """``cls`` (a dataclass) from the root keys it declares; a missing required key is an error."""
        hints = typing.get_type_hints(cls)
        values = {}
        for declared in dataclasses.fields(cls):
            if declared.name in root:
                values[declared.name] = self.convert(root[declared.name], hints[declared.name], (declared.name,), f"'{declared.name}'")
            elif declared.default is dataclasses.MISSING:
                raise self.error(f"{type_name} rules need the key '{declared.name}': {declared.metadata['doc']}", None)
        return cls(**values)

    def convert(self, node: yaml.Node, expected: Any, key: tuple[Any, ...], name: str) -> Any:
        """The value of ``node`` as ``expected``; ``name`` says what it is in messages:
        "'tokens'", "each entry of 'tokens'"."""
        origin, arguments = typing.get_origin(expected), typing.get_args(expected)
        if origin in (typing.Union, types.UnionType):
            if self._is_null(node):
                return None
            (expected,) = [argument for argument in arguments if argument is not type(None)]
            return self.convert(node, expected, key, name)
        if origin is tuple:
            items = self._items(node, key, name, expected)
            entry = f"each entry of {name}"
            return tuple(self.convert(item, arguments[0], (*key, n), entry) for n, item in enumerate(items))
        if origin is dict:
            table = self.table(node, key, name)
            value_name = f"each value of {name}"
            return {k: self.convert(value, arguments[1], (*key, k), value_name) for k, value in table.items()}
        value = self._scalar(node) if isinstance(node, yaml.ScalarNode) else node
        if origin is Literal:
            if value not in arguments:
                raise self.error(f"{name} must be {_either(arguments)}, not {_shown(value)}", node)
            return value
        if expected is bool and isinstance(value, bool):
            return value
        if expected is int and isinstance(value, int) and not isinstance(value, bool):
            return value
        if expected is str and isinstance(value, str):
            return value
        raise self.error(f"{name} must be {_describe(expected)}, not {self._kind(node)}{_hint(expected, value)}", node)

    def _items(self, node: yaml.Node, key: tuple[Any, ...], name: str, expected: Any) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.error(f"{name} must be {_describe(expected)}, not {self._kind(node)}", node)
        for n, item in enumerate(node.value):
            self.lines[(*key, n)] = item.start_mark.line + 1
        return list(node.value)

    def _scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return node
        try:
            return self._constructor.construct_object(node, deep=True)
        except yaml.YAMLError as error:
            raise self.error(f"cannot read this value: {error}", node) from None

    def _is_null(self, node: yaml.Node) -> bool:
        return isinstance(node, yaml.ScalarNode) and self._scalar(node) is None

    def _kind(self, node: yaml.Node) -> str:
        if isinstance(node, yaml.MappingNode):
            return "a table"
        if isinstance(node, yaml.SequenceNode):
            return "a list"
        return _shown(self._scalar(node))


def _describe(expected: Any) -> str:
    origin, arguments = typing.get_origin(expected), typing.get_args(expected)
    if origin is tuple:
        return "a list of " + _plural(arguments[0])
    if origin is dict:
        return "a table of 'text: text' lines"
    if origin is Literal:
        return _either(arguments)
    return {str: "text", bool: "true or false", int: "a whole number"}[expected]


def _either(choices: Sequence[Any]) -> str:
    words = [str(choice) for choice in choices]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _plural(expected: Any) -> str:
    origin, arguments = typing.get_origin(expected), typing.get_args(expected)
    if origin is tuple:
        return "lists of " + _plural(arguments[0])
    if origin is Literal:
        return "values among " + ", ".join(str(a) for a in arguments)
    return {str: "texts", bool: "true/false values", int: "whole numbers"}[expected]


def _shown(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return repr(value)
    return f"{type(value).__name__} {value}"


def _hint(expected: Any, value: Any) -> str:
    if expected is str and isinstance(value, bool):
        return " (YAML reads yes, no, on and off as true or false: put the text in quotes)"
    if expected is str and value is not None and not isinstance(value, (yaml.Node, str)):
        return " (put it in quotes to make it text)"
    return ""


# --- the key reference --------------------------------------------------------------------


def pack_reference_markdown() -> str:
    """The key reference of pack rules, rendered from the declarations (Header, MatchingOptions
    and each rule type's options), so rules/README.md cannot drift from what the loader accepts."""
    shared = {declared.name for declared in dataclasses.fields(MatchingOptions)}
    lines = ["### Keys of every rule", "", *_key_table(Header, set())]
    lines.append(f"| `{_EXAMPLES_KEY}` | yes | a table | | `fail:` and `pass:`, each a non-empty list of examples (see below) |")
    lines += ["", "### Matching keys", "", "Every type that matches text (all but `glossary`) also takes these:", ""]
    lines += _key_table(MatchingOptions, set())
    for rule_type in RULE_TYPES.values():
        sides = (
            f"`side`: {', '.join(f'`{side}`' for side in rule_type.sides)} (default `{rule_type.sides[0]}`)"
            if rule_type.sides
            else "no `side` (it reads the texts its keys name)"
        )
        lines += ["", f"### `{rule_type.name}`", "", f"{rule_type.summary} Scope: {rule_type.scope.value}; {sides}.", ""]
        lines += _key_table(rule_type.options, shared)
        placeholders = "; ".join(f"`{{{name}}}` {meaning}" for name, meaning in rule_type.placeholders.items())
        default = f"`{rule_type.default_message}`" if rule_type.default_message is not None else "none (`message` is required)"
        lines += ["", f"Message placeholders: {placeholders}.", "", f"Default message: {default}"]
    return "\n".join(lines) + "\n"


def _key_table(cls: type, leave_out: set[str]) -> list[str]:
    hints = typing.get_type_hints(cls)
    rows = ["| key | required | value | default | meaning |", "| --- | --- | --- | --- | --- |"]
    for declared in dataclasses.fields(cls):
        if declared.name in leave_out:
            continue
        required = declared.default is dataclasses.MISSING
        expected = hints[declared.name]
        if typing.get_origin(expected) in (typing.Union, types.UnionType):
            (expected,) = [a for a in typing.get_args(expected) if a is not type(None)]
        default = "" if required else _yaml_value(declared.default)
        meaning = declared.metadata["doc"].replace("|", "\\|")
        rows.append(f"| `{declared.name}` | {'yes' if required else 'no'} | {_describe(expected)} | {default} | {meaning} |")
    return rows


def _yaml_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, tuple):
        return "`[" + ", ".join(str(v) for v in value) + "]`"
    return f"`{value}`"
